"""The statistical neighbours' median for a council's measures, from the neighbours' own values in
the tracker (measures of the same name); where none of the neighbours has a value in the tracker,
the median imported from a published table (services/benchmarks.py) on the council's latest
value. Suppressed figures are left out. Two queries."""

from __future__ import annotations

from improvement.extraction.neighbours import neighbour_median
from improvement.models import Authority, MeasureValue, StatisticalNeighbour


def with_neighbour_medians(*, authority: Authority, measures: list) -> list:
    """Set on each measure: neighbour_median (or None), neighbour_median_source ("tracker" or
    "published"), neighbours_counted, neighbours_total.

    A neighbour counts with its latest value on or before the council's own latest date."""
    ranked = list(StatisticalNeighbour.objects.filter(authority=authority).values_list("neighbour_id", flat=True))
    neighbours = [n for n in ranked if n is not None]
    total = len(ranked)
    for m in measures:
        m.neighbour_median, m.neighbours_counted, m.neighbours_total = None, 0, total
        m.neighbour_median_source = ""
    if neighbours:
        _from_tracker(measures, neighbours)
    for m in measures:
        if m.neighbour_median is not None:
            m.neighbour_median_source = "tracker"
        elif getattr(m, "latest_statistical_neighbours", None) is not None:
            m.neighbour_median, m.neighbour_median_source = m.latest_statistical_neighbours, "published"
    return measures


def _from_tracker(measures: list, neighbours: list[int]) -> None:
    keys = {m.name_key for m in measures}
    values = (
        MeasureValue.objects.filter(measure__authority_id__in=neighbours, measure__name_key__in=keys)
        .values("measure__name_key", "measure__authority_id", "date", "value", "suppression")
        .order_by("measure__name_key", "measure__authority_id", "-date", "-id")
    )
    by_key: dict[str, list[dict]] = {}
    for v in values:
        by_key.setdefault(v["measure__name_key"], []).append(v)
    for m in measures:
        own_date = getattr(m, "latest_date", None)
        per_neighbour: dict[int, dict] = {}
        for v in by_key.get(m.name_key, []):
            if own_date and v["date"] > own_date:
                continue
            per_neighbour.setdefault(v["measure__authority_id"], v)  # the latest, as they come newest first
        figures = [v["value"] if not v["suppression"] else None for v in per_neighbour.values()]
        m.neighbour_median = neighbour_median(figures)
        m.neighbours_counted = sum(1 for f in figures if f is not None)
