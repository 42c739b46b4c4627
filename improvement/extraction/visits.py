"""Visits: inspections, focused and monitoring visits (with ordinals), JTAIs, thematic
studies and peer reviews, with dates, focus and judgements. A passing mention ("Ofsted
inspectors", "the inspection framework") is not a visit: it needs an anchor - a date, a
judgement, a focus, or words saying it happened or will happen."""

from __future__ import annotations

import re
from bisect import bisect_left

from .dates import MONTHS, find_dates
from .model import Visit
from .numbers import ORDINAL, ordinal_value
from .text import clean, sentences

KIND_PATTERNS = [
    ("jtai", r"joint targeted area inspections?|\bJTAIs?\b"),
    ("monitoring_visit", r"monitoring visits?"),
    ("focused_visit", r"focused visits?|focussed visits?"),
    ("thematic_study", r"thematic (?:study|studies|inspection|review|visit)"),
    ("peer_review", r"(?:LGA |sector[- ]led |regional )?peer (?:review|challenge|assessment)s?"),
    ("inspection", r"\bILACS?\b|inspection of local authority children'?’?s services|"
                   r"(?:Ofsted|full|standard|short|SEND|area SEND|children'?’?s services|the|an|last|recent|previous|next|(?:19|20)\d\d) inspection\b"),
]
KIND = re.compile("|".join(f"(?P<{k}>{p})" for k, p in KIND_PATTERNS), re.I)
ANCHOR = re.compile(
    r"\b(?:took place|takes place|take place|taking place|taken place|undertook|undertaken|carried out|conducted|visited|"
    r"came in|was held|were held|due to|would be|will be|is expected|expected|scheduled|planned|next|recent|"
    r"recently|last|latest|previous|judged|rated|graded|found|focus|focused|focussed|published|letter|"
    r"outcome|findings|report|anticipated|due)\b"
    r"|\bin\s+(?:(?:early|late|mid|the\s+(?:spring|summer|autumn|winter)\s+of|spring|summer|autumn|winter)[- ]+)?(?:19|20)\d\d\b",
    re.I,
)
# "the inspection framework / regime": the kind word names a system, not a visit.
VAGUE_AFTER = re.compile(r"\s*(?:framework|regime|readiness|handbook|methodology|process|arrangements|system|criteria|"
                         r"grades?|frameworks)\b", re.I)
VAGUE_BEFORE = re.compile(r"\b(?:preparation for|prepare for|preparing for|ready for|readiness for|any|future|"
                          r"every|each|all)\s+(?:an?\s+|the\s+)?(?:Ofsted\s+)?$", re.I)
FOCUS = re.compile(
    r"\b(?:(?:focus(?:ed|sed|ing|sing)?|concentrat(?:e|ed|ing))\s+(?:on|upon)|look(?:ed|ing|s)?\s+at|examin(?:ed|ing)|"
    r"review(?:ed|ing)|consider(?:ed|ing))\s+(?P<focus>.+?)(?=[.;]|,\s*(?:and|but|which|where)\b|$)",
    re.I,
)
OF_FOCUS = re.compile(r"\b(?:study|visit|inspection|review|JTAI)\)?\s+(?:of|into)\s+(?:the\s+)?(?:council'?’?s\s+|our\s+)?(?P<focus>[^.,;]+?)(?=\s+(?:and|in|on|which|that|was|were|is|had|has|took|would|will)\b|[.,;]|$)", re.I)
GRADE = r"(?:['‘“\"][ \t]*)?(?P<grade>inadequate|requires? improvement(?: to be good)?|good|outstanding)"
OVERALL_GRADE = re.compile(
    rf"\boverall effectiveness\b[^.;]{{0,80}}?\b(?:was|were|is|been|be)?\s*(?:judged|rated|graded|found|assessed)?\s*"
    rf"(?:to be\s+|as\s+)?{GRADE}|\b(?:judged|rated|graded)\s+(?:to be\s+|as\s+)?{GRADE.replace('?P<grade>', '?P<grade2>')}\s+overall\b",
    re.I,
)
JUDGED = re.compile(
    rf"(?P<subject>[^.;]{{0,120}}?)\b(?:was|were|is|are|been|be)?\s*(?:judged|rated|graded|found|assessed)\s+(?:to be\s+|as\s+)?{GRADE}",
    re.I,
)
OVERALL = re.compile(r"\boverall\b|\b(?:council|authority|service|services)\b", re.I)
AREA = re.compile(
    r"\b(?:children in care|looked after|care leavers|help and protection|leaders|leadership|management|"
    r"experiences|progress|impact|front door|early help|adoption|fostering|children in need)\b",
    re.I,
)
ACTIVE_AREA = re.compile(
    rf"\b(?:judged|rated|graded|found)\s+(?!to\b|as\b|that\b|be\b|{GRADE.replace('?P<grade>', '?:')})(?P<subject>[^.;]{{3,120}}?)\s+(?:to be|as|to)\s+{GRADE}", re.I
)
PRIORITY = re.compile(r"\bareas? (?:for|of) priority action\b", re.I)
ACTIVE = re.compile(rf"\b(?:judged|rated|graded|found)\s+(?:the\s+)?(?:council|authority|services?|children'?’?s services)\s+(?:to be\s+|as\s+)?{GRADE}", re.I)
PLANNED = re.compile(r"\b(?:would|will|is due|are due|is expected|is anticipated|planned|scheduled|next|forthcoming|upcoming)\b", re.I)
NOT_VISIT_DATE = re.compile(r"\b(?:published|publication|report(?:ed)? on|letter dated|issued|received|deadline|by)\s+(?:on\s+)?$", re.I)
ORD = re.compile(rf"\b(?P<ord>{ORDINAL})\s+(?:Ofsted\s+)?monitoring visit", re.I)


