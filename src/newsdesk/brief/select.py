"""An extractive brief: 3-10 central, non-redundant sentences, preferring corroborated facts.

Each brief sentence is a fact's representative claim copied verbatim: its first citation
reproduces it exactly, the others point at the other articles stating the same fact. Sentences
are chosen greedily by a score (independent sources, how many of the story's articles state it,
centrality, closeness to the lead) and skipped when they repeat a sentence already chosen (same
fact, close embedding, or overlapping words); the chosen ones are told in the order the
articles tell them (leads first). Nothing is generated.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..checks import require_fractions
from ..compare.claims import Claim
from ..compare.facts import Fact, claim_rows, idf_weights, weighted_dice
from ..text.tokens import WORD


@dataclass(slots=True, frozen=True)
class BriefSettings:
    """How long the brief is and what makes two of its sentences redundant."""

    min_sentences: int = 3
    max_sentences: int = 10
    min_words: int = 6
    max_words: int = 60
    redundant_cosine: float = 0.75
    redundant_lexical: float = 0.45

    def __post_init__(self) -> None:
        if not 1 <= self.min_sentences <= self.max_sentences:
            raise ValueError(f"need 1 <= min_sentences <= max_sentences; got {self.min_sentences}, {self.max_sentences}")
        require_fractions(self, "redundant_cosine", "redundant_lexical")


def story_brief(
    facts: Sequence[Fact],
    claims: Sequence[Claim],
    fact_ids: Sequence[str],
    published: Mapping[str, str | None],
    embeddings: np.ndarray | None = None,
    settings: BriefSettings = BriefSettings(),
) -> list[dict]:
    """The brief in the format's shape: [{"text", "citations", "fact"}], in the order the articles tell it.

    `embeddings` has one L2-normalised row per claim (same order as `claims`), or is None.
    """
    row = claim_rows(claims)
    articles = {c.article for c in claims}
    if not facts or not articles:
        return []
    centroid = None
    if embeddings is not None and len(embeddings) == len(claims) and len(claims):
        centroid = embeddings.mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    idf = idf_weights(claims)
    candidates = []
    for f_index, fact in enumerate(facts):
        rep = fact.representative(published)
        words = len(WORD.findall(rep.text))
        if not settings.min_words <= words <= settings.max_words or rep.quote_share > 0.6:
            continue
        k = row.get((rep.article, rep.start))
        central = float(embeddings[k] @ centroid) if centroid is not None and k is not None else 0.0
        reach = len(fact.articles) / len(articles)
        score = (math.log2(1 + fact.independent_sources) + reach + central
                 + _lead_bonus(min(c.position for c in fact.claims))
                 - 0.6 * rep.pronoun_start - 0.4 * rep.quote_share - (0.5 if fact.status == "conflict" else 0.0))
        candidates.append((-score, rep.article, rep.start, f_index, rep, k))
    candidates.sort(key=lambda c: c[:3])
    wanted = min(settings.max_sentences, max(settings.min_sentences, 2 + len(articles)))
    chosen: list[tuple[int, Claim, int | None]] = []
    for _, _, _, f_index, rep, k in candidates:
        if len(chosen) >= wanted:
            break
        if any(_redundant(rep, k, other, ok, embeddings, idf, settings) for _, other, ok in chosen):
            continue
        chosen.append((f_index, rep, k))
    out = []
    chosen.sort(key=lambda x: (min(c.position for c in facts[x[0]].claims), x[1].article, x[1].start))
    for f_index, rep, _ in chosen:
        fact = facts[f_index]
        citations = [{"article": rep.article, "start": rep.start, "end": rep.end}]
        seen = {rep.article}
        for claim in sorted(fact.claims, key=lambda c: (c.article, c.start)):
            if claim.article not in seen:
                seen.add(claim.article)
                citations.append({"article": claim.article, "start": claim.start, "end": claim.end})
        out.append({"text": rep.text, "citations": citations, "fact": fact_ids[f_index]})
    return out


def _lead_bonus(position: float) -> float:
    """News puts the event first: an article's opening sentence counts most, then earlier ones."""
    return 1.0 if position < 0.03 else 0.4 * (1 - position)


def _redundant(a: Claim, ka: int | None, b: Claim, kb: int | None, embeddings, idf, settings: BriefSettings) -> bool:
    """Whether two sentences say (nearly) the same thing."""
    if embeddings is not None and ka is not None and kb is not None:
        if float(embeddings[ka] @ embeddings[kb]) >= settings.redundant_cosine:
            return True
    return a.language == b.language and weighted_dice(a.lemmas, b.lemmas, idf) >= settings.redundant_lexical
