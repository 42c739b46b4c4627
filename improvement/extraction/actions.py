"""Actions: concrete commitments with someone responsible - ACTION lines, "X confirmed that
she would circulate ...", "It was agreed that the Head of Service would report back",
"X to provide ...", and dated first-person commitments by a named speaker."""

from __future__ import annotations

import re
from bisect import bisect_left

from .dates import MONTHS, find_dates
from .model import ActionItem
from .owners import ACTION_LINE, action_lines, person_roles
from .roles import RoleMention, find_roles, lowered
from .text import clean, sentences

COMMIT_VERBS = (
    "ensure|circulate|provide|report|bring|share|send|arrange|investigate|look into|find out|review|write|"
    "update|confirm|liaise|contact|follow up|feed back|feedback|present|prepare|produce|organise|organize|"
    "establish|set up|develop|meet|discuss|raise|check|explore|consider|include|publish|submit|respond|"
    "take forward|seek|obtain|supply|distribute|invite|clarify|monitor|deliver|implement|circulated"
)
WOULD = re.compile(
    rf"\b(?:would|will|agreed to|undertook to|offered to|was asked to|were asked to|to)\s+(?:also\s+)?"
    rf"(?:personally\s+)?(?:be\s+asked\s+to\s+)?(?P<verb>{COMMIT_VERBS})\b",
    re.I,
)
# Between the role and "would": nothing, or a speech verb and "that he/she/they".
SUBJECT_GAP = re.compile(
    r"^\)?(?:,[^,.;]{1,70},)?\s*(?:(?:also\s+)?(?:confirmed|agreed|said|stated|advised|explained|promised|"
    r"undertook|indicated|added|assured members|offered|responded|replied)\s+(?:that\s+)?(?:he|she|they)\s+)?$",
    re.I,
)
AGREED_THAT = re.compile(r"\b(?:it was )?(?:agreed|requested|resolved|asked) that (?:the )?", re.I)
# A resolution that gives a role a task: "(b) That the Service Manager, Front Door circulates the actions"
THAT_ROLE = re.compile(
    r"[ \t]*(?:(?:RESOLVED|Resolved|AGREED|Agreed)[ \t]*[:\-–—]?[ \t]*)?(?:\(?[a-z0-9]{1,3}[.)][ \t]*)?"
    r"That[ \t]+(?:the[ \t]+)?"
)  # at a sentence's start
FIRST_PERSON = re.compile(
    r"\bwe (?:have|will|are|shall)\s+(?:also\s+)?(?:organised|organized|arranged|launching|launch|hold|holding|"
    r"run|running|start|starting|introduce|introducing|open|opening|publish|publishing)\b",
    re.I,
)
SPEAKER_LINE = re.compile(
    r",\s*(?:said|says|added)\s*:\s*$|^\s*(?:Cllr|Councillor)\s+[^\n]{0,40}(?:said|added)\s*:\s*$"
)
DUE = re.compile(
    r"\b(?:by|before|no later than|from|starting|on|for|until|in|at the end of|"
    r"by the end of)\s+(?:the\s+)?(?:end\s+of\s+)?$",
    re.I,
)
BE_ASKED = re.compile(
    r"\s+(?:be|is|are|was|were)\s+(?:asked|requested|instructed|authorised|authorized|delegated authority)\s+to\s+",
    re.I,
)


