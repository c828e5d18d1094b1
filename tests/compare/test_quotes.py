"""Quotes across the articles of a story: format shape, stable ids, same_as, speakers."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.compare.quotes import LinkSettings, link_quotes, quote_id, speakers_agree
from newsdesk.extract.quotes import find_quotes

DE = ("„Wir haben eine solche Lage seit 1954 nicht mehr erlebt“, sagte Bürgermeisterin Claudia Reimann. "
      "„Die Dämme sind seit Jahren marode“, sagte ein Rentner.")
DE_WIRE = ("Die Lage ist ernst. „Wir haben eine solche Lage seit 1954 nicht mehr erlebt“, sagte Reimann "
           "am Sonntag im Rathaus.")
EN = ('"We have not seen anything like this since 1954," Mayor Claudia Reimann told reporters. '
      '"The fire brigade is at its limit," said fire chief Tobias Lenz.')
FR = "« Nous n'avons jamais vu une telle situation depuis 1954 », a déclaré Claudia Reimann."

TEXTS = {"a-de": DE, "b-de": DE_WIRE, "c-en": EN, "d-fr": FR}
LANGS = {"a-de": "de", "b-de": "de", "c-en": "en", "d-fr": "fr"}


def story(articles=TEXTS, **kwargs):
    quotes = {aid: find_quotes(articles[aid], LANGS[aid]) for aid in articles}
    return quotes, link_quotes(quotes, texts=articles, languages=LANGS, **kwargs)


def quote_with(linked, words):
    return next(q for q in linked if words in q["text"])


def test_rows_have_the_analysis_format_shape_and_point_at_their_words():
    _, linked = story()
    keys = {"id", "article", "start", "end", "text", "parts", "kind", "speaker", "speaker_text",
            "speaker_start", "speaker_end", "cue", "same_as"}
    for q in linked:
        assert set(q) == keys
        text = TEXTS[q["article"]]
        assert text[q["start"]:q["end"]] == q["text"]
        assert q["parts"][0] == {"start": q["start"], "end": q["end"]}
    assert [(q["article"], q["start"]) for q in linked] == sorted((q["article"], q["start"]) for q in linked)


def test_same_statement_is_linked_across_wire_copy_and_translations():
    _, linked = story()
    ids = {q["article"]: q["id"] for q in linked if "1954" in q["text"]}
    assert set(ids) == {"a-de", "b-de", "c-en", "d-fr"}
    german = quote_with([q for q in linked if q["article"] == "a-de"], "1954")
    assert set(german["same_as"]) == {ids["b-de"], ids["c-en"], ids["d-fr"]}


def test_links_are_symmetric_and_never_within_one_article():
    _, linked = story()
    by_id = {q["id"]: q for q in linked}
    for q in linked:
        for other in q["same_as"]:
            assert q["id"] in by_id[other]["same_as"]
            assert by_id[other]["article"] != q["article"]


def test_different_statements_by_different_speakers_stay_apart():
    _, linked = story()
    dams = quote_with(linked, "Dämme")
    brigade = quote_with(linked, "fire brigade")
    assert dams["same_as"] == [] and brigade["same_as"] == []


def test_speakers_that_disagree_veto_a_link_even_for_equal_words():
    a = '"The situation is under control," said Anna Berg.'
    b = '"The situation is under control," said Piotr Nowak.'
    quotes = {"x": find_quotes(a, "en"), "y": find_quotes(b, "en")}
    linked = link_quotes(quotes, texts={"x": a, "y": b}, languages={"x": "en", "y": "en"},
                         settings=LinkSettings(use_embeddings=False))
    assert all(q["same_as"] == [] for q in linked)


def test_same_language_copy_is_linked_without_embeddings():
    quotes = {aid: find_quotes(TEXTS[aid], "de") for aid in ("a-de", "b-de")}
    linked = link_quotes(quotes, texts=TEXTS, languages=LANGS, settings=LinkSettings(use_embeddings=False))
    assert len(quote_with(linked, "1954")["same_as"]) == 1


def test_speaker_entity_ids_come_from_the_given_mapping():
    def entity(article, quote):
        return "e-reimann" if quote.speaker_text and "Reimann" in quote.speaker_text else None

    _, linked = story(speaker_entity=entity)
    assert {q["speaker"] for q in linked if "1954" in q["text"]} == {"e-reimann"}
    assert quote_with(linked, "Dämme")["speaker"] is None


def test_ids_and_links_do_not_depend_on_input_order():
    quotes, linked = story()
    reordered = dict(reversed(list(quotes.items())))
    again = link_quotes(reordered, texts=TEXTS, languages=LANGS)
    assert again == linked
    q = quotes["a-de"][0]
    assert quote_id("a-de", q) == quote_id("a-de", q) != quote_id("b-de", q)


def test_injected_embedding_decides_cross_language_links():
    quotes = {aid: find_quotes(TEXTS[aid], LANGS[aid]) for aid in ("a-de", "d-fr")}

    def orthogonal(texts):
        return np.eye(len(texts), 512, dtype=np.float32)

    linked = link_quotes(quotes, texts=TEXTS, languages=LANGS, embed=orthogonal)
    assert all(q["same_as"] == [] for q in linked)


def test_settings_are_validated():
    with pytest.raises(ValueError, match="embedding_threshold"):
        LinkSettings(embedding_threshold=1.5)
    with pytest.raises(ValueError, match="speaker_bonus"):
        LinkSettings(speaker_bonus=0.9)


def test_speakers_agree_by_entity_then_by_surname():
    row = lambda speaker, text: {"speaker": speaker, "speaker_text": text}  # noqa: E731
    assert speakers_agree(row("e1", "Kirby"), row("e1", "John Kirby")) is True
    assert speakers_agree(row(None, "John Kirby"), row(None, "Kirby")) is True
    assert speakers_agree(row(None, "John Kirby"), row(None, "Matthew Miller")) is False
    assert speakers_agree(row(None, None), row(None, "Kirby")) is None


WORDS = st.sampled_from(["Wir", "sind", "bereit", "zu", "reden", "heute", "nicht", "morgen", "Frieden"])


@hsettings(max_examples=25, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=2, max_size=6), min_size=1, max_size=4))
def test_every_link_is_mutual_and_across_articles(quoted):
    texts = {f"art{i}": f"„{' '.join(words)}“, sagte Anna Berg." for i, words in enumerate(quoted)}
    quotes = {aid: find_quotes(t, "de") for aid, t in texts.items()}
    linked = link_quotes(quotes, texts=texts, languages={aid: "de" for aid in texts},
                         settings=LinkSettings(use_embeddings=False))
    by_id = {q["id"]: q for q in linked}
    for q in linked:
        assert q["same_as"] == sorted(q["same_as"])
        for other in q["same_as"]:
            assert q["id"] in by_id[other]["same_as"] and by_id[other]["article"] != q["article"]


@pytest.mark.shared
def test_seed_quotes_kirby_is_linked_and_the_lost_speaker_stays_null(seeds_dir):
    texts = {p.stem: p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
    quotes = {aid: find_quotes(t, "de") for aid, t in texts.items()}
    lost = [q for q in quotes[next(a for a in texts if a.startswith("003"))] if q.text.startswith("Wenn dieser Vertrag")]
    assert len(lost) == 1 and lost[0].speaker_text is None
    linked = link_quotes(quotes, texts=texts, languages={aid: "de" for aid in texts})
    kirby = [q for q in linked if "Wechselwirkung" in " ".join(texts[q["article"]][p["start"]:p["end"]] for p in q["parts"])]
    articles = {q["article"][:3] for q in kirby}
    assert {"000", "001"} <= articles
    first = next(q for q in kirby if q["article"].startswith("000"))
    assert any(other in first["same_as"] for other in (q["id"] for q in kirby if q["article"].startswith("001")))
