"""Reads for the plan dashboard: BRAG counts in SQL, overdue and due-soon lists, the inspection picture.

Every function runs a fixed number of queries whatever the number of actions: counts
are conditional aggregates over `rag_annotation`, lists are single queries with their
related rows joined or prefetched.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.fields.json import KeyTransform
from django.utils import timezone

from improvement import permissions, rag, statutory
from improvement.models import Action, ActionStatus, Authority, Inspection, Meeting, ProgressUpdate, Recommendation
from improvement.selectors.frameworks import with_judgements

if TYPE_CHECKING:
    from django.db.models import Case

    from improvement.models import User

RATINGS = [rag.RED, rag.AMBER, rag.GREEN, rag.BLUE]
DUE_SOON_WINDOW = 30
LIST_LIMIT = 25  # rows shown on the dashboard page; the pack and exports list them all
JUDGED_KINDS = [
    Inspection.Kind.ILACS_STANDARD,
    Inspection.Kind.ILACS_SHORT,
    Inspection.Kind.INSPECTION,
    Inspection.Kind.JTAI,
]


@dataclass
class RagCount:
    rating: str
    count: int
    total: int

    @property
    def label(self) -> str:
        return rag.LABELS[self.rating]

    @property
    def meaning(self) -> str:
        return rag.MEANINGS[self.rating]

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0


@dataclass
class RagRow:
    """One line of the BRAG table: overall, or a theme."""

    label: str
    total: int
    counts: list[RagCount]
    theme_id: int | None = None


@dataclass
class Dashboard:
    authority: Authority
    today: date
    overall: RagRow
    themes: list[RagRow]
    overdue: list[Action]
    due_soon: list[Action]
    last_inspection: Inspection | None
    monitoring_visit: Inspection | None
    monitoring_visit_is_next: bool
    action_plan_due: date | None
    priority_action_plan_due: date | None = None
    priority_visit: Inspection | None = None
    rag_key: list[tuple[str, str, str]] = field(default_factory=list)
    overdue_total: int = 0
    due_soon_total: int = 0

    @property
    def overdue_cut(self) -> bool:
        return len(self.overdue) < self.overdue_total

    @property
    def due_soon_cut(self) -> bool:
        return len(self.due_soon) < self.due_soon_total


def rag_key() -> list[tuple[str, str, str]]:
    return [(r, rag.LABELS[r], rag.MEANINGS[r]) for r in RATINGS]


def _open_q() -> Q:
    return ~Q(status__in=ActionStatus.done())


def rag_counts(*, actions: QuerySet, today: date) -> dict:
    """Conditional aggregates: one query, {"total": n, "red": n, ..., "overdue": n, "due_soon": n}."""
    rated = actions.order_by().annotate(rag=rag_annotation_for(today))
    return rated.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(due_date__lt=today) & _open_q()),
        due_soon=Count(
            "pk", filter=Q(due_date__gte=today, due_date__lte=today + timedelta(days=DUE_SOON_WINDOW)) & _open_q()
        ),
        **{r: Count("pk", filter=Q(rag=r)) for r in RATINGS},
    )


def rag_annotation_for(today: date) -> Case:
    return rag.rag_annotation(today=today)


def _row(label: str, counts: dict, theme_id: int | None = None) -> RagRow:
    total = counts["total"]
    return RagRow(label=label, total=total, counts=[RagCount(r, counts[r], total) for r in RATINGS], theme_id=theme_id)


def actions_for_authority(*, authority: Authority, user: User | None = None) -> QuerySet[Action]:
    """The authority's actions, also scoped to the user where one is given (the permission module)."""
    qs = Action.objects.filter(authority=authority)
    if user is not None:
        qs = permissions.scope_to_user(qs, user)
    return qs


def rag_by_theme(*, actions: QuerySet, today: date) -> list[RagRow]:
    """One grouped query: counts by rating for each theme (and actions with no theme)."""
    rows = (
        actions.order_by()
        .annotate(rag=rag_annotation_for(today))
        .values("theme_id", "theme__number", "theme__title", "theme__plan_id")
        .annotate(total=Count("pk"), **{r: Count("pk", filter=Q(rag=r)) for r in RATINGS})
        .order_by("theme__plan_id", "theme__number")
    )
    out = []
    for row in rows:
        if row["theme_id"] is None:
            label = "No theme"
        else:
            label = f"Theme {row['theme__number']}: {row['theme__title']}"
        out.append(_row(label, row, theme_id=row["theme_id"]))
    return out


