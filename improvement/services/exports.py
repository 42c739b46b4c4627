"""Committee-pack files: the action list as XLSX and CSV, the pack as an accessible PDF and a Word document.

The CSV and the XLSX's Actions sheet start with their header row, so they open as a
table; the council, the date and the filters are in the file name
(`export_filename`) and, in the XLSX, on an "About" sheet. Any cell a spreadsheet
would read as a formula (starting =, +, -, @, or a tab or carriage return) is
neutralised with a leading apostrophe, in both CSV and XLSX, by `cells.cell_safe`,
the rule every exporter uses.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.utils.text import slugify

from improvement import rag
from improvement.services.cells import cell_safe

if TYPE_CHECKING:
    from collections.abc import Iterable

    from improvement.models import Action

HEADERS = [
    "Reference",
    "Action",
    "Theme",
    "Recommendations",
    "Owner",
    "Due date",
    "Status",
    "Progress (%)",
    "BRAG rating",
    "Days overdue",
    "Last updated",
]
RAG_COLUMN = HEADERS.index("BRAG rating")
WRAPPED_COLUMNS = {HEADERS.index("Action"), HEADERS.index("Theme"), HEADERS.index("Owner")}
MAX_WIDTH = 60  # characters: a longer cell wraps
DATE_WIDTH = 18  # "30 September 2026"
FILENAME_FILTERS_MAX = 80  # characters of the file name given to the filters

# GOV.UK Frontend tag colours (text, fill), the same as the pages' BRAG tags (static/tracker.css).
RAG_COLOURS = {
    rag.BLUE: ("0C2D4A", "BBD4EA"),
    rag.GREEN: ("005A30", "CCE2D8"),
    rag.AMBER: ("6E3619", "FCD6C3"),
    rag.RED: ("2A0B06", "F4CDC6"),
}
RAG_BY_LABEL = {label: rating for rating, label in rag.LABELS.items()}


@dataclass
class Stamp:
    title: str
    authority: str
    made_on: date
    filters: list[tuple[str, str]]

    @property
    def filters_text(self) -> str:
        return "; ".join(f"{k}: {v}" for k, v in self.filters) or "none (every action)"

    def lines(self) -> list[list[str]]:
        return [
            [self.title],
            ["Authority", self.authority],
            ["Produced", f"{self.made_on:%-d %B %Y}"],
            ["Filters", self.filters_text],
        ]


def export_filename(*, kind: str, slug: str, made_on: date, filters: list[tuple[str, str]] = ()) -> str:
    """`actions-demo-borough-2026-12-01`, with the filters' values before the date when there are any
    (`actions-demo-borough-status-off-track-2026-12-01`); no extension."""
    parts = [kind, slug]
    used = slugify(" ".join(f"{label} {value}" for label, value in filters))[:FILENAME_FILTERS_MAX].strip("-")
    if used:
        parts.append(used)
    parts.append(f"{made_on:%Y-%m-%d}")
    return "-".join(parts)


def action_rows(*, actions: Iterable[Action], today: date) -> list[list]:
    """The rows of the action list, from actions annotated with `rag` and prefetched recommendations."""
    rows = []
    for a in actions:
        overdue = (today - a.due_date).days if a.due_date and a.due_date < today and not a.is_done else None
        rows.append(
            [
                a.reference,
                a.title,
                str(a.theme) if a.theme_id else "",
                ", ".join(r.reference or str(r.pk) for r in a.recommendations.all()),
                str(a.owner) if a.owner_id else "",
                a.due_date,
                a.get_status_display(),
                a.progress,
                rag.LABELS.get(a.rag, a.rag),
                overdue,
                a.updated_at.date() if isinstance(a.updated_at, datetime) else a.updated_at,
            ]
        )
    return rows


def actions_csv(*, rows: list[list]) -> bytes:
    """The header, then one row per action: nothing above the header, so it opens as a table."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(["" if v is None else cell_safe(v.isoformat() if isinstance(v, date) else v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM so Excel reads UTF-8


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return DATE_WIDTH
    return max((len(line) for line in str(value).splitlines()), default=0)


def actions_xlsx(*, rows: list[list], stamp: Stamp) -> bytes:
    """An Actions sheet (header on row 1, frozen, with a filter; BRAG as the word on its GOV.UK colour;
    columns as wide as their contents up to MAX_WIDTH, longer text wrapped) and an About sheet
    (council, date, filters)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(HEADERS)
    bold = Font(bold=True)
    for column in range(1, len(HEADERS) + 1):
        ws.cell(row=1, column=column).font = bold
    rag_styles = {
        label: (Font(bold=True, color=RAG_COLOURS[r][0]), PatternFill("solid", fgColor=RAG_COLOURS[r][1]))
        for label, r in RAG_BY_LABEL.items()
    }
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    widths = [len(h) for h in HEADERS]
    for index, row in enumerate(rows, start=2):  # the appended row's number: no scan of the sheet per row
        ws.append([cell_safe(v) for v in row])
        for column, value in enumerate(row):
            widths[column] = max(widths[column], _width(value))
            if value is None:
                continue
            cell = ws.cell(row=index, column=column + 1)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a string, never a formula, whatever it starts with
            elif isinstance(value, date):
                cell.number_format = "d mmmm yyyy"
            cell.alignment = wrap if column in WRAPPED_COLUMNS else top
            if column == RAG_COLUMN and value in rag_styles:
                cell.font, cell.fill = rag_styles[value]
    last = get_column_letter(len(HEADERS))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"  # the header on every printed page
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH) + 2

    about = wb.create_sheet("About")
    for line in stamp.lines():
        about.append([cell_safe(v) for v in line])
    about.append(["Actions", len(rows)])
    about.append(["BRAG ratings", "; ".join(f"{rag.LABELS[r]}: {rag.MEANINGS[r]}" for r in RAG_COLOURS)])
    about["A1"].font = Font(bold=True, size=14)
    for row in range(2, about.max_row + 1):
        about.cell(row=row, column=1).font = bold
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 100
    wb.properties.title = f"{stamp.title}: {stamp.authority}"
    wb.properties.creator = "Children's services improvement tracker"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pack_pdf(*, html: str, base_url: str, title: str) -> bytes:
    """The committee pack as a tagged PDF (PDF/UA-1) from the same HTML as the printable page.

    The title readers show is the HTML's <title>, and its language the <html lang="en-GB">."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url)
    try:
        return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    except (ValueError, TypeError):  # pragma: no cover - an older WeasyPrint without the variant
        return document.write_pdf()
