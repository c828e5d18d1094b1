"""The five seed reports (../shared/seeds) through the whole flow: their facts, brief and timeline."""
from __future__ import annotations


def words_of(texts, span):
    return texts[span["article"]][span["start"]:span["end"]]


def test_the_vietnam_dates_conflict_with_the_weekdays_named(seed_story):
    story, names, texts = seed_story
    conflicts = [(f, c) for f in story["facts"] for c in f["conflicts"]]
    vietnam = [(f, c) for f, c in conflicts if "Vietnam" in f["text"]]
    assert vietnam, "the Vietnam dates (19./20. Juni vs Donnerstag und Freitag) must conflict"
    fact, conflict = vietnam[0]
    other = next(f for f in story["facts"] if f["id"] == conflict["fact"])
    assert {names[s["article"]] for s in fact["support"] + other["support"]} == {"003", "004"}
    assert conflict["kind"] == "weekday"
    assert "Wednesday/Thursday" in conflict["reason"] and "Thursday/Friday" in conflict["reason"]


def test_no_conflict_between_the_visit_counts(seed_story):
    story, _, _ = seed_story
    for fact in story["facts"]:
        for conflict in fact["conflicts"]:
            assert "Besuch" not in conflict["reason"]
            assert conflict["kind"] in ("date", "weekday", "number", "count", "place", "other")
    visits = [f for f in story["facts"] if "zweiter Besuch" in f["text"] or "seit 24 Jahren" in f["text"]]
    assert visits and all(f["status"] != "conflict" for f in visits)


def test_the_containers_are_single_source(seed_story):
    story, names, texts = seed_story
    [fact] = [f for f in story["facts"] if "11.000 Container" in f["text"]]
    assert fact["status"] == "single" and fact["independent_sources"] == 1
    assert {names[s["article"]] for s in fact["support"]} == {"002"}


def test_the_arrival_on_18_june_is_on_the_timeline_from_several_articles(seed_story):
    story, names, texts = seed_story
    arrival = [e for e in story["timeline"] if e["date"] == "2024-06-18"]
    assert max(len({s["article"] for s in e["support"]}) for e in arrival) >= 3
    dates = {e["date"] for e in story["timeline"]}
    assert {"2000", "2023-09"} <= dates
    vietnam = {(names[s["article"]], e["date"]) for e in story["timeline"] if "Vietnam" in e["text"]
               for s in e["support"] if "Vietnam" in texts[s["article"]][s["start"]:s["end"]]}
    assert {("003", "2024-06-19"), ("003", "2024-06-20"), ("004", "2024-06-20"), ("004", "2024-06-21")} <= vietnam


def test_the_brief_cites_at_least_three_articles_and_copies_its_words(seed_story):
    story, _, texts = seed_story
    assert 3 <= len(story["brief"]) <= 10
    cited = {c["article"] for s in story["brief"] for c in s["citations"]}
    assert len(cited) >= 3
    for sentence in story["brief"]:
        assert words_of(texts, sentence["citations"][0]) == sentence["text"]


def test_wire_copies_count_once(seed_story):
    story, names, _ = seed_story
    ammunition = next(f for f in story["facts"] if "zusätzliche Munition" in f["text"])
    assert {names[s["article"]] for s in ammunition["support"]} == {"000", "001", "004"}
    assert ammunition["independent_sources"] == 1
    assert any(s["copy_of"] for s in ammunition["support"])