def find_actions(text: str, *, year_hint: int | None) -> list[ActionItem]:
    items: list[ActionItem] = []
    sents = sentences(text)
    for m in action_lines(text):
        owner, task = _action_line(text, m.start("who"), m.end("who"))
        if owner and NOBODY.match(owner):
            if not task:
                continue  # "ACTION: None"
            owner = None
        title = task or _topic_before(text, sents, m.start())
        start = _lstrip(text, m.start())
        items.append(
            ActionItem(
                quote=text[start : m.end()],
                quote_start=start,
                quote_end=m.end(),
                owner=owner,
                title=title or (f"Action for {owner}" if owner else "Action"),
                due=due_between(text, m.start("who"), m.end(), year_hint),
            )
        )
    current_speaker = None
    commits = _commit_offsets(text)
    tasks = _task_offsets(text)
    for s, e in sents:
        sentence = text[s:e]
        if ":" in sentence and SPEAKER_LINE.search(sentence):
            roles = find_roles(text, s, e)
            current_speaker = roles[0].title if roles else None
            continue
        has_commit = bisect_left(commits, s) < len(commits) and commits[bisect_left(commits, s)] < e
        agreed = " agreed " in sentence or "undertook" in sentence or "promised" in sentence or "committed" in sentence
        roles = (
            find_roles(text, s, e)
            if (has_commit and WOULD.search(sentence)) or (agreed and WOULD_ANY.search(sentence))
            else []
        )
        found = False
        for role in roles:
            asked = BE_ASKED.match(text, role.end)
            if asked:
                items.append(_item(text, s, e, role.title, text[asked.end() : e], year_hint))
                found = True
                break
        if found:
            continue
        if " would be " in sentence:
            promised = _promised_passive(text, s, e, year_hint)
            if promised is not None:
                items.append(promised)
                continue
        for commit in _commitments(sentence) if roles else ():
            owner = _owner_before(roles, s + commit.start())
            if owner is None or _hypothetical(sentence):
                continue
            gap = text[owner.end : s + commit.start()]
            lead = text[max(s, owner.start - 20) : owner.start]
            if INVITED_BEFORE.search(text, s, owner.start):
                continue  # "The Chair invited the Director to provide introductory comments": speaking, not a task
            if A_POST_BEFORE.search(text[max(s, owner.start - 60) : owner.start]):
                continue  # "appointed as an Engagement and Participation Worker to ensure ...": a post, not an owner
            if SUBJECT_GAP.match(gap) and not re.search(r"\b(?:of|by|from|to|with|as|an?)\s+(?:the\s+)?$", lead, re.I):
                items.append(_item(text, s, e, owner.title, sentence[commit.start("verb") :], year_hint))
                found = True
                break
        if found:
            continue
        if (" that " in sentence and AGREED_THAT.search(sentence)) or (
            "That" in sentence and THAT_ROLE.match(text, s, e)
        ):
            item = _subjunctive(text, s, e, year_hint)
            if item is not None:
                items.append(item)
                continue
        delegated = _delegated(text, s, e, year_hint)
        if delegated is not None:
            items.append(delegated)
            continue
        at = bisect_left(tasks, s)
        required = _required_of_the_council(text, s, e, year_hint) if at < len(tasks) and tasks[at] < e else None
        if required is not None:
            items.append(required)
            continue
        if current_speaker and FIRST_PERSON.search(sentence):
            due = due_between(text, s, e, year_hint)
            if due:
                m = FIRST_PERSON.search(sentence)
                items.append(_item(text, s, e, current_speaker, sentence[m.start() :], year_hint))
    _owners_by_role(text, items)
    return _dedupe(items)


HONORIFIC_START = re.compile(r"^(?:Councillor|Cllr|Coun|Mr|Mrs|Ms|Miss|Dr|Professor)\.?\s+")


def _owners_by_role(text: str, items: list[ActionItem]) -> None:
    """ "ACTION - Mr Wooster to advise ..." where the text calls him "Julian Wooster, Director of
    Children's Services": the owner is the role."""
    named = [i for i in items if i.owner and (HONORIFIC_START.match(i.owner) or not find_roles(i.owner))]
    if not named:
        return
    roles = person_roles(text)
    for item in named:
        bare = HONORIFIC_START.sub("", item.owner).strip(" .")
        role = roles.get(bare) or (roles.get(bare.split()[-1]) if bare.split() else None)
        if role:
            item.owner = role


