"""Loops over numpy arrays compiled to machine code by numba, or run as the plain Python they are.

A loop that numpy cannot express as whole-array operations (chaining seeds one after another,
say) is written once, as ordinary Python over arrays and numbers, and decorated with `compiled`.
With numba installed (a dependency) it is compiled on first use and cached next to its module (or
in numba's user cache), so later runs load it; without numba, or with NUMBA_DISABLE_JIT=1, the very
same code runs in Python, slower, with the same results.

Compiled code is made (or loaded) in the process that first calls it. `ready` calls every
registered `warm_up` once, so that worker processes forked afterwards inherit the machine code
instead of each loading or compiling it again; `Workers` calls it before it forks.
"""
from __future__ import annotations

from collections.abc import Callable

try:
    from numba import njit as _njit
except ImportError:  # pragma: no cover - numba is a dependency; the fallback keeps the code usable without it
    _njit = None

_warm_ups: list[Callable[[], object]] = []
_ready = 0  # how many of `_warm_ups` have run in this process


def compiled(function):
    """`function` compiled by numba (no Python objects inside; cached on disk), or itself without numba."""
    if _njit is None:
        return function
    return _njit(cache=True, nogil=True)(function)


def warm_up(function: Callable[[], object]) -> Callable[[], object]:
    """Register `function`, which calls compiled loops on small inputs of the types real work gives them."""
    _warm_ups.append(function)
    return function


def ready() -> None:
    """Run each registered warm-up once per process (compiled loops then need no loading before use),
    those of modules imported since the last call included."""
    global _ready
    while _njit is not None and _ready < len(_warm_ups):
        _warm_ups[_ready]()
        _ready += 1


@compiled
def index_bits(count: int) -> int:
    """The fewest bits (at least 1) whose values number `count` or more: the size of a table or index field."""
    bits = 1
    while (1 << bits) < count:
        bits += 1
    return bits
