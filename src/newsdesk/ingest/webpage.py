"""One HTML page -> its main text and metadata, via trafilatura (used for HTML files and WARC records).

trafilatura finds the main text and drops navigation, footers and comments; the text
it keeps is laid out here as paragraphs separated by blank lines. Its date is a day;
when the page states a publication time in its metadata (article:published_time,
JSON-LD datePublished) that is kept at the precision stated.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin
from dataclasses import dataclass

from newsdesk.ingest.dates import parse_date
from newsdesk.ingest.decode import has_text, normalise_text
from newsdesk.ingest.header import Header, read_header
from newsdesk.ingest.markup import join_paragraphs
from newsdesk.ingest.settings import ReadSettings
from newsdesk.model import Removal

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
_ABSOLUTE = re.compile(r"https?://[^/\s]+", re.IGNORECASE)
# trafilatura's output: elements that start a paragraph of their own
_BLOCKS = frozenset("p head list item quote table row code div section main body doc blockquote".split())


@dataclass(slots=True, frozen=True)
class Page:
    """What a page says: its main text (paragraphs separated by blank lines) and metadata."""

    raw: str
    title: str | None
    published: str | None
    url: str | None
    source: str | None
    language: str | None
    header: tuple[Removal, ...]


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its top, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def extract_page(html: str, url: str | None, settings: ReadSettings) -> Page | None:
    """The main text and metadata of a page; None when it has no main text."""
    import trafilatura  # heavy import, needed only for HTML

    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    stated_published = _stated_published(tree)
    language = _language(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=settings.include_tables,
    )
    if document is None or document.body is None:
        return None
    paragraphs = _paragraphs(document.body)
    raw = normalise_text(join_paragraphs(paragraphs))
    if not has_text(raw):
        return None
    title = " ".join(normalise_text(document.title).split()) if document.title else None
    lines = read_header(raw)  # a headline and a date line at the top of the main text
    if lines.title and title and not _same(lines.title, title):
        lines = Header()  # the line above the date is not the page's headline: keep it as text
    header = lines.removals or _title_line(raw, title)
    published = stated_published or (parse_date(document.date) if document.date else None) or lines.published
    return Page(
        raw=raw,
        title=title or lines.title,
        published=published,
        url=absolute_url(document.url) or url,
        source=document.sitename or document.hostname or None,
        language=language,
        header=header,
    )


def absolute_url(url: str | None, base: str | None = None) -> str | None:
    """A web address that names the article on its own: absolute http(s), resolved against `base`."""
    if not url or not url.strip():
        return None
    url = url.strip()
    if base and not _ABSOLUTE.match(url) and _ABSOLUTE.match(base):
        url = urljoin(base, url)
    return url if _ABSOLUTE.match(url) and " " not in url else None


def _paragraphs(body) -> list[str]:
    """Text of trafilatura's body element, one string per block element; <lb/> is a newline."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = "".join(current).strip()
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(element) -> None:
        if element.text:
            current.append(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "lb":
                current.append("\n")
            elif tag in _BLOCKS:
                flush()
                walk(child)
                flush()
            elif tag == "cell":
                walk(child)
                current.append(" ")
            elif tag:
                walk(child)
            if child.tail:
                current.append(child.tail)

    walk(body)
    flush()
    return paragraphs


def _title_line(raw: str, title: str | None) -> tuple[Removal, ...]:
    """The page's headline repeated as the first paragraph of the main text is a title line."""
    if not title:
        return ()
    first = raw.split("\n\n", 1)[0]
    if not _same(first, title):
        return ()
    return (Removal(text=first, reason="title line", raw_start=0, raw_end=len(first)),)


def _same(line: str, title: str) -> bool:
    return " ".join(line.split()).casefold() == " ".join(title.split()).casefold()


def _stated_published(tree) -> str | None:
    """The publication time the page's metadata states, at its precision."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key in _PUBLISHED_META and content and key not in found:
            stated = parse_date(content)
            if stated:
                found[key] = stated
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            stated = _json_ld_published(script.text)
            if stated and "datepublished" not in found:
                found["datepublished"] = stated
    for key in _PUBLISHED_META:
        if key in found:
            return found[key]
    return None


def _json_ld_published(text: str) -> str | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and parse_date(value):
                return parse_date(value)
            stack.extend(item[key] for key in sorted(item) if isinstance(item[key], (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _language(tree) -> str | None:
    """The page's declared language as an ISO 639 code ("de" from "de-DE")."""
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    declared = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                declared = meta.get("content")
                break
    return language_code(declared)


_TAG_END = re.compile(r"[-_,;\s]")
"""Where a language tag's primary subtag ends."""
_PRIMARY_LANGUAGE = re.compile(r"[a-z]{2,3}")


def language_code(declared: str | None) -> str | None:
    """"de-DE", "fr_FR", "EN" -> "de", "fr", "en"; None when it is not a language tag."""
    if not declared:
        return None
    primary = _TAG_END.split(declared.strip(), maxsplit=1)[0].lower()
    return primary if _PRIMARY_LANGUAGE.fullmatch(primary) else None
