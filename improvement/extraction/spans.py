"""Span helpers the fact finders share: the lines worth reading, and spans already taken."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import lru_cache


def line_windows(text: str, literals: tuple[str, ...], lower: bool = False) -> list[tuple[int, int]]:
    """The lines that contain any of the literals, as merged (start, end) spans: the expensive
    patterns run only there, never over the whole text."""
    hay = lowered(text) if lower else text
    spans = []
    for literal in literals:
        at = hay.find(literal)
        while at >= 0:
            s = text.rfind("\n", 0, at) + 1
            e = text.find("\n", at)
            e = len(text) if e < 0 else e
            spans.append((s, e))
            at = hay.find(literal, e)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


@lru_cache(maxsize=4)
def lowered(text: str) -> str:
    return text.lower()


class Taken:
    """Spans already used, for overlap tests in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans):
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)  # the spans starting before e; facts rarely nest deeper than 8
        return any(self.ends[j] > s for j in range(max(0, i - 8), i))
