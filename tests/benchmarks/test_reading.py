"""Reading a published local-authority table: pure Python."""

import datetime as dt
from decimal import Decimal

import pytest

from improvement.extraction.benchmarks import BenchmarkError, Cell, parse_table, period_dates, read_cell
from tests.benchmarks.files import HEADER, table


def test_the_geography_columns_are_known_and_the_rest_are_indicators():
    parsed = parse_table(table())
    assert parsed.indicators == ["turnover_rate_fte", "agency_rate_fte", "caseload_fte"]
    assert parsed.time_identifier == "Reporting year"
    westminster = parsed.rows[3]
    assert (westminster.level, westminster.new_la_code, westminster.old_la_code) == (
        "Local authority",
        "E09000033",
        "213",
    )
    assert westminster.cells["agency_rate_fte"] == "c"


def test_la_name_may_come_before_the_codes_and_the_header_may_be_in_any_case():
    header = HEADER.replace("new_la_code,old_la_code,la_name", "LA_Name,New_LA_Code,old_la_code")
    rows = [
        "2025,Reporting year,Local authority,E92000001,England,E12000007,London,Westminster,E09000033,213,21.5,c,14.2"
    ]
    row = parse_table(table(rows, header)).rows[0]
    assert (row.la_name, row.new_la_code) == ("Westminster", "E09000033")


@pytest.mark.parametrize("symbol", ["c", "k", "u", "x", "z", "low", "LOW"])
def test_a_suppressed_cell_stays_a_symbol_never_zero(symbol):
    assert read_cell(symbol) == Cell(value=None, suppression=symbol.lower())


def test_figures_blanks_and_nonsense():
    assert read_cell("1,234.5") == Cell(value=Decimal("1234.5"))
    assert read_cell("22.6%") == Cell(value=Decimal("22.6"))
    assert read_cell(" ").blank
    assert read_cell("n/a") is None


def test_periods_end_on_the_year_end_chosen():
    assert period_dates("2025", "09-30") == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    assert period_dates("202425", "03-31") == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    assert period_dates("2024-25", "08-31") == (dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    assert period_dates("202427", "03-31") is None
    assert period_dates("Q3 2025", "03-31") is None


def test_a_file_without_the_geography_is_refused_by_name():
    with pytest.raises(BenchmarkError, match="'geographic_level'"):
        parse_table(b"time_period,la_name,turnover_rate_fte\n2025,Westminster,21\n")
    with pytest.raises(BenchmarkError, match="name the councils"):
        parse_table(b"time_period,geographic_level,turnover_rate_fte\n2025,National,21\n")


def test_an_unknown_geographic_level_is_a_row_problem():
    parsed = parse_table(table(["2025,Reporting year,Ward,E92000001,England,,,,,,1,2,3"]))
    assert parsed.rows == [] and "row 2" in parsed.problems[0] and "'Ward'" in parsed.problems[0]
