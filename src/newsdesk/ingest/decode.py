"""Bytes to text: detect the encoding, refuse binary data, normalise what every offset refers to.

German first: text that is not UTF-8 is read as cp1252 (which Windows and most
"Latin-1" web pages really use: „“ and € live in 0x80-0x9F), or as Latin-1 when it
uses bytes cp1252 leaves undefined. charset-normalizer is asked only when the text
then looks like another script (mostly letters beyond ASCII, e.g. cp1251 Russian):
on short Western texts it guesses wrong too often (cp1250, iso8859_10).
"""
from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_CONTROL_SHARE = 0.01
_FOREIGN_SCRIPT_SHARE = 0.3
# Declared as one of these, bytes that are not UTF-8 are read as cp1252, as browsers do.
_WESTERN = frozenset({"ascii", "iso8859-1", "cp1252", "iso8859-15", "utf-8"})


class NotText(ValueError):
    """The bytes are not text newsdesk can read; the message says why."""


def decode_bytes(data: bytes, encoding: str | None = None, declared: str | None = None) -> str:
    """Decode `data` (a whole input) to normalised text, or raise NotText with a reason.

    `encoding` forces a codec; `declared` is what the input says about itself (an HTTP
    header, a <meta charset>, an XML declaration): used when the bytes are not UTF-8.
    """
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise NotText(
                f"cannot decode as {encoding} (byte {error.start}); leave the encoding unset to detect it"
            ) from None
    else:
        text = _detect_and_decode(data, declared)
    _refuse_binary(text)  # before normalising, which drops NUL characters
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """What raw offsets refer to: no BOM, newlines as \\n, no NUL characters, Unicode NFC.

    A NUL is never text (a JSON record's "\\u0000"): PostgreSQL cannot store it, and the reuse
    stage joins texts with it."""
    return normalised_utf8(text)[0]


def normalised_utf8(text: str) -> tuple[str, bytes | None]:
    """`normalise_text(text)` with its UTF-8 when checking for lone surrogates made it (None for
    ASCII, whose encoding costs little): an article id hashes it, and need not encode it again."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    if text.isascii():
        return text, None  # already NFC
    # NFC before the check: a surrogate and its U+FFFD both stand alone, so the order changes nothing
    text = unicodedata.normalize("NFC", text)
    try:
        return text, text.encode("utf-8")
    except UnicodeEncodeError:  # a surrogate left alone (JSON "\ud800") is not encodable as UTF-8: replaced
        return _LONE_SURROGATE.sub("\ufffd", text), None


def has_text(text: str) -> bool:
    """Whether a text holds anything visible (not only spaces, newlines, BOMs or control characters)."""
    return any(unicodedata.category(ch)[0] not in "ZC" for ch in text)


def _detect_and_decode(data: bytes, declared: str | None = None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise NotText(f"starts with a {codec.upper()} byte order mark but does not decode as {codec}") from None
    if b"\x00" in data:
        raise NotText("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared_codec = _codec(declared)
    if declared_codec is not None and declared_codec not in _WESTERN:
        try:
            return data.decode(declared_codec)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if _looks_like_other_script(text):
        guess = _charset_normalizer_guess(data)
        if guess is not None:
            return guess
    return text


def _codec(name: str | None) -> str | None:
    """Python's name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _looks_like_other_script(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 20:
        return False
    beyond_ascii = sum(1 for ch in letters if ord(ch) > 0x7F)
    return beyond_ascii / len(letters) > _FOREIGN_SCRIPT_SHARE


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional help only
        return None
    best = from_bytes(data).best()
    if best is None or best.encoding in ("ascii", "utf_8", "cp1252", "latin_1"):
        return None
    return str(best)


def _refuse_binary(text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if "\x00" in text:
        raise NotText("binary file (contains NUL characters), not text")
    if controls > 1 + len(text) * _MAX_CONTROL_SHARE:  # a stray control character is tolerated
        raise NotText(f"binary file ({controls} control characters in {len(text)}), not text")
