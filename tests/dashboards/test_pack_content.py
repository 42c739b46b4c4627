"""The committee pack leads with the exceptions, keeps each heading with its table, and is a tagged,
coloured PDF with a title and a language; long lists are cut in the annex with the number left out."""

import io
import os
import re
from html.parser import HTMLParser

import pikepdf
import pytest
from django.urls import reverse
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer

from improvement.models import CommitteePackFile
from improvement.selectors.packs import ANNEX_CAP, EXCEPTION_CAP
from improvement.services.actions import action_record_update
from improvement.services.packs import committee_pack_build
from tests.dashboards._pdf import get_pack_pdf
from tests.dashboards.test_query_counts import grow

pytestmark = pytest.mark.django_db

# GOV.UK tag fills (red, amber, green, blue) as the PDF's 0-1 RGB operands.
TAG_FILLS = {"red": "f4cdc6", "amber": "fcd6c3", "green": "cce2d8", "blue": "bbd4ea"}


def _words(text: str) -> str:
    return " ".join(text.split())


def page_texts(data: bytes) -> list[str]:
    pages = []
    for layout in extract_pages(io.BytesIO(data)):
        pages.append(_words(" ".join(el.get_text() for el in layout if isinstance(el, LTTextContainer))))
    if os.environ.get("PACK_DUMP"):  # PACK_DUMP=/tmp/pack.pdf keeps the file to look at
        with open(os.environ["PACK_DUMP"], "wb") as out:
            out.write(data)
    return pages


