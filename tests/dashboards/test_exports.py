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


def test_csv_is_stamped_and_neutralised(client, scrutiny, plan, evil, today):
    client.force_login(scrutiny)
    response = client.get(reverse("actions_export_csv"), {"owner": evil.owner_id})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="northshire-county-council-actions-2026-11-25.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[1] == ["Authority", "Northshire County Council"]
    assert rows[2] == ["Produced", "25 November 2026"]
    assert rows[3] == ["Filters", "Owner: @Head of Mischief"]
    assert rows[5] == HEADERS
    (row,) = rows[6:]
    assert row[1] == '\'=HYPERLINK("http://evil.example","click")'
    assert row[4] == "'@Head of Mischief"


def test_csv_lists_every_action_with_rating(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    rows = _csv_rows(client.get(reverse("actions_export_csv")))
    by_title = {r[1]: r for r in rows[6:]}
    assert len(by_title) == 6
    overdue = by_title["North overdue audit"]
    assert overdue[5] == "2026-11-13" and overdue[8] == "Red" and overdue[9] == "12" and overdue[3] == "1"
    assert rows[3] == ["Filters", "none (every action)"]


def test_xlsx_is_stamped_and_cells_are_never_formulas(client, scrutiny, plan, evil, today):
    client.force_login(scrutiny)
    response = client.get(reverse("actions_export_xlsx"), {"status": "on_track"})
    assert "spreadsheetml" in response["Content-Type"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:2] == ("Authority", "Northshire County Council")
    assert rows[2][:2] == ("Produced", "25 November 2026")
    assert rows[3][:2] == ("Filters", "Status: On track")
    assert list(rows[5]) == HEADERS
    titles = [r[1] for r in rows[6:]]
    assert "North overdue audit" in titles and "North evidenced" not in titles
    assert '\'=HYPERLINK("http://evil.example","click")' in titles
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    due = next(r for r in rows[6:] if r[1] == "North overdue audit")[5]
    assert due.date() == dt.date(2026, 11, 13)


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


def test_pdf_pack_has_the_three_parts_stamp_and_rows(client, scrutiny, plan, today):
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
        "1. Plan dashboard",
        "2. Recommendations coverage",
        "3. Since the last committee",
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
    assert "1. Plan dashboard" in html and "3. Since the last committee" in html
    assert "Theme: Theme" in html  # the stamp names the filter
    assert f"/pack/committee-pack.pdf?theme={plan['themes'][0].pk}" in html
