"""Many texts held as one compressed buffer, read back by position: the texts of the reuse stage.

Worker processes forked from the stage share the buffer without copying it (a list of a million
str is copied page by page as workers touch the objects), a million texts take about a third of
their size as str, and reading them back is a slice and a decompression, never a random read of
the store, which became disk-bound once the store outgrew the page cache.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import numpy as np


class PackedTexts(Sequence[str]):
    """Texts by position: text n is buffer[starts[n]:ends[n]], UTF-8 compressed with zlib."""

    def __init__(self, buffer: np.ndarray, starts: np.ndarray, ends: np.ndarray):
        self.buffer, self.starts, self.ends = buffer, starts, ends

    @classmethod
    def pack(cls, texts: Iterable[str]) -> "PackedTexts":
        packer = Packer()
        for text in texts:
            packer.add(text)
        return packer.texts()

    def reordered(self, order: Sequence[int]) -> "PackedTexts":
        """The same texts in another order: position n holds what position order[n] held."""
        index = np.asarray(order, dtype=np.int64)
        return PackedTexts(self.buffer, self.starts[index], self.ends[index])

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.take(range(*index.indices(len(self))))
        return self.take([index])[0]

    def take(self, positions: Iterable[int]) -> list[str]:
        """The texts at `positions`, in that order."""
        data = memoryview(self.buffer)
        return [zlib.decompress(data[self.starts[n]:self.ends[n]]).decode("utf-8", "surrogatepass")
                for n in positions]


def compress(text: str) -> bytes:
    """A text as `PackedTexts` holds it."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


class Packer:
    """Builds `PackedTexts` one text at a time (the buffer grows in place, never joined)."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._ends: list[int] = []

    def add(self, text: str) -> int:
        """Add a text; return its position."""
        return self.add_compressed(compress(text))

    def add_compressed(self, data: bytes) -> int:
        """Add a text as `compress` gave it (in another process, say); return its position."""
        self._buffer += data
        self._ends.append(len(self._buffer))
        return len(self._ends) - 1

    def texts(self) -> PackedTexts:
        ends = np.array(self._ends, dtype=np.int64)
        starts = np.zeros(len(ends), dtype=np.int64)
        starts[1:] = ends[:-1]
        return PackedTexts(np.frombuffer(self._buffer, dtype=np.uint8), starts, ends)
