"""Facts of a story: claims aligned across sources, wire copies and relayed claims counted once, conflicts."""
from __future__ import annotations

import random

import pytest

from newsdesk.compare.sections import story_sections
from newsdesk.config import Settings
from newsdesk.reuse import find_reuse

from .stories import article

WIRE_1 = ("Im Hafen von Bremerhaven haben am Montag rund 2.000 Beschäftigte die Arbeit niedergelegt. "
          "Die Gewerkschaft Verdi fordert für die Hafenarbeiter einen Inflationsausgleich und kürzere Schichten.")
WIRE_2 = ("Nach Angaben des Hafenbetreibers Eurogate konnten mehr als 11.000 Container nicht verladen werden. "
          "Ein Sprecher des Unternehmens nannte den Ausstand unverhältnismäßig und kündigte rechtliche Schritte an.")
WIRE = article("wire.txt", f"Bremerhaven (dpa) - {WIRE_1}\n\n{WIRE_2}\n\n"
                           "Die Verhandlungen sollen am 20. März in Hamburg fortgesetzt werden.", "2025-03-17")
COPY = article("kurier.txt", f"{WIRE_1}\n\n{WIRE_2}\n\n"
                             "Auch in Wilhelmshaven ruhte die Arbeit am Nachmittag für mehrere Stunden.", "2025-03-17")
OWN = article("bote.txt", "Der Streik legt den Umschlag im Bremerhavener Hafen seit Tagen lahm. "
                          "Laut Eurogate konnten über 11.000 Container im Hafen nicht verladen werden.\n\n"
                          "Die Verhandlungen zwischen Verdi und den Arbeitgebern sollen am 21. März in Hamburg "
                          "weitergehen, teilte die Gewerkschaft mit.\n\n"
                          "Verdi verlangt für die Hafenarbeiter einen Ausgleich der Inflation "
                          "und kürzere Schichten.", "2025-03-18")
ARTICLES = [WIRE, COPY, OWN]
TEXTS = {a.id: a.text for a in ARTICLES}


@pytest.fixture(scope="module")
def sections():
    reuse = find_reuse(ARTICLES, Settings().reuse)
    return story_sections(ARTICLES, reuse)


def fact_with(sections, words):
    return next(f for f in sections["facts"] if any(words in TEXTS[s["article"]][s["start"]:s["end"]]
                                                   for s in f["support"]))


def entity(sections, name):
    return next(e["id"] for e in sections["entities"] if e["name"] == name)


def test_every_support_points_at_its_sentence_and_ids_are_unique(sections):
    ids = [f["id"] for f in sections["facts"]]
    assert len(ids) == len(set(ids))
    for fact in sections["facts"]:
        assert fact["text"] in {TEXTS[s["article"]][s["start"]:s["end"]] for s in fact["support"]}
        assert fact["status"] in ("corroborated", "single", "conflict")
        assert fact["independent_sources"] >= 1
        for other in fact["conflicts"]:
            assert other["fact"] in ids and other["fact"] != fact["id"]


def test_a_wire_copy_is_one_source_and_says_what_it_copies(sections):
    fact = fact_with(sections, "Verdi fordert für die Hafenarbeiter einen Inflationsausgleich und kürzere")
    by_article = {s["article"]: s for s in fact["support"]}
    assert by_article[COPY.id]["copy_of"] == WIRE.id
    assert by_article[WIRE.id]["copy_of"] is None
    strike = fact_with(sections, "rund 2.000 Beschäftigte die Arbeit niedergelegt")
    assert {s["article"] for s in strike["support"]} == {WIRE.id, COPY.id}
    assert strike["independent_sources"] == 1 and strike["status"] == "single"


def test_an_independent_outlet_stating_it_too_corroborates(sections):
    fact = fact_with(sections, "Verdi fordert für die Hafenarbeiter einen Inflationsausgleich und kürzere")
    assert OWN.id in {s["article"] for s in fact["support"]}
    assert fact["independent_sources"] == 2 and fact["status"] == "corroborated"


