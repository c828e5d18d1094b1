"""Facts on real news: the conflicts newsdesk reports inside the ECB+ events, checked by hand.

ECB+ (../shared/data/ecbplus, English news, CC BY 3.0) groups its documents by event: every
topic folder holds two events (the `*ecb.xml` and the `*ecbplus.xml` files). Each event's
documents are one story here, run through the real stage (`story_sections`). They report one
event, so a reported conflict should be a real disagreement between the outlets; datelines,
phone numbers, unit conversions and the like are where false ones come from.

Every conflict the stage reported when this gate was written was read by hand and labelled
real or not in eval/data/facts/ecbplus_labels.json, keyed by the two facts' sentences (the SHA-1
of each text, first 12 hex digits: no ECB+ text is kept here). A conflict not labelled yet counts
as false until someone reads and labels it (`--list` shows each with its key and label).

  news_conflict_precision = conflicts labelled real / conflicts reported
  news_real_conflicts     = conflicts labelled real that are reported (the ones found so far)

    python eval/facts_news.py [ECB+-FOLDER] [--list]
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from common import MissingData
from stories import read_ecbplus

HERE = Path(__file__).resolve().parent
LABELS = HERE / "data" / "facts" / "ecbplus_labels.json"


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def reported_conflicts(folder: Path) -> list[dict]:
    """Every conflict pair the stage reports inside one ECB+ event, with its key."""
    from newsdesk.compare.sections import story_sections

    articles, events, _ = read_ecbplus(folder)
    if not articles:
        raise MissingData(f"no ECB+ documents under {folder}")
    by_event = defaultdict(list)
    for article in articles:
        by_event[events[article.id]].append(article)
    out = []
    for event in sorted(by_event):
        facts = {f["id"]: f for f in story_sections(by_event[event])["facts"]}
        for fact in facts.values():
            for conflict in fact["conflicts"]:
                other = facts[conflict["fact"]]
                if fact["id"] < other["id"]:
                    key = "-".join(sorted((text_key(fact["text"]), text_key(other["text"]))))
                    out.append({"event": event, "key": key, "kind": conflict["kind"],
                                "reason": conflict["reason"], "a": fact["text"], "b": other["text"]})
    return out


def labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8")) if LABELS.is_file() else {}


def run(shared: Path, folder: Path | None = None) -> dict[str, float]:
    folder = folder or shared / "data" / "ecbplus"
    if not folder.is_dir():
        raise MissingData(f"ECB+ not found at {folder}")
    known = labels()
    found = reported_conflicts(folder)
    real = sum(bool(known.get(c["key"], {}).get("real")) for c in found)
    return {"news_conflict_precision": real / len(found) if found else 1.0,
            "news_real_conflicts": float(real), "news_conflicts_reported": float(len(found))}


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = HERE.parent.parent / "shared"
    folder = Path(args[0]) if args else shared / "data" / "ecbplus"
    if "--list" in sys.argv:
        known = labels()
        for c in reported_conflicts(folder):
            print(f"{c['key']}  {c['event']}  {c['kind']}  label={known.get(c['key'], {}).get('real')}\n"
                  f"   {c['reason']}\n   A: {c['a'][:160]}\n   B: {c['b'][:160]}", flush=True)
    else:
        print(json.dumps(run(shared, folder), indent=1))
