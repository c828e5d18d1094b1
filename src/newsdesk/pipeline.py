"""The flow: read -> clean -> store, then the stages across articles, then one analysis document.

Every stage is a plain function over model objects; this module only wires them to the store,
in transactions per batch, so that an interrupted run resumes and a repeated one adds nothing.
"""
from __future__ import annotations

import collections
import itertools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .clean import clean_all
from .config import Settings
from .ingest import iter_files
from .ingest.jsonl import NO_RECORDS
from .ingest.read import FilePart, file_parts, read_part
from .jsontext import indented_json, indented_utf8_items
from .model import Article, Duplicate, RawArticle, Reuse, ReuseResult, Skip, Story, Wire, article_entry, content_id
from .reuse.find import BatchHashes, HashedTexts, Holder, hash_texts
from .reuse.packed import PackedTexts, Packer, packed_text
from .store import open_store
from .store.sql import ArticleRow, FileRecord, SQLStore, StoredArticles, StoredRow, article_from_row, article_row, stored_tuple

FORMAT = "newsdesk.analysis/1"
STAGES = ("reuse", "stories")


@dataclass(slots=True)
class RunSummary:
    """What one run did: a line for the user at the end."""

    files: int = 0
    read: int = 0
    new: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    stories: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    """Facts of the stories written, by status ("corroborated", "single", "conflict")."""

    def lines(self) -> list[str]:
        out = [f"articles read: {self.read} ({self.new} new, {self.unchanged} unchanged) from {self.files} files",
               f"skipped: {len(self.skipped)}"]
        out += [f"  {s.path}: {s.reason}" for s in self.skipped]
        out.append(f"stories: {self.stories}")
        if self.facts:
            out.append("facts: " + ", ".join(f"{self.facts.get(k, 0)} {k}" for k in ("corroborated", "single", "conflict")))
        return out


@dataclass(slots=True)
class Analysis:
    """The result of a run: the analysis document (format newsdesk.analysis/1) and a summary.

    Its articles may stay in the store until asked for (`streamed`, in document order): `document`
    reads them in, `write_json` writes them one at a time without ever holding them all.
    """

    parts: dict
    """The document; its "articles" stand as None while they are streamed."""
    summary: RunSummary
    streamed: Iterable[Article] | None = None

    @property
    def document(self) -> dict:
        if self.streamed is not None:
            self.parts["articles"] = [article_json(a) for a in self.streamed]
            self.streamed = None
        return self.parts

    @property
    def articles(self) -> list[dict]:
        return self.document["articles"]

    @property
    def stories(self) -> list[dict]:
        return self.parts.get("stories", [])

    def to_json(self) -> str:
        """The document's text: `json.dumps(document, ensure_ascii=False, indent=1)` (`indented_json`)."""
        return indented_json(self.document)

    def write_json(self, path: str | os.PathLike) -> None:
        """The document as `to_json` gives it, written piece by piece (never the whole text in memory);
        articles still in the store are read and encoded in worker processes, a chunk at a time, each
        run handed over in a temporary file (`RunFile`)."""
        with open(path, "wb") as handle:
            if isinstance(self.streamed, StoredArticles):
                with tempfile.TemporaryDirectory(prefix="newsdesk-runs-") as runs:
                    _write_pieces(handle, json_pieces(self.parts, encoded_articles(self.streamed, runs)))
            else:
                articles = None if self.streamed is None else (indented_json(article_json(a), 2) for a in self.streamed)
                _write_pieces(handle, json_pieces(self.parts, articles))
            handle.write(b"\n")

    def write_html(self, path: str | os.PathLike) -> None:
        from .report import render_html

        Path(path).write_text(render_html(self.document), encoding="utf-8")


ARTICLE_SEPARATOR = ",\n  "
"""What stands between two articles in the document's list of articles (as `indented_utf8_items` joins them)."""


