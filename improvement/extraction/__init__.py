"""Pure-Python extraction: minutes text in, facts out, each with its verbatim quote.

No Django here. The import service package (improvement/services/importing/) is the adapter that
turns these facts into records.

    text, warnings = read_document(path_or_bytes, filename="minutes.txt")
    facts = extract(text, source="minutes.txt", meeting_date=None, committee=None, authority=None)
    facts.to_contract()  # the JSON contract of DESIGN.md
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .actions import find_actions
from .confidence import score_facts
from .decisions import find_decisions
from .judgements import DEFAULT_PERIODS, FrameworkPeriod
from .limits import Deadline, DocumentTooSlow
from .measures import find_measures
from .meeting import find_authority, find_meeting
from .model import (
    ActionItem,
    DecisionItem,
    DocumentFacts,
    InputError,
    MeasureItem,
    Meeting,
    OwnerItem,
    PrivacyFlag,
    Recommendation,
    Visit,
)
from .owners import collect_owners, responsible_mentions
from .privacy import find_personal_data, redact
from .reading import load_manifest, read_document
from .recommendations import find_recommendations
from .roles import normalise_role, same_role
from .tables import find_table_actions
from .visits import find_visits

__all__ = [
    "ActionItem",
    "Deadline",
    "DecisionItem",
    "DocumentFacts",
    "DocumentTooSlow",
    "InputError",
    "MeasureItem",
    "Meeting",
    "OwnerItem",
    "PrivacyFlag",
    "Recommendation",
    "Visit",
    "extract",
    "find_personal_data",
    "load_manifest",
    "normalise_role",
    "read_document",
    "redact",
    "same_role",
]

VISIT_LABELS = {
    "inspection": "Ofsted inspection",
    "monitoring_visit": "Ofsted monitoring visit",
    "focused_visit": "Ofsted focused visit",
    "jtai": "Joint targeted area inspection",
    "thematic_study": "Ofsted thematic study",
    "peer_review": "Peer review",
}


def extract(
    text: str,
    *,
    source: str = "",
    meeting_date: date | str | None = None,
    committee: str | None = None,
    authority: str | None = None,
    frameworks: Sequence[FrameworkPeriod] | None = None,
    deadline: Deadline | None = None,
) -> DocumentFacts:
    """All the facts in one document. Metadata given here wins over what the header says.

    meeting_date is a date or an ISO "YYYY-MM-DD" string. frameworks are the inspection frameworks as
    plain data (judgements.FrameworkPeriod; default the seeded ones): no overall grade is read for an
    inspection starting where its framework gives none. deadline bounds the time one document may take
    (pass reading's, so reading and extraction share one limit): each finder is a phase, and past the
    deadline the next phase raises DocumentTooSlow, an InputError, naming what it was doing."""
    deadline = deadline or Deadline()
    check = deadline.check
    found_date, found_committee = find_meeting(text)
    if isinstance(meeting_date, str):
        meeting_date = date.fromisoformat(meeting_date.strip()[:10])
    iso_date = meeting_date.isoformat() if meeting_date else found_date
    year = int(iso_date[:4]) if iso_date else None
    facts = DocumentFacts(
        source=source,
        text=text,
        meeting=Meeting(
            date=iso_date, committee=committee or found_committee, authority=authority or find_authority(text)
        ),  # the council the text names, if none is given
    )
    check("finding the document's meeting")
    facts.visits = find_visits(
        text, year_hint=year, meeting_date=iso_date, periods=DEFAULT_PERIODS if frameworks is None else frameworks
    )
    check("finding visits and inspections")
    facts.recommendations = find_recommendations(text)
    if facts.visits:
        latest = next((v for v in reversed(facts.visits) if not v.planned), facts.visits[-1])  # visits run oldest first
        label = VISIT_LABELS.get(latest.kind, "Review")
        for rec in facts.recommendations:
            rec.source = rec.source or label
    check("finding recommendations")
    facts.actions = find_actions(text, year_hint=year)
    check("finding actions")
    for row in find_table_actions(text, year_hint=year):  # action logs written as tables
        if not any(a.quote_start < row.quote_end and row.quote_start < a.quote_end for a in facts.actions):
            facts.actions.append(row)
    facts.actions.sort(key=lambda a: a.quote_start)
    check("finding actions in tables")
    facts.measures = find_measures(text)
    check("finding measures")
    facts.owners = collect_owners(responsible_mentions(text), text)
    _add_action_owners(facts, text)
    check("finding owners")
    facts.decisions = find_decisions(text)
    check("finding decisions")
    facts.privacy_flags = find_personal_data(text)
    if facts.privacy_flags:
        _scrub(facts, text)
    check("looking for personal data")
    score_facts(facts)
    return facts


def _add_action_owners(facts: DocumentFacts, text: str) -> None:
    """Whoever an action is given to is an owner, even a role the title finder does not know."""
    for action in facts.actions:
        owner = action.owner
        if not owner or any(same_role(o.role, owner) for o in facts.owners):
            continue
        at = text.find(owner, action.quote_start, action.quote_end)
        if at >= 0:
            facts.owners.append(OwnerItem(quote=owner, quote_start=at, quote_end=at + len(owner), role=owner))
    facts.owners.sort(key=lambda o: o.quote_start)


def _scrub(facts: DocumentFacts, text: str) -> None:
    """Redact personal data from every quote and from every field derived from one."""
    values = [(text[f.start : f.end], f"[redacted {f.kind}]") for f in facts.privacy_flags]
    for fact in facts.all_facts():
        if not any(f.start < fact.quote_end and fact.quote_start < f.end for f in facts.privacy_flags):
            continue
        fact.quote = redact(fact.quote, fact.quote_start, facts.privacy_flags)
        for name in ("title", "text", "name", "focus", "role"):
            value = getattr(fact, name, None)
            if isinstance(value, str):
                for secret, mask in values:
                    value = value.replace(secret, mask)
                setattr(fact, name, value)
