"""Dates as inputs state them -> ISO 8601 at the same precision ("2024-06", "2024-06-18", ...).

Understands ISO 8601, RFC 822 (RSS pubDate) and the written forms of German, English
and French news pages: "18 Jun 2024", "18. Juni 2024", "mardi 18 juin 2024",
"June 18, 2024", "18.06.2024", "Juni 2024", optionally with a time "09:15 Uhr".
Nothing is guessed: what does not parse as a real calendar date gives None.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from email.utils import parsedate_to_datetime

_MONTH_NAMES = {
    1: "januar jänner janner january janvier jan janv",
    2: "februar feber february février fevrier feb febr févr fevr",
    3: "märz maerz march mars mär mrz mar",
    4: "april avril apr avr",
    5: "mai may",
    6: "juni june juin jun",
    7: "juli july juillet jul juil",
    8: "august août aout aug",
    9: "september septembre sep sept",
    10: "oktober october octobre okt oct",
    11: "november novembre nov",
    12: "dezember december décembre decembre dez dec déc",
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_WEEKDAYS = (
    "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
    "monday tuesday wednesday thursday friday saturday sunday "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "mo di mi do fr sa so mon tue tues wed thu thur thurs fri sat sun"
).split()


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_MONTH = rf"(?P<month_name>{_alternation(list(MONTHS))})\.?"
_WEEKDAY = rf"(?:(?:{_alternation(_WEEKDAYS)})\.?,?\s+)?"
_TIME = (
    r"(?:\s*(?:,|\||-|–|—|um|at|à)?\s*"
    r"(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"(?:\s*(?:uhr|h))?)?"
)
_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>[.,]\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?",
    re.IGNORECASE,
)
_WRITTEN = [
    # 18 Jun 2024, 18. Juni 2024, 1er juin 2024
    re.compile(rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>\d{{4}}){_TIME}", re.I),
    # June 18, 2024
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}", re.I),
    # 18.06.2024
    re.compile(rf"{_WEEKDAY}(?P<day>\d{{1,2}})\.\s?(?P<month>\d{{1,2}})\.\s?(?P<year>\d{{4}}){_TIME}", re.I),
    # Juni 2024
    re.compile(rf"{_MONTH}\s+(?P<year>\d{{4}})", re.I),
]
_LABEL = re.compile(
    r"(?:veröffentlicht|erschienen|datum|published|posted|date|publié|paru)(?:\s+(?:am|on|le))?\s*:?\s*",
    re.IGNORECASE,
)


def parse_date(text: str) -> str | None:
    """A stated date or time -> ISO 8601 at the precision stated; None when it is not one."""
    text = " ".join(text.split())
    if not text or len(text) > 80:
        return None
    return _parse(text)


@lru_cache(maxsize=4096)
def _parse(text: str) -> str | None:
    """`parse_date` of a short text with single spaces; cached, as a corpus states the same dates again and again."""
    return _parse_iso(text) or _parse_written(text) or _parse_rfc822(text)


def parse_date_line(line: str) -> str | None:
    """A whole line that states only a date ("18 Jun 2024", "Veröffentlicht am 18.06.2024")."""
    text = " ".join(line.split())
    label = _LABEL.match(text)
    if label and label.end() < len(text):
        text = text[label.end():]
    return parse_date(text)


def _parse_iso(text: str) -> str | None:
    match = _ISO.fullmatch(text)
    if not match:
        return None
    return _format(match.groupdict())


def _parse_written(text: str) -> str | None:
    for pattern in _WRITTEN:
        match = pattern.fullmatch(text)
        if match:
            parts = match.groupdict()
            if parts.get("month_name"):
                parts["month"] = str(MONTHS[parts["month_name"].lower()])
            return _format(parts)
    return None


def _parse_rfc822(text: str) -> str | None:
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    return moment.isoformat()


def _format(parts: dict[str, str | None]) -> str | None:
    """Check the parts make a real date and write them at the precision given."""
    year = int(parts["year"])
    month = int(parts["month"]) if parts.get("month") else None
    day = int(parts["day"]) if parts.get("day") else None
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        date(year, month, day)
    except ValueError:
        return None
    stated = f"{year:04d}-{month:02d}-{day:02d}"
    if parts.get("hour") is None:
        return stated
    hour, minute = int(parts["hour"]), int(parts["minute"])
    if hour > 23 or minute > 59:
        return None
    stated += f"T{hour:02d}:{minute:02d}"
    if parts.get("second") is not None:
        if int(parts["second"]) > 59:
            return None
        stated += f":{int(parts['second']):02d}"
        if parts.get("fraction"):
            stated += "." + parts["fraction"][1:]
    return stated + _format_offset(parts.get("tz"))


def _format_offset(tz: str | None) -> str:
    if not tz:
        return ""
    if tz.upper() == "Z":
        return "+00:00"
    sign, digits = tz[0], tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return f"{sign}{hours:02d}:{minutes:02d}"


