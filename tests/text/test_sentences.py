"""Sentences and paragraphs of German, English and French news text, as offsets."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newsdesk.text.sentences import paragraphs, split_sentences


def sentences(text: str, language: str = "de") -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, language)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Die Gäste kamen z.B. aus Polen, u.a. aus Krakau. Dann begann die Sitzung.",
     ["Die Gäste kamen z.B. aus Polen, u.a. aus Krakau.", "Dann begann die Sitzung."]),
    ("Dr. Erika Beispiel leitet die Abteilung Nr. 4 in St. Gallen. Sie ist neu.",
     ["Dr. Erika Beispiel leitet die Abteilung Nr. 4 in St. Gallen.", "Sie ist neu."]),
    ("Das Projekt kostet 2,5 Mio. Euro bzw. ca. 3 Mrd. Franken. Es beginnt bald.",
     ["Das Projekt kostet 2,5 Mio. Euro bzw. ca. 3 Mrd. Franken.", "Es beginnt bald."]),
    ("Die Wahl findet am 26. September statt. Im 19. Jahrhundert war das anders.",
     ["Die Wahl findet am 26. September statt.", "Im 19. Jahrhundert war das anders."]),
    ("Der Besuch ist am 19. und 20. Juni geplant. Danach folgt Hanoi.",
     ["Der Besuch ist am 19. und 20. Juni geplant.", "Danach folgt Hanoi."]),
    ("Die Inflation lag bei 3.5 Prozent, betroffen waren 11.000 Haushalte. Das ist viel.",
     ["Die Inflation lag bei 3.5 Prozent, betroffen waren 11.000 Haushalte.", "Das ist viel."]),
    ("Die Zahl der Verletzten stieg auf 12. Die Polizei ermittelt.",
     ["Die Zahl der Verletzten stieg auf 12.", "Die Polizei ermittelt."]),
    ("Sie sagte: „Die Grenze muss kontrolliert werden.“ Der Minister widersprach.",
     ["Sie sagte: „Die Grenze muss kontrolliert werden.“", "Der Minister widersprach."]),
    ("„Wir bleiben.“, sagte sie. »Und ihr?« Er schwieg.",
     ["„Wir bleiben.“, sagte sie.", "»Und ihr?«", "Er schwieg."]),
    ("Er zögerte … und ging dann. Alles war still … Dann kam der Zug.",
     ["Er zögerte … und ging dann.", "Alles war still …", "Dann kam der Zug."]),
    ("„[…] Wir werden das prüfen“, hieß es. Mehr nicht.",
     ["„[…] Wir werden das prüfen“, hieß es.", "Mehr nicht."]),
    ("Wirklich? Ja! Das stimmt.", ["Wirklich?", "Ja!", "Das stimmt."]),
    ("Sie sagte: „Nein.“ – und ging. Er blieb – Punkt. – Das war es.",
     ["Sie sagte: „Nein.“ – und ging.", "Er blieb – Punkt.", "– Das war es."]),
    ("Das ist eine neue Art. Der 1. FC Köln gewann im Jahr 2024. Dann kam die Pause.",
     ["Das ist eine neue Art.", "Der 1. FC Köln gewann im Jahr 2024.", "Dann kam die Pause."]),
])
def test_german(text, expected):
    assert sentences(text) == expected


def test_english_initials_and_titles():
    text = ('John F. Kennedy visited Berlin in 1963. Mr. Smith and Sen. Roe met the U.S. envoy. '
            '"We are ready." The talks ended at 5 p.m. on Monday.')
    assert sentences(text, "en") == [
        "John F. Kennedy visited Berlin in 1963.",
        "Mr. Smith and Sen. Roe met the U.S. envoy.",
        '"We are ready."',
        "The talks ended at 5 p.m. on Monday.",
    ]


def test_french_titles_and_spaced_guillemets():
    text = "M. Dupont et Mme Exemple sont arrivés. Il a dit : « Nous sommes prêts. » La séance a commencé."
    assert sentences(text, "fr") == [
        "M. Dupont et Mme Exemple sont arrivés.",
        "Il a dit : « Nous sommes prêts. »",
        "La séance a commencé.",
    ]


def test_paragraphs_and_crossheads():
    text = ("Erster Absatz ohne Ende\n\nZwischenzeile\nDer Text geht weiter. Und endet.\n"
            "Eine Zeile mit Umbruch,\nder weiterläuft.\n\n\n  Letzter Absatz.  ")
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "Erster Absatz ohne Ende",
        "Zwischenzeile",
        "Der Text geht weiter. Und endet.",
        "Eine Zeile mit Umbruch,\nder weiterläuft.",
        "Letzter Absatz.",
    ]
    assert sentences(text) == [
        "Erster Absatz ohne Ende",
        "Zwischenzeile",
        "Der Text geht weiter.",
        "Und endet.",
        "Eine Zeile mit Umbruch,\nder weiterläuft.",
        "Letzter Absatz.",
    ]


def test_numbered_paragraph_is_not_split_after_its_number():
    assert sentences("1. Die Grenzen bleiben offen.\n2. Kontrollen gibt es stichprobenartig.") == [
        "1. Die Grenzen bleiben offen.", "2. Kontrollen gibt es stichprobenartig."]


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t ") == []
    assert paragraphs("") == []


PIECES = st.sampled_from(list("ab AZ.!?…„“»«\"()[]12,:;-\n\t") + ["Dr. ", "z.B. ", "19. Juni ", "M. ", "\u00a0", "\n\n"])
TEXT = st.one_of(st.lists(PIECES, max_size=60).map("".join), st.text(max_size=80))


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["de", "en", "fr", "xx"]))
def test_offsets_are_ordered_stripped_and_cover_all_text(text, language):
    spans = split_sentences(text, language)
    position = 0
    covered = set()
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered.update(range(start, end))
        position = end
    assert {i for i, ch in enumerate(text) if not ch.isspace()} <= covered


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_sentences_never_cross_paragraphs(text):
    paras = paragraphs(text)
    for start, end in split_sentences(text):
        assert any(p_start <= start and end <= p_end for p_start, p_end in paras)
