"""Quantities with unit and modifier in de/en/fr, as data the facts stage can compare."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract.numbers import Quantity, find_numbers, parse_digits, parse_number_word


def only(text: str, language: str = "de") -> Quantity:
    found = find_numbers(text, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("language, text, value, unit, modifier", [
    ("de", "Nordkorea soll mehr als 11.000 Container mit Munition geliefert haben.", 11000, "Container", "more_than"),
    ("de", "Die Wirtschaft wuchs um 3,5 Prozent.", 3.5, "%", None),
    ("de", "Der Schaden beträgt 1,2 Mio. Euro.", 1_200_000, "EUR", None),
    ("de", "Der Krieg dauert seit zwei Jahren.", 2, "Jahren", None),
    ("de", "Rund 300 Soldaten wurden verlegt.", 300, "Soldaten", "about"),
    ("de", "Bis zu 40 Prozent der Ernte fehlen.", 40, "%", "at_most"),
    ("de", "Es gab mindestens vierundzwanzig Tote.", 24, "Tote", "at_least"),
    ("de", "Die Hilfe umfasst zwei Milliarden Dollar.", 2e9, "USD", None),
    ("en", "North Korea shipped more than 11,000 containers of munitions.", 11000, "containers", "more_than"),
    ("en", "Growth slowed to about 3.5 percent.", 3.5, "%", "about"),
    ("en", "The fund holds $1.2 million.", 1_200_000, "USD", None),
    ("en", "Fewer than twenty-five people attended.", 25, "people", "less_than"),
    ("fr", "Plus de 11 000 conteneurs ont été livrés.", 11000, "conteneurs", "more_than"),
    ("fr", "La croissance atteint 3,5 %.", 3.5, "%", None),
    ("fr", "Le coût s'élève à 1,2 million d'euros.", 1_200_000, "EUR", None),
])
def test_value_unit_and_modifier(language, text, value, unit, modifier):
    q = only(text, language)
    assert (q.value, q.unit, q.modifier) == (pytest.approx(value), unit, modifier)
    assert text[q.start:q.end] == q.text


def test_vague_counts_are_approximate_lower_bounds():
    q = only("Nordkorea lieferte Dutzende ballistische Raketen.")
    assert (q.text, q.unit, q.approximate, q.low, q.high) == ("Dutzende ballistische Raketen", "Raketen", True, 24, None)
    assert only("Nordkorea lieferte Dutzende von ballistischen Raketen.").unit == "Raketen"
    assert only("It fired dozens of ballistic missiles.", "en").unit == "missiles"
    assert only("Des dizaines de missiles ont été tirés.", "fr").unit == "missiles"


def test_ranges_keep_both_ends():
    q = only("Zwischen 10 und 20 Soldaten wurden verletzt.")
    assert (q.low, q.high, q.unit) == (10, 20, "Soldaten")
    assert (only("between 10 and 20 people", "en").high, only("entre 10 et 20 morts", "fr").low) == (20, 10)


def test_modifier_bounds():
    more = only("mehr als 11.000 Container")
    assert (more.low, more.high, more.approximate) == (11000, None, False)
    fewer = only("knapp 500 Menschen")
    assert (fewer.low, fewer.high, fewer.approximate) == (None, 500, True)


@pytest.mark.parametrize("language, text", [
    ("de", "Am 19. Juni 2024 traf er Kim Jong-uns 2011 verstorbenen Vater nicht mehr."),
    ("de", "Um 18:30 Uhr im Jahr 2000 begann der 2. Weltkrieg nicht."),
    ("de", "Seit den 1950er Jahren, beide Länder, über eine Brücke, die G7."),
    ("de", " date 2024-06 Nach Angaben"),
    ("en", "On June 18, 2024 both sides met; in 2000 too."),
    ("fr", "Le 19 juin 2024 à 18 h 30, en 2000."),
])
def test_dates_years_times_ordinals_and_articles_are_not_quantities(language, text):
    assert find_numbers(text, language) == []


def test_parsing_helpers():
    assert parse_digits("11.000", "de") == 11000 and parse_digits("3,5", "de") == 3.5
    assert parse_digits("11,000", "en") == 11000 and parse_digits("11\u202f000", "fr") == 11000
    assert parse_number_word("vierundzwanzig", "de") == 24
    assert parse_number_word("zweihundertfünf", "de") == 205
    assert parse_number_word("twenty-four", "en") == 24
    assert parse_number_word("quatre-vingt", "fr") == 80
    assert parse_number_word("Haus", "de") is None


@settings(max_examples=80, deadline=None)
@given(value=st.integers(min_value=1, max_value=10**9), noun=st.sampled_from(["Soldaten", "Container", "Menschen"]))
def test_german_grouped_digits_round_trip(value, noun):
    written = f"{value:,}".replace(",", ".")
    text = f"Es waren {written} {noun} vor Ort."
    quantities = find_numbers(text, "de")
    assert len(quantities) == 1
    assert quantities[0].value == value and quantities[0].unit == noun


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["mehr als ", "11.000 ", "3,5 ", "Prozent ", "zwei ", "Jahre ", "und ", "bis ",
                                 "Dutzende ", "rund ", "Euro ", "Mio. ", "x", ". ", "Juni "]), max_size=25).map("".join))
def test_spans_exact_disjoint_deterministic(text):
    found = find_numbers(text, "de")
    assert found == find_numbers(text, "de")
    previous_end = 0
    for q in found:
        assert text[q.start:q.end] == q.text and q.start >= previous_end
        previous_end = q.end
        assert q.low is None or q.high is None or q.low <= q.high


@pytest.mark.shared
def test_seed_quantities(seeds_dir):
    path = next(iter(sorted(seeds_dir.glob("002_*.txt"))), None)
    if path is None:
        pytest.skip("seed 002 not found")
    found = {q.text: q for q in find_numbers(path.read_text(encoding="utf-8"), "de")}
    containers = [q for q in found.values() if q.unit == "Container"]
    assert [(q.value, q.modifier) for q in containers] == [(11000, "more_than")]
    assert any(q.unit == "Raketen" and q.approximate for q in found.values())
    assert not any(re.fullmatch(r"20\d\d", text) for text in found)


def test_a_multiplier_shared_by_a_range_never_makes_its_low_end_the_higher():
    [q] = find_numbers("11.000 und 3,5 Mio. Euro", "de")
    assert q.low <= q.high
    [r] = find_numbers("zwischen 2 und 3 Mio. Euro", "de")
    assert (r.low, r.high) == (2_000_000, 3_000_000)
