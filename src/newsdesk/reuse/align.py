"""Passage alignment of two texts: seed on shared word shingles, chain the seeds, keep what is copy.

Seeds are word shingles both texts contain. Seeds chain into one passage while each next
seed follows the last within `max_gap` words in both texts, so dropped, changed or added
words, other quote marks and split or merged sentences do not break a copied passage;
reordered paragraphs become separate passages. Each stretch of either text belongs to at
most one passage (the one with most matched words), so a pull-quote repeating a sentence of
its own article is not a second copy. A chain is copy when it has `min_words` matched words
outside quotation marks and is dense enough, so that a shared quote or a stock phrase is not.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .candidates import concatenated_ranges
from .packed import PackedShingles
from .settings import ReuseSettings
from .shingles import Words, batch_words, shingle_hashes

MAX_REPEATS = 16
QUOTE = re.compile(r"„[^“”\"„]{1,800}[“”\"]|“[^”“]{1,800}”|»[^«»]{1,800}«|«[^«»]{1,800}»|\"[^\"]{1,800}\"")


@dataclass(slots=True, frozen=True)
class Passage:
    """Copy shared by texts a and b: a[a_start:a_end] ~ b[b_start:b_end] (character offsets)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float  # matched words / words of both spans
    a_words: int  # words matched in a
    b_words: int


@dataclass(slots=True, frozen=True)
class Alignment:
    """All passages two texts share, and how much of each text they cover (0..1)."""

    passages: tuple[Passage, ...]
    a_cover: float
    b_cover: float

    @property
    def similarity(self) -> float:
        """Whole-text similarity: the share of both texts inside shared passages."""
        return (self.a_cover + self.b_cover) / 2


def quoted(text: str, spans: Words) -> np.ndarray:
    """For each word, whether it stands inside quotation marks."""
    inside = np.zeros(len(spans), dtype=bool)
    for match in QUOTE.finditer(text):
        lo, hi = np.searchsorted(spans.starts, [match.start(), match.end()])
        inside[lo:hi] = True
    return inside


@dataclass(slots=True, frozen=True)
class Shingled:
    """A text's word shingles, and the same sorted for lookup: enough to tell whether two texts can
    share copy at all, without the words' spans that aligning needs."""

    shingles: np.ndarray
    order: np.ndarray  # argsort of shingles
    sorted_shingles: np.ndarray


@dataclass(slots=True, frozen=True)
class Prepared:
    """A text ready to be aligned many times: its words and its shingles."""

    text: str
    words: Words
    shingled: Shingled


def _shingled(shingles: np.ndarray) -> Shingled:
    order = np.argsort(shingles)  # not stable: seeds come out sorted by position whatever the order of ties
    return Shingled(shingles, order, shingles[order])


def prepare(texts: Sequence[str], settings: ReuseSettings = ReuseSettings()) -> list[Prepared]:
    """Texts prepared for `align_prepared`, scanned together."""
    return [Prepared(text, found, _shingled(shingle_hashes(found.hashes, settings.shingle)))
            for text, found in zip(texts, batch_words(texts))]


