"""The extractive brief: verbatim sentences that cite every article stating them, central and not redundant."""
from __future__ import annotations

import pytest

from newsdesk.brief import BriefSettings
from newsdesk.compare.sections import story_sections
from newsdesk.config import Settings
from newsdesk.reuse import find_reuse
from tests.compare.stories import article

LEAD = "Ein Großbrand hat in der Nacht zum Sonntag das Rathaus von Lüdinghausen schwer beschädigt."
ARTICLES = [
    article("a.txt", f"{LEAD} Die Feuerwehr war mit 120 Einsatzkräften vor Ort. Verletzt wurde niemand, "
                     "teilte die Polizei mit.\n\nDie Ursache des Feuers ist noch unklar. Bürgermeisterin Anja "
                     "Krämer sprach von einem schwarzen Tag für die Stadt.", "2025-06-01"),
    article("b.txt", "In Lüdinghausen hat ein Großbrand in der Nacht zum Sonntag das Rathaus schwer beschädigt. "
                     "Mit 120 Einsatzkräften war die Feuerwehr vor Ort. Verletzt wurde nach Angaben der Polizei "
                     "niemand.\n\nDie Stadtverwaltung arbeitet vorerst in einer Schule weiter.", "2025-06-01"),
    article("c.txt", "Das Rathaus von Lüdinghausen ist in der Nacht zum Sonntag bei einem Großbrand schwer "
                     "beschädigt worden. Die Ursache ist nach Angaben der Ermittler noch unklar.\n\n"
                     "Bürgermeisterin Anja Krämer sprach am Morgen von einem schwarzen Tag für die Stadt. "
                     "Der Schaden wird auf mehrere Millionen Euro geschätzt.", "2025-06-02"),
]
TEXTS = {a.id: a.text for a in ARTICLES}


@pytest.fixture(scope="module")
def sections():
    return story_sections(ARTICLES, find_reuse(ARTICLES, Settings().reuse))


def test_each_sentence_is_copied_verbatim_from_its_first_citation(sections):
    brief = sections["brief"]
    assert BriefSettings().min_sentences <= len(brief) <= BriefSettings().max_sentences
    facts = {f["id"] for f in sections["facts"]}
    for sentence in brief:
        first = sentence["citations"][0]
        assert TEXTS[first["article"]][first["start"]:first["end"]] == sentence["text"]
        assert sentence["fact"] in facts
        cited = [c["article"] for c in sentence["citations"]]
        assert len(cited) == len(set(cited))


def test_the_event_all_outlets_report_leads_and_cites_every_one_of_them(sections):
    first = sections["brief"][0]
    assert "Rathaus" in first["text"] and "Großbrand" in first["text"]
    assert {c["article"] for c in first["citations"]} == set(TEXTS)


def test_no_two_sentences_state_one_fact(sections):
    facts = [s["fact"] for s in sections["brief"]]
    assert len(facts) == len(set(facts))
    texts = [s["text"] for s in sections["brief"]]
    assert sum("Rathaus" in t and "beschädigt" in t for t in texts) == 1


def test_a_sentence_that_needs_the_one_before_is_not_chosen_over_one_that_stands_alone(sections):
    assert not any(s["text"].startswith(("Sie ", "Er ", "Dies")) for s in sections["brief"])
