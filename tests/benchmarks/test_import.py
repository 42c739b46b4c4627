"""Benchmarks from a published table: England, region and neighbours' median on the council's values."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from improvement.models import BenchmarkMapping, MeasureValue
from improvement.services.benchmarks import BenchmarksRefused, benchmarks_import, benchmarks_preview
from tests.benchmarks.files import ROWS, table
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _mapping(w):
    return {"turnover_rate_fte": w["turnover"], "agency_rate_fte": w["agency"]}


def test_the_preview_says_what_each_period_sets_and_saves_nothing(westminster):
    w = westminster
    plan = benchmarks_preview(authority=w["ours"], data=table(), mapping=_mapping(w), year_end="09-30")
    assert plan.errors == []
    assert plan.unmapped == ["caseload_fte"]
    turnover_2025 = next(s for s in plan.settings if s.column == "turnover_rate_fte" and s.period == "2025")
    assert turnover_2025.value.value == Decimal("22.00")  # the tracker's own figure for the year is kept
    assert (turnover_2025.england.value, turnover_2025.region.value) == (Decimal("16.8"), Decimal("18.2"))
    # Kensington and Chelsea 15.0, Camden 14.0, Hammersmith and Fulham (known only by the DfE's name) 20.0;
    # Islington's "low" is left out
    assert (turnover_2025.neighbours, turnover_2025.neighbours_counted) == (Decimal("15.00"), 3)
    assert MeasureValue.objects.filter(measure=w["agency"]).count() == 0


def test_saving_sets_the_benchmarks_keeps_suppression_and_remembers_the_mapping(westminster):
    w = westminster
    plan = benchmarks_import(authority=w["ours"], data=table(), by=w["lead"], mapping=_mapping(w), year_end="09-30")
    assert plan.saved == 4
    mine = MeasureValue.objects.get(measure=w["turnover"], date=dt.date(2025, 9, 30))
    assert (mine.value, mine.england, mine.region, mine.statistical_neighbours) == (
        Decimal("22.00"),
        Decimal("16.80"),
        Decimal("18.20"),
        Decimal("15.00"),
    )
    agency = MeasureValue.objects.get(measure=w["agency"], date=dt.date(2025, 9, 30))
    assert (agency.value, agency.suppression, agency.england) == (None, "c", Decimal("17.60"))
    assert agency.statistical_neighbours == Decimal("11.00")  # 12 and 10; "low" and "x" left out
    earlier = MeasureValue.objects.get(measure=w["turnover"], date=dt.date(2024, 9, 30))
    assert (earlier.value, earlier.england, earlier.region) == (Decimal("24.00"), Decimal("17.10"), Decimal("19.00"))
    assert dict(BenchmarkMapping.objects.values_list("column", "measure__name")) == {
        "turnover_rate_fte": "Social worker turnover",
        "agency_rate_fte": "Agency social workers",
    }
    again = benchmarks_import(authority=w["ours"], data=table(), by=w["lead"], year_end="09-30")  # remembered
    assert again.saved == 0 and again.errors == []


@pytest.mark.parametrize(
    "rows, expected",
    [
        (
            ROWS
            + ["2025,Reporting year,Local authority,E92000001,England,E12000007,London,E09000999,999,Atlantis,1,2,3"],
            "no council in the tracker is called 'Atlantis'",
        ),
        ([r.replace("21.5,c", "n/a,c") for r in ROWS], "'n/a' is not a figure or a DfE symbol"),
        ([r for r in ROWS if "Westminster" not in r], "the file has no row for Westminster City Council"),
    ],
)
def test_a_row_error_refuses_the_whole_file(westminster, rows, expected):
    w = westminster
    with pytest.raises(BenchmarksRefused) as refused:
        benchmarks_import(authority=w["ours"], data=table(rows), by=w["lead"], mapping=_mapping(w), year_end="09-30")
    assert any(expected in e for e in refused.value.plan.errors), refused.value.plan.errors
    assert MeasureValue.objects.filter(measure__authority=w["ours"]).count() == 1
    assert not BenchmarkMapping.objects.exists()


def test_a_remembered_column_the_file_no_longer_has_is_an_error(westminster):
    w = westminster
    BenchmarkMapping.objects.create(authority=w["ours"], column="leavers_rate_fte", measure=w["turnover"])
    plan = benchmarks_preview(
        authority=w["ours"], data=table(), mapping={"leavers_rate_fte": w["turnover"]}, year_end="09-30"
    )
    assert plan.errors == ["the file has no column 'leavers_rate_fte' (mapped to Social worker turnover)"]


def test_only_the_council_s_lead_imports(westminster):
    w = westminster
    for user in (
        UserFactory(authority=w["ours"], role="Manager"),
        UserFactory(authority=w["camden"], role="Improvement lead"),
    ):
        with pytest.raises(PermissionDenied):
            benchmarks_import(authority=w["ours"], data=table(), by=user, mapping=_mapping(w))
    assert MeasureValue.objects.filter(measure__authority=w["ours"]).count() == 1


def test_the_preview_reads_a_fixed_number_of_queries_whatever_the_table_size(westminster, django_assert_num_queries):
    w = westminster
    extra = [
        f"2025,Reporting year,Local authority,E92000001,England,E12000007,London,E0900{n:04d},{n},Westminster,1,2,3"
        for n in range(100, 400)
    ]  # 300 more rows (all naming Westminster by name: they read the same as its own)
    for data in (table(), table([*ROWS, *extra])):
        with django_assert_num_queries(3):  # councils, neighbours, the measures' values
            benchmarks_preview(authority=w["ours"], data=data, mapping=_mapping(w), year_end="09-30")
