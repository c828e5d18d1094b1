"""The seed story, analysed once for the tests of the compare stage that read it."""
from __future__ import annotations

from pathlib import Path

import pytest

import newsdesk
from newsdesk.pipeline import analyze


@pytest.fixture(scope="session")
def seed_story(seeds_dir, tmp_path_factory):
    """(story, article id -> seed file number, article id -> text) of the five seed reports."""
    doc = analyze([seeds_dir], tmp_path_factory.mktemp("seeds") / "fresh.db").document
    newsdesk.check(doc)
    (story,) = doc["stories"]
    names = {a["id"]: Path(a["path"]).name[:3] for a in doc["articles"]}
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    return story, names, texts
