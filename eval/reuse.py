"""Reuse: wire copy found between articles, scored on a fixed, seeded corpus built from real German news.

The corpus is generated from ../shared/data/10kgnad (DER STANDARD articles, read from there):
each wire text (one article) is copied by several outlets as runs of 1-8 sentences (at least
`MIN_SHARED_WORDS` words) with 0-20% of their words dropped or changed, quote marks swapped,
sentences split and merged, sometimes two parts in reversed order, inside the outlet's own text
(another article, from the wire's section half of the time); some outlets take the whole wire
text lightly edited (near-duplicates) or unchanged (exact). The wire's own agency copy is in
the corpus most of the time, dated first. Negatives: articles with no copy, half of them from
the section of a wire text, and outlets of one wire that copied different sentences of it.

Scores: pair precision/recall (two articles share copy, or not) and character-level passage
precision/recall/F1 (which characters of each article of a pair are the shared copy).
Pairs whose shared copy is shorter than `MIN_SHARED_WORDS` words are not scored either way.
"""
from __future__ import annotations

import csv
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MissingData  # noqa: E402

SEED = 20240618
WIRES = 120
NEGATIVES = 200
MIN_SHARED_WORDS = 12
AGENCIES = ("dpa", "afp", "apa", "reuters")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"»0-9])")
CORE = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass
class Doc:
    """A generated article: words with their label (wire, sentence) or None for the outlet's own text."""

    words: list[tuple[str, tuple[int, int] | None]] = field(default_factory=list)
    published: str = "2024-03-01"
    agencies: tuple[str, ...] = ()
    text: str = ""
    cores: list[tuple[int, int, tuple[int, int] | None]] = field(default_factory=list)
    origin: bool = False  # the wire's own agency copy

    def render(self, paragraph_every: int) -> None:
        """Join the words into text, a paragraph break after every few sentences; record word cores."""
        parts, offset, sentences = [], 0, 0
        for n, (word, label) in enumerate(self.words):
            if n:
                joint = " "
                if self.words[n - 1][0].endswith((".", "!", "?")):
                    sentences += 1
                    if sentences % paragraph_every == 0:
                        joint = "\n\n"
                parts.append(joint)
                offset += len(joint)
            found = list(CORE.finditer(word))
            if found:
                self.cores.append((offset + found[0].start(), offset + found[-1].end(), label))
            parts.append(word)
            offset += len(word)
        self.text = "".join(parts)


