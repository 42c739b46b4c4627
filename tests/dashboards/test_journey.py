import datetime as dt

import pytest
from django.urls import reverse

from improvement.selectors.journey import inspection_journey
from tests.dashboards._html import body
from tests.dashboards.conftest import TODAY
from tests.factories import InspectionFactory

pytestmark = pytest.mark.django_db


def test_past_and_planned_in_date_order_with_recommendation_progress(authority, plan):
    focused = InspectionFactory(
        authority=authority,
        kind="focused_visit",
        start_date=dt.date(2024, 1, 9),
        end_date=dt.date(2024, 1, 10),
        overall_judgement="",
        report_published=dt.date(2024, 2, 20),
        areas_for_priority_action=True,
    )
    j = inspection_journey(authority=authority, today=TODAY)
    assert j.past == [focused, plan["inspection"]]
    assert j.planned == [plan["visit"]]
    assert j.past[0].plan_due is not None  # 20 working days for priority action
    recs = {r.reference: r for r in j.past[1].recommendations.all()}
    assert (recs["1"].n_done, recs["1"].n_actions, recs["1"].derived.rating) == (1, 2, "red")
    assert recs["2"].derived.label == "No actions"
    assert plan["visit"].pk == j.planned[0].pk and j.planned[0].plan_due is None


def test_journey_page_and_filter(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = client.get(reverse("inspection_journey")).content.decode()
    assert html.index("ILACS standard inspection, 3 March 2025") < html.index(
        "Second monitoring visit, 12 January 2027"
    )
    assert "1 of 2 actions complete" in html
    response = client.get(reverse("inspection_journey"), {"kind": "monitoring_visit"})
    assert "ILACS standard inspection, 3 March 2025" not in body(response)
    response = client.get(reverse("inspection_journey"), {"date_from": "2025-13-01"})
    assert "There is a problem" in response.content.decode()
