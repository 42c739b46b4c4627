"""Reads for the measures pages: the latest value against target, direction of travel, the trend.

The latest and previous values are `Subquery` annotations (one query for every
measure); the trend is one prefetch of the values in date order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from improvement import rag
from improvement.models import Action, Authority, Measure, MeasureValue, Polarity
from improvement.selectors.neighbours import with_neighbour_medians

LATEST_FIELDS = [
    "value",
    "date",
    "numerator",
    "denominator",
    "england",
    "region",
    "statistical_neighbours",
    "qualifier",
    "suppression",
]


@dataclass
class Travel:
    direction: str  # "improving", "worsening", "no change", "" when there is one value only
    arrow: str
    text: str


def direction_of_travel(*, latest: Decimal | None, previous: Decimal | None, polarity: str, unit: str = "") -> Travel:
    if latest is None or previous is None:
        return Travel("", "", "Not enough values to show a direction")
    latest, previous = Decimal(latest), Decimal(previous)
    if latest == previous:
        return Travel("no change", "\u2192", "No change since the previous value")
    went_up = latest > previous
    better = went_up if polarity == Polarity.HIGHER else not went_up
    arrow = "\u2191" if went_up else "\u2193"
    change = f"{'up' if went_up else 'down'} from {_fmt(previous)}{_unit(unit)}"
    return Travel("improving" if better else "worsening", arrow, f"{'Improving' if better else 'Worsening'}: {change}")


def _fmt(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def _unit(unit: str) -> str:
    if unit == "%":
        return "%"
    return f" {unit}" if unit and unit != "other" else ""


def _latest(field: str, offset: int = 0) -> Subquery:
    values = MeasureValue.objects.filter(measure=OuterRef("pk")).order_by("-date", "-id")
    return Subquery(values.values(field)[offset : offset + 1])


def measures_queryset(
    *,
    authority: Authority,
    measures: QuerySet[Measure] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Measure]:
    if measures is None:
        measures = Measure.objects.all()
    values = MeasureValue.objects.select_related("source_document").order_by("date", "id")
    if date_from:
        values = values.filter(date__gte=date_from)
    if date_to:
        values = values.filter(date__lte=date_to)
    return (
        measures.filter(authority=authority)
        .select_related("source_document")
        .annotate(
            **{f"latest_{f}": _latest(f) for f in LATEST_FIELDS},
            latest_id=_latest("id"),
            latest_source_document_id=_latest("source_document_id"),
            latest_source_start=_latest("source_start"),
            previous_value=_latest("value", 1),
            previous_date=_latest("date", 1),
        )
        .prefetch_related(Prefetch("values", queryset=values, to_attr="trend"))
        .order_by("name", "pk")
    )


def _decorate(measure: Measure) -> Measure:
    measure.rating = None
    rated = rag.measure_rating(
        value=measure.latest_value,
        target=measure.target,
        tolerance=measure.tolerance,
        polarity=measure.polarity,
        unit=measure.unit,
        name=measure.name,
    )
    if rated:
        measure.rating, measure.rating_text = rated
    measure.travel = direction_of_travel(
        latest=measure.latest_value, previous=measure.previous_value, polarity=measure.polarity, unit=measure.unit
    )
    return measure


def measures_for_authority(
    *,
    authority: Authority,
    today: date,
    measures: QuerySet[Measure] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[Measure]:
    """Every measure with its latest value, rating, direction, trend and neighbours' median: 5 queries."""
    qs = measures_queryset(authority=authority, measures=measures, date_from=date_from, date_to=date_to)
    return with_neighbour_medians(authority=authority, measures=[_decorate(m) for m in qs])


def measure_detail(*, authority: Authority, pk: int, today: date) -> Measure | None:
    """One measure with its whole history and the actions it evidences, or None if not this authority's."""
    qs = (
        measures_queryset(authority=authority)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.filter(authority=authority)
                .select_related("owner")
                .annotate(rag=rag.rag_annotation(today=today))
                .order_by("due_date", "pk"),
            )
        )
    )
    measure = qs.first()
    return _decorate(measure) if measure else None
