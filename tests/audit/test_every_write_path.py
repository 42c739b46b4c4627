"""Every write path reaches the one audit trail: the admin, spreadsheet upload, the importer, Manage plan."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from improvement.models import Action, Measure, MeasureValue, ProgressUpdate, UpdateKind
from improvement.selectors.audit import describe, record_changes
from improvement.services.plan_admin import measure_value_record
from improvement.services.spreadsheets import COLUMNS
from tests.factories import MeasureFactory, MeasureValueFactory, OwnerFactory
from tests.importing.test_import_command import MINUTES, run

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def last_entry(obj):
    return LogEntry.objects.get_for_object(obj).order_by("-timestamp", "-pk").first()


def admin_form(action, **changes):
    data = {
        "title": action.title,
        "description": action.description,
        "reference": action.reference,
        "plan": action.plan_id or "",
        "theme": action.theme_id or "",
        "owner": action.owner_id or "",
        "start_date": action.start_date or "",
        "due_date": action.due_date.isoformat() if action.due_date else "",
        "loaded_version": action.version,
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


class TestAdminEditsToAnAction:
    def test_a_change_needs_a_reason_and_nothing_is_saved_without_one(self, client, sam, recruit):
        client.force_login(sam)
        url = reverse("admin:improvement_action_change", args=[recruit.pk])
        response = client.post(url, admin_form(recruit, due_date="2026-07-31"))
        assert response.status_code == 200
        assert "Enter the reason for the change" in response.content.decode()
        recruit.refresh_from_db()
        assert recruit.due_date == dt.date(2026, 6, 30) and recruit.version == 1
        assert not recruit.updates.filter(kind=UpdateKind.CHANGE).exists()

    def test_a_change_adds_a_history_row_raises_the_version_and_is_in_the_audit_log(self, client, sam, recruit):
        new_owner = OwnerFactory(authority=recruit.authority, role_title="Principal Social Worker")
        client.force_login(sam)
        url = reverse("admin:improvement_action_change", args=[recruit.pk])
        response = client.post(
            url, admin_form(recruit, due_date="2026-07-31", owner=new_owner.pk, reason="Agreed at the board")
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        recruit.refresh_from_db()
        assert recruit.due_date == dt.date(2026, 7, 31) and recruit.owner == new_owner and recruit.version == 2
        row = recruit.updates.get(kind=UpdateKind.CHANGE)
        assert row.author == sam and row.reason == "Agreed at the board"
        assert row.changes["due_date"] == ["30 June 2026", "31 July 2026"]
        assert row.changes["owner"] == ["Head of Workforce", "Principal Social Worker"]
        [audit] = describe([last_entry(recruit)])
        assert audit.who == "Sam Lead" and audit.reason == "Agreed at the board"
        assert "due date 30 June 2026 \u2192 31 July 2026" in audit.changes
        assert "owner Head of Workforce \u2192 Principal Social Worker" in audit.changes

    def test_a_form_opened_before_someone_elses_save_is_refused(self, client, sam, recruit):
        client.force_login(sam)
        stale = admin_form(recruit, title="Recruit more social workers", reason="Clearer title")
        Action.objects.filter(pk=recruit.pk).update(version=2)
        response = client.post(reverse("admin:improvement_action_change", args=[recruit.pk]), stale)
        assert response.status_code == 200
        assert "Someone else changed this action after you opened it" in response.content.decode()
        assert Action.objects.get(pk=recruit.pk).title == "Recruit social workers"

    def test_an_action_added_in_the_admin_starts_its_history(self, client, sam, authority):
        client.force_login(sam)
        data = admin_form(Action(title="Publish the sufficiency strategy"), due_date="2026-09-30")
        data.pop("loaded_version")
        response = client.post(reverse("admin:improvement_action_add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        action = Action.objects.get(title="Publish the sufficiency strategy")
        assert action.authority == authority
        assert action.updates.get().kind == UpdateKind.CREATED
        assert describe([last_entry(action)])[0].what == "Action 'Publish the sufficiency strategy' added"


def test_a_spreadsheet_upload_is_recorded_as_done_by_the_uploader(client, sam, recruit):
    client.force_login(sam)
    wb = load_workbook(io.BytesIO(client.get(reverse("actions_xlsx_download")).content))
    ws = wb.active
    for row in ws.iter_rows(min_row=2):
        if row[0].value == recruit.pk:
            row[COLUMNS.index("Progress %")].value = 75
    buffer = io.BytesIO()
    wb.save(buffer)
    preview = client.post(
        reverse("actions_xlsx_upload"), {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue(), content_type=XLSX)}
    )
    client.post(reverse("actions_xlsx_upload"), {"changes": preview.context["signed"]})
    assert Action.objects.get(pk=recruit.pk).progress == 75
    [audit] = describe([last_entry(recruit)])
    assert audit.who == "Sam Lead" and audit.changes == ["progress 40 \u2192 75"]


def test_importing_minutes_records_every_new_row_with_its_document(tmp_path, authority):
    (tmp_path / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    code, _, err = run(str(tmp_path / "minutes.txt"), "--authority", authority.name)
    assert code == 0, err
    for action in Action.objects.filter(authority=authority):  # written with bulk_create
        entry = last_entry(action)
        assert entry.action == LogEntry.Action.CREATE
        assert entry.additional_data == {"authority": authority.pk, "reason": "Imported from minutes.txt"}
    value = MeasureValue.objects.get(measure__authority=authority)
    assert last_entry(value).additional_data["parent"] == value.measure_id


def test_a_second_import_for_the_same_measure_and_date_adds_a_value_and_overwrites_nothing(tmp_path, authority):
    (tmp_path / "a.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "b.txt").write_text(MINUTES.replace("62%", "64%") + "\nA second copy.\n", encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        assert run(str(tmp_path / name), "--authority", authority.name)[0] == 0
    values = MeasureValue.objects.filter(measure__authority=authority).order_by("pk")
    assert [v.value for v in values] == [Decimal("62"), Decimal("64")]
    assert values[0].date == values[1].date
    assert all(last_entry(v).action == LogEntry.Action.CREATE for v in values)


class TestMeasureValues:
    def test_a_second_value_for_the_same_date_keeps_the_first_in_the_audit_trail(self, sam, authority):
        measure = MeasureFactory(authority=authority, name="Case files audited good or better")
        first = measure_value_record(measure=measure, by=sam, on=dt.date(2026, 10, 1), value=Decimal("62"))
        second = measure_value_record(
            measure=measure, by=sam, on=dt.date(2026, 10, 1), value=Decimal("64.5"), reason="Corrected return"
        )
        assert second.pk == first.pk and measure.values.count() == 1
        [changed, added] = record_changes(user=sam, record=measure)[:2]
        assert changed.sentence == (
            "Measure value 'Case files audited good or better: 64.5 on 1 October 2026': value 62 \u2192 64.5, "
            "by Sam Lead, reason: Corrected return"
        )
        assert added.what.endswith("added")

    def test_the_same_figure_again_changes_nothing(self, sam, authority):
        measure = MeasureFactory(authority=authority)
        measure_value_record(measure=measure, by=sam, on=dt.date(2026, 10, 1), value=Decimal("62"))
        before = LogEntry.objects.count()
        measure_value_record(measure=measure, by=sam, on=dt.date(2026, 10, 1), value=Decimal("62"))
        assert LogEntry.objects.count() == before

    def test_two_typed_values_for_one_date_no_longer_break_the_page(self, client, sam, authority):
        measure = MeasureFactory(authority=authority)
        MeasureValueFactory(measure=measure, date=dt.date(2026, 10, 1), value=60)
        MeasureValueFactory(measure=measure, date=dt.date(2026, 10, 1), value=61)  # e.g. added in the admin
        client.force_login(sam)
        response = client.post(
            reverse("plan_admin_measure_values", args=[measure.pk]),
            {"date-day": "1", "date-month": "10", "date-year": "2026", "value": "63"},
        )
        assert response.status_code == 302
        assert sorted(v.value for v in measure.values.all()) == [Decimal("60"), Decimal("63")]


class TestChangesToThisRecord:
    def test_the_lead_sees_them_on_the_action_page(self, client, sam, moved):
        client.force_login(sam)
        html = client.get(reverse("action_detail", args=[moved.pk])).content.decode()
        assert "Changes to this record" in html
        assert "due date 30 June 2026 \u2192 31 July 2026, by Sam Lead" in html

    def test_a_manager_does_not(self, client, manager, moved):
        client.force_login(manager)
        html = client.get(reverse("action_detail", args=[moved.pk])).content.decode()
        assert "Changes to this record" not in html and "slipped a month" not in html

    def test_the_measure_page_lists_its_values_changes(self, client, sam, scrutiny, authority):
        measure = MeasureFactory(authority=authority, name="Timely visits")
        measure_value_record(measure=measure, by=sam, on=dt.date(2026, 10, 1), value=Decimal("70"))
        measure_value_record(measure=measure, by=sam, on=dt.date(2026, 10, 1), value=Decimal("71"), reason="Typo")
        client.force_login(sam)
        html = client.get(reverse("measure_detail", args=[measure.pk])).content.decode()
        assert "value 70 \u2192 71, by Sam Lead, reason: Typo" in html
        client.force_login(scrutiny)
        assert "Changes to this record" not in client.get(reverse("measure_detail", args=[measure.pk])).content.decode()

    def test_manage_plan_edit_pages_show_them(self, client, sam, authority):
        owner = OwnerFactory(authority=authority, role_title="Head of Fostering")
        client.force_login(sam)
        response = client.post(
            reverse("plan_admin_edit", args=["owners", owner.pk]),
            {
                "role_title": "Head of Fostering",
                "person_name": "Jo Bloggs",
                "email": owner.email,
                "reason": "New appointment",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        html = client.get(reverse("plan_admin_edit", args=["owners", owner.pk])).content.decode()
        assert "person name none \u2192 Jo Bloggs, by Sam Lead, reason: New appointment" in html
        html = client.get(reverse("plan_admin_measure_values", args=[MeasureFactory(authority=authority).pk]))
        assert "Changes to this record" in html.content.decode()


def test_measures_the_page_lists_are_the_councils(sam, other_authority):
    theirs = Measure.objects.create(authority=other_authority, name="Their measure")
    assert record_changes(user=sam, record=theirs) == []
    assert ProgressUpdate.objects.count() == 0


JUDGED = """CHILDREN AND YOUNG PEOPLE SCRUTINY PANEL - 14 MARCH 2024

