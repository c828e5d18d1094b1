import codecs
import re
import unicodedata

import pytest
from hypothesis import given, strategies as st

from newsdesk.ingest.decode import NotText, decode_bytes, normalise_text, normalised_utf8

GERMAN = "„Wir sind besorgt“, sagte die Sprecherin. Das Ticket kostet 12 € – für Größere 15 €.\n"
FRENCH = "« Nous sommes inquiets », a déclaré la porte-parole de l'Élysée. Où ? Là-bas, à Séoul.\n"


def test_cp1252_german_with_quotes_and_euro():
    assert decode_bytes(GERMAN.encode("cp1252")) == GERMAN


def test_cp1252_french():
    assert decode_bytes(FRENCH.encode("cp1252")) == FRENCH


def test_latin1_german_and_french():
    text = "Die Größe der Übung: Äpfel, Straße, «Zitat». L'été à Genève, ça coûte cher.\n"
    assert decode_bytes(text.encode("latin-1")) == text


def test_bytes_cp1252_leaves_undefined_fall_back_to_latin1():
    data = "Die Größe der Übung: Äpfel, Straße.".encode("latin-1") + b"\x81" + b" Ende."
    assert decode_bytes(data) == "Die Größe der Übung: Äpfel, Straße.\x81 Ende."


def test_utf8_with_and_without_bom():
    assert decode_bytes(GERMAN.encode("utf-8")) == GERMAN
    assert decode_bytes(codecs.BOM_UTF8 + GERMAN.encode("utf-8")) == GERMAN


def test_utf16_with_bom():
    assert decode_bytes(GERMAN.encode("utf-16")) == GERMAN


def test_declared_charset_is_used_for_other_scripts():
    russian = "Президент России прибыл в Пхеньян с государственным визитом."
    assert decode_bytes(russian.encode("koi8-r"), declared="koi8-r") == russian


def test_newlines_and_composition_are_normalised():
    assert normalise_text("\ufeffZeile eins\r\nZeile zwei\rDrei") == "Zeile eins\nZeile zwei\nDrei"
    assert normalise_text("Pjo\u0308ngjang") == "Pjöngjang"


def test_a_nul_character_is_dropped_from_text_but_marks_a_whole_input_as_binary():
    assert normalise_text("Der Kreml\x00 bestätigte\x00\x00 das Treffen.") == "Der Kreml bestätigte das Treffen."
    with pytest.raises(NotText, match="NUL"):
        decode_bytes(codecs.BOM_UTF16_LE + "Text\x00mit NUL".encode("utf-16-le"))


def test_binary_is_refused_with_a_reason():
    with pytest.raises(NotText, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NotText, match="binary"):
        decode_bytes(bytes(range(1, 32)) * 10)


def test_forced_encoding_that_does_not_fit_says_what_to_do():
    with pytest.raises(NotText, match="leave the encoding unset"):
        decode_bytes("Größe".encode("utf-8"), encoding="ascii")


@given(st.binary(max_size=400))
def test_decoding_gives_text_or_a_reason(data):
    try:
        text = decode_bytes(data)
    except NotText as reason:
        assert str(reason)
    else:
        assert "\r" not in text and "\x00" not in text


# Any code point, lone surrogates included, and often what normalising changes.
ANY_TEXT = st.text(st.characters(exclude_categories=()) | st.sampled_from("\ufeff\r\n\u0308\u0301e\ud800\udc00€„"))


def _normalise_text_before(text: str) -> str:
    """normalise_text as it was before it returned its UTF-8 too: the reference."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    return unicodedata.normalize("NFC", text)


@given(ANY_TEXT)
def test_normalised_utf8_is_normalise_text_with_its_utf8(text):
    normalised, utf8 = normalised_utf8(text)
    assert normalised == normalise_text(text) == _normalise_text_before(text)
    assert utf8 is None or utf8 == normalised.encode("utf-8")
