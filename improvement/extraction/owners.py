"""Owners: roles named as responsible or reporting - speakers, presenters, report authors, the
role a question is put to, ACTION lines - not councillors asking questions, the Chair, Ofsted,
bodies (Cabinet, the Board) or people only listed as attending.

A title is read in any case where the grammar says it is one ("Karen Bradshaw, director of
children's services, said"); a list of presenters gives one owner each; a person named with a
speech or presentation verb stands for the role the text gives them elsewhere, and only where it
gives none for the name itself."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from .model import OwnerItem
from .roles import HONORIFIC, NOT_NAME, RoleMention, find_roles, find_roles_any_case, lowered, normalise_role, same_role

SPEECH_VERBS = (
    "said|says|confirmed|explained|advised|stated|reported|introduced|replied|added|commented|noted|highlighted|"
    "stressed|responded|informed|outlined|presented|agreed|undertook|acknowledged|recognised|recognized|referred|"
    "mentioned|emphasised|emphasized|clarified|assured|gave|provided|updated|reiterated|indicated|felt|considered|"
    "welcomed|assured|answered|accepted|expressed|described|set out|told|shared|summarised|summarized|would|will|"
    "agreed|undertook|offered|circulated|suggested|proposed|thanked|drew|spoke|discussed|submitted|submits|presents|"
    "introduces|reports|explains|confirms|continues to|continued to|took responsibility|takes responsibility|"
    "is responsible|was responsible|leads|led|chairs|chaired|drives|drove|wrote|writes|briefed|tabled|delivered|"
    "talked|answered|addressed|assured|promised|pledged|made[ \t]+a[ \t]+presentation|reminded|pointed[ \t]+out|"
    "read[ \t]+out|placed[ \t]+on[ \t]+record|alluded|drew[ \t]+attention|opened[ \t]+the[ \t]+discussion|"
    "(?:attended|attends)[ \t]+(?:the[ \t]+meeting[ \t]+)?to[ \t]+(?:feed[ \t]*back|present|update|inform|report|"
    "brief|introduce|answer|respond|give|discuss|provide|outline|explain)|(?:was|were)[ \t]+in[ \t]+attendance[ \t]+"
    "to[ \t]+(?:feed[ \t]*back|present|update|inform|report|brief|introduce|answer|respond|give)|"
    # "... and the Service Manager had been invited to the meeting to provide an update"
    "(?:had[ \t]+been|have[ \t]+been|has[ \t]+been|was|were)[ \t]+invited[ \t]+"
    "(?:to[ \t]+(?:the|this)[ \t]+meeting[ \t]+)?to[ \t]+"
    "(?:provide|present|give|update|introduce|report|speak|outline|explain|discuss|answer|respond)"
)
ADVERB = r"(?:had|has|also|then|further|subsequently|briefly|formally|later|again|jointly|both|in[ \t]+response)[ \t]+"
# had/has with a past participle: "Alice Vickers, Corporate Parenting Officer had made numerous attempts"
PERFECT = (
    r"(?:had|has|have)[ \t]+(?!been\b)(?:[a-z]+ed|made|taken|given|written|sent|led|met|done|begun|brought|set|"
    r"spoken|told|shown|sought|undertaken)\b"
)
NAME = r"[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)?"
PERSON = rf"(?:(?:Councillor|Cllr|Coun|Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame)\.?[ \t]+)?{NAME}(?:[ \t]+{NAME}){{1,2}}"
AFTER_SPEAKER = re.compile(
    rf"^(?:,[^,.;:\n]{{1,160}},|\),?|,|,?[ \t]+(?-i:{PERSON})[ \t]*(?=[ \t][a-z])|"
    rf",[ \t]*(?:the[ \t]+)?(?-i:{PERSON}),?)?[ \t]*(?:\([^)\n]{{1,60}}\)[ \t]*)?(?:{ADVERB}){{0,2}}"
    rf"(?:{SPEECH_VERBS}|{PERFECT})\b|^,?[ \t]*(?:said|says)[ \t]*:",
    re.I,
)
BEFORE_AUTHOR = re.compile(
    r"(?:report|reports|presentation|update|paper|briefing(?:[ \t]+note)?|submission)[ \t]+(?:of|by|from)[ \t]+"
    r"(?:the[ \t]+)?$|"
    r"(?:question|questions)\b[^\n.;,]{0,80}\bto[ \t]+(?:the[ \t]+)?$|response[ \t]+(?:of|from|"
    r"by)[ \t]+(?:the[ \t]+)?$|\b(?:presented|introduced|submitted|prepared|written|given|led|chaired|headed|"
    r"delivered|sent|drafted|produced|circulated|compiled|authored|"
    r"signed)(?:[ \t]+to[ \t]+(?:the[ \t]+)?[A-Za-z]+)?[ \t]+by[ \t]+(?:the[ \t]+|an?[ \t]+)?$|\b(?:presented|"
    r"introduced|submitted|prepared|written|given|"
    r"led)[ \t]+by[ \t]+[A-Z][a-z’'-]+(?:[ \t]+[A-Z][a-z’'-]+){0,3}[ \t]*(?:\(|,)[ \t]*(?:the[ \t]+)?$|"
    r"\b(?:authority|responsibility)[ \t]+(?:be|is|was|being)[ \t]+delegated[ \t]+to[ \t]+(?:the[ \t]+)?$|\b(?:said|"
    r"says|added|explained|commented)[ \t]+(?:the[ \t]+)?$"
    rf"|\b(?:said|says|added|explained|commented)[ \t]+{PERSON},[ \t]+(?:the[ \t]+)?$"
    r"|(?m:^)[ \t]*(?:lead|responsible|accountable)[ \t]+(?:officer|director|manager)s?[ \t]*:[ \t]*$"
    r"|(?m:^)[ \t]*report[ \t]+author[ \t]*:[ \t]*$"
    # "A verbal update ... was received from Dawn Smith, Director of ...", "a presentation from Sam Jones, Head of ..."
    rf"|\b(?:report|presentation|update|paper|briefing|submission)\b[^.;\n]{{0,120}}?\b(?:from|by)[ \t]+"
    rf"(?-i:{PERSON}),[ \t]+(?:the[ \t]+)?$",
    re.I,
)
ACTION_LINE = re.compile(
    r"^[ \t]*[*_#]*[ \t]*(?:AC(?:TION|TOIN|ITON|TON|TIO)S?|Actions?)(?:[ \t]+(?:by|point|owner|"
    r"for))?[*_]*\s*[:\-–][*_]*[ \t]*(?P<who>[^\n]+)$",
    re.M | re.I,
)
# "... further work was needed. ACTION - Mr Wooster to advise ...": an ACTION written in capitals
# after a full stop, its text running to the end of that sentence.
ACTION_INLINE = re.compile(
    r"AC(?:TION|TOIN|ITON)S?(?:[ \t]+(?:by|point|owner|for))?(?:\*\*)?[ \t]*[:\-–—][ \t]*"
    r"(?P<who>[^\n]{3,300}?)(?=\.(?:[ \t]|$)|\n|$)"
)
_INLINE_MARKER = re.compile(r"AC(?:TION|TOIN|ITON)")
_AFTER_A_STOP = re.compile(r"[.;!?)][ \t]+(?:\*\*)?$")
_ACTION_WORD = re.compile(r"ac(?:tion|toin|iton|ton|tio)")


def action_lines(text: str) -> Iterator[re.Match[str]]:
    """ACTION_LINE matches, found from the word itself (a quick literal scan of the lowered text),
    and ACTION in capitals in mid-paragraph."""
    low = lowered(text)
    found = []
    done = -1
    for hit in _ACTION_WORD.finditer(low):
        line_start = text.rfind("\n", 0, hit.start()) + 1
        if line_start <= done or text[line_start : hit.start()].strip(" \t*_#"):
            continue
        m = ACTION_LINE.match(text, line_start)
        if m:
            done = line_start
            found.append(m)
    if "AC" in text:
        starts = {f.start("who") for f in found}
        for marker in _INLINE_MARKER.finditer(text):
            m = ACTION_INLINE.match(text, marker.start())
            if (
                m
                and _AFTER_A_STOP.search(text, max(0, marker.start() - 8), marker.start())
                and m.start("who") not in starts
            ):
                found.append(m)
        found.sort(key=lambda m: m.start())
    yield from found


# A role named inside someone else's question is not answering for anything:
# "Councillor Jones asked whether the Director would ...".
ASKED_BEFORE = re.compile(
    r"\b(?:asked|queried|questioned|enquired|inquired|wondered|sought|requested|invited|urged|thanked|"
    r"congratulated|welcomed|praised|commended|consultation with|consulting)\b[^.;:\n]*$",
    re.I,
)
ASKED_AFTER = re.compile(
    r"^[ \t]*(?:asked|queried|questioned|enquired|inquired|wondered|sought|requested|was thanked|were thanked|sent)\b",
    re.I,
)
INSPECTOR = re.compile(
    r"^(?:HM\s+|Her Majesty'?’?s\s+|His Majesty'?’?s\s+)?Inspectors?\b|^(?:Senior|Lead|Social Care|"
    r"Regulatory)\s+Inspector",
    re.I,
)
LIST_JOIN = re.compile(r"^(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*(?:[,;]|[,;]?[ \t]+and|[ \t]*&)[ \t]+(?:the[ \t]+)?$")
# "Councillor Cheryl Barnard, Portfolio Holder for ..., Catherine Underwood, Corporate Director for People, and Sam
# Morris, Head of ..., attended the meeting": the next person of a list of names, each with their title.
NAMED_LIST_JOIN = re.compile(rf"^,[ \t]+(?:and[ \t]+)?(?:{PERSON}),[ \t]+(?:the[ \t]+)?$")
PERSON_BEFORE = re.compile(rf"(?<![\w’']){PERSON},[ \t]+(?:the[ \t]+)?(?:[A-Za-z]+[’']s[ \t]+)?$")
PERSON_BRACKET_BEFORE = re.compile(rf"(?<![\w’'])(?P<person>{PERSON})[ \t]*\([ \t]*(?:the[ \t]+)?$")
PERSON_AFTER = re.compile(rf"^(?:,[ \t]*|[ \t]+)(?:the[ \t]+)?(?P<person>{PERSON})(?![\w’'])")
# "invited Councillor Paffey, the Cabinet Member for ..., and Hillary Brooks, ..., to address the panel"
INVITED = re.compile(
    r"invited[ \t]+(?P<who>[^.;:\n]{3,300}?)[ \t]+to[ \t]+(?:address|present|introduce|provide|give|update|speak|"
    r"comment|report|respond|outline|explain|set out|take|lead|talk)\b",
    re.I,
)
PLURAL_ROLE = re.compile(r"\b(?P<head>(?:[A-Z][a-z]+[ \t]+)?(?:Members|Directors|Managers|Leads|Heads|Officers))\b")
ATTENDING = re.compile(
    r"\b(?:in attendance|also present|were present|attendees|apologies)\b|^[ \t]*present\b", re.I | re.M
)


def responsible_mentions(text: str) -> list[RoleMention]:
    mentions = _all_roles(text)
    out = []
    by_person = _people_with_roles(text, mentions)
    groups = _list_groups(text, mentions)
    firsts = _group_firsts(groups)
    for i, mention in enumerate(mentions):
        before = text[max(0, mention.start - 90) : mention.start]
        if _inspectorate_or_national(text, mention, before):
            continue  # the inspectorate and national office holders are not owners of the plan
        if (
            i
            and before.endswith("(")
            and text.startswith(")", mention.end)
            and mentions[i - 1].end >= mention.start - 3
        ):
            continue  # "the Portfolio Holder for Children Services (Lead Member)": one person, one owner
        last = mentions[groups[i]]  # a list of presenters shares the verb after its last title
        after = text[last.end : last.end + 200]
        first_before = text[max(0, mentions[firsts[i]].start - 90) : mentions[firsts[i]].start]
        if AFTER_SPEAKER.match(after) and not ASKED_BEFORE.search(first_before) and not _asked_after(text, last.end):
            out.append(mention)
        elif _before_author(before) or (first_before != before and _before_author(first_before)):
            out.append(mention)
        elif _apposition_acts(text, mention) or _alone_on_a_header_line(text, mention) or _caption(text, mention):
            out.append(mention)
    out.extend(_invited(text, mentions))
    out.extend(_people_speaking(text, by_person))
    for m in action_lines(text):
        for mention in find_roles(text, m.start("who"), m.end("who")):
            out.append(mention)
    return sorted(out, key=lambda r: r.start)


OFSTED_BEFORE = re.compile(r"\b(?:Ofsted|OFSTED)(?:[’']s)?(?:[ \t]+[A-Z][a-z]+){0,2}[ \t]*$")
OFSTED_AFTER = re.compile(r"^[ \t]+(?:for|at|of|from)[ \t]+(?:the[ \t]+)?Ofsted\b", re.I)
OFSTED_IN_TITLE = re.compile(r"\b(?:for|at|of|from)[ \t]+(?:the[ \t]+)?Ofsted\b", re.I)
# Officers of the committee's own process ("Scrutiny Manager", "Governance Manager", "Committee
# Officer") report on the meeting's business, not on the plan.
PROCESS_OFFICER = re.compile(r"^(?:Senior[ \t]+|Principal[ \t]+|Lead[ \t]+)?(?:Scrutiny|Governance|Committee)\b")
NATIONAL = re.compile(r"\b(?:for|of)[ \t]+(?:England|Wales|Scotland)\b|\bEngland[’']s\b")


def _inspectorate_or_national(text: str, mention: RoleMention, before: str) -> bool:
    """Ofsted's own people ("Ofsted’s National Director for Social Care", "the Regional Director for
    Ofsted", HMI), national office holders ("Children’s Commissioner for England") and the officers
    of the committee's own process."""
    return bool(
        INSPECTOR.match(mention.title)
        or PROCESS_OFFICER.search(mention.title)
        or OFSTED_BEFORE.search(before[-40:])
        or OFSTED_AFTER.match(text, mention.end, mention.end + 30)
        or OFSTED_IN_TITLE.search(mention.title)  # "national director for social care at Ofsted"
        or NATIONAL.search(mention.title)
    )


