"""Entity mentions: GermEval 2014 dev, strict span F1 over the 12 outer classes (as published results).

Loads the shipped model and tags dev's gold tokens in batches of sentences (it never retrains).
Also scores the four main types alone, and, as an English proxy, the recall of ECB+ person and
place names (ECB+ marks only the participants of its events, so precision cannot be measured there).
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from common import MissingData

from newsdesk.extract.entities import find_mentions
from newsdesk.extract.ner import load_tagger
from newsdesk.extract.ner.scoring import score
from newsdesk.extract.ner.train import read_bio

ECB_TYPES = {"HUMAN_PART_PER": "PER", "LOC_GEO": "LOC"}
NOT_NAMES = frozenset("i you he she it we they me him her us them his its our their everyone someone nobody".split())


def _main_types(tags: list[str]) -> list[str]:
    return [t if t == "O" or t[2:] in ("PER", "ORG", "LOC", "OTH") else "O" for t in tags]


def germeval(shared: Path) -> dict[str, float]:
    dev_file = shared / "data" / "germeval2014" / "NER-de-dev.tsv"
    if not dev_file.is_file():
        raise MissingData(f"GermEval 2014 dev not found at {dev_file}")
    dev = read_bio(dev_file)
    started = time.perf_counter()
    predicted = load_tagger().tag_sentences([words for words, _ in dev])
    took = time.perf_counter() - started
    gold = [tags for _, tags in dev]
    scores = score(gold, predicted)
    out = {"dev_f1": scores["ALL"].f1, "dev_precision": scores["ALL"].precision, "dev_recall": scores["ALL"].recall}
    for label, s in scores.items():
        if label != "ALL":
            out[f"dev_f1_{label}"] = s.f1
    out["dev_f1_main_types"] = score([_main_types(g) for g in gold], [_main_types(p) for p in predicted])["ALL"].f1
    out["tokens_per_second"] = sum(len(w) for w, _ in dev) / took
    return out


def _ecb_documents(folder: Path):
    """(text, [(start, end, type)]) of each ECB+ document: tokens joined by spaces, proper-name mentions only."""
    token_re = re.compile(r'<token t_id="(\d+)"[^>]*>([^<]*)</token>')
    mention_re = re.compile(r'<(HUMAN_PART_PER|LOC_GEO) m_id="\d+"\s*>(.*?)</\1>', re.S)
    anchor_re = re.compile(r't_id="(\d+)"')
    for path in sorted(folder.glob("*/*.xml")):
        xml = path.read_text(encoding="utf-8")
        offsets: dict[str, tuple[int, int]] = {}
        parts: list[str] = []
        pos = 0
        for t_id, word in token_re.findall(xml):
            word = word.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'")
            offsets[t_id] = (pos, pos + len(word))
            parts.append(word)
            pos += len(word) + 1
        text = " ".join(parts)
        gold = []
        for kind, body in mention_re.findall(xml):
            ids = anchor_re.findall(body)
            if not ids or any(i not in offsets for i in ids):
                continue
            start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
            if text[start:end].endswith(("'s", "’s")):
                end -= 2
            words = text[start:end].split()
            if words and all(w[:1].isupper() and w.isalpha() for w in words) and words[0].lower() not in NOT_NAMES:
                gold.append((start, end, ECB_TYPES[kind]))
        yield text, gold


def english(shared: Path) -> dict[str, float]:
    folder = shared / "data" / "ecbplus"
    if not folder.is_dir():
        return {}
    hit = total = 0
    for text, gold in _ecb_documents(folder):
        if not gold:
            continue
        found = {(m.start, m.end, m.type) for m in find_mentions(text, "en")}
        total += len(gold)
        hit += sum(1 for g in gold if g in found)
    return {"en_ecbplus_name_recall": hit / total} if total else {}


def run(shared: Path) -> dict[str, float]:
    out = germeval(shared)
    out.update(english(shared))
    return out


if __name__ == "__main__":
    import json
    import sys

    from gate import SHARED

    print(json.dumps(run(Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED), indent=2, sort_keys=True))
