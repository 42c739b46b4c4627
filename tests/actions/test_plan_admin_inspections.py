"""Manage plan's inspections and visits (#12): list, add, edit and delete them, with their
judgements per area (the areas the framework in force on the start date grades) and their
recommendations. Every change after the first needs a reason, kept in the record's history."""

import datetime as dt

import pytest
from django.urls import reverse

from improvement.models import Inspection, InspectionJudgement, JudgementArea, Recommendation
from tests.factories import (
    InspectionFactory,
    MeasureFactory,
    MeasureValueFactory,
    RecommendationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _dates(prefix, day, month, year):
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def _add(client, **fields):
    data = {"kind": "ilacs_standard", **_dates("start", "", "", ""), **_dates("end", "", "", "")}
    data.update(fields)
    return client.post(reverse("plan_admin_inspection_create"), data)


def _page(response) -> str:
    return response.content.decode()


def test_a_2019_inspection_offers_the_2018_areas_and_an_overall_grade(client, lead, authority):
    client.force_login(lead)
    response = _add(
        client, kind="ilacs_standard", **_dates("start", "11", "6", "2019"), **_dates("end", "21", "6", "2019")
    )
    inspection = Inspection.objects.get(authority=authority)
    assert response.status_code == 302
    assert response["Location"] == reverse("plan_admin_inspection_judgements", args=[inspection.pk])
    assert (inspection.start_date, inspection.end_date) == (dt.date(2019, 6, 11), dt.date(2019, 6, 21))

    page = _page(client.get(response["Location"]))
    assert "ILACS 2018" in page
    assert "Overall effectiveness" in page
    assert "The experiences and progress of children in care and care leavers" in page
    assert "The experiences and progress of care leavers<" not in page  # a 2023 area

    response = client.post(
        response["Location"],
        {
            "overall": "requires_improvement",
            "area_leaders": "good",
            "area_help_and_protection": "requires_improvement",
            "area_in_care_and_care_leavers": "",
            "reason": "Grades from the published report",
        },
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.overall_judgement == "requires_improvement"
    grades = dict(inspection.judgements.values_list("judgement_area__key", "grade"))
    assert grades == {"leaders": "good", "help_and_protection": "requires_improvement"}

    listing = _page(client.get(reverse("plan_admin")))
    assert "11 to 21 June 2019" in listing
    assert "Requires improvement to be good overall, 2 areas graded" in listing
    edit = _page(client.get(reverse("plan_admin_inspection_edit", args=[inspection.pk])))
    assert "Grades from the published report" in edit  # Changes to this record


def test_a_may_2026_inspection_offers_four_areas_and_no_overall_grade(client, lead, authority):
    client.force_login(lead)
    _add(client, kind="ilacs_standard", **_dates("start", "11", "5", "2026"))
    inspection = Inspection.objects.get(authority=authority)
    url = reverse("plan_admin_inspection_judgements", args=[inspection.pk])
    page = _page(client.get(url))
    assert "No overall grade (inspections from 1 April 2026)" in page
    assert 'name="overall"' not in page
    assert page.count('class="govuk-select"') == 4
    assert "The experiences and progress of care leavers" in page

    # an overall grade sent anyway is not asked for, so not recorded (never worked out either)
    response = client.post(url, {"overall": "good", "area_leaders": "good", "reason": "From the report"})
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.overall_judgement == ""
    assert list(inspection.judgements.values_list("area", "grade")) == [
        ("The impact of leaders on social work practice with children and families", "good")
    ]


def test_a_monitoring_visit_with_a_month_alone_is_not_graded(client, lead, authority):
    client.force_login(lead)
    response = _add(
        client, kind="monitoring_visit", ordinal="4", focus="Children in care", **_dates("start", "", "10", "2019")
    )
    visit = Inspection.objects.get(authority=authority)
    assert response["Location"] == reverse("plan_admin_inspection_edit", args=[visit.pk])
    assert (visit.start_date, visit.date_precision) == (dt.date(2019, 10, 1), "month")
    listing = _page(client.get(reverse("plan_admin")))
    assert "Fourth monitoring visit, October 2019" in listing
    edit = _page(client.get(response["Location"]))
    assert "No framework grades areas for a monitoring visit on this date." in edit
    assert 'id="id_start-month" name="start-month" type="text" inputmode="numeric" value="10"' in edit


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (_dates("start", "31", "2", "2019"), "start", "The date must be a real date"),
        (
            {**_dates("start", "17", "10", "2019"), **_dates("end", "15", "10", "2019")},
            "end",
            "must be the same as or after",
        ),
        ({"kind": ""}, "kind", "Select the kind of inspection or visit"),
        ({"ordinal": "fourth"}, "ordinal", "Enter a whole number"),
    ],
)
def test_bad_input_is_an_error_on_the_field_and_nothing_is_saved(client, lead, authority, fields, field, message):
    client.force_login(lead)
    response = _add(client, **fields)
    page = _page(response)
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert "There is a problem" in page
    assert not Inspection.objects.filter(authority=authority).exists()