AUTHOR_HINTS = (
    "report",
    "presentation",
    "update",
    "paper",
    "briefing",
    "submission",
    "question",
    "response",
    " by",
    "delegated",
    "said",
    "says",
    "added",
    "explained",
    "commented",
    ":",
)


def _before_author(before: str) -> bool:
    low = before.lower()
    return any(hint in low for hint in AUTHOR_HINTS) and bool(BEFORE_AUTHOR.search(before))


def _all_roles(text: str) -> list[RoleMention]:
    """Title-case titles, and titles in any case where none was found."""
    mentions = find_roles(text)
    starts = [m.start for m in mentions]
    dropped: set[int] = set()
    extra = []
    for r in find_roles_any_case(text):
        i = bisect_left(starts, r.start)
        if i > 0 and mentions[i - 1].end > r.start:
            i -= 1
        overlapping = []
        while i < len(mentions) and mentions[i].start < r.end:
            if mentions[i].end > r.start:
                overlapping.append(i)
            i += 1
        if all(
            r.start <= mentions[j].start and mentions[j].end <= r.end and len(mentions[j].title) < len(r.title)
            for j in overlapping
        ):
            # "Director of children’s services Diane Booth": the title in full, not "Director"
            dropped.update(overlapping)
            extra.append(r)
    kept = [m for j, m in enumerate(mentions) if j not in dropped]
    return sorted([*kept, *extra], key=lambda r: r.start)