BARE_MONTH = re.compile(
    r"\b(?:in|during|on|since|from|of|for|early|late|mid)[ -]+(?:(?:early|late|mid)[ -]+)?(?P<m>January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\b(?![ \t]*,?[ \t]*\d)",
    re.I,
)
CHILDRENS_SERVICES = re.compile(r"children'?’?s services")


def find_visits(text: str, *, year_hint: int | None, meeting_date: str | None = None) -> list[Visit]:
    """Visits in the text; dates without a year take year_hint; the meeting's own date is never a visit date."""
    visits: list[Visit] = []
    whole = text.lower()
    about_ofsted = "ofsted" in whole or "ilac" in whole or bool(CHILDRENS_SERVICES.search(whole))
    if len(whole) != len(text):
        whole = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)  # keep offsets exact
    kind_at = [m.start() for m in KIND_WORD.finditer(whole)]
    last, last_end = None, -1  # the visit the latest visit sentence was about, for follow-up sentences
    judge_at = [m.start() for m in JUDGE_WORD.finditer(whole)]
    for s, e in sentences(text):
        has_kind = _any_between(kind_at, s, e)
        if not has_kind and not _any_between(judge_at, s, e):
            continue
        sentence = text[s:e]
        kinds = [m for m in KIND.finditer(sentence) if _names_a_visit(m, sentence, about_ofsted)] if has_kind else []
        if not kinds:
            if not _any_between(judge_at, s, e):
                continue
            if not visits and about_ofsted:
                overall = OVERALL_GRADE.search(sentence) or AUTHORITY_JUDGED.search(sentence) or ACTIVE.search(sentence)
                if overall:  # "Overall effectiveness was judged to be inadequate": the inspection itself
                    judgement, areas = _judgements(sentence)
                    start, end = _sentence_dates(text, s, e, year_hint, meeting_date)
                    visits.append(Visit(quote=sentence, quote_start=s, quote_end=e, kind="inspection", start=start, end=end,
                                        judgement=judgement or _grade(overall.groupdict().get("grade") or overall.group("grade2")), area_judgements=areas))
                    last, last_end = visits[-1], e
                    continue
            if last is not None and s - last_end < 600:
                if JUDGED.search(sentence) or ACTIVE_AREA.search(sentence):
                    judgement, areas = _judgements(sentence)
                    last.judgement = last.judgement or judgement
                    last.area_judgements.update(areas)
                if _priority(sentence):
                    last.priority_action = True
            continue
        for m in kinds:
            visit = _visit(text, s, e, m.lastgroup, m, year_hint, meeting_date)
            if visit is None:
                continue
            counted = COUNTED.search(sentence, max(0, m.start() - 30), m.start()) if m.group(0).lower().endswith("s") else None
            if counted and visit.kind == "monitoring_visit" and visit.ordinal is None:
                visit.ordinal = _count(counted.group(0))  # the latest of four monitoring visits is the fourth
            last, last_end = _merge_or_add(visits, visit), e
        earlier = _since_inspection(text, s, e, kinds, year_hint, meeting_date) if kinds else None
        if earlier is not None:
            _merge_or_add(visits, earlier)
    return visits


