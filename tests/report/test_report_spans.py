"""Marking up text: any overlap of spans gives well-formed markup with each span's exact words."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from newsdesk.report.spans import Insert, Mark, mark_up, paragraphs

from .html_tree import parse


def pieces(tree, ref):
    return "".join(n.text() for n in tree.iter() if ref in n.attrs.get("data-spans", "").split())


def test_paragraphs_are_the_non_blank_lines_without_their_margins():
    text = "  Erster Absatz.\n\n \nZweiter  \nDritter"
    assert [text[a:b] for a, b in paragraphs(text)] == ["Erster Absatz.", "Zweiter", "Dritter"]


def test_crossing_spans_are_cut_into_pieces_that_nest():
    text = "Die Werft in Kiel baut Schiffe."
    tree = parse(mark_up(text, [Mark(4, 17, "a", ("m-x",)), Mark(10, 22, "b", ("m-y",))]))
    assert pieces(tree, "a") == "Werft in Kiel"
    assert pieces(tree, "b") == "in Kiel baut"
    both = [n for n in tree.iter() if n.attrs.get("data-spans") == "a b"]
    assert [n.text() for n in both] == ["in Kiel"] and both[0].attrs["class"] == "m m-x m-y"
    assert tree.by_id("a").tag == "span" and tree.by_id("b").children == []


def test_a_span_across_paragraphs_is_marked_in_each():
    text = "Erster Satz.\n\nZweiter Satz."
    tree = parse(mark_up(text, [Mark(7, 21, "s", ("m-x",))]))
    assert [p.text() for p in tree.find_all("p")] == ["Erster Satz.", "Zweiter Satz."]
    assert pieces(tree, "s") == "Satz.Zweiter"


def test_inserts_sit_at_their_position_and_in_gaps_stick_to_their_side():
    text = "Eins.\n\nZwei."
    tree = parse(mark_up(text, inserts=[
        Insert(6, Markup("<i>after</i>"), "after"), Insert(6, Markup("<b>before</b>"), "before"),
        Insert(2, Markup("<u>mid</u>")), Insert(99, Markup("<s>end</s>"))]))
    first, second = tree.find_all("p")
    assert [c if isinstance(c, str) else c.tag for c in first.children] == ["Ei", "u", "ns.", "i"]
    assert [c if isinstance(c, str) else c.tag for c in second.children] == ["b", "Zwei.", "s"]


def test_text_and_titles_are_escaped():
    tree = parse(mark_up('<b>"x"</b> & y', [Mark(0, 3, "r", ("m-x",), 'a "title" <i>')]))
    assert tree.text() == '<b>"x"</b> & y'
    marked = [n for n in tree.iter() if n.attrs.get("data-spans") == "r"][0]
    assert marked.attrs["title"] == 'a "title" <i>' and not tree.find_all("b")


def test_empty_text_still_places_its_inserts():
    tree = parse(mark_up("", inserts=[Insert(0, Markup("<i>x</i>"))]))
    assert len(tree.find_all("p")) == 1 and tree.find_all("i")


words = st.text(alphabet="abc äöü„“<>&\"'", min_size=1, max_size=40).map(lambda s: "x" + s + "x")


@settings(max_examples=150, deadline=None)
@given(text=words, data=st.data())
def test_any_spans_give_wellformed_markup_with_exact_words(text, data):
    offsets = st.integers(min_value=0, max_value=len(text))
    spans = data.draw(st.lists(st.tuples(offsets, offsets).map(sorted), max_size=6))
    marks = [Mark(a, b, f"s{i}", ("m-x",)) for i, (a, b) in enumerate(spans)]
    tree = parse(mark_up(text, marks))  # fails on any badly nested tag
    assert tree.text() == text
    for mark in marks:
        assert pieces(tree, mark.ref) == text[mark.start:mark.end]
        assert tree.by_id(mark.ref).tag == "span"
