"""Check an analysis document: the JSON Schema, then what a schema can't say.

Offsets in range and reproducing the quoted words, ids resolving, each article in exactly one
story. `problems(document)` lists every problem found; `check(document)` raises on the first list.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of format newsdesk.analysis/1."""
    return json.loads(resources.files("newsdesk.schema").joinpath("analysis-1.schema.json").read_text("utf-8"))


class InvalidAnalysis(ValueError):
    """An analysis document that breaks the format; `.problems` lists why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__("invalid analysis: " + "; ".join(problems[:5]) + more)


def check(document: dict) -> None:
    """Raise InvalidAnalysis when the document breaks the format."""
    found = problems(document)
    if found:
        raise InvalidAnalysis(found)


def problems(document: dict) -> list[str]:
    """Every way the document breaks the schema or the format's conventions."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
              for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]
    if errors:
        return errors
    return _semantic_problems(document)


def _semantic_problems(doc: dict) -> list[str]:
    out: list[str] = []
    texts: dict[str, str] = {}
    for a in doc["articles"]:
        if a["id"] in texts:
            out.append(f"article {a['id']} appears twice")
        texts[a["id"]] = a["text"]
        for r in a["removed"]:
            if r["raw_start"] > r["raw_end"] or r["raw_end"] - r["raw_start"] != len(r["text"]):
                out.append(f"article {a['id']}: removed span {r['raw_start']}:{r['raw_end']} does not fit its text")
        if a["supersedes"] == a["id"]:
            out.append(f"article {a['id']} supersedes itself")

    def span(where: str, article: str, start: int, end: int, expected: str | None = None) -> None:
        if article not in texts:
            out.append(f"{where}: article {article} is not in the document")
            return
        text = texts[article]
        if not (0 <= start <= end <= len(text)):
            out.append(f"{where}: span {start}:{end} is outside article {article} (length {len(text)})")
        elif expected is not None and text[start:end] != expected:
            out.append(f"{where}: text does not reproduce {article}[{start}:{end}]")

    for i, d in enumerate(doc.get("duplicates", [])):
        for a in d["articles"]:
            if a not in texts:
                out.append(f"duplicates/{i}: article {a} is not in the document")
    for i, r in enumerate(doc.get("reuse", [])):
        if r["source"] == r["target"]:
            out.append(f"reuse/{i}: source and target are the same article")
        span(f"reuse/{i} source", r["source"], r["source_start"], r["source_end"])
        span(f"reuse/{i} target", r["target"], r["target_start"], r["target_end"])
    for i, w in enumerate(doc.get("wires", [])):
        for a in w["articles"]:
            if a not in texts:
                out.append(f"wires/{i}: article {a} is not in the document")
        if w["origin"] is not None and w["origin"] not in w["articles"]:
            out.append(f"wires/{i}: origin {w['origin']} is not one of its articles")

    if "stories" in doc:
        owner: dict[str, str] = {}
        for s in doc["stories"]:
            for a in s["articles"]:
                if a not in texts:
                    out.append(f"story {s['id']}: article {a} is not in the document")
                if a in owner:
                    out.append(f"article {a} is in stories {owner[a]} and {s['id']}")
                owner[a] = s["id"]
            out += _story_problems(s, span)
        for a in texts:
            if a not in owner:
                out.append(f"article {a} belongs to no story")
    return out


def _story_problems(s: dict, span) -> list[str]:
    out: list[str] = []
    where = f"story {s['id']}"
    entity_ids = [e["id"] for e in s.get("entities", [])]
    if len(set(entity_ids)) != len(entity_ids):
        out.append(f"{where}: entity ids are not unique")
    entities = set(entity_ids)
    fact_ids = {f["id"] for f in s.get("facts", [])}
    quote_ids = {q["id"] for q in s.get("quotes", [])}
    for i, b in enumerate(s.get("brief", [])):
        first = b["citations"][0]
        span(f"{where} brief/{i}", first["article"], first["start"], first["end"], b["text"])
        for c in b["citations"][1:]:
            span(f"{where} brief/{i} citation", c["article"], c["start"], c["end"])
        if b["fact"] is not None and "facts" in s and b["fact"] not in fact_ids:
            out.append(f"{where} brief/{i}: fact {b['fact']} does not resolve")
    for e in s.get("entities", []):
        for m in e["mentions"]:
            span(f"{where} entity {e['id']}", m["article"], m["start"], m["end"])
    for q in s.get("quotes", []):
        qw = f"{where} quote {q['id']}"
        span(qw, q["article"], q["start"], q["end"], q["text"])
        for p in q["parts"]:
            span(qw + " part", q["article"], p["start"], p["end"])
        if q["speaker"] is not None and "entities" in s and q["speaker"] not in entities:
            out.append(f"{qw}: speaker {q['speaker']} is not an entity of the story")
        if q["speaker_start"] is not None:
            span(qw + " speaker", q["article"], q["speaker_start"], q["speaker_end"], q["speaker_text"])
        for other in q["same_as"]:
            if other not in quote_ids or other == q["id"]:
                out.append(f"{qw}: same_as {other} does not resolve to another quote")
    for f in s.get("facts", []):
        fw = f"{where} fact {f['id']}"
        for sp in f["support"]:
            span(fw, sp["article"], sp["start"], sp["end"])
        if f["attributed_to"] is not None and "entities" in s and f["attributed_to"] not in entities:
            out.append(f"{fw}: attributed_to does not resolve")
        for c in f["conflicts"]:
            if c["fact"] not in fact_ids:
                out.append(f"{fw}: conflicting fact {c['fact']} does not resolve")
        if (f["status"] == "conflict") != bool(f["conflicts"]):
            out.append(f"{fw}: status {f['status']} does not match its conflicts")
    for i, t in enumerate(s.get("timeline", [])):
        for sp in t["support"]:
            span(f"{where} timeline/{i}", sp["article"], sp["start"], sp["end"])
    return out
