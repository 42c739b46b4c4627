"""Ofsted's outcomes for every council: the command, the service and the superuser page."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from improvement.models import Authority, Inspection, InspectionJudgement, SourceDocument
from improvement.services.ofsted_outcomes import OutcomesError, outcomes_import, outcomes_preview
from tests.factories import AuthorityFactory, UserFactory
from tests.ofsted import files
from tests.ofsted.files import CARE_LEAVERS, IN_CARE, IN_CARE_2018, LEADERS, LINK, RI, ods, scrape_csv, sheet_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def northshire(db):
    return AuthorityFactory(name="Northshire County Council", slug="northshire")


@pytest.fixture
def minutes_visit(northshire):
    """The focused visit the minutes importer made: the month only, with its quote."""
    text = "Ofsted carried out a focused visit in October 2025 looking at the front door."
    document = SourceDocument.objects.create(
        authority=northshire, filename="minutes.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text
    )
    return Inspection.objects.create(
        authority=northshire,
        kind="focused_visit",
        start_date=dt.date(2025, 10, 1),
        date_precision="month",
        source_document=document,
        source_quote=text,
        source_start=0,
        source_end=len(text),
    )


def snapshot():
    """Everything the import writes, as plain values."""
    return (
        sorted(Authority.objects.values_list("name", "ons_code", "ofsted_region", "slug")),
        sorted(
            Inspection.objects.values_list(
                "authority__name",
                "kind",
                "start_date",
                "date_precision",
                "overall_judgement",
                "report_published",
                "report_url",
                "official_source",
                "focus",
                "framework__name",
                "source_document_id",
            )
        ),
        sorted(
            InspectionJudgement.objects.values_list("inspection__start_date", "area", "judgement_area__key", "grade")
        ),
    )


def test_the_ods_creates_councils_with_codes_inspections_with_area_grades_and_no_overall_grade_from_april_2026(
    northshire,
):
    plan = outcomes_import(data=ods(), filename="outcomes.ods")
    assert plan.councils_created == ["Eastbridge (E06000099)"] and plan.councils_updated == [
        "Northshire County Council"
    ]
    northshire.refresh_from_db()
    assert (northshire.ons_code, northshire.ofsted_region) == ("E10000099", "North West")  # matched by name
    eastbridge = Authority.objects.get(ons_code="E06000099")
    assert eastbridge.name == "Eastbridge" and eastbridge.ofsted_region == "London"

    in_2025 = Inspection.objects.get(authority=northshire, start_date=dt.date(2025, 3, 3))
    assert (in_2025.kind, in_2025.overall_judgement, in_2025.overall_grade_name) == (
        "ilacs_standard",
        "requires_improvement",
        RI,
    )
    assert in_2025.report_published == dt.date(2025, 5, 9) and in_2025.report_url == LINK
    assert {j.judgement_area.key: j.grade for j in in_2025.judgements.all()} == {
        "leaders": "requires_improvement",
        "help_and_protection": "good",
        "in_care": "good",
        "care_leavers": "requires_improvement",
    }
    in_2019 = Inspection.objects.get(authority=northshire, start_date=dt.date(2019, 6, 11))
    assert in_2019.overall_judgement == "inadequate"
    assert sorted(j.area for j in in_2019.judgements.all()) == sorted(
        [LEADERS, files.HELP, IN_CARE_2018]
    )  # the 2018 areas

    may_2026 = Inspection.objects.get(authority=eastbridge)
    assert may_2026.overall_judgement == "" and may_2026.no_overall_grade_text == (
        "No overall grade (inspections from 1 April 2026)"
    )
    assert [j.area for j in may_2026.judgements.order_by("judgement_area__order")] == [
        LEADERS,
        files.HELP,
        IN_CARE,
        CARE_LEAVERS,
    ]
    assert plan.created["inspections"] == 3 and plan.created["visits"] == 1


def test_an_overall_grade_in_the_file_for_an_inspection_from_april_2026_is_not_kept(northshire):
    tables = files.sheets()
    tables["Inspections_as_at_31_March"][2][6] = "Good"  # Eastbridge, May 2026
    outcomes_import(data=ods(tables), filename="outcomes.ods")
    assert Inspection.objects.get(authority__ons_code="E06000099").overall_judgement == ""


def test_a_visit_the_minutes_made_is_merged_keeping_both_sources(northshire, minutes_visit):
    plan = outcomes_preview(data=ods(), filename="outcomes.ods")
    assert plan.merged_with_minutes == ["Northshire County Council: Focused visit, October 2025"]
    assert Inspection.objects.get(pk=minutes_visit.pk).official_source == ""  # the preview wrote nothing
    outcomes_import(data=ods(), filename="outcomes.ods")
    visits = Inspection.objects.filter(authority=northshire, kind="focused_visit")
    assert visits.count() == 1
    visit = visits.get()
    assert visit.start_date == dt.date(2025, 10, 14) and visit.date_precision == "day"
    assert visit.source_document_id == minutes_visit.source_document_id and visit.source_quote  # the minutes
    assert visit.official_source == "Ofsted official statistics, sheet In-year_inspections"  # and Ofsted
    assert visit.report_published == dt.date(2025, 11, 20) and visit.inspection_theme.name == "Front door"


def test_the_same_file_twice_changes_nothing(northshire, minutes_visit):
    outcomes_import(data=ods(), filename="outcomes.ods")
    before = snapshot()
    again = outcomes_import(data=ods(), filename="outcomes.ods")
    assert not again.changes_anything and again.unchanged == 4
    assert snapshot() == before
    call_command("import_ofsted_outcomes", _write(ods(), "outcomes.ods"))
    assert snapshot() == before


def test_the_daily_scrape_csv_merges_by_name_and_reports_a_council_it_cannot_place(northshire):
    outcomes_import(data=ods(), filename="outcomes.ods")
    before = Inspection.objects.count()
    data = scrape_csv(
        [
            [
                "80001",
                "Northshire",
                LINK,
                RI,
                "ILACS",
                "A Inspector",
                "03/03/2025",
                "14/03/2025",
                "09/05/2025",
                RI,
                "Good",
                "Good",
                RI,
            ],
            [
                "80002",
                "Westmarch",
                LINK,
                "Good",
                "ILACS",
                "B Inspector",
                "02/02/2026",
                "13/02/2026",
                "20/03/2026",
                "Good",
                "Good",
                "Good",
                "Good",
            ],
        ]
    )
    plan = outcomes_import(data=data, filename="ilacs_scrape.csv")
    assert Inspection.objects.count() == before  # Northshire's merged, Westmarch's not placed
    assert plan.not_placed == [
        "daily scrape, row 3: no council in the tracker is called 'Westmarch', "
        "and the row gives no area code to add it by"
    ]
    assert not Authority.objects.filter(name="Westmarch").exists()
    merged = Inspection.objects.get(authority=northshire, start_date=dt.date(2025, 3, 3))
    assert merged.end_date == dt.date(2025, 3, 14)


def test_one_sheet_saved_as_csv_is_read_like_the_ods(northshire):
    plan = outcomes_import(data=sheet_csv(files.sheets()["In-year_inspections"]), filename="in_year.csv")
    assert plan.sheets == ["In-year_inspections"] and plan.created["visits"] == 1
    assert Inspection.objects.get(authority=northshire).kind == "focused_visit"


def test_a_renamed_column_is_refused_naming_the_sheet_and_column(northshire):
    tables = files.sheets()
    tables["ILACS_inspection_history"][0][1] = "LA code"
    with pytest.raises(OutcomesError) as refused:
        outcomes_import(data=ods(tables), filename="outcomes.ods")
    assert str(refused.value) == (
        "sheet ILACS_inspection_history: the column 'Local authority area code' is missing from the header "
        "(columns it does not expect: 'LA code')"
    )
    assert not Inspection.objects.exists() and Authority.objects.count() == 1  # nothing half-saved
    with pytest.raises(CommandError, match="outcomes.ods sheet ILACS_inspection_history: the column"):
        call_command("import_ofsted_outcomes", _write(ods(tables), "outcomes.ods"))


def test_a_file_that_is_not_a_spreadsheet_or_lacks_the_sheets_is_refused(northshire):
    with pytest.raises(OutcomesError, match="cannot be read as a spreadsheet"):
        outcomes_preview(data=b"not a spreadsheet", filename="outcomes.ods")
    with pytest.raises(OutcomesError, match="has none of the sheets Inspections_as_at_31_March"):
        outcomes_preview(data=ods({"Notes": [["About these statistics"]]}), filename="outcomes.ods")


def test_a_bad_date_or_grade_is_reported_and_the_other_rows_saved(northshire):
    tables = files.sheets()
    tables["ILACS_inspection_history"][2][6] = "June 2019"
    tables["Inspections_as_at_31_March"][2][7] = "Adequate"
    plan = outcomes_import(data=ods(tables), filename="outcomes.ods")
    assert plan.not_placed == [
        "Inspections_as_at_31_March, row 5: Eastbridge: The impact of leaders on social work practice with children "
        "and families 'Adequate' is not a grade Ofsted uses",
        "ILACS_inspection_history, row 5: Northshire: Inspection date 'June 2019' is not a date written dd/mm/yyyy",
    ]
    assert Inspection.objects.filter(authority=northshire, start_date=dt.date(2025, 3, 3)).exists()


def test_the_command_previews_then_saves_and_dry_run_saves_nothing(northshire, capsys):
    path = _write(ods(), "outcomes.ods")
    call_command("import_ofsted_outcomes", path, "--dry-run")
    out = capsys.readouterr().out
    assert "Preview: outcomes.ods" in out and "Councils: 1 new" in out and not Inspection.objects.exists()
    call_command("import_ofsted_outcomes", path)
    assert "Saved: outcomes.ods" in capsys.readouterr().out and Inspection.objects.count() == 4


def test_the_superuser_page_previews_then_saves(client, northshire):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    page = client.get(reverse("ofsted_outcomes"))
    assert page.status_code == 200 and "Import Ofsted outcomes" in page.content.decode()
    upload = SimpleUploadedFile("outcomes.ods", ods())
    preview = client.post(reverse("ofsted_outcomes"), {"file": upload}).content.decode()
    assert "Check what outcomes.ods changes" in preview and "Eastbridge (E06000099)" in preview
    assert not Inspection.objects.exists()
    token = preview.split('name="token" value="')[1].split('"')[0]
    saved = client.post(reverse("ofsted_outcomes_confirm"), {"token": token}).content.decode()
    assert "Ofsted outcomes saved" in saved and Inspection.objects.count() == 4
    again = client.post(reverse("ofsted_outcomes_confirm"), {"token": token})
    assert again.status_code == 302  # a held file is used once


def test_the_page_shows_a_renamed_column_as_a_govuk_error(client, northshire):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    tables = files.sheets()
    tables["Inspections_as_at_31_March"][0][4] = "Date of inspection"
    response = client.post(reverse("ofsted_outcomes"), {"file": SimpleUploadedFile("o.ods", ods(tables))})
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html  # as every other upload answers
    assert "o.ods sheet Inspections_as_at_31_March: the column &#x27;Inspection date&#x27; is missing" in html
    response = client.post(reverse("ofsted_outcomes"), {"file": SimpleUploadedFile("o.pdf", b"%PDF")})
    assert response.status_code == 400 and "The file must be an ODS, XLSX or CSV file" in response.content.decode()


def test_only_a_superuser_may_import_outcomes(client, northshire):
    client.force_login(UserFactory(authority=northshire, role="Improvement lead", username="lead"))
    assert client.get(reverse("ofsted_outcomes")).status_code == 403
    upload = SimpleUploadedFile("outcomes.ods", ods())
    assert client.post(reverse("ofsted_outcomes"), {"file": upload}).status_code == 403
    assert not Inspection.objects.exists()


def _write(data: bytes, name: str) -> str:
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    path = folder / name
    path.write_bytes(data)
    return str(path)
