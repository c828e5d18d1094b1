"""Properties of reading: any bytes in any kind of file give articles or Skips, never an exception."""
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from newsdesk.ingest import read_file
from newsdesk.model import RawArticle, Skip

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".xml", ".rss", ".warc", ".warc.gz", ".txt.gz", ""]

# bytes that look like the formats, so that the readers' inner paths are reached too
FRAGMENTS = [
    b"<rss><channel><item><title>T</title><description>",
    b"<p>Absatz</p>",
    b"</item></channel></rss>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',
    b'{"text": "Meldung", "published": "18 Jun 2024"}\n',
    b"{\"text\": \"\\ud800\"}\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n",
    b" date 2024-06 ",
    b"Titel\n\n18 Jun 2024\nTag\n\n",
    "Größe „Zitat“ €".encode("cp1252"),
    "Größe „Zitat“ €".encode("utf-8"),
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\x00",
]
inputs = st.one_of(st.binary(max_size=300), st.lists(st.sampled_from(FRAGMENTS) | st.binary(max_size=20), max_size=8).map(b"".join))


def check(item, path: Path) -> None:
    assert isinstance(item, (RawArticle, Skip))
    if isinstance(item, Skip):
        assert item.path.startswith(str(path)) and item.reason
        return
    assert item.raw.strip()
    assert "\r" not in item.raw and not item.raw.startswith("\ufeff")
    assert unicodedata.is_normalized("NFC", item.raw)
    for removal in item.header:
        assert item.raw[removal.raw_start:removal.raw_end] == removal.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=inputs, suffix=st.sampled_from(SUFFIXES))
def test_reading_never_raises_on_arbitrary_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"eingabe{suffix}"
        if suffix.endswith(".gz") and data[:1] != b"\x1f":
            import gzip

            data = gzip.compress(data)
        path.write_bytes(data)
        for item in read_file(path):
            check(item, path)
