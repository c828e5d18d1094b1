"""Shared fixtures: where ../shared lives, and a skip with a clear message when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared gold data and seeds (../shared, or $NEWSDESK_SHARED); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set NEWSDESK_SHARED); a user's clone has none")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    path = shared_dir / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed articles not found at {path}")
    return path
