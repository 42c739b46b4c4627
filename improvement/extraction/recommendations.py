"""Recommendations: "recommendation no. 7", "Recommendations 4 and 6" (two), and numbered or
bulleted lists under "Recommendations:" or "Areas for improvement", with their source."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Recommendation
from .spans import Taken, line_windows
from .text import clean, lines, sentences

REF = r"\d{1,2}[a-z]?"
MENTION = re.compile(
    rf"\brecommendations?\s+(?:no\.?\s*|number\s+|nos\.?\s*)?(?P<refs>{REF}(?:\s*(?:,|and|&|to|-)\s*(?:no\.?\s*)?{REF})*)\b",
    re.I,
)
LIST_HEAD = re.compile(
    r"(?:recommendations?|areas? (?:for|of) (?:improvement|development|priority action)|what needs to improve|"
    r"areas? (?:that|which) (?:need|needs|require|requires) (?:to improve|improvement)|"
    r"(?:points?|areas?|issues?) for (?:immediate|priority) action)\b(?:[^\n]{0,80}(?::|\?|were|are|include|included)|"
    r"[^\n]{0,160}:)\s*$",  # "Five areas for improvement were identified ..., and these were in the letter:"
    re.I,
)
# "the following areas of concern identified at the last inspection:", "The areas identified as
# requiring improvement comprised -": only when the head says the inspection (or its report) found them.
CONCERN_HEAD = re.compile(
    r"\b(?:areas?\s+of\s+(?:significant\s+)?(?:concern|weakness)|"
    r"areas?\s+(?:identified\s+)?(?:as\s+)?requiring\s+improvement)\b[^\n]{0,80}?(?::|\bcomprised?\b[ \t]*[-–—:]?|"
    r"\bwere\b[ \t]*:?|\bare\b[ \t]*:?|\bas follows\b[ \t]*:?|[-–—])\s*$",
    re.I,
)
INSPECTION_BEFORE = re.compile(r"\b(?:inspect\w*|Ofsted|monitoring\s+visit|focused\s+visit|JTAI)\b", re.I)
FOUND_BY = re.compile(r"\b(?:inspect\w*|insecpt\w*|Ofsted|visit|identified|report|letter|review)\b", re.I)
ITEM = re.compile(
    r"^\s*(?:\(?(?P<num>\d{1,2}|[a-z])[.)]|[•·\-–*▪●■□◦○►▶➢✓Ø➤»♦◆\uf0b7\uf0a7\uf076\uf0d8\uf0fc]|o(?=\s))\s+(?P<body>\S.*)$"
)
SOURCE_TITLE = re.compile(
    r"\b(?:recommendations?|progress)\s+(?:of|from|following|against)\s+(?:the\s+)?(?P<src>[^\n]*?(?:review|inspection|visit|study|report|challenge|audit))\b",
    re.I,
)
SOURCE_NEAR = re.compile(
    r"(?P<src>(?:Ofsted|ILACS|JTAI|peer|scrutiny|LGA|focused|monitoring|thematic)[\w’' -]{0,60}?(?:review|"
    r"inspection|visit|study|challenge)|\b(?:JTAI|ILACS)\b(?:\s+(?:letter|report|inspection))?)",
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
                found.append(
                    Recommendation(
                        quote=sentence,
                        quote_start=s,
                        quote_end=e,
                        ref=ref,
                        text=clean(sentence),
                        source=_near_source(sentence) or default_source,
                    )
                )
    found.extend(_lists(text, default_source, seen))
    found.extend(_recommended_that(text, default_source))
    found.extend(_inline_lists(text, default_source, seen))
    taken = Taken((r.quote_start, r.quote_end) for r in found)
    for rec in _headed_sentences(text, default_source) + _prose(text, default_source):
        if not taken.overlaps(rec.quote_start, rec.quote_end):
            found.append(rec)
            taken.add(rec.quote_start, rec.quote_end)
    return sorted(found, key=lambda r: r.quote_start)


# "Areas for development: Return home interviews for missing children, clarity of the local offer
# for care leavers over 21, and management oversight documentation. It was acknowledged ..."
HEADED = re.compile(
    r"(?<![\w-])(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})?\s*(?:further\s+|key\s+|main\s+)?"
    r"(?:areas?\s+(?:for|of)\s+(?:improvement|development)|points?\s+for\s+(?:immediate|priority)\s+action|"
    r"areas?\s+for\s+priority\s+action)\s*(?::|\bwere\b|\bincluded\b)[ \t]+(?P<items>[^\n]{6,600})",
    re.I,
)
HEADED_WORDS = ("areas for", "area for", "areas of", "for immediate action", "for priority action")
SENTENCE_STOP = re.compile(r"\.(?=\s+[A-Z“\"‘]|\s*$)")


def _headed_sentences(text: str, default_source: str | None) -> list[Recommendation]:
    """A head ("Areas for development:", "Points for immediate action:") and its items in the same
    sentence. Three or more items joined by commas and a last "and" are split; fewer stay one."""
    out = []
    matches = [m for s, e in line_windows(text, HEADED_WORDS, lower=True) for m in HEADED.finditer(text, s, e)]
    for m in matches:
        if m.group("count"):
            continue  # counted lists are _inline_lists' (and a count that does not match means leave it)
        start = m.start("items")
        stop = SENTENCE_STOP.search(text, start, m.end("items"))
        end = stop.start() if stop else m.end("items")
        body = text[start:end]
        if re.match(
            r"\s*(?:identified|raised|included|from|in|at|as|is|are|was|were|that|which|being|been|also|now|"
            r"still|not|to\b|\w+ed\b)",
            body,
            re.I,
        ):
            continue  # "areas for improvement identified in the report were ...", "... were discussed"
        truncated = stop is None and not text[end:].strip()  # the page stops mid-list: "..., the local off"
        parts = _split_commas(body, truncated)
        for a, b in parts:
            qs, qe = start + a, start + b
            if len(text[qs:qe].split()) < (1 if len(parts) > 1 else 2):
                continue  # one word is an item of a list ("..., and supervision"), not a list on its own
            out.append(
                Recommendation(
                    quote=text[qs:qe],
                    quote_start=qs,
                    quote_end=qe,
                    ref="",
                    text=clean(text[qs:qe]),
                    source=_near_source(text[max(0, m.start() - 200) : m.start()]) or default_source,
                )
            )
    return out


def _split_commas(body: str, truncated: bool = False) -> list[tuple[int, int]]:
    """ "A, B, and C" / "A, B and C" / "A; B; and C" -> three; a list the page cuts off ("A, B, the
    local off") splits on its commas; anything else -> one."""
    if truncated and ";" not in body and body.count(",") >= 1:
        seps = list(re.finditer(r",\s*(?:and\s+)?", body))
    elif ";" in body:
        seps = list(re.finditer(r";\s*(?:and\s+)?", body))
    else:
        commas = list(re.finditer(r",\s*(?:and\s+)?", body))
        last_and = re.search(r"(?:,\s*|\s+)and\s+(?!(?:the\s+)?(?:other|others)\b)[^,]*$", body)
        if len(commas) < 1 or not last_and or (len(commas) < 2 and not re.search(r",\s*and\s", body)):
            seps = []
        else:
            seps = commas[:]
            if not re.search(r",\s*and\s", body):  # "A, B and C": the last part splits on " and "
                seps.append(re.search(r"\s+and\s+(?=[^,]*$)", body))
    parts, at = [], 0
    for sep in [*seps, None]:
        end = sep.start() if sep else len(body)
        piece = body[at:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            part = (at + lead, at + lead + len(piece.strip().rstrip(".")))
            if parts and QUALIFIER.match(piece.strip()):
                parts[-1] = (parts[-1][0], part[1])  # "the quality of plans, including contingency plans"
            else:
                parts.append(part)
        at = sep.end() if sep else len(body)
    return parts


QUALIFIER = re.compile(
    r"(?:including|particularly|especially|notably|such as|in particular|for example|which|where|who|"
    r"with|so that|to ensure|as well as)\b",
    re.I,
)


def _pieces(body: str, separators: Iterable[re.Match[str]], end: int | None = None) -> list[tuple[int, int]]:
    """The spans of `body` between the separators (up to `end`), each without the spaces around it; none empty."""
    parts, at = [], 0
    for sep in [*separators, None]:
        piece = body[at : (sep.start() if sep else len(body) if end is None else end)]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            parts.append((at + lead, at + lead + len(piece.strip())))
        at = sep.end() if sep else len(body)
    return parts


# "build longer relationships ..., and to make sure ...": only ", and to ..." / "; to ..." start a second one
TO_SEPARATOR = re.compile(r"[,;]\s*and\s+(?:to\s+)?(?=[a-z])(?=(?:to\s+)?\w+\s)|;\s*(?=to\s)")
TO_STARTS = re.compile(r"[,;]\s*and\s+to\s|;\s*to\s")
# "the pace of change wasn't swift enough and the quality of practice needed to be more consistent": two
AND_THE_SEPARATOR = re.compile(r",?\s+and\s+(?=the\s+[a-z][^,;]{2,80}?\s+(?:was|were|is|needed|needs)\b)")
# "better case supervision by frontline managers and more regular and thorough assessments": two wishes
COMPARATIVE_SEPARATOR = re.compile(r",?\s+and\s+(?=(?:more|better|greater|stronger|improved|fewer|less|clearer)\s)")


def _split_to(body: str) -> list[tuple[int, int]]:
    return _pieces(body, (m for m in TO_SEPARATOR.finditer(body) if TO_STARTS.match(body, m.start())))


def _split_and_the(body: str) -> list[tuple[int, int]]:
    return _pieces(body, AND_THE_SEPARATOR.finditer(body))


def _split_comparatives(body: str) -> list[tuple[int, int]]:
    return _pieces(body, COMPARATIVE_SEPARATOR.finditer(body))


INSPECTORS_NEAR = re.compile(r"\b(?:Ofsted|inspect\w*|monitoring visit|focused visit)\b", re.I)


def _criticism(text: str, m: re.Match[str]) -> tuple[int, int] | None:
    """Only the inspectors' criticism (a "they" needs inspectors in the sentences before), up to ", which ..."."""
    if not INSPECTORS_NEAR.search(text, max(0, m.start() - 400), m.end()):
        return None
    bs, be = m.span("body")
    cut = re.search(r",\s*(?:which|who|and\s+also|but)\b", text[bs:be])
    return bs, bs + cut.start() if cut else be


def _wish(text: str, m: re.Match[str]) -> tuple[int, int] | None:
    """ "It wants to see ...": only when "it" is the inspection named just before."""
    if m.group(0).startswith(("It", "They")) and not INSPECTORS_NEAR.search(text, max(0, m.start() - 400), m.start()):
        return None
    return m.span("body")


@dataclass(frozen=True)
class _Prose:
    """One way prose gives a recommendation: the words it cannot do without (to find the lines worth reading),
    the pattern, how its body splits into several, and what else the match needs (the body's span, or None)."""

    words: tuple[str, ...]
    pattern: re.Pattern[str]
    split: Callable[[str], list[tuple[int, int]]] | None = None
    body: Callable[[str, re.Match[str]], tuple[int, int] | None] = lambda text, m: m.span("body")


AREA_WORDS = tuple(
    f"{n} {w} {k}" for n in ("area", "areas") for w in ("for", "of") for k in ("improvement", "development")
)
# One area, criticism or requirement written in prose.
PROSE_RECS = [
    # "One of the key areas for improvement was Children's Voice, particularly in relation to the Care Plan."
    _Prose(
        AREA_WORDS,
        re.compile(
            r"\b(?:one\s+of\s+the\s+(?:key\s+|main\s+)?areas|the\s+(?:key\s+|main\s+|only\s+|other\s+)?area)\s+(?:for|"
            r"of)\s+(?:improvement|development)\s+(?:was|is|remains|remained)\s+(?!(?:being|been|now|still|also|not|to|"
            r"that|in hand|on track|a matter|\w+ed|\w+ing)\b)(?P<body>[^.;\n]{6,300})",
            re.I,
        ),
    ),
    # "the remaining area of significant weakness, namely the fractured relationships with parents ..."
    _Prose(
        ("area of weakness", "area of significant weakness"),
        re.compile(
            r"\b(?:remaining|one|an?|the\s+other)\s+area\s+of\s+(?:significant\s+)?weakness\b,?\s*(?:namely|was|is|being|:|-|–)\s+"
            r"(?P<body>[^.;\n]{6,300})",
            re.I,
        ),
    ),
    # "they criticised the visibility of management oversight, which ... was not yet consistently evident"
    _Prose(
        ("criticised",),
        re.compile(
            r"\b(?:Ofsted|[Ii]nspectors|[Tt]hey|[Tt]he\s+(?:report|letter|inspectors?))\s+(?:also\s+)?criticised\s+"
            r"(?P<body>[^.;\n]{6,300})"
        ),
        body=_criticism,
    ),
    # "The Ofsted Inspection identified that the service needed to build ..., and to make sure ..."
    _Prose(
        ("needed to", "needs to", "need to"),
        re.compile(
            r"\b(?:Ofsted|[Ii]nspect(?:ion|ors?)|[Tt]he\s+(?:report|letter|visit))\b[^.\n]{0,40}?\b(?:identified|found|concluded|said|highlighted)\s+"
            r"(?:that\s+)?(?:the\s+)?(?:service|council|local\s+authority|authority|partners|leaders|managers)\s+"
            r"(?:needed|needs|need|should|must)\s+to\s+(?P<body>[^.\n]{6,400})"
        ),
        split=_split_to,
    ),
    # "The inspectors ... noted that the pace of change wasn't swift enough and the quality of practice needed to be
    # more consistent": a shortfall the inspectors or a review named, each clause one recommendation
    _Prose(
        (
            " noted that ",
            " found that ",
            " said that ",
            " commented that ",
            " reported that ",
            " felt that ",
            " concluded that ",
            " highlighted that ",
        ),
        re.compile(
            r"\b(?:Ofsted|[Ii]nspect(?:ion|ors?)|[Tt]he\s+(?:report|letter|visit|review|peer\s+review))\b[^.\n]{0,80}?\b"
            r"(?:noted|found|said|commented|reported|felt|concluded|highlighted)\s+that\s+"
            r"(?P<body>the\s+[a-z][^.;\n]{2,80}?\s+(?:was\s*n[’']t|was\s+not|were\s+not|were\s*n[’']t|is\s+not|"
            r"is\s*n[’']t|(?:still\s+)?needed\s+to\s+be|needs\s+to\s+be)\s+[^.;\n]{3,200})"
        ),
        split=_split_and_the,
    ),
    # "the review had identified limited evidence of reflective supervision"
    _Prose(
        ("limited ", "little ", "insufficient ", "inconsistent ", " no "),
        re.compile(
            r"\b(?:Ofsted|[Ii]nspect(?:ion|ors?)|[Tt]he\s+(?:report|letter|visit|review|peer\s+review))\b[^.\n]{0,40}?\b"
            r"(?:identified|found|highlighted|noted)\s+(?P<body>(?:limited|little|insufficient|inconsistent|no)\s+"
            r"(?:evidence|use|understanding|oversight|consistency)\s+of\s+[^.;\n]{4,200})"
        ),
    ),
    # "X was identified as a point for immediate action"
    _Prose(
        ("for immediate action", "for priority action"),
        re.compile(
            r"(?:^|(?<=[.;:]\s)|(?<=\n))(?P<body>[A-Z][^.;\n]{6,200}?)\s+(?:was|were)\s+(?:identified|highlighted|raised)\s+as\s+"
            r"(?:an?\s+|the\s+)?(?:points?|areas?|issues?)\s+for\s+(?:immediate|priority)\s+action\b",
            re.M,
        ),
    ),
    # "the inspection team said that work needs to continue to reduce the level of agency staff"
    _Prose(
        (" needs to ", " need to ", " needed to "),
        re.compile(
            r"\b(?:Ofsted|[Ii]nspect(?:ors?|ion\s+team)|[Tt]he\s+(?:report|letter|inspection\s+team|inspectorate))\s+"
            r"(?:also\s+)?(?:said|says|stated|concluded|found|noted)\s+(?:that\s+)?"
            r"(?P<body>(?:[a-z][\w’'-]*\s+){1,6}?(?:needs?|needed)\s+to\s+(?:[\w’'-]+\s+){2,}[^.\n]{2,300})"
        ),
    ),
    # "It also wants to see better case supervision by frontline managers and more regular assessments"
    _Prose(
        ("to see ",),
        re.compile(
            r"\b(?:Ofsted|[Ii]nspectors|[Tt]he\s+(?:report|letter|inspection\s+team|inspectorate)|It|They)\s+"
            r"(?:also\s+)?(?:wants?|wanted|would\s+like)\s+to\s+see\s+(?P<body>[^.\n]{6,300})"
        ),
        split=_split_comparatives,
        body=_wish,
    ),
]


def _prose(text: str, default_source: str | None) -> list[Recommendation]:
    out = []
    for rule in PROSE_RECS:
        for m in (m for s, e in line_windows(text, rule.words, lower=True) for m in rule.pattern.finditer(text, s, e)):
            span = rule.body(text, m)
            if span is None:
                continue
            bs, be = span
            spans = [(bs + a, bs + b) for a, b in rule.split(text[bs:be])] if rule.split else [(bs, be)]
            for qs, qe in spans:
                while qe > qs and text[qe - 1] in " ,;":
                    qe -= 1
                if len(text[qs:qe].split()) < 3:
                    continue
                out.append(
                    Recommendation(
                        quote=text[qs:qe],
                        quote_start=qs,
                        quote_end=qe,
                        ref="",
                        text=clean(text[qs:qe]),
                        source=_near_source(text[max(0, m.start() - 200) : m.end()]) or default_source,
                    )
                )
    return out


RECOMMENDED_THAT = re.compile(
    r"\b(?P<who>Ofsted|[Ii]nspectors|the (?:inspection |visit |review )?(?:report|letter)|the review(?:ers)?|"
    r"the peer review(?:ers)?|the (?:LGA )?peer team)\s+(?:had\s+|have\s+|has\s+)?(?:also\s+)?recommended\s+"
    r"(?:that\s+|(?=the\s+|improvements?\s))(?P<body>[^.;]{10,300})",
    re.I,
)


def _recommended_that(text: str, default_source: str | None) -> list[Recommendation]:
    """ "Ofsted recommended that the local authority improve ...": one recommendation, in prose."""
    out = []
    if "recommended" not in text.lower():
        return out
    for s, e in sentences(text):
        m = RECOMMENDED_THAT.search(text, s, e)
        if m:
            sentence = text[s:e]
            out.append(
                Recommendation(
                    quote=sentence,
                    quote_start=s,
                    quote_end=e,
                    ref="",
                    text=clean(m.group("body")).rstrip("."),
                    source=_near_source(sentence) or default_source,
                )
            )
    return out


INLINE_HEAD = re.compile(
    r"\b(?P<count>two|three|four|five|six|\d)?\s*(?:further\s+)?(?:recommendations|areas? (?:for|of) (?:improvement|"
    r"development)|areas? (?:needing|requiring) improvement|areas? (?:that|which) (?:need|needs|require|requires) "
    r"(?:to improve|improvement))\s*(?::|were|are|(?:(?:which|that)\s+)?(?:included?|includes)\s*:?|namely)\s+"
    r"(?P<items>[^:\n]{10,800}?)\.?\s*$",
    re.I | re.M,
)
# An item of a list given without a count, in prose: a shortfall of its own ("governance arrangements ... required
# attention", "the quality assurance framework was not robust enough", "didn't always use the correct template").
SHORTFALL = re.compile(
    r"\b(?:required|requires|needed|needs|need|was\s+not|were\s+not|is\s+not|are\s+not|was\s*n[’']t|were\s*n[’']t|"
    r"did\s*n[’']t|did\s+not|does\s+not|do\s+not|lacked|lacks|should)\b",
    re.I,
)
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _inline_lists(text: str, default_source: str | None, seen: set[str]) -> list[Recommendation]:
    """ "... identified two areas for improvement: the timeliness of assessments, and management oversight."
    The list is split on semicolons, or on commas when the number of parts matches the count given."""
    out = []
    lowered = text.lower()
    if "areas" not in lowered and "recommendations" not in lowered:
        return out
    for m in INLINE_HEAD.finditer(text):
        items_start = m.start("items")
        body = m.group("items")
        parts = _split_inline(body)
        want = COUNTS.get((m.group("count") or "").lower()) or (
            int(m.group("count")) if (m.group("count") or "").isdigit() else None
        )
        if not want and ";" not in body:
            parts = _split_shortfalls(body)  # no count, no semicolons: a list only if each item is a shortfall
        if len(parts) < 2 or (want and len(parts) != want):
            continue
        for index, (a, b) in enumerate(parts, start=1):
            ref = str(index)
            quote_start, quote_end = items_start + a, items_start + b
            out.append(
                Recommendation(
                    quote=text[quote_start:quote_end],
                    quote_start=quote_start,
                    quote_end=quote_end,
                    ref="" if ref in seen else ref,
                    text=clean(text[quote_start:quote_end]),
                    source=_near_source(text[max(0, m.start() - 200) : m.start()]) or default_source,
                )
            )
    return out


def _split_shortfalls(body: str) -> list[tuple[int, int]]:
    """ "governance ... required attention, the Board needed to improve ..., the framework was not robust enough":
    split on commas where every piece says what falls short; otherwise not a list."""
    merged: list[tuple[int, int]] = []
    for a, b in _pieces(body, re.finditer(r",\s*(?:and\s+)?", body), len(body.rstrip(". "))):
        if merged and not SHORTFALL.search(body, a, b):
            merged[-1] = (merged[-1][0], b)  # a piece with no shortfall of its own belongs to the one before
        else:
            merged.append((a, b))
    if len(merged) < 3 or not all(SHORTFALL.search(body, a, b) for a, b in merged):
        return []
    return merged


INLINE_SEPARATOR = re.compile(r";\s*(?:and\s+)?|,\s*and\s+|,\s+(?=(?:the|a|an)\s)|\s+and\s+(?=the\s)")


def _split_inline(body: str) -> list[tuple[int, int]]:
    return _pieces(body, INLINE_SEPARATOR.finditer(body), len(body.rstrip(". ")))


def _lists(text: str, default_source: str | None, seen: set[str]) -> list[Recommendation]:
    out = []
    all_lines = lines(text)
    i = 0
    while i < len(all_lines):
        s, e = all_lines[i]
        lowered = text[s:e].lower()
        head_s = s
        if e - s >= 200 and text[e - 1] in ":-–—" and ("area" in lowered or "recommend" in lowered):
            head_s = sentences(text, s, e)[-1][0]  # "... In particular, inspectors reviewed ... areas of concern ...:"
        head = text[head_s:e]
        concern = (
            e - head_s < 250
            and "area" in lowered
            and CONCERN_HEAD.search(head) is not None
            # the inspection that found them named in the head, or in the paragraph just before it
            and (FOUND_BY.search(head) is not None or INSPECTION_BEFORE.search(text, max(0, head_s - 400), head_s))
        )
        if concern or (
            e - head_s < 200
            and (
                "recommend" in lowered
                or "area" in lowered
                or "improve" in lowered
                or "for immediate action" in lowered
                or "for priority action" in lowered
            )
            and LIST_HEAD.search(head)
        ):
            source = _near_source(head) or default_source
            j, index = i + 1, 0
            while j < len(all_lines):
                ls, le = all_lines[j]
                m = ITEM.match(text[ls:le])
                if not m:
                    break
                index += 1
                ref = m.group("num") or ("" if concern else str(index))  # bullets under a concern head: no ref
                if not ref or ref not in seen:
                    seen.add(ref)
                    body_start = ls + m.start("body")
                    out.append(
                        Recommendation(
                            quote=text[body_start:le],
                            quote_start=body_start,
                            quote_end=le,
                            ref=ref,
                            text=_item_text(m.group("body")),
                            source=source,
                        )
                    )
                j += 1
            i = j
        else:
            i += 1
    return out


def _item_text(body: str) -> str:
    return re.sub(r"[;,]?\s+(?:and|or)$", "", clean(body))  # "...; and" at the end of a list item


SOURCE_WORDS = ("inspection", "review", "visit", "study", "challenge", "audit")
HEADING_SOURCE = re.compile(
    r"(?P<src>(?:(?:Ofsted|ILACS?|JTAI|LGA|Peer|Joint|Focused|Focussed|Monitoring|Thematic|Annual|"
    r"Children'?’?s Services)\b[\w’'() -]{0,60}?)\b(?:Inspection|Review|Visit|Study|Challenge|Audit)s?)\b",
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
