"""Words with offsets, their stable hashes, and word-shingle hashes, in numpy and one compiled loop.

A word is a run of letters, digits or "_", with inner "-", "'", "’" or "." kept ("Kim Jong-un",
"11.000", "z.B"), as `WORD` says; punctuation and quote marks are not words, so other quote
marks or a sentence split at a comma change no shingle. Case is folded (str.lower per
character). A word's hash is a polynomial of its characters, mixed: stable on every run and
machine (Python's own `hash` of a str is not), and computed for a whole batch of texts at
once, in one compiled pass over its characters (`_word_sums`), without a Python loop over words.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..compiled import compiled, warm_up

WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)  # what the scanner finds, as a regular expression
CONNECTORS = np.array([ord(c) for c in "-'’."], dtype=np.uint32)
BMP = 0x10000
BATCH_CHARS = 1 << 16  # 64k characters: the arrays of one slice stay in a core's cache (4x more was 1.8x slower)
_BASE = np.uint64(0x100000001B3 * 2 + 1)  # the base of a word's polynomial hash

_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
_MIX3 = np.uint64(0x94D049BB133111EB)
_MULTIPLIERS = [np.uint64(m) for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                                       0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x27D4EB2F165667C5, 0x85EBCA77C2B2AE63)]


@dataclass(slots=True, frozen=True)
class Words:
    """The words of one text: character spans and a stable 64-bit hash of each folded word."""

    starts: np.ndarray  # int64
    ends: np.ndarray  # int64
    hashes: np.ndarray  # uint64

    def __len__(self) -> int:
        return len(self.hashes)


@cache
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each character of the Basic Multilingual Plane: word character?, inner connector?, lower case."""
    chars = [chr(c) for c in range(BMP)]
    word = np.array([c.isalnum() or c == "_" for c in chars], dtype=bool)
    connector = np.zeros(BMP, dtype=bool)
    connector[CONNECTORS] = True
    fold = np.array([ord(low) if len(low := c.lower()) == 1 else ord(c) for c in chars], dtype=np.uint64)
    return word, connector, fold


_WORD_BIT, _CONNECTOR_BIT = np.uint32(1 << 31), np.uint32(1 << 30)
_FOLD_MASK = np.uint32((1 << 21) - 1)


@cache
def _packed_table() -> np.ndarray:
    """The three tables of `_tables` in one uint32 per character (one lookup instead of three):
    lower case in the low 21 bits, bit 31 word character, bit 30 inner connector."""
    word, connector, fold = _tables()
    return (fold.astype(np.uint32) | np.where(word, _WORD_BIT, 0).astype(np.uint32)
            | np.where(connector, _CONNECTOR_BIT, 0).astype(np.uint32))


