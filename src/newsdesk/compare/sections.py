"""A story's comparison sections: canonical entities, quotes with speakers and variants, facts
compared across sources, the extractive brief and the timeline.

`story_sections(articles, reuse)` is pure: it reads the story's cleaned articles (and the wire
copy the reuse stage found among them) and returns the format's `entities`, `quotes`, `facts`,
`brief` and `timeline` lists, each pointing at the words of its articles.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..brief.select import BriefSettings
from ..model import Article, ReuseResult
from .facts import FactSettings, claim_rows, story_facts
from .entities import Entity, canonical_entities, place_within

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


def copied_passages(reuse: ReuseResult | None, ids: set[str]) -> dict[str, list[tuple[int, int, str]]]:
    """Article id -> (start, end, origin) of each passage that is a copy of another article's text.

    Both sides of a shared passage are copies of one wire text, whose origin is the wire's origin
    when both articles belong to one wire, else the passage's source; the origin's own passage
    is no copy.
    """
    if reuse is None:
        return {}
    origin_of = {article: wire.origin for wire in reuse.wires if wire.origin is not None
                 for article in wire.articles}
    out: dict[str, list[tuple[int, int, str]]] = {}
    for passage in reuse.reuse:
        if passage.source not in ids or passage.target not in ids:
            continue
        origin = origin_of.get(passage.target)
        if origin is None or origin not in ids or origin_of.get(passage.source) != origin:
            origin = passage.source
        for article, start, end in ((passage.target, passage.target_start, passage.target_end),
                                    (passage.source, passage.source_start, passage.source_end)):
            if article != origin:
                out.setdefault(article, []).append((start, end, origin))
    return {a: sorted(set(spans)) for a, spans in out.items()}


def wire_membership(reuse: ReuseResult | None, ids: set[str]) -> dict[str, tuple[str, str | None]]:
    """Article id -> (wire id, origin) for the story's articles that share copy of one wire text."""
    if reuse is None:
        return {}
    return {article: (wire.id, wire.origin if wire.origin in ids else None)
            for wire in reuse.wires for article in wire.articles if article in ids}


def story_sections(articles: Sequence[Article], reuse: ReuseResult | None = None, embed=None,
                   facts_settings: FactSettings = FactSettings(),
                   brief_settings: BriefSettings = BriefSettings()) -> dict:
    """The `entities`, `quotes`, `facts`, `brief` and `timeline` sections of a story made of `articles`.

    `embed` maps texts to L2-normalised sentence vectors (default: multilingual USE).
    """
    from ..brief import story_brief, story_timeline
    from ..extract.entities import find_mentions
    from ..extract.quotes import find_quotes
    from .claims import story_claims
    from .quotes import default_embed, link_quotes

    articles = sorted(articles, key=lambda a: a.id)
    mentions = {a.id: find_mentions(a.text, a.language) for a in articles}
    entities = canonical_entities(articles, mentions)
    quoted = {a.id: find_quotes(a.text, a.language, mentions=mentions[a.id])
              for a in articles if a.language in QUOTE_LANGUAGES}
    quotes = link_quotes(quoted, speaker_entity=speaker_lookup(entities),
                         texts={a.id: a.text for a in articles}, languages={a.id: a.language for a in articles})

    entity_mentions: dict[str, list[tuple[int, int, str, str]]] = {}
    for entity in entities:
        for m in entity.mentions:
            entity_mentions.setdefault(m.article, []).append((m.start, m.end, entity.id, entity.type))
    attributions: dict[str, list[tuple[int, int, str]]] = {}
    for quote in quotes:
        if quote["speaker"] is not None:
            parts = quote["parts"] or [{"start": quote["start"], "end": quote["end"]}]
            attributions.setdefault(quote["article"], []).append(
                (min(p["start"] for p in parts), max(p["end"] for p in parts), quote["speaker"]))
    ids = {a.id for a in articles}
    claims = story_claims(articles, entity_mentions, attributions, copied_passages(reuse, ids),
                          wire_membership(reuse, ids))
    embed = embed or default_embed
    embeddings = embed([c.text for c in claims]) if claims and facts_settings.use_embeddings else None
    places = {e.id: e.name for e in entities if e.type == "LOC"}
    aliases = {e.id: (e.name, *e.aliases) for e in entities if e.type == "LOC"}

    def contains(inner: str, outer: str) -> bool:
        return any(place_within(x, y) for x in aliases.get(inner, ()) for y in aliases.get(outer, ()))

    facts = story_facts(claims, place_names=places, contains=contains, embeddings=embeddings,
                        settings=facts_settings)
    published = {a.id: a.published for a in articles}
    fact_ids = [f.id for f in facts]
    fact_of = {}
    row = claim_rows(claims)
    for fact in facts:
        for claim in fact.claims:
            fact_of[row[(claim.article, claim.start)]] = fact.id
    return {
        "entities": [e.to_json() for e in entities],
        "quotes": quotes,
        "facts": [f.to_json(fact_ids, published) for f in facts],
        "brief": story_brief(facts, claims, fact_ids, published, embeddings, brief_settings),
        "timeline": story_timeline(claims, fact_of, published, embeddings),
    }
