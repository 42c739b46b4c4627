"""The region view: one row per council a regional adviser (or a superuser) may read.

A handful of queries whatever the number of councils or actions: the councils, their actions'
BRAG and overdue counts grouped by council (kept per council until its plan changes or the day
does, `plan_cache.per_council`: only councils whose plan moved are counted again), and their inspections (the inspection
picture, latest judgement, next visit and statutory date, comes from the same rule as
the dashboard, `dashboards.picture_of`). Sorting and the filters that depend on those
figures run on the rows in Python: there is one row per council, at most a few hundred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from improvement.models import Action, Authority, Inspection
from improvement.selectors import plan_cache
from improvement.selectors.dashboards import RATINGS, RagCount, _open_q, picture_of, rag_annotation_for
from improvement.selectors.frameworks import with_judgements

if TYPE_CHECKING:
    from collections.abc import Callable

SORTS = {
    "name": "Council name",
    "red": "Most red actions",
    "overdue": "Most overdue actions",
    "next_visit": "Next visit soonest",
    "statutory": "Statutory date soonest",
}


@dataclass
class CouncilRow:
    """One council's line: plain values only, so a row kept in the cache is quick to read back."""

    authority: Authority
    total: int
    counts: list[RagCount]
    overdue: int
    judgement: str  # the latest inspection's overall grade key ("" when none, or none given)
    judgement_label: str
    last_inspection: str  # the latest inspection as the dashboard names it ("" when there is none)
    next_visit_date: date | None
    next_visit_kind: str
    statutory_date: date | None
    statutory_label: str

    def count(self, rating: str) -> int:
        return next(c.count for c in self.counts if c.rating == rating)


def region_rows(
    *,
    authorities: QuerySet,
    today: date,
    judgement: str = "",
    overdue_only: bool = False,
    sort: str = "name",
) -> list[CouncilRow]:
    """Each council in `authorities` (already scoped to the user and filtered by name), with its figures."""
    councils = list(authorities.order_by("name"))
    figures = plan_cache.per_council(
        name="region",
        authority_ids=[a.pk for a in councils],
        today=today,
        compute=lambda missing: _figures(missing, today),
    )
    rows = [CouncilRow(authority=council, **figures[council.pk]) for council in councils]
    if judgement:
        rows = [r for r in rows if r.judgement == judgement]
    if overdue_only:
        rows = [r for r in rows if r.overdue]
    return sorted(rows, key=_sort_key(sort))


def _figures(ids: list[int], today: date) -> dict[int, dict]:
    """Everything of each council's row but the council itself: two queries for all of them (the actions'
    BRAG and overdue counts grouped by council, and the inspections with their judgements)."""
    empty = {"total": 0, "overdue": 0, **dict.fromkeys(RATINGS, 0)}
    counts = {
        row.pop("authority_id"): row
        for row in Action.objects.filter(authority_id__in=ids)
        .order_by()
        .annotate(rag=rag_annotation_for(today))
        .values("authority_id")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(due_date__lt=today) & _open_q()),
            **{r: Count("pk", filter=Q(rag=r)) for r in RATINGS},
        )
    }
    inspections: dict[int, list[Inspection]] = {pk: [] for pk in ids}
    for inspection in with_judgements(Inspection.objects.filter(authority_id__in=ids)).order_by("-start_date", "-id"):
        inspections[inspection.authority_id].append(inspection)
    out = {}
    for pk in ids:
        figures = counts.get(pk, empty)
        picture = picture_of(inspections=inspections[pk], today=today)
        last = picture["last_inspection"]
        visit = picture["monitoring_visit"] if picture["monitoring_visit_is_next"] else None
        judgement = (last.overall_judgement or "") if last else ""
        statutory, label = picture["action_plan_due"], "Action plan due"
        if picture["priority_action_plan_due"] and (statutory is None or picture["priority_action_plan_due"] > today):
            statutory, label = picture["priority_action_plan_due"], "Priority action plan due"
        out[pk] = {
            "total": figures["total"],
            "counts": [RagCount(r, figures[r], figures["total"]) for r in RATINGS],
            "overdue": figures["overdue"],
            "judgement": judgement,
            "judgement_label": last.overall_grade_name if judgement else "",
            "last_inspection": str(last) if last else "",
            "next_visit_date": visit.start_date if visit else None,
            "next_visit_kind": visit.get_kind_display() if visit else "",
            "statutory_date": statutory,
            "statutory_label": label if statutory else "",
        }
    return out


def _sort_key(sort: str) -> Callable[[CouncilRow], object]:
    far = date.max
    keys = {
        "name": lambda r: r.authority.name,
        "red": lambda r: (-r.count("red"), r.authority.name),
        "overdue": lambda r: (-r.overdue, r.authority.name),
        "next_visit": lambda r: (r.next_visit_date or far, r.authority.name),
        "statutory": lambda r: (r.statutory_date or far, r.authority.name),
    }
    return keys.get(sort, keys["name"])
