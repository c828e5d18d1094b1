"""Texts packed into one compressed buffer come back exactly, by position, in any order."""
from __future__ import annotations

from hypothesis import given, strategies as st

from newsdesk.reuse.packed import PackedTexts


@given(st.lists(st.text(), max_size=20), st.randoms(use_true_random=False), st.booleans())
def test_packed_texts_come_back_exactly(texts, rng, compress):
    packed = PackedTexts.pack(texts, compress)
    assert packed.compressed is compress
    assert len(packed) == len(texts) and list(packed) == texts and packed[1:3] == texts[1:3]
    order = list(range(len(texts)))
    rng.shuffle(order)
    moved = packed.reordered(order)
    assert list(moved) == [texts[n] for n in order] and moved.take(order[:3]) == [moved[n] for n in order[:3]]


@given(st.lists(st.text(), max_size=10), st.booleans())
def test_texts_packed_apart_read_back_as_packed_together(texts, compress):
    """A text packed in a worker (`packed_text`, added with `add_packed`) reads back as one added whole."""
    import zlib

    from newsdesk.reuse.packed import Packer, packed_text

    packer = Packer(compress)
    for text in texts:
        packer.add_packed(packed_text(text, compress))
    assert list(packer.texts()) == texts
    assert all(zlib.decompress(packed_text(t)).decode("utf-8", "surrogatepass") == t for t in texts)  # plain zlib format
    assert all(packed_text(t, False) == t.encode("utf-8", "surrogatepass") for t in texts)  # or plain UTF-8


@given(st.lists(st.lists(st.integers(0, 2**64 - 1), max_size=30), max_size=8))
def test_shingles_packed_by_batch_read_back_per_text_cut_to_32_bits(per_text):
    import numpy as np

    from newsdesk.reuse.packed import ShinglePacker

    packer = ShinglePacker()
    for batch in (per_text[:3], per_text[3:]):
        flat = np.array([h for text in batch for h in text], dtype=np.uint64)
        bounds = np.cumsum([0] + [len(text) for text in batch])
        packer.add(flat, bounds)
    shingles = packer.shingles()
    assert len(shingles) == len(per_text)
    assert [s.tolist() for s in shingles] == [[h & 0xFFFFFFFF for h in text] for text in per_text]


@given(st.text())
def test_a_text_given_as_its_utf8_bytes_is_keyed_and_packed_the_same(text):
    import zlib

    from newsdesk.reuse.find import text_key
    from newsdesk.reuse.packed import packed_text

    encoded = text.encode("utf-8", "surrogatepass")
    assert text_key(encoded) == text_key(text)
    assert zlib.decompress(packed_text(encoded)) == zlib.decompress(packed_text(text)) == encoded
