"""Visits: inspections, focused and monitoring visits (with ordinals), JTAIs, thematic
studies, peer reviews and other reviews (a SEND area revisit, a commissioner's review),
with dates, focus and judgements.

Each sentence's visit words are read as mentions. A mention that names nothing new ("the
inspection", "this visit", "inspectors") is the visit last named and gives it what its
sentence adds; one with its own date, year, ordinal, era ("previous", "since ...") or body
(the LSCB) is that visit. A date belongs to a visit only where the grammar says so - never a
publication, letter, embargo, court, meeting or deadline date; a year alone or a season gives
no start. A passing mention ("the last inspection", "the inspection framework") is not a
visit: it needs a date, a judgement, a focus, or words saying it happened or will happen.
Visits come out oldest first."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from .dates import MONTHS, find_dates
from .fact_dates import parse_fact_date
from .judgements import DEFAULT_PERIODS, FrameworkPeriod, Judgement, overall_grade_given, overall_judgements
from .model import Visit
from .numbers import ORDINAL, ordinal_value
from .text import clean, sentences

MONTH_NAMES = r"January|February|March|April|May|June|July|August|September|October|November|December"
KIND_PATTERNS = [
    ("jtai", r"joint target(?:ed)? area inspections?|\bJTAIs?\b"),
    ("monitoring_visit", r"monitoring visits?"),
    ("focused_visit", r"focused visits?|focussed visits?"),
    ("thematic_study", r"thematic (?:study|studies|inspection|review|visit)"),
    ("peer_review", r"(?:LGA |sector[- ]led |regional )?peer (?:review|challenge|assessment)s?"),
    # a SEND area revisit, a commissioner's visit or review, an independent inspection: kind "other"
    (
        "other_visit",
        r"\bSEND\s+(?:area\s+)?revisit(?:\s+inspection)?|(?:children'?’?s\s+(?:services\s+)?)?"
        r"commissioner'?’?s?\s+(?:visit|review)|\bcommissioner,?\s+appointed\b|"
        r"\bcommissioner\s+(?:from\s+[^.,;]{3,40}?\s+)?appointed\s+by\b|independent\s+inspection",
    ),
    # "the visit", "this visit": only ever the visit last named
    (
        "visit",
        r"\b(?:the|this|that|during\s+the|of\s+the)\s+visit\b(?!\s+(?:to|from)\s+(?:the\s+)?(?:family|home|school|"
        r"establishment|centre|hub|unit))",
    ),
    (
        "inspected",
        r"\bOfsted\s+(?:re-?)?inspected\b|\bre-inspected\b|\b(?:was|were|been)\s+(?:(?:last|previously|first|most\s+recently|fully)\s+)?(?:re-?)?inspected\b(?!\s+(?:on|in|at)\s+(?:a|an|the)\s+(?:regular|annual))",
    ),
    ("inspection", r"\bILACS?\b|inspection of local authority children'?’?s services|\bre-?inspections?\b"),
]
# "<word> inspection": the head found first, the word before it checked in a small window (one
# pattern with every prefix tried at every position is slow on long minutes)
INSPECTION_HEAD = re.compile(r"\binspection\b", re.I)
INSPECTION_PREFIX = re.compile(
    rf"(?:\bOfsted'?’?s?|\bOFSTED|\bfull|\bsingle|\bSIF|\bstandard|\bshort|\bSEND|\barea SEND|"
    rf"children'?’?s services|\bthe|\ban|\ba|"
    rf"\bthis|\bthat|\bits|\btheir|\blast|\brecent|\bprevious|\bnext|\bnew|\blatest|\binitial|\bearlier|"
    rf"\b(?:19|20)\d\d|\b(?:{MONTH_NAMES})(?:'?’?s)?) $",
    re.I,
)


class _KindMatch:
    """A found kind: what a regex match gives, for both ways of finding one."""

    def __init__(self, kind: str, start: int, end: int, words: str) -> None:
        self.lastgroup, self._start, self._end, self._words = kind, start, end, words

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self._words


PROVIDER = re.compile(
    r"\b(?:schools?|academy|academies|nurser(?:y|ies)|colleges?|children['’]?s\s+homes?|care\s+homes?|"
    r"residential\s+homes?|childminders?|early\s+years\s+settings?|providers?)\b",
    re.I,
)
LA_SERVICES = re.compile(
    r"\b(?:local\s+authority|council\s+(?:was|were|is|had)|ILACS?|children['’]?s\s+(?:social\s+care|services)|"
    r"monitoring\s+visit|focused\s+visit|JTAI|SEND)\b",
    re.I,
)
INSPECTED = re.compile(
    r"(?:\bOfsted\s+)?(?:was\s+|were\s+|been\s+)?(?:(?:last|previously|first|most\s+recently|fully)\s+)?"
    r"(?:re-?)?inspected\b",
    re.I,
)
KIND_GATES = {
    "jtai": ("joint target", "jtai"),
    "monitoring_visit": ("monitoring visit",),
    "focused_visit": ("focused visit", "focussed visit"),
    "thematic_study": ("thematic",),
    "peer_review": ("peer",),
    "other_visit": ("revisit", "commissioner", "independent inspection"),
    "inspected": ("inspected",),
    "visit": ("visit",),
    "inspection": ("ilac", "inspection of local", "inspection"),
}
KIND_EACH = {k: re.compile(p, re.I) for k, p in KIND_PATTERNS}


def _kinds(sentence: str) -> list[_KindMatch]:
    low = sentence.lower()
    found: list[_KindMatch] = []
    for kind, gates in KIND_GATES.items():  # only the patterns whose words are there
        if any(g in low for g in gates):
            found += [_KindMatch(kind, m.start(), m.end(), m.group(0)) for m in KIND_EACH[kind].finditer(sentence)]
    found.sort(key=lambda k: (k.start(), -k.end()))
    kept: list[_KindMatch] = []
    for k in found:  # leftmost first, without overlaps, as one alternation would find them
        if not kept or k.start() >= kept[-1].end():
            kept.append(k)
    found = kept
    taken = [(k.start(), k.end()) for k in found]
    for h in INSPECTION_HEAD.finditer(sentence):
        if any(a <= h.start() < b for a, b in taken):
            continue
        p = INSPECTION_PREFIX.search(sentence, max(0, h.start() - 24), h.start())
        if p:
            found.append(_KindMatch("inspection", p.start(), h.end(), sentence[p.start() : h.end()]))
    found.sort(key=lambda k: k.start())
    return found


ANCHOR = re.compile(
    r"\b(?:took place|takes place|take place|taking place|taken place|undertook|undertaken|carried out|conducted|"
    r"visited|came in|was held|were held|due to|would be|will be|is expected|expected|scheduled|planned|next|recent|"
    r"recently|last|latest|previous|judged|rated|graded|found|focus|focused|focussed|published|letter|outcome|"
    r"findings|report|anticipated|due|undergoing|underway|under\s+way|currently)\b|\bin\s+(?:(?:early|late|mid|"
    r"the\s+(?:spring|summer|autumn|winter)\s+of|spring|summer|autumn|winter)[- ]+)?(?:19|20)\d\d\b",
    re.I,
)
# what says a visit named only as "the last inspection" happened: not its modifiers
EVENT = re.compile(
    r"\b(?:took place|takes place|take place|taking place|taken place|undertook|undertaken|carried out|conducted|"
    r"visited|came in|was held|were held|due to|would be|will be|is expected|expected|scheduled|planned|judged|"
    r"rated|graded|focus|focused|focussed|anticipated|undergoing|underway|under\s+way)\b",
    re.I,
)
# "the inspection framework / regime": the kind word names a system, not a visit.
VAGUE_AFTER = re.compile(
    r"\s*(?:framework|regime|readiness|handbook|methodology|process|arrangements|system|criteria|"
    r"grades?|frameworks)\b",
    re.I,
)
VAGUE_BEFORE = re.compile(
    r"\b(?:preparation for|prepare for|preparing for|ready for|readiness for|any|future|"
    r"every|each|all|rather\s+than|instead\s+of|in\s+place\s+of|as\s+opposed\s+to)\s+(?:an?\s+|the\s+)?"
    r"(?:full\s+|standard\s+|graded\s+)?(?:Ofsted\s+)?$",
    re.I,
)
FOCUS = re.compile(
    r"\b(?:(?:focus(?:ed|sed|ing|sing)?|concentrat(?:e|ed|ing))\s+(?:on|upon)|look(?:ed|ing|s)?\s+(?:specifically\s+|particularly\s+|closely\s+|in\s+particular\s+)?at|examin(?:ed|ing)|"
    r"review(?:ed|ing)|consider(?:ed|ing))\s+(?!(?:were|was|is|are|had|has|by|that)\b)(?P<focus>.+?)(?=[.;]|,\s*(?:and|but|which|where)\b|$)",
    re.I,
)
# "The focus of the Monitoring Visit was around Children in Need": the focus named before the visit words,
# what it was after them.
FOCUS_OF_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:main\s+|key\s+|particular\s+)?focus\s+(?:of\s+(?:the|this|that|its|their|our)\s+(?:[\w’'-]+\s+){0,2})?\Z",
    re.I,
)
FOCUS_OF_AFTER = re.compile(
    r"\s+(?:was|is|will\s+be|would\s+be|had\s+been)\s+(?:(?:around|on|upon)\s+)?(?!(?:that|not|a\s+narrative)\b)"
    r"(?P<focus>[^.;]+?)(?=[.;]|,\s*(?:and|but|which|where|including)\b|$)",
    re.I,
)
OF_FOCUS = re.compile(
    r"\b(?:study|visit|inspection|review|JTAI)\)?\s+(?:of|into)\s+(?:the\s+)?(?:council'?’?s\s+|our\s+)?(?P<focus>[^.,;]+?)(?=\s+(?:and|in|on|which|that|was|were|is|had|has|took|would|will)\b|[.,;]|$)",
    re.I,
)
GRADE = r"(?:['‘“\"][ \t]*)?(?P<grade>inadequate|requires? improvement(?: to be good)?|good|outstanding)"
JUDGED = re.compile(
    r"(?P<subject>[^.;]{0,120}?)\b(?:was|were|is|are|been|be)?\s*(?:judged|rated|graded|found|"
    rf"assessed)\s+(?:to be\s+|as\s+)?{GRADE}",
    re.I,
)
# The grade's domain after it: "... 'Requires improvement to be good' in the domains of the impact of leaders ...
# and 'Inadequate' in the domain of experiences and progress of children who need help and protection".
DOMAIN_AFTER = re.compile(
    r"[’'”\"]?[ \t]+(?:in|for)[ \t]+(?:the[ \t]+)?(?:domains?|areas?|judgements?)[ \t]+of[ \t]+"
    r"(?P<area>[^.;‘'“\"]{3,200}?)(?=[ \t]+and[ \t]+[‘'“\"]|[.;]|$)",
    re.I,
)
OTHER_DOMAIN = re.compile(
    rf"[ \t]+and[ \t]+{GRADE}[’'”\"]?[ \t]+(?:in|for)[ \t]+(?:the[ \t]+)?(?:domains?|areas?)[ \t]+of[ \t]+"
    r"(?P<area>[^.;‘'“\"]{3,200}?)(?=[ \t]+and[ \t]+[‘'“\"]|[.;]|$)",
    re.I,
)
OVERALL = re.compile(r"\boverall\b|\b(?:council|authority|service|services)\b", re.I)
AREA = re.compile(
    r"\b(?:children in care|looked after|care leavers|help and protection|leaders|leadership|management|"
    r"experiences|progress|impact|front door|early help|adoption|fostering|children in need)\b",
    re.I,
)
ACTIVE_AREA = re.compile(
    r"\b(?:judged|rated|graded|found)\s+(?!to\b|as\b|that\b|be\b|"
    rf"{GRADE.replace('?P<grade>', '?:')})(?P<subject>[^.;]{{3,120}}?)\s+(?:to be|as|to)\s+{GRADE}",
    re.I,
)
PRIORITY = re.compile(r"\bareas? (?:for|of) priority action\b", re.I)
ACTIVE = re.compile(
    r"\b(?:judged|rated|graded|found)\s+(?:the\s+)?(?:council|authority|services?|"
    rf"children'?’?s services)\s+(?:to be\s+|as\s+)?{GRADE}",
    re.I,
)
NOT_VISIT_DATE = re.compile(
    r"(?:\b(?:today|tonight|yesterday|meeting|letter\s+(?:of|dated|sent|issued|on)|presented\s+to|reported\s+to|published|publish|publication|embargoed|embargo|letter\s+dated|dated|issued|deadline|court|judge?ments?|"
    r"hearing|submitted|submission|introduced|until|review\s+progress|reported\s+on|report(?:ed)?\s+to|appointed|"
    r"established|responsibility)\b[^.;,]{0,35}|\bby\s+(?:the\s+)?|\bby\s+(?:no\s+later\s+than|the\s+end\s+of)\s+)$",
    re.I,
)
ORD = re.compile(rf"\b(?P<ord>{ORDINAL})\s+(?:Ofsted\s+)?monitoring visit", re.I)


BARE_MONTH = re.compile(
    r"\b(?:in|during|on|since|from|of|for|early|late|mid)[ -]+(?:(?:early|late|mid)[ -]+)?(?P<m>January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b(?![ \t]*,?[ \t]*\d)",
    re.I,
)
CHILDRENS_SERVICES = re.compile(r"children'?’?s services")
JUDGE_ANY = re.compile(r"inadequate|improvement|good|outstanding|\bRI\b", re.I)
STRONG = re.compile(
    r"\b(?:judged|rated|graded|found|assessed|classed|classified|branded|deemed|declared|downgraded|"
    r"upgraded|rating|judgements?|judgments?|verdict|overall|retained|maintained|received|Ofsted)\b",
    re.I,
)
PREVIOUSLY = re.compile(r"\b(?:previously|formerly|earlier|before\s+that|prior\s+to\s+that)\b", re.I)
REMAINED = re.compile(r"\b(?:remain(?:s|ed)?|retain(?:s|ed)?|maintain(?:s|ed)?|continues?\s+to\s+be)\b", re.I)
COREF = re.compile(r"\b(?:inspectors|inspectorate|the\s+visit|visited|the\s+inspection\s+team)\b", re.I)
COREF_TIME = re.compile(r"\b(?:inspectors|visited|inspected)\b[^.;,]{0,22}$", re.I)
PLURAL_THEMES = re.compile(r"(?:a\s+)?(?:range|number|series)\s+of\s+(?:areas|themes)\s*$|different\s+areas\b", re.I)
# "this monitoring visit had been the fifth of six visits", "the visit, the third of its kind"
ORD_OF = re.compile(
    rf"(?:\b(?:had\s+been|has\s+been|was|is|being|as)|,)\s+(?:the\s+)?(?P<ord>{ORDINAL})\s+(?:of\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:monitoring\s+)?visits\b|(?:such\s+|monitoring\s+)?visit\b)",
    re.I,
)
ORD_SINCE = re.compile(rf"\b(?:the\s+)?(?P<ord>{ORDINAL})\s+(?:such\s+visit\s+|visit\s+|one\s+)?since\b", re.I)
BODY = re.compile(
    r"\b(?P<body>Local\s+Safeguarding\s+Children['’]?s?\s+Boards?|LSCBs?|Safeguarding\s+(?:Children\s+)?"
    r"Partnership|Youth\s+(?:Offending|Justice)\s+(?:Service|Team)s?|YOT|adoption\s+agency|"
    r"fostering\s+(?:service|agency))\b",
    re.I,
)
BODY_OF = re.compile(
    r"\s+(?:of|on|into)\s+(?:the\s+)?(?P<body>Local\s+Safeguarding\s+Children['’]?s?\s+Boards?|LSCBs?|"
    r"Safeguarding\s+(?:Children\s+)?Partnership|Youth\s+(?:Offending|Justice)\s+(?:Service|Team)s?)\b",
    re.I,
)
NP_MONTH = re.compile(rf"\b(?P<m>{MONTH_NAMES})\b", re.I)
YEAR_ONLY = re.compile(r"(?<![\d/£.$-])\b((?:19|20)\d\d)\b(?![/-]\d|\d|\s*[-/–]\s*\d\d\b|%|/)")
ACT_BEFORE = re.compile(r"\b(?:Act|Regulations|Order|Strategy|Plan|Report|Bill)\s+(?:\([^)]*\)\s+)?$")
POSSESSIVE_MONTH = re.compile(
    r"\b(?P<m>January|February|March|April|June|July|August|September|October|November|"
    r"December)['’]s\b"
)
RELATIVE = re.compile(
    r"\b(?:(?P<ago>(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:years?|months?)\s+ago)|"
    r"(?P<after>(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:years?|months?)\s+after)|"
    r"(?P<lastmonth>last\s+month)|(?:earlier\s+|later\s+)?this\s+month)\b",
    re.I,
)
DATELINE = re.compile(r"\s*date\s*$", re.I)
CLAUSE_CUT = re.compile(r"[,;:()]|\b(?:which|who|and|but|while|whilst|although)\b", re.I)
NEXT_KIND = re.compile(
    r"\b(?:next|forthcoming|upcoming|future|planned|expected)\s+(?:\w+\s+){0,3}\S*$|"
    r"\b(?:next|forthcoming|upcoming)\b",
    re.I,
)
FUTURE = re.compile(
    r"\b(?:will|would(?!\s+(?:have|not\s+have|like|welcome))|is\s+due|are\s+due|"
    r"is\s+expected|is\s+anticipated|is\s+planned|is\s+scheduled|was\s+due\s+to\s+take\s+place|"
    r"anticipated|scheduled)\b",
    re.I,
)
WINDOW_BEFORE = re.compile(
    rf"\b(?:between|from)\s+(?:(?:early|late|mid)[- ]+)?(?:{MONTH_NAMES})\s+(?:and|to|-|–)\s+"
    rf"(?:(?:early|late|mid)[- ]+)?$|\b(?:{MONTH_NAMES})\s+or\s+(?:(?:early|late|mid)[- ]+)?$",
    re.I,
)
WINDOW_AFTER = re.compile(rf"\s+or\s+(?:(?:early|late|mid)[- ]+)?(?:{MONTH_NAMES})\b", re.I)
OF_YEAR = re.compile(rf"(?:\s+(?:and|to|or|-|–)\s+(?:{MONTH_NAMES}))?,?\s+of\s+(?P<y>(?:19|20)\d\d)\b", re.I)
CONCLUDED = re.compile(r"\b(?:concluded|ended|finished|completed)\s+(?:on\s+)?(?:the\s+)?$", re.I)


@dataclass
class _Slot:
    """A visit being built, with what tells it apart from the others of its kind."""

    visit: Visit
    year: int | None = None  # from a date or a year-only mention ("the 2018 inspection")
    month: int | None = None  # even without a year ("December's full inspection")
    rel: str | None = None  # "nine years ago"
    era: str | None = None  # "current" (recent, new, re-inspection) or "earlier" (previous, since ...)
    body: str | None = None  # an inspection of another body (the LSCB)
    weak: bool = True  # named only in passing so far: dropped unless something else is learnt
    rank: int = 0  # how much its quote tells; the most telling mention gives the quote


@dataclass
class _Mention:
    kind: str
    start: int  # absolute offsets of the kind words
    end: int
    generic: bool = False  # "the inspection", "this visit": the visit last named
    era: str | None = None
    body: str | None = None
    year: int | None = None
    month: int | None = None
    rel: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    ordinal: int | None = None
    in_since: bool = False
    np_start: int = 0


# A count of councils and the grade they hold: the country's figures in a press release, not this council's visit.
NATIONAL_RATINGS = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+handful\s+of|a\s+third\s+of|half\s+of)"
    r"(?:\s+other)?\s+(?:councils|local\s+authorities|authorities)\b[^.;]{0,40}?\b(?:are|were|have\s+been|"
    r"had\s+been|have)\s+(?:currently\s+|now\s+|also\s+)?(?:rated|judged|graded|achieved|received)\b",
    re.I,
)


def find_visits(
    text: str,
    *,
    year_hint: int | None,
    meeting_date: str | None = None,
    periods: Sequence[FrameworkPeriod] = DEFAULT_PERIODS,
) -> list[Visit]:
    """Visits in the text; dates without a year take year_hint; the meeting's own date is never a visit date.

    periods are the frameworks as plain data: an inspection starting where one gives no overall
    grade (from 1 April 2026) gets none, whatever the text seems to say.

    Each sentence's visit words are read as mentions; a mention that names nothing new ("the
    inspection", "inspectors") is the visit last named and gives it what the sentence adds."""
    whole = text.lower()
    about_ofsted = "ofsted" in whole or "ilac" in whole or bool(CHILDRENS_SERVICES.search(whole))
    if len(whole) != len(text):
        whole = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)  # keep offsets exact
    kind_at = [m.start() for m in KIND_WORD.finditer(whole)]
    judge_at = [m.start() for m in JUDGE_WORD.finditer(whole)]
    slots: list[_Slot] = []
    last: list[_Slot | None] = [None]  # the visit last named, for follow-up sentences
    for s, e in sentences(text):
        has_kind = _any_between(kind_at, s, e)
        if not has_kind and not _any_between(judge_at, s, e):
            continue
        if NATIONAL_RATINGS.search(text, s, e):
            continue  # "Only 46 councils are currently rated as 'good'": how many hold a grade, not a visit
        _read_sentence(text, s, e, slots, last, year_hint, meeting_date, about_ofsted, has_kind)
    out = []
    for slot in sorted(slots, key=_timeline_key(slots, year_hint)):
        v = slot.visit
        if slot.weak and not (
            v.start
            or v.judgement
            or v.focus
            or v.ordinal
            or slot.year
            or slot.body
            or v.area_judgements
            or v.priority_action
        ):
            continue
        if v.kind not in ("inspection",):
            v.judgement = None  # focused and monitoring visits, JTAIs and reviews are not graded
        elif v.judgement and not overall_grade_given(v.kind, parse_fact_date(v.start), periods):
            v.judgement = None  # no overall grade under this framework (from 1 April 2026)
        out.append(v)
    return out


