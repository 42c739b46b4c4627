"""Reads for the committee pack PDF: what the plan looks like now (its change stamp), and the stored file.

The stamp is one query of aggregates over everything the pack shows (actions, their
updates, measures and their values, recommendations, inspections, themes, owners and
meetings): counts, the newest id and the latest change, and the newest audit-log entry
of the council, so an edit that changes only words (an owner's name) moves it too. Any write that adds, removes
or changes one of those moves at least one of them, so a new stamp means a new file.
"""

from __future__ import annotations

import hashlib
from datetime import date

from auditlog.models import LogEntry
from django.db.models import Count, Max, OuterRef, Subquery, Sum

from improvement.models import (
    Action,
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
    Theme,
)


def _figure(queryset, path: str, aggregate):
    """A scalar subquery: `aggregate` over `queryset`'s rows of the outer council (`path` leads to it)."""
    rows = queryset.filter(**{path: OuterRef("pk")}).order_by().values(path).annotate(figure=aggregate)
    return Subquery(rows.values("figure")[:1])


def plan_change_stamp(*, authority: Authority) -> str:
    """A short text that changes whenever anything the committee pack shows changes: one query."""
    figures = {
        "actions": _figure(Action.objects, "authority", Count("pk")),
        "action_changed": _figure(Action.objects, "authority", Max("updated_at")),
        "action_versions": _figure(Action.objects, "authority", Sum("version")),
        "updates": _figure(ProgressUpdate.objects, "action__authority", Count("pk")),
        "update_last": _figure(ProgressUpdate.objects, "action__authority", Max("pk")),
        "values": _figure(MeasureValue.objects, "measure__authority", Count("pk")),
        "value_last": _figure(MeasureValue.objects, "measure__authority", Max("pk")),
        "value_sum": _figure(MeasureValue.objects, "measure__authority", Sum("value")),
        "value_date": _figure(MeasureValue.objects, "measure__authority", Max("date")),
        "measures": _figure(Measure.objects, "authority", Count("pk")),
        "measure_last": _figure(Measure.objects, "authority", Max("pk")),
        "measure_targets": _figure(Measure.objects, "authority", Sum("target")),
        "recommendations": _figure(Recommendation.objects, "authority", Count("pk")),
        "recommendation_last": _figure(Recommendation.objects, "authority", Max("pk")),
        "inspections": _figure(Inspection.objects, "authority", Count("pk")),
        "inspection_last": _figure(Inspection.objects, "authority", Max("pk")),
        "inspection_published": _figure(Inspection.objects, "authority", Max("report_published")),
        "plans": _figure(ImprovementPlan.objects, "authority", Count("pk")),
        "themes": _figure(Theme.objects, "plan__authority", Count("pk")),
        "theme_last": _figure(Theme.objects, "plan__authority", Max("pk")),
        "owners": _figure(Owner.objects, "authority", Count("pk")),
        "owner_last": _figure(Owner.objects, "authority", Max("pk")),
        "meetings": _figure(Meeting.objects, "authority", Count("pk")),
        "meeting_last": _figure(Meeting.objects, "authority", Max("pk")),
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