def _since_inspection(text, s, e, kinds, year_hint, meeting_date) -> Visit | None:
    """"... since the local authority was judged inadequate in March 2021": that inspection."""
    since = SINCE.search(text, s + kinds[0].end(), e)
    if not since:
        return None
    clause = text[since.start():e]
    graded = AUTHORITY_JUDGED.search(clause) or ACTIVE.search(clause) or OVERALL_GRADE.search(clause)
    if not graded:
        return None
    groups = graded.groupdict()
    grade = groups.get("grade") or groups.get("grade2")
    start, end = _sentence_dates(text, since.start(), e, year_hint, meeting_date)
    return Visit(quote=text[s:e], quote_start=s, quote_end=e, kind="inspection", start=start, end=end,
                 judgement=_grade(grade) if grade else None)


def _names_a_visit(m: re.Match, sentence: str, about_ofsted: bool) -> bool:
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


SINCE = re.compile(r"\bsince\s+(?:the|it|its|this|that|a|an|[A-Z])", re.I)


def _visit(text, s, e, kind, m, year_hint, meeting_date=None) -> Visit | None:
    # "the fifth monitoring visit since the local authority was judged inadequate in March 2021":
    # what follows "since" is an earlier event, not this visit.
    since = SINCE.search(text, s + m.end(), e)
    if since:
        e = since.start()
    sentence = text[s:e]
    date_span = None
    for span in find_dates(text, s, e):
        if NOT_VISIT_DATE.search(text[max(s, span.start - 30):span.start]):
            continue
        if meeting_date and span.last is None and span.iso(year_hint) == meeting_date:
            continue  # "at today's meeting on 12 March": the meeting, not the visit
        if span.start < s + m.start() - 120:
            continue
        date_span = span
        break
    focus = None
    f = FOCUS.search(sentence, m.end() - 1) or FOCUS.search(sentence)
    if f:
        focus = re.sub(r"^(?:the|a|an)\s+", "", clean(f.group("focus")), flags=re.I)
    elif kind in ("thematic_study", "peer_review", "jtai"):
        o = OF_FOCUS.search(sentence, m.start())
        if o:
            focus = clean(o.group("focus"))
    judgement, areas = _judgements(sentence)
    ordinal = None
    o = ORD.search(sentence)
    if kind == "monitoring_visit" and o:
        ordinal = ordinal_value(o.group("ord"))
    anchored = date_span or focus or judgement or areas or ordinal or ANCHOR.search(sentence)
    if not anchored:
        return None
    start = end = None
    if date_span:
        year = year_hint if date_span.first[0] else _year_for(date_span.first[1], sentence, year_hint, meeting_date)
        start = date_span.iso(year)
        end = date_span.iso(year, "last") if date_span.last else None
        if end == start:
            end = None
    elif year_hint:
        bare = BARE_MONTH.search(sentence)  # "in March": the meeting's year, never a guess
        if bare and not NOT_VISIT_DATE.search(sentence[max(0, bare.start() - 30):bare.start()]):
            month = MONTHS[bare.group("m").lower()]
            start = f"{_year_for(month, sentence, year_hint, meeting_date):04d}-{month:02d}"
    return Visit(quote=sentence, quote_start=s, quote_end=e, kind=kind, start=start, end=end, focus=focus,
                 judgement=judgement, ordinal=ordinal, planned=bool(PLANNED.search(sentence)),
                 area_judgements=areas, priority_action=_priority(sentence))


SURELY_PAST = re.compile(
    r"\b(?:took place|had taken place|has taken place|was carried out|were carried out|had been carried out|"
    r"was undertaken|had been undertaken|was conducted|happened|visited|last|recent|recently|previous)\b", re.I)
SURELY_FUTURE = re.compile(
    r"\b(?:will take place|will be carried out|is scheduled|was scheduled to take place|is planned|is due|is expected|"
    r"next|forthcoming|upcoming)\b", re.I)


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
    return {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}.get(token)


