"""Conflicting values between claims: dates, weekdays, numbers, counts, places, and the look-alikes that agree."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from newsdesk.compare.claims import story_claims
from newsdesk.compare.conflicts import interval, quantities_agree, restatement_conflict
from newsdesk.extract.numbers import find_numbers

from .stories import article


def claims_of(a_text: str, b_text: str, published: str = "2025-03-11", language: str = "de"):
    a = article("a.txt", a_text, published, language)
    b = article("b.txt", b_text, published, language)
    found = story_claims([a, b], {})
    by_article = {c.article: c for c in found}
    return by_article[a.id], by_article[b.id]


def conflict(a_text: str, b_text: str, **kwargs):
    a, b = claims_of(a_text, b_text, **kwargs)
    return restatement_conflict(a, b, {}, lambda x, y: False)


@pytest.mark.parametrize("a_text, b_text, kind, named", [
    ("Die Ministerin eröffnet am 14. März die neue Brücke über die Weser.",
     "Die Ministerin eröffnet am 16. März die neue Brücke über die Weser.", "date", "14. März"),
    ("Die Ministerin eröffnet am 14. März die neue Brücke über die Weser.",
     "Die Ministerin eröffnet am Samstag die neue Brücke über die Weser.", "weekday", "Friday"),
    ("Beim Brand in der Lagerhalle wurden drei Arbeiter verletzt.",
     "Beim Brand in der Lagerhalle wurden fünf Arbeiter verletzt.", "number", "fünf"),
    ("Bei dem Unglück im Bergwerk kamen 14 Menschen ums Leben, teilte die Polizei mit.",
     "Bei dem Unglück im Bergwerk kamen 41 Menschen ums Leben, teilte die Polizei mit.", "count", "41"),
    ("Der Streik kostete den Hafenbetreiber 2,4 Millionen Euro am Tag.",
     "Der Streik kostete den Hafenbetreiber 4,2 Millionen Euro am Tag.", "number", "4,2"),
    ("Mindestens 89 Menschen starben bei dem Anschlag auf das Konzert.",
     "Mindestens 130 Menschen starben bei dem Anschlag auf das Konzert.", "count", "130"),
    ("The minister will open the new bridge on March 14, officials said.",
     "The minister will open the new bridge on March 17, officials said.", "date", "March 17"),
    ("Le ministre inaugurera le pont le 14 mars, selon la préfecture.",
     "Le ministre inaugurera le pont le 18 mars, selon la préfecture.", "date", "18 mars"),
])
def test_a_changed_value_in_the_same_statement_is_a_conflict_that_names_it(a_text, b_text, kind, named):
    language = "en" if a_text.startswith("The") else "fr" if a_text.startswith("Le ") else "de"
    found = conflict(a_text, b_text, language=language)
    assert found is not None and found.kind == kind
    assert named in found.reason


@pytest.mark.parametrize("a_text, b_text", [
    ("Mehr als 11.000 Container konnten im Hafen nicht verladen werden.",
     "Rund 11.500 Container konnten im Hafen nicht verladen werden."),
    ("Die Arbeitslosenquote stieg im Februar auf 3,47 Prozent.",
     "Die Arbeitslosenquote stieg im Februar auf rund 3,5 Prozent."),
    ("Der neue Tunnel ist 1,5 Kilometer lang und kostet 2 Millionen Euro.",
     "Der neue Tunnel ist 1500 Meter lang und kostet 2.000.000 Euro."),
    ("Die Ministerin eröffnet am 14. März die neue Brücke über die Weser.",
     "Die Ministerin eröffnet am Freitag die neue Brücke über die Weser."),
    ("Die Ministerin eröffnet am 14. März die neue Brücke über die Weser.",
     "Die Ministerin eröffnet am 14.3. die neue Brücke über die Weser."),
    ("Bislang wurden mehr als 20 Tote geborgen, sagte ein Sprecher.",
     "Bislang wurden 27 Tote geborgen, sagte ein Sprecher."),
    ("Die Reparatur dauert zwischen 10 und 20 Minuten, sagte der Techniker.",
     "Die Reparatur dauert rund 13 Minuten, sagte der Techniker."),
    ("Dort hielten sich drei ihrer 6 Kinder auf, als das Feuer ausbrach.",
     "Dort hielten sich drei ihrer sechs Kinder auf, als das Feuer ausbrach."),
    ("Ein Jahr später legte der Gutachter seinen Bericht vor.",
     "Ein Jahr später legte der Gutachter seinen Bericht vor."),
])
def test_consistent_statements_in_other_words_are_no_conflict(a_text, b_text):
    assert conflict(a_text, b_text) is None


@pytest.mark.parametrize("a_text, b_text", [
    ("Damage to the church was estimated at $1 million (€0.92 million), the fire chief said.",
     "Damage to the church was estimated at $1 million, the fire chief said."),
    ("The three victims were taken to the county hospital on Tuesday night.",
     "The two other victims were taken to the county hospital on Tuesday night."),
    ("The 15,800-square-metre warehouse houses several firms, the fire chief said.",
     "The 170,000-square-foot warehouse houses several firms, the fire chief said."),
    ("Anyone with information is asked to call police on 0800 555 111, a spokesman said.",
     "Anyone with information is asked to call police on 0800 555111, a spokesman said."),
    ("The quake killed at least three people and damaged dozens of houses, officials said.",
     "The quake killed 10 people and damaged dozens of houses, officials said."),
])
def test_datelines_conversions_parts_and_lower_bounds_are_no_conflict(a_text, b_text):
    assert conflict(a_text, b_text, language="en") is None


def test_datelines_and_update_lines_are_not_compared():
    body = "The river burst its banks in the valley on Monday night, and hundreds of homes were flooded."
    a = article("a.txt", f"{body}\n\n11 March 2025 Last updated at 13:42 GMT", "2025-03-11", "en")
    b = article("b.txt", f"{body}\n\n10 March 2025 Last updated at 09:15 GMT", "2025-03-10", "en")
    from newsdesk.compare.sections import story_sections

    assert not [c for f in story_sections([a, b])["facts"] for c in f["conflicts"]]


def test_a_weekday_agrees_with_the_date_of_that_name_whatever_year_the_tense_suggests():
    # said on 21 May 2016 in the past tense about an election on Sunday 22 May 2016
    assert conflict("Für die Wahl am 22. Mai zeigte sich der Kandidat zuversichtlich.",
                    "Für die Wahl am Sonntag zeigte sich der Kandidat zuversichtlich.",
                    published="2016-05-21") is None


def _quantity(text: str):
    return find_numbers(text, "de")[0]


@given(st.integers(min_value=1, max_value=10**7))
def test_a_number_always_agrees_with_itself_and_its_rounding(value):
    exact = _quantity(f"{value:,} Euro".replace(",", "."))
    assert quantities_agree(exact, "de", 1.0, exact, "de", 1.0)
    magnitude = 10 ** max(0, len(str(value)) - 2)
    rounded = _quantity(f"rund {round(value / magnitude) * magnitude:,} Euro".replace(",", "."))
    assert quantities_agree(exact, "de", 1.0, rounded, "de", 1.0)
    assert quantities_agree(rounded, "de", 1.0, exact, "de", 1.0)


@given(st.integers(min_value=10, max_value=10**6), st.floats(min_value=1.4, max_value=5.0))
def test_numbers_far_apart_never_agree(value, factor):
    a = _quantity(f"{value} Container")
    b = _quantity(f"{int(value * factor) + 1} Container")
    assert not quantities_agree(a, "de", 1.0, b, "de", 1.0)
    low, high = interval(a, "de")
    assert low <= a.value <= high
