"""The meeting a document records: its date and committee, from the header lines only."""

from __future__ import annotations

import re

from .dates import find_dates
from .text import lines

HEADER_LINES = 14
BODY_START = re.compile(r"^\s*(?:Minutes\s*:|Present\s*:|Apologies|Members present|Agenda item\s*\d)", re.I)
COMMITTEE_WORDS = re.compile(
    r"\b(?:Committee|Cabinet|Council Assembly|Full Council|Board|Panel|Sub-Committee|Forum|Executive|Partnership)\b",
    re.I,
)
NOT_COMMITTEE = re.compile(
    r"\b(?:report|question|response|item|update|published|agenda|resolved|that|would|was|were|said|says|asked|"
    r"Cllr|Councillor|Member for|Chair of|present|apologies)\b|:\s*$",
    re.I,
)
LEADING = re.compile(r"^(?:(?:Minutes|Meeting|Notes)\s+of\s+(?:the\s+|a\s+)?(?:(?:Meeting|Minutes)\s+of\s+(?:the\s+)?)?)", re.I)
TRAILING = re.compile(r"(?:\s*(?:,|\bheld\b|\bon\b|\bat\b|\bdated\b|[-–—:]))*\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?[\s,]*$", re.I)
MEETING_LINE = re.compile(r"^\s*Meeting\s*:\s*(?P<rest>.+)$", re.I)
PROSE = re.compile(r"\b(?:took|take|takes|taking|would|will|was|were|had|has|have|is|are|said|says|confirmed|explained|"
                   r"reported|advised|noted|asked|undertook|visited)\b", re.I)
HEADER_START = re.compile(r"(?:Minutes|Meeting|Notes|Date|Held|Published|Posted|Issued)\b", re.I)
PUBLISHED = re.compile(r"\b(?:Published|Posted|Issued)\b", re.I)


def _plain(line: str) -> str:
    return re.sub(r"[#*_]+", " ", line).strip()


def find_meeting(text: str) -> tuple[str | None, str | None]:
    """(ISO date, committee) from the first lines of the document, before the body starts."""
    header = []
    for s, e in lines(text)[:HEADER_LINES]:
        line = text[s:e]
        if (BODY_START.match(line) and header) or len(line) > 200:
            break
        header.append((s, e))
    meeting_date = None
    committee = None
    for s, e in header:
        line = text[s:e]
        if len(line) > 160 or (not HEADER_START.match(_plain(line)) and (
                len(line) > 140 or len(line.split()) > 18 or PROSE.search(line))):
            continue  # a sentence of the body, not a heading
        plain = _plain(line)
        dates = [d for d in find_dates(text, s, e) if d.first[0] is not None and d.first[2] is not None]
        m = MEETING_LINE.match(plain)
        if m and committee is None:
            rest = re.sub(r"\(Item[^)]*\)", "", m.group("rest"))
            parts = [p.strip() for p in re.split(r"\s+[-–—]\s+", rest) if p.strip()]
            named = [p for p in parts if not find_dates(p)]
            if named:
                committee = _title(named[0])
        if dates and meeting_date is None:
            meeting_date = dates[0].iso()
            before = text[s:dates[0].start]
            before_plain = _plain(before).rstrip(" -–—,:")
            if committee is None and COMMITTEE_WORDS.search(before_plain) and not NOT_COMMITTEE.search(before_plain):
                committee = _committee(before_plain)
        elif committee is None and COMMITTEE_WORDS.search(plain) and not NOT_COMMITTEE.search(plain):
            if len(plain.split()) <= 14 and not plain.endswith("."):
                committee = _committee(plain)
    return meeting_date, committee


def _committee(name: str) -> str | None:
    name = re.sub(r"\s+held\s+(?:at|in|on|virtually|remotely|online)\b.*$", "", LEADING.sub("", name.strip()), flags=re.I)
    name = TRAILING.sub("", name)
    name = re.sub(r"(?:\s+meeting|\s*\(\d{1,3}\))+$", "", name, flags=re.I)  # "... Committee meeting", "Board (5)"
    return _title(name) if name else None


SMALL = {"of", "and", "the", "for", "in", "on", "to", "a", "an"}


def _title(name: str) -> str:
    name = " ".join(name.split()).strip(" -–—,:")
    if name.isupper() or name.islower():
        words = name.lower().split()
        name = " ".join(w if (i and w in SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return name