def _timeline_key(slots: list[_Slot], year_hint: int | None) -> Callable[[_Slot], int]:
    """Visits in the order they happened: dated ones by date, one known by its year by that
    year, "nine years ago" from the meeting's year, an earlier one named without a date first
    and the one the minutes are about, undated, last. Ties keep the order of the text."""
    known = [int(x.visit.start[:4]) for x in slots if x.visit.start] + [x.year for x in slots if x.year]
    ref = year_hint or (max(known) + 1 if known else datetime.now().astimezone().year)

    def key(slot: _Slot) -> int:
        v = slot.visit
        if v.start:
            return int(v.start[:4]) * 12 + int(v.start[5:7])
        if slot.year:
            return slot.year * 12 + 6
        ago = re.match(r"(\w+)\s+(year|month)", slot.rel or "")
        if ago and "ago" in slot.rel:
            n = _count(ago.group(1)) or 0
            return ref * 12 - (n * 12 if ago.group(2) == "year" else n)
        if slot.era == "earlier":
            return -1
        return 10**9

    return key


def _read_sentence(
    text: str,
    s: int,
    e: int,
    slots: list[_Slot],
    last: list[_Slot | None],
    year_hint: int | None,
    meeting_date: str | None,
    about_ofsted: bool,
    has_kind: bool,
) -> None:
    sentence = text[s:e]
    mentions = _mentions(text, s, e, about_ofsted) if has_kind else []
    judgements = overall_judgements(text, s, e) if JUDGE_ANY.search(sentence) else []
    near = last[0] is not None and s - last[0].visit.quote_end < 1500
    coref = not mentions and near and COREF.search(sentence)
    if (
        not mentions
        and not judgements
        and not coref
        and not (near and (JUDGE_WORD.search(sentence.lower()) or PRIORITY.search(sentence)))
    ):
        return
    times = _times(text, s, e, year_hint, meeting_date) if (mentions or judgements or coref) else []
    since_span = _since_span(sentence, s, e, mentions, judgements)
    since_first = bool(since_span and since_span[0] - s < 12 and since_span[1] < e)
    for m in mentions:
        if since_span and since_span[0] <= m.start < since_span[1]:
            m.in_since = True
            if m.kind == "inspection":
                m.era = "earlier"

    def inside(at: int) -> bool:
        return bool(since_span and since_span[0] <= at < since_span[1])

    # each time expression belongs to the nearest mention or judgement before it
    anchors = sorted([(m.start, m) for m in mentions] + [(j.start, j) for j in judgements], key=lambda x: x[0])
    own: dict[int, _Time] = {}
    for t in times:
        holder = next((m for m in mentions if m.np_start <= t.start < m.start), None)
        if holder is None:
            before = [a for at, a in anchors if at < t.start and inside(at) == inside(t.start)]
            if before:
                holder = before[-1]
            elif t.fronted and anchors:
                holder = anchors[0][1]
        if t.leads:
            after = [a for at, a in anchors if t.end <= at <= t.end + 40]
            holder = after[0] if after else holder
        if isinstance(holder, _Mention):
            _give_time(holder, t)
        elif isinstance(holder, Judgement) and id(holder) not in own:
            own[id(holder)] = t
    placed: dict[int, _Slot] = {}
    for m in mentions:
        slot = _place(slots, m, text, s, e, last, year_hint, meeting_date)
        if slot is not None:
            placed[id(m)] = slot
    main = next((placed[id(m)] for m in mentions if not m.in_since and id(m) in placed), None)
    first_grade = None
    for index, j in enumerate(judgements):
        in_since = inside(j.start)
        t = own.get(id(j))
        slot = None
        inspection_before = any(
            m.kind == "inspection" and m.start < j.start and m.in_since == in_since for m in mentions
        )
        if j.older and t is None:  # "... up from RI at the last inspection in 2018": that inspection
            older = [m for m in mentions if m.kind == "inspection" and id(m) in placed and m.start > j.start]
            if not older:
                continue
            slot = placed[id(older[0])]
            if slot.visit.judgement is None:
                slot.visit.judgement = j.grade
                slot.weak = False
            continue
        if t is not None and (index > 0 and j.grade != first_grade or in_since or not inspection_before or j.older):
            # "... after telling the authority it required improvement in 2017": another inspection
            earlier = in_since or index > 0 or j.older or bool(PREVIOUSLY.search(text, max(s, j.start - 60), j.start))
            slot = _judged_slot(slots, text, s, e, t, era="earlier" if earlier else None, grade=j.grade)
        else:
            before = [m for m in mentions if m.start < j.start and m.in_since == in_since and id(m) in placed] or [
                m for m in mentions if m.start < j.start and id(m) in placed and main is None and not since_first
            ]
            if before:
                slot = placed[id(before[-1])]
            elif not in_since and main is not None:
                slot = main
            elif (
                not in_since
                and not since_first
                and last[0] is not None
                and last[0].visit.kind == "inspection"
                and last[0].visit.judgement in (None, j.grade)
            ):
                slot = last[0]  # "At the time, the inspectorate ... judging its services as ...": the one last named
            elif not in_since:
                slot = _current_inspection(slots, last[0])
            if slot is None and about_ofsted and (STRONG.search(j.verb) or "ofsted" in sentence.lower()):
                slot = _judged_slot(slots, text, s, e, t, era="earlier" if in_since else None, grade=j.grade)
        if index == 0:
            first_grade = j.grade
        if slot is None or slot.visit.kind != "inspection":
            continue
        if slot.visit.judgement is None:
            slot.visit.judgement = j.grade
            slot.weak = False
        if REMAINED.search(j.verb):  # "have remained outstanding since the last inspection in 2018": both
            for other in placed.values():
                if (
                    other is not slot
                    and other.visit.kind == "inspection"
                    and other.era == "earlier"
                    and other.visit.judgement is None
                ):
                    other.visit.judgement = j.grade
    # area judgements and priority action: to the visit this sentence is about
    target = main or (last[0] if near else None)
    if target is not None:
        _, areas = _judgements(sentence) if (mentions or s - target.visit.quote_end < 600) else (None, {})
        areas = {k: g for k, g in areas.items() if AREA.search(k) and k.lower() not in ("it", "them", "they")}
        if areas and target.visit.kind in ("inspection", "focused_visit", "monitoring_visit"):
            target.visit.area_judgements.update(areas)
        if _priority(sentence):
            target.visit.priority_action = True
    if coref:
        # "Ofsted inspectors visited earlier this month and reviewed ...": the visit last named
        slot = last[0]
        for t in times:
            if slot.visit.start is None and t.first and COREF_TIME.search(text, max(s, t.start - 30), t.start):
                slot.visit.start, slot.visit.end = t.first, t.last
                slot.month = slot.month or t.month
        if slot.visit.focus is None:
            f = FOCUS.search(sentence)
            if f and COREF.search(sentence, 0, f.start()) and not PLURAL_THEMES.match(f.group("focus")):
                slot.visit.focus = _tidy_focus(f.group("focus"))
                slot.weak = False


