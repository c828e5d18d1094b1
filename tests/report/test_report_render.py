"""The static report: structure, escaping, links that resolve, highlights of exactly the cited words."""
from __future__ import annotations

import copy

import pytest

from newsdesk.report import dom_id, environment, render_html, render_story_html
from newsdesk.validate import check

from .html_tree import parse
from .sample import A1, A2, A3, HOSTILE, ONERROR, TEXT_1, TEXT_2, WERFT, sample_analysis, span


@pytest.fixture(scope="module")
def analysis() -> dict:
    document = sample_analysis()
    check(document)  # the sample keeps to the format, so the report is tested on a real shape
    return document


@pytest.fixture(scope="module")
def page(analysis):
    return render_html(analysis)


@pytest.fixture(scope="module")
def tree(page):
    return parse(page)


def pieces_text(tree, ref: str) -> str:
    """The words of every marked piece belonging to span `ref`, in page order."""
    return "".join(n.text() for n in tree.iter() if ref in n.attrs.get("data-spans", "").split())


def test_autoescape_is_on_for_every_template():
    env = environment()
    assert env.autoescape is True
    assert set(env.list_templates()) >= {"base.html", "report.html", "story.html", "article.html", "macros.html"}


def test_every_article_is_shown_with_its_metadata(tree, analysis):
    for article in analysis["articles"]:
        node = tree.by_id(dom_id("article", article["id"]))
        assert node.tag == "article"
        head = node.find_all("header")[0].text()
        assert article["title"] in head
        assert article["language"] in head
    rheinpost = tree.by_id(dom_id("article", A1)).text()
    assert "corpus/rheinpost.txt" in rheinpost and "dpa" in rheinpost and "2025-05-12" in rheinpost
    coast = tree.by_id(dom_id("article", A3))
    supersedes = [a for a in coast.find_all("a") if a.attrs.get("href") == "#" + dom_id("article", A1)]
    assert supersedes, "the superseded article is linked"
    assert coast.find_all("a", href="https://coast.example/kiel")


def test_cleaned_text_is_shown_in_paragraphs(tree):
    body = tree.by_id(dom_id("article", A1)).find_all("div", cls="text")[0]
    paragraphs = [p.text(skip=lambda n: "removed" in n.attrs.get("class", "").split()
                         or "reuse-link" in n.attrs.get("class", "").split())
                  for p in body.find_all("p")]
    assert paragraphs == [line for line in TEXT_1.split("\n") if line]


def test_removed_parts_show_their_text_and_reason(tree):
    article = tree.by_id(dom_id("article", A1))
    inline = [n for n in article.find_all("span", cls="removed")]
    assert [(n.attrs["data-reason"], n.find_all("del")[0].text()) for n in inline] == [("caption", "Foto: dpa")]
    listed = article.find_all("details", cls="removed-list")[0].find_all("li", cls="removed")
    assert [(n.attrs["data-reason"], n.find_all("del")[0].text()) for n in listed] == [("agency credit", "(dpa)")]
    assert "agency credit" in listed[0].text()


def test_removed_part_with_position_sits_where_it_was_taken_out(tree):
    paragraph = tree.by_id(dom_id("article", A1)).find_all("div", cls="text")[0].find_all("p")[0]
    before = []
    for child in paragraph.children:
        if not isinstance(child, str) and "removed" in child.attrs.get("class", "").split():
            break
        if not isinstance(child, str) and "reuse-link" in child.attrs.get("class", "").split():
            continue
        before.append(child if isinstance(child, str) else child.text())
    assert "".join(before) == WERFT  # the caption was taken out right after the first sentence
    last = tree.by_id(dom_id("article", A2)).find_all("div", cls="text")[0].find_all("p")[-1]
    marker = last.find_all("span", cls="removed")[0]
    assert marker.attrs["data-reason"] == "boilerplate" and marker.text().endswith("Mehr lesen")


def test_hostile_text_is_escaped_everywhere(page, tree):
    assert HOSTILE not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    scripts = tree.find_all("script")
    assert len(scripts) == 1 and "alert" not in scripts[0].text()  # only the page's own script
    for node in tree.iter():
        assert "onerror" not in node.attrs, f"<{node.tag}> got an event handler from article text"
        assert not node.attrs.get("href", "").lower().startswith("javascript:")
    assert ONERROR in tree.by_id(dom_id("article", A2)).text()  # shown as text, word for word
    title = tree.by_id(dom_id("article", A2)).find_all("h4")[0].text()
    assert title == f"Werftbesuch {HOSTILE}"
    hostile_reason = [n for n in tree.find_all("li", cls="removed") if n.attrs["data-reason"].startswith("boilerplate ")]
    assert hostile_reason[0].attrs["data-reason"] == f"boilerplate {ONERROR}"


