"""The reuse stage: exact and near duplicates, shared passages with their direction, wire groups.

Identical texts are aligned once; candidates come from `candidates`, are verified by `align`,
then every pair of articles holding the two texts gets the passages with its own direction.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from ..groups import Groups
from ..model import Article, Duplicate, Reuse, ReuseResult, Wire, content_id
from .align import Alignment, align_prepared, may_share_copy_each, prepare
from .candidates import (Spill, anchor_pairs_of, anchors_of_shingles, band_keys, check_text_count,
                         pairs_of_band_keys, signatures_of_shingles, unique_pairs)
from .packed import ShinglePacker
from ..workers import Workers, shared_data, worker_count
from .settings import ReuseSettings
from .shingles import batch_word_hashes, flat_shingles_of


PAIRS_PER_BLOCK = 20_000


@dataclass(slots=True, frozen=True)
class Holder:
    """What the stage needs of an article holding a text: its id, date and agency credits (for
    directions); an `Article` serves as well."""

    id: str
    published: str | None
    agencies: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class Direction:
    """Which of two articles is the likely origin of what they share, and how sure that is."""

    source: Holder | Article
    target: Holder | Article
    sureness: str  # "known" | "likely" | "unknown"


def date_order(a: str | None, b: str | None) -> int:
    """-1 if date `a` is earlier than `b`, 1 if later, 0 if equal, unknown or not comparable at their precision."""
    if not a or not b:
        return 0
    if "T" in a and "T" in b:
        try:
            first, second = datetime.fromisoformat(a), datetime.fromisoformat(b)
            if (first.tzinfo is None) == (second.tzinfo is None):
                return (first > second) - (first < second)
        except ValueError:
            pass
    a_day, b_day = a[:10], b[:10]
    common = min(len(a_day), len(b_day))
    a_day, b_day = a_day[:common], b_day[:common]
    return (a_day > b_day) - (a_day < b_day)


def direction(x: Holder | Article, y: Holder | Article, x_contained: bool, y_contained: bool) -> Direction:
    """Vote on the origin: earlier date, agency credit, containment (the text wholly inside the other).

    Two agreeing signals and none against make it "known", a majority "likely"; otherwise
    "unknown" with the earlier (date, then id) article as source.
    """
    votes = [-date_order(x.published, y.published)]
    votes.append((bool(x.agencies) and not y.agencies) - (bool(y.agencies) and not x.agencies))
    votes.append(int(x_contained and not y_contained) - int(y_contained and not x_contained))
    for_x, for_y = votes.count(1), votes.count(-1)
    if for_x == for_y:
        first, second = sorted((x, y), key=lambda a: (a.published is None, a.published or "", a.id))
        return Direction(first, second, "unknown")
    sureness = "known" if min(for_x, for_y) == 0 and max(for_x, for_y) >= 2 else "likely"
    return Direction(x, y, sureness) if for_x > for_y else Direction(y, x, sureness)



@dataclass(slots=True)
class BatchHashes:
    """What candidates and alignment need of a batch of texts, hashed once: each text's LSH band keys
    and whether it holds a shingle (`band_keys`), its anchors (`anchors_of_shingles`, texts numbered
    from 0 in the batch) and, when asked for, its shingle hashes cut to 32 bits (flat, bounds)."""

    keys: np.ndarray
    live: np.ndarray
    anchors: list[np.ndarray]
    shingles: tuple[np.ndarray, np.ndarray] | None


def hash_texts(texts: Sequence[str], settings: ReuseSettings, with_shingles: bool = True) -> BatchHashes:
    """The `BatchHashes` of `texts`: one tokenising pass, one pass per shingle size."""
    words = batch_word_hashes(texts)
    (flat, bounds), (anchor_flat, anchor_bounds) = flat_shingles_of(words, (settings.shingle, settings.anchor_shingle))
    keys, live = band_keys(signatures_of_shingles(flat, bounds, settings), settings)
    return BatchHashes(keys, live, anchors_of_shingles(anchor_flat, anchor_bounds, settings),
                       (flat.astype(np.uint32), bounds) if with_shingles else None)


def hash_batch(chosen: list[int], settings: ReuseSettings, with_shingles: bool) -> BatchHashes:
    """`hash_texts` of the shared texts at positions `chosen` (a worker's task)."""
    texts = shared_data()
    return hash_texts([texts[n] for n in chosen], settings, with_shingles)


class HashedTexts:
    """The `BatchHashes` of many texts, gathered batch by batch in the order the texts were hashed
    (position 0, 1, ...): band keys in memory, anchors spilled to disk by hash range (`Spill`),
    shingles in a temporary file (`ShinglePacker`). Texts can be hashed as they are read, before
    the stage knows them all, which of them it keeps, or their order (see `hashed_candidates`' `order`)."""

    def __init__(self, with_shingles: bool = True) -> None:
        self._keys: list[np.ndarray] = []
        self._live: list[np.ndarray] = []
        self.anchors = Spill(np.uint64)
        self.shingles = ShinglePacker() if with_shingles else None
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, batch: BatchHashes) -> int:
        """Add the texts of `batch` as the next positions; return the first of them."""
        first = self._count
        check_text_count(first + len(batch.keys))
        self.anchors.add([part + np.uint64(first) for part in batch.anchors])  # the batch's text numbers, shifted
        self._keys.append(batch.keys)
        self._live.append(batch.live)
        if self.shingles is not None:
            self.shingles.add(*batch.shingles)
        self._count += len(batch.keys)
        return first

    def band_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """Every text's band keys and whether it is live, by position (`band_keys`)."""
        if not self._keys:
            return np.empty((0, 0), dtype=np.uint64), np.empty(0, dtype=bool)
        return np.concatenate(self._keys), np.concatenate(self._live)

    def close(self) -> None:
        """Remove the spilled anchors (and, once nobody holds them, the shingles)."""
        self.anchors.close()
        self._keys, self._live = [], []


