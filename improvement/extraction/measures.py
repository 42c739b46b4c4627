"""Measures: the figures a scrutiny committee tracks - percentages, caseloads, staff counts,
durations - with what they measure. One measure per clause: later numbers in the same clause
describe it ("7 staff ... had over 25 cases"). Not phone numbers, item or paragraph numbers,
years, dates, times, ordinals, money or national statistics.

The gold conventions this follows: a stated count of recommendations or areas for improvement
is a count measure; progress against a plan ("4 of the 5 areas", "the first two of 10") has the
whole as its target; a goal or benchmark stated on its own is its own target; with an earlier
value given ("stood at 38, but this is now down to 18", "(72 from 88)", "fell from 19.9 to 13.4")
only the current value counts, and a change ("decreased by 18%") is not a measure; nor are page
furniture, baselines from earlier years, sector-wide figures, notice periods or relative times."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TypeAlias

from .dates import find_dates
from .model import MeasureItem
from .numbers import NUMBER, WORD_NUMBER, to_number
from .text import clean, sentences

QUALIFIER = (
    r"(?:no more than|no fewer than|no less than|not more than|at least|at most|less than|fewer than|more than|"
    r"greater than|in excess of|just over|just under|well over|over|under|below|above|approximately|approx\.?|"
    r"around|about|nearly|almost|roughly|circa|c\.|up to|some|only|just|an average of|on average|average of)"
)
PERCENT = re.compile(
    rf"(?:(?P<q>{QUALIFIER})\s+)?(?P<n>{NUMBER})\s?(?:%|per ?cent\b|percent\b)"
    rf"(?:\s*(?:-|–|—|to)\s*(?:{QUALIFIER}\s+)?{NUMBER}\s?(?:%|per ?cent\b|percent\b)?)?",
    re.I,
)
PERCENT_RANGE_FIRST = re.compile(
    rf"(?:(?P<q>{QUALIFIER})\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?:-|–|to)\s*\d+(?:\.\d+)?\s?%", re.I
)
NOUNS = {
    "cases": "cases",
    "case": "cases",
    "caseloads": "cases",
    "caseload": "cases",
    "children": "count",
    "young people": "count",
    "families": "count",
    "referrals": "count",
    "assessments": "count",
    "audits": "count",
    "visits": "count",
    "plans": "count",
    "placements": "count",
    "care leavers": "count",
    "foster carers": "count",
    "complaints": "count",
    "contacts": "count",
    "files": "count",
    "case files": "count",
    "staff": "staff",
    "social workers": "staff",
    "workers": "staff",
    "managers": "staff",
    "team managers": "staff",
    "practitioners": "staff",
    "posts": "staff",
    "vacancies": "staff",
    "employees": "staff",
    "fte": "staff",
    "agency staff": "staff",
    "agency workers": "staff",
    "officers": "staff",
    "newly qualified social workers": "staff",
    "days": "days",
    "working days": "days",
    "weeks": "other",
    "months": "months",
    "hours": "other",
    "reports": "count",
    "direct reports": "staff",
    # the genre's acronyms for children looked after, in need, with plans
    "cla": "count",
    "lac": "count",
    "cic": "count",
    "cin": "count",
    "ehcps": "count",
    "ehc plans": "count",
    # a stated count of recommendations, areas for improvement or outcomes is a count measure
    "recommendations": "count",
    "recommendation": "count",
    "areas for improvement": "count",
    "area for improvement": "count",
    "areas for development": "count",
    "areas of improvement": "count",
    "areas requiring improvement": "count",
    "areas of weakness": "count",
    "areas of significant weakness": "count",
    "areas of concern": "count",
    "areas to improve": "count",
    "improvement areas": "count",
    "outcomes": "count",
    "areas where improvement": "count",
    "areas needing improvement": "count",
    "areas that require improvement": "count",
    "areas for further improvement": "count",
    "areas for further development": "count",
}
# what a plan is made of: "4 of the 5 areas", "the first two of 10 recommendations" are progress against it
PLAN_ITEMS = re.compile(
    r"\s*(?:[a-z'’-]+\s+){0,2}?(?:recommendations?|areas?|actions|priorities|outcomes|objectives|"
    r"milestones|workstreams|improvement points|targets)\b",
    re.I,
)
NOUN = "|".join(sorted((re.escape(n) for n in NOUNS), key=len, reverse=True))
ADJ = r"(?!(?:of|and|in|the|were|was|are|is|had|have|to|from|for|with|by)\b)(?:stage \d|[a-z][a-z-]*(?:['’]s)?)"
COUNT = re.compile(
    rf"(?:(?P<q>{QUALIFIER})\s+)?(?P<n>{NUMBER})(?:\s*(?:-|–|to)\s*(?P<n2>{NUMBER}))?"
    rf"(?:\s+(?P<adj>{ADJ}(?:\s+{ADJ}){{0,2}}?))?\s+(?P<noun>{NOUN})\b",
    re.I,
)
CHANGE_TO = re.compile(
    r"\b(?:the\s+)?(?P<what>(?:number|total|numbers)\s+of\s+[a-z][a-z ]{2,80}?|(?:average\s+)?caseloads?[a-z ]{0,40}?)"
    r"\s+(?:had\s+|has\s+|have\s+)?(?:risen|increased|fallen|decreased|reduced|dropped|grown|gone up|gone down|"
    r"stood|remained|was|were|is|are)\s+(?:(?:from\s+)?\d+(?:,\d{3})*(?:\.\d+)?\s+|by\s+\d+(?:,\d{3})*\s+)?(?:to|at)\s+(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)(?!\s?%)",
    re.I,
)
NUMBER_WAS = re.compile(
    r"\b(?:the\s+)?(?P<what>(?:number|total)\s+of\s+[a-z][a-z ]{2,80}?)\s+(?:was|were|is|are|stood at)\s+(?:now\s+)?"
    r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)(?!\d|\.\d|\s?%|\s*(?:per ?cent|percent))",
    re.I,
)
CASELOAD = re.compile(
    r"\bcaseloads?\b(?:[^.;:\d\n]{0,80}?\b(?:was|were|is|are|stood at|stands? at|standing at|remained at|"
    r"(?:reduced|fallen|fell|dropped|decreased|increased|risen|rose|come down|gone down|gone up|"
    r"improved)\s+to))?\s+(?:of|at|averaging|averaged|average|"
    rf")\s*(?:(?P<q>{QUALIFIER})\s+)?(?P<n>\d+(?:\.\d+)?)(?!\d|\.\d|\s*%)(?:\s*(?:-|–|"
    r"to)\s*\d+(?:\.\d+)?(?:\s+cases)?(?!\s*%))?",
    re.I,
)
# "one in five case files", "1 in 4 children": a proportion, given as a percentage
RATIO = re.compile(rf"\b(?P<n>{NUMBER})\s+in\s+(?:every\s+)?(?P<d>{NUMBER})\b(?=\s+(?:of\s+)?[a-z])", re.I)
FRACTIONS = {
    "half": 50,
    "a half": 50,
    "one half": 50,
    "a third": 33.3,
    "one third": 33.3,
    "two thirds": 66.7,
    "a quarter": 25,
    "one quarter": 25,
    "three quarters": 75,
    "a fifth": 20,
    "one fifth": 20,
}
FRACTION = re.compile(
    r"\b(?P<n>two[- ]thirds|three[- ]quarters|(?:a|one)[- ](?:half|third|quarter|fifth)|"
    r"half)\s+of\s+(?:the\s+|all\s+)?(?=[a-z])",
    re.I,
)
# "Of the 45 care leavers aged 19-21, 38 were in education": 38 of 45
OF_THE = re.compile(
    rf"\bOf\s+(?:the|these|those)\s+(?P<d>\d{{1,3}}(?:,\d{{3}})*)\s+(?P<what>[^,.;\d][^,.;]{{2,80}}?),\s*(?P<n>\d{{1,3}}(?:,\d{{3}})*|{WORD_NUMBER})\s+"
    rf"(?:were|are|had|have|was|is)\s+(?P<rest>[^.;]{{3,120}})",
    re.I,
)
OUT_OF = re.compile(r"\b(?P<n>\d+)\s+(?:out\s+)?of\s+(?:the\s+)?(?P<d>\d+)\b(?!\s*%)", re.I)

BEFORE_NOT_MEASURE = re.compile(
    r"(?:\b(?:point|points|paragraph|para|paras|item|items|page|pages|section|appendix|recommendations?|"
    r"rec|theme|table|figure|minute|minutes|number|no|nos|ref|reference|version|phase|stage|tier|level|"
    r"year|years|grade|key stage|ks|room|floor|band|option|priority|action|area|ward|clause|article|paragraphs|"
    r"sections|appendices|annex|annexes|schedule|regulation|regulations|part|chapter|chapters|slide|slides|"
    r"question|tel|telephone|phone|ext|extension|aged|age|ages|under|over the age of|quarter|qtr|q|covid)\.?\s*$|"
    r"[£$€]\s*$|\d[.:]\s*$|\d,$|[a-z]-$|"
    # an earlier figure given for comparison: "32%, down from 41% in April", "compared with 70% last year"
    r"\b(?:down|up|increased?|decreased?|risen|rose|fallen|fell|reduced|improved|dropped|declined|grown|grew|"
    r"changed|moved)\s+from\s*$|\bcompared\s+(?:with|to)\s+(?:an?\s+|the\s+)?(?:total\s+of\s+|figure\s+of\s+)?$|\bprevious(?:ly)?\s+(?:of\s+)?$)",
    re.I,
)
NATIONAL = re.compile(
    r"\b(?:national(?:ly)?|england average|the average (?:for|in|across) england|statistical neighbours?|"
    r"across (?:the country|england)|regional average|other (?:local )?authorities|comparator|"
    r"(?:for|in|across|than|with) england|england'?’?s|(?:in|across|of) the uk|uk average|nationwide)\b",
    re.I,
)
TARGET = re.compile(
    r"\b(?:goal|target|aim|aims|aimed|ambition|aspiration|aspire|aiming|expect(?:ed|s)? to|"
    r"should be|should reach|must be|want(?:ed|s)? to (?:reach|see)|objective|benchmark|"
    r"recommended (?:an?\s+)?(?:maximum|minimum|level|limit|caseloads?|number|rate|ratio)|"
    r"(?:intend(?:s|ed)?|plan(?:s|ned)?|want(?:s|ed)?|hope(?:s|d)?) to (?:reduce|increase|improve|raise|"
    r"lower|cut|bring|get|achieve|reach))\b",
    re.I,
)
DURATION_CONTEXT = re.compile(
    r"\b(?:within|in|after|for|over|every|each|per|last|past|next|than|the|first|following|up to|by|around|"
    r"about|some|of)\s*$",
    re.I,
)
CLAUSE_BREAK = re.compile(
    r"[,;:()]|\s[–—-]\s(?![\d.]+\s?%)|\b(?:but|while|whilst|whereas|although|with)\b|\band\b(?=\s+(?:[a-z]|\d))|"
    r"\bagainst\b(?=\s+(?:a|an|the|our)\s+(?:[a-z]+\s+)?(?:target|goal|ambition|benchmark|average))|"
    r"\bcompared\s+(?:with|to)\b|\b(?:down|up)\s+from\b"
)
LEAD_FILLER = re.compile(
    r"^(?:(?:in response to [^,]*?,?\s*)?(?:she|he|they|it|members|the [a-z ]+?)\s+(?:confirmed|advised|"
    r"explained|reported|said|stated|noted|added|responded)\s+that\s*,?\s*|that\s+|of which\s+|which\s+|"
    r"who\s+|where\s+|including\b\s*|of whom\b\s*|there (?:were|was|are|is)\b\s*|"
    r"(?:reference|mention) (?:was|had been) made to\s+(?:the\b\s*)?)",
    re.I,
)


# How an inspection works, not how the service does: "The Lead Inspector chose 20 cases for the local authority
# to audit", "an additional 6 cases were identified for audit during the inspection", "the 26 cases the
# inspectors tracked". A count of cases in such a sentence is the inspection's sample, not a measure.
INSPECTION_SAMPLE = re.compile(
    r"\b(?:[Ii]nspect(?:or|ors|ion|ion team)|HMI|Ofsted)\b[^.;]{0,120}?\b(?:chose|chosen|choose|selected|sampled|"
    r"tracked|identified\s+for\s+audit)\b|\bcases\s+(?:that\s+|which\s+)?the\s+inspect",
)


VISIT_LENGTH = re.compile(
    r"\b(?:inspection|visit|inspectors)\b[^.;]{0,40}?\b(?:took\s+place|lasted|ran|was\s+held|were\s+on\s+site)\b",
    re.I,
)


def find_measures(text: str) -> list[MeasureItem]:
    tokens = _number_tokens(text)
    if not tokens and "half" not in text.lower():
        return []
    dates = sorted((d.start, d.end) for d in find_dates(text))
    items: list[MeasureItem] = []
    for s, e in sentences(text):
        if e - s < 12:
            continue
        lo, hi = bisect_left(tokens, s), bisect_left(tokens, e)
        if lo == hi and "half" not in text[s:e].lower():
            continue  # no number in this sentence
        found = _in_sentence(text, s, e, dates, tokens[lo:hi])
        if found and INSPECTION_SAMPLE.search(text, s, e):
            found = [f for f in found if f.unit != "cases"]  # the cases inspectors chose to look at: their method
        if TARGET_WORD.search(text, s, e):
            # "The target was to reduce this to 8%": the target of the measure just before
            _targets(text, s, e, found or items[-1:])
        items.extend(f for f in found if not _repeats(f, items))
    return items


def _capitals_line(text: str, start: int) -> bool:
    end = text.find("\n", start)
    letters = [c for c in text[start : end if end >= 0 else len(text)] if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _repeats(item: MeasureItem, earlier: list[MeasureItem]) -> bool:
    """The same figure for the same thing said again ("a breakdown of the 486 children in care")."""
    words = set(re.findall(r"[a-z]{4,}", item.name.lower()))
    noun = getattr(item, "_noun", None)
    if noun and any(
        other.value == item.value
        and other.unit == item.unit
        and getattr(other, "_noun", None) == noun
        and NOUNS.get(noun) == "count"
        and noun.startswith(("recommendation", "area", "outcome"))
        for other in earlier
    ):
        return True  # "the two recommendations ... the two recommendations"
    return any(
        other.value == item.value
        and other.unit == item.unit
        and len(words & set(re.findall(r"[a-z]{4,}", other.name.lower()))) >= 2
        for other in earlier
    )


TARGET_WORD = re.compile(r"target|goal|aim|ambition|benchmark", re.I)


def _number_tokens(text: str) -> list[int]:
    """Where every number (in digits or words) starts, from one case-sensitive pass over the lowered text."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: keep offsets exact
        return [m.start() for m in NUMBER_TOKEN.finditer(text)]
    return [m.start() for m in NUMBER_TOKEN_LOWER.finditer(lowered)]


