"""Quotes and reported speech in one article, with their cue and speaker.

`find_quotes` finds direct quotes in the German, English and French conventions („…“, "…",
»…«, «…», ‚…‘, '…', “…”), joins a quote split by its attribution into parts, and finds
reported speech (a speech verb with its clause, "laut X", "nach Angaben des X", "X zufolge",
"so X", "according to X", "selon X"). The speaker is the name at the cue; a pronoun is resolved
to the last named speaker of its paragraph, a definite role noun ("der Sprecher") to the last
name seen with that role, and a quote without a cue takes the running speaker of its paragraph.
When the text does not name one, the speaker is None: it is never guessed.

`find_speech_events` gives every cue (speech verbs, verbs of opinion and speech-event nouns) with
the words that stand for its source, as written: the wider notion that SpkAtt annotates. In German
the source is the whole phrase by clause structure: a fronted subject with its modifiers, relative
clause or apposition ("Jeder, der ..., weiß"), a passive agent with "von", the subject of a support
verb for a speech noun ("eine Debatte führen"), who is heard for verbs of hearing.

Rules only, no model: cue lexicons are data files under `data/quotes/`. Entity mentions from
a NER model can be passed in (`mentions`) to pick names inside attribution phrases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol, Sequence

LANGUAGES = ("de", "en", "fr")
DIRECT = "direct"
INDIRECT = "indirect"


@dataclass(slots=True, frozen=True)
class QuoteSettings:
    """How quotes are found. Defaults are what the eval measures."""

    min_words: int = 2
    """A quoted span needs this many words to count (one quoted word is a scare quote or a name)."""
    unattributed_min_words: int = 4
    """Without a speech cue in its sentence a quoted span needs this many words."""
    max_quote_chars: int = 4000
    """A quote mark whose partner lies further away than this is left unpaired."""
    attribution_window: int = 10
    """How many words after a quote its trailing attribution ("sagte X") may start."""
    indirect: bool = True
    """Also report indirect speech ("Kirby sagte, es gebe ...")."""
    carry_speaker: bool = True
    """A quote without a cue takes the running speaker of its paragraph (or the one just before)."""
    pronoun_scope: str = "paragraph"
    """Where a pronoun's antecedent may be: "paragraph" (its own) or "text" (anywhere before)."""

    def __post_init__(self) -> None:
        if self.min_words < 1:
            raise ValueError(f"min_words must be >= 1; got {self.min_words}")
        if self.unattributed_min_words < self.min_words:
            raise ValueError(
                f"unattributed_min_words must be >= min_words ({self.min_words}); got {self.unattributed_min_words}"
            )
        if self.max_quote_chars < 10:
            raise ValueError(f"max_quote_chars must be >= 10; got {self.max_quote_chars}")
        if not 1 <= self.attribution_window <= 100:
            raise ValueError(f"attribution_window must be in [1, 100]; got {self.attribution_window}")
        if self.pronoun_scope not in ("paragraph", "text"):
            raise ValueError(f'pronoun_scope must be "paragraph" or "text"; got {self.pronoun_scope!r}')


@dataclass(slots=True, frozen=True)
class QuoteMention:
    """A quote in one article. Offsets index the article text; text[start:end] == self.text.

    `parts` are all pieces of a quote split by its attribution, in order (the first is start/end).
    `speaker_*` is the named speaker (possibly a mention earlier in the text that a pronoun or
    role noun was resolved to), None when the text does not say; `source_*` are the words at the
    cue that stand for the speaker as written ("er", "der Sprecher", "Kirby").
    """

    start: int
    end: int
    text: str
    parts: tuple[tuple[int, int], ...]
    kind: str
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    source_start: int | None = None
    source_end: int | None = None


@dataclass(slots=True, frozen=True)
class SpeechEvent:
    """A speech cue with the words standing for its source (None when there are none)."""

    cue_start: int
    cue_end: int
    cue: str
    cue_class: str
    source_start: int | None
    source_end: int | None


class EntityMention(Protocol):
    """What `find_quotes` needs of a NER mention (newsdesk.extract.entities.Mention fits)."""

    start: int
    end: int
    type: str


@dataclass(slots=True, frozen=True)
class Mention:
    """An entity mention handed in from NER: text[start:end] with its type (PER, ORG, LOC, OTH)."""

    start: int
    end: int
    type: str


# ---------------------------------------------------------------- lexicons


