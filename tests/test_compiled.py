"""Compiled loops: warmed up once per process, before workers are forked."""
from __future__ import annotations

import numpy as np

from newsdesk import compiled
from newsdesk.workers import Workers


def _square_sum(values):
    total = 0
    for value in values:
        total += value * value
    return total


def test_warm_ups_run_once_before_workers_fork(monkeypatch):
    calls = []
    monkeypatch.setattr(compiled, "_warm_ups", [lambda: calls.append("warm")])
    monkeypatch.setattr(compiled, "_ready", 0)
    with Workers(2) as pool:
        assert list(pool.map(divmod, [(7, 2), (9, 4)])) == [(3, 1), (2, 1)]
    with Workers(2) as pool:
        list(pool.map(divmod, [(1, 1)]))
    assert calls == ["warm"]
    compiled.warm_up(lambda: calls.append("later"))  # a module imported after the first workers started
    with Workers(2) as pool:
        list(pool.map(divmod, [(1, 1)]))
    assert calls == ["warm", "later"]


def test_a_compiled_loop_gives_what_its_python_gives():
    values = np.arange(-5, 1000, dtype=np.int64)
    assert compiled.compiled(_square_sum)(values) == _square_sum(values) == int((values * values).sum())
