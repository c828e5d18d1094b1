"""A real headless Chromium for tests: the DOM it builds for a page, after the page's scripts ran."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"


def dump_dom(url: str, profile: Path) -> str:
    """The DOM headless Chromium builds for `url` (scripts run), serialised back to HTML; `profile`
    is a folder of its own for the browser's state."""
    chromium = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not chromium:
        pytest.skip("chromium is not installed (`make system-deps` or `apt-get install chromium`)")
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout
