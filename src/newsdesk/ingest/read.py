"""One file -> its articles: pick the reader by name, else by content; every failure a Skip."""
from __future__ import annotations

import gzip
import io
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from newsdesk.ingest.decode import NotText, decode_bytes
from newsdesk.ingest.feed import looks_like_feed, read_feed
from newsdesk.ingest.files import iter_files
from newsdesk.ingest.jsonl import read_json, read_jsonl
from newsdesk.ingest.plaintext import read_text
from newsdesk.ingest.settings import ReadSettings, describe_size
from newsdesk.ingest.warc import looks_like_warc, read_warc
from newsdesk.ingest.webpage import declared_charset, extract_page
from newsdesk.model import RawArticle, Skip

_KINDS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc",
}
_BINARY_SUFFIXES = frozenset(
    ".pdf .doc .docx .odt .zip .7z .rar .tar .tgz .bz2 .xz .png .jpg .jpeg .gif .webp .mp3 .mp4 "
    ".sqlite .db .parquet".split()
)
_DEFAULT = ReadSettings()


def read_file(path: str | Path, settings: ReadSettings = _DEFAULT) -> Iterator[RawArticle | Skip]:
    """The articles of one file (many for JSONL, feeds and WARC); what cannot be read is a Skip."""
    path = Path(path)
    return _guard_file(_read(path, settings), path)


@dataclass(slots=True, frozen=True)
class FilePart:
    """A stretch of a file that can be read on its own: bytes [start, end) of a JSONL file, whose
    first line is line `first_line` of the file; the whole file (any format) when end is None."""

    path: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


def file_parts(path: str | Path, size: int, part_bytes: int) -> list[FilePart]:
    """A plain JSONL file larger than `part_bytes` as parts of about that size, cut at line ends (so
    that its lines can be read in several processes); any other file whole."""
    whole = [FilePart(str(path))]
    name = Path(path).name.lower()
    if size <= part_bytes or _KINDS.get(Path(name).suffix) != "jsonl":
        return whole
    parts: list[FilePart] = []
    try:
        with open(path, "rb") as handle:
            start, line = 0, 1
            while block := handle.read(part_bytes):
                end, lines = start + len(block), block.count(b"\n")
                if not block.endswith(b"\n"):  # on to the end of the line
                    while chunk := handle.read(1 << 20):
                        cut = chunk.find(b"\n")
                        if cut >= 0:
                            end, lines = end + cut + 1, lines + 1
                            handle.seek(end)
                            break
                        end += len(chunk)
                parts.append(FilePart(str(path), start, end, line))
                start, line = end, line + lines
    except OSError:
        return whole  # reading it whole reports why
    return parts if len(parts) > 1 else whole


def read_part(part: FilePart, settings: ReadSettings = _DEFAULT) -> Iterator[RawArticle | Skip]:
    """The articles of a file part (`file_parts`), as `read_file` reads them from the whole file; a
    part with no records is not reported (only a whole file is)."""
    if part.end is None:
        return read_file(part.path, settings)
    return _guard_file(_read_part(part, settings), Path(part.path))


def _read_part(part: FilePart, settings: ReadSettings) -> Iterator[RawArticle | Skip]:
    path = Path(part.path)
    try:
        with open(path, "rb") as handle:
            handle.seek(part.start)
            data = handle.read(part.end - part.start)
    except OSError as error:
        yield Skip(str(path), _open_error(error))
        return
    yield from read_jsonl(io.BytesIO(data), path, settings, part.first_line, whole=False)


def _guard_file(articles: Iterator[RawArticle | Skip], path: Path) -> Iterator[RawArticle | Skip]:
    try:
        yield from articles
    except Exception as error:  # the boundary: one bad file must not stop a run
        yield Skip(str(path), f"could not be read ({type(error).__name__}: {error}); please report this file")


def read_paths(paths: Iterable[str | Path], settings: ReadSettings = _DEFAULT) -> Iterator[RawArticle | Skip]:
    """The articles of files and folders, in iter_files order."""
    for item in iter_files(paths):
        if isinstance(item, Skip):
            yield item
        else:
            yield from read_file(item, settings)


