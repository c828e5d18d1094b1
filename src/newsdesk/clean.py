"""Cleaning: cut page furniture out of a raw article and keep a map back to the raw input.

What goes, each with its reason: the reader's header lines (kept as the reader recorded them),
"boilerplate" (teaser and navigation lines, share/newsletter/cookie/ad controls), "caption" (lines
ending in a photo credit, or credits alone), "repeated pull-quote" (a quote set off with its
speaker that repeats or paraphrases words of the body) and "agency credit" (`(dpa)`, bylines,
datelines, `Quelle: AFP`), whose agencies become `Article.agencies`.

Every rule looks at one line and, for pull-quotes, at the rest of the same article: the cleaned
text depends on the article and the rules only. Learning a source's recurring lines from a corpus
would be a separate, stored step. Patterns and word lists ship as data in `newsdesk/text/data/`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from rapidfuzz import fuzz, process

from .model import Article, RawArticle, Removal, Segment
from .text.language import DEFAULT_LANGUAGES, detect_language
from .text.sentences import split_sentences
from .text.tokens import words

BOILERPLATE = "boilerplate"
CAPTION = "caption"
PULL_QUOTE = "repeated pull-quote"
AGENCY_CREDIT = "agency credit"

STOP_CHARS = ".!?…"
QUOTE_CHARS = "\"'“”„‚‘’»«"


@dataclass(frozen=True, slots=True)
class CleanSettings:
    """How cleaning decides; the defaults suit news pages in German, English and French."""

    max_boilerplate_chars: int = 120
    """Teaser and control lines are short; a longer line is always kept."""
    max_boilerplate_words: int = 12
    max_caption_chars: int = 400
    max_credit_words: int = 8
    """A photo or agency credit names an agency and a few people, no more."""
    max_pull_quote_chars: int = 320
    min_pull_quote_words: int = 4
    pull_quote_similarity: float = 0.6
    """Share of the pull-quote's words (content words when it has enough) found in one to three body sentences."""
    word_similarity: float = 85.0
    """rapidfuzz ratio from which two words count as the same word in another form ("Grenzen" ~ "Grenze")."""
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    """Languages detection chooses from (ISO 639-1), when the reader did not set one."""
    workers: int = 0
    """Processes that clean articles in parallel; 0 = one per CPU core when a run has enough articles."""

    def __post_init__(self) -> None:
        if not isinstance(self.workers, int) or isinstance(self.workers, bool) or self.workers < 0:
            raise ValueError(f"clean.workers must be 0 (one per CPU core) or a positive integer; got {self.workers!r}")
        for name in ("max_boilerplate_chars", "max_boilerplate_words", "max_caption_chars",
                     "max_credit_words", "max_pull_quote_chars", "min_pull_quote_words"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"clean.{name} must be a positive integer; got {value!r}")
        if not 0.0 < self.pull_quote_similarity <= 1.0:
            raise ValueError(f"clean.pull_quote_similarity must be in (0, 1]; got {self.pull_quote_similarity!r}")
        if not 0.0 < self.word_similarity <= 100.0:
            raise ValueError(f"clean.word_similarity must be in (0, 100]; got {self.word_similarity!r}")
        if len(self.languages) < 2 or not all(isinstance(code, str) and len(code) == 2 for code in self.languages):
            raise ValueError(f"clean.languages must list at least two ISO 639-1 codes such as 'de'; got {self.languages!r}")


class _Unit(NamedTuple):
    """A non-blank stretch of one raw line that the reader's header left: what a rule judges
    (made for every line: a named tuple, made faster than a frozen dataclass)."""

    start: int
    end: int
    text: str


# --- the rules' data ---------------------------------------------------------------------------

def _data(name: str) -> dict:
    return json.loads(resources.files("newsdesk.text").joinpath(f"data/{name}").read_text("utf-8"))


@cache
def _agency_names() -> dict[str, str]:
    """Credit form (case-folded) -> the agency's reported name."""
    names: dict[str, str] = {}
    for agency, forms in _data("agencies.json").items():
        if agency.startswith("_"):
            continue
        for form in (agency, *forms):
            names[form.casefold()] = agency
    return names