@dataclass(slots=True, frozen=True)
class _Lexicon:
    speech: frozenset[str]
    thought: frozenset[str]
    noun: frozenset[str]
    source: frozenset[str]
    roles: tuple[str, ...]
    titles: frozenset[str]
    support: dict[str, frozenset[str]] | None = None
    """support verb -> the speech nouns it takes (empty: any)"""
    needs: tuple[tuple[str, frozenset[str]], ...] = ()
    stance: frozenset[str] = frozenset()
    experiencer: frozenset[str] = frozenset()
    perception: frozenset[str] = frozenset()


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("newsdesk.extract").joinpath("data", "quotes", name).read_text("utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def lexicon(language: str) -> _Lexicon:
    """The cue and role lexicons of one language (de, en, fr)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    classes: dict[str, set[str]] = {"speech": set(), "thought": set(), "noun": set(), "source": set(), "stance": set(),
                                     "experiencer": set(), "perception": set()}
    needs: list[tuple[str, frozenset[str]]] = []
    support: dict[str, set[str]] = {}
    for fields in _data_lines(f"{language}.txt"):
        kind, words = fields[0], " ".join(fields[1:])
        if kind == "needs":
            needs.append((fields[1], frozenset(fields[2:])))
            continue
        if kind == "support":
            support.setdefault(fields[1], set()).update(fields[2:])
            continue
        if kind not in classes:
            raise ValueError(f"data/quotes/{language}.txt: unknown class {kind!r}")
        classes[kind].add(words)
    roles, titles = [], set()
    for fields in _data_lines("roles.txt"):
        if fields[0] != language:
            continue
        if fields[1] == "title":
            titles.add(fields[2])
        else:
            roles.append(fields[1])
    return _Lexicon(
        frozenset(classes["speech"]), frozenset(classes["thought"]), frozenset(classes["noun"]),
        frozenset(classes["source"]), tuple(sorted(roles, key=len, reverse=True)), frozenset(titles),
        {verb: frozenset(nouns) for verb, nouns in support.items()}, tuple(needs), frozenset(classes["stance"]),
        frozenset(classes["experiencer"]), frozenset(classes["perception"]),
    )


@lru_cache(maxsize=200_000)
def _lemma(word: str, language: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=language).lower()


# ---------------------------------------------------------------- words of the languages

PRONOUNS = {
    "de": {"er": "m", "sie": "f", "ich": "1", "wir": "1", "man": "x", "du": "2", "ihr": "2"},
    "en": {"he": "m", "she": "f", "i": "1", "we": "1", "they": "p", "you": "2", "it": "x"},
    "fr": {"il": "m", "elle": "f", "je": "1", "nous": "1", "on": "x", "ils": "p", "elles": "p", "vous": "2"},
}
RESOLVABLE = {"ihm": "m", "him": "m", "her": "f", "lui": "m"}
OBJECT_PRONOUNS = {
    "de": {"ihm", "ihr", "ihnen", "ihn", "mir", "uns"},
    "en": {"him", "her", "them"},
    "fr": {"lui", "eux", "elle", "leur"},
}
DETERMINERS = {
    "de": {"der", "die", "das", "ein", "eine", "einer", "eines", "des", "dem", "den", "sein", "seine", "ihr", "ihre",
           "dessen", "deren", "einen", "einem", "unser", "unsere", "kein", "keine", "jeder", "jede", "viele", "einige", "mehrere",
           "zahlreiche", "beide", "diese", "dieser", "dieses", "alle", "manche", "mancher", "meine", "mein", "eure", "euer",
           },
    "en": {"the", "a", "an", "his", "her", "its", "their", "our", "one", "some", "several", "many"},
    "fr": {"le", "la", "les", "l'", "l’", "un", "une", "son", "sa", "ses", "leur", "leurs", "des", "plusieurs", "ce",
           "cet", "cette"},
}
DEFINITE = {"der", "die", "the", "le", "la", "l'", "l’"}
INDEFINITE = {"ein", "eine", "einer", "a", "an", "un", "une", "one", "some", "einige", "mehrere", "plusieurs"}
GENITIVE = {
    "de": {"des", "der"},
    "en": {"of", "for", "at"},
    "fr": {"du", "de", "des", "d'", "d’"},
}
ADVERBS = {
    "de": {"auch", "jetzt", "nun", "zudem", "dann", "bereits", "noch", "weiter", "außerdem", "ebenfalls", "später",
           "daraufhin", "zuletzt", "kürzlich", "damals", "etwa", "dazu", "schon", "zuvor", "erneut", "nochmals",
           "wörtlich", "gestern", "heute", "sich", "mir", "uns", "ausdrücklich", "sogar", "indes", "indessen", "allerdings", "aber",
           "jedoch", "hingegen", "dagegen", "ihrerseits", "seinerseits", "deutlich", "klar", "offen"},
    "en": {"also", "later", "then", "again", "further", "recently", "previously", "earlier", "repeatedly", "once",
           "has", "have", "had", "was", "is", "would", "will", "did", "does", "not", "never", "reportedly",
           "told", "publicly", "quickly", "bluntly", "simply", "only"},
    "fr": {"aussi", "également", "encore", "ensuite", "alors", "déjà", "a", "avait", "aurait", "ont", "avaient",
           "est", "ne", "pas", "n'", "n’", "t", "y", "en", "par", "ailleurs", "plus", "tard",
           "toutefois", "cependant", "notamment", "récemment", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
           "samedi", "dimanche", "soir", "matin", "hier", "aujourd'hui", "s'", "se"},
}
SENTENCE_ADVERBS = {
    "leider", "natürlich", "vielleicht", "sicherlich", "selbstverständlich", "tatsächlich", "eigentlich", "übrigens",
    "insofern", "jedenfalls", "ursprünglich", "hoffentlich", "wahrscheinlich", "möglicherweise", "vieles", "manches",
    "einiges", "erstens", "zweitens", "drittens", "viertens", "endlich", "bekanntlich", "nämlich", "wirklich",
    "letztlich", "letztendlich", "insgesamt", "grundsätzlich", "gerne", "gern", "selbstverständlich",
    "ähnlich", "sowohl", "wobei", "obwohl", "während", "nachdem", "bevor", "sofern", "falls", "zumal", "indem",
    "sodass", "weshalb", "weswegen", "zudem", "deshalb", "daher", "dennoch", "trotzdem", "gleichzeitig", "zunächst", "später", "anschließend",
    "ebenso", "außerdem", "darüber", "dabei", "damit", "hierzu", "dazu", "weiter", "ferner", "schließlich", "jedoch",
    "allerdings", "offenbar", "zugleich", "bislang", "bisher", "inzwischen", "mittlerweile", "kürzlich", "zuletzt",
    "ebenfalls", "heute", "gestern", "danach", "seitdem", "öffentlich", "wörtlich", "ausdrücklich", "deutlich",
    "anders", "genauso", "vielmehr", "immerhin", "zwar", "indes", "dagegen", "hingegen", "stattdessen", "demnach",
    "ensuite", "puis", "également", "aussi", "enfin", "pourtant", "cependant", "toutefois", "hier", "aujourd'hui",
    "however", "meanwhile", "later", "earlier", "separately", "similarly", "also", "instead", "still", "yesterday",
}
RELATIVES = {"der", "die", "das", "welcher", "welche", "welches", "who", "which", "qui", "dont", "lequel", "laquelle"}
CONJUNCTIONS = {"und", "and", "et", "sowie", "oder", "or", "ou", "aber", "but", "mais"}
THAT = {"dass", "daß", "ob", "that", "whether", "que", "qu'", "qu’", "si"}
PARTICLES_DE = ("mit", "hin", "hervor", "hinzu", "an", "aus", "ab", "zu", "vor", "fest", "dar", "ein", "bei",
                "zurück", "auf", "klar", "bekannt", "nach", "ein", "entgegen", "fort", "zusammen", "wieder")
NAME_PARTICLES = {"von", "van", "de", "del", "della", "der", "den", "da", "di", "du", "bin", "al", "el", "le", "la",
                  "zu", "ter", "ten", "dos", "das", "y", "ibn", "abu"}
NON_NAMES = {
    "de": {"Der", "Die", "Das", "Ein", "Eine", "Es", "Er", "Sie", "Ich", "Wir", "Man", "Dies", "Dieser", "Diese",
           "Dieses", "Am", "Im", "In", "Auf", "Nach", "Laut", "Bei", "Mit", "Für", "Von", "Vom", "Zum", "Zur", "Aus",
           "Doch", "Aber", "Und", "Auch", "Wie", "So", "Wenn", "Als", "Dass", "Weil", "Damit", "Denn", "Nun",
           "Jetzt", "Heute", "Gestern", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
           "Sonntag", "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember", "Ortszeit", "Herr", "Frau", "Dr", "Prof", "Uhr", "Jahr", "Jahren",
           "Woche", "Wochen", "Tag", "Tagen", "Monat", "Monaten", "Ihm", "Ihr", "Ihnen", "Zudem", "Weiter",
           "Außerdem", "Dabei", "Dazu", "Darin", "Dort", "Hier", "Alle", "Beide", "Viele", "Kein", "Keine"},
    "en": {"The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those", "On", "In",
           "At", "According", "But", "And", "As", "If", "When", "While", "After", "Before", "Monday", "Tuesday",
           "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
           "May", "June", "July", "August", "September", "October", "November", "December", "Mr", "Mrs", "Ms",
           "Dr", "His", "Her", "Their", "Its", "There", "Asked", "Speaking", "Still", "However", "Yet", "So"},
    "fr": {"Le", "La", "Les", "L", "Un", "Une", "Il", "Elle", "Ils", "Elles", "On", "Ce", "Cette", "Ces", "Selon",
           "Pour", "Mais", "Et", "Si", "Quand", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi",
           "Dimanche", "Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre",
           "Octobre", "Novembre", "Décembre", "M", "Mme", "Monsieur", "Madame", "Son", "Sa", "Ses", "Leur",
           "Dans", "En", "Au", "Aux", "Du", "Des", "De", "D", "Après", "Avant", "Lors", "Depuis", "Ainsi"},
}
PREPOSITIONS = {
    "de": {"von", "vom", "in", "im", "aus", "bei", "beim", "an", "am", "auf", "mit", "nach", "zu", "zum", "zur",
           "für", "gegen", "über", "unter", "vor", "seit", "während", "wegen", "durch", "um", "gegenüber"},
    "en": {"of", "for", "at", "from", "in", "on", "with", "to", "by", "during", "after", "before", "about", "as"},
    "fr": {"de", "du", "des", "d'", "d’", "à", "au", "aux", "en", "dans", "sur", "pour", "chez", "avec", "par",
           "lors", "après", "avant", "devant", "auprès"},
}
ABBREVIATIONS = {"dr", "prof", "nr", "st", "mr", "mrs", "ms", "bzw", "vgl", "ca", "etc", "usw", "inkl", "sog", "jr",
                 "sr", "no", "vs", "m", "mme", "gen", "abs", "art", "z.b", "u.a", "d.h", "s", "u.s", "bzgl"}

# ---------------------------------------------------------------- tokens


@dataclass(slots=True, frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


_WORD = re.compile(r"\w+(?:[-'’.]\w+)*\.?|\S", re.UNICODE)
_ELISION = re.compile(r"(?i)^(jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])['’](?=\w)")
_CLITIC = re.compile(r"(?i)^(\w+?)(-t)?-(il|elle|ils|elles|on|je|nous|vous)$")


def _tokens(text: str, start: int, end: int, language: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _WORD.finditer(text, start, end):
        word, pos = m.group(), m.start()
        if word in OPEN_TO_CLOSE or word in CLOSERS:
            continue  # marks of scare quotes and titles, whose words stay
        if word.endswith(".") and len(word) > 1:
            stem = word[:-1]
            if stem.lower() not in ABBREVIATIONS and not (len(stem) == 1 and stem.isupper()) and "." not in stem:
                out.append(_Token(stem, pos, pos + len(stem)))
                out.append(_Token(".", pos + len(stem), pos + len(word)))
                continue
        if language == "fr":
            el = _ELISION.match(word)
            if el and len(word) > el.end():
                out.append(_Token(word[: el.end()], pos, pos + el.end()))
                word, pos = word[el.end():], pos + el.end()
            cl = _CLITIC.match(word)
            if cl and cl.group(1).lower() not in ("peut", "c") and len(cl.group(1)) > 0:
                verb_end = pos + len(cl.group(1))
                pron_start = pos + len(word) - len(cl.group(3))
                out.append(_Token(word[: len(cl.group(1))], pos, verb_end))
                out.append(_Token(cl.group(3), pron_start, pos + len(word)))
                continue
        out.append(_Token(word, pos, pos + len(word)))
    return out


# ---------------------------------------------------------------- quote marks

OPEN_TO_CLOSE = {
    "„": "“”\"", "‚": "‘’", "»": "«", "«": "»", "“": "”“\"", "\"": "\"", "‹": "›", "›": "‹", "‘": "’", "'": "'",
}
CLOSERS = set("“”\"«»‘’'‹›")
_OPEN_BEFORE = set(" \t\n\r\u00a0\u202f([{—–-/:") | set(OPEN_TO_CLOSE)


def _can_open(text: str, i: int) -> bool:
    ch = text[i]
    if i + 1 >= len(text):
        return False
    nxt = text[i + 1]
    if i > 0 and text[i - 1] not in _OPEN_BEFORE:
        return False
    if nxt.isspace():
        return ch in "«‹" and i + 2 < len(text) and not text[i + 2].isspace()
    return True


def _can_close(text: str, i: int) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isalnum():
        return False
    if prev.isspace() and ch not in "»›":
        return False
    return True


def _paired_quotes(text: str, settings: QuoteSettings) -> tuple[list[tuple[int, int]], list[int]]:
    """Top-level (open, close) mark positions, and closing marks that have no opener."""
    pairs: list[tuple[int, int]] = []
    dangling: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPEN_TO_CLOSE and _can_open(text, i):
            closers = OPEN_TO_CLOSE[ch]
            limit = min(n, i + settings.max_quote_chars)
            j = i + 1
            found = -1
            while j < limit and text[j] != "\n":
                if text[j] in closers and _can_close(text, j) and j > i + 1:
                    found = j
                    break
                j += 1
            if found > 0:
                pairs.append((i, found))
                i = found + 1
                continue
        elif ch in "“”«\"" and _can_close(text, i) and i > 0 and not text[i - 1].isspace():
            dangling.append(i)
        i += 1
    return pairs, dangling


# ---------------------------------------------------------------- the article as items


@dataclass(slots=True)
class _Quoted:
    open: int
    close: int
    inner: tuple[int, int]
    words: int
    parts: list[tuple[int, int]]


@dataclass(slots=True)
class _Item:
    """A word or punctuation token, or a whole quoted span (quote is set)."""

    token: _Token
    quote: _Quoted | None = None
    paragraph: int = 0
    sentence: int = 0


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _word_count(text: str) -> int:
    return sum(1 for _ in re.finditer(r"\w+", text))


def _looks_like_title(inner: str, language: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’.-]*", inner)
    if not words or len(words) > 5 or re.search(r"[.!?,;:]\s*$", inner):
        return False
    small = {"de", "of", "the", "and", "und", "der", "die", "das", "du", "la", "le", "et", "für", "for", "des"}
    return all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()


def _items(text: str, language: str, settings: QuoteSettings) -> list[_Item]:
    pairs, dangling = _paired_quotes(text, settings)
    quoted: list[_Quoted] = []
    for o, c in pairs:
        a, b = _strip_span(text, o + 1, c)
        if a >= b:
            continue
        quoted.append(_Quoted(o, c, (a, b), _word_count(text[a:b]), [(a, b)]))
    # a closing mark with no opener after a quote: the opener was lost (machine translation); the text between is quoted
    for d in dangling:
        before = [q for q in quoted if q.close < d]
        if not before:
            continue
        q = before[-1]
        gap = text[q.close + 1: d]
        if "\n" in gap or len(gap) > 600 or any(ch in OPEN_TO_CLOSE for ch in gap) \
                or any(q.close < x.open < d for x in quoted):
            continue
        a, b = _strip_span(text, q.close + 1, d)
        if a < b and _word_count(text[a:b]) >= 3:
            q.parts.append((a, b))
            q.close = d
            q.words += _word_count(text[a:b])
    items: list[_Item] = []
    pos = 0
    for q in quoted:
        inner = text[q.inner[0]: q.inner[1]]
        if len(q.parts) == 1 and (q.words < settings.min_words or _looks_like_title(inner, language)):
            continue  # a scare-quoted word or a title reads as plain words ("Rodong Sinmun", „besorgt“)
        items.extend(_Item(t) for t in _tokens(text, pos, q.open, language))
        items.append(_Item(_Token(text[q.open: q.close + 1], q.open, q.close + 1), q))
        pos = q.close + 1
    items.extend(_Item(t) for t in _tokens(text, pos, len(text), language))
    # paragraphs (a line break) and sentences (end mark before a capital, a quote or a line break)
    paragraph = sentence = 0
    prev_end = 0
    for k, item in enumerate(items):
        gap = text[prev_end: item.token.start]
        if "\n" in gap and k:
            paragraph += 1
            sentence += 1
        elif k and _ends_sentence(items, k - 1, text, language):
            sentence += 1
        item.paragraph, item.sentence = paragraph, sentence
        prev_end = item.token.end
    return items


def _ends_sentence(items: list[_Item], k: int, text: str, language: str) -> bool:
    item, nxt = items[k], items[k + 1]
    if item.quote is not None:
        inner = text[item.quote.parts[-1][0]: item.quote.parts[-1][1]]
        if not (inner.rstrip()[-1:] in ".!?" and nxt.quote is None and nxt.token.is_cap and nxt.token.is_word):
            return False
        # '"... why not?" Mira Asante asked.': a short attribution after the quote belongs to it
        speech = lexicon(language).speech
        stop = next((j for j in range(k + 1, min(len(items), k + 10))
                     if items[j].quote is not None or items[j].token.text in (".", "!", "?", ":", ";")), None)
        if stop is None or items[stop].token.text not in (".", "!", "?"):
            return True
        for j in range(k + 1, stop):
            t = items[j].token
            if t.is_word and not t.is_cap and _lemma(t.text, language) in speech and stop - j <= 4 \
                    and not any(items[x].token.lower in PASSIVE_AUX for x in range(k + 1, j)):
                return False
        return True
    if item.token.text not in (".", "!", "?"):
        return False
    if not (nxt.quote is not None or (nxt.token.is_word and (nxt.token.is_cap or nxt.token.text[0].isdigit()))
            or nxt.token.text in OPEN_TO_CLOSE or nxt.token.text == "("):
        return False
    if k > 0 and items[k - 1].token.text.isdigit() and nxt.token.is_cap and len(items[k - 1].token.text) <= 2:
        return False  # German ordinal: "am 19. Juni"
    return True


# ---------------------------------------------------------------- cues


@dataclass(slots=True, frozen=True)
class _Cue:
    index: int  # item index of the cue word (the first word of a multi-word cue)
    last: int  # item index of its last word
    lemma: str
    cls: str  # speech | thought | noun | source


def _find_cues(items: list[_Item], language: str, sentence_start: int, sentence_end: int) -> list[_Cue]:
    lex = lexicon(language)
    cues: list[_Cue] = []
    k = sentence_start
    while k < sentence_end:
        item = items[k]
        tok = item.token
        if item.quote is not None or not tok.is_word:
            k += 1
            continue
        # multi-word source markers ("nach Angaben", "according to", "d'après")
        matched = False
        for width in (3, 2):
            if k + width > sentence_end:
                continue
            words = [items[j].token.lower for j in range(k, k + width)]
            if any(items[j].quote is not None for j in range(k, k + width)):
                continue
            joined = "".join(w if w.endswith(("'", "’")) else w + " " for w in words).strip().replace("’", "'")
            if joined in lex.source:
                cues.append(_Cue(k, k + width - 1, joined, "source"))
                k += width
                matched = True
                break
        if matched:
            continue
        low = tok.lower.replace("’", "'")
        if low in lex.stance and language == "de":
            if _stance_source(items, k, sentence_start, sentence_end) is not None:
                cues.append(_Cue(k, k, low, "stance"))
            k += 1
            continue
        if low in lex.source:
            if _source_marker_ok(items, k, low, language, sentence_start, sentence_end):
                cues.append(_Cue(k, k, low, "source"))
            k += 1
            continue
        sentence_initial = k == sentence_start or items[k - 1].token.text in (":", "(", "–", "—") or items[k - 1].quote is not None
        if language == "de" and tok.is_cap and not sentence_initial:
            lemma = _lemma(tok.text, language)
            head = lemma.rsplit("-", 1)[-1]  # "AfD-Antrag", "INF-Vertrag"
            if lemma in lex.noun:
                cues.append(_Cue(k, k, lemma, "noun"))
            elif tok.lower in lex.noun:
                cues.append(_Cue(k, k, tok.lower, "noun"))
            elif head != lemma and head in lex.noun:
                cues.append(_Cue(k, k, head, "noun"))
            k += 1
            continue
        lemma = _lemma(tok.text, language)
        cls = None
        if language != "de" and k > sentence_start and items[k - 1].token.lower in DETERMINERS[language]:
            k += 1
            continue  # "the state parliament": a noun, not the verb
        if language != "de" and k + 2 < sentence_end:
            phrase_lemma = " ".join([lemma] + [items[j].token.lower for j in range(k + 1, k + 3)])
            if phrase_lemma in lex.speech:
                cues.append(_Cue(k, k + 2, phrase_lemma, "speech"))
                k += 3
                continue
        if language == "de":
            particle = _particle(items, k, sentence_end)
            if particle and particle + lemma in lex.speech:
                lemma, cls = particle + lemma, "speech"
            elif particle and particle + lemma in lex.thought:
                lemma, cls = particle + lemma, "thought"
        if cls is None and language == "de" and k > sentence_start and items[k - 1].quote is None \
                and items[k - 1].token.text.islower() and items[k - 1].token.is_word \
                and items[k - 1].token.lower not in PREPOSITIONS["de"] | {"zu", "nicht", "so", "wie"}:
            joined = items[k - 1].token.lower + lemma  # "deutlich gemacht", "bekannt geben": a verb written apart
            if joined in lex.speech or joined in lex.thought:
                cls = "speech" if joined in lex.speech else "thought"
                cues.append(_Cue(k - 1, k, joined, cls))
                k += 1
                continue
        if cls is None and language == "de" and tok.lower == "meine" and "ich" in (
                items[k - 1].token.lower if k > sentence_start else "", items[k + 1].token.lower if k + 1 < sentence_end else ""):
            lemma, cls = "meinen", "thought"  # "ich meine", "meine ich": the verb, not the possessive
        if cls is None:
            for form in (lemma, tok.lower):
                if form in lex.speech:
                    lemma, cls = form, "speech"
                    break
                if form in lex.thought:
                    lemma, cls = form, "thought"
                    break
                if form in lex.noun and language != "de":
                    lemma, cls = form, "noun"
                    break
        if cls is not None and not (language == "de" and lemma == "heißen" and k > sentence_start
                                    and items[k - 1].token.lower == "das" and k + 1 < sentence_end
                                    and items[k + 1].token.text == ",") \
                and not (language == "de" and _other_verb_de(items, k, lemma, sentence_start, sentence_end)):
            cues.append(_Cue(k, k, lemma, cls))
        k += 1
    return cues


def _other_verb_de(items, k, lemma, start, end) -> bool:
    """A German word that looks like a cue but is not one here: an attributive participle ("die vorgelegten
    Anträge"), a particle verb outside the lexicon ("Hören Sie auf", "sieht ... vor"), "bitte" as a
    politeness particle, "gehört" of "gehören zu"."""
    word = items[k].token.lower
    nxt = items[k + 1].token if k + 1 < end else None
    prev = items[k - 1].token.lower if k > start else ""
    if nxt is not None and nxt.is_word and nxt.is_cap and nxt.lower not in set(PRONOUNS["de"]) | {"sie", "ihnen", "ihr", "ihre"} \
            and re.fullmatch(r"\w+(t|en)(e|en|er|es|em)", word) and (
            re.fullmatch(r"\w*ge\w+(t|en)(e|en|er|es|em)", word) or prev in DETERMINERS["de"] | PREPOSITIONS["de"]):
        return True  # "die vorgelegten Anträge", "der geforderte Abzug"
    if nxt is not None and nxt.is_word and nxt.is_cap and nxt.lower not in set(PRONOUNS["de"]) | {"sie", "ihnen", "ihr", "ihre"} \
            and prev in DETERMINERS["de"] - {"das", "die", "der"} and re.fullmatch(r"\w+(e|en|er|es|em)", word):
        return True  # "auf den heißen Stein": a word between a determiner and its noun is an adjective
    if lemma == "heißen" and prev == "das" and not (nxt is not None and nxt.text == ":"):
        return True  # "das heißt, ...": a gloss
    if re.fullmatch(r"\w+end", word) and word != lemma and nxt is not None and not nxt.is_cap:
        return True  # "eingehend prüfen": a present participle as an adverb
    particle = _particle(items, k, end)
    if particle and not lemma.startswith(particle) and particle + lemma not in lexicon("de").speech | lexicon("de").thought:
        return True  # "Hören Sie auf", "Der Entwurf sieht vor"
    if word == "bitte" and prev != "ich" and not (nxt is not None and nxt.lower == "ich"):
        return True  # "kommen Sie bitte zum Schluss"
    c0, c1 = k, k + 1
    while c0 > start and items[c0 - 1].quote is None and items[c0 - 1].token.text not in CLAUSE_BREAK:
        c0 -= 1
    while c1 < end and items[c1].quote is None and items[c1].token.text not in CLAUSE_BREAK:
        c1 += 1
    clause = {items[x].token.lower for x in range(c0, c1)}
    if word == "gehört" and not clause & FINITE_AUX_DE and not clause & {"wie", "so"}:
        return True  # "Dazu gehört eine effektive Justiz": "gehören", not the participle of "hören"
    for verb, words in lexicon("de").needs:
        if lemma == verb and not clause & words:
            return True  # "Abstand halten" (only "für richtig halten" reports an opinion)
    if lemma == "finden" and (word.startswith("gefunden") or prev == "zu" or nxt is not None and nxt.lower == "sich"):
        return True  # "eine Lösung gefunden", "zu finden", "findet sich": finding, not judging
    return False


COPULA_DE = {"ist", "sind", "war", "waren", "wäre", "wären", "bleibt", "bleiben"}


def _stance_source(items, k, start, end) -> _Phrase | None:
    """ "Für uns ist klar: ...", "Das ist für mich zentral": "für" with the one a judgement belongs to, in a
    clause with a copula. The phrase after "für", or None when the word is no stance marker here."""
    c0, c1 = k, k + 1
    while c0 > start and items[c0 - 1].quote is None and items[c0 - 1].token.text not in CLAUSE_BREAK:
        c0 -= 1
    while c1 < end and items[c1].quote is None and items[c1].token.text not in CLAUSE_BREAK:
        c1 += 1
    if k + 1 >= c1 or not any(items[x].token.lower in COPULA_DE for x in range(c0, c1)):
        return None
    nxt = items[k + 1].token.lower
    if nxt in ("mich", "uns", "euch", "dich"):
        return _Phrase(k + 1, k + 1, None, pronoun=nxt)
    if k != c0 or not (nxt in NOMINATIVE_DET_DE or nxt in DETERMINERS["de"] or _name_word(items[k + 1], "de")):
        return None
    phrase = _np_after(items, k + 1, c1, "de")
    if phrase is None or not (phrase.name or phrase.role):
        return None
    phrase = _prefield(items, phrase, c1)
    if phrase.last + 1 < c1 and items[phrase.last + 1].token.lower in COPULA_DE:
        return phrase  # "Für die Bundesregierung ist ..."
    return None


def _particle(items: list[_Item], k: int, end: int) -> str | None:
    """The separated particle of a German verb in its clause ("teilte ... mit" -> "mit")."""
    for j in range(k + 1, min(end, k + 15)):
        t = items[j].token
        if items[j].quote is not None or t.text in (",", ";", ":", ".", "!", "?"):
            prev = items[j - 1].token.lower if j - 1 > k else ""
            return prev if prev in PARTICLES_DE else None
    last = items[min(end, k + 15) - 1].token.lower
    return last if last in PARTICLES_DE and min(end, k + 15) - 1 > k else None


def _source_marker_ok(items, k, low, language, start, end) -> bool:
    if low == "so":  # "..., so der Sprecher." : after a comma, before a noun phrase, near the sentence end
        if k == start or items[k - 1].token.text != ",":
            return False
        nxt = items[k + 1].token if k + 1 < end else None
        return nxt is not None and (nxt.lower in DETERMINERS["de"] or (nxt.is_cap and nxt.is_word)) and end - k <= 12
    if low == "pour":  # "Pour le ministre, ..." only at the start of a sentence
        return k == start and any(items[j].token.text == "," for j in range(k, min(end, k + 8)))
    if low == "zufolge":
        return k > start
    return k + 1 < end


# ---------------------------------------------------------------- noun phrases and names


@dataclass(slots=True, frozen=True)
class _Phrase:
    """Words standing for a speaker: first/last item index, and the name inside (item indices) if any."""

    first: int
    last: int
    name: tuple[int, int] | None
    pronoun: str | None = None
    definite: bool = False
    role: str | None = None


@lru_cache(maxsize=50_000)
def _is_role(word: str, language: str) -> str | None:
    """The role stem a word names ("Regierungssprecher" -> "sprecher"), or None."""
    low = word.lower().rstrip(".")
    lex = lexicon(language)
    if low in lex.titles:
        return None
    last = low.split("-")[-1]
    forms = [last]
    if language == "de":
        forms += [last[:-1], last[:-2]] if last.endswith(("s", "n", "en", "in")) else []
        if last.endswith("innen"):
            forms.append(last[:-5])
    elif language in ("en", "fr") and last.endswith("s"):
        forms.append(last[:-1])
    for form in forms:
        for stem in lex.roles:
            if form == stem or (language == "de" and form.endswith(stem) and len(stem) >= 4):
                return stem
    if low in lex.roles:
        return low
    return None


@lru_cache(maxsize=None)
def _stopwords(language: str) -> frozenset[str]:
    try:
        import stopwordsiso
    except ImportError:  # a smaller list still works
        return frozenset()
    return frozenset(stopwordsiso.stopwords(language)) if language != "en" else frozenset()


def _is_title(word: str, language: str) -> bool:
    return word.lower().rstrip(".") in lexicon(language).titles


def _name_word(item: _Item, language: str) -> bool:
    t = item.token
    if t.lower in _stopwords(language) or t.lower in SENTENCE_ADVERBS:
        return False
    return (item.quote is None and t.is_word and t.is_cap and t.text not in NON_NAMES[language]
            and not t.text.isupper() or (item.quote is None and t.is_word and t.text.isupper() and len(t.text) > 1))


def _caps_run(items, k, end, language) -> int:
    """Index after the run of capitalised words (with name particles inside) starting at k."""
    j = k
    while j < end:
        it = items[j]
        if it.quote is None and it.token.is_word and (it.token.is_cap or it.token.text[0].isdigit() and False) \
                and it.token.text not in NON_NAMES[language]:
            j += 1
            continue
        if it.quote is None and it.token.lower in NAME_PARTICLES and j + 1 < end and j > k \
                and items[j + 1].token.is_cap and items[j + 1].token.is_word:
            j += 1
            continue
        if it.quote is None and it.token.text == "." and j > k and len(items[j - 1].token.text) == 1:
            j += 1  # "John F. Kennedy"
            continue
        break
    return j


def _name_in_run(items, a, b, language) -> tuple[int, int] | None:
    """The name inside a run of capitalised words: without the role nouns and titles in front of it."""
    roles_at = [x for x in range(a, b) if _is_role(items[x].token.text, language) or _is_title(items[x].token.text, language)]
    if roles_at and roles_at[-1] + 1 < b:
        a = roles_at[-1] + 1  # "ECB President Elena Marquardt", "NATO-Generalsekretär Jens Stoltenberg"
    while a < b and (_is_role(items[a].token.text, language) or _is_title(items[a].token.text, language)
                     or items[a].token.text == "."):
        a += 1
    # a role word after the name ("Kim Jong Un Machthaber") is rare; cut at the first role word
    j = a
    while j < b and not _is_role(items[j].token.text, language):
        j += 1
    b = j
    if a >= b:
        return None
    if language == "de" and b - a == 1 and _lemma(items[a].token.text, "de") in lexicon("de").noun:
        return None
    return a, b


def _np_after(items, k, end, language, mentions=None) -> _Phrase | None:
    """The speaker phrase starting at item k ("der Sprecher des X, John Kirby", "Kirby", "er")."""
    adv = ADVERBS[language]
    while k < end and items[k].quote is None and items[k].token.lower in adv and not (
            language == "fr" and items[k].token.lower in ("elle", "lui") and False):
        k += 1
    if k >= end or items[k].quote is not None:
        return None
    tok = items[k].token
    low = tok.lower
    if low in PRONOUNS[language] or (low in RESOLVABLE and low in OBJECT_PRONOUNS[language]):
        return _Phrase(k, k, None, pronoun=low)
    det = low in DETERMINERS[language] or low in ("l'", "l’")
    lead = _role_modifiers(items, k, end, language) if not det else 0
    if det or lead or _name_word(items[k], language) or _is_role(tok.text, language) or _is_title(tok.text, language):
        j = k + 1 if det else k + lead  # "union leader Maria Lopez": the nouns before the role belong to it
        role = None
        name = None
        head_done = False  # German: after the head noun only a genitive chain may follow
        qualifier = False  # inside a genitive or "of" chain: names there qualify the role, they are not the speaker
        while j < end and items[j].quote is None:
            t = items[j].token
            if not t.is_word:
                break
            if (t.is_cap and t.text not in NON_NAMES[language]) or _is_title(t.text, language):
                if head_done and language == "de" and not qualifier:
                    break
                r = _caps_run(items, j, end, language)
                if r == j:
                    r = j + 1
                for x in range(j, r):
                    role = role or _is_role(items[x].token.text, language)
                nm = _name_in_run(items, j, r, language)
                if nm and name is None and not qualifier and not _followed_by_role(items, r, end, language):
                    name = nm
                title_only = all(_is_title(items[x].token.text, language) for x in range(j, r))
                j = r
                head_done = head_done or not title_only  # "Frau Kollegin Poschmann": the name still follows
                qualifier = False
                continue
            if language == "de":
                if head_done and t.lower in GENITIVE["de"] and j + 1 < end:
                    qualifier = True
                    j += 1
                    continue
                if (not head_done and t.text.islower() and t.lower not in DETERMINERS["de"] and t.lower not in PREPOSITIONS["de"]
                        and _lemma(t.text, "de") not in lexicon("de").speech
                        and re.search(r"(e|en|er|es|em)$", t.lower) and j + 1 < end and (
                        items[j + 1].token.is_cap or re.search(r"(e|en|er|es|em)$", items[j + 1].token.lower))):
                    j += 1  # an adjective before its noun
                    continue
                break
            # en / fr: lower-case words up to a stop word
            if t.lower in PREPOSITIONS[language] and t.lower not in GENITIVE[language]:
                break
            if t.lower in GENITIVE[language]:
                qualifier = True
                j += 1
                continue
            if qualifier and t.text.islower() and j - k < 12:
                j += 1
                continue
            if t.lower in DETERMINERS[language] or _is_role(t.text, language) \
                    or (j > k and _looks_adjective(t.lower, language)):
                role = role or _is_role(t.text, language)
                head_done = head_done or _is_role(t.text, language) is not None
                j += 1
                continue
            if det and j - k <= 4 and t.text.islower() or (det and t.text[0].isdigit()):
                if t.lower in THAT or t.lower in RELATIVES or t.lower in PASSIVE_AUX or t.lower in ADVERBS[language] \
                        or (language == "en" and t.lower.endswith(("ing", "ed")) and len(t.lower) > 4) \
                        or _lemma(t.text, language) in lexicon(language).speech:
                    break
                j += 1
                continue
            break
        last = j - 1
        if last < k or (det and last == k):
            return None
        # apposition: ", John Kirby," after a role phrase
        if name is None and j + 1 < end and items[j].token.text == ",":
            a = j + 1
            while a < end and (items[a].token.lower in DETERMINERS[language] or (
                    not items[a].token.is_cap and _is_role(items[a].token.text, language))):
                a += 1
            r = _caps_run(items, a, end, language)
            if r > a:
                nm = _name_in_run(items, a, r, language)
                if nm:
                    name, last = nm, r - 1
        # role apposition after a name: "John Kirby, Sprecher des ..." keeps the name
        if mentions:
            name = _mention_name(items, k, last, mentions) or name
        for x in range(k, last + 1):
            role = role or _is_role(items[x].token.text, language)
        return _Phrase(k, last, name, definite=det and low not in INDEFINITE, role=role)
    return None


def _role_modifiers(items, k, end, language, most: int = 2) -> int:
    """How many lower-case words at k modify a role noun right after them in English or French ("union leader",
    "fire chief", "party chief" before a name); 0 when no role follows."""
    if language == "de":
        return 0
    j = k
    while j < end and j - k < most and items[j].quote is None and items[j].token.is_word and items[j].token.text.islower() \
            and items[j].token.lower not in PREPOSITIONS[language] and items[j].token.lower not in DETERMINERS[language] \
            and items[j].token.lower not in THAT and items[j].token.lower not in ADVERBS[language] \
            and _lemma(items[j].token.text, language) not in lexicon(language).speech and not _is_role(items[j].token.text, language):
        j += 1
    if j == k or j >= end or items[j].quote is not None or not _is_role(items[j].token.text, language):
        return 0
    return j - k


def _looks_adjective(low: str, language: str) -> bool:
    if language == "en":
        return low.endswith(("an", "ese", "ish", "al", "ic", "ian", "ary", "ior", "ive", "ous")) or low in ("white", "house", "foreign", "former", "senior", "top", "deputy", "chief", "press", "national", "security", "state", "defence", "defense")
    return low.endswith(("ais", "aise", "ain", "aine", "ien", "ienne", "al", "ale", "aux", "ique", "ois", "oise", "if", "ive", "eur", "e")) and len(low) > 3


def _followed_by_role(items, r, end, language) -> bool:
    """True when a capitalised run only qualifies a role noun after it ("White House spokesman", "Rail board member")."""
    if language == "de":
        return False
    for j in range(r, min(end, r + 3)):
        t = items[j].token
        if items[j].quote is not None or not t.is_word or t.is_cap:
            return False
        if _is_role(t.text, language) is not None:
            return True
    return False


def _apposition_before(items, j, start, language) -> _Phrase | None:
    """ "the head of the association, Ulrich Brandes, said": a name between two commas before the verb."""
    if items[j].token.text != "," or j - 2 < start:
        return None
    a = j - 1
    while a > start and items[a - 1].quote is None and items[a - 1].token.text != "," and a > j - 6:
        a -= 1
    if a <= start or items[a - 1].token.text != ",":
        return None
    r = _caps_run(items, a, j, language)
    if r != j:
        return None
    name = _name_in_run(items, a, j, language)
    if name is None:
        return None
    # the phrase before the first comma, when it is a role ("the head of ...")
    head = a - 2
    while head > start and items[head - 1].quote is None and items[head - 1].token.text not in CLAUSE_BREAK:
        head -= 1
    return _Phrase(head if head < a - 1 else a, j - 1, name)


def _np_before(items, k, start, language, mentions=None) -> _Phrase | None:
    """The speaker phrase ending before the cue at item k ("Kirby sagte", "Der Sprecher, John Kirby, sagte")."""
    j = k - 1
    adv = ADVERBS[language]
    while j >= start and items[j].quote is None and items[j].token.lower in adv:
        j -= 1
    if j < start or items[j].quote is not None:
        return None
    tok = items[j].token
    if tok.lower in PRONOUNS[language]:
        return _Phrase(j, j, None, pronoun=tok.lower)
    if tok.lower in RELATIVES and j > start and items[j - 1].token.text == ",":
        return _Phrase(j, j, None, pronoun="rel")  # "..., qui a rappelé": the speaker of the clause before
    appositive = _apposition_before(items, j, start, language)
    if appositive is not None:
        return appositive
    # the clause-initial constituent: back to the clause start
    c = j
    while c > start and items[c - 1].quote is None and items[c - 1].token.text not in (",", ":", ";", "(", "–", "—") \
            and items[c - 1].token.lower not in THAT and items[c - 1].token.lower not in ("wie", "as", "comme"):
        c -= 1
    # an apposition in commas belongs to the phrase: "Der Sprecher, John Kirby, sagte"
    if c > start + 1 and items[c - 1].token.text == "," and j == c - 1:
        pass
    if tok.text == "," and j - 1 >= start and language in ("de", "en", "fr"):
        # "Putin, der am Dienstag erwartet wurde, versicherte": skip the relative clause back to its noun
        rel = j - 1
        while rel > start and items[rel].token.text != ",":
            rel -= 1
        if rel > start and rel + 1 < j and items[rel + 1].token.lower in RELATIVES:
            return _np_before(items, rel, start, language, mentions)
    if tok.text == "," and j - 1 >= start:
        # "Der Sprecher des Rates, John Kirby, sagte": skip back over the apposition to the phrase start
        c2 = j - 1
        while c2 > start and items[c2 - 1].quote is None and items[c2 - 1].token.text not in (":", ";", "(") \
                and items[c2 - 1].token.lower not in THAT:
            c2 -= 1
        c = c2
    for x in range(c, j):
        if items[x].token.text == ")":
            c = x + 1
    while c <= j and items[c].token.lower in CONJUNCTIONS | adv | {"sowohl", "weder", "both", "either", "neither"}:
        c += 1
    if c > j:
        return None
    first = items[c].token
    if first.lower in PREPOSITIONS[language] or first.lower in THAT:
        # "Am Montag sagte er" has no subject before the verb; French "Pour ..." neither
        return None
    phrase = _np_after(items, c, j + 1, language, mentions)
    if phrase is None:
        if language == "de" or not first.is_word:
            return None
        # "A ministry spokesman said": lower-case nouns up to the verb
        phrase = _Phrase(c, j if tok.text != "," else j - 1, None, definite=first.lower in ("the", "le", "la", "les", "l'"),
                         role=next((r for r in (_is_role(items[x].token.text, language) for x in range(c, j + 1)) if r), None))
    name = phrase.name
    if name is None:
        # a name anywhere in the constituent that no preposition governs
        x = phrase.last + 1 if phrase.last < j else phrase.first
        while x <= j:
            if _name_word(items[x], language) and items[x - 1].token.lower not in PREPOSITIONS[language] \
                    and items[x - 1].token.lower not in GENITIVE[language]:
                r = _caps_run(items, x, j + 1, language)
                nm = _name_in_run(items, x, r, language)
                if nm and not _followed_by_role(items, r, j + 1, language):
                    name = nm
                    break
                x = max(r, x + 1)  # an upper-case word no run starts with ("06AM") must not stall
            else:
                x += 1
    last = phrase.last if name is None or name[1] - 1 <= phrase.last else name[1] - 1
    return _Phrase(c, last, name, pronoun=phrase.pronoun, definite=phrase.definite, role=phrase.role)


def _mention_name(items, a, b, mentions: Sequence[EntityMention]) -> tuple[int, int] | None:
    lo, hi = items[a].token.start, items[b].token.end
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    for kind in ("PER", "ORG"):
        for m in inside:
            if m.type == kind:
                first = next(x for x in range(a, b + 1) if items[x].token.end > m.start)
                last = max(x for x in range(a, b + 1) if items[x].token.start < m.end)
                return first, last + 1
    return None


# ---------------------------------------------------------------- speakers


@dataclass(slots=True)
class _Speaker:
    text: str | None
    start: int | None
    end: int | None
    source: tuple[int, int] | None
    paragraph: int


def _role_table(items: list[_Item], language: str) -> list[tuple[str, int, int, int]]:
    """(role stem, name start, name end, position) for every "Präsident Wladimir Putin" / "Kirby, spokesman"."""
    table = []
    n = len(items)
    k = 0
    while k < n:
        it = items[k]
        role = _is_role(it.token.text, language) if it.quote is None and it.token.is_word else None
        if role:
            j = k + 1
            if j < n and items[j].token.text == ",":
                j += 1
            while j < n and _is_title(items[j].token.text, language):
                j += 1
            r = _caps_run(items, j, n, language)
            nm = _name_in_run(items, j, r, language) if r > j else None
            if nm is None and j < n and items[j].token.lower in GENITIVE[language]:
                # "La ministre des Affaires étrangères, Anna Berg, ...": the name in apposition after the role's complement
                at = k - 1 if k and items[k - 1].token.lower in DETERMINERS[language] else k
                phrase = _np_after(items, at, min(n, k + 16), language)
                nm = phrase.name if phrase is not None and phrase.name and phrase.name[0] > k else None
            if nm:
                table.append((role, items[nm[0]].token.start, items[nm[1] - 1].token.end, items[nm[0]].token.start))
            # "Jens Stoltenberg, NATO-Generalsekretär" / "John Kirby, the spokesman"
            b = k - 1
            while b >= 0 and items[b].token.lower in DETERMINERS[language]:
                b -= 1
            if b >= 1 and items[b].token.text == "," and _name_word(items[b - 1], language):
                e = b
                a = b - 1
                while a > 0 and _name_word(items[a - 1], language):
                    a -= 1
                nm2 = _name_in_run(items, a, e, language)
                if nm2:
                    table.append((role, items[nm2[0]].token.start, items[nm2[1] - 1].token.end, items[k].token.start))
        k += 1
    return table


def _persons(items: list[_Item], text: str, language: str, roles) -> list[_Speaker]:
    """Names of people in the text outside quotes: two or more capitalised words that no article or
    preposition governs, and names after a role noun. Pronouns may refer to them."""
    out = [_Speaker(text[s:e], s, e, None, -1) for _, s, e, _ in roles]
    n = len(items)
    k = 0
    while k < n:
        it = items[k]
        if it.quote is None and _name_word(it, language) and not _is_role(it.token.text, language):
            r = _caps_run(items, k, n, language)
            prev = items[k - 1].token.lower if k else ""
            name = _name_in_run(items, k, r, language)
            if name and name[1] - name[0] >= 2 and prev not in DETERMINERS[language] and prev not in PREPOSITIONS[language] \
                    and prev not in GENITIVE[language] and not _followed_by_role(items, r, n, language):
                s, e = items[name[0]].token.start, items[name[1] - 1].token.end
                out.append(_Speaker(text[s:e], s, e, None, -1))
            k = max(r, k + 1)
            continue
        k += 1
    # "Le ministre a rejeté ...": a definite role noun stands for the last person named with that role
    for k in range(1, n):
        it = items[k]
        role = _is_role(it.token.text, language) if it.quote is None and it.token.is_word else None
        if role and items[k - 1].token.lower in DEFINITE:
            for stem, s, e, pos in reversed(roles):
                if stem == role and pos < items[k - 1].token.start:
                    out.append(_Speaker(text[s:e], s, e, (items[k - 1].token.start, it.token.end), -1))
                    break
    surnames = {sp.text.split()[-1] for sp in out if sp.text and " " in sp.text}
    for it in items:
        if it.quote is None and it.token.text in surnames and not any(
                sp.start <= it.token.start < sp.end for sp in out):
            out.append(_Speaker(it.token.text, it.token.start, it.token.end, None, -1))
    para = {}
    for it in items:
        para.setdefault(it.token.start, it.paragraph)
    starts = sorted(para)
    import bisect

    fixed = []
    for sp in out:
        at = sp.source[0] if sp.source else sp.start
        i = bisect.bisect_right(starts, at) - 1
        fixed.append(_Speaker(sp.text, sp.start, sp.end, sp.source, para[starts[i]] if i >= 0 else 0))
    return sorted(fixed, key=lambda sp: sp.source[0] if sp.source else sp.start)


def _resolve(phrase: _Phrase, items, text, language, named: list[_Speaker], roles, paragraph: int,
             settings: QuoteSettings, persons: Sequence[_Speaker] = ()) -> _Speaker:
    source = (items[phrase.first].token.start, items[phrase.last].token.end)
    if phrase.pronoun is not None:
        if PRONOUNS[language].get(phrase.pronoun, RESOLVABLE.get(phrase.pronoun, "x")) in ("1", "2", "x", "p"):
            return _Speaker(None, None, None, source, paragraph)
        def used_at(sp: _Speaker) -> int:
            return sp.source[0] if sp.source else sp.start

        candidates = [sp for sp in named if sp.start is not None and used_at(sp) < source[0]]
        candidates += [p for p in persons if used_at(p) < source[0]]
        candidates.sort(key=used_at)
        for sp in reversed(candidates):
            if settings.pronoun_scope == "paragraph" and sp.paragraph != paragraph:
                continue
            return _Speaker(sp.text, sp.start, sp.end, source, paragraph)
        return _Speaker(None, None, None, source, paragraph)
    if phrase.name is not None:
        a, b = phrase.name
        s, e = items[a].token.start, items[b - 1].token.end
        return _Speaker(text[s:e], s, e, source, paragraph)
    if phrase.definite and phrase.role:
        for stem, s, e, pos in reversed(roles):
            if stem == phrase.role and pos < source[0]:
                return _Speaker(text[s:e], s, e, source, paragraph)
    s, e = source
    return _Speaker(text[s:e], s, e, source, paragraph)


def _speaker_at(cue: _Cue, items, s0, s1, language, mentions) -> _Phrase | None:
    """The phrase naming who speaks at a cue, in either order."""
    if cue.cls == "source":
        if cue.lemma == "zufolge":
            return _np_before(items, cue.index, s0, language, mentions) or _np_simple_before(items, cue.index, s0)
        k = cue.last + 1
        if k < s1 and items[k].token.lower in ("aus", "von", "vom", "from"):
            k += 1
        return _np_after(items, k, s1, language, mentions)
    if language == "de" and _passive(items, cue.index, s0, s1):
        # "Pjöngjang wird vorgeworfen, ...": nobody speaks unless an agent is named ("Von der AfD wurde gefragt")
        agent = _subject_de(items, cue.index, s0, s1, mentions)
        return agent if agent is not None and items[agent.first].token.lower in ("von", "vom") else None
    after = _np_after(items, cue.last + 1, s1, language, mentions)
    before = _np_before(items, cue.index, s0, language, mentions)
    if language == "de":
        prev = items[cue.index - 1] if cue.index > s0 else None
        if prev is not None and prev.token.text == "," and _closes_relative(items, cue.index - 1, s0):
            return _fronted_subject(items, cue.index - 1, s0, mentions) or before
        return _subject_de(items, cue.index, s0, s1, mentions)
    if language == "fr" and cue.index + 1 < s1 and items[cue.index + 1].token.lower in PRONOUNS["fr"]:
        return after  # "déclare-t-il"
    p = cue.index - 1
    while p > s0 and items[p].token.lower in ("a", "has", "have", "had", "avait", "ont"):
        p -= 1  # "..., a affirmé la ministre": the auxiliary sits between the comma and the verb
    prev = items[p] if p >= s0 and cue.index > s0 else None
    after_quote = prev is not None and (prev.quote is not None or (
        prev.token.text == "," and p - 1 >= s0 and items[p - 1].quote is not None))
    if prev is None or after_quote or prev.token.text == ":":
        return after or before
    if (prev.token.text == "," and after is not None and after.pronoun is None and (after.name or after.role)
            and p > s0 + 2 and _apposition_before(items, p, s0, language) is None):
        return after  # "The talks will go on, said union leader Maria Lopez": the speaker follows the verb
        # (not "Le ministre, Markus Feld, a promis une aide": there the comma closes an apposition)
    return before or after


PASSIVE_AUX = {"wird", "wurde", "werden", "wurden", "worden", "is", "was", "were", "been", "est", "été", "sont"}


def _passive(items, k, s0, s1) -> bool:
    """A participle cue with a passive auxiliary in its clause ("wird vorgeworfen")."""
    for j in range(max(s0, k - 3), min(s1, k + 2)):
        word = items[k].token.lower
        if j != k and items[j].token.lower in PASSIVE_AUX and word.endswith(("t", "en")) \
                and word != _lemma(items[k].token.text, "de"):
            return True
    return False


EVIDENCE_VERBS = {"zeigen", "beweisen", "belegen", "verdeutlichen", "aufzeigen", "offenbaren",
                  "erkennen", "nachweisen", "show", "prove", "montrer", "prouver"}
FOCUS_PARTICLES = {"auch", "sogar", "selbst", "gerade", "nur"}
SUBJECT_PRONOUNS_DE = {"ich", "du", "er", "sie", "wir", "ihr", "man", "jeder", "keiner", "niemand", "einige",
                       "andere", "alle", "viele", "manche", "wer", "jemand", "beide"}
FINITE_AUX_DE = {"hat", "haben", "hatte", "hatten", "habe", "hätte", "hätten", "wird", "werden", "wurde", "wurden",
                 "will", "wollen", "wollte", "wollten", "muss", "müssen", "musste", "kann", "können", "konnte",
                 "soll", "sollen", "sollte", "sollten", "möchte", "möchten", "darf", "dürfen", "ist", "sind", "war",
                 "waren", "würde", "würden", "habt", "hast", "wirst", "willst", "kannst", "musst", "sollte", "mag",
                 "könnte", "könnten", "müsste", "müssten", "dürfte", "dürften"}
NOT_SUBJECT_DE = {"das", "dies", "dass", "es", "was", "dem", "den", "einem", "einen", "dessen", "deren", "diesen",
                  "jenen", "meinen", "seinen", "ihren", "unseren", "meinem", "seinem", "ihrem", "unserem", "ihm", "ihn", "ihnen", "mir",
                  "mich", "uns", "euch", "dir", "dich", "diesem", "diesen", "darauf", "darüber", "davon", "dazu",
                  "damit", "dafür", "hier", "da", "so", "nicht", "deshalb", "deswegen", "daher", "jetzt", "heute"}
CLAUSE_BREAK = {",", ";", ":", "(", ")", "–", "—", "-", ".", "!", "?"}


VOCATIVE_DE = {"liebe", "lieber", "liebes", "sehr", "verehrte", "verehrter", "werte", "werter", "geehrte", "geehrter",
               "meine", "herr", "frau", "kollege", "kollegin", "kolleginnen"}


def _subject_de(items, k, s0, s1, mentions=None) -> _Phrase | None:
    """The subject of a German speech verb; a parenthesis ("- das wissen Sie -") or an address (", liebe Kollegen,")
    that splits the verb's clause is looked through."""
    phrase = _subject_de_clause(items, k, s0, s1, mentions)
    if phrase is not None:
        return phrase
    cut = _parenthesis_before(items, k, s0)
    if cut is None:
        return None
    a, b = cut
    index = list(range(s0, a)) + list(range(b + 1, s1))
    view = [items[x] for x in index]
    phrase = _subject_de_clause(view, index.index(k), 0, len(view), mentions)
    if phrase is None:
        return None
    name = (index[phrase.name[0]], index[phrase.name[1] - 1] + 1) if phrase.name else None
    return _Phrase(index[phrase.first], index[phrase.last], name, pronoun=phrase.pronoun, definite=phrase.definite,
                   role=phrase.role)


def _modified_noun(items, a, end) -> _Phrase | None:
    """ "verschiedenen Vertretern", "meiner Fraktion": a noun after a possessive or adjectives, without an article."""
    j = a
    while j < end and items[j].quote is None and items[j].token.text.islower() and (
            items[j].token.lower in POSSESSIVES_DE or re.fullmatch(r"\w+(e|en|er|es|em)", items[j].token.lower)):
        j += 1
    if j == a or j >= end or items[j].quote is not None or not (items[j].token.is_cap and items[j].token.is_word):
        return None
    return _Phrase(a, j, None)


def _truncation(items, j) -> bool:
    """ "Mobilitäts- und Pkw-Bereich": a hyphen glued to the word before it cuts a compound, not a clause."""
    return items[j].token.text == "-" and j > 0 and items[j - 1].token.end == items[j].token.start \
        and items[j - 1].token.is_word


def _parenthesis_before(items, k, s0) -> tuple[int, int] | None:
    """Item range of a parenthesis in dashes or an address in commas right before the clause of item k."""
    p = k - 1
    while p > s0 and items[p].quote is None and items[p].token.text not in CLAUSE_BREAK:
        p -= 1
    if p <= s0 or items[p].token.text not in ("-", "–", "—", ","):
        return None
    q = p - 1
    while q > s0 and items[q].token.text != items[p].token.text and items[q].quote is None:
        q -= 1
    if q <= s0 or items[q].token.text != items[p].token.text or q + 1 >= p:
        return None
    if items[p].token.text == "," and items[q + 1].token.lower not in VOCATIVE_DE:
        return None
    return q, p


def _subject_de_clause(items, k, s0, s1, mentions=None) -> _Phrase | None:
    """The subject of a German speech verb: a pronoun next to it, the clause's first phrase, or the phrase after
    the finite verb ("Am Montag sagte Kirby", "Merkel hat ... gesagt", "die sagen:")."""
    c0 = k
    while c0 > s0 and items[c0 - 1].quote is None and (items[c0 - 1].token.text not in CLAUSE_BREAK or _truncation(items, c0 - 1)):
        c0 -= 1
    c1 = k + 1
    while c1 < s1 and items[c1].quote is None and items[c1].token.text not in CLAUSE_BREAK:
        c1 += 1
    adv = ADVERBS["de"]
    if k + 2 < c1 and items[k + 1].token.lower == "sie" and items[k + 2].token.lower in ("mir", "uns") \
            and (k == c0 or items[k - 1].token.lower in ("bitte", "doch")):
        return _Phrase(k + 2, k + 2, None, pronoun=items[k + 2].token.lower)  # "Glauben Sie mir": the speaker asks
    for x in range(c0, k - 1):  # "Lassen Sie mich ... sagen": the speaker is "mich"
        if items[x].token.lower in ("lassen", "lass", "laßt", "lasst") and items[x + 1].token.lower == "sie" \
                and x + 2 < k and items[x + 2].token.lower in ("mich", "uns"):
            return _Phrase(x + 2, x + 2, None, pronoun=items[x + 2].token.lower)
    if c0 > s0 + 1 and items[c0 - 1].token.text == "," and (c0 == k or items[c0].token.lower in FINITE_AUX_DE):
        after = c0 + 1
        while after < c1 and items[after].token.lower in adv:
            after += 1
        if not (after < c1 and items[after].token.lower in SUBJECT_PRONOUNS_DE):
            fronted = _fronted_subject(items, c0 - 1, s0, mentions)
            if fronted is not None:
                return fronted
        # "der Obmann der SPD, Kollege Binding, hat sich geäußert": the subject stands before the commas
        appositive = _apposition_before(items, c0 - 1, s0, "de")
        if appositive is not None and c0 < k:
            return appositive
    if c0 == k and c0 > s0:
        appositive = _apposition_before(items, c0 - 1, s0, "de")
        if appositive is not None:
            return appositive
    if c0 < k and items[c0].token.lower in SUBJECT_PRONOUNS_DE and items[c0].token.lower != "sie" \
            and not _quantifier_with_noun(items, c0, k):
        return _Phrase(c0, c0, None, pronoun=items[c0].token.lower)  # "Wir fordern Sie auf"
    if (k > s0 and items[k - 1].token.lower == "zu") or re.fullmatch(r"(an|auf|aus|bei|ein|mit|vor|dar|hin|zurück)zu\w+en", items[k].token.lower):
        # "Kein Anwalt wird es wagen, ... zu antworten": the subject of the clause that governs it
        if c0 > s0:
            head = s0
            while head < c0 and items[head].token.lower in adv | CONJUNCTIONS:
                head += 1
            if items[head].token.lower in SUBJECT_PRONOUNS_DE:
                return _Phrase(head, head, None, pronoun=items[head].token.lower)
            phrase = _np_after(items, head, c0, "de", mentions)
            if phrase is not None and phrase.last + 1 < c0 and items[phrase.last + 1].token.lower in FINITE_AUX_DE:
                return phrase
        return None
    # a pronoun right after the verb ("sage ich", "wissen auch wir")
    j = k + 1
    while j < c1 and items[j].token.lower in adv:
        j += 1
    if j < c1 and items[j].token.lower in SUBJECT_PRONOUNS_DE:
        return _Phrase(j, j, None, pronoun=items[j].token.lower)
    first = c0
    while first < k and items[first].token.lower in ("sowohl", "weder", "auch", "nur"):
        first += 1
    subordinate = False
    if first < k and items[first].token.lower in THAT | {"wie", "wenn", "weil", "als", "ob", "da", "und", "aber", "denn",
                                                        "doch", "sondern", "oder", "wobei", "obwohl", "während",
                                                        "nachdem", "bevor", "sofern", "falls", "zumal", "indem"}:
        subordinate = items[first].token.lower not in ("und", "aber", "denn", "doch", "sondern", "oder")
        first += 1
        while first < k and items[first].token.lower in adv:
            first += 1
    # a passive with its agent: "wie von Ihnen vorgeschlagen", "ist von meinem Kollegen gesagt worden"
    word = items[k].token.lower
    participle = word != _lemma(items[k].token.text, "de") and re.match(r"^(\w*ge\w+(t|en)|(be|er|ver|ent|zer)\w+(t|en)|\w+iert)$", word)
    if participle and any(items[y].token.lower in ("hat", "haben", "hatte", "hatten", "habe", "hätte", "hätten")
                          for y in range(c0, k)):
        participle = None  # "Sie hat von einer Schicksalsfrage gesprochen": active, "von" is no agent
    for x in range(c0, k):
        if not participle:
            break
        if items[x].token.lower in ("von", "vom") and x + 1 < k:
            nxt = items[x + 1].token.lower
            if nxt in SUBJECT_PRONOUNS_DE | {"ihnen", "ihm", "mir", "uns"}:
                return _Phrase(x, x + 1, None)
            phrase = _np_after(items, x + 1, k, "de", mentions) or _modified_noun(items, x + 1, k)
            passive = any(items[y].token.lower in PASSIVE_AUX for y in range(c0, min(s1, k + 2)))
            if phrase is not None and (passive or phrase.name or phrase.role or nxt in ("meinem", "meiner", "seinem", "ihrem")):
                return _coordinated(items, _Phrase(x, phrase.last, phrase.name, role=phrase.role), k, mentions)
    # "das muss man zugeben": a pronoun right after the finite verb of the clause
    for x in range(c0, k):
        if items[x].token.lower in FINITE_AUX_DE and x + 1 < k and items[x + 1].token.lower in SUBJECT_PRONOUNS_DE \
                and not _quantifier_with_noun(items, x + 1, k) and items[c0].token.lower not in SUBJECT_PRONOUNS_DE:
            return _Phrase(x + 1, x + 1, None, pronoun=items[x + 1].token.lower)
    # a relative pronoun opens the clause ("..., die sagen:")
    if first < k and first == c0 and c0 > s0 and items[first].token.lower in RELATIVES and items[c0 - 1].token.text == "," \
            and items[first + 1].token.lower not in FINITE_AUX_DE:  # ", das kann ...": a main clause, not a relative one
        for x in range(first + 1, k):
            if items[x].token.lower in SUBJECT_PRONOUNS_DE:
                return _Phrase(x, x, None, pronoun=items[x].token.lower)  # "..., die Sie vorgeworfen haben"
        inner = _clause_subject(items, first + 1, k, mentions)
        if inner is not None and items[first].token.lower not in OBJECT_WH_DE and (
                items[inner.first].token.lower in ("die", "den", "dem") or not _singular_verb(items, k, s1)):
            inner = None  # ", die die Regierung kritisieren": the relative pronoun may be the subject itself
        if inner is not None:
            return inner  # "..., den die Fraktion eingebracht hat": the relative pronoun is the object
        return _Phrase(first, first, None, pronoun="rel")
    if first < k and first == c0 and items[first].token.lower in OBJECT_WH_DE:
        inner = _clause_subject(items, first + 1, k, mentions)
        if inner is not None:
            return inner  # "..., was der Kollege gesagt hat"
    if first < k and items[first].token.is_cap and re.search(r"(ig|lich|isch|los|bar|sam|weise)$", items[first].token.lower) \
            and first + 1 <= k and not items[first + 1].token.is_cap:
        first_is_adverb = True  # "Unabhängig davon hat ...": an adverbial, not the subject
    elif subordinate and first + 1 == k and first > c0 and items[first - 1].token.lower == "als" \
            and items[first].token.is_cap and re.search(r"(e|er|es)$", items[first].token.lower):
        first_is_adverb = True  # "Als Nächste spricht ...": "als" with a nominalised ordinal opens a main clause
        subordinate = False
    else:
        first_is_adverb = False
    if first < k and not first_is_adverb:
        t = items[first].token
        if t.lower in SUBJECT_PRONOUNS_DE and not _quantifier_with_noun(items, first, k):
            return _Phrase(first, first, None, pronoun=t.lower)
        if t.lower not in PREPOSITIONS["de"] and t.lower not in NOT_SUBJECT_DE or _name_word(items[first], "de"):
            phrase = _np_after(items, first, s1, "de", mentions)
            if phrase is not None and phrase.last < k:
                return phrase if subordinate else _prefield(items, phrase, k)
    # the phrase after the finite verb: the cue itself, or an auxiliary before it
    finite = [x for x in range(first, k) if items[x].token.lower in FINITE_AUX_DE]
    start = finite[0] + 1 if finite else k + 1
    while start < s1 and items[start].token.lower in adv:
        start += 1
    if first_is_adverb and start + 1 < s1 and items[start].token.lower in ("für", "von"):
        pp = _np_after(items, start + 1, s1, "de", mentions)  # "spricht für die Fraktion X der Kollege Y"
        if pp is not None:
            start = pp.last + 1
            j = start  # "für die Fraktion Die Linke die Kollegin ...": the name of the group belongs to the PP
            while j < min(s1, start + 5) and (items[j].token.is_cap or items[j].token.text in ("/", "-")
                                              or items[j].token.text.isdigit()):
                j += 1
            if j > start and j < s1 and items[j].token.text in ("der", "die", "das"):
                start = j
    if start < s1 and items[start].token.lower in SUBJECT_PRONOUNS_DE:
        return _Phrase(start, start, None, pronoun=items[start].token.lower)
    if start < s1 and (items[start].token.lower in ("der", "die", "das", "kein", "keine", "ein", "eine", "sein", "seine", "ihr", "ihre",
                                                     "unser", "unsere", "mein", "meine")
                       or _name_word(items[start], "de") or _is_role(items[start].token.text, "de")):
        phrase = _np_after(items, start, s1, "de", mentions)
        if phrase is not None:
            return _coordinated(items, phrase, s1, mentions)
    # a verb-final clause: its subject follows the conjunction and the pronouns before it ("wie es X gesagt hat")
    if subordinate:
        inner = _clause_subject(items, first, k, mentions)
        if inner is not None:
            return inner
    elif start < c1:  # "Leider glaubt uns bald kein Mensch mehr": after the finite verb, its pronoun objects and adverbs
        inner = _clause_subject(items, start, c1, mentions)
        if inner is not None:
            return _coordinated(items, inner, c1, mentions)
    # any subject pronoun left in the clause, nearest first ("Was sie damit meint")
    for x in range(k - 1, c0 - 1, -1):
        if items[x].token.lower in SUBJECT_PRONOUNS_DE:
            return _Phrase(x, x, None, pronoun=items[x].token.lower)
    return None


QUANTIFIERS_DE = {"viele", "einige", "alle", "manche", "beide", "jeder", "jede", "keiner", "andere", "mehrere"}
PREFIELD_WORDS_DE = {"und", "sowie", "oder", "hier", "dort", "selbst", "/", "-"}


SKIPPED_IN_CLAUSE_DE = {"es", "ihn", "ihm", "ihnen", "mir", "mich", "uns", "euch", "dir", "dich", "das", "dies", "damit",
                        "darüber", "dazu", "davon", "darauf", "dafür", "hier", "da", "dort", "so", "ganz", "gerade",
                        "eben", "soeben", "immer", "nicht", "ja", "doch", "wohl", "nur", "schon", "sehr", "einmal", "mal"}
OBJECT_WH_DE = {"was", "den", "dem", "denen", "wen", "wem", "worüber", "wovon", "woran", "womit", "wofür", "wozu",
               "worauf", "wonach", "wogegen", "wodurch"}
NOMINATIVE_DET_DE = {"der", "die", "das", "ein", "eine", "kein", "keine", "mein", "meine", "sein", "seine", "ihr", "ihre",
                     "unser", "unsere", "dieser", "diese", "dieses", "jeder", "jede", "alle", "viele", "einige", "manche"}


def _clause_subject(items, a, k, mentions=None) -> _Phrase | None:
    """The subject right after a clause's object pronoun: a noun phrase with a nominative determiner or a name."""
    while a < k and (items[a].token.lower in ADVERBS["de"] or items[a].token.lower in SKIPPED_IN_CLAUSE_DE) and not (
            items[a].token.lower == "das" and a + 1 < k and items[a + 1].token.is_cap):  # "das Gericht" is a phrase
        a += 1
    if a >= k or items[a].quote is not None:
        return None
    t = items[a].token
    if t.lower in SUBJECT_PRONOUNS_DE - {"ihr"} and not _quantifier_with_noun(items, a, k):
        return _Phrase(a, a, None, pronoun=t.lower)
    if t.lower in NOMINATIVE_DET_DE or _name_word(items[a], "de") or _is_title(t.text, "de") or t.lower in QUANTIFIERS_DE:
        phrase = _np_after(items, a, k, "de", mentions)
        if phrase is not None and phrase.last < k and (phrase.last > a or _name_word(items[a], "de")):
            return phrase
    return None


def _fronted_subject(items, comma, s0, mentions=None) -> _Phrase | None:
    """The first constituent of a clause whose finite verb follows a comma: a subject with its relative clause or
    apposition ("Jeder, der das Thema kennt, weiß ...", "Die Ministerin, Frau Berg, schrieb ...") or a clause with
    "wer" ("Wer das sagt, irrt")."""
    start = comma
    while start > s0 and items[start - 1].quote is None and items[start - 1].token.text not in (":", ";", "(", ")", "–", "—"):
        start -= 1
    while start < comma and (items[start].token.lower in ("und", "aber", "denn", "doch") or not items[start].token.is_word):
        start += 1
    if start < comma and items[start].token.lower == "wer":
        return _Phrase(start, comma - 1, None)
    commas = [x for x in range(start, comma) if items[x].token.text == ","]
    if start >= comma or not commas:
        return None
    head_end = commas[0]  # the first segment: the head
    t = items[start].token
    if (t.lower in SUBJECT_PRONOUNS_DE and not _quantifier_with_noun(items, start, head_end)) or t.lower == "die" and head_end == start + 1:
        if head_end != start + 1:
            return None
        phrase = _Phrase(start, start, None, pronoun=t.lower)
    else:
        if t.lower in PREPOSITIONS["de"] or t.lower in NOT_SUBJECT_DE or t.lower in THAT:
            return None
        phrase = _np_after(items, start, head_end, "de", mentions)
        if phrase is not None and phrase.last < head_end - 1:
            phrase = _prefield(items, phrase, head_end)  # "Die Gesellschaft für Pneumologie, in der ..."
        if phrase is None or phrase.last != head_end - 1:
            return None
    nxt = items[head_end + 1].token
    relatives = RELATIVES | {"dem", "den", "denen", "deren", "dessen"}
    relative = nxt.lower in relatives or (nxt.lower in PREPOSITIONS["de"] and head_end + 2 < comma
                                          and items[head_end + 2].token.lower in relatives)
    if not relative:
        # an apposition: capitalised words only, up to the comma before the verb
        if len(commas) != 1 or not all(items[x].token.is_cap or items[x].token.lower in NAME_PARTICLES
                                       or items[x].token.lower in DETERMINERS["de"] or items[x].token.text == "."
                                       for x in range(head_end + 1, comma)):
            return None
    name = phrase.name
    return _Phrase(start, comma - 1, name, pronoun=phrase.pronoun, definite=phrase.definite, role=phrase.role)


def _coordinated(items, phrase: _Phrase, end, mentions=None) -> _Phrase:
    """ "von Russland und den USA", "die Union und die SPD": a phrase with the phrases joined to it by "und"."""
    j = phrase.last + 1
    while j + 1 < end and items[j].token.lower in ("und", "sowie", "oder") and (
            items[j + 1].token.lower in NOMINATIVE_DET_DE | DETERMINERS["de"] or _name_word(items[j + 1], "de")
            or _is_title(items[j + 1].token.text, "de") or _is_role(items[j + 1].token.text, "de")):
        more = _np_after(items, j + 1, end, "de", mentions)
        if more is None or more.last >= end:
            break
        phrase = _Phrase(phrase.first, more.last, phrase.name, pronoun=phrase.pronoun, definite=phrase.definite,
                         role=phrase.role)
        j = more.last + 1
    return phrase


def _singular_verb(items, k, s1) -> bool:
    """The finite verb of a verb-final clause at cue k is third person singular ("gesagt hat", "meint")."""
    verb = items[k + 1].token.lower if k + 1 < s1 and items[k + 1].token.lower in FINITE_AUX_DE else items[k].token.lower
    return verb in ("hat", "hatte", "ist", "war", "wird", "wurde", "will", "kann", "muss", "soll", "möchte", "würde") \
        or (verb == items[k].token.lower and verb.endswith("t") and not verb.endswith("en"))


def _quantifier_with_noun(items, x, end) -> bool:
    """ "Viele Bürger", "alle nationalen Parlamente": a quantifier that determines a noun, not a pronoun."""
    if items[x].token.lower not in QUANTIFIERS_DE or x + 1 >= end:
        return False
    nxt = items[x + 1].token
    return nxt.is_word and (nxt.is_cap and nxt.lower != "sie" or re.search(r"(e|en|er)$", nxt.lower) is not None
                            and x + 2 < end and items[x + 2].token.is_cap)


def _prefield(items, phrase: _Phrase, k) -> _Phrase:
    """The whole first constituent of a main clause, before its finite verb: a subject there takes its
    modifiers and conjuncts with it ("Die Menschen im Land erwarten", "Union und SPD haben festgehalten")."""
    f = phrase.last + 1
    while f < k and items[f].token.lower not in FINITE_AUX_DE:
        t = items[f].token
        if items[f].quote is not None or not (
                t.is_cap or t.text[0].isdigit() or t.lower in PREFIELD_WORDS_DE or t.lower in PREPOSITIONS["de"]
                or t.lower in DETERMINERS["de"] or t.lower in QUANTIFIERS_DE
                or (re.search(r"(e|en|er|es|em)$", t.lower) and f + 1 < k and items[f + 1].token.is_cap)):
            return phrase
        f += 1
    if f == phrase.last + 1 or items[f - 1].token.lower in PREPOSITIONS["de"] | DETERMINERS["de"] | PREFIELD_WORDS_DE - {"hier", "dort", "selbst"}:
        return phrase
    return _Phrase(phrase.first, f - 1, phrase.name, pronoun=phrase.pronoun, definite=phrase.definite, role=phrase.role)


def _closes_relative(items, comma, s0) -> bool:
    """True when the comma at item `comma` closes a relative clause ("Putin, der ..., versicherte")."""
    j = comma - 1
    while j > s0 and items[j].token.text != ",":
        j -= 1
    return j > s0 and items[j + 1].token.lower in RELATIVES and items[j - 1].token.is_cap


def _np_simple_before(items, k, start) -> _Phrase | None:
    j = k - 1
    if j >= start and items[j].token.is_word:
        return _Phrase(j, j, None, pronoun=items[j].token.lower if items[j].token.lower in ("ihm", "ihr", "ihnen") else None)
    return None


# ---------------------------------------------------------------- the public functions


def find_speech_events(text: str, language: str, mentions: Sequence[EntityMention] | None = None) -> list[SpeechEvent]:
    """Every speech cue in `text` (verbs of saying and thinking, speech-event nouns, source markers)
    with the words that stand for its source as written, or None."""
    settings = QuoteSettings()
    items = _items(text, language, settings)
    events = []
    for s0, s1 in _sentences(items):
        for cue in _find_cues(items, language, s0, s1):
            if cue.cls == "noun":
                phrase = _noun_source(items, cue.index, s0, s1, language)
            elif cue.cls == "stance":
                phrase = _stance_source(items, cue.index, s0, s1)
            elif cue.lemma in ("lauten", "heißen"):
                phrase = None  # "Die Antwort lautete: ...": the subject is the message, not its source
            elif cue.lemma in EVIDENCE_VERBS:
                # "Die Konferenz hat gezeigt, ...": things show and prove; only people are sources
                phrase = _speaker_at(cue, items, s0, s1, language, mentions)
                if phrase is not None and not (phrase.pronoun in PRONOUNS.get(language, {}) or phrase.role
                                               or (phrase.name and not phrase.definite)):
                    phrase = None
            elif language == "de" and cue.lemma in lexicon("de").perception:
                phrase = _heard_from(items, cue.index, s0, s1)  # "Wir hören von der Ministerin": who is heard
            elif language == "de" and cue.lemma in lexicon("de").experiencer and _experiencer(items, cue.index, s0, s1):
                phrase = _experiencer(items, cue.index, s0, s1)  # "Mich wundert, dass ...": the one it happens to
            else:
                phrase = _speaker_at(cue, items, s0, s1, language, mentions)
                if phrase is None and cue.index > s0 and items[cue.index - 1].token.lower in CONJUNCTIONS:
                    previous = [e for e in events if e.cue_start >= items[s0].token.start and e.source_start is not None]
                    if previous:
                        phrase = (previous[-1].source_start, previous[-1].source_end)
            c0, c1 = items[cue.index].token.start, items[cue.last].token.end
            if phrase is None:
                events.append(SpeechEvent(c0, c1, text[c0:c1], cue.cls, None, None))
            elif isinstance(phrase, tuple):
                events.append(SpeechEvent(c0, c1, text[c0:c1], cue.cls, phrase[0], phrase[1]))
            else:
                first, last = phrase.first, phrase.last
                if first > s0 and items[first - 1].token.lower in FOCUS_PARTICLES and language == "de":
                    first -= 1  # "auch der Vorsitzende", "sogar die Kollegen"
                if phrase.pronoun and last + 1 < s1 and items[last + 1].token.lower in ("alle", "beide", "selbst"):
                    last += 1  # "Sie alle"
                if language == "de" and last + 2 < s1 and items[last + 1].token.lower in ("als", "von") and (
                        phrase.pronoun or items[first].token.lower in SUBJECT_PRONOUNS_DE or last > cue.index):
                    end = cue.index if last < cue.index else s1
                    more = _np_after(items, last + 2, end, language) if items[last + 2].token.lower not in (
                        "ihnen", "uns", "euch") else _Phrase(last + 2, last + 2, None)
                    if more is not None and more.last < end and (items[last + 1].token.lower == "als" or (
                            more.last + 1 == cue.index or items[more.last + 1].token.lower in FINITE_AUX_DE)):
                        last = more.last  # "Wir als AfD", "Viele von Ihnen haben", not "sprach er von Fake News"
                if language == "de" and phrase.pronoun in ("wir", "ihr") and last == first and last + 2 < s1 \
                        and items[last + 1].token.is_cap and items[last + 1].token.is_word \
                        and items[last + 1].token.lower not in set(PRONOUNS["de"]) | {"sie", "ihnen"} \
                        and (last + 2 == cue.index or items[last + 2].token.lower in FINITE_AUX_DE):
                    last += 1  # "Wir Grüne fordern"
                if language == "de" and phrase.pronoun == "sie" and items[first].token.text == "Sie" \
                        and last + 2 < s1 and items[last + 1].token.text == "," \
                        and items[last + 2].token.lower in VOCATIVE_DE - {"meine", "sehr"}:
                    close = next((x for x in range(last + 2, min(s1, last + 10)) if items[x].token.text in CLAUSE_BREAK), None)
                    if close is not None and items[close].token.text == ",":
                        last = close - 1  # "Sie, Frau Ministerin, haben ...": the address names who "Sie" is
                a, b = items[first].token.start, items[last].token.end
                events.append(SpeechEvent(c0, c1, text[c0:c1], cue.cls, a, b))
    return events


POSSESSIVES_DE = {"mein", "meine", "meinem", "meinen", "meiner", "meines", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres",
                  "sein", "seine", "seinem", "seinen", "seiner", "seines", "unser", "unsere", "unserem", "unseren",
                  "unserer", "unseres", "euer", "eure", "deren", "dessen"}


def _heard_from(items, k, s0, s1) -> _Phrase | None:
    """The source of a verb of hearing or reading is who is heard or read: its "von"/"aus" phrase, never the listener."""
    c0, c1 = k, k + 1
    while c0 > s0 and items[c0 - 1].quote is None and items[c0 - 1].token.text not in CLAUSE_BREAK:
        c0 -= 1
    while c1 < s1 and items[c1].quote is None and items[c1].token.text not in CLAUSE_BREAK:
        c1 += 1
    for x in range(c0, c1 - 1):
        if items[x].token.lower in ("von", "vom", "aus") and x != k:
            nxt = items[x + 1].token.lower
            if nxt in ("ihnen", "ihm", "ihr", "mir", "uns", "euch", "dir"):
                return _Phrase(x, x + 1, None)
            phrase = _np_after(items, x + 1, c1, "de") or _modified_noun(items, x + 1, c1)
            if phrase is not None:
                return _coordinated(items, _Phrase(x, phrase.last, phrase.name, role=phrase.role), c1)
    return None


def _experiencer(items, k, s0, s1) -> _Phrase | None:
    """The accusative pronoun of a verb whose subject is the cause ("Das hat mich verwundert"), if its clause has one."""
    c0, c1 = k, k + 1
    while c0 > s0 and items[c0 - 1].quote is None and items[c0 - 1].token.text not in CLAUSE_BREAK:
        c0 -= 1
    while c1 < s1 and items[c1].quote is None and items[c1].token.text not in CLAUSE_BREAK:
        c1 += 1
    clause = range(c0, c1)
    if any(items[x].token.lower in ("sich", "ich", "wir", "du") for x in clause):
        return None  # "Das Kind freut sich", "Ich freue mich": reflexive, the subject feels it
    x = next((x for x in clause if items[x].token.lower in ("mich", "uns", "dich", "euch")), None)
    return _Phrase(x, x, None, pronoun=items[x].token.lower) if x is not None else None


def _noun_source(items, k, s0, s1, language):
    """Source of a speech-event noun: a possessive before it ("ihrem Antrag") or a genitive after it."""
    if k > s0 and items[k - 1].token.lower in POSSESSIVES_DE:
        t = items[k - 1].token
        return (t.start, t.end)
    if k + 2 < s1 and items[k + 1].token.lower in ("der", "des"):
        phrase = _np_after(items, k + 1, s1, language)
        if phrase is not None and (phrase.role or phrase.name):  # "Antrag der AfD", not "Frage des Ob"
            if language == "de":
                phrase = _coordinated(items, phrase, s1)  # "Antrag der Grünen und der Linken"
            return (items[k + 1].token.start, items[phrase.last].token.end)
        return None
    if k + 2 < s1 and items[k + 1].token.lower in ("von", "vom", "aus"):
        j = k + 2
        if items[j].token.lower in SUBJECT_PRONOUNS_DE | {"ihnen", "ihm", "mir", "uns"}:
            return (items[k + 1].token.start, items[j].token.end)
        phrase = _np_after(items, j, s1, language)
        if phrase is not None and (phrase.name or phrase.role or items[k + 1].token.lower == "aus"):
            if language == "de":
                phrase = _coordinated(items, phrase, s1)  # "Anträge von AfD und FDP"
            return (items[k + 1].token.start, items[phrase.last].token.end)
    if language == "de":
        return _support_verb_subject(items, k, s0, s1)
    return None


def _support_verb_subject(items, k, s0, s1) -> _Phrase | None:
    """ "Wir haben eine Debatte geführt", "Sie sollten sich Gedanken machen": a speech noun as the object of a
    support verb (data/quotes/de.txt, class support) has the verb's subject as its source."""
    support = lexicon("de").support
    noun = _lemma(items[k].token.text, "de")
    c0 = k
    while c0 > s0 and items[c0 - 1].quote is None and items[c0 - 1].token.text not in CLAUSE_BREAK:
        c0 -= 1
    c1 = k + 1
    while c1 < s1 and items[c1].quote is None and items[c1].token.text not in CLAUSE_BREAK:
        c1 += 1
    for v in range(c0, c1):
        t = items[v].token
        if v == k or not t.is_word or t.is_cap and v != c0:
            continue
        if v > c0 and items[v - 1].token.lower == "zu" or re.fullmatch(r"(an|auf|aus|bei|ein|mit|vor|dar)zu\w+en", t.lower):
            return None  # "..., Anträge zu stellen": an infinitive has no subject of its own
        lemma = _lemma(t.text, "de")
        particle = _particle(items, v, s1) if v < k else None
        verb = next((f for f in ((particle + lemma) if particle else None, lemma, t.lower) if f in support), None)
        if verb is not None and (not support[verb] or noun in support[verb]):
            phrase = _subject_de(items, v, s0, s1)
            if phrase is None or phrase.first <= k <= phrase.last:
                return None  # "Die Debatte wird geführt": the noun is the subject itself
            return phrase
    return None


def _sentences(items: list[_Item]) -> list[tuple[int, int]]:
    spans = []
    k = 0
    while k < len(items):
        j = k
        while j < len(items) and items[j].sentence == items[k].sentence:
            j += 1
        spans.append((k, j))
        k = j
    return spans


def find_quotes(text: str, language: str, settings: QuoteSettings = QuoteSettings(),
                mentions: Sequence[EntityMention] | None = None) -> list[QuoteMention]:
    """Direct and indirect quotes of one article with cue and speaker, in text order.

    `mentions` (optional) are entity mentions from NER; inside an attribution phrase a PER
    (else ORG) mention is taken as the speaker's name instead of the capitalisation rules.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    items = _items(text, language, settings)
    roles = _role_table(items, language)
    persons = _persons(items, text, language, roles)
    named: list[_Speaker] = []
    running: dict[int, _Speaker] = {}  # the last named speaker of each paragraph
    cued: set[int] = set()  # paragraphs with a speech cue so far
    out: list[QuoteMention] = []
    for s0, s1 in _sentences(items):
        paragraph = items[s0].paragraph
        cues = _attribution_cues(items, language, s0, s1)
        # every cue's speaker, in text order, so that a pronoun can find a name before it
        speakers: dict[int, _Speaker] = {}
        done: list[tuple[int, _Speaker]] = []
        for cue in cues:
            sp = _speaker_for_cue(cue, items, text, s0, s1, language, mentions, named, roles, paragraph,
                                  settings, done, persons)
            speakers[cue.index] = sp
            done.append((items[cue.index].token.start, sp))
            if sp.text is not None:
                named.append(sp)
        kept: list[tuple[int, _Cue | None]] = []
        for k in range(s0, s1):
            q = items[k].quote
            if q is None:
                continue
            inner = text[q.inner[0]: q.inner[1]]
            if q.words < settings.min_words or (_looks_like_title(inner, language) and len(q.parts) == 1):
                continue
            cue = _cue_for_quote(items, k, cues, settings)
            if cue is None and q.words < settings.unattributed_min_words and _headline_speaker(items, k, s0, language) is None:
                continue
            kept.append((k, cue))
        kept = _join_parts(items, kept)
        found: list[tuple[int, _Cue | None, _Speaker | None, tuple[tuple[int, int], ...], str]] = []
        for k, cue in kept:
            q = items[k].quote
            if cue is not None:
                speaker = speakers[cue.index]
            else:
                speaker = None
                head = _headline_speaker(items, k, s0, language)
                if head is not None:
                    speaker = _resolve(head, items, text, language, named, roles, paragraph, settings, persons)
                elif settings.carry_speaker:
                    carried = running.get(paragraph)
                    if carried is None and paragraph not in cued and not cues:
                        carried = running.get(paragraph - 1)
                    if carried is not None:
                        speaker = _Speaker(carried.text, carried.start, carried.end, None, paragraph)
            found.append((q.inner[0], cue, speaker, tuple(q.parts), DIRECT))
        if settings.indirect:
            quoted = [items[k].token for k, _ in kept]
            for cue in cues:
                if any(c is not None and c.index == cue.index for _, c in kept):
                    continue
                span = _reported_content(cue, items, text, s0, s1, language)
                if span is not None:
                    span = _before_other_quotes(items, text, span, cue, kept)
                if span is None or any(span[0] <= t.start and t.end <= span[1] + 1 for t in quoted):
                    continue
                found.append((span[0], cue, speakers[cue.index], (span,), INDIRECT))
        found.sort(key=lambda e: e[0])
        if cues:
            cued.add(paragraph)
        for _, sp in sorted(done, key=lambda d: d[0]):
            if sp.text is not None:
                running[paragraph] = sp
        for _, cue, speaker, parts, kind in found:
            if speaker is not None and speaker.text is not None:
                running[paragraph] = speaker
            out.append(_mention(text, items, cue, speaker, parts, kind))
    return out


def _before_other_quotes(items, text, span, cue, kept):
    """Reported words end before a direct quote that another cue attributes ("added that X, calling it "...")."""
    for k, other in kept:
        if other is not None and other.index != cue.index and span[0] < items[k].token.start < span[1]:
            cut = max((it.token.start for it in items[:k] if it.token.text == "," and it.token.start > span[0]), default=None)
            if cut is None:
                return None
            a, b = _strip_span(text, span[0], cut)
            return (a, b) if len(text[a:b].split()) >= 3 else None
    return span


def _mention(text, items, cue, speaker, parts, kind) -> QuoteMention:
    cue_text = cue_start = cue_end = None
    if cue is not None:
        cue_start, cue_end = items[cue.index].token.start, items[cue.last].token.end
        cue_text = text[cue_start:cue_end]
    named = speaker is not None and speaker.text is not None
    source = speaker.source if speaker is not None else None
    return QuoteMention(
        start=parts[0][0], end=parts[0][1], text=text[parts[0][0]:parts[0][1]], parts=parts, kind=kind,
        speaker_text=speaker.text if named else None,
        speaker_start=speaker.start if named else None,
        speaker_end=speaker.end if named else None,
        cue=cue_text, cue_start=cue_start, cue_end=cue_end,
        source_start=source[0] if source else None, source_end=source[1] if source else None,
    )


def _attribution_cues(items, language, s0, s1) -> list[_Cue]:
    """Cues that attribute quotes: speech verbs and source markers, without the ones that only look so."""
    cues = [c for c in _find_cues(items, language, s0, s1) if c.cls in ("speech", "source")]
    out = []
    for c in cues:
        word = items[c.index].token.lower
        if language == "de" and c.cls == "speech" and c.lemma.endswith("n") and word == c.lemma[:-1] \
                and not (c.index > s0 and items[c.index - 1].token.lower == "ich"):
            continue  # "zeige", "bestätige": a subjunctive inside reported speech, not a report of it
        if c.cls == "source" and any(o.cls == "speech" and 0 < c.index - o.index <= 3 for o in cues):
            continue  # "schrieb Putin laut KCNA": the marker names the channel of the verb's speaker
        if language == "de" and c.cls == "speech" and _subjunctive_clause(items, c.index, s0, s1):
            continue  # "Das Unternehmen habe den Vorfall ... gemeldet": reported, not reporting
        if language == "de" and re.fullmatch(r"\w*ge\w+(t|en)(e|en|er|es|em)", word):
            continue  # "der von Obama vorgeschlagenen Reform": an attributive participle
        if language == "en" and c.index == s0 and word == "asked":
            continue  # "Asked whether ..., X said": the question, not the answer
        out.append(c)
    return out


SUBJUNCTIVE_DE = {"sei", "seien", "habe", "gebe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "möge",
                  "hätte", "hätten", "wäre", "wären", "würde", "würden", "stehe", "gehe", "komme", "liege", "bleibe",
                  "fehle", "brauche", "gelte", "drohe", "lasse", "wisse"}
SUBJUNCTIVE_AUX_DE = {"habe", "sei", "seien", "werde", "hätten", "wären"}


def _subjunctive_clause(items, k, s0, s1) -> bool:
    """A participle cue whose auxiliary is subjunctive ("habe ... gemeldet")."""
    word = items[k].token.lower
    if word == _lemma(items[k].token.text, "de") or not word.startswith("ge") and not word.endswith("t"):
        return False
    j = k - 1
    while j >= s0 and items[j].token.text not in CLAUSE_BREAK and items[j].quote is None:
        if items[j].token.lower in SUBJUNCTIVE_AUX_DE:
            return True
        j -= 1
    return False


def _headline_speaker(items, k, s0, language) -> _Phrase | None:
    """ "Stoltenberg: „Unsere Sicherheit ist global“" : a name and a colon before the quote."""
    if k - s0 < 2 or items[k - 1].token.text != ":":
        return None
    r = _caps_run(items, s0, k - 1, language)
    if r != k - 1:
        return None
    name = _name_in_run(items, s0, r, language)
    return _Phrase(s0, k - 2, name) if name else None


def _speaker_for_cue(cue, items, text, s0, s1, language, mentions, named, roles, paragraph, settings, events,
                     persons=()):
    # "... und betonte, dass ...", "..., adding that ...", "..., qui a rappelé": the subject of the verb before
    prev = items[cue.index - 1].token.lower if cue.index > s0 else ""
    word = items[cue.index].token.lower
    participle = cue.cls == "speech" and prev == "," and (
        (language == "en" and word.endswith("ing")) or (language == "fr" and word.endswith("ant")))
    phrase = None if participle else _speaker_at(cue, items, s0, s1, language, mentions)
    if cue.cls == "speech" and (prev in CONJUNCTIONS or participle or (phrase is not None and phrase.pronoun == "rel")):
        for pos, sp in reversed(events):
            if sp.text is not None and pos < items[cue.index].token.start:
                return sp
        if participle:  # "Feld rejected the criticism, saying ...": the subject of the sentence
            phrase = _np_after(items, s0, cue.index, language, mentions)
    if phrase is None:
        return _Speaker(None, None, None, None, paragraph)
    return _resolve(phrase, items, text, language, named, roles, paragraph, settings, persons)


def _cue_for_quote(items, k, cues, settings) -> _Cue | None:
    """The speech cue of the quote at item k: right after it, else before it, else anywhere in its sentence."""
    if not cues:
        return None
    after = [c for c in cues if c.index > k]
    if after:
        c = after[0]
        words = sum(1 for x in range(k + 1, c.index) if items[x].token.is_word)
        between_quote = any(items[x].quote is not None for x in range(k + 1, c.index))
        if words <= settings.attribution_window and not between_quote:
            return c
    before = [c for c in cues if c.index < k]
    if before:
        c = before[-1]
        return c
    return after[0] if after else None


def _join_parts(items, kept):
    """Quotes split by their attribution ("A", sagte er, "B") or standing side by side become one, with parts."""
    out: list[tuple[int, _Cue | None]] = []
    for k, cue in kept:
        if out:
            pk, pcue = out[-1]
            between = items[pk + 1: k]
            words = [it for it in between if it.token.is_word]
            adjacent = not between and (pk == 0 or items[pk - 1].sentence != items[pk].sentence
                                        or items[pk - 1].token.text in (":",))
            ends_open = items[pk].token.text.rstrip()[-2:-1] == ","
            split = (between and between[-1].token.text == "," and (between[0].token.text in (",", ":") or ends_open)
                     and len(words) <= 12 and pcue is not None
                     and pcue.index in range(pk + 1, k) and (cue is None or cue is pcue or pk < cue.index < k))
            if (adjacent and (cue is None or pcue is None or cue is pcue)) or split:
                pq, q = items[pk].quote, items[k].quote
                pq.parts.extend(q.parts)
                out[-1] = (pk, pcue or cue)
                continue
        out.append((k, cue))
    return out


def _reported_content(cue: _Cue, items, text, s0, s1, language) -> tuple[int, int] | None:
    """The reported words of indirect speech at a cue, or None when the cue does not introduce any."""
    end = s1
    while end > s0 and not items[end - 1].token.is_word and items[end - 1].quote is None:
        end -= 1
    if end <= s0:
        return None

    def span(a: int, b: int) -> tuple[int, int] | None:
        if b - a < 3:
            return None
        if language == "de" and _infinitive_clause(items, a, b):
            return None  # "..., die Kooperation zu vertiefen": an infinitive, not a statement
        return items[a].token.start, items[b - 1].token.end

    def clause(a: int) -> bool:
        t = items[a].token if a < end else None
        if t is None:
            return False
        if (items[a].quote is not None or t.is_cap or t.lower in THAT or t.lower in DETERMINERS[language]
                or t.lower in PRONOUNS[language] or t.lower in PREPOSITIONS[language]
                or t.lower in ("es", "wie", "warum", "wann", "wo", "was", "wer", "nur")):
            return True
        return any(items[x].token.lower in SUBJUNCTIVE_DE for x in range(a, min(end, a + 8)))

    if cue.cls == "source":
        if cue.lemma == "so":
            comma = cue.index - 1
            return span(s0, comma)
        if cue.lemma == "zufolge":
            return span(cue.index + 1, end)
        # "laut X, ..." / "nach Angaben des X wird ..." / "..., according to X."
        phrase = _np_after(items, cue.last + 1, s1, language)
        if phrase is None:
            return None
        a = phrase.last + 1
        if a < end and items[a].token.text == ",":
            a += 1
        if cue.index > s0 + 2 and items[cue.index - 1].token.text == ",":
            return span(s0, cue.index - 1)
        if cue.index > s0 + 2:  # "Der Fährverkehr ist nach Angaben der Reederei nicht betroffen": the sentence
            return span(s0, cue.index) if a >= end - 1 else span(s0, end)
        return span(a, end)
    if cue.cls != "speech":
        return None
    word = items[cue.index].token
    if language == "en" and word.lower.endswith("ing"):
        # "..., saying (that) the repairs had been planned": the content follows
        j = cue.index + 1
        if j < end and items[j].token.lower in THAT:
            j += 1
        return span(j, end) if j < end and items[j].token.lower not in PREPOSITIONS["en"] else None
    if language == "fr" and word.lower.endswith("ant"):
        return None  # "saluant ...": its object is a quote, not a clause
    # "..., sagte X." / "..., a annoncé la préfecture." : the content comes before
    comma = cue.index - 1
    while language != "de" and comma > s0 and items[comma].token.lower in ("a", "has", "have", "had", "avait", "ont"):
        comma -= 1
    if comma > s0 + 1 and items[comma].token.text == "," and _apposition_before(items, comma, s0, language) is None:
        after = _np_after(items, cue.index + 1, s1, language)
        question = items[s0].token.lower in PREPOSITIONS[language] and not any(
            items[x].token.lower in SUBJUNCTIVE_DE for x in range(s0, cue.index))
        if after is not None and not question:  # not "Auf die Frage, ob ..., antwortete sie"
            return span(s0, comma)
    # "..., the company said." / "..., a-t-il expliqué." : a subject between the comma and the verb
    before = _np_before(items, cue.index, s0, language)
    if before is not None and language != "de":
        b = before.first - 1
        while b > s0 and items[b].token.lower in ADVERBS[language]:
            b -= 1
        tail = next((x for x in range(cue.index + 1, end) if items[x].token.text == "," or items[x].quote is not None), end)
        if b > s0 + 2 and items[b].token.text == "," and tail - cue.index <= 5:  # "..., its operator said on Wednesday"
            a = s0
            for x in range(s0, b):
                if items[x].token.text == ":":
                    a = x + 1
            return span(a, b)
    # "X sagte, es gebe ..." / "X said (that) ..." / "X a déclaré que ..."
    j = cue.index + 1
    limit = min(s1, j + 14)
    while j < limit:
        t = items[j].token
        if t.text == ",":
            relative = j + 2 < end and items[j + 1].token.lower in RELATIVES and not items[j + 2].token.is_cap
            if language == "de" and clause(j + 1) and not relative:  # not "..., der am Montag präsentiert wurde"
                return span(j + 1, end)
            break
        if t.lower in THAT:
            return span(j + 1, end)
        if t.text == ":" and j + 1 < end and items[j + 1].quote is None:
            return span(j + 1, end)
        if t.text in (":", ";") or items[j].quote is not None:
            return None
        j += 1
    if language == "en" and cue.lemma in ("say", "tell", "warn", "insist", "claim", "argue", "add", "announce", "admit",
                                          "acknowledge", "believe", "think", "write"):
        # "Kirby said the visit ..." : content right after the verb (and its addressee for "tell")
        j = cue.index + 1
        if cue.lemma == "tell":
            while j < end and items[j].token.is_word and (items[j].token.is_cap or items[j].token.lower in ("reporters", "the", "journalists", "lawmakers")):
                j += 1
        if j < end and items[j].token.is_word and items[j].token.lower not in PREPOSITIONS["en"] \
                and not (cue.lemma in ("warn", "urge", "ask", "tell", "call", "promise", "vow", "threaten", "pledge")
                         and any(items[x].token.lower == "to" for x in range(j, min(end, j + 4)))):
            return span(j, end)
    return None


def _infinitive_clause(items, a, b) -> bool:
    """ "..., Waffen zu liefern": a zu-infinitive before the first comma of the content."""
    for j in range(a, b):
        t = items[j].token
        if t.text == ",":
            return False
        if (t.lower == "zu" and j + 1 < b and items[j + 1].token.text.islower()) or re.fullmatch(
                r"(an|auf|aus|bei|ein|mit|vor|weiter|zusammen|fest|durch)zu\w+en", t.lower):
            return True
    return False
