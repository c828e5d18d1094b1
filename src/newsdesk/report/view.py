"""The view of an analysis document that the templates render: ids, links and marked-up texts.

Everything the page says points to words of an article, so building the view registers each
cited span with the article it belongs to; the articles are marked up last, with every span the
stories, quotes, facts and reuse passages link to. Sections absent from the document stay None.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import PurePath
from urllib.parse import urlsplit

from markupsafe import Markup

from .spans import Insert, Mark, mark_up

FORMAT = "newsdesk.analysis/1"
FOLD_SINGLE = 8
"""More single-source facts than this are folded away (one click opens them)."""
STATUS_LABELS = {"conflict": "Conflicting", "corroborated": "Corroborated", "single": "Single source"}


def dom_id(*parts: object) -> str:
    """An HTML id from parts: only [A-Za-z0-9_-], so it is safe as an id and a #fragment; injective."""
    return "-".join(re.sub(r"[^A-Za-z0-9_]", lambda m: f".{ord(m.group()):x}.", str(p)) for p in parts)


def known_outlet(article: dict) -> str | None:
    """The outlet an article comes from when the document says: its source, else its url's host."""
    if article.get("source"):
        return article["source"]
    host = urlsplit(article["url"]).hostname if article.get("url") else None
    return host.removeprefix("www.") if host else None


def outlet(article: dict) -> str:
    """A short label for an article: its outlet when known, else its file's name, else its id."""
    if known_outlet(article):
        return known_outlet(article)
    if article.get("path"):
        return PurePath(article["path"].split("#")[0]).name or article["id"][:8]
    return article["id"][:8]


def safe_href(url: str | None) -> str | None:
    """The url when it is a plain http(s) link; never a javascript: or data: one from untrusted input."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


class Links:
    """The spans the page links into, per article, and the inserts to place in each article's text."""

    def __init__(self, articles: dict[str, dict]):
        self.articles = articles
        self.marks: dict[str, dict[tuple[int, int], dict]] = defaultdict(dict)
        self.inserts: dict[str, list[Insert]] = defaultdict(list)

    def span(self, article: str, start: int, end: int, kind: str, title: str | None = None) -> dict:
        """Mark article.text[start:end] as `kind`; return a link to it (href None when it is not in the document)."""
        found = self.articles.get(article)
        label = outlet(found) if found else article[:8]
        if found is None or not (0 <= start <= end <= len(found["text"])):
            return {"href": None, "label": label, "words": None, "article": article}
        mark = self.marks[article].setdefault((start, end), {"ref": dom_id("span", article, start, end),
                                                             "classes": set(), "titles": []})
        mark["classes"].add(kind)
        if title and title not in mark["titles"]:
            mark["titles"].append(title)
        return {"href": "#" + mark["ref"], "label": label, "words": found["text"][start:end], "article": article}

    def article(self, article: str) -> dict:
        """A link to an article's heading."""
        found = self.articles.get(article)
        return {"href": "#" + dom_id("article", article) if found else None,
                "label": outlet(found) if found else article[:8], "title": (found or {}).get("title"),
                "words": None, "article": article}

    def body(self, article: dict) -> Markup:
        """The article's cleaned text marked up with every span registered for it."""
        marks = [Mark(start, end, m["ref"], tuple(f"m-{kind}" for kind in sorted(m["classes"])),
                      "; ".join(m["titles"]) or None)
                 for (start, end), m in sorted(self.marks[article["id"]].items())]
        return mark_up(article["text"], marks, self.inserts[article["id"]])


