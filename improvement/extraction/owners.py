"""Owners: roles named as responsible or reporting - speakers, report authors, the role a
question is put to, ACTION lines - not councillors asking questions, the Chair or Ofsted."""

from __future__ import annotations

import re

from .model import OwnerItem
from .roles import RoleMention, find_roles, normalise_role, same_role

SPEECH_VERBS = (
    "said|says|confirmed|explained|advised|stated|reported|introduced|replied|added|commented|noted|highlighted|"
    "stressed|responded|informed|outlined|presented|agreed|undertook|acknowledged|recognised|recognized|referred|"
    "mentioned|emphasised|emphasized|clarified|assured|gave|provided|updated|reiterated|indicated|felt|"
    "considered|welcomed|assured|answered|accepted|expressed|described|set out|told|shared|summarised|summarized|"
    "would|will|agreed|undertook|offered|circulated|suggested|proposed|thanked|drew|spoke|discussed"
)
AFTER_SPEAKER = re.compile(
    rf"^(?:,[^,.;:\n]{{1,70}},|\),?|,)?[ \t]*(?:\([^)\n]{{1,60}}\)[ \t]*)?(?:had[ \t]+|has[ \t]+|also[ \t]+|then[ \t]+|further[ \t]+|"
    rf"subsequently[ \t]+|in[ \t]+response[ \t]+)?(?:{SPEECH_VERBS})\b|^,?[ \t]*(?:said|says)[ \t]*:",
    re.I,
)
BEFORE_AUTHOR = re.compile(
    r"(?:report|reports|presentation|update|paper|briefing|submission)[ \t]+(?:of|by|from)[ \t]+(?:the[ \t]+)?$"
    r"|(?:question|questions)\b[^\n]{0,80}\bto[ \t]+(?:the[ \t]+)?$|response[ \t]+(?:of|from|by)[ \t]+(?:the[ \t]+)?$"
    r"|\b(?:presented|introduced|submitted|prepared|written|given|led)[ \t]+by[ \t]+(?:the[ \t]+)?$"
    r"|\b(?:presented|introduced|submitted|prepared|written|given|led)[ \t]+by[ \t]+[A-Z][a-z’'-]+(?:[ \t]+[A-Z][a-z’'-]+){0,3}[ \t]*\([ \t]*(?:the[ \t]+)?$"
    r"|(?m:^)[ \t]*(?:lead|responsible|accountable)[ \t]+(?:officer|director|manager)s?[ \t]*:[ \t]*$"
    r"|(?m:^)[ \t]*report[ \t]+author[ \t]*:[ \t]*$",
    re.I,
)
ACTION_LINE = re.compile(
    r"^[ \t]*[*_#]*[ \t]*(?:AC(?:TION|TOIN|ITON|TON|TIO)S?|Actions?)(?:[ \t]+(?:by|point|owner|for))?[*_]*\s*[:\-–][*_]*[ \t]*(?P<who>[^\n]+)$",
    re.M | re.I,
)
_ACTION_WORD = re.compile(r"ac(?:tion|toin|iton|ton|tio)")


def action_lines(text: str):
    """ACTION_LINE matches, found from the word itself (a quick literal scan of the lowered text)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        yield from ACTION_LINE.finditer(text)
        return
    done = -1
    for hit in _ACTION_WORD.finditer(lowered):
        line_start = text.rfind("\n", 0, hit.start()) + 1
        if line_start <= done or text[line_start:hit.start()].strip(" \t*_#"):
            continue
        m = ACTION_LINE.match(text, line_start)
        if m:
            done = line_start
            yield m


# A role named inside someone else's question is not answering for anything:
# "Councillor Jones asked whether the Director would ...".
ASKED_BEFORE = re.compile(
    r"\b(?:asked|queried|questioned|enquired|inquired|wondered|sought|requested|invited|urged|thanked|"
    r"congratulated|welcomed|praised|commended)\b[^.;:\n]*$",
    re.I,
)
INSPECTOR = re.compile(r"^(?:HM\s+|Her Majesty'?’?s\s+|His Majesty'?’?s\s+)?Inspectors?\b|^(?:Senior|Lead|Social Care|Regulatory)\s+Inspector", re.I)


def responsible_mentions(text: str) -> list[RoleMention]:
    out = []
    for mention in find_roles(text):
        after = text[mention.end:mention.end + 120]
        before = text[max(0, mention.start - 90):mention.start]
        if INSPECTOR.match(mention.title) or re.search(r"\bOfsted\s*$", before, re.I):
            continue  # the inspectorate is not an owner of the plan
        if AFTER_SPEAKER.match(after) and not ASKED_BEFORE.search(before):
            out.append(mention)
        elif BEFORE_AUTHOR.search(before):
            out.append(mention)
    for m in action_lines(text):
        for mention in find_roles(text, m.start("who"), m.end("who")):
            out.append(mention)
    return sorted(out, key=lambda r: r.start)


def collect_owners(mentions: list[RoleMention], text: str) -> list[OwnerItem]:
    """One owner per role; a shorter form merges into the fuller title ("Interim Strategic Director")."""
    owners: list[OwnerItem] = []
    for mention in mentions:
        found = None
        for owner in owners:
            if same_role(owner.role, mention.title):
                found = owner
                break
        if found is None:
            owners.append(OwnerItem(quote=text[mention.start:mention.end], quote_start=mention.start,
                                    quote_end=mention.end, role=mention.title))
        elif len(normalise_role(mention.title)) > len(normalise_role(found.role)):
            found.role = mention.title
            found.quote, found.quote_start, found.quote_end = text[mention.start:mention.end], mention.start, mention.end
    return owners
