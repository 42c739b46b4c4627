"""Recommendations: "recommendation no. 7", "Recommendations 4 and 6" (two), and numbered or
bulleted lists under "Recommendations:" or "Areas for improvement", with their source."""

from __future__ import annotations

import re

from .model import Recommendation
from .text import clean, lines, sentences

REF = r"\d{1,2}[a-z]?"
MENTION = re.compile(
    rf"\brecommendations?\s+(?:no\.?\s*|number\s+|nos\.?\s*)?(?P<refs>{REF}(?:\s*(?:,|and|&|to|-)\s*(?:no\.?\s*)?{REF})*)\b",
    re.I,
)
LIST_HEAD = re.compile(
    r"(?:recommendations?|areas? (?:for|of) (?:improvement|development|priority action)|what needs to improve|"
    r"areas? (?:that|which) (?:need|needs|require|requires) (?:to improve|improvement))\b[^\n]{0,80}(?::|\?|were|are|include|included)\s*$",
    re.I,
)
ITEM = re.compile(r"^\s*(?:\(?(?P<num>\d{1,2}|[a-z])[.)]|[•·\-–*▪●■□◦○►▶➢✓]|o(?=\s))\s+(?P<body>\S.*)$")
SOURCE_TITLE = re.compile(
    r"\b(?:recommendations?|progress)\s+(?:of|from|following|against)\s+(?:the\s+)?(?P<src>[^\n]*?(?:review|inspection|visit|study|report|challenge|audit))\b",
    re.I,
)
SOURCE_NEAR = re.compile(
    r"(?P<src>(?:Ofsted|ILACS|JTAI|peer|scrutiny|LGA|focused|monitoring|thematic)[\w’' -]{0,60}?(?:review|inspection|visit|study|challenge)"
    r"|\b(?:JTAI|ILACS)\b(?:\s+(?:letter|report|inspection))?)",
    re.I,
)


def find_recommendations(text: str) -> list[Recommendation]:
    default_source = _document_source(text)
    found: list[Recommendation] = []
    seen: set[str] = set()
    for s, e in sentences(text):
        sentence = text[s:e]
        if "recommendation" not in sentence.lower():
            continue
        for m in MENTION.finditer(sentence):
            refs = re.findall(REF, re.sub(r"\bno\.?", "", m.group("refs"), flags=re.I))
            if re.search(r"\d\s*(?:to|-)\s*\d", m.group("refs")) and len(refs) == 2:
                a, b = int(re.sub(r"\D", "", refs[0])), int(re.sub(r"\D", "", refs[1]))
                refs = [str(n) for n in range(a, b + 1)] if 0 < b - a < 15 else refs
            for ref in refs:
                if ref in seen:
                    continue
                seen.add(ref)
                found.append(Recommendation(quote=sentence, quote_start=s, quote_end=e, ref=ref,
                                            text=clean(sentence), source=_near_source(sentence) or default_source))
    found.extend(_lists(text, default_source, seen))
    found.extend(_recommended_that(text, default_source))
    found.extend(_inline_lists(text, default_source, seen))
    return sorted(found, key=lambda r: r.quote_start)


RECOMMENDED_THAT = re.compile(
    r"\b(?P<who>Ofsted|[Ii]nspectors|the (?:inspection |visit |review )?(?:report|letter)|the review(?:ers)?|the peer review(?:ers)?|"
    r"the (?:LGA )?peer team)\s+(?:also\s+)?recommended\s+that\s+(?P<body>[^.;]{10,300})", re.I)


def _recommended_that(text: str, default_source: str | None) -> list[Recommendation]:
    """"Ofsted recommended that the local authority improve ...": one recommendation, in prose."""
    out = []
    if "recommended that" not in text.lower():
        return out
    for s, e in sentences(text):
        m = RECOMMENDED_THAT.search(text, s, e)
        if m:
            sentence = text[s:e]
            out.append(Recommendation(quote=sentence, quote_start=s, quote_end=e, ref="",
                                      text=clean(m.group("body")).rstrip("."), source=_near_source(sentence) or default_source))
    return out