NUMBER_TOKEN = re.compile(rf"(?<![\w.]){NUMBER}(?![\w])", re.I)
_WORD_STARTS = "".join(sorted({w[0] for w in re.findall(r"[a-z]+", WORD_NUMBER)}))
NUMBER_TOKEN_LOWER = re.compile(rf"(?<![\w.])(?=[\d{_WORD_STARTS}]){NUMBER}(?![\w])")
QUALIFIER_BEFORE = re.compile(rf"(?P<q>{QUALIFIER})\s+$", re.I)
ANCHORED = [
    # "a rate of 480 per 10,000 children": the rate, not the population it is counted over
    (
        re.compile(
            r"(?P<n>\d+(?:\.\d+)?)\s+per\s+(?P<d>10,000|10000|100,000|100000|1,000|1000)\b(?:\s+(?P<per>children|"
            r"young people|population|people|of the population|under[- ]18s))?",
            re.I,
        ),
        "rate",
    ),
    (re.compile(r"(?!(?:19|20)\d\d\b)(?P<n>\d+(?:\.\d+)?)\s*(?:-|–|to)\s*\d+(?:\.\d+)?\s?%", re.I), "%"),
    (
        re.compile(
            rf"(?P<n>{NUMBER})\s?(?:%|per ?cent\b|percent\b)(?:\s*(?:-|–|—|"
            rf"to)\s*(?:{QUALIFIER}\s+)?{NUMBER}\s?(?:%|per ?cent\b|percent\b)?)?",
            re.I,
        ),
        "%",
    ),
    (
        re.compile(
            rf"(?P<n>\d+|{WORD_NUMBER})\s+(?:out\s+)?of\s+(?:the\s+)?(?P<d>\d+|{WORD_NUMBER})\b(?!\s*%|\s*[-–]\w)", re.I
        ),
        "outof",
    ),
    # "(72 from 88)": the current figure with the earlier one beside it
    (re.compile(r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)(?=\s+from\s+\d+(?:,\d{3})*(?:\.\d+)?\s*\))", re.I), "current"),
    (
        re.compile(
            rf"(?P<n>{NUMBER})(?:\s*(?:-|–|to)\s*(?P<n2>{NUMBER}))?(?:\s+(?P<adj>{ADJ}(?:\s+{ADJ}){{0,2}}?))?\s+(?P<noun>{NOUN})\b(?!['’]s)",
            re.I,
        ),
        "count",
    ),
]