def test_claims_relayed_from_one_primary_source_are_that_source_s_claim(sections):
    fact = fact_with(sections, "mehr als 11.000 Container nicht verladen")
    assert OWN.id in {s["article"] for s in fact["support"]}
    assert fact["attributed_to"] == entity(sections, "Eurogate")
    assert fact["independent_sources"] == 1 and fact["status"] == "single"
    assert {"value": 11000.0, "unit": "Container"} in fact["numbers"]


def test_two_dates_for_the_talks_are_a_date_conflict_with_both_days_in_the_reason(sections):
    wire = fact_with(sections, "am 20. März in Hamburg fortgesetzt")
    own = fact_with(sections, "am 21. März in Hamburg")
    assert wire["status"] == own["status"] == "conflict"
    [c] = wire["conflicts"]
    assert c["fact"] == own["id"] and c["kind"] == "date"
    assert "2025-03-20" in c["reason"] and "2025-03-21" in c["reason"]
    assert wire["dates"] == ["2025-03-20"]


def test_single_source_claims_stay_single(sections):
    fact = fact_with(sections, "Wilhelmshaven ruhte die Arbeit")
    assert fact["status"] == "single" and [s["article"] for s in fact["support"]] == [COPY.id]


def test_the_same_articles_in_any_order_give_the_same_sections(sections):
    shuffled = ARTICLES[:]
    random.Random(7).shuffle(shuffled)
    again = story_sections(shuffled, find_reuse(shuffled, Settings().reuse))
    assert again["facts"] == sections["facts"]
    assert again["brief"] == sections["brief"]
    assert again["timeline"] == sections["timeline"]


def _conflicts(a_text: str, b_text: str) -> list[dict]:
    a = article("nord.txt", a_text, "2025-03-17")
    b = article("sued.txt", b_text, "2025-03-17")
    sections = story_sections([a, b])
    return [c for f in sections["facts"] for c in f["conflicts"]]


def test_the_same_event_in_another_city_is_a_place_conflict_naming_both():
    found = _conflicts("Der Frachter lief am Montagmorgen vor Kiel auf Grund, teilte die Wasserschutzpolizei mit.",
                       "Der Frachter lief am Montagmorgen vor Rostock auf Grund, teilte die Wasserschutzpolizei mit.")
    assert found and found[0]["kind"] == "place"
    assert "Kiel" in found[0]["reason"] and "Rostock" in found[0]["reason"]


def test_a_city_and_its_own_country_agree():
    assert _conflicts("Der Frachter lief am Montagmorgen vor Kiel auf Grund, teilte die Wasserschutzpolizei mit.",
                      "Der Frachter lief am Montagmorgen vor Deutschland auf Grund, teilte die Wasserschutzpolizei "
                      "mit.") == []


@pytest.mark.parametrize("a_text, b_text", [
    ("The trawler ran aground off Southern California on Monday, the coast guard said.",
     "The trawler ran aground off California on Monday, the coast guard said."),
    ("The fire started on the roof of the store in Banstead shortly before nine, the fire service said.",
     "The fire started on the roof of the store in the High Street shortly before nine, the fire service said."),
    ("Der Frachter lief am Montagmorgen vor Kiel auf Grund, berichtete Radio Bremen.",
     "Der Frachter lief am Montagmorgen vor Kiel auf Grund, berichtete Radio Hamburg."),
])
def test_one_place_name_inside_the_other_or_a_place_that_is_no_location_is_no_place_conflict(a_text, b_text):
    language = "en" if a_text.startswith("The") else "de"
    a = article("nord.txt", a_text, "2025-03-17", language)
    b = article("sued.txt", b_text, "2025-03-17", language)
    assert not [c for f in story_sections([a, b])["facts"] for c in f["conflicts"] if c["kind"] == "place"]