A_POST_BEFORE = re.compile(
    r"\b(?:appointed|recruited|employed|appointment[ \t]+of|recruitment[ \t]+of)[ \t]+(?:as[ \t]+)?(?:an?[ \t]+|"
    r"the[ \t]+)?(?:[A-Z][\w’'-]*[ \t]+(?:and[ \t]+|&[ \t]+)?){0,4}$|\ban?[ \t]+(?:new[ \t]+|additional[ \t]+|"
    r"dedicated[ \t]+)?(?:[A-Z][\w’'-]*[ \t]+(?:and[ \t]+|&[ \t]+)?){0,4}$"
)
INVITED_BEFORE = re.compile(r"\binvited\b", re.I)
# "It was agreed that Alison Hinds, Head of ... would escalate the issue": after an agreement any
# verb is the commitment, not only the usual ones.
AGREED_BEFORE = re.compile(r"\b(?:agreed|undertook|promised|committed)\b[^.;]*$", re.I)
WOULD_ANY = re.compile(
    r"\b(?:would|will|agreed to|undertook to|promised to|offered to)\s+(?:also\s+)?(?:personally\s+)?(?:then\s+|"
    r"now\s+|personally\s+)?(?P<verb>(?!(?:be|have|not|need|like|welcome|the|a|an|this|that|these|those|it|its|"
    r"their|his|her|our|all|any|some|such|each|every|which|what|more|further|them|him|me|us|you|and|or|but|in|on|at|"
    r"for|with|by|from|of|as|so|also|only|still|now|then|consider|continue|expect|hope|seek)\b)[a-z]+)\b"
)


def _commitments(sentence: str) -> list[re.Match[str]]:
    found = list(WOULD.finditer(sentence))
    taken = {m.start() for m in found}
    for m in WOULD_ANY.finditer(sentence):
        if m.start() not in taken and (
            not m.group(0).startswith(("would", "will")) or AGREED_BEFORE.search(sentence, 0, m.start())
        ):
            found.append(m)
    return sorted(found, key=lambda m: m.start())


# "The Director of Law and Assurance said the wording would be adjusted", "the Head of Service confirmed that
# the figures would be circulated to Members": what the speaker undertook to have done is their action.
SAID_PASSIVE = re.compile(
    r"\)?(?:,[^,.;]{1,70},)?[ \t]+(?:also[ \t]+)?(?:said|confirmed|advised|agreed|explained|undertook|assured[ \t]+"
    r"(?:members|the[ \t]+committee))[ \t]+(?:that[ \t]+)?(?P<task>(?:the|this|these|a|an|any|further)[ \t]+"
    r"(?:[\w’'-]+[ \t]+){0,6}?"
    r"would[ \t]+be[ \t]+(?P<verb>adjusted|amended|updated|revised|corrected|circulated|shared|provided|sent|added|"
    r"included|reviewed|checked|clarified|investigated|followed[ \t]+up|looked[ \t]+into|picked[ \t]+up))\b"
)


def _promised_passive(text: str, s: int, e: int, year_hint: int | None) -> ActionItem | None:
    for role in find_roles(text, s, e):
        said = SAID_PASSIVE.match(text, role.end, e)
        if said and not _hypothetical(text[s:e]):
            return _item(text, s, e, role.title, text[said.start("task") : e], year_hint)
    return None


# "That authority be delegated to the Director of Children’s Services, in consultation with the
# relevant Cabinet Member, to finalise the plan": the role the task is delegated to.
DELEGATED_TO = re.compile(r"\bdelegated[ \t]+(?:authority[ \t]+)?to[ \t]+(?:the[ \t]+)?", re.I)
DELEGATED_TASK = re.compile(r"^(?:,[^,.;]{1,120},)?[ \t]*to[ \t]+(?P<task>[a-z][^.;]*)")


