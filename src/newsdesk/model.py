"""The small data objects every stage takes and returns.

Offsets are Python string indices (code points), `end` exclusive. Spans in the
cleaned text point into `Article.text`; `Removal` spans point into the raw input.
"""
from __future__ import annotations

import hashlib
from dataclasses import InitVar, dataclass, field


def content_id(*parts: str | bytes, length: int = 16) -> str:
    """A stable id from content: the same parts give the same id on every run and engine. A part
    may come as its UTF-8 bytes (`str.encode("utf-8", "surrogatepass")`): the same id, not encoded again."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


@dataclass(slots=True, frozen=True)
class Removal:
    """A piece of the raw input that cleaning or reading took out, with the reason why."""

    text: str
    reason: str
    raw_start: int
    raw_end: int


@dataclass(slots=True, frozen=True)
class Skip:
    """An input that could not be read: which one and why. The run goes on without it."""

    path: str
    reason: str


@dataclass(slots=True, frozen=True)
class RawArticle:
    """One article as a reader found it, before cleaning.

    `raw` is the decoded input text the article's offsets map back to. `identity` is
    what names the article across versions (its url, else its file's base name, plus
    "#LINE" for JSONL). `header` lists what the reader recognised as metadata lines
    (title line, date line, ...) inside `raw`; cleaning removes them from the text.
    """

    identity: str
    raw: str
    path: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    header: tuple[Removal, ...] = ()
    raw_utf8: InitVar[bytes | None] = None
    """`raw` in UTF-8 when the reader has it at hand (`normalised_utf8`): hashed for the id as it
    is, not encoded again. Not kept."""
    id: str = field(init=False, repr=False, compare=False)
    """Article id: from the article's identity and its raw content (format rule); hashed once, when
    the article is made (reading, cleaning and storing each ask for it)."""

    def __post_init__(self, raw_utf8: bytes | None) -> None:
        object.__setattr__(self, "id", content_id(self.identity, self.raw if raw_utf8 is None else raw_utf8))


@dataclass(slots=True, frozen=True)
class Segment:
    """A run of cleaned text copied unchanged from the raw input: text[start:start+length] == raw[raw_start:...]."""

    start: int
    raw_start: int
    length: int


@dataclass(slots=True, frozen=True)
class Article:
    """A cleaned article: what every later stage reads."""

    id: str
    identity: str
    path: str | None
    url: str | None
    source: str | None
    agencies: tuple[str, ...]
    title: str | None
    published: str | None
    language: str
    text: str
    removed: tuple[Removal, ...]
    segments: tuple[Segment, ...] = ()
    supersedes: str | None = None

    def raw_offset(self, index: int) -> int | None:
        """Map an offset into the cleaned text back to the raw input (None if it falls outside every segment)."""
        for seg in self.segments:
            if seg.start <= index < seg.start + seg.length:
                return seg.raw_start + (index - seg.start)
        return None

    def to_json(self) -> dict:
        """The article as the analysis format writes it (`article_entry`)."""
        return article_entry(
            self.id, self.path, self.url, self.source, list(self.agencies), self.title, self.published,
            self.language, self.text,
            [{"text": r.text, "reason": r.reason, "raw_start": r.raw_start, "raw_end": r.raw_end}
             for r in self.removed],
            self.supersedes)


def article_entry(id: str, path: str | None, url: str | None, source: str | None, agencies: list[str],
                  title: str | None, published: str | None, language: str, text, removed: list[dict],
                  supersedes: str | None) -> dict:
    """An article's entry in the analysis format, from its values: `Article.to_json`, and a document
    written from the store's rows without building each Article (`text` may then be its UTF-8)."""
    return {"id": id, "path": path, "url": url, "source": source, "agencies": agencies, "title": title,
            "published": published, "language": language, "text": text, "removed": removed,
            "supersedes": supersedes}


@dataclass(slots=True, frozen=True)
class Span:
    """Words of one article: article.text[start:end]."""

    article: str
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Duplicate:
    """Articles with the same (exact) or nearly the same (near) cleaned text."""

    articles: tuple[str, ...]
    kind: str  # "exact" | "near"
    similarity: float


@dataclass(slots=True, frozen=True)
class Reuse:
    """A passage two articles share; `source` is its likely origin."""

    source: str
    source_start: int
    source_end: int
    target: str
    target_start: int
    target_end: int
    similarity: float
    direction: str  # "known" | "likely" | "unknown"


@dataclass(slots=True, frozen=True)
class Wire:
    """Articles that share copy of one wire text, with its origin when known."""

    id: str
    origin: str | None
    articles: tuple[str, ...]
    agency: str | None


@dataclass(slots=True, frozen=True)
class ReuseResult:
    duplicates: tuple[Duplicate, ...] = ()
    reuse: tuple[Reuse, ...] = ()
    wires: tuple[Wire, ...] = ()


@dataclass(slots=True, frozen=True)
class Story:
    """Articles about one event. `id` is the id of its earliest article (date, then id)."""

    id: str
    title: str
    articles: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    sections: dict = field(default_factory=dict, hash=False, compare=False)
    """Story-level sections already in format shape (brief, entities, quotes, facts, timeline), when computed."""

    def listing(self) -> dict:
        """The story as a list of stories shows it (`newsdesk stories --json`, the HTTP API): its articles counted."""
        return {"id": self.id, "title": self.title, "articles": len(self.articles),
                "first_seen": self.first_seen, "last_seen": self.last_seen}
