"""The account page's reminder choice and the settings page's policy, read by the real sweep."""

from django.urls import reverse

from improvement.models import ReminderKind as K
from improvement.services.reminders import reminders_sweep
from tests.reminders.conftest import DUE, claimed, days


def kinds_for(recipient):
    return [kind for _title, kind, _due, to in claimed() if to == recipient]


def test_an_owner_who_turns_reminders_off_on_their_account_page_gets_only_escalations(client, council, action):
    client.force_login(council["manager_user"])
    assert client.post(reverse("account"), {"reminders": "out"}).status_code == 302
    for offset in (-14, -3, 0, 7, 8):
        reminders_sweep(today=DUE + days(offset))
    assert kinds_for("hos@northshire.example") == [K.ESCALATION_COPY]
    assert kinds_for("dcs@northshire.example") == [K.ESCALATION]


def test_turning_them_back_on_brings_the_next_reminder(client, council, action):
    client.force_login(council["manager_user"])
    client.post(reverse("account"), {"reminders": "out"})
    reminders_sweep(today=DUE - days(14))
    assert kinds_for("hos@northshire.example") == []
    client.post(reverse("account"), {"reminders": "in"})
    reminders_sweep(today=DUE - days(3))
    assert kinds_for("hos@northshire.example") == [K.BEFORE]


def test_the_days_a_lead_sets_are_the_days_the_sweep_reminds(client, council, action):
    client.force_login(council["lead"])
    response = client.post(
        reverse("authority_settings"),
        {
            "form": "policy",
            "reminder_days_before": "5",
            "overdue_repeat_days": "7",
            "escalate_after_days": "20",
            "stale_update_days": "30",
        },
    )
    assert response.status_code == 302
    for offset in range(-15, 10):
        reminders_sweep(today=DUE + days(offset))
    assert [(kind, due) for _t, kind, due, to in claimed() if to == "hos@northshire.example"] == [
        (K.BEFORE, DUE - days(5)),
        (K.OVERDUE, DUE + days(7)),
    ]