def _delegated(text: str, s: int, e: int, year_hint: int | None) -> ActionItem | None:
    if "delegated" not in text[s:e]:
        return None
    for m in DELEGATED_TO.finditer(text, s, e):
        roles = find_roles(text, m.end(), e)
        if not roles or roles[0].start != m.end():
            continue
        task = DELEGATED_TASK.match(text[roles[0].end : e])
        if task:
            return _item(text, s, e, roles[0].title, task.group("task"), year_hint)
    return None


# Deadlines and commitments placed on the council, with no one named: "an improvement plan would
# be submitted by 21st November", "the draft action plan had to be submitted to Ofsted by 12
# August 2022", "the Council had been required to prepare and submit an Improvement Plan by 11th
# June", "be endorsed for submission to the Secretary of State ... by 9 March 2017", "an
# accelerated action plan would be developed", "the plan, to be published in early 2023".
DOCUMENT = re.compile(
    r"\b(?:plans?|reports?|details?|information|update|strategy|briefing|paper|data|figures|breakdown|"
    r"response|proposals?|analysis|letter|statement|protocol|policy|framework|guidance|summary)\b",
    re.I,
)
PASSIVE_TASK = re.compile(
    r"\b(?<!yet )(?P<modal>would|will|shall|should|must|is to|are to|was to|were to|to|had to|has to|have to|"
    r"needs? to|needed to)[ \t]+be[ \t]+(?:[a-z]+ly[ \t]+)?(?P<verb>developed|shared|published|submitted|circulated|"
    r"produced|prepared|sent|provided|drawn up|finalised|finalized|completed|distributed|issued)\b",
    re.I,
)
# "Ofsted ... required that an action plan be submitted by 17 October 2019": an obligation in the subjunctive
REQUIRED_THAT_TASK = re.compile(
    r"\b(?:required|requested|directed|asked|expected)[ \t]+that[ \t]+(?:[\w’'-]+[ \t]+){1,6}?be[ \t]+"
    r"(?P<verb>submitted|published|produced|prepared|sent|provided|completed|developed|shared)\b",
    re.I,
)
OBLIGED_TASK = re.compile(
    r"\b(?:had|has|have|needs?|needed|is|are|was|were|been|being)[ \t]+(?:been[ \t]+)?(?:required|obliged|expected|"
    r"asked|to)[ \t]+(?:to[ \t]+)?(?:[a-z]+[ \t]+and[ \t]+)?(?P<verb>submit|publish|produce|prepare|provide|send|"
    r"complete|develop|deliver)\b|\bfor[ \t]+(?P<noun>submission|publication)[ \t]+to\b",
    re.I,
)
BY_THE_INSPECTORATE = re.compile(
    r"[^.;]{0,40}?\bby[ \t]+(?:the[ \t]+)?(?:Ofsted|OFSTED|inspectors|the[ \t]+inspectorate|HMI)\b"
)
MEMBERS_ASKED = re.compile(
    r"\b(?:[Mm]embers|[Cc]ouncillors|[Pp]artners|[Ss]chools)[ \t]+(?:were|are|had[ \t]+been|have[ \t]+been)[ \t]+"
    r"(?:asked|invited|encouraged|reminded)\b"
)
WHEN = re.compile(
    r"\b(?:by|in|before|during|within|from|no later than|at the end of|over)[ \t]+(?:the[ \t]+)?(?:early|late|mid|"
    r"end[ \t]+of|next|coming|\d|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|spring|summer|autumn|winter)",
    re.I,
)
DEADLINE = re.compile(r"\b(?:by|no later than|before|not later than)[ \t]+(?:the[ \t]+)?(?:end[ \t]+of[ \t]+)?\d", re.I)


TASK_SIEVE = re.compile(  # on the lowered text: the words a passive task or an obligation cannot do without
    r"be (?:[a-z]+ly )?(?:developed|shared|published|submitted|circulated|produced|prepared|sent|provided|drawn up|"
    r"finali[sz]ed|completed|distributed|issued)\b| to (?:[a-z]+ and )?(?:submit|publish|produce|prepare|provide|send|"
    r"complete|develop|deliver)\b|for (?:submission|publication) to"
)


