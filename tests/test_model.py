"""The model's ids: content hashes, the same however their parts are given."""
from __future__ import annotations

from dataclasses import replace

from hypothesis import given, strategies as st

from newsdesk.model import RawArticle, content_id


@given(st.lists(st.text(), max_size=4))
def test_a_part_given_as_its_utf8_bytes_gives_the_same_id(parts):
    encoded = [p.encode("utf-8", "surrogatepass") for p in parts]
    assert content_id(*encoded) == content_id(*parts)
    assert content_id(*encoded, length=64) == content_id(*parts, length=64)


@given(st.text(min_size=1), st.text(), st.text())
def test_raw_article_id_is_its_identity_and_raw_text_hashed(identity, raw, other):
    article = RawArticle(identity=identity, raw=raw, path="a.jsonl#1")
    assert article.id == content_id(identity, raw)
    assert replace(article, raw=other).id == content_id(identity, other)  # made again: hashed again
    assert not repr(article).endswith(f"id={article.id!r})")  # repr and equality as before: the id follows from the fields


@given(st.text(min_size=1), st.text(), st.text())  # st.text(): no lone surrogates, which have no UTF-8
def test_raw_given_with_its_utf8_gives_the_same_article(identity, raw, other):
    article = RawArticle(identity=identity, raw=raw, raw_utf8=raw.encode("utf-8"))
    assert article == RawArticle(identity=identity, raw=raw) and article.id == content_id(identity, raw)
    assert replace(article, raw=other).id == content_id(identity, other)  # the bytes are not kept
