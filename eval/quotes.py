"""Quotes: speech cues and sources on SpkAtt-2023 (German Bundestag speeches), and quotes,
speakers and `same_as` on hand-annotated news texts in German, English and French (eval/data/quotes/).

SpkAtt (../shared/data/spkatt2023/dev): each speech is detokenised, `find_speech_events` runs on it,
and a predicted cue matches a gold cue when they share a token (one to one, in text order).
cue_f1 counts matched cues. source_f1 counts Source tokens: shared tokens of matched pairs are
true positives, every other predicted or gold Source token is a false positive or negative.

News (eval/data/quotes/*.json, our own writing, see README.md there): a predicted quote matches a
gold quote when one of its parts and the gold quote overlap by at least half of the shorter one.
quote_recall and quote_precision count matches; speaker_accuracy is over matched quotes (the last
word of the predicted speaker occurs in the gold speaker's name or the other way round, or both
are null); null_precision is the share of
predicted null speakers (on matched quotes) whose gold speaker is null; same_as_f1 is over pairs of
gold quotes in different articles, with gold groups as truth.
"""
from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

from common import MissingData

from newsdesk.extract.quotes import find_quotes, find_speech_events

HERE = Path(__file__).resolve().parent
NEWS = HERE / "data" / "quotes"
NO_SPACE_BEFORE = set(",.;:!?)]}“«%") | {"'s", "n't"}
NO_SPACE_AFTER = set("([{„»")


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text from tokens with the usual spacing, and each token's (start, end) in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue = True
    straight_open = False
    for tok in tokens:
        space = not glue and tok not in NO_SPACE_BEFORE
        if tok == '"':
            space = not straight_open and not glue
        if space:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        glue = tok in NO_SPACE_AFTER or (tok == '"' and not straight_open)
        if tok == '"':
            straight_open = not straight_open
    return "".join(parts), spans


def _speech(path: Path) -> tuple[str, dict[str, tuple[int, int]], list[dict]]:
    data = json.loads(path.read_text("utf-8"))
    tokens: list[str] = []
    keys: list[str] = []
    for sentence in data["Sentences"]:
        for i, tok in enumerate(sentence["Tokens"]):
            tokens.append(tok)
            keys.append(f"{sentence['SentenceId']}:{i}")
    text, spans = detokenise(tokens)
    return text, dict(zip(keys, spans)), data["Annotations"]


def _covered(spans: dict[str, tuple[int, int]], start: int, end: int) -> set[str]:
    return {key for key, (a, b) in spans.items() if a < end and start < b}


def spkatt_scores(folder: Path) -> dict[str, float]:
    files = sorted(folder.glob("*.json"))
    if not files:
        raise MissingData(f"no SpkAtt speeches in {folder}")
    cue_tp = cue_pred = cue_gold = 0
    src_tp = src_fp = src_fn = 0
    for path in files:
        text, spans, gold = _speech(path)
        predicted = []
        for event in find_speech_events(text, "de"):
            cue = _covered(spans, event.cue_start, event.cue_end)
            src = _covered(spans, event.source_start, event.source_end) if event.source_start is not None else set()
            predicted.append((cue, src))
        golds = [(set(a["Cue"]), set(a["Source"])) for a in gold if a["Cue"]]
        cue_pred += len(predicted)
        cue_gold += len(golds)
        used: set[int] = set()
        for cue, src in predicted:
            match = next((i for i, (gc, _) in enumerate(golds) if i not in used and gc & cue), None)
            if match is None:
                src_fp += len(src)
                continue
            used.add(match)
            cue_tp += 1
            gsrc = golds[match][1]
            src_tp += len(src & gsrc)
            src_fp += len(src - gsrc)
            src_fn += len(gsrc - src)
        for i, (_, gsrc) in enumerate(golds):
            if i not in used:
                src_fn += len(gsrc)
    return {
        "spkatt_cue_precision": cue_tp / max(cue_pred, 1),
        "spkatt_cue_recall": cue_tp / max(cue_gold, 1),
        "spkatt_cue_f1": _f1(cue_tp, cue_pred - cue_tp, cue_gold - cue_tp),
        "spkatt_source_f1": _f1(src_tp, src_fp, src_fn),
    }


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(2 * tp + fp + fn, 1)


# ---------------------------------------------------------------- news


def _locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"gold span not in text: {needle!r}")
    return pos, pos + len(needle)


