"""Union-find over indices, merging toward the smaller index so that groups do not depend on join order."""
from __future__ import annotations


class Groups:
    """Disjoint groups of 0..n-1: `join` two members, `find` a group's smallest member, `groups` all of them."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self._joined: set[int] = set()  # every member of a group of two or more

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
            self._joined.update((i, j))

    def groups(self, min_size: int = 2) -> list[list[int]]:
        """Each group's members in order, groups ordered by their smallest member."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)) if min_size < 2 else sorted(self._joined):  # the others are alone
            out.setdefault(self.find(i), []).append(i)
        return [g for g in out.values() if len(g) >= min_size]
