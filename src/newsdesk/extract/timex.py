"""Time expressions in German, English and French, normalised to ISO values at their precision.

`find_timexes(text, language, reference)` tags dates, weekdays, parts of days, months, years,
decades, centuries, durations, sets and relative expressions, and resolves each against the
`Reference` (the article's publication date, or one inferred from the story's dates):

- a weekday goes to the day of that name nearest the reference in the direction the tense of its
  clause implies ("sagte am Donnerstag" = the past one, "wird am Donnerstag reisen" = the coming one);
- a month or day without a year takes the year that fits the reference and the tense;
- "vor 24 Jahren" counts back from the reference; "zwei Tage später" counts from the date the
  text mentioned last;
- ranges and lists ("19. und 20. Juni", "Donnerstag und Freitag") give each day in `values`;
- nothing is invented: what cannot be anchored keeps an underspecified value ("XXXX-06-19",
  "XXXX-WXX-4", "PAST_REF") with `anchored=False` and its `offset` ("-P24Y") for later anchoring.

Values follow TIMEX2: "2024-06-18", "2024-06-18TEV", "2024-W24", "2024-SU", "195" (the 1950s),
"19" (the 20th century), "BC0499", "P2Y", "PXD", "XXXX-WXX-1" (a set), "PRESENT_REF".
`narrative=True` anchors underspecified dates on the date mentioned last (history texts) instead
of the reference. Regular expressions only, compiled once per language: no dateparser at run time.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from newsdesk.extract.numbers import parse_number_word

LANGUAGES = ("de", "en", "fr")

# ---------------------------------------------------------------------------------------------
# Lexicons (data): names of months, weekdays, parts of days, seasons, units, modifiers per language
# ---------------------------------------------------------------------------------------------

MONTHS: dict[str, dict[str, int]] = {
    "de": {"januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feb.": 2, "febr.": 2, "märz": 3, "april": 4,
           "apr.": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "aug.": 8, "september": 9, "sept.": 9,
           "sep.": 9, "oktober": 10, "okt.": 10, "november": 11, "nov.": 11, "dezember": 12, "dez.": 12},
    "en": {"january": 1, "jan.": 1, "february": 2, "feb.": 2, "march": 3, "april": 4, "apr.": 4, "may": 5,
           "june": 6, "july": 7, "august": 8, "aug.": 8, "september": 9, "sept.": 9, "sep.": 9, "october": 10,
           "oct.": 10, "november": 11, "nov.": 11, "december": 12, "dec.": 12},
    "fr": {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
           "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12},
}
# Abbreviations written without a full stop ("Nov 27, 2005", "APR 28", "28 Nov 2005"): datelines and
# bylines use them. Only with a day number or a year next to them (never as a bare month) and only
# capitalised or in capitals, since "mar", "jan" or "dec" alone are words and names.
MONTH_ABBREVIATIONS: dict[str, dict[str, int]] = {
    "de": {},
    "en": {"jan": 1, "feb": 2, "mar": 3, "mar.": 3, "apr": 4, "jun": 6, "jun.": 6, "jul": 7, "jul.": 7, "aug": 8,
           "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
    "fr": {},
}
# Month names that are also common words or first names: tagged alone only after a cue ("im Mai").
AMBIGUOUS_MONTHS = {"de": {"mai", "august"}, "en": {"may", "march", "august"}, "fr": {"mai", "mars"}}

WEEKDAYS: dict[str, dict[str, int]] = {
    "de": {"montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6,
           "sonnabend": 6, "sonntag": 7},
    "en": {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7},
    "fr": {"lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7},
}

PARTS_OF_DAY: dict[str, dict[str, str]] = {
    "de": {"morgen": "MO", "morgenstunden": "MO", "früh": "MO", "vormittag": "MO", "mittag": "MI",
           "nachmittag": "AF", "abend": "EV", "abendstunden": "EV", "nacht": "NI"},
    "en": {"morning": "MO", "noon": "MI", "midday": "MI", "afternoon": "AF", "evening": "EV", "night": "NI"},
    "fr": {"matin": "MO", "matinée": "MO", "midi": "MI", "après-midi": "AF", "soir": "EV", "soirée": "EV",
           "nuit": "NI"},
}

SEASONS: dict[str, dict[str, str]] = {
    "de": {"frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"},
    "en": {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"},
    "fr": {"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"},
}

# Duration units: regex of the inflected forms -> TIMEX2 unit ("QC" = a quarter century, 25 years).
UNITS: dict[str, dict[str, str]] = {
    "de": {r"Vierteljahrhunderts?": "QC", r"Jahrhunderte?n?s?": "CE", r"Jahrzehnte?n?s?": "DE",
           r"Jahre?n?s?": "Y", r"Monate?n?s?": "M", r"Wochen?": "W", r"Tage?n?s?": "D", r"Stunden?": "H",
           r"Minuten?": "MIN"},
    "en": {r"quarter(?:[- ]|\s+of\s+a\s+)century": "QC", r"centur(?:y|ies)": "CE", r"decades?": "DE", r"years?": "Y",
           r"months?": "M", r"weeks?": "W", r"days?": "D", r"hours?": "H", r"minutes?": "MIN"},
    "fr": {r"quart de siècle": "QC", r"siècles?": "CE", r"décennies?": "DE", r"ans|années?": "Y", r"mois": "M",
           r"semaines?": "W", r"jours?|journées?": "D", r"heures?": "H", r"minutes?": "MIN"},
}

# Modifiers of durations and counts -> TIMEX2 MOD.
MODIFIERS: dict[str, dict[str, str]] = {
    "de": {"mehr als": "MORE_THAN", "über": "MORE_THAN", "gut": "MORE_THAN", "weniger als": "LESS_THAN",
           "knapp": "LESS_THAN", "fast": "APPROX", "beinahe": "APPROX", "nahezu": "APPROX", "etwa": "APPROX",
           "rund": "APPROX", "ungefähr": "APPROX", "circa": "APPROX", "ca.": "APPROX", "mindestens": "EQUAL_OR_MORE",
           "höchstens": "EQUAL_OR_LESS"},
    "en": {"more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
           "almost": "APPROX", "nearly": "APPROX", "about": "APPROX", "around": "APPROX", "some": "APPROX",
           "roughly": "APPROX", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS"},
    "fr": {"plus de": "MORE_THAN", "moins de": "LESS_THAN", "presque": "APPROX", "près de": "APPROX",
           "près d'": "APPROX", "près d’": "APPROX",
           "environ": "APPROX", "quelque": "APPROX", "au moins": "EQUAL_OR_MORE", "au plus": "EQUAL_OR_LESS"},
}
# "fast"/"almost": the count is just under N ("vor fast 25 Jahren" = 24 and a bit).
ALMOST = {"fast", "beinahe", "nahezu", "knapp", "almost", "nearly", "presque", "près de", "près d'", "près d’"}

# Position inside a period -> TIMEX2 MOD ("Anfang Mai" = START of 1945-05).
POSITIONS: dict[str, dict[str, str]] = {
    "de": {"anfang": "START", "beginn": "START", "gegen anfang": "START", "mitte": "MID", "ende": "END",
           "gegen ende": "END", "späten": "END", "frühen": "START"},
    "en": {"early": "START", "the beginning of": "START", "mid": "MID", "the middle of": "MID", "late": "END",
           "the end of": "END"},
    "fr": {"début": "START", "mi": "MID", "fin": "END"},
}

DECADE_WORDS = {"de": {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6,
                       "siebziger": 7, "achtziger": 8, "neunziger": 9},
                "en": {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                       "eighties": 8, "nineties": 9},
                "fr": {}}

# Words that mark the tense of a clause: is a bare weekday or month before or after the reference?
FUTURE_CUES = {
    "de": r"wird|werden|werde|wirst|werdet|würde|würden|soll|sollen|solle|sollte|sollten|will|wollen|wolle|"
          r"plant|planen|geplant|geplante[nmrs]?|erwartet|voraussichtlich|künftig|bevorstehende[nmrs]?|"
          r"kommende[nmrs]?|nächste[nmrs]?|anstehende[nmrs]?|morgen",
    "en": r"will|'ll|would|shall|going to|is due|are due|expected|plans?|planned|scheduled|upcoming|coming|next|tomorrow",
    "fr": r"va|vont|sera|seront|devrait|devraient|doit|doivent|prévu|prévue|prochaine?|demain|\w{3,}(?:ra|ront)|"
          r"aurait|auraient|\w+(?:erait|eraient|drait|draient|rrait|rraient|vrait|vraient)",  # the conditional
}
PAST_CUES = {
    "de": r"war|waren|wurde|wurden|hatte|hatten|hat|haben|habe|sagte|sagten|teilte|teilten|erklärte|"
          r"erklärten|kündigte|kündigten|traf|trafen|kam|kamen|gab|fand|fanden|ging|begann|sprach|schrieb|"
          r"lobte|besuchte|reiste|bestätigte|meldete|berichtete|zuvor|damals|bereits|vergangene[nmrs]?|"
          r"letzte[nmrs]?|gestern|vor|seit|(?!ge)[a-zäöüß]{2,}[^s]te[nt]?",
    "en": r"said|was|were|had|did|told|met|went|came|gave|took|ago|last|yesterday|earlier|[a-z]{3,}ed",
    "fr": r"(?:est|sont)\s+(?!prévu)[a-zéèêîû]+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues)|"  # passé composé first:
          r"(?:a|ont)\s+(?!prévu)[a-zéèêîû]+(?:é|i|u|is|it|t)|"  # "a dit" before the bare "a"
          r"a|ont|avait|avaient|était|étaient|fut|furent|derni(?:er|ère)|hier|il y a|[a-zéèê]{3,}(?:ait|aient|é|ée|és)"
}
_TENSE_STOP = {
    "de": {"heute", "erste", "ersten", "zweite", "zweiten", "dritte", "dritten", "vierte", "vierten", "fünfte",
           "fünften", "sechste", "siebte", "achte", "neunte", "zehnte", "zehnten", "gute", "guten", "beste",
           "besten", "weite", "weiten", "harte", "harten", "rechte", "rechten", "feste", "festen", "breite",
           "breiten", "konkrete", "konkreten", "direkte", "direkten", "absolute", "absoluten", "gesamte",
           "gesamten", "mitte", "bitte", "acht", "recht", "nächste", "nächsten", "letzte", "letzten",
           "private", "privaten", "elite", "sechsten", "achten", "neunten", "siebten"},
    "en": {"need", "red", "bed", "united", "based", "related", "limited", "speed", "indeed", "seed", "feed"},
    "fr": {"a"},
}


# ---------------------------------------------------------------------------------------------
# Public data objects
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Reference:
    """The date relative expressions are resolved against, ISO at its precision ("2024-06-18", "2024-06").

    `inferred` is true when it is not the article's own date but taken from the story's dates.
    """

    value: str
    inferred: bool = False

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", self.value[:10]):
            raise ValueError(f"reference must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD); got {self.value!r}")


_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(slots=True, frozen=True)
class Timex:
    """A time expression: text[start:end], its kind and its TIMEX2-style value.

    `values` holds each day of a range or list ("19. und 20. Juni"), `parts` the span of each of
    its members. `anchored` is false when the value keeps unknown parts (XXXX) or is a *_REF;
    `inferred` is true when the resolution used a reference inferred from the story.
    `offset` is the shift a relative expression encodes ("-P24Y", "+P1D"), anchored or not.
    `anchor` is, for a duration reaching up to the reference ("seit 24 Jahren"), the date it began ("2000").
    """

    start: int
    end: int
    text: str
    kind: str  # "date" | "time" | "duration" | "set"
    value: str
    values: tuple[str, ...] = ()
    parts: tuple[tuple[int, int], ...] = ()
    mod: str | None = None
    anchored: bool = True
    inferred: bool = False
    offset: str | None = None
    anchor: str | None = None

    @property
    def date(self) -> str | None:
        """The calendar part of the value ("2024-06-18" of "2024-06-18TEV"); None for durations and sets."""
        if self.kind in ("duration", "set") or not self.anchored:
            return None
        return self.value.split("T", 1)[0].split("/", 1)[0]

    @property
    def days(self) -> tuple[str, ...]:
        """Each year, month or day the expression stands for ("19. und 20. Juni": both days); () for
        durations, sets, weeks, seasons, decades and what is not anchored."""
        if self.kind not in ("date", "time") or not self.anchored:
            return ()
        heads = (v.split("T", 1)[0] for v in (self.values or (self.value,)))
        return tuple(h for h in heads if _CALENDAR.fullmatch(h))


@dataclass(slots=True, frozen=True)
class TimexOptions:
    """Rule groups that can be switched off (each evaluated on gold data; all on by default)."""

    bare_months: bool = True        # "im Oktober" without a year
    reference_words: bool = True    # "bald", "jetzt", "kurz zuvor" -> FUTURE_REF / PRESENT_REF / PAST_REF
    bare_days: bool = True          # "vom 8." as the first member of a range
    vague_durations: bool = True    # "mehrere Tage", "wochenlang" -> PXD, PXW
    year_suffix: bool = True        # "1934/35" -> 1934 and 1935
    year_sections: bool = True      # narrative: a line holding only a year keeps its section's dates in that year
    anchor_year_jump: int = 1       # narrative: a bare year further than this from the last date does not re-anchor


def story_reference(published_dates: Sequence[str | None]) -> Reference | None:
    """The reference for an article without its own full date: the story's earliest full date, inferred.

    Falls back to the most common month (or year) among the dates when no full date is known.
    """
    full = sorted(d[:10] for d in published_dates if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d[:10]))
    if full:
        return Reference(full[0], inferred=True)
    for length in (7, 4):
        partial = sorted(d[:length] for d in published_dates if d and len(d) >= length)
        if partial:
            best = max(sorted(set(partial)), key=partial.count)
            return Reference(best, inferred=True)
    return None


def article_reference(published: str | None, story_dates: Sequence[str | None] = ()) -> Reference | None:
    """The article's own date when it has a full one, else the story's (marked inferred)."""
    if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published[:10]):
        return Reference(published[:10])
    story = story_reference(story_dates)
    if story is not None:
        return story
    if published and re.fullmatch(r"\d{4}(?:-\d{2})?", published[:7]):
        return Reference(published[:7] if len(published) >= 7 else published[:4])
    return None


# ---------------------------------------------------------------------------------------------
# Candidates: what a rule found, before it is resolved
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _Spec:
    """An underspecified time: absolute fields, a shift from the reference or the last date, or a literal."""

    form: str  # "abs" | "weekday" | "shift" | "anchor" | "literal" | "present"
    kind: str = "date"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    days: tuple[int, ...] = ()
    weekdays: tuple[int, ...] = ()
    season: str | None = None
    pod: str | None = None
    time: str | None = None
    decade: int | None = None      # 195 for the 1950s; with `year_digits` 2 a decade of an unknown century
    century: int | None = None     # 19 for the 20th century
    bc: bool = False
    unit: str | None = None        # for shifts: "Y", "M", "W", "D", "H", "DE", "CE", "QC", "WE"
    amount: float = 0
    value: str | None = None       # for literals
    mod: str | None = None
    year_shift: int = 0            # "März des folgenden Jahres"
    two_digit_year: bool = False
    since: bool = False            # a duration up to the reference: "seit 24 Jahren"


@dataclass(slots=True, frozen=True)
class _Candidate:
    start: int
    end: int
    spec: _Spec
    parts: tuple[tuple[int, int], ...] = ()
    priority: int = 0


@dataclass(slots=True)
class _Context:
    reference: tuple[int, int | None, int | None] | None
    inferred: bool
    narrative: bool
    anchor: tuple[int, int | None, int | None] | None = None
    anchor_inferred: bool = False
    section: tuple[int, int, int] | None = None  # years a heading opened (first, last) and where its line starts


# ---------------------------------------------------------------------------------------------
# Grammar
# ---------------------------------------------------------------------------------------------


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _number(token: str, language: str) -> float | None:
    token = token.strip().lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", token):
        return float(token.replace(",", "."))
    if language == "de" and token in ("halbes", "halben", "halbe"):
        return 0.5
    return parse_number_word(token, language)


def _unit_code(word: str, language: str) -> str | None:
    for pattern, code in UNITS[language].items():
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return code
    return None


Handler = Callable[[re.Match, str], list[_Candidate]]


@dataclass(slots=True, frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    handler: Handler
    option: str | None = None


def _year_of(match: re.Match) -> int | None:
    """The year a match names, negative for BC ("499 v. Chr." -> -499)."""
    text = match.groupdict().get("y")
    if not text:
        return None
    return -int(text) if match.groupdict().get("bc") else int(text)


@lru_cache(maxsize=None)
def _rules(language: str) -> tuple[_Rule, ...]:
    months = _alt(MONTHS[language])
    weekdays = _alt(WEEKDAYS[language])
    pods = _alt(PARTS_OF_DAY[language])
    seasons = _alt(SEASONS[language])
    units = "|".join(UNITS[language])
    mods = _alt(MODIFIERS[language])
    positions = _alt(POSITIONS[language])
    num_words = _alt(w for w in _number_words(language))
    num = rf"(?:\d+(?:[.,]\d+)?|{num_words})"
    B, E = r"(?<![\w])", r"(?![\w])"
    flags = re.IGNORECASE
    rules: list[_Rule] = []

    def add(name: str, pattern: str, handler: Handler, option: str | None = None, case: int = flags) -> None:
        rules.append(_Rule(name, re.compile(pattern, case), handler, option))

    if language == "de":
        year = r"(?P<y>\d{1,4})(?P<bc>\s*v\.\s*Chr\.?)?"
        year4 = r"(?P<y>1\d{3}|20\d{2}|\d{3}(?=\s*v\.\s*Chr))(?P<bc>\s*v\.\s*Chr\.?)?"
        day_sep = r"\s*(?:,|und|oder|bis(?:\s+(?:zum|einschließlich))?|/|–|-)\s*"
        pod_prefix = rf"(?:(?P<approx>[Gg]egen)\s+)?(?:(?P<early>frühen|späten)\s+)?(?P<pod>{pods})\s+(?:des|vom)\s+|(?P<laufe>im\s+Laufe\s+des)\s+"
        add("numeric date", rf"{B}(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{{4}}|\d{{2}}){E}", _h_numeric_date)
        add("iso date", rf"{B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){E}", _h_numeric_date)
        add("night of", rf"{B}(?P<pod>Nacht)\s+(?:vom|zum)\s+(?P<d1>[0-3]?\d)\.(?:\s*(?P<m1>{months}))?"
                        rf"\s+(?:auf|zum)\s+(?:den\s+)?(?P<d>[0-3]?\d)\.\s*(?P<month>{months})(?:\s+{year4})?{E}",
            _h_night_of)
        add("day list", rf"{B}(?:(?P<wd>{weekdays})(?:,\s*(?:de[nm]\s+)?|\s+(?:und|bis)\s+(?:{weekdays}),?\s*(?:de[nm]\s+)?))?"
                        rf"(?P<days>(?:[0-3]?\d\.{day_sep})+)(?P<d>[0-3]?\d)\.\s*(?P<month>{months})"
                        rf"(?:\s+{year4})?{E}", _h_day_list, "bare_days")
        add("date", rf"{B}(?:(?P<pos>{positions})\s+)?(?:{pod_prefix})?(?:(?P<wd>{weekdays})(?P<wdpod>{pods})?,?\s+(?:de[nm]\s+)?)?"
                    rf"(?P<d>[0-3]?\d)\.\s*(?P<month>{months})s?(?:\s+{year4})?{E}", _h_date)
        add("month year", rf"{B}(?:(?P<pos>{positions})\s+)?(?P<month>{months})\s+(?:(?P<des>des(?:selben)?\s+(?:(?P<rel>folgenden|nächsten|vorigen|gleichen)\s+)?Jahres)\s*)?(?:{year4})?{E}",
            _h_month_year)
        add("month", rf"{B}(?:(?P<pos>{positions})\s+)?(?P<month>{months}){E}(?!\s*\d)", _h_month, "bare_months")
        add("season", rf"{B}(?:(?P<pos>{positions})\s+)?(?P<pre>Früh|Spät)?(?P<season>(?i:{seasons}))s?"
                      rf"(?:\s+(?:des\s+(?:Jahres|(?P<rel>folgenden|nächsten|vorigen|gleichen)\s+Jahres))?\s*{year4}|\s+des\s+(?P<rel2>folgenden|nächsten|vorigen)\s+Jahres)?{E}",
            _h_season, case=re.NOFLAG)
        add("year", rf"{B}(?:(?P<approx>[Uu]m(?:\s+das\s+Jahr)?|[Ee]twa|[Gg]egen|[Cc]a\.)\s+|(?P<pos>{positions})\s+(?:des\s+Jahres\s+)?|(?P<jahr>Jahre?s?n?)\s+)?"
                    rf"{year}(?![.,]\d)(?:\s*[/–-]\s*(?P<y2>\d{{2}})(?![\d.]))?{E}", _h_year)
        add("position of year", rf"{B}(?P<pos>{positions})\s+des\s+(?:(?P<rel>laufenden|selben|gleichen|folgenden|vorigen)\s+)?Jahres{E}",
            _h_position_year)
        add("year position", rf"{B}Jahres(?P<what>beginn|anfang|mitte|ende|wechsel){E}", _h_year_word)
        add("decade", rf"{B}(?:(?P<pos>{positions})\s+der\s+|den\s+)?(?P<dec>\d{{2,3}}0)er(?:[-\s]?Jahren?)?{E}", _h_decade)
        add("decade word", rf"{B}(?:(?P<pos>{positions})\s+der\s+|den\s+)?(?P<decw>{_alt(DECADE_WORDS[language])})(?:[-\s]?Jahren?){E}",
            _h_decade)
        add("century", rf"{B}(?:(?P<pos>{positions})\s+des\s+)?(?P<c>\d{{1,2}})\.\s*(?:Jahrhunderts?|Jh\.)(?P<bc>\s*v\.\s*Chr\.?)?",
            _h_century)
        add("weekday list", rf"{B}(?P<wd>{weekdays})(?P<more>(?:\s*(?:,|und|oder|bis)\s*(?:{weekdays}))+)(?:(?P<pod>{pods}))?{E}",
            _h_weekday_list)
        add("weekday", rf"{B}(?:(?P<rel>kommenden|nächsten|vergangenen|letzten|vorigen)\s+)?(?P<wd>{weekdays})(?P<pod>{pods})?"
                       rf"(?:\s+(?P<pod2>(?-i:früh|[Aa]bend|[Mm]orgen|[Nn]achmittag|[Vv]ormittag|[Nn]acht)))?(?P<local>\s*\(Ortszeit\))?{E}",
            _h_weekday)
        add("weekday set", rf"{B}(?P<wds>{weekdays})s{E}", _h_weekday_set, case=re.NOFLAG)
        add("clock", rf"{B}(?P<h>[0-2]?\d)(?:[:.](?P<min>[0-5]\d))?\s*Uhr(?:\s+(?P<min2>[0-5]\d)(?!\d))?"
                     rf"(?:\s+(?P<tz>mitteleuropäischer\s+Sommerzeit|mitteleuropäischer\s+Zeit|MEZ|MESZ|Ortszeit|\(Ortszeit\)))?{E}", _h_clock)
        add("midnight", rf"{B}Mitternacht{E}", lambda m, l: [_cand(m, _Spec("anchor", kind="time", unit="D", time="24:00"))])
        add("pod", rf"{B}(?P<am>[Aa]m|[Ii]n\s+der|[Gg]egen|während\s+der)\s+(?:(?P<same>selben|gleichen)\s+)?(?P<pod>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht){E}(?!\s+(?:des|vom|zum))",
            _h_part_of_day, case=re.NOFLAG)
        add("pod adverb", rf"{B}(?P<pod>morgens|vormittags|mittags|nachmittags|abends|nachts){E}", _h_part_of_day, case=re.NOFLAG)
        add("deictic", rf"{B}(?P<word>[Hh]eute|[Gg]estern|[Vv]orgestern|[Üü]bermorgen|morgen(?!\s+des))(?:\s+(?P<pod>[Mm]orgen|früh|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|[Aa]bend|[Nn]acht))?{E}",
            _h_deictic, case=re.NOFLAG)
        add("this unit", rf"{B}(?P<rel>letzte[nmrs]?|vergangene[nmrs]?|vorige[nmrs]?|nächste[nmrs]?|kommende[nmrs]?|diese[nmrs]?|laufende[nmrs]?|neue[nmrs]?|folgende[nmrs]?|selbe[nmn]?|gleiche[nmn]?)\s+"
                         rf"(?P<unit>Woche|Wochenende|Monats?|Jahr(?:es)?|Tag(?:es)?|Jahrzehnts?){E}", _h_this_unit)
        add("ago", rf"{B}vor\s+(?:(?P<mod>{mods})\s+)?(?P<n>{num}|einem|einer)\s+(?P<unit>{units}){E}", _h_ago)
        add("shift", rf"{B}(?:(?P<nach>[Nn]ach)\s+)?(?:(?P<mod0>{mods})\s+)?(?:(?P<which>ersten|nächsten|letzten|folgenden|kommenden|vergangenen)\s+)?(?P<n>{num}|ein(?:e[nm]?)?\s+halbes|anderthalb)\s+(?P<unit>{units})"
                     rf"(?:\s+(?P<dir>später|danach|darauf|zuvor|vorher|früher|nach\s+\w+\s+\w+))?{E}", _h_shift_or_duration)
        add("same unit", rf"{B}(?P<phrase>(?:am|an)\s+(?:selben|gleichen|diesem|demselben)\s+Tag|am\s+Tag\s+darauf|tags\s+darauf|Tag\s+darauf|am\s+(?:Vortag|Folgetag)|"
                         rf"(?:selben|gleichen)\s+Monats?|Vorjahr(?:es)?|Folgejahr(?:es)?|Vormonat|Folgemonat|Vorabend|Folgetag){E}", _h_same_unit)
        add("vague duration", rf"{B}(?:nach\s+)?(?P<q>mehrere|einige|wenige|viele|mehreren|einigen|wenigen|vielen|weniger)\s+(?P<unit>{units}){E}(?!\s+(?:später|danach|darauf))", _h_vague_duration,
            "vague_durations")
        add("long", rf"{B}(?P<unit>jahre|monate|wochen|tage|jahrzehnte|stunden)lang\w*", _h_long, "vague_durations")
        add("some years", rf"{B}(?:(?<=seit\s)Jahren|Folgejahren|(?:frühen|ersten|diesen|letzten|folgenden|den\s+folgenden)\s+(?P<unit>Jahren|Monaten|Wochen|Tagen|Tage)){E}",
            _h_some_years, "vague_durations")
        add("compound duration", rf"{B}(?P<n>\d+|{num_words})-(?P<unit>Tage|Jahres|Monats|Wochen|Stunden)(?=-)", _h_compound_duration)
        add("half year", rf"{B}(?:(?P<ord>1|2)\.|(?P<word>ersten|zweiten))\s+(?:Halbjahr|Jahreshälfte){E}", _h_half_year)
        add("whole year", rf"{B}das\s+ganze\s+(?P<rel>folgende\s+|kommende\s+)?Jahr{E}", _h_whole_year)
        add("holiday", rf"{B}(?P<h>Weihnachten|Heiligabend|Silvester|Neujahr(?:stag)?)(?:\s+(?P<y>1\d{{3}}|20\d{{2}}))?{E}", _h_holiday)
        add("position of month", rf"{B}(?:[Gg]egen\s+)?(?P<pos>Anfang|Mitte|Ende)\s+des\s+Monats{E}", _h_position_month)
        add("in the course", rf"{B}Laufe\s+des\s+(?:(?P<rel>folgenden|selben)\s+)?Jahres(?:\s+(?P<y>1\d{{3}}|20\d{{2}}))?{E}", _h_course_year)
        add("adjective duration", rf"{B}(?:(?P<mod>{mods})\s+)?(?P<n>\d+|{num_words})-?(?P<adj>tägig|wöchig|monatig|jährig|stündig)\w*", _h_adj_duration)
        add("set", rf"{B}(?P<w>täglich|wöchentlich|monatlich|jährlich|alljährlich|stündlich){E}", _h_set)
        add("each", rf"{B}(?:jeden|jede|jedes)\s+(?P<unit>Tag|Woche|Monat|Jahr|{weekdays}){E}", _h_each)
        add("refs", rf"{B}(?P<ref>jetzt|derzeit|gegenwärtig|zurzeit|momentan|bald|demnächst|künftig|zukünftig|in\s+Zukunft|kürzlich|vor\s+kurzem|kurz\s+zuvor|kurz\s+vorher|"
                    rf"kurz\s+darauf|kurz\s+danach|wenig\s+später|kurze\s+Zeit\s+später|Folgezeit|in\s+der\s+Folge|heutigen\s+Tag){E}", _h_ref, "reference_words")
    elif language == "en":
        year4 = r"(?P<y>1\d{3}|20\d{2})"
        short = sorted({w.capitalize() for w in MONTH_ABBREVIATIONS[language]}
                       | {w.upper() for w in MONTH_ABBREVIATIONS[language]}, key=len, reverse=True)
        dated = rf"{months}|(?-i:{'|'.join(re.escape(w) for w in short)})"  # next to a day or year: short forms too
        add("iso date", rf"{B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){E}", _h_numeric_date)
        add("numeric date", rf"{B}(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{{4}}|\d{{2}}){E}(?!/)",
            _h_numeric_date_unambiguous)
        add("day list", rf"{B}(?P<month>{dated})\s+(?P<days>(?:[0-3]?\d(?:st|nd|rd|th)?\s*(?:,|and|or|to|through|-|–)\s*)+)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{year4})?{E}",
            _h_day_list)
        add("day list dm", rf"{B}(?P<days>(?:[0-3]?\d(?:st|nd|rd|th)?\s*(?:,|and|or|to|-|–)\s*)+)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{dated})(?:,?\s+{year4})?{E}",
            _h_day_list)
        add("date mdy", rf"{B}(?:(?P<wd>{weekdays})\s*,?\s+)?(?P<month>{dated})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*,?\s+{year4})?{E}", _h_date)
        add("date dmy", rf"{B}(?:(?P<wd>{weekdays}),?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{dated})(?:,?\s+{year4})?{E}", _h_date)
        add("month year", rf"{B}(?:(?P<pos>{positions})[-\s]+)?(?P<month>{dated}),?\s+{year4}{E}", _h_month_year)
        add("month", rf"{B}(?:(?P<pos>{positions})[-\s]+)?(?P<month>{months}){E}(?!\s*\d)", _h_month, "bare_months")
        add("season", rf"{B}(?:(?P<pos>{positions})[-\s]+)?(?P<season>{seasons})(?:\s+(?:of\s+)?{year4})?{E}", _h_season)
        add("year", rf"{B}(?:(?P<pos>{positions})[-\s]+)?(?P<y>1\d{{3}}|20\d{{2}}|\d{{1,4}}(?=\s*BC))(?P<bc>\s*BC)?{E}", _h_year)
        add("decade", rf"{B}(?:(?P<pos>{positions})[-\s]+)?(?:the\s+)?(?P<dec>\d{{2,3}}0)[’']?s{E}", _h_decade)
        add("decade word", rf"{B}(?:the\s+)?(?P<decw>{_alt(DECADE_WORDS[language])}){E}", _h_decade)
        add("weekday list", rf"{B}(?P<wd>{weekdays})(?P<more>(?:\s*(?:,|and|or|to|through)\s*(?:{weekdays}))+){E}", _h_weekday_list)
        add("weekday", rf"{B}(?:(?P<rel>next|last|this|coming|past)\s+)?(?P<wd>{weekdays})(?:\s+(?P<pod2>{pods}))?(?P<local>\s*\(local time\))?{E}",
            _h_weekday)
        add("weekday set", rf"{B}(?:every\s+(?P<wds>{weekdays})|(?P<wds2>{weekdays})s){E}", _h_weekday_set)
        add("clock", rf"{B}(?<![\d:.])(?P<h>[0-2]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?!\w)", _h_clock)
        add("deictic", rf"{B}(?P<word>today|yesterday|tomorrow|tonight)(?:\s+(?P<pod>{pods}))?{E}", _h_deictic)
        add("this pod", rf"{B}(?P<rel>this|last)\s+(?P<pod>{pods}){E}", _h_this_pod)
        add("this unit", rf"{B}(?P<rel>last|past|previous|next|coming|this|same|following)\s+(?P<unit>week|weekend|month|year|day|decade){E}", _h_this_unit)
        add("ago", rf"{B}(?:(?P<mod>{mods})\s+)?(?P<n>{num}|a|an)\s+(?P<unit>{units})\s+ago{E}", _h_ago)
        add("shift", rf"{B}(?:(?P<mod0>{mods})\s+)?(?P<n>{num}|a|an|a\s+half)\s+(?P<unit>{units})(?:\s+(?P<dir>later|earlier|before|after|afterwards))?{E}",
            _h_shift_or_duration)
        add("same unit", rf"{B}(?P<phrase>(?:on\s+)?the\s+(?:same|following|next|previous)\s+day|the\s+day\s+(?:before|after)){E}", _h_same_unit)
        add("adjective duration", rf"{B}(?P<n>\d+|{num_words})-(?P<adj>day|week|month|year|hour)(?:-long)?{E}(?!-old)", _h_adj_duration)
        add("vague duration", rf"{B}(?P<q>several|a\s+few|few|many)\s+(?P<unit>{units}){E}", _h_vague_duration, "vague_durations")
        add("set", rf"{B}(?P<w>daily|weekly|monthly|yearly|annually|hourly){E}", _h_set, case=re.NOFLAG)
        add("each", rf"{B}every\s+(?P<unit>day|week|month|year){E}", _h_each)
        add("refs", rf"{B}(?P<ref>now|currently|recently|soon|in\s+the\s+future|shortly\s+(?:after|before)|at\s+present){E}", _h_ref, "reference_words")
    else:  # fr
        year4 = r"(?P<y>1\d{3}|20\d{2})"
        add("iso date", rf"{B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){E}", _h_numeric_date)
        add("numeric date", rf"{B}(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>\d{{4}}){E}", _h_numeric_date)
        add("day list", rf"{B}(?P<days>(?:(?:1er|[0-3]?\d)\s*(?:,|et|ou|au|-|–)\s*)+)(?P<d>1er|[0-3]?\d)\s+(?P<month>{months})(?:\s+{year4})?{E}", _h_day_list)
        add("date", rf"{B}(?:(?P<wd>{weekdays})\s+)?(?P<d>1er|[0-3]?\d)\s+(?P<month>{months})(?:\s+{year4})?{E}", _h_date)
        add("month year", rf"{B}(?:(?P<pos>{positions})\s+)?(?P<month>{months})\s+{year4}{E}", _h_month_year)
        add("month", rf"{B}(?:(?P<pos>{positions})\s+)?(?P<month>{months}){E}(?!\s*\d)", _h_month, "bare_months")
        add("season", rf"{B}(?P<season>{seasons})(?:\s+{year4})?{E}", _h_season)
        add("year", rf"{B}(?:(?P<pos>{positions})\s+)?(?:(?P<jahr>l['’]an|année)\s+)?(?P<y>1\d{{3}}|20\d{{2}}|\d{{1,4}}(?=\s*av\.))(?P<bc>\s*av\.\s*J\.-?C\.)?{E}", _h_year)
        add("decade", rf"{B}(?:les\s+)?années\s+(?P<dec>\d{{2,4}}0){E}", _h_decade)
        add("weekday list", rf"{B}(?P<wd>{weekdays})(?P<more>(?:\s*(?:,|et|ou|au)\s*(?:{weekdays}))+){E}", _h_weekday_list)
        add("weekday", rf"{B}(?P<wd>{weekdays})(?:\s+(?P<pod2>{pods}))?(?:\s+(?P<rel>prochain|dernier))?(?P<local>\s*\(heure locale\))?{E}", _h_weekday)
        add("weekday set", rf"{B}(?:chaque|tous\s+les)\s+(?P<wds>{weekdays})s?{E}", _h_weekday_set)
        add("clock", rf"{B}(?:à\s+)?(?P<h>[0-2]?\d)\s*h\s*(?P<min>[0-5]\d)?{E}", _h_clock)
        add("deictic", rf"{B}(?P<word>aujourd['’]hui|hier|avant-hier|demain|après-demain)(?:\s+(?P<pod>{pods}))?{E}", _h_deictic)
        add("this pod", rf"{B}(?P<rel>ce|cette)\s+(?P<pod>matin|soir|nuit|après-midi){E}", _h_this_pod)
        add("this unit", rf"{B}(?:(?:la|le|l['’])\s*)?(?P<unit>semaine|mois|année|an|week-end)\s+(?P<rel>derni(?:er|ère)|passée?|prochaine?|suivante?|précédente?){E}", _h_this_unit)
        add("this unit pre", rf"{B}(?P<rel>cette|ce|cet)\s+(?P<unit>semaine|mois|année|week-end){E}", _h_this_unit)
        add("ago", rf"{B}il\s+y\s+a\s+(?:(?P<mod>{mods})(?:\s+|(?<=['’])))?(?P<n>{num})\s+(?P<unit>{units}){E}", _h_ago)
        add("shift", rf"{B}(?:(?P<mod0>{mods})\s+)?(?P<n>{num})\s+(?P<unit>{units})(?:\s+(?P<dir>plus\s+tard|plus\s+tôt|auparavant|après|avant))?{E}", _h_shift_or_duration)
        add("same unit", rf"{B}(?P<phrase>le\s+(?:même\s+jour|lendemain|surlendemain)|la\s+veille){E}", _h_same_unit)
        add("vague duration", rf"{B}(?P<q>plusieurs|quelques)\s+(?P<unit>{units}){E}", _h_vague_duration, "vague_durations")
        add("set", rf"{B}(?P<w>quotidiennement|chaque\s+jour|chaque\s+semaine|chaque\s+mois|chaque\s+année){E}", _h_set)
        add("refs", rf"{B}(?P<ref>maintenant|actuellement|récemment|bientôt|à\s+l['’]avenir|peu\s+après|peu\s+avant){E}", _h_ref, "reference_words")
    return tuple(rules)


def _number_words(language: str) -> list[str]:
    from newsdesk.extract.numbers import NUMBER_WORDS

    words = [w for w in NUMBER_WORDS[language] if w not in ("a", "an", "halb", "dutzend", "dozen", "douzaine")]
    if language == "de":
        words += [f"{u}und{t}" for u in ("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
                  for t in ("zwanzig", "dreißig", "vierzig", "fünfzig")] + ["hundert", "tausend"]
    return words


# ---------------------------------------------------------------------------------------------
# Handlers: match -> candidates with an underspecified _Spec
# ---------------------------------------------------------------------------------------------


def _cand(match: re.Match, spec: _Spec, start: int | None = None, end: int | None = None,
          parts: tuple[tuple[int, int], ...] = ()) -> _Candidate:
    return _Candidate(match.start() if start is None else start, match.end() if end is None else end, spec, parts)


def _month(match: re.Match, language: str, group: str = "month") -> int | None:
    word = match.group(group)
    if not word:
        return None
    return MONTHS[language].get(word.lower()) or MONTH_ABBREVIATIONS[language].get(word.lower())


def _pos(match: re.Match, language: str) -> str | None:
    word = match.groupdict().get("pos") or match.groupdict().get("early")
    if not word:
        return None
    return POSITIONS[language].get(re.sub(r"\s+", " ", word.lower()))


def _day(text: str) -> int:
    return 1 if text.lower() == "1er" else int(text)


def _h_numeric_date(match: re.Match, language: str) -> list[_Candidate]:
    day, month, year_text = int(match.group("d")), int(match.group("m")), match.group("y")
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return []
    two = len(year_text) == 2
    return [_cand(match, _Spec("abs", year=int(year_text), month=month, day=day, two_digit_year=two))]


def _h_numeric_date_unambiguous(match: re.Match, language: str) -> list[_Candidate]:
    """"11/28/2005" (US order) or "28/11/2005": taken only when one of the two numbers cannot be a month
    or both are the same; "04/05/2009" could be either and stays untagged (nothing invented)."""
    a, b = int(match.group("a")), int(match.group("b"))
    if a <= 12 and b <= 12 and a != b:
        return []
    month, day = (a, b) if a <= 12 else (b, a)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return []
    year_text = match.group("y")
    return [_cand(match, _Spec("abs", year=int(year_text), month=month, day=day, two_digit_year=len(year_text) == 2))]


def _h_night_of(match: re.Match, language: str) -> list[_Candidate]:
    month = _month(match, language)
    year = _year_of(match)
    first = _Spec("abs", year=year, month=_month(match, language, "m1") or month, day=int(match.group("d1")), pod="NI")
    second = _Spec("abs", year=year, month=month, day=int(match.group("d")))
    end_first = match.end("m1") if match.group("m1") else match.end("d1") + 1
    return [_cand(match, first, match.start(), end_first), _cand(match, second, match.start("d"), match.end())]


def _h_day_list(match: re.Match, language: str) -> list[_Candidate]:
    month = _month(match, language)
    year = _year_of(match)
    days_text = match.group("days")
    offset = match.start("days")
    parts: list[tuple[int, int]] = []
    days: list[int] = []
    for token in re.finditer(r"1er|[0-3]?\d", days_text):
        days.append(_day(token.group()))
        parts.append((offset + token.start(), offset + token.end() + (1 if language == "de" else 0)))
    days.append(_day(match.group("d")))
    parts.append((match.start("d"), match.end()))
    if language == "en" and match.re.pattern.find("(?P<month>") < match.re.pattern.find("(?P<days>"):
        parts[0] = (match.start(), parts[0][1])
    if any(not 1 <= d <= 31 for d in days):
        return []
    if re.search(r"bis|to|through|au|-|–", days_text) and len(days) == 2 and days[1] > days[0]:
        days = list(range(days[0], days[1] + 1))
    spec = _Spec("abs", year=year, month=month, days=tuple(days))
    start = match.start("wd") if match.groupdict().get("wd") else match.start()
    return [_cand(match, spec, start, match.end(), tuple(parts))]


def _h_date(match: re.Match, language: str) -> list[_Candidate]:
    day = _day(match.group("d"))
    if not 1 <= day <= 31:
        return []
    year = _year_of(match)
    pod = PARTS_OF_DAY[language].get((match.groupdict().get("pod") or match.groupdict().get("wdpod") or "").lower())
    mod = "APPROX" if match.groupdict().get("approx") else _pos(match, language)
    spec = _Spec("abs", year=year, month=_month(match, language), day=day, pod=pod, mod=mod)
    return [_cand(match, spec)]


def _h_month_year(match: re.Match, language: str) -> list[_Candidate]:
    if not match.group("y") and not match.groupdict().get("des"):
        return []
    year = _year_of(match)
    rel = match.groupdict().get("rel")
    shift = {"folgenden": 1, "nächsten": 1, "vorigen": -1}.get((rel or "").lower(), 0)
    return [_cand(match, _Spec("abs", year=year, month=_month(match, language), mod=_pos(match, language),
                               year_shift=shift))]


def _h_month(match: re.Match, language: str) -> list[_Candidate]:
    word = match.group("month")
    if word[0].islower() and language != "fr":
        return []
    before = match.string[max(0, match.start() - 12):match.start()]
    cue = re.search(r"(?:\b(?:im|seit|bis|ab|vom|zum|Anfang|Mitte|Ende|Monat|und|oder|in|since|until|by|of|and|or|en|depuis|jusqu'en|et|mois|de|au|den)\s*|[,/–-]\s*)$",
                    before, re.IGNORECASE) or re.match(r"\s*(?:/|und|bis|oder|and|or|to|et|ou|–|-)\s*(?:" + _alt(MONTHS[language]) + r")",
                                                     match.string[match.end():match.end() + 20], re.IGNORECASE)
    if word.lower() in AMBIGUOUS_MONTHS[language] and not (cue or match.group("pos")):
        return []
    if language == "en" and word.lower() == "may" and not (match.group("pos") or re.search(r"\b(?:in|of|since|until|by|early|late|mid)\s*$", before, re.IGNORECASE)):
        return []
    return [_cand(match, _Spec("abs", month=_month(match, language), mod=_pos(match, language)))]


def _h_season(match: re.Match, language: str) -> list[_Candidate]:
    season = SEASONS[language][match.group("season").lower()]
    year = _year_of(match)
    mod = _pos(match, language)
    pre = (match.groupdict().get("pre") or "").lower()
    if pre == "früh" and season != "SP":
        mod = "START"
    elif pre == "spät":
        mod = "END"
    rel = match.groupdict().get("rel") or match.groupdict().get("rel2")
    shift = {"folgenden": 1, "nächsten": 1, "vorigen": -1}.get((rel or "").lower(), 0)
    return [_cand(match, _Spec("abs", year=year, season=season, mod=mod, year_shift=shift))]


def _h_year(match: re.Match, language: str) -> list[_Candidate]:
    text = match.group("y")
    bc = bool(match.group("bc"))
    value = int(text)
    has_cue = bool(match.groupdict().get("jahr") or match.group("pos"))
    if not bc and not (1000 <= value <= 2100 or (has_cue and 100 <= value <= 2100)):
        return []
    if not bc and match.groupdict().get("approx") and len(text) < 4:
        return []
    after = match.string[match.end():match.end() + 30]
    before = match.string[max(0, match.start() - 25):match.start()]
    if not bc and not has_cue and _count_context(before, after, language):
        return []
    mod = _pos(match, language)
    if match.groupdict().get("approx"):
        mod = "APPROX"
    year = -value if bc else value
    out = [_cand(match, _Spec("abs", year=year, mod=mod), match.start(), match.end("bc") if bc else match.end("y"))]
    if match.groupdict().get("y2"):
        second = int(text[:-2] + match.group("y2"))
        if second > value:
            out.append(_cand(match, _Spec("abs", year=second), match.start("y2"), match.end("y2")))
    return out


_COUNT_BEFORE = re.compile(r"(?:mehr\s+als|über|rund|etwa|fast|knapp|mindestens|insgesamt|weitere|nur|bis\s+zu|ca\.|"
                           r"more\s+than|over|about|some|nearly|almost|at\s+least|plus\s+de|environ|près\s+de|"
                           r"[Nn]r\.|Nummer|Seite|S\.|Artikel|Art\.|§|No\.)\s*$", re.IGNORECASE)
_COUNT_AFTER = re.compile(r"\s*(?:%|Prozent|Euro|Dollar|Mann|Soldaten|Menschen|Personen|Tote|Toten|Opfer|Gefangene|"
                          r"Kilometer|km|Meter|Tonnen|Einwohner|Schiffe|Flugzeuge|Panzer|Geschütze|Kanonen|Mitglieder|"
                          r"Stimmen|Fuß|Meilen|Pfund|Rubel|Mark|Franc|Krieger|Reiter|Truppen|Männer|Frauen|Kinder|"
                          r"people|soldiers|troops|men|dead|killed|miles|percent|dollars|euros|personnes|soldats|morts|"
                          r"hommes|euros|dollars|\w+\s+(?:Soldaten|Mann|Menschen))\b", re.IGNORECASE)


def _count_context(before: str, after: str, language: str) -> bool:
    """True when a four-digit number is a count ("über 1500 Soldaten", "mit 1500 Panzern"), not a year."""
    if _COUNT_BEFORE.search(before) or _COUNT_AFTER.match(after):
        return True
    if language == "de" and re.match(r"[ \t]+[A-ZÄÖÜ][a-zäöüß]+", after) and not re.match(r"\s+(?:" + _alt(MONTHS["de"]) + r")", after, re.IGNORECASE):
        previous = re.search(r"(\w+)[^\w\n]*$", before)
        return bool(previous and previous.group(1).islower() and previous.group(1) not in _YEAR_CUE_WORDS)
    return False


_YEAR_CUE_WORDS = {"im", "in", "seit", "bis", "ab", "von", "vom", "um", "nach", "vor", "zwischen", "und", "oder", "des",
                   "jahr", "jahre", "jahres", "jahren", "sommer", "herbst", "winter", "frühjahr", "anfang", "ende",
                   "mitte", "beginn", "zum", "zur", "bereits", "schon", "erst", "noch", "auch", "dem", "den"}


def _h_position_year(match: re.Match, language: str) -> list[_Candidate]:
    rel = (match.group("rel") or "").lower()
    shift = {"folgenden": 1, "vorigen": -1}.get(rel, 0)
    return [_cand(match, _Spec("anchor", unit="Y", amount=shift, mod=_pos(match, language)))]


def _h_year_word(match: re.Match, language: str) -> list[_Candidate]:
    what = match.group("what").lower()
    if what == "wechsel":
        return [_cand(match, _Spec("anchor", unit="Y", amount=1, mod="YEAR_START_DAY"))]
    mod = {"beginn": "START", "anfang": "START", "mitte": "MID", "ende": "END"}[what]
    return [_cand(match, _Spec("anchor", unit="Y", amount=0, mod=mod))]


def _h_decade(match: re.Match, language: str) -> list[_Candidate]:
    mod = _pos(match, language)
    if match.groupdict().get("dec"):
        text = match.group("dec")
        if len(text) == 4:
            return [_cand(match, _Spec("abs", decade=int(text[:3]), mod=mod))]
        if len(text) == 3 and language == "de" and re.search(r"v\.\s*Chr", match.string[match.end():match.end() + 12]):
            return [_cand(match, _Spec("abs", decade=int(text[:2]), bc=True, mod=mod))]
        return [_cand(match, _Spec("abs", decade=int(text[:-1]), mod=mod, two_digit_year=len(text) == 2))]
    digit = DECADE_WORDS[language][match.group("decw").lower()]
    return [_cand(match, _Spec("abs", decade=digit, two_digit_year=True, mod=mod))]


def _h_century(match: re.Match, language: str) -> list[_Candidate]:
    number = int(match.group("c"))
    if not 1 <= number <= 21:
        return []
    return [_cand(match, _Spec("abs", century=number - 1, bc=bool(match.group("bc")), mod=_pos(match, language)))]


def _h_weekday(match: re.Match, language: str) -> list[_Candidate]:
    word = match.group("wd")
    if language == "de" and word[0].islower():
        return []
    weekday = WEEKDAYS[language][word.lower()]
    pod_word = match.groupdict().get("pod") or match.groupdict().get("pod2")
    pod = PARTS_OF_DAY[language].get(pod_word.lower()) if pod_word else None
    rel = (match.groupdict().get("rel") or "").lower()
    direction = 1 if rel[:4] in ("komm", "näch", "next", "comi", "proc") else -1 if rel[:4] in ("verg", "letz", "vori", "last", "past", "dern") else 0
    spec = _Spec("weekday", weekdays=(weekday,), pod=pod, amount=direction)
    return [_cand(match, spec)]


def _h_weekday_list(match: re.Match, language: str) -> list[_Candidate]:
    names = [match.group("wd")] + re.findall(_alt(WEEKDAYS[language]), match.group("more"), re.IGNORECASE)
    if language == "de" and any(n[0].islower() for n in names):
        return []
    days = [WEEKDAYS[language][n.lower()] for n in names]
    if len(days) == 2 and re.search(r"bis|to|through|au", match.group("more")):
        first, last = days
        span = (last - first) % 7
        days = [(first - 1 + i) % 7 + 1 for i in range(span + 1)]
    parts = []
    for name in re.finditer(_alt(WEEKDAYS[language]), match.group(), re.IGNORECASE):
        parts.append((match.start() + name.start(), match.start() + name.end()))
    pod_word = match.groupdict().get("pod")
    pod = PARTS_OF_DAY[language].get(pod_word.lower()) if pod_word else None
    return [_cand(match, _Spec("weekday", weekdays=tuple(days), pod=pod), parts=tuple(parts))]


def _h_weekday_set(match: re.Match, language: str) -> list[_Candidate]:
    word = match.groupdict().get("wds") or match.groupdict().get("wds2")
    weekday = WEEKDAYS[language][word.lower()]
    return [_cand(match, _Spec("literal", kind="set", value=f"XXXX-WXX-{weekday}"))]


def _h_clock(match: re.Match, language: str) -> list[_Candidate]:
    hour = int(match.group("h"))
    minute = int(match.groupdict().get("min") or match.groupdict().get("min2") or 0)
    ampm = (match.groupdict().get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if hour > 24:
        return []
    zone = {"mitteleuropäischer zeit": "+01", "mez": "+01", "mitteleuropäischer sommerzeit": "+02", "mesz": "+02"}.get(
        re.sub(r"\s+", " ", (match.groupdict().get("tz") or "").lower()), "")
    return [_cand(match, _Spec("anchor", kind="time", unit="D", time=f"{hour:02d}:{minute:02d}{zone}"))]


def _h_part_of_day(match: re.Match, language: str) -> list[_Candidate]:
    word = match.group("pod").lower().rstrip("s")
    pod = PARTS_OF_DAY[language].get(word)
    if pod is None:
        return []
    am = (match.groupdict().get("am") or "").lower()
    start = match.start("pod") if am and not am.startswith(("gegen", "am")) else match.start()
    if match.groupdict().get("same"):
        start = match.start("same")
    mod = "APPROX" if am.startswith("gegen") else None
    return [_cand(match, _Spec("anchor", unit="D", pod=pod, mod=mod), start)]


_DEICTIC = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2, "today": 0, "yesterday": -1,
            "tomorrow": 1, "tonight": 0, "aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "avant-hier": -2,
            "demain": 1, "après-demain": 2}


_PAST_AND_FUTURE = {  # "gestern und morgen", "yesterday and tomorrow": always, not a day (an idiom)
    "de": re.compile(r"(?i)\bgestern\s*(?:,\s*heute\s*)?(?:,|und|oder|wie)\s*(?:heute\s+und\s+)?morgen\b"),
    "en": re.compile(r"(?i)\byesterday\s*(?:,\s*today\s*)?(?:,|and|or)\s*(?:today\s+and\s+)?tomorrow\b"),
    "fr": re.compile(r"(?i)\bhier\s*(?:,\s*aujourd['’]hui\s*)?(?:,|et|ou|comme)\s*(?:aujourd['’]hui\s+et\s+)?demain\b"),
}


def _h_deictic(match: re.Match, language: str) -> list[_Candidate]:
    word = match.group("word").lower()
    around = match.string[max(0, match.start() - 30):match.end() + 30]
    for idiom in _PAST_AND_FUTURE[language].finditer(around):
        at = max(0, match.start() - 30) + idiom.start()
        if at <= match.start() and match.end() <= at + len(idiom.group()):
            return []
    pod_word = match.groupdict().get("pod")
    pod = PARTS_OF_DAY[language].get(pod_word.lower()) if pod_word else ("NI" if word == "tonight" else None)
    if word == "heute" and pod is None:
        return [_cand(match, _Spec("present", unit="D", amount=0))]
    return [_cand(match, _Spec("shift", unit="D", amount=_DEICTIC[word], pod=pod))]


def _h_this_pod(match: re.Match, language: str) -> list[_Candidate]:
    pod = PARTS_OF_DAY[language][match.group("pod").lower()]
    amount = -1 if match.group("rel").lower() == "last" else 0
    return [_cand(match, _Spec("shift", unit="D", amount=amount, pod=pod))]


_REL_SHIFT = {"letzt": -1, "vergang": -1, "vorig": -1, "nächst": 1, "kommend": 1, "dies": 0, "laufend": 0, "neu": 0,
              "folgend": 1, "selb": 0, "gleich": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
              "this": 0, "same": 0, "following": 1, "derni": -1, "pass": -1, "précédent": -1, "prochain": 1,
              "suivant": 1, "ce": 0, "cet": 0, "cette": 0}


def _h_this_unit(match: re.Match, language: str) -> list[_Candidate]:
    rel = match.group("rel").lower()
    shift = next((v for k, v in sorted(_REL_SHIFT.items(), key=lambda kv: -len(kv[0])) if rel.startswith(k)), None)
    if shift is None:
        return []
    unit_word = match.group("unit").lower()
    unit = ("WE" if unit_word.startswith(("wochenende", "weekend", "week-end")) else
            "W" if unit_word.startswith(("woche", "week", "semaine")) else
            "M" if unit_word.startswith(("monat", "month", "mois")) else
            "D" if unit_word.startswith(("tag", "day")) else
            "DE" if unit_word.startswith(("jahrzehnt", "decade")) else "Y")
    anchored_to_text = rel.startswith(("folgend", "selb", "gleich", "following", "same", "suivant")) or (
        language == "de" and rel.startswith(("dies", "neu")))
    if rel.startswith(("neu",)) and unit != "Y":
        return []
    if rel.startswith("neu"):
        shift = 1
    form = "anchor" if anchored_to_text else "shift"
    return [_cand(match, _Spec(form, unit=unit, amount=shift))]


def _amount(match: re.Match, language: str) -> float | None:
    token = re.sub(r"\s+", " ", match.group("n").lower())
    if token in ("a", "an", "einem", "einer"):
        return 1.0
    if token in ("a half",):
        return 0.5
    if re.fullmatch(r"ein(?:e[nm]?)? halbes", token):
        return 0.5
    return _number(token, language)


def _h_ago(match: re.Match, language: str) -> list[_Candidate]:
    amount = _amount(match, language)
    unit = _unit_code(match.group("unit"), language)
    if amount is None or unit is None or amount <= 0:
        return []
    mod_word = (match.group("mod") or "").lower()
    mod = MODIFIERS[language].get(mod_word)
    if mod_word in ALMOST and unit in ("Y", "QC", "DE", "CE") and _years(unit, amount) >= 2:
        amount = _years(unit, amount) - 1  # "vor fast einem Vierteljahrhundert": 24 and a bit years ago
        unit = "Y"
    return [_cand(match, _Spec("shift", unit=unit, amount=-amount, mod=mod))]


def _years(unit: str, amount: float) -> float:
    return amount * {"Y": 1, "QC": 25, "DE": 10, "CE": 100}[unit]


_LATER = {"später": 1, "danach": 1, "darauf": 1, "zuvor": -1, "vorher": -1, "früher": -1, "later": 1, "after": 1,
          "afterwards": 1, "earlier": -1, "before": -1, "plus tard": 1, "après": 1, "plus tôt": -1,
          "auparavant": -1, "avant": -1}


def _h_shift_or_duration(match: re.Match, language: str) -> list[_Candidate]:
    amount = _amount(match, language)
    unit = _unit_code(match.group("unit"), language)
    if amount is None or unit is None:
        return []
    n_text = match.group("n")
    if n_text[:1].isdigit() and unit in ("Y", "M") and amount >= 100:
        return []  # "1944 Jahre" is no duration worth guessing
    direction_word = (match.groupdict().get("dir") or "").lower()
    direction_word = re.sub(r"\s+", " ", direction_word)
    mod_word = (match.groupdict().get("mod0") or "").lower()
    mod = MODIFIERS[language].get(mod_word)
    cut_at_unit = False
    if direction_word.startswith("nach ") and language == "de":
        direction_word, cut_at_unit = "", True  # "zwei Wochen nach der Kapitulation": a duration we do not anchor
    if direction_word in ("after", "before", "après", "avant") and re.match(r"\s+\w", match.string[match.end():]):
        direction_word, cut_at_unit = "", True  # "24 years after his last visit": counted from an event, not a date
    nach = match.groupdict().get("nach")
    if nach and (mod or unit in ("H", "MIN") or re.match(r"\s+[A-ZÄÖÜ]\w+", match.string[match.end():match.end() + 20])
                 or match.groupdict().get("which")):
        nach = None  # "nach mehr als drei Tagen", "nach 77 Tagen Belagerung": a duration
        start = match.start("mod0") if mod else match.start("which") if match.groupdict().get("which") else match.start("n")
        return [_cand(match, _Spec("literal", kind="duration", value=_duration(unit, amount), mod=mod), start, match.end("unit"))]
    if direction_word in _LATER or nach:
        sign = _LATER.get(direction_word, 1)
        end = match.end() if direction_word else match.end("unit")
        return [_cand(match, _Spec("anchor", unit=unit, amount=sign * amount, mod=mod), match.start(), end)]
    end = match.end("unit") if direction_word or cut_at_unit else match.end()
    since = bool(re.search(r"(?:seit|since|for\s+the\s+(?:past|last)|depuis)\s+$", match.string[max(0, match.start() - 20):match.start()],
                           re.IGNORECASE))
    spec = _Spec("literal", kind="duration", value=_duration(unit, amount), mod=mod, since=since, unit=unit, amount=amount)
    return [_cand(match, spec, match.start(), end)]


def _duration(unit: str, amount: float | None) -> str:
    """ISO 8601 / TIMEX2 duration: P2Y, P18M, PT2H, PXD for an unknown count."""
    if unit == "QC":
        unit, amount = "Y", None if amount is None else amount * 25
    if unit == "CE" and amount is not None and amount != int(amount):
        unit, amount = "DE", amount * 10
    if amount is None:
        count = "X"
    elif amount != int(amount):
        if unit == "Y":
            return f"P{int(amount)}Y{int(round((amount - int(amount)) * 12))}M" if int(amount) else f"P{int(round(amount * 12))}M"
        if unit == "D":
            return f"PT{int(round(amount * 24))}H"
        count = f"{amount:g}"
    else:
        count = str(int(amount))
    if unit in ("H", "MIN"):
        return f"PT{count}{'M' if unit == 'MIN' else 'H'}"
    return f"P{count}{unit}"


def _h_same_unit(match: re.Match, language: str) -> list[_Candidate]:
    phrase = re.sub(r"\s+", " ", match.group("phrase").lower())
    if "monat" in phrase:
        unit, amount = "M", 0
    elif "vorjahr" in phrase:
        unit, amount = "Y", -1
    elif "folgejahr" in phrase:
        unit, amount = "Y", 1
    elif "vormonat" in phrase:
        unit, amount = "M", -1
    elif "folgemonat" in phrase:
        unit, amount = "M", 1
    elif any(w in phrase for w in ("darauf", "folgetag", "following", "next", "after", "lendemain")):
        unit, amount = "D", 1
    elif "surlendemain" in phrase:
        unit, amount = "D", 2
    elif any(w in phrase for w in ("vortag", "previous", "before", "veille", "vorabend")):
        unit, amount = "D", -1
    else:
        unit, amount = "D", 0
    pod = "EV" if "vorabend" in phrase else None
    return [_cand(match, _Spec("anchor", unit=unit, amount=amount, pod=pod))]


def _h_some_years(match: re.Match, language: str) -> list[_Candidate]:
    word = (match.group("unit") or "Jahren").lower()
    unit = {"jahren": "Y", "monaten": "M", "wochen": "W", "tagen": "D", "tage": "D"}[word]
    return [_cand(match, _Spec("literal", kind="duration", value=_duration(unit, None)))]


def _h_compound_duration(match: re.Match, language: str) -> list[_Candidate]:
    amount = _number(match.group("n"), language)
    unit = {"tage": "D", "jahres": "Y", "monats": "M", "wochen": "W", "stunden": "H"}[match.group("unit").lower()]
    if amount is None:
        return []
    return [_cand(match, _Spec("literal", kind="duration", value=_duration(unit, amount)))]


def _h_half_year(match: re.Match, language: str) -> list[_Candidate]:
    half = "H1" if (match.group("ord") == "1" or (match.group("word") or "").lower() == "ersten") else "H2"
    return [_cand(match, _Spec("abs", season=half))]


def _h_whole_year(match: re.Match, language: str) -> list[_Candidate]:
    return [_cand(match, _Spec("anchor", unit="Y", amount=1 if match.group("rel") else 0))]


_HOLIDAYS = {"weihnachten": (12, 25), "heiligabend": (12, 24), "silvester": (12, 31), "neujahr": (1, 1),
             "neujahrstag": (1, 1)}


def _h_holiday(match: re.Match, language: str) -> list[_Candidate]:
    month, day = _HOLIDAYS[match.group("h").lower()]
    year = int(match.group("y")) if match.group("y") else None
    return [_cand(match, _Spec("abs", year=year, month=month, day=day))]


def _h_position_month(match: re.Match, language: str) -> list[_Candidate]:
    return [_cand(match, _Spec("anchor", unit="M", amount=0, mod=_pos(match, language)))]


def _h_course_year(match: re.Match, language: str) -> list[_Candidate]:
    if match.group("y"):
        return [_cand(match, _Spec("abs", year=int(match.group("y"))))]
    return [_cand(match, _Spec("anchor", unit="Y", amount=1 if match.group("rel") == "folgenden" else 0))]


def _h_vague_duration(match: re.Match, language: str) -> list[_Candidate]:
    unit = _unit_code(match.group("unit"), language)
    if unit is None:
        return []
    return [_cand(match, _Spec("literal", kind="duration", value=_duration(unit, None)), match.start())]


def _h_long(match: re.Match, language: str) -> list[_Candidate]:
    unit = {"jahre": "Y", "monate": "M", "wochen": "W", "tage": "D", "jahrzehnte": "DE", "stunden": "H"}[match.group("unit").lower()]
    return [_cand(match, _Spec("literal", kind="duration", value=_duration(unit, None)))]


def _h_adj_duration(match: re.Match, language: str) -> list[_Candidate]:
    amount = _number(match.group("n"), language)
    if amount is None:
        return []
    unit = {"tägig": "D", "wöchig": "W", "monatig": "M", "jährig": "Y", "stündig": "H",
            "day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H"}[match.group("adj").lower()]
    mod = MODIFIERS[language].get((match.groupdict().get("mod") or "").lower())
    return [_cand(match, _Spec("literal", kind="duration", value=_duration(unit, amount), mod=mod))]


def _h_set(match: re.Match, language: str) -> list[_Candidate]:
    word = match.group("w").lower()
    unit = ("D" if word.startswith(("tägl", "dail", "quotid")) or "jour" in word else
            "W" if word.startswith(("wöch", "week")) or "semaine" in word else
            "M" if word.startswith(("monat", "month")) or "mois" in word else
            "H" if word.startswith(("stünd", "hour")) else "Y")
    return [_cand(match, _Spec("literal", kind="set", value=_duration(unit, 1)))]


def _h_each(match: re.Match, language: str) -> list[_Candidate]:
    word = match.group("unit").lower()
    if word in WEEKDAYS[language]:
        return [_cand(match, _Spec("literal", kind="set", value=f"XXXX-WXX-{WEEKDAYS[language][word]}"))]
    unit = {"tag": "D", "woche": "W", "monat": "M", "jahr": "Y", "day": "D", "week": "W", "month": "M", "year": "Y"}[word]
    return [_cand(match, _Spec("literal", kind="set", value=_duration(unit, 1)))]


_REFS = {"jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF", "gegenwärtig": "PRESENT_REF", "zurzeit": "PRESENT_REF",
         "momentan": "PRESENT_REF", "now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
         "maintenant": "PRESENT_REF", "actuellement": "PRESENT_REF", "kürzlich": "PAST_REF", "vor kurzem": "PAST_REF",
         "kurz zuvor": "PAST_REF", "kurz vorher": "PAST_REF", "zwischenzeitlich": "PAST_REF", "recently": "PAST_REF",
         "shortly before": "PAST_REF", "récemment": "PAST_REF", "peu avant": "PAST_REF",
         "diesem zeitpunkt": "PRESENT_REF", "heutige": "PRESENT_REF", "heutigen": "PRESENT_REF",
         "heutiger": "PRESENT_REF", "heutiges": "PRESENT_REF", "heutigem": "PRESENT_REF", "heutigen tag": "PRESENT_REF"}


def _h_ref(match: re.Match, language: str) -> list[_Candidate]:
    word = re.sub(r"\s+", " ", match.group("ref").lower())
    return [_cand(match, _Spec("literal", value=_REFS.get(word, "FUTURE_REF")))]


# ---------------------------------------------------------------------------------------------
# Tense of the clause around an expression
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _tense_patterns(language: str) -> tuple[re.Pattern, re.Pattern]:
    future = re.compile(rf"(?<![\w'])(?:{FUTURE_CUES[language]})(?![\w])", re.IGNORECASE)
    past = re.compile(rf"(?<![\w'])(?:{PAST_CUES[language]})(?![\w])")
    return future, past


_SENTENCE_END = re.compile(r"[.!?;:]\s+(?=[\"„“»«(]?[A-ZÄÖÜ])|\n")


def _tense(text: str, start: int, end: int, language: str) -> int:
    """-1 past, +1 future, 0 unknown: the tense cue nearest to the expression in its sentence."""
    left = max(0, start - 200)
    before = text[left:start]
    cut = None
    for cut in _SENTENCE_END.finditer(before):
        pass
    if cut is not None:
        left = left + cut.end()
    after_text = text[end:end + 200]
    stop = _SENTENCE_END.search(after_text)
    right = end + (stop.start() if stop else len(after_text))
    future, past = _tense_patterns(language)
    stop_words = _TENSE_STOP[language]
    best: tuple[int, int, int] | None = None  # (distance, after the expression, sign): the nearest cue, one before on a tie
    for sign, pattern in ((1, future), (-1, past)):
        for cue in pattern.finditer(text, left, right):
            if start <= cue.start() < end:
                continue
            if cue.group().lower() in stop_words:
                continue
            after = cue.end() > start
            distance = cue.start() - end if after else start - cue.end()
            if best is None or (distance, after) < best[:2]:
                best = (distance, after, sign)
    return best[2] if best else 0


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------


def _fmt_year(year: int) -> str:
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def _fmt(year: int | None, month: int | None = None, day: int | None = None) -> str:
    out = "XXXX" if year is None else _fmt_year(year)
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out


def _parse_ref(value: str) -> tuple[int, int | None, int | None]:
    pieces = value[:10].split("-")
    year = int(pieces[0])
    month = int(pieces[1]) if len(pieces) > 1 else None
    day = int(pieces[2]) if len(pieces) > 2 else None
    return year, month, day


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _year_for(month: int, day: int | None, ref: tuple[int, int | None, int | None], tense: int) -> int:
    """The year of a month (and day) without one: nearest to the reference in the tense's direction."""
    year, ref_month, ref_day = ref
    if ref_month is None:
        return year
    here = (month, day or 0)
    now = (ref_month, ref_day or 0)
    if day is None or ref_day is None:
        here, now = (month, 0), (ref_month, 0)
    if here == now:
        return year
    if tense < 0:
        return year if here < now else year - 1
    if tense > 0:
        return year if here > now else year + 1
    candidates = []
    for y in (year - 1, year, year + 1):
        d = dt.date(y, month, min(day or 15, 28))
        r = dt.date(year, ref_month, min(ref_day or 15, 28))
        candidates.append((abs((d - r).days), y))
    return min(candidates)[1]


