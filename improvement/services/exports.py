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
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.utils.text import slugify

from improvement import rag
from improvement.formats import govuk_date
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
            ["Produced", govuk_date(self.made_on)],
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
    (council, date, filters).

    Written in openpyxl's write-only mode, each row streamed once: the widths are measured from the
    rows first (a write-only sheet takes its column widths before its rows), and each kind of cell
    (wrapped text, other text, date, number, each BRAG word) takes its style from one prototype."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Actions")
    widths = [len(h) for h in HEADERS]
    for row in rows:
        for column, value in enumerate(row):
            widths[column] = max(widths[column], _width(value))
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH) + 2
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(len(rows) + 1, 2)}"
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"  # the header on every printed page

    bold = Font(bold=True)

    def styled(value: object, **style: object) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    rag_styles = {
        label: {
            "font": Font(bold=True, color=RAG_COLOURS[r][0]),
            "fill": PatternFill("solid", fgColor=RAG_COLOURS[r][1]),
        }
        for label, r in RAG_BY_LABEL.items()
    }
    prototypes: dict[tuple, WriteOnlyCell] = {}  # one styled cell per kind; each row's cells copy its style

    def cell(column: int, value: object) -> WriteOnlyCell | None:
        if value is None:
            return None
        kind = (column in WRAPPED_COLUMNS, isinstance(value, date), value if column == RAG_COLUMN else None)
        prototype = prototypes.get(kind)
        if prototype is None:
            style = {"alignment": wrap if kind[0] else top, **rag_styles.get(kind[2], {})}
            if kind[1]:
                style["number_format"] = "d mmmm yyyy"
            prototype = prototypes[kind] = styled(None, **style)
        out = WriteOnlyCell(ws, value=cell_safe(value))
        out._style = copy(prototype._style)  # the prototype's registered style, without looking it up again
        if isinstance(out.value, str):
            out.data_type = "s"  # a string, never a formula, whatever it starts with
        return out

    ws.append([styled(h, font=bold) for h in HEADERS])
    for row in rows:
        ws.append([cell(column, value) for column, value in enumerate(row)])

    about = wb.create_sheet("About")
    lines = [
        *stamp.lines(),
        ["Actions", len(rows)],
        ["BRAG ratings", "; ".join(f"{rag.LABELS[r]}: {rag.MEANINGS[r]}" for r in RAG_COLOURS)],
    ]
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 100
    title_font = Font(bold=True, size=14)
    for number, line in enumerate(lines):
        first, *rest = [cell_safe(v) for v in line]
        about.append([styled(first, font=title_font if number == 0 else bold), *rest])
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
