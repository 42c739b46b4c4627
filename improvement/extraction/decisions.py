"""Decisions: each item of a RESOLVED block ("That the report be noted" -> noted). A
"Recommended -" block printed before the meeting is not a decision."""

from __future__ import annotations

import re

from .model import DecisionItem
from .spans import Taken, line_windows
from .text import clean

RESOLVED = re.compile(
    r"^[ \t#*|]*(?:\d+(?:\.\d+)*\.?\s+)?"  # "|": a table's cell border
    r"(?:(?:[Ii]t was\s+)?(?:RESOLVED|Resolved|resolved|AGREED|Agreed|DECIDED|Decided)"
    r"(?![ \t]+(?:at|by|on|in|upon)\b)"  # "Decided at meeting: 07/03/2017 - Cabinet" is a label
    r"(?:\s+(?i:unanimously|as follows))?(?:\s+(?i:that))?|(?P<label>DECISIONS?|"
    r"Decisions?)(?=[ \t*]*[:\-–—]))[ \t*]*[:\-–—]?[ \t*]*",
    re.M,
)
BLOCK_END = re.compile(
    r"^\s*(?:Supporting documents|ACTION|ACTOIN|Agenda item|Minutes\s*:|\d+\s*\.?\s*[A-Z][A-Z ,'’]{8,}$|"
    r"Reasons? for (?:the )?decision|Alternative options|Declarations? of interest|Meeting:|Attachments|Appendix)",
    re.M,
)
MARKER = re.compile(
    r"[ \t]*(?:\((?P<p>\d{1,2}|[a-z]|[ivx]{1,5})\)|(?P<d>\d{1,2}|[a-z])[.)]|(?P<dec>\d{1,3}\.\d{1,2})\.?|"
    r"(?P<b>[•·\-–*▪●]))[ \t]+"
)
ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
    "xi": 11,
    "xii": 12,
}
RESOLVED_ITEM = re.compile(r"(?:RESOLVED|Resolved|resolved|AGREED|Agreed)\b")
INTRO_ONLY = re.compile(
    r"^(?:that\s+)?(?:the\s+)?(?:committee|cabinet|board|panel|council|sub-committee|executive|forum)?\s*"
    r"(?:that\s*)?[:\-–—]?$",
    re.I,
)
KINDS = [
    ("noted", r"\bnot(?:e|es|ed|ing)\b"),
    ("received", r"\breceiv(?:e|es|ed)\b"),
    ("approved", r"\bapprov(?:e|es|ed|al)\b"),
    ("approved", r"\bendors(?:e|es|ed|ement)\b"),  # the gold's convention: "endorsed" is approved
    ("agreed", r"\bauthority\b[^.;]{0,40}?\bdelegat(?:e|es|ed)\b|\bdelegat(?:e|es|ed)\s+(?:\w+\s+){0,2}authority\b"),
    ("agreed", r"\bagree(?:s|d)?\b"),
    ("agreed", r"\bauthori[sz](?:e|es|ed)\b"),  # "be authorised to appoint": a delegation, as "authority delegated"
    ("commented", r"\bcomment(?:ed|s)?\b"),
    ("deferred", r"\bdefer(?:s|red)?\b"),
    ("recommended", r"\brecommend(?:ed|s)?\b"),
    ("approved", r"\b(?:adopt(?:s|ed)?|confirm(?:s|ed)?|ratif(?:y|ies|ied))\b"),
    ("other", r"\b(?:request(?:s|ed)?|asked|ask|instructed|consider(?:s|ed)?|delegat(?:e|es|ed))\b"),
]


MAIN_BE = re.compile(r"\bbe\s+(?:(?:\w+ed|\w+en)\s+(?:and|or)\s+)?(?P<verb>[a-z]+(?:ed|en|wn))\b")


