import datetime as dt

import pytest
from django.urls import reverse

from improvement import rag
from improvement.selectors.dashboards import dashboard_for_authority
from tests.dashboards._html import body
from tests.dashboards.conftest import TODAY
from tests.factories import InspectionFactory

pytestmark = pytest.mark.django_db


def test_counts_and_percentages_overall_and_by_theme(plan, authority):
    d = dashboard_for_authority(authority=authority, today=TODAY)
    overall = {c.rating: (c.count, c.percent) for c in d.overall.counts}
    assert d.overall.total == 6
    assert overall == {rag.RED: (2, 33), rag.AMBER: (1, 17), rag.GREEN: (2, 33), rag.BLUE: (1, 17)}
    front, care = d.themes
    assert front.label.endswith("North Front Door") and front.total == 2
    assert {c.rating: c.count for c in care.counts} == {rag.RED: 1, rag.AMBER: 0, rag.GREEN: 2, rag.BLUE: 1}


def test_overdue_with_owner_and_days_and_due_soon(plan, authority):
    d = dashboard_for_authority(authority=authority, today=TODAY)
    assert [(a.title, a.owner.role_title, a.days_overdue) for a in d.overdue] == [
        ("North overdue audit", "North Head of Safeguarding", 12)
    ]
    assert [(a.title, a.days_left) for a in d.due_soon] == [("North due soon", 10)]


def test_inspection_picture_and_statutory_date(plan, authority):
    d = dashboard_for_authority(authority=authority, today=TODAY)
    assert d.last_inspection == plan["inspection"]
    assert d.monitoring_visit == plan["visit"] and d.monitoring_visit_is_next
    assert d.action_plan_due == dt.date(2025, 8, 18)  # 70 working days after 9 May 2025


def test_latest_visit_is_shown_when_none_is_planned(plan, authority):
    past = InspectionFactory(
        authority=authority,
        kind="monitoring_visit",
        start_date=dt.date(2026, 6, 2),
        end_date=None,
        overall_judgement="",
        focus="Front door",
    )
    plan["visit"].delete()
    d = dashboard_for_authority(authority=authority, today=TODAY)
    assert d.monitoring_visit == past and not d.monitoring_visit_is_next


def test_dashboard_page_shows_key_counts_overdue_and_visit(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    response = client.get(reverse("plan_dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    for meaning in rag.MEANINGS.values():
        assert meaning in html  # the key
    assert "Overdue actions (1)" in html and "North overdue audit" in html
    assert "Due in the next 30 days (1)" in html
    assert "Second monitoring visit, 12 January 2027" in html and "North care leavers" in html
    assert "18 August 2025" in html
    assert "The experiences and progress of children in care" in html and "Inadequate" in html


def test_filters_are_get_parameters(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    front = plan["themes"][0]
    d = client.get(reverse("plan_dashboard"), {"theme": front.pk}).context["dashboard"]
    assert d.overall.total == 2
    d = client.get(reverse("plan_dashboard"), {"status": "off_track"}).context["dashboard"]
    assert d.overall.total == 1
    d = client.get(reverse("plan_dashboard"), {"recommendation": plan["rec_covered"].pk}).context["dashboard"]
    assert d.overall.total == 2
    d = client.get(reverse("plan_dashboard"), {"due_from": "2026-11-20", "due_to": "2026-12-10"}).context["dashboard"]
    assert d.overall.total == 1
    response = client.get(reverse("plan_dashboard"), {"owner": plan["owner"].pk})
    assert response.context["dashboard"].overall.total == 5
    assert "Filtered by: Owner: <strong>North Head of Safeguarding</strong>" in response.content.decode()


def test_the_dashboard_and_exports_read_the_action_lists_parameters_and_the_old_names(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    for params in (
        {"due_from": "2026-11-20", "due_to": "2026-12-10"},
        {"due_after": "2026-11-20", "due_before": "2026-12-10"},
    ):
        assert client.get(reverse("plan_dashboard"), params).context["dashboard"].overall.total == 1
        export = client.get(reverse("actions_export_csv"), params)
        assert "due-on-or-after-20-november-2026-due-on-or-before-10-december-2026" in export["Content-Disposition"]
        assert len(export.content.decode("utf-8-sig").splitlines()) == 2  # the header and the one action
    assert client.get(reverse("plan_dashboard"), {"overdue": "true"}).context["dashboard"].overall.total == 1
    assert client.get(reverse("plan_dashboard"), {"q": "overdue audit"}).context["dashboard"].overall.total == 1


@pytest.mark.parametrize("params", [{"due_from": "2026-13-45"}, {"due_to": "yesterday"}, {"due_from": "31/02/2026"}])
def test_an_invalid_date_is_a_clear_form_error_not_a_500(client, scrutiny, plan, today, params):
    client.force_login(scrutiny)
    response = client.get(reverse("plan_dashboard"), params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The date must be a real date, for example 31 3 2026" in html
    assert response.context["dashboard"].overall.total == 6  # the bad filter is ignored, the rest still works


def test_a_range_ending_before_it_starts_is_an_error(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = client.get(reverse("plan_dashboard"), {"due_from": "2026-12-01", "due_to": "2026-11-01"}).content.decode()
    assert "The end date must be the same as or after the start date" in html


def test_a_choice_from_another_authority_is_an_error(client, scrutiny, plan, other_plan, today):
    client.force_login(scrutiny)
    response = client.get(reverse("plan_dashboard"), {"theme": other_plan["themes"][0].pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "Southshire" not in body(response)


def test_empty_authority_renders(client, other_authority, today):
    from tests.factories import UserFactory

    client.force_login(UserFactory(authority=other_authority, role="Scrutiny member"))
    for name in (
        "plan_dashboard",
        "recommendations_coverage",
        "measures",
        "changes_since",
        "inspection_journey",
        "committee_pack",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    html = client.get(reverse("plan_dashboard")).content.decode()
    assert "No actions are overdue." in html and "No inspection on record." in html


def test_long_lists_are_cut_on_the_page_but_not_in_the_pack(client, scrutiny, plan, authority, today):
    from tests.dashboards.test_query_counts import grow

    grow(plan, 200)
    d = dashboard_for_authority(authority=authority, today=TODAY)
    assert d.overdue_total > 25 and len(d.overdue) == 25 and d.overdue_cut
    assert d.overdue[0].days_overdue >= d.overdue[-1].days_overdue
    full = dashboard_for_authority(authority=authority, today=TODAY, limit=None)
    assert len(full.overdue) == full.overdue_total == d.overdue_total
    client.force_login(scrutiny)
    html = client.get(reverse("plan_dashboard")).content.decode()
    assert f"Showing the 25 longest overdue of {d.overdue_total}" in html
    assert client.get(reverse("committee_pack")).context["dashboard"].overdue_total == len(full.overdue)