INLINE_HEAD = re.compile(
    r"\b(?P<count>two|three|four|five|six|\d)?\s*(?:further\s+)?(?:recommendations|areas? (?:for|of) (?:improvement|development)|"
    r"areas? (?:that|which) (?:need|needs|require|requires) (?:to improve|improvement))\s*(?::|were|are|included?|namely)\s+(?P<items>[^:\n]{10,400}?)\.?\s*$",
    re.I | re.M,
)
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _inline_lists(text: str, default_source: str | None, seen: set[str]) -> list[Recommendation]:
    """"... identified two areas for improvement: the timeliness of assessments, and management oversight."
    The list is split on semicolons, or on commas when the number of parts matches the count given."""
    out = []
    lowered = text.lower()
    if "areas" not in lowered and "recommendations" not in lowered:
        return out
    for m in INLINE_HEAD.finditer(text):
        items_start = m.start("items")
        body = m.group("items")
        parts = _split_inline(body)
        want = COUNTS.get((m.group("count") or "").lower()) or (int(m.group("count")) if (m.group("count") or "").isdigit() else None)
        if len(parts) < 2 or (want and len(parts) != want) or (not want and ";" not in body):
            continue
        for index, (a, b) in enumerate(parts, start=1):
            ref = str(index)
            quote_start, quote_end = items_start + a, items_start + b
            out.append(Recommendation(quote=text[quote_start:quote_end], quote_start=quote_start, quote_end=quote_end,
                                      ref="" if ref in seen else ref, text=clean(text[quote_start:quote_end]),
                                      source=_near_source(text[max(0, m.start() - 200):m.start()]) or default_source))
    return out


def _split_inline(body: str) -> list[tuple[int, int]]:
    parts, at = [], 0
    for sep in [*re.finditer(r";\s*(?:and\s+)?|,\s*and\s+|,\s+(?=(?:the|a|an)\s)|\s+and\s+(?=the\s)", body), None]:
        end = sep.start() if sep else len(body.rstrip(". "))
        piece = body[at:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            parts.append((at + lead, at + lead + len(piece.strip())))
        at = sep.end() if sep else len(body)
    return parts


def _lists(text: str, default_source: str | None, seen: set[str]) -> list[Recommendation]:
    out = []
    all_lines = lines(text)
    i = 0
    while i < len(all_lines):
        s, e = all_lines[i]
        lowered = text[s:e].lower()
        if e - s < 200 and ("recommend" in lowered or "area" in lowered or "improve" in lowered) \
                and LIST_HEAD.search(text[s:e]):
            source = _near_source(text[s:e]) or default_source
            j, index = i + 1, 0
            while j < len(all_lines):
                ls, le = all_lines[j]
                m = ITEM.match(text[ls:le])
                if not m:
                    break
                index += 1
                ref = m.group("num") or str(index)
                if ref not in seen:
                    seen.add(ref)
                    body_start = ls + m.start("body")
                    out.append(Recommendation(quote=text[body_start:le], quote_start=body_start, quote_end=le,
                                              ref=ref, text=clean(m.group("body")), source=source))
                j += 1
            i = j
        else:
            i += 1
    return out


SOURCE_WORDS = ("inspection", "review", "visit", "study", "challenge", "audit")
HEADING_SOURCE = re.compile(
    r"(?P<src>(?:(?:Ofsted|ILACS?|JTAI|LGA|Peer|Joint|Focused|Focussed|Monitoring|Thematic|Annual|Children'?’?s Services)\b"
    r"[\w’'() -]{0,60}?)\b(?:Inspection|Review|Visit|Study|Challenge|Audit)s?)\b",
    re.I,
)


def _document_source(text: str) -> str | None:
    head = lines(text)[:8]
    for s, e in head:
        lowered = text[s:e].lower()
        if e - s > 300 or ("recommendation" not in lowered and "progress" not in lowered):
            continue
        m = SOURCE_TITLE.search(text[s:e])
        if m:
            return clean(m.group("src"))
    for s, e in head:  # a title such as "Ofsted Inspection Action Plan"
        lowered = text[s:e].lower()
        if e - s <= 150 and any(word in lowered for word in SOURCE_WORDS):
            m = HEADING_SOURCE.search(text, s, e)
            if m:
                return clean(m.group(0))
    return None


def _near_source(sentence: str) -> str | None:
    m = SOURCE_NEAR.search(sentence)
    return clean(m.group("src")) if m else None
