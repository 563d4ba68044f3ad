"""Interval arithmetic over sorted [start, end) pairs of epoch seconds.

Every function walks its inputs once (a sweep), so free time for a day costs
O(n log n) in the number of busy intervals, never a query or a scan per slot.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

Interval = tuple[int, int]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping, with touching intervals joined."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(base: list[Interval], taken: list[Interval]) -> list[Interval]:
    """``base`` minus ``taken``; both sorted and merged."""
    result: list[Interval] = []
    j = 0
    for start, end in base:
        cursor = start
        while j < len(taken) and taken[j][1] <= cursor:
            j += 1
        k = j
        while k < len(taken) and taken[k][0] < end:
            if taken[k][0] > cursor:
                result.append((cursor, taken[k][0]))
            cursor = max(cursor, taken[k][1])
            k += 1
        if cursor < end:
            result.append((cursor, end))
    return result


def intersect(left: list[Interval], right: list[Interval]) -> list[Interval]:
    """Where both sorted, merged lists are covered."""
    result: list[Interval] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            result.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return result


def start_windows(free: list[Interval], length: int) -> list[Interval]:
    """The closed ranges of start times at which ``length`` seconds fit in ``free``.

    Returned as half-open [first, last + 1) so they compose with the functions above.
    """
    return [(start, end - length + 1) for start, end in free if end - start >= length]


def contains(windows: list[Interval], point: int) -> bool:
    index = bisect_right(windows, (point, float("inf"))) - 1
    return index >= 0 and windows[index][0] <= point < windows[index][1]


def clip(intervals: list[Interval], window: Interval) -> list[Interval]:
    """The part of a sorted, merged list that can touch ``window``: a slice, not a scan."""
    starts_before_end = bisect_left(intervals, (window[1],))
    first = bisect_left(intervals, (window[0],))
    if first and intervals[first - 1][1] > window[0]:
        first -= 1
    return intervals[first:starts_before_end]
