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
