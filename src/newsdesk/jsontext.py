"""JSON text exactly as `json.dumps(value, ensure_ascii=False, indent=1)` writes it, built faster.

With an indent the standard library encodes in pure Python (a generator per container, several
calls per value); this builds the same text into one list with a call per value, strings escaped by
C code (`str.replace`, or json's own C escaper) and numbers formatted as json formats them
(`int.__repr__`, `float.__repr__`, NaN/Infinity): an article in under half the time.
"""
from __future__ import annotations

from json.encoder import encode_basestring  # the escaper json uses with ensure_ascii=False (C, where built)

_int_text = int.__repr__
_float_repr = float.__repr__
_INFINITY = float("inf")

_LONG_STRING = 500
"""From this length on a string is escaped by `str.replace` (faster than json's escaper on long text)."""
_RARE_CONTROLS = tuple(chr(c) for c in range(0x20) if chr(c) not in "\b\t\n\f\r")
"""The characters json escapes as \\u00XX: in a long string, left to json's escaper."""
_SHORT_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\b", "\\b"), ("\f", "\\f"))
"""Every other character json escapes, with its escape; the backslash first (the others add backslashes)."""


def indented_json(value, level: int = 0) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)` with every line but the first indented by
    `level` more spaces: the value's text for a place `level` deep in an indented document.

    The same text, and the same TypeError for what json cannot encode; only a container that holds
    itself ends in RecursionError where json raises ValueError."""
    parts: list[str] = []
    _encode(value, "\n" + " " * level, parts)
    return "".join(parts)


def _encode(value, newline: str, parts: list[str]) -> None:
    """Append the text of `value` to `parts`; `newline` is a line break and the indent of the line
    the value starts on. The same tests in the same order as json's encoder."""
    if isinstance(value, str):
        parts.append(string_json(value))
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
            _encode(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + " "
        separator = "{" + inner
        for key, item in value.items():
            parts += (separator, _key_text(key), ": ")
            _encode(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    else:
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def string_json(text: str) -> str:
    """`text` as a JSON string, as json's `encode_basestring` gives it (non-ASCII kept). A long text
    without the rarest control characters is escaped a character kind at a time by `str.replace`,
    which skips a text without that character at memory speed."""
    if len(text) < _LONG_STRING or any(map(text.__contains__, _RARE_CONTROLS)):
        return encode_basestring(text)
    for char, escape in _SHORT_ESCAPES:
        if char in text:
            text = text.replace(char, escape)
    return f'"{text}"'


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
        return string_json(key)
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
