"""Decisions: each item of a RESOLVED block ("That the report be noted" -> noted). A
"Recommended -" block printed before the meeting is not a decision."""

from __future__ import annotations

import re

from .model import DecisionItem
from .text import clean

RESOLVED = re.compile(
    r"^[ \t#*]*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:[Ii]t was\s+)?(?:RESOLVED|Resolved|resolved|AGREED|Agreed|DECIDED|Decided)"
    r"(?:\s+(?i:unanimously|as follows))?(?:\s+(?i:that))?|(?:DECISIONS?|Decisions?)(?=[ \t*]*[:\-–—]))[ \t*]*[:\-–—]?[ \t*]*",
    re.M,
)
BLOCK_END = re.compile(
    r"^\s*(?:Supporting documents|ACTION|ACTOIN|Agenda item|Minutes\s*:|\d+\s*\.?\s*[A-Z][A-Z ,'’]{8,}$|"
    r"Reasons? for (?:the )?decision|Alternative options|Declarations? of interest|Meeting:|Attachments|Appendix)",
    re.M,
)
MARKER = re.compile(r"[ \t]*(?:\((?P<p>\d{1,2}|[a-z]|[ivx]{1,5})\)|(?P<d>\d{1,2}|[a-z])[.)]|(?P<dec>\d{1,3}\.\d{1,2})\.?|(?P<b>[•·\-–*▪●]))[ \t]+")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12}
INTRO_ONLY = re.compile(r"^(?:that\s+)?(?:the\s+)?(?:committee|cabinet|board|panel|council|sub-committee|executive|forum)?\s*"
                        r"(?:that\s*)?[:\-–—]?$", re.I)
KINDS = [
    ("noted", r"\bnot(?:e|es|ed|ing)\b"),
    ("received", r"\breceiv(?:e|es|ed)\b"),
    ("approved", r"\bapprov(?:e|es|ed|al)\b"),
    ("endorsed", r"\bendors(?:e|es|ed)\b"),
    ("agreed", r"\bagree(?:s|d)?\b"),
    ("commented", r"\bcomment(?:ed|s)?\b"),
    ("deferred", r"\bdefer(?:s|red)?\b"),
    ("recommended", r"\brecommend(?:ed|s)?\b"),
    ("approved", r"\b(?:adopt(?:s|ed)?|confirm(?:s|ed)?|ratif(?:y|ies|ied))\b"),
    ("other", r"\b(?:request(?:s|ed)?|asked|ask|instructed|consider(?:s|ed)?|delegat(?:e|es|ed))\b"),
]


def decision_kind(text: str) -> str:
    lowered = text.lower()
    best = None
    for kind, pattern in KINDS:
        m = re.search(pattern, lowered)
        if m and (best is None or m.start() < best[1]):
            best = (kind, m.start())
    return best[0] if best else "other"


INLINE_RESOLVED = re.compile(
    r"\b(?:the\s+)?(?:Committee|Panel|Board|Cabinet|Council|Sub-Committee|Executive|Forum|Members)\s+"
    r"(?:RESOLVED|resolved)(?:\s+(?i:unanimously))?\s+(?=to\s+[a-z])")
AND_TO = re.compile(r",?\s+and\s+(?=to\s+[a-z])")


def _inline_resolutions(text: str, covered: list[tuple[int, int]]) -> list[DecisionItem]:
    """"The Committee RESOLVED to note the report and to receive a further update": two decisions."""
    out = []
    for m in INLINE_RESOLVED.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        end = m.end()
        while end < len(text) and text[end] not in ".;\n":
            end += 1
        at = m.end()
        for joint in [*AND_TO.finditer(text, m.end(), end), None]:
            stop = joint.start() if joint else end
            item = clean(text[at:stop])
            if len(item) >= 6:
                out.append(DecisionItem(quote=text[at:stop], quote_start=at, quote_end=stop, kind=decision_kind(item), text=item))
            at = joint.end() if joint else end
    return out


def find_decisions(text: str) -> list[DecisionItem]:
    """One decision per item of each RESOLVED block; the block ends where its items stop."""
    out: list[DecisionItem] = []
    covered = 0
    for m in RESOLVED.finditer(text):
        if m.start() < covered:
            continue
        spans, covered = _block(text, m.end())
        for s, e in spans:
            for s2, e2 in _inline(text, s, e):
                joint = LIST_JOINT.search(text, s2, e2)  # "2. the thanks be recorded; and"
                if joint and joint.start() > s2:
                    e2 = joint.start()
                item = clean(text[s2:e2])
                if len(item) < 6 or item.endswith(":") or INTRO_ONLY.match(item):
                    continue
                out.append(DecisionItem(quote=text[s2:e2], quote_start=s2, quote_end=e2, kind=decision_kind(item),
                                        text=item))
    if "esolved" in text or "ESOLVED" in text:
        spans = [(d.quote_start, d.quote_end) for d in out]
        out.extend(_inline_resolutions(text, spans))
        out.sort(key=lambda d: d.quote_start)
    return out


LIST_JOINT = re.compile(r"\s*[;,]\s*(?:and|or)?\s*$", re.I)


