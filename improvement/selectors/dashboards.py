"""Reads for the plan dashboard: BRAG counts in SQL, overdue and due-soon lists, the inspection picture.

Every function runs a fixed number of queries whatever the number of actions: counts
are conditional aggregates over `rag_annotation`, lists are single queries with their
related rows joined or prefetched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from improvement import permissions, rag, statutory
from improvement.models import Action, ActionStatus, Authority, Inspection
from improvement.selectors.frameworks import with_judgements

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


def _open_q():
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


def rag_annotation_for(today: date):
    return rag.rag_annotation(today=today)


def _row(label: str, counts: dict, theme_id=None) -> RagRow:
    total = counts["total"]
    return RagRow(label=label, total=total, counts=[RagCount(r, counts[r], total) for r in RATINGS], theme_id=theme_id)


def actions_for_authority(*, authority: Authority, user=None) -> QuerySet:
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
    """The action list for the spreadsheet exports: 2 queries (actions with joins, their recommendations)."""
    return (
        actions.select_related("owner", "theme")
        .annotate(rag=rag_annotation_for(today))
        .prefetch_related("recommendations")
        .order_by("theme__number", "due_date", "pk")
    )
