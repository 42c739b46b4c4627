"""Actions to and from XLSX: download, edit status / progress / note / evidence, upload, preview, apply.

The same columns go out and come in. Text cells that a spreadsheet would run as a
formula (starting = + - @, or a tab or carriage return) are written with a leading
apostrophe so they stay text (`cells.cell_safe`, shared with the committee exports).
Nothing is saved while reading: `spreadsheet_preview` reports each row's changes and
errors in plain words, and `actions_bulk_apply` (services.actions) applies the whole
upload in one transaction, version-checked.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import QuerySet
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from improvement import permissions
from improvement.extraction.model import InputError
from improvement.extraction.reading import check_zip_container
from improvement.models import Action, ActionStatus
from improvement.services.actions import NOTE_REQUIRED, BulkChange
from improvement.services.cells import cell_safe, cell_unescape

if TYPE_CHECKING:
    from django.core.files import File
    from openpyxl.cell.read_only import EmptyCell, ReadOnlyCell

    from improvement.models import User

COLUMNS = [
    "Action ID",
    "Version",
    "Reference",
    "Title",
    "Theme",
    "Owner",
    "Due date",
    "Status",
    "Progress %",
    "Note for this update",
    "Evidence link",
]
EDITABLE = {"Status", "Progress %", "Note for this update", "Evidence link"}
MAX_ROWS = 5000
SHEET_TITLE = "Actions"
NOT_A_WORKBOOK = "The file is not an Excel spreadsheet we can read. Upload the .xlsx file you downloaded."


def actions_xlsx_build(*, actions: QuerySet) -> bytes:
    """The actions as an XLSX workbook; only the editable columns are unlocked."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append(COLUMNS)
    bold = Font(bold=True)
    editable_fill = PatternFill("solid", fgColor="FFF2A8")
    for col, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = bold
        if name in EDITABLE:
            cell.fill = editable_fill
    rows = actions.select_related("theme", "owner").order_by("pk")
    for action in rows.iterator(chunk_size=1000):
        ws.append(
            [
                action.pk,
                action.version,
                cell_safe(action.reference),
                cell_safe(action.title),
                cell_safe(str(action.theme) if action.theme else ""),
                cell_safe(str(action.owner) if action.owner else ""),
                action.due_date,
                ActionStatus(action.status).label,
                action.progress,
                "",
                cell_safe(action.evidence_url),
            ]
        )
    last = ws.max_row
    for row in ws.iter_rows(min_row=2, max_row=last):
        for cell in row:
            if COLUMNS[cell.column - 1] in EDITABLE:
                cell.protection = Protection(locked=False)
            if cell.column == COLUMNS.index("Due date") + 1:
                cell.number_format = "d mmmm yyyy"
    labels = ",".join(label.replace(",", "") for label in ActionStatus.labels)
    if len(labels) < 250:
        status_col = chr(ord("A") + COLUMNS.index("Status"))
        dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=False)
        dv.error = "Choose a status from the list"
        ws.add_data_validation(dv)
        dv.add(f"{status_col}2:{status_col}{max(last, 2)}")
    widths = [10, 9, 11, 50, 28, 34, 14, 30, 11, 50, 40]
    for col, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + col)].width = width
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass
class RowPreview:
    row: int
    action_id: int | None
    title: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    change: BulkChange | None = None


@dataclass
class Preview:
    rows: list[RowPreview] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[RowPreview]:
        return [r for r in self.rows if r.change is not None and not r.errors]

    @property
    def rows_with_errors(self) -> list[RowPreview]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.rows_with_errors and bool(self.changed)


_STATUS_BY_TEXT = {}
for _value, _label in ActionStatus.choices:
    _STATUS_BY_TEXT[_value.lower()] = _value
    _STATUS_BY_TEXT[_label.lower()] = _value
    _STATUS_BY_TEXT[_label.lower().replace(",", "")] = _value
    _STATUS_BY_TEXT[_value.replace("_", " ")] = _value
_STATUS_BY_TEXT["complete"] = ActionStatus.COMPLETE


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell_unescape(str(value).strip())


def _int(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int,)):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip().rstrip("%").strip()
    return int(text) if text.isdigit() else None


def _cell_refused(column: str, cell: ReadOnlyCell | EmptyCell) -> str | None:
    """Why a cell cannot be accepted (a formula, an error value), naming its column; None if it can."""
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        formula = str(cell.value)[:40]
        return (
            f"{column}: the cell holds a formula ({formula}), which is not saved. "
            "Type the text or number itself; start it with an apostrophe if it begins with =."
        )
    if kind == "e":
        return f"{column}: the cell shows the error {cell.value}. Type the value itself."
    return None


