"""The report in a real headless Chromium: every article and its removed parts are in the live DOM."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.report import dom_id, render_html

from . import browser
from .html_tree import parse
from .sample import A1, A2, TEXT_1, sample_analysis, span


def dump_dom(report: Path, fragment: str = "") -> str:
    """The DOM Chromium builds for the report file, opened at `fragment`."""
    return browser.dump_dom(report.as_uri() + fragment, report.parent / f"profile{len(fragment)}")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(sample_analysis()), encoding="utf-8")
    return path


@pytest.mark.browser
def test_chromium_shows_each_article_and_its_removed_parts(report: Path):
    analysis = sample_analysis()
    dom = parse(dump_dom(report))
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


@pytest.mark.browser
def test_following_a_citation_highlights_every_piece_of_the_cited_words(report: Path):
    start, end = span(TEXT_1, "Werft in Kiel.")[0], span(TEXT_1, "Sie sagte:")[1]
    ref = dom_id("span", A1, start, end)  # a span cut into pieces by overlaps and a paragraph break
    dom = parse(dump_dom(report, "#" + ref))
    current = [n for n in dom.iter() if "current" in n.attrs.get("class", "").split()]
    assert len(current) >= 2
    assert all(ref in n.attrs["data-spans"].split() for n in current)
    assert "".join(n.text() for n in current) == "Werft in Kiel.Sie sagte:"


@pytest.mark.browser
def test_a_link_to_a_folded_single_source_fact_opens_the_fold(tmp_path):
    analysis = sample_analysis()
    story = analysis["stories"][0]
    single = next(f for f in story["facts"] if f["status"] == "single")
    story["facts"] += [{**single, "id": f"s{i}", "text": f"{single['text']} ({i})"} for i in range(12)]
    path = tmp_path / "folded.html"
    path.write_text(render_html(analysis), encoding="utf-8")
    closed = parse(dump_dom(path))
    [fold] = [d for d in closed.find_all("details") if "folded" in d.attrs.get("class", "")]
    assert "open" not in fold.attrs and "13" in fold.find_all("summary")[0].text()
    target = dom_id("fact", story["id"], "s7")
    opened = parse(dump_dom(path, "#" + target))
    [fold] = [d for d in opened.find_all("details") if "folded" in d.attrs.get("class", "")]
    assert "open" in fold.attrs
    assert opened.by_id(target) is not None