class _Found:
    """A candidate number with its optional qualifier, shaped like a match for the callers."""

    said: re.Match[str]  # set on a "nounchange" candidate only: the counted noun and its verb

    def __init__(self, m: re.Match[str], qualifier_start: int | None, qualifier: str | None) -> None:
        self._m, self.q_start, self.qualifier = m, qualifier_start, qualifier

    def group(self, name: int | str = 0) -> str | None:
        return self._m.group(name)

    def groupdict(self) -> dict[str, str | None]:
        return {**self._m.groupdict(), "q": self.qualifier}

    def start(self, name: int | str = 0) -> int:
        return self.q_start if name == 0 and self.q_start is not None else self._m.start(name)

    def end(self, name: int | str = 0) -> int:
        return self._m.end(name)


# What the measure finders read a candidate number from: a match, or a match with its qualifier.
_Hit: TypeAlias = re.Match[str] | _Found


FROM_BEFORE = re.compile(r"\bfrom\s+(?:an?\s+average\s+of\s+|around\s+|about\s+|approximately\s+|over\s+)?$", re.I)
# "fell from 19.9 in 2018 to 13.4 in 2020": the bare figure after "to" is the current value
FROM_TO_BEFORE = re.compile(
    r"\bfrom\s+(?:an?\s+average\s+of\s+|around\s+|about\s+|approximately\s+|"
    r"over\s+)?\d+(?:,\d{3})*(?:\.\d+)?\s?(?:%|per ?cent)?(?:\s+(?:in|at|during)\s+(?:[A-Za-z]+\s+)?(?:19|"
    r"20)\d\d(?:/\d\d)?)?\s+to\s+(?:an?\s+average\s+of\s+|around\s+|about\s+|approximately\s+)?$",
    re.I,
)
# page furniture of council sites and news pages: "Displaying 1 to 2 of 2", "Page 1 of 3", "70% fewer ads"
FURNITURE = re.compile(
    r"\b(?:displaying|showing|viewing)\s+(?:results?\s+|items?\s+)?\d+\s*(?:to|-|–)\s*\d+\s+of\s+\d+|\bpage\s+\d+\s+of\s+\d+",
    re.I,
)
CONTENTS_ENTRY = re.compile(r"[A-Za-z)]\s+\d{1,3}\s+(?=[A-Z])")
ADVERT_HINTS = ("ads", "ad-", "advert", "newsletter", "subscription", "cookies")
ADVERT = re.compile(
    r"\b(?:ad-lite|ad-free|fewer ads|advertisements?|adverts?|newsletters?|subscription offers|cookies)\b", re.I
)


