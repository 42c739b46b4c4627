import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from improvement.models import Action, ProgressUpdate
from improvement.services.spreadsheets import COLUMNS, actions_xlsx_build, spreadsheet_preview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(client):
    response = client.get(reverse("actions_xlsx_download"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def _upload(client, wb, **extra):
    buffer = io.BytesIO()
    wb.save(buffer)
    file = SimpleUploadedFile("actions.xlsx", buffer.getvalue(), content_type=XLSX)
    return client.post(reverse("actions_xlsx_upload"), {"file": file, **extra})


def _row_of(ws, action):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == action.pk:
            return {COLUMNS[i]: cell for i, cell in enumerate(row)}
    raise AssertionError("action not in sheet")


def test_formula_like_text_is_neutralised_on_export(actions):
    Action.objects.filter(pk=actions["soon"].pk).update(title='=HYPERLINK("http://evil","click")', reference="+1")
    wb = load_workbook(io.BytesIO(actions_xlsx_build(actions=Action.objects.all())))
    ws = wb.active
    assert [c.value for c in ws[1]] == COLUMNS
    row = _row_of(ws, actions["soon"])
    assert row["Title"].value.startswith("'=") and row["Title"].data_type == "s"
    assert row["Reference"].value == "'+1"
    for r in ws.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in r)


def test_download_edit_preview_and_apply(client, lead, actions):
    client.force_login(lead)
    wb = _download(client)
    ws = wb.active
    soon, later = _row_of(ws, actions["soon"]), _row_of(ws, actions["later"])
    soon["Status"].value = "At risk"
    soon["Note for this update"].value = "Trainer unavailable"
    later["Progress %"].value = 65
    preview = _upload(client, wb)
    html = preview.content.decode()
    assert preview.status_code == 200, html
    assert "Check the changes before you save them" in html
    assert "On track &rarr; At risk" in html and "50% &rarr; 65%" in html
    assert Action.objects.get(pk=actions["soon"].pk).status == "on_track"  # nothing saved yet
    signed = preview.context["signed"]
    done = client.post(reverse("actions_xlsx_upload"), {"changes": signed})
    assert done.status_code == 302
    assert Action.objects.get(pk=actions["soon"].pk).status == "at_risk"
    assert Action.objects.get(pk=actions["later"].pk).progress == 65
    assert ProgressUpdate.objects.filter(note="Trainer unavailable").exists()


def test_each_rows_errors_are_explained_and_nothing_is_saved(client, lead, actions, foreign_action):
    client.force_login(lead)
    wb = _download(client)
    ws = wb.active
    soon, later = _row_of(ws, actions["soon"]), _row_of(ws, actions["later"])
    soon["Status"].value = "Nearly there"
    later["Status"].value = "Off track"  # no note
    director = _row_of(ws, actions["director"])
    director["Progress %"].value = 140
    other = _row_of(ws, actions["other"])
    other["Progress %"].value = 80
    ws.append([foreign_action.pk, 1, "", "Sneaky", "", "", None, "On track", 10, "", ""])
    response = _upload(client, wb)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Status \u201cNearly there\u201d is not one we know" in html
    assert "Add a note: it is needed when an action is off track" in html
    assert "Progress must be a whole number from 0 to 100" in html
    assert "not one of your council&#x27;s actions" in html
    assert "Save all changes" not in html
    assert Action.objects.get(pk=actions["other"].pk).progress == 40


def test_a_row_changed_since_download_is_refused_at_preview_and_at_apply(client, lead, manager, actions):
    from improvement.services.actions import action_record_update

    client.force_login(lead)
    wb = _download(client)
    _row_of(wb.active, actions["soon"])["Progress %"].value = 70
    _row_of(wb.active, actions["later"])["Progress %"].value = 75
    preview = _upload(client, wb)
    assert preview.status_code == 200
    # Someone saves one of the two actions between the preview and the confirmation: nothing at all is applied.
    action_record_update(action=actions["soon"], by=manager, status="on_track", progress=30, expected_version=1)
    done = client.post(reverse("actions_xlsx_upload"), {"changes": preview.context["signed"]})
    assert done.status_code == 409
    assert "changed by someone else" in done.content.decode() and "Nothing was saved" in done.content.decode()
    assert Action.objects.get(pk=actions["later"].pk).progress == 50
    again = _upload(client, wb)
    assert "Someone changed this action after the spreadsheet was downloaded" in again.content.decode()


def test_not_a_spreadsheet_and_wrong_columns(client, lead, actions):
    client.force_login(lead)
    bad = client.post(
        reverse("actions_xlsx_upload"), {"file": SimpleUploadedFile("actions.xlsx", b"not a zip", content_type=XLSX)}
    )
    assert "not an Excel spreadsheet we can read" in bad.content.decode()
    wb = _download(client)
    wb.active["A1"].value = "ID"
    assert "The first row must have the columns" in _upload(client, wb).content.decode()
    txt = client.post(reverse("actions_xlsx_upload"), {"file": SimpleUploadedFile("a.csv", b"x")})
    assert "must be an Excel spreadsheet" in txt.content.decode()


def test_a_tampered_preview_is_refused(client, lead, actions):
    client.force_login(lead)
    response = client.post(reverse("actions_xlsx_upload"), {"changes": "forged"})
    assert response.status_code == 400 and "expired" in response.content.decode()


def test_preview_without_changes_says_so(lead, actions):
    data = io.BytesIO(actions_xlsx_build(actions=Action.objects.filter(authority=lead.authority)))
    preview = spreadsheet_preview(file=data, user=lead)
    assert not preview.ok and preview.errors == ["The spreadsheet has no changes to the actions."]