def _since_span(
    sentence: str, s: int, e: int, mentions: list[_Mention], judgements: list[Judgement]
) -> tuple[int, int] | None:
    """Where "since ..." names an earlier event: to the end of the sentence after a visit
    ("the fifth monitoring visit since ..."), or to the comma when it opens the sentence."""
    since = SINCE.search(sentence)
    if not since or not (mentions or judgements):
        return None
    close = re.search(r"[,;]", sentence[since.end() :])
    since_end = since.end() + close.start() if close else len(sentence)
    if re.match(r"^\W*(?:\w+\W+)?$", sentence[: since.start()]):
        return (s + since.start(), s + since_end) if close else None
    if any(m.start < s + since.start() for m in mentions):
        return (s + since.start(), e)
    return (s + since.start(), s + since_end)


def _current_inspection(slots: list[_Slot], last: _Slot | None) -> _Slot | None:
    if last is not None and last.visit.kind == "inspection" and last.era != "earlier":
        return last
    for slot in reversed(slots):
        if slot.visit.kind == "inspection" and slot.era != "earlier":
            return slot
    return None


def _judged_slot(slots: list[_Slot], text: str, s: int, e: int, t: _Time | None, era: str | None, grade: str) -> _Slot:
    """An inspection known only by its judgement ("were rated 'inadequate' by Ofsted in November 2023")."""
    m = _Mention(kind="inspection", start=s, end=s, era=era)
    if t is not None:
        _give_time(m, t)
    for slot in slots:
        if (
            slot.visit.kind == "inspection"
            and _compatible(slot, m)
            and (slot.visit.judgement in (None, grade))
            and (m.year or m.rel or m.month or slot.era == era or slot.visit.judgement == grade)
        ):
            _absorb(slot, m, text, s, e, rank=2)
            return slot
    visit = Visit(quote=text[s:e], quote_start=s, quote_end=e, kind="inspection", start=m.date_start, end=m.date_end)
    slot = _Slot(visit=visit, year=m.year, month=m.month, rel=m.rel, era=era, weak=False, rank=2)
    slots.append(slot)
    return slot