def _candidates(
    text: str, s: int, e: int, tokens: Sequence[int], dates: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int, str, _Hit]]:
    """Number tokens first, then the measure forms anchored at each: fast on prose with few numbers."""
    lowered = text[s:e].lower()
    found = (
        [(m.start(), m.end(), "furniture", m) for m in FURNITURE.finditer(text, s, e)]
        if "page" in lowered or "ing " in lowered and (" of " in lowered)
        else []
    )
    patterns = []
    if "caseload" in lowered or "number of" in lowered or "total of" in lowered:
        patterns += [(CHANGE_TO, "change"), (NUMBER_WAS, "change"), (CASELOAD, "caseload")]
    if "of the" in lowered or "of these" in lowered or "of those" in lowered:
        patterns.append((OF_THE, "ofthe"))
    if " in " in lowered:
        patterns.append((RATIO, "ratio"))
    if "half" in lowered or "third" in lowered or "quarter" in lowered or "fifth" in lowered:
        patterns.append((FRACTION, "fraction"))
    if patterns:
        for pattern, kind in patterns:
            for m in pattern.finditer(text, s, e):
                if not any(a < m.end() and m.start() < b for a, b, *_ in found):
                    found.append((m.start(), m.end(), kind, m))
    for p in tokens:
        if any(a <= p < b for a, b, *_ in found):
            continue
        at = bisect_right(dates, (p, float("inf"))) - 1
        if at >= 0 and dates[at][0] <= p < dates[at][1]:
            continue  # "in September 2017 to 14.8%": a date's year does not start a range
        if FROM_BEFORE.search(text, max(s, p - 30), p):
            continue  # "fallen from 28% to 19%": the earlier figure; the later one is the measure
        for pattern, kind in ANCHORED:
            m = pattern.match(text, p, e)
            if m:
                q = QUALIFIER_BEFORE.search(text, max(s, p - 25), p)
                wrapped = _Found(m, q.start() if q else None, q.group("q") if q else None)
                found.append((wrapped.start(), m.end(), kind, wrapped))
                break
        else:
            m = BARE_NUMBER.match(text, p, e)
            if m and FROM_TO_BEFORE.search(text, max(s, p - 60), p):
                found.append((p, m.end(), "current", _Found(m, None, None)))
            elif m and TO_AT_BEFORE.search(text, max(s, p - 30), p):
                said = NOUN_CHANGED_TO.search(text, max(s, p - 100), p)
                if said and NOUNS.get(said.group("noun").lower()) in ("count", "cases", "staff"):
                    # "Social work vacancies had reduced to 12", "Referrals stood at 1,204"
                    q = QUALIFIER_BEFORE.search(text, max(s, p - 25), p)
                    wrapped = _Found(m, q.start() if q else None, q.group("q") if q else None)
                    wrapped.said = said
                    found.append((p, m.end(), "nounchange", wrapped))
    return sorted(found, key=lambda c: c[0])


TO_AT_BEFORE = re.compile(r"\b(?:to|at)\s+(?:[a-z]+\s+){0,2}$", re.I)
NOUN_CHANGED_TO = re.compile(
    rf"\b(?P<phrase>(?P<noun>{NOUN})\b(?:,?\s+[a-z][a-z'’-]*){{0,6}}?)\s+(?:had\s+|has\s+|"
    r"have\s+)?(?:now\s+)?(?:reduced|fallen|fell|dropped|decreased|increased|risen|rose|grown|grew|come down|"
    rf"gone down|gone up|stood|stands?|standing|remained|remains)\s+(?:to|at)\s+(?:(?:{QUALIFIER})\s+)?$",
    re.I,
)
BARE_NUMBER = re.compile(r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)(?![\d.,]*\s?(?:%|per ?cent))", re.I)


