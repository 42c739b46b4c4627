"""Ofsted's official statistics on council inspections, and the community daily scrape, as rows.

Reads "Local authority inspection outcomes as at 31 March" (ODS, or its sheets saved as XLSX
or CSV): sheets `Inspections_as_at_31_March`, `In-year_inspections` and
`ILACS_inspection_history`, each with its header on row 3 and dates as dd/mm/yyyy. Also reads
the CSV of the community-maintained daily scrape of ILACS reports (header on row 1).

Pure Python: the grade wording and the framework dates come in as plain data
(`FrameworkPeriod`), so nothing here knows Django. A file that cannot be read, or a sheet
whose header has lost or renamed a column, raises OutcomesError naming the sheet and column;
a row that cannot be read is kept as a `problem` and the rest go on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NoReturn, TypeAlias

from .judgements import DEFAULT_PERIODS, GRADED_KINDS, FrameworkPeriod, kind_family, overall_grade_given
from .model import InputError

__all__ = ["DEFAULT_PERIODS", "FrameworkPeriod", "OutcomesError", "parse_outcomes"]

SHEET_LATEST = "Inspections_as_at_31_March"
SHEET_IN_YEAR = "In-year_inspections"
SHEET_HISTORY = "ILACS_inspection_history"
SHEETS = (SHEET_LATEST, SHEET_IN_YEAR, SHEET_HISTORY)
SCRAPE = "daily scrape"
HEADER_ROW = 3  # 1-based, as a spreadsheet numbers rows

# Ofsted's exact area column names, and the framework area keys they fill.
AREA_COLUMNS = {
    "The impact of leaders on social work practice with children and families": "leaders",
    "The experiences and progress of children who need help and protection": "help_and_protection",
    "The experiences and progress of children in care": "in_care",
    "The experiences and progress of care leavers": "care_leavers",
}
AREA_2018 = {"The experiences and progress of children in care and care leavers": "in_care_and_care_leavers"}
BASE = ["Web link", "Local authority area code", "Local authority name", "Ofsted region", "Publication date"]
REQUIRED = {
    SHEET_LATEST: [*BASE, "Inspection date", "Overall effectiveness", *AREA_COLUMNS],
    SHEET_IN_YEAR: [*BASE, "Inspection/Visit date", "Inspection/Visit type", "Visit Theme"],
    SHEET_HISTORY: [*BASE, "Inspection date", "Local authority status", "Inspection type"],
}
SCRAPE_COLUMNS = [
    "urn",
    "local_authority",
    "inspection_link",
    "overall_effectiveness_grade",
    "inspection_framework",
    "inspection_start_date",
    "inspection_end_date",
    "publication_date",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
]
SCRAPE_AREAS = {
    "impact_of_leaders_grade": "leaders",
    "help_and_protection_grade": "help_and_protection",
    "in_care_grade": "in_care",
    "care_leavers_grade": "care_leavers",
}
DMY = re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})$")
YMD = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ].*)?$")
ONS_CODE = re.compile(r"^E(?:06|08|09|10)\d{6}$")
EMPTY = {"", "-", "–", "na", "n/a", "null", "none", "not applicable", "not judged", "no grade", "data_unreadable"}
# The default wording (the seeded frameworks); the service passes the frameworks' own.
STANDARD_GRADES = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement to be good": "requires_improvement",
    "requires improvement": "requires_improvement",
    "ri": "requires_improvement",
    "inadequate": "inadequate",
}
# A cell as a workbook gives it (python-calamine's values); a CSV's cells are strings.
_Cell: TypeAlias = str | int | float | bool | date | datetime | time | timedelta


class OutcomesError(InputError):
    """The file cannot be read as Ofsted outcomes; the message names the sheet and column."""


@dataclass
class OutcomeRow:
    sheet: str
    row: int  # 1-based row number in the sheet or CSV
    la_name: str
    ons_code: str = ""
    region: str = ""
    kind: str = "inspection"  # Inspection.Kind key
    kind_label: str = ""  # Ofsted's own words, e.g. "ILACS Focused Visit"
    start: date | None = None
    end: date | None = None
    published: date | None = None
    overall: str = ""  # a grade key, "" where none is given (or none may be: from 1 April 2026)
    areas: dict[str, str] = field(default_factory=dict)  # area key -> grade key
    theme: str = ""
    link: str = ""
    status: str = ""  # "Local authority status" on the history sheet

    def key(self) -> tuple[str, str, date | None]:
        return (self.ons_code or self.la_name.lower(), kind_family(self.kind), self.start)

    def fill_from(self, other: OutcomeRow) -> None:
        """Take what another sheet's row for the same inspection adds (its type, theme, dates...)."""
        if self.kind == "inspection" and other.kind != "inspection":
            self.kind, self.kind_label = other.kind, other.kind_label
        for name in ("region", "end", "published", "overall", "theme", "link", "status", "ons_code"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        for area, grade in other.areas.items():
            self.areas.setdefault(area, grade)


@dataclass
class Problem:
    sheet: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}, row {self.row}: {self.message}"


