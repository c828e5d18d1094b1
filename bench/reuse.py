"""Bench of the reuse stage: (a) candidates alone vs datasketch MinHash+LSH, (b) end to end with alignment.

    .venv/bin/python bench/reuse.py --docs 50000
    .venv/bin/python bench/reuse.py --docs 200000 --methods cli+lang     # (c): the command alone, larger

Methods: `ours` (candidates: `text_candidates`), `datasketch@T` (MinHash.bulk + MinHashLSH at
threshold T, candidates alone; `datasketch+gc@T` the same with Python's cyclic collector tuned as
the `newsdesk` command tunes it for itself), `find_reuse` (the stage in memory: candidates, alignment,
duplicates, directions, wires), `cli` (`newsdesk reuse FOLDER --db FILE --json FILE` end to
end on the corpus written as JSONL files of 10,000 articles: read, clean, store, align, write)
and `cli+lang` (the same with "language": "de" in each record, as feeds often give it, so that
cleaning skips language detection).

Corpus (seeded, built from ../shared/data/10kgnad in a process of its own, kept only in a temporary or
--keep folder, never in the project): articles of about
2,500 characters drawn from a word bigram chain over the DER STANDARD articles that leaves the
chain for a word drawn by frequency 35% of the time (real word frequencies and common short
phrases, without the long runs of the small source text that a pure chain copies); then
planted copy: 10% of articles take 1-8 sentences of an earlier article with 0-20% of the words
dropped or changed, 2% are exact and 2% lightly edited (5%) copies of a whole earlier article.
Each method runs in its own process; memory is its peak RSS (VmHWM, reset once the corpus is loaded)
above the RSS with the corpus loaded; for `cli` the peak of the summed Pss of the command and its
worker processes (sampled every 0.5 s; forked pages shared count once). CPU seconds include
worker processes.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from _gnad import gnad_rows

SEED = 7
JUMP = 0.35  # chance to leave the chain for a word drawn by frequency: no long runs of the source text


def status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, in MB."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise KeyError(field)


def reset_peak() -> float:
    """Forget the peak so far (Linux: clear_refs 5) and return the resident size now."""
    gc.collect()
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
    return status_mb("VmRSS")


def rss_mb() -> float:
    return status_mb("VmRSS")


def peak_mb() -> float:
    return status_mb("VmHWM")


def build(docs: int) -> tuple[list[str], list[tuple[int, int]], list[tuple[int, int]]]:
    """Texts, planted (source, copy) pairs of passages, and planted (source, copy) whole-text pairs."""
    bodies = [text for _, text in gnad_rows()]
    vocabulary: dict[str, int] = {}
    sentences = []
    for body in bodies:
        for sentence in body.replace("! ", "!\n").replace("? ", "?\n").replace(". ", ".\n").split("\n"):
            ids = [vocabulary.setdefault(w, len(vocabulary)) for w in sentence.split()]
            if len(ids) >= 4:
                sentences.append(np.array(ids, dtype=np.int32))
    words = np.array(list(vocabulary), dtype=object)
    flat = np.concatenate(sentences)
    # a bigram chain over the corpus: the next word is the word after a random occurrence of this one
    order = np.argsort(flat[:-1], kind="stable")
    successors = flat[1:][order]
    first = np.searchsorted(flat[:-1][order], np.arange(len(words)))
    count = np.diff(np.concatenate([first, [len(order)]]))
    rng = np.random.default_rng(SEED)
    length = 390
    current = flat[rng.integers(len(flat), size=docs)]
    chain = np.empty((docs, length), dtype=np.int32)
    for step in range(length):
        chain[:, step] = current
        has = (count[current] > 0) & (rng.random(docs) >= JUMP)
        pick = first[current] + (rng.random(docs) * np.maximum(count[current], 1)).astype(np.int64)
        current = np.where(has, successors[np.minimum(pick, len(successors) - 1)], flat[rng.integers(len(flat), size=docs)])
    ends = np.array([w.endswith((".", "!", "?")) for w in words])
    texts: list[list[np.ndarray]] = []
    for row in chain:
        cuts = np.flatnonzero(ends[row]) + 1
        texts.append([part for part in np.split(row, cuts) if len(part)])
    passage_pairs, whole_pairs = [], []
    for n in range(1, docs):
        kind = rng.random()
        if kind >= 0.14:
            continue
        source = int(rng.integers(n))
        if kind < 0.02:
            texts[n] = texts[source]
            whole_pairs.append((source, n))
        elif kind < 0.04:
            texts[n] = [_edit(s, 0.05, flat, rng) for s in texts[source]]
            whole_pairs.append((source, n))
        else:
            run = int(rng.integers(1, 9))
            first = int(rng.integers(max(1, len(texts[source]) - run + 1)))
            rate = rng.uniform(0, 0.2)
            copied = [_edit(s, rate, flat, rng) for s in texts[source][first:first + run]]
            at = int(rng.integers(len(texts[n]) + 1))
            texts[n] = texts[n][:at] + copied + texts[n][at:]
            passage_pairs.append((source, n, int(sum(map(len, copied)))))
    strings = [" ".join(" ".join(words[s]) for s in text) for text in texts]
    return strings, passage_pairs, whole_pairs


def _edit(sentence: np.ndarray, rate: float, flat: np.ndarray, rng) -> np.ndarray:
    keep = rng.random(len(sentence)) >= rate / 2
    out = sentence[keep].copy()
    change = rng.random(len(out)) < rate / 2
    out[change] = flat[rng.integers(len(flat), size=int(change.sum()))]
    return out


def ours_candidates(texts: list[str]) -> np.ndarray:
    from newsdesk.reuse import ReuseSettings
    from newsdesk.reuse.find import text_candidates

    return text_candidates(texts, ReuseSettings())


def datasketch_candidates(texts: list[str], threshold: float) -> np.ndarray:
    """datasketch at its fast settings: MinHash.bulk over 3-word shingles, LSH insertion session, query."""
    from datasketch import MinHash, MinHashLSH

    def shingles(text: str) -> set[bytes]:
        w = text.casefold().split()
        return {" ".join(w[i:i + 3]).encode() for i in range(len(w) - 2)}

    hashes = MinHash.bulk((shingles(t) for t in texts), num_perm=128)
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    with lsh.insertion_session(buffer_size=100_000) as session:
        for n, m in enumerate(hashes):
            session.insert(n, m, check_duplication=False)
    pairs = set()
    for n, m in enumerate(hashes):
        for other in lsh.query(m):
            if other != n:
                pairs.add((min(n, other), max(n, other)))
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def end_to_end(texts: list[str]):
    from newsdesk.model import Article, content_id
    from newsdesk.reuse import find_reuse

    articles = [Article(content_id("bench", str(n)), f"doc{n}", None, None, None, (), None, None, "de", t, ())
                for n, t in enumerate(texts)]
    return articles, find_reuse(articles)


def cpu_seconds() -> float:
    """User + system time of this process and of its finished children (worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def write_jsonl(texts: list[str], folder: Path, language: bool) -> None:
    """The corpus as JSONL files of 10,000 articles; article n has url https://example.org/n."""
    folder.mkdir(parents=True, exist_ok=True)
    for first in range(0, len(texts), 10_000):
        with open(folder / f"part-{first // 10_000:05d}.jsonl", "w", encoding="utf-8") as handle:
            for n in range(first, min(len(texts), first + 10_000)):
                record = {"text": texts[n], "url": f"https://example.org/{n}", "published": f"2024-06-{1 + n % 28:02d}"}
                if language:
                    record["language"] = "de"
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def tree_memory_mb(pid: int) -> float:
    """Memory of a process and its descendants, in MB: the sum of their proportional set sizes
    (Pss: pages shared after a fork count once in all, not once per process)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("Pss:")), 0) / 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_cli(folder: Path, work: Path) -> tuple[float, float, float, dict]:
    """`newsdesk reuse` on `folder`: wall seconds, CPU seconds, peak memory of all its processes (MB), the JSON written."""
    for stale in work.glob("bench.db*"):  # a fresh store: nothing read before, nothing cached
        stale.unlink()
    command = [str(Path(sys.executable).with_name("newsdesk")), "reuse", str(folder), "--db", str(work / "bench.db"),
               "--json", str(work / "out.json"), "--quiet"]
    before = cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_memory_mb(process.pid))
        time.sleep(0.5)
    took = time.perf_counter() - started
    if process.returncode:
        raise RuntimeError(f"newsdesk reuse failed: {process.stderr.read()[-2000:]}")
    document = json.loads((work / "out.json").read_text())
    for done in [*work.glob("bench.db*"), work / "out.json"]:
        done.unlink()
    return took, cpu_seconds() - before, peak, document


def child(method: str, corpus: Path) -> dict:
    """Run one method on the stored corpus; time, peak memory above the loaded corpus, and what it found.

    `cli` methods never hold the texts: the JSONL is written by a process of its own first, and the
    command runs with this process small (at 1M articles the texts in Python took 5 GB, which the
    page cache then lacked for the store)."""
    data = json.loads((corpus.parent / "planted.json").read_text())
    texts = [] if method.startswith("cli") else json.loads(corpus.read_text())
    base = reset_peak()
    started, cpu = time.perf_counter(), cpu_seconds()
    peak = None
    if method == "ours":
        pairs = ours_candidates(texts)
    elif method.startswith("datasketch"):
        if method.startswith("datasketch+gc"):  # the cyclic collector tuned as `newsdesk` tunes it for itself
            from newsdesk.cli import BATCH_GC_THRESHOLDS

            gc.set_threshold(*BATCH_GC_THRESHOLDS)
        pairs = datasketch_candidates(texts, float(method.split("@")[1]))
    elif method.startswith("cli"):
        folder = corpus.parent / ("jsonl-lang" if method == "cli+lang" else "jsonl")
        kept = (corpus.parent / "keep").exists()  # --keep: the JSONL stays for the next run
        if not (kept and folder.is_dir()):
            subprocess.run([sys.executable, __file__, "--child", "write-" + method, "--corpus", str(corpus)], check=True)
        took, cpu, peak, document = run_cli(folder, corpus.parent)
        if not kept:
            shutil.rmtree(folder)
        position = {a["id"]: int(a["url"].rsplit("/", 1)[1]) for a in document["articles"]}
        found = {tuple(sorted((position[r["source"]], position[r["target"]]))) for r in document["reuse"]}
        for group in document["duplicates"]:
            members = sorted(position[a] for a in group["articles"])
            found |= {(x, y) for k, x in enumerate(members) for y in members[k + 1:]}
        pairs = np.array(sorted(found), dtype=np.int64).reshape(-1, 2)
        docs = len(document["articles"])
        del document
    else:
        articles, result = end_to_end(texts)
        position = {a.id: n for n, a in enumerate(articles)}
        found = {tuple(sorted((position[r.source], position[r.target]))) for r in result.reuse}
        for group in result.duplicates:
            members = sorted(position[a] for a in group.articles)
            found |= {(x, y) for k, x in enumerate(members) for y in members[k + 1:]}
        pairs = np.array(sorted(found), dtype=np.int64).reshape(-1, 2)
    if not method.startswith("cli"):
        took, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        docs = len(texts)
    found = {tuple(p) for p in pairs.tolist()}
    planted_passages = {tuple(sorted(p[:2])) for p in data["passage_pairs"]}
    long_passages = {tuple(sorted(p[:2])) for p in data["passage_pairs"] if p[2] >= 12}
    planted_whole = {tuple(sorted(p)) for p in data["whole_pairs"]}
    return {"method": method, "docs": docs, "seconds": round(took, 1), "cpu_seconds": round(cpu, 1),
            "docs_per_s": round(docs / took), "docs_per_cpu_s": round(docs / cpu),
            ("peak_mb_all_processes_pss" if peak is not None else "peak_mb_above_corpus"):
                round(peak if peak is not None else peak_mb() - base),
            "pairs": len(found), "load": round(os.getloadavg()[0], 1),
            "recall_passage_copies": round(len(found & planted_passages) / max(1, len(planted_passages)), 4),
            "recall_copies_of_12_words_or_more": round(len(found & long_passages) / max(1, len(long_passages)), 4),
            "recall_whole_copies": round(len(found & planted_whole) / max(1, len(planted_whole)), 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--methods", default="ours,datasketch@0.5,datasketch@0.2,cli")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--keep", metavar="FOLDER",
                        help="keep the corpus (and its JSONL) in FOLDER and reuse it when there: a 1M corpus is built once")
    args = parser.parse_args()
    if args.child and args.child.startswith("write-"):  # the JSONL for a `cli` method
        corpus = Path(args.corpus)
        method = args.child.removeprefix("write-")
        write_jsonl(json.loads(corpus.read_text()), corpus.parent / ("jsonl-lang" if method == "cli+lang" else "jsonl"),
                    method == "cli+lang")
        return
    if args.child == "build":  # the corpus, built in a process of its own that ends before any method runs
        corpus = Path(args.corpus)
        started = time.perf_counter()
        texts, passage_pairs, whole_pairs = build(args.docs)
        chars = sum(map(len, texts)) / len(texts)
        print(f"corpus: {len(texts)} articles, mean {chars:.0f} characters, {len(passage_pairs)} planted passage "
              f"copies, {len(whole_pairs)} whole copies; built in {time.perf_counter() - started:.0f}s", flush=True)
        corpus.write_text(json.dumps(texts))
        (corpus.parent / "planted.json").write_text(json.dumps({"passage_pairs": passage_pairs, "whole_pairs": whole_pairs}))
        (corpus.parent / "docs").write_text(json.dumps(args.docs))
        return
    if args.child:
        print(json.dumps(child(args.child, Path(args.corpus))))
        return
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}; load {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(dir=os.environ.get("NEWSDESK_BENCH_TMP")) as temporary:
        folder = Path(args.keep or temporary)
        folder.mkdir(parents=True, exist_ok=True)
        corpus = folder / "corpus.json"
        if args.keep:
            (folder / "keep").touch()
        planted = folder / "planted.json"
        if not (corpus.exists() and planted.exists()) or json.loads((folder / "docs").read_text()) != args.docs:
            for stale in ("jsonl", "jsonl-lang"):
                shutil.rmtree(folder / stale, ignore_errors=True)
            subprocess.run([sys.executable, __file__, "--child", "build", "--docs", str(args.docs), "--corpus", str(corpus)],
                           check=True)
        for method in args.methods.split(","):
            out = subprocess.run([sys.executable, __file__, "--child", method, "--corpus", str(corpus)],
                                 capture_output=True, text=True)
            print(out.stdout.strip() or out.stderr.strip()[-2000:], flush=True)


if __name__ == "__main__":
    main()
