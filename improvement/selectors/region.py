"""The region view: one row per council a regional adviser (or a superuser) may read.

Three queries whatever the number of councils or actions: the councils, their actions'
BRAG and overdue counts grouped by council, and their inspections (the inspection
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
    authority: Authority
    total: int
    counts: list[RagCount]
    overdue: int
    last_inspection: Inspection | None
    next_visit: Inspection | None
    statutory_date: date | None
    statutory_label: str

    @property
    def judgement(self) -> str:
        if self.last_inspection is None or not self.last_inspection.overall_judgement:
            return ""
        return self.last_inspection.overall_judgement

    @property
    def judgement_label(self) -> str:
        return self.last_inspection.overall_grade_name if self.judgement else ""

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
    ids = [a.pk for a in councils]
    counts = {
        row["authority_id"]: row
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
    empty = {"total": 0, "overdue": 0, **dict.fromkeys(RATINGS, 0)}
    rows = []
    for council in councils:
        figures = counts.get(council.pk, empty)
        picture = picture_of(inspections=inspections[council.pk], today=today)
        statutory, label = picture["action_plan_due"], "Action plan due"
        if picture["priority_action_plan_due"] and (statutory is None or picture["priority_action_plan_due"] > today):
            statutory, label = picture["priority_action_plan_due"], "Priority action plan due"
        rows.append(
            CouncilRow(
                authority=council,
                total=figures["total"],
                counts=[RagCount(r, figures[r], figures["total"]) for r in RATINGS],
                overdue=figures["overdue"],
                last_inspection=picture["last_inspection"],
                next_visit=picture["monitoring_visit"] if picture["monitoring_visit_is_next"] else None,
                statutory_date=statutory,
                statutory_label=label if statutory else "",
            )
        )
    if judgement:
        rows = [r for r in rows if r.judgement == judgement]
    if overdue_only:
        rows = [r for r in rows if r.overdue]
    return sorted(rows, key=_sort_key(sort))


def _sort_key(sort: str) -> Callable[[CouncilRow], object]:
    far = date.max
    keys = {
        "name": lambda r: r.authority.name,
        "red": lambda r: (-r.count("red"), r.authority.name),
        "overdue": lambda r: (-r.overdue, r.authority.name),
        "next_visit": lambda r: (r.next_visit.start_date if r.next_visit else far, r.authority.name),
        "statutory": lambda r: (r.statutory_date or far, r.authority.name),
    }
    return keys.get(sort, keys["name"])
