"""An action's deadline timeline and the policy that spaces it: pure Python, no Django.

    before (e.g. 14 and 3 days before)  ->  due (the due date)
    ->  overdue (every ``overdue_repeat_days`` after the due date)
    ->  escalation (first day overdue by more than ``escalate_after_days``, then weekly)

``reminder_occasion`` gives the latest occasion on or before today; the sweep claims only
that one, so a sweep that missed days catches up with one reminder, not one per day.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

# The kinds on the timeline: the values of models.ReminderKind (a test holds them equal).
BEFORE = "before"
DUE = "due"
OVERDUE = "overdue"
ESCALATION = "escalation"


class TimelinePolicy(Protocol):
    """What the timeline reads of an authority's policy (selectors.reminders.Policy has it)."""

    days_before: tuple[int, ...]  # descending, e.g. (14, 3, 0); 0 is the due date
    overdue_repeat_days: int
    escalate_after_days: int


def reminder_occasion(*, due: dt.date, today: dt.date, policy: TimelinePolicy) -> tuple[str, dt.date] | None:
    """The latest reminder occasion on or before ``today`` for an open action due on ``due``."""
    days_left = (due - today).days
    if days_left >= 0:
        reached = [d for d in policy.days_before if d >= days_left]
        if not reached:
            return None
        days = min(reached)
        return (DUE, due) if days == 0 else (BEFORE, due - dt.timedelta(days=days))
    overdue = -days_left
    repeat = policy.overdue_repeat_days
    first_escalation = policy.escalate_after_days + 1
    if overdue >= first_escalation:
        weeks = (overdue - first_escalation) // repeat if repeat else 0
        return ESCALATION, due + dt.timedelta(days=first_escalation + weeks * repeat)
    if repeat and overdue >= repeat:
        return OVERDUE, due + dt.timedelta(days=(overdue // repeat) * repeat)
    if 0 in policy.days_before:
        return DUE, due  # the due date passed while nobody swept
    return None
