"""JSON Lines (one article per line, streamed so that files of any size can be read) and .json files.

Each line is a JSON object with "text" (required) and optionally "title", "published",
"source", "url", "language". A bad line is skipped with its line number; the rest of the
file still goes through.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import BinaryIO, Iterator

from newsdesk.ingest.dates import parse_date
from newsdesk.ingest.decode import NotText, decode_bytes, has_text, normalise_text, normalised_utf8
from newsdesk.ingest.header import read_header
from newsdesk.ingest.settings import ReadSettings, describe_size
from newsdesk.ingest.webpage import language_code
from newsdesk.model import RawArticle, Skip

_EXPECTED = 'expected {"text": "...", "title": ..., "published": ..., "source": ..., "url": ...}'


NO_RECORDS = "JSONL file has no records (only blank lines)"


def read_jsonl(stream: BinaryIO, path: Path, settings: ReadSettings, first_line: int = 1,
               whole: bool = True) -> Iterator[RawArticle | Skip]:
    """Articles of a JSONL stream; path "FILE#LINE" (LINE from 1), identity url else "basename#LINE".

    A part of a file (`whole` False) starts at line `first_line` and is not reported when it has no
    records: only the whole file is (`NO_RECORDS`)."""
    records = 0
    file, name = f"{path}#", f"{path.name}#"
    for number, line in _lines(stream, settings.max_bytes, first_line - 1):
        where = f"{file}{number}"
        if line is None:
            records += 1
            yield Skip(where, f"line longer than {describe_size(settings.max_bytes)}; raise max_bytes to read it")
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line or line.isspace():  # what line.strip() would leave empty, without copying the line
            continue
        records += 1
        yield _article(line, where, f"{name}{number}", settings)
    if whole and not records:
        yield Skip(str(path), NO_RECORDS)


def _article(line: bytes, where: str, identity: str, settings: ReadSettings) -> RawArticle | Skip:
    try:
        decoded = line.decode(settings.encoding or "utf-8")
    except UnicodeDecodeError:
        try:
            decoded = decode_bytes(line)
        except NotText as reason:
            return Skip(where, str(reason))
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as error:
        return Skip(where, f"invalid JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return Skip(where, "invalid JSON: nested too deeply")
    if not isinstance(record, dict):
        return Skip(where, f"a line must be a JSON object, got {type(record).__name__}; {_EXPECTED}")
    return record_article(record, where, identity=identity)


def read_json(data: bytes, path: Path, settings: ReadSettings) -> Iterator[RawArticle | Skip]:
    """A .json file: one article object, or a list of them (path and identity "FILE#N", N from 1)."""
    try:
        document = json.loads(decode_bytes(data, settings.encoding))
    except NotText as reason:
        yield Skip(str(path), str(reason))
        return
    except json.JSONDecodeError as error:
        yield Skip(str(path), f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})")
        return
    except RecursionError:
        yield Skip(str(path), "invalid JSON: nested too deeply")
        return
    if isinstance(document, dict):
        yield record_article(document, str(path), identity=path.name)
    elif isinstance(document, list) and document:
        for number, record in enumerate(document, 1):
            where = f"{path}#{number}"
            if isinstance(record, dict):
                yield record_article(record, where, identity=f"{path.name}#{number}")
            else:
                yield Skip(where, f"a list item must be a JSON object, got {type(record).__name__}; {_EXPECTED}")
    else:
        yield Skip(str(path), f"a JSON file must hold an article object or a list of them; {_EXPECTED}")


def record_article(record: dict, where: str, identity: str) -> RawArticle | Skip:
    """One article from a JSON record; `identity` names it when the record has no url."""
    text = record.get("text")
    if not isinstance(text, str) or not has_text(text):
        missing = "no \"text\"" if text is None else "an empty or non-string \"text\""
        return Skip(where, f"record has {missing}; {_EXPECTED}")
    raw, raw_utf8 = normalised_utf8(text)
    header = read_header(raw)
    url = _string(record.get("url"))
    published = _string(record.get("published"))
    return RawArticle(
        identity=url or identity,
        raw=raw,
        path=where,
        url=url,
        source=_string(record.get("source")),
        title=_string(record.get("title")) or header.title,
        published=(parse_date(published) if published else None) or header.published,
        language=language_code(_string(record.get("language")) or _string(record.get("lang"))),
        header=header.removals,
        raw_utf8=raw_utf8,
    )


def _string(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalise_text(value).split())
    return value or None


def _lines(stream: BinaryIO, limit: int, before: int = 0) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines (after `before` lines), never holding more than `limit` bytes; None for a line
    that is longer."""
    number = before
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the long line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line
