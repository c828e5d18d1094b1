"""Candidates: MinHash signatures and LSH bands for near-duplicates, anchors for partial copy."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.reuse import ReuseSettings, anchor_pairs, candidate_pairs, signatures
from newsdesk.reuse.candidates import _pairs_in_groups
from newsdesk.reuse.shingles import flat_shingles, shingle_hashes, text_hashes

from .texts import INDEPENDENT, OWN, WIRE, paragraphs

WIRE_TEXT = paragraphs(*WIRE)
LIGHTLY_EDITED = WIRE_TEXT.replace("rund 400", "etwa 400").replace("vollständig ", "")
PARTIAL = paragraphs(OWN[0], OWN[1], WIRE[2], OWN[2], OWN[3])


def test_signatures_shape_and_identical_texts():
    sig = signatures([WIRE_TEXT, WIRE_TEXT, INDEPENDENT, "zu kurz"])
    assert sig.shape == (4, 128) and sig.dtype == np.uint32
    assert (sig[0] == sig[1]).all()
    assert (sig[3] == np.uint32(0xFFFFFFFF)).all()  # fewer words than a shingle


def test_signature_agreement_estimates_jaccard():
    a, b = signatures([WIRE_TEXT, LIGHTLY_EDITED], ReuseSettings(num_perm=256, bands=64))
    set_a = set(shingle_hashes(text_hashes(WIRE_TEXT), 3).tolist())
    set_b = set(shingle_hashes(text_hashes(LIGHTLY_EDITED), 3).tolist())
    jaccard = len(set_a & set_b) / len(set_a | set_b)
    assert abs((a == b).mean() - jaccard) < 0.1


def test_lsh_pairs_near_duplicates_only():
    texts = [INDEPENDENT, WIRE_TEXT, PARTIAL, LIGHTLY_EDITED]
    assert candidate_pairs(signatures(texts)).tolist() == [[1, 3]]


def test_anchors_find_partial_copy_that_whole_text_similarity_misses():
    unrelated = ("Der FC Augsburg hat am Samstag überraschend beim Tabellenführer gewonnen. Das entscheidende Tor "
                 "fiel in der Nachspielzeit, als der eingewechselte Stürmer einen Abpraller verwertete.")
    texts = [unrelated, WIRE_TEXT, PARTIAL]
    assert anchor_pairs(texts).tolist() == [[1, 2]]
    assert candidate_pairs(signatures(texts)).tolist() == []


def test_anchors_in_very_many_texts_link_them_as_a_chain():
    stock = "Die Ermittlungen dauern an, teilte die Polizei am Montag mit."
    texts = [f"Artikel Nummer {n} über ein anderes Thema. {stock}" for n in range(6)]
    assert anchor_pairs(texts, ReuseSettings(max_df=5)).tolist() == [[n, n + 1] for n in range(5)]
    assert len(anchor_pairs(texts, ReuseSettings(max_df=6))) == 15


def test_shingles_never_straddle_two_texts():
    hashes = [text_hashes("eins zwei drei"), text_hashes("vier fünf"), text_hashes("sechs sieben acht neun")]
    flat, bounds = flat_shingles(hashes, 3)
    assert bounds.tolist() == [0, 1, 1, 3]
    expected = np.concatenate([shingle_hashes(h, 3) for h in hashes])
    assert (flat == expected).all()


@hsettings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 6), max_size=12))
def test_pairs_in_groups_are_all_pairs(sizes):
    sizes = np.array(sizes, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64) if len(sizes) else sizes
    order = np.arange(int(sizes.sum()), dtype=np.int64)[::-1].copy()
    got = {tuple(p) for p in _pairs_in_groups(order, starts, sizes).tolist()}
    expected = set()
    for start, size in zip(starts.tolist(), sizes.tolist()):
        members = order[start:start + size].tolist()
        expected |= {(min(x, y), max(x, y)) for n, x in enumerate(members) for y in members[n + 1:]}
    assert got == expected


def test_candidates_do_not_depend_on_batches():
    texts = [INDEPENDENT, WIRE_TEXT, PARTIAL, LIGHTLY_EDITED] * 2
    small = ReuseSettings(batch_size=3)
    assert (signatures(texts) == signatures(texts, small)).all()
    assert anchor_pairs(texts).tolist() == anchor_pairs(texts, small).tolist()


def test_one_permutation_signatures_fill_every_bin_of_short_texts():
    short = "Der Kreml bestätigte den Besuch am Mittwoch in Pjöngjang."
    sig = signatures([short, short + " Mehr folgt.", WIRE_TEXT])
    assert (sig[:2] != np.uint32(0xFFFFFFFF)).all()  # empty bins filled from others
    assert 0.3 < (sig[0] == sig[1]).mean() < 1.0  # and still agree about as often as the shingles


@hsettings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([INDEPENDENT, WIRE_TEXT, PARTIAL, LIGHTLY_EDITED, paragraphs(OWN[2], WIRE[1]), ""]),
                min_size=2, max_size=9), st.data())
def test_texts_hashed_as_read_give_the_candidates_of_the_stage_order(texts, data):
    """Texts hashed batch by batch in the order they arrive, of which the stage then takes some in
    its own order (a text seen before and a version superseded are left out) and adds texts it
    hashes itself (read back from the store), give the candidate pairs and alignments of the
    stage's own hashing of its texts in its order."""
    from newsdesk.reuse.find import HashedTexts, align_candidates, hash_texts, hashed_candidates, text_candidates

    settings = ReuseSettings(batch_size=2)
    arrived = data.draw(st.integers(0, len(texts)))  # the first texts were hashed as read, the others by the stage
    hashed = HashedTexts()
    for begin in range(0, arrived, 3):  # a reading worker's parts
        assert hashed.add(hash_texts(texts[begin:min(arrived, begin + 3)], settings)) == begin
    taken = data.draw(st.lists(st.sampled_from(range(arrived)), unique=True)) if arrived else []
    later = list(range(arrived, len(texts)))
    chosen = data.draw(st.permutations(taken + later))
    stage = [texts[p] for p in chosen]
    order = np.array(chosen, dtype=np.int64)  # positions from `arrived` on: hashed by the stage, in that order
    got = align_candidates(stage, settings, hashed, order)
    assert [(i, j, a.passages) for i, j, a in got] == [(i, j, a.passages) for i, j, a in align_candidates(stage, settings)]
    everything = HashedTexts()
    for begin in range(0, len(texts), 3):
        everything.add(hash_texts(texts[begin:begin + 3], settings))
    assert hashed_candidates(everything, settings, order=order).tolist() == text_candidates(stage, settings).tolist()
