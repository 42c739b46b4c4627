"""Decisions: each item of a RESOLVED block ("That the report be noted" -> noted). A
"Recommended -" block printed before the meeting is not a decision."""

from __future__ import annotations

import re

from .model import DecisionItem
from .text import clean

RESOLVED = re.compile(
    r"^[ \t#*]*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:it was\s+)?(?:RESOLVED|Resolved|resolved|AGREED|Agreed|DECIDED|Decided)"
    r"(?:\s+(?:unanimously|that))?|(?:DECISIONS?|Decisions?)(?=[ \t*]*[:\-–—]))[ \t*]*[:\-–—]?[ \t*]*",
    re.M,
)
BLOCK_END = re.compile(
    r"^\s*(?:Supporting documents|ACTION|ACTOIN|Agenda item|Minutes\s*:|\d+\s*\.?\s*[A-Z][A-Z ,'’]{8,}$|"
    r"Reasons? for (?:the )?decision|Alternative options|Declarations? of interest|Meeting:|Attachments|Appendix)",
    re.M,
)
ITEM_SPLIT = re.compile(r"(?:^|\n|\s)(?:\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\)|[•·\-–*])\s+")
KINDS = [
    ("noted", r"\bnot(?:e|es|ed|ing)\b"),
    ("received", r"\breceiv(?:e|es|ed)\b"),
    ("approved", r"\bapprov(?:e|es|ed|al)\b"),
    ("endorsed", r"\bendors(?:e|es|ed)\b"),
    ("agreed", r"\bagree(?:s|d)?\b"),
    ("commented", r"\bcomment(?:ed|s)?\b"),
    ("deferred", r"\bdefer(?:s|red)?\b"),
    ("recommended", r"\brecommend(?:ed|s)?\b"),
    ("requested", r"\b(?:request(?:s|ed)?|asked|ask|instructed)\b"),
    ("considered", r"\bconsider(?:ed)?\b"),
    ("delegated", r"\bdelegat(?:ed|e)\b"),
    ("adopted", r"\badopt(?:ed)?\b"),
]


def decision_kind(text: str) -> str:
    lowered = text.lower()
    best = None
    for kind, pattern in KINDS:
        m = re.search(pattern, lowered)
        if m and (best is None or m.start() < best[1]):
            best = (kind, m.start())
    return best[0] if best else "other"


def find_decisions(text: str) -> list[DecisionItem]:
    out: list[DecisionItem] = []
    covered = 0
    for m in RESOLVED.finditer(text):
        if m.start() < covered:
            continue
        start = m.end()
        end_match = BLOCK_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        end = min(end, start + 3000)
        covered = end
        block = text[start:end]
        for s, e in _items(block):
            s, e = start + s, start + e
            item = clean(text[s:e])
            if len(item) < 6 or item.endswith(":") or re.fullmatch(r"that (?:the )?(?:committee|cabinet|board|panel|council)\s*:?", item, re.I):
                continue
            out.append(DecisionItem(quote=text[s:e], quote_start=s, quote_end=e, kind=decision_kind(item), text=item))
    return out


def _items(block: str) -> list[tuple[int, int]]:
    """Numbered or bulleted items; otherwise sentences starting "That"; otherwise the paragraph."""
    marks = [m for m in ITEM_SPLIT.finditer(block)]
    spans = []
    if marks:
        for i, m in enumerate(marks):
            s = m.end()
            e = marks[i + 1].start() if i + 1 < len(marks) else len(block)
            spans.append(_trim(block, s, e))
        head = _trim(block, 0, marks[0].start())
        if head[1] > head[0] and not block[head[0]:head[1]].rstrip().endswith(":"):
            spans.insert(0, head)
        return [s for s in spans if s[1] > s[0]]
    thats = [m.start() for m in re.finditer(r"(?:(?<=^)|(?<=[.\n]\s)|(?<=\n))\s*That\b", block)]
    if len(thats) > 1:
        bounds = thats + [len(block)]
        return [_trim(block, bounds[i], bounds[i + 1]) for i in range(len(thats))]
    paragraph = re.split(r"\n\s*\n\s*\n|\n(?=\s*[A-Z][a-z]+ [a-z])", block.strip("\n"))
    offset = block.find(paragraph[0]) if paragraph else 0
    first = paragraph[0] if paragraph else ""
    return [_trim(block, offset, offset + len(first))]


def _trim(block, s, e):
    while s < e and block[s].isspace():
        s += 1
    while e > s and block[e - 1].isspace():
        e -= 1
    return s, e
