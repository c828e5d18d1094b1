"""A small hand-built analysis document: three articles, one story with every section, hostile text."""
from __future__ import annotations

WERFT = "Die Ministerin Jelena Marković besucht am Dienstag die Werft in Kiel."
QUOTE_DE = "„Wir bauen hier die Zukunft.“"
HOSTILE = "<script>alert(1)</script>"
ONERROR = '"onerror=alert(2) <img src=x onerror=alert(3)>'

A1 = "a1" * 8
A2 = "b2" * 8
A3 = "c3" * 8

TEXT_1 = f"{WERFT}\n\nSie sagte: {QUOTE_DE} Der Besuch dauert zwei Tage.\nDanach reist sie nach Rostock."
TEXT_2 = f"{WERFT}\nBeobachter schrieben {ONERROR} und nichts weiter.\n\nMehr folgt. {HOSTILE}"
TEXT_3 = 'Minister Jelena Markovic will visit the Kiel shipyard on Wednesday. "We are building the future here," she said.'


def span(text: str, words: str, occurrence: int = 0) -> tuple[int, int]:
    """(start, end) of `words` in `text`; fails loudly when the sample text changes."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def cite(article: str, text: str, words: str) -> dict:
    start, end = span(text, words)
    return {"article": article, "start": start, "end": end}


def sample_analysis() -> dict:
    tage = span(TEXT_1, "Der Besuch dauert zwei Tage.")
    quote_1 = span(TEXT_1, QUOTE_DE)
    quote_3 = span(TEXT_3, "We are building the future here,")
    # a fact that starts inside the reused sentence and runs across the paragraph break
    crossing = (span(TEXT_1, "Werft in Kiel.")[0], span(TEXT_1, "Sie sagte:")[1])
    return {
        "format": "newsdesk.analysis/1",
        "articles": [
            {"id": A1, "path": "corpus/rheinpost.txt", "url": None, "source": "Rheinpost", "agencies": ["dpa"],
             "title": "Ministerin besucht Werft", "published": "2025-05-12", "language": "de", "text": TEXT_1,
             "removed": [
                 {"text": "Foto: dpa", "reason": "caption", "raw_start": 80, "raw_end": 89, "at": len(WERFT)},
                 {"text": "(dpa)", "reason": "agency credit", "raw_start": 190, "raw_end": 195},
             ], "supersedes": None},
            {"id": A2, "path": None, "url": "javascript:alert(4)", "source": "Nordkurier", "agencies": [],
             "title": f"Werftbesuch {HOSTILE}", "published": "2025-05-12T09:30:00+02:00", "language": "de",
             "text": TEXT_2,
             "removed": [
                 {"text": "Mehr lesen", "reason": "boilerplate", "raw_start": 150, "raw_end": 160,
                  "at": len(TEXT_2)},
                 {"text": HOSTILE, "reason": f"boilerplate {ONERROR}", "raw_start": 0, "raw_end": len(HOSTILE)},
             ], "supersedes": None},
            {"id": A3, "path": "corpus/coast.jsonl#2", "url": "https://coast.example/kiel", "source": None,
             "agencies": [], "title": "Minister to visit Kiel", "published": "2025-05-13", "language": "en",
             "text": TEXT_3, "removed": [], "supersedes": A1},
        ],
        "duplicates": [],
        "reuse": [{"source": A1, "source_start": 0, "source_end": len(WERFT),
                   "target": A2, "target_start": 0, "target_end": len(WERFT),
                   "similarity": 1.0, "direction": "likely"}],
        "wires": [{"id": "w1", "origin": A1, "articles": [A1, A2], "agency": "dpa"}],
        "stories": [{
            "id": A1, "title": "Ministerin Marković besucht Kieler Werft", "articles": [A1, A2, A3],
            "first_seen": "2025-05-12", "last_seen": "2025-05-13",
            "brief": [
                {"text": WERFT, "citations": [cite(A1, TEXT_1, WERFT), cite(A2, TEXT_2, WERFT)], "fact": "f1"},
                {"text": "Der Besuch dauert zwei Tage.",
                 "citations": [{"article": A1, "start": tage[0], "end": tage[1]}], "fact": None},
            ],
            "entities": [{"id": "e1", "key": "per:jelena marković", "name": "Jelena Marković", "type": "PER",
                          "aliases": ["Jelena Marković", "Jelena Markovic"],
                          "mentions": [cite(A1, TEXT_1, "Jelena Marković"), cite(A2, TEXT_2, "Jelena Marković"),
                                       cite(A3, TEXT_3, "Jelena Markovic")]}],
            "quotes": [
                {"id": "q1", "article": A1, "start": quote_1[0], "end": quote_1[1], "text": QUOTE_DE,
                 "parts": [{"start": quote_1[0], "end": quote_1[1]}], "kind": "direct", "speaker": "e1",
                 "speaker_text": "Sie", "speaker_start": span(TEXT_1, "Sie")[0], "speaker_end": span(TEXT_1, "Sie")[1], "cue": "sagte", "same_as": ["q2"]},
                {"id": "q2", "article": A3, "start": quote_3[0], "end": quote_3[1], "text": TEXT_3[slice(*quote_3)],
                 "parts": [{"start": quote_3[0], "end": quote_3[1]}], "kind": "direct", "speaker": "e1",
                 "speaker_text": None, "speaker_start": None, "speaker_end": None, "cue": "said", "same_as": ["q1"]},
                {"id": "q3", "article": A2, **dict(zip(("start", "end"), span(TEXT_2, ONERROR))), "text": ONERROR,
                 "parts": [dict(zip(("start", "end"), span(TEXT_2, ONERROR)))], "kind": "direct", "speaker": None,
                 "speaker_text": None, "speaker_start": None, "speaker_end": None, "cue": "schrieben",
                 "same_as": []},
            ],
            "facts": [
                {"id": "f1", "text": "Besuch am Dienstag", "status": "conflict",
                 "support": [{**cite(A1, TEXT_1, "am Dienstag"), "copy_of": None},
                             {**cite(A2, TEXT_2, "am Dienstag"), "copy_of": A1}],
                 "independent_sources": 1, "attributed_to": None, "entities": ["e1"], "dates": ["2025-05-13"],
                 "numbers": [], "conflicts": [{"fact": "f2", "kind": "weekday",
                                              "reason": "Dienstag (Tuesday) vs Wednesday for the same visit"}]},
                {"id": "f2", "text": "visit on Wednesday", "status": "conflict",
                 "support": [{**cite(A3, TEXT_3, "on Wednesday"), "copy_of": None}],
                 "independent_sources": 1, "attributed_to": None, "entities": ["e1"], "dates": ["2025-05-14"],
                 "numbers": [], "conflicts": [{"fact": "f1", "kind": "weekday",
                                              "reason": "Dienstag (Tuesday) vs Wednesday for the same visit"}]},
                {"id": "f3", "text": "Werft in Kiel, Zitat", "status": "single",
                 "support": [{"article": A1, "start": crossing[0], "end": crossing[1], "copy_of": None}],
                 "independent_sources": 1, "attributed_to": None, "entities": [], "dates": [], "numbers": [],
                 "conflicts": []},
            ],
            "timeline": [{"date": "2025-05-13", "inferred": True, "text": "Besuch der Werft in Kiel",
                          "support": [cite(A1, TEXT_1, "am Dienstag")]}],
        }],
    }
