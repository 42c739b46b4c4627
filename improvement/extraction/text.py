"""Cutting minutes into lines, sentences and clauses, always as (start, end) offsets."""

from __future__ import annotations

import re
from functools import lru_cache

# The stop, any closing quote and the space; the sentence ends just after the stop.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Cllr|Coun|St|No|no|Nos|nos|e\.g|i\.e|etc|approx|para|cf|vs)|\b[A-Z])\.$"
)
_LINE = re.compile(r"[^\n]+")


def lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-blank lines, stripped, as (start, end) offsets."""
    if start == 0 and (end is None or end == len(text)):
        return list(_all_lines(text))
    return _lines(text, start, end)


@lru_cache(maxsize=8)
def _all_lines(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_lines(text, 0, None))


def _lines(text: str, start: int, end: int | None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    out = []
    for m in _LINE.finditer(text, start, end):
        s, e = _strip(text, m.start(), m.end())
        if s < e:
            out.append((s, e))
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences inside each line; a line break always ends a sentence."""
    if start == 0 and end is None:
        return list(_all_sentences(text))
    return _sentences(text, start, end)


@lru_cache(maxsize=8)
def _all_sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_sentences(text, 0, None))


def _sentences(text: str, start: int, end: int | None) -> list[tuple[int, int]]:
    out = []
    for ls, le in _all_lines(text) if start == 0 and end is None else _lines(text, start, end):
        cursor = ls
        for m in _SENTENCE_END.finditer(text, ls, le):
            stop = m.start() + 1
            before = text[cursor:stop]
            if _ABBREVIATIONS.search(before.rstrip('"”’)')):
                continue
            s, e = _strip(text, cursor, stop)
            if s < e:
                out.append((s, e))
            cursor = m.end()
        s, e = _strip(text, cursor, le)
        if s < e:
            out.append((s, e))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= offset < e:
            return s, e
    return None


def clean(fragment: str) -> str:
    return " ".join(fragment.replace("\u2019", "’").split()).strip(" ,;:-–")
