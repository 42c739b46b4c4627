"""Overall Ofsted judgements as the genre writes them, told apart from area grades.

The overall judgement is the one for the service as a whole: "judged the council to be
'Good' overall", "the overall judgement ... was that the service required improvement",
"retained its 'Good' rating", "services have remained outstanding", "Ofsted downgraded the
service to 'Requires Improvement'", "with a judgement of 'Requires Improvement to be Good'".
An area grade ("Adoption performance: Good", "rated leadership ... as good", "outstanding
for the experiences and progress of children in care") is not; nor is an older grade
("a step up from 'inadequate'", "no longer 'inadequate'") or an older scale ("adequate").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

Q = r"[‘'“\"]?[ \t]*"
QE = r"[ \t]*[’'”\"]?"
GRADE = (
    r"(?P<grade>(?-i:RI)(?=[’'”\"\s.,;)]|$)|inadequate|requires?[ \t]+improvement(?:[ \t]+to[ \t]+be[ \t]+good)?|"
    r"required[ \t]+improvement(?:[ \t]+to[ \t]+be[ \t]+good)?|"
    r"requiring[ \t]+improvement(?:[ \t]+to[ \t]+be[ \t]+good)?|good|outstanding)\b"
)
VERB = r"(?:judged|rated|graded|found|assessed|classed|classified|branded|deemed|declared|considered)"
# Whatever is graded as a whole: the council, the authority, its (children's) services.
WHOLE = (
    r"(?:(?:local\s+)?authority|council|services?(?:\s+for\s+children(?:\s+and\s+young\s+people)?)?|"
    r"children['’]?s\s+(?:social\s+)?(?:care|services)(?:\s+services)?|social\s+care|department|trust)"
)

OVERALL_NOUN = re.compile(
    r"\boverall\s+(?:judgements?|judgments?|verdict|grade|rating|effectiveness|outcome|finding|result)\b|\boverall,",
    re.I,
)
PATTERNS = [
    # "the outcome of the inspection judgement as 'Inadequate'", "the inspection rating was 'Good'"
    re.compile(
        rf"\binspection\s+(?:judgements?|judgments?|outcome|rating|grade)\s+(?:as|of|was|is)\s+{Q}{GRADE}", re.I
    ),
    # "judged the Council's services for children as 'good'", "judged the council to be 'Good' overall"
    re.compile(
        rf"\b{VERB}\s+(?:the\s+)?(?:overall\s+)?(?:[A-Z][\w'’-]*\s+){{0,3}}(?:(?:council|authority)['’]s\s+)?{WHOLE}"
        # "judged overall services in Coventry as 'requires improvement to be good'"
        rf"(?:\s+in\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})?\s+"
        rf"(?:to\s+be\s+|as\s+|to\s+)?{Q}{GRADE}",
        re.I,
    ),
    # "Ofsted downgraded the service to 'Requires Improvement'", "Ofsted rated the council as good overall"
    re.compile(
        rf"\b(?:downgraded|upgraded|moved|rated|judged|graded|rating|judging|telling|told)\s+(?:the\s+|its\s+|their\s+)?"
        rf"(?:[A-Z][\w'’-]*\s+){{0,3}}(?:{WHOLE}|it|them)\s+(?:that\s+)?(?:it\s+)?(?:was\s+)?"
        rf"(?:to\s+be\s+|as\s+|to\s+)?{Q}{GRADE}",
        re.I,
    ),
    # "the service required improvement", "children's services were rated 'inadequate' by Ofsted",
    # "services for children have remained outstanding", "has been judged inadequate since 2016"
    re.compile(
        rf"\b{WHOLE}\s+(?:(?:was|were|is|are|has|have|had|been|now|still|overall|continues\s+to\s+be|"
        rf"continue\s+to\s+be|remains?|remained|previously|already|again|also|initially|originally|first|"
        rf"subsequently|once)\s+){{0,3}}(?:{VERB}\s+)?(?:overall\s+)?(?:to\s+be\s+|as\s+)?"
        rf"{Q}{GRADE}",
        re.I,
    ),
    # "Children's services in the borough were judged Outstanding by Ofsted"
    re.compile(
        rf"\b{WHOLE}\b(?:(?!\b(?:which|that|who|whose)\b)[^.;,]){{0,40}}?\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+{VERB}\s+"
        rf"(?:to\s+be\s+|as\s+)?{Q}{GRADE}",
        re.I,
    ),
    # "the council moved from 'requires improvement' to 'good'", "helps the council rise to 'good'"
    re.compile(
        rf"\b{WHOLE}\s+(?:has\s+|have\s+|had\s+)?(?:moved|rose|risen|rise|improved|progressed|gone|went)\s+"
        rf"(?:up\s+)?(?:from\s+{Q}[a-z ]{{4,40}}?{QE}\s+)?to\s+{Q}{GRADE}",
        re.I,
    ),
    # "Northby was deemed to 'require improvement to be good'": the place named as the council
    re.compile(
        rf"(?-i:\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+(?:was|were|has\s+been|had\s+been)\s+{VERB}\s+"
        rf"(?:to\s+be\s+|as\s+|to\s+)?[‘'“\"][ \t]*{GRADE}",
        re.I,
    ),
    # "The resultant Ofsted judgement from that inspection was one of 'Requires Improvement'"
    re.compile(
        rf"\b(?:judgements?|judgments?|grade|rating)\b(?:(?!\b(?:areas?|for|which|that\s+(?:the|some|a))\b)[^.;]){{0,50}}?"
        rf"\b(?:was|is)\s+(?:one\s+of\s+|that\s+of\s+)?{Q}{GRADE}(?!{QE}\s+(?:news|progress|work))",
        re.I,
    ),
    # "Ofsted commended the council, rated inadequate in 2018, for ..."
    re.compile(rf"\b{WHOLE}\s*,\s+(?:previously\s+|then\s+)?(?:rated|judged|graded)\s+(?:as\s+)?{Q}{GRADE}", re.I),
    # "it was branded 'inadequate' by Ofsted inspectors"
    re.compile(
        rf"\b(?:it|they)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+{VERB}\s+(?:as\s+|to\s+be\s+)?{Q}{GRADE}"
        rf"{QE}\s+by\s+(?:Ofsted|OFSTED|inspectors)",
        re.I,
    ),
    # "with a judgement of 'Requires Improvement to be Good'", "the outcome was 'Requires Improvement'"
    re.compile(
        rf"\b(?:judgements?|judgments?|outcome|rating|grade|verdict)\s+(?:of|was|is|was\s+that)\s+{Q}{GRADE}", re.I
    ),
    # "the recent Ofsted Inspection which was judged to 'Require Improvement'"
    re.compile(
        rf"\b(?:inspection|re-?inspection)\s+(?:which|that)\s+(?:was|were|had\s+been)\s+{VERB}\s+"
        rf"(?:to\s+be\s+|as\s+|to\s+)?{Q}{GRADE}",
        re.I,
    ),
    # "The recent Ofsted inspection, in March 2024, was judged to 'Require Improvement'"
    re.compile(
        rf"\b(?:inspection|re-?inspection)\b[^.;]{{0,40}}?\b(?:was|were|had\s+been)\s+{VERB}\s+"
        rf"(?:to\s+be\s+|as\s+|to\s+)?{Q}{GRADE}",
        re.I,
    ),
    # "retained its 'Good' rating", "to maintain an outstanding judgement"
    re.compile(
        rf"\b(?:retain(?:ed|s)?|maintain(?:ed|s)?|kept|keeps|keep)\s+(?:its|their|an?|the)\s+{Q}{GRADE}{QE}\s+"
        r"(?:judgements?|judgments?|rating|grade|status)\b",
        re.I,
    ),
    # "The local authority received 'Good' in all areas"
    re.compile(
        rf"\b(?:received|achieved|awarded|secured|was\s+given)\s+(?:an?\s+|the\s+)?{Q}{GRADE}{QE}\s+"
        r"(?:judgements?|judgments?|rating|grade|in\s+all\s+areas|across\s+all\s+areas|overall)\b",
        re.I,
    ),
    # "judged to be good overall", "rated as Outstanding overall", "services remains inadequate" after "overall,"
    re.compile(rf"\b{VERB}\s+(?:to\s+be\s+|as\s+)?{Q}{GRADE}{QE}\s+overall\b", re.I),
    # "Northby Council's 'inadequate' Ofsted rating"
    re.compile(
        rf"\b(?:council|authority)['’]s\s+{Q}{GRADE}{QE}\s+(?:Ofsted\s+)?(?:rating|judgement|judgment|grade)\b", re.I
    ),
    # "outstanding in their overall effectiveness"
    re.compile(rf"{Q}{GRADE}{QE}\s+(?:in|for)\s+(?:its|their|the)\s+overall\s+effectiveness\b", re.I),
]
GRADE_ONLY = re.compile(rf"{Q}{GRADE}", re.I)
AREA = re.compile(
    r"\b(?:children\s+in\s+care|looked\s+after|care\s+leavers|help\s+and\s+protection|leaders|leadership|management|"
    r"governance|experiences|progress|impact|front\s+door|early\s+help|adoption|fostering|children\s+in\s+need|"
    r"areas?|provision|practice|categories|partnership|schools?)\b",
    re.I,
)
PROVIDER = re.compile(
    r"\b(?:schools?|academy|academies|nurser(?:y|ies)|colleges?|homes?|childminders?|settings?|"
    r"providers?)\b",
    re.I,
)
UP_FROM = re.compile(
    rf"\b(?:up|down|improved|improving|rising|risen|moved|moving)\s+from\s+{Q}{GRADE}{QE}"
    r"(?=\s+(?:in|at)\s+(?:(?:its|the|their)\s+)?(?:(?:last|previous)\s+)?(?:inspection\s+in\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:19|20)\d\d\b)",
    re.I,
)
# "the ambition is for the service to be good", "to become outstanding": a goal, not a judgement
ASPIRATION = re.compile(
    r"\b(?:aims?|ambitions?|aspir\w*|strives?|striving|wants?|goals?|targets?|journey|towards|ensure|"
    r"become|becoming|getting|get|move|moving|achieve|achieving|working|hopes?|hoping|intends?|"
    r"would\s+be|will\s+be|could\s+be|to\s+meet|to\s+reach)\b[^.;]{0,45}$",
    re.I,
)
OLDER = re.compile(r"(?:\bfrom|\bno\s+longer|\bnot|\bnever|\brise\s+from)\s+(?:being\s+)?(?:[‘'“\"]\s*)?$", re.I)
FOR_AREA = re.compile(
    r"[ \t]*[’'”\"]?\s+(?:for|in)\s+(?:the\s+)?(?:experiences|impact|help|leadership|leaders|management|"
    r"care\s+leavers|children|young\s+people|adoption|fostering|early\s+help|front\s+door|areas?|"
    r"some|one|two|three|four|several|a\s+number|most|many|practice|domains?)\b",  # "in the domains of ..."
    re.I,
)
CLAUSE_START = re.compile(r"[,;:(–—]|\b(?:but|while|whilst|and|with|although|though|where|when|which)\b", re.I)


@dataclass
class Judgement:
    grade: str
    start: int  # where the grade word starts (absolute offset)
    end: int
    verb: str  # the words that carry it, for callers that need "remained" or "previously"
    older: bool = False  # "up from 'Requires Improvement' in 2018": an earlier inspection's grade


def grade_of(word: str) -> str:
    word = word.lower()
    if word.startswith("requir") or word == "ri":
        return "requires_improvement"
    return word


def overall_judgements(text: str, s: int, e: int) -> list[Judgement]:
    """Every overall judgement in text[s:e], in order, without area grades or older grades."""
    sentence = text[s:e]
    found: dict[int, Judgement] = {}
    for pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            g0 = m.start("grade")
            if g0 in found or not _is_overall(sentence, m, g0):
                continue
            found[g0] = Judgement(grade_of(m.group("grade")), s + g0, s + m.end("grade"), m.group(0))
    for m in OVERALL_NOUN.finditer(sentence):  # "the overall judgement ... was that X 'Requires Improvement'"
        g = GRADE_ONLY.search(sentence, m.end(), min(len(sentence), m.end() + 160))
        if not g or g.start("grade") in found:
            continue
        if OLDER.search(sentence, max(0, g.start() - 20), g.start()) or FOR_AREA.match(sentence, g.end("grade")):
            continue
        between = sentence[m.end() : g.start()]
        if re.search(r"[;.]|\b(?:areas?|for\s+(?:the\s+)?(?:children|care|leaders|help))\b", between, re.I):
            continue
        found[g.start("grade")] = Judgement(
            grade_of(g.group("grade")), s + g.start("grade"), s + g.end("grade"), m.group(0)
        )
    for m in UP_FROM.finditer(sentence):  # "rated 'Good', up from 'Requires Improvement' in 2018"
        if m.start("grade") not in found:
            found[m.start("grade")] = Judgement(
                grade_of(m.group("grade")), s + m.start("grade"), s + m.end("grade"), m.group(0), older=True
            )
    return [found[k] for k in sorted(found)]


def _is_overall(sentence: str, m: re.Match[str], g0: int) -> bool:
    if OLDER.search(sentence, max(0, g0 - 20), g0) or ASPIRATION.search(sentence, max(0, g0 - 60), g0):
        return False
    if FOR_AREA.match(sentence, m.end("grade")) and not re.search(r"overall", m.group(0), re.I):
        return False  # "outstanding for the experiences and progress of children in care"
    if re.search(r"\boverall\b", sentence[m.end("grade") : m.end("grade") + 12], re.I):
        return True
    # the subject: from the start of the clause to the grade
    clause_from = 0
    for c in CLAUSE_START.finditer(sentence, 0, m.start()):
        clause_from = c.end()
    subject = sentence[max(clause_from, m.start() - 20) : g0]  # "care leavers services were judged good"
    if AREA.search(subject) and not re.search(r"\b(?:council|authority)\b", subject, re.I):
        return False
    if PROVIDER.search(subject):
        return False  # "the council's children's home was rated good": a provider, not the council
    return True


def area_key_for(words: str, keys: Iterable[str]) -> str | None:
    """The framework area an area's words name ("children in care were judged good"), given its area keys.

    Keys are the seeded ones: leaders, help_and_protection, in_care, care_leavers, and the
    2018 in_care_and_care_leavers. None when the words name no area the framework grades."""
    keys = set(keys)
    text = " ".join(words.lower().replace("\u2019", "'").split())

    def first(*candidates: str) -> str | None:
        return next((k for k in candidates if k in keys), None)

    if re.search(r"\blead(?:er|ers|ership)\b|\bmanagement\b", text):
        return first("leaders")
    if "help and protection" in text or "need help" in text:
        return first("help_and_protection")
    in_care = bool(re.search(r"\b(?:in care|looked after)\b", text))
    if "care leaver" in text:
        return first("in_care_and_care_leavers") if in_care else first("care_leavers", "in_care_and_care_leavers")
    if in_care:
        return first("in_care", "in_care_and_care_leavers")
    return None


GRADED_KINDS = ("ilacs_standard", "ilacs_short", "inspection")


def kind_family(kind: str) -> str:
    """Kinds that name one inspection: a standard or short ILACS is also "an inspection" in minutes."""
    return "ilacs" if kind in GRADED_KINDS else kind


@dataclass(frozen=True)
class FrameworkPeriod:
    """A framework's dates as plain data: does an inspection starting in them get an overall grade?"""

    starts_on: date
    ends_on: date | None
    has_overall_grade: bool
    kinds: tuple[str, ...] = GRADED_KINDS

    def covers(self, kind: str, on: date) -> bool:
        return kind in self.kinds and self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)


# Mirrors the seeded frameworks, for callers with no database to hand.
DEFAULT_PERIODS = (
    FrameworkPeriod(date(2018, 1, 1), date(2022, 12, 31), True),
    FrameworkPeriod(date(2023, 1, 1), date(2026, 3, 31), True),
    FrameworkPeriod(date(2026, 4, 1), None, False),
)


def overall_grade_given(kind: str, start: date | None, periods: Sequence[FrameworkPeriod] = DEFAULT_PERIODS) -> bool:
    """Whether an inspection of this kind starting on this date can have an overall grade.

    Only graded kinds can; an undated one or one before every framework keeps what it says."""
    if kind not in {k for p in periods for k in p.kinds}:
        return False
    if start is None:
        return True
    period = next((p for p in periods if p.covers(kind, start)), None)
    return period is None or period.has_overall_grade
