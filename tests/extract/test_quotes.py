"""Quotes, cues and speakers in German, English and French news text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from newsdesk.extract.quotes import (
    DIRECT,
    INDIRECT,
    Mention,
    QuoteSettings,
    find_quotes,
    find_speech_events,
)


def only(quotes, kind=None):
    chosen = [q for q in quotes if kind is None or q.kind == kind]
    assert len(chosen) == 1, chosen
    return chosen[0]


def by_text(quotes, words):
    return next(q for q in quotes if words in q.text)


# ---------------------------------------------------------------- German


def test_german_low_high_quote_with_trailing_attribution():
    text = "„Wir haben eine solche Lage noch nie erlebt“, sagte Bürgermeisterin Claudia Reimann am Sonntag."
    q = only(find_quotes(text, "de"))
    assert q.kind == DIRECT
    assert q.text == "Wir haben eine solche Lage noch nie erlebt"
    assert q.cue == "sagte"
    assert q.speaker_text == "Claudia Reimann"
    assert text[q.speaker_start:q.speaker_end] == "Claudia Reimann"


def test_german_guillemets_with_speaker_before_and_colon_over_two_sentences():
    text = ("Ein Sprecher des Umweltamts erklärte am Montag in Kassel: »Die Werte sind zu hoch. "
            "Wir raten vom Baden ab.«")
    q = only(find_quotes(text, "de"))
    assert q.text == "Die Werte sind zu hoch. Wir raten vom Baden ab."
    assert q.cue == "erklärte"
    assert q.speaker_text == "Ein Sprecher des Umweltamts"


def test_german_role_phrase_with_name_in_apposition():
    text = ('"Wir wissen, dass die Raketen eingesetzt werden", sagte der Sprecher des Nationalen '
            'Sicherheitsrates, John Kirby, am Montag in Washington.')
    q = only(find_quotes(text, "de"))
    assert q.speaker_text == "John Kirby"
    assert text[q.source_start:q.source_end].startswith("der Sprecher des Nationalen")


def test_german_quote_split_by_attribution_has_two_parts():
    text = "„Wir sind am Limit“, sagte Feuerwehrchef Tobias Lenz, „aber wir lassen niemanden im Stich.“"
    q = only(find_quotes(text, "de"))
    assert [text[a:b] for a, b in q.parts] == ["Wir sind am Limit", "aber wir lassen niemanden im Stich."]
    assert (q.start, q.end) == q.parts[0]
    assert q.speaker_text == "Tobias Lenz"


def test_german_nested_quote_stays_inside_the_outer_one():
    text = "„Er hat selbst gesagt: ‚Kontrollen lösen kein Problem.‘ Warum gilt das nicht mehr?“, fragte Mira Asante."
    q = only(find_quotes(text, "de"))
    assert q.text == "Er hat selbst gesagt: ‚Kontrollen lösen kein Problem.‘ Warum gilt das nicht mehr?"
    assert q.speaker_text == "Mira Asante"


def test_scare_quotes_and_titles_are_not_quotes():
    text = ("Die USA zeigten sich „besorgt“. Putin schrieb in der Zeitung „Rodong Sinmun“ über die "
            "Lage. Die Initiative „Sichere Lanne“ lud ein.")
    assert [q for q in find_quotes(text, "de") if q.kind == DIRECT] == []


def test_konjunktiv_reported_speech_after_a_speech_verb():
    text = "Kirby sagte, es gebe eine gewisse Wechselwirkung mit der Sicherheit in der Region."
    q = only(find_quotes(text, "de"))
    assert q.kind == INDIRECT
    assert q.text == "es gebe eine gewisse Wechselwirkung mit der Sicherheit in der Region"
    assert q.speaker_text == "Kirby" and q.cue == "sagte"


def test_reported_speech_before_an_inverted_attribution():
    text = "Der Besuch zeige, wie abhängig Moskau geworden sei, sagte NATO-Generalsekretär Jens Stoltenberg."
    q = only(find_quotes(text, "de"))
    assert q.kind == INDIRECT
    assert q.text == "Der Besuch zeige, wie abhängig Moskau geworden sei"
    assert q.speaker_text == "Jens Stoltenberg"


@pytest.mark.parametrize("text, speaker, cue", [
    ("Laut Deutschem Wetterdienst soll der Regen erst am Dienstag nachlassen.", "Deutschem Wetterdienst", "Laut"),
    ("Nach Angaben des Kreml wird Putin am Abend in Pjöngjang eintreffen.", "Kreml", "Nach Angaben"),
    ("Washington und Seoul zufolge leistet Moskau technische Unterstützung.", "Washington", "zufolge"),
])
def test_german_source_markers(text, speaker, cue):
    q = only(find_quotes(text, "de"), INDIRECT)
    assert q.speaker_text.startswith(speaker)
    assert q.cue == cue


def test_so_der_sprecher_resolves_the_role_to_the_name_given_earlier():
    text = ("Der russische Präsident Wladimir Putin reiste nach Hanoi. Beide Seiten seien bestrebt, eng "
            "zusammenzuarbeiten, so der russische Präsident.")
    q = only(find_quotes(text, "de"), INDIRECT)
    assert q.cue == "so"
    assert q.speaker_text == "Wladimir Putin"
    assert text[q.source_start:q.source_end] == "der russische Präsident"


def test_schrieb_x_in_einem_beitrag_fuer():
    text = "Man schätze „die standhafte Unterstützung“ Nordkoreas, schrieb Putin in einem Beitrag für die Zeitung."
    q = only(find_quotes(text, "de"), DIRECT)
    assert q.text == "die standhafte Unterstützung"
    assert (q.cue, q.speaker_text) == ("schrieb", "Putin")


def test_pronoun_takes_the_last_speaker_of_its_paragraph():
    text = ("Der Präsident des Sparkassenverbands, Ulrich Brandes, warnte vor den Folgen. "
            "„Wer heute spart, wird bestraft“, sagte er.")
    q = only(find_quotes(text, "de"), DIRECT)
    assert q.speaker_text == "Ulrich Brandes"
    assert text[q.source_start:q.source_end] == "er"


def test_pronoun_without_anyone_named_in_its_paragraph_stays_null():
    text = ("„Das Ergebnis zählt“, sagte John Kirby, Sprecher des Sicherheitsrates.\n\n"
            "„Wenn dieser Vertrag unterzeichnet wird, ändert sich vieles“, sagte er.")
    quotes = find_quotes(text, "de")
    assert by_text(quotes, "Ergebnis").speaker_text == "John Kirby"
    later = by_text(quotes, "Vertrag")
    assert later.speaker_text is None and later.speaker_start is None
    assert text[later.source_start:later.source_end] == "er"


def test_quote_without_cue_takes_the_running_speaker_of_its_paragraph():
    text = ("Beide Seiten seien bestrebt, eng zusammenzuarbeiten, sagte Außenminister Sergej Lawrow. "
            "„Zu diesem Zweck werden wir neue Mechanismen für den Handel entwickeln.“")
    q = by_text(find_quotes(text, "de"), "Zu diesem Zweck")
    assert q.cue is None
    assert q.speaker_text == "Sergej Lawrow"


def test_headline_with_name_and_colon():
    q = only(find_quotes("Stoltenberg: „Unsere Sicherheit ist global“", "de"))
    assert q.speaker_text == "Stoltenberg" and q.text == "Unsere Sicherheit ist global"


def test_quote_with_a_lost_opening_mark_is_joined_to_the_quote_before():
    text = ("„Was uns Sorgen macht, ist die Vertiefung der Beziehungen.“ Es könnte sich um eine "
            "Wechselwirkung handeln, die die Sicherheit betrifft“, sagte John Kirby.")
    q = only(find_quotes(text, "de"))
    assert len(q.parts) == 2
    assert text[q.parts[1][0]:q.parts[1][1]].startswith("Es könnte sich")
    assert q.speaker_text == "John Kirby"


def test_passive_accusation_names_no_speaker():
    text = "Pjöngjang wird vorgeworfen, Russland mit Waffen zu unterstützen. Das Land bestreitet das."
    assert find_quotes(text, "de") == []


# ---------------------------------------------------------------- English


def test_english_said_after_the_quote_and_split_quote():
    text = '"We are at our limit," fire chief Tobias Lenz said, "but we will not leave anyone behind."'
    q = only(find_quotes(text, "en"))
    assert [text[a:b] for a, b in q.parts] == ["We are at our limit,", "but we will not leave anyone behind."]
    assert q.speaker_text == "Tobias Lenz"


def test_english_inverted_said_with_role_apposition_and_curly_quotes():
    text = "“This was an avoidable tragedy,” said Jean-Marc Rivière, the regional prefect."
    q = only(find_quotes(text, "en"))
    assert q.speaker_text == "Jean-Marc Rivière" and q.cue == "said"


def test_english_role_before_name_and_nested_single_quotes():
    text = "\"He once said: 'Checks alone solve nothing.' Why not now?\" Green lawmaker Mira Asante asked."
    q = only(find_quotes(text, "en"))
    assert q.text.startswith("He once said: 'Checks alone solve nothing.'")
    assert q.speaker_text == "Mira Asante"


def test_english_reported_speech_and_according_to():
    text = ("A ministry spokesman said 40 percent more people had been stopped at the border. "
            "Only a fifth of the trains will run, according to the railway.")
    quotes = find_quotes(text, "en")
    said = by_text(quotes, "40 percent")
    assert said.kind == INDIRECT and said.speaker_text == "A ministry spokesman"
    railway = by_text(quotes, "Only a fifth")
    assert railway.cue == "according to" and railway.speaker_text == "the railway"


def test_english_pronoun_and_scare_quote():
    text = ('Economist Joerg Albers called the cut "expected". "It was priced in," he said. '
            'The so-called "eleventh package" waits.')
    quotes = find_quotes(text, "en")
    assert [q.text for q in quotes] == ["It was priced in,"]
    assert quotes[0].speaker_text == "Joerg Albers"


def test_english_expletive_it_is_no_speaker():
    q = only(find_quotes('"The club has been living beyond its means," it was said on the sidelines.', "en"))
    assert q.speaker_text is None


# ---------------------------------------------------------------- French


def test_french_guillemets_inverted_attribution_and_role_apposition():
    text = "« Le feu n'est pas fixé, la nuit sera longue », a prévenu le préfet, Jean-Marc Rivière, dimanche."
    q = only(find_quotes(text, "fr"))
    assert q.text == "Le feu n'est pas fixé, la nuit sera longue"
    assert q.cue == "prévenu" and q.speaker_text == "Jean-Marc Rivière"


def test_french_clitic_pronoun_resolves_to_the_person_named_before():
    text = ("Le ministre de l'Environnement, Markus Feld, a promis une aide. « Personne ne doit rester "
            "sans rien », a-t-il assuré.")
    q = only(find_quotes(text, "fr"))
    assert q.speaker_text == "Markus Feld"
    assert text[q.source_start:q.source_end] == "il"


def test_french_split_quote_and_nested_quotes():
    text = ("« Nous ne construisons pas de murs », a affirmé Florian Stoltmann, « nous veillons à ce que "
            "les règles s'appliquent ». Mira Asante a répondu : « Il a dit : “Les contrôles ne règlent rien.” "
            "Pourquoi changer ? »")
    quotes = find_quotes(text, "fr")
    walls = by_text(quotes, "murs")
    assert len(walls.parts) == 2 and walls.speaker_text == "Florian Stoltmann"
    nested = by_text(quotes, "Il a dit")
    assert "“Les contrôles ne règlent rien.”" in nested.text
    assert nested.speaker_text == "Mira Asante"


def test_french_selon_and_reported_que():
    text = ("Selon la compagnie, seuls 20 % des trains circuleront. Le ministre Stefan Ruhland a estimé "
            "que le pays ne pouvait pas se permettre ce conflit.")
    quotes = find_quotes(text, "fr")
    selon = by_text(quotes, "20 %")
    assert selon.kind == INDIRECT and selon.cue == "Selon" and selon.speaker_text == "la compagnie"
    que = by_text(quotes, "le pays")
    assert que.speaker_text == "Stefan Ruhland" and que.cue == "estimé"


def test_french_impersonal_on_is_no_speaker():
    q = only(find_quotes("« Le club a vécu au-dessus de ses moyens », glissait-on en marge de l'entraînement.", "fr"))
    assert q.speaker_text is None and q.cue == "glissait"


# ---------------------------------------------------------------- each construction in English and French


@pytest.mark.parametrize("language, text, words, speaker", [
    ("en", '"The water rose fast. We had no time to leave," said resident Paul Grant.',
     "The water rose fast. We had no time to leave,", "Paul Grant"),
    ("fr", "« L'eau est montée très vite. Nous n'avons pas eu le temps de partir », a raconté l'habitant Paul Grant.",
     "L'eau est montée très vite. Nous n'avons pas eu le temps de partir", "Paul Grant"),
    ("en", "'We are ready,' said coach Tom Hale.", "We are ready,", "Tom Hale"),          # single marks
    ("de", "‚Wir sind bereit‘, sagte Trainer Tom Hale.", "Wir sind bereit", "Tom Hale"),
    ("de", "«Wir sind bereit», sagte Trainer Tom Hale.", "Wir sind bereit", "Tom Hale"),  # Swiss marks
    ("en", 'Kirby said: "We are not worried about this trip."', "We are not worried about this trip.", "Kirby"),
    ("en", '"We are not worried," Kirby wrote in a post for the newspaper.', "We are not worried,", "Kirby"),
    ("fr", "« Nous ne sommes pas inquiets », a écrit Kirby dans une tribune pour le journal.",
     "Nous ne sommes pas inquiets", "Kirby"),
    ("en", 'The spokesman for the National Security Council, John Kirby, said: "We are not worried."',
     "We are not worried.", "John Kirby"),
    ("fr", "Le porte-parole du Conseil de sécurité nationale, John Kirby, a déclaré : « Nous ne sommes pas inquiets. »",
     "Nous ne sommes pas inquiets.", "John Kirby"),
])
def test_direct_quotes_in_every_convention_and_order(language, text, words, speaker):
    q = only(find_quotes(text, language))
    assert (q.kind, q.text, q.speaker_text) == (DIRECT, words, speaker)


def test_french_scare_quotes_and_titles_are_not_quotes():
    text = "Les États-Unis se disent « inquiets ». Il écrit dans le journal « Le Monde » sur la crise."
    assert [q for q in find_quotes(text, "fr") if q.kind == DIRECT] == []


@pytest.mark.parametrize("language, text", [
    ("en", 'Foreign Minister Anna Berg flew to Kyiv on Monday. "We stand firm," the minister said.'),
    ("fr", "La ministre des Affaires étrangères, Anna Berg, s'est rendue à Kiev lundi. "
           "« Nous restons fermes », a déclaré la ministre."),
])
def test_a_role_noun_takes_the_person_named_with_that_role(language, text):
    q = only(find_quotes(text, language), DIRECT)
    assert q.speaker_text == "Anna Berg"


@pytest.mark.parametrize("language, text, reported", [
    ("en", 'The talks will go on, said union leader Maria Lopez. "We are not giving up."', "The talks will go on"),
    ("fr", "Les discussions vont continuer, a affirmé la syndicaliste Maria Lopez. « Nous ne lâcherons rien. »",
     "Les discussions vont continuer"),
])
def test_inverted_attribution_after_reported_speech_and_the_quote_that_follows(language, text, reported):
    quotes = find_quotes(text, language)
    indirect = only(quotes, INDIRECT)
    assert (indirect.text, indirect.speaker_text) == (reported, "Maria Lopez")
    follower = only(quotes, DIRECT)
    assert follower.cue is None and follower.speaker_text == "Maria Lopez"  # the paragraph's speaker carries on


@pytest.mark.parametrize("language, text", [
    ("en", '"The result counts," said Anna Berg.\n\n"If this treaty is signed, much will change," he said.'),
    ("fr", "« Le résultat compte », a dit Anna Berg.\n\n« Si ce traité est signé, beaucoup changera », a-t-il dit."),
])
def test_english_and_french_pronoun_with_no_one_named_in_its_paragraph_stays_null(language, text):
    later = by_text(find_quotes(text, language), "treaty" if language == "en" else "traité")
    assert later.speaker_text is None and later.speaker_start is None


def test_signing_is_a_speech_act_only_for_a_statement():
    treaty = "Während des Besuchs sollen mehrere Verträge unterzeichnet werden, wie Agenturen berichteten."
    assert "unterzeichnet" not in {e.cue for e in find_speech_events(treaty, "de")}
    appeal = "Mehr als 300 Forschende haben einen offenen Brief unterzeichnet."
    assert "unterzeichnet" in {e.cue for e in find_speech_events(appeal, "de")}


# ---------------------------------------------------------------- events, hooks, settings, properties


def test_speech_events_give_cues_and_sources_as_written():
    text = "Ich sage Ihnen: Das reicht nicht. Die Grünen fordern in ihrem Antrag mehr Geld."
    events = find_speech_events(text, "de")
    found = {(e.cue, text[e.source_start:e.source_end] if e.source_start is not None else None) for e in events}
    assert ("sage", "Ich") in found
    assert ("fordern", "Die Grünen") in found
    assert ("Antrag", "ihrem") in found


def sources(text):
    return {(e.cue, text[e.source_start:e.source_end] if e.source_start is not None else None)
            for e in find_speech_events(text, "de")}


@pytest.mark.parametrize("text, cue, source", [
    # adjectives of conviction with "sein"
    ("Davon sind wir in der Koalition fest überzeugt.", "überzeugt", "wir"),
    ("In diesem Punkt sind sich die Länder einig.", "einig", "die Länder"),
    # a demonstrative or quantifier determines the subject noun
    ("Diese Landwirte beklagen die neuen Auflagen.", "beklagen", "Diese Landwirte"),
    ("Viele Pflegekräfte und Ärztinnen berichten von Überlastung.", "berichten", "Viele Pflegekräfte und Ärztinnen"),
    # the whole first constituent before the finite verb, with its modifiers and conjuncts
    ("Die Bäcker im Landkreis fordern niedrigere Strompreise.", "fordern", "Die Bäcker im Landkreis"),
    ("Grüne und Linke haben das Gesetz scharf kritisiert.", "kritisiert", "Grüne und Linke"),
    # the subject after an object pronoun that opens the clause
    ("Ich komme auf das zurück, was die Ministerin gestern gesagt hat.", "gesagt", "die Ministerin"),
    ("Der Entwurf, den die Fraktion vorgelegt hat, geht zu weit.", "vorgelegt", "die Fraktion"),
    # a speech noun as the object of a support verb takes the verb's subject
    ("Wir haben darüber eine lange Debatte geführt.", "Debatte", "Wir"),
    ("Darüber sollten Sie sich einmal Gedanken machen.", "Gedanken", "Sie"),
    # passive agents with "von", also of -iert participles and coordinated
    ("Die Reform wurde von Bund und Ländern gemeinsam beschlossen.", "beschlossen", "von Bund und Ländern"),
    ("Der Plan wird von den Verbänden heftig kritisiert.", "kritisiert", "von den Verbänden"),
    # a fronted subject with its relative clause or apposition, and a "wer" clause
    ("Jeder, der einmal im Stau stand, weiß, wie teuer das ist.", "weiß", "Jeder, der einmal im Stau stand"),
    ("Die Bürgermeisterin, Frau Albers, schrieb dazu Folgendes:", "schrieb", "Die Bürgermeisterin, Frau Albers"),
    ("Wer die Zahlen kennt, wird das bestätigen.", "bestätigen", "Wer die Zahlen kennt"),
    # a focus particle belongs to the source
    ("Das wissen auch wir.", "wissen", "auch wir"),
    # a verb-final clause: the subject after the conjunction and the pronouns before it
    ("Es ist so gekommen, wie es Frau Ostermann vorhergesagt hat.", "vorhergesagt", "Frau Ostermann"),
    ("Was Ministerin Kaya gestern erklärt hat, stimmt nicht.", "erklärt", "Ministerin Kaya"),
    # a parenthesis in dashes or an address in commas inside the verb's clause
    ("Wir werden den Antrag - das überrascht niemanden - ablehnen.", "ablehnen", "Wir"),
    ("Ich möchte, liebe Kolleginnen und Kollegen, auf zwei Punkte eingehen.", "eingehen", "Ich"),
    # "ich meine" is the verb, not the possessive
    ("Ich meine, dass wir mehr tun müssen.", "meine", "Ich"),
    # support verbs restricted to some nouns, and possessive relatives
    ("Wir sind der Auffassung, dass das reicht.", "Auffassung", "Wir"),
    ("Ich habe den Eindruck, dass niemand zuhört.", "Eindruck", "Ich"),
    ("Das ist ein Verband, dessen Vorschlag wir prüfen.", "Vorschlag", "dessen"),
    # "halten" reports an opinion with "für" or "von"
    ("Wir halten das für einen Fehler.", "halten", "Wir"),
    # ", das kann ...": a demonstrative opening a main clause, not a relative pronoun
    ("Liebe Gäste, das kann die Stadt nicht akzeptieren.", "akzeptieren", "die Stadt"),
    # a quantifier with its noun after the finite verb is an object; the subject stands first
    ("Sie haben viele Punkte angesprochen.", "angesprochen", "Sie"),
    ("Vieles andere könnte man noch nennen.", "nennen", "man"),
    # a hyphen glued to a word cuts a compound, not the clause
    ("Im Nah- und Fernverkehr fordern Bahn und Länder mehr Geld.", "fordern", "Bahn und Länder"),
    # an adjective and its verb written apart, "teilen" with an opinion, "meines Erachtens"
    ("Das hat die Ministerin gestern deutlich gemacht.", "deutlich gemacht", "die Ministerin"),
    ("Diese Sorge teilen wir ausdrücklich.", "teilen", "wir"),
    ("Das ist meines Erachtens falsch.", "Erachtens", "meines"),
    # "für" with the one whose judgement a clause with a copula gives
    ("Für uns ist klar: Die Schulen bleiben offen.", "Für", "uns"),
    ("Für die Landesregierung ist der Ausbau wichtig.", "Für", "die Landesregierung"),
    # passive agents without an article, also with the auxiliary next to the verb
    ("Das wurde hier von verschiedenen Rednern schon erklärt.", "erklärt", "von verschiedenen Rednern"),
    ("Von der Opposition wurde gerade gefragt, warum.", "gefragt", "Von der Opposition"),
    # the one a verb of feeling happens to
    ("Mich wundert, dass niemand protestiert.", "wundert", "Mich"),
    ("Ich freue mich über das Ergebnis.", "freue", "Ich"),
    # "als" appositions and a noun after "wir", coordinated genitives
    ("Das fordern wir als Liberale schon lange.", "fordern", "wir als Liberale"),
    ("Wir Grüne fordern einen Kurswechsel.", "fordern", "Wir Grüne"),
    ("Er sprach von Fake News.", "sprach", "Er"),
    ("Das ist ein Antrag von SPD und Grünen.", "Antrag", "von SPD und Grünen"),
    # a relative pronoun as the object: the subject follows it (a singular verb after a plural-looking pronoun)
    ("Das ist eine Frage, die auch Ministerin Kaya angesprochen hat.", "angesprochen", "auch Ministerin Kaya"),
    ("Das sind Leute, die die Regierung kritisieren.", "kritisieren", "die"),
    # "als" with a nominalised ordinal opens a main clause; the subject follows the verb and its "für" phrase
    ("Als Erste spricht für die Fraktion Die Mitte die Abgeordnete Lea Brandt.", "spricht", "die Abgeordnete Lea Brandt"),
    ("Als Merkel sprach, war es still.", "sprach", "Merkel"),
    # hearing and reading: the source is who is heard or read, never the listener
    ("Wir wollten von der Ministerin hören, wie es weitergeht.", "hören", "von der Ministerin"),
    ("Ich habe das von vielen Eltern gehört.", "gehört", "von vielen Eltern"),
    ("Ich höre, dass die Schulen schließen.", "höre", None),
    # "Sie" with the address that names who is meant
    ("Das haben Sie, Frau Ministerin, gestern selbst gesagt.", "gesagt", "Sie, Frau Ministerin"),
    # a relative clause with a preposition after a fronted subject
    ("Viele Vereine, mit denen ich spreche, kritisieren die Regeln.", "kritisieren",
     "Viele Vereine, mit denen ich spreche"),
])
def test_speech_event_sources_follow_german_phrase_structure(text, cue, source):
    assert (cue, source) in sources(text)


@pytest.mark.parametrize("text, word", [
    ("Die vorgelegten Zahlen überraschen.", "vorgelegten"),  # an attributive participle
    ("Hören Sie endlich damit auf!", "Hören"),  # "aufhören" is no speech verb
    ("Der Entwurf sieht strengere Regeln vor.", "sieht"),  # nor "vorsehen"
    ("Kommen Sie bitte zum Schluss.", "bitte"),  # a politeness particle
    ("Dazu gehört eine gute Ausbildung.", "gehört"),  # "gehören zu"
    ("Das gehört zur Wahrheit.", "gehört"),
    ("Bitte halten Sie Abstand.", "halten"),  # "halten" without "für" or "von"
    ("Wir haben endlich eine Lösung gefunden.", "gefunden"),  # finding, not judging
    ("Das heißt aber nicht, dass alles gut ist.", "heißt"),  # a gloss
    ("Das Geld ist für die Kommunen.", "für"),  # no judgement
    ("Wir teilen das Geld gerecht auf.", "teilen"),  # sharing, not sharing an opinion
    ("Wir haben den Mut, zu sagen, was ist.", "zu sagen"),  # "zu" before a verb is no word written apart
])
def test_words_that_only_look_like_cues(text, word):
    assert word not in {e.cue for e in find_speech_events(text, "de")}


def test_speech_noun_that_is_the_subject_or_in_an_infinitive_has_no_source():
    assert ("Debatte", None) in sources("Die Debatte wurde lange geführt.")
    assert ("Anträge", None) in sources("Ein Thema ist die Möglichkeit, Anträge zu stellen.")
    assert ("Frage", None) in sources("Die Frage ist berechtigt.")  # "sein" supports opinion nouns only


def test_ner_mentions_choose_the_name_inside_the_attribution():
    text = "„Wir prüfen das“, sagte Landrat Beate Kühn-Meyer vom Kreis Lippe."
    start = text.index("Beate")
    plain = only(find_quotes(text, "de"))
    hinted = only(find_quotes(text, "de", mentions=[Mention(start, start + len("Beate Kühn-Meyer"), "PER")]))
    assert hinted.speaker_text == "Beate Kühn-Meyer"
    assert plain.speaker_text is not None


def test_settings_are_validated_with_a_message():
    with pytest.raises(ValueError, match="min_words"):
        QuoteSettings(min_words=0)
    with pytest.raises(ValueError, match="pronoun_scope"):
        QuoteSettings(pronoun_scope="story")
    with pytest.raises(ValueError, match="language"):
        find_quotes("text", "it")


def test_pronoun_scope_text_resolves_across_paragraphs():
    text = "„Das Ergebnis zählt“, sagte John Kirby.\n\n„Der Vertrag ändert vieles für uns alle“, sagte er."
    later = by_text(find_quotes(text, "de", QuoteSettings(pronoun_scope="text")), "Vertrag")
    assert later.speaker_text == "John Kirby"


SNIPPETS = [
    "„Wir sind bereit zu reden“, sagte Peter Hollmann.", " Er sagte, es gebe keine Lösung.",
    '"We will not leave," she said.', " « Nous sommes prêts », a déclaré Anne Roy.", " Laut Polizei",
    "\n\n", " »Das ist gut«", "'", "\"", "„", "“", " und ", ", so der Sprecher.", " Kim Jong-un ",
]


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SNIPPETS), max_size=12), st.sampled_from(["de", "en", "fr"]))
def test_offsets_always_point_at_the_quoted_words(pieces, language):
    text = "".join(pieces)
    quotes = find_quotes(text, language)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert (q.start, q.end) == q.parts[0]
        assert all(0 <= a < b <= len(text) for a, b in q.parts)
        assert q.kind in (DIRECT, INDIRECT)
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
    assert find_quotes(text, language) == quotes  # deterministic


def test_an_upper_case_word_that_starts_no_name_does_not_stall_the_speaker_search():
    import signal

    def stalled(*_):
        raise TimeoutError("find_quotes did not return")

    previous = signal.signal(signal.SIGALRM, stalled)
    signal.alarm(20)
    try:
        for text in ("AUGUST 2, 2013 | 08:06AM PT", "UPDATED 11:40PM ET, said 06AM NEWS."):
            assert isinstance(find_quotes(text, "en"), list)  # returns at all
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
