"""Bench of the foundation: read + clean + store, and a whole `analyze`, on real German articles.

    .venv/bin/python bench/ingest.py --copies 2

Corpus (built in a temporary folder from ../shared/data/10kgnad, never stored in the project):
each of the 1,028 DER STANDARD articles written as a .txt file with a ` date YYYY-MM-DD ` prefix,
a "Mehr lesen" line and an agency credit, `--copies` times (copies get a line of their own so
that their ids differ). Each measurement runs in its own process: docs/s and peak RSS.
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared"))


def write_corpus(folder: Path, copies: int) -> int:
    with open(SHARED / "data" / "10kgnad" / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";", quotechar="'"))
    count = 0
    for copy in range(copies):
        for i, (section, text) in enumerate(rows):
            day = 1 + (i % 28)
            body = f" date 2016-03-{day:02d} {text}\n\nAusgabe {copy}\n\nMehr lesen\n\n(APA)"
            (folder / f"{section.lower()}-{copy}-{i:05d}.txt").write_text(body, encoding="utf-8")
            count += 1
    return count


def measure(stages: str, corpus: Path, db: Path) -> tuple[float, float]:
    """Run one analyze in a child process; return (seconds, peak RSS in MB)."""
    code = (
        "import sys, newsdesk\n"
        f"newsdesk.analyze([{str(corpus)!r}], {str(db)!r}, stages={stages})\n"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return took, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    if not (SHARED / "data" / "10kgnad").is_dir():
        sys.exit(f"10kGNAD not found under {SHARED}/data (set NEWSDESK_SHARED)")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = write_corpus(corpus, args.copies)
        rows = []
        for label, stages in [("read + clean + store", "()"), ("analyze (all stages)", "('reuse', 'stories')")]:
            seconds, peak = measure(stages, corpus, Path(tmp) / f"{len(rows)}.db")
            rows.append((label, n / seconds, seconds, peak))
        print(f"corpus: {n} articles from 10kGNAD as .txt files; machine: {platform.machine()}, "
              f"{os.cpu_count()} cores, Python {platform.python_version()}; {time.strftime('%Y-%m-%d')}")
        print("| run | docs/s | seconds | peak RSS (MB, largest child so far) |")
        print("|---|---|---|---|")
        for label, rate, seconds, peak in rows:
            print(f"| {label} | {rate:,.0f} | {seconds:.1f} | {peak:,.0f} |")


if __name__ == "__main__":
    main()