def decision_kind(text: str) -> str:
    """The kind of the resolution's own verb: "That the plan, attached to the considered report, be
    endorsed" is approved ("be <verb>" is the main verb); otherwise the first verb of a kind."""
    lowered = text.lower()
    main = MAIN_BE.search(lowered)
    if main:
        vs, ve = main.span("verb")
        for kind, pattern in KINDS:  # the first kind whose words take in that verb
            if any(m.start() < ve and vs < m.end() for m in re.finditer(pattern, lowered)):
                return kind
    best = None
    for kind, pattern in KINDS:
        m = re.search(pattern, lowered)
        if m and (best is None or m.start() < best[1]):
            best = (kind, m.start())
    return best[0] if best else "other"


INLINE_RESOLVED = re.compile(
    r"\b(?:the\s+)?(?:Committee|Panel|Board|Cabinet|Council|Sub-Committee|Executive|Forum|Members)\s+"
    r"(?:RESOLVED|resolved)(?:\s+(?i:unanimously))?\s+(?=to\s+[a-z])"
)
AND_TO = re.compile(r",?\s+and\s+(?=to\s+[a-z])")


def _inline_resolutions(text: str, covered: list[tuple[int, int]]) -> list[DecisionItem]:
    """ "The Committee RESOLVED to note the report and to receive a further update": two decisions."""
    out = []
    taken = Taken(covered)
    for m in (m for s, e in line_windows(text, ("RESOLVED", "resolved")) for m in INLINE_RESOLVED.finditer(text, s, e)):
        if taken.overlaps(m.start(), m.start() + 1):
            continue
        end = m.end()
        while end < len(text) and text[end] not in ".;\n":
            end += 1
        at = m.end()
        for joint in [*AND_TO.finditer(text, m.end(), end), None]:
            stop = joint.start() if joint else end
            item = clean(text[at:stop])
            if len(item) >= 6:
                out.append(
                    DecisionItem(
                        quote=text[at:stop], quote_start=at, quote_end=stop, kind=decision_kind(item), text=item
                    )
                )
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
        block = []
        for s, e in spans:
            for s2, e2 in _inline(text, s, e):
                joint = LIST_JOINT.search(text, s2, e2)  # "2. the thanks be recorded; and"
                if joint and joint.start() > s2:
                    e2 = joint.start()
                item = clean(text[s2:e2])
                if len(item) < 6 or item.endswith(":") or INTRO_ONLY.match(item):
                    continue
                block.append(
                    DecisionItem(quote=text[s2:e2], quote_start=s2, quote_end=e2, kind=decision_kind(item), text=item)
                )
        if m.group("label"):
            # a decision page's "Decisions:" may hold the whole minute: "17.1 The Committee considered a report",
            # "17.2 A query was raised", "17.4 Resolved - That ... be endorsed": only what was resolved is a decision
            if RESOLVED.match(text, _next_line(text, covered)) or any(RESOLVED_ITEM.match(d.text) for d in block):
                block = [d for d in block if RESOLVED_ITEM.match(d.text)]
        out.extend(block)
    if "esolved" in text or "ESOLVED" in text:
        spans = [(d.quote_start, d.quote_end) for d in out]
        out.extend(_inline_resolutions(text, spans))
        out.extend(_resolved_after_body(text, out))
    if "That " in text:
        out.extend(_standalone_thats(text, out))
    out = [d for d in out if not PROCEDURAL.search(d.text)]
    out.sort(key=lambda d: d.quote_start)
    return out


