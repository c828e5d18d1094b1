"""Canonical entities of a story: variants, inflection, short forms, exonyms, roles; never father and son."""
from __future__ import annotations

import re

from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.compare.entities import (
    CanonicalSettings,
    canonical_entities,
    fold,
    is_variant,
    place_key,
)
from newsdesk.extract.entities import Mention
from newsdesk.model import Article


def article(aid: str, text: str, language: str = "de") -> Article:
    return Article(aid, aid, None, None, None, (), None, "2024-06-18", language, text, ())


def names(text: str, spans: dict[str, str]) -> list[Mention]:
    """Mentions of each given surface form (every occurrence) with its type."""
    out = []
    for surface, kind in spans.items():
        for m in re.finditer(re.escape(surface) + r"(?![\w-])", text):
            out.append(Mention(m.start(), m.end(), surface, kind))
    # keep the longest where forms overlap ("Kim Jong Un" over "Kim")
    out.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in out:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def entity_of(entities, surface):
    found = [e for e in entities if surface in e.aliases]
    assert len(found) == 1, (surface, [e.aliases for e in entities])
    return found[0]


A = "Wladimir Putin traf Kim Jong Un in Pjöngjang. Putins Besuch in Nordkorea dauert zwei Tage. Kim Jong Uns Vater Kim Jong Il war im Jahr 2000 Gastgeber."
B = "Der Kremlchef Vladimir Putin landete in Pyongyang. Kim Jong-un empfing ihn. Der Kremlchef sprach von Freundschaft mit North Korea."
C = "Le président Putin est arrivé en Corée du Nord. Kim Jung Un l'a accueilli."


def story():
    arts = [article("a", A), article("b", B, "en"), article("c", C, "fr")]
    spans = {
        "a": {"Wladimir Putin": "PER", "Kim Jong Un": "PER", "Pjöngjang": "LOC", "Putins": "PER",
              "Nordkorea": "LOC", "Kim Jong Uns": "PER", "Kim Jong Il": "PER"},
        "b": {"Vladimir Putin": "PER", "Pyongyang": "LOC", "Kim Jong-un": "PER", "North Korea": "LOC"},
        "c": {"Putin": "PER", "Corée du Nord": "LOC", "Kim Jung Un": "PER"},
    }
    mentions = {a.id: names(a.text, spans[a.id]) for a in arts}
    return arts, mentions


def test_variants_inflection_and_transliteration_merge():
    arts, mentions = story()
    entities = canonical_entities(arts, mentions)
    kim = entity_of(entities, "Kim Jong Un")
    assert {"Kim Jong Un", "Kim Jong Uns", "Kim Jong-un", "Kim Jung Un"} <= set(kim.aliases)
    putin = entity_of(entities, "Wladimir Putin")
    assert {"Vladimir Putin", "Putins", "Putin"} <= set(putin.aliases)
    assert putin.type == "PER" and putin.key.startswith("per:")


def test_father_and_son_stay_apart():
    arts, mentions = story()
    entities = canonical_entities(arts, mentions)
    assert entity_of(entities, "Kim Jong Il") is not entity_of(entities, "Kim Jong Un")
    assert not is_variant(fold("Kim Jong Il"), fold("Kim Jong Un"))
    assert not is_variant(fold("Kim Jong-il"), fold("Kim Jong-un"))


def test_exonyms_from_place_data():
    arts, mentions = story()
    entities = canonical_entities(arts, mentions)
    korea = entity_of(entities, "Nordkorea")
    assert {"North Korea", "Corée du Nord"} <= set(korea.aliases)
    assert korea.key == "loc:north korea"
    capital = entity_of(entities, "Pjöngjang")
    assert "Pyongyang" in capital.aliases and capital.key == "loc:pyongyang"
    assert place_key("Corée du Nord") == place_key("Nordkorea")


def test_short_form_only_when_unambiguous():
    text = "Kim Jong Un empfing Gäste. Sein Vater Kim Jong Il starb 2011. Kim sprach lange."
    arts = [article("a", text)]
    mentions = {"a": names(text, {"Kim Jong Un": "PER", "Kim Jong Il": "PER", "Kim": "PER"})}
    entities = canonical_entities(arts, mentions)
    lone = entity_of(entities, "Kim")
    assert lone.aliases == ("Kim",), "two Kims are named: the short form must stay apart"
    single = "Kim Jong Un empfing Gäste. Kim sprach lange."
    entities = canonical_entities([article("a", single)], {"a": names(single, {"Kim Jong Un": "PER", "Kim": "PER"})})
    assert len(entities) == 1 and set(entities[0].aliases) == {"Kim", "Kim Jong Un"}