def _task_offsets(text: str) -> list[int]:
    """Where a passive task or an obligation may occur, from one pass over the lowered text."""
    return [m.start() for m in TASK_SIEVE.finditer(lowered(text))]


def _required_of_the_council(text: str, s: int, e: int, year_hint: int | None) -> ActionItem | None:
    sentence = text[s:e]
    if _hypothetical(sentence):
        return None
    m = PASSIVE_TASK.search(sentence)
    if m is not None:
        if not DOCUMENT.search(sentence, max(0, m.start() - 150), m.start()):
            return None  # the plan or report itself is what would be developed or shared
        if BY_THE_INSPECTORATE.match(sentence, m.end()):
            return (
                None  # "the report will be published by Ofsted on 4 June": the inspectorate's step, not the council's
            )
        if m.group("modal").lower() not in ("would", "will", "shall", "should", "must") and not WHEN.search(
            sentence, m.end()
        ):
            return None  # "which was scheduled to be sent": only with a time ("to be published in early 2023")
    else:
        m = OBLIGED_TASK.search(sentence) or REQUIRED_THAT_TASK.search(sentence)
        if m is None or not DEADLINE.search(sentence, m.end()):
            return None  # an obligation counts with its deadline
        if MEMBERS_ASKED.search(sentence, 0, m.end()):
            return (
                None  # "Members were asked to submit comments by 1 May": the committee's part, not the council's task
            )
        if not DOCUMENT.search(sentence, max(0, m.start() - 150), m.end() + 60):
            return None
    title = _clause_around(sentence, m.start(), m.end())
    return ActionItem(
        quote=sentence, quote_start=s, quote_end=e, owner=None, title=title, due=due_between(text, s, e, year_hint)
    )


def _clause_around(sentence: str, start: int, end: int) -> str:
    """The clause holding the commitment: from the last break before it to the next one after."""
    breaks = [sentence.rfind(mark, 0, start) for mark in (", ", "; ", " that ", ": ")]
    left = max(breaks)
    left = 0 if left < 0 or len(sentence[left:start].split()) < 3 else left
    right = min([i for i in (sentence.find(mark, end) for mark in ("; ", ". ")) if i >= 0] or [len(sentence)])
    title = re.sub(r"^(?:[,;:·•*\-–]|o(?=\s)|\s)+", "", clean(sentence[left:right])).rstrip(".")
    if re.match(r"(?:be|been|being)\b", title):  # "..., be endorsed for submission": keep its subject
        title = clean(sentence[:right]).rstrip(".")
        title = re.sub(
            r"^(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:(?:RESOLVED|Resolved)\s*[:\-–—]?\s*)?(?:That|that)\s+(?:the\s+)?",
            "",
            title,
        )
    title = re.sub(r"^that\s+", "", title)
    return (title[:1].upper() + title[1:])[:200]


SUBJUNCTIVE_VERB = re.compile(
    # "That the Chief Executive, in consultation with the Leader, be authorised to appoint ...": a delegation
    r"(?:,?[ \t]+in[ \t]+consultation[ \t]+with[ \t][^;.]{1,160}?)?,?"
    r"[ \t]+(?:should[ \t]+|shall[ \t]+)?(?:be[ \t]+(?:authori[sz]ed|instructed)[ \t]+to[ \t]+(?P<any>[a-z]+)|"
    rf"(?:be[ \t]+(?:asked|requested)[ \t]+to[ \t]+)?(?P<verb>{COMMIT_VERBS})(?:s|es)?)\b",
    re.I,
)


