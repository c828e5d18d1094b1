"""RSS (2.0, 0.9x, 1.0/RDF) and Atom feed files: each item or entry is an article.

The item's HTML content (content:encoded / Atom content, else description / summary)
becomes plain text with paragraphs separated by blank lines; the feed's own title is
the source. Elements are matched by local name, so namespaced and plain feeds read alike.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from newsdesk.ingest.dates import parse_date
from newsdesk.ingest.decode import NotText, decode_bytes, has_text, normalise_text
from newsdesk.ingest.markup import html_to_text
from newsdesk.ingest.settings import ReadSettings
from newsdesk.ingest.header import read_header
from newsdesk.ingest.webpage import absolute_url, language_code
from newsdesk.model import RawArticle, Skip

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def looks_like_feed(head: bytes) -> bool:
    """Whether the start of a file is an RSS or Atom document."""
    text = head[:2048].decode("latin-1").lower()
    text = re.sub(r"<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>", "", text, flags=re.DOTALL)
    text = text.lstrip(" \t\r\n\xef\xbb\xbf")  # whitespace and a UTF-8 BOM (read as Latin-1)
    return re.match(r"<(?:rss|feed|rdf:rdf)\b", text) is not None


def read_feed(data: bytes, path: Path, settings: ReadSettings) -> Iterator[RawArticle | Skip]:
    """The articles of one feed file, in feed order."""
    root = _parse(data, settings)
    if isinstance(root, str):
        yield Skip(str(path), root)
        return
    kind = _local(root.tag)
    if kind == "feed":
        channel, items = root, _children(root, "entry")
    elif kind in ("rss", "rdf"):
        channel = next(iter(_children(root, "channel")), root)
        items = _children(channel, "item") or _children(root, "item")
    else:
        yield Skip(str(path), f"XML file but not an RSS or Atom feed (its root element is <{_local(root.tag)}>)")
        return
    if not items:
        yield Skip(str(path), "feed has no items")
        return
    source = _plain(_text_of(_child(channel, "title")))
    language = language_code(_text_of(_child(channel, "language")) or channel.get(_XML_LANG))
    home = absolute_url(_link(channel))
    for number, item in enumerate(items, 1):
        yield _article(item, number, path, source, language, home)


def _article(
    item, number: int, path: Path, source: str | None, language: str | None, home: str | None
) -> RawArticle | Skip:
    content = _first(item, ("encoded", "content", "description", "summary"), _content) or ""
    title = _plain(_content(_child(item, "title")))
    content = normalise_text(content)
    if not has_text(content):
        what = f'"{title}"' if title else f"item {number}"
        return Skip(f"{path}#{number}", f"feed item {what} has no text (only a title or link)")
    url = absolute_url(_link(item), home)
    header = read_header(content)
    stated = _first(item, ("pubDate", "published", "date", "updated", "issued"), _text_of)
    return RawArticle(
        identity=url or f"{path.name}#{number}",
        raw=content,
        path=str(path),
        url=url,
        source=source,
        title=title or header.title,
        published=(parse_date(stated) if stated else None) or header.published,
        language=language_code(item.get(_XML_LANG)) or language,
        header=header.removals,
    )


def _parse(data: bytes, settings: ReadSettings):
    """The XML root element, or a reason why the feed cannot be read."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    first_error = None
    if settings.encoding is None:
        try:
            return etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError as error:
            first_error = error
    try:  # not the encoding it declares (or none declared): decode as a text file is, then parse
        text = _XML_DECLARATION.sub("", decode_bytes(data, settings.encoding), count=1)
        return etree.fromstring(text.encode("utf-8"), parser=parser)
    except NotText as reason:
        return f"broken feed: {reason}"
    except etree.XMLSyntaxError as error:
        return f"broken feed: {first_error or error}; fix the XML or save the items as JSONL"


def _first(item, names: tuple[str, ...], read) -> str | None:
    """The first of the item's elements `names` (in that order of preference) that has text."""
    for name in names:
        text = read(_child(item, name))
        if text:
            return text
    return None


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name.lower()]


def _child(element, name: str):
    return next(iter(_children(element, name)), None)


def _text_of(element) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def _content(element) -> str:
    """Plain text of an RSS/Atom text element (Atom types text, html and xhtml)."""
    if element is None or element.get("src"):
        return ""
    if element.get("type", "").lower() in ("text", "text/plain"):
        return html_to_text(_escape_markup(element.text or ""))
    if len(element):  # inline xhtml (Atom type="xhtml", or stray markup in RSS)
        from lxml import etree

        inner = (element.text or "") + "".join(etree.tostring(child, encoding="unicode") for child in element)
        return html_to_text(inner)
    return html_to_text(element.text or "")


def _escape_markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _plain(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(normalise_text(text).split()) or None


def _link(item) -> str | None:
    """The item's web address: RSS <link>, Atom <link rel="alternate" href>, else a permalink guid."""
    for link in _children(item, "link"):
        href = link.get("href")
        if href and link.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and link.text and link.text.strip():
            return link.text.strip()
    guid = _text_of(_child(item, "guid")) or _text_of(_child(item, "id"))
    if guid and re.match(r"https?://", guid):
        return guid
    return None
