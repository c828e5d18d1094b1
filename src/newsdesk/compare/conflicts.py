"""Whether two claims about one thing disagree on a date, a weekday, a number, a count or a place.

Precision first: a false conflict costs the reader's trust, so values are compared only where
they are clearly about the same thing, and every reading that makes them agree is taken:
- dates compare at the coarser precision of the two, and a subset agrees ("am Dienstag" is part
  of "Dienstag und Mittwoch"); a weekday agrees with an explicit date when it is that date's
  weekday, whichever week the tagger resolved it to;
- numbers are intervals: "mehr als 11.000" reaches a quarter above 11,000, "mindestens" has no
  upper end, "rund 11.500" is 11,500 ± 7.5%, a bare "11.000" stands for anything that rounds to it
  (10,500..11,500), "3,5" for 3.45..3.55; units are converted (1,5 km = 1500 m) and only equal
  units are compared; two bounds of one side ("mehr als 130.000" / "mehr als 65.000") must be close;
- places disagree only when both are where something happens ("in Kiel") and neither contains
  the other (a city and its own country agree).
Each conflict names the values it compared in its reason.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..extract.numbers import Quantity, parse_digits, parse_number_word
from ..extract.timex import MONTHS, Timex
from ..text.tokens import WORD
from ..text.tokens import lemma
from .claims import Claim, is_weekday_timex, names_weekday

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
APPROXIMATE = 0.075
"""How far "rund", "etwa", "about" reach either side of their number, and the most rounding
a bare round number hides."""
OPEN_BOUND = 1.25
"""How far above X "mehr als X" reaches."""
UNIT_SCALE = {
    "km": ("m", 1000.0), "m": ("m", 1.0), "cm": ("m", 0.01), "mm": ("m", 0.001),
    "t": ("kg", 1000.0), "kg": ("kg", 1.0), "g": ("kg", 0.001),
    "km²": ("m²", 1e6), "m²": ("m²", 1.0), "ha": ("m²", 1e4),
    "l": ("l", 1.0), "ml": ("l", 0.001), "hl": ("l", 100.0),
    "km/h": ("km/h", 1.0),
}
TIME_UNITS = {
    "jahr": "date:Y", "monat": "date:M", "woche": "date:W", "tag": "date:D", "stunde": "time:H",
    "minute": "time:M", "year": "date:Y", "month": "date:M", "week": "date:W", "day": "date:D",
    "hour": "time:H", "an": "date:Y", "annee": "date:Y", "mois": "date:M", "semaine": "date:W",
    "jour": "date:D", "heure": "time:H",
}
"""Nouns of time (folded lemmas) as a number's unit ("100 Jahre alt"): compared with the tagger's
durations ("60 Jahre")."""
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
    return [t for t in claim.timexes if t.days]


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
    days_a, days_b = ta.days, tb.days
    if not days_a or not days_b:
        return None
    weekday_a, weekday_b = is_weekday_timex(ta, a.language), is_weekday_timex(tb, b.language)
    if weekday_a and weekday_b:
        names_a = {_weekday(d) for d in days_a}
        names_b = {_weekday(d) for d in days_b}
        if names_a <= names_b or names_b <= names_a:
            return None
        return Conflict("date", f"“{ta.text}” ({_names(days_a)}) vs “{tb.text}” ({_names(days_b)})")
    if weekday_a != weekday_b:
        # an explicit date against a weekday: compare the weekday names, not the week resolved
        explicit, named, t_explicit, t_named = (days_b, days_a, tb, ta) if weekday_a else (days_a, days_b, ta, tb)
        if any(len(d) != 10 for d in explicit + named):
            return None
        if not re.search(r"\d{4}", t_explicit.text):
            explicit = _nearest_year(explicit, named)
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


def _nearest_year(days: Sequence[str], near: Sequence[str]) -> list[str]:
    """`days` (written without a year) in the year that puts them nearest to the days `near`:
    "am 22. Mai" said in May 2016 about the coming election is 22 May 2016, whatever tense the
    sentence's verb has."""
    best: tuple[int, list[str]] | None = None
    for shift in (0, -1, 1):
        moved = []
        for day in days:
            year = int(day[:4]) + shift
            try:
                moved.append(dt.date(year, int(day[5:7]), int(day[8:10])).isoformat())
            except ValueError:
                break
        else:
            distance = _distance(moved, near)
            if best is None or distance < best[0]:
                best = (distance, moved)
    return best[1] if best else list(days)


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
    if ":" in quantity.unit:
        return quantity.unit, 1.0  # a duration's unit ("date:Y")
    if quantity.unit.isupper() or not quantity.unit.isalpha():
        return quantity.unit, 1.0  # currencies and symbols: "EUR", "%", "USD"
    noun = lemma(quantity.unit, language)
    return TIME_UNITS.get(noun, noun), 1.0