def test_every_anchor_link_resolves_to_one_element(tree):
    ids = [n.attrs["id"] for n in tree.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), "ids are unique"
    targets = {n.attrs["href"][1:] for n in tree.find_all("a") if n.attrs.get("href", "").startswith("#")}
    assert targets and targets <= set(ids), f"unresolved: {targets - set(ids)}"


def test_brief_citations_link_to_highlights_of_exactly_the_cited_words(tree, analysis):
    texts = {a["id"]: a["text"] for a in analysis["articles"]}
    brief = tree.find_all("section", cls="brief")[0]
    links = [a.attrs["href"][1:] for a in brief.find_all("a") if a.attrs["href"].startswith("#span-")]
    cited = [c for sentence in analysis["stories"][0]["brief"] for c in sentence["citations"]]
    assert links == [dom_id("span", c["article"], c["start"], c["end"]) for c in cited]
    for ref, c in zip(links, cited):
        words = texts[c["article"]][c["start"]:c["end"]]
        assert pieces_text(tree, ref) == words
        assert all("m-cite" in n.attrs["class"].split()
                   for n in tree.iter() if ref in n.attrs.get("data-spans", "").split())


def test_overlapping_spans_keep_their_words(tree):
    # the reused sentence, a conflict inside it, and a fact running from it into the next paragraph
    fact = span(TEXT_1, "Werft in Kiel.")[0], span(TEXT_1, "Sie sagte:")[1]
    assert pieces_text(tree, dom_id("span", A1, *fact)) == "Werft in Kiel.Sie sagte:"  # minus the paragraph break
    assert pieces_text(tree, dom_id("span", A1, *span(TEXT_1, "am Dienstag"))) == "am Dienstag"
    assert pieces_text(tree, dom_id("span", A1, 0, len(WERFT))) == WERFT


def test_reused_passages_are_highlighted_and_linked_both_ways(tree):
    here, there = dom_id("span", A1, 0, len(WERFT)), dom_id("span", A2, 0, len(WERFT))
    assert pieces_text(tree, there) == WERFT
    assert any("m-reuse" in n.attrs["class"].split() for n in tree.iter() if there in n.attrs.get("data-spans", ""))
    back = tree.by_id(dom_id("article", A2)).find_all("a", cls="reuse-link")
    forth = tree.by_id(dom_id("article", A1)).find_all("a", cls="reuse-link")
    assert [a.attrs["href"] for a in back] == ["#" + here] and [a.attrs["href"] for a in forth] == ["#" + there]


def test_story_sections(tree):
    story = tree.by_id(dom_id("story", A1))
    assert [h.text() for h in story.find_all("h3")] == [
        "Brief", "Facts", "Quotes by speaker", "People, organisations, places", "Timeline", "Coverage", "Wire copy",
        "Articles"]
    pair = story.find_all("div", cls="conflict-pair")
    assert len(pair) == 1, "a conflict both facts list is shown once"
    sides = pair[0].find_all("div", cls="fact")
    assert [s.find_all("p", cls="fact-text")[0].text() for s in sides] == ["Besuch am Dienstag", "visit on Wednesday"]
    assert "Dienstag (Tuesday) vs Wednesday" in pair[0].find_all("p", cls="reason")[0].text()
    speakers = [h.text() for h in story.find_all("section", cls="quotes")[0].find_all("h4")]
    assert speakers == ["Jelena Marković", "Unattributed"]
    assert "Jelena Markovic" in story.find_all("section", cls="entities")[0].text()
    wire = story.find_all("li", cls="wire")[0].text()
    assert "dpa" in wire and "Rheinpost" in wire and "Nordkurier" in wire and "1 shared passage" in wire


def test_story_list_shows_title_dates_and_counts(tree):
    entry = tree.find_all("nav", cls="story-list")[0].find_all("li")[0].text()
    assert "Ministerin Marković besucht Kieler Werft" in entry
    assert "2025-05-12" in entry and "2025-05-13" in entry and "3 articles" in entry and "3 outlets" in entry


def test_summary_counts(tree):
    summary = " ".join(tree.find_all("ul", cls="summary")[0].text().split())
    for words in ("3 articles", "1 story", "0 duplicate groups", "1 wire", "1 shared passage", "4 removed parts"):
        assert words in summary


