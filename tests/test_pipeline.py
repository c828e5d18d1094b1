"""The whole flow on real-looking input: read, clean, store, stages, one valid analysis document."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

import newsdesk
from newsdesk.config import Settings
from newsdesk.model import Article, Removal, Segment
from newsdesk.pipeline import analyze

WIRE = ("Die Gewerkschaft Verdi hat für Donnerstag zu einem ganztägigen Warnstreik im Nahverkehr aufgerufen. "
        "Betroffen seien Busse und Straßenbahnen in mehreren Städten, teilte die Gewerkschaft am Montag mit. "
        "Die Arbeitgeber bezeichneten den Ausstand als unverhältnismäßig und verwiesen auf die laufenden Gespräche.")


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    write(folder, "rundschau/streik.txt",
          " date 2025-03-10 " + WIRE + "\n\nIn Kassel fahren nur einzelne Linien.\n\nMehr lesen\n\n(dpa)")
    write(folder, "kurier/streik.txt",
          "Warnstreik legt Nahverkehr lahm\n\n10 Mar 2025\nVerkehr\n\n" + WIRE
          + "\n\nPendler sollen auf das Fahrrad umsteigen, rät die Stadt.")
    write(folder, "bote/hochwasser.txt",
          " date 2025-03-11 An der Oder steigen die Pegel weiter. Der Krisenstab der Stadt tagt seit dem Morgen. "
          "Die Feuerwehr füllt Sandsäcke.")
    return folder


def test_analyze_writes_a_valid_document_with_every_article(corpus, tmp_path):
    result = analyze([corpus], tmp_path / "n.db")
    doc = result.document
    newsdesk.check(doc)
    assert doc["format"] == "newsdesk.analysis/1"
    assert len(doc["articles"]) == 3
    by_name = {Path(a["path"]).parent.name: a for a in doc["articles"]}
    assert by_name["rundschau"]["published"] == "2025-03-10"
    assert by_name["rundschau"]["agencies"] == ["dpa"]
    assert by_name["kurier"]["title"] == "Warnstreik legt Nahverkehr lahm"
    assert by_name["kurier"]["published"] == "2025-03-10"
    reasons = {r["reason"] for r in by_name["rundschau"]["removed"]}
    assert {"date line", "boilerplate", "agency credit"} <= reasons
    assert WIRE in by_name["rundschau"]["text"] and WIRE in by_name["kurier"]["text"]
    for a in doc["articles"]:
        for r in a["removed"]:
            assert 0 <= r["at"] <= len(a["text"])
    assert result.summary.read == 3 and result.summary.new == 3 and not result.summary.skipped


def test_stages_find_the_shared_wire_passage(corpus, tmp_path):
    doc = analyze([corpus], tmp_path / "n.db").document
    ids = {Path(a["path"]).parent.name: a["id"] for a in doc["articles"]}
    pairs = {frozenset((r["source"], r["target"])) for r in doc["reuse"]}
    assert frozenset((ids["rundschau"], ids["kurier"])) in pairs
    assert all(ids["bote"] not in p for p in pairs)
    if "stories" in doc:
        story_of = {a: s["id"] for s in doc["stories"] for a in s["articles"]}
        assert story_of[ids["rundschau"]] == story_of[ids["kurier"]] != story_of[ids["bote"]]


def test_running_again_adds_nothing_and_gives_the_same_document(corpus, tmp_path):
    db = tmp_path / "n.db"
    first = analyze([corpus], db).document
    again = analyze([corpus], db)
    assert again.summary.new == 0 and again.summary.unchanged == 3
    assert again.document == first
    with newsdesk.open_store(db) as store:
        assert store.count_articles() == 3


def test_ids_do_not_depend_on_order_or_location(corpus, tmp_path):
    files = sorted(corpus.rglob("*.txt"))
    one = analyze(files, tmp_path / "a.db").document
    moved = tmp_path / "elsewhere"
    shutil.copytree(corpus, moved)
    two = analyze(list(reversed(sorted(moved.rglob("*.txt")))), tmp_path / "b.db").document
    assert sorted(a["id"] for a in one["articles"]) == sorted(a["id"] for a in two["articles"])
    strip = lambda d: json.dumps({k: v for k, v in d.items() if k != "articles"}, sort_keys=True)
    assert strip(one) == strip(two)


def test_a_changed_file_is_a_new_version_that_supersedes_the_old(corpus, tmp_path):
    db = tmp_path / "n.db"
    first = analyze([corpus], db).document
    old_id = next(a["id"] for a in first["articles"] if "hochwasser" in a["path"])
    path = corpus / "bote/hochwasser.txt"
    path.write_text(path.read_text() + " Am Abend wurde Entwarnung gegeben.")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    second = analyze([corpus], db)
    assert second.summary.new == 1
    new = next(a for a in second.document["articles"] if "hochwasser" in a["path"])
    assert new["supersedes"] == old_id and new["id"] != old_id
    assert old_id not in {a["id"] for a in second.document["articles"]}
    newsdesk.check(second.document)


def test_bad_inputs_are_reported_and_the_rest_goes_through(corpus, tmp_path):
    (corpus / "kaputt.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (corpus / "leer.txt").write_text("   \n")
    write(corpus, "feed.jsonl", json.dumps({"text": "Der Landtag hat das Gesetz am Mittwoch beschlossen.",
                                            "url": "https://example.org/landtag"}) + "\n{kaputt\n")
    result = analyze([corpus, tmp_path / "gibt-es-nicht"], tmp_path / "n.db")
    skipped = {Path(s.path.split("#")[0]).name: s.reason for s in result.summary.skipped}
    assert {"kaputt.txt", "leer.txt", "feed.jsonl", "gibt-es-nicht"} <= set(skipped)
    assert len(result.document["articles"]) == 4
    newsdesk.check(result.document)


def test_a_folder_that_grew_is_processed_only_for_what_is_new(corpus, tmp_path):
    db = tmp_path / "n.db"
    analyze([corpus], db)
    write(corpus, "bote/nachtrag.txt", " date 2025-03-12 Die Pegel an der Oder sinken wieder. Der Krisenstab löst sich auf.")
    result = analyze([corpus], db)
    assert (result.summary.new, result.summary.unchanged) == (1, 3)


def test_small_batches_commit_as_they_go(corpus, tmp_path):
    result = analyze([corpus], tmp_path / "n.db", settings=Settings(batch_size=1))
    assert len(result.document["articles"]) == 3


def test_seeds_end_to_end(seeds_dir, tmp_path):
    """The five real German reports: metadata, credits, removed parts listed, nothing of the bodies lost."""
    doc = analyze([seeds_dir], tmp_path / "fresh.db").document
    newsdesk.check(doc)
    arts = {Path(a["path"]).name[:3]: a for a in doc["articles"]}
    assert sorted(arts) == ["000", "001", "002", "003", "004"]
    assert arts["000"]["published"] == "2024-06" and arts["002"]["published"] == "2024-06"
    assert arts["001"]["published"] == "2024-06-18" and arts["001"]["title"]
    assert arts["003"]["published"] is None and arts["004"]["published"] is None
    assert arts["002"]["agencies"] == ["dpa"] and arts["004"]["agencies"] == ["afp"]
    assert all(a["language"] == "de" for a in arts.values())
    reasons = {k: {r["reason"] for r in a["removed"]} for k, a in arts.items()}
    assert "boilerplate" in reasons["001"]
    assert {"caption", "repeated pull-quote", "agency credit"} <= reasons["002"]
    assert "agency credit" in reasons["004"]
    for key, article in arts.items():
        raw = (seeds_dir / Path(article["path"]).name).read_text(encoding="utf-8")
        removed = sorted(article["removed"], key=lambda r: r["raw_start"])
        for r in removed:
            assert raw[r["raw_start"]:r["raw_end"]] == r["text"]
        kept = list(raw)
        for r in removed:
            kept[r["raw_start"]:r["raw_end"]] = [" "] * (r["raw_end"] - r["raw_start"])
        words = lambda s: re.findall(r"\w+", s)
        assert words("".join(kept)) == words(article["text"]), f"seed {key}: body words lost or added"


def test_changed_story_settings_recluster_the_store_instead_of_failing(corpus, tmp_path):
    from dataclasses import replace

    from newsdesk.stories import StorySettings

    db = tmp_path / "n.db"
    analyze([corpus], db)
    strict = replace(Settings(), stories=StorySettings(threshold=0.95))
    doc = analyze([corpus], db, settings=strict).document
    newsdesk.check(doc)
    assert len(doc["stories"]) == 3  # nothing is similar enough now: each article alone


def test_a_story_asked_for_again_neither_loads_the_story_index_nor_reads_every_article(corpus, tmp_path, monkeypatch):
    """What `newsdesk show` and every story page of `newsdesk serve` run: with nothing new stored,
    the stories stay as stored, the index is not loaded and no article outside the story is read."""
    from newsdesk.pipeline import STAGES, analysis_of
    from newsdesk.stories import StoryIndex
    from newsdesk.store.sql import SQLStore

    db = tmp_path / "n.db"
    first = analyze([corpus], db).document
    story = max(first["stories"], key=lambda s: len(s["articles"]))
    read: list[str] = []
    articles = SQLStore.articles

    def counted(self, ids=None):
        assert ids is not None, "every live article was read"
        ids = list(ids)
        read.extend(ids)
        return articles(self, ids)

    monkeypatch.setattr(SQLStore, "articles", counted)
    monkeypatch.setattr(StoryIndex, "from_bytes", classmethod(lambda cls, *a: pytest.fail("index loaded")))
    with newsdesk.open_store(db) as store:
        again = analysis_of(store, story["articles"], Settings(), STAGES).document
    assert again["stories"] == [story]
    assert set(read) <= set(story["articles"])


def test_seed_story_has_canonical_entities_and_attributed_quotes(seeds_dir, tmp_path):
    doc = analyze([seeds_dir], tmp_path / "fresh.db").document
    (story,) = doc["stories"]
    names = {e["name"]: e for e in story["entities"]}
    kim = next(e for e in story["entities"] if "Kim Jung Un" in e["aliases"])
    assert {"Kim Jong Un", "Kim Jong-un"} <= set(kim["aliases"]) and kim["type"] == "PER"
    assert not any("Kim Jong-il" in e["aliases"] and e is kim for e in story["entities"])
    putin = next(e for e in story["entities"] if "Wladimir Putin" in e["aliases"])
    spoken = [q for q in story["quotes"] if q["speaker"] == putin["id"]]
    assert len({q["article"] for q in spoken}) >= 3
    assert any(q["speaker"] is None for q in story["quotes"])   # never guessed
    linked = [q for q in story["quotes"] if q["same_as"]]
    assert linked and all(len({q["article"]} | {o for o in q["same_as"]}) >= 2 for q in linked)
    assert names  # every entity has a name


def test_reading_in_worker_processes_stores_the_same(corpus, tmp_path, monkeypatch):
    """Files read and cleaned in two processes, the JSONL file in parts: the same articles, ids,
    order, reuse and summary as in one."""
    import dataclasses
    import sqlite3

    import newsdesk.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PART_BYTES", 300)  # the JSONL file in several parts,
    monkeypatch.setattr(pipeline, "TASK_BYTES", 600)  # several tasks per worker even for a small corpus
    lines = [json.dumps({"text": f"Meldung {n}: " + WIRE if n % 3 else f"Eigener Bericht {n} über das Wetter.",
                         "url": f"https://example.org/{n}"}) for n in range(30)]
    write(corpus, "feed.jsonl", "\n".join(lines + ["{kaputt"]) + "\n")
    documents, summaries, stored = [], [], []
    for workers in (1, 2):
        settings = Settings(batch_size=7)
        settings = dataclasses.replace(settings, clean=dataclasses.replace(settings.clean, workers=workers))
        result = analyze([corpus], tmp_path / f"{workers}.db", settings=settings, stages=("reuse",))
        documents.append(result.document)
        summaries.append((result.summary.read, result.summary.new, [s.path for s in result.summary.skipped]))
        with sqlite3.connect(tmp_path / f"{workers}.db") as conn:
            stored.append(conn.execute("select * from articles order by seq").fetchall())
    assert documents[0] == documents[1] and summaries[0] == summaries[1] and stored[0] == stored[1]
    assert len(documents[0]["articles"]) == 33 and documents[0]["reuse"]
    assert summaries[0][2] == [str(corpus / "feed.jsonl") + "#31"]


def test_a_run_killed_inside_a_large_file_keeps_the_parts_it_stored(corpus, tmp_path, monkeypatch):
    """A large JSONL file is stored a part at a time: a run killed before the file's end keeps the
    articles of the parts it stored, and the next run reads the file again and stores only the rest."""
    import dataclasses
    import sqlite3

    import newsdesk.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PART_BYTES", 300)
    monkeypatch.setattr(pipeline, "TASK_BYTES", 1)  # a task per part
    lines = [json.dumps({"text": f"Meldung {n}: " + WIRE, "url": f"https://example.org/{n}"}) for n in range(24)]
    write(corpus, "feed.jsonl", "\n".join(lines) + "\n")
    settings = Settings(batch_size=2)
    settings = dataclasses.replace(settings, clean=dataclasses.replace(settings.clean, workers=1))
    read_parts, calls = pipeline._read_parts, []

    def killed_after_four_tasks(*args):
        calls.append(None)
        if len(calls) > 4:
            raise KeyboardInterrupt
        return read_parts(*args)

    monkeypatch.setattr(pipeline, "_read_parts", killed_after_four_tasks)
    with pytest.raises(KeyboardInterrupt):
        analyze([corpus], tmp_path / "n.db", settings=settings, stages=("reuse",))
    with sqlite3.connect(tmp_path / "n.db") as conn:
        kept = conn.execute("select count(*) from articles where path like '%feed.jsonl%'").fetchone()[0]
        stored = conn.execute("select count(*) from articles").fetchone()[0]
        assert not conn.execute("select count(*) from files where path like '%feed.jsonl'").fetchone()[0]
    assert 0 < kept < 24
    monkeypatch.setattr(pipeline, "_read_parts", read_parts)
    result = analyze([corpus], tmp_path / "n.db", settings=settings, stages=("reuse",))
    fresh = analyze([corpus], tmp_path / "fresh.db", settings=settings, stages=("reuse",))
    assert result.summary.new == fresh.summary.new - stored and result.document == fresh.document


def test_json_written_piece_by_piece_is_the_document_text(corpus, tmp_path):
    result = analyze([corpus], tmp_path / "n.db", stages=("reuse",))
    result.write_json(tmp_path / "out.json")
    expected = json.dumps(result.document, ensure_ascii=False, indent=1)
    assert result.to_json() == expected
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected + "\n"


def test_reuse_from_the_store_equals_reuse_in_memory(corpus, tmp_path):
    """The stage reading texts back from the store, a batch at a time in two worker processes,
    finds exactly what `find_reuse` finds over the articles held in memory."""
    import dataclasses

    from newsdesk.pipeline import reuse_stage
    from newsdesk.reuse import find_reuse
    from newsdesk.store import open_store

    lines = [json.dumps({"text": f"Meldung {n}: " + WIRE if n % 3 else f"Eigener Bericht {n} über das Wetter.",
                         "url": f"https://example.org/{n}", "published": f"2025-03-{1 + n % 9:02d}"})
             for n in range(12)]
    write(corpus, "feed.jsonl", "\n".join(lines) + "\n")
    settings = Settings()
    settings = dataclasses.replace(settings, reuse=dataclasses.replace(settings.reuse, batch_size=2, workers=2))
    analyze([corpus], tmp_path / "n.db", settings=settings, stages=())
    with open_store(tmp_path / "n.db") as store:
        stored = reuse_stage(store, settings)
        assert stored == find_reuse(store.articles(), settings.reuse) and stored.reuse and stored.wires


def test_texts_handed_over_by_ingest_give_the_reuse_stage_what_the_store_gives(corpus, tmp_path):
    """The texts a run stored, handed from ingest to the reuse stage, together with the texts of
    articles stored by an earlier run (read back from the store), are the stage's input read wholly
    from the store: the same texts in the same order, holders and blank flags; a superseded version
    and repeated texts included."""
    from newsdesk.pipeline import StoredTexts, distinct_texts, ingest
    from newsdesk.store import open_store

    settings = Settings()
    lines = [json.dumps({"text": f"Meldung {n % 4}: " + WIRE, "url": f"https://example.org/{n}"}) for n in range(8)]
    write(corpus, "feed.jsonl", "\n".join(lines) + "\n")
    with open_store(tmp_path / "n.db") as store:
        ingest([corpus], store, settings)  # an earlier run
        path = corpus / "bote/hochwasser.txt"
        path.write_text(path.read_text() + " Am Abend wurde Entwarnung gegeben.")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        write(corpus, "later/streik.txt", " date 2025-03-12 " + WIRE)
        write(corpus, "later/leer.jsonl", json.dumps({"text": "Kurz.", "url": "https://example.org/kurz"}))
        texts = StoredTexts()
        ingest([corpus], store, settings, texts=texts)
        assert len(texts.positions) == 3  # the new version, the later report and the short one
        assert set(texts.positions) < set(store.live_ids())
        handed = distinct_texts(store.reuse_rows(texts.positions), texts)
        read_back = distinct_texts(store.reuse_rows())
    assert list(handed[0]) == list(read_back[0]) and handed[1:3] == read_back[1:3]
    assert sum(map(len, handed[1])) == 13 and max(map(len, handed[1])) > 1  # the feed repeats texts


@pytest.mark.parametrize("compress_from_mb", [0, 1000])
def test_texts_hashed_while_read_give_the_reuse_stage_its_own_result(corpus, tmp_path, compress_from_mb):
    """The reuse stage over texts hashed by the reading workers (repeated texts, a version
    superseded in the same run, texts of an earlier run read back and hashed by the stage) finds
    exactly what `find_reuse` finds over the stored articles, whether it holds them compressed or not."""
    import dataclasses

    from newsdesk.pipeline import StoredTexts, ingest, reuse_stage
    from newsdesk.reuse import find_reuse
    from newsdesk.store import open_store

    settings = Settings()
    settings = dataclasses.replace(settings, reuse=dataclasses.replace(
        settings.reuse, batch_size=2, workers=2, compress_from_mb=compress_from_mb))
    write(corpus, "early.jsonl", json.dumps({"text": "Früher: " + WIRE, "url": "https://example.org/early"}))
    lines = [json.dumps({"text": f"Meldung {n % 4}: " + WIRE if n % 5 else f"Eigener Bericht {n} über das Wetter.",
                         "url": f"https://example.org/{n % 9}", "published": f"2025-03-{1 + n % 9:02d}"})
             for n in range(14)]  # urls repeat: later lines are new versions of earlier ones
    with open_store(tmp_path / "n.db") as store:
        ingest([corpus / "early.jsonl"], store, settings)
        write(corpus, "feed.jsonl", "\n".join(lines) + "\n")
        texts = StoredTexts()
        ingest([corpus], store, settings, texts=texts)
        assert texts.hashes is not None and len(texts.hashed_at) == len(texts.keys) > 2
        assert len(texts.hashes) > len(texts.keys)  # repeated texts are hashed, then left out
        assert set(texts.positions) - set(store.live_ids())  # a version superseded in the run
        assert texts.packer.compress is (compress_from_mb == 0)  # this small run: compressed only when told
        result = reuse_stage(store, settings, texts)
        assert result == find_reuse(store.articles(), settings.reuse) and result.reuse and result.wires


def test_a_run_that_stored_every_live_article_gives_the_stage_its_own_result(corpus, tmp_path):
    """When the run stored every live article (a new store), the stage takes their dates and
    credits from the run as well as their texts, and finds what `find_reuse` finds."""
    import dataclasses

    from newsdesk.pipeline import StoredTexts, ingest, reuse_stage
    from newsdesk.reuse import find_reuse
    from newsdesk.store import open_store

    settings = Settings()
    settings = dataclasses.replace(settings, reuse=dataclasses.replace(settings.reuse, workers=2, batch_size=2))
    lines = [json.dumps({"text": f"Meldung {n % 3}: " + WIRE, "url": f"https://example.org/{n % 7}",
                         "published": f"2025-03-{1 + n:02d}", "source": "AFP" if n % 2 else None}) for n in range(10)]
    write(corpus, "feed.jsonl", "\n".join(lines) + "\n")
    with open_store(tmp_path / "n.db") as store:
        texts = StoredTexts()
        ingest([corpus], store, settings, texts=texts)
        assert set(store.live_ids()) <= set(texts.held)
        result = reuse_stage(store, settings, texts)
        assert result == find_reuse(store.articles(), settings.reuse) and result.reuse and result.wires


def test_document_streamed_from_the_store_is_the_document(corpus, tmp_path, monkeypatch):
    """Written article by article from the store (encoded in two worker processes), or read in
    whole first: the same text, the same document."""
    import newsdesk.pipeline as pipeline

    for n in range(12):
        write(corpus, f"mehr/{n}.txt", f" date 2025-03-{10 + n % 3} Meldung {n}. " + WIRE)
    monkeypatch.setattr(pipeline, "ENCODE_CHUNK", 2)  # several chunks per worker even for a small corpus
    streamed = analyze([corpus], tmp_path / "n.db")
    streamed.write_json(tmp_path / "streamed.json")
    whole = analyze([corpus], tmp_path / "n.db")
    assert whole.document["articles"] and whole.streamed is None
    whole.write_json(tmp_path / "whole.json")
    assert (tmp_path / "streamed.json").read_text(encoding="utf-8") == (tmp_path / "whole.json").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "streamed.json").read_text(encoding="utf-8")) == whole.document


TEXTS = st.text(st.characters(exclude_categories=("Cs",)) | st.sampled_from('"\\\n\t\x01\x7f„“é€😀'), max_size=40) | st.sampled_from(
    [WIRE, 'Er sagte: "Nein."\n\n' + WIRE, WIRE + "\x02"])
"""Texts the store can hold (no lone surrogate), short or long, often with what json escapes."""
MAYBE = st.none() | TEXTS
STORED_ARTICLES = st.builds(
    lambda n, path, url, source, agencies, title, published, text, removed, segments, supersedes: Article(
        f"a{n:04d}", url or path or f"a{n}", path, url, source, tuple(agencies), title, published, "de", text,
        tuple(Removal(*r) for r in removed), tuple(Segment(*s) for s in segments), supersedes),
    st.integers(0, 9999), MAYBE, MAYBE, MAYBE, st.lists(st.sampled_from(["dpa", "afp", "reuters"]), max_size=2),
    MAYBE, st.none() | st.sampled_from(["2024-06", "2024-06-18T09:00:00+02:00"]), TEXTS,
    st.lists(st.tuples(TEXTS, st.sampled_from(["boilerplate", "agency credit"]), st.integers(0, 99), st.integers(0, 99)), max_size=3),
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 99), st.integers(0, 50)), max_size=3), st.none() | st.just("a0001"))


@hsettings(max_examples=60, deadline=None)
@given(st.lists(STORED_ARTICLES, max_size=5, unique_by=lambda a: a.id))
def test_stored_articles_are_encoded_as_json_dumps_writes_their_entries(articles):
    """A worker's run of stored articles (with and without removed parts, agencies, escapes and
    non-ASCII in any field), encoded from the store's rows: each article's `article_json` as
    json.dumps writes it at its depth, joined as the document's list joins them."""
    import tempfile

    from newsdesk.pipeline import ARTICLE_SEPARATOR, _encode_articles, article_json
    from newsdesk.store import open_store

    with tempfile.TemporaryDirectory() as directory:
        with open_store(os.path.join(directory, "n.db")) as store:
            stored = sorted(store.add_batch(articles), key=lambda a: a.id)  # a later version of a url supersedes
            run = _encode_articles(store.url, [a.id for a in stored], os.path.join(directory, "run.json"))
        expected = ARTICLE_SEPARATOR.join(json.dumps(article_json(a), ensure_ascii=False, indent=1).replace("\n", "\n  ")
                                          for a in stored)
        assert Path(run.path).read_bytes() == expected.encode("utf-8") and run.size == len(expected.encode("utf-8"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


@hsettings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=5), st.lists(JSON_VALUES, max_size=4))
def test_json_pieces_are_the_text_of_json_dumps(document, articles):
    """Whole, article by article, or in runs of articles as UTF-8 (empty runs among them), as bytes
    or in files as the document-writing workers hand them over: the text of json.dumps."""
    import io
    import tempfile

    from newsdesk.jsontext import indented_json
    from newsdesk.pipeline import ARTICLE_SEPARATOR, RunFile, _write_pieces, json_pieces

    whole = {"format": "x", "articles": articles, **{k: v for k, v in document.items() if k != "articles"}}
    expected = json.dumps(whole, ensure_ascii=False, indent=1)
    assert "".join(json_pieces(whole)) == expected
    streamed = {**whole, "articles": None}
    encoded = [indented_json(a, 2) for a in articles]
    assert "".join(json_pieces(streamed, encoded)) == expected
    runs = [b"", ARTICLE_SEPARATOR.join(encoded[:2]).encode(), b"", ARTICLE_SEPARATOR.join(encoded[2:]).encode()]
    pieces = [p.encode() if isinstance(p, str) else p for p in json_pieces(streamed, runs)]
    assert b"".join(pieces).decode() == expected
    with tempfile.TemporaryDirectory() as directory:
        files = []
        for n, run in enumerate(runs):
            path = os.path.join(directory, f"{n}.json")
            with open(path, "wb") as handle:
                handle.write(run)
            files.append(RunFile(path, len(run)))
        written = io.BytesIO()  # no file descriptor: the runs are copied through the process
        _write_pieces(written, json_pieces(streamed, files))
        assert written.getvalue().decode() == expected
        assert sorted(os.listdir(directory)) == [f"{n}.json" for n, run in enumerate(runs) if not run]  # never written in