def _give_time(m: _Mention, t: _Time) -> None:
    if t.first and m.date_start is None:
        m.date_start, m.date_end = t.first, t.last
    if t.year and m.year is None:
        m.year = t.year
    if t.month and m.month is None:
        m.month = t.month
    if t.rel and m.rel is None:
        m.rel = t.rel


def _compatible(slot: _Slot, m: _Mention, generic: bool = False) -> bool:
    v = slot.visit
    if generic:  # "The inspection had taken place six months ago": the times are what it adds
        return not (m.date_start and v.start and m.date_start[:7] != v.start[:7]) and not (
            m.year and slot.year and m.year != slot.year
        )
    if m.ordinal and v.ordinal and m.ordinal != v.ordinal:
        return False
    if m.year and slot.year and m.year != slot.year:
        return False
    if m.month and slot.month and m.month != slot.month:
        return False
    if m.rel and slot.rel and m.rel != slot.rel:
        return False
    if (m.rel and slot.year) or (m.year and slot.rel):
        return False
    if (m.body or slot.body) and m.body != slot.body:
        return False
    same_time = (
        (m.year and m.year == slot.year)
        or (m.month and m.month == slot.month and (m.year or slot.year) is None)
        or (m.month and m.month == slot.month and m.year == slot.year)
    )
    if m.era and slot.era and m.era != slot.era and not same_time:
        return False
    return True


