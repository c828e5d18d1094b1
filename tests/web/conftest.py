"""A real `newsdesk serve` over a store the demo corpus (and one hostile article) filled, for the web tests."""
from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import newsdesk
from newsdesk.demo import corpus_path

from .served import HOSTILE_TEXT, HOSTILE_TITLE, NEWSDESK, free_port


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("served")
    hostile = folder / "extra.jsonl"
    hostile.write_text(json.dumps({"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "source": "Hafenblatt",
                                   "published": "2025-06-02", "url": "https://hafenblatt.example/terminal"},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "served.db"
    newsdesk.analyze([corpus_path(), hostile], db=db)
    return db


@pytest.fixture(scope="session")
def server(store_path) -> str:
    """The base URL of a `newsdesk serve` process over the store (stopped after the module)."""
    port = free_port()
    process = subprocess.Popen([NEWSDESK, "serve", "--db", str(store_path), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"newsdesk serve stopped: {process.stderr.read()}")
        try:
            urllib.request.urlopen(base + "/api/stories", timeout=5).close()
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("newsdesk serve did not answer within 30 s")
    yield base
    process.terminate()
    process.wait(timeout=20)