def overdue_actions(*, actions: QuerySet, today: date, limit: int | None = None) -> list[Action]:
    qs = (
        actions.filter(due_date__lt=today)
        .exclude(status__in=ActionStatus.done())
        .select_related("owner", "theme")
        .annotate(rag=rag_annotation_for(today))
        .order_by("due_date", "pk")
    )
    rows = list(qs[:limit] if limit else qs)
    for action in rows:
        action.days_overdue = (today - action.due_date).days
    return rows


def due_soon_actions(
    *, actions: QuerySet, today: date, days: int = DUE_SOON_WINDOW, limit: int | None = None
) -> list[Action]:
    qs = (
        actions.filter(due_date__gte=today, due_date__lte=today + timedelta(days=days))
        .exclude(status__in=ActionStatus.done())
        .select_related("owner", "theme")
        .annotate(rag=rag_annotation_for(today))
        .order_by("due_date", "pk")
    )
    rows = list(qs[:limit] if limit else qs)
    for action in rows:
        action.days_left = (action.due_date - today).days
    return rows


def inspection_picture(*, authority: Authority, today: date) -> dict:
    """The last judged inspection, the next (or latest) monitoring visit and the statutory plan dates: 3 queries."""
    inspections = list(with_judgements(Inspection.objects.filter(authority=authority)).order_by("-start_date", "-id"))
    return picture_of(inspections=inspections, today=today)


def picture_of(*, inspections: list[Inspection], today: date) -> dict:
    """`inspection_picture` from one council's inspections, newest first (no queries: the region view shares it)."""
    dated = [i for i in inspections if i.start_date is not None]
    past = [i for i in dated if i.start_date <= today]
    last = next((i for i in past if i.kind in JUDGED_KINDS), None)
    if last is None:
        last = next((i for i in past if i.overall_grade_name or i.judgements.all()), None)
    visits = [i for i in dated if i.kind == Inspection.Kind.MONITORING_VISIT]
    upcoming = sorted((v for v in visits if v.start_date > today), key=lambda v: v.start_date)
    visit, is_next = (
        (upcoming[0], True) if upcoming else (next(iter(v for v in visits if v.start_date <= today), None), False)
    )
    priority = next((i for i in past if i.areas_for_priority_action and i.report_published), None)
    return {
        "last_inspection": last,
        "monitoring_visit": visit,
        "monitoring_visit_is_next": is_next,
        "action_plan_due": statutory.action_plan_due(report_published=last.report_published) if last else None,
        "priority_visit": priority,
        "priority_action_plan_due": (
            statutory.action_plan_due(report_published=priority.report_published, areas_for_priority_action=True)
            if priority
            else None
        ),
    }


def dashboard_for_authority(
    *, authority: Authority, today: date, actions: QuerySet | None = None, limit: int | None = LIST_LIMIT
) -> Dashboard:
    """Everything on the plan dashboard; `actions` is the (filtered) set to count, default all the authority's.

    The overdue and due-soon lists show the first `limit` rows (None: all of them, for the pack)."""
    if actions is None:
        actions = actions_for_authority(authority=authority)
    counts = rag_counts(actions=actions, today=today)
    return Dashboard(
        authority=authority,
        today=today,
        overall=_row("All actions", counts),
        themes=rag_by_theme(actions=actions, today=today),
        overdue=overdue_actions(actions=actions, today=today, limit=limit),
        due_soon=due_soon_actions(actions=actions, today=today, limit=limit),
        overdue_total=counts["overdue"],
        due_soon_total=counts["due_soon"],
        rag_key=rag_key(),
        **inspection_picture(authority=authority, today=today),
    )


def actions_for_export(*, actions: QuerySet, today: date) -> QuerySet:
    """The action list for the spreadsheet exports: 2 queries (actions with joins, their recommendations).

    Only the columns the rows show are read (no descriptions, quotes or recommendation texts)."""
    return (
        actions.select_related("owner", "theme")
        .only(*EXPORT_FIELDS)
        .annotate(rag=rag_annotation_for(today))
        .prefetch_related(Prefetch("recommendations", queryset=Recommendation.objects.only("pk", "reference")))
        .order_by("theme__number", "due_date", "pk")
    )