def _place(
    slots: list[_Slot],
    m: _Mention,
    text: str,
    s: int,
    e: int,
    last: list[_Slot | None],
    year_hint: int | None,
    meeting_date: str | None,
) -> _Slot | None:
    sentence = text[s:e]
    if m.kind == "visit":  # "the visit took place between 8 and 12 July": the visit last named, if near
        if last[0] is None or s - last[0].visit.quote_end > 1500 or not _compatible(last[0], m, generic=True):
            return None
        target = last[0]
        _absorb(target, m, text, s, e, rank=-5)
        info = _visit_info(text, s, e, m, year_hint, meeting_date)
        if info and info.get("focus") and target.visit.focus is None:
            target.visit.focus = info["focus"]
        o = ORD_SINCE.search(sentence)  # "the visit, which was the third since ..."
        if o and target.visit.kind == "monitoring_visit" and target.visit.ordinal is None:
            target.visit.ordinal = ordinal_value(o.group("ord"))
        if m.date_start or (info and info.get("focus")):
            target.weak = False
        return target
    planned = _planned(text, s, e, m, meeting_date)
    target = None
    if m.generic and last[0] is not None and not (m.year or m.date_start):
        target = last[0]  # "the inspection", "the visit", "this Ofsted inspection": the one last named
        if m.era == "earlier" and target.era != "earlier":
            target = next((x for x in reversed(slots) if x.visit.kind == "inspection" and x.era == "earlier"), None)
        elif (
            m.kind != target.visit.kind
            and m.kind in ("monitoring_visit", "focused_visit", "jtai", "thematic_study", "peer_review")
            and m.kind != "inspection"
        ):
            target = None
        if target is not None and not _compatible(target, m, generic=True):
            target = None
    if target is None:
        best, best_score = None, -1
        for slot in slots:
            v = slot.visit
            if v.kind != m.kind:
                # an inspection dated to the month of a named visit of another kind is that visit
                if (
                    m.kind == "inspection"
                    and m.month
                    and slot.month == m.month
                    and v.kind != "inspection"
                    and (m.year is None or m.year == slot.year)
                ):
                    best, best_score = slot, 5
                continue
            if not _compatible(slot, m):
                continue
            if v.planned != planned and (v.start or m.date_start):
                continue
            score = 1
            if m.year and m.year == slot.year:
                score += 3
            if m.month and m.month == slot.month:
                score += 2
            if m.era and m.era == slot.era:
                score += 1
            if slot is last[0]:
                score += 0.5
            if score > best_score:
                best, best_score = slot, score
        target = best
    visit_info = _visit_info(text, s, e, m, year_hint, meeting_date)
    if visit_info is None and target is None:
        return None
    anchored = visit_info is not None and visit_info["anchored"]
    if target is None:
        v = Visit(
            quote=sentence, quote_start=s, quote_end=e, kind=m.kind, start=m.date_start, end=m.date_end, planned=planned
        )
        target = _Slot(visit=v, year=m.year, month=m.month, rel=m.rel, era=m.era, body=m.body, weak=True, rank=-1)
        slots.append(target)
    _absorb(target, m, text, s, e, rank=_rank(m, visit_info, sentence))
    if visit_info:
        v = target.visit
        for name in ("focus", "ordinal"):
            if getattr(v, name) is None and visit_info.get(name) is not None:
                setattr(v, name, visit_info[name])
    if anchored or m.year or m.date_start or m.ordinal or m.body:
        target.weak = False
    last[0] = target
    return target