def report_context(analysis: dict) -> dict:
    """Everything the report templates need, built from one analysis document."""
    if analysis.get("format") != FORMAT:
        raise ValueError(f"expected an analysis document of format {FORMAT!r}; got {analysis.get('format')!r}")
    articles = {a["id"]: a for a in analysis.get("articles", [])}
    links = Links(articles)
    stories = [story_view(s, analysis, links) for s in analysis.get("stories", [])]
    for entry in analysis.get("reuse", []):
        _reuse_marks(entry, links)
    duplicates = defaultdict(list)
    for group in analysis.get("duplicates", []):
        for member in group["articles"]:
            duplicates[member].append({"kind": group["kind"], "similarity": group["similarity"],
                                       "others": [links.article(o) for o in group["articles"] if o != member]})
    wires = [wire_view(w, links) for w in analysis.get("wires", [])]
    wires_of = defaultdict(list)
    for wire in wires:
        for member in sorted(wire["members"]):
            wires_of[member].append(wire)
    for entry in analysis.get("reuse", []):
        for wire in wires_of[entry["source"]]:
            wire["passages"] += entry["target"] in wire["members"]
    views = {a["id"]: article_view(a, links, duplicates[a["id"]], wires_of[a["id"]]) for a in articles.values()}
    in_story = set()
    for story in stories:
        story["articles"] = [views[a] for a in story["article_ids"] if a in views]
        touching = {id(w) for a in story["article_ids"] for w in wires_of[a]}
        story["wires"] = [w for w in wires if id(w) in touching]
        in_story.update(story["article_ids"])
    return {
        "summary": summary(analysis),
        "stories": stories if "stories" in analysis else None,
        "unassigned": [views[a] for a in articles if a not in in_story],
        "wires": wires if "wires" in analysis and "stories" not in analysis else None,
    }


def story_document(analysis: dict, story_id: str) -> dict:
    """The part of an analysis document about one story: the story, its articles, and the reuse,
    wires and duplicates that touch them (a wire's members outside the story stay as plain labels)."""
    story = next((s for s in analysis.get("stories", []) if s["id"] == story_id), None)
    if story is None:
        raise KeyError(f"no story {story_id!r} in this analysis document; its stories are listed under 'stories'")
    members = set(story["articles"])
    part = {"format": analysis["format"], "articles": [a for a in analysis["articles"] if a["id"] in members]}
    if "duplicates" in analysis:
        part["duplicates"] = [d for d in analysis["duplicates"] if members & set(d["articles"])]
    if "reuse" in analysis:
        part["reuse"] = [r for r in analysis["reuse"] if r["source"] in members and r["target"] in members]
    if "wires" in analysis:
        part["wires"] = [w for w in analysis["wires"] if members & set(w["articles"])]
    part["stories"] = [story]
    return part


def summary(analysis: dict) -> dict:
    """Counts for the page head; a count is None when its section is absent."""
    def count(key: str) -> int | None:
        return len(analysis[key]) if key in analysis else None

    articles = analysis.get("articles", [])
    return {"articles": len(articles), "stories": count("stories"), "duplicates": count("duplicates"),
            "wires": count("wires"), "reuse": count("reuse"),
            "outlets": len({known_outlet(a) for a in articles} - {None}),
            "languages": sorted(Counter(a["language"] for a in articles).items()),
            "removed": sum(len(a["removed"]) for a in articles)}


def _reuse_marks(entry: dict, links: Links) -> None:
    """Highlight a shared passage on both sides, each with a link to the other side."""
    how = f"similarity {entry['similarity']:.2f}, direction {entry['direction']}"
    source = links.span(entry["source"], entry["source_start"], entry["source_end"], "reuse",
                        f"passage shared with {links.article(entry['target'])['label']} (origin; {how})")
    target = links.span(entry["target"], entry["target_start"], entry["target_end"], "reuse",
                        f"passage shared with {links.article(entry['source'])['label']} (copy; {how})")
    for here, there, end, role in ((entry["source"], target, entry["source_end"], "copied by"),
                                   (entry["target"], source, entry["target_end"], "copied from")):
        if there["href"] and here in links.articles:
            links.inserts[here].append(Insert(end, Markup(
                '<a class="reuse-link" href="%s" title="%s %s (%s)">\u2194 %s</a>')
                % (there["href"], role, there["label"], how, there["label"]), "after", 0))


def article_view(article: dict, links: Links, duplicates: list[dict], wires: list[dict]) -> dict:
    """One article: its metadata, marked-up text, removed parts and what it shares with others."""
    text = article["text"]
    inline, listed = [], []
    for item in article["removed"]:
        at = item.get("at")
        if isinstance(at, int) and not isinstance(at, bool) and 0 <= at <= len(text):
            inline.append(item)
            links.inserts[article["id"]].append(Insert(at, Markup(
                '<span class="removed" data-reason="%s"><span class="removed-tag" title="removed: %s">'
                '\u2702 %s</span><del class="removed-text">%s</del></span>')
                % (item["reason"], item["reason"], item["reason"], item["text"]), "after", 1))
        else:
            listed.append(item)
    shared = sum(1 for mark in links.marks[article["id"]].values() if "reuse" in mark["classes"])
    supersedes = article.get("supersedes")
    return {
        "id": article["id"], "dom_id": dom_id("article", article["id"]),
        "title": article.get("title"), "opening": _opening(text), "outlet": outlet(article),
        "source": article.get("source"),
        "published": article.get("published"), "agencies": article.get("agencies", []),
        "language": article.get("language"), "path": article.get("path"), "url": article.get("url"),
        "url_href": safe_href(article.get("url")),
        "supersedes": links.article(supersedes) if supersedes else None,
        "duplicates": duplicates, "wires": wires, "shared_passages": shared,
        "removed_inline": inline, "removed_listed": listed,
        "body": links.body(article),
    }


