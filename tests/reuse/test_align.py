"""Passage alignment: copied paragraphs are found whole, through edits, and nothing else is."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.reuse import ReuseSettings, align

from .texts import INDEPENDENT, OWN, WIRE, paragraphs


def shared_text(passages, a, b):
    return [(a[p.a_start:p.a_end], b[p.b_start:p.b_end]) for p in passages]


def test_partial_reuse_found_with_exact_offsets():
    outlet = paragraphs(OWN[0], OWN[1], WIRE[1], WIRE[2], OWN[2])
    passages = align(paragraphs(*WIRE), outlet)
    assert len(passages) == 1
    (in_wire, in_outlet), = shared_text(passages, paragraphs(*WIRE), outlet)
    copied = paragraphs(WIRE[1], WIRE[2])
    assert in_outlet == copied.rstrip(".")
    assert in_wire == in_outlet
    assert passages[0].similarity == 1.0


def test_light_edits_keep_one_passage():
    edited = (
        "Nach Angaben der Polizei mussten in der Altstadt etwa 400 Menschen ihre Wohnungen verlassen. "
        "Sie wurden in Turnhallen untergebracht. Verletzt wurde nach ersten Erkenntnissen niemand. "  # split, word dropped
        "Oberbürgermeister Jürgen Dupper sprach von einer »außergewöhnlich ernsten Lage«, man sei aber besser "  # merged, quotes
        "vorbereitet als beim Jahrhunderthochwasser 2013, als der Pegel auf 12,89 Meter geklettert war."  # word changed
    )
    outlet = paragraphs(OWN[1], edited, OWN[3])
    passages = align(paragraphs(*WIRE), outlet)
    assert len(passages) == 1
    start = outlet.index("Nach Angaben")
    assert passages[0].b_start == start
    assert passages[0].b_end == outlet.index(" war.", start) + len(" war")
    assert 0.8 < passages[0].similarity < 1.0


def test_reordered_paragraphs_are_separate_passages():
    outlet = paragraphs(WIRE[3], OWN[1], WIRE[0])
    wire = paragraphs(*WIRE)
    found = shared_text(align(wire, outlet), wire, outlet)
    assert [a for a, _ in found] == [WIRE[0].rstrip("."), WIRE[3].rstrip(".")]


def test_same_event_names_and_stock_phrases_are_not_copy():
    assert align(paragraphs(*WIRE), INDEPENDENT) == []


def test_shared_quote_alone_is_not_copy():
    quote = ("\"Wir haben die Deiche verstärkt, die Pumpen sind bereit und die Helfer wissen, "
             "was zu tun ist\", sagte Dupper.")
    a = "Am Morgen besuchte der Oberbürgermeister die Einsatzzentrale. " + quote
    b = "Die Stimmung in der Stadt ist angespannt. " + quote + " Viele Anwohner bezweifeln das."
    assert align(a, b) == []


def test_pull_quote_repeated_inside_an_article_counts_once():
    pull = "Man sei aber besser vorbereitet als beim Jahrhunderthochwasser 2013."
    outlet = paragraphs(OWN[0], WIRE[2], pull, OWN[2])
    passages = align(paragraphs(*WIRE), outlet)
    assert len(passages) == 1
    assert outlet[passages[0].b_start:passages[0].b_end].startswith("Oberbürgermeister")


WORDS = st.sampled_from("der die das Hochwasser Passau Donau Pegel stieg am Sonntag Helfer Stadt sagte nach Angaben Polizei".split())


@hsettings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=0, max_size=60), st.lists(WORDS, min_size=0, max_size=60))
def test_passages_are_within_bounds_and_disjoint(left, right):
    a, b = " ".join(left), " ".join(right)
    passages = align(a, b, ReuseSettings(min_words=3, min_density=0.1))
    for side in ("a", "b"):
        spans = sorted((getattr(p, f"{side}_start"), getattr(p, f"{side}_end")) for p in passages)
        text = a if side == "a" else b
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    assert all(0 < p.similarity <= 1 for p in passages)


@hsettings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=8, max_size=60))
def test_a_text_aligns_wholly_with_itself(tokens):
    text = " ".join(tokens)
    passages = align(text, text, ReuseSettings(min_words=8))
    if len(set(zip(tokens, tokens[1:], tokens[2:]))) == len(tokens) - 2:  # no repeated shingle
        assert [(p.a_start, p.a_end, p.b_start, p.b_end) for p in passages] == [(0, len(text), 0, len(text))]


def test_long_repetitive_texts_stay_cheap():
    table = " ".join(["0 : 0"] * 3000)
    passages = align(table + " " + WIRE[0], WIRE[0] + " " + table)
    assert [p.similarity for p in passages] == [1.0]


def _packed_shingles(texts):
    from newsdesk.reuse.packed import ShinglePacker
    from newsdesk.reuse.shingles import batch_word_hashes, flat_shingles_of

    packer = ShinglePacker()
    packer.add(*flat_shingles_of(batch_word_hashes(texts), (ReuseSettings().shingle,))[0])
    return packer.shingles()


@hsettings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WIRE + OWN + [INDEPENDENT]), min_size=1, max_size=3), min_size=2, max_size=6),
       st.data())
def test_pairs_ruled_out_before_aligning_share_no_passage(documents, data):
    """The many-pair check on 32-bit shingles rules out only pairs that `align` finds nothing in,
    and never a pair sharing a wire paragraph."""
    from newsdesk.reuse.align import may_share_copy_each

    texts = [paragraphs(*d) for d in documents]
    everything = [(i, j) for i in range(len(texts)) for j in range(len(texts)) if i != j]
    pairs = sorted(data.draw(st.lists(st.sampled_from(everything), min_size=1, max_size=12)))
    hopeful = may_share_copy_each(np.array(pairs, dtype=np.int64), _packed_shingles(texts))
    for (i, j), through in zip(pairs, hopeful.tolist()):
        if not through:
            assert align(texts[i], texts[j]) == [], (i, j)
        if set(documents[i]) & set(WIRE) & set(documents[j]):
            assert through


def test_pairs_of_unrelated_texts_are_ruled_out_and_repeated_tables_let_through():
    from newsdesk.reuse.align import may_share_copy_each

    table = " ".join(["0 : 0"] * 300)
    texts = [paragraphs(*WIRE), paragraphs(OWN[0], OWN[1]), paragraphs(OWN[2], WIRE[1]), table, table + " " + OWN[3]]
    pairs = np.array([(0, 1), (0, 2), (1, 2), (3, 4)], dtype=np.int64)
    assert may_share_copy_each(pairs, _packed_shingles(texts)).tolist() == [False, True, False, True]


def _chains_comparing_every_open_chain(seeds, size, gap):
    """The chaining rule, seed by seed, with no shortcut: the reference for `_chains`."""
    done, active = [], []
    for i, j in seeds:
        done += [c for c in active if c[-1][0] + size + gap < i]
        active = [c for c in active if c[-1][0] + size + gap >= i]
        fits = [(abs((i - c[-1][0]) - (j - c[-1][1])), n) for n, c in enumerate(active)
                if c[-1][0] < i and c[-1][1] < j and j - (c[-1][1] + size) <= gap]
        fits = [f for f in fits if f[0] <= gap]
        if fits:
            active[min(fits)[1]].append((i, j))
        else:
            active.append([(i, j)])
    return done + active


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=80, unique=True),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(2, 15)), max_size=4))
def test_chains_of_runs_are_the_chains_of_single_seeds(scattered, runs):
    """Seeds on runs of one diagonal (copied words) join their run's chain as the seed-by-seed rule would."""
    from newsdesk.reuse.align import _chains

    seeds = set(scattered) | {(i + k, j + k) for i, j, length in runs for k in range(length)}
    seeds = sorted(seeds)
    first = np.array([s[0] for s in seeds], dtype=np.int64)
    second = np.array([s[1] for s in seeds], dtype=np.int64)
    chains: dict[int, list[tuple[int, int]]] = {}
    for seed, chain in zip(seeds, _chains(first, second, 3, 4).tolist()):
        chains.setdefault(chain, []).append(seed)
    assert sorted(chains) == list(range(len(chains)))  # numbered in the order they begin
    key = lambda c: (-len(c), c[0])  # noqa: E731
    assert sorted(chains.values(), key=key) == sorted(_chains_comparing_every_open_chain(seeds, 3, 4), key=key)


