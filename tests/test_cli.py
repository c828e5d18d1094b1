"""The `newsdesk` command as a user runs it: real subprocesses, real files, a real kill."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsdesk

NEWSDESK = [sys.executable, "-m", "newsdesk.cli"]
TOWNS = ["Kassel", "Gießen", "Fulda", "Marburg", "Wetzlar", "Hanau", "Bad Hersfeld", "Limburg"]


def run(args, cwd, env=None, check=True):
    result = subprocess.run(NEWSDESK + args, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"newsdesk {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


def local_report(i: int) -> str:
    town = TOWNS[i % len(TOWNS)]
    return (f" date 2025-04-{1 + i % 28:02d} Der Gemeinderat von {town} hat in seiner {i}. Sitzung über den "
            f"Haushalt beraten. Bürgermeisterin Petra Lang{i} kündigte an, {i * 7} neue Kita-Plätze zu schaffen. "
            f"Die Opposition kritisierte die Pläne als zu teuer, die Kosten lägen bei {i * 13} 000 Euro.")


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(6):
        (folder / f"rat-{i:03d}.txt").write_text(local_report(i), encoding="utf-8")
    (folder / "defekt.txt").write_bytes(b"\x00" * 64)
    return folder


def test_analyze_writes_json_and_html_and_a_summary(small_corpus, tmp_path):
    out = run(["analyze", str(small_corpus), "--db", "x.db", "--json", "out.json", "--html", "out.html"], tmp_path)
    doc = json.loads((tmp_path / "out.json").read_text())
    newsdesk.check(doc)
    assert len(doc["articles"]) == 6
    assert "articles read: 6" in out.stderr and "defekt.txt" in out.stderr and "stories:" in out.stderr
    html = (tmp_path / "out.html").read_text()
    assert "Gemeinderat von Kassel" in html


def test_default_database_and_environment_override(small_corpus, tmp_path):
    run(["analyze", str(small_corpus), "--quiet"], tmp_path)
    assert (tmp_path / "newsdesk.db").exists()
    env = {**os.environ, "NEWSDESK_DB": str(tmp_path / "anders.db")}
    run(["analyze", str(small_corpus), "--quiet"], tmp_path, env=env)
    assert (tmp_path / "anders.db").exists()


def test_stories_show_and_export(small_corpus, tmp_path):
    run(["analyze", str(small_corpus), "--db", "x.db", "--quiet"], tmp_path)
    listed = run(["stories", "--db", "x.db", "--json"], tmp_path).stdout.splitlines()
    stories = [json.loads(line) for line in listed]
    if stories:  # the stories stage exists in this build
        assert sum(s["articles"] for s in stories) == 6
        shown = run(["show", stories[0]["id"], "--db", "x.db", "--json", "-"], tmp_path).stdout
        newsdesk.check(json.loads(shown))
    exported = json.loads(run(["export", "--db", "x.db"], tmp_path).stdout)
    newsdesk.check(exported)
    assert len(exported["articles"]) == 6
    lines = run(["export", "--db", "x.db", "--format", "jsonl"], tmp_path).stdout.splitlines()
    assert len(lines) == 6 and all("id" in json.loads(line) for line in lines)
    rows = list(csv.DictReader(io.StringIO(run(["export", "--db", "x.db", "--format", "csv"], tmp_path).stdout)))
    assert len(rows) == 6 and {r["published"][:7] for r in rows} == {"2025-04"}


def test_unknown_story_and_bad_settings_are_clear_errors(small_corpus, tmp_path):
    run(["analyze", str(small_corpus), "--db", "x.db", "--quiet"], tmp_path)
    missing = run(["show", "nope", "--db", "x.db"], tmp_path, check=False)
    assert missing.returncode == 2 and "no story nope" in missing.stderr
    (tmp_path / "bad.toml").write_text("[reuse]\nno_such_key = 3\n")
    bad = run(["analyze", str(small_corpus), "--db", "x.db", "--config", "bad.toml"], tmp_path, check=False)
    assert bad.returncode == 2 and "no_such_key" in bad.stderr
    unserved = run(["serve", "--db", "typo.db", "--port", "1"], tmp_path, check=False)
    assert unserved.returncode == 2 and "no store at typo.db" in unserved.stderr
    assert not (tmp_path / "typo.db").exists()  # a mistyped store is not made, empty, and served
    badly = run(["serve", "--db", "x.db", "--config", "bad.toml", "--port", "1"], tmp_path, check=False)
    assert badly.returncode == 2 and "no_such_key" in badly.stderr


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_run_resumes_and_ends_with_every_article_once(tmp_path):
    """SIGKILL a real `newsdesk analyze` mid-run; the rerun stores every article exactly once."""
    folder = tmp_path / "many"
    folder.mkdir()
    total = 600
    for i in range(total):
        (folder / f"bericht-{i:05d}.txt").write_text(local_report(i), encoding="utf-8")
    (tmp_path / "small-batches.toml").write_text("batch_size = 5\n")
    db = tmp_path / "k.db"
    args = ["analyze", str(folder), "--db", str(db), "--quiet", "--config", str(tmp_path / "small-batches.toml")]
    process = subprocess.Popen(NEWSDESK + args, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("select count(*) from articles").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 20:
                break
    assert process.poll() is None, "the run ended before it could be killed; make the corpus larger"
    workers = children_of(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)], "worker processes outlived the killed run"
    with sqlite3.connect(db) as conn:
        at_kill = conn.execute("select count(*) from articles").fetchone()[0]
    assert 0 < at_kill < total, f"kill was not mid-run ({at_kill} of {total} stored)"
    rerun = run(args, tmp_path)
    assert f"articles read: {total}" in rerun.stderr
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("select id from articles")]
    assert len(ids) == total == len(set(ids))


def test_demo_analyzes_the_shipped_corpus_and_writes_its_report(tmp_path):
    out = run(["demo", "--out", "demo-out"], tmp_path)
    folder = tmp_path / "demo-out"
    assert "report.html" in out.stderr
    doc = json.loads((folder / "analysis.json").read_text(encoding="utf-8"))
    newsdesk.check(doc)
    assert len(doc["articles"]) == 10 and {a["language"] for a in doc["articles"]} == {"de", "en", "fr"}
    assert len(doc["stories"]) == 2  # two invented events
    assert any(a["removed"] for a in doc["articles"]) and any(a["agencies"] for a in doc["articles"])
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert all(a["id"] in html for a in doc["articles"])


@pytest.mark.shared
def test_analyze_the_seeds_as_a_user_types_it(seeds_dir, tmp_path):
    """`newsdesk analyze ../shared/seeds --db fresh.db --json out.json` on a fresh database."""
    out = run(["analyze", str(seeds_dir), "--db", "fresh.db", "--json", "out.json"], tmp_path)
    assert "articles read: 5" in out.stderr and "skipped: 0" in out.stderr
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    conflicts = sum(f["status"] == "conflict" for s in doc["stories"] for f in s["facts"])
    assert f"{conflicts} conflict" in out.stderr.splitlines()[-1] and conflicts >= 2
    newsdesk.check(doc)
    by_file = {Path(a["path"]).name[:3]: a for a in doc["articles"]}
    assert {k: a["published"] for k, a in by_file.items()} == {
        "000": "2024-06", "001": "2024-06-18", "002": "2024-06", "003": None, "004": None}
    assert {k: a["agencies"] for k, a in by_file.items() if a["agencies"]} == {"002": ["dpa"], "004": ["afp"]}
    assert all(r["raw_end"] > r["raw_start"] and r["reason"] for a in doc["articles"] for r in a["removed"])
