"""WARC files (.warc, .warc.gz): each HTML page a crawler stored is an article.

Only successful (2xx) HTML responses, and HTML resource records, are pages; requests,
metadata, redirects, error pages and images are not articles and pass silently. The
url is the record's WARC-Target-URI. A file that breaks off mid-way keeps the articles
read before the break and reports where it broke.
"""
from __future__ import annotations

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
    """The HTML pages of one WARC stream, in file order; a break in the file ends it with a Skip."""
    records = _checked_records(stream)
    read = number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as error:  # warcio fails in many ways on a damaged file
            reason = f"not a WARC file ({_describe(error)})" if number == 0 else _broken(error, number, read)
            yield Skip(str(path), reason)
            return
        number += 1
        if record.format != "warc":
            yield Skip(str(path), "not a WARC file (it does not start with a WARC/1.x record)")
            return
        try:
            page = _page_of(record, settings)
            complete = _drain(record)
        except Exception as error:
            yield Skip(str(path), _broken(error, number - 1, read))
            return
        if page is not None:
            url, html_or_skip = page
            if isinstance(html_or_skip, Skip):
                yield Skip(f"{path}#{number}", html_or_skip.reason)
            elif complete:
                article = _article(html_or_skip, url, number, path, settings)
                read += isinstance(article, RawArticle)
                yield article
        if not complete:
            yield Skip(str(path), _broken(None, number - 1, read))
            return
    if records.truncated:
        yield Skip(str(path), _broken(None, number, read))
    elif number == 0:
        yield Skip(str(path), "WARC file has no records")


def _checked_records(stream: BinaryIO):
    """warcio's record iterator, noting a gzip member that ends before its end (a cut-off file)."""
    from warcio.archiveiterator import ArchiveIterator

    class CheckedRecords(ArchiveIterator):
        truncated = False

        def close(self) -> None:
            decompressor = getattr(getattr(self, "reader", None), "decompressor", None)
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.truncated = True
            super().close()

    return CheckedRecords(stream)


def _drain(record) -> bool:
    """Read the rest of a record; False when the file ends before the record's stated length."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) <= 0


def _describe(error: Exception) -> str:
    """warcio's own messages are meaningful; anything else means a record it could not parse."""
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(error, (ArchiveLoadFailed, OSError, EOFError)) and str(error):
        return str(error).strip().splitlines()[0][:200]
    return "a record cannot be parsed"


def _broken(error: Exception | None, records: int, articles: int) -> str:
    detail = f" ({_describe(error)})" if error is not None else ""
    return (
        f"broken WARC file: it breaks off after {records} complete record(s){detail}; "
        f"the {articles} article(s) before the break were read"
    )


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
    charset = _charset(parameters)
    try:
        return url, decode_bytes(data, settings.encoding, declared=charset or declared_charset(data))
    except NotText as reason:
        return url, Skip("", f"{url}: {reason}")


def _charset(parameters: str) -> str | None:
    """The charset parameter of a Content-Type header ("text/html; charset=utf-8")."""
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


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