def _planned(text: str, s: int, e: int, m: _Mention, meeting_date: str | None) -> bool:
    """Whether the visit is still to come: dated after the meeting, named "the next ...", or told
    in the future tense ("will take place", "is due") - not "next steps" or "would have indicated"."""
    if m.date_start and meeting_date:
        return m.date_start[:7] > meeting_date[:7]
    if NEXT_KIND.search(text, max(s, m.start - 25), m.end):
        return True
    sentence = text[s:e]
    return bool(FUTURE.search(sentence)) and not SURELY_PAST.search(sentence)


def _absorb(slot: _Slot, m: _Mention, text: str, s: int, e: int, rank: int) -> None:
    v = slot.visit
    if m.date_start and (v.start is None or (len(m.date_start) > len(v.start) and m.date_start.startswith(v.start))):
        v.start = m.date_start
        if m.date_end:
            v.end = m.date_end
    elif m.date_end and v.end is None and v.start and m.date_end[:7] >= v.start[:7] and m.date_start is None:
        v.end = m.date_end
    if v.end and v.start and v.end == v.start:
        v.end = None
    for name in ("year", "month", "rel", "era", "body"):
        if getattr(slot, name) is None and getattr(m, name) is not None:
            setattr(slot, name, getattr(m, name))
    if m.ordinal and v.ordinal is None:
        v.ordinal = m.ordinal
    if rank > slot.rank:
        slot.rank = rank
        v.quote, v.quote_start, v.quote_end = text[s:e], s, e


class _VisitInfo(TypedDict):
    """What a mention's sentence says of its visit (_visit_info)."""

    focus: str | None
    ordinal: int | None
    anchored: bool  # the sentence says the visit happened or will


def _rank(m: _Mention, info: _VisitInfo, sentence: str) -> int:
    rank = 0
    if m.date_start:
        rank += 3
    if m.year or m.ordinal or m.body:
        rank += 1
    if info and info.get("focus"):
        rank += 1
    if len(sentence.split()) > 8:
        rank += 1  # a sentence, not a heading
    return rank


def _visit_info(text: str, s: int, e: int, m: _Mention, year_hint: int | None, meeting_date: str | None) -> _VisitInfo:
    """Focus, ordinal and whether the sentence says the visit happened or will."""
    since = SINCE.search(text, m.end, e)
    sentence = text[s:e]
    if since and not m.in_since:  # what follows "since" to its comma is an earlier event: blank it out
        close = re.search(r"[,;]", text[since.end() : e])
        stop = since.end() + close.start() if close else e
        sentence = text[s : since.start()] + " " * (stop - since.start()) + text[stop:e]
    rel_m = m.start - s
    focus = None
    f = None
    if FOCUS_OF_BEFORE.search(sentence, max(0, rel_m - 60), rel_m) and re.search(
        r"\bfocus\s+of\b", sentence[max(0, rel_m - 60) : m.end - s], re.I
    ):
        f = FOCUS_OF_AFTER.match(sentence, m.end - s)
    f = f or FOCUS.search(sentence, max(0, m.end - s - 1))
    if f is None:  # a focus verb before the visit words is the visit's only when inspectors are its subject
        f = FOCUS.search(sentence)
        if f and not re.search(
            r"\b(?:inspectors?|Ofsted|inspectorate|they|visit|inspection)\b[^.;,]{0,25}$", sentence[: f.start()], re.I
        ):
            f = None
    if f and not PLURAL_THEMES.match(f.group("focus")):
        focus = _tidy_focus(f.group("focus"))
    elif m.kind in ("thematic_study", "peer_review", "jtai"):
        o = OF_FOCUS.search(sentence, rel_m)
        if o:
            focus = clean(o.group("focus"))
    if m.body and focus is None:
        focus = m.body
    ordinal = m.ordinal
    if m.kind == "monitoring_visit" and ordinal is None:
        o = ORD.search(sentence) or ORD_SINCE.search(sentence) or ORD_OF.search(sentence, m.end - s)
        if o:
            ordinal = ordinal_value(o.group("ord"))
    if m.generic:  # "the previous inspection": only an event in its own clause says it is a visit
        cuts = [c.end() for c in CLAUSE_CUT.finditer(sentence, 0, rel_m)]
        after = CLAUSE_CUT.search(sentence, m.end - s)
        anchor_text = sentence[cuts[-1] if cuts else 0 : after.start() if after else len(sentence)]
        anchor = EVENT
    else:
        anchor_text, anchor = sentence, ANCHOR
    anchored = bool(
        m.date_start
        or focus
        or ordinal
        or m.year
        or m.body
        or anchor.search(anchor_text)
        or m.kind == "other"
        or INSPECTED.match(text, m.start, m.end)
    )
    if not anchored and m.generic:
        return {"focus": focus, "ordinal": ordinal, "anchored": False}
    return {"focus": focus, "ordinal": ordinal, "anchored": anchored}


