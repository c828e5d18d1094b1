"""Candidates: MinHash signatures and LSH bands for near-duplicates, anchors for partial copy."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.reuse import ReuseSettings, anchor_pairs, candidate_pairs, signatures
from newsdesk.reuse.candidates import (OWNER_BITS, _pairs_in_groups, pair_codes_of_part, partitioned, radix_argsort,
                                      radix_sort)
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


UINT64 = st.integers(0, 2**64 - 1)
# values that share their high bits or are equal, as anchors of one hash range and repeated anchors
# are, or as band keys are that differ only in the bits radix_argsort packs an index into
CLUSTERED = st.builds(lambda base, low: [base | x for x in low], st.integers(0, 2**64 - 1).map(lambda b: b >> 20 << 20),
                      st.lists(st.one_of(st.integers(0, 2**20 - 1), st.integers(0, 15)), max_size=300))
VALUES = st.one_of(st.lists(UINT64, max_size=300), st.lists(st.sampled_from([0, 1, 2**63, 2**64 - 1]), max_size=50),
                   CLUSTERED)


@hsettings(max_examples=200, deadline=None)
@given(VALUES, st.integers(0, 63))
def test_radix_sort_is_a_stable_sort_by_the_high_bits(values, low_bits):
    values = np.array(values, dtype=np.uint64)
    expected = values[np.argsort(values >> np.uint64(low_bits), kind="stable")]
    radix_sort(values, low_bits)
    assert np.array_equal(values, expected)


@hsettings(max_examples=200, deadline=None)
@given(VALUES)
def test_radix_argsort_is_numpys_stable_argsort(keys):
    keys = np.array(keys, dtype=np.uint64)
    assert np.array_equal(radix_argsort(keys), np.argsort(keys, kind="stable"))


@hsettings(max_examples=100, deadline=None)
@given(st.lists(UINT64, max_size=300), st.integers(0, 60), st.integers(1, 4))
def test_partitioned_is_a_stable_sort_by_a_bit_field(values, shift, bits):
    values = np.array(values, dtype=np.uint64)
    field = (values >> np.uint64(shift)) & np.uint64((1 << bits) - 1)
    out, starts = partitioned(values, shift, bits)
    assert np.array_equal(out, values[np.argsort(field, kind="stable")])
    assert starts.tolist() == [0] + np.cumsum(np.bincount(field.astype(np.int64), minlength=1 << bits)).tolist()


@hsettings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 9)), max_size=60), st.integers(2, 4),
       st.one_of(st.none(), st.permutations(list(range(10))).flatmap(
           lambda ranks: st.lists(st.booleans(), min_size=10, max_size=10).map(
               lambda out: [-1 if gone else r for r, gone in zip(ranks, out)]))))
def test_pair_codes_are_all_pairs_of_each_anchors_texts_or_a_chain(anchors, max_size, rank):
    """Each anchor's distinct texts (renamed by rank, -1 left out) pair each with each, or, when more
    than max_size, each with the next, whatever the order of the anchors."""
    packed = np.array([(key << OWNER_BITS) | text for key, text in anchors], dtype=np.uint64)
    renamed = (lambda text: text) if rank is None else (lambda text: rank[text])
    expected = []
    for key in sorted({key for key, _ in anchors}):
        texts = sorted({renamed(text) for k, text in anchors if k == key} - {-1})
        if len(texts) > max_size:
            expected += list(zip(texts, texts[1:]))
        else:
            expected += [(a, b) for n, a in enumerate(texts) for b in texts[n + 1:]]
    codes = pair_codes_of_part(packed, None if rank is None else np.array(rank, dtype=np.int32), max_size)
    assert [(int(c) >> OWNER_BITS, int(c) & ((1 << OWNER_BITS) - 1)) for c in codes] == expected


PAIRS_AS_JSON = """
import json, sys
from newsdesk.reuse import ReuseSettings, anchor_pairs, candidate_pairs, signatures
texts = json.loads(sys.stdin.read())
print(json.dumps([anchor_pairs(texts, ReuseSettings(max_df=3)).tolist(), candidate_pairs(signatures(texts)).tolist()]))
"""


def test_candidates_are_the_same_compiled_and_as_python():
    """The loops numba compiles (newsdesk/compiled.py) give the same pairs run as plain Python."""
    texts = [INDEPENDENT, WIRE_TEXT, PARTIAL, LIGHTLY_EDITED, paragraphs(OWN[2], WIRE[1]), paragraphs(OWN[1], WIRE[1]),
             paragraphs(WIRE[1], OWN[3]), WIRE_TEXT]
    expected = [anchor_pairs(texts, ReuseSettings(max_df=3)).tolist(), candidate_pairs(signatures(texts)).tolist()]
    assert len(expected[0]) > 5 and expected[1]
    run = subprocess.run([sys.executable, "-c", PAIRS_AS_JSON], input=json.dumps(texts), capture_output=True,
                         text=True, env={**os.environ, "NUMBA_DISABLE_JIT": "1"}, check=True)
    assert json.loads(run.stdout) == expected


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
