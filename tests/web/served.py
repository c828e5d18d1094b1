"""What the web tests share: the served store's hostile article, a free port, GETs over HTTP."""
from __future__ import annotations

import json
import socket
import sys
import urllib.error
import urllib.request
from pathlib import Path

from newsdesk.store import open_store

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))
HOSTILE_TITLE = "Hafen <script>alert('title')</script> & Co"
HOSTILE_TEXT = ("Hamburg (dpa) Im Hafen wurde am Montag ein neues Terminal eröffnet. <img src=x onerror=alert(2)> "
                "Der Betreiber sprach von einem wichtigen Tag für die Stadt.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str, str]:
    """Status, content type and body of a GET (redirects followed)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers["content-type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["content-type"], error.read().decode("utf-8")


def get_json(url: str):
    status, kind, body = get(url)
    assert kind.startswith("application/json"), (status, kind)
    return status, json.loads(body)


def stored_stories(store_path: Path):
    with open_store(store_path) as store:
        return store.stories()
