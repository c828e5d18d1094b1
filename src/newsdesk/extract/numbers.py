"""Quantities with their unit and modifier ("mehr als 11.000 Container", "3,5 Prozent", "1,2 Mio. Euro").

`find_numbers(text, language)` returns `Quantity` objects the facts stage can compare: a float value,
the unit as written (currencies and percent normalised: "EUR", "USD", "%"), a modifier
("more_than", "less_than", "about", "at_least", "at_most") and low/high for ranges and vague
counts ("Dutzende" = at least 24). Dates, years, clock times and ordinals are not quantities:
they belong to `newsdesk.extract.timex`. Pure regular expressions, compiled once per language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("de", "en", "fr")

_DE_UNITS = {"ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_DE_TEENS = {"zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
             "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
_DE_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
            "neunzig": 90}

NUMBER_WORDS: dict[str, dict[str, float]] = {
    "de": {
        "null": 0, "ein": 1, "eins": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1,
        "beide": 2, "beiden": 2, "halb": 0.5, "halbe": 0.5, "halben": 0.5, "halbes": 0.5, "halbem": 0.5,
        "anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5, "dreieinhalb": 3.5, "dutzend": 12,
        **_DE_UNITS, **_DE_TEENS, **_DE_TENS,
    },
    "en": {
        "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
        "thousand": 1000, "half": 0.5, "dozen": 12,
    },
    "fr": {
        "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
        "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
        "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000,
        "demi": 0.5, "demie": 0.5, "douzaine": 12,
    },
}

# Plural counting nouns ("Dutzende", "hundreds", "des milliers"): at least two of the base, approximate.
VAGUE_COUNTS: dict[str, dict[str, float]] = {
    "de": {"dutzende": 12, "dutzenden": 12, "hunderte": 100, "hunderten": 100, "tausende": 1000, "tausenden": 1000,
           "zehntausende": 10_000, "zehntausenden": 10_000, "hunderttausende": 100_000,
           "hunderttausenden": 100_000, "millionen": 1_000_000},
    "en": {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "tens of thousands": 10_000,
           "hundreds of thousands": 100_000, "millions": 1_000_000},
    "fr": {"dizaines": 10, "douzaines": 12, "centaines": 100, "milliers": 1000, "dizaines de milliers": 10_000,
           "centaines de milliers": 100_000, "millions": 1_000_000},
}

SCALES: dict[str, dict[str, float]] = {
    "de": {"tsd.": 1e3, "tausend": 1e3, "mio.": 1e6, "mio": 1e6, "million": 1e6, "millionen": 1e6, "mrd.": 1e9,
           "mrd": 1e9, "milliarde": 1e9, "milliarden": 1e9, "bio.": 1e12, "billion": 1e12, "billionen": 1e12},
    "en": {"thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
           "billions": 1e9, "bn": 1e9, "trillion": 1e12},
    "fr": {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "md": 1e9,
           "mds": 1e9, "mrd": 1e9},
}

MODIFIERS: dict[str, dict[str, str]] = {
    "de": {"mehr als": "more_than", "über": "more_than", "weit über": "more_than", "gut": "more_than",
           "weniger als": "less_than", "unter": "less_than", "knapp": "less_than", "fast": "less_than",
           "beinahe": "less_than", "nahezu": "less_than", "rund": "about", "etwa": "about", "ungefähr": "about",
           "circa": "about", "ca.": "about", "zirka": "about", "gut und gerne": "about", "mindestens": "at_least",
           "wenigstens": "at_least", "höchstens": "at_most", "maximal": "at_most", "bis zu": "at_most"},
    "en": {"more than": "more_than", "over": "more_than", "upwards of": "more_than", "fewer than": "less_than",
           "less than": "less_than", "under": "less_than", "nearly": "less_than", "almost": "less_than",
           "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
           "an estimated": "about", "at least": "at_least", "at most": "at_most", "up to": "at_most"},
    "fr": {"plus de": "more_than", "moins de": "less_than", "près de": "less_than", "presque": "less_than",
           "environ": "about", "quelque": "about", "quelques": "about", "autour de": "about", "au moins": "at_least",
           "au plus": "at_most", "jusqu'à": "at_most", "jusqu’à": "at_most"},
}

APPROXIMATE_MODIFIERS = frozenset({"about", "less_than"})

# Units normalised so that sources in different languages compare: currencies, percent, common measures.
UNIT_ALIASES: dict[str, str] = {
    "%": "%", "prozent": "%", "percent": "%", "per cent": "%", "pour cent": "%", "pourcent": "%",
    "prozentpunkte": "pp", "prozentpunkten": "pp", "percentage points": "pp", "points de pourcentage": "pp",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "$": "USD", "dollar": "USD", "dollars": "USD", "us-dollar": "USD", "usd": "USD",
    "£": "GBP", "pfund": "GBP", "pound": "GBP", "pounds": "GBP", "livres": "GBP",
    "franken": "CHF", "chf": "CHF", "francs": "CHF", "rubel": "RUB", "roubles": "RUB", "rubles": "RUB",
    "km": "km", "kilometer": "km", "kilometern": "km", "kilometres": "km", "kilometers": "km",
    "kilomètres": "km", "m": "m", "meter": "m", "metern": "m", "metres": "m", "meters": "m", "mètres": "m",
    "t": "t", "tonnen": "t", "tonnes": "t", "tons": "t", "kg": "kg", "kilogramm": "kg", "kilograms": "kg",
    "kilos": "kg",
}

_SYMBOL_UNITS = ("%", "€", "$", "£")
_SPACE = r"[ \u00a0\u202f]"

_DIGITS = {
    "de": rf"\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?",
    "en": rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?",
    "fr": rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?",
}

_MONTH_WORDS = {
    "de": r"Jan(?:uar|\.)|Jänner|Feb(?:ruar|\.)|März|Apr(?:il|\.)|Mai|Jun[i.]?|Jul[i.]?|Aug(?:ust|\.)|Sep(?:tember|t?\.)|Okt(?:ober|\.)|Nov(?:ember|\.)|Dez(?:ember|\.)|Jan|Feb|Mar|Jun|Jul|Aug|Sep|Oct|Dec",
    "en": r"January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.",
    "fr": r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
}
# Words before a four-digit number that make it a year, not a count.
_YEAR_CUES = {
    "de": r"(?:im|Jahre?s?n?|seit|bis|ab|von|vom|Anfang|Ende|Mitte|Sommer|Herbst|Winter|Frühjahr|um|nach|vor|in|zwischen|und|oder|–|-|/)",
    "en": r"(?:in|since|until|by|from|of|year|to|and|or|early|late|mid|–|-|/)",
    "fr": r"(?:en|depuis|de|jusqu'en|jusqu’en|année|l'an|l’an|et|ou|à|–|-|/)",
}
_STOP_NOUN = {
    "de": {"und", "oder", "der", "die", "das", "den", "dem", "des", "im", "in", "am", "auf", "mit", "von", "vom", "zu",
           "zum", "zur", "für", "bei", "nach", "vor", "seit", "als", "wie", "bis", "pro", "je", "um", "ist", "sind",
           "war", "waren", "wurde", "wurden", "hat", "haben", "hatte", "hatten"},
    "en": {"and", "or", "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "per", "as",
           "than", "both", "is", "are", "was", "were", "has", "have", "had", "who", "which", "that", "this", "it", "they",
           "ago", "later", "earlier", "before", "after"},
    "fr": {"et", "ou", "le", "la", "les", "l", "de", "des", "du", "d", "à", "au", "aux", "en", "par", "pour", "sur",
           "avec", "dans", "que", "qui", "est", "sont", "a", "ont", "était"},
}


@dataclass(slots=True, frozen=True)
class Quantity:
    """A number in the text with its unit: text[start:end] is the whole phrase ("mehr als 11.000 Container")."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    modifier: str | None = None  # "more_than" | "less_than" | "about" | "at_least" | "at_most"
    approximate: bool = False
    low: float | None = None
    high: float | None = None


