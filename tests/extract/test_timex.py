"""Time expressions: finding them in de/en/fr and normalising them against a fixed reference date."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract.timex import (
    Reference,
    Timex,
    article_reference,
    find_timexes,
    story_reference,
)

TUESDAY = Reference("2024-06-18")            # the article's own date, a Tuesday
INFERRED = Reference("2024-06-18", inferred=True)


def only(text: str, language: str = "de", reference: Reference | None = TUESDAY, **kw) -> Timex:
    found = find_timexes(text, language, reference, **kw)
    assert len(found) == 1, found
    return found[0]


def by_text(text: str, language: str = "de", reference: Reference | None = TUESDAY) -> dict[str, Timex]:
    return {t.text: t for t in find_timexes(text, language, reference)}


# ---- German -------------------------------------------------------------------------------------

def test_weekday_with_part_of_day_in_future_clause():
    t = only("Nach Angaben aus dem Kreml wird Putin am Dienstagabend in Pjöngjang eintreffen.")
    assert (t.text, t.value, t.date, t.kind) == ("Dienstagabend", "2024-06-18TEV", "2024-06-18", "date")
    assert t.anchored and not t.inferred


@pytest.mark.parametrize("sentence, expected", [
    ("Der Minister sagte am Donnerstag, die Lage sei ernst.", "2024-06-13"),     # past tense: the last one
    ("Der Minister wird am Donnerstag nach Hanoi reisen.", "2024-06-20"),        # future: the coming one
    ("Das teilte der Kreml am Montag mit.", "2024-06-17"),
    ("Putin reist am Dienstag nach Nordkorea.", "2024-06-18"),                   # the reference day itself
])
def test_weekday_follows_the_tense(sentence, expected):
    assert only(sentence).value == expected


def test_weekday_with_local_time_note():
    t = only('"Wir wissen das", sagte John Kirby am Montag (Ortszeit) in Washington.')
    assert t.text == "Montag (Ortszeit)" and t.value == "2024-06-17"


def test_day_list_gives_each_day():
    t = only("Anschließend wird der Präsident am 19. und 20. Juni Vietnam besuchen.", reference=INFERRED)
    assert t.values == ("2024-06-19", "2024-06-20") and t.value == "2024-06-19/2024-06-20"
    assert t.inferred and t.parts == ((t.start, t.start + 3), (t.start + 8, t.end))


def test_weekday_list_gives_consecutive_days():
    t = only("Bei seinem Besuch in Vietnam am Donnerstag und Freitag will er die Partnerschaft vertiefen.")
    assert t.values == ("2024-06-20", "2024-06-21")
    past = only("Er war am Donnerstag und Freitag in Hanoi.")
    assert past.values == ("2024-06-13", "2024-06-14")


def test_day_range_with_bis():
    t = only("Die Messe findet vom 8. bis 10. Mai 2025 statt.")
    assert t.values == ("2025-05-08", "2025-05-09", "2025-05-10")


@pytest.mark.parametrize("sentence, expected", [
    ("Kim und Putin hatten sich bereits im September getroffen.", "2023-09"),   # past: last September
    ("Im September wird Kim nach Moskau reisen.", "2024-09"),                    # future: the coming one
    ("Im Juni war es heiß.", "2024-06"),                                          # the reference month
    ("Bereits im März hatte er gewarnt.", "2024-03"),
    ("Im Januar soll die Brücke fertig werden.", "2025-01"),
])
def test_month_without_year_takes_the_year_the_tense_implies(sentence, expected):
    assert only(sentence).value == expected


def test_ago_expressions():
    assert only("Er war vor 24 Jahren zuletzt dort.").value == "2000"
    almost = only("Er war zuletzt vor fast einem Vierteljahrhundert dort.")
    assert almost.value == "2000" and almost.mod == "APPROX" and almost.text == "vor fast einem Vierteljahrhundert"


def test_since_duration_keeps_its_start():
    t = only("Der Konflikt dauert seit mehr als zwei Jahren an.")
    assert (t.kind, t.value, t.mod, t.anchor) == ("duration", "P2Y", "MORE_THAN", "2022")
    first = only("Es ist sein erster Besuch seit 24 Jahren.")
    assert first.anchor == "2000" and first.offset == "-P24Y"


def test_relative_weeks_months_and_days():
    found = by_text("Das Pentagon hatte letzte Woche gewarnt, letzten Monat gab es Gespräche, gestern auch.")
    assert found["letzte Woche"].value == "2024-W24"
    assert found["letzten Monat"].value == "2024-05"
    assert found["gestern"].value == "2024-06-17"


def test_years_decades_centuries():
    found = by_text("Seit den 1950er Jahren sind sie verbunden; im Jahr 2000 traf er Kim, im 20. Jahrhundert nie.")
    assert found["den 1950er Jahren"].value == "195"
    assert found["Jahr 2000"].value == "2000"
    assert found["20. Jahrhundert"].value == "19"


def test_counts_are_not_years():
    assert find_timexes("Die Armee griff mit 1500 Panzern und über 2000 Soldaten an.", "de", TUESDAY) == []


def test_durations_and_sets():
    found = by_text("Ein zweitägiger Besuch, mehrere Tage Pause, jahrzehntelang Streit, täglich Gespräche, zwei Jahre.")
    assert found["zweitägiger"].value == "P2D"
    assert found["mehrere Tage"].value == "PXD"
    assert found["jahrzehntelang"].value == "PXDE"
    assert found["täglich"].kind == "set"
    assert found["zwei Jahre"].value == "P2Y"


def test_clock_time_on_the_date_mentioned():
    found = by_text("Am 1. September 1939 um 4:45 Uhr begann der Angriff.")
    assert found["4:45 Uhr"].value == "1939-09-01T04:45" and found["4:45 Uhr"].kind == "time"


# ---- English and French ------------------------------------------------------------------------

@pytest.mark.parametrize("language, sentence, expected", [
    ("en", "The minister said last Thursday that talks had failed.", "2024-06-13"),
    ("en", "He said on Thursday that the plan was dead.", "2024-06-13"),
    ("en", "He will travel to Hanoi on Thursday.", "2024-06-20"),
    ("en", "The deal was signed on June 19, 2023.", "2023-06-19"),
    ("en", "Kim had visited Russia in September.", "2023-09"),
    ("en", "The election will be held in September.", "2024-09"),
    ("en", "They last met 24 years ago.", "2000"),
    ("en", "Talks stalled last week.", "2024-W24"),
    ("fr", "Le ministre a déclaré jeudi dernier que rien n'était décidé.", "2024-06-13"),
    ("fr", "Il se rendra au Vietnam jeudi.", "2024-06-20"),
    ("fr", "Poutine était arrivé le 17 juin.", "2024-06-17"),
    ("fr", "Poutine était arrivé le 19 juin.", "2023-06-19"),       # past tense, after the reference
    ("fr", "Ils se sont rencontrés en septembre.", "2023-09"),
    ("fr", "Il y a 24 ans, il était déjà venu.", "2000"),
    ("fr", "La semaine dernière, le Pentagone a accusé Moscou.", "2024-W24"),
])
def test_english_and_french(language, sentence, expected):
    assert only(sentence, language).value == expected


def test_english_and_french_lists_and_decades():
    assert only("He visits Vietnam on June 19 and 20.", "en").values == ("2024-06-19", "2024-06-20")
    assert only("Il visitera le Vietnam les 19 et 20 juin.", "fr").values == ("2024-06-19", "2024-06-20")
    assert only("Ties go back to the 1950s.", "en").value == "195"
    assert only("Les liens remontent aux années 1950.", "fr").value == "195"
    assert only("Il sera là mardi soir.", "fr").value == "2024-06-18TEV"
    since = only("Fighting has gone on for the past two years.", "en")
    assert since.value == "P2Y" and since.anchor == "2022"
    assert only("Les combats durent depuis plus de deux ans.", "fr").mod == "MORE_THAN"
    found = by_text("On Friday, May 3, 2013 at 10:03pm the Daily News said so.", "en")
    assert found["Friday, May 3, 2013"].value == "2013-05-03"
    assert found["10:03pm"].value == "2013-05-03T22:03" and "Daily" not in found


@pytest.mark.parametrize("language, sentence, text, value", [
    # parts of days, in both tenses
    ("en", "Putin will arrive on Tuesday evening.", "Tuesday evening", "2024-06-18TEV"),
    ("en", "He arrived on Tuesday evening.", "Tuesday evening", "2024-06-18TEV"),
    ("fr", "Il est arrivé mardi soir.", "mardi soir", "2024-06-18TEV"),
    # lists of weekdays, both tenses
    ("en", "He was in Hanoi on Thursday and Friday.", "Thursday and Friday", "2024-06-13/2024-06-14"),
    ("en", "He visits Hanoi on Thursday and Friday.", "Thursday and Friday", "2024-06-20/2024-06-21"),
    ("fr", "Il sera au Vietnam jeudi et vendredi.", "jeudi et vendredi", "2024-06-20/2024-06-21"),
    ("fr", "Il était à Hanoï jeudi et vendredi.", "jeudi et vendredi", "2024-06-13/2024-06-14"),
    # months without a year: the tense decides, also in the passé composé with être and the conditional
    ("fr", "Les élections auront lieu en septembre.", "septembre", "2024-09"),
    ("fr", "Ils se sont vus en septembre.", "septembre", "2023-09"),
    ("fr", "Il a dit qu'il viendrait le 19 juin.", "19 juin", "2024-06-19"),
    ("en", "He said he would come on June 19.", "June 19", "2024-06-19"),
    # the local-time note
    ("en", "John Kirby said on Monday (local time) in Washington.", "Monday (local time)", "2024-06-17"),
    ("fr", "John Kirby a déclaré lundi (heure locale) à Washington.", "lundi (heure locale)", "2024-06-17"),
    # relative months and years
    ("en", "Talks failed last month.", "last month", "2024-05"),
    ("fr", "Le mois dernier, les discussions ont échoué.", "Le mois dernier", "2024-05"),
    ("fr", "L'an dernier, il était venu.", "L'an dernier", "2023"),
])
def test_english_and_french_cases_of_the_german_ones(language, sentence, text, value):
    found = by_text(sentence, language)
    assert found[text].value == value


def test_english_and_french_quarter_century_durations_and_sets():
    for language, sentence in (("en", "He last came nearly a quarter of a century ago."),
                               ("fr", "Il était venu il y a près d'un quart de siècle.")):
        t = only(sentence, language)
        assert (t.value, t.mod) == ("2000", "APPROX")
    assert only("A two-day visit is planned.", "en").value == "P2D"
    assert only("A 24-hour strike began.", "en").value == "PT24H"
    assert find_timexes("A five-year-old boy was hurt.", "en", TUESDAY) == []
    assert only("Une visite de deux jours est prévue.", "fr").value == "P2D"
    assert only("Talks are held daily.", "en").kind == "set"
    assert only("Ils se réunissent quotidiennement.", "fr").kind == "set"


def test_a_count_after_an_event_is_a_duration_not_a_date():
    t = only("He came 24 years after his last visit.", "en")
    assert (t.kind, t.value) == ("duration", "P24Y")
    assert only("Deux jours avant le sommet, il a parlé.", "fr").kind == "duration"
    assert only("Two days later he left.", "en").value == "2024-06-20"


def test_english_and_french_without_reference_stay_relative():
    for language, sentence, weekday, day in (
            ("en", "He said on Thursday he would come on June 19.", "Thursday", "June 19"),
            ("fr", "Il a dit jeudi qu'il viendrait le 19 juin.", "jeudi", "19 juin")):
        found = by_text(sentence, language, reference=None)
        assert found[weekday].value == "XXXX-WXX-4" and not found[weekday].anchored
        assert found[day].value == "XXXX-06-19" and not found[day].anchored
        month_ref = {t.text: t for t in find_timexes(sentence, language, Reference("2024-06"))}
        assert not month_ref[weekday].anchored
    ago = only("They met 24 years ago.", "en", reference=None)
    assert ago.value == "PAST_REF" and ago.offset == "-P24Y" and not ago.anchored


@pytest.mark.parametrize("sentence, expected", [
    ("Posted: Nov 27, 2005 8:20 AM ET", "2005-11-27"),          # datelines abbreviate without a full stop
    ("Published 28 Nov 2005, updated later.", "2005-11-28"),
    ("APR 28 - The agency said so.", "2024-04-28"),             # capitals; the year from the reference
    ("The talks ended in Dec 2008.", "2008-12"),
    ("Updated 11/27/2005 at noon.", "2005-11-27"),               # US order: 27 cannot be a month
    ("Posted 27/11/2005 at noon.", "2005-11-27"),                # day first: 27 cannot be a month either
    ("Posted 04/28/09", "2009-04-28"),
])
def test_english_datelines_with_short_months_and_numbers(sentence, expected):
    dates = [t for t in find_timexes(sentence, "en", TUESDAY) if t.kind == "date"]
    assert [t.value for t in dates] == [expected]


def test_short_months_need_a_number_and_numeric_dates_must_be_unambiguous():
    assert find_timexes("Nothing could mar the evening; Jan Ullrich won.", "en", TUESDAY) == []
    assert [t.value for t in find_timexes("Filed 04/05/2009.", "en", TUESDAY)] == ["2009"]  # April 5 or 4 May


# ---- nothing invented ---------------------------------------------------------------------------

def test_without_reference_values_stay_underspecified():
    found = by_text("Er sagte am Donnerstag, er komme am 19. Juni, vor 24 Jahren war er schon einmal da.", reference=None)
    assert found["Donnerstag"].value == "XXXX-WXX-4" and not found["Donnerstag"].anchored
    assert found["19. Juni"].value == "XXXX-06-19" and not found["19. Juni"].anchored
    ago = found["vor 24 Jahren"]
    assert ago.value == "PAST_REF" and ago.offset == "-P24Y" and not ago.anchored and ago.date is None


def test_month_only_reference_anchors_months_but_not_weekdays():
    month_ref = Reference("2024-06")
    assert only("Im September hatten sie sich getroffen.", reference=month_ref).value == "2023-09"
    weekday = only("Er sagte am Donnerstag, es sei ernst.", reference=month_ref)
    assert weekday.value == "XXXX-WXX-4" and not weekday.anchored


def test_narrative_anchors_on_the_last_date():
    text = "Am 6. Juni 1944 landeten die Alliierten. Zwei Tage später fiel Bayeux. Im Juli erreichten sie Caen."
    found = {t.text: t.value for t in find_timexes(text, "de", Reference("2011-02-16"), narrative=True)}
    assert found == {"6. Juni 1944": "1944-06-06", "Zwei Tage später": "1944-06-08", "Juli": "1944-07"}


# ---- references ---------------------------------------------------------------------------------

def test_story_reference_prefers_a_full_date_and_marks_it_inferred():
    assert story_reference(["2024-06", None, "2024-06-18", "2024-06-19T08:00:00+02:00"]) == INFERRED
    assert story_reference(["2024-06", "2024-06", None]) == Reference("2024-06", inferred=True)
    assert story_reference([None, None]) is None
    assert article_reference("2024-06-17", ["2024-06-18"]) == Reference("2024-06-17")
    assert article_reference("2024-06", ["2024-06", "2024-06-18"]) == INFERRED
    with pytest.raises(ValueError, match="ISO date"):
        Reference("18 Jun 2024")


# ---- properties ---------------------------------------------------------------------------------

WEEKDAY_NAMES = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
       weekday=st.integers(0, 6), future=st.booleans())
def test_weekday_lands_within_a_week_in_the_tense_direction(day, weekday, future):
    verb = "wird am {} kommen" if future else "kam am {}"
    t = only("Er " + verb.format(WEEKDAY_NAMES[weekday]) + ".", reference=Reference(day.isoformat()))
    resolved = dt.date.fromisoformat(t.value)
    assert resolved.isoweekday() == weekday + 1
    delta = (resolved - day).days
    assert (0 <= delta < 7) if future else (-7 < delta <= 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("abc ÄMJ19.,-0 ") + ["Juni ", "am ", "Montag ", "2024 ", "vor ", "Jahren ",
                                                          "und ", "20. ", "später ", "seit "]), max_size=30).map("".join))
def test_spans_are_exact_ordered_disjoint_and_deterministic(text):
    first = find_timexes(text, "de", TUESDAY)
    assert first == find_timexes(text, "de", TUESDAY)
    previous_end = 0
    for t in first:
        assert text[t.start:t.end] == t.text and t.start >= previous_end
        previous_end = t.end
        assert t.kind in ("date", "time", "duration", "set")
        if t.anchored and t.kind == "date" and not t.value.endswith("_REF"):
            assert re.match(r"(?:BC)?\d", t.value)


# ---- the seeds (read from ../shared at run time) ------------------------------------------------

def _seed_text(path) -> tuple[str, str | None]:
    """The body of a seed file and its own date, skipping the header lines the reader would remove."""
    raw = path.read_text(encoding="utf-8")
    prefix = re.match(r"\s*date (\d{4}-\d{2}(?:-\d{2})?) ", raw)
    if prefix:
        return raw[prefix.end():], prefix.group(1)
    lines = raw.split("\n")
    for index, line in enumerate(lines[:6]):
        parsed = re.fullmatch(r"(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* (\d{4})", line.strip())
        if parsed:
            month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split().index(parsed.group(2)) + 1
            return "\n".join(lines[index + 2:]), f"{parsed.group(3)}-{month:02d}-{int(parsed.group(1)):02d}"
    return raw, None


@pytest.mark.shared
def test_seed_story_dates(seeds_dir):
    articles = {path.name[:3]: _seed_text(path) for path in sorted(seeds_dir.glob("*.txt"))}
    if len(articles) < 5:
        pytest.skip("expected the five seed articles")
    story_dates = [published for _, published in articles.values()]
    assert story_reference(story_dates) == INFERRED
    found = {}
    for key, (text, published) in articles.items():
        found[key] = find_timexes(text, "de", article_reference(published, story_dates))

    def dates_of(key, pattern):
        return [t for t in found[key] if re.search(pattern, t.text)]

    # the arrival: "am Dienstagabend" (000 inferred from the story, 001 its own date)
    for key, inferred in (("000", True), ("001", False)):
        (arrival,) = dates_of(key, "Dienstagabend")
        assert arrival.date == "2024-06-18" and arrival.inferred is inferred
    # the Vietnam visit: 003 "19. und 20. Juni", 004 "Donnerstag und Freitag"
    (vietnam_003,) = dates_of("003", r"19\. und 20\. Juni")
    assert vietnam_003.values == ("2024-06-19", "2024-06-20") and vietnam_003.inferred
    (vietnam_004,) = dates_of("004", "Donnerstag und Freitag")
    assert vietnam_004.values == ("2024-06-20", "2024-06-21") and vietnam_004.inferred
    # Kim's trip to Russia: "im September" (004, 002) and "September 2023" (003)
    for key in ("002", "003", "004"):
        assert {t.value for t in dates_of(key, "September")} == {"2023-09"}
    # the earlier visit: "im Jahr 2000", "seit 24 Jahren", "vor fast einem Vierteljahrhundert"
    assert [t.value for t in dates_of("000", "2000")] == ["2000"]
    assert [t.value for t in dates_of("004", "2000")] == ["2000"]
    assert [t.anchor for t in dates_of("001", "24 Jahren")] == ["2000"]
    assert [t.value for t in dates_of("003", "Vierteljahrhundert")] == ["2000"]
    assert [t.value for t in dates_of("004", "1950er")] == ["195"]


def test_reported_future_keeps_the_past_of_the_saying():
    """The cue before the expression wins a tie: "said on Thursday he would" is last Thursday."""
    found = by_text("He said on Thursday he would come on June 19.", "en")
    assert (found["Thursday"].value, found["June 19"].value) == ("2024-06-13", "2024-06-19")
    found = by_text("Il a dit jeudi qu'il viendrait le 19 juin.", "fr")
    assert (found["jeudi"].value, found["19 juin"].value) == ("2024-06-13", "2024-06-19")


def test_deictic_days_at_the_start_of_a_sentence():
    assert only("Gestern hat der Kreml den Besuch bestätigt.").value == "2024-06-17"
    found = by_text("Heute und morgen regnet es.")
    assert (found["Heute"].value, found["morgen"].value) == ("2024-06-18", "2024-06-19")
    assert only("Am Morgen kam er an.").value == "2024-06-18TMO"  # "Morgen" the noun is a part of the day


@pytest.mark.parametrize("language, text", [
    ("de", "Sie kämpfen gegen den Feind, gestern und morgen, und sie bleiben standhaft."),
    ("de", "Das gilt gestern, heute und morgen."),
    ("en", "They stood with us yesterday and tomorrow."),
    ("fr", "Ils étaient nos alliés hier et demain."),
])
def test_yesterday_and_tomorrow_together_mean_always_not_a_day(language, text):
    assert find_timexes(text, language, TUESDAY) == []


@pytest.mark.shared
def test_seed_story_dates_through_the_reader_and_cleaner(seeds_dir):
    """The same figures from what the pipeline sees: the cleaned text and the date the reader parsed."""
    from newsdesk.clean import clean
    from newsdesk.config import Settings
    from newsdesk.ingest import read_file

    settings = Settings()
    articles = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        for raw in read_file(path, settings.read):
            if hasattr(raw, "raw"):
                articles[path.name[:3]] = clean(raw, settings.clean)
    if len(articles) < 5:
        pytest.skip("expected the five seed articles")
    story_dates = [a.published for a in articles.values()]
    values: dict[str, list[Timex]] = {
        key: find_timexes(a.text, a.language, article_reference(a.published, story_dates)) for key, a in articles.items()}

    def dated(key, pattern):
        return [t for t in values[key] if re.search(pattern, t.text)]

    assert {t.date for key in ("000", "001") for t in dated(key, "Dienstagabend")} == {"2024-06-18"}
    assert [t.values for t in dated("003", r"19\. und 20\. Juni")] == [("2024-06-19", "2024-06-20")]
    assert [t.values for t in dated("004", "Donnerstag und Freitag")] == [("2024-06-20", "2024-06-21")]
    assert all(t.inferred for key in ("003", "004") for t in values[key] if t.anchored and t.kind == "date"
               and not t.value.endswith("_REF") and re.match(r"\d{4}-\d{2}-\d{2}", t.value))
    assert {t.value for key in ("002", "003", "004") for t in dated(key, "September")} == {"2023-09"}
    assert {t.value for t in dated("000", "2000") + dated("004", "2000") + dated("003", "Vierteljahrhundert")} == {"2000"}
    assert [t.anchor for t in dated("001", "24 Jahren")] + [t.anchor for t in dated("002", "24 Jahren")] == ["2000", "2000"]
