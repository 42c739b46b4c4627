"""Role titles as identities: the same role written two ways is one key."""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .places import PLACES

_FILLER = re.compile(r"\b(?:the|of|for|and)\b|&")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")


@lru_cache(maxsize=4096)
def normalise_role(title: str) -> str:
    """'Director of Children’s Services' and 'director children's services' give one key."""
    text = unicodedata.normalize("NFKC", title or "").lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("'s", "s").replace("'", "")
    text = _NON_WORD.sub(" ", text)
    text = _FILLER.sub(" ", text)
    return " ".join(text.split())


# --- finding role titles in minutes -------------------------------------------------

QUALIFIERS = (
    "Interim|Acting|Deputy|Assistant|Strategic|Corporate|Executive|Senior|Principal|Chief|Group|Service|"
    "Operational|Lead|Joint|Divisional|Area|Team|Practice|Cabinet|Portfolio|Programme|Project|Designated|"
    "Independent|Statutory|Social|Finance|Business|Quality|Performance|Safeguarding|Commissioning|Workforce|"
    "Improvement|Children’s|Children's|Education|Virtual|School|Interim Director|Managing|Development|Parenting|"
    "Democratic|Participation|Engagement|City|Family|Partnership|Partnerships|Services|Care|Youth|Health|Learning|"
    "Assurance|Fostering|Adoption|Placements|Inclusion|Protection|Help|Early Help|Justice|Residential|Leaving Care|"
    "Scrutiny|Governance|Committee|Policy|Legal|Finance|Communications|Data|Contracts|Procurement|Housing"
)
HEADS_ALONE = (
    "Director|Manager|Head|Officer|Chief Executive|Commissioner|Adviser|Advisor|Superintendent|Inspector|Nurse|"
    "Doctor|Headteacher|Psychologist|Consultant|Solicitor|Chief Constable|Chair of the Safeguarding Partnership|"
    "Mayor|CEO|Chairman|Chairwoman|Chairperson|Chair"
)
HEADS_QUALIFIED = "Member|Lead|Worker|Holder|Leader|Partner|Coordinator|Co-ordinator"
CAP = r"(?:[A-Z][\w’'\-]*|[A-Z]{2,})"
CONNECT = r"(?:[ \t]+(?:and|&|of|for|in|the)[ \t]+|[ \t]+|[ \t]*&[ \t]*)"
CAPSEQ = rf"{CAP}(?:{CONNECT}{CAP})*"
DOMAIN = re.compile(
    r"\b(?:Safeguarding|Practice|Services?|Care|Children|Education|Quality|Assurance|Social|Early|Help|Families|"
    r"Commissioning|Performance|Improvement|Resources|Learning|Skills|Health|Youth|Partnerships?|Operations|"
    r"Provider|Parenting|Fostering|Adoption|Placements|Workforce|Inclusion|SEND|People|Schools|Protection|"
    r"Leaving|Leavers|Assessment|Intervention|Disabilities|Prevention|Support|Strategy|Transformation|"
    r"Door|Hub|Justice|Permanence|Locality|Localities|MASH|CAMHS|LADO|IRO|IROs|YOS|YOT|SEN|EHCP|Employment|Culture|"
    r"Wellbeing|Adults?|Aspiration|Economy)\b"
)
# "Cabinet Member with Responsibility (CMR) for Children and Families", "Lead Member with special
# responsibility for Children's Services": the portfolio is part of the title, its abbreviation too.
WITH_RESPONSIBILITY = (
    rf"[ \t]+with[ \t]+(?:[Ss]pecial[ \t]+)?[Rr]esponsibility(?:[ \t]*\([A-Z]{{2,8}}\))?[ \t]+for[ \t]+"
    rf"(?:the[ \t]+)?{CAPSEQ}"
)
ROLE = re.compile(
    rf"(?P<role>(?:(?:{QUALIFIERS})[ \t]+)*(?:(?<![\w’'])(?:{HEADS_ALONE})|(?<=[ \t])(?:{HEADS_QUALIFIED}))\b"
    rf"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{CAPSEQ}|{WITH_RESPONSIBILITY}|[ \t]+(?!and\b|of\b|for\b){CAPSEQ})?"
    rf"(?:(?:,|:|[ \t]+[-–—])[ \t]+(?P<tail>{CAPSEQ}(?:,[ \t]+{CAPSEQ}){{0,4}}))?)"
)
HONORIFIC = re.compile(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame|Lord|Lady)\b")
NOT_ROLE_WORDS = re.compile(
    r"\b(?:Board|Committee|Panel|Council|Team|Meeting|Report|Plan|Ofsted|Group|Update|Updates|"
    r"Briefing|Presentation|Statement|Feedback|Minutes|Agenda|Item|Annual)$"
)