def _scan(joined: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spans and hashes of every word in `joined`."""
    if not joined:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.uint64)
    narrow = joined.encode("utf-16-le", "surrogatepass")
    if len(narrow) == 2 * len(joined):  # the usual case, all in the BMP: one table lookup per 16-bit character
        starts, ends, sums = _word_sums(np.frombuffer(narrow, dtype=np.uint16), _packed_table(), _BASE)
    else:  # beyond the Basic Multilingual Plane: rare, each character's entry looked up first
        info = _wide_info(np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
        starts, ends, sums = _word_sums(np.arange(len(info)), info, _BASE)
    return starts, ends, _mix(sums)


def _wide_info(codes: np.ndarray) -> np.ndarray:
    """`_packed_table`'s entry for each of `codes`, code points beyond the BMP included (never connectors)."""
    small = codes < BMP
    info = _packed_table()[np.where(small, codes, 0)]
    large = np.flatnonzero(~small)
    for code in np.unique(codes[large]).tolist():
        low = chr(code).lower()
        info[large[codes[large] == code]] = ((ord(low) if len(low) == 1 else code)
                                             | (int(_WORD_BIT) if chr(code).isalnum() else 0))
    return info


@compiled
def _word_sums(codes: np.ndarray, table: np.ndarray, base: np.uint64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spans of the words of a text whose character k has the `_packed_table` entry table[codes[k]], and
    each word's hash before mixing: the polynomial of its folded characters (base `base`, modulo 2**64)
    plus its length, built in one pass as the characters come. An inner connector joins two word characters."""
    n = len(codes)
    starts = np.empty(n // 2 + 1, dtype=np.int64)
    ends = np.empty(n // 2 + 1, dtype=np.int64)
    sums = np.empty(n // 2 + 1, dtype=np.uint64)
    words = 0
    inside = False
    value, power = np.uint64(0), np.uint64(1)
    for k in range(n):
        entry = table[codes[k]]
        member = (entry & _WORD_BIT) != 0
        if not member and 0 < k < n - 1 and (entry & _CONNECTOR_BIT) != 0:
            member = (table[codes[k - 1]] & _WORD_BIT) != 0 and (table[codes[k + 1]] & _WORD_BIT) != 0
        if member:
            if not inside:
                inside = True
                starts[words] = k
                value, power = np.uint64(0), np.uint64(1)
            value += np.uint64(entry & _FOLD_MASK) * power
            power *= base
        elif inside:
            inside = False
            ends[words] = k
            sums[words] = value + np.uint64(k - starts[words])
            words += 1
    if inside:
        ends[words] = n
        sums[words] = value + np.uint64(n - starts[words])
        words += 1
    return starts[:words], ends[:words], sums[:words]


@warm_up
def _scan_both_planes() -> None:
    _scan("Wört-er")
    _scan("𝔄nna")
    flat_shingles_of(batch_word_hashes(["Wört-er im Text", "𝔄nna"]), (3, 4))


def _slices(texts: Sequence[str]):
    """Groups of consecutive texts of about BATCH_CHARS characters: (texts, start of each in the joined string)."""
    first = 0
    while first < len(texts):
        last, chars = first, 0
        while last < len(texts) and (last == first or chars + len(texts[last]) < BATCH_CHARS):
            chars += len(texts[last]) + 1
            last += 1
        group = texts[first:last]
        offsets = np.zeros(len(group) + 1, dtype=np.int64)
        np.cumsum([len(t) + 1 for t in group], out=offsets[1:])
        yield group, offsets
        first = last


def batch_words(texts: Sequence[str]) -> list[Words]:
    """The words of many texts, scanned together in slices of about BATCH_CHARS characters."""
    out: list[Words] = []
    for group, offsets in _slices(texts):
        starts, ends, hashes = _scan("\x00".join(group))
        cuts = np.searchsorted(starts, offsets)
        for n in range(len(group)):
            lo, hi = cuts[n], cuts[n + 1]
            out.append(Words(starts[lo:hi] - offsets[n], ends[lo:hi] - offsets[n], hashes[lo:hi]))
    return out


def batch_word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Only the word hashes of many texts: all of them in one flat array, and each text's word count."""
    hashes, counts = [], []
    for group, offsets in _slices(texts):
        starts, _, found = _scan("\x00".join(group))
        hashes.append(found)
        counts.append(np.diff(np.searchsorted(starts, offsets)))
    if not hashes:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    return np.concatenate(hashes), np.concatenate(counts).astype(np.int64)


def words(text: str) -> Words:
    """The words of `text` with their spans and hashes."""
    return batch_words([text])[0]


def text_hashes(text: str) -> np.ndarray:
    """Only the word hashes of `text`."""
    return words(text).hashes


def _mix(values: np.ndarray) -> np.ndarray:
    """A bijective 64-bit finaliser (splitmix64) of each of `values`, so that combined hashes spread
    evenly (`_mix_one`, in one compiled pass: five numpy passes made four temporary arrays)."""
    values = np.asarray(values, dtype=np.uint64)
    return _mixed(values.ravel()).reshape(values.shape)


@compiled
def _mix_one(value: np.uint64) -> np.uint64:
    """splitmix64's finaliser of one 64-bit value (modulo 2**64)."""
    value ^= value >> np.uint64(30)
    value *= _MIX2
    value ^= value >> np.uint64(27)
    value *= _MIX3
    return value ^ (value >> np.uint64(31))


@compiled
def _mixed(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=np.uint64)
    for k in range(len(values)):
        out[k] = _mix_one(values[k])
    return out


def shingle_hashes(hashes: np.ndarray, size: int) -> np.ndarray:
    """Hashes of every run of `size` consecutive words (order-sensitive); empty if fewer words."""
    return flat_shingles([hashes], size)[0]


def mix_columns(block: np.ndarray) -> np.ndarray:
    """One 64-bit hash per row of a small integer matrix (an LSH band of a signature)."""
    out = np.zeros(len(block), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(block.shape[1]):
            out += block[:, column].astype(np.uint64) * _MULTIPLIERS[column % len(_MULTIPLIERS)]
    return _mix(out)


def flat_shingles(word_hash_lists: Sequence[np.ndarray], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of many texts in one flat array, and each text's start in it (len = texts + 1);
    a shingle never straddles two texts."""
    return flat_shingles_of(word_hash_lists, (size,))[0]


def flat_shingles_of(word_hash_lists: Sequence[np.ndarray] | tuple[np.ndarray, np.ndarray],
                     sizes: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """`flat_shingles` for several sizes, each in one compiled pass (`_shingle_sums`).

    The texts' words come as a list of hash arrays, or already flat as (hashes, word counts) from `batch_word_hashes`.
    """
    if isinstance(word_hash_lists, tuple):
        flat, lengths = word_hash_lists
    else:
        lengths = np.fromiter((len(h) for h in word_hash_lists), dtype=np.int64, count=len(word_hash_lists))
        flat = np.concatenate(word_hash_lists) if len(lengths) else np.empty(0, dtype=np.uint64)
    flat = np.ascontiguousarray(flat, dtype=np.uint64)
    lengths = np.ascontiguousarray(lengths, dtype=np.int64)
    return [_shingle_sums(flat, lengths, _place_multipliers(size)) for size in sizes]


@cache
def _place_multipliers(size: int) -> np.ndarray:
    """The multiplier of each place in a shingle of `size` words."""
    return np.array([_MULTIPLIERS[place % len(_MULTIPLIERS)] for place in range(size)], dtype=np.uint64)


@compiled
def _shingle_sums(flat: np.ndarray, lengths: np.ndarray, multipliers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shingles of len(multipliers) words of texts whose words' hashes are flat (text t's are the
    next lengths[t]): each the mixed sum of its words' hashes times the multiplier of their place in
    it, in one flat array, and each text's start in it (len = texts + 1)."""
    size = len(multipliers)
    texts = len(lengths)
    bounds = np.zeros(texts + 1, dtype=np.int64)
    for t in range(texts):
        bounds[t + 1] = bounds[t] + max(lengths[t] - size + 1, 0)
    out = np.empty(bounds[texts], dtype=np.uint64)
    first_word = 0
    for t in range(texts):
        for k in range(bounds[t + 1] - bounds[t]):
            total = np.uint64(0)
            for offset in range(size):
                total += flat[first_word + k + offset] * multipliers[offset]
            out[bounds[t] + k] = _mix_one(total)
        first_word += lengths[t]
    return out, bounds