def _subjunctive(text: str, s: int, e: int, year_hint: int | None) -> ActionItem | None:
    """ "The Leader asked that the Executive Director provide a breakdown ...": a role right after
    "agreed / asked / requested that", then a bare commitment verb."""
    opening = THAT_ROLE.match(text, s, e)
    for m in [*AGREED_THAT.finditer(text, s, e), *([opening] if opening else [])]:
        for role in find_roles(text, m.end(), min(e, m.end() + 300)):  # the role comes first: a bounded look
            if role.start > m.end() + 4:
                break
            verb = SUBJUNCTIVE_VERB.match(text, role.end, e)
            if verb and not _hypothetical(text[s:e]):
                return _item(text, s, e, role.title, _verb_task(text, verb, e), year_hint)
    officers = OFFICERS.match(text, opening.end(), e) if opening else None
    verb = SUBJUNCTIVE_VERB.match(text, officers.end(), e) if officers else None
    if verb and not _hypothetical(text[s:e]):
        # "4. That officers report back to the July committee on progress": a task for no one named
        return _item(text, s, e, None, _verb_task(text, verb, e), year_hint)
    return None


def _verb_task(text: str, verb: re.Match[str], e: int) -> str:
    """ "circulates the actions" -> "circulate the actions"; "be authorised to appoint a Chair" -> "appoint a Chair"."""
    return (verb.group("verb") or verb.group("any")) + text[verb.end() : e]


OFFICERS = re.compile(r"(?:relevant[ \t]+|council[ \t]+)?officers\b", re.I)


TASK_AFTER = re.compile(r"^[\s,]*(?:to|will|would|should|must|is to|are to)\s+(?P<task>\S.*)$", re.I)
BRACKETED = re.compile(r"^(?P<task>.+?)\s*[(\[](?P<who>[^()\[\]]{3,80})[)\]]\s*\.?$")
SPLIT_TO = re.compile(r"^(?P<who>[A-Z][^,.;:]{1,60}?)\s+to\s+(?P<task>[a-z].*)$")
SEPARATED = re.compile(r"^(?P<a>[^:–—]+?)\s*(?:[:–—]|\s-\s)\s*(?P<b>.+)$")


NOBODY = re.compile(
    r"^(?:all|all members|members|none|nil|n/?a|noted|no action|the committee|committee|the chair|chair|tbc)\.?$", re.I
)


def _action_line(text: str, start: int, end: int) -> tuple[str, str]:
    """(owner, task) from what follows "ACTION:": a role alone, "role to do X", "do X (role)", "role - do X"."""
    who = text[start:end].strip(" *_\t")
    roles = find_roles(text, start, end)
    if roles:
        role = roles[0]
        after = re.sub(r"^\s*\([A-Z]{1,4}\)", "", text[role.end : end]).strip(" *_\t")  # "(SG)": someone's initials
        before = text[start : role.start].strip(" *_\t(")
        task = ""
        m = TASK_AFTER.match(after)
        if m:
            task = m.group("task")
        elif before and len(before.split()) >= 2:
            task = before.rstrip(" -–—:([")
        elif SEPARATED.match(after.lstrip(" -–—:")) is None and after.lstrip(" -–—:,") and after[:1] in "-–—:,":
            task = after.lstrip(" -–—:,")
        return role.title, _sentence_case(task)
    m = BRACKETED.match(who)
    if m and len(m.group("who").split()) <= 8:
        return clean(m.group("who")), _sentence_case(m.group("task"))
    m = SPLIT_TO.match(who)
    if m:
        return clean(m.group("who")), _sentence_case(m.group("task"))
    m = SEPARATED.match(who)
    if m and len(m.group("a").split()) <= 6 and m.group("a")[:1].isupper():
        return clean(m.group("a")), _sentence_case(m.group("b"))
    return clean(who), ""


def _sentence_case(task: str) -> str:
    task = clean(task).rstrip(".")
    return task[:1].upper() + task[1:]


WOULD_LOWER = re.compile(WOULD.pattern)


def _commit_offsets(text: str) -> list[int]:
    """Where "would/will/to <verb>" occurs, from one pass over the lowered text (a quick sieve)."""
    return [m.start() for m in WOULD_LOWER.finditer(lowered(text))]