def parse_number_word(word: str, language: str) -> float | None:
    """The value of a spelt-out number ("vierundzwanzig" -> 24, "zweihundert" -> 200), or None."""
    word = word.lower()
    table = NUMBER_WORDS.get(language, {})
    if word in table:
        return float(table[word])
    if language == "de":
        return _parse_de_compound(word)
    if language == "en":
        parts = re.split(r"[-\s]", word)
        if len(parts) == 2 and parts[0] in table and parts[1] in table and table[parts[0]] >= 20:
            return float(table[parts[0]] + table[parts[1]])
    if language == "fr":
        parts = [p for p in re.split(r"[-\s]", word) if p != "et"]
        if 1 < len(parts) <= 3 and all(p in table for p in parts):
            total = 0.0
            for part in parts:
                value = table[part]
                total = total * value if value in (20, 100) and total else total + value
            return total
    return None


def _parse_de_compound(word: str) -> float | None:
    if "tausend" in word:
        head, _, tail = word.partition("tausend")
        high = _parse_de_compound(head) if head else 1.0
        low = _parse_de_compound(tail) if tail else 0.0
        return None if high is None or low is None else high * 1000 + low
    if "hundert" in word:
        head, _, tail = word.partition("hundert")
        high = _parse_de_below_100(head) if head else 1.0
        low = _parse_de_below_100(tail) if tail else 0.0
        return None if high is None or low is None else high * 100 + low
    return _parse_de_below_100(word)


