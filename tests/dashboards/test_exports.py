import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pdfminer.high_level import extract_text

from improvement.services.cells import cell_safe, cell_unescape
from improvement.services.exports import HEADERS
from tests.dashboards._pdf import get_pack_pdf
from tests.factories import ActionFactory, OwnerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value,expected",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Audit case files", "Audit case files"),
        (42, 42),
        (-3, -3),
        (None, None),
    ],
)
def test_formula_neutralisation(value, expected):
    assert cell_safe(value) == expected
    if isinstance(value, str):
        assert cell_unescape(cell_safe(value)) == value  # an upload reads back what was downloaded


@pytest.fixture
def evil(plan, authority):
    owner = OwnerFactory(authority=authority, role_title="@Head of Mischief")
    return ActionFactory(
        authority=authority,
        plan=plan["plan"],
        owner=owner,
        title='=HYPERLINK("http://evil.example","click")',
        due_date=dt.date(2026, 12, 1),
    )


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_starts_with_its_header_and_names_the_filters_and_date_in_the_file_name(
    client, scrutiny, plan, evil, today
):
    client.force_login(scrutiny)
    response = client.get(reverse("actions_export_csv"), {"owner": evil.owner_id})
    assert response["Content-Type"].startswith("text/csv")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="actions-northshire-county-council-owner-head-of-mischief-2026-11-25.csv"'
    )
    rows = _csv_rows(response)
    assert rows[0] == HEADERS  # the first row is the header: it opens as a table
    (row,) = rows[1:]
    assert row[1] == '\'=HYPERLINK("http://evil.example","click")'
    assert row[4] == "'@Head of Mischief"


def test_csv_lists_every_action_with_rating(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    response = client.get(reverse("actions_export_csv"))
    assert 'filename="actions-northshire-county-council-2026-11-25.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0] == HEADERS
    by_title = {r[1]: r for r in rows[1:]}
    assert len(by_title) == 6
    overdue = by_title["North overdue audit"]
    assert overdue[5] == "2026-11-13" and overdue[8] == "Red" and overdue[9] == "12" and overdue[3] == "1"


def test_export_file_names_keep_to_safe_characters_and_a_bounded_length():
    from improvement.services.exports import export_filename

    name = export_filename(
        kind="actions",
        slug="demo-borough",
        made_on=dt.date(2026, 12, 1),
        filters=[("Owner", 'Head of "Mischief" / Ops' * 10), ("Status", "Off track")],
    )
    assert name.startswith("actions-demo-borough-owner-head-of-mischief-ops") and name.endswith("-2026-12-01")
    assert len(name) <= 120 and '"' not in name and "/" not in name
    assert export_filename(kind="actions", slug="demo-borough", made_on=dt.date(2026, 12, 1)) == (
        "actions-demo-borough-2026-12-01"
    )


def test_xlsx_has_a_filtered_frozen_header_rag_fills_and_an_about_sheet(client, scrutiny, plan, evil, today):
    client.force_login(scrutiny)
    response = client.get(reverse("actions_export_xlsx"), {"status": "on_track"})
    assert "spreadsheetml" in response["Content-Type"]
    assert (
        'filename="actions-northshire-county-council-status-on-track-2026-11-25.xlsx"'
        in (response["Content-Disposition"])
    )
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Actions", "About"]
    ws = wb["Actions"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert ws.auto_filter.ref == f"A1:K{len(rows)}"
    assert ws.freeze_panes == "A2"
    titles = [r[1] for r in rows[1:]]
    assert "North overdue audit" in titles and "North evidenced" not in titles
    assert '\'=HYPERLINK("http://evil.example","click")' in titles
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    index = titles.index("North overdue audit") + 2
    assert ws.cell(row=index, column=6).value.date() == dt.date(2026, 11, 13)
    rating = ws.cell(row=index, column=9)
    assert rating.value == "Red"  # the word is kept, with the GOV.UK red tag's colours
    assert rating.fill.fgColor.rgb.endswith("F4CDC6") and rating.font.color.rgb.endswith("2A0B06")
    fills = {
        ws.cell(row=r, column=9).value: ws.cell(row=r, column=9).fill.fgColor.rgb[-6:] for r in range(2, ws.max_row + 1)
    }
    assert all(
        fills[word] == {"Red": "F4CDC6", "Amber": "FCD6C3", "Green": "CCE2D8", "Blue": "BBD4EA"}[word] for word in fills
    )
    assert ws.column_dimensions["B"].width >= len('\'=HYPERLINK("http://evil.example","click")')
    assert ws.column_dimensions["A"].width < ws.column_dimensions["B"].width
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert about["Authority"] == "Northshire County Council"
    assert about["Produced"] == "25 November 2026"
    assert about["Filters"] == "Status: On track"
    assert about["Actions"] == len(rows) - 1


def test_xlsx_of_no_actions_still_opens_with_its_header(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    wb = load_workbook(io.BytesIO(client.get(reverse("actions_export_xlsx"), {"q": "no such words"}).content))
    assert [c.value for c in wb["Actions"][1]] == HEADERS
    assert wb["Actions"].max_row == 1


def _structure_tags(data: bytes) -> set[str]:
    """The structure element types in a tagged PDF's structure tree."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    doc = PDFDocument(PDFParser(io.BytesIO(data)))
    catalog = doc.catalog
    assert resolve1(catalog["MarkInfo"])["Marked"] is True
    assert catalog["Lang"] == b"en-GB"
    found, stack, seen = set(), [resolve1(catalog["StructTreeRoot"])], 0
    while stack and seen < 20000:
        node = resolve1(stack.pop())
        seen += 1
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "S" in node:
                found.add(resolve1(node["S"]).name)
            if "K" in node:
                stack.append(node["K"])
    return found


def test_pdf_pack_has_its_parts_stamp_and_rows(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    response = get_pack_pdf(client, {"committee": "Children's Scrutiny Committee"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    tags = _structure_tags(response.content)
    assert {"H1", "H2", "H3", "Table", "TH", "TD"} <= tags  # tagged headings and table headers
    text = " ".join(extract_text(io.BytesIO(response.content)).split())
    for expected in (
        "Committee pack",
        "Northshire County Council",
        "25 November 2026",
        "Committee: Children's Scrutiny Committee",
        "1. Exceptions",
        "2. The plan by theme",
        "3. Since the last committee",
        "Annex: the lists in full",
        "North overdue audit",
        "North nothing yet",
        "new case system",
        "Red",
    ):
        assert expected in text, expected


def test_printable_pack_uses_the_print_stylesheet(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = client.get(reverse("committee_pack"), {"theme": plan["themes"][0].pk}).content.decode()
    assert 'href="/static/print.css" media="print"' in html
    assert "1. Exceptions" in html and "3. Since the last committee" in html
    assert "Theme: Theme" in html  # the stamp names the filter
    assert f"/pack/committee-pack.pdf?theme={plan['themes'][0].pk}" in html