def _owner_before(roles: list[RoleMention], offset: int) -> RoleMention | None:
    before = [r for r in roles if r.end <= offset]
    return before[-1] if before else None


def _hypothetical(sentence: str) -> bool:
    return bool(re.search(r"\b(?:if|whether|asked (?:if|whether|how|what|why|when))\b", sentence[:60], re.I))


def _item(text: str, s: int, e: int, owner: str | None, clause: str, year_hint: int | None) -> ActionItem:
    title = clean(re.split(r"(?<=[.;])\s", clause)[0]).rstrip(".")
    title = title[:1].upper() + title[1:]
    return ActionItem(
        quote=text[s:e], quote_start=s, quote_end=e, owner=owner, title=title, due=due_between(text, s, e, year_hint)
    )


MONTH_ONLY = re.compile(
    r"\b(?P<lead>by|before|until|in|during|by the end of|at the end of|end of|"
    r"the end of)\s+(?:the\s+)?(?P<m>January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?![ \t]+\d)",
    re.I,
)


MISPRINTED_YEAR = re.compile(r"^,?[ \t]+\d{3,}\b")


def due_between(text: str, s: int, e: int, year_hint: int | None) -> str | None:
    for span in find_dates(text, s, e):
        lead = text[max(s, span.start - 30) : span.start]
        if DUE.search(lead) or re.search(r"\bfrom\s*$", lead, re.I):
            if span.first[0] is None and MISPRINTED_YEAR.match(text[span.end : span.end + 12]):
                return None  # "by 11th June 29019": a year there is, but not one to trust
            if span.first[2] is None and re.search(r"\bend\s+of\s+(?:the\s+)?$", lead, re.I):
                year, month = span.first[0] or year_hint, span.first[1]
                return month_end(year, month) if year else None
            return span.iso(year_hint)
    m = MONTH_ONLY.search(text, s, e)
    if m and year_hint:  # "by the end of May": the meeting's year, never a guess
        month = MONTHS[m.group("m").lower()]
        if "end" in m.group("lead").lower():
            return month_end(year_hint, month)
        return f"{year_hint:04d}-{month:02d}"
    return None


from .dates import month_end  # noqa: E402 - one rule, in dates.py; kept importable from here


def _topic_before(text: str, sents: list[tuple[int, int]], offset: int) -> str:
    """The sentence an ACTION line follows up: the nearest non-trivial sentence above it."""
    previous = [(s, e) for s, e in sents if e <= offset]
    for s, e in reversed(previous[-6:]):
        candidate = clean(text[s:e])
        if ACTION_LINE.match(text, s) or ACTION_LINE.match(candidate):
            continue
        if len(candidate.split()) >= 4 and not candidate.lower().startswith(("resolved", "that the", "supporting")):
            return candidate[:200]
    return ""


def _lstrip(text: str, start: int) -> int:
    while text[start].isspace():
        start += 1
    return start


def _dedupe(items: list[ActionItem]) -> list[ActionItem]:
    """One action per commitment: an ACTION line that repeats the sentence above it adds nothing."""
    from .roles import same_role

    seen, out = set(), []
    line_ids = {id(i) for i in items if ACTION_LINE.match(i.quote)}
    sentence_items = sorted((i for i in items if id(i) not in line_ids), key=lambda i: i.quote_end)
    ends = [i.quote_end for i in sentence_items]
    for item in sorted(items, key=lambda i: i.quote_start):
        key = (item.quote_start, item.owner)
        if key in seen:
            continue
        # only the sentences that end in the 600 characters before this ACTION line
        nearby = sentence_items[bisect_left(ends, item.quote_start - 599) : bisect_left(ends, item.quote_start)]
        if id(item) in line_ids and any(same_role(other.owner or "", item.owner or "") for other in nearby):
            continue
        seen.add(key)
        out.append(item)
    return out