def _read(path: Path, settings: ReadSettings) -> Iterator[RawArticle | Skip]:
    shown = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        yield Skip(shown, "not found")
        return
    except OSError as error:
        yield Skip(shown, _open_error(error))
        return
    if stat.S_ISDIR(info.st_mode):
        yield Skip(shown, "is a folder; pass it to read_paths() to read the files inside")
        return
    if not stat.S_ISREG(info.st_mode):
        yield Skip(shown, "not a regular file (a device, pipe or socket)")
        return
    name = path.name.lower()
    compressed = name.endswith(".gz") and not name.endswith(".warc.gz")
    inner = Path(name[: -len(".gz")]) if compressed else Path(name)
    kind = "warc" if name.endswith(".warc.gz") else _KINDS.get(inner.suffix)
    if inner.suffix in _BINARY_SUFFIXES:
        yield Skip(shown, f"{inner.suffix} files are not read; newsdesk reads text, HTML, JSONL, RSS/Atom and WARC")
        return
    if info.st_size == 0:
        yield Skip(shown, "empty file")
        return
    opener: Callable[[Path], BinaryIO] = gzip.open if compressed else _open_binary  # type: ignore[assignment]
    try:
        stream = opener(path)
    except OSError as error:
        yield Skip(shown, _open_error(error))
        return
    with stream:
        if kind in ("jsonl", "warc"):
            reader = read_jsonl if kind == "jsonl" else read_warc
            yield from _guard_stream(reader(stream, path, settings), path)
            return
        if not compressed and info.st_size > settings.max_bytes:
            yield Skip(shown, _too_large(info.st_size, settings))
            return
        try:
            data = stream.read(settings.max_bytes + 1)
        except (OSError, EOFError, zlib.error) as error:
            yield Skip(shown, _open_error(error) if not compressed else f"broken gzip file: {error}")
            return
        if len(data) > settings.max_bytes:
            yield Skip(shown, _too_large(len(data), settings))
            return
        if not data:
            yield Skip(shown, "empty file")
            return
        if kind is None:  # .txt and unknown names: the content tells
            kind = _sniff(data)
        if kind == "warc":
            yield from read_warc(io.BytesIO(data), path, settings)
        elif kind == "json":
            yield from read_json(data, path, settings)
        elif kind == "feed":
            yield from read_feed(data, path, settings)
        elif kind == "html":
            yield _read_html(data, path, settings)
        else:
            yield read_text(data, path, settings)


def _guard_stream(articles: Iterator[RawArticle | Skip], path: Path) -> Iterator[RawArticle | Skip]:
    """A streamed file that breaks off mid-way keeps what was read and reports the break."""
    try:
        yield from articles
    except (OSError, EOFError, zlib.error) as error:
        yield Skip(str(path), f"file breaks off ({error}); the articles before the break were read")


def _read_html(data: bytes, path: Path, settings: ReadSettings) -> RawArticle | Skip:
    try:
        html = decode_bytes(data, settings.encoding, declared=declared_charset(data))
    except NotText as reason:
        return Skip(str(path), str(reason))
    page = extract_page(html, None, settings)
    if page is None:
        return Skip(str(path), "no article text found in the HTML page")
    return RawArticle(
        identity=page.url or path.name,
        raw=page.raw,
        path=str(path),
        url=page.url,
        source=page.source,
        title=page.title,
        published=page.published,
        language=page.language,
        header=page.header,
    )


def _sniff(data: bytes) -> str:
    """The format of a file whose name does not tell: WARC, feed, HTML, else text."""
    if looks_like_warc(data):
        return "warc"
    if looks_like_feed(data):
        return "feed"
    head = data[:1024].lstrip(b" \t\r\n\xef\xbb\xbf").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _open_binary(path: Path) -> BinaryIO:
    return open(path, "rb")


def _open_error(error: BaseException) -> str:
    if isinstance(error, PermissionError):
        return "permission denied: cannot read this file (check its permissions)"
    if isinstance(error, FileNotFoundError):
        return "not found"
    detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return f"cannot read this file: {detail}"


def _too_large(size: int, settings: ReadSettings) -> str:
    return (
        f"larger than {describe_size(settings.max_bytes)} ({describe_size(size)}); "
        "raise ReadSettings.max_bytes to read it, or split it into JSONL"
    )
