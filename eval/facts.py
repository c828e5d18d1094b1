"""Facts: contradictions between the sources of a story, scored on fixed, seeded two-article cases.

How cases are made. Each case is one small story: two articles about the same event by two
outlets, both published on the same day. Article A holds a planted sentence s among a few context
sentences, article B holds s' (a changed or look-alike version of s) among a few context sentences.
- From 10kGNAD (../shared/data/10kgnad, DER STANDARD, read from there at run time): s is a real
  sentence chosen by simple regexes (a date "am 7. Juli", a number with a unit "11.200 Euro", a
  count of people "drei Tote", a place "in Graz"); the context sentences are other sentences of the
  same article, about half of them in both articles (wire copy), the rest in one only, in B partly
  reordered. Context sentences that repeat the changed value, date, weekday or place are left out,
  so that the only true contradiction of a case is the planted one.
  The publication date is set so that the date of s is 1-3 days before it (after it when s speaks
  of the future), in the corpus' own years (2015/16) unless s names a year.
- From our own short stories (eval/data/facts/stories.json, invented German news text): each
  variant of a story is one case, with the story's fixed context sentences.

CONFLICT cases (s' contradicts s), by kind as the analysis format names them:
  date     another day of the same month ("am 7. Juli" -> "am 9. Juli")
  weekday  the date replaced by a weekday that is not that date's ("am 7. Juli" -> "am Montag")
  number   another amount of the same thing, 30-100% off ("11.200 Euro" -> "16.800 Euro")
  count    another number of people, at least 30% off ("drei Tote" -> "fünf Tote", "839 Menschen" -> "336")
  place    another city, region or country of the same kind ("in Graz" -> "in Linz")
LOOK-ALIKE cases (s' agrees with s; no conflict may be reported anywhere in the case):
  paraphrase        synonyms and "X, sagte Y am Montag." -> "Y sagte am Montag, x."
  qualifier         "mehr als N" vs "rund N+4%", "knapp N" vs "rund N-3%", "mindestens N" vs N+10%, ...
  rounding          "3,47 Prozent" vs "rund 3,5 Prozent", "11.432" vs "rund 11.400"
  range             "zwischen 400 und 600 Euro" / "400 bis 600 Euro" vs "500 Euro"
  unit              "1,5 Kilometer" vs "1.500 Meter", "2,5 Millionen" vs "2.500.000", "2 Stunden" vs "120 Minuten"
  spelled           "drei Tote" vs "3 Tote"
  weekday_match     "am 7. Juli" vs the weekday that 7 July is ("am Dienstag", "am Dienstag, 7. Juli")
  date_format       "am 7. Juli" vs "am 7.7." / "am 07.07.2015" / "am 7. Juli 2015"
  place_paraphrase  "in Wien" vs "in der österreichischen Hauptstadt"
  place_containment "in Graz" vs "in der Steiermark"
  different_things  A holds s, B another sentence of the article with another number (about something else)
  ordinal_seit      (own stories) "der zweite Besuch, der erste 2000" vs "der erste Besuch seit 24 Jahren"

What counts as a hit. The articles go through the real reader/cleaner path (`newsdesk.clean.clean`)
and the real stage (`newsdesk.compare.sections.story_sections`). A predicted conflict is an
unordered pair of facts linked by `conflicts` (either side listing the other). It is correct when
one fact's support overlaps the planted sentence in A and the other's overlaps the planted sentence
in B; each conflict case counts once however many predicted pairs hit it (further hits are ignored,
neither right nor wrong); every other predicted pair, in any case, is a false conflict.
  conflict_precision = conflict cases found / (conflict cases found + false conflicts)
  conflict_recall    = conflict cases found / conflict cases;  conflict_f1 their harmonic mean
  kind_accuracy      = found conflict cases whose reported kind is the planted kind
  lookalike_false_conflict_rate = look-alike cases with any predicted conflict / look-alike cases
  lookalike_accuracy = 1 - that rate (higher is better, for a floor); recall_<kind> per planted kind.
When the stage returns no `facts` section, every score is 0 (and the false-conflict rate 1).
The kind of a predicted pair is the one given by the fact that lists the other first (facts in output order).

A planted sentence holds exactly one amount (or one date, one place) and no range around it; no one
form of the qualifier and unit changes makes more than 40% of its kind ("Millionen" -> digits, ...).
The planted sentence is found in the cleaned text by its words; if cleaning changed it, the case
cannot be hit (the script reports how many). Run it:
    .venv/bin/python eval/facts.py [--dump DIR] [--data FOLDER] [--cases-only]
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MissingData  # noqa: E402

HERE = Path(__file__).resolve().parent
STORIES = HERE / "data" / "facts" / "stories.json"
SEED = 20240619

CONFLICT_KINDS = ("date", "weekday", "number", "count", "place")
# cases made from 10kGNAD per kind (own stories come on top)
WANTED_CONFLICTS = {"date": 12, "weekday": 12, "number": 14, "count": 14, "place": 14}
WANTED_LOOKALIKES = {"paraphrase": 14, "qualifier": 14, "rounding": 10, "range": 10, "unit": 10,
                     "spelled": 8, "weekday_match": 12, "date_format": 10, "place_paraphrase": 8,
                     "place_containment": 8, "different_things": 12}
OUTLETS = ("Tagesblatt", "Morgenpost", "Abendkurier", "Landeszeitung", "Rundschau", "Nachrichten am Mittag",
           "Volksstimme", "Wochenecho")

SENTENCE_END = re.compile(
    r"(?<!\b\d\.)(?<!\b\d\d\.)(?<!\bSt\.)(?<!\bDr\.)(?<!\bNr\.)(?<!\bbzw\.)(?<!\bca\.)(?<!\bProf\.)"
    r"(?<!\bMag\.)(?<!\bvgl\.)(?<!\bB\.)(?<!\bMio\.)(?<!\bMrd\.)(?<!\bAnm\.)(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"»0-9])")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WEEKDAY_WORD = re.compile(r"(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Wochenende)")
DATE = re.compile(rf"\bam (\d{{1,2}})\. ({'|'.join(MONTHS)})(?: (\d{{4}}))?\b")
ANY_DATE = re.compile(rf"\b\d{{1,2}}\. ?(?:{'|'.join(MONTHS)})\b|\b\d{{1,2}}\.\d{{1,2}}\.")
FUTURE = re.compile(r"\b(wird|werden|soll|sollen|will|wollen|beginnt|startet|findet|plant|planen|geplant|"
                    r"bevorsteh\w*|kommende\w*|nächste\w*|ab dem)\b")

NUMBER_WORDS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
                "zehn": 10, "elf": 11, "zwölf": 12}
WORD_OF = {v: k for k, v in NUMBER_WORDS.items()}
QUALIFIER = (r"(?:(?i:rund|etwa|ungefähr|mehr als|über|knapp|fast|mindestens|bis zu|gut|nahezu|beinahe|annähernd"
             r"|insgesamt|nur|lediglich) )?")
NUM = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
MAGNITUDE = r"(?: (Millionen|Milliarden))?"
THINGS = ("Euro", "Prozent", "Dollar", "Kilometer", "Meter", "Tonnen", "Stunden", "Minuten", "Franken",
          "Container", "Hektar", "Quadratmeter", "Liter", "Stimmen", "Wohnungen", "Arbeitsplätze", "Besucher",
          "Zuschauer", "Betten", "Fahrzeuge", "Autos", "Tage", "Wochen", "Monate", "Punkte", "Seiten", "Grad",
          "Unternehmen", "Firmen", "Filialen", "Schulen", "Exemplare", "Stück", "Kilogramm", "Jahre")
PEOPLE = ("Tote", "Toten", "Menschen", "Personen", "Verletzte", "Verletzten", "Todesopfer", "Soldaten", "Kinder",
          "Polizisten", "Flüchtlinge", "Flüchtlingen", "Opfer", "Mitarbeiter", "Mitarbeitern", "Zivilisten",
          "Beschäftigte", "Asylwerber", "Migranten", "Arbeiter", "Angestellte", "Häftlinge", "Demonstranten",
          "Einwohner", "Passagiere", "Insassen", "Bewohner", "Kämpfer", "Schüler", "Frauen", "Männer",
          "Mitglieder", "Ärzte", "Patienten", "Studierende", "Studenten")
NUMBER = re.compile(rf"(?<![\d.,:/-])({QUALIFIER})({NUM}){MAGNITUDE} ({'|'.join(THINGS)})\b(?![-.,]\d)")
SPELLED = "|".join(list(NUMBER_WORDS) + [w.capitalize() for w in NUMBER_WORDS])
COUNT = re.compile(rf"(?<![\d.,:/-])({QUALIFIER})({NUM}|{SPELLED}) ({'|'.join(PEOPLE)})\b")

# places that take no article after "in", in groups whose members can stand in for each other
PLACE_GROUPS = {
    "at_city": ("Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt", "Sankt Pölten", "Bregenz",
                "Eisenstadt", "Wels", "Villach", "Leoben"),
    "de_city": ("Berlin", "München", "Hamburg", "Köln", "Frankfurt", "Stuttgart", "Dresden", "Leipzig",
                "Düsseldorf", "Hannover", "Nürnberg", "Bremen"),
    "capital": ("Paris", "London", "Rom", "Madrid", "Brüssel", "Moskau", "Washington", "Peking", "Athen",
                "Budapest", "Prag", "Warschau", "Kairo", "Ankara", "Bern", "Lissabon"),
    "country": ("Deutschland", "Frankreich", "Italien", "Österreich", "Spanien", "Griechenland", "Ungarn",
                "Russland", "China", "Japan", "Polen", "Kroatien", "Slowenien", "Serbien", "Großbritannien",
                "Tschechien", "Belgien", "Schweden", "Portugal", "Ägypten", "Israel", "Afghanistan", "Libyen",
                "Indien", "Brasilien", "Kanada", "Australien", "Rumänien", "Bulgarien", "Dänemark"),
    "at_state": ("Tirol", "Kärnten", "Vorarlberg", "Niederösterreich", "Oberösterreich", "Salzburg",
                 "Burgenland", "Bayern"),
}
PLACE_NAMES = sorted({p for group in PLACE_GROUPS.values() for p in group}, key=lambda p: (-len(p), p))
PLACE = re.compile(rf"\bin ({'|'.join(PLACE_NAMES)})\b(?![-–]\w)")
PLACE_DESCRIPTION = {
    "Wien": "der österreichischen Hauptstadt", "Berlin": "der deutschen Hauptstadt",
    "Paris": "der französischen Hauptstadt", "London": "der britischen Hauptstadt",
    "Rom": "der italienischen Hauptstadt", "Madrid": "der spanischen Hauptstadt",
    "Moskau": "der russischen Hauptstadt", "Peking": "der chinesischen Hauptstadt",
    "Athen": "der griechischen Hauptstadt", "Budapest": "der ungarischen Hauptstadt",
    "Prag": "der tschechischen Hauptstadt", "Warschau": "der polnischen Hauptstadt",
    "Kairo": "der ägyptischen Hauptstadt", "Lissabon": "der portugiesischen Hauptstadt",
    "Washington": "der US-Hauptstadt", "Ankara": "der türkischen Hauptstadt",
    "Graz": "der steirischen Landeshauptstadt", "Linz": "der oberösterreichischen Landeshauptstadt",
    "Innsbruck": "der Tiroler Landeshauptstadt", "Klagenfurt": "der Kärntner Landeshauptstadt",
    "Bregenz": "der Vorarlberger Landeshauptstadt", "Eisenstadt": "der burgenländischen Landeshauptstadt",
    "München": "der bayerischen Landeshauptstadt", "Dresden": "der sächsischen Landeshauptstadt",
}
PLACE_CONTAINER = {
    "Graz": "der Steiermark", "Linz": "Oberösterreich", "Innsbruck": "Tirol", "Klagenfurt": "Kärnten",
    "Bregenz": "Vorarlberg", "Eisenstadt": "dem Burgenland", "Wels": "Oberösterreich", "Villach": "Kärnten",
    "Leoben": "der Steiermark", "Sankt Pölten": "Niederösterreich", "München": "Bayern", "Nürnberg": "Bayern",
    "Hamburg": "Deutschland", "Köln": "Deutschland", "Frankfurt": "Deutschland", "Stuttgart": "Deutschland",
    "Dresden": "Deutschland", "Leipzig": "Deutschland", "Düsseldorf": "Deutschland", "Hannover": "Deutschland",
    "Bremen": "Deutschland", "Berlin": "Deutschland", "Wien": "Österreich", "Paris": "Frankreich",
    "London": "Großbritannien", "Rom": "Italien", "Madrid": "Spanien", "Moskau": "Russland", "Athen": "Griechenland",
    "Budapest": "Ungarn", "Prag": "Tschechien", "Warschau": "Polen", "Kairo": "Ägypten", "Lissabon": "Portugal",
    "Peking": "China",
}
SYNONYMS = {
    "sagte": "erklärte", "erklärte": "sagte", "betonte": "unterstrich", "zudem": "außerdem",
    "außerdem": "zudem", "jedoch": "allerdings", "allerdings": "jedoch", "bereits": "schon", "derzeit": "zurzeit",
    "bisher": "bislang", "bislang": "bisher", "erneut": "wieder", "zunächst": "vorerst", "künftig": "in Zukunft",
    "aufgrund": "wegen", "rasch": "schnell", "schnell": "rasch", "beinahe": "fast",
    "zahlreiche": "viele", "viele": "zahlreiche", "nun": "jetzt", "ebenfalls": "auch", "möglicherweise": "eventuell",
    "teilweise": "zum Teil", "weil": "da", "sowie": "und", "nach Angaben": "laut Angaben", "kürzlich": "vor Kurzem",
    "insbesondere": "vor allem", "sogenannte": "so genannte", "ungefähr": "etwa",
}
SYNONYM = re.compile(r"\b(" + "|".join(sorted(SYNONYMS, key=lambda w: (-len(w), w))) + r")\b")
SAID = re.compile(r"^(?P<clause>[^,]{15,}(?:,[^,]+)*), (?P<verb>sagte|erklärte|betonte|meinte|sagt|erklärt|betont) "
                  r"(?P<who>(?:(?:der|die|ein|eine) [A-ZÄÖÜ][\w-]+(?: (?:der|des) [A-ZÄÖÜ][\w-]+)?"
                  r"|[A-ZÄÖÜ][\w-]+(?: [A-ZÄÖÜ][\w-]+){0,2}))(?P<rest>(?: [^,]*)?)\.$")
LOWER_OK = {"der", "die", "das", "es", "er", "sie", "man", "dies", "diese", "dieser", "dieses", "wir", "ich",
            "ein", "eine", "einer", "kein", "keine", "im", "in", "bei", "mit", "nach", "auch", "nun", "dabei",
            "dann", "damit", "so", "alle", "viele", "zudem", "jetzt", "den", "dem", "des", "für", "von", "vor"}


@dataclass
class Case:
    """One two-article story with a planted sentence in each article."""

    id: str
    conflict: bool
    kind: str                     # planted conflict kind, or the look-alike's kind
    published: str
    title: str
    origin: str                   # "10kgnad:ROW" or "own:STORY"
    a: list[str] = field(default_factory=list)   # sentences of article A, in order
    b: list[str] = field(default_factory=list)
    at_a: int = 0                 # index of the planted sentence in `a`
    at_b: int = 0
    sources: tuple[str, str] = ("", "")
    paragraphs: tuple[int, int] = (2, 2)   # sentences per paragraph in A, B

    def raw(self, side: str) -> str:
        sentences, every = (self.a, self.paragraphs[0]) if side == "a" else (self.b, self.paragraphs[1])
        return "\n\n".join(" ".join(sentences[i:i + every]) for i in range(0, len(sentences), every))

    def planted(self, side: str) -> str:
        return self.a[self.at_a] if side == "a" else self.b[self.at_b]


# --- numbers ------------------------------------------------------------------------------------

def parse_number(text: str) -> tuple[float, int]:
    """German number -> (value, decimals): "11.200" -> (11200, 0), "3,47" -> (3.47, 2), "drei" -> (3, 0)."""
    if text.lower() in NUMBER_WORDS:
        return float(NUMBER_WORDS[text.lower()]), 0
    if "," in text:
        whole, frac = text.split(",")
        return float(whole.replace(".", "") + "." + frac), len(frac)
    return float(text.replace(".", "")), 0


def format_number(value: float, decimals: int, dots: bool) -> str:
    """German number text; thousands dotted when `dots` (and always from 10.000 on)."""
    if decimals:
        text = f"{value:.{decimals}f}".replace(".", ",")
        whole, frac = text.split(",")
        if len(whole) > 3 and (dots or value >= 10000):
            whole = f"{int(whole):,}".replace(",", ".")
        return f"{whole},{frac}"
    number = int(round(value))
    return f"{number:,}".replace(",", ".") if number >= 1000 and (dots or number >= 10000) else str(number)


def nice(value: float, digits: int = 2) -> float:
    """`value` rounded to `digits` significant digits."""
    if value <= 0:
        return value
    from math import floor, log10
    step = 10 ** (floor(log10(value)) - digits + 1)
    return round(value / step) * step


def decimals_of(value: float) -> int:
    return 0 if abs(value - round(value)) < 1e-9 else (1 if abs(value * 10 - round(value * 10)) < 1e-9 else 2)


# --- corpus -------------------------------------------------------------------------------------

def load_corpus(folder: Path) -> list[tuple[str, list[str]]]:
    """The 10kGNAD articles as (section, sentences)."""
    path = folder / "articles.csv"
    if not path.is_file():
        raise MissingData(f"10kGNAD articles not found at {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(row[0], row[1]) for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) == 2]
    return [(section, [s.strip() for s in SENTENCE_END.split(text.strip()) if s.strip()]) for section, text in rows]


def usable(sentence: str) -> bool:
    """A sentence fit to plant or to stand as context: not too short or long, ended, not a list header."""
    return (40 <= len(sentence) <= 320 and sentence[-1] in ".!?“\"" and "\n" not in sentence
            and ":" not in sentence[:12])


def own_stories() -> list[dict]:
    return json.loads(STORIES.read_text(encoding="utf-8"))


# --- the changes: each returns (s, s', blocked words for context) or None -----------------------

def case_year(month: int, year: str | None) -> int:
    return int(year) if year else (2015 if month >= 6 else 2016)


def dated(sentence: str) -> tuple[re.Match, dt.date] | None:
    """The one "am D. Monat [YYYY]" date of a sentence without weekdays or other dates, and its day."""
    found = list(DATE.finditer(sentence))
    if len(found) != 1 or WEEKDAY_WORD.search(sentence) or len(ANY_DATE.findall(sentence)) != 1:
        return None
    m = found[0]
    try:
        month = MONTHS.index(m.group(2)) + 1
        day = dt.date(case_year(month, m.group(3)), month, int(m.group(1)))
    except ValueError:
        return None
    if day.year < 1990:
        return None
    return m, day


def published_for(sentence: str, day: dt.date, rng: random.Random) -> dt.date:
    """A publication day 1-3 days after `day` (before it when the sentence speaks of the future)."""
    k = rng.randint(1, 3)
    return day - dt.timedelta(days=k) if FUTURE.search(sentence) else day + dt.timedelta(days=k)


def replace(sentence: str, m: re.Match, new: str, group: int = 0) -> str:
    return sentence[:m.start(group)] + new + sentence[m.end(group):]


def change_date(sentence, rng, kind):
    found = dated(sentence)
    if not found:
        return None
    m, day = found
    published = published_for(sentence, day, rng)
    blocked = [f"{day.day}. {m.group(2)}", WEEKDAYS[day.weekday()]]
    if kind == "date":
        future = published < day
        for shift in rng.sample([1, 2, 3, 4, 5, 7], 6):
            other = day + dt.timedelta(days=shift if future else -shift)
            if other.month == day.month and (other > published if future else other < published):
                break
        else:
            return None
        new = f"am {other.day}. {m.group(2)}" + (f" {m.group(3)}" if m.group(3) else "")
        blocked += [f"{other.day}. {m.group(2)}", WEEKDAYS[other.weekday()]]
        return sentence, replace(sentence, m, new), blocked, published
    right = WEEKDAYS[day.weekday()]
    if kind == "weekday":
        wrong = rng.choice([w for n, w in enumerate(WEEKDAYS) if n not in (day.weekday(), published.weekday())])
        blocked.append(wrong)
        return sentence, replace(sentence, m, f"am {wrong}"), blocked, published
    if kind == "weekday_match":
        new = f"am {right}" if rng.random() < 0.7 else f"am {right}, {day.day}. {m.group(2)}"
        return sentence, replace(sentence, m, new), blocked, published
    # date_format
    follows = sentence[m.end():m.end() + 1]
    forms = [f"am {day.day}. {m.group(2)} {day.year}" if not m.group(3) else f"am {day.day}. {m.group(2)}"]
    if follows != "." and not re.match(r"\s*\d", sentence[m.end():]):
        forms += [f"am {day.day}.{day.month}.", f"am {day.day:02d}.{day.month:02d}.{day.year}"]
    return sentence, replace(sentence, m, rng.choice(forms)), blocked, published


# an amount that ends or starts a range ("380 bis 560 Euro", "zwischen 5 und 20") is not changed on its own
RANGE_BEFORE = re.compile(rf"(?:\d|\b(?:{SPELLED}|\w+zig))\s*(?:bis|und|oder|–|-|/)\s*$|\b(?:zwischen|ab)\s+$",
                          re.IGNORECASE)
RANGE_AFTER = re.compile(rf"\s*(?:bis|–|-|/|und|oder) (?:\d|{SPELLED})")


def amounts(sentence: str, pattern: re.Pattern = NUMBER) -> list[re.Match]:
    return [m for m in pattern.finditer(sentence)]


def one_amount(sentence: str, pattern: re.Pattern) -> re.Match | None:
    """The single amount of a sentence that has exactly one (numbers and counts together)."""
    found = amounts(sentence, NUMBER) + amounts(sentence, COUNT)
    if len(found) != 1 or not pattern.search(sentence):
        return None
    m = found[0]
    if m.re is not pattern or RANGE_BEFORE.search(sentence[:m.start()]) or RANGE_AFTER.match(sentence[m.end():]):
        return None
    return m


def number_text(m: re.Match, value: float, decimals: int) -> str:
    original = m.group(2)
    if original.lower() in NUMBER_WORDS and value == int(value) and 2 <= value <= 12:
        word = WORD_OF[int(value)]
        return word.capitalize() if original[0].isupper() else word
    return format_number(value, decimals, "." in original)


def with_amount(sentence: str, m: re.Match, qualifier: str, number: str, magnitude: str | None = None) -> str:
    """The sentence with the amount of `m` (qualifier, number, magnitude) replaced; the unit stays."""
    mag = m.group(3) if m.re is NUMBER else None
    mag = mag if magnitude is None else magnitude
    text = (qualifier + " " if qualifier else "") + number + (" " + mag if mag else "")
    start = m.start(1)
    if start == 0 or sentence[:start].endswith(("„", "(", "– ")):
        text = text[0].upper() + text[1:]
    end = m.end(3) if m.re is NUMBER and m.group(3) else m.end(2)
    return sentence[:start] + text + sentence[end:]


def change_amount(sentence, rng, kind, pattern):
    m = one_amount(sentence, pattern)
    if not m:
        return None
    value, decimals = parse_number(m.group(2))
    qualifier = m.group(1).strip()
    unit = m.group(4) if pattern is NUMBER else m.group(3)
    blocked = [m.group(2)]
    if value <= 1 or (unit == "Prozent" and value > 100):
        return None
    if kind in ("number", "count"):
        if value <= 12 and decimals == 0:
            choices = [v for v in (value + 2, value + 3, value * 2, value - 2, value * 3)
                       if 2 <= v and abs(v - value) / value >= 0.3]
            new = rng.choice(choices)
        else:
            factor = rng.choice((0.5, 0.6, 0.7, 1.5, 1.6, 2))
            if unit == "Prozent" and value * factor > 100:
                factor = 0.5
            new = value * factor
            new = nice(new, max(1, len(str(int(value)).rstrip("0")))) if decimals == 0 else round(new, decimals)
            if decimals == 0 and new < 2:
                return None
        text = number_text(m, new, decimals)
        blocked.append(text)
        return sentence, with_amount(sentence, m, qualifier, text), blocked
    if kind == "spelled":
        if decimals or not 2 <= value <= 12 or qualifier:
            return None
        if m.group(2).isdigit():
            word = WORD_OF[int(value)]
            new_text = word.capitalize() if m.start(2) == 0 else word
        else:
            new_text = str(int(value))
        pair = (sentence, with_amount(sentence, m, "", new_text))
        return (pair if rng.random() < 0.5 else pair[::-1]) + (blocked,)
    if kind == "qualifier":
        if value < 5 or decimals > 1:
            return None
        dots = "." in m.group(2)
        shown = lambda v: format_number(v, decimals, dots)  # noqa: E731
        digits = 2 if value < 1000 else 3

        def near(factors):  # the first rounded neighbour of `value` on the side the factors point to
            for f in factors:
                v = round(value * f, decimals) if decimals else nice(value * f, digits)
                if (v > value) == (f > 1) and v != value:
                    return v
            return value * factors[-1]

        forms = [("mehr als", shown(value), "rund", shown(near((1.04, 1.06, 1.1)))),
                 ("knapp", shown(value), "rund", shown(near((0.97, 0.95, 0.9)))),
                 ("mindestens", shown(value), "", shown(near((1.1, 1.2)) if value >= 20 or decimals else value + 1)),
                 ("über", shown(value), "mehr als", shown(value)),
                 ("fast", shown(value), "knapp", shown(value))]
        qa, na, qb, nb = rng.choice(forms)
        return with_amount(sentence, m, qa, na), with_amount(sentence, m, qb, nb), blocked, qa
    if kind == "rounding":
        if qualifier:
            return None
        if decimals >= 2:
            rounded, rdec = round(value, 1), 1
        elif decimals == 1:
            rounded, rdec = float(round(value)), 0
        elif value >= 1000:
            rounded, rdec = nice(value, 2), 0
        else:
            return None
        if rounded == value or abs(rounded - value) / value > 0.05:
            return None
        word = rng.choice(["rund", "etwa"]) if rng.random() < 0.5 else ("knapp" if rounded > value else "gut")
        return sentence, with_amount(sentence, m, word, format_number(rounded, rdec, "." in m.group(2))), blocked
    if kind == "range":
        if value < 10 or decimals:
            return None
        low, high = nice(value * 0.8, 1 if value < 100 else 2), nice(value * 1.2, 1 if value < 100 else 2)
        if not low < value < high:
            return None
        lo, hi = (format_number(v, 0, "." in m.group(2)) for v in (low, high))
        after_preposition = re.search(r"\b(?:nach|von|mit|zu|bei|auf|um|für|in|über|unter|aus)\s+$",
                                      sentence[:m.start()])
        if rng.random() < 0.5 and not after_preposition:
            ranged = with_amount(sentence, m, "zwischen", f"{lo} und {hi}")
        else:
            ranged = with_amount(sentence, m, "", f"{lo} bis {hi}")
        plain = sentence if not qualifier else with_amount(sentence, m, "rund", m.group(2))
        return ranged, plain, blocked
    if kind == "unit":
        if qualifier and qualifier not in ("rund", "etwa", "knapp", "mehr als", "über", "fast"):
            return None
        mag = m.group(3) if pattern is NUMBER else None
        whole = lambda v: v == int(v)  # noqa: E731
        if mag == "Millionen" and whole(value * 1e6) and value < 1000:
            new, new_mag, new_unit = value * 1e6, "", unit
        elif mag == "Milliarden" and whole(value * 1000):
            new, new_mag, new_unit = value * 1000, "Millionen", unit
        elif mag:
            return None
        elif unit == "Kilometer" and value <= 50 and whole(value * 1000):
            new, new_mag, new_unit = value * 1000, None, "Meter"
        elif unit == "Meter" and value >= 1000 and value % 100 == 0:
            new, new_mag, new_unit = value / 1000, None, "Kilometer"
        elif unit == "Stunden" and value <= 6 and whole(value * 60):
            new, new_mag, new_unit = value * 60, None, "Minuten"
        elif unit == "Tonnen" and value <= 20 and whole(value * 1000):
            new, new_mag, new_unit = value * 1000, None, "Kilogramm"
        elif unit == "Hektar" and value <= 20 and whole(value * 10000):
            new, new_mag, new_unit = value * 10000, None, "Quadratmeter"
        else:
            return None
        text = with_amount(sentence, m, qualifier, format_number(new, decimals_of(new), True), magnitude=new_mag)
        shift = len(text) - len(sentence)
        at = m.start(4) + shift
        text = text[:at] + new_unit + text[at + len(unit):]
        return sentence, text, blocked, f"{mag or unit}->{new_mag if mag else new_unit}"
    return None


def change_place(sentence, rng, kind):
    found = list(PLACE.finditer(sentence))
    if len(found) != 1:
        return None
    m = found[0]
    name = m.group(1)
    if sentence.count(name) != 1 or sentence[m.end():].startswith((" (", "-")):
        return None
    if kind == "place":
        groups = [g for g in PLACE_GROUPS.values() if name in g]
        pool = sorted(p for p in {p for g in groups for p in g} - {name} if p not in sentence)
        other = rng.choice(pool)
        return sentence, replace(sentence, m, other, 1), [name, other]
    if kind == "place_paraphrase" and name in PLACE_DESCRIPTION:
        return sentence, replace(sentence, m, PLACE_DESCRIPTION[name], 1), [name]
    if kind == "place_containment" and name in PLACE_CONTAINER:
        return sentence, replace(sentence, m, PLACE_CONTAINER[name], 1), [name, PLACE_CONTAINER[name].split()[-1]]
    return None


def paraphrase(sentence, rng):
    if not (DATE.search(sentence) or NUMBER.search(sentence) or COUNT.search(sentence) or PLACE.search(sentence)):
        return None
    changed, edits = sentence, 0
    said = SAID.match(changed)
    if said and rng.random() < 0.7:
        clause = said.group("clause")
        first, _, rest = clause.partition(" ")
        if first.lower() in LOWER_OK:
            first = first.lower()
            who = said.group("who")
            who = who[0].upper() + who[1:]
            changed = f"{who} {said.group('verb')}{said.group('rest')}, {first} {rest}."
            edits += 1
    spots = list(SYNONYM.finditer(changed))
    for m in sorted(rng.sample(spots, min(len(spots), 2)), key=lambda m: -m.start()):
        word = m.group(1)
        new = SYNONYMS[word]
        if m.start() == 0:
            new = new[0].upper() + new[1:]
        changed = changed[:m.start()] + new + changed[m.end():]
        edits += 1
    lead = re.match(r"(\w+)", changed)
    if lead and lead.group(1).lower() in SYNONYMS.values() and changed[0].islower():
        changed = changed[0].upper() + changed[1:]
    return (sentence, changed, []) if edits and changed != sentence else None


# --- building cases -----------------------------------------------------------------------------

def make_case(number: int, kind: str, conflict: bool, row: int, article: list[str], index: int,
              pair, published: dt.date | None, rng: random.Random, other_index: int | None = None) -> Case:
    """A case from article `row`: A = s (+ context), B = s' (+ context), context partly shared."""
    s, s_other, blocked = pair[0], pair[1], pair[2]
    taken = {index} if other_index is None else {index, other_index}
    candidates = [i for i, t in enumerate(article) if i not in taken and usable(t) and t not in (s, s_other)
                  and not any(b and b in t for b in blocked)]
    pick = sorted(rng.sample(candidates, min(len(candidates), rng.randint(4, 7))))
    shared = [i for i in pick if rng.random() < 0.5]
    only = [i for i in pick if i not in shared]
    only_a = only[:len(only) // 2]
    only_b = only[len(only) // 2:]
    a_ids = sorted(shared + only_a + [index if other_index is None else index])
    a = [s if i == index else article[i] for i in a_ids]
    at_a = a_ids.index(index)
    b_ids = sorted(shared + only_b)
    b = [article[i] for i in b_ids]
    if rng.random() < 0.3:
        rng.shuffle(b)
    place = (other_index if other_index is not None else index)
    at_b = sum(1 for i in b_ids if i < place) if rng.random() < 0.7 else rng.randint(0, len(b))
    b.insert(at_b, s_other)
    when = published or dt.date(2015 + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28))
    sources = tuple(rng.sample(OUTLETS, 2))
    title = " ".join(article[0].split()[:8]).rstrip(",.:;") if article else ""
    return Case(id=f"g{number:03d}-{kind}", conflict=conflict, kind=kind, published=when.isoformat(), title=title,
                origin=f"10kgnad:{row}", a=a, b=b, at_a=at_a, at_b=at_b, sources=sources,
                paragraphs=(rng.randint(1, 3), rng.randint(1, 3)))


def generated_cases(corpus: list[tuple[str, list[str]]]) -> list[Case]:
    """The cases made from 10kGNAD, in a fixed order from a fixed seed."""
    rng = random.Random(SEED)
    spots = [(row, n) for row, (_, sentences) in enumerate(corpus) for n, s in enumerate(sentences)
             if usable(s) and n > 0 and len(sentences) >= 6]
    rng.shuffle(spots)
    used_rows: set[int] = set()
    cases: list[Case] = []
    plan = [(k, True, n) for k, n in WANTED_CONFLICTS.items()] + [(k, False, n) for k, n in WANTED_LOOKALIKES.items()]
    # the rarest material first, so that its articles are not taken by the others
    order = ["date", "weekday", "weekday_match", "date_format", "unit", "rounding", "spelled", "count",
             "place_paraphrase", "place_containment", "range", "qualifier", "number", "place", "different_things",
             "paraphrase"]
    plan.sort(key=lambda p: order.index(p[0]))
    variants: dict[tuple[str, str], int] = {}
    for kind, conflict, wanted in plan:
        made = 0
        for row, n in spots:
            if made >= wanted:
                break
            if row in used_rows:
                continue
            sentences = corpus[row][1]
            sentence = sentences[n]
            published = None
            other_index = None
            if kind in ("date", "weekday", "weekday_match", "date_format"):
                result = change_date(sentence, rng, kind)
                if result:
                    published = result[3]
                    result = result[:3]
            elif kind in ("number", "count", "spelled", "qualifier", "rounding", "range", "unit"):
                pattern = COUNT if kind in ("count", "spelled") else NUMBER
                result = change_amount(sentence, rng, kind, pattern)
                if result is None and kind in ("qualifier", "spelled"):
                    result = change_amount(sentence, rng, kind, NUMBER if pattern is COUNT else COUNT)
                if result and len(result) > 3:  # a variant of the change: none may make more than 40% of a kind
                    result, variant = result[:3], result[3]
                    if variants.get((kind, variant), 0) >= max(2, int(0.4 * wanted)):
                        continue
                    variants[(kind, variant)] = variants.get((kind, variant), 0) + 1
            elif kind in ("place", "place_paraphrase", "place_containment"):
                result = change_place(sentence, rng, kind)
            elif kind == "different_things":
                result = None
                mine = one_amount(sentence, NUMBER)
                if mine:
                    others = [i for i, t in enumerate(sentences)
                              if i != n and usable(t) and (m2 := one_amount(t, NUMBER))
                              and parse_number(m2.group(2)) != parse_number(mine.group(2))]
                    unit = mine.group(4)
                    alike = [i for i in others if one_amount(sentences[i], NUMBER).group(4) == unit]
                    if others:
                        other_index = rng.choice(alike or others)
                        result = (sentence, sentences[other_index], [mine.group(2)])
            else:
                result = paraphrase(sentence, rng)
            if not result or result[0] == result[1]:
                continue
            used_rows.add(row)
            cases.append(make_case(len(cases), kind, conflict, row, sentences, n, result, published, rng, other_index))
            made += 1
    return cases


def story_cases() -> list[Case]:
    """The cases made from our own stories."""
    cases = []
    for story in own_stories():
        for n, variant in enumerate(story["variants"]):
            a = list(story["context_a"])
            b = list(story["context_b"])
            at_a = variant.get("at_a", 1)
            at_b = variant.get("at_b", 1)
            a.insert(at_a, variant["a"])
            b.insert(at_b, variant["b"])
            cases.append(Case(id=f"{story['story']}-{n}-{variant['kind']}", conflict=variant["conflict"],
                              kind=variant["kind"], published=story["published"], title=story["story"],
                              origin=f"own:{story['story']}", a=a, b=b, at_a=at_a, at_b=at_b,
                              sources=(OUTLETS[n % len(OUTLETS)], OUTLETS[(n + 3) % len(OUTLETS)]),
                              paragraphs=(2, 2)))
    return cases


def build_cases(corpus_folder: Path) -> list[Case]:
    """Every case: made from the 10kGNAD articles in `corpus_folder`, then from our own stories."""
    return generated_cases(load_corpus(corpus_folder)) + story_cases()


# --- scoring ------------------------------------------------------------------------------------

def articles_of(case: Case):
    """The two articles of a case, read and cleaned the way every article is."""
    from newsdesk.clean import clean
    from newsdesk.config import Settings
    from newsdesk.model import RawArticle

    settings = Settings().clean
    return [clean(RawArticle(identity=f"eval-facts/{case.id}/{side}", raw=case.raw(side), title=case.title,
                             published=case.published, source=source, language="de"), settings)
            for side, source in (("a", case.sources[0]), ("b", case.sources[1]))]


def planted_span(article, sentence: str) -> tuple[int, int] | None:
    at = article.text.find(sentence)
    return None if at < 0 else (at, at + len(sentence))


def predicted_conflicts(facts: list[dict]) -> list[tuple[dict, dict, str]]:
    """Unordered pairs of facts linked by `conflicts`, each once, with the kind reported first."""
    by_id = {f["id"]: f for f in facts}
    pairs: dict[tuple[str, str], tuple[dict, dict, str]] = {}
    for fact in facts:
        for link in fact.get("conflicts") or ():
            other = by_id.get(link.get("fact"))
            if other is None:
                continue
            key = tuple(sorted((fact["id"], other["id"])))
            pairs.setdefault(key, (fact, other, link.get("kind")))
    return [pairs[k] for k in sorted(pairs)]


def overlaps(fact: dict, article_id: str, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    return any(s.get("article") == article_id and s["start"] < span[1] and span[0] < s["end"]
               for s in fact.get("support") or ())


def judge(case: Case, sections: dict, articles) -> dict:
    """What the stage said about one case: hit, kind, false conflicts."""
    a, b = articles
    spans = (planted_span(a, case.planted("a")), planted_span(b, case.planted("b")))
    facts = sections.get("facts")
    out = {"id": case.id, "conflict": case.conflict, "kind": case.kind, "has_facts": facts is not None,
           "planted_lost": spans[0] is None or spans[1] is None, "hit": False, "reported_kind": None,
           "false": [], "extra_hits": 0}
    for x, y, kind in predicted_conflicts(facts or []):
        on_planted = (overlaps(x, a.id, spans[0]) and overlaps(y, b.id, spans[1])) or \
                     (overlaps(y, a.id, spans[0]) and overlaps(x, b.id, spans[1]))
        if case.conflict and on_planted:
            if out["hit"]:
                out["extra_hits"] += 1
            else:
                out["hit"], out["reported_kind"] = True, kind
            continue
        out["false"].append({"facts": [x.get("text"), y.get("text")], "kind": kind,
                             "reason": next((c.get("reason") for c in x.get("conflicts") or ()
                                             if c.get("fact") == y["id"]), None), "on_planted": on_planted})
    return out


def summarize(judged: list[dict]) -> dict[str, float]:
    conflicts = [j for j in judged if j["conflict"]]
    lookalikes = [j for j in judged if not j["conflict"]]
    if not any(j["has_facts"] for j in judged):
        scores = {"conflict_precision": 0.0, "conflict_recall": 0.0, "conflict_f1": 0.0, "kind_accuracy": 0.0,
                  "lookalike_false_conflict_rate": 1.0, "lookalike_accuracy": 0.0}
        scores.update({f"recall_{k}": 0.0 for k in sorted({j['kind'] for j in conflicts})})
        return scores
    found = sum(j["hit"] for j in conflicts)
    false = sum(len(j["false"]) for j in judged)
    precision = found / max(1, found + false)
    recall = found / max(1, len(conflicts))
    falsely = sum(bool(j["false"]) for j in lookalikes) / max(1, len(lookalikes))
    scores = {
        "conflict_precision": precision,
        "conflict_recall": recall,
        "conflict_f1": 2 * precision * recall / max(1e-9, precision + recall),
        "kind_accuracy": sum(j["reported_kind"] == j["kind"] for j in conflicts if j["hit"]) / max(1, found),
        "lookalike_false_conflict_rate": falsely,
        "lookalike_accuracy": 1 - falsely,
    }
    for kind in sorted({j["kind"] for j in conflicts}):
        these = [j for j in conflicts if j["kind"] == kind]
        scores[f"recall_{kind}"] = sum(j["hit"] for j in these) / len(these)
    return scores


def evaluate(cases: list[Case]) -> list[dict]:
    from newsdesk.compare.sections import story_sections

    judged = []
    for case in cases:
        articles = articles_of(case)
        judged.append(judge(case, story_sections(articles), articles))
    return judged


def run(shared: Path) -> dict[str, float]:
    return summarize(evaluate(build_cases(shared / "data" / "10kgnad")))


def breakdown(judged: list[dict]) -> str:
    """Per planted kind: cases, found (conflicts) or falsely flagged (look-alikes), false conflicts."""
    lines = [f"{'kind':<18} {'cases':>5} {'found':>5} {'flagged':>7} {'false':>5}"]
    for conflict in (True, False):
        for kind in sorted({j["kind"] for j in judged if j["conflict"] == conflict}):
            these = [j for j in judged if j["kind"] == kind and j["conflict"] == conflict]
            lines.append(f"{kind:<18} {len(these):>5} {sum(j['hit'] for j in these) if conflict else '-':>5} "
                         f"{sum(bool(j['false']) for j in these):>7} {sum(len(j['false']) for j in these):>5}")
    lost = sum(j["planted_lost"] for j in judged)
    if lost:
        lines.append(f"planted sentence not found in the cleaned text: {lost} cases")
    return "\n".join(lines)


def dump(cases: list[Case], judged: list[dict] | None, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    verdicts = {j["id"]: j for j in judged or ()}
    for case in cases:
        record = asdict(case)
        record["raw_a"], record["raw_b"] = case.raw("a"), case.raw("b")
        if case.id in verdicts:
            record["verdict"] = verdicts[case.id]
        (folder / f"{case.id}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str]) -> int:
    import argparse
    import os
    import time

    parser = argparse.ArgumentParser(description="Score contradiction detection on seeded two-article cases.")
    parser.add_argument("--dump", type=Path, help="write every case (and its verdict) as JSON into this folder")
    parser.add_argument("--data", type=Path, help="the 10kGNAD folder holding articles.csv "
                        "(default: $NEWSDESK_SHARED/data/10kgnad, else ../shared/data/10kgnad)")
    parser.add_argument("--cases-only", action="store_true", help="only build (and dump) the cases; do not score")
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared"))
    started = time.perf_counter()
    cases = build_cases(args.data or shared / "data" / "10kgnad")
    counts: dict[str, int] = {}
    for case in cases:
        key = f"{'conflict' if case.conflict else 'look-alike'}/{case.kind}"
        counts[key] = counts.get(key, 0) + 1
    print(f"{len(cases)} cases: {sum(c.conflict for c in cases)} conflicts, "
          f"{sum(not c.conflict for c in cases)} look-alikes")
    print("  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    judged = None
    if not args.cases_only:
        judged = evaluate(cases)
        print(json.dumps(summarize(judged), indent=1))
        print(breakdown(judged))
    if args.dump:
        dump(cases, judged, args.dump)
        print(f"cases written to {args.dump}")
    print(f"{time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
