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

from ..compiled import compiled, index_bits, warm_up
from .packed import PackedShingles, ShinglePacker
from .settings import ReuseSettings
from .shingles import Words, batch_words, flat_shingles

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


_OPENING_MARKS = "„“»«\""
"""The marks a quotation (`QUOTE`) opens with."""


def quoted(text: str, spans: Words) -> np.ndarray:
    """For each word, whether it stands inside quotation marks."""
    inside = np.zeros(len(spans), dtype=bool)
    # QUOTE is scanned from the first opening mark on (finding the marks costs an eighth of the
    # scan; most texts have no quotation)
    first = min((at for at in map(text.find, _OPENING_MARKS) if at >= 0), default=-1)
    if first < 0:
        return inside
    for match in QUOTE.finditer(text, first):
        lo, hi = np.searchsorted(spans.starts, [match.start(), match.end()])
        inside[lo:hi] = True
    return inside


@dataclass(slots=True, frozen=True)
class Prepared:
    """A text ready to be aligned many times: its words, its word shingles, which words are quoted."""

    text: str
    words: Words
    shingles: np.ndarray  # uint64, one per run of `shingle` words
    quoted: np.ndarray  # bool per word: inside quotation marks


def prepare(texts: Sequence[str], settings: ReuseSettings = ReuseSettings()) -> list[Prepared]:
    """Texts prepared for `align_prepared`, scanned and shingled together."""
    found = batch_words(texts)
    flat, bounds = flat_shingles([w.hashes for w in found], settings.shingle)
    return [Prepared(text, spans, flat[lo:hi], quoted(text, spans))
            for text, spans, lo, hi in zip(texts, found, bounds[:-1].tolist(), bounds[1:].tolist())]


def may_share_copy_each(pairs: np.ndarray, shingles: PackedShingles,
                        settings: ReuseSettings = ReuseSettings()) -> np.ndarray:
    """For each pair (i, j) of texts, False when they certainly share no passage: `align_prepared`
    would find none (the words inside their common shingles cover fewer than `min_words` of either
    text), from the texts' shingle hashes alone (`PackedShingles`: cut to 32 bits, so a chance
    collision only lets a pair through, never keeps a copy out); True lets the pair through to the
    exact check of `align_prepared`. Fastest with pairs sorted by i (i's shingles are set out once).
    """
    return _may_share(np.ascontiguousarray(pairs, dtype=np.int64), shingles.flat, shingles.starts.astype(np.int64),
                      shingles.ends.astype(np.int64), settings.shingle, settings.min_words)


@compiled
def _may_share(pairs: np.ndarray, flat: np.ndarray, starts: np.ndarray, ends: np.ndarray,
               size: int, min_words: int) -> np.ndarray:
    """`may_share_copy_each` over texts whose shingles are flat[starts[t]:ends[t]]: j's side first
    (it rules out nearly every chance pair), then i's side of the pairs left. Each side's shingles
    are set out in a hash table (open addressing; a slot counts while its stamp is the current one,
    so that a table is emptied by a new stamp, not cleared)."""
    out = np.zeros(len(pairs), dtype=np.bool_)
    if len(pairs) == 0:
        return out
    longest = 1
    for p in range(len(pairs)):
        for t in pairs[p]:
            longest = max(longest, ends[t] - starts[t])
    bits = index_bits(2 * longest)
    tables = np.zeros((2, 1 << bits), dtype=np.uint32)
    stamps = np.zeros((2, 1 << bits), dtype=np.int64)
    current, stamp = -1, 0
    for p in range(len(pairs)):
        i, j = pairs[p, 0], pairs[p, 1]
        if i != current:
            stamp += 1
            _set_out(flat[starts[i]:ends[i]], tables[0], stamps[0], stamp, bits)
            current = i
        if _covered(flat[starts[j]:ends[j]], tables[0], stamps[0], stamp, bits, size, min_words) >= min_words:
            _set_out(flat[starts[j]:ends[j]], tables[1], stamps[1], p + 1, bits)
            out[p] = _covered(flat[starts[i]:ends[i]], tables[1], stamps[1], p + 1, bits, size, min_words) >= min_words
    return out


@compiled
def _slot(value, bits: int) -> int:
    """Where a hash `value` (32 or 64 bits) starts its probe in a table of 2**bits slots (Fibonacci hashing)."""
    return np.int64((np.uint64(value) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - bits))


