from datetime import date, datetime

import pytest
from hypothesis import given, strategies as st

from newsdesk.ingest.dates import parse_date, parse_date_line


@pytest.mark.parametrize(
    "stated, iso",
    [
        ("2024-06", "2024-06"),
        ("2024-06-18", "2024-06-18"),
        ("2024-06-18T09:00:00+02:00", "2024-06-18T09:00:00+02:00"),
        ("2024-06-18T07:00:00Z", "2024-06-18T07:00:00+00:00"),
        ("2024-06-18 09:15", "2024-06-18T09:15"),
        ("Tue, 18 Jun 2024 09:00:00 +0200", "2024-06-18T09:00:00+02:00"),
        ("Tue, 18 Jun 2024 07:00:00 GMT", "2024-06-18T07:00:00+00:00"),
        ("18 Jun 2024", "2024-06-18"),
        ("18. Juni 2024", "2024-06-18"),
        ("Dienstag, 18. Juni 2024", "2024-06-18"),
        ("3. März 2023", "2023-03-03"),
        ("mardi 18 juin 2024", "2024-06-18"),
        ("1er août 2024", "2024-08-01"),
        ("June 18, 2024", "2024-06-18"),
        ("18.06.2024", "2024-06-18"),
        ("18.06.2024, 09:15 Uhr", "2024-06-18T09:15"),
        ("Juni 2024", "2024-06"),
    ],
)
def test_stated_dates_keep_their_precision(stated, iso):
    assert parse_date(stated) == iso


@pytest.mark.parametrize("text", ["31.02.2024", "2024-13-01", "Wladimir Putin", "12 Tote", "3 Mai 1999 bis heute", ""])
def test_what_is_not_a_real_date_gives_none(text):
    assert parse_date(text) is None


def test_date_lines_may_carry_a_label():
    assert parse_date_line("Veröffentlicht am 18.06.2024") == "2024-06-18"
    assert parse_date_line("Published: June 18, 2024") == "2024-06-18"
    assert parse_date_line("Publié le 18 juin 2024 à 09h15") == "2024-06-18T09:15"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_calendar_date_round_trips_in_every_written_form(day):
    iso = day.isoformat()
    assert parse_date(iso) == iso
    assert parse_date(day.strftime("%d.%m.%Y")) == iso
    assert parse_date(day.strftime("%d %b %Y")) == iso
    assert parse_date(day.strftime("%B %d, %Y")) == iso


@given(st.text(max_size=60))
def test_whatever_parses_is_valid_iso(text):
    stated = parse_date(text)
    if stated is not None:
        if len(stated) >= 10:
            datetime.fromisoformat(stated)
        else:
            assert stated[:4].isdigit()