def _list_groups(text: str, mentions: list[RoleMention]) -> list[int]:
    """For each title, the index of the last title of the list it belongs to ("A, B and C presented")."""
    last = list(range(len(mentions)))
    for i in range(len(mentions) - 2, -1, -1):
        gap = text[mentions[i].end : mentions[i + 1].start]
        if LIST_JOIN.match(gap) or NAMED_LIST_JOIN.match(gap):
            last[i] = last[i + 1]
    return last


def _group_firsts(groups: list[int]) -> list[int]:
    """For each title, the index of the first title of its list."""
    firsts = []
    for i, last in enumerate(groups):
        firsts.append(firsts[i - 1] if i and groups[i - 1] == last else i)
    return firsts


def _asked_after(text: str, end: int) -> bool:
    return bool(ASKED_AFTER.match(re.sub(r"^,[^,.;:\n]{1,160},", "", text[end : end + 200])))


def _line_of(text: str, offset: int) -> tuple[int, int]:
    """The line around offset, looked for at most 2,000 characters either way (a very long line is
    cut there: the rules that read lines want short ones)."""
    floor = max(0, offset - 2000)
    s = text.rfind("\n", floor, offset) + 1 or floor
    e = text.find("\n", offset, offset + 2000)
    return s, min(len(text), offset + 2000) if e < 0 else e