def test_a_change_needs_a_reason_and_is_kept_in_the_history(client, lead, authority):
    visit = InspectionFactory(
        authority=authority,
        kind="monitoring_visit",
        start_date=dt.date(2027, 2, 14),
        end_date=None,
        overall_judgement="",
    )
    client.force_login(lead)
    url = reverse("plan_admin_inspection_edit", args=[visit.pk])
    data = {"kind": "monitoring_visit", **_dates("start", "15", "10", "2019"), **_dates("end", "17", "10", "2019")}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Enter the reason for the change" in _page(response)
    visit.refresh_from_db()
    assert visit.start_date == dt.date(2027, 2, 14)

    response = client.post(url, {**data, "reason": "The importer read the wrong visit"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.start_date, visit.end_date) == (dt.date(2019, 10, 15), dt.date(2019, 10, 17))
    page = _page(client.get(url))
    assert "14 February 2027 \u2192 15 October 2019" in page
    assert "reason: The importer read the wrong visit" in page


def test_a_date_that_moves_a_graded_inspection_to_another_framework_is_refused(client, lead, authority):
    inspection = InspectionFactory(authority=authority, start_date=dt.date(2019, 6, 11), end_date=None)
    area = JudgementArea.objects.get(framework=inspection.framework, key="leaders")
    InspectionJudgement.objects.create(inspection=inspection, judgement_area=area, area=area.name, grade="good")
    client.force_login(lead)
    response = client.post(
        reverse("plan_admin_inspection_edit", args=[inspection.pk]),
        {"kind": "ilacs_standard", **_dates("start", "11", "5", "2026"), "reason": "Typo"},
    )
    assert response.status_code == 400
    assert "Remove its judgements first" in _page(response)
    inspection.refresh_from_db()
    assert inspection.start_date == dt.date(2019, 6, 11)


def test_a_wrong_judgement_on_a_focused_visit_can_be_removed(client, lead, authority):
    visit = InspectionFactory(
        authority=authority, kind="focused_visit", start_date=dt.date(2024, 3, 5), end_date=None, overall_judgement=""
    )
    wrong = InspectionJudgement.objects.create(inspection=visit, area="Help and protection", grade="inadequate")
    client.force_login(lead)
    url = reverse("plan_admin_inspection_judgements", args=[visit.pk])
    page = _page(client.get(url))
    assert "Remove this judgement" in page
    assert '<label class="govuk-label " for="id_overall">Judgement</label>' in page
    response = client.post(
        url, {f"other_{wrong.pk}": "", "overall": "good", "reason": "Another inspection's judgement"}
    )
    assert response.status_code == 302
    assert not InspectionJudgement.objects.filter(pk=wrong.pk).exists()
    visit.refresh_from_db()
    assert visit.overall_judgement == "good"  # as the lead gave it
    assert "Another inspection&#x27;s judgement" in _page(
        client.get(reverse("plan_admin_inspection_edit", args=[visit.pk]))
    )


def test_an_inspections_recommendations_are_listed_and_added_from_its_page(client, lead, authority):
    inspection = InspectionFactory(authority=authority)
    RecommendationFactory(authority=authority, inspection=inspection, reference="1", text="Improve supervision")
    client.force_login(lead)
    page = _page(client.get(reverse("plan_admin_inspection_edit", args=[inspection.pk])))
    assert "Improve supervision" in page
    add = f"{reverse('plan_admin_create', args=['recommendations'])}?inspection={inspection.pk}"
    assert add in page
    assert f'<option value="{inspection.pk}" selected>' in _page(client.get(add))


def test_deleting_an_inspection_says_what_goes_with_it_and_needs_a_reason(client, lead, authority):
    inspection = InspectionFactory(authority=authority, start_date=dt.date(2019, 6, 11), end_date=None)
    area = JudgementArea.objects.get(framework=inspection.framework, key="leaders")
    InspectionJudgement.objects.create(inspection=inspection, judgement_area=area, area=area.name, grade="good")
    rec = RecommendationFactory(authority=authority, inspection=inspection)
    client.force_login(lead)
    url = reverse("plan_admin_delete", args=["inspections", inspection.pk])
    page = _page(client.get(url))
    assert "Deleted with it: 1 inspection judgement." in page
    assert "These stay, no longer linked to it: 1 recommendation." in page

    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert Inspection.objects.filter(pk=inspection.pk).exists()

    response = client.post(url, {"reason": "Entered twice"})
    assert response.status_code == 302
    assert not Inspection.objects.filter(pk=inspection.pk).exists()
    assert Recommendation.objects.get(pk=rec.pk).inspection is None
    log = _page(client.get(reverse("audit_log")))
    assert "deleted" in log and "Entered twice" in log


def test_a_measure_with_values_is_not_deleted(client, lead, authority):
    measure = MeasureFactory(authority=authority, name="Agency social workers")
    MeasureValueFactory(measure=measure)
    client.force_login(lead)
    response = client.post(reverse("plan_admin_delete", args=["measures", measure.pk]), {"reason": "Not needed"})
    assert response.status_code == 409
    assert "cannot be deleted: it has 1 recorded value" in _page(response)
    assert measure.values.count() == 1


@pytest.mark.parametrize("role", ["manager", "scrutiny"])
def test_only_the_lead_manages_inspections(client, authority, role, request):
    inspection = InspectionFactory(authority=authority)
    client.force_login(request.getfixturevalue(role))
    for url in (
        reverse("plan_admin_inspection_create"),
        reverse("plan_admin_inspection_edit", args=[inspection.pk]),
        reverse("plan_admin_inspection_judgements", args=[inspection.pk]),
        reverse("plan_admin_delete", args=["inspections", inspection.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "x", "kind": "jtai"}).status_code == 403
    assert Inspection.objects.filter(authority=authority).count() == 1


def test_another_councils_lead_does_not_find_our_inspections(client, authority, other_authority):
    inspection = InspectionFactory(authority=authority)
    other_lead = UserFactory(authority=other_authority, role="Improvement lead")
    client.force_login(other_lead)
    assert str(inspection) not in _page(client.get(reverse("plan_admin")))
    for url in (
        reverse("plan_admin_inspection_edit", args=[inspection.pk]),
        reverse("plan_admin_inspection_judgements", args=[inspection.pk]),
        reverse("plan_admin_delete", args=["inspections", inspection.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404
    assert Inspection.objects.filter(pk=inspection.pk).exists()
