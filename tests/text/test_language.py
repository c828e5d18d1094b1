"""Language detection: offline, deterministic, "und" when the text cannot tell."""
from __future__ import annotations

import pytest

from newsdesk.text.language import detect_language


@pytest.mark.parametrize(("text", "language"), [
    ("Die Bundesregierung hat am Mittwoch neue Regeln für die Grenzkontrollen beschlossen.", "de"),
    ("The government approved new rules for border checks on Wednesday.", "en"),
    ("Le gouvernement a adopté mercredi de nouvelles règles pour les contrôles aux frontières.", "fr"),
    ("El Gobierno aprobó el miércoles nuevas normas para los controles fronterizos.", "es"),
    ("Il governo ha approvato mercoledì nuove regole per i controlli alle frontiere.", "it"),
])
def test_detects_news_languages(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "12.06.2024 – 10:30", "OK", "!!! ???"])
def test_undecidable_text_is_und(text):
    assert detect_language(text) == "und"


def test_only_the_opening_is_read_and_the_result_is_stable():
    german = "Die Regierung hat neue Regeln beschlossen. " * 200
    english = " The government approved new rules." * 200
    assert detect_language(german + english) == "de"
    assert detect_language(german) == detect_language(german)


def test_language_set_can_be_narrowed_and_bad_codes_are_explained():
    text = "Die Regierung hat neue Regeln beschlossen."
    assert detect_language(text, ("de", "en")) == "de"
    assert detect_language(text, ("fr", "en")) in {"fr", "en", "und"}
    with pytest.raises(ValueError, match="ISO 639-1"):
        detect_language(text, ("deutsch", "en"))
