"""How sure the importer is of each fact: a number from 0 to 1 the review page sorts by, least
sure first, so the improvement lead checks the guesses before the certainties.

The score weighs the evidence the fact's own quote carries. A fact the minutes mark explicitly
(an "ACTION:" line, a RESOLVED item, a numbered recommendation, a visit named with its kind and
dates, a percentage with its subject) starts high; one read from running prose, with parts of
it missing or guessed, starts lower and loses more for each missing part. The weights are
round numbers chosen so the order is right, not probabilities fitted to data.
"""

from __future__ import annotations

import re

from .model import ActionItem, DecisionItem, DocumentFacts, MeasureItem, OwnerItem, Recommendation, Visit

EXPLICIT_ACTION = re.compile(r"^\W*(?:ACTIONS?|Action(?:ed)? by|Agreed action)\b|\bACTION\b")
RESOLVED = re.compile(r"\bRESOLVED\b|\bresolved\b|^\W*That\b")
NUMBERED = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\d+\.\d+)")
SPEECH = re.compile(
    r"\b(?:presented|introduced|reported|said|explained|confirmed|responded|informed|advised|updated|submitted|"
    r"agreed to|undertook to|would)\b",
    re.I,
)
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")


def _clamp(value: float) -> float:
    return round(max(0.05, min(0.99, value)), 2)


def visit_confidence(visit: Visit) -> float:
    score = 0.55
    if visit.kind != "other":
        score += 0.15
    if visit.start and FULL_DATE.match(visit.start):
        score += 0.15
    elif visit.start and MONTH.match(visit.start):
        score += 0.08
    if visit.end:
        score += 0.05
    if visit.judgement:
        score += 0.05
    if len(visit.quote) > 400:  # read across a long stretch: the parts may belong to other visits
        score -= 0.1
    return _clamp(score)


def recommendation_confidence(rec: Recommendation) -> float:
    score = 0.6
    if rec.ref:
        score += 0.2
    if NUMBERED.match(rec.quote):
        score += 0.1
    words = len(rec.text.split())
    if words < 4 or words > 80:  # a fragment, or a paragraph swallowed whole
        score -= 0.2
    return _clamp(score)


def action_confidence(action: ActionItem) -> float:
    score = 0.75 if EXPLICIT_ACTION.search(action.quote) else 0.5
    if action.owner:
        score += 0.1
    else:
        score -= 0.1
    if action.due and FULL_DATE.match(action.due):
        score += 0.1
    elif action.due:
        score += 0.05
    if len(action.title.split()) < 3:
        score -= 0.15
    return _clamp(score)


def measure_confidence(measure: MeasureItem) -> float:
    score = 0.6
    if measure.unit != "other":
        score += 0.15
    if measure.unit == "%":
        score += 0.05
    if measure.target is not None:
        score += 0.05
    if len(measure.name.split()) < 2:  # "caseloads": what exactly is counted is unclear
        score -= 0.15
    return _clamp(score)


def owner_confidence(owner: OwnerItem, quote_context: str) -> float:
    score = 0.6
    if SPEECH.search(quote_context):
        score += 0.2
    if owner.role and owner.role[:1].isupper():
        score += 0.05
    if len(owner.role.split()) == 1:  # "Director": which one?
        score -= 0.2
    return _clamp(score)


def decision_confidence(decision: DecisionItem) -> float:
    score = 0.8 if RESOLVED.search(decision.quote) else 0.55
    if decision.kind != "other":
        score += 0.1
    return _clamp(score)


def score_facts(facts: DocumentFacts) -> None:
    """Set .confidence on every fact of the document."""
    text = facts.text
    for visit in facts.visits:
        visit.confidence = visit_confidence(visit)
    for rec in facts.recommendations:
        rec.confidence = recommendation_confidence(rec)
    for action in facts.actions:
        action.confidence = action_confidence(action)
    for measure in facts.measures:
        measure.confidence = measure_confidence(measure)
    for owner in facts.owners:
        sentence_start = max(text.rfind(".", 0, owner.quote_start), text.rfind("\n", 0, owner.quote_start)) + 1
        sentence_end = min(
            i for i in (text.find(".", owner.quote_end), text.find("\n", owner.quote_end), len(text)) if i >= 0
        )
        owner.confidence = owner_confidence(owner, text[sentence_start:sentence_end])
    for decision in facts.decisions:
        decision.confidence = decision_confidence(decision)