def test_role_noun_links_to_the_one_person_with_that_role():
    arts, mentions = story()
    entities = canonical_entities(arts, mentions)
    putin = entity_of(entities, "Vladimir Putin")
    b = arts[1].text
    roles = [m for m in putin.mentions if m.article == "b" and m.text == "Kremlchef"]
    assert [b[m.start : m.end] for m in roles] == ["Kremlchef"]
    assert roles[0].start == b.index("Kremlchef", 10)
    no_roles = canonical_entities(arts, mentions, CanonicalSettings(link_roles=False))
    assert "Kremlchef" not in entity_of(no_roles, "Vladimir Putin").aliases


def test_mentions_point_at_their_words_and_lists_are_sorted():
    arts, mentions = story()
    texts = {a.id: a.text for a in arts}
    entities = canonical_entities(arts, mentions)
    assert [e.key for e in entities] == sorted(e.key for e in entities)
    assert len({e.id for e in entities}) == len(entities)
    for e in entities:
        assert list(e.mentions) == sorted(e.mentions)
        for m in e.mentions:
            assert texts[m.article][m.start : m.end] == m.text
        assert e.to_json()["mentions"][0]["article"] == e.mentions[0].article


def test_derived_forms_are_not_story_entities():
    text = "Die russische Delegation reiste nach Nordkorea."
    mentions = {"a": [Mention(4, 13, "russische", "LOCderiv"), Mention(37, 46, "Nordkorea", "LOC")]}
    entities = canonical_entities([article("a", text)], mentions)
    assert [e.name for e in entities] == ["Nordkorea"]


def test_keys_are_the_same_across_stories_and_ids_do_not_depend_on_order():
    arts, mentions = story()
    one = canonical_entities(arts, mentions)
    other = canonical_entities(list(reversed(arts)), mentions)
    assert [e.to_json() for e in one] == [e.to_json() for e in other]
    alone = "Kim Jong-un reiste nach Moskau."
    single = canonical_entities([article("z", alone)], {"z": names(alone, {"Kim Jong-un": "PER", "Moskau": "LOC"})})
    assert entity_of(single, "Kim Jong-un").key == entity_of(one, "Kim Jong Un").key
    assert entity_of(single, "Moskau").key == "loc:moscow"


def test_settings_are_validated():
    try:
        CanonicalSettings(variant_min_letters=1)
    except ValueError as error:
        assert "variant_min_letters" in str(error)
    else:
        raise AssertionError("expected a ValueError")


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Kim", "Jong", "Un", "Il", "Putin", "Wladimir", "Jung", "Kim-Jong"]), min_size=1, max_size=4),
       st.lists(st.sampled_from(["Kim", "Jong", "Un", "Il", "Putin", "Vladimir", "Jung"]), min_size=1, max_size=4))
def test_variant_is_symmetric_and_reflexive(a, b):
    fa, fb = fold(" ".join(a)), fold(" ".join(b))
    assert is_variant(fa, fa)
    assert is_variant(fa, fb) == is_variant(fb, fa)


def test_inflected_names_of_things_and_bracketed_acronyms_merge_but_people_need_an_equal_token():
    text = ("Der Internationale Strafgerichtshof (IStGH) ermittelt. Ein Haftbefehl des Internationalen "
            "Strafgerichtshofs liegt vor. Der IStGH schweigt. Hans Meier und Hanz Meyer reisten.")
    mentions = {"a": names(text, {"Internationale Strafgerichtshof": "ORG", "Internationalen Strafgerichtshofs": "ORG",
                                  "IStGH": "ORG", "Hans Meier": "PER", "Hanz Meyer": "PER"})}
    entities = canonical_entities([article("a", text)], mentions)
    court = entity_of(entities, "IStGH")
    assert {"Internationale Strafgerichtshof", "Internationalen Strafgerichtshofs", "IStGH"} == set(court.aliases)
    assert court.name == "Internationale Strafgerichtshof"
    assert entity_of(entities, "Hans Meier") is not entity_of(entities, "Hanz Meyer")
    assert not is_variant(fold("Kim Jong Il"), fold("Kim Jong Un"), inflected=True)


def test_compound_role_links_only_inside_the_story_that_names_its_holder():
    text = ("NATO-Generalsekretär Jens Stoltenberg warnte am Montag. Der NATO-Generalsekretär sagte, "
            "Russland rüste auf. Stoltenberg reiste danach ab.")
    mentions = {"a": names(text, {"Jens Stoltenberg": "PER", "Stoltenberg": "PER", "Russland": "LOC"})}
    entities = canonical_entities([article("a", text)], mentions)
    person = entity_of(entities, "Jens Stoltenberg")
    assert set(person.aliases) == {"Jens Stoltenberg", "Stoltenberg", "NATO-Generalsekretär"}
    assert [text[m.start : m.end] for m in person.mentions].count("NATO-Generalsekretär") == 1
    other = "Der NATO-Generalsekretär sagte, Russland rüste auf."
    alone = canonical_entities([article("b", other)], {"b": names(other, {"Russland": "LOC"})})
    assert [e.name for e in alone] == ["Russland"], "no holder named: the role stays unlinked"