def _listed_as_attending(text: str, offset: int) -> bool:
    """A line of an attendance list: a bullet, or a line under "In attendance" / "Present"."""
    s, e = _line_of(text, offset)
    line = text[s : min(e, s + 20)].strip()
    if line[:1] in "•·-–*o" and (len(line) < 2 or line[1] in " \t\u00a0") or line.startswith("Ø"):
        return True
    return bool(ATTENDING.search(text, max(0, s - 400), s))


def _apposition_acts(text: str, mention: RoleMention) -> bool:
    """ "Cllr Waller, Executive Member for Children, ..." opening a sentence; "Director of
    children’s services Diane Booth, who ..."; "corporate director ... Cathi Hadley": a title set
    beside a person's name in running prose names the person acting, not someone attending."""
    before = text[max(0, mention.start - 60) : mention.start]
    person_before = PERSON_BEFORE.search(before)
    if person_before:
        lead = text[
            max(0, mention.start - len(before) + person_before.start() - 3) : mention.start
            - len(before)
            + person_before.start()
        ]
        opens = not lead.strip() or lead.rstrip()[-1:] in ".!?:\n" or lead.endswith("\n")
        rest = text[mention.end : mention.end + 80]
        if (
            opens
            and rest.startswith(",")
            and not ASKED_AFTER.match(rest[1:])
            and not _listed_as_attending(text, mention.start)
        ):
            tail = rest[1:].strip()
            return not tail or tail[:1].islower() or tail[:1] in "“\"‘'"
        return False
    person_after = PERSON_AFTER.match(text[mention.end : mention.end + 60])
    if person_after and not text[mention.end : mention.end + 1] == ",":
        person = person_after.group("person")
        if NOT_NAME.match(person.split()[-1]) or re.search(r"\b(?:Council|Trust|Board|Ofsted)\b", person):
            return False
        if ASKED_BEFORE.search(text[max(0, mention.start - 90) : mention.start]) or _listed_as_attending(
            text, mention.start
        ):
            return False
        return True
    return False


