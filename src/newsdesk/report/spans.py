"""Mark up an article's cleaned text: paragraphs, highlighted spans and small inserts, all escaped.

Spans may overlap or nest in any way, so the text is cut at every span boundary and each piece
becomes one flat `<span>` naming every span it belongs to (`data-spans`); a span's anchor is an
empty element at its start. The markup stays well formed whatever the offsets are.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(slots=True, frozen=True)
class Mark:
    """A span of the text to highlight: text[start:end], reachable at #ref."""

    start: int
    end: int
    ref: str
    classes: tuple[str, ...] = ()
    title: str | None = None


@dataclass(slots=True, frozen=True)
class Insert:
    """Markup to place at a position of the text (a removed part, a link after a passage).

    `side` says where it goes when the position falls between paragraphs: "after" sticks to
    the text before it, "before" to the text after it. At one position, lower `order` comes first.
    """

    at: int
    html: Markup
    side: str = "after"
    order: int = 1


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-blank line, without its surrounding whitespace."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().strip()
        if stripped:
            start = line.start() + line.group().index(stripped)
            out.append((start, start + len(stripped)))
    return out


def mark_up(text: str, marks: list[Mark] = (), inserts: list[Insert] = ()) -> Markup:
    """The text as escaped `<p>` paragraphs with `marks` highlighted and `inserts` placed."""
    paras = paragraphs(text) or [(0, 0)]
    anchors = [Insert(m.start, Markup('<span class="anchor" id="%s"></span>') % m.ref, "before", 2)
               for m in marks]
    placed: dict[int, list[tuple[int, int, int, Insert]]] = defaultdict(list)
    for n, insert in enumerate(list(inserts) + anchors):
        index, at = _place(paras, _clamp(insert.at, len(text)), insert.side)
        placed[index].append((at, insert.order, n, insert))
    out = []
    for index, (start, end) in enumerate(paras):
        inside = [m for m in marks if m.start < m.end and m.start < end and m.end > start]
        out.append(Markup("<p>%s</p>") % _paragraph(text, start, end, inside, sorted(placed[index])))
    return Markup("\n").join(out)


def _clamp(at: int, length: int) -> int:
    return min(max(at, 0), length)


def _place(paras: list[tuple[int, int]], at: int, side: str) -> tuple[int, int]:
    """Which paragraph a position goes to, and where in it."""
    starts = [start for start, _ in paras]
    index = bisect_right(starts, at) - 1  # last paragraph starting at or before `at`
    if index >= 0 and at <= paras[index][1]:
        return index, at
    before, after = index, index + 1  # `at` lies in the gap between these two
    if (side == "before" and after < len(paras)) or before < 0:
        return after, paras[after][0]
    return before, paras[before][1]


def _paragraph(text: str, start: int, end: int, marks: list[Mark], inserts: list) -> Markup:
    cuts = {start, end}
    for m in marks:
        cuts.update((max(m.start, start), min(m.end, end)))
    cuts.update(at for at, *_ in inserts)
    by_position: dict[int, list[Markup]] = defaultdict(list)
    for at, _, _, insert in inserts:
        by_position[at].append(insert.html)
    ordered = sorted(cuts)
    out: list[Markup | str] = []
    for a, b in zip(ordered, ordered[1:] + [None]):
        out.extend(by_position.get(a, ()))
        if b is None:
            break
        out.append(_piece(text[a:b], [m for m in marks if m.start <= a and m.end >= b]))
    return Markup("").join(out)


def _piece(words: str, active: list[Mark]) -> Markup:
    if not active:
        return escape(words)
    classes = sorted({c for m in active for c in m.classes})
    titles = list(dict.fromkeys(m.title for m in active if m.title))
    title = Markup(' title="%s"') % "; ".join(titles) if titles else Markup("")
    return Markup('<span class="%s" data-spans="%s"%s>%s</span>') % (
        " ".join(["m", *classes]), " ".join(m.ref for m in active), title, words)
