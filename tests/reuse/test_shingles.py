"""Words and shingles: the compiled scanner finds what the WORD expression finds, hashes are stable."""
from __future__ import annotations

from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.reuse.shingles import WORD, batch_words, shingle_hashes, words


def spans(text):
    found = words(text)
    return [text[s:e] for s, e in zip(found.starts.tolist(), found.ends.tolist())]


def test_words_keep_names_numbers_and_abbreviations():
    text = "Kim Jong-un ließ 11.000 Granaten liefern, z.B. nach Pjöngjang – »sagte« er."
    assert spans(text) == ["Kim", "Jong-un", "ließ", "11.000", "Granaten", "liefern", "z.B", "nach", "Pjöngjang",
                           "sagte", "er"]


def test_case_and_quote_marks_do_not_change_hashes():
    a = words('Die USA sind "besorgt" über die Vertiefung der Beziehungen.')
    b = words("die usa sind »besorgt« über die Vertiefung der Beziehungen")
    assert a.hashes.tolist() == b.hashes.tolist()
    assert len(set(a.hashes.tolist())) == len(a) - 1  # "die" twice


def test_hashes_are_stable_across_runs():
    assert int(words("Nordkorea").hashes[0]) == 863742185473279330
    assert int(words("Jong-un").hashes[0]) == 12374003944463793506  # a connector inside the word
    assert int(words("𝔄nna").hashes[0]) == 15344236654680406372  # a character beyond the BMP


TEXT = st.text(alphabet=st.sampled_from(list("abcäöüßXYZ019 -.'’,„“»«\n_") + ["𝔄", "😀", "İ"]), max_size=60)


@hsettings(max_examples=200, deadline=None)
@given(TEXT)
def test_scanner_agrees_with_the_expression(text):
    assert spans(text) == WORD.findall(text)


@hsettings(max_examples=50, deadline=None)
@given(st.lists(TEXT, max_size=6))
def test_batches_equal_single_texts(texts):
    together = batch_words(texts)
    for text, found in zip(texts, together):
        alone = words(text)
        assert found.starts.tolist() == alone.starts.tolist() and found.hashes.tolist() == alone.hashes.tolist()


def test_shingles_follow_word_order():
    h = words("eins zwei drei vier").hashes
    assert len(shingle_hashes(h, 3)) == 2 and len(shingle_hashes(h, 5)) == 0
    assert shingle_hashes(h[::-1].copy(), 3).tolist() != shingle_hashes(h, 3).tolist()[::-1]


def _splitmix(values):
    """splitmix64's finaliser in whole-array numpy: the reference `_mix` must equal."""
    import numpy as np

    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def test_shingle_hashes_are_pinned():
    """The hashes every stored result and candidate rests on: pinned, whatever computes them."""
    assert shingle_hashes(words("eins zwei drei vier").hashes, 3).tolist() == [18138135396468607954, 4529233406082008950]


def _shingle_sum_reference(hashes, size):
    import numpy as np

    from newsdesk.reuse.shingles import _MULTIPLIERS

    count = max(len(hashes) - size + 1, 0)
    out = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            out += hashes[offset:offset + count] * _MULTIPLIERS[offset % len(_MULTIPLIERS)]
    return out


@hsettings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2**64 - 1), max_size=12), max_size=6), st.sets(st.integers(1, 8), min_size=1))
def test_flat_shingles_are_each_texts_shingles_mixed(per_text, sizes):
    """`flat_shingles_of` (one compiled pass per size) gives each text's shingle sums, mixed by
    splitmix64, never one across two texts, for lists of hashes and for flat (hashes, counts)."""
    import numpy as np

    from newsdesk.reuse.shingles import _mix, flat_shingles_of

    lists = [np.array(text, dtype=np.uint64) for text in per_text]
    flat = (np.concatenate(lists) if lists else np.empty(0, dtype=np.uint64),
            np.array([len(text) for text in per_text], dtype=np.int64))
    for given_as in (lists, flat):
        for size, (hashes, bounds) in zip(sorted(sizes), flat_shingles_of(given_as, sorted(sizes))):
            expected = [_splitmix(_shingle_sum_reference(text, size)) for text in lists]
            assert bounds.tolist() == np.cumsum([0] + [len(e) for e in expected]).tolist()
            assert hashes.tolist() == [int(v) for e in expected for v in e]
    values = flat[0]
    assert _mix(values).tolist() == _splitmix(values).tolist()
