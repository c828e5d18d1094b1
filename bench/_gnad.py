"""The 10kGNAD articles the benches build their corpora from (read from ../shared, never copied)."""
from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

SHARED = Path(os.environ.get("NEWSDESK_SHARED", Path(__file__).resolve().parent.parent.parent / "shared")).resolve()


def gnad_rows() -> list[tuple[str, str]]:
    """(section, text) of each 10kGNAD article in file order; the bench stops with where it looked when absent."""
    path = SHARED / "data" / "10kgnad" / "articles.csv"
    if not path.is_file():
        sys.exit(f"10kGNAD not found at {path} (set NEWSDESK_SHARED)")
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[0], row[1]) for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) == 2]