@dataclass(frozen=True)
class RoleMention:
    start: int
    end: int
    title: str


def find_roles(text: str, start: int = 0, end: int | None = None) -> list[RoleMention]:
    """Role titles written in Title Case ("Strategic Manager, Safeguarding and Professional Practice")."""
    if start == 0 and (end is None or end == len(text)) and len(text) > 2000:
        return list(_all_roles_of(text))  # the whole text, read once for every caller
    return _find_roles(text, start, end)


@lru_cache(maxsize=4)
def _all_roles_of(text: str) -> tuple[RoleMention, ...]:
    return tuple(_find_roles(text, 0, None))


def _find_roles(text: str, start: int, end: int | None) -> list[RoleMention]:
    end = len(text) if end is None else end
    view = _case_view(text, start, end)
    out: list[RoleMention] = []
    for m, e in _role_matches(view, start, end):
        s = m.start("role")
        tail = m.group("tail")
        if tail and m.start("tail") < e:
            # the service after a comma or colon, part by part while each part names a service:
            # "Cabinet Member: Children, Young People, Education, Employment & Skills"
            keep = m.start("tail")
            for part in _TAIL_PART.finditer(view, m.start("tail"), min(e, m.end("tail"))):
                if HONORIFIC.match(part.group(0)) or not DOMAIN.search(part.group(0)):
                    break
                keep = part.end()
            if keep < min(e, m.end("tail")):
                e = keep
                while e > s and view[e - 1] in ",: -–—":
                    e -= 1
        title = _tidy_title(view[s:e])
        if not title:
            continue
        words = title.split()
        s = view.index(words[0], s)
        last = s
        for word in words:  # where the title's last word ends in the text, spaces inside it as written
            last = view.index(word, last) + len(word)
        e = _before_a_name(view, s, last)
        month = TRAILING_MONTH.search(view, s, e)
        if month:
            e = month.start()  # "the Director of Children’s Services in March": a date, not the title
        service = SERVICE_IN_BRACKETS.match(view, e)
        if service and e < end and DOMAIN.search(service.group(1)):
            e = service.end()  # "the Assistant Director (Safeguarding Services)": the service names the post
        title = view[s:e]
        words = title.split()
        if len(words) == 1:
            owner = POSSESSOR_BEFORE.search(view, max(start, s - 40), s)  # "the Trust’s CEO"
            if owner and words[0] in ("CEO", "Director", "Manager", "Commissioner", "Headteacher", "Head"):
                s = owner.start()
            elif words[0] not in ("Director", "Manager", "Commissioner", "Headteacher"):
                continue
        chair = CHAIR_HEAD.search(title)
        if chair and not re.search(r"\bof\b", title[chair.end() :]):
            continue  # "the Chairman" alone chairs the meeting; "Chairman of the Improvement Board" is a role
        if NOT_ROLE_WORDS.search(title) and not chair and not OF_A_BODY.search(title):
            continue
        if view.startswith(" people", e) and title.endswith("Young"):
            e += len(" people")  # "Children and Young people", copied as written
        if PORTFOLIO_HEAD.match(title):
            portfolio = PORTFOLIO_BEFORE.search(view, max(start, s - 60), s)
            if portfolio:
                at = portfolio.start()
                lead = re.match(r"(?:The|A|An|the)[ \t]+", view[at:s])
                at += lead.end() if lead else 0
                words = [w for w in view[at:s].replace("&", " ").replace(",", " ").split() if w != "and"]
                if words and all(
                    DOMAIN.fullmatch(w) or w in ("Young", "Families", "Children", "Adults", "Adult") for w in words
                ):
                    s = at  # "the Children and Families Portfolio Holder"
        lower = LOWER_QUALIFIER_BEFORE.search(view, max(start, s - 40), s)
        if lower:  # "the joint Director of Children’s Services", "an independent Director ..."
            s = lower.start()
        out.append(RoleMention(s, e, " ".join(view[s:e].split())))
    return out


