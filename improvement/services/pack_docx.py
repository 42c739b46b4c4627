"""The committee pack as a Word document, ready to paste into a committee report's appendix.

The same content as the PDF (`selectors.packs.committee_pack_content`) in the same order:
real headings (Title, Heading 1 for each part, Heading 2 for each list), tables whose
header row repeats on every page and whose rows do not split, BRAG as a shape and a word
on the GOV.UK tag colour, and the charts as PNG images (`chart_images`) with alternative
text. British English is set as the document's language.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from improvement import rag
from improvement.formats import govuk_date
from improvement.selectors.coverage import NO_ACTION
from improvement.selectors.packs import CHART_CAP
from improvement.services import chart_images
from improvement.templatetags.dashboard_tags import with_unit

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell, _Row

    from improvement.models import Recommendation
    from improvement.selectors.packs import Capped, PackContent

LANGUAGE = "en-GB"
SYMBOLS = {rag.RED: "\u25a0", rag.AMBER: "\u25b2", rag.GREEN: "\u25cf", rag.BLUE: "\u2605"}
HEX = {
    rating: (f"{t[0]:02X}{t[1]:02X}{t[2]:02X}", f"{f[0]:02X}{f[1]:02X}{f[2]:02X}")
    for rating, (t, f) in chart_images.RAG_COLOURS.items()
}
GREY = ("282D30", "EEEFEF")
CHART_WIDTH = Cm(15)


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _day(value: date | None, empty: str = "") -> str:
    return govuk_date(value) if value else empty


def _unit(value: object, unit: str) -> str:
    return with_unit(value, unit)  # the pages' rule: 62%, 3 days, 12


def _set_language(document: DocxDocument) -> None:
    document.core_properties.language = LANGUAGE
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        r_pr = document.styles[name].element.get_or_add_rPr()
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


def _shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _row_flags(row: _Row, *, header: bool) -> None:
    """A row never splits across pages; the header row repeats at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


class Rag:
    """A cell holding a BRAG rating: its shape and word on the GOV.UK tag colour, and any words after."""

    def __init__(self, rating: str | None, label: str | None = None, after: str = "") -> None:
        self.rating, self.label, self.after = rating, label, after


