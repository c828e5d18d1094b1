"""Language of a text, offline: lingua over a restricted set of languages, built once per set.

A restricted set keeps detection fast and memory modest (about 250 MB preloaded for the default
eight); the models ship inside the installed `lingua-language-detector` package.
"""
from __future__ import annotations

from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

UNDETERMINED = "und"
DEFAULT_LANGUAGES: tuple[str, ...] = ("de", "en", "fr", "es", "it", "nl", "pl", "pt")
SAMPLE_CHARS = 1000
"""Enough text to decide (the same language as 3,000 characters on all 1,441 articles of 10kGNAD and
ECB+, at half the cost: bench/RESULTS.md, language); an article's first paragraphs are in its language."""
MIN_LETTERS = 3
MIN_LEAD = 1.25
"""The best language's confidence must be this many times the next one's; closer is a coin toss: "und"."""


@cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    chosen = []
    for code in languages:
        try:
            iso = IsoCode639_1.from_str(code)
        except ValueError:
            raise ValueError(f"unknown language code {code!r}; use ISO 639-1 codes such as 'de', 'en', 'fr'") from None
        chosen.append(Language.from_iso_code_639_1(iso))
    if len(chosen) < 2:
        raise ValueError(f"give at least two languages to choose from; got {languages!r}")
    return LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models().build()


def detect_language(text: str, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> str:
    """ISO 639-1 code of the language `text` is written in, or "und" when it cannot be told.

    Deterministic; looks at the first SAMPLE_CHARS characters (cut at a space).
    """
    sample = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS and " " in sample:
        sample = sample[: sample.rindex(" ")]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED
    detector = _detector(tuple(sorted(set(languages))))
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value <= 0.0 or (len(values) > 1 and values[0].value < MIN_LEAD * values[1].value):
        return UNDETERMINED
    return values[0].language.iso_code_639_1.name.lower()
