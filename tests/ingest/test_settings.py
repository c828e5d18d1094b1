import pytest

from newsdesk.ingest import ReadSettings
from newsdesk.ingest.settings import describe_size


def test_settings_are_checked():
    with pytest.raises(ValueError, match="max_bytes must be a positive"):
        ReadSettings(max_bytes=0)
    with pytest.raises(ValueError, match="not a text codec"):
        ReadSettings(encoding="klingonisch")
    with pytest.raises(ValueError, match="not a text codec"):
        ReadSettings(encoding="base64")


def test_empty_encoding_means_detect():
    assert ReadSettings(encoding="").encoding is None


def test_sizes_read_as_a_person_says_them():
    assert [describe_size(n) for n in (17, 1000, 512_000, 20_000_000)] == ["17 bytes", "1 kB", "512 kB", "20 MB"]