def load_articles(shared: Path) -> list[tuple[str, str]]:
    path = shared / "data" / "10kgnad" / "articles.csv"
    if not path.is_file():
        raise MissingData(f"10kGNAD articles not found at {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[0], row[1]) for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) == 2]


def sentences(text: str) -> list[list[str]]:
    return [s.split() for s in SENTENCE_END.split(text.strip()) if s.split()]


def edit(words: list[str], rate: float, vocabulary: list[str], rng: random.Random) -> list[int | str]:
    """Drop or change `rate` of the words; returns kept indices, or new words (str) where changed."""
    out: list[int | str] = list(range(len(words)))
    for _ in range(round(rate * len(words))):
        if len(out) < 4:
            break
        at = rng.randrange(len(out))
        if rng.random() < 0.5:
            del out[at]
        else:
            original = words[out[at]] if isinstance(out[at], int) else out[at]
            match = CORE.search(original)
            new = rng.choice(vocabulary)
            out[at] = original[:match.start()] + new + original[match.end():] if match else new
    return out


def swap_quotes(word: str, style: int) -> str:
    marks = [("„", "“"), ("»", "«"), ('"', '"')][style]
    return word.replace("„", marks[0]).replace("“", marks[1]).replace("”", marks[1])


def copy_run(wire: int, run: list[list[str]], first: int, rate: float, vocabulary: list[str],
             rng: random.Random) -> list[list[tuple[str, tuple[int, int]]]]:
    """The copied sentences, edited: words dropped or changed, quotes swapped, sentences split or merged."""
    style = rng.randrange(3)
    copied = []
    for n, sentence in enumerate(run):
        label = (wire, first + n)
        kept = edit(sentence, rate, vocabulary, rng)
        copied.append([(swap_quotes(sentence[k] if isinstance(k, int) else k, style), label) for k in kept])
    if rng.random() < 0.3:  # split a sentence at a comma
        for s, sentence in enumerate(copied):
            commas = [i for i, (w, _) in enumerate(sentence[:-2]) if w.endswith(",") and i > 1]
            if commas:
                i = rng.choice(commas)
                word, label = sentence[i]
                nxt, nlabel = sentence[i + 1]
                sentence[i] = (word[:-1] + ".", label)
                sentence[i + 1] = (nxt[:1].upper() + nxt[1:], nlabel)
                break
    if len(copied) > 1 and rng.random() < 0.3:  # merge two sentences
        s = rng.randrange(len(copied) - 1)
        word, label = copied[s][-1]
        if word.endswith("."):
            copied[s][-1] = (word[:-1] + ",", label)
            copied[s] = copied[s] + [("und", label)] + copied.pop(s + 1)
    return copied


def build_corpus(shared: Path) -> list[Doc]:
    rng = random.Random(SEED)
    articles = [(section, sentences(text)) for section, text in load_articles(shared)]
    articles = [(section, s) for section, s in articles if len(s) >= 6 and sum(map(len, s)) >= 150]
    rng.shuffle(articles)
    vocabulary = sorted({w.strip(".,;:!?„“\"»«()") for _, s in articles[:50] for sent in s for w in sent} - {""})
    by_section: dict[str, list[int]] = {}
    for n, (section, _) in enumerate(articles):
        by_section.setdefault(section, []).append(n)
    used: set[int] = set()

    def take(section: str | None) -> list[list[str]]:
        pool = [n for n in by_section[section] if n not in used] if section else []
        if not pool:
            pool = [n for n in range(len(articles)) if n not in used]
        chosen = pool[rng.randrange(len(pool))]
        used.add(chosen)
        return articles[chosen][1]

    docs: list[Doc] = []
    sections = sorted(by_section)
    for wire in range(WIRES):
        section = rng.choice(sections)
        text = take(section)
        day = 1 + rng.randrange(27)
        agency = rng.choice(AGENCIES)
        if rng.random() < 0.75:
            origin = Doc([(w, (wire, s)) for s, sentence in enumerate(text) for w in sentence],
                         f"2024-03-{day:02d}", (agency,), origin=True)
            docs.append(origin)
        for _ in range(rng.randint(2, 5)):
            published = f"2024-03-{day + rng.randrange(3):02d}"
            credit = (agency,) if rng.random() < 0.15 else ()
            mode = rng.random()
            if mode < 0.05:
                docs.append(Doc([(w, (wire, s)) for s, sentence in enumerate(text) for w in sentence], published, credit))
                continue
            if mode < 0.15:
                copied = copy_run(wire, text, 0, rng.uniform(0, 0.1), vocabulary, rng)
                docs.append(Doc([pair for sentence in copied for pair in sentence], published, credit))
                continue
            for _attempt in range(20):
                length = min(rng.randint(1, 8), len(text))
                first = rng.randrange(len(text) - length + 1)
                run = text[first:first + length]
                if sum(map(len, run)) >= MIN_SHARED_WORDS:
                    break
            copied = copy_run(wire, run, first, rng.uniform(0, 0.2), vocabulary, rng)
            own = take(section if rng.random() < 0.5 else rng.choice(sections))
            own = [[(w, None) for w in sentence] for sentence in own[:rng.randint(3, 10)]]
            if len(copied) > 1 and rng.random() < 0.2:  # two parts, in reversed order
                cut = rng.randrange(1, len(copied))
                at = sorted(rng.sample(range(len(own) + 1), 2))
                body = own[:at[0]] + copied[cut:] + own[at[0]:at[1]] + copied[:cut] + own[at[1]:]
            else:
                at = rng.randrange(len(own) + 1)
                body = own[:at] + copied + own[at:]
            docs.append(Doc([pair for sentence in body for pair in sentence], published, credit))
    for n in range(NEGATIVES):
        section = rng.choice(sections) if n % 2 else None
        text = take(section)
        docs.append(Doc([(w, None) for sentence in text for w in sentence], f"2024-03-{1 + rng.randrange(28):02d}"))
    for doc in docs:
        doc.render(rng.randint(2, 4))
    return docs


def gold_spans(doc: Doc, shared: set) -> list[tuple[int, int]]:
    """Character spans of `doc` made of words copied from labels in `shared` (runs of consecutive words)."""
    spans: list[tuple[int, int]] = []
    open_run = False
    for start, end, label in doc.cores:
        if label in shared:
            if open_run:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
            open_run = True
        else:
            open_run = False
    return spans


def _mask(length: int, spans) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        mask[start:end] = [True] * (end - start)
    return mask


def score(docs: list[Doc], result, ids: list[str]) -> dict[str, float]:
    """Pair and character-level passage precision/recall of `result` against the generated gold."""
    position = {article_id: n for n, article_id in enumerate(ids)}
    labels = [{label for _, _, label in doc.cores if label is not None} for doc in docs]
    shared_words: dict[tuple[int, int], set] = {}
    owners: dict[tuple[int, int], list[int]] = {}
    for n, found in enumerate(labels):
        for label in found:
            owners.setdefault(label, []).append(n)
    for members in owners.values():
        for i in members:
            for j in members:
                if i < j:
                    shared_words.setdefault((i, j), set())
    gold, unscored = set(), set()
    for i, j in shared_words:
        common = labels[i] & labels[j]
        size = min(sum(1 for _, _, l in docs[k].cores if l in common) for k in (i, j))
        (gold if size >= MIN_SHARED_WORDS else unscored).add((i, j))
    predicted: dict[tuple[int, int], list[list[tuple[int, int]]]] = {}
    for r in result.reuse:
        i, j = position[r.source], position[r.target]
        key, spans = ((i, j), ((r.source_start, r.source_end), (r.target_start, r.target_end))) if i < j \
            else ((j, i), ((r.target_start, r.target_end), (r.source_start, r.source_end)))
        entry = predicted.setdefault(key, [[], []])
        entry[0].append(spans[0])
        entry[1].append(spans[1])
    for group in result.duplicates:
        members = sorted(position[a] for a in group.articles)
        for x in members:
            for y in members:
                if x < y and (x, y) not in predicted:
                    whole = [[(docs[k].cores[0][0], docs[k].cores[-1][1])] for k in (x, y)]
                    predicted[(x, y)] = whole
    found = set(predicted) - unscored
    true_pairs = len(found & gold)
    chars = {"hit": 0, "predicted": 0, "gold": 0}
    for i, j in (found | gold):
        common = labels[i] & labels[j]
        for side, k in enumerate((i, j)):
            truth = _mask(len(docs[k].text), gold_spans(docs[k], common) if (i, j) in gold else [])
            guess = _mask(len(docs[k].text), predicted.get((i, j), [[], []])[side])
            chars["hit"] += sum(t and g for t, g in zip(truth, guess))
            chars["predicted"] += sum(guess)
            chars["gold"] += sum(truth)
    precision = chars["hit"] / max(1, chars["predicted"])
    recall = chars["hit"] / max(1, chars["gold"])
    return {
        "pair_precision": true_pairs / max(1, len(found)),
        "pair_recall": true_pairs / max(1, len(gold)),
        "passage_precision": precision,
        "passage_recall": recall,
        "passage_f1": 2 * precision * recall / max(1e-9, precision + recall),
    }


def origin_accuracy(docs: list[Doc], result, ids: list[str]) -> float:
    """Share of found (agency copy, outlet) pairs whose source is the agency copy, the dated and credited origin."""
    origins = {ids[n] for n, doc in enumerate(docs) if doc.origin}
    right = total = 0
    for r in result.reuse:
        if (r.source in origins) != (r.target in origins):
            total += 1
            right += r.source in origins
    return right / max(1, total)


def wire_scores(docs: list[Doc], result, ids: list[str]) -> dict[str, float]:
    """wire_purity: predicted wire groups made of one generated wire text (outlets' own texts aside);
    wire_completeness: generated wires with their agency copy present that are one predicted group."""
    position = {article_id: n for n, article_id in enumerate(ids)}
    wires_of = [{label[0] for _, _, label in doc.cores if label is not None} for doc in docs]
    pure = 0
    for wire in result.wires:
        common = set.intersection(*(wires_of[position[a]] for a in wire.articles))
        pure += len(common) == 1
    complete = total = 0
    groups = [set(position[a] for a in wire.articles) for wire in result.wires]
    for n, doc in enumerate(docs):
        if doc.origin:
            (wire,) = wires_of[n]
            members = {k for k, found in enumerate(wires_of) if wire in found}
            total += 1
            complete += any(members <= group for group in groups)
    return {"wire_purity": pure / max(1, len(result.wires)), "wire_completeness": complete / max(1, total)}


def articles_of(docs: list[Doc]):
    from newsdesk.model import Article, content_id

    return [Article(id=content_id("eval-reuse", str(n), doc.text), identity=f"doc{n}", path=None, url=None,
                    source=None, agencies=doc.agencies, title=None, published=doc.published, language="de",
                    text=doc.text, removed=()) for n, doc in enumerate(docs)]


def run(shared: Path, settings=None) -> dict[str, float]:
    from newsdesk.reuse import ReuseSettings, find_reuse

    docs = build_corpus(shared)
    articles = articles_of(docs)
    result = find_reuse(articles, settings or ReuseSettings())
    ids = [a.id for a in articles]
    scores = score(docs, result, ids)
    scores["origin_accuracy"] = origin_accuracy(docs, result, ids)
    scores.update(wire_scores(docs, result, ids))
    return scores


if __name__ == "__main__":
    import json
    import os
    import time

    started = time.perf_counter()
    shared = Path(os.environ.get("NEWSDESK_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    print(json.dumps(run(shared), indent=1), f"{time.perf_counter() - started:.1f}s")