@cache
def _furniture() -> dict:
    data = _data("boilerplate.json")
    alternatives = lambda items: "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))  # noqa: E731
    if any(":" in label for label in data["photo_labels"]):
        raise ValueError("boilerplate.json: a photo label must not contain ':' (the label's colon follows it)")
    photo_labels = alternatives(data["photo_labels"])
    photo_agencies = alternatives(data["photo_agencies"])
    return {
        # the longest label and agency: how far before the line's end a caption's credit can start
        "longest_photo_label": max(map(len, data["photo_labels"])),
        "longest_photo_agency": max(map(len, data["photo_agencies"])),
        "teaser": re.compile(r"^\W*(?:" + "|".join(data["teaser_cues"]) + ")", re.IGNORECASE),
        "ui_words": frozenset(word.casefold() for word in data["ui_words"]),
        "weak_ui_words": frozenset(word.casefold() for word in data["weak_ui_words"]),
        "neutral_words": frozenset(word.casefold() for word in data["neutral_words"]),
        "credit_words": frozenset(word.casefold() for word in data["credit_words"]),
        # "Foto: dpa", "(Bild: Max Muster)", "| Photo : AP" at the end of a line
        "photo_label": re.compile(
            r"(?:^|(?<=[\s(|/–—,.;-]))(?:" + photo_labels + r")\s*:\s*(?P<credit>[^:\n]{1,100}?)\)?\s*$", re.IGNORECASE),
        "photo_agency": re.compile(
            r"(?:^|(?<=[\s(|/–—,.;:-]))(?P<credit>(?:[\w.'’ -]{1,40}/\s*)?(?:" + photo_agencies
            + r")(?:\s*/\s*[\w.'’ -]{1,60})?)\)?\s*$", re.IGNORECASE),
        "photo_marker": re.compile(r"\((?:" + alternatives(data["photo_markers"]) + r")\)\s*$", re.IGNORECASE),
        "notice": re.compile(r"^[\s*|–—-]*(?:" + "|".join(data["notices"]) + ")", re.IGNORECASE),
        "credit_lead": re.compile(r"^(?:" + alternatives(data["credit_lead"]) + r")\b\s*:?\s*", re.IGNORECASE),
        "byline_lead": re.compile(r"^(?:" + alternatives(data["byline_lead"]) + r")\s+", re.IGNORECASE),
    }


@cache
def _stopwords() -> frozenset[str]:
    import stopwordsiso

    return frozenset(word.casefold() for code in ("de", "en", "fr") for word in stopwordsiso.stopwords(code))


@cache
def _filler_words() -> frozenset[str]:
    """Words that may stand in a line of page controls without making it text."""
    furniture = _furniture()
    return furniture["weak_ui_words"] | furniture["neutral_words"] | _stopwords()


# --- agencies -------------------------------------------------------------------------------------

CREDIT_SEPARATOR = re.compile(r"\s*(?:[/,;+&|]|\s(?:und|and|et|sowie|mit|with|avec|u\.)\s)\s*", re.IGNORECASE)
INITIALS = re.compile(r"[a-zß-ÿ]{1,4}\.?")
"""An author's initials in a credit are lower case: "dr", "jk", "ces"."""
CREDIT_FILLER = frozenset({"red", "redaktion", "agenturen", "agences", "agencies", "mit", "with", "avec"})


def credited_agencies(credit: str, lenient: bool = False) -> tuple[str, ...] | None:
    """The agencies of a credit such as "dpa", "dr / afp", "AFP/Reuters/jk"; None unless it is one.

    Every part must be an agency or an author's initials (up to four letters, as in "dr"), and at
    least one part an agency. `lenient` (after "Quelle:" or in a byline) also lets outlets and
    other short names stand beside the agency: "Quelle: ntv.de, mau/dpa".
    """
    names = _agency_names()
    found: set[str] = set()
    for part in CREDIT_SEPARATOR.split(credit.strip().strip("()[]").strip()):
        part = part.strip(" .()[]")
        if not part:
            continue
        key = part.casefold()
        if key in names:
            found.add(names[key])
        elif key in CREDIT_FILLER or INITIALS.fullmatch(part) or (lenient and len(part.split()) <= 3):
            continue
        else:
            return None
    return tuple(sorted(found)) if found else None