def _opening(text: str, limit: int = 90) -> str:
    """The first words of a text, for an article that states no title."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " \u2026"


def wire_view(wire: dict, links: Links) -> dict:
    """Which outlets carry copy of one wire text, and where it most likely came from.

    `passages` (the reuse passages between its articles) is counted by report_context."""
    members = set(wire["articles"])
    return {"id": wire["id"], "agency": wire.get("agency"),
            "origin": links.article(wire["origin"]) if wire.get("origin") else None,
            "copies": [links.article(a) for a in wire["articles"] if a != wire.get("origin")],
            "members": members, "passages": 0}


def story_view(story: dict, analysis: dict, links: Links) -> dict:
    """One story with every section it has; `articles` and `wires` are filled in by report_context."""
    sid = story["id"]
    members = [links.articles[a] for a in story["articles"] if a in links.articles]
    entities = {e["id"]: e for e in story.get("entities", [])}
    facts = {f["id"]: f for f in story.get("facts", [])}
    return {
        "id": sid, "dom_id": dom_id("story", sid), "title": story["title"],
        "first_seen": story.get("first_seen"), "last_seen": story.get("last_seen"),
        "article_ids": list(story["articles"]),
        "outlets": sorted({known_outlet(a) for a in members} - {None}),
        "brief": _brief(story, facts, links) if "brief" in story else None,
        "entities": _entities(story, links) if "entities" in story else None,
        "quotes": _quotes(story, entities, links) if "quotes" in story else None,
        "facts": _facts(story, links) if "facts" in story else None,
        "timeline": _timeline(story, links) if "timeline" in story else None,
        "coverage": coverage(members, links),
    }


def coverage(members: list[dict], links: Links) -> dict | None:
    """Who reported when, for the coverage chart: per outlet (most articles first, ties by name),
    its articles on each publication day of the story, each a link; undated ones in a column of their own."""
    if not members:
        return None
    days = sorted({a["published"][:10] for a in members if a.get("published")})
    cells: dict[str, dict[str | None, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for article in sorted(members, key=lambda a: (a.get("published") or "", a["id"])):
        day = article["published"][:10] if article.get("published") else None
        cells[outlet(article)][day].append(links.article(article["id"]))
    rows = [{"outlet": name, "articles": sum(map(len, by_day.values())),
             "cells": [by_day.get(day, []) for day in days], "undated": by_day.get(None, [])}
            for name, by_day in cells.items()]
    rows.sort(key=lambda r: (-r["articles"], r["outlet"]))
    return {"days": days, "rows": rows, "undated": any(r["undated"] for r in rows),
            "most": max(len(c) for r in rows for c in [*r["cells"], r["undated"]])}


def _brief(story: dict, facts: dict, links: Links) -> list[dict]:
    out = []
    for n, sentence in enumerate(story["brief"], 1):
        cites = [links.span(c["article"], c["start"], c["end"], "cite", f"cited in the brief, sentence {n}")
                 for c in sentence["citations"]]
        fact = sentence.get("fact")
        out.append({"n": n, "text": sentence["text"], "citations": cites,
                    "fact_href": "#" + dom_id("fact", story["id"], fact) if fact in facts else None})
    return out


def _entities(story: dict, links: Links) -> list[dict]:
    out = []
    for entity in story["entities"]:
        first: dict[str, dict] = {}
        for m in sorted(entity["mentions"], key=lambda m: (m["article"], m["start"], m["end"])):
            first.setdefault(m["article"], m)
        seen = [links.span(m["article"], m["start"], m["end"], "mention", f"mention of {entity['name']}")
                for m in first.values()]
        out.append({"id": entity["id"], "dom_id": dom_id("entity", story["id"], entity["id"]),
                    "name": entity["name"], "type": entity["type"],
                    "aliases": [a for a in entity["aliases"] if a != entity["name"]],
                    "mentions": len(entity["mentions"]), "seen": seen})
    return out


def _quotes(story: dict, entities: dict, links: Links) -> list[dict]:
    """Quotes grouped by speaker; quotes whose speaker the text does not name stay unattributed."""
    groups: dict[tuple, list] = defaultdict(list)
    for quote in story["quotes"]:
        parts = quote.get("parts") or [{"start": quote["start"], "end": quote["end"]}]
        part_links = [links.span(quote["article"], p["start"], p["end"], "quote", "quote") for p in parts]
        view = {"id": quote["id"], "dom_id": dom_id("quote", story["id"], quote["id"]),
                "text": quote["text"], "kind": quote["kind"], "cue": quote.get("cue"),
                "speaker_text": quote.get("speaker_text"),
                "words": " \u2026 ".join(p["words"] for p in part_links if p["words"] is not None) or quote["text"],
                "link": part_links[0], "same_as": [], "article": links.article(quote["article"])}
        speaker = entities.get(quote.get("speaker"))
        if speaker is not None:
            key = (0, speaker["name"], speaker["id"])
        elif quote.get("speaker_text"):
            key = (1, quote["speaker_text"], "")
        else:
            key = (2, "Unattributed", "")
        groups[key].append(view)
    by_id = {q["id"]: q for qs in groups.values() for q in qs}
    for quote in story["quotes"]:
        by_id[quote["id"]]["same_as"] = [
            {"href": "#" + by_id[o]["dom_id"], "label": by_id[o]["article"]["label"]}
            for o in quote["same_as"] if o in by_id]
    return [{"speaker": name, "attributed": rank < 2, "quotes": qs}
            for (rank, name, _), qs in sorted(groups.items())]


def _fact_view(story: dict, fact: dict, links: Links) -> dict:
    kind = "conflict" if fact["status"] == "conflict" else "fact"
    support = []
    for s in fact["support"]:
        link = links.span(s["article"], s["start"], s["end"], kind, f"{STATUS_LABELS.get(fact['status'], fact['status'])} fact")
        link["copy_of"] = links.article(s["copy_of"]) if s.get("copy_of") else None
        support.append(link)
    names = {e["id"]: e["name"] for e in story.get("entities", [])}
    return {"id": fact["id"], "dom_id": dom_id("fact", story["id"], fact["id"]), "text": fact["text"],
            "status": fact["status"], "support": support,
            "attributed_to": names.get(fact.get("attributed_to")) if fact.get("attributed_to") else None,
            "independent_sources": fact.get("independent_sources"),
            "dates": fact.get("dates", []), "numbers": fact.get("numbers", [])}


def _facts(story: dict, links: Links) -> list[dict]:
    """Facts grouped by status; conflicting ones as pairs side by side, each pair once, with its reason."""
    views = {f["id"]: _fact_view(story, f, links) for f in story["facts"]}
    groups = []
    for status in ("conflict", "corroborated", "single"):
        members = [views[f["id"]] for f in story["facts"] if f["status"] == status]
        if not members:
            continue
        pairs, seen, anchored = [], set(), set()
        if status == "conflict":
            for fact in story["facts"]:
                for c in fact["conflicts"]:
                    key = (frozenset((fact["id"], c["fact"])), c["kind"])
                    if key in seen:
                        continue
                    seen.add(key)
                    right = views.get(c["fact"])
                    pairs.append({"left": views[fact["id"]], "right": right,
                                  "left_anchor": fact["id"] not in anchored,
                                  "right_anchor": right is not None and c["fact"] not in anchored | {fact["id"]},
                                  "kind": c["kind"], "reason": c["reason"]})
                    anchored.update((fact["id"], c["fact"]))
        groups.append({"status": status, "label": STATUS_LABELS[status], "facts": members, "pairs": pairs,
                       "folded": status == "single" and len(members) > FOLD_SINGLE})
    return groups


def _timeline(story: dict, links: Links) -> list[dict]:
    return [{"date": t["date"], "inferred": t["inferred"], "text": t["text"],
             "support": [links.span(s["article"], s["start"], s["end"], "when", f"timeline: {t['date']}")
                         for s in t["support"]]}
            for t in story["timeline"]]
