"""Published figures as benchmarks: a DfE or Ofsted local-authority table sets England, region and
statistical-neighbour values on a council's measure values.

The lead maps the table's columns to the council's measures once (remembered as
BenchmarkMapping rows). For each mapped column and each period, the council's own row gives its
figure, the National row England's, the Regional row of the council's region the region's, and
the median of its statistical neighbours' rows the neighbours' (suppressed figures left out).
A period's value is the council's latest value in that year, or a new one on its last day taken
from the table. Any row error (a mapped column the file lacks, a council it cannot place, a cell
that is neither a figure nor a DfE symbol) refuses the whole file; otherwise one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction

from improvement import permissions
from improvement.extraction.benchmarks import (
    LOCAL,
    NATIONAL,
    REGIONAL,
    BenchmarkError,
    Cell,
    TableRow,
    default_year_end,
    parse_table,
    period_dates,
    read_cell,
)
from improvement.extraction.neighbours import neighbour_median
from improvement.models import Authority, BenchmarkMapping, Measure, MeasureValue
from improvement.selectors.benchmarks import councils_and_neighbours, measure_values, remembered_mapping
from improvement.services.audit import audit_context
from improvement.services.ofsted_outcomes import normalised_name
from improvement.services.uploads import upload_held, upload_hold

if TYPE_CHECKING:
    from improvement.models import User

__all__ = [
    "BenchmarkError",
    "BenchmarkPlan",
    "BenchmarksRefused",
    "benchmarks_hold",
    "benchmarks_held",
    "benchmarks_import",
    "benchmarks_preview",
]
MAX_BYTES = 20 * 1024 * 1024
CENT = Decimal("0.01")


class BenchmarksRefused(Exception):
    """The file has row errors: nothing was saved. `plan` lists them."""

    def __init__(self, plan: BenchmarkPlan) -> None:
        super().__init__(f"{len(plan.errors)} row error(s): nothing was saved")
        self.plan = plan


@dataclass
class Setting:
    """What one period of one mapped column sets on the council's measure."""

    measure: Measure
    column: str
    period: str
    start: date
    end: date
    own: Cell
    england: Cell
    region: Cell
    neighbours: Decimal | None
    neighbours_counted: int
    neighbours_total: int
    value: MeasureValue | None = None  # the council's value it sets them on; None: a new one on `end`

    @property
    def date(self) -> date:
        return self.value.date if self.value is not None else self.end

    @property
    def creates(self) -> bool:
        return self.value is None


@dataclass
class BenchmarkPlan:
    indicators: list[str] = field(default_factory=list)
    mapping: dict[str, Measure] = field(default_factory=dict)
    year_end: str = "03-31"
    settings: list[Setting] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    saved: int = 0

    @property
    def unmapped(self) -> list[str]:
        return [c for c in self.indicators if c not in self.mapping]


def _figure(cell: Cell) -> Decimal | None:
    return cell.value.quantize(CENT, rounding=ROUND_HALF_UP) if cell.value is not None else None


def _keys_of_authority(a: Authority) -> set[str]:
    keys = {f"name:{normalised_name(a.name)}"}
    if a.ons_code:
        keys.add(f"code:{a.ons_code.upper()}")
    if a.old_la_code:
        keys.add(f"old:{a.old_la_code}")
    return keys


def _keys_of_row(row: TableRow) -> list[str]:
    keys = []
    if row.new_la_code:
        keys.append(f"code:{row.new_la_code}")
    if row.old_la_code:
        keys.append(f"old:{row.old_la_code}")
    if row.la_name:
        keys.append(f"name:{normalised_name(row.la_name)}")
    return keys


class Places:
    """Who each council row is: an authority in the tracker, or a neighbour known only by the DfE's name."""

    def __init__(self, authority: Authority) -> None:
        councils, neighbours = councils_and_neighbours(authority=authority)
        self.by_key: dict[str, str] = {}
        for a in councils:
            for key in _keys_of_authority(a):
                self.by_key.setdefault(key, f"a{a.pk}")
        self.neighbours: list[str] = []
        for n in neighbours:
            if n.neighbour_id:
                self.neighbours.append(f"a{n.neighbour_id}")
            else:
                key = f"name:{normalised_name(n.neighbour_name)}"
                place = self.by_key.setdefault(key, f"n:{key}")
                self.neighbours.append(place)
        self.council = f"a{authority.pk}"

    def of(self, row: TableRow) -> str | None:
        for key in _keys_of_row(row):
            if key in self.by_key:
                return self.by_key[key]
        return None


