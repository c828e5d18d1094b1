"""Text basics every stage shares: language, sentences, paragraphs, word tokens."""
from __future__ import annotations

from .language import detect_language
from .sentences import paragraphs, split_sentences
from .tokens import word_spans, words

__all__ = ["detect_language", "paragraphs", "split_sentences", "word_spans", "words"]