DATELINE_PLACE_CHARS = 50
DATELINE = re.compile(r"^(?P<place>[^()\n!?\"„“«»]{0," + str(DATELINE_PLACE_CHARS) + r"}?(?:\s*\([^()\n]{1,30}\))?)\s*\((?P<credit>[^()\n]{1,40})\)\s*[-–—:]\s+")
"""A dateline with its credit: "Berlin (dpa) - ", "Duisbourg (Allemagne) (AFP) - " (a region in brackets may follow the place)."""
COPYRIGHT_NOTICE = re.compile(r"^©\s*(?:\d{4}\s+)?(?P<credit>[^,:/]{2,40}),\s*\w+:\S+$")
"""A wire's copyright notice with its story id: "© dpa-infocom, dpa:240618-99-123456/3"."""
TRAILING_CREDIT = re.compile(r"\((?P<credit>[^()\n]{1,40})\)\s*$")


def _credit_line(text: str, settings: CleanSettings) -> tuple[str, ...] | None:
    """Agencies when the whole line is an agency credit: "(dpa)", "Quelle: AFP", "Von Jane Doe, Reuters"."""
    limit = settings.max_credit_words + 2
    if len(text.split(None, limit)) > limit:  # more words than a credit has (without splitting a whole paragraph)
        return None
    body = text.rstrip(" .")
    notice = COPYRIGHT_NOTICE.match(body)
    if notice:
        return credited_agencies(notice.group("credit"))
    whole = credited_agencies(body)
    if whole:
        return whole
    furniture = _furniture()
    lead = furniture["credit_lead"].match(body)
    if lead and lead.end() < len(body):
        found = credited_agencies(body[lead.end():], lenient=True)
        if found:
            return found
    byline = furniture["byline_lead"].match(body)
    if byline:
        rest = body[byline.end():]
        found = re.search(r"(?:,\s*|\s*\(|\s+[-–—|]\s*)(?P<credit>[^,()]+)\)?$", rest)
        if found and _is_name_list(rest[: found.start()]):
            return credited_agencies(found.group("credit"), lenient=True)
    return None


