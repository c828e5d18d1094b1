"""The indented JSON text: exactly json.dumps(value, ensure_ascii=False, indent=1), at any depth, as
text or in UTF-8 (strings given as text or as their UTF-8)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.jsontext import indented_json, indented_utf8, indented_utf8_items, string_json, utf8_string_json


def reference(value, level: int = 0) -> str:
    """What the document writes: json's indented text, its lines indented `level` more."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)


SHORT_ESCAPED = '"\\\n\r\t\b\f'
RARE_CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in SHORT_ESCAPED)
CHARACTERS = st.characters(exclude_categories=()) | st.sampled_from(SHORT_ESCAPED + RARE_CONTROLS + "\x7f\x85é€–„“\u2028😀\ud800\udfff ")
"""Any code point, lone surrogates included, and often a character json escapes."""
LONG_STRINGS = st.builds(
    lambda text, rare, at: text if rare is None else text[:at % len(text)] + rare + text[at % len(text):],
    st.text(st.characters(exclude_categories=("Cc",)) | st.sampled_from(SHORT_ESCAPED + "\x7f\x85 "), min_size=490, max_size=700),
    st.none() | st.sampled_from(RARE_CONTROLS), st.integers(min_value=0))
"""Strings long enough to be escaped by `str.replace`, with at most one control character that json escapes as \\u00XX."""
STRINGS = st.text(CHARACTERS, max_size=12) | LONG_STRINGS
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**30, max_value=10**300)
           | st.floats() | st.sampled_from([float("nan"), float("inf"), -float("inf"), -0.0, 1e16, 5e-324]) | STRINGS)
KEYS = st.text(CHARACTERS, max_size=8) | st.integers() | st.floats() | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda inner: (st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
                   | st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=25)


@hsettings(max_examples=400, deadline=None)
@given(VALUES, st.integers(min_value=0, max_value=4))
def test_indented_json_is_the_text_of_json_dumps(value, level):
    assert indented_json(value, level) == reference(value, level)


def utf8_strings(value, every: int):
    """`value` (no lone surrogate in it) with every `every`-th of its strings (not keys) given as its UTF-8."""
    count = 0

    def convert(item):
        nonlocal count
        if isinstance(item, str):
            count += 1
            return item.encode("utf-8") if count % every == 0 else item
        if isinstance(item, (list, tuple)):
            return type(item)(convert(x) for x in item)
        if isinstance(item, dict):
            return {key: convert(x) for key, x in item.items()}
        return item

    return convert(value)


@hsettings(max_examples=400, deadline=None)
@given(VALUES, st.integers(min_value=0, max_value=4), st.integers(min_value=1, max_value=3))
def test_indented_utf8_is_the_utf8_of_the_text_whether_strings_are_text_or_utf8(value, level, every):
    try:
        expected = reference(value, level).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 for it
        with pytest.raises(UnicodeEncodeError):
            indented_utf8(value, level)
        return
    assert indented_utf8(value, level) == expected
    assert indented_utf8(utf8_strings(value, every), level) == expected


@hsettings(max_examples=300, deadline=None)
@given(st.lists(VALUES, max_size=4), st.integers(min_value=1, max_value=4), st.integers(min_value=1, max_value=3))
def test_items_are_the_lines_of_the_list_json_dumps_writes(values, level, every):
    """The items of a list `level - 1` deep, as json.dumps writes them inside its brackets."""
    try:
        whole = reference(values, level - 1).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 for it
        return
    inside = whole[len("[\n" + " " * level):-len("\n" + " " * (level - 1) + "]")] if values else b""
    assert indented_utf8_items(values, level) == inside
    assert indented_utf8_items(iter(utf8_strings(values, every)), level) == inside


@hsettings(max_examples=300, deadline=None)
@given(STRINGS)
def test_a_string_is_escaped_as_json_escapes_it(text):
    assert string_json(text) == json.encoder.encode_basestring(text) == json.dumps(text, ensure_ascii=False)
    if not any("\ud800" <= c <= "\udfff" for c in text):  # a lone surrogate has no UTF-8
        assert utf8_string_json(text.encode("utf-8")) == json.dumps(text, ensure_ascii=False).encode("utf-8")


def test_a_long_text_with_every_escape_and_an_article():
    long_text = "Er sagte: \"Nein\" \\ \n" * 40
    assert string_json(long_text) == json.dumps(long_text, ensure_ascii=False)
    rare = long_text + "\x02"
    assert string_json(rare) == json.dumps(rare, ensure_ascii=False)
    for text in (long_text, rare):
        assert utf8_string_json(text.encode()) == json.dumps(text, ensure_ascii=False).encode()
    article = {"id": "a1", "path": None, "agencies": ["dpa"], "text": long_text,
               "removed": [{"text": "(dpa)", "reason": "agency credit", "raw_start": 0, "raw_end": 5, "at": 0}],
               "supersedes": None, "scores": {}, "parts": [], "similarity": 0.91, "ok": True}
    assert indented_json(article, 2) == reference(article, 2)
    assert indented_utf8({**article, "text": long_text.encode()}, 2) == reference(article, 2).encode()


def test_what_json_cannot_encode_fails_as_in_json():
    """Bytes too, but in `indented_utf8`, which takes them for a string's UTF-8."""
    unencodable = ({"when": object()}, [1, {2, 3}], {("a", "b"): 1})
    for encode, values in ((indented_json, unencodable + ({"text": b"bytes"},)), (indented_utf8, unencodable)):
        for value in values:
            with pytest.raises(TypeError) as ours:
                encode(value)
            with pytest.raises(TypeError) as theirs:
                json.dumps(value, ensure_ascii=False, indent=1)
            assert str(ours.value) == str(theirs.value)
