"""The report in a real headless Chromium: every article and its removed parts are in the live DOM."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from newsdesk.report import dom_id, render_html

from .html_tree import parse
from .sample import A1, A2, sample_analysis

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
def test_chromium_shows_each_article_and_its_removed_parts(tmp_path: Path):
    chromium = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not chromium:
        pytest.skip("chromium is not installed (`make system-deps` or `apt-get install chromium`)")
    analysis = sample_analysis()
    report = tmp_path / "report.html"
    report.write_text(render_html(analysis), encoding="utf-8")
    profile = tmp_path / "profile"
    run = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", report.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    dom = parse(run.stdout)  # the DOM as the browser built it, serialised back
    for article in analysis["articles"]:
        node = dom.by_id(dom_id("article", article["id"]))
        assert article["title"] in node.text()
        shown = node.find_all(cls="removed")
        assert sorted((n.attrs["data-reason"], n.find_all("del")[0].text()) for n in shown) == sorted(
            (r["reason"], r["text"]) for r in article["removed"])
    caption = dom.by_id(dom_id("article", A1)).find_all("div", cls="text")[0].find_all("span", cls="removed")
    assert [n.attrs["data-reason"] for n in caption] == ["caption"]  # marked inline, inside the text
    assert not dom.find_all("img") and "alert" not in dom.find_all("script")[0].text()
    assert "<script>alert(1)</script>" in dom.by_id(dom_id("article", A2)).text()  # shown, not run
