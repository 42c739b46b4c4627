"""Dates as minutes write them: "11 and 12 June", "3rd and 4th December 2018",
"30 September and 1 October 2021", "in February, 2020", "8 - 10 March", "14/11/2021".

A date without a year takes the year given (the meeting's); with none, it has no year
and callers keep it null rather than guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH = (
    r"(?P<{}>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<{}>(?:19|20)\d\d)"
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
JOIN = r"\s*(?:and|&|-|–|—|to|until)\s*"


def _p(template: str, name: str) -> str:
    return template.format(name)


PATTERNS = [
    # 30 September and 1 October 2021
    (
        "cross",
        re.compile(
            rf"{_p(DAY, 'd1')}\s+(?:of\s+)?{_p(MONTH, 'm1')}(?:\s+{_p(YEAR, 'y1')})?{JOIN}"
            rf"{WEEKDAY}{_p(DAY, 'd2')}\s+(?:of\s+)?{_p(MONTH, 'm2')},?(?:\s+{_p(YEAR, 'y2')})?\b",
            re.I,
        ),
    ),
    # 11 and 12 June (2019); 8 - 10 March; between 8 and 10 March 2023
    (
        "range",
        re.compile(
            rf"{_p(DAY, 'd1')}{JOIN}{WEEKDAY}{_p(DAY, 'd2')}\s+(?:of\s+)?{_p(MONTH, 'm2')},?(?:\s+{_p(YEAR, 'y2')})?\b",
            re.I,
        ),
    ),
    # Tuesday, 3rd March, 2020 / 16 JULY 2014 / 7 July
    ("day", re.compile(rf"{_p(DAY, 'd1')}\s+(?:of\s+)?{_p(MONTH, 'm1')},?(?:\s+{_p(YEAR, 'y1')})?\b", re.I)),
    # July 13(, 2020)
    ("mdy", re.compile(rf"{_p(MONTH, 'm1')}\s+{_p(DAY, 'd1')}\b(?:,?\s+{_p(YEAR, 'y1')})?(?!\s*(?:%|per))", re.I)),
    # 14/11/2021, 14.11.21, 2021-11-14
    ("numeric", re.compile(r"(?P<d1>[0-3]?\d)[/.](?P<m1>[01]?\d)[/.](?P<y1>(?:19|20)?\d\d)\b")),
    ("iso", re.compile(r"(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")),
    # "conducted in February and March 2024": a visit over two months starts in the first
    ("months", re.compile(rf"{_p(MONTH, 'm0')}\s*(?:and|&|-|–|to)\s*{_p(MONTH, 'm1')},?\s+{_p(YEAR, 'y1')}\b", re.I)),
    # February, 2020 / in March 2024
    ("month", re.compile(rf"{_p(MONTH, 'm1')},?\s+{_p(YEAR, 'y1')}\b", re.I)),
]
MONTH_FIRST = {"mdy", "month", "months"}
MONTH_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s+$",
    re.I,
)
WEEKDAY_BEFORE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+$", re.I)
MONTH_AND_BEFORE = re.compile(  # "February and " before "March 2024"
    r"(?<![A-Za-z])(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*(?:and|&|-|–|to)\s*$",
    re.I,
)
_TOKEN = re.compile(r"[0-9]+")  # the start of each run of digits


_DIGIT = re.compile(r"\d")


@dataclass
class DateSpan:
    start: int
    end: int
    first: tuple[int | None, int, int | None]  # (year, month, day) ; day None = month precision
    last: tuple[int | None, int, int | None] | None = None

    def iso(self, year_hint: int | None = None, which: str = "first") -> str | None:
        parts = self.first if which == "first" else self.last
        if parts is None:
            return None
        year, month, day = parts
        year = year or year_hint
        if year is None:
            return None
        if day is None:
            return f"{year:04d}-{month:02d}"
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None


def _month(token: str | None) -> int | None:
    return MONTHS.get(token.lower().rstrip(".")) if token else None


def _year(token: str | None) -> int | None:
    if not token:
        return None
    value = int(token)
    return value + 2000 if value < 100 else value


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateSpan]:
    """Every date expression in text[start:end], longest forms first, without overlaps."""
    end = len(text) if end is None else end
    if not _DIGIT.search(text, start, end):
        return []  # every form has a digit somewhere
    if start == 0 and end == len(text):
        return list(_all_dates(text))
    spans, starts = _all_dates(text), _date_starts(text)
    out = []
    for i in range(bisect_left(starts, start), len(spans)):  # only the dates from `start` on: no scan of the whole text
        if spans[i].start >= end:
            break
        if spans[i].end <= end:
            out.append(spans[i])
    return out


@lru_cache(maxsize=8)
def _date_starts(text: str) -> list[int]:
    return [d.start for d in _all_dates(text)]


@lru_cache(maxsize=8)
def _all_dates(text: str) -> tuple[DateSpan, ...]:
    """Scan digit tokens and try each form anchored there (month-first forms just before)."""
    found: list[DateSpan] = []
    covered = 0
    for token in _TOKEN.finditer(text):
        p = token.start()
        if p < covered:
            continue
        month_start = months_start = None
        lead = text[max(0, p - 16) : p].rstrip(" ,.\t")
        if lead and lead[-1].isalpha():  # maybe "July 13"
            before = MONTH_BEFORE.search(text, max(0, p - 16), p)
            if before:
                month_start = before.start()
                pair = MONTH_AND_BEFORE.search(text, max(0, month_start - 16), month_start)
                window = pair and re.search(r"\bbetween\s+$", text[max(0, pair.start() - 10) : pair.start()], re.I)
                months_start = pair.start() if pair and not window else None  # "between January and March": a window
        for kind, pattern in PATTERNS:
            at = (months_start if kind == "months" else month_start) if kind in MONTH_FIRST else p
            if at is None or at < covered:
                continue
            m = pattern.match(text, at)
            if not m:
                continue
            span = _build(kind, m)
            if span is None:
                continue
            weekday = WEEKDAY_BEFORE.search(text, max(0, span.start - 12), span.start)
            if weekday and kind not in MONTH_FIRST:
                span.start = weekday.start()
            found.append(span)
            covered = m.end()
            break
    return tuple(sorted(found, key=lambda d: d.start))


def _build(kind: str, m: re.Match[str]) -> DateSpan | None:
    g = m.groupdict()
    if any(g.get(k) == "may" for k in ("m1", "m2")):
        return None  # the verb, not the month
    if kind == "numeric":
        day, month, year = int(g["d1"]), int(g["m1"]), _year(g["y1"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return DateSpan(m.start(), m.end(), (year, month, day))
    if kind == "iso":
        return DateSpan(m.start(), m.end(), (int(g["y1"]), int(g["m1"]), int(g["d1"])))
    if kind == "month":
        return DateSpan(m.start(), m.end(), (_year(g["y1"]), _month(g["m1"]), None))
    if kind == "months":
        first, second = _month(g["m0"]), _month(g["m1"])
        if first >= second:
            return None  # "December and January 2024": which year the first is in is not said
        return DateSpan(m.start(), m.end(), (_year(g["y1"]), first, None))
    if kind == "mdy":
        day = int(g["d1"])
        if not 1 <= day <= 31:
            return None
        return DateSpan(m.start(), m.end(), (_year(g.get("y1")), _month(g["m1"]), day))
    if kind == "day":
        day = int(g["d1"])
        if not 1 <= day <= 31:
            return None
        return DateSpan(m.start(), m.end(), (_year(g.get("y1")), _month(g["m1"]), day))
    if kind == "range":
        d1, d2 = int(g["d1"]), int(g["d2"])
        if not (1 <= d1 <= 31 and 1 <= d2 <= 31) or d2 < d1:
            return None
        month, year = _month(g["m2"]), _year(g.get("y2"))
        return DateSpan(m.start(), m.end(), (year, month, d1), (year, month, d2))
    if kind == "cross":
        d1, d2 = int(g["d1"]), int(g["d2"])
        y2 = _year(g.get("y2"))
        y1 = _year(g.get("y1")) or y2
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        if y1 is not None and y2 is not None and m1 > m2 and y1 == y2 and not g.get("y1"):
            y1 = y2 - 1  # "30 December and 2 January 2024"
        return DateSpan(m.start(), m.end(), (y1, m1, d1), (y2, m2, d2))
    return None


def parse_date(text: str) -> date | None:
    """A single full date from a short string ("16 July 2014", "14/11/2021"), or None."""
    for span in find_dates(text):
        iso = span.iso()
        if iso and len(iso) == 10:
            return date.fromisoformat(iso)
    return None


def month_end(year: int, month: int) -> str:
    """The last day of a month, as an ISO date: a deadline given as a month alone means its end."""
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(first_of_next.toordinal() - 1).isoformat()
