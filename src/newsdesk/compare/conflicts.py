"""Whether two claims about one thing disagree on a date, a weekday, a number, a count or a place.

Precision first: a false conflict costs the reader's trust, so values are compared only where
they are clearly about the same thing, and every reading that makes them agree is taken:
- dates compare at the coarser precision of the two, and a subset agrees ("am Dienstag" is part
  of "Dienstag und Mittwoch"); a weekday agrees with an explicit date when it is that date's
  weekday, whichever week the tagger resolved it to;
- numbers are intervals: "mehr als 11.000" is (11000, inf), "rund 11.500" is 11,500 ± 10%, a
  bare "11.000" stands for anything that rounds to it (10,500..11,500), "3,5" for 3.45..3.55;
  units are converted (1,5 km = 1500 m) and only equal units are compared;
- places disagree only when neither contains the other (a city and its own country agree).
Each conflict names the values it compared in its reason.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..extract.numbers import Quantity, parse_digits
from ..extract.timex import Timex
from .claims import Claim, is_weekday_timex, lemma, timex_days

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
APPROXIMATE = 0.1
"""How far "rund", "etwa", "about" reach either side of their number."""
UNIT_SCALE = {
    "km": ("m", 1000.0), "m": ("m", 1.0), "cm": ("m", 0.01), "mm": ("m", 0.001),
    "t": ("kg", 1000.0), "kg": ("kg", 1.0), "g": ("kg", 0.001),
    "km²": ("m²", 1e6), "m²": ("m²", 1.0), "ha": ("m²", 1e4),
    "l": ("l", 1.0), "ml": ("l", 0.001), "hl": ("l", 100.0),
    "km/h": ("km/h", 1.0),
}
PERSON_UNITS = frozenset(
    "tote toter toten todesopfer opfer verletzte verletzter verletzten menschen personen leute einwohner "
    "soldaten kinder frauen männer zivilisten flüchtlinge migranten demonstranten teilnehmer besucher gäste "
    "mitarbeiter beschäftigte angestellte arbeitsplätze passagiere insassen häftlinge gefangene geiseln "
    "vermisste obdachlose bewohner fans zuschauer wähler mitglieder schüler studenten patienten infizierte "
    "dead deaths killed injured wounded people persons residents soldiers children women men civilians "
    "refugees migrants protesters participants visitors employees workers jobs passengers prisoners hostages "
    "missing members students patients voters fans "
    "morts mort blessés blessé personnes habitants soldats enfants femmes hommes civils réfugiés migrants "
    "manifestants participants visiteurs employés salariés emplois passagers prisonniers otages disparus "
    "membres élèves étudiants patients électeurs".split()
)
"""Units that make a number a count of people: their conflicts are of kind "count"."""


@dataclass(slots=True, frozen=True)
class Conflict:
    """Two claims disagree: how (the format's kinds) and why, naming the values compared."""

    kind: str  # "date" | "weekday" | "number" | "count" | "place" | "other"
    reason: str


# ---------------------------------------------------------------------------------------------
# Dates and weekdays
# ---------------------------------------------------------------------------------------------

def event_timexes(claim: Claim) -> list[Timex]:
    """The claim's anchored calendar expressions (no durations, sets or reference words)."""
    return [t for t in claim.timexes if timex_days(t)]


def _weekday(day: str) -> int | None:
    try:
        return dt.date.fromisoformat(day).isoweekday()
    except ValueError:
        return None


def _names(days: Sequence[str]) -> str:
    return "/".join(WEEKDAY_NAMES[w - 1] for w in (_weekday(d) for d in days) if w)


def _day_label(timex: Timex, days: Sequence[str]) -> str:
    return f"“{timex.text}” ({'/'.join(days)})"


def date_conflict(a: Claim, ta: Timex, b: Claim, tb: Timex, max_days: int | None = None) -> Conflict | None:
    """Whether two date expressions for one event disagree; None when they agree or cannot be compared.

    `max_days` bounds how far apart two days may be and still be one event told wrongly (beyond
    it they are more likely two events: the visit of 2000 and this one).
    """
    days_a, days_b = timex_days(ta), timex_days(tb)
    if not days_a or not days_b:
        return None
    weekday_a, weekday_b = is_weekday_timex(ta, a.language), is_weekday_timex(tb, b.language)
    if weekday_a and weekday_b:
        names_a = {_weekday(d) for d in days_a}
        names_b = {_weekday(d) for d in days_b}
        if names_a <= names_b or names_b <= names_a:
            return None
        return Conflict("date", f"{_day_label(ta, days_a)} is {_names(days_a)}, "
                                f"{_day_label(tb, days_b)} is {_names(days_b)}")
    if weekday_a != weekday_b:
        # an explicit date against a weekday: compare the weekday names, not the week resolved
        explicit, named, t_explicit, t_named = (days_b, days_a, tb, ta) if weekday_a else (days_a, days_b, ta, tb)
        if any(len(d) != 10 for d in explicit + named):
            return None
        have = {_weekday(d) for d in explicit}
        said = {_weekday(d) for d in named}
        if have <= said or said <= have:
            return None
        if max_days is not None and _distance(explicit, named) > max_days:
            return None
        year = explicit[0][:4]
        verb = "are" if len(explicit) > 1 else "is"
        return Conflict("weekday", f"“{t_explicit.text}” {year} {verb} {_names(explicit)}, "
                                   f"not {_names(named)} (“{t_named.text}”)")
    precision = min(len(d) for d in days_a + days_b)
    cut_a = {d[:precision] for d in days_a}
    cut_b = {d[:precision] for d in days_b}
    if cut_a <= cut_b or cut_b <= cut_a:
        return None
    if max_days is not None and (precision < 10 or _distance(days_a, days_b) > max_days):
        return None
    return Conflict("date", f"{_day_label(ta, sorted(cut_a))} vs {_day_label(tb, sorted(cut_b))}")


def _distance(days_a: Sequence[str], days_b: Sequence[str]) -> int:
    """Days between the nearest members of two lists of days."""
    try:
        a = [dt.date.fromisoformat(d) for d in days_a]
        b = [dt.date.fromisoformat(d) for d in days_b]
    except ValueError:
        return 10**6
    return min(abs((x - y).days) for x in a for y in b)


# ---------------------------------------------------------------------------------------------
# Numbers and counts
# ---------------------------------------------------------------------------------------------

def unit_key(quantity: Quantity, language: str) -> tuple[str, float] | None:
    """A comparable unit and the factor into it ("km" -> ("m", 1000)); a noun unit as its lemma."""
    if quantity.unit is None:
        return None
    if quantity.unit in UNIT_SCALE:
        return UNIT_SCALE[quantity.unit]
    if quantity.unit.isupper() or not quantity.unit.isalpha():
        return quantity.unit, 1.0  # currencies and symbols: "EUR", "%", "USD"
    return lemma(quantity.unit, language), 1.0


NUMBER_TOKEN = re.compile(r"\d[\d.,\u00a0\u202f ]*\d|\d")


def _step(quantity: Quantity, language: str) -> float:
    """The rounding step of a number as written: 11.000 -> 1000, 3,5 -> 0.1, 1,2 Mio. -> 100,000, 40 -> 1.

    Trailing zeros of numbers from 100 up count as rounding ("500 Menschen" may be 520)."""
    match = NUMBER_TOKEN.search(quantity.text)
    if match is None:  # a number word ("drei", "Dutzende"): exact as a count
        return 1.0
    token = match.group().strip()
    try:
        written = parse_digits(token, language)
    except ValueError:
        return 1.0
    if written == 0:
        return 1.0
    multiplier = quantity.value / written if written else 1.0
    decimal_mark = "." if language == "en" else ","
    head, sep, tail = token.rpartition(decimal_mark)
    if sep and head and not (language == "en" and len(tail) == 3):
        return 10.0 ** -len(tail) * multiplier
    magnitude, zeros = abs(written), 0
    while abs(written) >= 100 and magnitude >= 10 and magnitude % 10 == 0:
        magnitude /= 10
        zeros += 1
    return 10.0 ** zeros * multiplier


def interval(quantity: Quantity, language: str = "de", scale: float = 1.0) -> tuple[float, float]:
    """The values a quantity as written allows, in the unit scaled by `scale`."""
    v = quantity.value
    if quantity.low is not None and quantity.high is not None:
        low, high = quantity.low, quantity.high
    elif quantity.modifier == "more_than":
        low, high = v, math.inf
    elif quantity.modifier == "at_least":
        low, high = v, math.inf
    elif quantity.modifier in ("less_than", "at_most"):
        low, high = -math.inf, v
    elif quantity.modifier == "about" or quantity.approximate:
        low, high = v * (1 - APPROXIMATE), v * (1 + APPROXIMATE)
    else:
        half = _step(quantity, language) / 2
        low, high = v - half, v + half
    low, high = min(low, high), max(low, high)
    return low * scale, high * scale


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def number_conflicts(a: Claim, b: Claim) -> list[Conflict]:
    """Quantities of the same unit, one each (or in the same order) in both claims, that cannot agree."""
    by_unit_a: dict[str, list[tuple[Quantity, float]]] = {}
    by_unit_b: dict[str, list[tuple[Quantity, float]]] = {}
    for claim, bucket in ((a, by_unit_a), (b, by_unit_b)):
        for q in claim.quantities:
            key = unit_key(q, claim.language)
            if key is not None:
                bucket.setdefault(key[0], []).append((q, key[1]))
    out: list[Conflict] = []
    for unit in sorted(set(by_unit_a) & set(by_unit_b)):
        qa, qb = by_unit_a[unit], by_unit_b[unit]
        if len(qa) != len(qb):
            continue
        for (x, sx), (y, sy) in zip(qa, qb):
            low_x, high_x = interval(x, a.language, sx)
            low_y, high_y = interval(y, b.language, sy)
            if low_x <= high_y and low_y <= high_x:
                continue
            kind = "count" if unit.casefold() in PERSON_UNITS or x.unit.casefold() in PERSON_UNITS else "number"
            out.append(Conflict(kind, f"“{x.text}” ({_fmt(x.value * sx)} {unit}) vs “{y.text}” "
                                      f"({_fmt(y.value * sy)} {unit})"))
    return out


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------

Contains = Callable[[str, str], bool]
"""(place entity id, place entity id) -> True when one place lies in the other (or they are one)."""


def place_conflict(a: Claim, b: Claim, names: dict[str, str], contains: Contains) -> Conflict | None:
    """Both claims name a place for the same thing and the places differ and do not contain each other."""
    only_a = [p for p in a.places if p not in b.places]
    only_b = [p for p in b.places if p not in a.places]
    if not only_a or not only_b or len(only_a) != len(only_b):
        return None
    for x, y in zip(only_a, only_b):
        if contains(x, y) or contains(y, x):
            return None
    return Conflict("place", f"{', '.join(names.get(p, p) for p in only_a)} vs "
                             f"{', '.join(names.get(p, p) for p in only_b)}")


# ---------------------------------------------------------------------------------------------
# Both claims restate one statement: compare every value
# ---------------------------------------------------------------------------------------------

def restatement_conflict(a: Claim, b: Claim, names: dict[str, str], contains: Contains) -> Conflict | None:
    """The first disagreement between two claims that say the same thing but for their values."""
    dates_a, dates_b = event_timexes(a), event_timexes(b)
    if dates_a and len(dates_a) == len(dates_b):
        for ta, tb in zip(dates_a, dates_b):
            found = date_conflict(a, ta, b, tb)
            if found is not None:
                return found
    numbers = number_conflicts(a, b)
    if numbers:
        return numbers[0]
    return place_conflict(a, b, names, contains)
