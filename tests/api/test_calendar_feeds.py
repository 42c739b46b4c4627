"""Calendar feeds: a secret, revocable link on the account page; all-day events with stable UIDs and a
link back; my actions and my reports' overdue ones; the council's statutory, visit and committee dates."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from improvement import models, roles, statutory
from improvement.services.feeds import calendar_feed_create
from tests.factories import ActionFactory, InspectionFactory, OwnerFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.fixture
def people(authority, other_authority):
    lead = UserFactory(authority=authority, role=roles.IMPROVEMENT_LEAD, username="f-lead")
    manager = UserFactory(authority=authority, role=roles.MANAGER, username="f-manager")
    report = UserFactory(authority=authority, role=roles.MANAGER, username="f-report")
    councillor = UserFactory(authority=authority, role=roles.SCRUTINY_MEMBER, username="f-councillor")
    boss = OwnerFactory(authority=authority, role_title="Head of Service", user=manager)
    under = OwnerFactory(authority=authority, role_title="Team Manager", user=report, line_manager=boss)
    return {
        "lead": lead,
        "manager": manager,
        "report": report,
        "councillor": councillor,
        "boss": boss,
        "under": under,
        "other": UserFactory(authority=other_authority, role=roles.IMPROVEMENT_LEAD, username="f-other"),
    }


def _fetch(client, secret):
    response = client.get(reverse("calendar_feed", args=[secret]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar):
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_my_feed_has_my_due_dates_and_my_reports_overdue_actions(client, people, authority, today):
    mine = ActionFactory(authority=authority, owner=people["boss"], title="Recruit social workers", due_date=TODAY)
    report_late = ActionFactory(
        authority=authority, owner=people["under"], title="Audit case files", due_date=TODAY - dt.timedelta(days=9)
    )
    report_on_time = ActionFactory(authority=authority, owner=people["under"], title="Train staff", due_date=TODAY)
    done = ActionFactory(
        authority=authority, owner=people["boss"], title="Already done", status="complete", due_date=TODAY
    )
    _, secret = calendar_feed_create(user=people["manager"], kind="personal")
    events = _events(_fetch(client, secret))
    assert set(events) == {f"action-{mine.pk}@127.0.0.1", f"action-{report_late.pk}@127.0.0.1"}
    assert f"action-{report_on_time.pk}@127.0.0.1" not in events and f"action-{done.pk}@127.0.0.1" not in events
    late = events[f"action-{report_late.pk}@127.0.0.1"]
    assert str(late["SUMMARY"]).startswith("Overdue: ")
    assert "Team Manager" in str(late["DESCRIPTION"])
    assert str(late["URL"]).endswith(reverse("action_detail", args=[report_late.pk]))
    ours = events[f"action-{mine.pk}@127.0.0.1"]
    assert ours["DTSTART"].params["VALUE"] == "DATE" and ours["DTSTART"].dt == TODAY
    assert ours["DTEND"].dt == TODAY + dt.timedelta(days=1)


def test_an_action_whose_due_date_moves_keeps_its_uid(client, people, authority, today):
    action = ActionFactory(authority=authority, owner=people["boss"], due_date=dt.date(2026, 12, 31))
    _, secret = calendar_feed_create(user=people["manager"], kind="personal")
    before = _events(_fetch(client, secret))
    action.due_date = dt.date(2027, 2, 28)
    action.save()
    after = _events(_fetch(client, secret))
    assert set(before) == set(after) == {f"action-{action.pk}@127.0.0.1"}
    assert after[f"action-{action.pk}@127.0.0.1"]["DTSTART"].dt == dt.date(2027, 2, 28)


def test_a_revoked_link_or_one_never_made_is_not_found(client, people, today):
    client.force_login(people["manager"])
    response = client.post(reverse("calendar_feed_create"), {"kind": "personal"})
    url = response.context["new_feed_url"]
    path = url.split("testserver", 1)[1]
    client.logout()
    assert client.get(path).status_code == 200
    feed = models.CalendarFeed.objects.get(user=people["manager"])
    assert feed.last_used_on == TODAY
    assert feed.key_hash not in url and path.split("/")[-1][:-4] not in str(feed.__dict__)
    client.force_login(people["manager"])
    assert client.post(reverse("calendar_feed_revoke", args=[feed.pk])).status_code == 302
    client.logout()
    assert client.get(path).status_code == 404
    assert client.get(reverse("calendar_feed", args=["never-made"])).status_code == 404


def test_a_new_link_of_the_same_kind_stops_the_old_one(client, people, today):
    _, first = calendar_feed_create(user=people["manager"], kind="personal")
    _, second = calendar_feed_create(user=people["manager"], kind="personal")
    assert client.get(reverse("calendar_feed", args=[first])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[second])).status_code == 200


def test_the_council_feed_has_the_statutory_date_visits_and_committees(client, people, authority, today):
    inspection = InspectionFactory(
        authority=authority,
        start_date=dt.date(2026, 6, 1),
        end_date=dt.date(2026, 6, 12),
        report_published=dt.date(2026, 7, 10),
    )
    visit = InspectionFactory(
        authority=authority,
        kind="monitoring_visit",
        ordinal=2,
        start_date=dt.date(2027, 1, 12),
        end_date=dt.date(2027, 1, 13),
        overall_judgement="",
        report_published=None,
    )
    month_only = InspectionFactory(
        authority=authority,
        kind="monitoring_visit",
        start_date=dt.date(2027, 3, 1),
        end_date=None,
        date_precision="month",
        overall_judgement="",
        report_published=None,
    )
    meeting = models.Meeting.objects.create(authority=authority, committee="Corporate Parenting Board", date=TODAY)
    _, secret = calendar_feed_create(user=people["councillor"], kind="council")
    events = _events(_fetch(client, secret))
    due = events[f"action-plan-due-{inspection.pk}@127.0.0.1"]
    assert due["DTSTART"].dt == statutory.action_plan_due(report_published=dt.date(2026, 7, 10))
    shown = events[f"inspection-{visit.pk}@127.0.0.1"]
    assert shown["DTSTART"].dt == dt.date(2027, 1, 12) and shown["DTEND"].dt == dt.date(2027, 1, 14)
    assert f"inspection-{month_only.pk}@127.0.0.1" not in events
    assert str(events[f"meeting-{meeting.pk}@127.0.0.1"]["SUMMARY"]).startswith("Corporate Parenting Board")
    assert all(str(e["URL"]).startswith("http://127.0.0.1:8000/") for e in events.values())


def test_another_councils_data_never_appears(client, people, authority, other_authority, today):
    theirs = ActionFactory(authority=other_authority, title="Elsewhere's action", due_date=TODAY)
    InspectionFactory(authority=other_authority, kind="monitoring_visit", start_date=dt.date(2027, 1, 5), end_date=None)
    models.Meeting.objects.create(authority=other_authority, committee="Elsewhere scrutiny", date=TODAY)
    ActionFactory(authority=authority, owner=people["boss"], due_date=TODAY)
    feeds = [
        calendar_feed_create(user=people["manager"], kind="personal")[1],
        calendar_feed_create(user=people["lead"], kind="council")[1],
    ]
    for secret in feeds:
        body = client.get(reverse("calendar_feed", args=[secret])).content.decode()
        assert "Elsewhere" not in body and other_authority.name not in body
        assert f"action-{theirs.pk}@" not in body


def test_only_leads_and_councillors_have_the_council_feed(client, people, today):
    client.force_login(people["manager"])
    page = client.get(reverse("account")).content.decode()
    assert "Council dates" not in page
    response = client.post(reverse("calendar_feed_create"), {"kind": "council"})
    assert response.status_code == 400
    assert "Select which calendar" in response.content.decode()
    assert not models.CalendarFeed.objects.exists()
    client.force_login(people["councillor"])
    assert "Council dates" in client.get(reverse("account")).content.decode()
    _, secret = calendar_feed_create(user=people["lead"], kind="council")
    people["lead"].groups.clear()  # no longer the lead: the council feed stops
    assert client.get(reverse("calendar_feed", args=[secret])).status_code == 404


def test_no_one_stops_anothers_link(client, people, today):
    feed, _ = calendar_feed_create(user=people["lead"], kind="personal")
    client.force_login(people["councillor"])
    assert client.post(reverse("calendar_feed_revoke", args=[feed.pk])).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None
