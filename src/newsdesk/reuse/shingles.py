"""Words with offsets, their stable hashes, and word-shingle hashes, batched in numpy.

Punctuation and quote marks are not words, so other quote marks or a sentence split at a
comma change no shingle; case is folded. Hashes are xxh3 of the folded word: the same on
every run and machine (Python's own `hash` of a str is not).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import xxhash

WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)

_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_MIX3 = np.uint64(0x94D049BB133111EB)


@dataclass(slots=True, frozen=True)
class Words:
    """The words of one text: character spans and a stable 64-bit hash of each folded word."""

    starts: np.ndarray  # int64
    ends: np.ndarray  # int64
    hashes: np.ndarray  # uint64

    def __len__(self) -> int:
        return len(self.hashes)


def word_hashes(tokens: Sequence[str], cache: dict[str, int] | None = None) -> np.ndarray:
    """Stable uint64 hashes of folded words (a cache shared across a batch saves re-hashing)."""
    cache = {} if cache is None else cache
    out = np.empty(len(tokens), dtype=np.uint64)
    for i, token in enumerate(tokens):
        value = cache.get(token)
        if value is None:
            value = cache[token] = xxhash.xxh3_64_intdigest(token.encode("utf-8", "surrogatepass"))
        out[i] = value
    return out


def words(text: str, cache: dict[str, int] | None = None) -> Words:
    """The words of `text` with their spans and hashes."""
    spans = [m.span() for m in WORD.finditer(text)]
    folded = [text[s:e].casefold() for s, e in spans]
    array = np.array(spans, dtype=np.int64).reshape(-1, 2)
    return Words(array[:, 0].copy(), array[:, 1].copy(), word_hashes(folded, cache))


def text_hashes(text: str, cache: dict[str, int] | None = None) -> np.ndarray:
    """Only the word hashes of `text` (what the candidate step needs), without spans."""
    return word_hashes([token.casefold() for token in WORD.findall(text)], cache)


def _mix(values: np.ndarray) -> np.ndarray:
    """A bijective 64-bit finaliser (splitmix64), so that combined hashes spread evenly."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * _MIX2
        values = values ^ (values >> np.uint64(27))
        values = values * _MIX3
        return values ^ (values >> np.uint64(31))


def shingle_hashes(hashes: np.ndarray, size: int) -> np.ndarray:
    """Hashes of every run of `size` consecutive words (order-sensitive); empty if fewer words."""
    count = len(hashes) - size + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    out = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            out = _mix(out * _MIX1 + hashes[offset:offset + count])
    return out


def flat_shingles(word_hash_lists: Sequence[np.ndarray], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of many texts in one flat array, and each text's start in it (len = texts + 1).

    Computed over the concatenated words in one pass per shingle position, then the shingles
    that would straddle two texts are dropped.
    """
    lengths = np.fromiter((len(h) for h in word_hash_lists), dtype=np.int64, count=len(word_hash_lists))
    counts = np.maximum(lengths - size + 1, 0)
    bounds = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])
    if not len(lengths) or not counts.sum():
        return np.empty(0, dtype=np.uint64), bounds
    flat = np.concatenate(word_hash_lists)
    every = shingle_hashes(flat, size)
    word_starts = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=word_starts[1:])
    # positions of valid shingles: for text t, word_starts[t] .. word_starts[t] + counts[t] - 1
    owner = np.repeat(np.arange(len(lengths)), counts)
    keep = np.arange(int(counts.sum()), dtype=np.int64) - bounds[owner] + word_starts[owner]
    return every[keep], bounds