def _in_sentence(
    text: str, s: int, e: int, dates: Sequence[tuple[int, int]], tokens: Sequence[int]
) -> list[MeasureItem]:
    out = []
    last_clause_start = -1
    last_subject = ""
    low = text[s:e].lower()
    if any(w in low for w in ADVERT_HINTS) and ADVERT.search(text, s, e):
        return out  # a news site's subscription and advertising boilerplate
    if len(tokens) >= 3 and len(CONTENTS_ENTRY.findall(text, s, e)) >= 3:
        return out  # a table of contents: "Action plan 6 Monitoring visits 6 Complaints 10 Annex A"
    consumed = []  # later figures already read as the current value of an earlier one
    goals = []  # goals stated on their own, until a later figure of the same unit claims them
    sector_sentence = False
    for start, end, kind, m in _candidates(text, s, e, tokens, dates):
        if kind == "furniture" or any(a <= start < b for a, b in consumed):
            continue
        n_start = m.start("n")
        at = bisect_right(dates, (n_start, float("inf"))) - 1  # the last date starting at or before the number
        if at >= 0 and dates[at][0] <= n_start < dates[at][1]:
            continue
        if kind != "ofthe" and BEFORE_NOT_MEASURE.search(text[max(s, n_start - 40) : n_start]):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip() and (_capitals_line(text, start) or PARAGRAPH_NUMBER.match(text, start)):
            continue  # "6 CHILDREN IN CARE", "2.2 Note that": an item or paragraph number before its text
        if _not_a_figure(text, s, e, start, end, n_start, kind, m):
            continue
        if (
            kind == "count"
            and (m.group("noun") or "").lower() == "visits"
            and re.search(r"monitoring|focused|focussed|ofsted|inspection", m.group("adj") or "", re.I)
        ):
            continue  # "four monitoring visits" counts visits, which are visits, not a measure
        if kind == "fraction" and re.search(
            r"\b(?:the|other|first|second|latter|former|this|that)\s+$", text[max(s, start - 15) : start], re.I
        ):
            continue  # "the other half of the page"
        standalone_goal = False
        if TARGET_BACK_BEFORE.search(text[max(s, n_start - 70) : n_start]) or TARGET_AFTER.match(text, m.end("n")):
            continue  # "the target was to reduce this to 8%", "against the 85% target": another measure's target
        goal = TARGET_BEFORE.search(text[max(s, n_start - 40) : n_start])
        if goal:
            if (
                out
                or kind not in ("count", "%")
                or AGAINST_BEFORE.search(text, max(s, n_start - 70), n_start - len(goal.group(0)) + 1)
                or kind == "%"
                and not re.match(r"\s+of\s+[a-z]", text[end : end + 6], re.I)
            ):
                continue  # "against a target of 90%": the target of the measure before it
            standalone_goal = True  # "the target of 12 new foster carers a year": a goal is its own measure
        if re.match(r"(?:st|nd|rd|th)\b", text[m.end("n") : m.end("n") + 2]):
            continue
        if re.match(r"0\d{3,}", m.group("n")) or re.match(r"\s*\d{4,}", text[m.end("n") : m.end("n") + 6]):
            continue  # phone numbers
        value = (
            FRACTIONS.get(re.sub(r"[- ]+", " ", m.group("n").lower()))
            if kind == "fraction"
            else to_number(m.group("n"))
        )
        if value is None:
            continue
        if kind == "ratio":
            whole = to_number(m.group("d"))
            if not whole or value > whole or whole > 1000:
                continue
            value = round(100 * value / whole, 1)
        clause_start, clause_end = _clause(text, s, e, start, end)
        if (
            NATIONAL.search(text[clause_start:clause_end])
            or SECTOR.search(text[clause_start:clause_end])
            or NATIONAL_LEAD.match(text, s, e)
            and not LOCAL.search(text, clause_start, clause_end)
        ):
            sector_sentence = True
            continue  # national or sector-wide: "24% of the 87 local authorities inspected"
        if sector_sentence and (
            SECTOR_TAIL.match(text, clause_start, clause_end)
            or re.fullmatch(r"\s*(?:and|or|while|whilst|but)?\s*", text[clause_start:start])
        ):
            continue  # "... and for 'inadequate' ones 27%"
        if clause_start == last_clause_start:
            continue  # a second number in one clause describes the first measure
        unit = _unit(kind, m, text, clause_start, start)
        if unit is None:
            continue
        qualifier = (m.groupdict().get("q") or "").lower() or None
        if unit in ("days", "months", "other") and kind == "count":
            if "average" not in (qualifier or "") and (
                DURATION_CONTEXT.search(text[max(s, start - 20) : start])
                or qualifier
                and DURATION_CONTEXT.search(text[max(s, n_start - 20) : n_start])
                and not WAITED.search(text, clause_start, n_start)
            ):
                continue  # "within 20 working days", "over 12 months", but "in an average of 149 days" is a measure
            noun = (m.group("noun") or "").lower()
            if noun in ("weeks", "hours") and not re.search(
                r"\b(?:average|took(?!\s+place)|wait|waited|waiting|timescale)", text[clause_start:clause_end], re.I
            ):
                continue
            if VISIT_LENGTH.search(text, max(s, clause_start - 80), clause_end):
                continue  # "The inspection took place over three weeks", "the visit lasted two days": its length
        if BRACKET_BEFORE.search(text, max(s, start - 3), start) and re.match(r"\s*\)", text[end : end + 3]):
            # "below statistical neighbours (65%)": a lone bracketed figure belongs to the words before it
            pre = text[max(s, start - 60) : start].rstrip(" (")
            if COMPARATOR.search(pre[-45:]) or NATIONAL.search(pre[-45:]):
                continue
        hundred = HUNDRED_BEFORE.search(text, max(s, start - 30), start)
        if hundred and kind == "count":
            value += 100 * (to_number(hundred.group("h")) or 1)  # "One hundred and fifty-five children"
        elif kind == "count" and re.match(r"(?:hundred|thousand)\b", m.group("adj") or "", re.I):
            value *= 1000 if m.group("adj").lower().startswith("thousand") else 100  # "two hundred children"
        if (
            kind == "count"
            and (m.group("noun") or "").lower() in ("children", "young people", "families", "files", "case files")
            and value < 2
        ):
            continue
        if kind == "current":
            unit, name = _current(text, s, e, clause_start, start, m)
            if not unit:
                continue
            subject = name
        else:
            subject = _subject(text, clause_start, start) or ("" if kind == "count" else last_subject)
            if kind == "nounchange" and not subject:
                # "... asylum seeking children, now currently standing at 48": the counted noun names it
                subject = re.sub(
                    r"(?:,?\s+(?:now|currently|still|had|has|have|numbers?))+$",
                    "",
                    clean(m.said.group("phrase")),
                    flags=re.I,
                )
            name = _name(text, subject, start, end, clause_end, m, kind)
        last_subject = subject or last_subject
        last_clause_start = clause_start
        if not name:
            continue
        segment = text[max(s, clause_start - 80) : clause_end]
        # "the goal was that at least 80% ...": a target word before the figure; after it
        # ("64% against a target of 85%") the target is another number, found by _targets.
        before = segment[: max(0, min(start if kind == "count" else n_start, n_start) - max(s, clause_start - 80))]
        aims = list(TARGET.finditer(before))
        # "the goal was that at least 80% ...", but not "the target was for 90%; performance was 82%"
        # nor "against the 85% target for visits was 79%"
        target = (
            value
            if standalone_goal
            or aims
            and not re.search(
                r"\d|;|\b(?:and|but|while|whilst|whereas|although)\b", before[aims[-1].end() :].lstrip(" :")
            )
            and not re.search(r"\d\s?%?\s*$", before[: aims[-1].start()])
            else None
        )
        if BENCHMARK_AFTER.match(text, end, e) and not (kind == "count" and PLAN_ITEMS.fullmatch(m.group("noun"))):
            target = value  # "the 15 cases recommended by the Munro Review": a benchmark
        now = NOW_AFTER.match(text, end, e)
        if now and kind != "%" and not now.group("pct") or now and kind == "%" and now.group("pct"):
            # "stood at 38, but this is now down to 18": only the current value is a measure
            value = to_number(now.group("n"))
            consumed.append((now.start("n"), now.end()))
        bracket = BRACKETED_FIGURE.match(text, end, e)
        if bracket:
            consumed.append((bracket.start(), bracket.end()))  # "63% (125 children)" is one measure
        item = MeasureItem(
            quote=text[s:e],
            quote_start=s,
            quote_end=e,
            name=name,
            value=value,
            unit=unit,
            target=target,
            qualifier=qualifier,
        )
        if kind in ("outof", "ofthe", "ratio"):
            item.numerator, item.denominator = int(to_number(m.group("n"))), int(to_number(m.group("d")))
            if kind == "outof" and re.search(r"\ball but\s+$", text[max(s, start - 10) : start], re.I):
                item.value = item.numerator = item.denominator - item.numerator  # "all but two of the 14"
            if kind == "outof" and target is None and PLAN_ITEMS.match(text, m.end()):
                item.target = item.denominator  # "4 of the 5 areas of weakness": progress against the plan
        if kind == "count":
            item._noun = (m.group("noun") or "").lower()  # not a field: never serialised
        if goals and goals[-1].unit == item.unit and item.target is None:
            item.target = goals[-1].value  # "the target was for 90% ...; performance was 82%"
            out.remove(goals.pop())
        said = goal.group(0) if goal else aims[-1].group(0) if target is not None and aims else ""
        if item.target is not None and item.target == item.value and re.search(r"target|goal|aim", said, re.I):
            goals.append(item)  # a benchmark ("recommended by", "benchmark of") stays a measure of its own
        out.append(item)
    return out