def spreadsheet_preview(*, file: File | bytes, user: User) -> Preview:
    """Read an uploaded workbook and say, row by row, what would change and what is wrong. Saves nothing."""
    preview = Preview()
    data = file.read() if hasattr(file, "read") else bytes(file)
    try:
        # A workbook is a zip of XML parts: refuse a zip bomb before openpyxl unpacks anything.
        check_zip_container(data, "spreadsheet")
    except InputError as refused:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            preview.errors.append(NOT_A_WORKBOOK)
        else:
            preview.errors.append(f"The file cannot be used: {refused}. Upload the .xlsx file you downloaded.")
        return preview
    try:
        # Not data_only: a formula must be seen as a formula (and refused), never read as its
        # cached result or, when it has none, as an empty cell.
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        preview.errors.append(NOT_A_WORKBOOK)
        return preview
    ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows()
    header = [(_text(c.value)) for c in (next(rows, None) or [])]
    while header and header[-1] == "":
        header.pop()
    if header != COLUMNS:
        preview.errors.append(
            "The first row must have the columns of the downloaded spreadsheet, in order: " + ", ".join(COLUMNS) + "."
        )
        return preview
    raw, refused_cells = [], {}
    for number, cells in enumerate(rows, start=2):
        cells = list(cells)[: len(COLUMNS)]
        values = [c.value for c in cells] + [None] * (len(COLUMNS) - len(cells))
        if all(v in (None, "") for v in values):
            continue
        problems = [_cell_refused(COLUMNS[i], cell) for i, cell in enumerate(cells) if _cell_refused(COLUMNS[i], cell)]
        if problems:
            refused_cells[number] = problems
        raw.append((number, dict(zip(COLUMNS, values, strict=False))))
        if len(raw) > MAX_ROWS:
            preview.errors.append(f"The spreadsheet has more than {MAX_ROWS} rows. Split it into smaller uploads.")
            return preview
    wb.close()
    ids = {i for i in (_int(r["Action ID"]) for _, r in raw) if i is not None}
    actions = {
        a.pk: a for a in permissions.scope_to_user(Action.objects.filter(pk__in=ids), user).select_related("owner")
    }
    changeable = set(
        permissions.scope_to_user(Action.objects.filter(pk__in=ids), user)
        .filter(permissions.changeable_actions_q(user))
        .values_list("pk", flat=True)
    )
    seen = set()
    url_ok = URLValidator(schemes=["http", "https"])
    for number, r in raw:
        action_id = _int(r["Action ID"])
        row = RowPreview(row=number, action_id=action_id, title=_text(r["Title"]))
        preview.rows.append(row)
        if number in refused_cells:
            row.errors.extend(refused_cells[number])
            continue
        action = actions.get(action_id) if action_id is not None else None
        if action is None:
            row.errors.append("The action ID is not one of your council's actions. Do not change the Action ID column.")
            continue
        row.title = action.title
        if action_id in seen:
            row.errors.append("This action is in the spreadsheet more than once. Keep one row for it.")
            continue
        seen.add(action_id)
        status_text = _text(r["Status"]).lower()
        status = _STATUS_BY_TEXT.get(status_text)
        progress = _int(r["Progress %"])
        note = _text(r["Note for this update"])
        evidence = _text(r["Evidence link"])
        version = _int(r["Version"])
        if status is None:
            row.errors.append(
                f"Status \u201c{_text(r['Status'])}\u201d is not one we know. Use one of: "
                + ", ".join(ActionStatus.labels)
                + "."
            )
        if progress is None or not 0 <= progress <= 100:
            row.errors.append("Progress must be a whole number from 0 to 100.")
        if evidence:
            try:
                url_ok(evidence)
            except ValidationError:
                row.errors.append("The evidence link must be a web address starting https://")
        if row.errors:
            continue
        if status in ActionStatus.done():
            progress = 100
        changes = []
        if status != action.status:
            changes.append(("Status", ActionStatus(action.status).label, ActionStatus(status).label))
        if progress != action.progress:
            changes.append(("Progress", f"{action.progress}%", f"{progress}%"))
        if evidence and evidence != action.evidence_url:
            changes.append(("Evidence link", action.evidence_url or "none", evidence))
        if note:
            changes.append(("Note", "", note))
        if not changes:
            continue
        row.changes = changes
        if action_id not in changeable:
            row.errors.append("You cannot change this action: it is not one you own or line-manage.")
        if version != action.version:
            row.errors.append(
                "Someone changed this action after the spreadsheet was downloaded. Download it again and redo this row."
            )
        if status in NOTE_REQUIRED and not note:
            row.errors.append(f"Add a note: it is needed when an action is {ActionStatus(status).label.lower()}.")
        if status == ActionStatus.EVIDENCED and not (evidence or action.evidence_url):
            row.errors.append("Add an evidence link: it is needed for complete (impact evidenced).")
        if not row.errors:
            row.change = BulkChange(
                action_id=action.pk,
                version=action.version,
                status=status,
                progress=progress,
                note=note,
                evidence_url=evidence,
            )
    if not preview.errors and not preview.rows_with_errors and not preview.changed:
        preview.errors.append("The spreadsheet has no changes to the actions.")
    return preview


def spreadsheet_filename(*, authority_name: str, today: date) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in authority_name.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"actions-{slug or 'all'}-{today:%Y-%m-%d}.xlsx"
