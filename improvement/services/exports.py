"""Committee-pack files: the action list as XLSX and CSV, the pack as an accessible PDF.

Every file is stamped with the authority, the date it was made and the filters used.
Any cell a spreadsheet would read as a formula (starting =, +, -, @, or a tab or
carriage return) is neutralised with a leading apostrophe, in both CSV and XLSX, by
`cells.cell_safe`, the rule every exporter uses.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from improvement.services.cells import cell_safe

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


def action_rows(*, actions, today: date) -> list[list]:
    """The rows of the action list, from actions annotated with `rag` and prefetched recommendations."""
    from improvement import rag

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


def actions_csv(*, rows: list[list], stamp: Stamp) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in stamp.lines():
        writer.writerow([cell_safe(v) for v in line])
    writer.writerow([])
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(["" if v is None else cell_safe(v.isoformat() if isinstance(v, date) else v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM so Excel reads UTF-8


def actions_xlsx(*, rows: list[list], stamp: Stamp) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.table import Table, TableStyleInfo

    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    for line in stamp.lines():
        ws.append([cell_safe(v) for v in line])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append(HEADERS)
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([cell_safe(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a string, never a formula, whatever it starts with
            elif isinstance(cell.value, date):
                cell.number_format = "d mmmm yyyy"
    if rows:
        ref = f"A{header_row}:{chr(ord('A') + len(HEADERS) - 1)}{ws.max_row}"
        table = Table(displayName="Actions", ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
        ws.add_table(table)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for column, width in zip("ABCDEFGHIJK", [10, 60, 30, 16, 40, 16, 28, 12, 12, 12, 16], strict=True):
        ws.column_dimensions[column].width = width
    wb.properties.title = f"{stamp.title}: {stamp.authority}"
    wb.properties.creator = "Children's services improvement tracker"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pack_pdf(*, html: str, base_url: str, title: str) -> bytes:
    """The committee pack as a tagged PDF (PDF/UA-1) from the same HTML as the printable page."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url)
    try:
        return document.write_pdf(pdf_variant="pdf/ua-1")
    except (ValueError, TypeError):  # pragma: no cover - an older WeasyPrint without the variant
        return document.write_pdf()
