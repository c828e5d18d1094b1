"""Word tokens keep hyphenated names, numbers and abbreviations whole."""
from __future__ import annotations

from hypothesis import given, strategies as st

from newsdesk.text.tokens import word_spans, words


def test_words_keep_inner_punctuation():
    assert words("Kim Jong-un kaufte 11.000 Granaten, z.B. aujourd'hui.") == [
        "kim", "jong-un", "kaufte", "11.000", "granaten", "z.b", "aujourd'hui"]


@given(st.text(max_size=80))
def test_spans_match_words(text):
    spans = word_spans(text)
    assert [text[s:e].casefold() for s, e in spans] == words(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