EXPORT_FIELDS = (
    *("reference", "title", "theme", "owner", "due_date", "status", "progress", "updated_at", "start_date"),
    *("theme__number", "theme__title", "owner__role_title", "owner__person_name"),
)


HISTORY_MONTHS = 12


def history_days(*, today: date, months: int = HISTORY_MONTHS) -> list[date]:
    """The last day of each of the `months - 1` months before this one, then today: oldest first."""
    days = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        month_end = first - timedelta(days=1)
        days.append(month_end)
        first = month_end.replace(day=1)
    return sorted(days)


def _end_of(day: date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + timedelta(days=1), dt.time.min))


def red_and_overdue_on(*, actions: QuerySet, days: list[date]) -> dict[date, tuple[int, int]]:
    """How many actions were red, and how many overdue, at the end of each day: two queries, whatever the days.

    Each action's status on a day is that of its last history row by then; its due date
    is today's, unless the history moved it later (then the date it had). An action counts from its
    first history row or its creation. Measures aside, like the SQL rating the dashboard counts with.
    Red and overdue need only status and due date (`rag.is_red`), so the history is read as those
    columns alone: the status of each row, and from its JSON changes only the due-date pair and the
    status pair, picked out in SQL."""
    rows = list(actions.order_by().values_list("pk", "status", "due_date", "created_at"))
    history: dict[int, list[tuple]] = {}
    updates = (
        ProgressUpdate.objects.filter(action__in=actions.order_by().values("pk"))
        .order_by("action_id", "created_at", "id")
        .annotate(due_pair=KeyTransform("due_date", "changes"), status_pair=KeyTransform("status", "changes"))
        .values_list("action_id", "created_at", "status", "due_pair", "status_pair")
    )
    for action_id, at, status, due_pair, status_pair in updates:
        history.setdefault(action_id, []).append((at, status, due_pair, status_pair))
    done = set(ActionStatus.done())
    # Each action's history read once: the times of its rows and of its due-date moves, for bisecting by day.
    prepared = []
    for pk, status_now, due_now, created in rows:
        past = history.get(pk, [])
        moves = [(at, _as_date(pair[0])) for at, _, pair, _ in past if isinstance(pair, list) and len(pair) == 2]
        first_status = ((past[0][3] or [None])[0] or ActionStatus.NOT_STARTED) if past else None
        prepared.append(
            ([u[0] for u in past], [u[1] for u in past], [m[0] for m in moves], [m[1] for m in moves])
            + (first_status, status_now, due_now, created)
        )
    out = {}
    for day in days:
        end = _end_of(day)
        red = overdue = 0
        for times, statuses, move_times, move_dues, first_status, status_now, due_now, created in prepared:
            seen = bisect_left(times, end)  # the rows written before the day ended
            if not seen and created >= end:
                continue  # not on the plan yet
            status = statuses[seen - 1] if seen else (first_status if times else status_now)
            later = bisect_left(move_times, end)  # the first move of the due date after the day: the date it had
            due = move_dues[later] if later < len(move_dues) else due_now
            red += rag.is_red(status=status, due_date=due, today=day)
            overdue += due is not None and due < day and status not in done
        out[day] = (red, overdue)
    return out


def _as_date(value: str | date | None) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


@dataclass
class History:
    points: list[tuple[date, int, int]]  # (day, red, overdue), oldest first
    since: date | None  # the last committee's date, if one is on record
    since_counts: tuple[int, int] | None


def red_and_overdue_history(*, authority: Authority, actions: QuerySet, today: date) -> History:
    """Red and overdue actions at each month end for the last 12 months, and on the last committee's date: 3 queries."""
    meeting = Meeting.objects.filter(authority=authority, date__lt=today).order_by("-date", "-id").first()
    days = history_days(today=today)
    if meeting is not None:
        days = sorted(set(days) | {meeting.date})
    counts = red_and_overdue_on(actions=actions, days=days)
    points = [(d, *counts[d]) for d in history_days(today=today)]
    return History(
        points=points,
        since=meeting.date if meeting else None,
        since_counts=counts[meeting.date] if meeting else None,
    )