def _block(text: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """The item spans after a RESOLVED keyword, and where the block ends.

    "RESOLVED - That X." on one line is the whole block; "RESOLVED:" (or "... that:") is
    followed by items: a numbered or bulleted list whose numbers run on (1, 2, 3 / a, b / i, ii),
    or paragraphs starting "That". Anything else - the next agenda item, "35. Performance
    Report", "Supporting documents:" - ends it."""
    line_end = _line_end(text, start)
    spans: list[tuple[int, int]] = []
    sequence: list = []  # [style, last value]
    rest_s, rest_e = _trim(text, start, line_end)
    single = False
    if rest_s < rest_e:
        marker = MARKER.match(text, rest_s)
        if marker and _next_in_sequence(sequence, marker):
            spans.append(_trim(text, marker.end(), rest_e))
        else:
            intro = text[rest_s:rest_e].rstrip()
            if not intro.endswith((":", "-", "–", "—")) and not INTRO_ONLY.match(intro):
                spans.append((rest_s, rest_e))
                single = True
    end = line_end
    pos = line_end
    limit = min(len(text), start + 4000)
    while pos < limit:
        ls = pos + 1
        le = _line_end(text, ls)
        pos = le
        s, e = _trim(text, ls, le)
        if s >= e:
            if single:
                break  # a one-line resolution ends at the blank line
            continue
        if single:
            if text[s].islower() and not MARKER.match(text, s):
                spans[-1] = (spans[-1][0], e)  # "... and the\ncomments of the Committee ..."
                end = e
                continue
            break
        if BLOCK_END.match(text, s) or RESOLVED.match(text, ls):
            break
        marker = MARKER.match(text, s)
        if marker:
            if not _next_in_sequence(sequence, marker):
                break
            spans.append(_trim(text, marker.end(), e))
        elif text.startswith(("That ", "that "), s) and not sequence:
            spans.append((s, e))
        elif not spans:
            spans.append((s, e))  # "Resolved:" then a plain paragraph
            single = True
        elif text[s].islower() and spans:
            spans[-1] = (spans[-1][0], e)  # a wrapped line of the item above
        else:
            break
        end = e
    return [sp for sp in spans if sp[0] < sp[1]], max(end, line_end)


def _next_in_sequence(sequence: list, marker: re.Match) -> bool:
    """Whether a list marker continues the list (and record it): 1 then 2, (a) then (b), i then ii."""
    if marker.group("b"):
        style, value = "bullet", 0
    elif marker.group("dec"):
        head, _, tail = marker.group("dec").partition(".")
        style, value = f"dec{head}", int(tail)
    else:
        token = marker.group("p") or marker.group("d")
        if token.isdigit():
            style, value = "num", int(token)
        elif token in ROMAN and (not sequence or sequence[0] == "roman") and not (
                sequence and sequence[0] == "alpha"):
            style, value = "roman", ROMAN[token]
        else:
            style, value = "alpha", ord(token) - ord("a") + 1
    if not sequence:
        first_ok = style in ("bullet",) or style.startswith("dec") or value == 1
        if not first_ok:
            return False
        sequence.extend([style, value])
        return True
    if style != sequence[0]:
        if sequence[0] == "roman" and style == "alpha":
            return False
        return False
    if style != "bullet" and value != sequence[1] + 1:
        return False
    sequence[1] = value
    return True


INLINE_MARK = re.compile(r"\((?P<t>\d{1,2}|[a-h]|[ivx]{1,4})\)\s+")


def _inline(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """"That (1) the report be noted; and (2) the plan be approved" is two decisions."""
    marks = list(INLINE_MARK.finditer(text, s, e))
    tokens = [m.group("t") for m in marks]
    if len(marks) >= 2 and tokens[:2] in (["1", "2"], ["a", "b"], ["i", "ii"]):
        bounds = [m.end() for m in marks]
        ends = [m.start() for m in marks[1:]] + [e]
        return [_trim(text, a, b) for a, b in zip(bounds, ends)]
    return _thats(text, s, e)


def _thats(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Several "That ..." resolutions run together in one paragraph are several decisions."""
    starts = sorted({m.start() for m in THAT.finditer(text, s, e)} | {m.start("that") for m in AND_THAT.finditer(text, s, e)})
    if starts and starts[0] != s and not text[s:starts[0]].strip():
        starts[0] = s
    if starts and starts[0] != s:
        starts.insert(0, s)
    if len(starts) < 2:
        return [(s, e)]
    bounds = starts + [e]
    out = []
    for i in range(len(starts)):
        a, b = _trim(text, bounds[i], bounds[i + 1])
        joint = JOINT_END.search(text, a, b)  # "... be noted, and" before the next "that"
        out.append((a, joint.start() if joint else b))
    return out


JOINT_END = re.compile(r"\s*[,;]?\s*\band\s*$|\s*[,;]\s*$")


THAT = re.compile(r"(?:(?<=^)|(?<=[.;]\s)|(?<=[.;]\s\s))That\b", re.M)
AND_THAT = re.compile(r"[,;]\s+and\s+(?P<that>that)\s+(?:the|a|an|members|officers|this|it|further)\b", re.I)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
