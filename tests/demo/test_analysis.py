"""The demo corpus through the whole flow: the conflicts it was written to show, and the ones it must not."""
from __future__ import annotations

from pathlib import Path

import pytest

import newsdesk
from newsdesk.demo import corpus_path
from newsdesk.pipeline import analyze


@pytest.fixture(scope="module")
def visit(tmp_path_factory):
    doc = analyze([corpus_path()], tmp_path_factory.mktemp("demo") / "demo.db").document
    newsdesk.check(doc)
    names = {a["id"]: Path(a["path"].split("#")[0]).name[:3] for a in doc["articles"]}
    story = next(s for s in doc["stories"] if any(names[a] == "a01" for a in s["articles"]))
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for fact in story["facts"]:
        fact["stated"] = " | ".join(texts[s["article"]][s["start"]:s["end"]] for s in fact["support"])
    return story, names


def test_thursday_and_friday_conflict_with_the_other_reports_of_the_visit(visit):
    story, names = visit
    facts = {f["id"]: f for f in story["facts"]}
    a04 = [f for f in story["facts"] if "Donnerstag und Freitag" in f["text"]]
    assert a04 and a04[0]["status"] == "conflict"
    others = {names[s["article"]] for c in a04[0]["conflicts"] for s in facts[c["fact"]]["support"]}
    assert others and "a04" not in others
    assert all("Thursday/Friday" in c["reason"] for c in a04[0]["conflicts"])


def test_the_look_alikes_of_the_demo_are_no_conflicts(visit):
    story, _ = visit
    for words in ("mehr als 2.000 Binnenschiffe", "Rund 2.100 Schiffe", "zweiter Besuch", "seit zehn Jahren"):
        facts = [f for f in story["facts"] if words in f["stated"]]
        assert facts, words
        assert all(not f["conflicts"] for f in facts), words


def test_the_wire_copies_of_the_dpa_text_count_once(visit):
    story, names = visit
    lead = next(f for f in story["facts"] if {"a01", "a02", "a03"} <= {names[s["article"]] for s in f["support"]})
    originals = [s for s in lead["support"] if s["copy_of"] is None]
    assert len(originals) == 1
    assert {s["copy_of"] for s in lead["support"]} - {None} == {originals[0]["article"]}
    assert lead["independent_sources"] == 1 and lead["status"] == "single"
