"""The timeline: dated events in date order with their support, background dates included, inferred marked."""
from __future__ import annotations

from newsdesk.compare.sections import story_sections
from tests.compare.stories import article

DATED = article("a.txt", "Die Ministerin reist am Dienstag nach Kiel und besucht dort die Werft. "
                         "Zuletzt war sie im Jahr 2019 in der Stadt.\n\n"
                         "Im September hatte die Werft einen Großauftrag der Marine erhalten.", "2025-05-12")
UNDATED = article("b.txt", "Am Dienstag wird die Ministerin die Werft in Kiel besuchen, teilte ihr Ministerium mit. "
                           "Die Werft beschäftigt rund 2.800 Menschen.", None)
TEXTS = {a.id: a.text for a in (DATED, UNDATED)}


def timeline():
    return story_sections([DATED, UNDATED])["timeline"]


def test_entries_are_in_date_order_and_each_support_points_at_its_sentence():
    entries = timeline()
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    for entry in entries:
        assert entry["text"] in {TEXTS[s["article"]][s["start"]:s["end"]] for s in entry["support"]}


def test_one_event_told_by_two_articles_is_one_entry_with_both_and_marked_by_its_own_date():
    [visit] = [e for e in timeline() if e["date"] == "2025-05-13"]
    assert {s["article"] for s in visit["support"]} == {DATED.id, UNDATED.id}
    assert visit["inferred"] is False  # one of the two has its own date


def test_background_dates_are_on_the_timeline_at_their_precision():
    dates = {e["date"] for e in timeline()}
    assert "2019" in dates and "2024-09" in dates


def test_an_undated_article_alone_gets_inferred_dates_from_the_story():
    entries = story_sections([UNDATED, article("c.txt", "Die Werft in Kiel meldete am Montag volle Auftragsbücher "
                                                        "bis zum Jahr 2030.", "2025-05-12")])["timeline"]
    visit = next(e for e in entries if "Ministerin" in e["text"])
    assert visit["date"] == "2025-05-13" and visit["inferred"] is True


def test_a_list_of_days_is_on_the_timeline_on_each_of_them():
    trip = article("d.txt", "Die Ministerin besucht am 19. und 20. Mai die Häfen in Kiel und Rostock.", "2025-05-12")
    entries = story_sections([trip])["timeline"]
    assert [e["date"] for e in entries] == ["2025-05-19", "2025-05-20"]
    assert entries[0]["support"] == entries[1]["support"]