@dataclass
class OutcomesFile:
    rows: list[OutcomeRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


def parse_outcomes(
    data: bytes,
    filename: str,
    *,
    grades: dict[str, str] | None = None,
    periods: Sequence[FrameworkPeriod] = DEFAULT_PERIODS,
) -> OutcomesFile:
    """Every inspection and visit in the file, latest sheet first; rows the same in two sheets kept once.

    grades maps lower-case grade wording to a grade key (default: the four-point scale)."""
    grades = {k.lower(): v for k, v in (grades or {}).items()} | STANDARD_GRADES
    name = filename.lower()
    if name.endswith(".csv"):
        tables = [_csv_table(data)]
    elif name.endswith((".ods", ".xlsx", ".xls")):
        tables = _workbook_tables(data)
    else:
        raise OutcomesError("is not an ODS, XLSX or CSV file")
    out = OutcomesFile()
    seen: dict[tuple, OutcomeRow] = {}
    for sheet, rows in tables:
        out.sheets.append(sheet)
        reader = _read_scrape if sheet == SCRAPE else _read_sheet
        for row in reader(sheet, rows, out.problems, grades, periods):
            key = row.key()
            if key in seen:  # the latest inspection is on the first sheet and again in the history
                seen[key].fill_from(row)
                continue
            seen[key] = row
            out.rows.append(row)
    return out


def _workbook_tables(data: bytes) -> list[tuple[str, list[list]]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - calamine raises its own kinds for a file that is not a workbook
        raise OutcomesError("cannot be read as a spreadsheet (ODS or XLSX)") from None
    names = [s for s in SHEETS if s in book.sheet_names]
    if not names:
        raise OutcomesError(
            f"has none of the sheets {', '.join(SHEETS)} (it has {', '.join(book.sheet_names) or 'no sheets'})"
        )
    return [(s, book.get_sheet_by_name(s).to_python(skip_empty_area=False)) for s in names]


def _csv_table(data: bytes) -> tuple[str, list[list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    first = [_clean(c).lower() for c in (rows[0] if rows else [])]
    if "urn" in first and "inspection_start_date" in first:
        return SCRAPE, rows
    header = [_clean(c) for c in (rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else [])]
    if "Inspection/Visit type" in header:
        return SHEET_IN_YEAR, rows
    if "Local authority status" in header or "Inspection type" in header:
        return SHEET_HISTORY, rows
    if "Local authority area code" in header:
        return SHEET_LATEST, rows
    raise OutcomesError(
        "is not a sheet of Ofsted's outcomes (no 'Local authority area code' column in row 3) "
        "nor the daily scrape (no 'urn' and 'inspection_start_date' columns in row 1)"
    )


def _columns(sheet: str, header: Sequence[_Cell], required: list[str]) -> dict[str, int]:
    names = [_clean(c) for c in header]
    where = {n: i for i, n in reversed(list(enumerate(names))) if n}
    known = {c for cols in REQUIRED.values() for c in cols} | set(AREA_2018) | set(SCRAPE_COLUMNS)
    for column in required:
        if column not in where:
            unknown = [n for n in names if n and n not in known]
            hint = f" (columns it does not expect: {', '.join(repr(n) for n in unknown)})" if unknown else ""
            raise OutcomesError(f"sheet {sheet}: the column {column!r} is missing from the header{hint}")
    return where


def _read_sheet(
    sheet: str,
    rows: Sequence[Sequence[_Cell]],
    problems: list[Problem],
    grades: dict[str, str],
    periods: Sequence[FrameworkPeriod],
) -> Iterator[OutcomeRow]:
    if len(rows) < HEADER_ROW:
        raise OutcomesError(f"sheet {sheet}: there is no header in row {HEADER_ROW}")
    cols = _columns(sheet, rows[HEADER_ROW - 1], REQUIRED[sheet])
    date_column = "Inspection/Visit date" if sheet == SHEET_IN_YEAR else "Inspection date"
    for number, raw in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1):

        def cell(name: str, raw: Sequence[_Cell] = raw) -> _Cell:
            i = cols.get(name)
            return raw[i] if i is not None and i < len(raw) else ""

        if not any(_clean(c) for c in raw):
            continue
        la_name = _clean(cell("Local authority name"))
        code = _clean(cell("Local authority area code")).upper()
        if not la_name and not code:
            continue  # notes under the table
        row = OutcomeRow(sheet=sheet, row=number, la_name=la_name, ons_code=code, region=_clean(cell("Ofsted region")))
        row.link = _clean(cell("Web link"))
        row.status = _clean(cell("Local authority status"))
        row.theme = _clean(cell("Visit Theme"))
        try:
            if code and not ONS_CODE.match(code):
                raise ValueError(f"the area code {code!r} is not an E06, E08, E09 or E10 code")
            label = _clean(cell("Inspection/Visit type")) or _clean(cell("Inspection type"))
            row.kind, row.kind_label = _kind(label, sheet), label
            row.start = _date(cell(date_column), date_column)
            row.published = _date(cell("Publication date"), "Publication date")
            overall = _grade(cell("Overall effectiveness"), "Overall effectiveness", grades)
            for column, key in (AREA_COLUMNS | AREA_2018).items():
                grade = _grade(cell(column), column, grades)
                if grade:
                    row.areas[key] = grade
        except ValueError as exc:
            problems.append(Problem(sheet, number, f"{la_name or code}: {exc}"))
            continue
        if row.start is None:
            problems.append(Problem(sheet, number, f"{la_name or code}: no {date_column.lower()}"))
            continue
        if row.kind not in GRADED_KINDS:
            overall, row.areas = "", {}  # visits are not graded
        row.overall = overall if overall_grade_given(row.kind, row.start, periods) else ""
        yield row


def _read_scrape(
    sheet: str,
    rows: Sequence[Sequence[str]],
    problems: list[Problem],
    grades: dict[str, str],
    periods: Sequence[FrameworkPeriod],
) -> Iterator[OutcomeRow]:
    cols = _columns("the daily scrape CSV", [c.lower() for c in rows[0]], SCRAPE_COLUMNS)
    for number, raw in enumerate(rows[1:], start=2):

        def cell(name: str, raw: Sequence[str] = raw) -> str:
            i = cols[name]
            return raw[i] if i < len(raw) else ""

        if not any(_clean(c) for c in raw):
            continue
        la_name = _clean(cell("local_authority"))
        row = OutcomeRow(sheet=sheet, row=number, la_name=la_name, link=_clean(cell("inspection_link")))
        row.kind_label = _clean(cell("inspection_framework"))
        try:
            row.start = _date(cell("inspection_start_date"), "inspection_start_date")
            row.end = _date(cell("inspection_end_date"), "inspection_end_date")
            row.published = _date(cell("publication_date"), "publication_date")
            overall = _grade(cell("overall_effectiveness_grade"), "overall_effectiveness_grade", grades)
            for column, key in SCRAPE_AREAS.items():
                grade = _grade(cell(column), column, grades)
                if grade:
                    row.areas[key] = grade
        except ValueError as exc:
            problems.append(Problem(sheet, number, f"{la_name}: {exc}"))
            continue
        if not la_name or row.start is None:
            problems.append(Problem(sheet, number, f"{la_name or 'no council named'}: no inspection start date"))
            continue
        if row.end and row.end < row.start:
            row.end = None
        row.overall = overall if overall_grade_given(row.kind, row.start, periods) else ""
        yield row


def _clean(value: _Cell | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\u00a0", " ").split())


def _date(value: _Cell, column: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _clean(value)
    if text.lower() in EMPTY:
        return None
    m = DMY.match(text) or YMD.match(text)
    if m:
        try:
            year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
            return date(year, int(m["m"]), int(m["d"]))
        except ValueError:
            pass
    raise ValueError(f"{column} {text!r} is not a date written dd/mm/yyyy")


def _grade(value: _Cell, column: str, grades: dict[str, str]) -> str:
    text = _clean(value).lower().replace("_", " ")
    if text in EMPTY:
        return ""
    if text in grades:
        return grades[text]
    raise ValueError(f"{column} {_clean(value)!r} is not a grade Ofsted uses")


def _kind(label: str, sheet: str) -> str:
    text = label.lower()
    if not text:
        return "inspection" if sheet != SHEET_IN_YEAR else _no_kind()
    for words, kind in (
        ("focused", "focused_visit"),
        ("monitoring", "monitoring_visit"),
        ("joint targeted", "jtai"),
        ("jtai", "jtai"),
        ("short", "ilacs_short"),
        ("standard", "ilacs_standard"),
        ("sif", "inspection"),
        ("single inspection", "inspection"),
        ("ilacs", "inspection"),
    ):
        if words in text:
            return kind
    raise ValueError(f"the inspection type {label!r} is not one the tracker knows")


def _no_kind() -> NoReturn:
    raise ValueError("no inspection or visit type")
