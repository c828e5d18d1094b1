"""JSON text exactly as `json.dumps(value, ensure_ascii=False, indent=1)` writes it, built faster.

With an indent the standard library encodes in pure Python (a generator per container, several
calls per value); this builds the same text into one list with a call per value, strings escaped by
C code (`bytes.replace` on a long one's UTF-8, or json's own C escaper) and numbers formatted as json formats them
(`int.__repr__`, `float.__repr__`, NaN/Infinity): an article in under half the time.

`indented_utf8` builds the text in UTF-8 and escapes a long string after encoding it, or a string
given as its UTF-8 (a text read from the store) without decoding it: bytes are searched for what
json escapes several times faster than text, and the text is not encoded twice.
"""
from __future__ import annotations

from collections.abc import Iterable
from json.encoder import encode_basestring  # the escaper json uses with ensure_ascii=False (C, where built)

_int_text = int.__repr__
_float_repr = float.__repr__
_INFINITY = float("inf")

_LONG_STRING = 500
"""From this length on a string is escaped by `str.replace` (faster than json's escaper on long text)."""
_SHORT_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\b", "\\b"), ("\f", "\\f"))
"""The characters json escapes by a letter or by a backslash before them, with the escape; the
backslash first (the others add backslashes)."""
_SHORT_ESCAPE_BYTES = tuple((ord(char), char.encode(), escape.encode()) for char, escape in _SHORT_ESCAPES)
"""`_SHORT_ESCAPES` in UTF-8, each with its byte as an int (bytes find an int fastest)."""
_UNESCAPED_BYTES = bytes(b for b in range(256) if b >= 0x20 and b not in b'"\\')
"""The bytes of UTF-8 text that json leaves as they are: deleting them leaves the bytes to escape."""
_SHORT_ESCAPED_BYTES = bytes(byte for byte, _, _ in _SHORT_ESCAPE_BYTES)
"""The bytes of `_SHORT_ESCAPES`: any other byte json escapes is a rare control character (\\u00XX)."""
_UTF8_STRING = '"\x00"'
"""What stands in `indented_utf8`'s text for a string escaped as UTF-8 (a NUL in its quotes): json
escapes every control character, so no other NUL is in the text, nor a 0 byte in its UTF-8."""


def indented_json(value, level: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)` with every line but the first indented by
    `level` more spaces: the value's text for a place `level` deep in an indented document.

    The same text, and the same TypeError for what json cannot encode; only a container that holds
    itself ends in RecursionError where json raises ValueError."""
    parts: list[str] = []
    _encode(value, "\n" + " " * level, parts, None)
    return "".join(parts)


def indented_utf8(value, level: int = 0) -> bytes:
    """`indented_json(value, level)` in UTF-8, where a string may also be given as its UTF-8
    (bytes). A lone surrogate in a string fails as `str.encode` fails on it."""
    return indented_utf8_items((value,), level)


def indented_utf8_items(values: Iterable, level: int) -> bytes:
    """`indented_utf8(value, level)` of each of `values`, joined by "," and a line break `level` deep:
    the items of an indented list one less deep (a run of the document's articles), built as one
    text, in which each long string's UTF-8 is copied once."""
    strings: list[bytes] = []
    parts: list[str] = []
    newline = "\n" + " " * level
    separator = "," + newline
    for n, value in enumerate(values):
        if n:
            parts.append(separator)
        _encode(value, newline, parts, strings)
    text = "".join(parts).encode("utf-8")
    if not strings:
        return text
    out = [b""] * (2 * len(strings) + 1)
    out[0::2] = text.split(b"\x00")  # the text around each string
    out[1::2] = strings
    return b"".join(out)


def _encode(value, newline: str, parts: list[str], utf8: list[bytes] | None) -> None:
    """Append the text of `value` to `parts`; `newline` is a line break and the indent of the line
    the value starts on. With `utf8` (for `indented_utf8`) a long string and a string given as
    bytes go there escaped in UTF-8 (without quotes), `_UTF8_STRING` in their place. The same tests
    in the same order as json's encoder, bytes after them (json has none)."""
    if isinstance(value, str):
        if len(value) < _LONG_STRING:
            parts.append(encode_basestring(value))
        elif utf8 is None:
            parts.append(string_json(value))
        else:
            utf8.append(_escaped_utf8(value.encode("utf-8")))
            parts.append(_UTF8_STRING)
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(_int_text(value))
    elif isinstance(value, float):
        parts.append(_float_text(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + " "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _encode(item, inner, parts, utf8)
            separator = "," + inner
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + " "
        separator = "{" + inner
        comma = "," + inner
        for key, item in value.items():
            key_text = encode_basestring(key) if type(key) is str else _key_text(key)
            # what most of an article's values are, without a call for each: a short string, null,
            # a text given as its UTF-8, an empty list
            if type(item) is str and len(item) < _LONG_STRING:
                parts += (separator, key_text, ": ", encode_basestring(item))
            elif item is None:
                parts += (separator, key_text, ": null")
            elif type(item) is bytes and utf8 is not None:
                utf8.append(_escaped_utf8(item))
                parts += (separator, key_text, ": ", _UTF8_STRING)
            elif type(item) is list and not item:
                parts += (separator, key_text, ": []")
            else:
                parts += (separator, key_text, ": ")
                _encode(item, inner, parts, utf8)
            separator = comma
        parts.append(newline + "}")
    elif utf8 is not None and isinstance(value, bytes):
        utf8.append(_escaped_utf8(value))
        parts.append(_UTF8_STRING)
    else:
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def string_json(text: str) -> str:
    """`text` as a JSON string, as json's `encode_basestring` gives it (non-ASCII kept); a long text
    escaped in UTF-8 (`utf8_string_json`), which is searched faster than text."""
    if len(text) < _LONG_STRING:
        return encode_basestring(text)
    return utf8_string_json(text.encode("utf-8", "surrogatepass")).decode("utf-8", "surrogatepass")


def utf8_string_json(data: bytes) -> bytes:
    """The string whose UTF-8 is `data` as a JSON string in UTF-8, as json's `encode_basestring` gives it."""
    return b'"' + _escaped_utf8(data) + b'"'


def _escaped_utf8(data: bytes) -> bytes:
    """`utf8_string_json(data)` without its quotes: the bytes json escapes found in one pass, then
    without the rarest control characters a kind of byte at a time by `bytes.replace`, which skips a
    text without that byte at memory speed (no character json escapes is part of another's UTF-8)."""
    escaped = data.translate(None, _UNESCAPED_BYTES)
    if not escaped:
        return data
    if escaped.translate(None, _SHORT_ESCAPED_BYTES):  # a rare control character: json's escaper
        return encode_basestring(data.decode("utf-8", "surrogatepass")).encode("utf-8", "surrogatepass")[1:-1]
    for byte, char, escape in _SHORT_ESCAPE_BYTES:
        if byte in escaped:
            data = data.replace(char, escape)
    return data


def _float_text(value: float) -> str:
    """A float as json writes it (allow_nan: NaN, Infinity and -Infinity as JavaScript spells them)."""
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return _float_repr(value)


def _key_text(key) -> str:
    """A dict key as json writes it: always a string; numbers, booleans and None as their JSON text."""
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float_text(key))
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return encode_basestring(_int_text(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