def test_absent_sections_are_not_shown(analysis):
    bare = copy.deepcopy(analysis)
    for key in ("stories", "duplicates", "reuse", "wires"):
        del bare[key]
    tree = parse(render_html(bare))
    headings = [h.text() for h in tree.find_all("h2") + tree.find_all("h3")]
    assert headings == ["Articles"]
    assert not tree.find_all("nav", cls="story-list") and not tree.find_all(cls="reuse-link")
    summary = tree.find_all("ul", cls="summary")[0].text()
    assert "stor" not in summary and "wire" not in summary and "duplicate" not in summary
    assert len(tree.find_all("article")) == 3

    partial = copy.deepcopy(analysis)
    for key in ("brief", "facts", "timeline"):
        del partial["stories"][0][key]
    story = parse(render_html(partial)).by_id(dom_id("story", A1))
    assert [h.text() for h in story.find_all("h3")] == [
        "Quotes by speaker", "People, organisations, places", "Coverage", "Wire copy", "Articles"]


def test_same_document_same_page(analysis):
    assert render_html(analysis) == render_html(copy.deepcopy(analysis))


def test_other_formats_are_refused_with_a_reason(analysis):
    with pytest.raises(ValueError, match="newsdesk.analysis/1"):
        render_html({**analysis, "format": "newsdesk.analysis/2"})


def test_page_is_self_contained(page, tree):
    for node in tree.iter():
        for attr in ("src", "href"):
            value = node.attrs.get(attr) or ""
            assert not value.startswith("//")
        assert node.tag not in ("link", "img", "iframe")
    external = [n.attrs["href"] for n in tree.find_all("a") if n.attrs["href"].startswith("http")]
    assert external == ["https://coast.example/kiel"]  # the article's own url, a plain link
    assert "@import" not in page and "url(" not in page


def test_one_story_page_keeps_only_that_story(analysis):
    two = copy.deepcopy(analysis)
    other = {**copy.deepcopy(analysis["articles"][2]), "id": "d4" * 8, "supersedes": None,
             "source": None, "url": None, "path": "corpus/brand.txt"}
    two["articles"].append(other)
    two["stories"].append({"id": other["id"], "title": "Brand in Altenwerth", "articles": [other["id"]],
                           "first_seen": "2025-05-19", "last_seen": "2025-05-19"})
    check(two)
    tree = parse(render_story_html(two, A1))
    assert [a.attrs["id"] for a in tree.find_all("article")] == [dom_id("article", a) for a in (A1, A2, A3)]
    assert "3 articles" in tree.find_all("ul", cls="summary")[0].text()
    alone = parse(render_story_html(two, other["id"]))
    summary = " ".join(alone.find_all("ul", cls="summary")[0].text().split())
    assert "1 article " in summary and "0 outlets" in summary  # a file name is not an outlet
    assert "0 wires" in summary and "0 shared passages" in summary
    assert alone.find_all("p", cls="outlet")[0].text() == "brand.txt"
    with pytest.raises(KeyError, match="no story"):
        render_story_html(two, "missing")


def test_the_coverage_chart_shows_who_reported_on_which_day_and_links_each_article(tree):
    chart = tree.by_id(dom_id("story", A1)).find_all("table", cls="coverage-chart")[0]
    assert [th.text() for th in chart.find_all("thead")[0].find_all("th")] == ["Outlet", "2025-05-12", "2025-05-13"]
    rows = chart.find_all("tbody")[0].find_all("tr")
    # one article each: by name; the time of day of A2's date does not make a day of its own
    assert [r.find_all("th")[0].text().split()[0] for r in rows] == ["Nordkurier", "Rheinpost", "coast.example"]
    linked = [[[a.attrs["href"] for a in td.find_all("a")] for td in r.find_all("td")] for r in rows]
    assert linked == [[["#" + dom_id("article", A2)], []], [["#" + dom_id("article", A1)], []],
                      [[], ["#" + dom_id("article", A3)]]]
    assert all(tree.by_id(href[0][1:]) is not None for row in linked for href in row if href)


def test_coverage_counts_several_articles_of_one_outlet_on_one_day_and_the_undated(analysis):
    document = copy.deepcopy(analysis)
    a1, a2, a3 = document["articles"]
    a2["source"], a3["source"], a3["published"] = "Rheinpost", "Rheinpost", None
    tree = parse(render_html(document))
    chart = tree.by_id(dom_id("story", A1)).find_all("table", cls="coverage-chart")[0]
    assert [th.text() for th in chart.find_all("thead")[0].find_all("th")] == ["Outlet", "2025-05-12", "undated"]
    [row] = chart.find_all("tbody")[0].find_all("tr")
    assert row.find_all("th")[0].text().split() == ["Rheinpost", "3"]
    cells = row.find_all("td")
    assert [len(td.find_all("a")) for td in cells] == [2, 1]
    assert [td.find_all("span", cls="bar")[0].attrs["style"] for td in cells] == ["width: 100.0%", "width: 50.0%"]