TARGET_AFTER = re.compile(r"\s?(?:%|per ?cent)?\s+target\b", re.I)
AGAINST_BEFORE = re.compile(
    r"(?:\bagainst|\bcompared (?:with|to)|\bversus|\bvs\.?|\bbelow|\babove|\bwithin|\bmeeting|"
    r"\bmissed|\bmet|\bexceeded|\bbeat|\(|\bthan)\s+(?:the|a|an|our|its|their)?\s*(?:[a-z'’]+\s+){0,2}$",
    re.I,
)
WAITED = re.compile(r"\b(?:average|took|take|takes|wait|waited|waiting|timescale|length|duration)", re.I)
BRACKET_BEFORE = re.compile(r"\(\s*$")
COMPARATOR = re.compile(
    r"\b(?:neighbours?|averages?|national(?:ly)?|england|regional|region|the (?:north|south|east|west|"
    r"midlands)|similar (?:local )?authorities|comparators?|last year|previous year|benchmark)\b",
    re.I,
)
HUNDRED_BEFORE = re.compile(r"\b(?P<h>a|one|two|three|four|five|six|seven|eight|nine)\s+hundred\s+(?:and\s+)?$", re.I)
PARAGRAPH_NUMBER = re.compile(r"\d+\.\d+\.?\s+[A-Z(]")
BENCHMARK_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?recommended\s+(?:by|in)\b|\s+set\s+(?:by|in|out in)\s+(?:the\s+|our\s+|its\s+)?"
    r"(?:[A-Za-z'’]+\s+){0,3}?(?:policy|guidance|standards?|framework|review|strategy)\b",
    re.I,
)
NOW_AFTER = re.compile(
    r"(?:\s+[A-Za-z0-9/]+){0,3}?\s*,?\s*(?:but|and|however|whereas|while|which)\s+(?:this|it|that|these|"
    r"the (?:figure|number|rate|total))?\s*(?:has|had|have|is|was|are|were)?\s*(?:now|since|"
    r"subsequently)\s+(?:(?:been\s+|be\s+)?(?:fallen|fell|dropped|reduced|come down|gone down|risen|rose|gone up|"
    r"increased|decreased|improved|grown|grew|down|up|moved|changed|stands?|stood|standing|remained)\s+)?(?:to|"
    r"at)\s+(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)(?P<pct>\s?(?:%|per ?cent))?",
    re.I,
)
RELATIVE_AFTER = re.compile(r"\s+(?:ago|after|later|earlier|previously|beforehand|since|prior)\b", re.I)
NOTICE_AFTER = re.compile(
    r"['’]?\s+(?:of\s+)?notice\b|\s+in advance\b|['’]?\s+(?:before|prior to)\s+(?:the|a|each)\s+meeting", re.I
)
YEAR_BEFORE = re.compile(r"\b(?:in|since|during|from|by|until|of|to|before|after|between|and)\s+$", re.I)
MULTIPLIER_AFTER = re.compile(r"\s*(?:m|bn|k|million|billion|thousand)\b", re.I)
CHANGE_BY_BEFORE = re.compile(
    r"\b(?:(?:increased|decreased|rose|risen|fell|fallen|reduced|dropped|declined|grew|grown|improved|went up|"
    r"gone up|went down|gone down|up|down)\s+by|(?:an?|the)\s+(?:increase|decrease|reduction|rise|fall|drop|"
    r"improvement|change)\s+of|\b(?<!made )(?<!make )(?<!makes )(?<!making )(?:up|down)|"
    # "reduces social work caseloads by 30 per cent", "cutting the use of agency staff by"
    r"\b(?:reduc|increas|cut|lower|rais|halv|boost)[a-z]*\s+(?:[a-z'’-]+\s+){1,7}?by)\s+(?:(?:around|about|"
    r"approximately|some|nearly|almost|over|just over|just under)\s+)?$",
    re.I,
)
CHANGE_NOUN_AFTER = re.compile(r"\s+(?:decrease|increase|reduction|rise|fall|drop|improvement|change)\b", re.I)
BASELINE_BEFORE = re.compile(
    r"\b(?:(?:from|since|in|back in)\s+(?:19|20)\d\d(?:[/-]\d\d)?\s*,?\s*when|baseline)\b[^.;]{0,60}$", re.I
)
MEMBERSHIP = re.compile(
    r"\s*(?:[a-z'’]+\s+){0,2}?(?:local authorities|authorities|councils|areas in|cities|regions|"
    r"boroughs|counties|inspectors|children['’]s services)\b",
    re.I,
)
# figures across many councils: "local authorities rated outstanding had ... 6.4%", "for 'good' councils the rate was"
NATIONAL_LEAD = re.compile(
    r"\W*(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:nationally|across (?:england|the country)|in england)\b", re.I
)
LOCAL = re.compile(
    r"\b(?:locally|our|we|the (?:council|authority|service)|the local authority['’]s|council['’]s)\b", re.I
)
SECTOR = re.compile(r"\b(?:local authorities|authorities|councils|LAs)\b(?!['’])", re.I)
SECTOR_TAIL = re.compile(
    r"\s*(?:and|or|while|whilst|with)?\s*(?:for|in|among)?\s*(?:the\s+)?(?:[‘'\"“][^’'\"”]{1,40}[’'\"”]\s+)?"
    r"(?:ones|those|others|the rest|it|the remaining|the remainder)\b",
    re.I,
)


def _not_a_figure(text: str, s: int, e: int, start: int, end: int, n_start: int, kind: str, m: _Hit) -> bool:
    """Numbers of the genre that are not tracked figures: page furniture, relative times, notice
    periods, sums of money, changes computed from two values, earlier years' baselines."""
    n_end = m.end("n")
    if MULTIPLIER_AFTER.match(text, n_end):
        return True  # "12 million", "£5m": money or a national total
    if re.match(r"\+|\s+(?:or|and)\s+(?:more|over|above|fewer|less|under|below)\b", text[n_end : n_end + 14], re.I):
        return True  # "1 or more recommendations", "3+ moves": a threshold, not a figure
    if (
        kind == "count"
        and YEAR_BEFORE.search(text, max(s, n_start - 12), n_start)
        and re.fullmatch(r"(?:19[5-9]|20[0-4])\d", m.group("n"))
    ):
        return True  # "In 2020 children in care ...": a year, not 2020 children
    if kind == "count":
        noun = (m.group("noun") or "").lower()
        if noun in NOUNS and NOUNS[noun] in ("days", "months", "other") and RELATIVE_AFTER.match(text, end):
            return True  # "six months ago", "six months after it was branded inadequate"
        if NOUNS.get(noun) == "days" and NOTICE_AFTER.match(text, end):
            return True  # "ten working days' notice"
        adj = (m.group("adj") or "").lower()
        if noun == "plans" and re.search(
            r"\b(?:action|improvement|development|business|delivery|recovery|"
            r"transformation|service|strategic)\b",
            adj,
        ):
            return True  # "two action plans": documents, not children on plans
        if noun == "officers" and not re.search(
            r"recruit|appoint|vacan|posts?\b|agency|caseload|employ|fte|social work", text[s:e], re.I
        ):
            return True  # "Two officers attended the meeting": the people in the room
        if re.match(r"(?:fewer|more|less)\b", m.group("adj") or "", re.I) and re.match(
            r"[^.;]{0,40}?\bthan\b", text[end:e], re.I
        ):
            return True  # "45 fewer agency workers than a year ago": a change, not a measure
    if kind == "%" and (CHANGE_BY_BEFORE.search(text, max(s, start - 80), start) or CHANGE_NOUN_AFTER.match(text, end)):
        return True  # "decreased by 18%", "a 1% decrease", "down 2.6%": a change computed from two values
    if (
        kind == "count"
        and (m.group("noun") or "").lower() == "visits"
        and re.search(r"ofsted|inspect|monitoring", text[max(s, start - 40) : min(e, end + 40)], re.I)
    ):
        return True  # "the fifth of six visits by Ofsted": the inspection framework, not a measure
    window = text[max(s, start - 90) : start]
    if "used to" in window and re.search(r"\bused to (?:be|have|hold|take)\b[^,;.]{0,40}$", window, re.I):
        return True  # "there used to be two teams of 10 social workers": an earlier state
    if ("when" in window or "aseline" in window) and BASELINE_BEFORE.search(window):
        return True  # "from 2016 when this rate was around 47%"
    if kind == "outof":
        if m.group("n").lower() == "one" or MEMBERSHIP.match(text, m.end()):
            return True  # "one of eight local authorities": membership, not a measure
        if (
            not m.group("n")[0].isdigit()
            and not PLAN_ITEMS.match(text, m.end())
            and not re.match(rf"\s*(?:{ADJ}\s+){{0,2}}?(?:{NOUN})\b", text[m.end() : e], re.I)
        ):
            return True  # "two of the four": words need a counted noun to be a measure
    return False


