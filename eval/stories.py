"""Story clustering against gold: ECB+ events (B-cubed F1) and the seeds among 10kGNAD distractors.

ECB+ (../shared/data/ecbplus): every topic folder holds two similar events, the `*ecb.xml` and the
`*ecbplus.xml` files. All documents are clustered together; B-cubed F1 is scored against the event
(topic + half) and against the topic. ECB+ has no publication dates, so every document is undated
and the time window never applies: the score measures content alone (a harder test than real news);
the dates a lead states itself (many ecbplus reports open with a dateline, "November 28, 2005") are
content. Tokens are joined back as written ("28 , 2005" -> "28, 2005", but "2 , 000" -> "2,000").
A line that is only a URL (the first line of the ecbplus files) becomes the article's url.
Split halves: the documents of odd and of even topics are also clustered and scored on their own
(`*_odd_topics`, `*_even_topics`), so a setting tuned on one half can be checked on the other.

Seeds: the five seed reports mixed into the 1,028 articles of ../shared/data/10kgnad must form
one story that no other article joins (`seeds_pure` = 1.0 when so, else 0.0).

    python eval/stories.py [ECB+-FOLDER]     # another folder of the same layout
"""
from __future__ import annotations

import csv
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from common import MissingData

from newsdesk.model import Article, content_id
from newsdesk.stories import StoryIndex, StorySettings, cluster, features_batch

_FILE = re.compile(r"(?P<topic>\d+)_(?P<number>\d+)(?P<half>ecbplus|ecb)\.xml$")
_URL = re.compile(r"^https?\s*:\s*/\s*/\s*\S+")


def read_ecbplus(folder: Path) -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """ECB+ documents as articles, with each article's gold event and topic."""
    articles, events, topics = [], {}, {}
    for path in sorted(folder.glob("*/*.xml")):
        match = _FILE.match(path.name)
        if not match:
            continue
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in ET.parse(path).getroot().iter("token"):
            sentences[int(token.get("sentence"))].append(token.text or "")
        lines = [detokenize(words) for _, words in sorted(sentences.items())]
        url = None
        if lines and _URL.match(lines[0]):
            url = lines.pop(0).replace(" ", "")
        text = "\n".join(lines)
        article_id = content_id(path.name, text)
        articles.append(Article(id=article_id, identity=path.name, path=str(path), url=url, source=None,
                                agencies=(), title=None, published=None, language="en", text=text, removed=()))
        events[article_id] = f"{match['topic']}_{match['half']}"
        topics[article_id] = match["topic"]
    return articles, events, topics


_JOIN = [
    (re.compile(r"(\d) , (?=\d{4}\b)"), r"\1, "),               # March 4 , 2009 -> March 4, 2009 (a year, not 2,000)
    (re.compile(r"(\d) ([.,:/]) (?=\d)"), r"\1\2"),             # 6 . 1 -> 6.1, 2 , 000 -> 2,000, 10 : 53 -> 10:53, 11 / 28 / 05 -> 11/28/05
    (re.compile(r"\b([A-Z]) \. (?=[A-Z] \.)"), r"\1."),           # U . S . -> U.S.
    (re.compile(r"\b([A-Z]) \.(?= [A-Z]\b)"), r"\1."),
    (re.compile(r" ([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|’s)\b"), r"\1"),
    (re.compile(r"`` ?| ?''"), '"'),
    (re.compile(r" - "), "-"),
]


def detokenize(words: list[str]) -> str:
    """ECB+ stores tokens; put the sentence back as it was written ("U . S . puts it at 6 . 1" -> "U.S. puts it at 6.1")."""
    text = " ".join(words)
    for pattern, replacement in _JOIN:
        text = pattern.sub(replacement, text)
    return text