def _parse_de_below_100(word: str) -> float | None:
    if word in _DE_UNITS or word in _DE_TEENS or word in _DE_TENS:
        return float({**_DE_UNITS, **_DE_TEENS, **_DE_TENS}[word])
    if word == "eins":
        return 1.0
    unit, sep, tens = word.partition("und")
    if sep and unit in _DE_UNITS and tens in _DE_TENS:
        return float(_DE_UNITS[unit] + _DE_TENS[tens])
    return None


def parse_digits(token: str, language: str) -> float:
    """The value of a number written in digits with the language's grouping ("11.000" de, "11,000" en)."""
    token = re.sub(_SPACE, "", token)
    if language == "en":
        return float(token.replace(",", ""))
    if "," in token:
        whole, _, frac = token.partition(",")
        return float(whole.replace(".", "") + "." + frac)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        return float(token.replace(".", ""))
    return float(token)


_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}\b|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?\b|\d{1,2}/\d{1,2}/\d{2,4}\b")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(slots=True, frozen=True)
class _Grammar:
    number: re.Pattern
    vague: re.Pattern
    month_after: re.Pattern
    month_before: re.Pattern
    year_cue: re.Pattern


@lru_cache(maxsize=None)
def _grammar(language: str) -> _Grammar:
    words = NUMBER_WORDS[language]
    word_alt = _alternation(k for k in words if k not in ("a", "an", "halb", "halbe", "halben", "halbes", "halbem"))
    if language == "de":
        compound = r"(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(?:zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)?(?:hundert|tausend)\w*)"
        word_alt = compound + "|" + word_alt
    elif language == "en":
        word_alt = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|" + word_alt
    mods = _alternation(MODIFIERS[language])
    scales = _alternation(SCALES[language])
    digits = _DIGITS[language]
    link = {"de": r"bis|und|-|–", "en": r"to|and|-|–", "fr": r"à|et|-|–"}[language]
    between = {"de": r"zwischen", "en": r"between", "fr": r"entre|de"}[language]
    num = rf"(?:{digits})(?:{_SPACE}?(?:{scales})(?![\w]))?|(?:{word_alt})(?![\w-])(?:{_SPACE}+(?:{scales})(?![\w]))?"
    pattern = (
        rf"(?<![\w.,\-/])(?:(?P<mod>{mods}){_SPACE}+)?(?:(?P<between>{between}){_SPACE}+)?"
        rf"(?P<cur>[$€£]{_SPACE}?)?(?P<num>{num})"
        rf"(?:{_SPACE}*(?:{link}){_SPACE}*(?P<num2>{num}))?"
    )
    vague = _alternation(VAGUE_COUNTS[language])
    vague_pattern = rf"(?<![\w])(?:(?P<mod>{mods}){_SPACE}+)?(?P<vague>{vague})(?![\w])"
    return _Grammar(
        number=re.compile(pattern, re.IGNORECASE),
        vague=re.compile(vague_pattern, re.IGNORECASE),
        month_after=re.compile(rf"\.?{_SPACE}*(?:{_MONTH_WORDS[language]})\b"),
        month_before=re.compile(rf"\b(?:{_MONTH_WORDS[language]}){_SPACE}+(?:\d{{1,2}}(?:st|nd|rd|th)?,?{_SPACE}+)?$"),
        year_cue=re.compile(rf"(?:{_YEAR_CUES[language]}){_SPACE}*$", re.IGNORECASE),
    )


