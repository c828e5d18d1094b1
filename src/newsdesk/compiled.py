"""Loops over numpy arrays compiled to machine code by numba, or run as the plain Python they are.

A loop that numpy cannot express as whole-array operations (chaining seeds one after another,
say) is written once, as ordinary Python over arrays and numbers, and decorated with `compiled`.
With numba installed (a dependency) it is compiled on first use and cached next to its module (or
in numba's user cache), so later runs load it; without numba, or with NUMBA_DISABLE_JIT=1, the very
same code runs in Python, slower, with the same results.
"""
from __future__ import annotations

try:
    from numba import njit as _njit
except ImportError:  # pragma: no cover - numba is a dependency; the fallback keeps the code usable without it
    _njit = None


def compiled(function):
    """`function` compiled by numba (no Python objects inside; cached on disk), or itself without numba."""
    if _njit is None:
        return function
    return _njit(cache=True, nogil=True)(function)
