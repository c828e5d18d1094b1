"""The story's timeline: its dated events in date order, each with the sentences that date it.

Every anchored date, month or year a claim's time expressions resolve to is a point on the
timeline, background dates ("im Jahr 2000", "im September") included; "am 19. und 20. Juni" is
on both days. Sentences that give one date to the same fact, or that say nearly the same thing
about that date, are one entry with support from each article. `inferred` is true when every supporting expression took its year
or day from the story's dates rather than its article's own date.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from ..compare.claims import Claim
from ..compare.conflicts import event_timexes
from ..compare.facts import idf_weights, representative, weighted_dice
from ..groups import Groups

MAX_DAYS = 7
"""A list or range of up to this many days is on the timeline on each of them; a longer one on its first and last."""
SAME_COSINE = 0.7
SAME_LEXICAL = 0.4


def story_timeline(
    claims: Sequence[Claim],
    fact_of: Mapping[int, str],
    published: Mapping[str, str | None],
    embeddings: np.ndarray | None = None,
) -> list[dict]:
    """Timeline entries in the format's shape, sorted by date then text.

    `fact_of`: claim index -> fact id, for the claims that are part of a fact.
    """
    idf = idf_weights(claims)
    points: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for k, claim in enumerate(claims):
        for timex in event_timexes(claim):
            days = list(dict.fromkeys(timex.days))
            if len(days) > MAX_DAYS:
                days = [days[0], days[-1]]
            for day in days:
                points[day].append((k, timex.inferred))
    entries = []
    for date in sorted(points):
        found = sorted(dict.fromkeys(points[date]), key=lambda x: (claims[x[0]].article, claims[x[0]].start))
        groups = Groups(len(found))
        for x in range(len(found)):
            for y in range(x + 1, len(found)):
                a, b = found[x][0], found[y][0]
                if claims[a].article == claims[b].article:
                    continue
                same_fact = fact_of.get(a) is not None and fact_of.get(a) == fact_of.get(b)
                close = embeddings is not None and float(embeddings[a] @ embeddings[b]) >= SAME_COSINE
                similar = claims[a].language == claims[b].language and \
                    weighted_dice(claims[a].lemmas, claims[b].lemmas, idf) >= SAME_LEXICAL
                if same_fact or close or similar:
                    groups.join(x, y)
        members: dict[int, list[int]] = defaultdict(list)
        for x in range(len(found)):
            members[groups.find(x)].append(x)
        for idx in members.values():
            ks = [found[x][0] for x in idx]
            rep = representative([claims[k] for k in ks], published)
            support = sorted({(claims[k].article, claims[k].start, claims[k].end) for k in ks})
            entries.append({
                "date": date,
                "inferred": all(found[x][1] for x in idx),
                "text": rep.text,
                "support": [{"article": a, "start": s, "end": e} for a, s, e in support],
            })
    entries.sort(key=lambda e: (e["date"], e["text"], e["support"][0]["article"], e["support"][0]["start"]))
    return entries
