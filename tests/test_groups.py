"""Union-find groups: the same pairs joined in any order give the same groups."""
from hypothesis import given, strategies as st

from newsdesk.groups import Groups

pairs = st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=40)


def test_joined_members_share_a_group_led_by_the_smallest():
    groups = Groups(6)
    groups.join(4, 2)
    groups.join(5, 4)
    assert groups.groups() == [[2, 4, 5]]
    assert groups.find(5) == 2 and groups.find(0) == 0
    assert groups.groups(min_size=1) == [[0], [1], [2, 4, 5], [3]]


@given(pairs, st.randoms())
def test_join_order_does_not_matter(joins, rnd):
    first, second = Groups(20), Groups(20)
    for i, j in joins:
        first.join(i, j)
    shuffled = [(j, i) if rnd.random() < 0.5 else (i, j) for i, j in joins]
    rnd.shuffle(shuffled)
    for i, j in shuffled:
        second.join(i, j)
    assert first.groups(1) == second.groups(1)
    assert all(first.find(i) == min(g) for g in first.groups(1) for i in g)


@given(pairs, st.integers(2, 4))
def test_groups_of_a_least_size_are_those_of_all_groups(joins, size):
    """Groups of two or more come from the joined members alone: the same as from every member."""
    groups = Groups(20)
    for i, j in joins:
        groups.join(i, j)
    assert groups.groups(size) == [g for g in groups.groups(1) if len(g) >= size]