NUMBER_TOKEN = re.compile(r"\d[\d.,\u00a0\u202f ]*\d|\d")


def _step(quantity: Quantity, language: str, small_round: bool = False) -> float:
    """The rounding step of a number as written: 11.000 -> 1000, 3,5 -> 0.1, 1,2 Mio. -> 100,000, 40 -> 1.

    Trailing zeros count as rounding from 100 up ("500 Menschen" may be 520), and with
    `small_round` below 100 too ("mehr als 20": the next round number is 30)."""
    match = NUMBER_TOKEN.search(quantity.text)
    token = match.group().strip() if match else ""
    if not token:  # a number word ("drei", "zwanzig"): exact as a count, round only as a bound
        if not small_round or quantity.value != int(quantity.value):
            return 1.0
        written = quantity.value
    else:
        try:
            written = parse_digits(token, language)
        except ValueError:
            return 1.0
    if written == 0:
        return 1.0
    multiplier = quantity.value / written
    decimal_mark = "." if language == "en" else ","
    head, sep, tail = token.rpartition(decimal_mark)
    if sep and head and not (language == "en" and len(tail) == 3):
        return 10.0 ** -len(tail) * multiplier
    magnitude, zeros = abs(written), 0
    while (small_round or abs(written) >= 100) and magnitude >= 10 and magnitude % 10 == 0:
        magnitude /= 10
        zeros += 1
    return 10.0 ** zeros * multiplier


def interval(quantity: Quantity, language: str = "de", scale: float = 1.0) -> tuple[float, float]:
    """The values a quantity as written allows, in the unit scaled by `scale`.

    "mehr als X" reaches up to OPEN_BOUND * X or the next round number (news rounds a count down
    and says "more than": "mehr als 20" may be 27); "mindestens X" has no upper end; "weniger
    als X" reaches down to 0; "rund X" is X ± APPROXIMATE; a bare number what rounds to it, at
    most ± APPROXIMATE.
    """
    v = quantity.value
    if quantity.low is not None and quantity.high is not None:
        low, high = quantity.low, quantity.high
    elif quantity.modifier == "at_least":
        low, high = v, math.inf
    elif quantity.modifier == "more_than":
        low, high = v, (max(v * OPEN_BOUND, v + _step(quantity, language, small_round=True)) if v >= 0 else math.inf)
    elif quantity.modifier in ("less_than", "at_most"):
        low, high = (0.0 if v >= 0 else -math.inf), v
    elif quantity.modifier == "about" or quantity.approximate:
        low, high = v * (1 - APPROXIMATE), v * (1 + APPROXIMATE)
    else:
        half = min(_step(quantity, language) / 2, abs(v) * APPROXIMATE) or 0.5 * _step(quantity, language)
        low, high = v - half, v + half
    low, high = min(low, high), max(low, high)
    return low * scale, high * scale


def _bound(quantity: Quantity) -> str | None:
    """"above" or "below" for a one-sided quantity ("mehr als 130.000", "knapp 1.000"), else None."""
    if quantity.low is not None and quantity.high is not None:
        return None
    if quantity.modifier in ("more_than", "at_least"):
        return "above"
    if quantity.modifier in ("less_than", "at_most"):
        return "below"
    return None


def quantities_agree(x: Quantity, lx: str, sx: float, y: Quantity, ly: str, sy: float) -> bool:
    """Whether two quantities of one unit can both be right. Two bounds of one side ("mehr als
    130.000" / "mehr als 65.000") are two different figures unless their values are close."""
    if _bound(x) is not None and _bound(x) == _bound(y):
        a, b = x.value * sx, y.value * sy
        return abs(a - b) <= APPROXIMATE * max(abs(a), abs(b))
    low_x, high_x = interval(x, lx, sx)
    low_y, high_y = interval(y, ly, sy)
    return low_x <= high_y and low_y <= high_x


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def _ambiguous(quantity: Quantity, language: str) -> bool:
    """A phrase holding two numbers ("drei ihrer sechs Kinder"): which one counts is not clear."""
    numbers = NUMBER_TOKEN.findall(quantity.text)
    words = [w for w in WORD.findall(quantity.text) if parse_number_word(w, language) is not None]
    return len(numbers) + len(words) > 1


def _without_shared(xs: list, ys: list, key) -> tuple[list, list]:
    """Both lists without the items written the same way on both sides (they agree)."""
    left = list(ys)
    kept = []
    for x in xs:
        match = next((i for i, y in enumerate(left) if key(y) == key(x)), None)
        if match is None:
            kept.append(x)
        else:
            left.pop(match)
    return kept, left