# Approving the last meeting's minutes, or taking an item in private, is procedure, not a decision.
PROCEDURAL = re.compile(
    r"\bminutes\b[^;]{0,200}?\b(?:correct|accurate|true)\s+record\b"
    r"|\bminutes\b[^;]{0,80}?\b(?:taken|approved|agreed|accepted|confirmed)\s+as\s+(?:an?\s+)?(?:correct|accurate|true)\b"
    r"|\bminutes\s+of\s+the\s+(?:last|previous)\s+meeting\b[^;]{0,120}?\b(?:approved|agreed|confirmed|signed)\b"
    r"|^(?:that\s+)?the\s+minutes\b(?:\s+of\s+the\s+(?:[\w,]+\s+){0,8}?meeting\b)?[^;]{0,120}?\bbe\s+"
    r"(?:approved|agreed|confirmed|signed|accepted)\b"
    r"|\bbe\s+(?:considered|taken|heard)\s+in\s+(?:private|Part\s+(?:II|2)|closed session)\b",
    re.I,
)
RESOLVED_AFTER_BODY = re.compile(
    r"^[ \t]*(?P<intro>[^\n]{3,100}?)[ \t,]+(?:RESOLVED|Resolved|resolved|AGREED|DECIDED)[ \t]+(?:to|that)\b[ \t]*"
    r"(?:[;:\-–—][ \t]*|(?=\n|$))",
    re.M,
)
BODY_WORDS = re.compile(
    r"\b(?:Cabinet|Committee|Panel|Board|Council|Mayor|Members|Executive|Commission|Forum|Leader)\b"
)
INLINE_DEC = re.compile(r"(?:^|(?<=[;:])|(?<=[;:]\s))\s*(?P<n>\d{1,2}\.\d{1,2})\s+")


def _resolved_after_body(text: str, found: list[DecisionItem]) -> list[DecisionItem]:
    """ "The Executive Mayor and Cabinet, RESOLVED to;" followed by "2.1 Note ...", "2.2 Note ..." on the
    lines below, or on the same line ("RESOLVED to; 2.1 Note ...; 2.2 Note ...")."""
    out = []
    taken = Taken((d.quote_start, d.quote_end) for d in found)
    windows = line_windows(text, ("RESOLVED", "Resolved", "resolved", "AGREED", "DECIDED"))
    for m in (m for s, e in windows for m in RESOLVED_AFTER_BODY.finditer(text, s, e)):
        if not BODY_WORDS.search(m.group("intro")) or taken.overlaps(m.end(), m.end() + 1):
            continue
        line_end = _line_end(text, m.end())
        rest_s, rest_e = _trim(text, m.end(), line_end)
        if rest_s < rest_e:
            spans = _dec_split(text, rest_s, rest_e)
        else:
            spans, _ = _block(text, line_end)
        for s, e in spans:
            item = clean(text[s:e])
            if len(item) >= 6 and not INTRO_ONLY.match(item) and not taken.overlaps(s, e):
                out.append(
                    DecisionItem(quote=text[s:e], quote_start=s, quote_end=e, kind=decision_kind(item), text=item)
                )
                taken.add(s, e)
    return out


def _dec_split(text: str, s: int, e: int) -> list[tuple[int, int]]:
    marks = list(INLINE_DEC.finditer(text, s, e))
    if len(marks) < 2:
        return [(s, e)]
    ends = [m.start() for m in marks[1:]] + [e]
    spans = [_trim(text, m.end(), end) for m, end in zip(marks, ends, strict=True)]
    return [(a, b - 1) if text[b - 1 : b] == ";" else (a, b) for a, b in spans]


THAT_LINE = re.compile(
    r"^[ \t]*(?:(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)][ \t]+|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)[ \t]+)?"
    r"(?P<that>That)[ \t]+(?!(?:said|is|was|has|had|being|way|means|would|will|could|should|may|might|must|can)\b)"
    r"(?=[A-Za-z])",
    re.M,
)
REPORTED = re.compile(r"\b(?:has|have|had|was|were|is|are|did|does)\b")
SUBJUNCTIVE_BE = re.compile(r"\bbe\s+[a-z]+(?:ed|en|wn)\b")
PROPOSAL_HEAD = re.compile(
    r"\b(?:Recommend(?:ed|ation|ations)?|RECOMMEND(?:ED|ATIONS?)?|Propos(?:ed|al|als)|Suggested|Options?)\b|"
    r"\b(?:is|are)\s+(?:recommended|invited)\s+to\b|\b(?:is|are)\s+asked\s+to\s*:\s*$",
    re.I,
)


