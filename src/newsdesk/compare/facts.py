"""Facts of a story: the claims its articles make, aligned across sources, with status and conflicts.

Claims (sentences, `compare.claims`) of different articles state the same fact when their
content words overlap enough (IDF-weighted Dice, one language) or their multilingual sentence
embeddings are close (paraphrase, translation), or when one is a wire copy of the other. Two
claims are compared for conflicting values (`compare.conflicts`) when they restate one statement
but for its values, or when they date one event at one place ("am 19. und 20. Juni Vietnam
besuchen" / "Besuch in Vietnam am Donnerstag und Freitag"). Claims in conflict are never merged.

A fact's independent sources count copies of one wire text once (a passage the reuse stage
aligned, or the same sentence in two articles of one wire) and claims relayed from one
primary source ("nach Angaben des Kreml") once: five outlets repeating the Kremlin are one claim
by the Kremlin, `attributed_to` says so, and it is `single` unless someone else states it too.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..checks import require_fractions
from ..groups import Groups
from ..model import content_id
from .claims import Claim
from .conflicts import Conflict, date_conflict, event_timexes, explicit_timex, is_sentence, restatement_conflict


@dataclass(slots=True, frozen=True)
class FactSettings:
    """When claims state one fact, and when two are compared for conflicting values."""

    same_lexical: float = 0.6
    """Weighted Dice of content lemmas (one language) from which two claims state one fact."""
    same_cosine: float = 0.85
    """Embedding cosine (one language) from which two claims state one fact, with some shared words."""
    paraphrase_cosine: float = 0.74
    paraphrase_lexical: float = 0.33
    """A paraphrase (one language) needs both this cosine and this weighted Dice: within one story
    every sentence is on topic, so closeness alone does not make two sentences one fact."""
    cross_cosine: float = 0.72
    """Embedding cosine across languages (translations) from which two claims state one fact."""
    copy_lexical: float = 0.35
    """Weighted Dice enough for a copied sentence (inside a passage the reuse stage aligned)."""
    restate_lexical: float = 0.6
    """Weighted Dice of the words besides the values (numbers, dates, places) from which two claims
    are compared value by value."""
    restate_cosine: float = 0.9
    """Embedding cosine from which two claims are compared value by value (with restate_lexical / 2)."""
    event_days: int = 31
    """Two days further apart than this are two events (an earlier visit), not one dated wrongly."""
    event_window: int = 40
    """Characters between a date and the place it dates for an event-date comparison."""
    event_cosine: float = 0.4
    """Embedding cosine two sentences dating one event at one place need at least (same topic)."""
    use_embeddings: bool = True
    """Compare sentences with multilingual embeddings too (paraphrase, translation); off: words only."""

    def __post_init__(self) -> None:
        require_fractions(self, "same_lexical", "same_cosine", "paraphrase_cosine", "paraphrase_lexical",
                          "cross_cosine", "copy_lexical", "restate_lexical", "restate_cosine", "event_cosine")
        if self.event_days < 0 or self.event_window < 0:
            raise ValueError("event_days and event_window must be >= 0")


@dataclass(slots=True)
class Fact:
    """Claims of one or more articles that state the same thing."""

    claims: list[Claim]
    id: str = ""
    status: str = "single"
    independent_sources: int = 1
    attributed_to: str | None = None
    conflicts: list[tuple[int, Conflict]] = field(default_factory=list)
    """(index of the other fact, conflict) pairs."""

    @property
    def articles(self) -> list[str]:
        return sorted({c.article for c in self.claims})

    def representative(self, published: Mapping[str, str | None]) -> Claim:
        """The claim that stands for the fact (see `representative`)."""
        return representative(self.claims, published)

    def copy_of(self, claim: Claim) -> str | None:
        """The wire origin a support copies: from the reuse passages, or when another article of
        the same wire states the fact too (their shared sentence is the wire's)."""
        if claim.copy_of is not None:
            return claim.copy_of
        if claim.wire is None or claim.wire[1] in (None, claim.article):
            return None
        if any(c.article != claim.article and c.wire == claim.wire for c in self.claims):
            return claim.wire[1]
        return None

    def to_json(self, ids: Sequence[str], published: Mapping[str, str | None]) -> dict:
        rep = self.representative(published)
        numbers = sorted({(q.value, q.unit) for c in self.claims for q in c.quantities},
                         key=lambda n: (n[1] or "", n[0]))
        return {
            "id": self.id,
            "text": rep.text,
            "status": self.status,
            "support": [{"article": c.article, "start": c.start, "end": c.end, "copy_of": self.copy_of(c)}
                        for c in sorted(self.claims, key=lambda c: (c.article, c.start))],
            "independent_sources": self.independent_sources,
            "attributed_to": self.attributed_to,
            "entities": sorted({e for c in self.claims for e in c.entities}),
            "dates": sorted({d for c in self.claims for d in c.dated}),
            "numbers": [{"value": v, "unit": u} for v, u in numbers],
            "conflicts": [{"fact": ids[j], "kind": c.kind, "reason": c.reason}
                          for j, c in sorted(self.conflicts, key=lambda x: (ids[x[0]], x[1].kind))],
        }


def representative(claims: Sequence[Claim], published: Mapping[str, str | None]) -> Claim:
    """The claim that stands for several stating one thing: a self-contained sentence, an original
    over a copy, the earliest article (date, then id)."""
    return min(claims, key=lambda c: (c.pronoun_start, c.copy_of is not None,
                                      published.get(c.article) or "9999", c.article, c.start))


def claim_rows(claims: Sequence[Claim]) -> dict[tuple[str, int], int]:
    """(article, start) -> the claim's index in `claims` (its row in the embeddings)."""
    return {(c.article, c.start): k for k, c in enumerate(claims)}


def idf_weights(claims: Sequence[Claim]) -> dict[str, float]:
    """Inverse document frequency of each lemma over the story's claims."""
    df: dict[str, int] = defaultdict(int)
    for claim in claims:
        for word in claim.lemmas:
            df[word] += 1
    n = len(claims)
    return {w: math.log(1 + n / d) for w, d in df.items()}


def weighted_dice(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """2 * weight(shared) / (weight(a) + weight(b)) over content lemmas, 0..1."""
    if not a or not b:
        return 0.0
    shared = sum(idf.get(w, 1.0) for w in a & b)
    total = sum(idf.get(w, 1.0) for w in a) + sum(idf.get(w, 1.0) for w in b)
    return 2 * shared / total if total else 0.0


def _prefixes(words: frozenset[str], length: int = 5) -> frozenset[str]:
    return frozenset(w[:length] for w in words if len(w) >= length)


def event_date_conflict(a: Claim, b: Claim, window: int, max_days: int, cosine: float | None = None,
                        min_cosine: float = 0.0) -> Conflict | None:
    """Two claims that date an event at one place (a shared place named next to the date, a shared
    event word: "besuchen"/"Besuch") with days that cannot both be right. A place that is the
    claim's source ("nach Angaben aus dem Kreml") is not where the event happens."""
    if cosine is not None and cosine < min_cosine:
        return None
    if not (is_sentence(a) and is_sentence(b)):
        return None  # headlines and labels are too terse to tell one event from another
    shared = (set(a.places) - {a.attributed_to}) & (set(b.places) - {b.attributed_to})
    if not shared or not (_prefixes(a.frame) & _prefixes(b.frame)):
        return None
    pairs_a = _dated_places(a, shared, window)
    pairs_b = _dated_places(b, shared, window)
    for place in sorted(set(pairs_a) & set(pairs_b)):
        ta, tb = pairs_a[place], pairs_b[place]
        found = date_conflict(a, ta, b, tb, max_days=max_days)
        if found is not None:
            return found
    return None


def _dated_places(claim: Claim, places: set[str], window: int) -> dict:
    """Place entity id -> the one date expression named within `window` characters of it."""
    out: dict = {}
    dates = [t for t in event_timexes(claim) if explicit_timex(t)]
    for place in sorted(places):
        spans = [(s, e) for p, s, e in claim.place_spans if p == place]
        near = {(t.start, t.end): t for t in dates for s, e in spans
                if 0 <= t.start - e <= window or 0 <= s - t.end <= window}
        if len(near) == 1:
            out[place] = next(iter(near.values()))
    return out


def candidate_pairs(claims: Sequence[Claim], idf: Mapping[str, float], embeddings: np.ndarray | None,
                    settings: FactSettings, block: int = 1024):
    """Pairs (i, j, cosine), i < j, of claims in different articles worth comparing: shared weighted
    words, close embeddings, or a shared place both date. Sparse products, not all pairs in Python."""
    from scipy import sparse

    n = len(claims)
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for k, claim in enumerate(claims):
        for word in claim.lemmas:
            rows.append(k)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append(idf.get(word, 1.0))
    weighted = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))))
    binary = weighted.copy()
    binary.data[:] = 1.0
    totals = np.asarray(weighted.sum(axis=1)).ravel()
    shared = (weighted @ binary.T).tocoo()
    floor = min(0.25, settings.copy_lexical, settings.restate_lexical / 2)
    found: set[tuple[int, int]] = set()
    for i, j, s in zip(shared.row, shared.col, shared.data):
        if i < j and 2 * s / (totals[i] + totals[j]) >= floor:
            found.add((int(i), int(j)))
    if embeddings is not None:
        bar = min(settings.cross_cosine, settings.same_cosine, settings.paraphrase_cosine, settings.restate_cosine)
        for start in range(0, n, block):
            sims = embeddings[start:start + block] @ embeddings.T
            for i, j in zip(*np.nonzero(sims >= bar)):
                i = int(i) + start
                if i < j:
                    found.add((i, int(j)))
    by_place: dict[str, list[int]] = defaultdict(list)
    for k, claim in enumerate(claims):
        if claim.dated:
            for place in claim.places:
                by_place[place].append(k)
    for members in by_place.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                found.add((i, j))
    for i, j in sorted(found):
        if claims[i].article != claims[j].article:
            cos = float(embeddings[i] @ embeddings[j]) if embeddings is not None else 0.0
            yield i, j, cos