@dataclass(slots=True, frozen=True)
class RunFile:
    """A run of the document's articles in UTF-8 (`json_pieces`) that a worker wrote to a file, for
    the writer to copy in the kernel (through the pool's pipe the bytes cost the workers and the
    writer 0.7 CPU-s more at 100k articles)."""

    path: str
    size: int

    def __bool__(self) -> bool:
        """Whether the run holds an article (an empty run is none)."""
        return self.size > 0


def _write_pieces(handle, pieces: Iterable[str | bytes | RunFile]) -> None:
    """Write `json_pieces` to a file opened for bytes; each `RunFile` is copied in and deleted."""
    for piece in pieces:
        if isinstance(piece, RunFile):
            handle.flush()
            with open(piece.path, "rb") as run:
                _copy_file(run, handle, piece.size)
            os.unlink(piece.path)
        else:
            handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)


def _copy_file(source, target, size: int) -> None:
    """Append the `size` bytes of `source` to `target`, in the kernel where it can (Linux's
    copy_file_range, between regular files), else through this process."""
    try:
        while size > 0:
            copied = os.copy_file_range(source.fileno(), target.fileno(), size)
            if not copied:
                break
            size -= copied
    except (AttributeError, OSError):  # no such call, or not for these files: the rest by reading
        pass
    shutil.copyfileobj(source, target)


def json_pieces(document: dict, articles: Iterable[str | bytes | RunFile] | None = None
                ) -> Iterator[str | bytes | RunFile]:
    """The text of `json.dumps(document, ensure_ascii=False, indent=1)` in pieces, a value of the
    document (or an article) at a time; `articles`, when given, stands for document["articles"]: its
    articles already as JSON at their depth (`indented_json(article, 2)`), each item one article or a
    run of them joined by ARTICLE_SEPARATOR (an empty run is none), str, UTF-8 bytes or a `RunFile`,
    yielded as given."""
    if not document:
        yield "{}"
        return
    for n, (key, value) in enumerate(document.items()):
        yield ("{" if n == 0 else ",") + "\n " + json.dumps(key, ensure_ascii=False) + ": "
        if key == "articles" and articles is not None:
            first = True
            for run in articles:
                if run:
                    yield "[\n  " if first else ARTICLE_SEPARATOR
                    yield run
                    first = False
            yield "[]" if first else "\n ]"
        else:
            yield indented_json(value, 1)
    yield "\n}"


ENCODE_CHUNK = 1000
"""Articles a document-writing worker reads and encodes per task (each task opens the store: 0.6 ms)."""


def encoded_articles(articles: StoredArticles, directory: str) -> Iterator[RunFile]:
    """The stored articles as the document's list holds them, in order, a run of articles (UTF-8,
    `json_pieces`) per chunk in a file in `directory`; read from the store and encoded in worker
    processes when there are many, so that the main process only writes."""
    from .workers import Workers, worker_count

    chunks = [(articles.url, articles.ids[k:k + ENCODE_CHUNK], os.path.join(directory, f"{k}.json"))
              for k in range(0, len(articles.ids), ENCODE_CHUNK)]
    with Workers(worker_count(0, len(chunks))) as pool:
        yield from pool.map(_encode_articles, chunks)


def _encode_articles(url: str, ids: list[str], path: str) -> RunFile:
    """The stored articles `ids` as a run of the document's list, in UTF-8, written to `path`. Each
    text goes in as the store holds it, in UTF-8, escaped as bytes (escaping the decoded text and
    encoding it cost more than the rest of the article)."""
    run = indented_utf8_items(map(stored_article_json, StoredArticles(url, ids).rows()), 2)
    Path(path).write_bytes(run)
    return RunFile(path, len(run))


def _progress(iterable, total: int, enabled: bool, desc: str):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="file", file=sys.stderr, leave=False)


PART_BYTES = 4_000_000
"""Bytes of JSONL a reading worker reads per file part (a larger file is read in parts, in parallel)."""
TASK_BYTES = 1_000_000
TASK_FILES = 50
"""A reading worker's task: files (parts) in a row up to about this many bytes, at most this many."""


