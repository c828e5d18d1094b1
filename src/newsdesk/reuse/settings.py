"""Settings of the reuse stage (duplicates, passage reuse, wires), validated once."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReuseSettings:
    """How copy is found: shingles and MinHash/anchors for candidates, then alignment rules.

    shingle: words per shingle for MinHash and for alignment seeds (3 finds far more edited copies than 5).
    anchor_shingle: words per anchor; one more than `shingle` keeps stock phrases from pairing
        thousands of articles while a copied sentence still holds several.
    num_perm, bands: MinHash signature width and LSH bands (rows = num_perm / bands) for
        whole-text near-duplicate candidates; 128/32 puts the LSH threshold near Jaccard 0.42.
    anchor_rate: one shingle in `anchor_rate` (by hash) is an anchor; articles sharing
        `min_anchors` anchors are passage candidates, whatever their whole-text similarity.
    max_df: an anchor in more distinct texts than this (a stock phrase, or a wire text copied
        very widely) links them as a chain, not each to each: linear work; copies still connect.
    max_gap: words an edit may leave unmatched inside one passage before it splits in two.
    min_words: matched words outside quotation marks a passage needs to be reuse (so that a
        shared quote or a stock phrase like "nach Angaben des Kreml" alone is not).
    min_density: matched words / passage words below which a chain of seeds is chance.
    near_duplicate: share of both texts in aligned passages from which they are near-duplicates.
    containment: share of a text in passages from which it counts as contained in the other.
    batch_size: texts per numpy batch when hashing.
    seed: seed of the MinHash hashing (changing it changes signatures, not results much).
    workers: processes that hash and align in parallel; 0 = one per available CPU core when the
        corpus is large enough to repay starting them (results never depend on it).
    compress_from_mb: MB of input a run reads from which the stage holds its texts compressed
        (a third of their size, at ~17 µs of CPU a text); below it they are held as they are.
    """

    shingle: int = 3
    anchor_shingle: int = 4
    num_perm: int = 128
    bands: int = 32
    anchor_rate: int = 1
    min_anchors: int = 2
    max_df: int = 20
    max_gap: int = 10
    min_words: int = 9
    min_density: float = 0.4
    near_duplicate: float = 0.8
    containment: float = 0.9
    batch_size: int = 500
    seed: int = 1
    workers: int = 0
    compress_from_mb: int = 1000

    def __post_init__(self) -> None:
        for name in ("shingle", "anchor_shingle", "num_perm", "bands", "anchor_rate", "min_anchors", "max_df",
                     "max_gap", "min_words", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"reuse.{name} must be a positive integer; got {value!r}")
        if max(self.shingle, self.anchor_shingle) > 8:
            raise ValueError(f"reuse.shingle and reuse.anchor_shingle must be at most 8 words; "
                             f"got {self.shingle}, {self.anchor_shingle}")
        if self.num_perm % self.bands:
            raise ValueError(f"reuse.num_perm ({self.num_perm}) must be a multiple of reuse.bands ({self.bands})")
        if self.max_df < 2:
            raise ValueError(f"reuse.max_df must be at least 2 (texts sharing an anchor); got {self.max_df}")
        for name in ("min_density", "near_duplicate", "containment"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0 < value <= 1:
                raise ValueError(f"reuse.{name} must be in (0, 1]; got {value!r}")
        if not isinstance(self.workers, int) or isinstance(self.workers, bool) or self.workers < 0:
            raise ValueError(f"reuse.workers must be 0 (one per CPU core) or a positive integer; got {self.workers!r}")
        if not isinstance(self.compress_from_mb, int) or isinstance(self.compress_from_mb, bool) or self.compress_from_mb < 0:
            raise ValueError(f"reuse.compress_from_mb must be a non-negative integer (0: always compress); "
                             f"got {self.compress_from_mb!r}")
        if not isinstance(self.seed, int) or self.seed < 0:
            raise ValueError(f"reuse.seed must be a non-negative integer; got {self.seed!r}")

    @property
    def rows(self) -> int:
        """Signature rows per LSH band."""
        return self.num_perm // self.bands
