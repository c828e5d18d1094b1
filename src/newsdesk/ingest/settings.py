"""How the readers behave: one frozen settings object, checked once when it is made."""
from __future__ import annotations

import codecs
from dataclasses import dataclass

MB = 1_000_000


@dataclass(slots=True, frozen=True)
class ReadSettings:
    """Reader settings.

    max_bytes: the largest input read at once. A single-article file (text, HTML,
        feed) larger than this is skipped; JSONL and WARC files are streamed, so the
        limit applies to each line or record instead of the whole file.
    encoding: decode every input with this codec instead of detecting one (None or "":
        detect UTF-8/UTF-16 by BOM, else UTF-8, else cp1252, else Latin-1).
    include_tables: keep the text of tables when extracting HTML pages.
    """

    max_bytes: int = 20 * MB
    encoding: str | None = None
    include_tables: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.max_bytes, int) or isinstance(self.max_bytes, bool) or self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive number of bytes; got {self.max_bytes!r}")
        if self.encoding == "":  # how a TOML file leaves it unset
            object.__setattr__(self, "encoding", None)
        if self.encoding is not None:
            try:
                if not getattr(codecs.lookup(self.encoding), "_is_text_encoding", True):
                    raise LookupError(self.encoding)  # base64, zlib, ...: bytes to bytes
            except LookupError:
                raise ValueError(
                    f"encoding {self.encoding!r} is not a text codec Python knows; use e.g. 'utf-8', 'cp1252' "
                    "or None to detect it"
                ) from None


def describe_size(size: int) -> str:
    """A byte count as a person reads it: '20 MB', '512 kB', '17 bytes'."""
    if size >= MB:
        return f"{size / MB:.3g} MB"
    if size >= 1000:
        return f"{size / 1000:.3g} kB"
    return f"{size} bytes"
