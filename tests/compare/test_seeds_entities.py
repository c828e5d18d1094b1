"""The five seed reports' story entities: the people, organisations and places a desk looks for,
each once, with its type and every spelling the outlets used."""
from __future__ import annotations

import pytest

EXPECTED = {
    "Putin": "PER", "Kim Jong Un": "PER", "Kim Jong Il": "PER", "Kirby": "PER", "Stoltenberg": "PER",
    "Kuleba": "PER", "Cronin": "PER", "Miller": "PER", "Ryder": "PER", "Jean-Pierre": "PER",
    "Lawrow": "PER", "Beloussow": "PER", "KCNA": "ORG", "NATO": "ORG", "Pjöngjang": "LOC", "Vietnam": "LOC",
}


def entities_named(story, name):
    """The entities with an alias that contains `name` as whole words."""
    words = name.split()
    return [e for e in story["entities"]
            if any(words == alias.split()[:len(words)] or alias.split()[-len(words):] == words
                   or name in alias.replace("-", " ").split() for alias in e["aliases"])]


@pytest.mark.parametrize("name, kind", sorted(EXPECTED.items()))
def test_the_names_of_the_event_are_entities_of_their_type(seed_story, name, kind):
    story, _, texts = seed_story
    found = entities_named(story, name)
    assert found, f"{name} is no entity of the seed story"
    assert kind in {e["type"] for e in found}, [(e["name"], e["type"]) for e in found]
    for entity in found:
        for mention in entity["mentions"]:
            assert texts[mention["article"]][mention["start"]:mention["end"]] in entity["aliases"]


def test_kim_jong_un_is_one_entity_in_every_spelling_and_his_father_another(seed_story):
    story, _, _ = seed_story
    son = [e for e in story["entities"] if any(a.replace("-", " ").lower().startswith("kim jong un")
                                                for a in e["aliases"])]
    assert len(son) == 1
    father = [e for e in story["entities"] if any("Jong Il" in a or "Jong-il" in a for a in e["aliases"])]
    assert len(father) == 1 and father[0]["id"] != son[0]["id"]
    assert not any("Il" in a.split() for a in son[0]["aliases"])
    assert len({e["key"] for e in story["entities"]}) == len(story["entities"])