def _text_key(item) -> str:
    return " ".join(WORD.findall(item.text.casefold()))


DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?)([YMWDH])$")
RANGE_BEFORE = re.compile(r"\d\s*(?:bis|und|-|–|to|and|à|et)\s*$", re.IGNORECASE)
"""A duration right after "10 bis" / "zwischen 10 und" is the end of a range, not a figure of its own."""
DURATION_MODS = {"LESS_THAN": "less_than", "MORE_THAN": "more_than", "EQUAL_OR_MORE": "at_least",
                 "EQUAL_OR_LESS": "at_most", "APPROX": "about"}


def duration_quantities(claim: Claim) -> list[Quantity]:
    """The claim's durations ("20 Jahre", "knapp 124 Stunden") as quantities with a time unit."""
    out = []
    for t in claim.timexes:
        match = DURATION.match(t.value) if t.kind == "duration" else None
        if match and not RANGE_BEFORE.search(claim.text[:t.start - claim.start]):
            unit = ("time:" if match.group(1) else "date:") + match.group(3)
            out.append(Quantity(t.start, t.end, t.text, float(match.group(2)), unit,
                                DURATION_MODS.get(t.mod or "")))
    return out


def _next_word(claim: Claim, quantity: Quantity) -> str:
    """The word right after a number without a unit ("15,800-square-metre" -> "square-metre"): two
    such numbers are compared only when it is the same."""
    match = WORD.search(claim.text, quantity.end - claim.start)
    if match is None or match.start() - (quantity.end - claim.start) > 2:
        return ""
    return match.group().casefold()


def number_conflicts(a: Claim, b: Claim, restated: bool = False) -> list[Conflict]:
    """Quantities of the same unit that cannot both be right: one each in both claims after those
    written the same way on both sides are set aside. Claims that restate one statement also
    compare their durations and their numbers without a unit."""
    qa = [q for q in a.quantities if not _ambiguous(q, a.language)]
    qb = [q for q in b.quantities if not _ambiguous(q, b.language)]
    if restated:
        qa += duration_quantities(a)
        qb += duration_quantities(b)
    qa, qb = _without_shared(qa, qb, _text_key)
    by_unit_a: dict[str, list[tuple[Quantity, float]]] = {}
    by_unit_b: dict[str, list[tuple[Quantity, float]]] = {}
    for claim, quantities, bucket in ((a, qa, by_unit_a), (b, qb, by_unit_b)):
        for q in quantities:
            key = unit_key(q, claim.language) if q.unit else (("#" + _next_word(claim, q), 1.0) if restated else None)
            if key is not None:
                bucket.setdefault(key[0], []).append((q, key[1]))
    out: list[Conflict] = []
    for unit in sorted(set(by_unit_a) & set(by_unit_b)):
        if len(by_unit_a[unit]) != 1 or len(by_unit_b[unit]) != 1:
            continue
        (x, sx), (y, sy) = by_unit_a[unit][0], by_unit_b[unit][0]
        if quantities_agree(x, a.language, sx, y, b.language, sy):
            continue
        people = unit.casefold() in PERSON_UNITS or (x.unit or "").casefold() in PERSON_UNITS
        shown = unit.split(":")[-1] if unit and not unit.startswith("#") else ""
        out.append(Conflict("count" if people else "number",
                            f"“{x.text}” ({_fmt(x.value * sx)}{' ' + shown if shown else ''}) vs “{y.text}” "
                            f"({_fmt(y.value * sy)}{' ' + shown if shown else ''})"))
    return out


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------

Contains = Callable[[str, str], bool]
"""(place entity id, place entity id) -> True when one place lies in the other (or they are one)."""


LOCATIVE = re.compile(r"(?:\b(?:in|im|vor|nach|aus|at|off|from|to|à|au|aux|en|dans|de)"
                      r"(?:\s+(?:der|dem|den|des|the|la|le|les|l['’]))?(?:\s+\w+)?\s+)$", re.IGNORECASE)
"""A place named after one of these is where something happens ("in Kiel", "vor Rostock"), not a
source ("Moskau sagte") or a name ("the Tabar"); one word may stand between ("in der Stadt Izmir").
"near", "bei", "nahe", "près de" are left out: a place near Houston may well be Baytown."""


def _located(claim: Claim, place: str) -> bool:
    """Whether the claim names `place` after a locative preposition ("in Kiel")."""
    return any(LOCATIVE.search(claim.text[max(0, s - claim.start - 16):s - claim.start])
               for p, s, _ in claim.place_spans if p == place)