def _current(text: str, s: int, e: int, clause_start: int, start: int, m: _Hit) -> tuple[str | None, str]:
    """The unit and name of a bare current figure: "(72 from 88)" after "the number of X decreased by
    18%", or "these fell from 19.9 in 2018 to 13.4" after "the caseloads measure"."""
    sentence = text[s:e]
    # the nearest subject before the figure: its own clause first ("social workers rose from 345 to 368,
    # during which time average caseloads fell from 19.5 to 17")
    lead = text[s:start]
    subjects = list(re.finditer(rf"\b(?:caseloads?|(?:number|total)\s+of|{NOUN})\b", lead, re.I))
    said = subjects[-1] if subjects else None
    if said and re.match(r"caseload", said.group(0), re.I):
        return "cases", "caseloads"
    if (
        said
        and not re.match(r"(?:number|total)\b", said.group(0), re.I)
        and not re.search(r"\b(?:number|total)\s+of\s+[^,;]*$", lead[: said.start()], re.I)
        and NOUNS[said.group(0).lower()] in ("staff", "count", "cases")
    ):
        head = max(text.rfind(",", s, s + said.start()), text.rfind(";", s, s + said.start()), s - 1) + 1
        return NOUNS[said.group(0).lower()], clean(re.sub(r"^\W+", "", text[head : s + said.end()]))
    what = re.search(
        r"\b(?:number|total)\s+of\s+[a-z][^.;()%\d]{2,80}?(?=\s+(?:has\s+|had\s+|have\s+)?(?:increased|decreased|"
        r"rose|risen|fell|fallen|reduced|dropped|declined|grew|grown|improved|went|gone|was|were|is|are|"
        r"stood|remained|compared)\b)",
        sentence,
        re.I,
    )
    if re.search(r"\bcaseloads?\b", sentence, re.I):
        return "cases", "caseloads"
    if what:
        return "count", clean(what.group(0))
    return None, ""


BRACKETED_FIGURE = re.compile(r"\s*\(\s*\d[\d,.]*\s?(?:%|per ?cent)?(?:\s+[a-z]+){0,3}\s*\)", re.I)


def _clause(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    left = s
    for b in CLAUSE_BREAK.finditer(text, s, e):
        if b.end() > start:
            break
        left = b.end()
    right = e
    bracket = BRACKETED_FIGURE.match(text, end, e)
    if bracket:
        end = bracket.end()  # "63% (125) of all contacts": the bracketed count is the same figure
    b = CLAUSE_BREAK.search(text, end, e)
    if b:
        right = b.start()
    return left, right


PER_WORKER = re.compile(
    r"\s+(?:per|for each|to each)\s+(?:qualified\s+|full[- ]time\s+)?(?:social\s+)?(?:worker|practitioner|fte)\b", re.I
)


def _unit(kind: str, m: _Hit, text: str, clause_start: int, start: int) -> str | None:
    if kind == "%":
        return "%"
    if kind == "current":
        return "count"  # read from the sentence by _current
    if kind == "nounchange":
        return NOUNS[m.said.group("noun").lower()]
    if kind == "change":
        return "cases" if re.search(r"caseload|number of cases|cases held", m.group("what"), re.I) else "count"
    if kind == "caseload":
        return "cases"
    if kind in ("outof", "ofthe"):
        return "count"
    if kind in ("ratio", "fraction"):
        return "%"
    if kind == "rate":
        return "other"
    noun = m.group("noun").lower()
    adj = (m.group("adj") or "").lower()
    if adj and f"{adj} {noun}" in NOUNS:
        noun = f"{adj} {noun}"
    unit = NOUNS.get(noun)
    if (
        unit == "count"
        and noun in ("children", "cases", "families", "young people")
        and PER_WORKER.match(text, m.end("noun"))
    ):
        return "cases"  # "23.6 children per social worker" is a caseload
    if noun == "reports" and re.search(
        r"\b(?:had|with|manage[sd]?|managing|line[- ]manag\w*|supervis\w*)\b[^.]{0,25}$",
        text[clause_start - 60 if clause_start > 60 else 0 : start],
        re.I,
    ):
        unit = "staff"
    elif noun == "reports":
        return None
    return unit


LEAD_YEAR = re.compile(
    r"^(?:in|during|for|by|since|at the end of)\s+(?:(?:19|20)\d\d(?:\s*[/-]\s*\d\d(?:\d\d)?)?|"
    r"(?:the\s+)?(?:last|this|previous|current)\s+(?:year|quarter|month))\s*,?\s*",
    re.I,
)
TRAILING = re.compile(
    r"\s*\b(?:currently|now|still|only|approximately|around|about|had|has|have|was|were|is|are|that|of|which|"
    r"who|each|in total|overall|to|stood at|stands at|standing at|remained at|remains at|at|"
    r"(?:remained|remains|remain|was|were|is|are|had been|has been) (?:high|low|stable|static|steady|unchanged)|"
    r"accounted for|account for|accounting for|made up|make up|making up|represented|represent|comprised|"
    r"improved|increased|decreased|reduced|rose|risen|fell|fallen|dropped|declined|grown|grew|averaged)\s*$",
    re.I,
)


AIM_LEAD = re.compile(
    r"^(?:the\s+)?(?:[a-z]+\s+){0,3}?(?:aim(?:s|ed)?|intend(?:s|ed)?|plan(?:s|ned)?|want(?:s|ed)?|hope(?:s|d)?|"
    r"expect(?:s|ed)?|target(?:s|ed)?|goal (?:is|was)|ambition (?:is|was))\s+(?:is\s+|was\s+)?to\s+(?:reduce|"
    r"increase|improve|raise|lower|cut|bring down|bring|get|achieve|reach)\s+",
    re.I,
)
CHANGE_TAIL = re.compile(
    r"\s*\b(?:had\s+|has\s+|have\s+)?(?:fallen|risen|rose|fell|increased|decreased|reduced|improved|dropped|"
    r"declined|changed|moved|gone up|gone down|halved|doubled)\s+from\s+(?:an?\s+average\s+of\s+|around\s+|about\s+|"
    r"approximately\s+|over\s+)?[\d.,]+\s*(?:%|per ?cent)?(?:\s+(?:in|at|during)\s+(?:[A-Za-z]+\s+)?(?:19|"
    r"20)\d\d(?:/\d\d)?)?\s*(?:to)?\s*$",
    re.I,
)


# "Timeliness of assessments had dropped slightly, from 90% to 86%": the clause holds only the change;
# what changed is the clause before it, up to its verb.
FROM_ONLY = re.compile(r"^,?\s*from\s+[\d.,]+\s*(?:%|per ?cent)?\s*(?:to)?\s*$", re.I)
CHANGED_BEFORE = re.compile(
    r"(?P<what>[^.;:()\n]{3,160}?)\s*(?:,\s*)?\b(?:which|that)?\s*(?:had|has|have)?\s*(?:,[^,]{0,40},\s*)?"
    r"(?:only\s+|slightly\s+|significantly\s+|sharply\s+|further\s+)*(?:dropped|fallen|fell|risen|rose|"
    r"increased|decreased|reduced|improved|declined|gone\s+up|gone\s+down)(?:\s+(?:slightly|significantly|"
    r"sharply|further))?\s*,?\s*$",
    re.I,
)


def _changed_subject(text: str, clause_start: int) -> str | None:
    """What changed, for a clause that is only "from 90% to": the words before the verb of the clause before."""
    m = CHANGED_BEFORE.search(text, max(0, clause_start - 200), clause_start)
    if not m:
        return None
    what = re.sub(r"^.*\bthat\b\s*", "", clean(m.group("what")), flags=re.I)  # "The Director said that ..."
    words = re.sub(r"^.*\b(?:over|than|and|but|whilst|while|because|as)\s+", "", what, flags=re.I)
    words = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I).split()
    return " ".join(words[-5:]) or None


