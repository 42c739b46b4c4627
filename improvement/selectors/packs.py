"""Reads for the committee pack: what it says (`committee_pack_content`), what the plan looks like now
(its change stamp), and the stored PDF.

The pack leads with the exceptions a committee asks about (red and overdue actions,
measures off target, recommendations with a gap), then the plan's ratings by theme and
"since the last committee" counted by theme; the full lists follow as an annex, each cut
at `ANNEX_CAP` rows with the number left out, so the pack's size (and the time to lay
it out as a PDF) does not grow with the plan.

The stamp is one indexed read of the counters the database itself moves on every change
to the council's records (`models/plan_versions.py`), so a new stamp means a new file and
an unchanged stamp an unchanged plan.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet

from improvement import rag
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    CommitteePackFile,
    PlanVersion,
    StatisticalNeighbour,
)
from improvement.models.plan_versions import EVERY_COUNCIL
from improvement.selectors import changes as changes_selectors
from improvement.selectors import coverage as coverage_selectors
from improvement.selectors import dashboards as dashboard_selectors
from improvement.selectors import measures as measure_selectors

if TYPE_CHECKING:
    from collections.abc import Iterator


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


def plan_change_stamp(*, authority: Authority) -> str:
    """A short text that changes whenever anything the council's pages show changes: one indexed query.

    It reads the counters the database moves itself (`models/plan_versions.py`): the council's own,
    the shared frameworks' (row 0), and the figures of its statistical neighbours, whose median the
    measures pages show."""
    neighbours = StatisticalNeighbour.objects.filter(authority=authority.pk, neighbour__isnull=False).values(
        "neighbour_id"
    )
    rows = PlanVersion.objects.filter(
        Q(authority_id__in=[authority.pk, EVERY_COUNCIL]) | Q(authority_id__in=neighbours)
    ).values_list("authority_id", "version", "figures")
    counters = {council: (version, figures) for council, version, figures in rows}
    own, shared = counters.get(authority.pk, (0, 0)), counters.get(EVERY_COUNCIL, (0, 0))
    theirs = ",".join(f"{c}:{f}" for c, (_, f) in sorted(counters.items()) if c not in (authority.pk, EVERY_COUNCIL))
    return f"v{own[0]}|s{shared[0]}|n{theirs}"


def pack_key(*, authority: Authority, query: str, today: date, stamp: str) -> str:
    """The name of one pack file: its council, filters and day, and the plan as it stands."""
    text = "\n".join([str(authority.pk), query, today.isoformat(), stamp])
    return hashlib.sha256(text.encode()).hexdigest()


def pack_file(*, key: str, with_data: bool = False) -> CommitteePackFile | None:
    qs = CommitteePackFile.objects.filter(key=key).defer("html")
    if not with_data:
        qs = qs.defer("data")
    return qs.first()