REPORT_HEADER = re.compile(
    r"^[ \t]*(?:report[ \t]+(?:to|of|by|from)|date[ \t]+of[ \t]+meeting|lead[ \t]+officer|"
    r"report[ \t]+author|author|by|from|cabinet[ \t]+member|portfolio)[ \t]*:?[ \t]*$",
    re.I | re.M,
)


def _alone_on_a_header_line(text: str, mention: RoleMention) -> bool:
    """A report's header: a line holding only the author's title (its "Report by:" label lost)."""
    if mention.start > 1500 or not REPORT_HEADER.search(text, max(0, mention.start - 600), mention.start):
        return False
    s, e = _line_of(text, mention.start)
    if e - s > 300:
        return False
    label = re.sub(
        r"^(?:report\s+(?:of|by|from)|by|from|author|lead officer)\s*:?\s*",
        "",
        text[s : mention.start].strip(),
        flags=re.I,
    )
    if label or text[mention.end : e].strip(" \t:"):
        return False
    neighbours = [
        text[a:b].strip() for a, b in (_line_of(text, max(0, s - 2)), _line_of(text, min(len(text) - 1, e + 1)))
    ]
    return not any("," in n and len(n) < 120 for n in neighbours) and not _listed_as_attending(text, mention.start)


def _caption(text: str, mention: RoleMention) -> bool:
    """A photo caption in news copy: a line of its own, "Councillor Katy Cole, <Council>'s Cabinet
    Member for Children's Services." - the name, the title and a full stop."""
    s, e = _line_of(text, mention.start)
    if e - s > 300 or text[mention.end : e].strip() != ".":
        return False
    lead = text[s : mention.start].strip()
    m = re.fullmatch(
        rf"{PERSON},[ \t]+(?:the[ \t]+)?(?:[A-Z][\w’'&-]*[ \t]+){{0,4}}?(?:[A-Z][\w&-]*[’']s[ \t]*)?", lead + " "
    )
    if not m or not HONORIFIC.match(lead):
        return False
    return not _listed_as_attending(text, mention.start)


