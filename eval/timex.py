"""Time expressions against WikiWarsDE (TIMEX2 gold with values; German narratives).

Scores extraction (strict: same span; lenient: overlapping span, one to one) and value accuracy
(share of lenient matches whose value equals the gold value), micro-averaged over the documents.
Also leave-one-document-out: the rule groups of `TimexOptions` (the default, or one group changed)
are chosen on the other documents
(best strict F1, then value accuracy) and the held-out document is scored with that choice; the
`loo_*` figures pool the held-out scores. Usage: python eval/timex.py [FOLDER] (default
../shared/data/wikiwarsde; any folder with keyinline/*.xml of the same layout).
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MissingData  # noqa: E402

from newsdesk.extract.timex import Reference, TimexOptions, find_timexes  # noqa: E402

_TAG = re.compile(r"<TIMEX2([^>]*)>|</TIMEX2>")
_VAL = re.compile(r'\bval="([^"]*)"')


@dataclass(slots=True, frozen=True)
class Document:
    name: str
    text: str
    reference: str
    gold: tuple[tuple[int, int, str], ...]  # start, end, value


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    lenient: int = 0
    value_right: int = 0

    def add(self, other: "Counts") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def scores(self, prefix: str = "") -> dict[str, float]:
        def f1(hits: int) -> float:
            p = hits / self.predicted if self.predicted else 0.0
            r = hits / self.gold if self.gold else 0.0
            return 2 * p * r / (p + r) if p + r else 0.0

        return {
            f"{prefix}strict_f1": f1(self.strict),
            f"{prefix}lenient_f1": f1(self.lenient),
            f"{prefix}value_accuracy": self.value_right / self.lenient if self.lenient else 0.0,
        }


def read_document(path: Path) -> Document:
    """The TEXT of one keyinline file without tags, its gold spans and its document date."""
    raw = path.read_text(encoding="utf-8")
    date = re.search(r"<DATETIME>.*?(\d{4}-\d{2}-\d{2})", raw, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not body:
        raise MissingData(f"{path} has no <TEXT> element")
    marked = body.group(1)
    text_parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    length, position, open_at, open_val = 0, 0, None, ""
    for tag in _TAG.finditer(marked):
        piece = html.unescape(marked[position:tag.start()])
        text_parts.append(piece)
        length += len(piece)
        position = tag.end()
        if tag.group(0).startswith("</"):
            gold.append((open_at, length, open_val))
        else:
            value = _VAL.search(tag.group(1))
            open_at, open_val = length, value.group(1) if value else ""
    text_parts.append(html.unescape(marked[position:]))
    text = "".join(text_parts)
    trimmed = []
    for start, end, value in gold:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        trimmed.append((start, end, value))
    return Document(path.stem.split(".")[0], text, date.group(1) if date else "", tuple(trimmed))


def predict(doc: Document, options: TimexOptions) -> list[tuple[int, int, str]]:
    """Predicted spans and values; a range or list counts as its members, as TIMEX2 tags them."""
    reference = Reference(doc.reference) if doc.reference else None
    out: list[tuple[int, int, str]] = []
    for timex in find_timexes(doc.text, "de", reference, narrative=True, options=options):
        if timex.parts and timex.values and len(timex.parts) == len(timex.values):
            out.extend((s, e, v) for (s, e), v in zip(timex.parts, timex.values))
        elif timex.parts:
            out.extend((s, e, timex.value) for s, e in timex.parts)
        else:
            out.append((timex.start, timex.end, timex.value))
    return out


def score(doc: Document, predicted: list[tuple[int, int, str]]) -> Counts:
    counts = Counts(gold=len(doc.gold), predicted=len(predicted))
    exact = {(s, e) for s, e, _ in doc.gold}
    counts.strict = sum(1 for s, e, _ in predicted if (s, e) in exact)
    used: set[int] = set()
    for s, e, value in sorted(predicted):
        for index, (gs, ge, gold_value) in enumerate(doc.gold):
            if index not in used and s < ge and gs < e:
                used.add(index)
                counts.lenient += 1
                counts.value_right += value == gold_value
                break
    return counts


CHOICES = {"anchor_year_jump": (1, 0, 3, 10_000)}


def option_grid() -> list[TimexOptions]:
    """The shipped default first, then each tunable rule group changed on its own (kept small: this runs in `make test`)."""
    default = TimexOptions()
    grid = [default]
    for f in fields(TimexOptions):
        for value in CHOICES.get(f.name, (True, False)):
            if value != getattr(default, f.name):
                grid.append(replace(default, **{f.name: value}))
    return grid


def evaluate(folder: Path) -> dict[str, float]:
    files = sorted((folder / "keyinline").glob("*.xml"))
    if not files:
        raise MissingData(f"no keyinline/*.xml under {folder}")
    docs = [read_document(path) for path in files]
    grid = option_grid()
    table = [[score(doc, predict(doc, options)) for doc in docs] for options in grid]
    default = Counts()
    for counts in table[0]:
        default.add(counts)
    held_out = Counts()
    for index in range(len(docs)):
        def tuned(row: list[Counts]) -> tuple[float, float]:
            pooled = Counts()
            for j, counts in enumerate(row):
                if j != index:
                    pooled.add(counts)
            s = pooled.scores()
            return s["strict_f1"], s["value_accuracy"]

        best = max(range(len(grid)), key=lambda g: (tuned(table[g]), -g))
        held_out.add(table[best][index])
    return {**default.scores(), **held_out.scores("loo_")}


def run(shared: Path) -> dict[str, float]:
    folder = shared / "data" / "wikiwarsde"
    if not folder.is_dir():
        raise MissingData(f"WikiWarsDE not found at {folder}")
    return evaluate(folder)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent.parent / "shared" / "data" / "wikiwarsde"
    for metric, value in evaluate(target).items():
        print(f"{metric}: {value:.4f}")