def _value(token: str, language: str) -> float | None:
    token = token.strip()
    scale = 1.0
    head, _, tail = re.sub(_SPACE, " ", token).rpartition(" ")
    if not head:
        split = re.match(r"([\d.,]+)([^\d.,].*)$", token)
        head, tail = (split.group(1), split.group(2)) if split else ("", "")
    if head and tail.lower() in SCALES[language]:
        scale, token = SCALES[language][tail.lower()], head.strip()
    if token[:1].isdigit():
        return parse_digits(token, language) * scale
    value = parse_number_word(token, language)
    return None if value is None else value * scale


_WORD = re.compile(r"[\w\-’']+|[%€$£]")


def _unit_after(text: str, pos: int, language: str, *, adjectives: bool = True) -> tuple[str | None, int]:
    """The unit following a number at `pos`: a symbol, a known unit, or the counted noun.

    German skips up to two adjectives to the capitalised noun ("Dutzende ballistische Raketen");
    English takes the first plural of a short run ("dozens of ballistic missiles"); French the
    first word ("1,2 million d'euros").
    """
    rest = text[pos:pos + 80]
    lead = re.match(rf"{_SPACE}*", rest).end()
    if rest[lead:lead + 1] in _SYMBOL_UNITS:
        return UNIT_ALIASES[rest[lead]], pos + lead + 1
    stop = _STOP_NOUN[language]
    offset = lead
    run: list[re.Match] = []
    for match in _WORD.finditer(rest, lead):
        if match.start() != offset and rest[offset:match.start()].strip(" \u00a0\u202f"):
            break  # punctuation ends the phrase
        word = match.group()
        if language == "fr" and not run and re.match(r"(?:d|l)['’]", word, re.IGNORECASE):
            word = word[2:]
        low = word.lower()
        nxt = rest[match.end():].lstrip(" \u00a0\u202f").split(" ", 1)[0].lower()
        if not run and f"{low} {nxt}" in UNIT_ALIASES:
            end = rest.index(nxt, match.end()) + len(nxt) if nxt else match.end()
            return UNIT_ALIASES[f"{low} {nxt}"], pos + end
        if not run and low in UNIT_ALIASES:
            return UNIT_ALIASES[low], pos + match.end()
        if low in stop or word[:1].isdigit() or not word[:1].isalpha():
            break
        if language == "de":
            if word[0].isupper():
                return word, pos + match.end()
            if not adjectives or len(run) >= 2:
                return None, pos
        run.append(match)
        if language == "fr" or len(run) >= 3:
            break
        offset = match.end()
    if not run:
        return None, pos
    if language == "de":
        return None, pos
    chosen = run[0]
    if language == "en":
        chosen = next((m for m in run if m.group().lower().endswith("s")), run[0])
    word = chosen.group()
    if language == "fr" and re.match(r"(?:d|l)['’]", word, re.IGNORECASE):
        word = word[2:]
    return UNIT_ALIASES.get(word.lower(), word), pos + chosen.end()


_DETERMINERS = {"beide", "beiden", "both"}
_ARTICLES = {"ein", "eine", "einen", "einem", "einer", "eines", "un", "une", "a", "an"}
_TIME_NOUNS = re.compile(r"(?:Jahr|Monat|Woche|Tag|Stunde|Minute|Jahrzehnt|Vierteljahrhundert|Jahrhundert|Dutzend|"
                         r"Million|Milliarde|Hälfte|Drittel|Viertel|an|année|mois|semaine|jour|heure|million|milliard)\w*$",
                         re.IGNORECASE)


def _counts_as_number(unit: str | None, token: str, language: str) -> bool:
    """Whether "ein"/"un" before this unit states a count ("ein Jahr", "un million") rather than an article."""
    return unit is not None and (unit in UNIT_ALIASES.values() or bool(_TIME_NOUNS.match(unit)))


