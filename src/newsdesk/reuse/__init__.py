"""Wire copy and duplicates: which articles share text, where, and who copied from whom.

    result = find_reuse(articles)          # -> model.ReuseResult(duplicates, reuse, wires)

The candidate step (`signatures`, `candidate_pairs`, `anchor_pairs`) is kept apart from
verification (`align`) so that it can run distributed or incrementally.
"""
from __future__ import annotations

from .align import Alignment, Passage, Prepared, align, align_prepared, prepare
from .candidates import anchor_pairs, candidate_pairs, signatures
from .find import date_order, direction, find_reuse
from .settings import ReuseSettings

__all__ = ["Alignment", "Passage", "Prepared", "ReuseSettings", "align", "align_prepared", "anchor_pairs",
           "candidate_pairs", "date_order", "direction", "find_reuse", "prepare", "signatures"]
