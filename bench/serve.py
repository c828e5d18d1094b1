"""`newsdesk serve` speed and memory: how long the pages and the API take over a real store.

The store: the demo corpus plus the first N real 10kGNAD articles (read from ../shared), put
through `newsdesk analyze` (its time is reported too). Then a real server answers, over HTTP, each
request `--repeat` times: the story list (UI and API), the page and the document of the story
with most articles, and one article. Reported per request: the first answer and the median and
the slowest of the rest, in ms; and the server's peak memory.

    python bench/serve.py [--articles 1028] [--repeat 20] [--keep DIR]

`--keep DIR` keeps the analyzed store in DIR and serves it again when there (analyze_s is then 0).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _gnad import gnad_rows

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))


def write_corpus(folder: Path, articles: int) -> None:
    """The first `articles` 10kGNAD articles as one JSONL file (section as source, no date)."""
    with (folder / "gnad.jsonl").open("w", encoding="utf-8") as out:
        for number, (section, text) in enumerate(gnad_rows()[:articles], start=1):
            out.write(json.dumps({"text": text, "source": f"10kGNAD {section}", "url": f"https://10kgnad.example/{number}"},
                                 ensure_ascii=False) + "\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(url: str, repeat: int) -> dict:
    """The first answer's time and the median and slowest of `repeat` more, in ms."""
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=600) as response:
            size = len(response.read())
        times.append((time.perf_counter() - start) * 1000)
    rest = times[1:]
    return {"first_ms": round(times[0], 1), "median_ms": round(statistics.median(rest), 1),
            "max_ms": round(max(rest), 1), "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1028)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", type=Path, default=None, help="keep the store here and reuse it when there")
    args = parser.parse_args()
    from newsdesk.demo import corpus_path

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-serve-bench-") as work:
        folder = args.keep or Path(work)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / f"bench-{args.articles}.db"
        start = time.perf_counter()
        if not db.exists():
            write_corpus(folder, args.articles)
            subprocess.run([NEWSDESK, "analyze", str(corpus_path()), str(folder / "gnad.jsonl"), "--db", str(db),
                            "--quiet"], check=True, capture_output=True)
        analyzed = time.perf_counter() - start
        port = free_port()
        server = subprocess.Popen([NEWSDESK, "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    stories = json.load(urllib.request.urlopen(base + "/api/stories?limit=1000", timeout=60))
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                sys.exit("newsdesk serve did not answer within 60 s")
            listed = stories["stories"]
            biggest = max(listed, key=lambda s: (s["articles"], s["id"]))
            document = json.load(urllib.request.urlopen(f"{base}/api/stories/{biggest['id']}", timeout=600))
            article = document["articles"][0]["id"]
            requests = {"/ (story list page)": "/", "/api/stories": "/api/stories",
                        f"/stories/ID ({biggest['articles']} articles)": f"/stories/{biggest['id']}",
                        "/api/stories/ID": f"/api/stories/{biggest['id']}", "/api/articles/ID": f"/api/articles/{article}"}
            result = {"articles": args.articles, "stories": stories["total"], "analyze_s": round(analyzed, 1)}
            for label, path in requests.items():
                result[label] = timed(base + path, args.repeat)
            result["server_peak_mb"] = round(peak_mb(server.pid), 1)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