def _tidy_focus(fragment: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", clean(fragment), flags=re.I)


# --- mentions ----------------------------------------------------------------------------


def _mentions(text: str, s: int, e: int, about_ofsted: bool) -> list[_Mention]:
    sentence = text[s:e]
    out: list[_Mention] = []
    for m in _kinds(sentence):
        kind = m.lastgroup
        if kind == "inspected":
            kind = "inspection"
        if kind == "other_visit":
            kind = "other"
        if not _names_a_visit(m, sentence, about_ofsted):
            continue
        around = sentence[max(0, m.start() - 50) : m.end() + 20]
        if PROVIDER.search(around) and not LA_SERVICES.search(around):
            continue  # a school's or a children's home's inspection is not one of the council's visits
        if (
            m.lastgroup == "inspection"
            and re.search(r"\b(?:OFSTED|ofsted)\b|report", sentence) is None
            and not about_ofsted
        ):
            continue
        np, np_at = _np_left(sentence, m.start())
        mention = _Mention(kind=kind, start=s + m.start(), end=s + m.end(), np_start=s + np_at)
        if m.group(0).lower().endswith("s") and m.lastgroup != "inspected":
            counted = COUNTED.search(sentence, max(0, m.start() - 30), m.start())
            if counted and kind == "monitoring_visit":
                mention.ordinal = _count(counted.group(0))  # the latest of four monitoring visits is the fourth
        low = np.lower()
        words = re.findall(r"[\w'’-]+", low)
        head = re.findall(r"[\w'’-]+", m.group(0).lower())[:-1]  # "last" in "last inspection"
        named_words = set(words) | set(head)
        if kind == "inspection":
            if re.search(r"re-?inspect", m.group(0), re.I) or {"recent", "latest", "new", "current"} & named_words:
                mention.era = "current"
            elif {
                "previous",
                "last",
                "earlier",
                "initial",
                "prior",
                "former",
                "original",
                "preceding",
            } & named_words or re.search(r"\bpreviously\b", sentence[max(0, m.start() - 40) : m.start()], re.I):
                mention.era = "earlier"
        b = BODY.search(np) or BODY.match(sentence, m.end()) or BODY_OF.match(sentence, m.end())
        if b and kind == "inspection":
            mention.body = clean(b.group("body") if "body" in b.groupdict() and b.group("body") else b.group(0))
        y = re.search(r"\b((?:19|20)\d\d)\b", np + " " + m.group(0))
        if y:
            mention.year = int(y.group(1))
        mo = NP_MONTH.search(np + " " + m.group(0))
        if mo:
            mention.month = MONTHS[mo.group("m").lower()]
        o = re.search(rf"\b({ORDINAL})\b", low)
        if o and kind == "monitoring_visit":
            mention.ordinal = ordinal_value(o.group(1))
        determiner = words[0] if words else (head[0] if head else "")
        named = mention.year or mention.month or mention.ordinal or mention.body
        if (
            not named
            and (determiner in ("the", "this", "that", "its", "their", "our") or not words)
            and mention.era != "current"
            and kind not in ("other",)
        ):
            mention.generic = True
        if mention.era == "earlier" and not named:
            mention.generic = True
        if m.lastgroup in ("inspected", "other_visit"):
            mention.generic = False  # "Ofsted re-inspected ...", "the commissioner's review": it happened
        out.append(mention)
    return out


NP_STOP = {
    "of",
    "in",
    "on",
    "at",
    "by",
    "from",
    "since",
    "following",
    "after",
    "before",
    "to",
    "for",
    "with",
    "under",
    "that",
    "which",
    "and",
    "or",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
    "be",
    "been",
    "during",
    "into",
    "about",
    "received",
    "undergo",
    "undergoing",
    "undergone",
    "conducted",
    "carried",
    "out",
    "as",
    "said",
    "says",
    "reflects",
    "like",
    "if",
    "when",
    "where",
    "while",
    "but",
}


def _np_left(sentence: str, at: int) -> tuple[str, int]:
    """The words of the noun phrase before a kind word ("the recent Ofsted", "the April 2020",
    "the 2018") and where they start in the sentence."""
    base = max(0, at - 70)
    window = sentence[base:at]
    cut = max(window.rfind(c) for c in ',;:()[]“”"')
    if cut >= 0:
        base, window = base + cut + 1, window[cut + 1 :]
    words = list(re.finditer(r"\S+", window))
    first = len(window)
    kept = 0
    for w in reversed(words):
        bare = re.sub(r"[^\w'’-]", "", w.group(0)).lower()
        if bare in NP_STOP:
            break
        first = w.start()
        kept += 1
        if bare in ("the", "a", "an", "this", "that", "its", "their", "our") or kept >= 7:
            break
    return window[first:].strip(), base + first


# --- times -------------------------------------------------------------------------------


@dataclass
class _Time:
    start: int
    end: int
    first: str | None = None  # the start of a visit, as the scorer reads it
    last: str | None = None
    year: int | None = None
    month: int | None = None
    rel: str | None = None
    np_of: _Mention | None = None
    fronted: bool = False
    leads: bool = False  # "six months after <the event>": the event follows


def _times(text: str, s: int, e: int, year_hint: int | None, meeting_date: str | None) -> list[_Time]:
    """Every expression of time in a sentence that could date a visit, without publication,
    letter, court, deadline or meeting dates."""
    sentence = text[s:e]
    out: list[_Time] = []
    spans = find_dates(text, s, e)
    covered = [(d.start, d.end) for d in spans]
    for d in spans:
        if (
            _blocked(text, s, d.start)
            or WINDOW_BEFORE.search(text, max(s, d.start - 30), d.start)
            or WINDOW_AFTER.match(text, d.end)
        ):
            continue  # "between January and March 2024", "late February or early March": a window, no date
        if meeting_date and d.last is None and d.iso(year_hint) == meeting_date:
            continue  # "at today's meeting on 12 March": the meeting, not the visit
        if d.first[0] is None and d.first[2] is not None and year_hint is None:
            t = _Time(d.start, d.end, month=d.first[1])  # "on 4 and 5 July": no year to give it
        else:
            year = d.first[0] or _year_for(d.first[1], sentence, year_hint, meeting_date)
            first = d.iso(year)
            last = d.iso(d.last[0] or year, "last") if d.last else None
            concluded = CONCLUDED.search(text, max(s, d.start - 20), d.start)
            if concluded and not d.last and first and len(first) == 10:
                first, last = first[:7], first  # "concluded on 25th October 2024": the end, in that month
            t = _Time(
                d.start,
                d.end,
                first=first,
                last=last if last != first else None,
                year=(d.first[0] or year) if (d.first[0] or year) else None,
                month=d.first[1],
            )
        out.append(t)
    for m in YEAR_ONLY.finditer(sentence):
        a, b = s + m.start(1), s + m.end(1)
        if any(x <= a < y for x, y in covered) or _blocked(text, s, a) or ACT_BEFORE.search(sentence, 0, m.start(1)):
            continue
        out.append(_Time(a, b, year=int(m.group(1))))
    # a bare month: with the meeting's year, else only its month (which still tells visits apart)
    for m in BARE_MONTH.finditer(sentence):
        a = s + m.start("m")
        if (
            any(x <= a < y for x, y in covered)
            or _blocked(text, s, a)
            or WINDOW_BEFORE.search(text, max(s, a - 30), a)
            or WINDOW_AFTER.match(text, s + m.end("m"))
        ):
            continue
        month = MONTHS[m.group("m").lower()]
        of_year = OF_YEAR.match(sentence, m.end("m"))  # "in February and March of 2019"
        if of_year:
            year = int(of_year.group("y"))
        else:
            year = _year_for(month, sentence, year_hint, meeting_date) if year_hint else None
        out.append(_Time(a, s + m.end("m"), first=f"{year:04d}-{month:02d}" if year else None, month=month, year=year))
    for m in POSSESSIVE_MONTH.finditer(sentence):
        month = MONTHS[m.group("m").lower()]
        out.append(_Time(s + m.start(), s + m.end(), month=month))
    for m in RELATIVE.finditer(sentence):
        a = s + m.start()
        if _blocked(text, s, a):
            continue
        if m.group("ago") or m.group("after"):
            out.append(_Time(a, s + m.end(), rel=clean(m.group(0)).lower(), leads=bool(m.group("after"))))
        elif meeting_date:
            y, mo = int(meeting_date[:4]), int(meeting_date[5:7])
            if m.group("lastmonth"):
                y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
            out.append(_Time(a, s + m.end(), first=f"{y:04d}-{mo:02d}", year=y, month=mo))
    out.sort(key=lambda t: t.start)
    for t in out:  # a time written before any other words is the whole sentence's ("In November 2019, ...")
        t.fronted = t.start - s < 12
    return out


def _blocked(text: str, s: int, at: int) -> bool:
    line = text.rfind("\n", 0, at) + 1
    if DATELINE.match(text, line, at):
        return True  # " date 2024-03-22 ...": the page's dateline
    return bool(NOT_VISIT_DATE.search(text, max(s, at - 45), at))


def _names_a_visit(m: _KindMatch, sentence: str, about_ofsted: bool) -> bool:
    """Not "the inspection framework", "any future inspection" or "three monitoring visits"."""
    if m.lastgroup == "inspection" and re.match(r"(?:the|an|last|recent|previous|next)\s", m.group(0), re.I):
        if not about_ofsted:
            return False
    if VAGUE_AFTER.match(sentence, m.end()) or VAGUE_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
        return False
    if m.group(0).lower().endswith("s") and COUNTED.search(sentence, max(0, m.start() - 30), m.start()):
        # "has since received three monitoring visits": a count, not a visit - unless the
        # sentence goes on to the latest of them ("...; the most recent, in November, focused on ...")
        return bool(LATEST_OF.search(sentence, m.end()))
    return True


SINCE = re.compile(r"\bsince\s+(?!then\b|that\s+time\b)(?:(?:the|it|its|this|that|a|an|our|their)\b|(?-i:[A-Z]))", re.I)


SURELY_PAST = re.compile(
    r"\b(?:took place|had taken place|has taken place|was carried out|were carried out|had been carried out|"
    r"was undertaken|had been undertaken|was conducted|happened|visited|last|recent|recently|previous|"
    r"was|were|had|has\s+been|have\s+been|following)\b",
    re.I,
)
SURELY_FUTURE = re.compile(
    r"\b(?:will take place|will be carried out|is scheduled|was scheduled to take place|is planned|is due|is expected|"
    r"next|forthcoming|upcoming)\b",
    re.I,
)


def _year_for(month: int | None, sentence: str, year_hint: int | None, meeting_date: str | None) -> int | None:
    """The year of a month named without one: the meeting's year, unless the tense says otherwise.

    At a February meeting, a visit that "took place in September" was last September, and
    one that "is scheduled for November" is this November; one "next ... in January" at a
    November meeting is next year's January."""
    if not (year_hint and meeting_date and month):
        return year_hint
    meeting_month = int(meeting_date[5:7])
    past, future = SURELY_PAST.search(sentence), SURELY_FUTURE.search(sentence)
    if past and not future and month > meeting_month:
        return year_hint - 1
    if future and not past and month < meeting_month:
        return year_hint + 1
    return year_hint


LATEST_OF = re.compile(r"\b(?:the\s+)?(?:most\s+recent|latest|last)\b(?!\s+(?:year|month|week|meeting))", re.I)


def _count(words: str) -> int | None:
    token = words.split()[0].lower()
    if token.isdigit():
        return int(token)
    return {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}.get(
        token
    )


COUNTED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|regular|quarterly|further)"
    r"\s+(?:more\s+|further\s+|Ofsted\s+)?$",
    re.I,
)


