import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from improvement.models import Action, ActionStatus, ProgressUpdate
from improvement.selectors.changes import changes_since, since_default
from improvement.services.actions import action_sign_off
from tests.dashboards._html import body
from tests.dashboards.conftest import TODAY
from tests.factories import MeasureValueFactory

pytestmark = pytest.mark.django_db


def _at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.fixture
def history(plan):
    a = plan["actions"]
    Action.objects.update(created_at=_at(dt.date(2026, 1, 5)))
    Action.objects.filter(pk=a["offtrack"].pk).update(created_at=_at(dt.date(2026, 11, 2)))
    done = ProgressUpdate.objects.create(
        action=a["evidenced"],
        kind="sign_off",
        status=ActionStatus.EVIDENCED,
        progress=100,
        changes={"status": ["complete", "evidenced"]},
        note="Signed off by the lead",
    )
    ProgressUpdate.objects.filter(pk=done.pk).update(created_at=_at(dt.date(2026, 11, 3)))
    old = ProgressUpdate.objects.create(
        action=a["overdue"],
        kind="change",
        status=ActionStatus.ON_TRACK,
        progress=10,
        changes={"status": ["not_started", "on_track"]},
    )
    ProgressUpdate.objects.filter(pk=old.pk).update(created_at=_at(dt.date(2026, 5, 1)))
    MeasureValueFactory(measure=plan["measure"], date=dt.date(2026, 11, 1), value=70)
    return plan


def test_default_is_the_last_meeting_before_today(authority, plan):
    since = since_default(authority=authority, today=TODAY)
    assert since.date == dt.date(2026, 10, 20) and since.meeting.committee == "Corporate Parenting Board"
    since = since_default(authority=authority, today=TODAY, committee="Children's Scrutiny Committee")
    assert since.date == dt.date(2026, 9, 10)
    assert since_default(authority=authority, today=dt.date(2026, 9, 10)).meeting is None  # none *before* today


def test_what_changed_since_the_scrutiny_committee(authority, history):
    since = since_default(authority=authority, today=TODAY, committee="Children's Scrutiny Committee")
    c = changes_since(authority=authority, since=since, today=TODAY)
    assert [(u.action.title, u.status_before, u.status_after) for u in c.status_changes] == [
        ("North evidenced", "Complete (awaiting sign-off)", "Complete (impact evidenced)"),
        ("North due soon", "On track", "At risk"),
    ]
    assert [u.action.title for u in c.completed] == ["North evidenced"]
    assert [(u.due_before, u.due_after, u.reason) for u in c.due_dates_moved] == [
        (dt.date(2026, 11, 1), dt.date(2026, 12, 5), "North waiting for the new case system")
    ]
    assert [(a.title, a.days_overdue) for a in c.newly_overdue] == [("North overdue audit", 12)]
    assert [a.title for a in c.new_actions] == ["North off track"]
    assert [(v.date, v.value) for v in c.new_measure_values] == [(dt.date(2026, 11, 1), 70), (dt.date(2026, 10, 1), 62)]


def test_changes_page_defaults_and_committee_choice(client, scrutiny, history, today):
    client.force_login(scrutiny)
    html = client.get(reverse("changes_since")).content.decode()
    assert "the last meeting of Corporate Parenting Board on record" in html
    assert "North evidenced" in html and "North waiting for the new case system" not in html
    response = client.get(reverse("changes_since"), {"committee": "Children's Scrutiny Committee"})
    html = body(response)
    assert "20 October" not in html and "10 September 2026" in html
    assert "North waiting for the new case system" in html  # the reason the due date moved
    assert "1 November 2026" in html and "5 December 2026" in html


def test_changes_page_with_a_chosen_date_and_filters(client, scrutiny, history, today):
    client.force_login(scrutiny)
    response = client.get(reverse("changes_since"), {"since": "2026-04-01", "owner": history["owner"].pk})
    c = response.context["changes"]
    assert c.since.date == dt.date(2026, 4, 1)
    assert "North off track" not in [a.title for a in c.new_actions]  # it has no owner
    assert {u.action.title for u in c.status_changes} == {"North evidenced", "North due soon", "North overdue audit"}


def test_changes_page_bad_date(client, scrutiny, history, today):
    client.force_login(scrutiny)
    response = client.get(reverse("changes_since"), {"since": "2026-02-30"})
    assert response.status_code == 200
    assert "The date must be a real date" in response.content.decode()
    assert response.context["changes"].since.date == dt.date(2026, 10, 20)  # falls back to the default


def test_an_action_signed_off_through_the_service_counts_as_completed(authority, plan, lead):
    """The history records statuses in words ("Complete (impact evidenced)"), as the services write them."""
    action = plan["actions"]["soon"]
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.COMPLETE, evidence_url="https://example.org/e")
    action.refresh_from_db()
    action_sign_off(action=action, by=lead, note="Impact seen in the audit", expected_version=action.version)
    since = since_default(authority=authority, today=TODAY, chosen=timezone.localdate())
    changes = changes_since(authority=authority, since=since, today=TODAY)
    assert [u.action.title for u in changes.completed] == ["North due soon"]
    assert changes.completed[0].status_after == "Complete (impact evidenced)"
