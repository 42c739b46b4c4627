"""Explainable BRAG ratings for actions.

`explain_rag` gives the rating and the reasons a person can read ("due 12 days ago").
`rag_annotation` is the same rule as a database expression, so dashboards count by
rating in SQL; a test holds the two in step for every status and date case.

Blue: complete with impact evidenced. Green: on track, or complete awaiting sign-off.
Amber: at risk, due within 14 days and under half done, not started after its start
date, or a linked measure outside target but within tolerance. Red: off track,
overdue, or a linked measure beyond tolerance. The worst rating wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, CharField, Q, Value, When

from .models.plans import ActionStatus

BLUE, GREEN, AMBER, RED = "blue", "green", "amber", "red"
ORDER = {BLUE: 0, GREEN: 1, AMBER: 2, RED: 3}
LABELS = {BLUE: "Blue", GREEN: "Green", AMBER: "Amber", RED: "Red"}
MEANINGS = {
    BLUE: "Complete, with impact evidenced and signed off",
    GREEN: "On track, or complete and awaiting sign-off",
    AMBER: "At risk: due soon with little progress, not started, or a measure slipping",
    RED: "Off track, overdue, or a measure well off target",
}
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class Rag:
    rating: str
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS[self.rating]

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _fmt(value: Decimal | float | int, unit: str) -> str:
    number = f"{Decimal(value).normalize():f}"
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def measure_rating(*, value, target, tolerance, polarity: str, unit: str, name: str) -> tuple[str, str] | None:
    """Rate a measure's latest value against its target; None when no target is set."""
    if target is None or value is None:
        return None
    value, target = Decimal(value), Decimal(target)
    gap = (target - value) if polarity == "higher" else (value - target)
    text = f"{name}: {_fmt(value, unit)} against {_fmt(target, unit)} target"
    if gap <= 0:
        return GREEN, text
    if tolerance is not None and gap <= Decimal(tolerance):
        return AMBER, text
    return RED, text


def explain_rag(
    *,
    status: str,
    progress: int,
    due_date: date | None,
    start_date: date | None,
    today: date,
    measures: list[dict] | tuple = (),
) -> Rag:
    """The rating and the reasons for it. `measures` are dicts with value, target, tolerance, polarity, unit, name."""
    if status == ActionStatus.EVIDENCED:
        return Rag(BLUE, ["complete, impact evidenced"])
    if status == ActionStatus.COMPLETE:
        return Rag(GREEN, ["complete, awaiting sign-off"])
    found: list[tuple[str, str]] = []
    if status == ActionStatus.OFF_TRACK:
        found.append((RED, "reported off track"))
    elif status == ActionStatus.AT_RISK:
        found.append((AMBER, "reported at risk"))
    if due_date is not None:
        days = (due_date - today).days
        if days < 0:
            found.append((RED, f"due {_days(-days)} ago"))
        elif days <= DUE_SOON_DAYS and progress < 50:
            when = "today" if days == 0 else f"in {_days(days)}"
            found.append((AMBER, f"due {when} and {progress}% done"))
    if status == ActionStatus.NOT_STARTED and start_date is not None and start_date < today:
        found.append((AMBER, f"not started; was to start {_days((today - start_date).days)} ago"))
    for m in measures:
        rated = measure_rating(**m)
        if rated and rated[0] != GREEN:
            found.append(rated)
    if not found:
        reason = "reported on track" if status == ActionStatus.ON_TRACK else "not started yet"
        if due_date is not None:
            reason += f", due in {_days((due_date - today).days)}"
        return Rag(GREEN, [reason])
    worst = max(found, key=lambda pair: ORDER[pair[0]])[0]
    return Rag(worst, [text for _, text in sorted(found, key=lambda pair: -ORDER[pair[0]])])


def is_red(*, status: str, due_date: date | None, today: date) -> bool:
    """`explain_rag(...).rating == RED` with no measures, from the only two fields that decide it: open and
    either reported off track or past its due date (the dashboard's history asks it per action per day)."""
    if status in ActionStatus.done():
        return False
    return status == ActionStatus.OFF_TRACK or (due_date is not None and due_date < today)


def explain_action(action, *, today: date, measures: list[dict] | tuple = ()) -> Rag:
    return explain_rag(
        status=action.status,
        progress=action.progress,
        due_date=action.due_date,
        start_date=action.start_date,
        today=today,
        measures=measures,
    )


def rag_annotation(*, today: date, prefix: str = "") -> Case:
    """The rating of each action as SQL (measures aside, which the pages add per action)."""
    p = prefix
    soon = today + timedelta(days=DUE_SOON_DAYS)
    return Case(
        When(Q(**{f"{p}status": ActionStatus.EVIDENCED}), then=Value(BLUE)),
        When(Q(**{f"{p}status": ActionStatus.COMPLETE}), then=Value(GREEN)),
        When(Q(**{f"{p}status": ActionStatus.OFF_TRACK}) | Q(**{f"{p}due_date__lt": today}), then=Value(RED)),
        When(
            Q(**{f"{p}status": ActionStatus.AT_RISK})
            | Q(**{f"{p}due_date__lte": soon, f"{p}progress__lt": 50})
            | Q(**{f"{p}status": ActionStatus.NOT_STARTED, f"{p}start_date__lt": today}),
            then=Value(AMBER),
        ),
        default=Value(GREEN),
        output_field=CharField(),
    )