def benchmarks_preview(
    *, authority: Authority, data: bytes, mapping: dict[str, Measure] | None = None, year_end: str | None = None
) -> BenchmarkPlan:
    """What importing the table would set, with every row error; writes nothing. `mapping` is
    column -> measure (None: the council's remembered mapping). Raises BenchmarkError for a
    file that is not a local-authority table."""
    if len(data) > MAX_BYTES:
        raise BenchmarkError(f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
    table = parse_table(data)
    plan = BenchmarkPlan(indicators=table.indicators, year_end=year_end or default_year_end(table.time_identifier))
    plan.mapping = (
        dict(mapping) if mapping is not None else remembered_mapping(authority=authority, columns=table.indicators)
    )
    plan.errors.extend(table.problems)
    for column, measure in plan.mapping.items():
        if column not in table.indicators:
            plan.errors.append(f"the file has no column {column!r} (mapped to {measure.name})")
        if measure.authority_id != authority.pk:
            plan.errors.append(f"{measure.name} is not one of {authority.name}'s measures")
    columns = [c for c in plan.mapping if c in table.indicators]
    if not columns:
        plan.notes.append("No column is mapped to a measure yet: choose a measure for each column to import.")
        return plan

    places = Places(authority)
    figures: dict[tuple[str, str, str], dict[str, Cell]] = {}  # (level, period, who) -> column -> cell
    own_region: dict[str, tuple[str, str]] = {}
    for row in table.rows:
        if period_dates(row.time_period, plan.year_end) is None:
            plan.errors.append(f"row {row.row}: the time period {row.time_period!r} is not a year it reads")
            continue
        if row.level == LOCAL:
            who = places.of(row)
            if who is None:
                name = row.la_name or row.new_la_code or row.old_la_code or "(no name or code)"
                plan.errors.append(f"row {row.row}: no council in the tracker is called {name!r}")
                continue
            if who == places.council:
                own_region[row.time_period] = (row.region_code, row.region_name.lower())
        elif row.level == REGIONAL:
            who = f"r:{row.region_code}|{row.region_name.lower()}"
        else:
            who = NATIONAL
        cells = {}
        for column in columns:
            cell = read_cell(row.cells.get(column, ""))
            if cell is None:
                plan.errors.append(
                    f"row {row.row}, column {column!r}: {row.cells.get(column)!r} is not a figure or a DfE symbol"
                )
                continue
            cells[column] = cell
        figures[(row.level, row.time_period, who)] = cells
    if not own_region:
        plan.errors.append(f"the file has no row for {authority.name} (by its ONS code, old code or name)")
        return plan

    values = measure_values(measures=list(plan.mapping.values()))
    total = len(places.neighbours)
    for period in sorted(own_region):
        start, end = period_dates(period, plan.year_end)
        region_code, region_name = own_region[period]
        region = next(
            (
                cells
                for (level, p, who), cells in figures.items()
                if level == REGIONAL
                and p == period
                and ((region_code and who.startswith(f"r:{region_code}|")) or who.endswith(f"|{region_name}"))
            ),
            {},
        )
        england = figures.get((NATIONAL, period, NATIONAL), {})
        own = figures[(LOCAL, period, places.council)]
        for column in columns:
            measure = plan.mapping[column]
            neighbour_cells = [figures.get((LOCAL, period, n), {}).get(column) for n in places.neighbours]
            median = neighbour_median(
                c.value if c is not None and c.value is not None else None for c in neighbour_cells
            )
            counted = sum(1 for c in neighbour_cells if c is not None and c.value is not None)
            existing = next((v for v in values if v.measure_id == measure.pk and start <= v.date <= end), None)
            plan.settings.append(
                Setting(
                    measure=measure,
                    column=column,
                    period=period,
                    start=start,
                    end=end,
                    own=own.get(column, Cell()),
                    england=england.get(column, Cell()),
                    region=region.get(column, Cell()),
                    neighbours=median.quantize(CENT, rounding=ROUND_HALF_UP) if median is not None else None,
                    neighbours_counted=counted,
                    neighbours_total=total,
                    value=existing,
                )
            )
    return plan


def benchmarks_import(
    *,
    authority: Authority,
    data: bytes,
    by: User | None = None,
    mapping: dict[str, Measure] | None = None,
    year_end: str | None = None,
    reason: str = "",
) -> BenchmarkPlan:
    """Save what the preview shows, in one transaction, and remember the mapping. Raises
    BenchmarksRefused (nothing saved) when the file has any row error. `by` is None only
    for the management command."""
    if by is not None and not permissions.can_lead(by, authority):
        raise PermissionDenied("Only an improvement lead can import benchmarks")
    with transaction.atomic(), audit_context(by, reason or "Benchmarks imported from a published table"):
        plan = benchmarks_preview(authority=authority, data=data, mapping=mapping, year_end=year_end)
        if plan.errors:
            raise BenchmarksRefused(plan)
        _remember(authority=authority, mapping=plan.mapping)
        for s in plan.settings:
            benchmarks = {
                "england": _figure(s.england),
                "region": _figure(s.region),
                "statistical_neighbours": s.neighbours,
            }
            if s.value is None:
                if s.own.blank:
                    plan.notes.append(f"{s.measure.name}, {s.period}: no figure for {authority.name}, nothing set")
                    continue
                MeasureValue.objects.create(
                    measure=s.measure,
                    date=s.end,
                    value=_figure(s.own),
                    suppression=s.own.suppression,
                    **benchmarks,
                )
                plan.saved += 1
                continue
            changed = [k for k, v in benchmarks.items() if v is not None and getattr(s.value, k) != v]
            for k in changed:
                setattr(s.value, k, benchmarks[k])
            if changed:
                s.value.save(update_fields=changed)
                plan.saved += 1
    return plan


def _remember(*, authority: Authority, mapping: dict[str, Measure]) -> None:
    have = {m.column: m for m in BenchmarkMapping.objects.filter(authority=authority)}
    for column, measure in mapping.items():
        old = have.get(column)
        if old is None:
            BenchmarkMapping.objects.create(authority=authority, column=column, measure=measure)
        elif old.measure_id != measure.pk:
            old.measure = measure
            old.save(update_fields=["measure"])


def benchmarks_hold(*, user: User, data: bytes, filename: str) -> str:
    """Keep an uploaded table for an hour between its preview and its saving; returns the token."""
    return upload_hold(user=user, kind="benchmarks", data=data, filename=filename)


def benchmarks_held(*, user: User, token: str, forget: bool = False) -> tuple[str, bytes] | None:
    return upload_held(user=user, kind="benchmarks", token=token, forget=forget)
