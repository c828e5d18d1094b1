"""The SQL store: one implementation for SQLite and PostgreSQL through SQLAlchemy Core."""
from __future__ import annotations

import collections
import json
import os
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa

from ..model import Article, Removal, Segment, Story

SCHEMA_VERSION = "1"

metadata = sa.MetaData()

articles_table = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False, index=True),
    sa.Column("identity", sa.Text, nullable=False),
    sa.Column("version_key", sa.Text, nullable=False, index=True),
    sa.Column("path", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("agencies", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("removed", sa.Text, nullable=False),
    sa.Column("segments", sa.Text, nullable=False),
    sa.Column("supersedes", sa.String(32)),
    sa.Column("superseded_by", sa.String(32), index=True),
)

files_table = sa.Table(
    "files", metadata,
    sa.Column("path", sa.Text, primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("mtime_ns", sa.BigInteger, nullable=False),
    sa.Column("articles", sa.Text, nullable=False),
)

results_table = sa.Table(
    "results", metadata,
    sa.Column("stage", sa.String(40), primary_key=True),
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
)

blobs_table = sa.Table(
    "blobs", metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

stories_table = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("first_seen", sa.String(40)),
    sa.Column("last_seen", sa.String(40)),
    sa.Column("sections", sa.Text, nullable=False),
)

story_articles_table = sa.Table(
    "story_articles", metadata,
    sa.Column("article", sa.String(32), primary_key=True),
    sa.Column("story", sa.String(32), nullable=False, index=True),
)

story_aliases_table = sa.Table(
    "story_aliases", metadata,
    sa.Column("alias", sa.String(32), primary_key=True),
    sa.Column("story", sa.String(32), nullable=False),
)

meta_table = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


@dataclass(slots=True, frozen=True)
class FileRecord:
    """A file read completely: its size and mtime when read, and the articles it held."""

    path: str
    size: int
    mtime_ns: int
    articles: tuple[str, ...]


def database_url(db: str | os.PathLike) -> str:
    """A store location as an SQLAlchemy URL: a plain path means an SQLite file."""
    text = os.fspath(db)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def store_location(db: str | os.PathLike | None = None) -> str | os.PathLike:
    """Where the store is: `db`, else $NEWSDESK_DB, else ./newsdesk.db."""
    return os.environ.get("NEWSDESK_DB", "newsdesk.db") if db is None else db


def open_store(db: str | os.PathLike | None = None) -> "SQLStore":
    """Open (and create if needed) the store at `db` (`store_location`)."""
    return SQLStore(database_url(store_location(db)))


class ArticleRow(NamedTuple):
    """An article's row of the articles table but for what the store assigns when it adds the article
    (seq, supersedes when it is a new version, superseded_by): `article_row` gives it, so that it can
    be built where the article is cleaned."""

    id: str
    identity: str
    version_key: str
    path: str | None
    url: str | None
    source: str | None
    agencies: str
    title: str | None
    published: str | None
    language: str
    text: str | bytes
    """The text, or its UTF-8 (a reading worker's encoding, not decoded to be stored)."""
    removed: str
    segments: str
    supersedes: str | None


_INSERTED = ("id", "seq", *ArticleRow._fields[1:], "superseded_by")
"""The columns an added article's row fills, in the order `SQLStore.add_rows` gives them."""


def article_row(article: Article, utf8_text: bytes | None = None) -> ArticleRow:
    """The row of `article` (`ArticleRow`); with its text as `utf8_text` when given (the text's UTF-8)."""
    return ArticleRow(
        article.id, article.identity, version_key(article), article.path, article.url, article.source,
        _json_list(article.agencies), article.title, article.published, article.language,
        article.text if utf8_text is None else utf8_text,
        _json_list(article.removed, lambda r: [r.text, r.reason, r.raw_start, r.raw_end], _json_unicode),
        _json_list(article.segments, lambda s: [s.start, s.raw_start, s.length]), article.supersedes)


_json_unicode = json.JSONEncoder(ensure_ascii=False).encode
"""`json.dumps(value, ensure_ascii=False)`, without making an encoder per call."""


def _json_list(items: tuple, item=None, encode=json.dumps) -> str:
    """`items` (each as `item` gives it) as a stored JSON list; the usual empty list without the
    encoder (as `stored_tuple` reads it back)."""
    if not items:
        return "[]"
    return encode([item(x) for x in items] if item else list(items))


_ARTICLE_COLUMNS = tuple(field.name for field in fields(Article))
"""The columns an Article is built from, named and ordered as its fields."""


def _article_columns() -> list[sa.Column]:
    """`_ARTICLE_COLUMNS` for an SQLAlchemy select."""
    return [articles_table.c[name] for name in _ARTICLE_COLUMNS]


StoredRow = collections.namedtuple("StoredRow", _ARTICLE_COLUMNS)
"""A stored article's row as `StoredArticles.rows` reads it: Article's fields, the lists as the
store holds them (JSON, `stored_tuple`), the text as its UTF-8."""


def article_from_row(row, text: str | None = None) -> Article:
    """The Article of a row of `_ARTICLE_COLUMNS`, read by position (by name cost twice as much);
    `text` its text when the row holds it in UTF-8."""
    id_, identity, path, url, source, agencies, title, published, language, stored_text, removed, segments, supersedes = row
    return Article(id_, identity, path, url, source, stored_tuple(agencies), title, published, language,
                   stored_text if text is None else text,
                   tuple(Removal(*item) for item in stored_tuple(removed)),
                   tuple(Segment(*item) for item in stored_tuple(segments)), supersedes)


_scan_json = json.JSONDecoder().scan_once
"""The JSON value at an offset of a text and where it ends: json's C scanner, without `json.loads`'
checks of what stands around the value (they cost more than decoding a short list)."""


def stored_tuple(text: str) -> tuple:
    """A stored JSON list (as `_json_list` writes it: nothing around it) as a tuple; the usual empty
    list without the decoder."""
    return () if text == "[]" else tuple(_scan_json(text, 0)[0])


def _engine(url: str) -> sa.Engine:
    """An engine for `url` (SQLite: waits for a writer instead of failing)."""
    return sa.create_engine(url, connect_args={"timeout": 60} if url.startswith("sqlite") else {})


def _utf8_of(column: str, engine: sa.Engine) -> str:
    """SQL for the UTF-8 of a text column, as bytes (SQLite holds text in UTF-8; PostgreSQL converts it)."""
    return f"CAST({column} AS BLOB)" if engine.dialect.name == "sqlite" else f"convert_to({column}, 'UTF8')"


def _parameter_mark(engine: sa.Engine) -> str:
    """The placeholder of a positional parameter in the driver's own SQL ("?" for SQLite, "%s" for psycopg)."""
    return "?" if engine.dialect.paramstyle == "qmark" else "%s"


def version_key(article: Article) -> str:
    """What names one article across versions: its url, else the file it was read from."""
    return article.url or article.path or article.identity


class SQLStore:
    """Articles, files read, stage results and stories, in one SQL database."""

    def __init__(self, url: str):
        self.url = url
        self.engine = _engine(url)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)
        # the article inserts and updates of a batch as the driver's own statements, executed once for
        # all rows: SQLAlchemy's per-row parameter processing cost more than SQLite's insert
        mark = _parameter_mark(self.engine)
        # SQLite takes a text given as its UTF-8 as it is (a cast, no decoding); other drivers take str
        self._utf8_texts = self.engine.dialect.name == "sqlite"
        marks = [f"CAST({mark} AS TEXT)" if name == "text" and self._utf8_texts else mark for name in _INSERTED]
        self._insert_articles = f"INSERT INTO articles ({', '.join(_INSERTED)}) VALUES ({', '.join(marks)})"
        self._supersede = f"UPDATE articles SET superseded_by = {mark} WHERE id = {mark}"
        with self.engine.begin() as conn:
            found = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "schema")).scalar()
            if found is None:
                conn.execute(meta_table.insert().values(key="schema", value=SCHEMA_VERSION))
            elif found != SCHEMA_VERSION:
                raise ValueError(f"store {url} has schema {found}; this newsdesk reads schema {SCHEMA_VERSION}")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "SQLStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- files -------------------------------------------------------------------------
    def file_record(self, path: str) -> FileRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(files_table).where(files_table.c.path == path)).first()
        if row is None:
            return None
        return FileRecord(row.path, row.size, row.mtime_ns, tuple(json.loads(row.articles)))

    # -- articles ----------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored already."""
        with self.engine.connect() as conn:
            return {article_id for article_id, in _articles_where_in(conn, "id", "id", list(ids))}

    def add_batch(self, articles: Sequence[Article], files: Sequence[FileRecord] = ()) -> list[Article]:
        """Store new articles and finished files in one transaction; return the articles added.

        An article already stored (same id) is left as it is. A new article with the url or file
        of a stored one is a new version: it `supersedes` the newest stored version.
        """
        added = self.add_rows([article_row(a) for a in articles], files)
        return [replace(articles[n], supersedes=supersedes) for n, supersedes in added]

    def add_rows(self, rows: Sequence[ArticleRow], files: Sequence[FileRecord] = ()) -> list[tuple[int, str | None]]:
        """`add_batch` for articles as rows (`article_row`); return (position in `rows`, the version it
        supersedes) of each article added."""
        added: list[tuple[int, str | None]] = []
        with self.engine.begin() as conn:
            seq = conn.execute(sa.select(sa.func.coalesce(sa.func.max(articles_table.c.seq), 0))).scalar()
            ids = list(dict.fromkeys(row.id for row in rows))
            stored = {article_id for article_id, in _articles_where_in(conn, "id", "id", ids)}
            keys = list(dict.fromkeys(row.version_key for row in rows))
            newest: dict[str, tuple[int, str]] = {}  # version key -> (seq, id) of its newest live version
            # superseded versions are skipped here, not in SQL: with "superseded_by IS NULL" in the
            # query SQLite chose that column's index, which every live article matches (a full scan per chunk)
            for article_id, article_seq, version_key, superseded_by in _articles_where_in(
                    conn, "id, seq, version_key, superseded_by", "version_key", keys):
                if superseded_by is not None:
                    continue
                if version_key not in newest or article_seq > newest[version_key][0]:
                    newest[version_key] = (article_seq, article_id)
            values, superseded = [], []
            for n, row in enumerate(rows):
                if row.id in stored:
                    continue
                stored.add(row.id)
                previous = newest.get(row.version_key)
                supersedes = row.supersedes
                if previous is not None:
                    supersedes = previous[1]
                    superseded.append((row.id, supersedes))
                seq += 1
                newest[row.version_key] = (seq, row.id)
                if isinstance(row.text, bytes) and not self._utf8_texts:
                    row = row._replace(text=row.text.decode("utf-8"))
                values.append((row.id, seq, *row[1:-1], supersedes, None))
                added.append((n, supersedes))
            if values:
                conn.exec_driver_sql(self._insert_articles, values)
            if superseded:
                conn.exec_driver_sql(self._supersede, superseded)
            paths = list(dict.fromkeys(record.path for record in files))
            for chunk in _chunks(paths, 500):
                conn.execute(files_table.delete().where(files_table.c.path.in_(chunk)))
            latest = {record.path: record for record in files}  # a path finished twice: the last record
            if latest:
                conn.execute(files_table.insert(), [
                    {"path": r.path, "size": r.size, "mtime_ns": r.mtime_ns, "articles": json.dumps(list(r.articles))}
                    for r in latest.values()])
        return added

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Stored articles by id (all live ones when ids is None), sorted by id."""
        with self.engine.connect() as conn:
            if ids is None:
                rows = conn.execute(sa.select(*_article_columns()).where(articles_table.c.superseded_by.is_(None))).all()
            else:
                rows = list(_articles_where_in(conn, ", ".join(_ARTICLE_COLUMNS), "id", list(ids)))
        return sorted((article_from_row(r) for r in rows), key=lambda a: a.id)

    def live_ids(self) -> list[str]:
        """The ids of every live (not superseded) article, sorted."""
        # every id from the id index alone (filtering on superseded_by read each article's row, 3x
        # slower), then the few superseded ones left out; the driver's own rows (SQLAlchemy's cost more)
        with self.engine.connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute("SELECT id FROM articles WHERE superseded_by > ''")
                superseded = {article_id for article_id, in cursor.fetchall()}
                cursor.execute("SELECT id FROM articles ORDER BY id")
                ids = [article_id for article_id, in cursor.fetchall() if article_id not in superseded]
            finally:
                cursor.close()
        return sorted(ids)  # in Python's order whatever the database's collation (already sorted: one pass)

    def reuse_rows(self, texts_at_hand: Container[str] = frozenset()
                   ) -> Iterator[tuple[int, str, str | None, tuple[str, ...], str | None]]:
        """(seq, id, published, agencies, text) of every live article, fetched a batch at a time: what
        the reuse stage needs, without building every article; text None for the ids in `texts_at_hand`
        (the caller has them), whose rows come first. One pass over the table, superseded versions
        skipped here (ordering or filtering in SQL sorted every text); the texts not at hand, when
        some are, are then read by id."""
        with_text = not texts_at_hand
        names = ("seq", "id", "published", "agencies", "superseded_by") + (("text",) if with_text else ())
        wanted: list[tuple[int, str, str | None, tuple[str, ...]]] = []
        with self.engine.connect() as conn:
            rows = conn.execution_options(yield_per=READ_BATCH).execute(
                sa.select(*(articles_table.c[name] for name in names)))
            for seq, article_id, published, agencies, superseded_by, *text in rows:
                if superseded_by is not None:
                    continue
                if with_text:
                    yield seq, article_id, published, stored_tuple(agencies), text[0]
                elif article_id in texts_at_hand:
                    yield seq, article_id, published, stored_tuple(agencies), None
                else:
                    wanted.append((seq, article_id, published, stored_tuple(agencies)))
            for chunk in _chunks(wanted, READ_BATCH):
                texts = dict(_articles_where_in(conn, "id, text", "id", [row[1] for row in chunk]))
                for row in chunk:
                    yield row + (texts[row[1]],)

    def articles_in_order(self, ids: Sequence[str]) -> "StoredArticles":
        """The articles `ids` (sorted), read a batch at a time whenever iterated."""
        return StoredArticles(self.url, ids)

    def newest_versions(self, ids: Iterable[str]) -> dict[str, str]:
        """For each article id, the id of its newest stored version (itself when not superseded)."""
        ids = list(dict.fromkeys(ids))
        result = {article_id: article_id for article_id in ids}
        with self.engine.connect() as conn:
            later = self._later_versions(conn, ids)
        for article_id in ids:
            current = article_id
            for _ in range(1000):
                if current not in later:
                    break
                current = later[current]
            result[article_id] = current
        return result

    def _later_versions(self, conn: sa.Connection, ids: list[str]) -> dict[str, str]:
        """id -> the version that superseded it, for `ids` and the versions after them (and maybe
        others): every superseded article in one query when there are no more of them than ids (none
        in a store of new articles), else one query per step along the chains of versions, not per id."""
        # "> ''" is "IS NOT NULL" for ids (never empty), but SQLite then reads that column's index, not every row
        if conn.exec_driver_sql("SELECT count(*) FROM articles WHERE superseded_by > ''").scalar() <= len(ids):
            return dict(conn.exec_driver_sql("SELECT id, superseded_by FROM articles WHERE superseded_by > ''").all())
        later: dict[str, str] = {}
        wanted = ids
        for _ in range(1000):
            found = dict(_articles_where_in(conn, "id, superseded_by", "id", wanted, " AND superseded_by IS NOT NULL"))
            later.update(found)
            wanted = [n for n in dict.fromkeys(found.values()) if n not in later]
            if not wanted:
                break
        return later

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles_table)
                                .where(articles_table.c.superseded_by.is_(None))).scalar()

    # -- stage results -----------------------------------------------------------------
    def put_result(self, stage: str, key: str, payload) -> None:
        with self.engine.begin() as conn:
            conn.execute(results_table.delete().where(results_table.c.stage == stage, results_table.c.key == key))
            conn.execute(results_table.insert().values(stage=stage, key=key,
                                                       payload=json.dumps(payload, ensure_ascii=False)))

    def get_result(self, stage: str, key: str):
        with self.engine.connect() as conn:
            text = conn.execute(sa.select(results_table.c.payload)
                                .where(results_table.c.stage == stage, results_table.c.key == key)).scalar()
        return None if text is None else json.loads(text)

    def put_blob(self, name: str, data: bytes) -> None:
        with self.engine.begin() as conn:
            conn.execute(blobs_table.delete().where(blobs_table.c.name == name))
            conn.execute(blobs_table.insert().values(name=name, data=data))

    def get_blob(self, name: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(blobs_table.c.data).where(blobs_table.c.name == name)).scalar()

    # -- stories -----------------------------------------------------------------------
    def save_stories(self, stories: Sequence[Story], aliases: dict[str, str], state: bytes | None = None) -> None:
        """Replace the stored stories, memberships and aliases (and the clustering state) in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(stories_table.delete())
            conn.execute(story_articles_table.delete())
            for story in stories:
                conn.execute(stories_table.insert().values(
                    id=story.id, title=story.title, first_seen=story.first_seen, last_seen=story.last_seen,
                    sections=json.dumps(story.sections, ensure_ascii=False)))
                if story.articles:
                    conn.execute(story_articles_table.insert(),
                                 [{"article": a, "story": story.id} for a in story.articles])
            for alias, kept in sorted(aliases.items()):
                conn.execute(story_aliases_table.delete().where(story_aliases_table.c.alias == alias))
                conn.execute(story_aliases_table.insert().values(alias=alias, story=kept))
            if state is not None:
                conn.execute(blobs_table.delete().where(blobs_table.c.name == "stories"))
                conn.execute(blobs_table.insert().values(name="stories", data=state))

    def stories(self) -> list[Story]:
        """Every stored story, newest first seen last, ties by id."""
        return self._stories()

    def story(self, story_id: str) -> Story | None:
        """One story by id or by an alias it was merged under (read alone, not with every story)."""
        with self.engine.connect() as conn:
            kept = conn.execute(sa.select(story_aliases_table.c.story)
                                .where(story_aliases_table.c.alias == story_id)).scalar()
        found = self._stories(kept or story_id)
        return found[0] if found else None

    def _stories(self, story_id: str | None = None) -> list[Story]:
        """The stored stories (only the one with `story_id` when given), newest first seen last, ties by id."""
        rows, members = sa.select(stories_table), sa.select(story_articles_table)
        if story_id is not None:
            rows, members = rows.where(stories_table.c.id == story_id), members.where(story_articles_table.c.story == story_id)
        with self.engine.connect() as conn:
            rows, members = conn.execute(rows).all(), conn.execute(members).all()
        by_story: dict[str, list[str]] = {}
        for m in members:
            by_story.setdefault(m.story, []).append(m.article)
        result = [Story(r.id, r.title, tuple(sorted(by_story.get(r.id, ()))), r.first_seen, r.last_seen,
                        json.loads(r.sections)) for r in rows]
        return sorted(result, key=lambda s: (s.first_seen or "", s.id))

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The story id of each stored article that has one."""
        result: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(article_ids), 500):
                for row in conn.execute(sa.select(story_articles_table)
                                        .where(story_articles_table.c.article.in_(chunk))):
                    result[row.article] = row.story
        return result


READ_BATCH = 500
"""Rows per query when reading rows or articles back (also the size of an IN list)."""


class StoredArticles:
    """Stored articles by id, in the order given, read a batch at a time whenever iterated (so that
    a document of a million articles is written without holding them)."""

    def __init__(self, url: str, ids: Sequence[str]):
        self.url = url
        self.ids = list(ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[Article]:
        """The articles."""
        return (article_from_row(row, row.text.decode("utf-8")) for row in self.rows())

    def rows(self) -> Iterator[StoredRow]:
        """The articles' rows, each text's UTF-8 as the database holds it (a document writes that
        without decoding or encoding the text), a query per READ_BATCH ids in the driver's own SQL
        (SQLAlchemy's statement compilation and row processing added a third to the read); an id
        not stored is skipped."""
        engine = _engine(self.url)
        columns = ", ".join(_utf8_of(name, engine) if name == "text" else name for name in _ARTICLE_COLUMNS)
        try:
            with engine.connect() as conn:
                for chunk in _chunks(self.ids, READ_BATCH):
                    rows = {row[0]: row for row in _articles_where_in(conn, columns, "id", chunk)}
                    yield from map(StoredRow._make, (rows[article_id] for article_id in chunk if article_id in rows))
        finally:
            engine.dispose()


def _articles_where_in(conn: sa.Connection, columns: str, key: str, values: list,
                       condition: str = "") -> Iterator[tuple]:
    """The `columns` of the articles whose `key` is one of `values` (and that meet `condition`), a
    statement per READ_BATCH values, as the driver's own statements and rows: SQLAlchemy's
    expansion of the IN list and its row processing cost more per value than the database's lookup."""
    mark = _parameter_mark(conn.engine)
    cursor = conn.connection.cursor()
    try:
        for chunk in _chunks(values, READ_BATCH):
            marks = ", ".join([mark] * len(chunk))
            cursor.execute(f"SELECT {columns} FROM articles WHERE {key} IN ({marks}){condition}", tuple(chunk))
            yield from cursor.fetchall()
    finally:
        cursor.close()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # 16 KB pages (a new store's; an existing one keeps its own): an article of a few KB wastes less of a
    # page than of 4 KB ones, the store is ~20% smaller and inserting it takes ~30% less CPU
    cursor.execute("PRAGMA page_size=16384")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB: the four article indexes of a large store stay cached
    cursor.execute("PRAGMA wal_autocheckpoint=4096")  # 64 MB of 16 KB pages between checkpoints: fewer in a large ingest
    cursor.close()


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]
