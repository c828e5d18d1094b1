"""Plain text files: the whole decoded text is the article; header lines are recognised, not cut."""
from __future__ import annotations

from pathlib import Path

from newsdesk.ingest.decode import NotText, decode_bytes, has_text
from newsdesk.ingest.header import read_header
from newsdesk.ingest.settings import ReadSettings
from newsdesk.model import RawArticle, Skip


def read_text(data: bytes, path: Path, settings: ReadSettings) -> RawArticle | Skip:
    """One text file -> one article (identity: the file's base name)."""
    try:
        raw = decode_bytes(data, settings.encoding)
    except NotText as reason:
        return Skip(str(path), str(reason))
    if not has_text(raw):
        return Skip(str(path), "only whitespace, no text")
    header = read_header(raw)
    return RawArticle(
        identity=path.name,
        raw=raw,
        path=str(path),
        title=header.title,
        published=header.published,
        header=header.removals,
    )
