"""newsdesk.demo: a small fictional corpus shipped with the package, for `newsdesk demo` and tests.

Ten short reports of two invented events (May 2025) by invented outlets, in the input formats
newsdesk reads; see README.md in this folder for what the texts contain on purpose.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["corpus_path", "corpus_files"]


def corpus_path() -> Path:
    """The folder holding the demo corpus (package data next to this module)."""
    path = Path(__file__).resolve().parent / "corpus"
    if not path.is_dir():
        raise FileNotFoundError(f"demo corpus not found at {path}; reinstall newsdesk with its package data "
                                "(pip install newsdesk, or pip install -e . from a clone)")
    return path


def corpus_files() -> list[Path]:
    """The corpus files in name order (.txt, .html, .jsonl)."""
    return sorted(p for p in corpus_path().iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
