"""German NER speed on one core: the shipped tagger on GermEval dev and on real news articles.

GermEval dev (gold tokens, 2,200 sentences) is tagged per sentence (`tag_words`, as a caller with
one sentence does) and in batches (`tag_sentences`, as `find_mentions` does for an article);
10kGNAD articles go through `find_mentions(text, "de")` (tokens, sentences, tagging, document
consistency). The process is pinned to one core; rates are tokens per CPU-second and per wall
second, each with a freshly loaded tagger (no word cached yet) after a warm-up on other text.

    python bench/ner.py [--articles 300]
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared")).resolve()


def timed(work) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of calling `work`."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from newsdesk.extract import ner
    from newsdesk.extract.entities import find_mentions
    from newsdesk.extract.ner.train import read_bio

    dev_file = SHARED / "data" / "germeval2014" / "NER-de-dev.tsv"
    news_file = SHARED / "data" / "10kgnad" / "articles.csv"
    if not dev_file.is_file() or not news_file.is_file():
        sys.exit(f"GermEval dev or 10kGNAD not found under {SHARED} (set NEWSDESK_SHARED)")
    dev = [words for words, _ in read_bio(dev_file)]
    with news_file.open(encoding="utf-8", newline="") as handle:
        texts = [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'")]
    warm, texts = texts[-20:], texts[:args.articles]
    for text in warm:
        find_mentions(text, "de")

    def cold() -> None:
        """A freshly loaded tagger: no word seen yet (loaded before the clock starts)."""
        ner.load_tagger.cache_clear()
        ner.load_tagger()

    rows = []
    dev_tokens = sum(map(len, dev))
    cold()
    rows.append(("GermEval 2014 dev, 2,200 gold-tokenised sentences", "`tag_words` per sentence", dev_tokens,
                 timed(lambda: [ner.tag_words(words) for words in dev])))
    cold()
    rows.append(("GermEval 2014 dev", "`tag_sentences` (batches of 256)", dev_tokens,
                 timed(lambda: ner.load_tagger().tag_sentences(dev))))
    cold()
    news_tokens = sum(len(ner.tokenize(t)) for t in texts)
    rows.append((f"10kGNAD, first {len(texts)} articles (DER STANDARD)", '`find_mentions(text, "de")`', news_tokens,
                 timed(lambda: [find_mentions(t, "de") for t in texts])))

    print(f"{datetime.now():%Y-%m-%d %H:%M}, {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, one core; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    print("| corpus | call | tokens | tokens/s (wall) | tokens per CPU-second |")
    print("|---|---|---|---|---|")
    for corpus, call, tokens, (wall, cpu) in rows:
        print(f"| {corpus} | {call} | {tokens:,} | {tokens / wall:,.0f} | {tokens / cpu:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
