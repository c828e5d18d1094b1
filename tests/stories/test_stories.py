"""Stories: same event together, different events apart, in any language, order and batch split."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsdesk.stories import ArticleFeatures, StoryIndex, StorySettings, article_features, cluster, features_batch
from newsdesk.stories.features import day_interval, name_key, split_sentences

from .reports import TRIPLES, report, triple_articles

SETTINGS = StorySettings()


@pytest.fixture(scope="module")
def triples():
    articles, event = triple_articles()
    return articles, event, features_batch(articles, SETTINGS)


def partition(stories) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_each_event_is_one_story_in_three_languages(triples):
    articles, event, features = triples
    assert len(TRIPLES) >= 30
    index = StoryIndex(SETTINGS)
    index.add(features)
    stories = index.stories()
    expected = {frozenset(a for a in event if event[a] == n) for n in range(len(TRIPLES))}
    assert partition(stories) == expected
    for story in stories:
        assert {a.language for a in articles if a.id in story.articles} == {"de", "en", "fr"}


def test_same_actors_same_week_are_two_stories(triples):
    """Putin in Pyongyang and Putin in Hanoi a day later; North Korean missiles the month before."""
    articles, event, features = triples
    index = StoryIndex(SETTINGS)
    index.add(features)
    story_of = {a: s.id for s in index.stories() for a in s.articles}
    pyongyang = {story_of[a] for a in event if event[a] == 0}
    hanoi = {story_of[a] for a in event if event[a] == 1}
    missiles = {story_of[a] for a in event if event[a] == 2}
    assert len(pyongyang) == len(hanoi) == len(missiles) == 1
    assert len(pyongyang | hanoi | missiles) == 3


def test_the_same_quake_report_in_two_years_is_two_stories():
    text = ("Ein Erdbeben der Stärke 6,1 hat die Provinz Kermanschah im Westen Irans erschüttert. "
            "Mehrere Dörfer wurden zerstört, Rettungskräfte suchen nach Verschütteten.")
    variant = ("Ein Beben der Stärke 6,1 hat Kermanschah im Westen Irans getroffen. "
               "Mehrere Dörfer sind zerstört, Rettungskräfte suchen nach Verschütteten.")
    articles = [report(text, "de", "2017-11-12", "a"), report(variant, "de", "2017-11-13", "b"),
                report(text, "de", "2018-11-25", "c")]
    stories = cluster(articles)
    assert partition(stories) == {frozenset({articles[0].id, articles[1].id}), frozenset({articles[2].id})}


def test_undated_and_month_dates_fit_any_day_within_them():
    assert day_interval("2024-06") == (day_interval("2024-06-01")[0], day_interval("2024-06-30")[0])
    assert day_interval("2024-06-18T09:00:00+02:00") == day_interval("2024-06-18")
    assert day_interval(None) == (None, None)
    assert day_interval("2024-02-30") == (None, None)
    assert day_interval("2024")[1] - day_interval("2024")[0] == 365


def test_story_id_is_its_earliest_article_and_survives_growth(triples):
    articles, event, features = triples
    quake = sorted((f for f in features if event[f.id] == 3), key=lambda f: f.id)
    index = StoryIndex(SETTINGS)
    index.add([quake[2]])
    assert [s.id for s in index.stories()] == [quake[2].id]
    index.add([quake[0], quake[1]])
    (story,) = index.stories()
    assert story.id == min(f.id for f in quake)  # same date: the smaller id is the earliest
    assert story.articles == tuple(sorted(f.id for f in quake))
    assert story.first_seen == story.last_seen == "2023-02-06"
    if quake[2].id != story.id:
        assert index.aliases() == {quake[2].id: story.id}


def test_an_earlier_report_arriving_late_takes_over_the_id_and_leaves_an_alias():
    late = report("Ein Erdbeben der Stärke 7,4 hat Taiwan erschüttert. In Hualien stürzten Gebäude ein.",
                  "de", "2024-04-03", "late")
    first = report("A magnitude 7.4 earthquake hit Taiwan. Buildings collapsed in Hualien.",
                   "en", "2024-04-04", "first")
    index = StoryIndex(SETTINGS)
    index.add([article_features(first)])
    index.add([article_features(late)])
    (story,) = index.stories()
    assert story.id == late.id
    assert story.first_seen == "2024-04-03" and story.last_seen == "2024-04-04"
    assert index.aliases() == {first.id: late.id}


def test_adding_the_same_articles_again_changes_nothing(triples):
    _, _, features = triples
    index = StoryIndex(SETTINGS)
    index.add(features[:12])
    before, state = index.stories(), index.to_bytes()
    index.add(features[:12])
    index.add(list(reversed(features[:6])))
    assert index.stories() == before
    assert index.to_bytes() == state


@hsettings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_order_and_batch_split_gives_the_same_stories(triples, data):
    _, _, features = triples
    chosen = features[:27]  # nine events, including the hard negatives
    expected = StoryIndex(SETTINGS)
    expected.add(chosen)
    order = data.draw(st.permutations(chosen))
    cuts = sorted(data.draw(st.sets(st.integers(1, len(order) - 1), max_size=5)))
    index = StoryIndex(SETTINGS)
    for start, end in zip([0, *cuts], [*cuts, len(order)]):
        index.add(order[start:end])
    assert index.stories() == expected.stories()
    assert set(index.aliases()) <= {f.id for f in chosen}
    assert not set(index.aliases()) & {s.id for s in index.stories()}


def test_a_stored_index_resumes_as_if_never_stopped(triples):
    _, _, features = triples
    whole = StoryIndex(SETTINGS)
    whole.add(features)
    first = StoryIndex(SETTINGS)
    first.add(features[::2])
    resumed = StoryIndex.from_bytes(first.to_bytes(), SETTINGS)
    assert resumed.stories() == first.stories()
    resumed.add(features[1::2])
    assert resumed.stories() == whole.stories()


def test_features_survive_json(triples):
    _, _, features = triples
    for f in features[:6]:
        again = ArticleFeatures.from_json(json.loads(json.dumps(f.to_json())))
        assert again == f
        assert again.embedding.dtype == f.embedding.dtype


def test_title_is_taken_verbatim_from_an_article():
    with_title = report("Das Parlament in Seoul hat das Kriegsrecht aufgehoben. Präsident Yoon Suk Yeol gab nach.",
                        "de", "2024-12-04", "t", title="Seoul: Parlament kippt Kriegsrecht")
    without = report("South Korea's parliament voted to lift martial law. President Yoon Suk Yeol backed down.",
                     "en", "2024-12-04", "u")
    (story,) = cluster([with_title, without])
    assert story.title in {"Seoul: Parlament kippt Kriegsrecht", "South Korea's parliament voted to lift martial law."}
    (alone,) = cluster([without])
    assert alone.title == "South Korea's parliament voted to lift martial law."


def test_without_embeddings_same_language_reports_still_meet():
    plain = StorySettings(embedding="none")
    a = report("Die Kathedrale Notre-Dame in Paris ist nach dem Brand wiedereröffnet worden. Macron dankte den Handwerkern.",
               "de", "2024-12-07", "a")
    b = report("Notre-Dame in Paris ist fünf Jahre nach dem Brand wiedereröffnet worden. Präsident Macron dankte den Handwerkern.",
               "de", "2024-12-08", "b")
    c = report("Nordkorea hat eine Rakete ins Meer abgefeuert. Japan protestierte.", "de", "2024-12-07", "c")
    assert partition(cluster([a, b, c], plain)) == {frozenset({a.id, b.id}), frozenset({c.id})}


@pytest.mark.parametrize("changes, message", [
    ({"threshold": 1.5}, "threshold must be in (0, 1]"),
    ({"embedding": "bert"}, "embedding must be one of"),
    ({"keep_similarity": 0.5}, "keep_similarity"),
    ({"window_days": -1}, "window_days"),
    ({"weight_embedding": 0, "weight_terms": 0, "weight_entities": 0}, "at least one"),
])
def test_settings_say_what_is_wrong(changes, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        replace(StorySettings(), **changes)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüéèçï", min_size=1, max_size=12))
def test_name_keys_ignore_case_and_accents(word):
    assert name_key(word) == name_key(word.upper()) or not word.upper().isalpha()
    assert name_key(word) == name_key(word.replace("é", "e").replace("ä", "a"))


def test_sentences_split_at_end_marks_and_lines():
    text = "Putin reist nach Nordkorea. Das teilte der Kreml mit.\nKim empfängt ihn am Flughafen."
    assert split_sentences(text) == ["Putin reist nach Nordkorea.", "Das teilte der Kreml mit.",
                                     "Kim empfängt ihn am Flughafen."]


@pytest.mark.shared
def test_the_seed_reports_are_one_story(seeds_dir):
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
    articles = [report(t, "de", None, name) for name, t in texts.items()]
    (story,) = cluster(articles)
    assert story.title in {a.title or a.text.split("\n")[0] for a in articles} or any(
        story.title in a.text for a in articles)


def test_a_stored_index_refuses_other_settings(triples):
    _, _, features = triples
    index = StoryIndex(SETTINGS)
    index.add(features[:3])
    with pytest.raises(ValueError, match=r"threshold: 0.4 -> 0.5.*drop the stored state"):
        StoryIndex.from_bytes(index.to_bytes(), replace(SETTINGS, threshold=0.5, cross_lingual_threshold=0.5))


def test_fits_tells_from_the_head_alone_whether_a_stored_index_takes_these_settings(triples):
    from newsdesk.stories.index import fits

    _, _, features = triples
    index = StoryIndex(SETTINGS)
    index.add(features[:3])
    stored = index.to_bytes()
    assert fits(stored, SETTINGS)
    assert not fits(stored, replace(SETTINGS, threshold=0.5, cross_lingual_threshold=0.5))
    assert StoryIndex.from_bytes(stored, SETTINGS).stories() == index.stories()


def test_features_do_not_depend_on_the_batch(triples):
    articles, _, features = triples
    alone = [article_features(a, SETTINGS) for a in articles[:6]]
    assert alone == features[:6]
    assert features_batch(list(reversed(articles[:6])), SETTINGS) == list(reversed(features[:6]))


def test_an_untitled_article_is_headlined_by_its_url_slug():
    from newsdesk.stories.features import url_slug

    assert url_slug("https://example.org/ausland/putin-trifft-kim-in-pjoengjang-100.html") == "putin trifft kim in pjoengjang"
    assert url_slug("https://example.org/story?id=2066717") is None
    assert url_slug("https://example.org/2024/06/19/") is None


def test_odd_input_still_gives_one_story_per_article():
    empty = report("", "de", None, "empty")
    unknown = report("Hallo Welt. Noch ein Satz.", "xx", "gestern", "unknown")
    bad_date = report("12345", "en", "2024-13-01", "bad")
    stories = cluster([empty, unknown, bad_date])
    assert sorted(a for s in stories for a in s.articles) == sorted(a.id for a in (empty, unknown, bad_date))
    assert all(s.first_seen is None and s.last_seen is None for s in stories)
    assert {s.title for s in stories} == {"", "Hallo Welt.", "12345"}



QESHM_2005 = ("November 27, 2005\nAn earthquake of magnitude 5.9 struck Qeshm island in southern Iran, "
              "killing ten people. Rescue workers searched the ruins of seven villages on the island.")
QESHM_2005_AGAIN = ("27 November 2005\nA strong earthquake hit the Iranian island of Qeshm and killed ten "
                    "villagers. Rescue teams searched collapsed houses in seven villages.")
QESHM_2008 = ("September 10, 2008\nA magnitude 6.0 earthquake shook Qeshm island off southern Iran. "
              "Seven people died and dozens of homes were damaged, state television said.")


def test_stated_dates_are_the_months_of_full_dates_at_the_top():
    from newsdesk.stories.features import stated_dates

    text = ("Posted November 27, 2005 at 13:42 GMT\nThe quake on Sunday killed 2,000 people, the worst since 2003. "
            "It came a year after the quake of March 3, 2004. About 1500 homes were damaged on 28 November 2005.")
    article = report(text, "en", None, "dates")
    dates = dict(stated_dates(article, split_sentences(text), SETTINGS))
    assert set(dates) == {"2005-11", "2004-03"}  # a bare year and dates below the lead do not count
    assert dates["2005-11"] > dates["2004-03"]  # the top line counts most
    assert abs(sum(w * w for w in dates.values()) - 1) < 1e-5
    for plain in ("Nothing dated here at 10:30.", "Prices rose in 2005 and 2006. About 1500 homes were sold."):
        assert stated_dates(report(plain, "en", None, "none"), split_sentences(plain), SETTINGS) == ()


def test_undated_reports_with_other_datelines_are_two_stories():
    """Two quakes on one island three years apart: without publication dates, the datelines tell them apart."""
    articles = [report(QESHM_2005, "en", None, "q2005"), report(QESHM_2005_AGAIN, "en", None, "q2005b"),
                report(QESHM_2008, "en", None, "q2008")]
    first, again, later = (a.id for a in articles)
    assert partition(cluster(articles)) == {frozenset({first, again}), frozenset({later})}
    blind = replace(SETTINGS, weight_dates=0)
    assert partition(cluster(articles, blind)) == {frozenset({first, again, later})}


def test_stated_dates_leave_dated_pairs_to_the_window():
    """Both articles dated: the window decides about time, the dates their leads state do not change the score."""
    articles = [report(QESHM_2005, "en", "2005-11-27", "d1"), report(QESHM_2008, "en", "2005-11-28", "d2")]
    scores = []
    for settings in (SETTINGS, replace(SETTINGS, weight_dates=0)):
        index = StoryIndex(settings)
        index.add(features_batch(articles, settings))
        scores.append(index._neighbours[0])
    assert scores[0] == scores[1] and scores[0]
    undated = [articles[0], replace(articles[1], published=None)]
    index = StoryIndex(SETTINGS)
    index.add(features_batch(undated, SETTINGS))
    assert index._neighbours[0] != scores[0]  # one undated: the datelines count


def test_features_without_dates_still_load():
    features = article_features(report(QESHM_2005, "en", None, "old"), SETTINGS)
    assert features.dates == (("2005-11", 1.0),)
    stored = features.to_json()
    assert ArticleFeatures.from_json(json.loads(json.dumps(stored))) == features
    del stored["dates"]
    assert ArticleFeatures.from_json(stored).dates == ()


def test_english_names_that_are_also_common_words_count_as_entities():
    """"Page", "Bill", "Fire", "State" name people and things; the stopword list of terms must not drop them."""
    plain = StorySettings(embedding="none")
    text = ("The singer Anna Page has died in Leeds, her agent Bill Weston told the State Broadcaster. "
            "Mr Weston said the Fire Service was called to the house on Thursday.")
    features = article_features(report(text, "en", "2025-03-06", "page"), plain)
    names = {token for token, _ in features.entities}
    assert {name_key("page"), name_key("bill"), name_key("fire"), name_key("state")} <= names
    assert not names & {"the", "her", "mr"}  # closed-class words and titles are never names
    terms = {token for token, _ in features.terms}
    assert "the" not in terms and "her" not in terms
