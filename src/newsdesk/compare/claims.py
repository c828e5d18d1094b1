"""Claim units of a story: each sentence of each article, with what the facts stage compares.

A `Claim` is one sentence (article.text[start:end]) with its content lemmas, the story entities
it names, its anchored dates (from the time tagger, resolved against the article's date or the
story's), its quantities (from the number tagger, minus those that are times), the primary source
it relays ("nach Angaben des Kreml", "laut KCNA", a quote's speaker), and the wire text it copies.
`story_claims` is pure: it reads the story's articles and the sections already computed for them.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..extract.numbers import Quantity, find_numbers
from ..extract.timex import WEEKDAYS, Timex, article_reference, find_timexes
from ..model import Article
from ..text.sentences import split_sentences
from ..text.tokens import WORD, fold, lemma, stopwords

MIN_WORDS = 4
"""Shorter sentences (crossheads, "Mehr folgt.") are no claims."""
MAX_CHARS = 1200
"""Longer "sentences" are unsplit paragraphs or lists: no single claim."""


@dataclass(slots=True, frozen=True)
class Claim:
    """One sentence of one article, as the facts stage compares it."""

    article: str
    start: int
    end: int
    text: str
    language: str
    position: float
    """Where the sentence stands in its article, 0 (lead) .. 1 (last)."""
    lemmas: frozenset[str]
    """Content words (lemmas, case-folded), without numbers and time expressions."""
    frame: frozenset[str]
    """The content words without the names of places either: what a claim says besides its values."""
    entities: tuple[str, ...]
    place_spans: tuple[tuple[str, int, int], ...]
    """(place entity id, start, end) of each place named, offsets into the article."""
    timexes: tuple[Timex, ...]
    quantities: tuple[Quantity, ...]
    attributed_to: str | None = None
    """The story entity the sentence relays ("nach Angaben des Kreml", a quote's speaker), if any."""
    copy_of: str | None = None
    """The article this sentence was copied from (the wire text's origin), when it is a copy."""
    wire: tuple[str, str | None] | None = None
    """(wire id, origin article) of the wire text the article shares copy of, when it does."""
    pronoun_start: bool = False
    """The sentence opens with a word that points back ("Er", "Dies", "Danach"): weak alone in a brief."""
    quote_share: float = 0.0
    """How much of the sentence is inside quotation marks."""

    @property
    def places(self) -> tuple[str, ...]:
        """The ids of the story's LOC entities named in the sentence."""
        return tuple(sorted({place for place, _, _ in self.place_spans}))

    @property
    def dated(self) -> tuple[str, ...]:
        """The years, months and days its time expressions stand for (each day of a list), ISO."""
        return tuple(dict.fromkeys(day for t in self.timexes for day in t.days))


RELAY = {
    "de": re.compile(r"\b(?:nach\s+(?:eigenen\s+)?Angaben|laut|zufolge|unter\s+Berufung\s+auf)\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:according\s+to|citing)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:selon|d['’]après)\b", re.IGNORECASE),
}
"""Words that relay a primary source; the source is the named organisation or person next to them."""

BACK_POINTERS = {
    "de": frozenset("er sie es dies dieser diese dieses das dort danach dabei damit daher deshalb außerdem "
                    "zudem auch aber doch jedoch trotzdem dennoch anschließend ihm ihr ihn ihnen".split()),
    "en": frozenset("he she it they this that these those there then also but however meanwhile".split()),
    "fr": frozenset("il elle ils elles ce cela ceci cette ces là puis ensuite aussi mais cependant".split()),
}


def content_lemmas(text: str, language: str, masked: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
    """The content words of `text` as lemmas, leaving out stop words, numbers and the `masked` spans."""
    stop = stopwords(language if language in ("de", "en", "fr") else "en")
    out = set()
    for match in WORD.finditer(text):
        if any(s <= match.start() < e for s, e in masked):
            continue
        word = match.group()
        if any(ch.isdigit() for ch in word) or fold(word) in stop or len(word) < 2:
            continue
        out.add(lemma(word, language))
    return frozenset(out - stop)


QUOTED = re.compile(r"„[^“”\"]*[“”\"]|»[^«]*«|«[^»]*»|“[^”]*”|\"[^\"]*\"")
"""A quoted passage in any of the German, English or French conventions."""


def _quote_share(text: str) -> float:
    """The share of the sentence's characters inside quotation marks."""
    return sum(len(m.group()) for m in QUOTED.finditer(text)) / max(1, len(text))


def names_weekday(text: str, language: str) -> bool:
    """Whether `text` names a weekday ("Donnerstag", "Dienstagabend", "jeudi")."""
    names = WEEKDAYS.get(language, WEEKDAYS["en"])
    return any(w.casefold().startswith(n) for w in WORD.findall(text) for n in names)


def is_weekday_timex(timex: Timex, language: str) -> bool:
    """True when the expression names its days by weekday only ("am Donnerstag und Freitag")."""
    return names_weekday(timex.text, language) and not any(ch.isdigit() for ch in timex.text)


def story_claims(
    articles: Sequence[Article],
    entity_mentions: Mapping[str, Sequence[tuple[int, int, str, str]]],
    attributions: Mapping[str, Sequence[tuple[int, int, str]]] = {},
    copies: Mapping[str, Sequence[tuple[int, int, str]]] = {},
    wires: Mapping[str, tuple[str, str | None]] = {},
) -> list[Claim]:
    """Every sentence of every article that is a claim, in article then text order.

    `entity_mentions`: article id -> (start, end, entity id, type) of the story's entities;
    `attributions`: article id -> (start, end, entity id) spans relayed from a named source
    (quotes with a speaker); `copies`: article id -> (start, end, origin article id) of passages
    copied from another article's wire text; `wires`: article id -> (wire id, origin) of its wire.
    """
    story_dates = [a.published for a in articles]
    claims: list[Claim] = []
    for article in sorted(articles, key=lambda a: a.id):
        language = article.language if article.language in ("de", "en", "fr") else "en"
        reference = article_reference(article.published, story_dates)
        timexes = find_timexes(article.text, language, reference)
        quantities = [q for q in find_numbers(article.text, language)
                      if not any(t.start < q.end and q.start < t.end for t in timexes)
                      and not aside(article.text, q)]
        mentions = sorted(entity_mentions.get(article.id, ()))
        spans = split_sentences(article.text, language)
        length = max(1, len(article.text))
        for start, end in spans:
            text = article.text[start:end]
            words = WORD.findall(text)
            if len(words) < MIN_WORDS or len(text) > MAX_CHARS:
                continue
            inside = [m for m in mentions if m[0] >= start and m[1] <= end]
            entity_ids = tuple(sorted({m[2] for m in inside}))
            own_timexes = tuple(t for t in timexes if t.start >= start and t.end <= end)
            own_quantities = tuple(q for q in quantities if q.start >= start and q.end <= end)
            masked = [(t.start - start, t.end - start) for t in own_timexes]
            masked += [(q.start - start, q.end - start) for q in own_quantities]
            place_spans = [(m[0] - start, m[1] - start) for m in inside if m[3] == "LOC"]
            claims.append(Claim(
                article=article.id, start=start, end=end, text=text, language=language,
                position=start / length,
                lemmas=content_lemmas(text, language, masked),
                frame=content_lemmas(text, language, masked + place_spans),
                entities=entity_ids,
                place_spans=tuple((m[2], m[0], m[1]) for m in inside if m[3] == "LOC"),
                timexes=own_timexes, quantities=own_quantities,
                attributed_to=_attribution(article, start, end, language, inside, attributions.get(article.id, ())),
                copy_of=_copy_origin(start, end, copies.get(article.id, ())),
                wire=wires.get(article.id),
                pronoun_start=words[0].casefold() in BACK_POINTERS.get(language, frozenset()),
                quote_share=_quote_share(text),
            ))
    return claims


CLOCK_BEFORE = re.compile(r"\d[:.]$")
DIGITS_BEFORE = re.compile(r"\d[ \u00a0]?$")
LEADING_ZERO = re.compile(r"0\d")
PARENTHESIS = re.compile(r"\([^()]*$")
OTHER = re.compile(r"\b(?:other|others|weitere[nrms]?|andere[nrms]?|autres?)\b", re.IGNORECASE)


def aside(text: str, quantity: Quantity) -> bool:
    """A number that is no figure of the claim: a clock time ("20:09 IST"), a group of a phone
    number ("0800 555 111"), one in parentheses right after another figure (a conversion:
    "$US1 million ($1.52 million)"), or a part of a whole ("two other victims")."""
    before = text[max(0, quantity.start - 40):quantity.start]
    grouped = quantity.text[:1].isdigit() and DIGITS_BEFORE.search(before)
    if CLOCK_BEFORE.search(before) or grouped or LEADING_ZERO.match(quantity.text):
        return True  # a clock time, or a group of a phone or file number ("0800 555 111")
    bracket = PARENTHESIS.search(before)
    if bracket and re.search(r"\d\s*[^\W\d]*\.?\s*$", before[:bracket.start()]):
        return True  # a conversion right after another figure
    return bool(OTHER.search(quantity.text) or OTHER.match(text, quantity.end + 1))


def _attribution(article: Article, start: int, end: int, language: str,
                 mentions: Sequence[tuple[int, int, str, str]],
                 attributions: Sequence[tuple[int, int, str]]) -> str | None:
    """The primary source the sentence relays: a quote's speaker covering most of it, else an
    organisation, person or place (a government by its seat: "nach Angaben des Kreml") named right
    after "nach Angaben"/"laut"/"according to" or before "zufolge"."""
    length = end - start
    best: tuple[int, str] | None = None
    for a_start, a_end, entity in attributions:
        overlap = min(end, a_end) - max(start, a_start)
        if overlap > 0.4 * length and (best is None or overlap > best[0]):
            best = (overlap, entity)
    if best is not None:
        return best[1]
    pattern = RELAY.get(language)
    if pattern is None:
        return None
    text = article.text
    for match in pattern.finditer(text, start, end):
        postposed = match.group().casefold() == "zufolge"
        for m_start, m_end, entity, kind in mentions:
            if kind == "OTH":
                continue
            if postposed:
                gap = text[m_end:match.start()] if m_end <= match.start() else None
            else:
                gap = text[match.end():m_start] if m_start >= match.end() else None
            if gap is not None and len(gap) <= 24 and not re.search(r"[.,;:!?]", gap) \
                    and len(WORD.findall(gap)) <= 3 and not any(w[0].isupper() for w in WORD.findall(gap)):
                return entity  # only articles, prepositions, adjectives between: "nach Angaben aus dem Kreml"
    return None


def _copy_origin(start: int, end: int, copies: Sequence[tuple[int, int, str]]) -> str | None:
    """The origin of a copied passage covering most of the sentence, else None."""
    length = end - start
    for c_start, c_end, origin in copies:
        if min(end, c_end) - max(start, c_start) > 0.5 * length:
            return origin
    return None