def text_candidates(texts: Sequence[str], settings: ReuseSettings, pool: Workers | None = None) -> np.ndarray:
    """Candidate pairs of distinct texts: MinHash LSH (near-duplicates) and anchors (passages), one hashing pass.

    Batches are hashed in `pool` (made for `texts`; when None, as many processes as
    `settings.workers` asks) and gathered in input order.
    """
    if pool is None:
        with Workers(worker_count(settings.workers, -(-len(texts) // settings.batch_size)), texts) as pool:
            return text_candidates(texts, settings, pool)
    hashed = HashedTexts(with_shingles=False)
    try:
        return hashed_candidates(hash_rest(hashed, texts, settings, pool), settings, pool)
    finally:
        hashed.close()


def hash_rest(hashed: HashedTexts, texts: Sequence[str], settings: ReuseSettings, pool: Workers,
              order: np.ndarray | None = None) -> HashedTexts:
    """Hash the texts `hashed` does not hold yet, as its next positions: texts[n] is (or becomes) its
    position order[n] (None: position n); `pool` shares `texts`."""
    if order is None:
        rest = list(range(len(hashed), len(texts)))
    else:
        missing = np.flatnonzero(order >= len(hashed))
        missing = missing[np.argsort(order[missing])]
        if not np.array_equal(order[missing], np.arange(len(hashed), len(hashed) + len(missing))):
            raise ValueError("texts to hash must take the positions right after those hashed")
        rest = missing.tolist()
    batches = ((rest[begin:begin + settings.batch_size], settings, hashed.shingles is not None)
               for begin in range(0, len(rest), settings.batch_size))
    for batch in pool.map(hash_batch, batches):
        hashed.add(batch)
    return hashed


def hashed_candidates(hashed: HashedTexts, settings: ReuseSettings, pool: Workers | None = None,
                      order: np.ndarray | None = None) -> np.ndarray:
    """`text_candidates` from texts already hashed; with `order`, the stage's text n is the one at
    position order[n] of `hashed` (the others are left out; pairs are of the stage's numbering)."""
    keys, live = hashed.band_keys()
    rank = None
    if order is not None:
        keys, live = keys[order], live[order]
        rank = np.full(len(hashed), -1, dtype=np.int32)  # a text's stage number by its position (-1: not in the stage)
        rank[order] = np.arange(len(order), dtype=np.int32)
    n = len(keys)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    near = pairs_of_band_keys(keys, live, settings)
    del keys
    passages = anchor_pairs_of(hashed.anchors, n, settings, pool, rank)
    return unique_pairs(np.concatenate([near, passages]), n)


def find_reuse(articles: Sequence[Article], settings: ReuseSettings = ReuseSettings()) -> ReuseResult:
    """Duplicates, shared passages (source -> target) and wire groups among `articles`."""
    unique = {a.id: a for a in articles}
    holders: dict[str, list[Article]] = {}
    for article_id in sorted(unique):
        holders.setdefault(unique[article_id].text, []).append(unique[article_id])
    texts = sorted(holders, key=text_key)
    return reuse_of_texts(texts, [holders[t] for t in texts], [not t.strip() for t in texts], settings)


def text_key(text: str | bytes) -> str:
    """The order of distinct texts in the stage: by content, never by input order (the full hash, so
    that texts read back from a store a batch at a time sort the same without being compared). The
    text may come as its UTF-8 bytes (`content_id`)."""
    return content_id(text, length=64)


def reuse_of_texts(texts: Sequence[str], holders: Sequence[Sequence[Holder | Article]], blank: Sequence[bool],
                   settings: ReuseSettings = ReuseSettings(), hashed: HashedTexts | None = None,
                   order: np.ndarray | None = None) -> ReuseResult:
    """`find_reuse` over distinct texts sorted by `text_key`: texts[n] is held by the articles
    holders[n] (sorted by id) and is blank (whitespace only) when blank[n].

    `texts` may decompress its items when asked (`PackedTexts`): only the hashing and alignment
    work items read them, a batch at a time. `hashed` and `order`: texts hashed already (see
    `align_candidates`).
    """
    aligned = align_candidates(texts, settings, hashed, order)
    reuse, pair_ways = _passages(holders, aligned, settings)
    copies = {}  # identical copies: the earliest, credited one first, to each other one
    for n, group in enumerate(holders):
        if len(group) > 1:
            group = sorted(group, key=lambda a: (a.published or "9999", not a.agencies, a.id))
            copies[n] = [direction(group[0], x, True, True) for x in group[1:]]
    wires = []
    for group_texts, group_pairs in _wire_groups(aligned, pair_ways, holders, blank):
        members = sorted({a.id: a for t in group_texts for a in holders[t]}.values(), key=lambda a: a.id)
        if len(members) > 1:
            ways = [w for k in group_pairs for w in pair_ways[k]] + [w for t in group_texts for w in copies.get(t, ())]
            wires.append(_wire(members, ways))
    return ReuseResult(
        duplicates=tuple(sorted(_duplicates(holders, blank, aligned, settings), key=lambda d: (d.kind, d.articles))),
        reuse=tuple(sorted(reuse, key=lambda r: (r.source, r.target, r.source_start, r.target_start,
                                                   r.source_end, r.target_end))),
        wires=tuple(sorted(wires, key=lambda w: w.id)),
    )


def align_candidates(texts: Sequence[str], settings: ReuseSettings, hashed: HashedTexts | None = None,
                     order: np.ndarray | None = None) -> list[tuple[int, int, Alignment]]:
    """(i, j, alignment) for every candidate pair of distinct texts that shares copy.

    `hashed` holds the hashes of some texts already (hashed as they were read, say): texts[n] is
    its position order[n] (see `hash_rest`); the others are hashed here. It is used up."""
    processes = worker_count(settings.workers, -(-len(texts) // settings.batch_size))
    hashed = hashed if hashed is not None else HashedTexts()
    try:
        with Workers(processes, texts) as pool:
            pairs = hashed_candidates(hash_rest(hashed, texts, settings, pool, order), settings, pool, order)
    finally:
        hashed.close()
    shingles = hashed.shingles.shingles()
    if order is not None:
        shingles = shingles.reordered(order)
    blocks = [(pairs[begin:begin + PAIRS_PER_BLOCK], settings) for begin in range(0, len(pairs), PAIRS_PER_BLOCK)]
    aligned = []
    with Workers(processes, (texts, shingles)) as pool:  # forked now: the workers share the shingles too
        for block, found in zip(range(0, len(pairs), PAIRS_PER_BLOCK), pool.map(align_block, blocks)):
            for k, alignment in found:
                i, j = pairs[block + k].tolist()
                aligned.append((i, j, alignment))
    return aligned


def align_block(pairs: np.ndarray, settings: ReuseSettings) -> list[tuple[int, Alignment]]:
    """(position in `pairs`, alignment) of each pair of shared texts that shares copy."""
    texts, shingles = shared_data()
    # most candidates share too few shingles to hold a passage: only the others are read and scanned for spans
    hopeful = np.flatnonzero(may_share_copy_each(pairs, shingles, settings))
    if not len(hopeful):
        return []
    needed, inner = np.unique(pairs[hopeful], return_inverse=True)
    prepared = prepare([texts[n] for n in needed.tolist()], settings)
    out = []
    for k, (i, j) in zip(hopeful.tolist(), inner.reshape(-1, 2).tolist()):
        alignment = align_prepared(prepared[i], prepared[j], settings)
        if alignment.passages:
            out.append((k, alignment))
    return out


def _duplicates(holders: Sequence[Sequence[Holder]], blank: Sequence[bool], aligned: list[tuple[int, int, Alignment]],
                settings: ReuseSettings) -> list[Duplicate]:
    """Exact groups (one text, several articles) and near groups (texts almost wholly aligned)."""
    out = [Duplicate(tuple(a.id for a in group), "exact", 1.0)
           for group, empty in zip(holders, blank) if len(group) > 1 and not empty]
    near = Groups(len(holders))
    lowest: dict[tuple[int, int], float] = {}
    for i, j, alignment in aligned:
        if min(alignment.a_cover, alignment.b_cover) >= settings.near_duplicate:
            near.join(i, j)
            lowest[(i, j)] = alignment.similarity
    by_root: dict[int, float] = {}
    for (i, _), value in lowest.items():
        root = near.find(i)
        by_root[root] = min(by_root.get(root, 1.0), value)
    for group in near.groups():
        members = sorted(a.id for t in group for a in holders[t])
        out.append(Duplicate(tuple(members), "near", round(by_root[near.find(group[0])], 4)))
    return out


def _passages(holders: Sequence[Sequence[Holder]], aligned: list[tuple[int, int, Alignment]],
              settings: ReuseSettings) -> tuple[list[Reuse], list[list[Direction]]]:
    """Every shared passage for every pair of articles holding two aligned texts, pointing from its
    likely origin; and the directions decided for each aligned pair."""
    reuse: list[Reuse] = []
    pair_ways: list[list[Direction]] = []
    for i, j, alignment in aligned:
        a_contained = alignment.a_cover >= settings.containment
        b_contained = alignment.b_cover >= settings.containment
        ways = []
        for x in holders[i]:
            for y in holders[j]:
                way = direction(x, y, a_contained, b_contained)
                ways.append(way)
                for p in alignment.passages:
                    if way.source is x:
                        reuse.append(Reuse(x.id, p.a_start, p.a_end, y.id, p.b_start, p.b_end, p.similarity, way.sureness))
                    else:
                        reuse.append(Reuse(y.id, p.b_start, p.b_end, x.id, p.a_start, p.a_end, p.similarity, way.sureness))
        pair_ways.append(ways)
    return reuse, pair_ways


def _wire_groups(aligned: list[tuple[int, int, Alignment]], pair_ways: list[list[Direction]],
                 holders: Sequence[Sequence[Holder]], blank: Sequence[bool]) -> list[tuple[list[int], list[int]]]:
    """Texts sharing copy of one wire text: (texts, aligned pairs) per group.

    The passages two texts share are one wire text; passages join within a text where they
    overlap (a copy of a copy); all passages of a text that is only ever a source are one wire text.
    An outlet mixing two wire texts belongs to both groups, and the groups stay apart.
    """
    sides: list[tuple[int, int, int, int]] = []  # (text, start, end, pair)
    for k, (i, j, alignment) in enumerate(aligned):
        for p in alignment.passages:
            sides.append((i, p.a_start, p.a_end, k))
            sides.append((j, p.b_start, p.b_end, k))
    groups = Groups(len(sides))
    for n in range(1, len(sides)):
        if sides[n][3] == sides[n - 1][3]:  # two texts sharing several passages share one wire text
            groups.join(n - 1, n)
    copied_from: set[int] = set()
    copied_to: set[int] = set()
    for (i, j, _), ways in zip(aligned, pair_ways):
        for way in ways:
            if way.sureness != "unknown":
                source_text = i if any(way.source is x for x in holders[i]) else j
                copied_to.add(source_text)
                copied_from.add(j if source_text == i else i)
    by_text: dict[int, list[int]] = {}
    for n, (text, *_rest) in enumerate(sides):
        by_text.setdefault(text, []).append(n)
    for text, members in by_text.items():
        members.sort(key=lambda n: sides[n][1:3])
        if text in copied_to and text not in copied_from:
            for n in members[1:]:
                groups.join(members[0], n)
            continue
        reach, last = -1, None
        for n in members:
            if sides[n][1] < reach:
                groups.join(last, n)
            if sides[n][2] > reach:
                reach, last = sides[n][2], n
    out: dict[int, tuple[set[int], set[int]]] = {}
    for n, (text, _, _, pair) in enumerate(sides):
        entry = out.setdefault(groups.find(n), (set(), set()))
        entry[0].add(text)
        entry[1].add(pair)
    result = [(sorted(t), sorted(p)) for t, p in out.values()]
    linked = {t for t, _ in by_text.items()}
    result += [([n], []) for n, group in enumerate(holders) if n not in linked and len(group) > 1 and not blank[n]]
    return result


def _wire(members: list[Holder], decided: list[Direction]) -> Wire:
    """A wire group; its origin is the member no decided direction points to and at least one points from."""
    ids = {a.id for a in members}
    earliest = lambda a: (a.published is None, a.published or "", a.id)  # noqa: E731
    incoming: dict[str, int] = {}
    outgoing: dict[str, int] = {}
    for way in decided:
        if way.sureness == "unknown":
            continue
        outgoing[way.source.id] = outgoing.get(way.source.id, 0) + 1
        incoming[way.target.id] = incoming.get(way.target.id, 0) + 1
    roots = [a for a in members if not incoming.get(a.id) and outgoing.get(a.id)]
    origin = min(roots, key=lambda a: (-outgoing[a.id], not a.agencies, earliest(a))) if roots else None
    anchor = origin or min(members, key=earliest)
    agency = sorted(origin.agencies)[0] if origin is not None and origin.agencies else None
    return Wire(content_id("wire", anchor.id, *sorted(ids)), origin.id if origin else None,
                tuple(sorted(ids)), agency)