ALIGN_AS_JSON = """
import json, sys
from newsdesk.reuse import align
a, b = json.loads(sys.stdin.read())
print(json.dumps([[p.a_start, p.a_end, p.b_start, p.b_end, p.similarity] for p in align(a, b)]))
"""


def test_alignment_is_the_same_compiled_and_as_python():
    """The loops numba compiles (newsdesk/compiled.py) give the same passages run as plain Python."""
    wire = paragraphs(*WIRE)
    edited = wire.replace("Menschen", "Bewohner").replace("»", "„").replace("«", "“")
    outlet = paragraphs(OWN[0], WIRE[2], OWN[1], WIRE[0], OWN[2])
    expected = [[[p.a_start, p.a_end, p.b_start, p.b_end, p.similarity] for p in align(wire, other)]
                for other in (edited, outlet)]
    assert all(expected)
    for pair, want in zip(((wire, edited), (wire, outlet)), expected):
        run = subprocess.run([sys.executable, "-c", ALIGN_AS_JSON], input=json.dumps(pair), capture_output=True,
                             text=True, env={**os.environ, "NUMBA_DISABLE_JIT": "1"}, check=True)
        assert json.loads(run.stdout) == want


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 12), max_size=60), st.lists(st.integers(0, 12), max_size=60), st.integers(1, 4))
def test_seeds_are_every_shared_shingle_held_few_times(a, b, max_repeats):
    """Seeds: every (i, j) with a[i] == b[j], sorted, but none of a shingle b holds more than max_repeats times."""
    from newsdesk.reuse.align import _seeds

    first, second = _seeds(np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64), max_repeats)
    expected = [(i, j) for i, x in enumerate(a) for j, y in enumerate(b) if x == y and b.count(y) <= max_repeats]
    assert list(zip(first.tolist(), second.tolist())) == expected


@given(st.text(st.sampled_from(list("„“”»«\"' abc.\n")), max_size=120))
def test_quoted_words_are_those_inside_a_quotation_mark_pair(text):
    """`quoted` scans from the first opening mark on: the words it marks are those of every
    match of QUOTE over the whole text."""
    import numpy as np

    from newsdesk.reuse.align import QUOTE, quoted
    from newsdesk.reuse.shingles import words

    spans = words(text)
    expected = np.zeros(len(spans), dtype=bool)
    for match in QUOTE.finditer(text):
        expected |= (spans.starts >= match.start()) & (spans.starts < match.end())
    assert quoted(text, spans).tolist() == expected.tolist()
