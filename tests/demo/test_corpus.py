"""The demo corpus: package data, UTF-8, and the features real news input has (facts about the files)."""
from __future__ import annotations

import json
import re
from datetime import date
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path

import pytest

from newsdesk.demo import corpus_files, corpus_path

DATE_PREFIX = re.compile(r"\A date (\d{4}-\d{2}-\d{2}) \S")
DATE_LINE = re.compile(r"\A\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\Z")
AGENCY_CREDIT = re.compile(r"\((?:[a-z]{1,3} ?/ ?)?(dpa|afp)\)(?=\s*(?:$|</p>))", re.MULTILINE)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {p.name: p.read_bytes().decode("utf-8") for p in corpus_files()}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    [jsonl] = [p for p in corpus_files() if p.suffix == ".jsonl"]
    return [json.loads(line) for line in jsonl.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def everything(texts, records) -> str:
    return "\n".join([*texts.values(), *(r["text"] for r in records)])


def body(text: str) -> str:
    """A text file's words without its header lines (the date prefix, or title, date and tag lines)."""
    if DATE_PREFIX.match(text):
        return text[len(" date 2025-05-12 "):]
    return text.split("\n\n", 2)[2]


def test_corpus_is_package_data_next_to_the_module():
    folder = resources.files("newsdesk.demo").joinpath("corpus")
    names = sorted(entry.name for entry in folder.iterdir())
    assert names == [p.name for p in corpus_files()] and len(names) == 9
    assert corpus_path() == Path(str(folder)).resolve()
    assert {p.suffix for p in corpus_files()} == {".txt", ".html", ".jsonl"}
    readme = (corpus_path().parent / "README.md").read_text("utf-8")
    assert "fictional" in readme and "Apache-2.0" in readme


def test_suffixes_are_covered_by_the_package_data_globs():
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if not pyproject.exists():
        pytest.skip("pyproject.toml not found (an installed copy); the files test above covers it")
    import tomllib

    globs = tomllib.loads(pyproject.read_text("utf-8"))["tool"]["setuptools"]["package-data"]["newsdesk"]
    for suffix in (".txt", ".html", ".jsonl"):
        assert f"**/*{suffix}" in globs


def test_files_are_clean_utf8(texts):
    for name, text in texts.items():
        raw = (corpus_path() / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, name
        assert text.endswith("\n") and "\ufffd" not in text, name


def test_ten_short_reports_eight_in_german(texts, records):
    articles = [t for n, t in texts.items() if not n.endswith(".jsonl")] + [r["text"] for r in records]
    assert len(articles) == 10
    for text in articles:
        visible = re.sub(r"<[^>]+>", " ", text) if text.lstrip().startswith("<!DOCTYPE") else text
        assert 150 <= len(visible.split()) <= 400
    function_words = r"\b(?:der|die|das|den|dem|und|nicht|eine?|ist|mit|von|auf|im|am)\b"
    german = [t for t in articles if len(re.findall(function_words, t)) > 15]
    assert len(german) == 8


def test_both_header_layouts_and_dates_in_may_2025(texts):
    prefixed = [n for n, t in texts.items() if DATE_PREFIX.match(t)]
    layered = []
    for name, text in texts.items():
        lines = text.split("\n")
        if len(lines) > 4 and lines[0] and not lines[1] and DATE_LINE.match(lines[2]) and len(lines[3].split()) <= 3:
            layered.append(name)
    assert len(prefixed) >= 2 and len(layered) >= 2
    dates = [DATE_PREFIX.match(texts[n]).group(1) for n in prefixed]
    dates += [texts[n].split("\n")[2] for n in layered]
    assert all(d.startswith("2025-05") or d.endswith("May 2025") for d in dates)


def test_html_page_has_boilerplate_and_metadata_in_meta_tags(texts):
    [page] = [t for n, t in texts.items() if n.endswith(".html")]
    assert re.search(r'<meta property="article:published_time" content="2025-05-\d\dT', page)
    assert '<meta property="og:title"' in page and "<title>" in page
    assert "<nav" in page and "<footer" in page and "<figcaption>" in page


def test_jsonl_has_an_english_and_a_french_record(records):
    assert len(records) == 2
    for record in records:
        assert set(record) == {"text", "title", "published", "source", "url"}
        assert record["published"].startswith("2025-05")
    english, french = (r["text"] for r in records)
    assert len(re.findall(r"\b(?:the|of|and)\b", english)) > 10
    assert len(re.findall(r"\b(?:la|le|les|des|du)\b", french)) > 10


def test_wire_copy_with_agency_credits(texts):
    credits = {n: AGENCY_CREDIT.findall(t) for n, t in texts.items()}
    assert {a for found in credits.values() for a in found} == {"dpa", "afp"}
    assert sum(bool(found) for found in credits.values()) >= 5
    assert "(dr / afp)" in texts["b02_muensterland-bote.txt"]

    def shared_paragraphs(a: str, b: str) -> int:
        paras_b = [p for p in re.split(r"\n\s*\n|</?p>", b) if len(p) > 80]
        return sum(any(SequenceMatcher(None, p, q).ratio() > 0.8 for q in paras_b)
                   for p in body(a).split("\n\n") if len(p) > 80)

    wire = texts["a01_rheinischer-morgen.txt"]
    assert shared_paragraphs(wire, texts["a02_westpost.txt"]) >= 4
    assert shared_paragraphs(wire, texts["a03_stadtanzeiger-ruhr.html"]) >= 3
    assert shared_paragraphs(texts["b01_emskurier.txt"], texts["b02_muensterland-bote.txt"]) >= 3
    # light edits, not verbatim copies: other quote marks for the same quote
    quote = "Die Binnenschifffahrt ist das Rückgrat eines klimafreundlichen Güterverkehrs in Europa"
    assert f"„{quote}“" in wire and f"»{quote}«" in texts["a02_westpost.txt"]
    assert f'"{quote}"' in texts["a03_stadtanzeiger-ruhr.html"]


def test_boilerplate_captions_and_pull_quotes(texts, everything):
    lines = {line.strip() for t in texts.values() for line in t.split("\n")}
    assert {"Mehr lesen", "Ähnliche Nachrichten", "Artikel teilen"} <= lines
    assert any("Newsletter" in line for line in lines)
    assert re.search(r"\. © Fotoagentur [A-Z]\w+/[A-Z]\w+ [A-Z]\w+", everything)
    assert re.search(r"\. Foto: dpa$", everything, re.MULTILINE)
    # a pull-quote: a short line, then the speaker's name and role, repeating a body quote in other words
    pulls = re.findall(r"^(.{20,80}[.!])\n([A-ZÄÖÜ][\w-]+ [A-ZÄÖÜ][\w-]+ć?, [\w-]+)$", everything, re.MULTILINE)
    assert ("Wir bringen konkrete Zusagen mit, nicht nur offene Ohren.", "Jelena Marković, EU-Kommissarin") in pulls
    assert "konkrete Zusagen mitbringen" in texts["a04_morgenblatt.txt"]
    assert len(pulls) >= 2


def test_name_variants_and_one_quote_in_three_languages(texts, records, everything):
    assert "Jelena Marković" in everything and "Jelena Markovic" in everything
    assert re.search(r"(?<!Jelena )\bMarkovic\b", everything) and "Mme Marković" in everything
    english, french = (r["text"] for r in records)
    assert "Inland shipping is the backbone of climate-friendly freight transport in Europe" in english
    assert "La navigation intérieure est la colonne vertébrale" in french
    wordings = re.findall(r"(?:die Binnenschiff\w+ (?:ist|sei|seien)|Binnenschiffe seien) „?das Rückgrat", everything)
    assert len(set(wordings)) >= 2  # the German quote in more than one wording


def test_a_real_date_conflict_and_claims_that_only_look_like_one(texts, everything):
    assert "am 14. und 15. Mai" in texts["a01_rheinischer-morgen.txt"]
    assert "am Donnerstag und Freitag" in texts["a04_morgenblatt.txt"]
    assert [date(2025, 5, d).strftime("%A") for d in (14, 15)] == ["Wednesday", "Thursday"]
    # "second visit" vs "first visit in ten years" are both true: she was there in 2015
    assert "ihr zweiter Besuch in Duisburg" in everything
    assert "der erste Besuch in Duisburg seit zehn Jahren" in everything and "2015" in everything
    assert "mehr als 2.000 Binnenschiffe" in everything and "Rund 2.100 Schiffe" in everything