def _season_pod(value: str, pod: str | None, time: str | None) -> str:
    if time:
        return f"{value}T{time}"
    if pod:
        return f"{value}T{pod}"
    return value


def _shift_date(base: tuple[int, int | None, int | None], unit: str, amount: float) -> str | None:
    year, month, day = base
    if unit in ("Y", "DE", "CE", "QC"):
        years = _years(unit, amount) if unit != "Y" else amount
        if years != int(years):
            if month is None:
                return None
            total = year * 12 + (month - 1) + int(round(years * 12))
            return _fmt(total // 12, total % 12 + 1)
        return _fmt_year(year + int(years))
    if unit == "M":
        if month is None or amount != int(amount):
            return None
        total = year * 12 + (month - 1) + int(amount)
        return _fmt(total // 12, total % 12 + 1)
    if unit in ("W", "WE"):
        if month is None or day is None or year < 1:
            return None
        date = dt.date(year, month, day) + dt.timedelta(weeks=int(amount))
        iso = date.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "D":
        if month is None or day is None or year < 1 or amount != int(amount):
            return None
        date = dt.date(year, month, day) + dt.timedelta(days=int(amount))
        return date.isoformat()
    if unit in ("H", "MIN"):
        if month is None or day is None or year < 1:
            return None
        return dt.date(year, month, day).isoformat()
    return None


def _offset(unit: str | None, amount: float) -> str | None:
    if unit is None:
        return None
    sign = "-" if amount < 0 else "+"
    return sign + _duration("W" if unit == "WE" else unit, abs(amount))


def _nearest_weekday(base: tuple[int, int | None, int | None], weekday: int, tense: int) -> dt.date | None:
    year, month, day = base
    if month is None or day is None or year < 1:
        return None
    ref = dt.date(year, month, day)
    forward = (weekday - ref.isoweekday()) % 7
    backward = (ref.isoweekday() - weekday) % 7
    if tense > 0:
        return ref + dt.timedelta(days=forward)
    if tense < 0:
        return ref - dt.timedelta(days=backward)
    return ref + dt.timedelta(days=forward) if forward <= backward else ref - dt.timedelta(days=backward)


def _resolve(cand: _Candidate, text: str, language: str, ctx: _Context) -> Timex:
    spec = cand.spec
    surface = text[cand.start:cand.end]
    base_ref = ctx.reference
    anchor = ctx.anchor if ctx.anchor is not None else ctx.reference
    anchor_inferred = ctx.anchor_inferred if ctx.anchor is not None else ctx.inferred
    # in narrative mode the date mentioned last anchors underspecified dates, within the section's years
    if ctx.narrative and ctx.section is not None and anchor is not None and not (
            ctx.section[0] <= anchor[0] <= ctx.section[1]):
        anchor = (ctx.section[0], None, None)
    pivot = anchor if ctx.narrative else base_ref
    pivot_inferred = anchor_inferred if ctx.narrative else ctx.inferred

    def make(kind: str, value: str, *, anchored: bool, inferred: bool, values: tuple[str, ...] = (),
             offset: str | None = None) -> Timex:
        return Timex(cand.start, cand.end, surface, kind, value, values, cand.parts, spec.mod, anchored,
                     inferred and anchored, offset)

    if spec.form == "literal":
        timex = make(spec.kind, spec.value or "", anchored=spec.kind != "date", inferred=False)
        if spec.since and base_ref is not None and spec.unit and not ctx.narrative:
            began = _shift_date(base_ref, spec.unit, -spec.amount)
            if began is not None:
                return Timex(timex.start, timex.end, timex.text, timex.kind, timex.value, (), timex.parts, timex.mod,
                             True, ctx.inferred, _offset(spec.unit, -spec.amount), began)
        return timex
    if spec.form == "present":
        if ctx.narrative or base_ref is None or base_ref[2] is None:
            return make("date", "PRESENT_REF", anchored=False, inferred=False, offset="+P0D")
        return make("date", _fmt(*base_ref), anchored=True, inferred=ctx.inferred, offset="+P0D")
    if spec.form == "abs":
        return _resolve_abs(cand, spec, text, language, ctx, pivot, pivot_inferred, make)
    if spec.form == "weekday":
        base = pivot
        tense = spec.amount or (_tense(text, cand.start, cand.end, language) if not ctx.narrative else 1)
        first = _nearest_weekday(base, spec.weekdays[0], int(tense)) if base else None
        if first is None:
            value = f"XXXX-WXX-{spec.weekdays[0]}"
            values = tuple(f"XXXX-WXX-{w}" for w in spec.weekdays) if len(spec.weekdays) > 1 else ()
            return make("date", _season_pod(value, spec.pod, None), anchored=False, inferred=False, values=values)
        days = [first]
        for weekday in spec.weekdays[1:]:
            days.append(days[-1] + dt.timedelta(days=(weekday - days[-1].isoweekday()) % 7 or 7))
        values = tuple(_season_pod(d.isoformat(), spec.pod, None) for d in days)
        value = values[0] if len(values) == 1 else f"{days[0].isoformat()}/{days[-1].isoformat()}"
        return make("date", value, anchored=True, inferred=pivot_inferred, values=values if len(values) > 1 else ())
    if spec.form in ("shift", "anchor"):
        base = base_ref if spec.form == "shift" and not ctx.narrative else anchor
        inferred = ctx.inferred if spec.form == "shift" and not ctx.narrative else anchor_inferred
        offset = _offset(spec.unit, spec.amount) if spec.amount or spec.form == "shift" else None
        if spec.mod == "YEAR_START_DAY":
            if base is None:
                return Timex(cand.start, cand.end, surface, "date", "XXXX-01-01", (), cand.parts, None, False, False, offset)
            return Timex(cand.start, cand.end, surface, "date", f"{_fmt_year(base[0] + 1)}-01-01", (), cand.parts, None,
                         True, inferred, offset)
        if base is None:
            ref_word = "PAST_REF" if spec.amount < 0 else "FUTURE_REF" if spec.amount > 0 else "PRESENT_REF"
            return make("time" if spec.time else "date", ref_word, anchored=False, inferred=False, offset=offset)
        if spec.time and (base[1] is None or base[2] is None):
            return make("time", f"XXXX-XX-XXT{spec.time}", anchored=False, inferred=False, offset=offset)
        value = _shift_date(base, spec.unit or "D", spec.amount)
        if value is None:
            # the base is too coarse ("drei Tage später" after "im Mai 1945"): keep what is known
            value = _fmt(*base)
            ref_word = "PAST_REF" if spec.amount < 0 else "FUTURE_REF" if spec.amount > 0 else None
            if ref_word and spec.unit in ("D", "W", "H", "MIN"):
                return make("date", ref_word, anchored=False, inferred=False, offset=offset)
        kind = "time" if spec.time else "date"
        return make(kind, _season_pod(value, spec.pod, spec.time), anchored=True, inferred=inferred, offset=offset)
    raise AssertionError(spec.form)


def _resolve_abs(cand, spec: _Spec, text, language, ctx: _Context, pivot, pivot_inferred, make) -> Timex:
    if spec.century is not None:
        value = f"BC{spec.century:02d}" if spec.bc else f"{spec.century:02d}"
        return make("date", value, anchored=True, inferred=False)
    if spec.decade is not None:
        if spec.two_digit_year:
            if pivot is None:
                return make("date", f"XX{spec.decade}", anchored=False, inferred=False)
            century = abs(pivot[0]) // 100
            return make("date", f"{century}{spec.decade}", anchored=True, inferred=pivot_inferred)
        value = f"BC{spec.decade:03d}" if spec.bc else f"{spec.decade:03d}"
        return make("date", value, anchored=True, inferred=False)
    year, inferred = spec.year, False
    if year is not None and ctx.narrative and pivot is not None and pivot[0] < 0 < year < 1000 and not spec.bc:
        year = -year  # "im Jahr 478" in a text about the 5th century BC
    if year is not None and spec.two_digit_year:
        if pivot is not None:
            century = pivot[0] // 100 * 100
            year = century + year if century + year <= pivot[0] + 10 else century - 100 + year
        else:
            year = (1900 if year > 30 else 2000) + year
    if year is None:
        if pivot is None:
            value = _fmt(None, spec.month, (spec.days or (spec.day,))[0] if spec.month else None)
            if spec.season:
                value = f"XXXX-{spec.season}"
            if spec.month is None and spec.season is None:
                value = "XXXX"
            values = tuple(_fmt(None, spec.month, d) for d in spec.days) if spec.days else ()
            if values:
                value = f"{values[0]}/{values[-1]}"
            return make("date", _season_pod(value, spec.pod, spec.time), anchored=False, inferred=False, values=values)
        if ctx.narrative or spec.month is None:
            year = pivot[0] + spec.year_shift
        else:
            tense = _tense(text, cand.start, cand.end, language)
            first_day = (spec.days or (spec.day,))[0]
            year = _year_for(spec.month, first_day, pivot, tense) + spec.year_shift
        inferred = pivot_inferred
    elif spec.year_shift:
        year += spec.year_shift
    if spec.season:
        return make("date", f"{_fmt_year(year)}-{spec.season}", anchored=True, inferred=inferred)
    if spec.days:
        if spec.month is None or not all(_valid(year, spec.month, d) for d in spec.days if year > 0):
            return make("date", _fmt(year, spec.month), anchored=True, inferred=inferred)
        values = tuple(_fmt(year, spec.month, d) for d in spec.days)
        return make("date", f"{values[0]}/{values[-1]}", anchored=True, inferred=inferred, values=values)
    if spec.day is not None and spec.month is not None and year > 0 and not _valid(year, spec.month, spec.day):
        return make("date", _fmt(year, spec.month), anchored=True, inferred=inferred)
    value = _fmt(year, spec.month, spec.day if spec.month else None)
    return make("date", _season_pod(value, spec.pod, spec.time), anchored=True, inferred=inferred)


# ---------------------------------------------------------------------------------------------
# The tagger
# ---------------------------------------------------------------------------------------------


_DIGIT_RULES = {"numeric date", "iso date", "year", "decade", "century", "clock", "compound duration"}
_WORD_NEEDS = {
    "adjective duration": ("tägig", "wöchig", "monatig", "jährig", "stündig", "-day", "-week", "-month", "-year", "-hour"),
    "compound duration": ("-tage", "-jahres", "-monats", "-wochen", "-stunden"),
    "holiday": ("weihnacht", "heiligabend", "silvester", "neujahr"),
    "midnight": ("mitternacht",),
    "pod adverb": ("morgens", "mittags", "abends", "nachts"),
    "half year": ("halbjahr", "jahreshälfte"),
    "whole year": ("ganze",),
    "position of month": ("des monats",),
    "in the course": ("laufe",),
    "year position": ("jahres",),
    "position of year": ("jahres",),
    "long": ("lang",),
    "decade": ("0er", "0s", "0's", "0’s", "années"),
    "century": ("jahrhundert", "jh."),
}


@lru_cache(maxsize=None)
def _needs(name: str, language: str) -> tuple[str, ...]:
    """Lower-case substrings one of which a text must hold for the rule to match at all (a cheap skip)."""
    if name in _WORD_NEEDS:
        return _WORD_NEEDS[name]
    if name in ("day list", "day list dm", "date", "date mdy", "date dmy", "month year", "month", "night of"):
        return tuple(sorted({m.rstrip(".")[:3] for m in MONTHS[language]}))
    if name.startswith("weekday"):
        return tuple(sorted({w[:4] for w in WEEKDAYS[language]}))
    if name == "season":
        return tuple(sorted(SEASONS[language]))
    if name == "decade word":
        return tuple(sorted(DECADE_WORDS[language])) or ("\0",)
    return ()


_ANY_DIGIT = re.compile(r"\d")


def _candidates(text: str, language: str, options: TimexOptions) -> list[_Candidate]:
    found: list[_Candidate] = []
    lowered = text.lower()
    has_digit = _ANY_DIGIT.search(text) is not None
    for priority, rule in enumerate(_rules(language)):
        if rule.option and not getattr(options, rule.option):
            continue
        if rule.name in _DIGIT_RULES and not has_digit:
            continue
        needs = _needs(rule.name, language)
        if needs and not any(word in lowered for word in needs):
            continue
        for match in rule.pattern.finditer(text):
            for cand in rule.handler(match, language):
                if cand.end > cand.start:
                    found.append(_Candidate(cand.start, cand.end, cand.spec, cand.parts, priority))
    if not options.year_suffix:
        found = [c for c in found if not (c.end - c.start == 2 and c.spec.year is not None)]
    # longest first, then leftmost, then rule order; keep what does not overlap an accepted one
    found.sort(key=lambda c: (-(c.end - c.start), c.start, c.priority))
    accepted: list[_Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in found:
        if any(cand.start < e and s < cand.end for s, e in occupied):
            continue
        accepted.append(cand)
        occupied.append((cand.start, cand.end))
    accepted.sort(key=lambda c: (c.start, c.end))
    return accepted


def find_timexes(text: str, language: str = "de", reference: Reference | None = None, *,
                 narrative: bool = False, options: TimexOptions | None = None) -> list[Timex]:
    """Every time expression in `text`, in order, resolved against `reference` where one is given.

    `language` is an ISO 639-1 code (de, en, fr; others are read as English). With `narrative`,
    underspecified dates are anchored on the date the text mentioned last (history, timelines)
    rather than on the reference (news).
    """
    if language not in LANGUAGES:
        language = "en"
    options = options or TimexOptions()
    ctx = _Context(_parse_ref(reference.value) if reference else None, bool(reference and reference.inferred),
                   narrative)
    out: list[Timex] = []
    for cand in _candidates(text, language, options):
        timex = _resolve(cand, text, language, ctx)
        out.append(timex)
        if timex.kind in ("date", "time") and timex.anchored:
            anchor = _anchor_of(timex.values[-1] if timex.values else timex.value)
            if narrative and anchor is not None and anchor[1] is None and options.year_sections \
                    and _is_year_heading(text, timex):
                line_start = text.rfind("\n", 0, timex.start) + 1
                if ctx.section is not None and ctx.section[2] == line_start:
                    ctx.section = (min(ctx.section[0], anchor[0]), max(ctx.section[1], anchor[0]), line_start)
                else:
                    ctx.section = (anchor[0], anchor[0], line_start)
            if anchor is not None and (anchor[1] is not None or not narrative or ctx.anchor is None
                                       or _is_heading(text, timex)
                                       or (ctx.anchor is not None and abs(anchor[0] - ctx.anchor[0]) <= options.anchor_year_jump)):
                ctx.anchor, ctx.anchor_inferred = anchor, timex.inferred
    return out


_YEAR_JUMP = 1000


def _is_year_heading(text: str, timex: Timex) -> bool:
    """A line that is nothing but a year or a span of years ("1862", "1914–1918") heads a chronicle's section."""
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return bool(re.fullmatch(r"\s*(?:\d{3,4}(?:\s*v\.\s*Chr\.)?\s*(?:[-–/]|bis)?\s*)+", line))


def _is_heading(text: str, timex: Timex) -> bool:
    """A year standing in a short line of its own ("1862", "Westfront 1944/1945") opens a section."""
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return len(line.strip()) <= 40 and not re.search(r"[.!?]\s*$", line.strip())


_ANCHOR = re.compile(r"(BC)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _anchor_of(value: str) -> tuple[int, int | None, int | None] | None:
    match = _ANCHOR.match(value)
    if not match:
        return None
    year = int(match.group(2))
    if match.group(1):
        year = -year
    month = int(match.group(3)) if match.group(3) else None
    day = int(match.group(4)) if match.group(4) else None
    return year, month, day