NEGATED = re.compile(r"\b(?:no|not|nor|without|any)\b[^.;]{0,40}$", re.I)


def _priority(sentence: str) -> bool:
    """Areas for priority action were found - not "no areas for priority action"."""
    m = PRIORITY.search(sentence)
    return bool(m) and not NEGATED.search(sentence, 0, m.start())


KIND_WORD = re.compile(r"visit|inspect|ilac|jtai|thematic|peer|commissioner")
JUDGE_WORD = re.compile(r"judged|rated|graded|found|assessed|priority action|inadequate|improvement|outstanding|good")


def _any_between(offsets: list[int], s: int, e: int) -> bool:
    i = bisect_left(offsets, s)
    return i < len(offsets) and offsets[i] < e


_JUDGE_WORDS = ("judged", "rated", "graded", "found", "assessed")


def _judgements(sentence: str) -> tuple[str | None, dict[str, str]]:
    """The overall grade, told apart from area grades ("children in care were judged good")."""
    judgement, areas = None, {}
    lowered = sentence.lower()
    if not any(word in lowered for word in _JUDGE_WORDS):
        return judgement, areas
    active = ACTIVE.search(sentence)
    if active:
        judgement = _grade(active.group("grade"))
    else:
        for m in ACTIVE_AREA.finditer(sentence):
            for part in re.split(r",\s*and\s+|\s+and\s+(?=the\b)", m.group(0)):
                inner = ACTIVE_AREA.search(part) or re.search(
                    rf"(?P<subject>[^,]{{3,120}}?)\s+(?:to be|as|to)\s+{GRADE}", part, re.I
                )
                if inner:
                    area = clean(
                        re.sub(r"^(?:the|judged|rated|graded|found)\s+", "", inner.group("subject"), flags=re.I)
                    )
                    area = re.sub(r"^(?:the)\s+", "", area, flags=re.I)
                    areas[area[:120]] = _grade(inner.group("grade"))
            rest = re.match(
                rf",?\s*and\s+(?:the\s+)?(?P<subject>[^,;.]{{3,80}}?)\s+(?:to be|as)\s+{GRADE}",
                sentence[m.end() :],
                re.I,
            )
            if rest:
                areas[clean(rest.group("subject"))[:120]] = _grade(rest.group("grade"))
    for j in JUDGED.finditer(sentence):
        grade = _grade(j.group("grade"))
        domain = DOMAIN_AFTER.match(sentence, j.end())
        if domain:  # "judged to be 'Requires improvement to be good' in the domains of ...": an area's grade
            areas[clean(domain.group("area"))[:120]] = grade
            for other in OTHER_DOMAIN.finditer(sentence, domain.end()):
                areas[clean(other.group("area"))[:120]] = _grade(other.group("grade"))
            continue
        # The grammatical subject is the last clause: "... since the inspection in June 2019, when services"
        subject = re.split(r",|;|\b(?:when|where|which|that|while|whilst|but)\b", j.group("subject"), flags=re.I)[-1]
        if not subject.strip():
            subject = j.group("subject")
        if not AREA.search(subject) and (
            OVERALL.search(subject) or re.search(r"\b(?:visit|inspection)\b", subject, re.I)
        ):
            judgement = judgement or grade
        else:
            area = clean(re.sub(r"^.*\b(?:that|and|but|where|while|whilst)\s+", "", subject, flags=re.I))
            area = re.sub(r"^(?:the|services for)\s+", "", area, flags=re.I)
            if area and AREA.search(area) and not re.search(r"\d|%", area):
                areas[area[:120]] = grade
    return judgement, areas


def _grade(word: str) -> str:
    word = word.lower()
    if word.startswith("require"):
        return "requires_improvement"
    return word
