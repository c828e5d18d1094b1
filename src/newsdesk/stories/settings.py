"""Settings of the story stage: one frozen object, validated once."""
from __future__ import annotations

from dataclasses import dataclass

EMBEDDINGS = ("use3", "none")


@dataclass(frozen=True)
class StorySettings:
    """How articles are described and when two of them report the same event.

    The pair score is a weighted mean of cosines: sentence embeddings of the lead
    (cross-lingual), lemma terms (same language only), entity-like tokens (names and
    numbers) and, for undated articles, the months of the dates their leads state. Stories are average-linkage clusters of that score at `threshold`, computed
    only inside groups of articles linked by a pair at or above it.
    """

    embedding: str = "use3"
    """Sentence encoder for the lead: "use3" (multilingual USE v3) or "none" (terms and entities only)."""
    lead_sentences: int = 2
    """Headline plus first sentences embedded (mean of the sentence vectors): the headline and lede."""
    position_decay: float = 0.3
    """Term weight of sentence i is 1 / (1 + decay * i): the lead says what the event is."""
    weight_embedding: float = 0.4
    weight_terms: float = 0.2
    weight_entities: float = 0.4
    weight_dates: float = 0.2
    """Weight of the months the two leads state (`ArticleFeatures.dates`): it counts only for pairs
    where both state some and at least one has no publication date (the dateline stands in for it)."""
    threshold: float = 0.40
    """Average pair score at which two groups of articles are one story."""
    cross_lingual_threshold: float = 0.40
    """The same, for pairs in two languages (scored without the term cosine)."""
    keep_similarity: float = 0.3
    """Pair scores below this count as 0 in the averages (and are not stored)."""
    window_days: int = 7
    """Articles whose dates lie further apart are never one story; undated articles fit any date."""
    max_terms: int = 60
    """Terms kept per article (highest weight first)."""
    max_entities: int = 30
    """Entity-like tokens kept per article."""
    date_lines: int = 3
    """Headline and first lines searched for stated dates (the dateline)."""
    block_keys: int = 8
    """Highest-weighted entities and terms used as blocking keys (candidates share at least one)."""
    lsh_bands: int = 6
    """Blocking keys from the embedding: random-hyperplane signatures, one key per band."""
    lsh_bits: int = 8
    max_region: int = 4000
    """Largest group clustered at once; beyond it the group is cut by date (then id) into slices."""

    def __post_init__(self) -> None:
        if self.embedding not in EMBEDDINGS:
            raise ValueError(f"embedding must be one of {EMBEDDINGS}; got {self.embedding!r}")
        for name in ("lead_sentences", "max_terms", "max_entities", "date_lines", "block_keys", "max_region"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer; got {value!r}")
        for name in ("lsh_bands", "window_days"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative integer; got {value!r}")
        if not isinstance(self.lsh_bits, int) or not 1 <= self.lsh_bits <= 30:
            raise ValueError(f"lsh_bits must be an integer in [1, 30]; got {self.lsh_bits!r}")
        for name in ("weight_embedding", "weight_terms", "weight_entities", "weight_dates", "position_decay"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"{name} must be a number >= 0; got {value!r}")
        if self.weight_embedding + self.weight_terms + self.weight_entities <= 0:
            raise ValueError("at least one of weight_embedding, weight_terms, weight_entities must be > 0")
        for name in ("threshold", "cross_lingual_threshold", "keep_similarity"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0 < value <= 1:
                raise ValueError(f"{name} must be in (0, 1]; got {value!r}")
        if self.keep_similarity > min(self.threshold, self.cross_lingual_threshold):
            raise ValueError(f"keep_similarity ({self.keep_similarity}) must not exceed threshold "
                             f"({self.threshold}) or cross_lingual_threshold ({self.cross_lingual_threshold})")