def _subject(text: str, clause_start: int, start: int) -> str:
    before = clean(text[clause_start:start])
    if FROM_ONLY.match(before):
        changed = _changed_subject(text, clause_start)
        if changed:
            return changed
    if re.match(r"(?:who|which|that)\b", before, re.I):
        previous = clean(text[max(0, clause_start - 60) : clause_start]).rstrip(" ,")
        words = re.sub(r"^.*\b(?:the|of|a|an|for)\s+", "", previous, flags=re.I).split()
        before = " ".join(words[-4:]) + " " + re.sub(r"^(?:who|which|that)\s+", "", before, flags=re.I)
    before = re.sub(r"^.*\bthat\b\s*", "", before, flags=re.I).lstrip("•·-–*▪● ")
    before = re.sub(r"^(?:\d+(?:\.\d+)+|\(?[a-z0-9]{1,3}[.)])\s+", "", before)  # "4.2 The report", "b. The take up"
    before = LEAD_YEAR.sub("", before)
    before = AIM_LEAD.sub("", before)
    before = CHANGE_TAIL.sub("", before)
    before = LEAD_FILLER.sub("", before)
    before = re.sub(r"^(?:of|for|in|on|the|a|an)\s+", "", before, flags=re.I)
    previous = None
    while previous != before:
        previous, before = before, TRAILING.sub("", before).strip()
    return before


def _name(text: str, subject: str, start: int, end: int, clause_end: int, m: _Hit, kind: str) -> str:
    after = re.sub(r"^\(\s*\d[^)]*\)\s*", "", clean(text[end:clause_end]))
    if kind == "caseload":
        return "average caseload" if "average" in text[max(0, start - 40) : end].lower() else "caseload"
    if kind == "change":
        return clean(m.group("what"))
    if kind == "rate":
        per = clean(text[m.start("d") : m.end()])
        return clean(f"{subject} per {per}") if subject else f"rate per {per}"
    if kind == "ofthe":
        rest = re.sub(r"^(?:now|currently|still)\s+", "", clean(m.group("rest")), flags=re.I)
        return clean(f"{m.group('what')} {rest}")[:200]
    if kind != "count":
        after = re.sub(r"^(?:of|for|in)\s+(?:the\s+)?", "", after, flags=re.I)
    if kind == "count":
        noun = clean(text[m.start("noun") : m.end("noun")])
        adj = m.group("adj") or ""
        after = clean(f"{adj} {noun} {after}")
    name = clean(f"{subject} {after}") if subject and subject.lower() not in after.lower() else after or subject
    for span in reversed(find_dates(name)):
        name = name[: span.start] + name[span.end :]
    name = re.sub(r"\s*\b(?:in\s+)?(?:Q[1-4]|quarter (?:one|two|three|four|[1-4]))\b", "", name)
    name = re.sub(r"\s+", " ", name).strip(" .,;:•·-–*")
    name = re.sub(r"\s+(?:in|on|at|by|as of|since|before|until)$", "", name).strip(" .,;:•·-–*")
    return name[:200]


TARGET_BEFORE = re.compile(
    r"\b(?:target|goal|aim|ambition|benchmark)(?:\s+(?:range|figure|level|rate))?\s+(?:of|is|was|to reach|"
    r"to achieve|:)\s+(?:[a-z]+\s+){0,2}$|\(\s*(?:target|goal)\s*:?\s*$",
    re.I,
)
BACK_REFERENCE = (
    r"(?:\s+(?:was|is|of))?\s+to\s+(?:reduce|increase|improve|bring|get|raise|lower|cut)\s+"
    r"(?:this|it|that|these|the (?:figure|number|rate|proportion|percentage))\s+(?:down\s+|up\s+)?to\s+"
)
TARGET_BACK_BEFORE = re.compile(rf"\b(?:target|goal|aim|ambition){BACK_REFERENCE}$", re.I)
TARGET_BACK = re.compile(rf"\b(?:target|goal|aim|ambition){BACK_REFERENCE}(?P<n>\d+(?:\.\d+)?)", re.I)
TARGET_OF = re.compile(
    r"\b(?:target|goal|aim|ambition|benchmark)(?:\s+(?:range|figure|level|rate))?\s+(?:of|is|was|to reach|"
    r"to achieve|:)\s+(?:[a-z]+\s+){0,2}?(?P<n>\d+(?:\.\d+)?)|\(\s*(?:target|goal)\s*:?\s*(?P<n2>\d+(?:\.\d+)?)"
    # "against the 85% target": the figure before the word
    r"|(?P<n3>\d+(?:\.\d+)?)\s?(?:%|per ?cent)?\s+target\b",
    re.I,
)


def _targets(text: str, s: int, e: int, items: list[MeasureItem]) -> None:
    """ "... against a target of 16": the target belongs to the measure before it."""
    for m in [*TARGET_OF.finditer(text, s, e), *TARGET_BACK.finditer(text, s, e)]:
        number = to_number(m.group("n") or m.group("n2") or m.group("n3"))
        if any(i.target == i.value == number for i in items):
            continue  # a goal stated on its own is its own measure
        earlier = [i for i in items if i.target is None]
        if earlier:
            earlier[-1].target = number
