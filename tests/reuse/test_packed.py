"""Texts packed into one compressed buffer come back exactly, by position, in any order."""
from __future__ import annotations

from hypothesis import given, strategies as st

from newsdesk.reuse.packed import PackedTexts


@given(st.lists(st.text(), max_size=20), st.randoms(use_true_random=False))
def test_packed_texts_come_back_exactly(texts, rng):
    packed = PackedTexts.pack(texts)
    assert len(packed) == len(texts) and list(packed) == texts and packed[1:3] == texts[1:3]
    order = list(range(len(texts)))
    rng.shuffle(order)
    moved = packed.reordered(order)
    assert list(moved) == [texts[n] for n in order] and moved.take(order[:3]) == [moved[n] for n in order[:3]]