@dataclass(slots=True)
class PartRead:
    """What a reading worker found in a file part: what could not be read, and each record in order
    as (id, article): the cleaned article as the store's row, a Skip when cleaning failed, or None
    when not cleaned here (stored already, or earlier in the same part); with each row, when asked
    for, its text as the reuse stage keeps it (`StoredTexts.add`)."""

    skips: list[Skip]
    records: list[tuple[str, ArticleRow | Skip | None, tuple[str, bytes, bool] | None]]
    hashes: BatchHashes | None = None
    """With the texts: the reuse stage's hashes of the records' texts, in record order (`hash_texts`)."""


@dataclass(slots=True)
class StoredTexts:
    """The texts of the articles a run stored, as the reuse stage holds them: each distinct text once,
    packed (`Packer`; compressed in a large run), with its `text_key` and whether it is blank, and
    hashed for candidates (`HashedTexts`, by the same positions). Ingest fills it from what the reading workers computed,
    so that the stage neither reads these texts back from the store nor hashes them again."""

    packer: Packer = field(default_factory=Packer)
    positions: dict[str, int] = field(default_factory=dict)
    """Article id -> the position of its text in `packer`."""
    keys: list[str] = field(default_factory=list)
    blank: list[bool] = field(default_factory=list)
    hashes: HashedTexts | None = None
    """The hashes of the first texts, when they were hashed as they were read: text n's at position
    hashed_at[n] (`hashes` holds texts read twice too: the stage leaves them out)."""
    hashed_at: list[int] = field(default_factory=list)
    held: dict[str, tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)
    """Article id -> what the stage needs of the article besides its text (date, agency credits),
    for the articles ingest added: when they are all the live ones, the stage reads nothing back."""
    _by_key: dict[str, int] = field(default_factory=dict)

    def add(self, article_id: str, key: str, compressed: bytes, blank: bool) -> bool:
        """The text of a stored article: its `text_key`, the text as `packed_text` gives it, and
        whether it is blank; True when the text is new here (it took the next position)."""
        position = self._by_key.get(key)
        new = position is None
        if new:
            position = self._by_key[key] = self.packer.add_packed(compressed)
            self.keys.append(key)
            self.blank.append(blank)
        self.positions[article_id] = position
        return new

    def hashed_order(self, order: np.ndarray) -> np.ndarray:
        """Where the texts at `order` are (or, hashed next in that order, will be) in `hashes`:
        for the texts added after the hashed ones, the positions after those hashed."""
        later = len(self.keys) - len(self.hashed_at)
        return np.concatenate([self.hashed_at, len(self.hashes) + np.arange(later)]).astype(np.int64)[order]

    def clear(self) -> None:
        """Forget which article has which text, and the hashes not taken (the packed texts stay
        with whoever took them)."""
        if self.hashes is not None:
            self.hashes.close()
        self.positions, self.keys, self.blank, self._by_key, self.held = {}, [], [], {}, {}
        self.hashes, self.hashed_at = None, []


def reuse_text(text: str, compress: bool = True, encoded: bytes | None = None) -> tuple[str, bytes, bool]:
    """What `StoredTexts.add` takes of a text (encoded once, for its key and its packing; compressed
    or not as the texts' `Packer` holds them); `encoded` the text's UTF-8 when at hand. A text held
    plain is `encoded` itself."""
    from .reuse.find import text_key

    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    return text_key(encoded), packed_text(encoded, compress), not text.strip()


