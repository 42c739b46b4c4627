"""Authority settings (Manage plan): the council's reminder policy and its committee meetings, and each
person's own reminder choice on their account page. Every change is in the audit log."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from improvement.models import Authority, Meeting, SourceDocument
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

POLICY = {
    "form": "policy",
    "reminder_days_before": "21, 7 ,0",
    "overdue_repeat_days": "14",
    "escalate_after_days": "10",
    "stale_update_days": "45",
}


def test_a_lead_changes_the_reminder_policy_and_the_change_is_audited(client, lead, authority):
    client.force_login(lead)
    page = client.get(reverse("authority_settings"))
    assert page.status_code == 200
    assert "14 days before, 3 days before and on the due date" in page.content.decode()
    response = client.post(reverse("authority_settings"), POLICY)
    assert response.status_code == 302
    authority.refresh_from_db()
    assert (
        authority.reminder_days_before,
        authority.overdue_repeat_days,
        authority.escalate_after_days,
        authority.stale_update_days,
    ) == ("21,7,0", 14, 10, 45)
    entry = LogEntry.objects.get_for_object(authority).latest("timestamp")
    assert entry.actor == lead
    assert entry.changes_dict["reminder_days_before"] == ["14,3,0", "21,7,0"]
    shown = client.get(reverse("authority_settings")).content.decode()
    assert "The reminder settings were saved" in shown
    assert "21 days before, 7 days before and on the due date" in shown


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("reminder_days_before", "", "Enter the days before the due date to send a reminder"),
        ("reminder_days_before", "14, three", "Enter whole numbers of days separated by commas"),
        ("reminder_days_before", "-3", "Enter whole numbers of days separated by commas"),
        ("reminder_days_before", "120, 3", "A reminder can be at most 90 days before the due date"),
        ("reminder_days_before", "1,2,3,4,5,6,7", "Enter at most 6 days"),
        ("overdue_repeat_days", "0", "must be 1 days or more"),
        ("overdue_repeat_days", "weekly", "must be a whole number of days"),
        ("escalate_after_days", "400", "must be 365 days or fewer"),
        ("stale_update_days", "", "Enter the days without an update before a committee nudge"),
    ],
)
def test_bad_input_is_an_error_on_the_field_and_nothing_is_saved(client, lead, authority, field, value, message):
    client.force_login(lead)
    response = client.post(reverse("authority_settings"), {**POLICY, field: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert f'id="id_{field}-error"' in html
    authority.refresh_from_db()
    assert authority.reminder_days_before == "14,3,0" and authority.overdue_repeat_days == 7


@pytest.mark.parametrize("who", ["manager", "scrutiny"])
def test_only_an_improvement_lead_may_open_or_change_the_settings(client, authority, who, request):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("authority_settings"))
    assert page.status_code == 403
    assert "Only an improvement lead can change the council" in page.content.decode()
    assert client.post(reverse("authority_settings"), POLICY).status_code == 403
    authority.refresh_from_db()
    assert authority.overdue_repeat_days == 7


def test_a_lead_changes_only_their_own_council(client, lead, authority, other_authority):
    other_lead = UserFactory(authority=other_authority, role="Improvement lead")
    client.force_login(other_lead)
    assert client.post(reverse("authority_settings"), POLICY).status_code == 302
    authority.refresh_from_db()
    other_authority.refresh_from_db()
    assert (authority.overdue_repeat_days, other_authority.overdue_repeat_days) == (7, 14)


def test_a_lead_adds_and_removes_a_committee_meeting(client, lead, authority):
    client.force_login(lead)
    data = {
        "form": "meeting",
        "meeting-committee": "Children's  Scrutiny Committee",
        "meeting-date-day": "12",
        "meeting-date-month": "1",
        "meeting-date-year": "2027",
    }
    assert client.post(reverse("authority_settings"), data).status_code == 302
    meeting = Meeting.objects.get(authority=authority)
    assert (meeting.committee, meeting.date) == ("Children's Scrutiny Committee", dt.date(2027, 1, 12))
    assert LogEntry.objects.get_for_object(meeting).get().actor == lead
    again = client.post(reverse("authority_settings"), data)
    assert again.status_code == 400
    assert "already has a meeting on 12 January 2027" in again.content.decode()
    assert client.post(reverse("meeting_remove", args=[meeting.pk])).status_code == 302
    assert not Meeting.objects.filter(authority=authority).exists()


def test_a_meeting_with_imported_minutes_stays(client, lead, authority):
    meeting = Meeting.objects.create(
        authority=authority, committee="Corporate Parenting Board", date=dt.date(2026, 5, 1)
    )
    SourceDocument.objects.create(
        authority=authority, filename="m.txt", sha256="1" * 64, text="Minutes.", meeting=meeting
    )
    client.force_login(lead)
    page = client.get(reverse("authority_settings")).content.decode()
    assert "Minutes or decisions are on record for this meeting" in page
    response = client.post(reverse("meeting_remove", args=[meeting.pk]), follow=True)
    assert "has imported minutes or decisions, so it stays on record" in response.content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_meeting_with_a_bad_date_is_refused(client, lead, authority):
    client.force_login(lead)
    response = client.post(
        reverse("authority_settings"),
        {
            "form": "meeting",
            "meeting-committee": "Scrutiny",
            "meeting-date-day": "31",
            "meeting-date-month": "2",
            "meeting-date-year": "2027",
        },
    )
    assert response.status_code == 400
    assert "The date must be a real date" in response.content.decode()
    assert not Meeting.objects.exists()


def test_another_councils_meeting_cannot_be_removed(client, lead, other_authority):
    theirs = Meeting.objects.create(authority=other_authority, committee="Their Committee", date=dt.date(2026, 5, 1))
    client.force_login(lead)
    assert client.post(reverse("meeting_remove", args=[theirs.pk])).status_code == 404
    assert Meeting.objects.filter(pk=theirs.pk).exists()


def test_manage_plan_links_to_the_settings(client, lead):
    client.force_login(lead)
    assert reverse("authority_settings") in client.get(reverse("plan_admin")).content.decode()


@pytest.mark.parametrize("who", ["lead", "manager", "scrutiny"])
def test_anyone_signed_in_turns_their_own_reminders_off_and_on(client, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    page = client.get(reverse("account"))
    assert page.status_code == 200 and "Do you want reminder emails?" in page.content.decode()
    assert reverse("account") in client.get(reverse("plan_dashboard")).content.decode()  # "Your account" link
    assert client.post(reverse("account"), {"reminders": "out"}).status_code == 302
    user.refresh_from_db()
    assert user.reminders_opt_out
    entry = LogEntry.objects.get_for_object(user).latest("timestamp")
    assert entry.actor == user and entry.changes_dict["reminders_opt_out"] == ["False", "True"]
    client.post(reverse("account"), {"reminders": "in"})
    user.refresh_from_db()
    assert not user.reminders_opt_out


def test_the_account_form_refuses_a_missing_answer(client, manager):
    client.force_login(manager)
    response = client.post(reverse("account"), {"reminders": "sometimes"})
    assert response.status_code == 400
    assert "Select yes or no" in response.content.decode()
    manager.refresh_from_db()
    assert not manager.reminders_opt_out


def test_the_account_page_needs_a_sign_in(client):
    assert "/sign-in/" in client.get(reverse("account"))["Location"]


def test_authority_is_not_changed_by_a_stray_field(client, lead, authority):
    client.force_login(lead)
    client.post(reverse("authority_settings"), {**POLICY, "name": "Renamed"})
    assert Authority.objects.get(pk=authority.pk).name == authority.name
