"""Role titles as identities: the same role written two ways is one key."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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
    "Improvement|Children’s|Children's|Education|Virtual|School|Interim Director|Managing"
)
HEADS_ALONE = (
    "Director|Manager|Head|Officer|Chief Executive|Commissioner|Adviser|Advisor|Superintendent|Inspector|Nurse|"
    "Doctor|Headteacher|Psychologist|Consultant|Solicitor|Chief Constable|Chair of the Safeguarding Partnership"
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
    r"Door|Hub|Justice|Permanence|Locality|Localities|MASH|CAMHS|LADO|IRO|IROs|YOS|YOT|SEN|EHCP)\b"
)
ROLE = re.compile(
    rf"(?P<role>(?:(?:{QUALIFIERS})[ \t]+)*(?:(?<![\w’'])(?:{HEADS_ALONE})|(?<=[ \t])(?:{HEADS_QUALIFIED}))\b"
    rf"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{CAPSEQ}|[ \t]+(?!and\b|of\b|for\b){CAPSEQ})?"
    rf"(?:(?:,|[ \t]+[-–—])[ \t]+(?P<tail>{CAPSEQ}))?)"
)
HONORIFIC = re.compile(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame|Lord|Lady)\b")
NOT_ROLE_WORDS = re.compile(r"\b(?:Board|Committee|Panel|Council|Team|Meeting|Report|Plan|Ofsted|Group)$")


@dataclass
class RoleMention:
    start: int
    end: int
    title: str


def find_roles(text: str, start: int = 0, end: int | None = None) -> list[RoleMention]:
    """Role titles written in Title Case ("Strategic Manager, Safeguarding and Professional Practice")."""
    end = len(text) if end is None else end
    view = _case_view(text, start, end)
    out: list[RoleMention] = []
    for m in _role_matches(view, start, end):
        s, e = m.start("role"), m.end("role")
        tail = m.group("tail")
        if tail:
            if HONORIFIC.match(tail) or not DOMAIN.search(tail):
                e = m.start("tail")
                while e > s and view[e - 1] in ", -–—":
                    e -= 1
        title = _tidy_title(view[s:e])
        if not title:
            continue
        words = title.split()
        head_only = len(words) == 1
        if head_only and words[0] not in ("Director", "Manager", "Commissioner", "Headteacher"):
            continue
        if NOT_ROLE_WORDS.search(title):
            continue
        s = view.index(title.split()[0], s)
        out.append(RoleMention(s, s + len(title), title))
    return out


HEAD_TOKEN = re.compile(rf"(?:{HEADS_ALONE}|{HEADS_QUALIFIED})\b")
QUALIFIER_BEFORE = re.compile(rf"(?<![\w’'])(?:{QUALIFIERS})[ \t]+$")


def _role_matches(view: str, start: int, end: int):
    """ROLE.finditer, but tried only where a head word occurs (after walking back over its
    qualifiers): the same matches, several times faster on prose with few titles."""
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
        m = ROLE.match(view, at, end)
        if m is None and at != p:
            m = ROLE.match(view, p, end)
        if m is None or m.end() <= p:
            continue
        covered = m.end()
        yield m


def _tidy_title(title: str) -> str:
    title = " ".join(title.split()).strip(" ,;:")
    title = re.sub(r"^(?:The|A|An)\s+", "", title)
    return title


def _case_view(text: str, start: int, end: int) -> str:
    return _case_view_of(text)


@lru_cache(maxsize=8)
def _case_view_of(text: str) -> str:
    """The text with ALL-CAPS lines title-cased (same length), so headings are read like prose."""
    pieces = []
    for line in text.split("\n"):
        if len(line) > 8 and line.upper() == line and sum(c.isalpha() for c in line) > 8:
            line = re.sub(r"[A-Za-z’']+", _cap_word, line)
        pieces.append(line)
    return "\n".join(pieces)


def _cap_word(m: re.Match) -> str:
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
