"""Wire copy and duplicates: which articles share text, where, and who copied from whom.

    result = find_reuse(articles)          # -> model.ReuseResult(duplicates, reuse, wires)

The steps, each usable alone (so that candidates can later run distributed or incrementally):
    signatures(texts) -> N x num_perm uint32      MinHash over word shingles, numpy batches
    candidate_pairs(signatures) -> (M, 2) int64   LSH bands, one at a time, by sorting
    anchor_pairs(texts) -> (M, 2) int64           texts sharing copy anywhere, however little of the whole
    align(a, b) -> [Passage]                      seed-and-extend on word-shingle hashes
"""
from __future__ import annotations

from .align import Alignment, Passage, Prepared, align, align_prepared, prepare
from .candidates import anchor_pairs, candidate_pairs, signatures
from .find import align_candidates, date_order, direction, find_reuse, text_candidates
from .settings import ReuseSettings

__all__ = ["Alignment", "Passage", "Prepared", "ReuseSettings", "align", "align_candidates", "align_prepared",
           "anchor_pairs", "candidate_pairs", "date_order", "direction", "find_reuse", "prepare", "signatures",
           "text_candidates"]