def find_numbers(text: str, language: str = "de") -> list[Quantity]:
    """Every quantity in `text`, in order: value, unit, modifier and range bounds.

    Years, dates ("19. Juni"), clock times and ordinals are left to the time-expression tagger.
    """
    if language not in LANGUAGES:
        language = "en"
    grammar = _grammar(language)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in grammar.vague.finditer(text):
        base = VAGUE_COUNTS[language][match.group("vague").lower()]
        unit, end = _unit_after(text, match.end(), language)
        of = re.match(r"\s+(?:of|von|de|d['’])\s*", text[match.end():])
        if of:
            unit, end = _unit_after(text, match.end() + of.end(), language)
        modifier = MODIFIERS[language].get((match.group("mod") or "").lower())
        found.append(Quantity(match.start(), end, text[match.start():end], 2.0 * base, unit, modifier, True,
                              2.0 * base, None))
        taken.append((match.start(), end))
    for match in grammar.number.finditer(text):
        start = match.start()
        if any(s <= start < e for s, e in taken):
            continue
        if _DATE_LIKE.match(text, start) or grammar.month_after.match(text, match.end("num")) \
                or grammar.month_before.search(text[max(0, start - 12):start]):
            continue  # "2024-06-18", "18.06.2024", "18 Jun 2024", "June 18": dates are the timex tagger's
        token, token2 = match.group("num"), match.group("num2")
        if token.lower() in _DETERMINERS:
            continue  # "beide Länder", "both sides": a determiner, not a claim about a number
        after = text[match.end("num"):match.end("num") + 3]
        if token[:1].isdigit() and not token2:
            if language == "de" and re.match(r"\.(?:\s|$)", text[match.end("num"):]) and "," not in token:
                continue  # a German ordinal ("19. Juni", "2. Weltkrieg") or a bare number ending a sentence
            if after[:1] == ":" or re.match(r"\s*(?:Uhr|h\b|a\.m\.|p\.m\.)", text[match.end("num"):]):
                continue  # clock time
            if re.search(r"\d\s*(?:h|Uhr)\s*$", text[max(0, start - 8):start]):
                continue  # the minutes of "18 h 30", "4 Uhr 45"
            if re.match(r"[-/.]\d", after):
                continue  # part of a date or code: "2024-06", "18.06.2024"
            if re.fullmatch(r"1\d{3}|20\d{2}", token) and not match.group("mod") and not match.group("cur"):
                before = text[max(0, start - 20):start]
                unit_probe, _ = _unit_after(text, match.end(), language, adjectives=False)
                if grammar.year_cue.search(before.rstrip() + " ") or grammar.year_cue.search(before) \
                        or unit_probe is None or grammar.month_after.match(text, match.end()):
                    continue  # a year
            if re.match(r"[\w]", after[:1] or " ") and not re.match(r"(?:Mio|Mrd|Tsd|%)", after):
                continue  # part of a word or code: "1950er", "G7"
        value = _value(token, language)
        if value is None:
            continue
        value2 = _value(token2, language) if token2 else None
        unit, end = _unit_after(text, match.end(), language)
        if match.group("cur"):
            unit = UNIT_ALIASES[match.group("cur").strip()]
        if unit is None and not token[:1].isdigit() and not match.group("mod"):
            continue  # spelt-out numbers count only with a noun: "zwei Jahre", not "die beiden"
        if token.lower() in _ARTICLES and not token2 and not _counts_as_number(unit, token, language):
            continue  # "über eine umfassende Zusammenarbeit": an article, not the number one
        modifier = MODIFIERS[language].get((match.group("mod") or "").lower())
        if value2 is not None and value2 < value and token2 and not token2[:1].isdigit():
            value2 = None
        if value2 is not None and value2 >= value and (value2 < 100 * max(value, 1) or token2[:1].isdigit()):
            if re.search(r"[\d.,]+\s*(?:Mio|Mrd|million|billion|milliard)", token2, re.IGNORECASE) and value2 > 1e5 \
                    and value < 1e5:
                scaled = _value(token + " " + token2.split()[-1], language)
                if scaled is not None and scaled <= value2:  # "2 bis 3 Mio.", not "11.000 und 3,5 Mio."
                    value = scaled
            low, high = value, value2
            found.append(Quantity(start, end, text[start:end], low, unit, modifier, modifier in APPROXIMATE_MODIFIERS,
                                  low, high))
        else:
            if token2:  # "2 und 3" that is no range: keep only the first number
                end = match.end("num")
                unit, end = _unit_after(text, end, language)
            low = value if modifier in ("more_than", "at_least") else None
            high = value if modifier in ("less_than", "at_most") else None
            found.append(Quantity(start, end, text[start:end], value, unit, modifier,
                                  modifier in APPROXIMATE_MODIFIERS, low, high))
        taken.append((start, end))
    kept: list[Quantity] = []
    for quantity in sorted(found, key=lambda q: (q.start - q.end, q.start)):  # longest first
        if all(quantity.end <= other.start or other.end <= quantity.start for other in kept):
            kept.append(quantity)
    return sorted(kept, key=lambda q: (q.start, q.end))