def load_news(folder: Path = NEWS) -> list[dict]:
    """Gold news documents: {id, language, text, quotes: [{start, end, speaker: (s, e)|None, group}]}."""
    docs = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for art in data["articles"]:
            text = art["text"]
            quotes = []
            for q in art["quotes"]:
                start, end = _locate(text, q["text"], q.get("n", 1))
                speaker = None
                if q.get("speaker"):
                    speaker = _locate(text, q["speaker"], q.get("speaker_n", 1))
                quotes.append({"start": start, "end": end, "speaker": speaker, "kind": q.get("kind", "direct"),
                               "group": f"{path.stem}/{q['group']}" if q.get("group") else None})
            docs.append({"id": f"{path.stem}/{art['id']}", "story": path.stem, "language": art["language"],
                         "text": text, "quotes": quotes})
    return docs


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def same_speaker(predicted: str, gold: str) -> bool:
    """The same speaker when the last word of one name occurs in the other ("Kirby" / "John Kirby")."""
    p, g = re.findall(r"\w+", predicted.casefold()), re.findall(r"\w+", gold.casefold())
    return bool(p and g) and (g[-1] in p or p[-1] in g)


def news_scores(folder: Path = NEWS) -> dict[str, float]:
    from newsdesk.compare.quotes import link_quotes, quote_id

    docs = load_news(folder)
    if not docs:
        raise MissingData(f"no hand-annotated news quotes in {folder}")
    gold_n = pred_n = matched = speaker_ok = null_pred = null_ok = 0
    by_story: dict[str, dict[str, list]] = {}
    gold_of: dict[tuple[str, int], int] = {}  # (article, predicted index) -> gold index
    for doc in docs:
        predicted = find_quotes(doc["text"], doc["language"])
        by_story.setdefault(doc["story"], {})[doc["id"]] = (doc, predicted)
        gold_n += len(doc["quotes"])
        pred_n += len(predicted)
        used: set[int] = set()
        for pi, p in enumerate(predicted):
            gi = next((i for i, g in enumerate(doc["quotes"]) if i not in used
                       and any(_overlap(part, (g["start"], g["end"])) for part in p.parts)), None)
            if gi is None:
                continue
            used.add(gi)
            gold_of[(doc["id"], pi)] = gi
            matched += 1
            g = doc["quotes"][gi]
            if p.speaker_start is None:
                null_pred += 1
                null_ok += g["speaker"] is None
                speaker_ok += g["speaker"] is None
            elif g["speaker"] is not None and same_speaker(p.speaker_text, doc["text"][g["speaker"][0]:g["speaker"][1]]):
                speaker_ok += 1
    # same_as: pairs of quotes in different articles of a story
    tp = fp = fn = 0
    for story, arts in by_story.items():
        linked = link_quotes({aid: pred for aid, (_, pred) in arts.items()},
                             texts={aid: doc["text"] for aid, (doc, _) in arts.items()},
                             languages={aid: doc["language"] for aid, (doc, _) in arts.items()})
        predicted_pairs = set()
        for q in linked:
            for other in q["same_as"]:
                predicted_pairs.add(frozenset((q["id"], other)))
        ids = {quote_id(aid, q): (aid, i) for aid, (_, pred) in arts.items() for i, q in enumerate(pred)}
        gold_pairs = set()
        gold_quotes = [(aid, gi, g["group"]) for aid, (doc, _) in arts.items() for gi, g in enumerate(doc["quotes"])]
        for (a1, g1, grp1), (a2, g2, grp2) in combinations(gold_quotes, 2):
            if a1 != a2 and grp1 and grp1 == grp2:
                gold_pairs.add(frozenset(((a1, g1), (a2, g2))))
        hit = set()
        for pair in predicted_pairs:
            (i1, i2) = tuple(pair)
            k1, k2 = ids[i1], ids[i2]
            g1, g2 = gold_of.get(k1), gold_of.get(k2)
            gp = frozenset(((k1[0], g1), (k2[0], g2))) if g1 is not None and g2 is not None else None
            if gp is not None and gp in gold_pairs:
                tp += 1
                hit.add(gp)
            else:
                fp += 1
        fn += len(gold_pairs - hit)
    return {
        "news_quote_recall": matched / max(gold_n, 1),
        "news_quote_precision": matched / max(pred_n, 1),
        "news_speaker_accuracy": speaker_ok / max(matched, 1),
        "news_null_precision": null_ok / max(null_pred, 1),
        "news_same_as_f1": _f1(tp, fp, fn),
        "news_gold_quotes": float(gold_n),
    }


def run(shared: Path) -> dict[str, float]:
    folder = shared / "data" / "spkatt2023" / "dev" / "task1"
    if not folder.is_dir():
        raise MissingData(f"SpkAtt-2023 dev not found at {folder}")
    scores = spkatt_scores(folder)
    scores.update(news_scores())
    return scores


if __name__ == "__main__":
    import sys

    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared"
    for key, value in sorted(run(shared).items()):
        print(f"{key} = {value:.4f}")
