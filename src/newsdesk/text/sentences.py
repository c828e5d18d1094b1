"""Paragraphs and sentences of news text, as offsets, for German, English and French.

Rules rather than a model: a full stop ends a sentence unless it closes an abbreviation (shipped
as data, per language), an initial ("John F. Kennedy"), an ordinal ("am 19. Juni") or a number;
closing quotes after the stop belong to the sentence; the next sentence must not start in lower
case; a blank line always ends a sentence, and so does a line break after a line that does not run
on (a crosshead is its own sentence). Hard-wrapped text whose lines end mid-sentence in front of a
capitalised word is split there: scraped news rarely wraps, and a crosshead must never glue to
the paragraph below it.
"""
from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

TERMINATOR = re.compile(r"[.!?…]+")
CLOSING = "\"'“”’‘»«)]"
OPENING = "\"'„“‚‘»«([¿¡<"
RUNS_ON = ",;:-–—(/&+"
"""A line ending in one of these continues on the next line."""
INITIALISM = re.compile(r"(?:\w\.)+\w", re.UNICODE)
"""Letters with inner dots, "z.B", "U.S", "d.h", "e.g": always an abbreviation before the last dot."""

DASH_WORD = re.compile(r"[-–—]\s*(\w)")
SPACED_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")
"""French closes a quote with a space before the guillemet: « Nous sommes prêts. »"""
WORD = re.compile(r"\w+")

GERMAN_ORDINAL_NOUNS = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember "
    "jan feb febr mär apr jun jul aug sep sept okt nov dez "
    "jahrhundert jahrhunderts jahrhunderten jahrtausend jahrtausends mal platz platzes rang runde "
    "spieltag spieltags stock stockwerk etage klasse liga geburtstag geburtstags jahrestag jahrestags "
    "todestag todestags legislaturperiode kalenderwoche kw lebensjahr lebensjahres grades grad "
    "weltkrieg weltkriegs weltkrieges parteitag bundesliga symphonie sinfonie amendment armee division "
    "etappe minute minuten satz satzes akt kapitel artikel absatz".split()
)
GERMAN_BEFORE_ORDINAL = frozenset(
    "am vom zum im beim bis ab seit zur der die das dem den des ein eine einem einen eines "
    "und oder bzw sowie vor nach um zwischen ihr ihre ihrem ihren sein seine seinem seinen "
    "dieses diesem diesen dieser jedes jeden jedem".split()
)


@cache
def _abbreviations(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(as written, lower case) abbreviations for `language`; unknown languages use English."""
    data = json.loads(resources.files("newsdesk.text").joinpath("data/abbreviations.json").read_text("utf-8"))
    entries = list(data["all"]) + list(data.get(language, data["en"]))
    exact = frozenset(e for e in entries if e != e.casefold())
    lower = frozenset(e for e in entries if e == e.casefold())
    return exact, lower


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _runs_on(line: str, next_line: str) -> bool:
    """Whether `line` continues on `next_line` (both non-blank)."""
    head = next_line.lstrip()[0]
    return line.rstrip()[-1] in RUNS_ON or head.islower()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, stripped: blocks between blank lines, and lines that do not run on."""
    spans: list[tuple[int, int]] = []
    start = end = None
    previous = ""
    for line_start, line_end in _line_spans(text):
        line = text[line_start:line_end]
        if not line.strip():
            if start is not None:
                spans.append((start, end))
            start = None
            continue
        if start is not None and not _runs_on(previous, line):
            spans.append((start, end))
            start = None
        if start is None:
            start = line_start + (len(line) - len(line.lstrip()))
        end = line_start + len(line.rstrip())
        previous = line
    if start is not None:
        spans.append((start, end))
    return spans


def split_sentences(text: str, language: str = "de") -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, stripped, in order; sentences never cross paragraphs."""
    spans: list[tuple[int, int]] = []
    for para_start, para_end in paragraphs(text):
        start = para_start
        for end, next_start in _boundaries(text, para_start, para_end, language):
            spans.append((start, end))
            start = next_start
        spans.append((start, para_end))
    return spans


def _boundaries(text: str, para_start: int, para_end: int, language: str):
    """(end of a sentence, start of the next) inside one paragraph."""
    for match in TERMINATOR.finditer(text, para_start, para_end):
        end = match.end()
        while end < para_end and text[end] in CLOSING:
            end += 1
        if language == "fr":
            spaced = SPACED_GUILLEMET.match(text, end, para_end)
            if spaced:
                end = spaced.end()
        if end >= para_end or not text[end].isspace():
            continue
        next_start = end
        while text[next_start].isspace():
            next_start += 1
        if _ends_sentence(text, para_start, match, next_start, language):
            yield end, next_start


def _ends_sentence(text: str, para_start: int, stop: re.Match, next_start: int, language: str) -> bool:
    head = text[next_start]
    if head.islower() or head in ",;:":
        return False
    if head in "-–—":
        after = DASH_WORD.match(text, next_start)
        if after and after.group(1).islower():
            return False  # „Ja.“ – und ging.
    mark = stop.group()
    word_start = stop.start()
    while word_start > para_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:stop.start()].lstrip(OPENING)
    if mark in ("...", "…") or mark.startswith("…"):
        return not (stop.start() > para_start and text[stop.start() - 1] in "[(")
    if mark != ".":
        return True
    if not word:
        return True
    exact, lower = _abbreviations(language)
    if word in exact or word.casefold() in lower or INITIALISM.fullmatch(word):
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    if word[-1:].isdigit() and head.isdigit():
        return False  # "am 29.7. 2015", "Platz 3. 4 Punkte": numbers run on
    if word.isdigit():
        return not _is_ordinal(text, para_start, word_start, next_start, language)
    return True


def _is_ordinal(text: str, para_start: int, number_start: int, next_start: int, language: str) -> bool:
    """Whether the number before a full stop is an ordinal or a list number ("am 19. Juni", "1. Punkt")."""
    if number_start == para_start:
        return True  # a numbered paragraph
    if language != "de" or len(text[number_start:next_start].strip()) > 4:
        return False
    before = text[max(para_start, number_start - 3):number_start].rstrip()
    if before[-1:] in ("–", "—", "-", "(", "/"):
        return True  # a rank in a list: "… – 6. Johannes Beispiel"
    next_word = WORD.match(text, next_start)
    if next_word and next_word.group().casefold() in GERMAN_ORDINAL_NOUNS:
        return True
    before = re.search(r"(\w+)\W*$", text[max(para_start, number_start - 30):number_start])
    return bool(before and before.group(1).casefold() in GERMAN_BEFORE_ORDINAL)