def _each(pattern: re.Pattern[str], text: str, word: str) -> Iterator[re.Match[str]]:
    """pattern.match at each place the word occurs (a literal scan, quicker than finditer)."""
    at = text.find(word)
    while at >= 0:
        m = pattern.match(text, at)
        if m:
            yield m
        at = text.find(word, at + 1)


def _invited(text: str, mentions: list[RoleMention]) -> list[RoleMention]:
    """ "The Chair invited the lead Executive Members and the Director ... to provide introductory
    comments": the titles invited to present are owners; a plural title ("Executive Members")
    stands for each title of that kind the text names."""
    out = []
    starts = [r.start for r in mentions]
    for m in _each(INVITED, text, "invited"):
        i = bisect_left(starts, m.start("who"))
        inside = []
        while i < len(mentions) and mentions[i].start < m.end("who"):
            if mentions[i].end <= m.end("who"):
                inside.append(mentions[i])
            i += 1
        for r in inside:
            # "the lead Executive Member": the attendance list says which one, in full
            fuller = [o for o in mentions if o.title.startswith(r.title + " ")] if len(r.title.split()) <= 3 else []
            out.extend(fuller or [r])
        for plural in PLURAL_ROLE.finditer(text, m.start("who"), m.end("who")):
            if any(r.start <= plural.start() < r.end for r in inside):
                continue
            singular = plural.group("head")[:-1]
            taken = {id(r) for r in out}
            out.extend(r for r in mentions if r.title.startswith(singular) and id(r) not in taken)
    return out


SPEAKING_VERB = (
    r"presented|introduced|submitted|said|says|stated|explained|reported|responded|replied|confirmed|added|"
    r"commented|advised|highlighted|outlined|updated|informed|agreed|undertook|welcomed|acknowledged|"
    r"made[ \t]+a[ \t]+presentation|gave[ \t]+a[ \t]+presentation|(?:was|"
    r"were)[ \t]+in[ \t]+attendance[ \t]+to[ \t]+(?:inform|present|update|report|brief)"
)
VERB_AFTER_PERSON = re.compile(
    r"[A-Z][a-z]+(?:[’'-][A-Z]?[a-z]+)?[ \t]+(?:(?:briefly|also|then|formally|further|had|"
    rf"has)[ \t]+)?(?P<verb>{SPEAKING_VERB})\b"
)
_ADVERB_GAP = r"[ \t]+(?:(?:briefly|also|then|formally|further|had|has)[ \t]+)?$"
PERSON_ENDING = re.compile(rf"(?<![\w’'])(?P<person>{PERSON}){_ADVERB_GAP}")
SURNAME_ENDING = re.compile(
    rf"(?<![\w’'])(?:Councillor|Cllr|Coun|Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+(?P<surname>{NAME}){_ADVERB_GAP}"
)
_GAP_WORDS = ("briefly", "also", "then", "formally", "further", "had", "has")
SURNAME_VERBS = (
    "said",
    "says",
    "stated",
    "explained",
    "reported",
    "responded",
    "replied",
    "confirmed",
    "added",
    "commented",
    "advised",
    "presented",
    "introduced",
)
PRESENTING = ("presented", "introduced", "submitted", "made a presentation", "gave a presentation")
NOT_PERSON = re.compile(
    r"^(?:The|This|That|These|Those|It|Its|He|She|They|We|Members?|Chair|Cabinet|Committee|Panel|Ofsted|"
    r"Government|Department|Scrutiny|Forum|Group|Report|Minutes|Item|Agenda|Following|During|After|"
    r"Before|Also|Then|Both|All|Each|Officers?|Partners?|Inspectors?|Local|Authority|Office|Standards)$"
)