def story_facts(
    claims: Sequence[Claim],
    *,
    place_names: Mapping[str, str] = {},
    contains=lambda a, b: False,
    embeddings: np.ndarray | None = None,
    settings: FactSettings = FactSettings(),
) -> list[Fact]:
    """The facts the claims state, with status, independent sources, attribution and conflicts.

    `place_names`: place entity id -> name;
    `contains(x, y)`: place x lies in place y; `embeddings`: one L2-normalised row per claim.
    """
    claims = list(claims)
    n = len(claims)
    if embeddings is not None and len(embeddings) != n:
        raise ValueError(f"embeddings must have one row per claim; got {len(embeddings)} rows for {n} claims")
    idf = idf_weights(claims)
    names = dict(place_names)
    links: list[tuple[float, int, int]] = []
    conflicts: dict[tuple[int, int], Conflict] = {}
    for i, j, cos in candidate_pairs(claims, idf, embeddings, settings):
        a, b = claims[i], claims[j]
        same_language = a.language == b.language
        dice = weighted_dice(a.lemmas, b.lemmas, idf) if same_language else 0.0
        frame = weighted_dice(a.frame, b.frame, idf) if same_language else 0.0
        restates = same_language and (frame >= settings.restate_lexical
                                      or (cos >= settings.restate_cosine and frame >= settings.restate_lexical / 2))
        restates = restates or (not same_language and cos >= settings.cross_cosine and _share_values(a, b))
        found = restatement_conflict(a, b, names, contains) if restates else None
        if found is None:
            found = event_date_conflict(a, b, settings.event_window, settings.event_days,
                                        cos if embeddings is not None else None, settings.event_cosine)
        if found is not None:
            conflicts[(i, j)] = found
            continue
        copied = (a.copy_of == b.article or b.copy_of == a.article
                  or (a.copy_of is not None and a.copy_of == b.copy_of))
        if same_language:
            same = (dice >= settings.same_lexical or (cos >= settings.same_cosine and dice >= 0.25)
                    or (cos >= settings.paraphrase_cosine and dice >= settings.paraphrase_lexical))
            same = same or (copied and dice >= settings.copy_lexical)
            score = max(dice, cos)
        else:
            same = cos >= settings.cross_cosine
            score = cos
        if same:
            links.append((score, i, j))

    groups = Groups(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    blocked: dict[int, set[int]] = {}
    for i, j in conflicts:
        blocked.setdefault(i, set()).add(j)
        blocked.setdefault(j, set()).add(i)
    for score, i, j in sorted(links, key=lambda x: (-x[0], _order(claims[x[1]]), _order(claims[x[2]]))):
        gi, gj = groups.find(i), groups.find(j)
        if gi == gj:
            continue
        if any(k in blocked.get(m, ()) for m in members[gi] for k in members[gj]):
            continue
        if {claims[m].article for m in members[gi]} & {claims[k].article for k in members[gj]}:
            continue  # one claim per article: chains of loose links must not pull in its other sentences
        groups.join(gi, gj)
        root = groups.find(gi)
        merged = members.pop(gi) + members.pop(gj)
        members[root] = sorted(merged)

    facts: list[Fact] = []
    index_of: dict[int, int] = {}
    for idx in sorted(members.values(), key=lambda idx: min(_order(claims[k]) for k in idx)):
        group = [claims[k] for k in idx]
        involved = any(k in blocked for k in idx)
        if len({c.article for c in group}) < 2 and not involved and not _checkable(group[0]):
            continue
        for k in idx:
            index_of[k] = len(facts)
        facts.append(Fact(group))
    for (i, j), conflict in conflicts.items():
        fi, fj = index_of.get(i), index_of.get(j)
        if fi is None or fj is None or fi == fj:
            continue
        if all(other != fj for other, _ in facts[fi].conflicts):
            facts[fi].conflicts.append((fj, conflict))
            facts[fj].conflicts.append((fi, conflict))
    for fact in facts:
        _assess(fact)
        fact.id = content_id("fact", *(f"{c.article}:{c.start}:{c.end}" for c in sorted(fact.claims, key=_order)))
    return facts


def _order(claim: Claim) -> tuple[str, int]:
    return claim.article, claim.start


def _share_values(a: Claim, b: Claim) -> bool:
    """Across languages, translations are compared value by value only when they name a shared entity."""
    return bool(set(a.entities) & set(b.entities))


def _checkable(claim: Claim) -> bool:
    """A claim a reader could check: it names someone or something, a date or a number."""
    return bool(claim.entities or claim.dated or claim.quantities)


def _origin(claim: Claim) -> tuple[str, str]:
    """Where a claim's words come from: its wire text, the article it copies, or its own article."""
    if claim.wire is not None:
        return "wire", claim.wire[0]
    if claim.copy_of is not None:
        return "article", claim.copy_of
    return "article", claim.article


def _assess(fact: Fact) -> None:
    """Status, independent sources and primary source of a fact from its claims.

    One source per wire text or article the words come from; copies of a text that relays a
    primary source count as that source, like every other claim relaying it."""
    attributions = {c.attributed_to for c in fact.claims if c.attributed_to}
    fact.attributed_to = next(iter(attributions)) if len(attributions) == 1 else None
    origins = {id(c): _origin(c) for c in fact.claims}
    relayed: dict[tuple[str, str], str] = {}
    for claim in sorted(fact.claims, key=_order):
        if claim.attributed_to:
            relayed.setdefault(origins[id(claim)], claim.attributed_to)
    sources = set()
    for claim in fact.claims:
        source = claim.attributed_to or relayed.get(origins[id(claim)])
        sources.add(("source", source) if source else origins[id(claim)])
    fact.independent_sources = len(sources)
    if fact.conflicts:
        fact.status = "conflict"
    elif fact.independent_sources >= 2:
        fact.status = "corroborated"
    else:
        fact.status = "single"