def _fill_cell(cell: _Cell, value: object, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if isinstance(value, Rag):
        text, fill = HEX.get(value.rating, GREY)
        word = value.label or rag.LABELS.get(value.rating, "No rating")
        symbol = SYMBOLS.get(value.rating)
        run = paragraph.add_run(f"{symbol} {word}" if symbol else word)
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(text)
        _shade(cell, fill)
        if value.after:
            paragraph.add_run(f" {value.after}")
        return
    run = paragraph.add_run("" if value is None else str(value))
    run.bold = bold


def _table(
    document: DocxDocument, headers: Sequence[str] | None, rows: Sequence[Sequence], *, numeric: Sequence[int] = ()
) -> None:
    """A table with a header row (None: pairs of a bold name and its value, with no header)."""
    table = document.add_table(rows=0, cols=len(headers) if headers else len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if headers:
        header = table.add_row()
        _row_flags(header, header=True)
        for i, text in enumerate(headers):
            _fill_cell(header.cells[i], text, bold=True)
            header.cells[i].paragraphs[0].paragraph_format.keep_with_next = True  # the header stays with row one
            if i in numeric:
                header.cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for values in rows:
        row = table.add_row()
        _row_flags(row, header=False)
        for i, value in enumerate(values):
            _fill_cell(row.cells[i], value, bold=i == 0)
            if i in numeric:
                row.cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _heading(document: DocxDocument, text: str, level: int) -> None:
    heading = document.add_heading(text, level=level)
    heading.paragraph_format.keep_with_next = True


def _lead(document: DocxDocument, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.keep_with_next = True


def _more(document: DocxDocument, capped: Capped, what: str) -> None:
    if capped.more:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"And {capped.more} more {what} \u2013 see the tracker.").italic = True


def _picture(document: DocxDocument, png: bytes, alt: str, name: str) -> None:
    document.add_picture(io.BytesIO(png), width=CHART_WIDTH)
    shape = document.inline_shapes[-1]
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)  # the alternative text Word reads out and shows in "Edit Alt Text"
    doc_pr.set("title", name)


def _list(
    document: DocxDocument,
    heading: str,
    capped: Capped,
    headers: Sequence[str],
    row: Callable,
    *,
    empty: str,
    what: str,
    numeric: Sequence[int] = (),
) -> None:
    _heading(document, f"{heading} ({capped.total})", 2)
    if capped:
        _table(document, headers, [row(item) for item in capped], numeric=numeric)
        _more(document, capped, what)
    else:
        document.add_paragraph(empty)


def _rec_name(rec: Recommendation) -> str:
    words = rec.text.split()
    text = " ".join(words[:40]) + (" \u2026" if len(words) > 40 else "")
    return f"{rec.reference}. {text}" if rec.reference else text


def _rec_status(rec: Recommendation, *, reason: bool = False) -> Rag:
    if rec.derived.rating == NO_ACTION:
        return Rag(None, "No actions")
    return Rag(rec.derived.rating, rec.derived.label, rec.derived.reason if reason else "")


def pack_docx(*, contents: PackContent, authority: str, today: date, filters_used: Sequence[tuple[str, str]]) -> bytes:
    """The committee pack (a selectors.packs.PackContent) as a .docx file's bytes."""
    document = Document()
    _set_language(document)
    title = f"Committee pack: {authority}, {_day(today)}"
    document.core_properties.title = title
    document.core_properties.author = authority
    document.core_properties.subject = "Improvement plan committee pack"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)

    d = contents.dashboard
    changes = contents.changes
    total = contents.changes_total
    document.add_heading("Committee pack", level=0)
    document.add_paragraph(
        "The exceptions come first: red and overdue actions, measures off target, recommendations with a gap. "
        "Then the plan's ratings by theme, what changed since the last committee, and an annex with the lists. "
        "Ratings are shown as words and shapes (\u25a0 Red, \u25b2 Amber, \u25cf Green, \u2605 Blue) as well as colour."
    )
    filters = "; ".join(f"{k}: {v}" for k, v in filters_used) or "None: every action and recommendation"
    _table(document, None, [["Authority", authority], ["Produced", _day(today)], ["Filters", filters]])

    _heading(document, "Summary", 1)
    counts = ", ".join(f"{c.count} {c.label.lower()}" for c in d.overall.counts)
    longest = f", the longest by {_n(contents.longest_overdue, 'day')}" if contents.longest_overdue else ""
    for line in (
        f"{_n(d.overall.total, 'action')}: {counts}.",
        f"{d.overdue_total} overdue{longest}.",
        f"{contents.measures_off_target.total} of {_n(len(contents.measures), 'measure')} off target.",
        f"{contents.recommendations_with_gap.total} of {_n(contents.recommendations.total, 'recommendation')} "
        "with a gap (no action, owner, deadline or measure).",
        f"Since {_day(changes.since.date)}: {_n(total.status_changes, 'status change')} "
        f"({total.completed} completed), {total.newly_overdue} newly overdue, {_n(total.new_actions, 'new action')}, "
        f"{_n(total.due_dates_moved, 'due date')} moved.",
    ):
        document.add_paragraph(line, style="List Bullet")

    _heading(document, "1. Exceptions", 1)
    _list(
        document,
        "Red and overdue actions",
        contents.red_actions,
        ["Action", "Owner", "Due", "Why it is red", "Status"],
        lambda a: [
            a.title,
            str(a.owner) if a.owner_id else "No owner",
            _day(a.due_date, "No deadline"),
            a.red_reason,
            Rag(a.rag, after=f"{a.get_status_display()}, {a.progress}%"),
        ],
        empty="No actions are red.",
        what="red actions",
    )
    _list(
        document,
        "Measures off target",
        contents.measures_off_target,
        ["Measure", "Latest", "Target", "Against target", "Direction of travel"],
        lambda m: [
            m.name,
            f"{_unit(m.latest_value, m.unit)} ({_day(m.latest_date)})",
            _unit(m.target, m.unit),
            Rag(m.rating),
            m.travel.text,
        ],
        empty="No measure is off target.",
        what="measures off target",
        numeric=(1, 2),
    )
    for m in contents.measures_off_target.rows[:CHART_CAP]:
        png, alt = chart_images.measure_png(
            points=[(v.date, v.value) for v in m.trend if v.value is not None],
            title=f"{m.name}: values over time",
            unit=m.unit,
            target=m.target,
        )
        _picture(document, png, alt, f"{m.name}: values over time")
    _list(
        document,
        "Recommendations with a gap",
        contents.recommendations_with_gap,
        ["Recommendation", "Gaps", "Status"],
        lambda r: [_rec_name(r), "; ".join(r.gaps), _rec_status(r)],
        empty="Every recommendation has an action, an owner, a deadline and a measure.",
        what="recommendations with a gap",
    )

    _heading(document, "2. The plan by theme", 1)
    _heading(document, "Actions by BRAG rating", 2)
    png, alt = chart_images.brag_by_theme_png(rows=d.themes)
    _picture(document, png, alt, "Actions by BRAG rating for each theme")
    rows = [[row.label, *(f"{c.count} ({c.percent}%)" for c in row.counts), row.total] for row in d.themes]
    rows.append(["All actions", *(f"{c.count} ({c.percent}%)" for c in d.overall.counts), d.overall.total])
    headers = ["Theme", *(f"{SYMBOLS[c.rating]} {c.label}" for c in d.overall.counts), "Total"]
    _table(document, headers, rows, numeric=(1, 2, 3, 4, 5))
    _table(document, ["Rating", "Meaning"], [[Rag(r), meaning] for r, _, meaning in d.rag_key])
    _heading(document, "Inspection and visits", 2)
    i, v = d.last_inspection, d.monitoring_visit
    inspection = "No inspection on record."
    if i:
        inspection = str(i) + (f": overall effectiveness {i.overall_grade_name}" if i.overall_grade_name else "")
        inspection += f". Report published {_day(i.report_published)}." if i.report_published else ""
    visit = f"{v}" + (f". Focus: {v.focus}" if v.focus else "") if v else "No monitoring visit on record."
    _table(
        document,
        None,
        [
            ["Last inspection", inspection],
            ["Action plan due to Ofsted", _day(d.action_plan_due, "Not known: no report publication date on record.")],
            ["Next monitoring visit" if d.monitoring_visit_is_next else "Latest monitoring visit", visit],
        ],
    )

    _heading(document, "3. Since the last committee", 1)
    _heading(document, "What changed, by theme", 2)
    _lead(
        document,
        f"{changes.since.explanation} {_n(len(changes.new_measure_values), 'new measure value')}. "
        "The annex lists each change.",
    )
    by_theme = [
        [r.label, r.status_changes, r.completed, r.newly_overdue, r.new_actions, r.due_dates_moved]
        for r in [*contents.changes_by_theme, total]
    ]
    _table(
        document,
        ["Theme", "Status changes", "Completed", "Newly overdue", "New actions", "Due dates moved"],
        by_theme,
        numeric=(1, 2, 3, 4, 5),
    )

    annex = contents.annex
    _heading(document, "Annex: the lists in full", 1)
    document.add_paragraph("Each list shows its first rows; the tracker has every row.")
    _list(
        document,
        "A1. Status changes",
        annex["status_changes"],
        ["Action", "From", "To", "When", "Reason or note"],
        lambda u: [
            u.action.title,
            u.status_before or "Not recorded",
            u.status_after + (" (completed)" if u.became_done else ""),
            _day(u.created_at.date()) + (f", by {u.author}" if u.author else ""),
            u.reason or u.note,
        ],
        empty="No status changes.",
        what="status changes",
    )
    _list(
        document,
        "A2. Newly overdue",
        annex["newly_overdue"],
        ["Action", "Owner", "Due", "Days overdue"],
        lambda a: [a.title, str(a.owner) if a.owner_id else "No owner", _day(a.due_date), a.days_overdue],
        empty="No actions became overdue.",
        what="newly overdue actions",
        numeric=(3,),
    )
    _list(
        document,
        "A3. New actions",
        annex["new_actions"],
        ["Action", "Theme", "Owner", "Added", "Due"],
        lambda a: [
            a.title,
            str(a.theme) if a.theme_id else "No theme",
            str(a.owner) if a.owner_id else "No owner",
            _day(a.created_at.date()),
            _day(a.due_date, "No deadline"),
        ],
        empty="No new actions.",
        what="new actions",
    )
    _list(
        document,
        "A4. Due dates moved",
        annex["due_dates_moved"],
        ["Action", "Was due", "Now due", "Reason"],
        lambda u: [
            u.action.title,
            _day(u.due_before, "No deadline") if isinstance(u.due_before, date) else (u.due_before or "No deadline"),
            _day(u.due_after, "No deadline") if isinstance(u.due_after, date) else (u.due_after or "No deadline"),
            u.reason or "No reason recorded",
        ],
        empty="No due dates moved.",
        what="moved due dates",
    )
    _list(
        document,
        "A5. New measure values",
        annex["new_measure_values"],
        ["Measure", "Date", "Value", "Target"],
        lambda mv: [
            mv.measure.name,
            _day(mv.date),
            (f"{mv.qualifier} " if mv.qualifier else "") + _unit(mv.value, mv.measure.unit),
            _unit(mv.measure.target, mv.measure.unit) or "No target",
        ],
        empty="No new measure values.",
        what="measure values",
        numeric=(2,),
    )
    _list(
        document,
        "B. Every recommendation",
        contents.recommendations,
        ["Recommendation", "Status", "Actions", "Gaps"],
        lambda r: [_rec_name(r), _rec_status(r, reason=True), r.n_actions, "; ".join(r.gaps) or "None"],
        empty="No recommendations match.",
        what="recommendations",
        numeric=(2,),
    )
    _list(
        document,
        "C. Due in the next 30 days",
        annex["due_soon"],
        ["Action", "Owner", "Due", "Progress", "Status"],
        lambda a: [
            a.title,
            str(a.owner) if a.owner_id else "No owner",
            _day(a.due_date),
            f"{a.progress}%",
            Rag(a.rag, after=a.get_status_display()),
        ],
        empty="No open actions are due in the next 30 days.",
        what="actions due soon",
        numeric=(3,),
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
