"""What the German tagger sees of each token: the same numbers at training and at tagging time.

Per token: the id of the lower-cased word (train words seen twice or more, else unknown), its
characters, the word-piece vectors of the word and of its lower-cased form (USE multilingual v3:
a capitalised noun and a name differ in how their lower-cased forms read), and a few ids for what
the gazetteer and the name lexicon say, its shape, quotation marks and sentence start.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsdesk.extract.ner import Gazetteer, gazetteer_tags, inside_quotes, lexicon_kind, shape
from newsdesk.text.use import PIECE_DIM, piece_vectors

PAD, UNKNOWN = 0, 1
MAX_CHARS = 24
GAZETTEER_TAGS = ("", "B-country", "I-country", "B-city", "I-city", "B-alias", "I-alias")
PERSON_KIND_IDS = ("", "f", "l", "fl", "gf", "gl", "gfl")
"""The person kinds `lexicon_kind` gives, in the order of their ids (a genitive "g" prefixed)."""
VECTOR_DIM = 2 * PIECE_DIM
DERIVATIONS = tuple((suffix, lost) for suffixes, lost in (
    (("erinnen", "erin", "ern", "ers", "er"), ("", "e")),
    (("ischen", "ischer", "isches", "ischem", "ische", "isch"), ("", "en", "ien", "land")),
) for suffix in suffixes)
"""German suffixes that derive inhabitants and adjectives from place names, longest first, with
the endings the place name may have lost ("Itzehoe" -> "Itzehoer", "Schweden" -> "schwedisch")."""


@dataclass(frozen=True)
class Vocabulary:
    """The words, characters, shapes and labels the model has ids for; shipped beside its weights."""

    words: tuple[str, ...]
    chars: tuple[str, ...]
    shapes: tuple[str, ...]
    labels: tuple[str, ...]

    @classmethod
    def of_sentences(cls, sentences: list[tuple[list[str], list[str]]]) -> Vocabulary:
        """Lower-cased words seen twice or more, characters seen three times, shapes seen five times."""
        words = Counter(w.lower() for ws, _ in sentences for w in ws)
        chars = Counter(c for ws, _ in sentences for w in ws for c in w)
        shapes = Counter(shape(w) for ws, _ in sentences for w in ws)
        return cls(words=tuple(sorted(w for w, n in words.items() if n >= 2)),
                   chars=tuple(sorted(c for c, n in chars.items() if n >= 3)),
                   shapes=tuple(sorted(s for s, n in shapes.items() if n >= 5)),
                   labels=tuple(sorted({t for _, ts in sentences for t in ts})))

    @property
    def hand_sizes(self) -> tuple[int, ...]:
        """How many ids each hand-made input has: shape, gazetteer, person kind, other lexicon
        kind, inside quotes, first of the sentence, derived from a place name."""
        return (len(self.shapes) + 2, len(GAZETTEER_TAGS) + 1, len(PERSON_KIND_IDS) + 2, 3, 3, 3, 3)

    def to_json(self) -> str:
        return json.dumps({"words": self.words, "chars": self.chars, "shapes": self.shapes,
                           "labels": self.labels}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def read(cls, path: Path) -> Vocabulary:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: tuple(v) for k, v in data.items()})


@dataclass(frozen=True)
class WordInputs:
    """What the tagger reads of words out of context, one row per word."""

    ids: np.ndarray  # (N,) word ids
    chars: np.ndarray  # (N, MAX_CHARS) character ids, 0 padded
    vectors: np.ndarray  # (N, VECTOR_DIM) piece vectors of the word and of its lower-cased form


@dataclass(frozen=True)
class SentenceInputs:
    """A sentence's word inputs and its hand-made ids (T, one column per input), in the order of
    `Vocabulary.hand_sizes`."""

    words: WordInputs
    hand: np.ndarray

    def __len__(self) -> int:
        return len(self.hand)


class Encoder:
    """Turns tokenised sentences into model inputs for one vocabulary and gazetteer."""

    def __init__(self, vocabulary: Vocabulary, gazetteer: Gazetteer):
        self.vocabulary = vocabulary
        self.gazetteer = gazetteer
        self._word = {w: i + 2 for i, w in enumerate(vocabulary.words)}
        self._char = {c: i + 2 for i, c in enumerate(vocabulary.chars)}
        self._shape = {s: i + 2 for i, s in enumerate(vocabulary.shapes)}
        self._hand_of: dict[str, tuple[int, int, int, int]] = {}

    def words(self, words: list[str]) -> WordInputs:
        """Inputs of each word (no context needed, so callers may cache them per word)."""
        chars = np.zeros((len(words), MAX_CHARS), dtype=np.int64)
        for i, word in enumerate(words):
            chars[i, :min(len(word), MAX_CHARS)] = [self._char.get(c, UNKNOWN) for c in word[:MAX_CHARS]]
        vectors = np.concatenate([piece_vectors(words), piece_vectors([w.lower() for w in words])], axis=1)
        ids = np.array([self._word.get(w.lower(), UNKNOWN) for w in words], dtype=np.int64)
        return WordInputs(ids=ids, chars=chars, vectors=vectors)

    def _from_place(self, word: str) -> bool:
        """Whether the word looks derived from a one-word place of the gazetteer: "Cottbuser",
        "Itzehoer", "Frankfurterin" (-er forms) or "schwedische", "russischen" (-isch forms)."""
        low = word.lower()
        for suffix, endings in DERIVATIONS:
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                stem = word[:len(word) - len(suffix)]
                stem = stem[:1].upper() + stem[1:]
                if any((stem + ending,) in self.gazetteer.names for ending in endings):
                    return True
        return False

    def _word_hand(self, word: str) -> tuple[int, int, int, int]:
        """Shape, person-name kind, other lexicon kind and place derivation of a word: its part of
        the hand ids."""
        found = self._hand_of.get(word)
        if found is None:
            person, other = lexicon_kind(word, self.gazetteer.words)
            found = (self._shape.get(shape(word), UNKNOWN),
                     PERSON_KIND_IDS.index(person) + 1 if person in PERSON_KIND_IDS else UNKNOWN, 2 if other else 1,
                     2 if self._from_place(word) else 1)
            if len(self._hand_of) >= 200_000:
                self._hand_of.clear()
            self._hand_of[word] = found
        return found

    def hand(self, words: list[str]) -> np.ndarray:
        """The hand-made ids of each token of a sentence (see `Vocabulary.hand_sizes`)."""
        gazetteer = gazetteer_tags(words, self.gazetteer)
        quoted = inside_quotes(words)
        out = np.ones((len(words), len(self.vocabulary.hand_sizes)), dtype=np.int64)
        for i, word in enumerate(words):
            word_shape, person, other, from_place = self._word_hand(word)
            out[i] = (word_shape, GAZETTEER_TAGS.index(gazetteer[i]) + 1, person, other,
                      2 if quoted[i] else 1, 2 if i == 0 else 1, from_place)
        return out

    def __call__(self, words: list[str]) -> SentenceInputs:
        return SentenceInputs(words=self.words(words), hand=self.hand(words))
