"""Reads for the inspection journey: inspections and visits in date order, each with its
recommendations and their progress (counted in SQL), and area grades in the framework's
order. Five queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet

from improvement import statutory
from improvement.models import ActionStatus, Authority, Inspection, Recommendation
from improvement.selectors.coverage import RATINGS, _rating_is, derive_status
from improvement.selectors.frameworks import with_judgements

PLAN_KINDS = [Inspection.Kind.ILACS_STANDARD, Inspection.Kind.ILACS_SHORT, Inspection.Kind.INSPECTION]


@dataclass
class Journey:
    past: list[Inspection]
    planned: list[Inspection]
    undated: list[Inspection]


def inspection_journey(*, authority: Authority, today: date, inspections: QuerySet | None = None) -> Journey:
    if inspections is None:
        inspections = Inspection.objects.all()
    recs = (
        Recommendation.objects.filter(authority=authority)
        .select_related("theme", "source_document")
        .annotate(
            n_actions=Count("actions", distinct=True),
            n_done=Count("actions", filter=Q(actions__status__in=ActionStatus.done()), distinct=True),
            n_evidenced=Count("actions", filter=Q(actions__status=ActionStatus.EVIDENCED), distinct=True),
            **{f"n_{r}": Count("actions", filter=_rating_is(today, r), distinct=True) for r in RATINGS},
        )
        .order_by("reference", "pk")
    )
    rows = list(
        with_judgements(inspections.filter(authority=authority))
        .select_related("source_document")
        .prefetch_related(Prefetch("recommendations", queryset=recs))
        .order_by(F("start_date").asc(nulls_last=True), "pk")
    )
    past, planned, undated = [], [], []
    for inspection in rows:
        for rec in inspection.recommendations.all():
            rec.derived = derive_status(
                total=rec.n_actions,
                done=rec.n_done,
                evidenced=rec.n_evidenced,
                counts={r: getattr(rec, f"n_{r}") for r in RATINGS},
            )
        needs_plan = inspection.kind in PLAN_KINDS or inspection.areas_for_priority_action
        inspection.plan_due = (
            statutory.action_plan_due(
                report_published=inspection.report_published,
                areas_for_priority_action=inspection.areas_for_priority_action,
            )
            if needs_plan
            else None
        )
        if inspection.start_date is None:
            undated.append(inspection)
        elif inspection.start_date > today:
            planned.append(inspection)
        else:
            past.append(inspection)
    return Journey(past=past, planned=planned, undated=undated)
