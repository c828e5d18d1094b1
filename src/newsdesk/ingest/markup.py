"""HTML fragments (feed descriptions, Atom content) to plain text with paragraphs.

Feed items carry short HTML snippets that a main-text extractor would reject as too
short; they need no boilerplate removal, only tags dropped, entities decoded, and
block elements turned into paragraphs separated by blank lines.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "address article aside blockquote caption dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_DROPPED = frozenset("script style noscript template iframe object svg head title".split())
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.dropped_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _DROPPED:
            self.dropped_depth += 1
        elif tag == "br":
            self.current.append("\n")
        elif tag in _BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.current.append("\n")
        elif tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped_depth = max(0, self.dropped_depth - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.dropped_depth:
            self.current.append(data.replace("\n", " "))

    def flush(self) -> None:
        lines = [_SPACES.sub(" ", line).strip() for line in "".join(self.current).split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by blank lines, <br> kept as a newline."""
    if "<" not in fragment and "&" not in fragment:
        return join_paragraphs(re.split(r"\n\s*\n", fragment))
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed markup
        pass
    collector.flush()
    return "\n\n".join(collector.paragraphs)


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs as raw text: each one's whitespace tidied, separated by blank lines."""
    tidy = []
    for paragraph in paragraphs:
        lines = [_SPACES.sub(" ", line).strip() for line in paragraph.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            tidy.append(text)
    return "\n\n".join(tidy)
