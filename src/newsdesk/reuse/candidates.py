"""Candidate pairs, cheaply and near-linearly, before any alignment.

Two channels over the same word shingles:
- MinHash signatures (an N x num_perm uint32 array, one flat numpy pass per hash function)
  and LSH banding (one band at a time, by sorting) for whole-text near-duplicates;
- anchors: a hash-sampled subset of shingles; texts sharing `min_anchors` of them are
  candidates however little of the whole they share: the usual case of agency copy.
Both return int64 arrays of pairs (i, j), i < j, sorted and unique.
"""
from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..compiled import compiled, index_bits, warm_up
from .settings import ReuseSettings
from .shingles import _mix, batch_words, flat_shingles, mix_columns

EMPTY = np.uint32(0xFFFFFFFF)


def _seed_word(seed: int) -> np.uint64:
    """A 64-bit constant from `seed` that re-keys the shingle hashes of one signature family."""
    return np.random.default_rng(seed).integers(0, 2**63, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def signatures_of_shingles(flat: np.ndarray, bounds: np.ndarray, settings: ReuseSettings) -> np.ndarray:
    """MinHash signatures (texts x num_perm, uint32) of texts given as flat shingle hashes.

    One permutation hashing: each shingle hash (re-keyed by the seed and mixed once) falls into
    one of num_perm bins by its high bits and competes there with its low 32 bits, so the whole
    batch is one pass and one `np.minimum.at` instead of num_perm passes; two texts agree in a
    bin with probability their Jaccard similarity, as with num_perm hash functions. A bin left
    empty takes the value of the next filled bin to its right, shifted by the distance
    (rotation densification, Shrivastava and Li 2014), so short texts still compare bin by bin.
    A text without shingles gets the all-empty signature, which never becomes a candidate.
    """
    texts, width = len(bounds) - 1, settings.num_perm
    out = np.full(texts * width, EMPTY, dtype=np.uint32)
    if not len(flat):
        return out.reshape(texts, width)
    keys = _mix(flat ^ _seed_word(settings.seed))
    with np.errstate(over="ignore"):
        cells = ((keys >> np.uint64(32)) * np.uint64(width)) >> np.uint64(32)
        cells += np.repeat(np.arange(texts, dtype=np.uint64) * np.uint64(width), np.diff(bounds))
    np.minimum.at(out, cells.astype(np.intp), keys.astype(np.uint32))
    out = out.reshape(texts, width)
    _densify(out, np.diff(bounds) > 0)
    return out


def _densify(signature: np.ndarray, live: np.ndarray) -> None:
    """Fill the empty bins of live rows in place: bin j tries donor bins drawn by hashing (j, attempt)
    until one is filled and takes its value re-keyed by the attempt (optimal densification,
    Shrivastava 2017): two texts agree in a filled-in bin with probability their Jaccard
    similarity, and bins do not copy their neighbours, so bands stay independent."""
    width = signature.shape[1]
    empty = signature == EMPTY
    rows = np.flatnonzero(empty.any(axis=1) & live)
    if not len(rows):
        return
    part = signature[rows]
    holes = empty[rows]
    row_of, column = np.nonzero(holes)
    base = column.astype(np.uint64) << np.uint64(32)
    for attempt in range(1, 1 << 12):
        draw = _mix(base | np.uint64(attempt))
        donor = (((draw >> np.uint64(32)) * np.uint64(width)) >> np.uint64(32)).astype(np.intp)
        found = ~holes[row_of, donor]
        if found.any():
            with np.errstate(over="ignore"):
                value = _mix(part[row_of[found], donor[found]].astype(np.uint64) ^ draw[found]).astype(np.uint32)
            part[row_of[found], column[found]] = value
            keep = ~found
            row_of, column, base = row_of[keep], column[keep], base[keep]
        if not len(row_of):
            break
    signature[rows] = part


def signatures(texts: Sequence[str], settings: ReuseSettings = ReuseSettings()) -> np.ndarray:
    """MinHash signatures of `texts` over word shingles: an N x num_perm uint32 array."""
    parts = []
    for begin in range(0, len(texts), settings.batch_size):
        batch = [w.hashes for w in batch_words(texts[begin:begin + settings.batch_size])]
        flat, bounds = flat_shingles(batch, settings.shingle)
        parts.append(signatures_of_shingles(flat, bounds, settings))
    if not parts:
        return np.empty((0, settings.num_perm), dtype=np.uint32)
    return np.concatenate(parts)


def _pairs_in_groups(order: np.ndarray, group_starts: np.ndarray, group_sizes: np.ndarray) -> np.ndarray:
    """All pairs (i, j), i < j, of members within each group `order[start:start+size]`.

    Offset by offset (member p with member p+d of the same group), so that the work is the
    number of pairs, not the square of the largest group.
    """
    if not len(group_sizes):
        return np.empty((0, 2), dtype=np.int64)
    ends = np.repeat(group_starts + group_sizes, group_sizes)
    index = concatenated_ranges(group_starts, group_sizes)
    out = []
    step = 1
    while len(index):
        valid = index + step < ends
        index, ends = index[valid], ends[valid]
        if not len(index):
            break
        left, right = order[index], order[index + step]
        out.append(np.stack([np.minimum(left, right), np.maximum(left, right)], axis=1))
        step += 1
    return np.concatenate(out) if out else np.empty((0, 2), dtype=np.int64)


def concatenated_ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The concatenation of arange(start, start + size) for every group, without a Python loop."""
    total = int(sizes.sum())
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.repeat(starts, sizes) + offsets


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Distinct pairs (of texts numbered below n), sorted: by sorting their codes, since numpy 2.4's
    np.unique hashes them, ten times slower here."""
    if not len(pairs):
        return np.empty((0, 2), dtype=np.int64)
    codes = np.sort(pairs[:, 0] * np.int64(n) + pairs[:, 1])
    codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])]
    return np.stack([codes // n, codes % n], axis=1)


def candidate_pairs(signature: np.ndarray, settings: ReuseSettings = ReuseSettings()) -> np.ndarray:
    """Pairs of rows that agree on every row of at least one LSH band (one band at a time, by sorting)."""
    return pairs_of_band_keys(*band_keys(signature, settings), settings)


def band_keys(signature: np.ndarray, settings: ReuseSettings = ReuseSettings()) -> tuple[np.ndarray, np.ndarray]:
    """One 64-bit key per row and LSH band (rows x bands, uint64: half the signature's size), and
    which rows are live (hold a shingle: an empty row never becomes a candidate)."""
    rows = settings.rows
    keys = np.empty((len(signature), settings.bands), dtype=np.uint64)
    for band in range(settings.bands):
        keys[:, band] = mix_columns(signature[:, band * rows:(band + 1) * rows])
    return keys, (signature != EMPTY).any(axis=1)


def pairs_of_band_keys(keys: np.ndarray, live: np.ndarray, settings: ReuseSettings = ReuseSettings()) -> np.ndarray:
    """Pairs of live rows with the same key in at least one band (`band_keys`), one band at a time."""
    n = len(keys)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    live = np.flatnonzero(live)
    found = []
    for band in range(settings.bands):
        band_key = keys[live, band]
        order = radix_argsort(band_key)
        sorted_keys = band_key[order]
        change = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        starts = np.concatenate([[0], change]).astype(np.int64)
        sizes = np.diff(np.concatenate([starts, [len(band_key)]])).astype(np.int64)
        keep = sizes > 1
        members = live[order]
        found.append(_pairs_in_groups(members, starts[keep], sizes[keep]))
        if len(found) > 8:
            found = [unique_pairs(np.concatenate(found), n)]
    return unique_pairs(np.concatenate(found), n)


OWNER_BITS = 24
"""Bits of a packed anchor that name its text; the other 40 hold the anchor's hash. Fixed, so that
texts can be hashed before it is known how many there will be (as they are read)."""


def check_text_count(texts: int) -> None:
    """Refuse a candidate run over more texts than an anchor can name."""
    if texts > 1 << OWNER_BITS:
        raise ValueError(f"{texts} texts in one candidate run; at most {1 << OWNER_BITS}: split the corpus (newsdesk.scale)")


PART_BITS = 4
PARTS = 1 << PART_BITS


def anchors_of_shingles(flat: np.ndarray, bounds: np.ndarray, settings: ReuseSettings,
                        first_text: int = 0) -> list[np.ndarray]:
    """The anchors of texts given as flat shingle hashes, packed as (hash << OWNER_BITS | text index)
    in uint64, texts numbered from `first_text`, in PARTS parts by hash range (so that the pairing
    step can take one part at a time), each in text order: the pairing step sorts a part once, whole,
    rather than merging a sorted run from every batch."""
    owner = np.repeat(np.arange(len(bounds) - 1, dtype=np.uint64) + np.uint64(first_text), np.diff(bounds))
    if settings.anchor_rate > 1:
        chosen = (flat >> np.uint64(40)) % np.uint64(settings.anchor_rate) == 0
        flat, owner = flat[chosen], owner[chosen]
    bits = np.uint64(OWNER_BITS)
    packed, starts = partitioned((flat >> bits << bits) | owner, 64 - PART_BITS, PART_BITS)
    return np.split(packed, starts[1:-1])


@compiled
def _bucket_starts(values: np.ndarray, shift: int, bits: int) -> np.ndarray:
    """Where each of the 2**bits buckets of the bit field (value >> shift) & (2**bits - 1) begins once
    `values` are put in bucket order, and where the last ends (2**bits + 1 offsets)."""
    mask = np.uint64((1 << bits) - 1)
    starts = np.zeros((1 << bits) + 1, dtype=np.int64)
    for value in values:
        starts[((value >> np.uint64(shift)) & mask) + np.uint64(1)] += 1
    for bucket in range(1 << bits):
        starts[bucket + 1] += starts[bucket]
    return starts


@compiled
def _scatter(source: np.ndarray, target: np.ndarray, shift: int, bits: int, starts: np.ndarray) -> None:
    """Copy `source` into `target` in bucket order (`_bucket_starts`), stably."""
    mask = np.uint64((1 << bits) - 1)
    at = starts[:-1].copy()
    for value in source:
        bucket = (value >> np.uint64(shift)) & mask
        target[at[bucket]] = value
        at[bucket] += 1


@compiled
def partitioned(values: np.ndarray, shift: int, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """`values` (uint64) in the order of the bit field (value >> shift) & (2**bits - 1), stably (a
    counting sort), and where each bucket starts (`_bucket_starts`)."""
    starts = _bucket_starts(values, shift, bits)
    out = np.empty_like(values)
    _scatter(values, out, shift, bits, starts)
    return out, starts


TOP_DIGIT, DIGIT = 8, 10  # bits of radix_sort's first pass and of each pass within its buckets


@compiled
def radix_sort(values: np.ndarray, low_bits: int) -> None:
    """Sort uint64 `values` in place by value >> low_bits, stably (values with equal keys keep their order).

    One counting pass on the top TOP_DIGIT bits in which values differ, then in each of those buckets
    (small enough to stay in a core's cache) one pass per DIGIT bits, least significant first,
    skipping digits in which no two values differ: four passes over the anchors of a part (36 bits
    of hash), 12-15 ns a value, where numpy's sort of uint64, a comparison sort, took 35-70.
    """
    if len(values) < 2:
        return
    differ = np.uint64(0)
    for value in values:
        differ |= value ^ values[0]
    differ = differ >> np.uint64(low_bits) << np.uint64(low_bits)
    if differ == 0:
        return
    width = 64
    while differ >> np.uint64(width - 1) == 0:
        width -= 1
    top_bits = min(TOP_DIGIT, width - low_bits)
    top = width - top_bits
    scratch, starts = partitioned(values, top, top_bits)
    for bucket in range(1 << top_bits):
        source, target = scratch[starts[bucket]:starts[bucket + 1]], values[starts[bucket]:starts[bucket + 1]]
        in_scratch = True
        at = low_bits
        while at < top and len(source) > 1:
            bits = min(DIGIT, top - at)
            if (differ >> np.uint64(at)) & np.uint64((1 << bits) - 1) != 0:
                _scatter(source, target, at, bits, _bucket_starts(source, at, bits))
                source, target = target, source
                in_scratch = not in_scratch
            at += bits
        if in_scratch:
            target[:] = source


@compiled
def _sort_few(values: np.ndarray) -> None:
    """Sort `values` in place: by insertion when they are few (most groups of an anchor's texts: a
    call of numba's sort costs more than sorting them), else by numba's sort."""
    if len(values) > 16:
        values.sort()
        return
    for k in range(1, len(values)):
        value, at = values[k], k
        while at > 0 and values[at - 1] > value:
            values[at] = values[at - 1]
            at -= 1
        values[at] = value


@compiled
def _run_end(values: np.ndarray, start: int, low_bits: int) -> int:
    """Where the run of values with the same value >> low_bits as values[start] ends."""
    end = start + 1
    while end < len(values) and values[end] >> np.uint64(low_bits) == values[start] >> np.uint64(low_bits):
        end += 1
    return end


@compiled
def radix_argsort(keys: np.ndarray) -> np.ndarray:
    """np.argsort(keys, kind="stable") of uint64 `keys`, by `radix_sort` of each key's high bits packed
    with its index, then the runs that share those high bits (equal keys, rarely others) put in
    order of the whole key."""
    bits = index_bits(len(keys))
    packed = np.empty(len(keys), dtype=np.uint64)
    for k in range(len(keys)):
        packed[k] = keys[k] >> np.uint64(bits) << np.uint64(bits) | np.uint64(k)
    radix_sort(packed, bits)
    order = (packed & np.uint64((1 << bits) - 1)).astype(np.int64)
    start = 0
    while start < len(order):
        end = _run_end(packed, start, bits)
        for k in range(start + 1, end):  # insertion, stable: equal keys keep the order of their indices
            index, at = order[k], k
            while at > start and keys[order[at - 1]] > keys[index]:
                order[at] = order[at - 1]
                at -= 1
            order[at] = index
        start = end
    return order


def pair_codes_of_part(packed: np.ndarray, rank: np.ndarray | None, max_size: int) -> np.ndarray:
    """Codes (i << OWNER_BITS | j, i < j) of the pairs of texts sharing an anchor, once per anchor
    (`_pair_codes`), from one hash range's anchors packed as (hash << OWNER_BITS | text), in place:
    texts renamed by `rank` when given (`_renumbered`), then sorted by hash."""
    if rank is not None:
        packed = packed[:_renumbered(packed, rank)]
    radix_sort(packed, OWNER_BITS)
    return _pair_codes(packed, max_size)


@compiled
def _renumbered(packed: np.ndarray, rank: np.ndarray) -> int:
    """Rename the texts of anchors in place, text t becoming rank[t], leaving out those ranked -1: the
    kept anchors come first, and their number is returned. Before the sort, so that the look-ups
    into `rank` come in text order (as anchors are spilled), not at random."""
    mask = np.uint64((1 << OWNER_BITS) - 1)
    kept = 0
    for value in packed:
        text = rank[value & mask]
        if text >= 0:
            packed[kept] = (value & ~mask) | np.uint64(text)
            kept += 1
    return kept


@compiled
def _pair_codes(packed: np.ndarray, max_size: int) -> np.ndarray:
    """`pair_codes_of_part` of anchors sorted by hash.

    An anchor repeated inside a text counts once. An anchor held by more than `max_size` texts
    links them as a chain (each to the next), so that work stays linear: a wire passage copied by
    hundreds of outlets gives the same chain for each of its anchors and stays one connected
    group, while stock phrases, each held by another set of texts, rarely give one pair twice.
    A first pass bounds the codes and the largest group, so that no array grows in the second
    (one that may be replaced inside the loop made it twice as slow).
    """
    capacity, longest, start = 0, 0, 0
    while start < len(packed):
        end = _run_end(packed, start, OWNER_BITS)
        size = min(end - start, max_size)
        capacity += max(size * (size - 1) // 2, end - start - 1)
        longest = max(longest, end - start)
        start = end
    codes = np.empty(capacity, dtype=np.uint64)
    members = np.empty(longest, dtype=np.uint64)
    shift = np.uint64(OWNER_BITS)
    mask = np.uint64((1 << OWNER_BITS) - 1)
    count, start = 0, 0
    while start < len(packed):
        end = _run_end(packed, start, OWNER_BITS)
        if end - start > 1:
            group = members[:end - start]
            for k in range(start, end):
                group[k - start] = packed[k] & mask
            _sort_few(group)
            distinct = 1
            for k in range(1, len(group)):
                if group[k] != group[distinct - 1]:
                    group[distinct] = group[k]
                    distinct += 1
            if distinct > max_size:
                for a in range(distinct - 1):
                    codes[count] = group[a] << shift | group[a + 1]
                    count += 1
            else:
                for a in range(distinct - 1):
                    for b in range(a + 1, distinct):
                        codes[count] = group[a] << shift | group[b]
                        count += 1
        start = end
    return codes[:count]


@warm_up
def _pair_a_few_anchors() -> None:
    """The compiled loops of candidate pairing, on the types the stage gives them (see `compiled.ready`)."""
    anchors = np.zeros(2, dtype=np.uint64)
    radix_sort(anchors, OWNER_BITS)
    radix_argsort(anchors)
    partitioned(anchors, 0, 1)
    _renumbered(anchors, np.zeros(1, dtype=np.int32))
    _pair_codes(anchors, 2)


def anchor_pairs_of(anchors: "Spill", n: int, settings: ReuseSettings, pool=None,
                    rank: np.ndarray | None = None) -> np.ndarray:
    """Pairs of texts sharing at least `min_anchors` anchors, one hash range at a time (see `_pair_codes`):
    `anchors` holds the anchors of each of the PARTS hash ranges, from every batch. With `rank`, the
    anchors name texts by another numbering (the order they were hashed in): text t is rank[t] here,
    and left out when that is -1.

    The pairs each range gives are set aside by their first text, in at most PARTS ranges of texts
    (by the top bits of its number), and counted up one range of texts at a time: on a million
    texts they are far more (most share one anchor by chance) than the pairs that pass. Both steps
    run a part at a time in `pool` (`Workers`; None: in this process), which reads and writes the
    parts' files itself.
    """
    from ..workers import Workers

    workers = pool if pool is not None else Workers(1)
    with tempfile.TemporaryDirectory(prefix="newsdesk-pairs-") as folder:
        paths = anchors.finish()
        counted = ((str(path), folder, part, n, settings, rank) for part, path in enumerate(paths))
        for _ in workers.map(_count_pairs_of_part, counted):
            pass
        found = [codes for codes in workers.map(_passing_pairs, ((folder, texts, settings) for texts in range(PARTS)))
                 if len(codes)]
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.concatenate(found)
    return np.stack([codes >> np.uint64(OWNER_BITS), codes & np.uint64((1 << OWNER_BITS) - 1)], axis=1).astype(np.int64)


def _count_pairs_of_part(path: str, folder: str, part: int, n: int, settings: ReuseSettings,
                         rank: np.ndarray | None) -> None:
    """The pair codes of one hash range's anchors (texts renumbered by `rank` when given), written to
    `folder` by range of first text (the top PART_BITS bits of its number)."""
    packed = np.fromfile(path, dtype=np.uint64)
    Path(path).unlink()
    codes = pair_codes_of_part(packed, rank, settings.max_df)
    del packed
    codes, starts = partitioned(codes, OWNER_BITS + max(0, (n - 1).bit_length() - PART_BITS), PART_BITS)
    for texts in range(PARTS):
        if starts[texts + 1] > starts[texts]:
            codes[starts[texts]:starts[texts + 1]].tofile(Path(folder) / f"{texts:02d}-{part:02d}.codes")


def _passing_pairs(folder: str, texts: int, settings: ReuseSettings) -> np.ndarray:
    """Sorted codes of the pairs whose first text is in range `texts` that share `min_anchors` anchors
    over all hash ranges (a pair's code once for each anchor)."""
    names = sorted(Path(folder).glob(f"{texts:02d}-*.codes"))
    if not names:
        return np.empty(0, dtype=np.uint64)
    codes = np.concatenate([np.fromfile(name, dtype=np.uint64) for name in names])
    for name in names:
        name.unlink()
    radix_sort(codes, 0)
    starts = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
    return codes[starts[np.diff(np.append(starts, len(codes))) >= settings.min_anchors]]


class Spill:
    """Arrays set aside in PARTS temporary files as they come (each part a run of appends), whose
    files are then read one part at a time (`finish`): what candidate generation does with anchors,
    which on a million texts come to several GB (in memory they alone broke the 6 GB a run may take)."""

    def __init__(self, dtype) -> None:
        self.dtype = np.dtype(dtype)
        self._folder = tempfile.TemporaryDirectory(prefix="newsdesk-candidates-")
        self._paths = [Path(self._folder.name) / f"{p:02d}" for p in range(PARTS)]
        self._files = [path.open("wb") for path in self._paths]

    def __enter__(self) -> "Spill":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the parts' files and remove them."""
        for handle in self._files:
            handle.close()
        self._folder.cleanup()

    def add(self, parts: Sequence[np.ndarray]) -> None:
        """Append parts[p] to part p, for each of the PARTS parts."""
        for handle, part in zip(self._files, parts):
            if len(part):
                handle.write(part.astype(self.dtype, copy=False).tobytes())

    def finish(self) -> list[Path]:
        """The files of the parts, complete: whoever reads one may remove it."""
        for handle in self._files:
            handle.close()
        return list(self._paths)


def anchor_pairs(texts: Sequence[str], settings: ReuseSettings = ReuseSettings()) -> np.ndarray:
    """Pairs of `texts` that share copy somewhere (anchors), however little of the whole."""
    check_text_count(len(texts))
    with Spill(np.uint64) as anchors:
        for begin in range(0, len(texts), settings.batch_size):
            batch = [w.hashes for w in batch_words(texts[begin:begin + settings.batch_size])]
            flat, bounds = flat_shingles(batch, settings.anchor_shingle)
            anchors.add(anchors_of_shingles(flat, bounds, settings, begin))
        if len(texts) < 2:
            return np.empty((0, 2), dtype=np.int64)
        return anchor_pairs_of(anchors, len(texts), settings)
