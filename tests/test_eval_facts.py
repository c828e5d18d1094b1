"""eval/facts.py: the case generator is fixed by its seed and makes what the gate needs."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"


def load_facts():
    sys.path.insert(0, str(EVAL))
    spec = importlib.util.spec_from_file_location("eval_facts_under_test", EVAL / "facts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def facts():
    return load_facts()


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    folder = shared_dir / "data" / "10kgnad"
    if not (folder / "articles.csv").is_file():
        pytest.skip(f"10kGNAD not found at {folder}")
    return folder


def test_same_seed_same_cases(facts, corpus):
    first = facts.build_cases(corpus)
    again = load_facts().build_cases(corpus)
    assert [(c.id, c.raw("a"), c.raw("b"), c.published) for c in first] == \
           [(c.id, c.raw("a"), c.raw("b"), c.published) for c in again]


def test_enough_conflicts_and_lookalikes(facts, corpus):
    cases = facts.build_cases(corpus)
    conflicts = [c for c in cases if c.conflict]
    assert len(conflicts) >= 50
    assert len({c.kind for c in conflicts}) >= 4
    assert {c.kind for c in conflicts} <= {"date", "weekday", "number", "count", "place", "other"}
    assert sum(not c.conflict for c in cases) >= 100


def test_planted_sentences_differ_and_stand_in_their_articles(facts, corpus):
    for case in facts.build_cases(corpus):
        a, b = case.planted("a"), case.planted("b")
        assert a != b, case.id
        assert a in case.raw("a") and b in case.raw("b"), case.id
        assert a not in case.raw("b") and b not in case.raw("a"), case.id


def test_weekday_cases_name_the_right_or_a_wrong_weekday(facts, corpus):
    import datetime as dt

    for case in facts.build_cases(corpus):
        if case.kind not in ("weekday", "weekday_match") or not case.id.startswith("g"):
            continue
        m = facts.DATE.search(case.planted("a"))
        day = dt.date(dt.date.fromisoformat(case.published).year if not m.group(3) else int(m.group(3)),
                      facts.MONTHS.index(m.group(2)) + 1, int(m.group(1)))
        named = facts.WEEKDAY_WORD.search(case.planted("b")).group(1)
        assert (named == facts.WEEKDAYS[day.weekday()]) == (case.kind == "weekday_match"), case.id