def _standalone_thats(text: str, found: list[DecisionItem]) -> list[DecisionItem]:
    """ModernGov minutes print each resolution as its own paragraph with no "RESOLVED" label:
    "That the Schedule of Outstanding Matters report be noted." A decision page numbers them
    ("1) That ... be endorsed"). Reported findings ("That since 2018 Ofsted has found ...") and a
    report's recommendations ("Recommended - That this Committee note ...") are not decisions."""
    out = []
    taken = Taken((d.quote_start, d.quote_end) for d in found)
    for m in (m for s, e in line_windows(text, ("That ", "That\t")) for m in THAT_LINE.finditer(text, s, e)):
        s = m.start("that")
        e = _line_end(text, s)
        while True:  # a resolution wrapped onto lines starting in lower case
            nxt = _line_end(text, e + 1) if e < len(text) else e
            follow = text[e + 1 : nxt].strip()
            if follow and follow[0].islower() and text[e + 1 : nxt][:1] not in "\n":
                e = nxt
                continue
            break
        s, e = _trim(text, s, e)
        if taken.overlaps(s, e):
            continue  # already read as part of a RESOLVED block
        item = clean(text[s:e])
        if len(item.split()) < 5:
            continue
        if REPORTED.search(item) and not SUBJUNCTIVE_BE.search(item):
            continue
        if _under_proposal_heading(text, m.start()):
            continue
        out.append(DecisionItem(quote=text[s:e], quote_start=s, quote_end=e, kind=decision_kind(item), text=item))
        taken.add(s, e)
    return out


def _under_proposal_heading(text: str, at: int) -> bool:
    """Whether the line at `at` belongs to a list headed "Recommended -" / "Recommendations:" /
    "Cabinet is recommended to:" (looking back past the other items of the same list)."""
    pos = at
    for _ in range(12):
        if pos <= 0:
            return False
        prev_end = pos - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        pos = prev_start
        if not line:
            continue
        label = re.match(r"^[A-Z][\w ?]{2,30}:[ \t]*(?=\S)", line)  # "Decision status: Recommendations Approved"
        item = THAT_LINE.match(line) or MARKER.match(line)
        if not label and not THAT_LINE.match(line) and len(line) < (80 if item else 160) and PROPOSAL_HEAD.search(line):
            return True  # "Recommended -", "2. RECOMMENDATIONS", "Cabinet is recommended to:"
        if item:
            continue  # another item of the same list
        return False
    return False


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


def _next_in_sequence(sequence: list, marker: re.Match[str]) -> bool:
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
        elif token in ROMAN and (not sequence or sequence[0] == "roman") and not (sequence and sequence[0] == "alpha"):
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
    """ "That (1) the report be noted; and (2) the plan be approved" is two decisions."""
    marks = list(INLINE_MARK.finditer(text, s, e))
    tokens = [m.group("t") for m in marks]
    if len(marks) >= 2 and tokens[:2] in (["1", "2"], ["a", "b"], ["i", "ii"]):
        bounds = [m.end() for m in marks]
        ends = [m.start() for m in marks[1:]] + [e]
        return [_trim(text, a, b) for a, b in zip(bounds, ends, strict=True)]
    return _thats(text, s, e)


def _thats(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Several "That ..." resolutions run together in one paragraph are several decisions."""
    starts = sorted(
        {m.start() for m in THAT.finditer(text, s, e)} | {m.start("that") for m in AND_THAT.finditer(text, s, e)}
    )
    if starts and starts[0] != s and not text[s : starts[0]].strip():
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


def _next_line(text: str, pos: int) -> int:
    """The start of the first line after the one `pos` is on that has any text (the text's end if none)."""
    at = text.find("\n", pos)
    while at >= 0:
        start, end = at + 1, _line_end(text, at + 1)
        if text[start:end].strip():
            return start
        at = text.find("\n", end)
    return len(text)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The span without the spaces around it, nor a table's cell border ("Decision: |", "... the report. |":
    a decision page's table flattened to text)."""
    while s < e and (text[s].isspace() or (text[s] == "|" and (s + 1 == e or text[s + 1].isspace()))):
        s += 1
    while e > s and (text[e - 1].isspace() or (text[e - 1] == "|" and (e - 1 == s or text[e - 2].isspace()))):
        e -= 1
    return s, e
