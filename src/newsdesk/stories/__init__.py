"""Stories: articles about the same event, grouped incrementally, in any language.

    index = StoryIndex(settings)
    index.add([article_features(a, settings) for a in articles])
    index.stories(), index.aliases(), index.to_bytes()

`article_features` is the costly, pure part (embedding, terms, entity-like tokens, date) and
its result can be stored (`ArticleFeatures.to_json`); `StoryIndex` is the incremental state.
The same set of articles gives the same stories in any order and any batch split.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Story
from .features import ArticleFeatures, article_features, features_batch
from .index import StoryIndex
from .settings import StorySettings

__all__ = ["ArticleFeatures", "StoryIndex", "StorySettings", "article_features", "features_batch", "cluster"]


def cluster(articles: Sequence[Article], settings: StorySettings | None = None) -> list[Story]:
    """The stories of `articles` (one index, one batch): a convenience over `StoryIndex`."""
    settings = settings or StorySettings()
    index = StoryIndex(settings)
    index.add(features_batch(list(articles), settings))
    return index.stories()