Item 4: Ofsted inspection of local authority children's services

An Ofsted ILACS inspection was carried out from 15 to 26 January 2024 and the Council was rated Requires \
Improvement to be Good. The impact of leaders was judged good. The experiences and progress of children in care \
was judged requires improvement to be good.
"""


def test_an_inspections_area_grades_from_minutes_are_in_the_audit_trail(tmp_path, authority):
    from improvement.models import Inspection, InspectionJudgement

    (tmp_path / "panel.txt").write_text(JUDGED, encoding="utf-8")
    code, _, err = run(str(tmp_path / "panel.txt"), "--authority", authority.name)
    assert code == 0, err
    inspection = Inspection.objects.get(authority=authority)
    grades = list(InspectionJudgement.objects.filter(inspection=inspection))
    assert grades, "the text grades two areas"
    for grade in grades:  # written with bulk_create, so recorded by the importer itself
        entry = last_entry(grade)
        assert entry.action == LogEntry.Action.CREATE
        assert entry.additional_data["parent"] == inspection.pk
        assert entry.additional_data["reason"] == "Imported from panel.txt"
    # The same inspection in a second document merges: no second grade, no second entry.
    (tmp_path / "later.txt").write_text(JUDGED + "\nThe panel noted the update.\n", encoding="utf-8")
    assert run(str(tmp_path / "later.txt"), "--authority", authority.name)[0] == 0
    assert Inspection.objects.filter(authority=authority).count() == 1
    assert InspectionJudgement.objects.filter(inspection=inspection).count() == len(grades)
    assert all(LogEntry.objects.get_for_object(g).count() == 1 for g in grades)
