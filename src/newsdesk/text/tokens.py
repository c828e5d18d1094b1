"""Word tokens with offsets: letters and digits, with inner hyphens, apostrophes and dots kept.

"Kim Jong-un", "11.000", "aujourd'hui", "z.B." are one token each, so that overlap measures and
later stages (entities, numbers) agree on what a word is. `fold`, `stopwords` and `lemma` give
the form that stages comparing content words (stories, facts) match on.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word in `text`, in order."""
    return [m.span() for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The words of `text`, case-folded: the form overlap and matching compare."""
    return [m.group().casefold() for m in WORD.finditer(text)]


def fold(token: str) -> str:
    """Lower case without diacritics: "Pjöngjang" -> "pjongjang", so name variants meet."""
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@lru_cache(maxsize=8)
def stopwords(language: str) -> frozenset[str]:
    """The stopwords-iso list of a language, folded (empty for a language it lacks)."""
    try:
        import stopwordsiso

        words = stopwordsiso.stopwords(language) or set()
    except Exception:  # an unknown language has no list: every word counts
        words = set()
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=200_000)
def lemma(token: str, language: str) -> str:
    """The folded lemma of a word (simplemma); the folded word itself for a language simplemma lacks."""
    try:
        import simplemma

        return fold(simplemma.lemmatize(token, lang=language))
    except Exception:
        return fold(token)
