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


def _unique_pairs(pairs: np.ndarray, n: int, min_count: int = 1) -> np.ndarray:
    """Distinct pairs seen at least `min_count` times, sorted."""
    if not len(pairs):
        return np.empty((0, 2), dtype=np.int64)
    codes, counts = np.unique(pairs[:, 0] * np.int64(n) + pairs[:, 1], return_counts=True)
    return _decode(codes[counts >= min_count], n)


def _decode(codes: np.ndarray, n: int) -> np.ndarray:
    return np.stack([codes // n, codes % n], axis=1) if len(codes) else np.empty((0, 2), dtype=np.int64)


def _counted(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pair codes and how often each occurs."""
    codes, counts = np.unique(codes, return_counts=True)
    return codes, counts.astype(np.int32)


def _grouped(packed: np.ndarray, owner_bits: int, max_size: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of texts sharing an anchor, as counted pair codes (i * n + j), from anchors packed as
    (key << owner_bits | text); `packed` is sorted in place.

    An anchor held by more than `max_size` texts links them as a chain (each to the next), so
    that work stays linear: a wire passage copied by hundreds of outlets gives the same chain
    for each of its anchors and stays one connected group, while stock phrases, each held by
    another set of texts, rarely give one pair twice.
    """
    packed.sort(kind="stable")  # sorted runs, one per batch: merged in linear time
    if len(packed) < 2:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int32)
    packed = packed[np.concatenate([[True], packed[1:] != packed[:-1]])]  # an anchor repeated inside a text counts once
    shift = np.uint64(owner_bits)
    same = (packed[1:] >> shift) == (packed[:-1] >> shift)
    shared = np.zeros(len(packed), dtype=bool)  # only anchors held by two texts or more can pair
    shared[1:] |= same
    shared[:-1] |= same
    packed = packed[shared]
    if not len(packed):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int32)
    keys = packed >> shift
    members = (packed & np.uint64((1 << owner_bits) - 1)).astype(np.int64)
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], change]).astype(np.int64)
    sizes = np.diff(np.concatenate([starts, [len(packed)]])).astype(np.int64)
    small = sizes <= max_size
    pairs = _pairs_in_groups(members, starts[small], sizes[small])
    codes = pairs[:, 0] * np.int64(n) + pairs[:, 1]
    big = ~small
    if big.any():
        left = concatenated_ranges(starts[big], sizes[big] - 1)
        codes = np.concatenate([codes, members[left] * np.int64(n) + members[left + 1]])
    return _counted(codes)


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
        order = np.argsort(band_key, kind="stable")
        sorted_keys = band_key[order]
        change = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        starts = np.concatenate([[0], change]).astype(np.int64)
        sizes = np.diff(np.concatenate([starts, [len(band_key)]])).astype(np.int64)
        keep = sizes > 1
        members = live[order]
        found.append(_pairs_in_groups(members, starts[keep], sizes[keep]))
        if len(found) > 8:
            found = [_unique_pairs(np.concatenate(found), n)]
    return _unique_pairs(np.concatenate(found), n)


OWNER_BITS = 24
"""Bits of a packed anchor that name its text; the other 40 hold the anchor's hash. Fixed, so that
texts can be hashed before it is known how many there will be (as they are read)."""


def check_text_count(texts: int) -> None:
    """Refuse a candidate run over more texts than an anchor can name."""
    if texts > 1 << OWNER_BITS:
        raise ValueError(f"{texts} texts in one candidate run; at most {1 << OWNER_BITS}: split the corpus (newsdesk.scale)")


PARTS = 16  # a power of two


def anchors_of_shingles(flat: np.ndarray, bounds: np.ndarray, settings: ReuseSettings,
                        first_text: int = 0) -> list[np.ndarray]:
    """The anchors of texts given as flat shingle hashes, packed as (hash << OWNER_BITS | text index)
    in uint64, texts numbered from `first_text`, in PARTS parts by hash range (so that the pairing
    step can take one part at a time), each sorted."""
    owner = np.repeat(np.arange(len(bounds) - 1, dtype=np.uint64) + np.uint64(first_text), np.diff(bounds))
    if settings.anchor_rate > 1:
        chosen = (flat >> np.uint64(40)) % np.uint64(settings.anchor_rate) == 0
        flat, owner = flat[chosen], owner[chosen]
    bits = np.uint64(OWNER_BITS)
    packed = np.sort((flat >> bits << bits) | owner)
    edges = np.searchsorted(packed, np.arange(1, PARTS, dtype=np.uint64) << np.uint64(64 - (PARTS - 1).bit_length()))
    return np.split(packed, edges)


def anchor_pairs_of(anchors: "Spill", n: int, settings: ReuseSettings, pool=None,
                    rank: np.ndarray | None = None) -> np.ndarray:
    """Pairs of texts sharing at least `min_anchors` anchors, one hash range at a time (see `_grouped`):
    `anchors` holds the anchors of each of the PARTS hash ranges, from every batch. With `rank`, the
    anchors name texts by another numbering (the order they were hashed in): text t is rank[t] here,
    and left out when that is -1.

    The pairs each range gives are set aside by their first text, in PARTS ranges of texts, and
    counted up one range of texts at a time: on a million texts they are far more (most share one
    anchor by chance) than the pairs that pass. Both steps run a part at a time in `pool`
    (`Workers`; None: in this process), which reads and writes the parts' files itself.
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
    return _decode(np.concatenate(found), n) if found else np.empty((0, 2), dtype=np.int64)


def _count_pairs_of_part(path: str, folder: str, part: int, n: int, settings: ReuseSettings,
                         rank: np.ndarray | None) -> None:
    """The counted pairs of one hash range's anchors (texts renumbered by `rank` when given), written
    to `folder` by range of first text."""
    packed = np.fromfile(path, dtype=np.uint64)
    Path(path).unlink()
    if rank is not None:
        mask = np.uint64((1 << OWNER_BITS) - 1)
        owner = rank[(packed & mask).astype(np.intp)]
        kept = owner >= 0
        packed = (packed[kept] & ~mask) | owner[kept].astype(np.uint64)
    codes, counts = _grouped(packed, OWNER_BITS, settings.max_df, n)
    del packed
    edges = (np.arange(1, PARTS, dtype=np.int64) * n // PARTS) * np.int64(n)  # first code of each range of texts
    cuts = np.searchsorted(codes, edges)
    for rank, (some_codes, some_counts) in enumerate(zip(np.split(codes, cuts), np.split(counts, cuts))):
        if len(some_codes):
            some_codes.tofile(Path(folder) / f"{rank:02d}-{part:02d}.codes")
            some_counts.tofile(Path(folder) / f"{rank:02d}-{part:02d}.counts")


def _passing_pairs(folder: str, rank: int, settings: ReuseSettings) -> np.ndarray:
    """Codes of the pairs whose first text is in range `rank` that share `min_anchors` anchors, summed over the hash ranges."""
    names = sorted(Path(folder).glob(f"{rank:02d}-*.codes"))
    if not names:
        return np.empty(0, dtype=np.int64)
    codes = np.concatenate([np.fromfile(name, dtype=np.int64) for name in names])
    counts = np.concatenate([np.fromfile(name.with_suffix(".counts"), dtype=np.int32) for name in names])
    for name in names:
        name.unlink()
        name.with_suffix(".counts").unlink()
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], counts[order]
    starts = np.concatenate([[0], np.flatnonzero(codes[1:] != codes[:-1]) + 1])
    return codes[starts][np.add.reduceat(counts, starts) >= settings.min_anchors]


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