def _people_with_roles(text: str, mentions: list[RoleMention]) -> dict[str, RoleMention]:
    """Each person the text gives a title ("Emma Bennett, Director of Children’s Services";
    "the joint Director of Children’s Services, Alison Botham"), by full name and by surname."""
    out: dict[str, RoleMention] = {}
    for mention in mentions:
        if _inspectorate_or_national(text, mention, text[max(0, mention.start - 40) : mention.start]):
            continue
        people = []
        comma = text.rfind(",", max(0, mention.start - 25), mention.start)
        before = PERSON_BEFORE.search(text, max(0, mention.start - 70), mention.start) if comma >= 0 else None
        if before:
            people.append(before.group(0).split(",", 1)[0])
        elif text.rfind("(", max(0, mention.start - 6), mention.start) >= 0:
            bracketed = PERSON_BRACKET_BEFORE.search(text, max(0, mention.start - 70), mention.start)
            if bracketed:  # "Dave Peplow (Independent Chair of the Safeguarding Board)"
                people.append(bracketed.group("person"))
        after = PERSON_AFTER.match(text[mention.end : mention.end + 60])
        if after:
            people.append(after.group("person"))
        for person in people:
            bare = HONORIFIC.sub("", person).strip(" .")
            if not bare or NOT_NAME.match(bare.split()[-1]):
                continue
            out.setdefault(bare, mention)
            out.setdefault(bare.split()[-1], mention)
    return out


def _people_speaking(text: str, by_person: dict[str, RoleMention]) -> list[RoleMention]:
    """ "Alison Botham said" stands for the title the text gives her; "Dave Peplow briefly presented
    the findings", with no title given anywhere, makes the name the owner."""
    out = []
    for v in VERB_AFTER_PERSON.finditer(text):  # the verb first, then the name just before it
        verb = " ".join(v.group("verb").split())
        window = max(0, v.start("verb") - 70)
        m = PERSON_ENDING.search(text, window, v.start("verb"))
        if m is not None:
            person = m.group("person")
            bare = HONORIFIC.sub("", person).strip(" .")
            words = bare.split()
            if (
                len(words) >= 2
                and not any(NOT_NAME.match(w) or NOT_PERSON.match(w) for w in words)
                and not ASKED_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
            ):
                role = by_person.get(bare) or by_person.get(words[-1])
                if role is not None:
                    out.append(role)
                elif verb in PRESENTING and not HONORIFIC.match(person):
                    out.append(RoleMention(m.start("person"), m.end("person"), person))
                continue
        if verb.split()[0] in SURNAME_VERBS or verb.startswith(("was", "were")):
            m = SURNAME_ENDING.search(text, window, v.start("verb"))
            if m is not None and by_person.get(m.group("surname")) is not None:
                out.append(by_person[m.group("surname")])
    return out


def person_roles(text: str) -> dict[str, str]:
    """The title the text gives each person it names with one, by full name and by surname."""
    return {name: m.title for name, m in _people_with_roles(text, _all_roles(text)).items()}


def collect_owners(mentions: list[RoleMention], text: str) -> list[OwnerItem]:
    """One owner per role; a shorter form merges into the fuller title ("Interim Strategic Director")."""
    owners: list[OwnerItem] = []
    by_title: dict[str, OwnerItem] = {}
    for mention in mentions:
        found = by_title.get(mention.title)  # the same title again: no need to compare
        if found is None:
            for owner in owners:
                if same_role(owner.role, mention.title):
                    found = owner
                    break
        if found is not None:
            by_title[mention.title] = found
        if found is None:
            owners.append(
                OwnerItem(
                    quote=text[mention.start : mention.end],
                    quote_start=mention.start,
                    quote_end=mention.end,
                    role=mention.title,
                )
            )
            by_title[mention.title] = owners[-1]
        elif len(normalise_role(mention.title)) > len(normalise_role(found.role)):
            found.role = mention.title
            found.quote, found.quote_start, found.quote_end = (
                text[mention.start : mention.end],
                mention.start,
                mention.end,
            )
    return owners
