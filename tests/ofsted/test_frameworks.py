"""Inspection frameworks as dated data: what an inspection is graded on depends on its start date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from improvement import extraction
from improvement.extraction.judgements import area_key_for
from improvement.models import Framework, Grade, Inspection, InspectionJudgement, InspectionTheme, JudgementArea
from improvement.selectors.frameworks import areas_for, with_judgements
from improvement.services.importing.documents import document_import
from improvement.services.importing.preview import document_preview
from tests.factories import InspectionFactory, UserFactory

pytestmark = pytest.mark.django_db

LEADERS = "The impact of leaders on social work practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
IN_CARE = "The experiences and progress of children in care"
CARE_LEAVERS = "The experiences and progress of care leavers"
IN_CARE_2018 = "The experiences and progress of children in care and care leavers"
GRADES = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]


def _inspection(start, **kwargs):
    kwargs.setdefault("overall_judgement", "")
    return InspectionFactory(start_date=start, end_date=start, report_published=None, **kwargs)


def test_an_inspection_in_2019_offers_the_2018_areas_and_an_overall_grade():
    offer = areas_for(dt.date(2019, 6, 11))
    assert [a.name for a in offer.areas] == [LEADERS, HELP, IN_CARE_2018]
    assert offer.has_overall_grade and offer.no_overall_grade_text == ""
    assert [name for _, name in offer.grade_choices] == GRADES


def test_care_leavers_have_their_own_judgement_from_1_january_2023():
    assert [a.name for a in areas_for(dt.date(2022, 12, 31)).areas] == [LEADERS, HELP, IN_CARE_2018]
    offer = areas_for(dt.date(2023, 1, 1))
    assert [a.name for a in offer.areas] == [LEADERS, HELP, IN_CARE, CARE_LEAVERS] and offer.has_overall_grade


def test_an_inspection_in_may_2026_offers_four_areas_and_no_overall_grade():
    offer = areas_for(dt.date(2026, 5, 12))
    assert [a.name for a in offer.areas] == [LEADERS, HELP, IN_CARE, CARE_LEAVERS]
    assert not offer.has_overall_grade
    assert offer.no_overall_grade_text == "No overall grade (inspections from 1 April 2026)"
    assert areas_for(dt.date(2026, 3, 31)).has_overall_grade


def test_visits_and_undated_inspections_are_offered_nothing_to_grade():
    assert areas_for(dt.date(2025, 5, 1), kind="focused_visit").areas == []
    assert areas_for(None).framework is None and not areas_for(None).has_overall_grade
    assert areas_for(dt.date(2015, 5, 1)).framework is None  # before ILACS: not in the data


def test_a_2027_framework_added_as_data_is_offered_with_no_code_change():
    current = Framework.objects.get(starts_on=dt.date(2026, 4, 1))
    renewed = Framework(
        name="Children and families services 2027",
        starts_on=dt.date(2027, 9, 1),
        inspection_kinds=["ilacs_standard"],
        has_overall_grade=False,
    )
    with pytest.raises(ValidationError, match="overlap ILACS from 1 April 2026"):
        renewed.full_clean()
    current.ends_on = dt.date(2027, 8, 31)
    current.save()
    renewed.full_clean()
    renewed.save()
    JudgementArea.objects.create(framework=renewed, key="family_help", name="Family help", order=1)
    Grade.objects.create(framework=renewed, key="strong", name="Strong standard", order=1)
    offer = areas_for(dt.date(2027, 10, 4))
    assert offer.framework == renewed and offer.area_choices == [("family_help", "Family help")]
    assert offer.grade_choices == [("strong", "Strong standard")]
    inspection = _inspection(dt.date(2027, 10, 4))
    InspectionJudgement.objects.create(inspection=inspection, area="Family help", grade="strong")
    shown = with_judgements(Inspection.objects.filter(pk=inspection.pk)).get()
    assert [j.grade_name for j in shown.judgements.all()] == ["Strong standard"]
    assert shown.no_overall_grade_text == "No overall grade (inspections from 1 September 2027)"


def test_judgements_are_checked_against_the_framework_in_force_on_the_start_date():
    may_2026 = _inspection(dt.date(2026, 5, 12), overall_judgement="good")
    assert may_2026.framework.name == "ILACS from 1 April 2026: no overall grade"
    with pytest.raises(ValidationError, match="gives no overall grade"):
        may_2026.full_clean()
    in_2019 = _inspection(dt.date(2019, 6, 11), overall_judgement="good")
    in_2019.full_clean()
    bad = InspectionJudgement(inspection=in_2019, area="Leaders", grade="adequate")
    with pytest.raises(ValidationError, match="no grade called 'adequate'"):
        bad.full_clean()
    wrong_framework = InspectionJudgement(
        inspection=in_2019,
        area=CARE_LEAVERS,
        judgement_area=JudgementArea.objects.get(framework=may_2026.framework, key="care_leavers"),
        grade="good",
    )
    with pytest.raises(ValidationError, match="does not grade this area"):
        wrong_framework.full_clean()


def test_moving_the_start_date_moves_the_inspection_to_the_framework_then_in_force():
    inspection = _inspection(dt.date(2026, 3, 2))
    assert inspection.framework.has_overall_grade
    inspection.start_date = inspection.end_date = dt.date(2026, 4, 20)
    inspection.save(update_fields=["start_date", "end_date"])
    inspection.refresh_from_db()
    assert not inspection.framework.has_overall_grade


def test_jtai_themes_are_dated_data():
    themes = {t.name: t for t in InspectionTheme.objects.filter(kind="jtai")}
    assert themes["Serious youth violence"].starts_on == dt.date(2023, 9, 1)
    assert themes["Child sexual abuse in the family environment"].starts_on == dt.date(2025, 9, 1)
    assert "HMI Probation" in themes["Child sexual abuse in the family environment"].agencies


def test_minutes_never_give_an_overall_grade_to_an_inspection_from_april_2026():
    text = (
        "CHILDREN'S SCRUTINY COMMITTEE - 10 SEPTEMBER 2026\n\n"
        "Ofsted inspected children's services in May 2026. The council was judged to be 'Good' overall.\n"
    )
    visits = extraction.extract(text).visits
    assert visits and visits[0].start == "2026-05" and visits[0].judgement is None
    earlier = text.replace("May 2026", "May 2025")
    assert extraction.extract(earlier).visits[0].judgement == "good"
    # the frameworks come in as plain data: a framework with an overall grade lets it through
    everything = (extraction.judgements.FrameworkPeriod(dt.date(2018, 1, 1), None, True),)
    assert extraction.extract(text, frameworks=everything).visits[0].judgement == "good"


def test_an_imported_inspection_from_april_2026_keeps_its_area_grades_and_gets_no_overall_grade(authority):
    text = (
        b"CHILDREN'S SCRUTINY COMMITTEE - 10 SEPTEMBER 2026\n\n"
        b"Ofsted inspected children's services in May 2026. The council was judged to be 'Good' overall. "
        b"The experiences and progress of care leavers were judged to be good.\n"
    )
    document_import(preview=document_preview(data=text, filename="m.txt"), authority=authority)
    inspection = Inspection.objects.get(authority=authority)
    assert inspection.overall_judgement == ""
    assert not inspection.framework.has_overall_grade


def test_area_words_in_minutes_are_matched_to_the_framework_areas():
    keys_2023 = ["leaders", "help_and_protection", "in_care", "care_leavers"]
    assert area_key_for("Leadership and management", keys_2023) == "leaders"
    assert area_key_for("children in care", keys_2023) == "in_care"
    assert area_key_for("care leavers", keys_2023) == "care_leavers"
    assert area_key_for("children in care and care leavers", ["in_care_and_care_leavers"]) == (
        "in_care_and_care_leavers"
    )
    assert area_key_for("Adoption performance", keys_2023) is None


def _graded(authority, start, overall):
    inspection = _inspection(start, authority=authority, overall_judgement=overall)
    for key, grade in [("leaders", "good"), ("help_and_protection", "requires_improvement")]:
        area = JudgementArea.objects.get(framework=inspection.framework, key=key)
        InspectionJudgement.objects.create(inspection=inspection, area=area.name, judgement_area=area, grade=grade)
    return inspection


def test_the_journey_and_dashboard_show_area_grades_side_by_side_and_no_overall_grade_from_april_2026(
    client, authority
):
    _graded(authority, dt.date(2019, 6, 11), "requires_improvement")
    _graded(authority, dt.date(2026, 5, 12), "")
    client.force_login(UserFactory(authority=authority, role="Scrutiny member", username="member"))
    html = client.get(reverse("inspection_journey")).content.decode()
    first, second = html.split("ILACS standard inspection, 12 May 2026</h3>")
    assert "Overall effectiveness" in first and "Requires improvement to be good" in first
    assert "Overall effectiveness" not in second.split("</li>")[0]
    assert "No overall grade (inspections from 1 April 2026)" in second and LEADERS in second
    assert second.index(LEADERS) < second.index(HELP)  # side by side, in the framework's order
    dashboard = client.get(reverse("plan_dashboard")).content.decode()
    assert "No overall grade (inspections from 1 April 2026)" in dashboard
    assert "overall effectiveness <strong>" not in dashboard
