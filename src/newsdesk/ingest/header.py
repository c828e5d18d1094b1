"""Metadata lines at the top of a plain text: which they are, what they say, where they sit in raw.

Two layouts are recognised, as layouts (nothing is keyed to particular words):

1. a date prefix at the very start, the body going on after it on the same line:
   `` date 2024-06 Nach Angaben ...`` -> published "2024-06", a "date line" removal;
2. a title line, blank lines, a line that is only a date, optionally one short tag
   line right under it, then a blank line and the body -> "title line", "date line",
   "tag line" removals. A date line may also open the text without a title.

A first line is taken as a title only when a date line confirms the layout; any other
text keeps everything as body. Removals cover each line's text without its newline,
so that raw[raw_start:raw_end] == text always holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.ingest.dates import parse_date_line
from newsdesk.model import Removal

_DATE_PREFIX = re.compile(
    r"\A[ \t]*(?:date|datum)[ \t]*:?[ \t]+"
    r"(?P<date>\d{4}-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)?)"
    r"(?:[ \t]+|(?=\n))",
    re.IGNORECASE,
)
_MAX_TITLE_CHARS = 300
_MAX_DATE_LINE_CHARS = 60
_MAX_TAG_CHARS = 60
_MAX_TAG_WORDS = 6
_SENTENCE_END = (".", "!", "?", ":", ";", ",", '"', "“", "”", "»", "«")


@dataclass(slots=True, frozen=True)
class Header:
    """What the top of a text states, and the raw spans that state it."""

    title: str | None = None
    published: str | None = None
    removals: tuple[Removal, ...] = ()


@dataclass(slots=True, frozen=True)
class _Line:
    start: int  # offset of the stripped text in raw
    end: int
    text: str  # stripped


_NO_HEADER = Header()


def read_header(raw: str) -> Header:
    """Find the metadata lines at the top of `raw` (nothing found: an empty Header)."""
    return _date_prefix(raw) or _header_lines(raw) or _NO_HEADER


def _date_prefix(raw: str) -> Header | None:
    match = _DATE_PREFIX.match(raw)
    if not match or not raw[match.end():].strip():
        return None
    published = parse_date_line(match.group("date"))
    if published is None:
        return None
    return Header(published=published, removals=(_removal(raw, 0, match.end(), "date line"),))


def _header_lines(raw: str) -> Header | None:
    if _first_line_chars(raw) > max(_MAX_TITLE_CHARS, _MAX_DATE_LINE_CHARS):
        return None  # neither a title nor a date line: the text opens with its body
    lines = _lines(raw, limit=8)
    first = next((i for i, line in enumerate(lines) if line is not None), None)
    if first is None:
        return None
    title: _Line | None = None
    date_index = first
    published = _date_of(lines[first])
    if published is None:
        title = lines[first]
        if not _could_be_title(title.text):
            return None
        date_index = next((i for i in range(first + 1, len(lines)) if lines[i] is not None), None)
        if date_index is None or _date_of(lines[date_index]) is None:
            return None
        published = _date_of(lines[date_index])
    date_line = lines[date_index]
    tag = _tag_after(lines, date_index)
    last = tag if tag is not None else date_line
    if not raw[last.end:].strip():
        return None  # no body would be left: keep everything as body
    removals = []
    if title is not None:
        removals.append(_removal(raw, title.start, title.end, "title line"))
    removals.append(_removal(raw, date_line.start, date_line.end, "date line"))
    if tag is not None:
        removals.append(_removal(raw, tag.start, tag.end, "tag line"))
    return Header(title=title.text if title else None, published=published, removals=tuple(removals))


def _could_be_title(text: str) -> bool:
    """A headline is short and does not end like a sentence ("..." of a cut headline is fine)."""
    if len(text) > _MAX_TITLE_CHARS:
        return False
    return not text.endswith(".") or text.endswith(("...", "…"))


def _date_of(line: _Line) -> str | None:
    if len(line.text) > _MAX_DATE_LINE_CHARS:
        return None
    published = parse_date_line(line.text)
    if published is None or len(published) < len("2024-06"):
        return None  # a bare year is not a date line
    return published


def _tag_after(lines: list[_Line | None], date_index: int) -> _Line | None:
    """One short label line right under the date line, followed by a blank line."""
    if date_index + 2 >= len(lines):
        return None
    tag, after = lines[date_index + 1], lines[date_index + 2]
    if tag is None or after is not None:
        return None
    if len(tag.text) > _MAX_TAG_CHARS or len(tag.text.split()) > _MAX_TAG_WORDS:
        return None
    if tag.text.endswith(_SENTENCE_END):
        return None
    return tag


def _first_line_chars(raw: str) -> int:
    """The length of the first non-blank line, stripped, without splitting the text into lines."""
    start = len(raw) - len(raw.lstrip())
    end = raw.find("\n", start)
    return len((raw[start:] if end < 0 else raw[start:end]).rstrip())


def _lines(raw: str, limit: int) -> list[_Line | None]:
    """The first `limit` lines (None for a blank one), with the offsets of their stripped text."""
    lines: list[_Line | None] = []
    position = 0
    while position <= len(raw) and len(lines) < limit:
        newline = raw.find("\n", position)
        end = len(raw) if newline == -1 else newline
        text = raw[position:end]
        stripped = text.strip()
        if stripped:
            start = position + (len(text) - len(text.lstrip()))
            lines.append(_Line(start, start + len(stripped), stripped))
        else:
            lines.append(None)
        if newline == -1:
            break
        position = newline + 1
    return lines


def _removal(raw: str, start: int, end: int, reason: str) -> Removal:
    return Removal(text=raw[start:end], reason=reason, raw_start=start, raw_end=end)