COUNTED = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|regular|quarterly|further)"
                     r"\s+(?:more\s+|further\s+|Ofsted\s+)?$", re.I)
AUTHORITY_JUDGED = re.compile(
    rf"\b(?:the\s+)?(?:local\s+authority|council|authority|children'?’?s\s+services)\s+(?:was|were|had\s+been|has\s+been)\s+"
    rf"(?:judged|rated|graded)\s+(?:to\s+be\s+|as\s+)?{GRADE.replace('?P<grade>', '?P<grade2>')}", re.I)


def _sentence_dates(text, s, e, year_hint, meeting_date) -> tuple[str | None, str | None]:
    """The dates of a visit named only by its judgement: "judged inadequate in March 2022"."""
    for span in find_dates(text, s, e):
        if NOT_VISIT_DATE.search(text[max(s, span.start - 30):span.start]):
            continue
        if meeting_date and span.iso(year_hint) == meeting_date:
            continue
        if span.first[0] is None:
            continue  # only a date with its year: the sentence has no visit to take the tense from
        start = span.iso(year_hint)
        end = span.iso(year_hint, "last") if span.last else None
        return start, (end if end != start else None)
    return None, None


NEGATED = re.compile(r"\b(?:no|not|nor|without|any)\b[^.;]{0,40}$", re.I)


def _priority(sentence: str) -> bool:
    """Areas for priority action were found - not "no areas for priority action"."""
    m = PRIORITY.search(sentence)
    return bool(m) and not NEGATED.search(sentence, 0, m.start())


KIND_WORD = re.compile(r"visit|inspection|ilac|jtai|thematic|peer")
JUDGE_WORD = re.compile(r"judged|rated|graded|found|assessed|priority action")


def _any_between(offsets: list[int], s: int, e: int) -> bool:
    i = bisect_left(offsets, s)
    return i < len(offsets) and offsets[i] < e


_KIND_WORDS = ("visit", "inspection", "ilac", "jtai", "thematic", "peer")
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
                inner = ACTIVE_AREA.search(part) or re.search(rf"(?P<subject>[^,]{{3,120}}?)\s+(?:to be|as|to)\s+{GRADE}", part, re.I)
                if inner:
                    area = clean(re.sub(r"^(?:the|judged|rated|graded|found)\s+", "", inner.group("subject"), flags=re.I))
                    area = re.sub(r"^(?:the)\s+", "", area, flags=re.I)
                    areas[area[:120]] = _grade(inner.group("grade"))
            rest = re.match(rf",?\s*and\s+(?:the\s+)?(?P<subject>[^,;.]{{3,80}}?)\s+(?:to be|as)\s+{GRADE}", sentence[m.end():], re.I)
            if rest:
                areas[clean(rest.group("subject"))[:120]] = _grade(rest.group("grade"))
    for j in JUDGED.finditer(sentence):
        grade = _grade(j.group("grade"))
        # The grammatical subject is the last clause: "... since the inspection in June 2019, when services"
        subject = re.split(r",|;|\b(?:when|where|which|that|while|whilst|but)\b", j.group("subject"), flags=re.I)[-1]
        if not subject.strip():
            subject = j.group("subject")
        if not AREA.search(subject) and (OVERALL.search(subject) or re.search(r"\b(?:visit|inspection)\b", subject, re.I)):
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


def _merge_or_add(visits: list[Visit], new: Visit) -> Visit:
    for old in visits:
        if old.kind != new.kind:
            continue
        if old.ordinal and new.ordinal and old.ordinal != new.ordinal:
            continue
        if old.start and new.start and old.start[:7] != new.start[:7]:
            continue
        if (old.planned != new.planned) and old.start and new.start:
            continue
        old.priority_action = old.priority_action or new.priority_action
        for name in ("start", "end", "focus", "judgement", "ordinal"):
            if getattr(old, name) is None and getattr(new, name) is not None:
                setattr(old, name, getattr(new, name))
        old.area_judgements.update(new.area_judgements)
        if new.start and not old.start:
            old.quote, old.quote_start, old.quote_end = new.quote, new.quote_start, new.quote_end
        return old
    visits.append(new)
    return new
