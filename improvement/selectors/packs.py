"""Reads for the committee pack: what it says (`committee_pack_content`), what the plan looks like now
(its change stamp), and the stored PDF.

The pack leads with the exceptions a committee asks about (red and overdue actions,
measures off target, recommendations with a gap), then the plan's ratings by theme and
"since the last committee" counted by theme; the full lists follow as an annex, each cut
at `ANNEX_CAP` rows with the number left out, so the pack's size (and the time to lay
it out as a PDF) does not grow with the plan.

The stamp is one query of aggregates over everything the pack shows (actions, their
updates, measures and their values, recommendations, inspections, themes, owners and
meetings): counts, the newest id and the latest change, and the newest audit-log entry
of the council, so an edit that changes only words (an owner's name) moves it too. Any write that adds, removes
or changes one of those moves at least one of them, so a new stamp means a new file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from django.db.models import Count, F, Max, OuterRef, QuerySet, Subquery, Sum, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat

from improvement import rag
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    CommitteePackFile,
    ImprovementPlan,
    Inspection,
    Measure,
    MeasureValue,
    Meeting,
    Owner,
    ProgressUpdate,
    Recommendation,
    StatisticalNeighbour,
    Theme,
)
from improvement.selectors import changes as changes_selectors
from improvement.selectors import coverage as coverage_selectors
from improvement.selectors import dashboards as dashboard_selectors
from improvement.selectors import measures as measure_selectors

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django.db.models import Aggregate, Manager

EXCEPTION_CAP = 25  # rows of each exceptions table
ANNEX_CAP = 25  # rows of each annex list
RECOMMENDATION_CAP = 60  # rows of the annex's list of every recommendation
CHART_CAP = 6  # measures off target drawn as charts


@dataclass
class Capped:
    """The first rows of a list, and how many there are in all."""

    rows: list
    total: int

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.rows))

    def __iter__(self) -> Iterator[object]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def _capped(rows: list, cap: int) -> Capped:
    return Capped(rows=rows[:cap], total=len(rows))


@dataclass
class PackContent:
    authority: Authority
    today: date
    dashboard: dashboard_selectors.Dashboard
    red_actions: Capped
    measures: list  # every measure, rated (selectors.measures)
    measures_off_target: Capped
    recommendations: Capped  # every recommendation, gaps first (selectors.coverage)
    recommendations_with_gap: Capped
    changes: changes_selectors.Changes
    changes_by_theme: list[changes_selectors.ThemeChanges]
    changes_total: changes_selectors.ThemeChanges
    annex: dict[str, Capped] = field(default_factory=dict)

    @property
    def longest_overdue(self) -> int | None:
        return self.dashboard.overdue[0].days_overdue if self.dashboard.overdue else None

    @property
    def rag_total(self) -> dict[str, int]:
        return {c.rating: c.count for c in self.dashboard.overall.counts}


def red_reason(action: Action, *, today: date) -> str:
    """Why a red action is red, in words, from its own fields (the measure rule needs no query to name)."""
    if action.due_date is not None and action.due_date < today:
        days = (today - action.due_date).days
        return f"Due {days} day{'s' if days != 1 else ''} ago"
    if action.status == ActionStatus.OFF_TRACK:
        return "Reported off track"
    return "A linked measure is well off target"


def red_actions(*, actions: QuerySet, today: date, limit: int) -> list[Action]:
    """Open red actions, longest overdue first, then the others by due date: one query."""
    rows = list(
        actions.annotate(rag=rag.rag_annotation(today=today))
        .filter(rag=rag.RED)
        .select_related("owner", "theme")
        .order_by(F("due_date").asc(nulls_last=True), "pk")[:limit]
    )
    for action in rows:
        action.red_reason = red_reason(action, today=today)
        action.days_overdue = (today - action.due_date).days if action.due_date and action.due_date < today else None
    return rows


def committee_pack_content(
    *,
    authority: Authority,
    today: date,
    actions: QuerySet,
    recommendations: QuerySet,
    measures: QuerySet,
    changes: changes_selectors.Changes,
) -> PackContent:
    """Everything the committee pack shows, for the (filtered) actions, recommendations and measures.

    A fixed number of queries (about 20) whatever the size of the plan; `changes` comes from
    `selectors.changes.changes_since` for the same actions."""
    dashboard = dashboard_selectors.dashboard_for_authority(
        authority=authority, today=today, actions=actions, limit=ANNEX_CAP
    )
    counts = {c.rating: c.count for c in dashboard.overall.counts}
    rated = measure_selectors.measures_for_authority(authority=authority, today=today, measures=measures)
    off = [m for m in rated if m.rating in (rag.RED, rag.AMBER)]
    off.sort(key=lambda m: (0 if m.rating == rag.RED else 1, m.name))
    coverage = coverage_selectors.recommendations_coverage(
        authority=authority, today=today, recommendations=recommendations
    )
    gaps = [r for r in coverage if r.gaps]
    by_theme, total = changes_selectors.changes_by_theme(changes)
    return PackContent(
        authority=authority,
        today=today,
        dashboard=dashboard,
        red_actions=Capped(
            rows=red_actions(actions=actions, today=today, limit=EXCEPTION_CAP), total=counts.get(rag.RED, 0)
        ),
        measures=rated,
        measures_off_target=_capped(off, EXCEPTION_CAP),
        recommendations=_capped(coverage, RECOMMENDATION_CAP),
        recommendations_with_gap=_capped(gaps, EXCEPTION_CAP),
        changes=changes,
        changes_by_theme=by_theme,
        changes_total=total,
        annex={
            "status_changes": _capped(changes.status_changes, ANNEX_CAP),
            "newly_overdue": _capped(changes.newly_overdue, ANNEX_CAP),
            "new_actions": _capped(changes.new_actions, ANNEX_CAP),
            "due_dates_moved": _capped(changes.due_dates_moved, ANNEX_CAP),
            "new_measure_values": _capped(changes.new_measure_values, ANNEX_CAP),
            "overdue": Capped(rows=dashboard.overdue, total=dashboard.overdue_total),
            "due_soon": Capped(rows=dashboard.due_soon, total=dashboard.due_soon_total),
        },
    )


def _figures(queryset: Manager | QuerySet, path: str, **aggregates: Aggregate) -> Subquery:
    """A scalar subquery: `aggregates` over `queryset`'s rows of the outer council (`path` leads to it), as one
    text ("n|max|..."), so each table is read once however many figures it gives."""
    rows = queryset.filter(**{path: OuterRef("pk")}).order_by().values(path)
    parts = []
    for name, aggregate in aggregates.items():
        rows = rows.annotate(**{f"figure_{name}": aggregate})
        parts += [Coalesce(Cast(F(f"figure_{name}"), TextField()), Value("-", TextField())), Value("|", TextField())]
    parts = parts[:-1] if len(parts) > 2 else [*parts[:-1], Value("", TextField())]  # Concat takes two or more
    rows = rows.annotate(figures=Concat(*parts, output_field=TextField()))
    return Subquery(rows.values("figures")[:1], output_field=TextField())


def _neighbour_values(authority: Authority) -> Subquery:
    """A scalar subquery: how many figures the council's statistical neighbours have, and their latest
    id and sum, so a neighbour's new or corrected figure moves the median the council's pages show."""
    neighbours = StatisticalNeighbour.objects.filter(authority=authority.pk).values("neighbour")
    rows = (
        MeasureValue.objects.filter(measure__authority__in=neighbours)
        .order_by()
        .annotate(one=Value(1))
        .values("one")  # a constant: no GROUP BY, one row for all of them
        .annotate(
            figures=Concat(
                Cast(Count("pk"), TextField()),
                Value("|"),
                Cast(Max("pk"), TextField()),
                Value("|"),
                Cast(Sum("value"), TextField()),
                output_field=TextField(),
            )
        )
    )
    return Subquery(rows.values("figures")[:1], output_field=TextField())


def plan_change_stamp(*, authority: Authority) -> str:
    """A short text that changes whenever anything the committee pack shows changes: one query."""
    figures = {
        "actions": _figures(
            Action.objects, "authority", n=Count("pk"), changed=Max("updated_at"), versions=Sum("version")
        ),
        "updates": _figures(ProgressUpdate.objects, "action__authority", n=Count("pk"), last=Max("pk")),
        "values": _figures(
            MeasureValue.objects,
            "measure__authority",
            n=Count("pk"),
            last=Max("pk"),
            sum=Sum("value"),
            date=Max("date"),
        ),
        "measures": _figures(Measure.objects, "authority", n=Count("pk"), last=Max("pk"), targets=Sum("target")),
        "recommendations": _figures(Recommendation.objects, "authority", n=Count("pk"), last=Max("pk")),
        "inspections": _figures(
            Inspection.objects, "authority", n=Count("pk"), last=Max("pk"), published=Max("report_published")
        ),
        "plans": _figures(ImprovementPlan.objects, "authority", n=Count("pk")),
        "themes": _figures(Theme.objects, "plan__authority", n=Count("pk"), last=Max("pk")),
        "owners": _figures(Owner.objects, "authority", n=Count("pk"), last=Max("pk")),
        "meetings": _figures(Meeting.objects, "authority", n=Count("pk"), last=Max("pk")),
        # the neighbours the council is compared with, and their own figures (the measures' neighbours' median)
        "neighbours": _figures(StatisticalNeighbour.objects, "authority", n=Count("pk"), last=Max("pk")),
        "neighbour_values": _neighbour_values(authority),
        # every recorded change of the council's records, so an edit to words alone moves the stamp too
        "audit_last": Subquery(
            LogEntry.objects.filter(additional_data__authority=authority.pk).order_by("-pk").values("pk")[:1]
        ),
    }
    row = (
        Authority.objects.filter(pk=authority.pk)
        .annotate(**{f"stamp_{k}": v for k, v in figures.items()})
        .values(*(f"stamp_{k}" for k in figures))
        .get()
    )
    return "|".join(f"{k[6:]}={row[k]}" for k in sorted(row))


def pack_key(*, authority: Authority, query: str, today: date, stamp: str) -> str:
    """The name of one pack file: its council, filters and day, and the plan as it stands."""
    text = "\n".join([str(authority.pk), query, today.isoformat(), stamp])
    return hashlib.sha256(text.encode()).hexdigest()


def pack_file(*, key: str, with_data: bool = False) -> CommitteePackFile | None:
    qs = CommitteePackFile.objects.filter(key=key).defer("html")
    if not with_data:
        qs = qs.defer("data")
    return qs.first()
