"""The incremental story index: new articles join stories without re-clustering the store.

How a decision is made, and why the result depends only on the set of articles:
1. Candidates: articles sharing a blocking key (a top entity or term, or an embedding band
   signature) and a compatible date (at most `window_days` apart; undated fits any date).
2. Pair score: a weighted mean of embedding, term, entity (and stated-date) cosines, computed
   from the two articles alone and rounded, so it is the same whichever of the two came first.
3. Regions: articles linked by a pair score at or above the threshold. An average-linkage merge
   at the threshold needs such a pair, so no story crosses a region.
4. Stories: average linkage inside each region the batch touched, over its members sorted by
   (date, id), cut at the threshold. Other regions are left as they are.
Every step is a function of content, so any order or batch split gives the same stories.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from collections.abc import Iterable, Sequence

import numpy as np

from ..model import Story
from .features import EMBEDDING_DIM, ArticleFeatures
from .settings import StorySettings

_UNDATED_FIRST = -(10**9)
_UNDATED_LAST = 10**9
_FORMAT = "newsdesk.stories.index/2"
_BUCKET_DAYS = 8
_UNDATED_BUCKET = -(2**40)
_MASK = (1 << 63) - 1


def _slot(key: int, bucket: int) -> int:
    """One int for (key, time bucket): keys are 63-bit hashes, so mixing in the bucket keeps them apart."""
    return (key ^ ((bucket * 0x9E3779B97F4A7C15) & _MASK)) & _MASK


def _key(kind: str, token: str) -> int:
    """A stable 63-bit id of a term, entity or blocking key (the same on every run and engine)."""
    return int.from_bytes(hashlib.blake2b(f"{kind}\x1f{token}".encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little") >> 1


def _sparse(pairs: tuple[tuple[str, float], ...], kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Token weights (float32) as arrays sorted by hashed id."""
    items = sorted((_key(kind, t), w) for t, w in pairs)
    return (np.fromiter((i for i, _ in items), dtype=np.int64, count=len(items)),
            np.fromiter((w for _, w in items), dtype=np.float32, count=len(items)))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> None:
        self.parent.append(len(self.parent))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        return keep


