"""The analysis validator: the schema, then offsets that must reproduce their words and ids that must resolve."""
from __future__ import annotations

import copy

import pytest

from newsdesk.validate import InvalidAnalysis, check, problems

TEXT_A = "Die Gewerkschaft ruft für Donnerstag zum Warnstreik auf. „Wir lassen uns nicht hinhalten“, sagte Sprecherin Anna Weber."
TEXT_B = "Die Gewerkschaft ruft für Donnerstag zum Warnstreik auf. Busse und Bahnen stehen still."


def article(aid: str, text: str) -> dict:
    return {"id": aid, "path": f"{aid}.txt", "url": None, "source": "Rundschau", "agencies": ["dpa"],
            "title": None, "published": "2025-05-14", "language": "de", "text": text,
            "removed": [{"text": "(dpa)", "reason": "agency credit", "raw_start": 120, "raw_end": 125}],
            "supersedes": None}


def valid_document() -> dict:
    first = TEXT_A.index("Die")
    end = TEXT_A.index(".") + 1
    q_start = TEXT_A.index("Wir")
    q_end = TEXT_A.index("hinhalten") + len("hinhalten")
    s_start = TEXT_A.index("Anna Weber")
    return {
        "format": "newsdesk.analysis/1",
        "articles": [article("a1", TEXT_A), article("b2", TEXT_B)],
        "duplicates": [],
        "reuse": [{"source": "a1", "source_start": first, "source_end": end, "target": "b2", "target_start": 0,
                   "target_end": end, "similarity": 1.0, "direction": "likely"}],
        "wires": [{"id": "w1", "origin": "a1", "articles": ["a1", "b2"], "agency": "dpa"}],
        "stories": [{
            "id": "a1", "title": "Warnstreik am Donnerstag", "articles": ["a1", "b2"],
            "first_seen": "2025-05-14", "last_seen": "2025-05-14",
            "brief": [{"text": TEXT_A[first:end], "citations": [{"article": "a1", "start": first, "end": end},
                                                                 {"article": "b2", "start": 0, "end": end}],
                       "fact": None}],
            "entities": [{"id": "e1", "key": "per:anna weber", "name": "Anna Weber", "type": "PER",
                          "aliases": ["Anna Weber"], "mentions": [{"article": "a1", "start": s_start, "end": s_start + 10}]}],
            "quotes": [{"id": "q1", "article": "a1", "start": q_start, "end": q_end, "text": TEXT_A[q_start:q_end],
                        "parts": [{"start": q_start, "end": q_end}], "kind": "direct", "speaker": "e1",
                        "speaker_text": "Anna Weber", "speaker_start": s_start, "speaker_end": s_start + 10,
                        "cue": "sagte", "same_as": []}],
        }],
    }


def test_a_valid_document_passes():
    doc = valid_document()
    assert problems(doc) == []
    check(doc)


def test_a_missing_field_is_a_schema_problem():
    doc = valid_document()
    del doc["articles"][0]["removed"]
    assert any("removed" in p for p in problems(doc))


def test_a_brief_sentence_must_reproduce_its_first_citation():
    doc = valid_document()
    doc["stories"][0]["brief"][0]["text"] = "Die Gewerkschaft ruft zum Streik auf."
    assert any("does not reproduce" in p for p in problems(doc))


def test_offsets_out_of_range_are_reported():
    doc = valid_document()
    doc["reuse"][0]["target_end"] = len(TEXT_B) + 5
    assert any("outside article b2" in p for p in problems(doc))


def test_ids_must_resolve():
    doc = valid_document()
    doc["stories"][0]["quotes"][0]["speaker"] = "e7"
    doc["wires"][0]["origin"] = "zz"
    found = problems(doc)
    assert any("speaker e7" in p for p in found)
    assert any("origin zz" in p for p in found)


def test_each_article_in_exactly_one_story():
    doc = valid_document()
    doc["stories"].append(copy.deepcopy(doc["stories"][0]) | {"id": "b2", "articles": ["b2"]})
    assert any("is in stories" in p for p in problems(doc))
    doc = valid_document()
    doc["stories"][0]["articles"] = ["a1"]
    assert any("b2 belongs to no story" in p for p in problems(doc))


def test_speaker_offsets_must_reproduce_speaker_text():
    doc = valid_document()
    doc["stories"][0]["quotes"][0]["speaker_text"] = "Weber"
    with pytest.raises(InvalidAnalysis, match="speaker"):
        check(doc)


def test_removed_span_length_must_fit_its_text():
    doc = valid_document()
    doc["articles"][0]["removed"][0]["raw_end"] = 130
    assert any("removed span" in p for p in problems(doc))