HEAD_TOKEN = re.compile(rf"(?:{HEADS_ALONE}|{HEADS_QUALIFIED})\b")
QUALIFIER_BEFORE = re.compile(rf"(?<![\w’'])(?:{QUALIFIERS})[ \t]+$")
# "Director of Children’s Services, Service Development Manager and Interim Assistant Director":
# a list of roles, not one title - each title ends where the next one's words begin.
NEXT_ROLE = re.compile(
    rf"(?:[,;:]|[ \t]+(?:and|&)|[ \t]*&)[ \t]+(?:the[ \t]+)?(?:(?:{QUALIFIERS}|"
    rf"[A-Z][a-z]+)[ \t]+){{0,3}}(?:{HEADS_ALONE}|{HEADS_QUALIFIED})\b"
)
# "Leader of the Council", "Chief Executive of the Trust": a head, then the body it leads
OF_A_BODY = re.compile(
    rf"^(?:(?:{QUALIFIERS})[ \t]+)*(?:Leader|Chief Executive|Deputy Leader)[ \t]+of[ \t]+the[ \t]+(?:Council|"
    r"Board|Trust|Partnership)$"
)
PORTFOLIO_HEAD = re.compile(r"^(?:Portfolio Holder|Lead Member|Lead Councillor)\b")
PORTFOLIO_BEFORE = re.compile(r"(?<![\w’'])(?:[A-Z][a-z’']+(?:[ \t]+(?:and|&)[ \t]+|[ \t]+)){1,5}$")
TRAILING_MONTH = re.compile(
    r"[ \t]+(?:in|on|from|until|by)[ \t]+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday)$"
)
_TAIL_PART = re.compile(r"[^,]+")
SERVICE_IN_BRACKETS = re.compile(rf"[ \t]*\(({CAPSEQ})\)")
CHAIR_HEAD = re.compile(r"\bChair(?:man|woman|person)?\b")
POSSESSOR_BEFORE = re.compile(r"(?<![\w’'])[A-Z][a-z]+[’']s[ \t]+$")
LOWER_QUALIFIER_BEFORE = re.compile(r"(?<![\w’'])(?:interim|acting|joint|independent|temporary)[ \t]+$")


NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)?")
NOT_NAME = re.compile(
    rf"^(?:{QUALIFIERS}|{HEADS_ALONE}|{HEADS_QUALIFIED}|Council|Trust|Board|Partnership|Authority|Borough|"
    r"County|Services?|Centre|Unit|Team|Officers?|Finance|Resources|Legal|Public|Adult|Adults|Culture|"
    r"Economy|Housing|Planning|Communities|Community|Wellbeing|Aspiration|Lifelong|Innovation|Champion|"
    r"Democratic|Governance|Operations|Young|People|Children|Care|Social|Education|Learning|Skills|Health|"
    r"Financial|Recovery|Infrastructure|Transformation|Strategy|Policy|Customer|Digital|Corporate)$"
)