class StoryIndex:
    """Stories over every article added so far; `add` is incremental and idempotent."""

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings or StorySettings()
        self._row: dict[str, int] = {}
        self._ids: list[str] = []
        self._titles: list[str] = []
        self._published: list[str | None] = []
        self._languages: list[str] = []
        self._first = np.zeros(0, dtype=np.int64)
        self._last = np.zeros(0, dtype=np.int64)
        self._embeddings = np.zeros((0, EMBEDDING_DIM), dtype=np.float16)
        self._has_embedding: list[bool] = []
        self._terms: list[tuple[np.ndarray, np.ndarray]] = []
        self._entities: list[tuple[np.ndarray, np.ndarray]] = []
        self._dates: list[tuple[np.ndarray, np.ndarray]] = []
        self._keys: list[np.ndarray] = []
        self._postings: dict[int, int | list[int]] = {}  # (key, time bucket) id -> row, or rows
        self._all_buckets: set[int] = {_UNDATED_BUCKET}
        self._language_codes: dict[str, int] = {}
        self._language = np.zeros(0, dtype=np.int32)
        self._embedded = np.zeros(0, dtype=bool)
        self._neighbours: list[dict[int, float]] = []
        self._regions = _UnionFind()
        self._members: dict[int, list[int]] = {}
        self._story: list[int] = []  # row -> row of its story's earliest article
        self._aliases: dict[str, str] = {}
        self._fresh: set[int] = set()  # rows of the batch being added: never a story id before it
        rng = np.random.default_rng(20240618)
        self._planes = rng.standard_normal((self.settings.lsh_bands * self.settings.lsh_bits, EMBEDDING_DIM))

    # -- adding ---------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._row

    def add(self, features: Sequence[ArticleFeatures]) -> None:
        """Add articles (already known ids are skipped) and update the stories of the regions they touch."""
        fresh: dict[str, ArticleFeatures] = {}
        for f in features:
            if f.id not in self._row and f.id not in fresh:
                fresh[f.id] = f
        if not fresh:
            return
        batch = sorted(fresh.values(), key=_order_key)
        self._grow(len(batch))
        touched: set[int] = set()
        self._fresh = set()
        for f in batch:
            row = self._append(f)
            for other, score in self._score(row).items():
                self._neighbours[row][other] = score
                self._neighbours[other][row] = score
                if score >= self.settings.threshold:
                    self._join(row, other)
            touched.add(row)
            self._fresh.add(row)
        for root in sorted({self._regions.find(r) for r in touched}):
            self._recluster(root)

    def _grow(self, extra: int) -> None:
        need = len(self._ids) + extra
        if need > self._embeddings.shape[0]:
            capacity = max(need, self._embeddings.shape[0] * 3 // 2, 64)
            for name, kind in (("_first", np.int64), ("_last", np.int64), ("_language", np.int32),
                               ("_embedded", bool)):
                old = getattr(self, name)
                new = np.zeros(capacity, dtype=kind)
                new[: len(old)] = old
                setattr(self, name, new)
            embeddings = np.zeros((capacity, EMBEDDING_DIM), dtype=np.float16)
            embeddings[: self._embeddings.shape[0]] = self._embeddings
            self._embeddings = embeddings

    def _append(self, f: ArticleFeatures) -> int:
        row = len(self._ids)
        self._row[f.id] = row
        self._ids.append(f.id)
        self._titles.append(f.title)
        self._published.append(f.published)
        self._languages.append(f.language)
        self._language[row] = self._language_codes.setdefault(f.language, len(self._language_codes))
        self._first[row] = _UNDATED_FIRST if f.day_first is None else f.day_first
        self._last[row] = _UNDATED_LAST if f.day_last is None else f.day_last
        has = f.embedding is not None and self.settings.weight_embedding > 0
        self._has_embedding.append(has)
        self._embedded[row] = has
        if has:
            self._embeddings[row] = f.embedding
        self._terms.append(_sparse(f.terms, "t"))
        self._entities.append(_sparse(f.entities, "e"))
        self._dates.append(_sparse(f.dates, "d"))
        keys = np.array(sorted(self._block_keys(f)), dtype=np.int64)
        self._keys.append(keys)
        self._neighbours.append({})
        self._regions.add()
        self._members[row] = [row]
        self._story.append(row)
        return row

    def _block_keys(self, f: ArticleFeatures) -> set[int]:
        """Keys a candidate must share: top entities and terms by weight, and embedding band signatures."""
        n = self.settings.block_keys
        keys = {_key("be", t) for _, t in sorted((-w, t) for t, w in f.entities)[:n]}
        keys |= {_key("bt", t) for _, t in sorted((-w, t) for t, w in f.terms)[:n]}
        if f.embedding is not None and self.settings.weight_embedding > 0 and self.settings.lsh_bands:
            bits = (self._planes @ np.asarray(f.embedding, dtype=np.float64)) > 0
            for band in range(self.settings.lsh_bands):
                chunk = bits[band * self.settings.lsh_bits:(band + 1) * self.settings.lsh_bits]
                keys.add(_key("bl", f"{band}:" + "".join("1" if b else "0" for b in chunk)))
        return keys

    def _time_buckets(self, row: int, margin: int) -> list[int]:
        """Buckets of `_BUCKET_DAYS` days that the row's dates (widened by `margin`) touch."""
        first, last = int(self._first[row]), int(self._last[row])
        if first == _UNDATED_FIRST:
            return [_UNDATED_BUCKET]
        return list(range((first - margin) // _BUCKET_DAYS, (last + margin) // _BUCKET_DAYS + 1))

    def _post(self, row: int) -> None:
        """Enter the row under each of its keys, in the time buckets its dates touch."""
        buckets = self._time_buckets(row, 0)
        self._all_buckets.update(buckets)
        postings = self._postings
        for key in self._keys[row].tolist():
            for bucket in buckets:
                slot = _slot(key, bucket)
                posting = postings.get(slot)
                if posting is None:
                    postings[slot] = row  # most keys stay single: no list for them
                elif isinstance(posting, int):
                    postings[slot] = [posting, row]
                else:
                    posting.append(row)

    def _candidates(self, row: int) -> np.ndarray:
        """Earlier rows sharing a key with `row` and a compatible date, sorted."""
        found: list[int] = []
        window = self.settings.window_days
        if self._first[row] != _UNDATED_FIRST:
            wanted = self._time_buckets(row, window) + [_UNDATED_BUCKET]
        else:
            wanted = sorted(self._all_buckets)
        postings = self._postings
        for key in self._keys[row].tolist():
            for bucket in wanted:
                posting = postings.get(_slot(key, bucket))
                if posting is None:
                    continue
                if isinstance(posting, int):
                    found.append(posting)
                else:
                    found.extend(posting)
        self._post(row)
        if not found:
            return np.zeros(0, dtype=np.int64)
        rows = np.unique(np.array(found, dtype=np.int64))
        gap = np.maximum(self._first[rows], self._first[row]) - np.minimum(self._last[rows], self._last[row])
        return rows[gap <= window]

    def _score(self, row: int) -> dict[int, float]:
        """Pair scores of `row` with its candidates, kept when at least `keep_similarity`."""
        rows = self._candidates(row)
        if rows.size == 0:
            return {}
        s = self.settings
        same = self._language[rows] == self._language[row]
        embedding = np.zeros(rows.size)
        use_embedding = self._has_embedding[row]
        if use_embedding:
            embedding = self._embeddings[rows].astype(np.float64) @ self._embeddings[row].astype(np.float64)
            embedding *= self._embedded[rows]
        entities = _cosines(self._entities, rows, self._entities[row])
        terms = np.zeros(rows.size)
        if same.any():
            terms[same] = _cosines(self._terms, rows[same], self._terms[row])
        we = s.weight_embedding if use_embedding else 0.0
        # stated dates (datelines) stand in for publication dates: they count where both leads state
        # some and one of the two articles is undated (two publication dates decide by the window)
        wd = np.zeros(rows.size)
        dates = np.zeros(rows.size)
        if s.weight_dates > 0 and self._dates[row][0].size:
            stated = np.fromiter((self._dates[r][0].size > 0 for r in rows.tolist()), bool, rows.size)
            if self._first[row] != _UNDATED_FIRST:
                stated &= self._first[rows] == _UNDATED_FIRST
            wd[stated] = s.weight_dates
            if stated.any():
                dates[stated] = _cosines(self._dates, rows[stated], self._dates[row])
        weight_same = we + s.weight_terms + s.weight_entities + wd
        weight_cross = we + s.weight_entities + wd
        score_same = (we * embedding + s.weight_terms * terms + s.weight_entities * entities + wd * dates) / weight_same
        score_cross = np.zeros(rows.size)
        if we + s.weight_entities > 0:
            score_cross = (we * embedding + s.weight_entities * entities + wd * dates) / weight_cross
            score_cross *= s.threshold / s.cross_lingual_threshold
        score = np.round(np.clip(np.where(same, score_same, score_cross), 0.0, 1.0), 4)
        keep = score >= s.keep_similarity
        return dict(zip(rows[keep].tolist(), score[keep].tolist()))

    def _join(self, a: int, b: int) -> None:
        ra, rb = self._regions.find(a), self._regions.find(b)
        if ra == rb:
            return
        keep = self._regions.union(ra, rb)
        drop = rb if keep == ra else ra
        self._members[keep].extend(self._members.pop(drop))

    # -- clustering inside a region -------------------------------------------------------
    def _sort_key(self, row: int) -> tuple:
        return (int(self._first[row]), self._published[row] or "", self._ids[row])

    def _recluster(self, root: int) -> None:
        """Average linkage over one region's members, sorted by (date, id); update stories and aliases."""
        members = sorted(self._members[root], key=self._sort_key)
        old = {self._ids[self._story[r]] for r in members if r not in self._fresh}
        limit = self.settings.max_region
        for start in range(0, len(members), limit):
            for cluster in self._average_linkage(members[start:start + limit]):
                head = min(cluster, key=self._sort_key)
                for r in cluster:
                    self._story[r] = head
        new = {self._ids[self._story[r]] for r in members}
        for gone in sorted(old - new):
            kept = self._ids[self._story[self._row[gone]]]
            self._aliases[gone] = kept
            for alias, target in list(self._aliases.items()):
                if target == gone:
                    self._aliases[alias] = kept
        for story_id in new:
            self._aliases.pop(story_id, None)

    def _average_linkage(self, rows: list[int]) -> list[list[int]]:
        if len(rows) == 1:
            return [rows]
        from scipy.cluster.hierarchy import fcluster, linkage

        position = {r: i for i, r in enumerate(rows)}
        size = len(rows)
        similarity = np.zeros((size, size))
        for i, r in enumerate(rows):
            for other, score in self._neighbours[r].items():
                j = position.get(other)
                if j is not None:
                    similarity[i, j] = score
        distance = 1.0 - similarity[np.triu_indices(size, 1)]
        labels = fcluster(linkage(distance, method="average"), 1.0 - self.settings.threshold + 1e-9,
                          criterion="distance")
        clusters: dict[int, list[int]] = {}
        for r, label in zip(rows, labels.tolist()):
            clusters.setdefault(label, []).append(r)
        return list(clusters.values())

    # -- reading ----------------------------------------------------------------------------
    def stories(self) -> list[Story]:
        """Every story: id of its earliest article, a title from its most central article, sorted by (first seen, id)."""
        groups: dict[int, list[int]] = {}
        for row, head in enumerate(self._story):
            groups.setdefault(head, []).append(row)
        out = [self._make_story(head, rows) for head, rows in groups.items()]
        return sorted(out, key=lambda s: (s.first_seen or "\uffff", s.id))

    def _make_story(self, head: int, rows: list[int]) -> Story:
        central = max(rows, key=lambda r: (sum(self._neighbours[r].get(o, 0.0) for o in rows if o != r),
                                           bool(self._titles[r]), _negated(self._sort_key(r))))
        dated = [r for r in rows if self._published[r] and self._first[r] != _UNDATED_FIRST]
        first = min(dated, key=lambda r: (int(self._first[r]), self._published[r]), default=None)
        last = max(dated, key=lambda r: (int(self._last[r]), self._published[r]), default=None)
        return Story(
            id=self._ids[head], title=self._titles[central],
            articles=tuple(sorted(self._ids[r] for r in rows)),
            first_seen=None if first is None else self._published[first],
            last_seen=None if last is None else self._published[last])

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article belongs to (None when it was never added)."""
        row = self._row.get(article_id)
        return None if row is None else self._ids[self._story[row]]

    def aliases(self) -> dict[str, str]:
        """Ids of stories merged away -> the id of the story that holds them now."""
        return dict(sorted(self._aliases.items()))

    # -- storage ------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The whole state, so that a later run resumes where this one stopped."""
        n = len(self._ids)
        pairs = [(r, o, s) for r, nb in enumerate(self._neighbours) for o, s in nb.items() if r < o]
        meta = {"format": _FORMAT, "settings": _scoring(self.settings), "ids": self._ids, "titles": self._titles, "published": self._published,
                "languages": self._languages, "aliases": self._aliases}
        arrays = {
            "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            "first": self._first[:n], "last": self._last[:n], "embeddings": self._embeddings[:n],
            "has_embedding": np.array(self._has_embedding, dtype=bool),
            "story": np.array(self._story, dtype=np.int64),
            "pair_rows": np.array([p[:2] for p in pairs], dtype=np.int64).reshape(-1, 2),
            "pair_scores": np.array([p[2] for p in pairs], dtype=np.float64),
        }
        for name, lists in (("terms", self._terms), ("entities", self._entities), ("dates", self._dates)):
            arrays[f"{name}_ids"], arrays[f"{name}_weights"], arrays[f"{name}_offsets"] = _pack(lists)
        arrays["keys"], _, arrays["keys_offsets"] = _pack([(k, np.zeros(len(k))) for k in self._keys])
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, settings: StorySettings | None = None) -> "StoryIndex":
        """An index stored with `to_bytes`, ready to take more articles."""
        index = cls(settings)
        with np.load(io.BytesIO(data)) as arrays:
            meta = _checked_meta(arrays, index.settings)
            n = len(meta["ids"])
            index._ids = meta["ids"]
            index._row = {a: i for i, a in enumerate(index._ids)}
            index._titles, index._published, index._languages = meta["titles"], meta["published"], meta["languages"]
            index._aliases = meta["aliases"]
            index._grow(n)
            index._first[:n], index._last[:n] = arrays["first"], arrays["last"]
            index._embeddings[:n] = arrays["embeddings"]
            index._has_embedding = arrays["has_embedding"].tolist()
            index._embedded[:n] = arrays["has_embedding"]
            for row, language in enumerate(index._languages):
                index._language[row] = index._language_codes.setdefault(language, len(index._language_codes))
            index._story = arrays["story"].tolist()
            index._terms = _unpack(arrays["terms_ids"], arrays["terms_weights"], arrays["terms_offsets"])
            index._entities = _unpack(arrays["entities_ids"], arrays["entities_weights"], arrays["entities_offsets"])
            index._dates = _unpack(arrays["dates_ids"], arrays["dates_weights"], arrays["dates_offsets"])
            keys = _unpack(arrays["keys"], np.zeros(len(arrays["keys"])), arrays["keys_offsets"])
            index._keys = [k for k, _ in keys]
            pair_rows, pair_scores = arrays["pair_rows"], arrays["pair_scores"]
        index._neighbours = [{} for _ in range(n)]
        for row in range(n):
            index._regions.add()
            index._members[row] = [row]
            index._post(row)
        for (a, b), score in zip(pair_rows.tolist(), pair_scores.tolist()):
            index._neighbours[a][b] = score
            index._neighbours[b][a] = score
            if score >= index.settings.threshold:
                index._join(a, b)
        return index


def fits(data: bytes, settings: StorySettings | None = None) -> bool:
    """Whether an index stored with `to_bytes` was built with these settings (and this format), so
    that `StoryIndex.from_bytes` takes it: read from its small head alone, not the whole index."""
    with np.load(io.BytesIO(data)) as arrays:
        try:
            _checked_meta(arrays, settings or StorySettings())
        except ValueError:
            return False
    return True


def _checked_meta(arrays, settings: StorySettings) -> dict:
    """The head of a stored index; ValueError saying why when its format or settings are not these."""
    meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    if meta.get("format") != _FORMAT:
        raise ValueError(f"stored story index has format {meta.get('format')!r}; expected {_FORMAT!r}: "
                         "drop the stored state to re-cluster")
    stored, wanted = meta.get("settings", {}), _scoring(settings)
    changed = sorted(k for k in set(stored) | set(wanted) if stored.get(k) != wanted.get(k))
    if changed:
        raise ValueError("the stored story index was built with other [stories] settings ("
                         + ", ".join(f"{k}: {stored.get(k)!r} -> {wanted.get(k)!r}" for k in changed)
                         + "); drop the stored state to re-cluster with the new ones")
    return meta


def _scoring(settings: StorySettings) -> dict:
    """The settings a stored index depends on (all but the clustering slice size)."""
    values = dataclasses.asdict(settings)
    values.pop("max_region", None)
    return values


def _order_key(f: ArticleFeatures) -> tuple:
    return (_UNDATED_FIRST if f.day_first is None else f.day_first, f.published or "", f.id)


def _negated(key: tuple) -> tuple:
    """A key that sorts the other way round (earliest article wins a tie for the most central)."""
    first, published, article = key
    return (-first, tuple(-ord(c) for c in published), tuple(-ord(c) for c in article))


def _cosines(store: list[tuple[np.ndarray, np.ndarray]], rows: np.ndarray,
             query: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Dot products of the query's unit sparse vector with each row's (both sorted by id)."""
    q_ids, q_weights = query
    out = np.zeros(rows.size)
    if rows.size == 0 or q_ids.size == 0:
        return out
    parts = [store[r] for r in rows.tolist()]
    lengths = np.fromiter((len(p[0]) for p in parts), np.int64, rows.size)
    if lengths.sum() == 0:
        return out
    ids = np.concatenate([p[0] for p in parts])
    weights = np.concatenate([p[1] for p in parts])
    owner = np.repeat(np.arange(rows.size), lengths)
    where = np.minimum(np.searchsorted(q_ids, ids), q_ids.size - 1)
    hit = q_ids[where] == ids
    return np.bincount(owner[hit], weights[hit] * q_weights[where[hit]], minlength=rows.size)


def _pack(lists: Iterable[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lists = list(lists)
    offsets = np.zeros(len(lists) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(i) for i, _ in lists]) if lists else []
    ids = np.concatenate([i for i, _ in lists]).astype(np.int64) if lists else np.zeros(0, np.int64)
    weights = np.concatenate([w for _, w in lists]).astype(np.float32) if lists else np.zeros(0, np.float32)
    return ids, weights, offsets


def _unpack(ids: np.ndarray, weights: np.ndarray, offsets: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(ids[a:b].copy(), weights[a:b].copy()) for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]
