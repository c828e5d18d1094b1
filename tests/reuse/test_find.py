"""The reuse stage: duplicates, passages with their direction, and wire groups."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.reuse import ReuseSettings, date_order, direction, find_reuse

from .texts import INDEPENDENT, OWN, WIRE, article, paragraphs

WIRE_TEXT = paragraphs(*WIRE)


def corpus():
    """An agency text, three outlets copying parts of it (one from another outlet), an exact copy, an independent report."""
    agency = article(WIRE_TEXT, "dpa-1", "2024-06-02T07:10:00+02:00", ("dpa",))
    partial = article(paragraphs(OWN[0], WIRE[0], OWN[1], WIRE[1], OWN[2]), "zeitung-a", "2024-06-02T09:00:00+02:00")
    reordered = article(paragraphs(WIRE[3], OWN[3], WIRE[0]), "zeitung-b", "2024-06-03")
    second_hand = article(paragraphs("Aus der Region:", OWN[1], "Mehr dazu morgen."), "blog-c", "2024-06-04")
    exact = article(WIRE_TEXT, "portal-d", "2024-06-02T08:00:00+02:00")
    independent = article(INDEPENDENT, "radio-e", "2024-06-02")
    return agency, partial, reordered, second_hand, exact, independent


def test_exact_duplicates_grouped():
    agency, *_, exact, _ = corpus()
    result = find_reuse(corpus())
    assert [d for d in result.duplicates if d.kind == "exact"][0].articles == tuple(sorted((agency.id, exact.id)))


def test_near_duplicates_grouped():
    edited = WIRE_TEXT.replace("rund 400", "etwa 400").replace("\"außergewöhnlich ernsten Lage\"", "»sehr ernsten Lage«")
    a, b = article(WIRE_TEXT, "dpa-1"), article(edited, "portal-x")
    (near,) = find_reuse([a, b]).duplicates
    assert near.kind == "near" and near.articles == tuple(sorted((a.id, b.id))) and 0.9 < near.similarity < 1


def test_passages_point_from_agency_copy_to_outlets():
    agency, partial, reordered, second_hand, exact, independent = corpus()
    result = find_reuse(corpus())
    to_partial = [r for r in result.reuse if r.target == partial.id and r.source == agency.id]
    assert [agency.text[r.source_start:r.source_end] for r in to_partial] == [WIRE[0].rstrip("."), WIRE[1].rstrip(".")]
    assert all(partial.text[r.target_start:r.target_end] == agency.text[r.source_start:r.source_end] for r in to_partial)
    assert {r.direction for r in to_partial} == {"known"}  # earlier and credited
    assert len([r for r in result.reuse if r.source == agency.id and r.target == reordered.id]) == 2
    assert not [r for r in result.reuse if independent.id in (r.source, r.target)]


def test_chain_of_copies_is_one_wire_with_its_origin():
    agency, partial, reordered, second_hand, exact, independent = corpus()
    result = find_reuse(corpus())
    (wire,) = [w for w in result.wires if agency.id in w.articles]
    assert wire.origin == agency.id and wire.agency == "dpa"
    assert set(wire.articles) == {agency.id, partial.id, reordered.id, exact.id}
    # the blog copying the outlet's own paragraph is reuse too, but of another text: its own group
    (own,) = [w for w in result.wires if second_hand.id in w.articles]
    assert set(own.articles) == {partial.id, second_hand.id} and own.origin == partial.id and own.agency is None


def test_copy_of_a_copy_joins_the_wire_of_the_original():
    agency = article(WIRE_TEXT, "dpa-1", "2024-06-02", ("dpa",))
    outlet = article(paragraphs(OWN[0], WIRE[1], WIRE[2], OWN[2]), "zeitung-a", "2024-06-03")
    copy_of_outlet = article(paragraphs(OWN[1], WIRE[2], OWN[3]), "blog-b", "2024-06-04")
    (wire,) = find_reuse([agency, outlet, copy_of_outlet]).wires
    assert set(wire.articles) == {agency.id, outlet.id, copy_of_outlet.id}
    assert wire.origin == agency.id


def test_wire_copied_by_many_outlets_is_one_group_without_all_pairs():
    agency = article(WIRE_TEXT, "dpa-1", "2024-06-02", ("dpa",))
    outlets = [article(paragraphs(f"Lokalausgabe {n}: {OWN[n % 4]}", WIRE[1], WIRE[3]), f"zeitung-{n}", "2024-06-03")
               for n in range(12)]
    result = find_reuse([agency, *outlets], ReuseSettings(max_df=4))  # anchors in more than 4 texts: chained
    (wire,) = result.wires
    assert len(wire.articles) == 13 and wire.origin == agency.id and wire.agency == "dpa"
    assert len({(r.source, r.target) for r in result.reuse}) < 13 * 12 // 2


def test_empty_texts_are_not_duplicates():
    assert find_reuse([article("", "leer-a"), article("  ", "leer-b"), article("", "leer-c")]) == \
        find_reuse([])


def test_containment_decides_when_dates_and_credits_do_not():
    whole = article(paragraphs(OWN[0], WIRE[2], OWN[2], OWN[1]), "zeitung-a", "2024-06")
    contained = article(WIRE[2], "kurz-b", "2024-06")
    (r,) = find_reuse([whole, contained]).reuse
    assert (r.source, r.target, r.direction) == (contained.id, whole.id, "likely")


def test_no_signal_means_unknown_with_a_stable_source():
    a = article(paragraphs(OWN[0], WIRE[1], OWN[2]), "zeitung-a", None)
    b = article(paragraphs(OWN[3], WIRE[1], OWN[1]), "zeitung-b", None)
    (r,) = find_reuse([a, b]).reuse
    assert r.direction == "unknown" and r.source == min(a.id, b.id)
    (wire,) = find_reuse([a, b]).wires
    assert wire.origin is None and wire.agency is None


def test_dates_compare_at_their_common_precision():
    assert date_order("2024-06", "2024-06-18") == 0
    assert date_order("2024-06-17", "2024-06-18") == -1
    assert date_order("2024-06-18T09:00:00+02:00", "2024-06-18T08:00:00+00:00") == -1
    assert date_order("2024-06-18T09:00:00", "2024-06-18") == 0
    assert date_order(None, "2024-06-18") == 0


def test_direction_votes():
    early = article("x", "a", "2024-06-01", ("afp",))
    late = article("y", "b", "2024-06-02")
    assert direction(late, early, False, False).source is early
    assert direction(late, early, False, False).sureness == "known"
    assert direction(late, early, True, False).sureness == "likely"  # containment says otherwise


def test_articles_sharing_names_dates_and_phrases_are_not_reuse():
    a = article(WIRE_TEXT, "dpa-1", "2024-06-02", ("dpa",))
    b = article(INDEPENDENT, "radio-e", "2024-06-02")
    assert find_reuse([a, b]).reuse == () and find_reuse([a, b]).wires == ()


@hsettings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_same_result_in_any_order(rng: random.Random):
    articles = list(corpus())
    expected = find_reuse(articles)
    rng.shuffle(articles)
    assert find_reuse(articles) == expected
    assert find_reuse(articles + articles[:2]) == expected  # the same article twice changes nothing
    texts = {a.id: a.text for a in articles}
    for r in expected.reuse:
        assert 0 <= r.source_start < r.source_end <= len(texts[r.source])
        assert 0 <= r.target_start < r.target_end <= len(texts[r.target])


def test_settings_are_validated_with_a_message():
    with pytest.raises(ValueError, match="multiple of reuse.bands"):
        ReuseSettings(num_perm=100, bands=32)
    with pytest.raises(ValueError, match=r"near_duplicate must be in \(0, 1\]"):
        ReuseSettings(near_duplicate=1.5)
    with pytest.raises(ValueError, match="shingle must be a positive integer"):
        ReuseSettings(shingle=0)
    assert ReuseSettings().rows == 4


def test_same_result_with_worker_processes():
    """Batches hashed and pairs aligned in two processes give exactly what one process gives."""
    articles = list(corpus())
    one = find_reuse(articles, ReuseSettings(batch_size=2, workers=1))
    assert find_reuse(articles, ReuseSettings(batch_size=2, workers=2)) == one
    assert one == find_reuse(articles)
    with pytest.raises(ValueError, match="reuse.workers must be 0"):
        ReuseSettings(workers=-1)
