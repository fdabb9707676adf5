"""Which children can stay where they are when a list of children changes.

Both the flush and the tree diff move as few nodes as possible: the nodes
whose old positions form the longest increasing run, read in the new order,
keep their place; every other node is removed and inserted again.
"""

from __future__ import annotations

from bisect import bisect_left

__all__ = ["longest_increasing_run"]


def longest_increasing_run(values: list[int]) -> list[int]:
    """Indices into ``values`` of one longest strictly increasing subsequence.

    Patience sorting with back links: O(n log n).
    """
    tails: list[int] = []  # smallest tail value of a run of each length
    tail_index: list[int] = []  # where that tail is in values
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[slot] = value
            tail_index[slot] = index
        previous[index] = tail_index[slot - 1] if slot else -1
    run: list[int] = []
    cursor = tail_index[-1] if tail_index else -1
    while cursor != -1:
        run.append(cursor)
        cursor = previous[cursor]
    run.reverse()
    return run