def place_conflict(a: Claim, b: Claim, names: dict[str, str], contains: Contains) -> Conflict | None:
    """Both claims name a place for the same thing ("in Kiel" / "in Rostock") and the places differ,
    do not contain each other and are not one name inside the other ("Palmer" / "City of Palmer")."""
    only_a = [p for p in a.places if p not in b.places]
    only_b = [p for p in b.places if p not in a.places]
    if not only_a or not only_b or len(only_a) != len(only_b):
        return None
    for x, y in zip(only_a, only_b):
        if contains(x, y) or contains(y, x) or _nested(names.get(x, x), names.get(y, y)):
            return None
        if not (_located(a, x) and _located(b, y)):
            return None
    return Conflict("place", f"{', '.join(names.get(p, p) for p in only_a)} vs "
                             f"{', '.join(names.get(p, p) for p in only_b)}")


SUB_PLACES = frozenset(
    "street road avenue lane square boulevard drive highway bridge straße strasse platz gasse weg allee "
    "ufer brücke rue place quai pont chaussée".split()
)
"""Words that make a place name a street, square or bridge: it lies in some town, so it never
contradicts the town or region another source names."""


def _nested(x: str, y: str) -> bool:
    """One place name inside the other ("Gulf" / "Gulf of Aden", "California" / "Southern California"),
    or one of them a street or square (which lies inside the other as far as anyone can tell)."""
    tx, ty = set(WORD.findall(x.casefold())), set(WORD.findall(y.casefold()))
    if any(w in SUB_PLACES or w.endswith(("straße", "strasse", "platz", "gasse")) for w in tx | ty):
        return True
    return bool(tx) and bool(ty) and (tx <= ty or ty <= tx)


# ---------------------------------------------------------------------------------------------
# Both claims restate one statement: compare every value
# ---------------------------------------------------------------------------------------------

def explicit_timex(timex: Timex) -> bool:
    """A date written out (a day, month or year in digits or words, or a weekday), not one counted
    from another date ("ein Jahr später", "im Vormonat", "heute"): only those are compared, since
    the same relative words resolve differently with the dates around them."""
    if timex.offset is not None:
        return False
    return bool(re.search(r"\d", timex.text)) or _names_calendar(timex.text)


def _names_calendar(text: str) -> bool:
    """Whether `text` names a month or a weekday, in any of the three languages."""
    words = {w.casefold().rstrip(".") for w in WORD.findall(text)}
    return any(words & {m.rstrip(".") for m in MONTHS[language]} or names_weekday(text, language)
               for language in ("de", "en", "fr"))


SENTENCE_END = re.compile(r"[.!?…][\"'“”’»«)]*\s*$")
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
DATELINE_SHARE = 0.35
"""A line without a closing full stop whose dates and numbers fill this share of it ("Published
April 11, 2007", "23 July 2013 Last updated at 13:42 GMT") is a dateline or a label: its values say
when the text was written, not what happened, and are not compared."""


def is_dateline(claim: Claim) -> bool:
    """Whether a claim is a dateline or a label rather than a statement (see DATELINE_SHARE)."""
    if not claim.frame:
        return True
    if is_sentence(claim):
        return False
    covered = sum(t.end - t.start for t in claim.timexes if t.kind in ("date", "time"))
    covered += sum(len(n) for q in claim.quantities for n in NUMBER_TOKEN.findall(q.text))
    covered += sum(len(m.group()) for m in CLOCK.finditer(claim.text))
    return covered >= DATELINE_SHARE * len(claim.text)


def is_sentence(claim: Claim) -> bool:
    """Whether a claim ends as a sentence does (a headline or a label does not)."""
    return bool(SENTENCE_END.search(claim.text))


def restatement_conflict(a: Claim, b: Claim, names: dict[str, str], contains: Contains) -> Conflict | None:
    """The first disagreement between two claims that say the same thing but for their values.

    Dates written the same way on both sides agree; of the rest, one explicit date each is compared.
    """
    if is_dateline(a) or is_dateline(b):
        return None
    dates_a, dates_b = _without_shared(event_timexes(a), event_timexes(b), _text_key)
    dates_a = [t for t in dates_a if explicit_timex(t)]
    dates_b = [t for t in dates_b if explicit_timex(t)]
    if len(dates_a) == 1 and len(dates_b) == 1:
        found = date_conflict(a, dates_a[0], b, dates_b[0])
        if found is not None:
            return found
    numbers = number_conflicts(a, b, restated=True)
    if numbers:
        return numbers[0]
    return place_conflict(a, b, names, contains)