def bcubed_f1(predicted: dict[str, str], gold: dict[str, str]) -> float:
    """B-cubed F1 of a clustering (item -> cluster) against gold (item -> class)."""
    by_cluster, by_class = defaultdict(set), defaultdict(set)
    for item, label in predicted.items():
        by_cluster[label].add(item)
    for item, label in gold.items():
        by_class[label].add(item)
    precision = recall = 0.0
    for item in gold:
        shared = len(by_cluster[predicted[item]] & by_class[gold[item]])
        precision += shared / len(by_cluster[predicted[item]])
        recall += shared / len(by_class[gold[item]])
    precision /= len(gold)
    recall /= len(gold)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_ecbplus(folder: Path, settings: StorySettings | None = None) -> dict[str, float]:
    articles, events, topics = read_ecbplus(folder)
    if not articles:
        raise MissingData(f"no ECB+ documents (<topic>/<n>ecb[plus].xml) under {folder}")
    settings = settings or StorySettings()
    features = features_batch(articles, settings)

    def predict(parity: int | None) -> dict[str, str]:
        index = StoryIndex(settings)
        index.add([f for f in features if parity is None or int(topics[f.id]) % 2 == parity])
        return {a: s.id for s in index.stories() for a in s.articles}

    predicted = predict(None)
    scores = {"ecbplus_event_bcubed_f1": bcubed_f1(predicted, events),
              "ecbplus_topic_bcubed_f1": bcubed_f1(predicted, topics),
              "ecbplus_documents": float(len(articles))}
    for parity, half in ((1, "odd"), (0, "even")):
        part = predict(parity)
        scores[f"ecbplus_event_bcubed_f1_{half}_topics"] = bcubed_f1(part, {a: events[a] for a in part})
    return scores


def read_seeds(folder: Path) -> list[Article]:
    """The seed files through the project's reader and cleaner, else as plain text."""
    paths = sorted(folder.glob("*.txt"))
    try:
        from newsdesk.clean import clean
        from newsdesk.config import Settings
        from newsdesk.ingest import read_file

        settings = Settings()
        out = []
        for path in paths:
            for raw in read_file(path, settings.read):
                if hasattr(raw, "raw"):
                    out.append(clean(raw, settings.clean))
        if len(out) == len(paths):
            return out
    except Exception:  # another stage still in the making: read the files plainly
        pass
    return [_plain(path, path.read_text(encoding="utf-8"), "de") for path in paths]


def _plain(path: Path, text: str, language: str) -> Article:
    return Article(id=content_id(path.name, text), identity=path.name, path=str(path), url=None, source=None,
                   agencies=(), title=None, published=None, language=language, text=text.strip(), removed=())


def read_10kgnad(path: Path) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter=";", quotechar="'"), start=1):
            if len(row) >= 2:
                text = ";".join(row[1:])
                articles.append(Article(id=content_id(f"10kgnad#{number}", text), identity=f"10kgnad#{number}",
                                        path=None, url=None, source="derstandard", agencies=(), title=None,
                                        published=None, language="de", text=text, removed=()))
    return articles


def score_seeds(shared: Path, settings: StorySettings | None = None) -> dict[str, float]:
    seeds_dir, gnad = shared / "seeds", shared / "data" / "10kgnad" / "articles.csv"
    if not seeds_dir.is_dir() or not gnad.is_file():
        raise MissingData(f"seeds or 10kGNAD not found under {shared}")
    seeds = read_seeds(seeds_dir)
    others = read_10kgnad(gnad)
    stories = cluster(seeds + others, settings)
    seed_ids = {a.id for a in seeds}
    holding = [s for s in stories if seed_ids & set(s.articles)]
    pure = len(holding) == 1 and set(holding[0].articles) == seed_ids
    joined = sum(len(set(s.articles) - seed_ids) for s in holding)
    return {"seeds_pure": 1.0 if pure else 0.0, "seeds_stories": float(len(holding)),
            "seeds_distractors_joined": float(joined),
            "gnad_singletons_share": sum(len(s.articles) == 1 for s in stories) / len(stories)}


def run(shared: Path, ecbplus: Path | None = None) -> dict[str, float]:
    folder = ecbplus or shared / "data" / "ecbplus"
    if not folder.is_dir():
        raise MissingData(f"ECB+ not found at {folder}")
    scores = score_ecbplus(folder)
    scores.update(score_seeds(shared))
    return scores


if __name__ == "__main__":
    import json
    import os
    import time

    here = Path(__file__).resolve().parent
    shared_root = Path(os.environ.get("NEWSDESK_SHARED", here.parent.parent / "shared")).resolve()
    started = time.perf_counter()
    result = run(shared_root, Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=1))
