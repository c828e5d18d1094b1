"""Many texts held as one compressed buffer, read back by position: the texts of the reuse stage
(and their shingle hashes, `PackedShingles`).

Worker processes forked from the stage share the buffer without copying it (a list of a million
str is copied page by page as workers touch the objects), a million texts take about a third of
their size as str, and reading them back is a slice and a decompression, never a random read of
the store, which became disk-bound once the store outgrew the page cache.
"""
from __future__ import annotations

import tempfile
import zlib
from collections.abc import Iterable, Sequence

import numpy as np

try:  # ISA-L's deflate: the same zlib format, about 3x faster to write on news text at the same size
    from isal.isal_zlib import compress as _deflate, decompress as _inflate
except ImportError:  # pragma: no cover - a platform without its wheel
    _deflate, _inflate = zlib.compress, zlib.decompress


def packed_text(text: str | bytes, compress: bool = True) -> bytes:
    """A text as `PackedTexts` holds it: UTF-8, zlib-compressed (fast level) unless `compress` is
    False. The text may come as its UTF-8 bytes (`str.encode("utf-8", "surrogatepass")`), not
    encoded again."""
    encoded = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    return _deflate(encoded, 1) if compress else encoded


class PackedTexts(Sequence[str]):
    """Texts by position: text n is buffer[starts[n]:ends[n]], UTF-8, compressed with zlib when
    `compressed` (a few hundred thousand texts fit in memory as they are: compressing costs more
    CPU than holding them, ~17 µs a text; a million take 1.7 GB compressed, 3 GB not)."""

    def __init__(self, buffer: np.ndarray, starts: np.ndarray, ends: np.ndarray, compressed: bool = True):
        self.buffer, self.starts, self.ends, self.compressed = buffer, starts, ends, compressed

    @classmethod
    def pack(cls, texts: Iterable[str], compress: bool = True) -> "PackedTexts":
        packer = Packer(compress)
        for text in texts:
            packer.add(text)
        return packer.texts()

    def reordered(self, order: Sequence[int]) -> "PackedTexts":
        """The same texts in another order: position n holds what position order[n] held."""
        index = np.asarray(order, dtype=np.int64)
        return PackedTexts(self.buffer, self.starts[index], self.ends[index], self.compressed)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.take(range(*index.indices(len(self))))
        return self.take([index])[0]

    def take(self, positions: Iterable[int]) -> list[str]:
        """The texts at `positions`, in that order."""
        data = memoryview(self.buffer)
        if not self.compressed:
            return [str(data[self.starts[n]:self.ends[n]], "utf-8", "surrogatepass") for n in positions]
        return [_inflate(data[self.starts[n]:self.ends[n]]).decode("utf-8", "surrogatepass")
                for n in positions]


class Packer:
    """Builds `PackedTexts` one text at a time (the buffer grows in place, never joined), compressed
    or not (`PackedTexts.compressed`)."""

    def __init__(self, compress: bool = True) -> None:
        self.compress = compress
        self._buffer = bytearray()
        self._ends: list[int] = []

    def add(self, text: str) -> int:
        """Add a text; return its position."""
        return self.add_packed(packed_text(text, self.compress))

    def add_packed(self, packed: bytes) -> int:
        """Add a text already packed (`packed_text` with this packer's `compress`, in a worker
        process, say); return its position."""
        self._buffer += packed
        self._ends.append(len(self._buffer))
        return len(self._ends) - 1

    def texts(self) -> PackedTexts:
        ends = np.array(self._ends, dtype=np.int64)
        starts = np.zeros(len(ends), dtype=np.int64)
        starts[1:] = ends[:-1]
        return PackedTexts(np.frombuffer(self._buffer, dtype=np.uint8), starts, ends, self.compress)


class PackedShingles(Sequence[np.ndarray]):
    """Each text's word-shingle hashes cut to 32 bits, by position: text n's are
    flat[starts[n]:ends[n]] in the order of its words.

    Kept from the hashing pass for the alignment workers, so that most candidate pairs are ruled
    out without scanning their texts again. A million texts take 1.6 GB: they stay in a temporary
    file (`ShinglePacker`), read through the page cache by whichever process maps them first,
    never held in the stage's own memory. Cut hashes may match by chance: they can only let a
    pair through, never keep a copy out.
    """

    def __init__(self, flat, starts: np.ndarray, ends: np.ndarray):
        self._flat, self.starts, self.ends = flat, starts, ends

    @property
    def flat(self) -> np.ndarray:
        if not isinstance(self._flat, np.ndarray):  # the file: mapped on first use, in this process
            self._flat = (np.memmap(self._flat, dtype=np.uint32, mode="r") if len(self.ends) and self.ends.max()
                          else np.empty(0, dtype=np.uint32))
        return self._flat

    def reordered(self, order: Sequence[int]) -> "PackedShingles":
        """The same shingles in another order: position n holds what position order[n] held."""
        index = np.asarray(order, dtype=np.int64)
        return PackedShingles(self._flat, self.starts[index], self.ends[index])

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> np.ndarray:
        return self.flat[self.starts[index]:self.ends[index]]


class ShinglePacker:
    """Builds `PackedShingles` a batch of texts at a time, in text order, in a temporary file
    (gone when the shingles are)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="newsdesk-shingles-")
        self._counts: list[np.ndarray] = []

    def add(self, flat: np.ndarray, bounds: np.ndarray) -> None:
        """Add the texts of one batch: their shingle hashes in one flat array and each one's start (len texts + 1)."""
        self._file.write(flat.astype(np.uint32).tobytes())
        self._counts.append(np.diff(bounds))

    def shingles(self) -> PackedShingles:
        self._file.flush()
        counts = np.concatenate(self._counts) if self._counts else np.empty(0, dtype=np.int64)
        ends = np.cumsum(counts, dtype=np.int64)
        return PackedShingles(self._file, ends - counts, ends)