def _before_a_name(view: str, s: int, e: int) -> int:
    """ "CEO Nicola Clemo", "Director of Children’s Services Diane Booth": the title ends before
    the person's name that news copy writes straight after it."""
    words = view[s:e].split()
    if len(words) < 3 or view[e : e + 1] not in ("", " ", ",", ".", ":", ";", ")", "\n", "\t"):
        return e
    first, last = words[-2], words[-1]
    if words[-3] in ("and", "&", "of", "for", "the") and not view.startswith(",", e):
        return e  # "Head of Strategic Infrastructure and Financial Recovery": the title's own words
    if words[-3] in ("of", "for") and f"{first} {last}" in PLACES:
        return e  # "John Biggs, Mayor of Tower Hamlets, said": a council's place, not a person's name
    if HONORIFIC.match(first):
        cut = view.rfind(first, s, e)
    elif all(NAME_WORD.fullmatch(w) and not NOT_NAME.match(w) for w in (first, last)) and not DOMAIN.search(
        first + " " + last
    ):
        cut = view.rfind(first, s, e)
    else:
        return e
    if cut <= s or not view[s:cut].strip():
        return e
    while cut > s and view[cut - 1] in " \t,":
        cut -= 1
    connector = re.search(r"[ \t,]+(?:and|&|of|for|the)$", view[s:cut])
    return s + connector.start() if connector else cut


def _role_matches(view: str, start: int, end: int) -> Iterator[tuple[re.Match[str], int]]:
    """ROLE.finditer, but tried only where a head word occurs (after walking back over its
    qualifiers): the same matches, several times faster on prose with few titles. Yields the
    match and where its title ends (before the next title of a list)."""
    covered = start
    for head in HEAD_TOKEN.finditer(view, start, end):
        p = head.start()
        if p < covered:
            continue
        at = p
        while True:
            q = QUALIFIER_BEFORE.search(view, max(covered, at - 40), at)
            if not q:
                break
            at = q.start()
        limit = min(end, p + 240)  # no title runs longer: a bound that keeps long runs of capitals linear
        m = ROLE.match(view, at, limit)
        if m is None and at != p:
            m = ROLE.match(view, p, limit)
        if m is None or m.end() <= p:
            continue
        stop = m.end()
        nxt = NEXT_ROLE.search(view, head.end(), stop)
        if nxt:
            stop = nxt.start()
        covered = stop
        yield m, stop


def _tidy_title(title: str) -> str:
    title = " ".join(title.split()).strip(" ,;:")
    title = re.sub(r"^(?:The|A|An)\s+", "", title)
    return title


def _case_view(text: str, start: int, end: int) -> str:
    # small texts (a title, a cell) are not cached: they would push the document out of the cache
    return _case_view_of(text) if len(text) > 2000 else _case_view_of.__wrapped__(text)


@lru_cache(maxsize=8)
def _case_view_of(text: str) -> str:
    """The text with ALL-CAPS lines title-cased (same length), so headings are read like prose."""
    pieces = []
    for line in text.split("\n"):
        if len(line) > 8 and line.upper() == line and sum(c.isalpha() for c in line) > 8:
            line = re.sub(r"[A-Za-z’']+", _cap_word, line)
        pieces.append(line)
    return "\n".join(pieces)


def _cap_word(m: re.Match[str]) -> str:
    word = m.group(0).lower()
    if word in ("of", "and", "for", "the", "in", "to", "a", "an", "on", "from"):
        return word
    return word[:1].upper() + word[1:]


def same_role(a: str, b: str) -> bool:
    """One is the other, or a shorter form of it ("Interim Strategic Director" of "... of Children's Services")."""
    ka, kb = normalise_role(a).split(), normalise_role(b).split()
    if not ka or not kb:
        return False
    short, long = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return long[: len(short)] == short


# --- titles written in lower case, as news copy writes them ---------------------------