def _copyright_notice(text: str, settings: CleanSettings) -> tuple[str, ...] | None:
    """The agencies a copyright notice names ("Copyright 2024 The Associated Press. All rights reserved."),
    () for a notice naming none, None when the line is no notice."""
    if len(text) > settings.max_boilerplate_chars or not _furniture()["notice"].match(text):
        return None
    folded = " ".join(words(text))
    return tuple(sorted({agency for form, agency in _agency_names().items()
                         if re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", folded)}))


def _is_name_list(text: str) -> bool:
    """Whether `text` is one or more personal names: "Jane Doe", "Max Muster und Erika Beispiel"."""
    parts = re.split(r"\s*(?:,|\bund\b|\band\b|\bet\b|&)\s*", text.strip())
    return all(part and _is_name(part) for part in parts) and len(text.split()) <= 10


NAME_PARTICLES = frozenset("von van de der den del della da di du le la al el bin ibn zu ter dos das y ben".split())


PARTY = re.compile(r"\s*\([\w/ -]{1,15}\)$")
"""A party or country after a name: "(SPD)", "(Grüne)", "(R-Texas)"."""


def _is_name(text: str) -> bool:
    """A name or a role with a name: capitalised words (particles allowed inside), at most five."""
    tokens = PARTY.sub("", text).split()
    if not 1 <= len(tokens) <= 5:
        return False
    if not (tokens[0][:1].isupper() and tokens[-1][:1].isupper()):
        return False
    return all(
        (token[:1].isupper() and re.fullmatch(r"[\w'’.-]+", token)) or token.casefold() in NAME_PARTICLES
        for token in tokens
    )


# --- captions -----------------------------------------------------------------------------------

def _looks_like_credit(credit: str, settings: CleanSettings) -> bool:
    """Whether `credit` reads like names and agencies ("REUTERS/Jana Beispiel", "dpa"), not a sentence."""
    tokens = [t for t in re.split(r"[\s/|,]+", credit.strip(" .()")) if t]
    if not tokens or len(tokens) > settings.max_credit_words:
        return False
    allowed = _furniture()["credit_words"]
    names = _agency_names()
    return all(
        t[:1].isupper() or t[:1].isdigit() or t.casefold() in allowed or t.casefold() in names or t in "-–—©"
        for t in tokens
    )


def _is_caption(text: str, settings: CleanSettings) -> bool:
    """A line ending in a photo credit ("... © REUTERS/Name", "Foto: dpa"), or such a credit alone."""
    if len(text) > settings.max_caption_chars:
        return False
    furniture = _furniture()
    copyright_at = text.rfind("©")
    if copyright_at >= 0 and _looks_like_credit(text[copyright_at + 1:], settings):
        return True
    labelled = _photo_label(text, furniture)
    if labelled and _looks_like_credit(labelled.group("credit"), settings):
        return True
    if furniture["photo_marker"].search(text):
        return True  # "Putin in Moskau (Archivbild)"
    agency = _photo_agency(text, furniture)
    if agency and _looks_like_credit(agency.group("credit"), settings):
        return True
    # "... Pjöngjang. REUTERS/Jana Beispiel": an agency's photographer after the caption
    slash = PHOTOGRAPHER.search(text) if "/" in text else None
    if slash and slash.group("agency").casefold() in _agency_names() and _is_name(slash.group("who")):
        return True
    return False


# The caption patterns end at the line's end, and a search tries them at every character: on a
# line that is text they fail only at its end, after costing more than every other rule. Where
# the line shows that a credit can start only near its end, the search starts there.

PHOTOGRAPHER = re.compile(
    r"(?:^|(?<=[" + STOP_CHARS + QUOTE_CHARS + r"]\s))(?P<agency>[^\W\d_]{2,})\s*/\s*(?P<who>[^/\n]{2,60})$")


def _photo_label(text: str, furniture: dict) -> re.Match | None:
    """furniture["photo_label"].search(text), from where it can match: no label has a ":" and no
    ":" follows the label's, so the label stands (with spaces) right before the line's last ":"."""
    colon = text.rfind(":")
    if colon < 0:
        return None
    label_end = len(text[:colon].rstrip())
    return furniture["photo_label"].search(text, max(0, label_end - furniture["longest_photo_label"]))


def _photo_agency(text: str, furniture: dict) -> re.Match | None:
    """furniture["photo_agency"].search(text), from where it can match: without a "/" in the line the
    credit is the agency alone, followed by at most a ")" and spaces."""
    if "/" in text:
        return furniture["photo_agency"].search(text)
    start = len(text.rstrip()) - 1 - furniture["longest_photo_agency"]
    return furniture["photo_agency"].search(text, max(0, start))


# --- boilerplate --------------------------------------------------------------------------------

WORD_CHAR = re.compile(r"\w")
"""Any letter, digit or "_": what a line without words lacks."""


def _is_boilerplate(text: str, settings: CleanSettings) -> bool:
    """A short teaser or navigation line ("Mehr lesen", "Lire aussi : ..."), or a line of page controls."""
    if len(text) > settings.max_boilerplate_chars:
        return False
    furniture = _furniture()
    ends_sentence = text.rstrip(QUOTE_CHARS + ")")[-1:] in ".?"
    cue = furniture["teaser"].match(text)
    rest = text[cue.end():] if cue else ""
    teaser = bool(cue) and (not ends_sentence or rest.lstrip()[:1] in (":", "»", "›", ">", "|", "–", "-")
                            or not rest.strip())
    if ends_sentence and not teaser:
        return not WORD_CHAR.search(text)  # a sentence stays, unless it has no words ("* * *."): no need to tokenise it
    tokens = words(text)
    if not tokens:
        return True  # separators: "* * *", "---"
    if len(tokens) > settings.max_boilerplate_words:
        return False
    if teaser:
        return True
    strong, weak, filler = furniture["ui_words"], furniture["weak_ui_words"], _filler_words()

    def parts(token: str) -> list[str]:
        return [token, *(part for part in token.split("-") if part)]

    def is_furniture(token: str) -> bool:
        pieces = parts(token)
        return (any(ch.isdigit() for ch in token) or token in strong or token in filler
                or all(part in strong or part in filler for part in pieces[1:]))

    if not all(is_furniture(token) for token in tokens):
        return False
    if any(part in strong for token in tokens for part in parts(token)):
        return True
    # control words that are also ordinary words: one alone ("Zurück", "Nach oben"), two or more
    # together ("Listen to this article"), or one with a number ("Bild 1 von 5", "5 min read")
    controls = {token for token in tokens if any(part in weak for part in parts(token))}
    has_number = any(ch.isdigit() for ch in text)
    return bool(controls) and (len(tokens) <= 2 or len(controls) >= 2 or has_number)


# --- pull-quotes ----------------------------------------------------------------------------------

SPEAKER_BREAK = re.compile(r"(?P<end>[" + STOP_CHARS + QUOTE_CHARS + r"])\s+(?:[-–—]\s*)?|(?P<dash>\s+[-–—]\s+)")
"""Where a pull-quote's words end and its speaker begins: after a stop or quote mark, or at a spaced dash."""


def _pull_quote(text: str, settings: CleanSettings) -> str | None:
    """The quoted words when `text` is a quote set off with its speaker: "Wir bleiben. Maria Beispiel, Ministerin"."""
    if len(text) > settings.max_pull_quote_chars or text.rstrip()[-1:] in STOP_CHARS + QUOTE_CHARS:
        return None
    for match in reversed(list(SPEAKER_BREAK.finditer(text))):
        quote_end = match.end("end") if match.group("end") else match.start()
        quote, speaker = text[:quote_end], text[match.end():]
        if _is_speaker_line(speaker):
            if len(words(quote)) >= settings.min_pull_quote_words:
                return quote
            return None
    return None


def _is_speaker_line(text: str) -> bool:
    """A line that only names a speaker, with an optional short role: "Maria Beispiel, Ministerin"."""
    name, _, role = text.partition(",")
    return _is_name(name.strip()) and (not role or (len(role.split()) <= 8 and not re.search(r"[.!?:;]", role)))


def _two_line_pull_quote(text: str, line: _Unit, next_line: _Unit,
                         settings: CleanSettings) -> tuple[_Unit, str] | None:
    """A pull-quote set as a quote line directly followed by its speaker's line, as one unit with the quote."""
    between = text[line.end:next_line.start]
    if between.count("\n") != 1 or between.strip():
        return None
    if len(line.text) > settings.max_pull_quote_chars or line.text.rstrip()[-1:] not in STOP_CHARS + QUOTE_CHARS:
        return None
    if not _is_speaker_line(next_line.text) or len(words(line.text)) < settings.min_pull_quote_words:
        return None
    if len(next_line.text.partition(",")[0].split()) < 2:  # a full name, not a lone word like "Anzeige"
        return None
    if _whole_line(line.text, settings) or _whole_line(next_line.text, settings):
        return None
    return _Unit(line.start, next_line.end, text[line.start:next_line.end]), line.text


def _meaningful(tokens: list[str]) -> list[str]:
    content = [t for t in dict.fromkeys(tokens) if t not in _stopwords()]
    return content if len(content) >= 3 else list(dict.fromkeys(tokens))


def _overlaps(quote_words: list[str], passage_words: list[str], settings: CleanSettings) -> bool:
    """Whether the share of `quote_words` found in the passage, a word matching its inflected or
    misspelt forms, reaches `pull_quote_similarity`.

    Stops as soon as the words left decide it either way: most windows of body sentences share
    few of a pull-quote's words, and matching the rest of them was most of cleaning's time.
    """
    if not quote_words or not passage_words:
        return False  # a share of 0, below any similarity setting
    passage = set(passage_words)
    needed, total, found = settings.pull_quote_similarity, len(quote_words), 0
    for seen, word in enumerate(quote_words):
        if found / total >= needed:
            return True
        if (found + total - seen) / total < needed:
            return False
        if word in passage or process.extractOne(
                word, passage, scorer=fuzz.ratio, score_cutoff=settings.word_similarity) is not None:
            found += 1
        elif len(word) >= 5 and any(len(other) > len(word) and (other.endswith(word) or other.startswith(word))
                                    for other in passage):
            found += 1  # a compound or separable verb: "bringen ... mit" / "mitbringen", "Zusage" / "Zusagen"
    return found / total >= needed


def _body_sentences(paragraphs: list[str]) -> list[list[list[str]]]:
    """The words of each sentence, by paragraph: what pull-quotes are compared with."""
    return [[words(paragraph[s:e]) for s, e in split_sentences(paragraph)] for paragraph in paragraphs]


def _repeats_body(quote: str, body: list[list[list[str]]], settings: CleanSettings) -> bool:
    """Whether `quote` repeats or paraphrases one to three consecutive sentences of one body paragraph."""
    quote_words = _meaningful(words(quote))
    for sentences in body:
        for first in range(len(sentences)):
            window: list[str] = []
            for sentence in sentences[first:first + 3]:
                window += sentence
                if _overlaps(quote_words, window, settings):
                    return True
    return False


# --- the stage ----------------------------------------------------------------------------------

def clean(raw: RawArticle, settings: CleanSettings = CleanSettings()) -> Article:
    """The cleaned article: raw text without header, boilerplate, captions, pull-quotes and agency credits."""
    removals, agencies = find_removals(raw, settings)
    text, segments = cleaned_text(raw.raw, removals)
    return Article(
        id=raw.id,
        identity=raw.identity,
        path=raw.path,
        url=raw.url,
        source=raw.source,
        agencies=agencies,
        title=raw.title,
        published=raw.published,
        language=raw.language or detect_language(text, settings.languages),
        text=text,
        removed=removals,
        segments=segments,
        supersedes=None,
    )


def clean_all(raws: list[RawArticle], settings: CleanSettings = CleanSettings()) -> list[Article | str]:
    """`clean` of each raw article, in order; for one that fails, the reason instead (a bad article never stops a run)."""
    out: list[Article | str] = []
    for raw in raws:
        try:
            out.append(clean(raw, settings))
        except Exception as error:
            out.append(f"cleaning failed: {type(error).__name__}: {error}")
    return out


def find_removals(raw: RawArticle, settings: CleanSettings = CleanSettings()) -> tuple[tuple[Removal, ...], tuple[str, ...]]:
    """What to cut out of `raw.raw` and why (header spans included), and the credited agencies."""
    text = raw.raw
    found: list[Removal] = list(raw.header)
    agencies: set[str] = set()
    body: list[str] = []
    quotes: list[tuple[_Unit, str]] = []

    def cut(start: int, end: int, reason: str) -> None:
        found.append(Removal(text[start:end], reason, start, end))

    units = _units(text, raw.header)
    index = 0
    while index < len(units):
        unit = units[index]
        index += 1
        if index < len(units) and (pair := _two_line_pull_quote(text, unit, units[index], settings)):
            quotes.append(pair)
            index += 1
            continue
        while unit is not None:
            verdict = _whole_line(unit.text, settings)
            if verdict:
                cut(unit.start, unit.end, verdict[0])
                agencies.update(verdict[1])
                break
            quote = _pull_quote(unit.text, settings)
            if quote is not None:
                quotes.append((unit, quote))
                break
            rest = _strip_credits(unit, cut, agencies)
            if rest is unit:
                body.append(unit.text)
                break
            unit = rest  # what a dateline or closing credit leaves is judged again

    sentences = _body_sentences(body) if quotes else []
    for unit, quote in quotes:
        if _repeats_body(quote, sentences, settings):
            cut(unit.start, unit.end, PULL_QUOTE)
    found.sort(key=lambda r: (r.raw_start, r.raw_end))
    return tuple(found), tuple(sorted(agencies))


def _whole_line(text: str, settings: CleanSettings) -> tuple[str, tuple[str, ...]] | None:
    """Why a whole line goes, with the agencies it credits; None when it stays (or may be a pull-quote)."""
    credit = _credit_line(text, settings)
    if credit:
        return AGENCY_CREDIT, credit
    notice = _copyright_notice(text, settings)
    if notice is not None:
        return (AGENCY_CREDIT, notice) if notice else (BOILERPLATE, ())
    if _is_caption(text, settings):
        return CAPTION, ()
    if _is_boilerplate(text, settings):
        return BOILERPLATE, ()
    return None


def _strip_credits(unit: _Unit, cut, agencies: set[str]) -> _Unit | None:
    """`unit` without a leading dateline "Berlin (dpa) - " and a closing "(dpa)": what is left, or None.

    Returns `unit` itself when it has neither.
    """
    start, end, text = unit.start, unit.end, unit.text
    dateline = DATELINE.match(text) if _may_open_with_dateline(text) else None
    if dateline and (credit := credited_agencies(dateline.group("credit"))) and _is_place(dateline.group("place")):
        cut(start, start + dateline.end(), AGENCY_CREDIT)
        agencies.update(credit)
        text = text[dateline.end():]
        start += dateline.end()
    trailing = _trailing_credit(text)
    if trailing and (credit := credited_agencies(trailing.group("credit"))):
        cut(start + trailing.start(), start + trailing.end(), AGENCY_CREDIT)
        agencies.update(credit)
        text = text[:trailing.start()]
    if start == unit.start and len(text) == len(unit.text):
        return unit
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    return _Unit(start + lead, start + lead + len(stripped), stripped)


def _trailing_credit(text: str) -> re.Match | None:
    """TRAILING_CREDIT.search(text), tried only at the line's last "(": the credit has no bracket
    inside and only spaces after its ")", instead of at every "(" of a paragraph."""
    if not text.rstrip().endswith(")"):
        return None
    return TRAILING_CREDIT.search(text, text.rfind("("))


def _may_open_with_dateline(text: str) -> bool:
    """False when DATELINE cannot match: its place has at most 50 characters and no "(", so the
    line's first "(" comes after at most 50 characters and then only spaces."""
    bracket = text.find("(")
    return bracket >= 0 and (bracket <= DATELINE_PLACE_CHARS or text[DATELINE_PLACE_CHARS:bracket].isspace())


def _is_place(text: str) -> bool:
    """A dateline's place (and date): "Berlin", "WASHINGTON", "Paris, 18. Juni", "St. Louis"; empty counts too."""
    text = text.strip()
    if not text:
        return True
    ends_a_sentence = re.search(r"[a-zß-ÿ]{2}[.!?](?:\s|$)", text)  # "hier." but not "St." or "D.C."
    return text[:1].isupper() and len(text.split()) <= 6 and not ends_a_sentence


def _lines(text: str) -> list[str]:
    """text.split("\\n"), without its scan of a text that has no line break: str.split looks at every
    character in turn, a search for one character is many times faster."""
    return text.split("\n") if "\n" in text else [text]


def _units(text: str, header: tuple[Removal, ...]) -> list[_Unit]:
    """Each line's stretches outside the header spans, stripped of surrounding whitespace."""
    covered = sorted((r.raw_start, r.raw_end) for r in header) if header else []
    covered_end = max(end for _, end in covered) if covered else 0
    units: list[_Unit] = []
    position = 0
    for line in _lines(text):
        start, end = position, position + len(line)
        position = end + 1
        stripped = line.strip()
        if not stripped:
            continue  # nothing of a blank line is a unit
        if start < covered_end:  # below the end of the header's spans (at the top) a line is one piece
            _add_pieces(units, text, start, end, covered)
        else:
            lead = len(line) - len(line.lstrip())
            units.append(_Unit(start + lead, start + lead + len(stripped), stripped))
    return units


def _add_pieces(units: list[_Unit], text: str, start: int, end: int, covered: list[tuple[int, int]]) -> None:
    """The stretches of the line text[start:end] outside the `covered` spans, stripped, as units."""
    pieces = [(start, end)]
    for c_start, c_end in covered:
        if c_end <= start or c_start >= end:
            continue
        pieces = [p for s, e in pieces for p in ((s, min(e, c_start)), (max(s, c_end), e)) if p[0] < p[1]]
    for s, e in pieces:
        piece = text[s:e]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            units.append(_Unit(s + lead, s + lead + len(stripped), stripped))


# --- cutting with a map back to raw -------------------------------------------------------------

def cleaned_text(raw: str, removals: tuple[Removal, ...] | list[Removal]) -> tuple[str, tuple[Segment, ...]]:
    """`raw` without the removed spans, its lines' trailing whitespace and extra blank lines, stripped; with segments.

    A line left with nothing but whitespace loses its line break too, so that removing a line
    inside a paragraph does not split the paragraph.
    """
    spans = _merge([(r.raw_start, r.raw_end) for r in removals if r.raw_start < r.raw_end])
    spans = _merge(spans + _emptied_lines(raw, spans))
    text, runs = _cut(raw, [(0, 0, len(raw))] if raw else [], spans)
    text, runs = _cut(text, runs, _trailing_spaces(text))
    text, runs = _cut(text, runs, _merge(_edges(text) + _extra_blank_lines(text)))
    return text, tuple(Segment(start, raw_start, length) for start, raw_start, length in runs)


def _extra_blank_lines(text: str) -> list[tuple[int, int]]:
    """The line breaks after the second in each run of three or more (str.find: the regular
    expression for it was tried at every character of the text; a text of one line is not searched
    at all, as a single character is found many times faster than three)."""
    if "\n" not in text:
        return []
    spans, at = [], text.find("\n\n\n")
    while at >= 0:
        end = at + 3
        while end < len(text) and text[end] == "\n":
            end += 1
        spans.append((at + 2, end))
        at = text.find("\n\n\n", end)
    return spans


def _trailing_spaces(text: str) -> list[tuple[int, int]]:
    """The whitespace at the end of each line, before its line break (str.rstrip per line: the
    regular expression for it tried every space of a long line and cost more than the rest of cleaning)."""
    spans, position = [], 0
    for line in _lines(text):
        end = position + len(line)
        kept = position + len(line.rstrip())
        if kept < end:
            spans.append((kept, end))
        position = end + 1
    return spans


def _edges(text: str) -> list[tuple[int, int]]:
    """The whitespace before the first and after the last other character (all of a blank text)."""
    lead, trail = len(text) - len(text.lstrip()), len(text.rstrip())
    spans = [(0, lead)] if lead else []
    if trail < len(text) and trail >= lead:
        spans.append((trail, len(text)))
    return spans


def _emptied_lines(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Whole lines (with their line break) whose every non-space character is removed and which had some."""
    if not spans:
        return []
    emptied: list[tuple[int, int]] = []
    # only the lines from the first span's to the last span's are looked at
    index, position = 0, raw.rfind("\n", 0, spans[0][0]) + 1
    stop = raw.find("\n", spans[-1][1])
    for line in _lines(raw[position:len(raw) if stop < 0 else stop]):
        start = position
        position += len(line) + 1
        while index < len(spans) and spans[index][1] <= start:
            index += 1
        if index == len(spans):
            break  # no removal left for this line or the ones after it
        if spans[index][0] >= start + len(line):
            continue  # no removal touches this line
        first, last = start + len(line) - len(line.lstrip()), start + len(line.rstrip())
        if first >= last:
            continue
        while index < len(spans) and spans[index][1] <= first:
            index += 1
        cursor, j = first, index
        while j < len(spans) and spans[j][0] < last and cursor < last:
            if raw[cursor:spans[j][0]].strip():
                break  # text left between two removals
            cursor = max(cursor, spans[j][1])
            j += 1
        if cursor >= last:
            emptied.append((start, min(position, len(raw))))
    return emptied


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _cut(text: str, runs: list[tuple[int, int, int]], spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int, int]]]:
    """`text` without `spans` (sorted, disjoint), and its segments shifted to match.

    Segments are (start, raw_start, length) tuples here: cleaned_text cuts three times and makes
    the Segment objects once, from the last cut's.
    """
    if not spans:
        return text, runs
    kept, position = [], 0
    for start, end in spans:
        if start > position:
            kept.append((position, start))
        position = max(position, end)
    if position < len(text):
        kept.append((position, len(text)))
    out: list[tuple[int, int, int]] = []
    offset, index = 0, 0
    for k_start, k_end in kept:
        while index < len(runs) and runs[index][0] + runs[index][2] <= k_start:
            index += 1
        j = index
        while j < len(runs) and runs[j][0] < k_end:
            run_start, run_raw_start, run_length = runs[j]
            s, e = max(k_start, run_start), min(k_end, run_start + run_length)
            j += 1
            if s >= e:
                continue
            new_start, new_raw_start = offset + (s - k_start), run_raw_start + (s - run_start)
            if out and out[-1][0] + out[-1][2] == new_start and out[-1][1] + out[-1][2] == new_raw_start:
                out[-1] = (out[-1][0], out[-1][1], out[-1][2] + e - s)
            else:
                out.append((new_start, new_raw_start, e - s))
        offset += k_end - k_start
    return "".join(text[s:e] for s, e in kept), out
