"""The web UI in a real headless Chromium, served by a real `newsdesk serve`."""
from __future__ import annotations

import pytest

from newsdesk.report import dom_id

from report.browser import dump_dom
from report.html_tree import parse

from .served import HOSTILE_TITLE, get_json, stored_stories


@pytest.mark.browser
def test_the_list_links_every_story_to_its_page(server, store_path, tmp_path):
    stories = stored_stories(store_path)
    dom = parse(dump_dom(server + "/", tmp_path / "profile"))
    rows = dom.find_all("table", cls="story-table")[0].find_all("tbody")[0].find_all("tr")
    links = [row.find_all("a")[0] for row in rows]
    assert [a.text() for a in links] == [s.title for s in reversed(stories)]
    assert [a.attrs["href"] for a in links] == [f"/stories/{s.id}" for s in reversed(stories)]
    assert len(dom.find_all("script")) == 1  # the hostile title is text, not a script
    assert HOSTILE_TITLE in dom.text()


@pytest.mark.browser
def test_a_brief_citation_on_a_story_page_highlights_the_cited_words(server, store_path, tmp_path):
    story = max(stored_stories(store_path), key=lambda s: len(s.articles))
    _, document = get_json(server + f"/api/stories/{story.id}")
    cited = document["stories"][0]["brief"][0]["citations"][0]
    words = next(a["text"] for a in document["articles"] if a["id"] == cited["article"])[cited["start"]:cited["end"]]
    ref = dom_id("span", cited["article"], cited["start"], cited["end"])
    dom = parse(dump_dom(server + f"/stories/{story.id}#{ref}", tmp_path / "profile"))
    current = [n for n in dom.iter() if "current" in n.attrs.get("class", "").split()]
    assert current and all(ref in n.attrs["data-spans"].split() for n in current)
    assert "".join(n.text() for n in current) == words.replace("\n\n", "")  # paragraphs are cut between pieces
    story_node = dom.by_id(dom_id("story", story.id))
    chart = story_node.find_all("table", cls="coverage-chart")[0]
    charted = sorted(a.attrs["href"] for a in chart.find_all("a"))
    assert charted == sorted("#" + dom_id("article", a) for a in story.articles)  # every article, each once
    assert all(dom.by_id(href[1:]) is not None for href in charted)
