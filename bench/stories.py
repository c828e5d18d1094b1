"""Story stage speed and memory: feature cost on real German news, assignment throughput at scale.

1. Features: `features_batch` over real 10kGNAD articles (mean 2,627 characters), with and
   without the sentence embedding: articles per second on one core.
2. Assignment: 100,000 articles with features already computed go into one StoryIndex in
   batches of 1,000 (as the pipeline adds them). The features are made from the real 10kGNAD
   ones: each synthetic article takes a real article's embedding plus noise (cosine about 0.5 to
   it, so copies of one source do not form stories), half of its terms and entities plus
   article-specific ones, and a date spread over one year; every fifth article is a close
   rewrite of one from the last two days, so stories form as in a news stream.
   Reported: articles/s overall and over the last 10,000, peak memory, stored state size.

    python bench/stories.py [--articles 100000] [--feature-sample 300]
"""
from __future__ import annotations

import argparse
import csv
import gc
import os
import platform
import resource
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

from newsdesk.model import Article, content_id
from newsdesk.stories import ArticleFeatures, StoryIndex, StorySettings, features_batch

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared")).resolve()


def gnad_articles(limit: int | None = None) -> list[Article]:
    path = SHARED / "data" / "10kgnad" / "articles.csv"
    if not path.is_file():
        sys.exit(f"10kGNAD not found at {path} (set NEWSDESK_SHARED)")
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter=";", quotechar="'"), start=1):
            if len(row) >= 2:
                text = ";".join(row[1:])
                out.append(Article(id=content_id(f"10kgnad#{number}", text), identity=f"10kgnad#{number}",
                                   path=None, url=None, source=None, agencies=(), title=None, published=None,
                                   language="de", text=text, removed=()))
    return out[:limit]


def feature_cost(articles: list[Article], settings: StorySettings) -> str:
    features_batch(articles[:2], settings)  # load the model first
    wall, cpu = time.perf_counter(), time.process_time()
    features_batch(articles, settings)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return f"{len(articles) / wall:.1f} articles/s wall, {len(articles) / cpu:.1f} per CPU-second"


def synthetic(real: list[ArticleFeatures], count: int, seed: int = 7) -> list[ArticleFeatures]:
    """`count` features shaped like real ones, dated over a year, with stories forming (see module doc)."""
    rng = np.random.default_rng(seed)
    start = date(2024, 1, 1).toordinal()
    out: list[ArticleFeatures] = []
    for i in range(count):
        day = start + int(i * 365 / count)
        if i % 5 == 4 and out:
            recent = [f for f in out[-max(1, count // 180):] if day - f.day_first <= 2]
            base = recent[int(rng.integers(len(recent)))] if recent else out[-1]
            noise = 0.15
        else:
            base = real[int(rng.integers(len(real)))]
            noise = 1.0
        vector = base.embedding.astype(np.float64) + noise * rng.standard_normal(base.embedding.size) / np.sqrt(
            base.embedding.size)
        vector /= np.linalg.norm(vector)
        keep = 0.8 if noise < 1 else 0.5
        terms = [t for t in base.terms if rng.random() < keep] + [(f"w{i}x{k}", 0.1) for k in range(20)]
        entities = [t for t in base.entities if rng.random() < keep] + [(f"n{i}x{k}", 0.15) for k in range(5)]
        iso = date.fromordinal(day).isoformat()
        out.append(ArticleFeatures(
            id=content_id("bench", str(i)), language="de", published=iso, day_first=day, day_last=day,
            title=base.title, embedding=vector.astype(np.float16), terms=_unit(terms), entities=_unit(entities),
            dates=base.dates))
    return out


def _unit(pairs: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    norm = float(np.sqrt(sum(w * w for _, w in pairs))) or 1.0
    return tuple(sorted((t, round(w / norm, 6)) for t, w in pairs))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """Resident memory now (Linux), else the peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--feature-sample", type=int, default=300)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    settings = StorySettings()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {date.today()}")
    gnad = gnad_articles()
    sample = gnad[: args.feature_sample]
    print(f"features, embedding use3: {feature_cost(sample, settings)} ({len(sample)} articles, 1 thread)")
    print(f"features, embedding none: {feature_cost(sample, StorySettings(embedding='none'))}")
    real = features_batch(gnad, settings)
    features = synthetic(real, args.articles)
    del real
    gc.collect()
    before = rss_mb()
    index = StoryIndex(settings)
    started, cpu = time.perf_counter(), time.process_time()
    last_start = None
    for at in range(0, len(features), args.batch):
        if at >= len(features) - 10_000 and last_start is None:
            last_start = (time.perf_counter(), at)
        index.add(features[at:at + args.batch])
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    after = rss_mb()
    stories = index.stories()
    tail = (len(features) - last_start[1]) / (time.perf_counter() - last_start[0]) if last_start else float("nan")
    state = index.to_bytes()
    sizes = np.bincount([len(s.articles) for s in stories])
    print(f"assignment: {len(features)} articles in {took:.1f}s = {len(features) / took:.0f} articles/s "
          f"(last 10,000: {tail:.0f}/s), batches of {args.batch}; {len(features) / cpu:.0f} per CPU-second")
    print(f"stories: {len(stories)}; sizes 1..5+: {sizes[1:5].tolist()} + {int(sizes[5:].sum())}")
    print(f"memory: index {after - before:.0f} MB for {len(index)} articles ({(after - before) * 1e6 / len(index):.0f} "
          f"bytes each; RSS {before:.0f} MB before adding, {after:.0f} MB after); stored state {len(state) / 1e6:.1f} MB")
    started = time.perf_counter()
    StoryIndex.from_bytes(state, settings)
    print(f"resume: from_bytes {time.perf_counter() - started:.1f}s; peak RSS of the whole run {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
