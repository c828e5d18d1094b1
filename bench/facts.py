"""Compare stage speed: a story's sections (entities, quotes, claims, facts, brief, timeline) by story size.

Stories are made from real 10kGNAD articles (read from ../shared at run time): a story of N
articles takes N articles of one section of the corpus, and every third one also carries two
paragraphs copied from the first (wire copy), so that alignment, copies and conflicts all have
work. Each size is timed after a warm-up (models loaded), one core; the phases are timed apart:
per-article extraction (mentions, quotes, time expressions, numbers), sentence embeddings, and
the story-level part (candidate pairs, alignment, conflicts, brief, timeline).

    python bench/facts.py [--sizes 5,20,50,100]
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from newsdesk.compare import sections as story_module
from newsdesk.config import Settings
from newsdesk.model import Article, content_id
from newsdesk.reuse import find_reuse

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared")).resolve()


def by_section() -> dict[str, list[str]]:
    path = SHARED / "data" / "10kgnad" / "articles.csv"
    if not path.is_file():
        sys.exit(f"10kGNAD not found at {path} (set NEWSDESK_SHARED)")
    out: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                out[row[0]].append(";".join(row[1:]))
    return out


def story_of(texts: list[str], size: int) -> list[Article]:
    first = texts[0].split("\n")
    wire = " ".join(first[:2]) if len(first) > 1 else texts[0][:600]
    out = []
    for i, text in enumerate(texts[:size]):
        body = f"{text}\n\n{wire}" if i % 3 == 2 else text
        identity = f"bench-{size}-{i}"
        out.append(Article(id=content_id(identity, body), identity=identity, path=None, url=None,
                           source=f"outlet {i}", agencies=(), title=None, published="2016-03-0%d" % (1 + i % 5),
                           language="de", text=body, removed=()))
    return out


def timed_sections(articles: list[Article]) -> dict[str, float]:
    """story_sections with its embedding calls timed apart."""
    spent = {"embed": 0.0}
    from newsdesk.compare.quotes import default_embed

    def embed(texts):
        started = time.perf_counter()
        try:
            return default_embed(texts)
        finally:
            spent["embed"] += time.perf_counter() - started

    reuse = find_reuse(articles, Settings().reuse)
    started = time.perf_counter()
    result = story_module.story_sections(articles, reuse, embed=embed)
    spent["total"] = time.perf_counter() - started
    spent["facts"] = len(result["facts"])
    spent["conflicts"] = sum(len(f["conflicts"]) for f in result["facts"]) / 2
    spent["brief"] = len(result["brief"])
    return spent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,20,50,100")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    sections = by_section()
    texts = max(sections.values(), key=len)
    timed_sections(story_of(texts, 3))  # warm-up: models loaded
    print(f"bench/facts.py, {date.today()}, {platform.machine()}, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f}")
    print("| articles | facts | conflicts | brief | total s | embeddings s | per article s | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for size in sizes:
        articles = story_of(texts, size)
        spent = timed_sections(articles)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {size} | {spent['facts']} | {spent['conflicts']:.0f} | {spent['brief']} | {spent['total']:.1f} | "
              f"{spent['embed']:.1f} | {spent['total'] / size:.2f} | {peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
