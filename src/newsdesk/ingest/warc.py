"""WARC files (.warc, .warc.gz): each HTML page a crawler stored is an article.

Only successful (2xx) HTML responses, and HTML resource records, are pages; requests,
metadata, redirects, error pages and images are not articles and pass silently. The
url is the record's WARC-Target-URI. A file that breaks off mid-way keeps the articles
read before the break and reports where it broke.
"""
from __future__ import annotations

import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from newsdesk.ingest.decode import NotText, decode_bytes
from newsdesk.ingest.settings import ReadSettings, describe_size
from newsdesk.ingest.webpage import declared_charset, extract_page
from newsdesk.model import RawArticle, Skip

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def looks_like_warc(head: bytes) -> bool:
    """Whether a file starts like an uncompressed WARC file."""
    return head.startswith(b"WARC/")


def read_warc(stream: BinaryIO, path: Path, settings: ReadSettings) -> Iterator[RawArticle | Skip]:
    """The HTML pages of one WARC stream, in file order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    read = 0
    try:
        records = iter(ArchiveIterator(stream))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
        yield Skip(str(path), f"not a readable WARC file: {error}")
        return
    number = 0
    while True:
        try:
            record = next(records)
            number += 1
            page = _page_of(record, settings)
        except StopIteration:
            break
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
            where = f"after {read} article(s)" if number > 1 else "at its start"
            yield Skip(str(path), f"broken WARC file {where}: {error or type(error).__name__}")
            return
        if page is None:
            continue
        url, html_or_reason = page
        if isinstance(html_or_reason, Skip):
            yield Skip(f"{path}#{number}", html_or_reason.reason)
            continue
        article = _article(html_or_reason, url, number, path, settings)
        read += isinstance(article, RawArticle)
        yield article
    if number == 0:
        yield Skip(str(path), "WARC file has no records")


def _page_of(record, settings: ReadSettings) -> tuple[str | None, str | Skip] | None:
    """(url, decoded HTML) of a record that holds a page, (url, Skip) when it cannot be used, else None."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() not in _HTML_TYPES:
        return None
    data = record.content_stream().read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        return url, Skip("", f"{url}: page larger than {describe_size(settings.max_bytes)}; raise max_bytes to read it")
    charset = next(
        (value.strip().strip("\"'") for key, _, value in (p.partition("=") for p in parameters.split(";")) if key.strip().lower() == "charset"),
        None,
    )
    try:
        return url, decode_bytes(data, settings.encoding, declared=charset or declared_charset(data))
    except NotText as reason:
        return url, Skip("", f"{url}: {reason}")


def _article(html: str, url: str | None, number: int, path: Path, settings: ReadSettings) -> RawArticle | Skip:
    page = extract_page(html, url, settings)
    if page is None:
        return Skip(f"{path}#{number}", f"{url}: no article text found in the page")
    return RawArticle(
        identity=url or f"{path.name}#{number}",
        raw=page.raw,
        path=str(path),
        url=url or page.url,
        source=page.source,
        title=page.title,
        published=page.published,
        language=page.language,
        header=page.header,
    )
