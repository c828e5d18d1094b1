"""The SQL store: idempotent adds, versions, files, stage results and stories survive reopening."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from newsdesk.model import Article, Removal, Segment, Story, content_id
from newsdesk.store import open_store
from newsdesk.store.sql import FileRecord, database_url


def make_article(text: str, path: str = "berlin.txt", url: str | None = None, published: str | None = "2025-05-14") -> Article:
    raw = " date 2025-05-14 " + text
    return Article(
        id=content_id(url or path, raw), identity=url or path, path=path, url=url, source="Neue Presse",
        agencies=("dpa",), title="Streik im Nahverkehr", published=published, language="de", text=text,
        removed=(Removal(" date 2025-05-14 ", "date line", 0, 17),),
        segments=(Segment(0, 17, len(text)),),
    )


def test_add_is_idempotent_and_survives_reopening(store_url):
    db = store_url
    first = make_article("Die Gewerkschaft ruft für Donnerstag zum Warnstreik auf.")
    with open_store(db) as store:
        assert [a.id for a in store.add_batch([first])] == [first.id]
        assert store.add_batch([first]) == []
    with open_store(db) as store:
        (back,) = store.articles()
        assert back == first
        assert store.count_articles() == 1


@given(text=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1))  # PostgreSQL: no NUL
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_row_given_its_text_as_utf8_stores_the_text(store_url, text):  # one store for every example
    """A reading worker hands over a row with its text's UTF-8 (`article_row(..., utf8_text)`): the
    store holds the same text, as text, as for the row with the str."""
    import sqlalchemy as sa

    from newsdesk.store.sql import article_row

    article = make_article(text, path=f"{content_id(text)}.txt")  # a path of its own: no earlier version
    other = make_article(text, path=f"{content_id(text)}-other.txt")
    with open_store(store_url) as store:
        store.add_rows([article_row(article, text.encode("utf-8")), article_row(other)])
        assert {a.id: a for a in store.articles([article.id, other.id])} == {article.id: article, other.id: other}
        with store.engine.connect() as conn:
            kinds = conn.execute(sa.text("SELECT DISTINCT " + ("typeof(text)" if store.engine.dialect.name == "sqlite"
                                                              else "pg_typeof(text)::text") + " FROM articles")).scalars().all()
        assert kinds == ["text"]


def test_a_json_record_with_nul_characters_is_read_cleaned_and_stored(store_url, tmp_path):
    """A scraped record's "\\u0000" (in text and title) is not text: reading drops it, so that
    PostgreSQL, which cannot hold a NUL, stores the article like any other."""
    import json

    from newsdesk.clean import clean
    from newsdesk.ingest.jsonl import record_article

    record = {"url": "https://example.org/kreml", "title": "Treffen\u0000 in Moskau",
              "text": "Moskau (AFP) Der Kreml\u0000 hat das Treffen bestätigt.\n\nEin Sprecher sagte, es sei \u201ekonstruktiv\u201c gewesen."}
    raw = record_article(json.loads(json.dumps(record)), "feed.jsonl:1", identity="feed.jsonl:1")
    article = clean(raw)
    assert "\x00" not in article.text + raw.raw + (article.title or "")
    assert article.title == "Treffen in Moskau" and "Der Kreml hat das Treffen bestätigt." in article.text
    with open_store(store_url) as store:
        assert [a.id for a in store.add_batch([article])] == [article.id]
        assert store.articles([article.id]) == [article]


def test_changed_text_of_the_same_file_supersedes_the_old_version(store_url):
    old = make_article("Der Streik beginnt am Donnerstag.")
    new = make_article("Der Streik beginnt am Freitag.")
    with open_store(store_url) as store:
        store.add_batch([old])
        (added,) = store.add_batch([new])
        assert added.supersedes == old.id
        assert [a.id for a in store.articles()] == [new.id]          # the newest is used
        assert {a.id for a in store.articles([old.id, new.id])} == {old.id, new.id}  # history kept
        assert store.newest_versions([old.id]) == {old.id: new.id}


def test_versions_in_one_batch_supersede_in_order(store_url):
    first, second, third = (make_article(f"Der Streik beginnt am {day}.") for day in ("Montag", "Dienstag", "Mittwoch"))
    with open_store(store_url) as store:
        added = store.add_batch([first, second, first], [FileRecord("berlin.txt", 1, 1, (first.id,)),
                                                         FileRecord("berlin.txt", 2, 2, (second.id,))])
        assert [a.id for a in added] == [first.id, second.id]  # the repeated one is stored once
        assert added[1].supersedes == first.id
        (later,) = store.add_batch([third])
        assert later.supersedes == second.id
        assert [a.id for a in store.articles()] == [third.id]
        assert store.newest_versions([first.id, second.id, third.id]) == {
            first.id: third.id, second.id: third.id, third.id: third.id}
        assert store.file_record("berlin.txt").articles == (second.id,)  # the last record of a path wins


def test_newest_versions_follow_the_chains_whether_few_or_many_articles_are_asked_for(store_url):
    """Asked for fewer ids than there are superseded versions, the store follows the chains a step
    a query; else it reads every superseded version at once: the same answer."""
    days = ("Montag", "Dienstag", "Mittwoch", "Donnerstag")
    versions = [make_article(f"Der Streik beginnt am {day}.") for day in days]
    others = [make_article(f"Die Messe beginnt am {day}.", path="messe.txt") for day in days[:2]]
    with open_store(store_url) as store:
        for article in versions + others:
            store.add_batch([article])
        first, last = versions[0].id, versions[-1].id
        assert store.newest_versions([first]) == {first: last}  # 4 superseded, 1 asked for: a step a query
        everything = [a.id for a in versions + others] + ["unknown"]
        assert store.newest_versions(everything) == {  # 4 superseded, 7 asked for: all at once
            **{a.id: last for a in versions}, **{a.id: others[1].id for a in others}, "unknown": "unknown"}
        assert store.known_ids(everything) == set(everything) - {"unknown"}


def test_other_files_do_not_supersede_each_other(store_url):
    a = make_article("Text eins.", path="a/eins.txt")
    b = make_article("Text zwei.", path="b/zwei.txt")
    with open_store(store_url) as store:
        store.add_batch([a, b])
        assert len(store.articles()) == 2


def test_file_records_stage_results_and_blobs(store_url):
    with open_store(store_url) as store:
        store.add_batch([], [FileRecord("/x/a.txt", 120, 99, ("a1", "a2"))])
        assert store.file_record("/x/a.txt") == FileRecord("/x/a.txt", 120, 99, ("a1", "a2"))
        assert store.file_record("/x/b.txt") is None
        store.put_result("reuse", "all", {"reuse": [1, 2]})
        store.put_result("reuse", "all", {"reuse": [3]})
        assert store.get_result("reuse", "all") == {"reuse": [3]}
        store.put_blob("stories", b"\x00\x01")
        assert store.get_blob("stories") == b"\x00\x01"


def test_stories_membership_and_aliases(store_url):
    with open_store(store_url) as store:
        stories = [Story("s1", "Streik im Nahverkehr", ("a1", "a2"), "2025-05-14", "2025-05-15", {"brief": []}),
                   Story("s2", "Hochwasser an der Oder", ("a3",), "2025-05-10", "2025-05-10")]
        store.save_stories(stories, {"s9": "s1"}, b"state")
        assert [s.id for s in store.stories()] == ["s2", "s1"]       # by first seen
        assert store.story("s9").id == "s1"                            # an alias resolves
        assert store.story("s1").sections == {"brief": []}
        assert store.story_of(["a1", "a3", "zz"]) == {"a1": "s1", "a3": "s2"}
        assert store.get_blob("stories") == b"state"


def test_database_url_accepts_paths_and_urls(tmp_path):
    assert database_url(tmp_path / "x.db").startswith("sqlite:////")
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


@settings(max_examples=25, deadline=None)
@given(texts=st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=8), seed=st.randoms())
def test_any_order_and_repetition_stores_each_article_once(tmp_path_factory, texts, seed):
    articles = [make_article(t, path=f"f{i}.txt") for i, t in enumerate(texts)]
    shuffled = articles + articles[: len(articles) // 2]
    seed.shuffle(shuffled)
    with open_store(tmp_path_factory.mktemp("db") / "n.db") as store:
        for i in range(0, len(shuffled), 3):
            store.add_batch(shuffled[i:i + 3])
        assert sorted(a.id for a in store.articles()) == sorted({a.id for a in articles})


def test_reuse_rows_and_articles_read_back_in_the_order_asked(store_url):
    texts = ["Erste Meldung über den Streik.", "Zweite Meldung, länger „zitiert“.", "Dritte."]
    articles = [make_article(t, path=f"{n}.txt") for n, t in enumerate(texts)]
    with open_store(store_url) as store:
        store.add_batch(articles)
        rows = list(store.reuse_rows())
        assert sorted(r[1] for r in rows) == sorted(a.id for a in articles) == store.live_ids()
        assert all(r[3] == ("dpa",) and r[2] == "2025-05-14" for r in rows)
        assert {r[4] for r in rows} == set(texts)
        at_hand = {articles[1].id}
        rows = list(store.reuse_rows(at_hand))
        assert rows[0][1] == articles[1].id and rows[0][4] is None  # the caller has this text
        assert sorted(rows[1:]) == sorted(r for r in store.reuse_rows() if r[1] not in at_hand)
        wanted = [articles[2].id, "unknown", articles[0].id]
        assert list(store.articles_in_order(wanted)) == [articles[2], articles[0]]


@given(st.lists(st.text(), max_size=3),
       st.lists(st.tuples(st.text(), st.text(), st.integers(0, 10**6), st.integers(0, 10**6)), max_size=3),
       st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6)), max_size=3))
def test_a_row_holds_its_lists_as_plain_json_dumps_writes_them(agencies, removed, segments):
    import json

    from newsdesk.store.sql import article_row, stored_tuple

    article = replace(make_article("Text."), agencies=tuple(agencies),
                      removed=tuple(Removal(*r) for r in removed), segments=tuple(Segment(*s) for s in segments))
    row = article_row(article)
    assert row.agencies == json.dumps(agencies)
    assert row.removed == json.dumps([list(r) for r in removed], ensure_ascii=False)
    assert row.segments == json.dumps([list(s) for s in segments])
    assert stored_tuple(row.agencies) == tuple(agencies)
    assert stored_tuple(row.removed) == tuple(list(r) for r in removed)
    assert stored_tuple(row.segments) == tuple(list(s) for s in segments)


def test_articles_in_order_across_batches_are_the_articles_stored(store_url, monkeypatch):
    """Read a few ids per query, unknown ids among them: each stored article back as it was added."""
    import newsdesk.store.sql as sql

    monkeypatch.setattr(sql, "READ_BATCH", 2)
    articles = [make_article(f"Meldung {n} über den Streik „{n}“.", path=f"{n}.txt") for n in range(5)]
    articles[3] = replace(articles[3], removed=(), segments=(), agencies=(), source=None, title=None, published=None)
    with open_store(store_url) as store:
        store.add_batch(articles)
        wanted = [articles[4].id, "unknown", articles[1].id, articles[3].id, articles[0].id, articles[2].id]
        assert list(store.articles_in_order(wanted)) == [articles[n] for n in (4, 1, 3, 0, 2)]
        rows = list(store.articles_in_order(wanted).rows())
        assert [row.text for row in rows] == [articles[n].text.encode("utf-8") for n in (4, 1, 3, 0, 2)]
        assert [sql.article_from_row(row, row.text.decode("utf-8")) for row in rows] == [articles[n] for n in (4, 1, 3, 0, 2)]
        assert store.articles() == sorted(articles, key=lambda a: a.id)
