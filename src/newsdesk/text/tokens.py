"""Word tokens with offsets: letters and digits, with inner hyphens, apostrophes and dots kept.

"Kim Jong-un", "11.000", "aujourd'hui", "z.B." are one token each, so that overlap measures and
later stages (entities, numbers) agree on what a word is.
"""
from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word in `text`, in order."""
    return [m.span() for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The words of `text`, case-folded: the form overlap and matching compare."""
    return [m.group().casefold() for m in WORD.finditer(text)]
