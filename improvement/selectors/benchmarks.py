"""Reads for the benchmark import: who each row of a published table is, the council's remembered
mapping, and its measures' values. Four queries, whatever the size of the table."""

from __future__ import annotations

from improvement.models import Authority, BenchmarkMapping, Measure, MeasureValue, StatisticalNeighbour


def councils_and_neighbours(*, authority: Authority) -> tuple[list[Authority], list[StatisticalNeighbour]]:
    """Every council (to place a table's rows) and this council's neighbours, nearest first: 2 queries."""
    councils = list(Authority.objects.only("pk", "name", "ons_code", "old_la_code"))
    neighbours = list(StatisticalNeighbour.objects.filter(authority=authority).order_by("rank"))
    return councils, neighbours


def remembered_mapping(*, authority: Authority, columns: list[str]) -> dict[str, Measure]:
    """The council's column -> measure choices for the columns this table has: 1 query."""
    remembered = BenchmarkMapping.objects.filter(authority=authority, column__in=columns).select_related("measure")
    return {m.column: m.measure for m in remembered}


def measure_values(*, measures: list[Measure]) -> list[MeasureValue]:
    """The measures' values, newest first: 1 query."""
    return list(MeasureValue.objects.filter(measure__in=measures).order_by("-date", "-id"))