class _Blocks(HTMLParser):
    """Each h2/h3 heading of the pack's HTML, with the text of the first cell of the table that follows it."""

    def __init__(self):
        super().__init__()
        self.blocks, self._in, self._text, self._want_cell, self._cell = [], None, "", False, None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            self._in, self._text = tag, ""
        elif tag == "tbody" and self.blocks and self.blocks[-1][1] is None:
            self._want_cell = True
        elif tag in ("th", "td") and self._want_cell:
            self._cell, self._want_cell = "", False

    def handle_endtag(self, tag):
        if tag == self._in:
            self.blocks.append((_words(self._text), None))
            self._in = None
        elif tag in ("th", "td") and self._cell is not None:
            heading, _ = self.blocks[-1]
            self.blocks[-1] = (heading, _words(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._in:
            self._text += data
        if self._cell is not None:
            self._cell += data


def pack_html_and_pdf(client, params=None):
    status = client.get(reverse("committee_pack_pdf_status"), params or {})
    pack = CommitteePackFile.objects.get(pk=status.context["pack"].pk)
    html = pack.html
    committee_pack_build(pack_id=pack.pk)
    return html, bytes(CommitteePackFile.objects.get(pk=pack.pk).data)


def test_the_pack_leads_with_the_exceptions(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = client.get(reverse("committee_pack")).content.decode()
    order = [
        "Summary",
        "1. Exceptions",
        "Red and overdue actions (2)",
        "Measures off target (1)",
        "Recommendations with a gap (",
        "2. The plan by theme",
        "3. Since the last committee",
        "Annex: the lists in full",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    red = html[html.index("Red and overdue actions") : html.index("Measures off target")]
    assert "North overdue audit" in red and "Due 12 days ago" in red
    assert "North off track" in red and "Reported off track" in red
    assert "North due soon" not in red
    measures = html[html.index("Measures off target") : html.index("Recommendations with a gap")]
    assert "North case files compliant" in measures and 'role="img"' in measures  # the measure's chart
    gaps = html[html.index("Recommendations with a gap") : html.index("2. The plan by theme")]
    assert "North nothing yet" in gaps and "No action" in gaps
    assert '<details class="govuk-details">' in html  # the annex lists are folded away on the page


def test_changes_since_the_last_committee_are_counted_by_theme(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    response = client.get(reverse("committee_pack"), {"since": "2020-01-01"})
    pack = response.context["contents"]
    by_theme = {row.label: row for row in pack.changes_by_theme}
    front = by_theme[f"Theme {plan['themes'][0].number}: North Front Door"]
    assert (front.status_changes, front.due_dates_moved, front.newly_overdue) == (1, 1, 1)
    assert pack.changes_total.new_actions == 6
    assert sum(row.new_actions for row in pack.changes_by_theme) == 6
    html = response.content.decode()
    section = html[html.index("3. Since the last committee") : html.index("Annex: the lists in full")]
    assert "North Front Door" in section and "North Children in care" in section


def test_long_lists_are_cut_in_the_annex_with_the_number_left_out(client, scrutiny, plan, today):
    grow(plan, 120)
    client.force_login(scrutiny)
    response = client.get(reverse("committee_pack"), {"since": "2020-01-01"})
    pack = response.context["contents"]
    assert len(pack.red_actions) == EXCEPTION_CAP and pack.red_actions.total > EXCEPTION_CAP
    new = pack.annex["new_actions"]
    assert len(new) == ANNEX_CAP and new.total == 126
    html = response.content.decode()
    assert f"And {126 - ANNEX_CAP} more new actions" in html
    assert f"And {pack.red_actions.total - EXCEPTION_CAP} more red actions" in html
    assert "see the tracker</a>" in html


def test_the_plan_by_theme_has_the_dashboards_brag_chart_with_its_sentence(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = client.get(reverse("committee_pack")).content.decode()
    by_theme = html[html.index("2. The plan by theme") : html.index("3. Since the last committee")]
    assert 'id="pack-brag-chart-title"' in by_theme and 'role="img"' in by_theme
    assert "has the most red actions" in by_theme or "No actions" in by_theme  # the chart's sentence
    _, data = pack_html_and_pdf(client)
    assert "has the most red actions" in " ".join(page_texts(data)) or "No actions" in " ".join(page_texts(data))


def test_the_pdf_is_tagged_titled_in_british_english_and_coloured(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    _, data = pack_html_and_pdf(client)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root and root.MarkInfo.Marked
        assert str(root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title) == "Committee pack: Northshire County Council, 25 November 2026"
        assert root.ViewerPreferences.DisplayDocTitle  # readers show the title, not the file name
        fills = set()
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("rg", "sc", "scn") and len(operands) == 3:
                    fills.add("".join(f"{round(float(v) * 255):02x}" for v in operands))
    assert set(TAG_FILLS.values()) <= fills  # red, amber, green and blue tags in their GOV.UK colours
    text = " ".join(page_texts(data))
    for word, shape in (("Red", "\u25a0"), ("Amber", "\u25b2"), ("Green", "\u25cf"), ("Blue", "\u2605")):
        assert f"{shape} {word}" in text, word  # the shape and the word stay with the colour


def test_each_heading_is_on_the_same_page_as_its_tables_first_row(client, scrutiny, plan, today):
    grow(plan, 120)  # long enough for the tables to run over several pages
    client.force_login(scrutiny)
    html, data = pack_html_and_pdf(client, {"since": "2020-01-01"})
    parser = _Blocks()
    parser.feed(html)
    blocks = [(heading, cell) for heading, cell in parser.blocks if cell]
    assert len(blocks) >= 8
    pages = page_texts(data)
    assert len(pages) >= 4
    for heading, cell in blocks:
        on = [n for n, text in enumerate(pages) if heading in text]
        assert on, heading
        assert cell[:40] in pages[on[0]], f"{heading!r} is on page {on[0] + 1} without its first row {cell!r}"


def test_no_link_is_underlined_in_the_pdf(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html, data = pack_html_and_pdf(client)
    assert re.search(r"a, a:visited \{[^}]*text-decoration: none", html)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    assert links  # the action titles are still links, just not underlined


def test_the_pdf_is_made_again_after_an_action_changes(client, lead, plan, today):
    client.force_login(lead)
    first = " ".join(page_texts(get_pack_pdf(client, {"since": "2020-01-01"}).content))
    assert "Red and overdue actions (2)" in first
    action = plan["actions"]["soon"]
    action_record_update(
        action=action, by=lead, status="off_track", progress=25, note="Waiting", expected_version=action.version
    )
    assert client.get(reverse("committee_pack_pdf"), {"since": "2020-01-01"}).status_code == 302  # not the old file
    again = " ".join(page_texts(get_pack_pdf(client, {"since": "2020-01-01"}).content))
    assert "Red and overdue actions (3)" in again
    red = again[again.index("Red and overdue actions (3)") : again.index("Measures off target")]
    assert "North due soon" in red


def _docx(response):
    import docx

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return docx.Document(io.BytesIO(response.content))


def test_the_word_document_has_real_headings_tables_with_header_rows_and_charts_with_alt_text(
    client, scrutiny, plan, today
):
    from docx.oxml.ns import qn

    client.force_login(scrutiny)
    response = client.get(reverse("committee_pack_docx"), {"since": "2020-01-01"})
    assert response["Content-Disposition"] == (
        'attachment; filename="northshire-county-council-committee-pack-2026-11-25.docx"'
    )
    document = _docx(response)
    assert document.core_properties.title == "Committee pack: Northshire County Council, 25 November 2026"
    assert document.core_properties.language == "en-GB"
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Committee pack") in headings
    for text in ("Summary", "1. Exceptions", "2. The plan by theme", "3. Since the last committee"):
        assert ("Heading 1", text) in headings, text
    assert ("Heading 2", "Red and overdue actions (2)") in headings
    assert ("Heading 2", "A1. Status changes (1)") in headings
    assert [name for name, _ in headings].index("Heading 1") < [name for name, _ in headings].index("Heading 2")

    tables = document.tables
    red = next(t for t in tables if t.rows[0].cells[0].text == "Action" and t.rows[0].cells[3].text == "Why it is red")
    assert red.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the header row repeats on each page
    assert [c.text for c in red.rows[0].cells] == ["Action", "Owner", "Due", "Why it is red", "Status"]
    first = [c.text for c in red.rows[1].cells]
    assert first[0] == "North overdue audit" and first[3] == "Due 12 days ago"
    status = red.rows[1].cells[4]
    assert status.text.startswith("\u25a0 Red")  # the shape and the word, on the GOV.UK red tag's colour
    shading = status._tc.tcPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == "F4CDC6"

    pictures = document.inline_shapes
    assert len(pictures) == 2  # the BRAG bars and the one measure off target
    alts = [p._inline.docPr.get("descr") for p in pictures]
    assert all(alts)
    assert any("North case files compliant" in alt and "target 80%" in alt for alt in alts)
    assert any(alt.startswith("Bar chart of actions by BRAG rating") and "North Front Door" in alt for alt in alts)


def test_the_word_document_is_each_councils_own_and_needs_a_sign_in(client, scrutiny, plan, other_plan, today):
    assert client.get(reverse("committee_pack_docx")).status_code == 302  # to sign in
    client.force_login(scrutiny)
    text = "\n".join(p.text for p in _docx(client.get(reverse("committee_pack_docx"))).paragraphs)
    cells = " ".join(
        c.text for t in _docx(client.get(reverse("committee_pack_docx"))).tables for r in t.rows for c in r.cells
    )
    assert "North overdue audit" in cells and "Southshire" not in text + cells


def test_the_word_document_follows_the_filters(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    document = _docx(client.get(reverse("committee_pack_docx"), {"theme": plan["themes"][1].pk}))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "North off track" in cells and "North overdue audit" not in cells
    assert f"Theme: Theme {plan['themes'][1].number}: North Children in care" in cells
