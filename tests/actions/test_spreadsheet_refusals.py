"""No silent drops in a spreadsheet upload: a cell that cannot be accepted is a row error; a
hostile file is refused before it is unpacked. Nothing is saved from a refused file."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from improvement.models import Action, ProgressUpdate
from improvement.services.spreadsheets import COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(client):
    return load_workbook(io.BytesIO(client.get(reverse("actions_xlsx_download")).content))


def _post(client, data):
    return client.post(reverse("actions_xlsx_upload"), {"file": SimpleUploadedFile("a.xlsx", data, content_type=XLSX)})


def _cells(ws, action):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == action.pk:
            return {COLUMNS[i]: cell for i, cell in enumerate(row)}
    raise AssertionError("action not in sheet")


def _bytes(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_formula_typed_in_the_note_is_a_row_error_naming_row_and_column(client, lead, actions):
    client.force_login(lead)
    wb = _download(client)
    ws = wb.active
    soon, later = _cells(ws, actions["soon"]), _cells(ws, actions["later"])
    soon["Note for this update"].value = '=CONCAT("Trainer ","unavailable")'  # openpyxl stores a formula
    soon["Status"].value = "At risk"
    later["Progress %"].value = 65  # a good row: the whole file is still refused
    response = _post(client, _bytes(wb))
    html = response.content.decode()
    row = soon["Status"].row
    assert f"Row {row}" in html
    assert "Note for this update: the cell holds a formula (=CONCAT(" in html
    assert "Error:" in html.split("</title>")[0]
    assert "signed" not in response.context or not response.context["signed"]
    assert Action.objects.get(pk=actions["later"].pk).progress == 50
    assert Action.objects.get(pk=actions["soon"].pk).status == "on_track"
    assert not ProgressUpdate.objects.filter(note__icontains="trainer").exists()


def test_a_formula_in_the_progress_column_is_refused_too(client, lead, actions):
    client.force_login(lead)
    wb = _download(client)
    _cells(wb.active, actions["later"])["Progress %"].value = "=50+15"
    html = _post(client, _bytes(wb)).content.decode()
    assert "Progress %: the cell holds a formula (=50+15)" in html
    assert Action.objects.get(pk=actions["later"].pk).progress == 50


def test_a_zip_bomb_named_xlsx_is_refused_before_it_is_unpacked(client, lead, actions):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024 * 1024) + b"/>")
    data = buffer.getvalue()
    assert len(data) < 200_000
    client.force_login(lead)
    html = _post(client, data).content.decode()
    assert "The file cannot be used: this spreadsheet unpacks to 60 MB; the limit is 50 MB" in html
    assert Action.objects.get(pk=actions["later"].pk).progress == 50