@compiled
def _set_out(values: np.ndarray, table: np.ndarray, stamps: np.ndarray, stamp: int, bits: int) -> None:
    """Put `values` in the table whose live slots are those stamped `stamp`."""
    mask = (1 << bits) - 1
    for value in values:
        slot = _slot(value, bits)
        while stamps[slot] == stamp and table[slot] != value:
            slot = (slot + 1) & mask
        table[slot] = value
        stamps[slot] = stamp


@compiled
def _covered(values: np.ndarray, table: np.ndarray, stamps: np.ndarray, stamp: int, bits: int,
             size: int, enough: int) -> int:
    """Words inside the shingles `values` (of one text, in order) that the table holds, counted up to `enough`."""
    mask = (1 << bits) - 1
    words, last = 0, -1
    for k in range(len(values)):
        slot = _slot(values[k], bits)
        while stamps[slot] == stamp:
            if table[slot] == values[k]:
                words += size if last < 0 else min(k - last, size)
                last = k
                break
            slot = (slot + 1) & mask
        if words >= enough:
            break
    return words


@compiled
def _seeds(a_shingles: np.ndarray, b_shingles: np.ndarray, max_repeats: int) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) for every shingle a[i] == b[j], sorted, as two arrays; a shingle held more than
    `max_repeats` times by b (a table, a list) seeds nothing. b's shingles are set out in a hash
    table (open addressing), each with the chain of its places in b, in order."""
    bits = index_bits(2 * len(b_shingles))
    mask = (1 << bits) - 1
    keys = np.empty(1 << bits, dtype=np.uint64)
    counts = np.zeros(1 << bits, dtype=np.int64)  # 0: an empty slot
    heads = np.empty(1 << bits, dtype=np.int64)  # the first place of the slot's shingle in b
    after = np.empty(len(b_shingles), dtype=np.int64)  # the next place of the same shingle, or -1
    for j in range(len(b_shingles) - 1, -1, -1):  # backwards, so that each chain comes out in order
        slot = _slot(b_shingles[j], bits)
        while counts[slot] and keys[slot] != b_shingles[j]:
            slot = (slot + 1) & mask
        after[j] = heads[slot] if counts[slot] else -1
        keys[slot], heads[slot] = b_shingles[j], j
        counts[slot] += 1
    total = 0
    places = np.empty(len(a_shingles), dtype=np.int64)  # a[i]'s slot, or -1 when it seeds nothing
    for i in range(len(a_shingles)):
        slot = _slot(a_shingles[i], bits)
        while counts[slot] and keys[slot] != a_shingles[i]:
            slot = (slot + 1) & mask
        places[i] = slot if 0 < counts[slot] <= max_repeats else -1
        if places[i] >= 0:
            total += counts[slot]
    first = np.empty(total, dtype=np.int64)
    second = np.empty(total, dtype=np.int64)
    k = 0
    for i in range(len(a_shingles)):
        if places[i] >= 0:
            j = heads[places[i]]
            while j >= 0:
                first[k], second[k] = i, j
                k += 1
                j = after[j]
    return first, second


@compiled
def _coverage(positions: np.ndarray, size: int) -> int:
    """Words inside the shingles starting at `positions` (sorted)."""
    if len(positions) == 0:
        return 0
    words = size
    for k in range(1, len(positions)):
        words += min(positions[k] - positions[k - 1], size)
    return words


@compiled
def _chains(first: np.ndarray, second: np.ndarray, size: int, gap: int) -> np.ndarray:
    """Seeds (first[k], second[k]), sorted, grouped into monotone chains whose steps stay within
    `gap` words in both texts: the chain of each seed (0, 1, ... in the order chains begin).

    A seed joins the open chain whose last seed it follows in both texts within `gap` words with
    the least shift between them (the first opened of equals), or begins a chain. A seed right
    after another on the same diagonal, (i, j) after (i - 1, j - 1), joins that seed's chain at
    once: no chain can fit it better (a shift of 0, and any chain that ties would have taken the
    earlier seed), so only the first seed of each run of copied words compares the open chains.
    """
    n = len(first)
    chain_of = np.empty(n, dtype=np.int64)
    if n == 0:
        return chain_of
    width = second.max() + 2
    codes = first * width + second
    before = np.searchsorted(codes, codes - (width + 1))
    last_i = np.empty(n, dtype=np.int64)
    last_j = np.empty(n, dtype=np.int64)
    active = np.empty(n, dtype=np.int64)  # open chains in the order they began
    opened = n_active = 0
    for k in range(n):
        i, j = first[k], second[k]
        at = min(before[k], n - 1)
        if codes[at] == codes[k] - (width + 1):
            chain = chain_of[at]
        else:
            kept = 0
            for t in range(n_active):  # chains that end too far back are closed
                if last_i[active[t]] + size + gap >= i:
                    active[kept] = active[t]
                    kept += 1
            n_active = kept
            chain, best_shift = -1, gap + 1
            for t in range(n_active):
                li, lj = last_i[active[t]], last_j[active[t]]
                if li < i and lj < j and j - (lj + size) <= gap:
                    shift = abs((i - li) - (j - lj))
                    if shift < best_shift:
                        chain, best_shift = active[t], shift
            if chain < 0:
                chain = opened
                opened += 1
                active[n_active] = chain
                n_active += 1
        chain_of[k] = chain
        last_i[chain], last_j[chain] = i, j
    return chain_of


@compiled
def _free(taken: np.ndarray, start: int, size: int) -> bool:
    """Whether the shingle starting at `start` holds no taken word."""
    for k in range(start, start + size):
        if taken[k]:
            return False
    return True


@compiled
def _free_word(hashes: np.ndarray, taken: np.ndarray, k: int) -> bool:
    """Whether word k exists and no passage has taken it."""
    return 0 <= k < len(hashes) and not taken[k]


@compiled
def _same_word(a: np.ndarray, b: np.ndarray, a_taken: np.ndarray, b_taken: np.ndarray, i: int, j: int) -> bool:
    """Whether a[i] and b[j] are both words not taken by a passage, and the same word."""
    return _free_word(a, a_taken, i) and _free_word(b, b_taken, j) and a[i] == b[j]


@compiled
def _extend(a: np.ndarray, b: np.ndarray, a_taken: np.ndarray, b_taken: np.ndarray,
            i: int, j: int, step: int, limit: int) -> tuple[int, int]:
    """Move a passage edge outwards over words too near the edge for a seed: equal words, or one
    changed word followed by an equal one. `step` -1 moves the start (i, j) left, 1 the end right.
    """
    near = -1 if step < 0 else 0  # the word just outside the edge
    moved = 0
    while moved < limit:
        if _same_word(a, b, a_taken, b_taken, i + near, j + near):
            i, j, moved = i + step, j + step, moved + 1
        elif (_same_word(a, b, a_taken, b_taken, i + near + step, j + near + step)
              and _free_word(a, a_taken, i + near) and _free_word(b, b_taken, j + near)):
            i, j, moved = i + 2 * step, j + 2 * step, moved + 2
        else:
            break
    return i, j


@compiled
def _passage_bounds(a_shingles: np.ndarray, b_shingles: np.ndarray,
                    a_words: np.ndarray, b_words: np.ndarray, a_quoted: np.ndarray, b_quoted: np.ndarray,
                    size: int, gap: int, min_words: int, min_density: float, max_repeats: int) -> np.ndarray:
    """The passages two texts share, in words: one row (a_first, a_last, b_first, b_last, a_matched,
    b_matched) each, a_words[a_first:a_last] ~ b_words[b_first:b_last], in the order they were found.

    Seeds chain (`_chains`); chains are taken longest first, and what an earlier passage took is not
    copied twice. A chain is copy when its seeds cover `min_words` words of both texts, as densely
    as `min_density`, and `min_words` outside quotation marks in one of them; its edges then move
    out over the words too near them for a seed (`_extend`).
    """
    found = np.empty((0, 6), dtype=np.int64)
    first, second = _seeds(a_shingles, b_shingles, max_repeats)
    if _coverage(first, size) < min_words or _coverage(np.sort(second), size) < min_words:
        return found  # every passage's matched words lie inside the shingles of all seeds
    chain_of = _chains(first, second, size, gap)
    chains = chain_of.max() + 1
    lengths = np.bincount(chain_of, minlength=chains)
    by_chain = np.argsort(chain_of, kind="mergesort")  # each chain's seeds together, in order
    starts = np.zeros(chains + 1, dtype=np.int64)
    starts[1:] = np.cumsum(lengths)
    a_taken = np.zeros(len(a_words), dtype=np.bool_)
    b_taken = np.zeros(len(b_words), dtype=np.bool_)
    out = np.empty((chains, 6), dtype=np.int64)
    passages = 0
    for chain in np.argsort(-lengths, kind="mergesort"):  # longest first, then by first seed (chains are numbered so)
        if lengths[chain] * size < min_words:
            break  # this chain and all shorter ones cannot hold enough words
        seeds = by_chain[starts[chain]:starts[chain + 1]]
        if passages:
            free = np.zeros(len(seeds), dtype=np.bool_)
            for n in range(len(seeds)):
                free[n] = _free(a_taken, first[seeds[n]], size) and _free(b_taken, second[seeds[n]], size)
            seeds = seeds[free]
        if len(seeds) == 0:
            continue
        a_seeds, b_seeds = first[seeds], second[seeds]
        a_matched, b_matched = _coverage(a_seeds, size), _coverage(b_seeds, size)  # both rise along a chain
        a_first, a_last = a_seeds[0], a_seeds[-1] + size
        b_first, b_last = b_seeds[0], b_seeds[-1] + size
        if min(a_matched, b_matched) < min_words:
            continue
        if min(a_matched, b_matched) / max(a_last - a_first, b_last - b_first) < min_density:
            continue
        if max(_unquoted(a_seeds, a_quoted, size), _unquoted(b_seeds, b_quoted, size)) < min_words:
            continue
        a_first, b_first = _extend(a_words, b_words, a_taken, b_taken, a_first, b_first, -1, size)
        a_last, b_last = _extend(a_words, b_words, a_taken, b_taken, a_last, b_last, 1, size)
        a_taken[a_first:a_last] = True
        b_taken[b_first:b_last] = True
        out[passages, 0], out[passages, 1], out[passages, 2] = a_first, a_last, b_first
        out[passages, 3], out[passages, 4], out[passages, 5] = b_last, a_matched, b_matched
        passages += 1
    return out[:passages]


@compiled
def _unquoted(seeds: np.ndarray, quoted: np.ndarray, size: int) -> int:
    """Words inside the shingles starting at `seeds` that stand outside quotation marks."""
    covered = np.zeros(len(quoted), dtype=np.bool_)
    for s in seeds:
        covered[s:s + size] = True
    return int((covered & ~quoted).sum())


def align_prepared(prepared_a: Prepared, prepared_b: Prepared, settings: ReuseSettings = ReuseSettings()) -> Alignment:
    """Align two prepared texts (see `align`)."""
    a, b = prepared_a.words, prepared_b.words
    found = _passage_bounds(prepared_a.shingles, prepared_b.shingles,
                            a.hashes, b.hashes, prepared_a.quoted, prepared_b.quoted, settings.shingle,
                            settings.max_gap, settings.min_words, float(settings.min_density), MAX_REPEATS)
    passages = sorted((Passage(int(a.starts[a_first]), int(a.ends[a_last - 1]), int(b.starts[b_first]), int(b.ends[b_last - 1]),
                               round(min(1.0, (a_matched + b_matched) / ((a_last - a_first) + (b_last - b_first))), 4),
                               a_matched, b_matched)
                       for a_first, a_last, b_first, b_last, a_matched, b_matched in found.tolist()),
                      key=lambda p: (p.a_start, p.b_start))
    return Alignment(tuple(passages), int(found[:, 4].sum()) / max(1, len(a)), int(found[:, 5].sum()) / max(1, len(b)))


def align(a: str, b: str, settings: ReuseSettings = ReuseSettings()) -> list[Passage]:
    """The passages texts `a` and `b` share, in the order of `a`; empty when they share no copy."""
    prepared_a, prepared_b = prepare([a, b], settings)
    return list(align_prepared(prepared_a, prepared_b, settings).passages)


@warm_up
def _align_a_pair() -> None:
    """Both steps of aligning as the stage runs them: the pre-check on packed shingles, then a pair."""
    texts = ["Der Kanzler sagte am Montag in Berlin, das Gesetz komme noch vor dem Sommer.",
             "Wie ein Sprecher sagte, komme das Gesetz noch vor dem Sommer, sagte der Kanzler am Montag in Berlin."]
    packer = ShinglePacker()
    flat, bounds = flat_shingles([w.hashes for w in batch_words(texts)], ReuseSettings().shingle)
    packer.add(flat, bounds)
    may_share_copy_each(np.array([[0, 1]], dtype=np.int64), packer.shingles())
    align(*texts)
