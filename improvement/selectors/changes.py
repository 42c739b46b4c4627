"""Reads for "since the last committee": what changed on the plan after a date.

Status changes and moved due dates come from the append-only history
(`ProgressUpdate.changes`, `{"field": [before, after]}`, with its `reason`); newly
overdue and new actions from the actions themselves; new figures from the measure
values. Six queries, whatever the size of the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from improvement import rag
from improvement.formats import govuk_date
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    MeasureValue,
    Meeting,
    ProgressUpdate,
)

FALLBACK_DAYS = 90
STATUS_LABELS = dict(ActionStatus.choices)
STATUS_KEYS = {label: key for key, label in ActionStatus.choices}  # the history records labels (services/actions.py)


@dataclass
class Since:
    date: date
    meeting: Meeting | None
    explanation: str


@dataclass
class Changes:
    since: Since
    today: date
    status_changes: list[ProgressUpdate] = field(default_factory=list)
    completed: list[ProgressUpdate] = field(default_factory=list)
    newly_overdue: list[Action] = field(default_factory=list)
    new_actions: list[Action] = field(default_factory=list)
    due_dates_moved: list[ProgressUpdate] = field(default_factory=list)
    new_measure_values: list[MeasureValue] = field(default_factory=list)
    shown: int | None = None  # rows of each list the page shows (None: all, as in the committee pack)
    by_theme: list = field(default_factory=list)  # ThemeChanges, when the page opens with them
    by_theme_total: ThemeChanges | None = None

    @property
    def cut(self) -> str:
        """The `slice` filter's argument for each list: ":25", or "" for all of them."""
        return f":{self.shown}" if self.shown else ""

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.status_changes,
                self.newly_overdue,
                self.new_actions,
                self.due_dates_moved,
                self.new_measure_values,
            )
        )


def since_default(
    *, authority: Authority, today: date, committee: str | None = None, chosen: date | None = None
) -> Since:
    """The date to count from: the one chosen, else the last meeting before today (of the committee), else 90 days."""
    if chosen is not None:
        return Since(chosen, None, f"Changes on or after {govuk_date(chosen)}, the date chosen.")
    meetings = Meeting.objects.filter(authority=authority, date__lt=today)
    if committee:
        meetings = meetings.filter(committee=committee)
    meeting = meetings.order_by("-date", "-id").first()
    if meeting is not None:
        return Since(
            meeting.date,
            meeting,
            f"Changes on or after {govuk_date(meeting.date)}, the last meeting of {meeting.committee} on record.",
        )
    start = today - timedelta(days=FALLBACK_DAYS)
    return Since(
        start, None, f"No earlier committee meeting is on record, so this shows the last {FALLBACK_DAYS} days."
    )


def _start_of(day: date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _pair(update: ProgressUpdate, name: str) -> tuple:
    pair = (update.changes or {}).get(name) or [None, None]
    return (pair[0], pair[1]) if isinstance(pair, (list, tuple)) and len(pair) == 2 else (None, pair)


def _as_date(value: str | date | None) -> date | str | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def changes_since(
    *, authority: Authority, since: Since, today: date, actions: QuerySet | None = None, measure_filtered: bool = False
) -> Changes:
    """What changed on or after `since.date`, for `actions` (default: all the authority's)."""
    if actions is None:
        actions = Action.objects.all()
    actions = actions.filter(authority=authority)
    start = _start_of(since.date)
    updates = (
        ProgressUpdate.objects.filter(action__in=actions.values("pk"), created_at__gte=start)
        .select_related("action", "action__owner", "action__theme", "author")
        .order_by("-created_at", "-id")
    )
    status_changes = list(updates.filter(changes__has_key="status"))
    for u in status_changes:
        before, after = _pair(u, "status")
        u.status_before = STATUS_LABELS.get(before, before or "")
        u.status_after = STATUS_LABELS.get(after, after or "")
        u.became_done = STATUS_KEYS.get(after, after) in ActionStatus.done()
    moved = list(updates.filter(changes__has_key="due_date"))
    for u in moved:
        before, after = _pair(u, "due_date")
        u.due_before, u.due_after = _as_date(before), _as_date(after)
    rated = actions.select_related("owner", "theme").annotate(rag=rag.rag_annotation(today=today))
    overdue = list(
        rated.filter(due_date__gte=since.date, due_date__lt=today)
        .exclude(status__in=ActionStatus.done())
        .order_by("due_date", "pk")
    )
    for a in overdue:
        a.days_overdue = (today - a.due_date).days
    new_actions = list(rated.filter(created_at__gte=start).order_by("created_at", "pk"))
    values = MeasureValue.objects.filter(measure__authority=authority, date__gte=since.date).select_related(
        "measure", "source_document"
    )
    if measure_filtered:
        values = values.filter(measure__actions__in=actions.values("pk")).distinct()
    return Changes(
        since=since,
        today=today,
        status_changes=status_changes,
        completed=[u for u in status_changes if u.became_done],
        newly_overdue=overdue,
        new_actions=new_actions,
        due_dates_moved=moved,
        new_measure_values=list(values.order_by("-date", "measure__name", "pk")),
    )


CUT = 25  # rows of each list on the page; the committee pack lists them all


@dataclass
class ThemeChanges:
    """What changed since the last committee in one theme (or in all), as counts."""

    label: str
    status_changes: int = 0
    completed: int = 0
    newly_overdue: int = 0
    new_actions: int = 0
    due_dates_moved: int = 0

    @property
    def counts(self) -> list[int]:
        return [self.status_changes, self.completed, self.newly_overdue, self.new_actions, self.due_dates_moved]

    @property
    def total(self) -> int:
        return self.status_changes + self.newly_overdue + self.new_actions + self.due_dates_moved


def changes_by_theme(changes: Changes) -> tuple[list[ThemeChanges], ThemeChanges]:
    """The changes counted per theme from the rows already read (no queries), themes in plan order then
    no theme; and the totals. For the changes page and the committee pack alike."""
    columns = {
        "status_changes": [u.action for u in changes.status_changes],
        "completed": [u.action for u in changes.completed],
        "newly_overdue": changes.newly_overdue,
        "new_actions": changes.new_actions,
        "due_dates_moved": [u.action for u in changes.due_dates_moved],
    }
    rows: dict[tuple, ThemeChanges] = {}
    for name, actions in columns.items():
        for action in actions:
            theme = action.theme
            key = (theme.plan_id, theme.number, theme.pk) if theme else (float("inf"), 0, 0)
            row = rows.setdefault(key, ThemeChanges(f"Theme {theme.number}: {theme.title}" if theme else "No theme"))
            setattr(row, name, getattr(row, name) + 1)
    total = ThemeChanges("All themes", **{name: len(actions) for name, actions in columns.items()})
    return [rows[k] for k in sorted(rows)], total
