"""Migration 0007 seeds the frameworks and links the judgements already on record to their areas."""

import datetime as dt

import pytest
from django.apps import apps

from improvement.models import Framework, Inspection, InspectionJudgement, InspectionTheme
from tests.factories import InspectionFactory
from tests.ofsted.seed import MIGRATION

pytestmark = pytest.mark.django_db


def test_existing_judgements_are_linked_to_the_framework_in_force_on_their_start_date():
    in_2019 = InspectionFactory(start_date=dt.date(2019, 6, 11), end_date=dt.date(2019, 6, 21))
    in_2024 = InspectionFactory(start_date=dt.date(2024, 2, 5), end_date=dt.date(2024, 2, 16))
    visit = InspectionFactory(kind="focused_visit", start_date=dt.date(2024, 9, 1), end_date=None, overall_judgement="")
    for inspection, area in [
        (in_2019, "The experiences and progress of children in care and care leavers"),
        (in_2019, "Leadership and management"),
        (in_2024, "The experiences and progress of care leavers"),
        (in_2024, "Adoption performance"),
    ]:
        InspectionJudgement.objects.create(inspection=inspection, area=area, grade="good")
    # as the rows stood before 0007: no framework, no area links, nothing seeded
    InspectionJudgement.objects.update(judgement_area=None)
    Inspection.objects.update(framework=None)
    Framework.objects.all().delete()
    InspectionTheme.objects.all().delete()

    MIGRATION.seed(apps, None)

    assert Framework.objects.count() == 3 and InspectionTheme.objects.filter(kind="jtai").count() == 3
    in_2019.refresh_from_db()
    in_2024.refresh_from_db()
    visit.refresh_from_db()
    assert in_2019.framework.name == "ILACS 2018" and in_2024.framework.starts_on == dt.date(2023, 1, 1)
    assert visit.framework is None
    links = dict(InspectionJudgement.objects.values_list("area", "judgement_area__key"))
    assert links == {
        "The experiences and progress of children in care and care leavers": "in_care_and_care_leavers",
        "Leadership and management": "leaders",
        "The experiences and progress of care leavers": "care_leavers",
        "Adoption performance": None,  # an area only the minutes name: kept as words
    }
    assert set(InspectionJudgement.objects.values_list("grade", flat=True)) == {"good"}
