"""Wire copy and duplicates: which articles share text, where, and who copied from whom.

    result = find_reuse(articles)          # -> model.ReuseResult(duplicates, reuse, wires)

The candidate step (`signatures`, `candidate_pairs`, `anchor_pairs`) is kept apart from
verification (`align`) so that it can run distributed or incrementally.
"""
from __future__ import annotations

from .settings import ReuseSettings

__all__ = ["ReuseSettings"]
