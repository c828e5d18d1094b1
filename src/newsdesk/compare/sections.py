"""A story's comparison sections: its canonical entities, and its quotes with speakers and variants.

`story_sections(articles)` is pure: it reads the story's cleaned articles and returns the
format's `entities` and `quotes` lists, each pointing at the words of its articles.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Article
from .entities import Entity, canonical_entities

QUOTE_LANGUAGES = ("de", "en", "fr")


def speaker_lookup(entities: Sequence[Entity]):
    """A function (article id, quote) -> the entity whose mention covers the quote's speaker words.

    Persons win over organisations and places; among those, the mention overlapping most.
    """
    by_article: dict[str, list[tuple[int, int, str, str]]] = {}
    for entity in entities:
        for m in entity.mentions:
            by_article.setdefault(m.article, []).append((m.start, m.end, entity.id, entity.type))
    rank = {"PER": 0, "ORG": 1, "OTH": 2, "LOC": 3}

    def speaker_entity(article: str, quote) -> str | None:
        start, end = quote.speaker_start, quote.speaker_end
        best: tuple | None = None
        for m_start, m_end, entity_id, kind in by_article.get(article, ()):
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0:
                candidate = (rank.get(kind, 9), -overlap, entity_id)
                best = candidate if best is None or candidate < best else best
        return best[2] if best else None

    return speaker_entity


def story_sections(articles: Sequence[Article]) -> dict:
    """The `entities` and `quotes` sections of a story made of `articles`."""
    from ..extract.entities import find_mentions
    from ..extract.quotes import find_quotes
    from .quotes import link_quotes

    articles = sorted(articles, key=lambda a: a.id)
    mentions = {a.id: find_mentions(a.text, a.language) for a in articles}
    entities = canonical_entities(articles, mentions)
    quoted = {a.id: find_quotes(a.text, a.language, mentions=mentions[a.id])
              for a in articles if a.language in QUOTE_LANGUAGES}
    quotes = link_quotes(quoted, speaker_entity=speaker_lookup(entities),
                         texts={a.id: a.text for a in articles}, languages={a.id: a.language for a in articles})
    return {"entities": [e.to_json() for e in entities], "quotes": quotes}
