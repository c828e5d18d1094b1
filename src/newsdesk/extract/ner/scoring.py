"""Strict span scoring of BIO tag sequences, as GermEval 2014 and CoNLL score NER."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class ClassScore:
    """Precision, recall and F1 of one class (or of all, "ALL"), with the counts behind them."""

    label: str
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, class) of each span in a BIO sequence; an I- without its B- starts a span (conlleval)."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, cls = tag.partition("-")
        continues = prefix == "I" and cls == label and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix == "B" or (prefix == "I" and not continues):
            start, label = i, cls
    return spans


def _prf(label: str, hit: int, gold: int, pred: int) -> ClassScore:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return ClassScore(label, p, r, f, gold, pred)


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, ClassScore]:
    """Strict (exact span and class) micro scores over sentences, overall ("ALL") and per class."""
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} sentences, predicted {len(predicted)}; they must align")
    hits, golds, preds = Counter(), Counter(), Counter()
    for g_tags, p_tags in zip(gold, predicted):
        g = set(bio_spans(g_tags))
        p = set(bio_spans(p_tags))
        for s in g:
            golds[s[2]] += 1
        for s in p:
            preds[s[2]] += 1
        for s in g & p:
            hits[s[2]] += 1
    out = {"ALL": _prf("ALL", sum(hits.values()), sum(golds.values()), sum(preds.values()))}
    for label in sorted(set(golds) | set(preds)):
        out[label] = _prf(label, hits[label], golds[label], preds[label])
    return out