def _seeds(a: Shingled, b: Shingled) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) for every shingle a[i] == b[j], sorted, as two arrays."""
    empty = np.empty(0, dtype=np.int64)
    if not len(a.shingles) or not len(b.shingles):
        return empty, empty
    order, sorted_b = b.order, b.sorted_shingles
    a_shingles = a.shingles
    lo = np.searchsorted(sorted_b, a_shingles, side="left")
    found = sorted_b[np.minimum(lo, len(sorted_b) - 1)] == a_shingles
    hits = np.flatnonzero(found)
    if not len(hits):
        return empty, empty
    lo = lo[hits]
    counts = np.searchsorted(sorted_b, a_shingles[hits], side="right") - lo
    if counts.max() == 1:  # the usual case: each shared shingle once in b
        return hits, order[lo]
    keep = counts <= MAX_REPEATS  # a shingle repeated all over b (a table, a list) seeds nothing
    hits, lo, counts = hits[keep], lo[keep], counts[keep]
    first = np.repeat(hits, counts)
    second = order[np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))]
    by = np.lexsort((second, first))
    return first[by], second[by]


def _enough_seeds(a: Shingled, b: Shingled, settings: ReuseSettings) -> tuple[np.ndarray, np.ndarray] | None:
    """The seeds of a and b, or None when they cover too few words for any passage: every passage's
    matched words lie inside the shingles of all seeds."""
    first, second = _seeds(a, b)
    if _coverage(first, settings.shingle) < settings.min_words \
            or _coverage(np.sort(second), settings.shingle) < settings.min_words:
        return None
    return first, second


TEXTS_PER_LOOKUP = 16
"""First texts of pairs looked up together by `may_share_copy_each` (its tables take 2 x 64k flags per text:
they stay in a core's cache; 64 texts at once were 1.5x slower)."""


def may_share_copy_each(pairs: np.ndarray, shingles: PackedShingles,
                        settings: ReuseSettings = ReuseSettings()) -> np.ndarray:
    """For each pair (i, j) of texts, False when they certainly share no passage: `align_prepared`
    would find none (the words inside their common shingles cover fewer than `min_words` of either
    text), from the texts' shingle hashes alone (`PackedShingles`: cut to 32 bits); True lets the
    pair through to the exact check of `align_prepared`.

    Pairs come sorted by i. j's side is checked first (it rules out nearly every chance pair),
    then i's side of the pairs left, as the pairs (j, i). Which shingles of one text the other
    holds is told by two tables of the other's hash halves (a Bloom filter, TEXTS_PER_LOOKUP
    texts at a time): a chance hit only lets a pair through, never keeps a copy out.
    """
    out = np.zeros(len(pairs), dtype=bool)
    if not len(pairs):
        return out
    tables = np.zeros((2, TEXTS_PER_LOOKUP << 16), dtype=bool)
    j_side = np.flatnonzero(_covered_enough(pairs, shingles, settings, tables))
    if len(j_side):
        swapped = pairs[j_side][:, ::-1]
        order = np.lexsort((swapped[:, 1], swapped[:, 0]))
        out[j_side[order]] = _covered_enough(swapped[order], shingles, settings, tables)
    return out


def _covered_enough(pairs: np.ndarray, shingles: PackedShingles, settings: ReuseSettings,
                    tables: np.ndarray) -> np.ndarray:
    """For each pair (i, j), sorted by i, whether the words inside j's shingles that i holds (or may
    hold: see `may_share_copy_each`) number `min_words`; `tables` is all False and left so."""
    enough = np.zeros(len(pairs), dtype=bool)
    low, half = np.uint32(0xFFFF), np.uint32(16)
    firsts = pairs[:, 0]
    group = np.cumsum(np.concatenate([[False], firsts[1:] != firsts[:-1]]))  # which first text, from 0
    edges = np.append(np.searchsorted(group, np.arange(0, int(group[-1]) + 1, TEXTS_PER_LOOKUP)), len(pairs))
    for begin, end in zip(edges[:-1].tolist(), edges[1:].tolist()):
        local = group[begin:end] - group[begin]
        held, owner = _gathered(shingles, firsts[begin:end][np.concatenate([[True], local[1:] != local[:-1]])])
        low_slots, high_slots = (owner << 16) | (held & low), (owner << 16) | (held >> half)
        tables[0, low_slots] = True
        tables[1, high_slots] = True
        starts = shingles.starts[pairs[begin:end, 1]]
        lengths = shingles.ends[pairs[begin:end, 1]] - starts
        index = concatenated_ranges(starts, lengths)
        seen, slot = shingles.flat[index], np.repeat(local << 16, lengths)
        hit = np.flatnonzero(tables[0, slot | (seen & low)])
        hit = hit[tables[1, slot[hit] | (seen[hit] >> half)]]
        tables[0, low_slots] = False
        tables[1, high_slots] = False
        ends = np.cumsum(lengths)
        pair = np.searchsorted(ends, hit, side="right")  # sorted: j's shingles come pair by pair, in order
        cover = _coverage_each(pair, hit - (ends - lengths)[pair], settings.shingle, end - begin)
        enough[begin:end] = cover >= settings.min_words
    return enough


def _gathered(shingles: PackedShingles, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shingles of `texts` in one flat array, and which of `texts` (its index) each is of."""
    lengths = shingles.ends[texts] - shingles.starts[texts]
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    return shingles.flat[concatenated_ranges(shingles.starts[texts], lengths)], owner


def _coverage_each(segment: np.ndarray, positions: np.ndarray, size: int, segments: int) -> np.ndarray:
    """`_coverage` of each segment's positions (sorted within the segment; `segment` sorted)."""
    if not len(segment):
        return np.zeros(segments, dtype=np.int64)
    steps = np.empty(len(segment), dtype=np.int64)
    steps[0] = size
    steps[1:] = np.where(segment[1:] != segment[:-1], size, np.minimum(np.diff(positions), size))
    return np.bincount(segment, weights=steps, minlength=segments).astype(np.int64)


def _coverage(positions: np.ndarray, size: int) -> int:
    """Words inside the shingles starting at `positions` (sorted)."""
    if not len(positions):
        return 0
    steps = np.diff(positions)
    return size + int(np.minimum(steps, size).sum())


def _chains(first: np.ndarray, second: np.ndarray, size: int, gap: int) -> list[list[tuple[int, int]]]:
    """Seeds (first[k], second[k]), sorted, grouped into monotone chains whose steps stay within
    `gap` words in both texts.

    A seed right after another on the same diagonal, (i, j) after (i - 1, j - 1), joins that
    seed's chain at once: no chain can fit it better (a shift of 0, and any chain that ties
    would have taken the earlier seed), so only the first seed of each run of copied words
    compares the open chains.
    """
    done: list[list[tuple[int, int]]] = []
    active: list[list[tuple[int, int]]] = []
    width = np.int64(int(second.max()) + 2) if len(second) else np.int64(1)
    codes = first * width + second
    before = np.searchsorted(codes, codes - (width + 1))
    follows = (codes[np.minimum(before, len(codes) - 1)] == codes - (width + 1)).tolist()
    owner: list[list[tuple[int, int]]] = []
    for k, (i, j) in enumerate(zip(first.tolist(), second.tolist())):
        if follows[k]:
            chain = owner[int(before[k])]
            chain.append((i, j))
            owner.append(chain)
            continue
        still = []
        for chain in active:
            (done if chain[-1][0] + size + gap < i else still).append(chain)
        active = still
        best, best_shift = None, None
        for chain in active:
            li, lj = chain[-1]
            if li < i and lj < j and j - (lj + size) <= gap:
                shift = abs((i - li) - (j - lj))
                if shift <= gap and (best_shift is None or shift < best_shift):
                    best, best_shift = chain, shift
        if best is None:
            best = [(i, j)]
            active.append(best)
        else:
            best.append((i, j))
        owner.append(best)
    return done + active


def _free_shingles(taken: np.ndarray, starts: np.ndarray, size: int) -> np.ndarray:
    """Whether each shingle starting at `starts` holds no taken word."""
    before = np.concatenate([[0], np.cumsum(taken)])
    return before[starts + size] == before[starts]


def _extend(a: np.ndarray, b: np.ndarray, a_taken: np.ndarray, b_taken: np.ndarray,
            i: int, j: int, step: int, limit: int) -> tuple[int, int]:
    """Move a passage edge outwards over words too near the edge for a seed: equal words, or one
    changed word followed by an equal one. `step` -1 moves the start (i, j) left, 1 the end right.
    """
    def word(hashes, taken, k):
        return hashes[k] if 0 <= k < len(hashes) and not taken[k] else None

    moved = 0
    while moved < limit:
        near = -1 if step < 0 else 0  # the word just outside the edge
        x, y = word(a, a_taken, i + near), word(b, b_taken, j + near)
        if x is not None and x == y:
            i, j, moved = i + step, j + step, moved + 1
            continue
        x, y = word(a, a_taken, i + near + step), word(b, b_taken, j + near + step)
        if x is not None and x == y and word(a, a_taken, i + near) is not None \
                and word(b, b_taken, j + near) is not None:
            i, j, moved = i + 2 * step, j + 2 * step, moved + 2
            continue
        break
    return i, j


def align_prepared(prepared_a: Prepared, prepared_b: Prepared, settings: ReuseSettings = ReuseSettings()) -> Alignment:
    """Align two prepared texts (see `align`)."""
    size = settings.shingle
    found = _enough_seeds(prepared_a.shingled, prepared_b.shingled, settings)
    if found is None:
        return Alignment((), 0.0, 0.0)
    a, b = prepared_a.words, prepared_b.words
    a_quoted = b_quoted = None
    chains = sorted(_chains(found[0], found[1], size, settings.max_gap), key=lambda c: (-len(c), c[0]))
    a_taken = np.zeros(len(a), dtype=bool)
    b_taken = np.zeros(len(b), dtype=bool)
    spread = np.arange(size)
    passages = []
    a_total = b_total = 0
    for chain in chains:  # longest first; what an earlier passage took is not copied twice
        if len(chain) * size < settings.min_words:
            break  # this chain and all shorter ones cannot hold enough words
        seeds = np.array(chain, dtype=np.int64)
        if passages:
            a_free = _free_shingles(a_taken, seeds[:, 0], size)
            seeds = seeds[a_free & _free_shingles(b_taken, seeds[:, 1], size)]
        if not len(seeds):
            continue
        a_matched, b_matched = _coverage(seeds[:, 0], size), _coverage(seeds[:, 1], size)  # both rise along a chain
        a_first, a_last = int(seeds[0, 0]), int(seeds[-1, 0]) + size
        b_first, b_last = int(seeds[0, 1]), int(seeds[-1, 1]) + size
        if min(a_matched, b_matched) < settings.min_words:
            continue
        if min(a_matched, b_matched) / max(a_last - a_first, b_last - b_first) < settings.min_density:
            continue
        if a_quoted is None:  # only for chains long enough to matter
            a_quoted, b_quoted = quoted(prepared_a.text, a), quoted(prepared_b.text, b)
        a_mask = np.zeros(len(a), dtype=bool)
        b_mask = np.zeros(len(b), dtype=bool)
        a_mask[(seeds[:, :1] + spread).ravel()] = True
        b_mask[(seeds[:, 1:] + spread).ravel()] = True
        if max(int((a_mask & ~a_quoted).sum()), int((b_mask & ~b_quoted).sum())) < settings.min_words:
            continue
        a_first, b_first = _extend(a.hashes, b.hashes, a_taken, b_taken, a_first, b_first, -1, size)
        a_last, b_last = _extend(a.hashes, b.hashes, a_taken, b_taken, a_last, b_last, 1, size)
        a_taken[a_first:a_last] = True
        b_taken[b_first:b_last] = True
        a_total += a_matched
        b_total += b_matched
        similarity = (a_matched + b_matched) / ((a_last - a_first) + (b_last - b_first))
        passages.append(Passage(int(a.starts[a_first]), int(a.ends[a_last - 1]),
                                int(b.starts[b_first]), int(b.ends[b_last - 1]),
                                round(min(1.0, similarity), 4), a_matched, b_matched))
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    return Alignment(tuple(passages), a_total / max(1, len(a)), b_total / max(1, len(b)))


def align(a: str, b: str, settings: ReuseSettings = ReuseSettings()) -> list[Passage]:
    """The passages texts `a` and `b` share, in the order of `a`; empty when they share no copy."""
    prepared_a, prepared_b = prepare([a, b], settings)
    return list(align_prepared(prepared_a, prepared_b, settings).passages)
