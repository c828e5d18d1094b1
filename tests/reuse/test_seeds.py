"""The real seed articles: AFP copy shared by 000, 001 and 004; 002 (dpa) and 003 share none with them."""
from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from newsdesk.model import Article, content_id
from newsdesk.reuse import align, find_reuse

pytestmark = pytest.mark.shared


def seed_articles(seeds_dir: Path) -> dict[str, Article]:
    """The seeds read and cleaned by newsdesk when those stages are present, else their text minus the date prefix."""
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        try:
            from newsdesk.clean import clean
            from newsdesk.ingest import read_file

            (article,) = [clean(raw) for raw in read_file(path)]
        except ImportError:
            text = path.read_text(encoding="utf-8").strip()
            if text.startswith("date "):
                text = text.split(" ", 2)[2]
            article = Article(content_id(path.name, text), path.name, str(path), None, None, (), None, None, "de",
                              text, ())
        out[path.name[:3]] = article
    return out


def test_afp_copy_found_between_000_001_004_only(seeds_dir):
    articles = seed_articles(seeds_dir)
    sharing = {(x, y) for x, y in combinations(sorted(articles), 2) if align(articles[x].text, articles[y].text)}
    assert sharing == {("000", "001"), ("000", "004"), ("001", "004")}


def test_000_and_001_share_about_a_third(seeds_dir):
    articles = seed_articles(seeds_dir)
    a, b = articles["000"].text, articles["001"].text
    passages = align(a, b)
    assert len(passages) >= 4
    share_a = sum(p.a_end - p.a_start for p in passages) / len(a)
    share_b = sum(p.b_end - p.b_start for p in passages) / len(b)
    assert 0.2 < share_a < 0.45 and 0.25 < share_b < 0.6
    # the Kirby quote they both carry, in other words around it, is not a passage of its own
    assert not any("Wechselwirkung" in a[p.a_start:p.a_end] for p in passages)


def test_seeds_form_one_wire(seeds_dir):
    articles = seed_articles(seeds_dir)
    result = find_reuse(list(articles.values()))
    ids = {a.id: name for name, a in articles.items()}
    assert [sorted(ids[a] for a in w.articles) for w in result.wires] == [["000", "001", "004"]]
    assert result.duplicates == ()
    (wire,) = result.wires
    if articles["004"].agencies == ("afp",):  # cleaning took the credit "(dr / afp)" as metadata
        assert wire.origin == articles["004"].id and wire.agency == "afp"
