"""The DfE's and Ofsted's published local-authority tables (Explore Education Statistics CSVs) as rows.

A table has the geography columns `time_period, time_identifier, geographic_level, country_code,
country_name, region_code, region_name, old_la_code, new_la_code, la_name` (in any order, some
missing, the header perhaps after a byte-order mark) and one column per indicator. Cells hold a
figure or one of the DfE's symbols for a figure it does not publish (`c`, `k`, `u`, `x`, `z`,
`low`), which stay symbols, never zero. Pure Python: bytes in, dataclasses out.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from .model import InputError
from .neighbours import SUPPRESSION_SYMBOLS

GEOGRAPHY = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)
COUNCIL_COLUMNS = ("new_la_code", "old_la_code", "la_name")
NATIONAL, REGIONAL, LOCAL = "National", "Regional", "Local authority"
LEVELS = {"national": NATIONAL, "regional": REGIONAL, "local authority": LOCAL}
# Year ends a table's periods can have, and the one each kind of period usually means.
YEAR_ENDS = {"03-31": "31 March", "08-31": "31 August", "09-30": "30 September", "12-31": "31 December"}
IDENTIFIER_YEAR_END = {"financial year": "03-31", "academic year": "08-31", "calendar year": "12-31"}
MAX_ROWS = 50_000
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
PERIOD = re.compile(r"^(\d{4})(?:[-/]?(\d{2}))?$")


class BenchmarkError(InputError):
    """The file is not a local-authority table: the message names the column or the problem."""


@dataclass(frozen=True)
class Cell:
    """A figure, or the symbol the DfE published instead; both empty for a blank cell."""

    value: Decimal | None = None
    suppression: str = ""

    @property
    def blank(self) -> bool:
        return self.value is None and not self.suppression


@dataclass
class TableRow:
    row: int
    time_period: str
    level: str
    region_code: str
    region_name: str
    new_la_code: str
    old_la_code: str
    la_name: str
    cells: dict[str, str] = field(default_factory=dict)  # indicator column -> the text as published


@dataclass
class Table:
    indicators: list[str]
    time_identifier: str
    rows: list[TableRow]
    problems: list[str] = field(default_factory=list)  # rows it could not read, as sentences


def read_cell(text: str) -> Cell | None:
    """A figure or a symbol; None when the text is neither (the caller reports it)."""
    clean = " ".join((text or "").split()).replace(",", "")
    if not clean:
        return Cell()
    if clean.lower() in SUPPRESSION_SYMBOLS:
        return Cell(suppression=clean.lower())
    if clean.endswith("%"):
        clean = clean[:-1].strip()
    if not NUMBER.match(clean):
        return None
    try:
        return Cell(value=Decimal(clean))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def period_dates(time_period: str, year_end: str) -> tuple[date, date] | None:
    """The first and last day of a period: "2025" or "202425" / "2024-25" (ending in 2025), for
    a year ending on `year_end` ("03-31"). None for a period it cannot read."""
    match = PERIOD.match((time_period or "").strip())
    if not match or year_end not in YEAR_ENDS:
        return None
    first, second = match.groups()
    end_year = int(first) if second is None else int(first[:2] + second)
    if second is not None and end_year != int(first) + 1:
        return None
    month, day = (int(p) for p in year_end.split("-"))
    end = date(end_year, month, day)
    start = date(end_year - 1, month, day) + timedelta(days=1)
    return start, end


def default_year_end(time_identifier: str) -> str:
    return IDENTIFIER_YEAR_END.get((time_identifier or "").strip().lower(), "03-31")


def parse_table(data: bytes) -> Table:
    """The table's indicator columns and rows. Raises BenchmarkError for a file with no time
    period, geographic level or council column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text))
    header = [" ".join(h.split()).lower() for h in next(reader, [])]
    if not any(header):
        raise BenchmarkError("is empty: it has no header row")
    where = {h: i for i, h in enumerate(header) if h}
    for column in ("time_period", "geographic_level"):
        if column not in where:
            raise BenchmarkError(f"has no {column!r} column in its header")
    if not any(c in where for c in COUNCIL_COLUMNS):
        raise BenchmarkError("has no 'new_la_code', 'old_la_code' or 'la_name' column to name the councils")
    indicators = [h for h in header if h and h not in GEOGRAPHY]
    if not indicators:
        raise BenchmarkError("has no indicator columns beside the geography columns")
    rows: list[TableRow] = []
    problems: list[str] = []
    identifiers: set[str] = set()
    for number, raw in enumerate(reader, start=2):
        if not any(c.strip() for c in raw):
            continue
        if len(rows) >= MAX_ROWS:
            raise BenchmarkError(f"has more than {MAX_ROWS} rows")

        def cell(name: str, raw: list[str] = raw) -> str:
            i = where.get(name)
            return " ".join(raw[i].split()) if i is not None and i < len(raw) else ""

        level = LEVELS.get(cell("geographic_level").lower())
        if level is None:
            if cell("geographic_level"):
                problems.append(f"row {number}: the geographic level {cell('geographic_level')!r} is not one it reads")
            else:
                problems.append(f"row {number}: no geographic level")
            continue
        if cell("time_identifier"):
            identifiers.add(cell("time_identifier"))
        rows.append(
            TableRow(
                row=number,
                time_period=cell("time_period"),
                level=level,
                region_code=cell("region_code"),
                region_name=cell("region_name"),
                new_la_code=cell("new_la_code").upper(),
                old_la_code=cell("old_la_code"),
                la_name=cell("la_name"),
                cells={c: cell(c) for c in indicators},
            )
        )
    return Table(
        indicators=indicators,
        time_identifier=sorted(identifiers)[0] if len(identifiers) == 1 else "",
        rows=rows,
        problems=problems,
    )