def ingest(paths: Iterable[str | os.PathLike], store: SQLStore, settings: Settings,
           progress: bool = False, texts: StoredTexts | None = None) -> tuple[list[str], RunSummary]:
    """Read, clean and store the articles under `paths`; return the ids read in this run (the scope).
    The texts of the articles stored go into `texts` when given (for the reuse stage).

    Files already read with the same size and mtime are not read again. Files (large JSONL files
    a part at a time) are read and their new articles cleaned in worker processes when there are
    many (`clean.workers`); the results come back in file order, so what is stored and in which
    order does not depend on the number of workers. Articles are committed in batches together with
    the files they completed, so a killed run loses nothing committed.
    """
    from .workers import Workers, available_cores

    summary = RunSummary()
    scope: dict[str, None] = {}  # ids read in this run: known to the store or stored by it
    entries = list(iter_files(paths))
    plan = _Plan(_plan_steps(entries, store, summary))
    tasks = _tasks(plan.parts())
    processes = settings.clean.workers or available_cores()
    sizes = sum(_size(entry) for entry in entries if not isinstance(entry, Skip))
    batch: list[ArticleRow] = []
    batch_texts: list[tuple[tuple[str, bytes, bool] | None, int, int]] = []  # each row's text, its part and place in `hashed`
    hashed: list[BatchHashes] = []  # the hashes of the texts of the batch's parts (with `texts`)
    finished: list[FileRecord] = []
    if texts is not None and texts.hashes is None and not texts.keys:
        texts.hashes = HashedTexts()
        texts.packer = Packer(compress=sizes >= settings.reuse.compress_from_mb * 1_000_000)

    def flush() -> None:
        if batch or finished:
            added = store.add_rows(batch, finished)
            if texts is not None:
                firsts = [texts.hashes.add(h) for h in hashed] if texts.hashes is not None else []
                for n, _ in added:
                    text, part, place = batch_texts[n]
                    row = batch[n]
                    texts.held[row.id] = (row.published, stored_tuple(row.agencies))
                    if texts.add(row.id, *text) and firsts:
                        texts.hashed_at.append(firsts[part] + place)
            batch.clear()
            batch_texts.clear()
            hashed.clear()
            finished.clear()

    _local_stores[os.getpid(), store.url] = store
    try:
        with Workers(processes if processes > 1 and sizes > TASK_BYTES else 1) as pool:
            packing = None if texts is None else texts.packer.compress
            work = ((store.url, task, settings, packing) for task in tasks)
            reads = (read for done in pool.map(_read_parts, work) for read in done)  # a PartRead per file part
            for step in _progress(plan.steps(), len(entries), progress, "reading"):
                if isinstance(step, Skip):
                    summary.skipped.append(step)
                elif isinstance(step, FileRecord):
                    current = store.newest_versions(step.articles)
                    for article_id in step.articles:
                        scope[current[article_id]] = None
                    summary.read += len(step.articles)
                    summary.unchanged += len(step.articles)
                else:
                    path, stat, pieces = step
                    file_articles: dict[str, None] = {}
                    found = 0
                    for read in itertools.islice(reads, len(pieces)):
                        summary.skipped += read.skips
                        found += len(read.skips) + len(read.records)
                        if read.hashes is not None:
                            hashed.append(read.hashes)
                        hashed_text = 0
                        for article_id, article, text in read.records:
                            summary.read += 1
                            if text is not None:
                                hashed_text += 1
                            if article is None or article_id in scope or article_id in file_articles:
                                summary.unchanged += 1
                            elif isinstance(article, Skip):
                                summary.skipped.append(article)
                                continue
                            else:
                                batch.append(article)
                                batch_texts.append((text, len(hashed) - 1, hashed_text - 1))
                                summary.new += 1
                            file_articles[article_id] = None
                        if len(batch) >= settings.batch_size:  # a large file's parts: stored as they come
                            flush()
                    if len(pieces) > 1 and not found:
                        summary.skipped.append(Skip(path, NO_RECORDS))
                    finished.append(FileRecord(path, stat.st_size, stat.st_mtime_ns, tuple(file_articles)))
                    scope.update(file_articles)  # stored with the next batch (each part's was checked)
            flush()
    finally:
        _local_stores.pop((os.getpid(), store.url), None)
    current = store.newest_versions(scope)
    ordered = sorted({current[a] for a in scope})
    return ordered, summary


