"""Small invented stories for the facts, brief and timeline tests: articles built through the real cleaner."""
from __future__ import annotations

from newsdesk.clean import clean
from newsdesk.config import Settings
from newsdesk.model import Article, RawArticle


def article(identity: str, text: str, published: str | None = "2025-03-11", language: str = "de",
            source: str | None = None) -> Article:
    """A cleaned article from raw text, the way the pipeline makes one."""
    return clean(RawArticle(identity=identity, raw=text, published=published, language=language,
                            source=source or identity), Settings().clean)


def span_of(art: Article, words: str) -> tuple[int, int]:
    start = art.text.index(words)
    return start, start + len(words)
