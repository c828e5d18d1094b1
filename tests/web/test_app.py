"""`newsdesk serve` as a user meets it: a real server over a store the demo filled, asked over HTTP."""
from __future__ import annotations

import json
import subprocess
import urllib.parse

import newsdesk
from newsdesk.report import dom_id
from newsdesk.store import open_store

from report.html_tree import parse

from .served import HOSTILE_TITLE, NEWSDESK, get, get_json, stored_stories

def test_the_story_list_is_every_stored_story_newest_first_and_pages(server, store_path):
    stories = stored_stories(store_path)
    assert len(stories) >= 3
    status, listed = get_json(server + "/api/stories")
    assert status == 200 and listed["total"] == len(stories)
    assert listed["stories"] == [s.listing() for s in reversed(stories)]
    _, second = get_json(server + "/api/stories?offset=1&limit=1")
    assert second["stories"] == listed["stories"][1:2] and second["total"] == len(stories)
    assert get_json(server + "/api/stories?limit=0")[0] == 422


def test_searching_titles_needs_every_word_in_any_case(server, store_path):
    stories = stored_stories(store_path)
    title = next(s.title for s in stories if "Markovi" in s.title)
    words = [w for w in title.split() if len(w) > 4][:2]
    query = " ".join(w.upper() for w in words)
    _, found = get_json(server + "/api/stories?" + urllib.parse.urlencode({"q": query}))
    expected = [s.id for s in stories if all(w.casefold() in s.title.casefold() for w in words)]
    assert sorted(s["id"] for s in found["stories"]) == sorted(expected) and found["total"] == len(expected) >= 1
    _, none = get_json(server + "/api/stories?q=" + urllib.parse.quote(words[0] + " Zyxwvut"))
    assert none == {"total": 0, "offset": 0, "stories": []}


def test_a_story_is_its_analysis_document_the_same_as_newsdesk_show_writes(server, store_path):
    story = max(stored_stories(store_path), key=lambda s: len(s.articles))
    status, document = get_json(server + "/api/stories/" + story.id)
    assert status == 200
    newsdesk.check(document)  # schema, offsets and ids
    [shown] = document["stories"]
    assert shown["id"] == story.id and sorted(a["id"] for a in document["articles"]) == sorted(story.articles)
    assert shown["brief"] and all(s["citations"] for s in shown["brief"])
    written = subprocess.run([NEWSDESK, "show", story.id, "--db", str(store_path), "--json", "-"],
                             capture_output=True, text=True, check=True).stdout
    assert json.loads(written) == document


def test_an_article_is_served_in_the_format_with_what_cleaning_removed(server, store_path):
    story = max(stored_stories(store_path), key=lambda s: len(s.articles))
    _, document = get_json(server + "/api/stories/" + story.id)
    wanted = next(a for a in document["articles"] if a["removed"])
    status, article = get_json(server + "/api/articles/" + wanted["id"])
    assert status == 200 and article == wanted


def test_unknown_ids_are_a_404_that_names_them(server):
    status, body = get_json(server + "/api/stories/0000000000000000")
    assert status == 404 and "0000000000000000" in body["detail"]
    status, body = get_json(server + "/api/articles/ffff")
    assert status == 404 and "ffff" in body["detail"]
    status, kind, page = get(server + "/stories/%3Cscript%3Ealert(9)%3Cb%3E")
    assert status == 404 and kind.startswith("text/html")
    assert "<script>alert(9)" not in page and "&lt;script&gt;alert(9)&lt;b&gt;" in page


def test_a_merged_away_story_id_leads_to_the_story_it_joined(server, store_path):
    with open_store(store_path) as store:
        stories = store.stories()
        kept = stories[0]
        store.save_stories(stories, {"feedfacefeedface": kept.id}, store.get_blob("stories"))
    status, document = get_json(server + "/api/stories/feedfacefeedface")
    assert status == 200 and document["stories"][0]["id"] == kept.id
    status, _, page = get(server + "/stories/feedfacefeedface")
    assert status == 200 and parse(page).by_id(dom_id("story", kept.id)) is not None


def test_the_pages_escape_article_text_and_the_search_words(server, store_path):
    status, kind, page = get(server + "/?" + urllib.parse.urlencode({"q": "<b>Hafen</b>"}))
    assert status == 200 and kind.startswith("text/html")
    assert "<b>Hafen</b>" not in page and "&lt;b&gt;Hafen&lt;/b&gt;" in page
    _, _, listing = get(server + "/")
    assert "<script>alert('title')" not in listing and "&lt;script&gt;alert(" in listing
    story = next(s for s in stored_stories(store_path) if s.title == HOSTILE_TITLE)
    _, _, story_page = get(server + "/stories/" + story.id)
    tree = parse(story_page)
    assert len(tree.find_all("script")) == 1 and not tree.find_all("img")  # only the page's own script
    assert "<img src=x onerror=alert(2)>" in tree.by_id(dom_id("story", story.id)).text()


def test_the_api_is_described_by_openapi(server):
    _, schema = get_json(server + "/openapi.json")
    assert set(schema["paths"]) == {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"}
    assert get(server + "/docs")[0] == 404  # the docs page would load scripts from a CDN: off