def _plan_steps(entries: list, store: SQLStore, summary: RunSummary
                ) -> Iterator[Skip | FileRecord | tuple[str, os.stat_result, list[FilePart]]]:
    """What ingest does with each file, in file order: report it (Skip), keep it as read before
    (its FileRecord: same size and mtime), or read it in these parts."""
    for entry in entries:
        if isinstance(entry, Skip):
            yield entry
            continue
        summary.files += 1
        path = str(entry)
        try:
            stat = entry.stat()
        except OSError as error:
            yield Skip(path, f"unreadable: {error.strerror or error}")
            continue
        record = store.file_record(path)
        if record is not None and (record.size, record.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            yield record
            continue
        yield path, stat, file_parts(entry, stat.st_size, PART_BYTES)


class _Plan:
    """The steps of `_plan_steps`, made as they are first needed, by the results loop (`steps`)
    or by the reading workers' task stream (`parts`, a few tasks ahead): a file is cut into parts
    (which reads it) just before the workers need it, not all files before the first is read."""

    def __init__(self, steps: Iterator) -> None:
        self._steps = steps
        self._ready: collections.deque = collections.deque()
        self._parts: collections.deque = collections.deque()

    def _advance(self) -> bool:
        step = next(self._steps, None)
        if step is None:
            return False
        self._ready.append(step)
        if isinstance(step, tuple):
            _, stat, pieces = step
            self._parts.extend((piece, stat.st_size if piece.end is None else piece.end - piece.start)
                               for piece in pieces)
        return True

    def steps(self) -> Iterator:
        while self._ready or self._advance():
            yield self._ready.popleft()

    def parts(self) -> Iterator[tuple[FilePart, int]]:
        while self._parts or self._advance():
            if self._parts:
                yield self._parts.popleft()


def _size(entry) -> int:
    try:
        return entry.stat().st_size
    except OSError:
        return 0


def _tasks(parts: Iterable[tuple[FilePart, int]]) -> Iterator[list[FilePart]]:
    """File parts in order, grouped into a reading worker's tasks (`TASK_BYTES`, `TASK_FILES`)."""
    task: list[FilePart] = []
    size = 0
    for part, part_size in parts:
        if task and (size + part_size > TASK_BYTES or len(task) >= TASK_FILES):
            yield task
            task, size = [], 0
        task.append(part)
        size += part_size
    if task:
        yield task


_local_stores: dict[tuple[int, str], SQLStore] = {}
"""The store of a running ingest, by (process, url): a reading worker in this process asks it which
articles are stored; a worker process opens its own."""


def _read_parts(url: str, parts: list[FilePart], settings: Settings, texts_compressed: bool | None
                ) -> list[PartRead]:
    """Read file parts and clean their articles that are not stored yet, each as the store's row and
    (unless `texts_compressed` is None) as the reuse stage keeps its text, compressed or not: a
    reading worker's task."""
    with_texts = texts_compressed is not None
    store = _local_stores.get((os.getpid(), url))
    if store is None:
        store = _local_stores[os.getpid(), url] = SQLStore(url)
    out = []
    for part in parts:
        skips, raws = [], []
        for item in read_part(part, settings.read):
            (skips if isinstance(item, Skip) else raws).append(item)
        ids = [raw.id for raw in raws]
        stored = store.known_ids(ids)
        new: dict[str, RawArticle] = {}
        for raw, raw_id in zip(raws, ids):
            if raw_id not in stored and raw_id not in new:
                new[raw_id] = raw
        cleaned, texts = {}, {}
        for (raw_id, raw), article in zip(new.items(), clean_all(list(new.values()), settings.clean)):
            if isinstance(article, str):
                cleaned[raw_id] = (raw_id, Skip(raw.path or part.path, article), None)
            elif with_texts:
                # the row takes the text's UTF-8 (the main process stores it without decoding it), which
                # is the text the stage holds when it holds texts plain: one object, sent once
                texts[raw_id] = article.text
                encoded = article.text.encode("utf-8", "surrogatepass")
                cleaned[raw_id] = (raw_id, article_row(article, encoded), reuse_text(article.text, texts_compressed, encoded))
            else:
                cleaned[raw_id] = (raw_id, article_row(article), None)
        records = [cleaned.pop(raw_id, None) or (raw_id, None, None) for raw_id in ids]
        hashes = None
        if with_texts:
            hashes = hash_texts([texts[raw_id] for raw_id, _, text in records if text is not None], settings.reuse)
        out.append(PartRead(skips, records, hashes))
    return out


def reuse_stage(store: SQLStore, settings: Settings, texts: StoredTexts | None = None) -> ReuseResult:
    """Wire copy and duplicates over the live articles in the store; recomputed only when they changed.

    The stage keeps what directions need of each article (id, date, credits) and its distinct
    texts compressed in one buffer (`PackedTexts`), read from the store in one pass; the texts this
    run stored come from `texts` (which is used up) when they are most of the live ones, so only the
    other texts are read back, and nothing at all when the run stored every live article.
    """
    from .reuse.find import reuse_of_texts

    live = store.live_ids()
    fingerprint = content_id(*live)
    stored = store.get_result("reuse", "all")
    try:
        if stored is not None and stored.get("fingerprint") == fingerprint:
            return reuse_from_json(stored["result"])
        # reading most texts by id costs more than a pass
        at_hand = texts if texts is not None and 2 * len(texts.positions) >= len(live) else None
        if at_hand is not None and all(map(at_hand.held.__contains__, live)):  # the run stored them all
            rows = ((0, article_id, *at_hand.held[article_id], None) for article_id in live)
        else:
            rows = store.reuse_rows(at_hand.positions if at_hand else ())
        packed, holders, blank, order = distinct_texts(rows, at_hand)
        hashed = None
        if at_hand is not None and at_hand.hashes is not None:  # taken over by the stage, which uses them up
            hashed, order = at_hand.hashes, at_hand.hashed_order(order)
            at_hand.hashes = None
    finally:
        if texts is not None:
            texts.clear()
    result = reuse_of_texts(packed, holders, blank, settings.reuse, hashed, order if hashed is not None else None)
    store.put_result("reuse", "all", {"fingerprint": fingerprint, "result": reuse_json(result, set(live))})
    return result


def distinct_texts(rows: Iterable[tuple[int, str, str | None, tuple[str, ...], str | None]],
                   at_hand: StoredTexts | None = None
                   ) -> tuple[PackedTexts, list[list[Holder]], list[bool], np.ndarray]:
    """The distinct texts of stored articles (`SQLStore.reuse_rows`) in the reuse stage's order
    (`text_key`): the texts (compressed), the articles holding each (by id), whether it is blank,
    and its position in `at_hand` (where its hashes are, if any). The texts of the articles in
    `at_hand` are taken from it (a row's text may then be None) and the others added to it."""
    from .reuse.find import Holder

    texts = at_hand if at_hand is not None else StoredTexts()
    holders: dict[int, list[Holder]] = {}  # by the text's position in `texts`
    dates: dict[str, str] = {}  # one string per distinct date, not one per article
    for _, article_id, published, agencies, text in rows:
        if article_id not in texts.positions:
            texts.add(article_id, *reuse_text(text, texts.packer.compress))
        holder = Holder(article_id, dates.setdefault(published, published) if published else published, agencies)
        holders.setdefault(texts.positions[article_id], []).append(holder)
    order = sorted(holders, key=texts.keys.__getitem__)
    for group in holders.values():
        if len(group) > 1:
            group.sort(key=lambda h: h.id)
    return (texts.packer.texts().reordered(order), [holders[n] for n in order], [texts.blank[n] for n in order],
            np.array(order, dtype=np.int64))


def stories_stage(store: SQLStore, settings: Settings, new_articles: Sequence[Article]) -> list[Story]:
    """Add the new articles to the stored story index and store the stories that result."""
    from .stories import StoryIndex, article_features
    from .stories.index import fits

    state = store.get_blob("stories")
    if state and not new_articles and fits(state, settings.stories):  # nothing to add: the index stays stored
        return store.stories()
    index = StoryIndex(settings.stories)
    if state:
        try:
            index = StoryIndex.from_bytes(state, settings.stories)
        except ValueError:  # the [stories] settings changed: cluster every stored article anew
            state = None
            new_articles = store.articles()
    if new_articles or state is None:
        index.add([article_features(a, settings.stories) for a in new_articles])
        stories = index.stories()
        store.save_stories(stories, index.aliases(), index.to_bytes())
    return store.stories()


def analyze(paths: Iterable[str | os.PathLike], db: str | os.PathLike | None = None, *,
            settings: Settings | None = None, stages: Sequence[str] = STAGES,
            progress: bool = False) -> Analysis:
    """Read, clean and store the articles under `paths`, run the stages, and return the analysis.

    `db` is an SQLite file or a database URL (default $NEWSDESK_DB, else ./newsdesk.db).
    """
    settings = settings or Settings()
    unknown = sorted(set(stages) - set(STAGES))
    if unknown:
        raise ValueError(f"unknown stages {unknown}; choose from {list(STAGES)}")
    texts = StoredTexts() if "reuse" in stages else None
    with open_store(db) as store:
        scope, summary = ingest(paths, store, settings, progress, texts)
        return analysis_of(store, scope, settings, stages, summary, texts)


def analysis_of(store: SQLStore, scope: Sequence[str], settings: Settings, stages: Sequence[str],
                summary: RunSummary | None = None, texts: StoredTexts | None = None) -> Analysis:
    """Run the across-article stages and assemble the analysis for the articles in `scope` (`texts`:
    those the run stored, for the reuse stage)."""
    summary = summary or RunSummary()
    reuse = reuse_stage(store, settings, texts) if "reuse" in stages else None
    stories: list[Story] | None = None
    if "stories" in stages:
        live = store.live_ids()
        clustered = store.story_of(live)
        stories = stories_stage(store, settings, store.articles(a for a in live if a not in clustered))
    parts, articles = build_document(store, scope, reuse, stories, settings)
    summary.stories = len(parts.get("stories", []))
    for story in parts.get("stories", []):
        for fact in story.get("facts", []):
            summary.facts[fact["status"]] = summary.facts.get(fact["status"], 0) + 1
    return Analysis(parts, summary, articles)


def build_document(store: SQLStore, scope: Sequence[str], reuse: ReuseResult | None,
                   stories: Sequence[Story] | None, settings: Settings | None = None
                   ) -> tuple[dict, Iterable[Article]]:
    """The analysis document for `scope` plus every article of the stories they belong to: the
    document with its "articles" standing as None, and those articles (sorted by id) to read from the store."""
    ids = set(scope)
    chosen: list[Story] = []
    if stories is not None:
        live = set(store.live_ids())
        membership = {a: s.id for s in stories for a in s.articles}
        wanted = {membership[a] for a in ids if a in membership and a in live}
        # a wanted story has a live article in scope: none is left empty
        chosen = [replace(s, articles=tuple(a for a in s.articles if a in live)) for s in stories if s.id in wanted]
        for story in chosen:
            ids.update(story.articles)
    document: dict = {"format": FORMAT, "articles": None}
    if reuse is not None:
        document.update(reuse_json(reuse, ids))
    if stories is not None:
        by_id = {a.id: a for a in store.articles(a for s in chosen for a in s.articles)}
        document["stories"] = [
            story_json(s, sections_stage(store, s, [by_id[a] for a in s.articles], reuse, settings))
            for s in chosen]
    return document, store.articles_in_order(sorted(ids))


SECTIONS_VERSION = "2"


def sections_stage(store: SQLStore, story: Story, articles: Sequence[Article],
                   reuse: ReuseResult | None = None, settings: Settings | None = None) -> dict:
    """The story's entities, quotes, facts, brief and timeline, computed once per set of articles
    (and the wire copy among them) and kept in the store."""
    from .compare.sections import copied_passages, story_sections, wire_membership

    settings = settings or Settings()
    ids = {a.id for a in articles}
    copies = {"passages": copied_passages(reuse, ids), "wires": wire_membership(reuse, ids)}
    fingerprint = content_id(SECTIONS_VERSION, *sorted(ids),
                             json.dumps(copies, sort_keys=True), repr(settings.facts), repr(settings.brief))
    stored = store.get_result("sections", story.id)
    if stored is not None and stored.get("fingerprint") == fingerprint:
        return stored["sections"]
    sections = story_sections(articles, reuse, facts_settings=settings.facts, brief_settings=settings.brief)
    store.put_result("sections", story.id, {"fingerprint": fingerprint, "sections": sections})
    return sections


def article_json(article: Article) -> dict:
    """An article in the format, each removed part with `at`: where in the cleaned text it was taken out."""
    out = article.to_json()
    for entry, removal in zip(out["removed"], article.removed):
        entry["at"] = clean_position(article, removal.raw_start)
    return out


def stored_article_json(row: StoredRow) -> dict:
    """`article_json` of a stored article from its row, the text as its UTF-8: without building the
    Article (that and decoding its text cost a third of writing the article), but for an article with
    removed parts, whose positions in the text need its segments."""
    if row.removed != "[]":
        entry = article_json(article_from_row(row, row.text.decode("utf-8")))
        entry["text"] = row.text
        return entry
    return article_entry(row.id, row.path, row.url, row.source, list(stored_tuple(row.agencies)), row.title,
                         row.published, row.language, row.text, [], row.supersedes)


def clean_position(article: Article, raw_index: int) -> int:
    """The offset in the cleaned text where raw text at `raw_index` would stand."""
    for seg in article.segments:
        if raw_index < seg.raw_start + seg.length:
            return seg.start + max(0, raw_index - seg.raw_start)
    return len(article.text)


def reuse_json(result: ReuseResult, ids: set[str]) -> dict:
    """The duplicates, reuse and wires sections, restricted to articles in the document."""
    duplicates = []
    for group in result.duplicates:
        members = [a for a in group.articles if a in ids]
        if len(members) > 1:
            duplicates.append({"articles": members, "kind": group.kind, "similarity": round(group.similarity, 4)})
    reuse = [
        {"source": r.source, "source_start": r.source_start, "source_end": r.source_end,
         "target": r.target, "target_start": r.target_start, "target_end": r.target_end,
         "similarity": round(r.similarity, 4), "direction": r.direction}
        for r in result.reuse if r.source in ids and r.target in ids
    ]
    wires = []
    for wire in result.wires:
        members = [a for a in wire.articles if a in ids]
        if len(members) > 1:
            wires.append({"id": wire.id, "origin": wire.origin if wire.origin in ids else None,
                          "articles": members, "agency": wire.agency})
    return {"duplicates": duplicates, "reuse": reuse, "wires": wires}


def story_json(story: Story, sections: dict | None = None) -> dict:
    """A story in the format, with the sections computed for it."""
    out = {"id": story.id, "title": story.title, "articles": list(story.articles),
           "first_seen": story.first_seen, "last_seen": story.last_seen}
    out.update(story.sections)
    out.update(sections or {})
    return out


def reuse_from_json(section: dict) -> ReuseResult:
    """The reuse result back from its stored (format-shaped) sections."""
    return ReuseResult(
        duplicates=tuple(Duplicate(tuple(d["articles"]), d["kind"], d["similarity"]) for d in section["duplicates"]),
        reuse=tuple(Reuse(**r) for r in section["reuse"]),
        wires=tuple(Wire(w["id"], w["origin"], tuple(w["articles"]), w["agency"]) for w in section["wires"]),
    )