_LC_QUALIFIER = (
    r"interim|acting|joint|independent|deputy|assistant|executive|corporate|strategic|senior|principal|chief|"
    r"group|service|operational|divisional|area|cabinet|portfolio|lead|temporary"
)
_LC_HEAD = (
    r"director|manager|head|officer|member|lead|commissioner|chief executive|leader|chair(?:man|woman|person)?|mayor"
)
_LC_DOMAIN = (
    r"children(?:[’']s)?|young|people|famil(?:y|ies)|education|skills|operations|social|care|services?|"
    r"safeguarding|learning|health|adults?|schools?|early|help|quality|assurance|improvement|performance|"
    r"commissioning|inclusion|send|youth|wellbeing|partnerships?|resources|practice|protection|fostering|"
    r"adoption|justice|strategy|transformation|parenting|public|community|communities|disabilities|leavers"
)
ANY_CASE_ROLE = re.compile(
    rf"(?<![\w’'])(?:(?:(?:{_LC_QUALIFIER})[ \t]+){{0,3}}(?:{_LC_HEAD})[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
    rf"|(?:(?:{_LC_QUALIFIER})[ \t]+){{1,3}}(?:{_LC_HEAD})[ \t]+)"
    rf"(?:{_LC_DOMAIN})(?:(?:[ \t]+(?:and|&)[ \t]+|,[ \t]+|[ \t]+)(?:{_LC_DOMAIN})){{0,6}}(?![\w’'])"
    rf"(?-i:[ \t]+at[ \t]+(?:the[ \t]+)?[A-Z][\w’'&-]*(?:[ \t]+[A-Z][\w’'&-]*){{0,4}})?",
    re.I,
)


_LC_HEAD_TOKEN = re.compile(rf"(?<![a-z’'])(?:{_LC_HEAD})(?![a-z])")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)?[ \t]+[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)?\b")
_LC_QUALIFIER_WORDS = frozenset(_LC_QUALIFIER.split("|"))
_OF_FOR = re.compile(r"[ \t]+(?:of|for)[ \t]")
_LC_QUALIFIER_BEFORE = re.compile(rf"(?<![a-z’'])(?:{_LC_QUALIFIER})[ \t]+$")


def find_roles_any_case(text: str, start: int = 0, end: int | None = None) -> list[RoleMention]:
    """Titles in any case ("corporate director for children’s services", "director of operations
    at Birmingham Children’s Trust"), for the places where a title is certainly a title: beside a
    person's name or before a speech verb. Copied as written."""
    if start == 0 and (end is None or end == len(text)) and len(text) > 2000:
        return list(_all_any_case_of(text))
    return _find_roles_any_case(text, start, end)


@lru_cache(maxsize=4)
def _all_any_case_of(text: str) -> tuple[RoleMention, ...]:
    return tuple(_find_roles_any_case(text, 0, None))


def _find_roles_any_case(text: str, start: int, end: int | None) -> list[RoleMention]:
    end = len(text) if end is None else end
    low = lowered(text)
    out: list[RoleMention] = []
    covered = start
    for head in _LC_HEAD_TOKEN.finditer(low, start, end):  # tried only where a head word is
        if head.start() < covered:
            continue
        at = head.start()
        for _ in range(3):
            floor = max(covered, at - 30)
            space = low.rfind(" ", floor, at - 1)
            if low[max(space + 1, floor) : at].strip() not in _LC_QUALIFIER_WORDS:
                break  # a quick look at the word before, then the exact check
            q = _LC_QUALIFIER_BEFORE.search(low, max(covered, at - 30), at)
            if not q:
                break
            at = q.start()
        if at == head.start() and not _OF_FOR.match(low, head.end()):
            continue  # a head alone, with neither a qualifier before it nor "of/for" after it
        m = ANY_CASE_ROLE.match(text, at, end)
        if m is None and at != head.start():
            m = ANY_CASE_ROLE.match(text, head.start(), end)
        if m is None:
            if at != head.start() and _NAME_AFTER.match(text, head.end()):
                # "Cabinet member Kirstie Hurst-Knight told a meeting": the bare title before a name
                out.append(RoleMention(at, head.end(), " ".join(text[at : head.end()].split())))
                covered = head.end()
            continue
        s, e = m.start(), m.end()
        covered = e
        while e > s and text[e - 1] in " ,":
            e -= 1
        e = _before_a_name(text, s, e)
        out.append(RoleMention(s, e, " ".join(text[s:e].split())))
    return out


def lowered(text: str) -> str:
    """text.lower() with the same length (a character whose lower case is longer is kept), read
    once per text for every rule that scans the lowered text."""
    return _lowered(text) if len(text) > 2000 else _lower_same_length(text)


_lowered_cache = lru_cache(maxsize=4)


@_lowered_cache
def _lowered(text: str) -> str:
    return _lower_same_length(text)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
