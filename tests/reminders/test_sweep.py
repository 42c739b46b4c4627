"""The sweep on the real database: what is claimed, for whom, once."""

import datetime as dt

import pytest
from django.core import mail

from improvement import roles
from improvement.models import ActionStatus, Digest, Meeting, ProgressUpdate, Reminder
from improvement.models import ReminderKind as K
from improvement.services.reminders import digest_send, reminders_sweep
from tests.factories import ActionFactory, OwnerFactory, UserFactory
from tests.reminders.conftest import DUE, claimed, days

pytestmark = pytest.mark.django_db


def sweep(day):
    return reminders_sweep(today=day)


def digests_on(day):
    return {d.to_email: sorted(d.reminders.values_list("kind", flat=True)) for d in Digest.objects.filter(sweep_on=day)}


def test_every_day_for_seven_weeks_each_occasion_is_claimed_once_on_its_day(action, council):
    sent_on = {}
    for offset in range(-20, 31):
        day = DUE + days(offset)
        result = sweep(day)
        if result.claimed:
            sent_on[offset] = digests_on(day)
    hos, dcs = "hos@northshire.example", "dcs@northshire.example"
    assert sent_on == {
        -14: {hos: [K.BEFORE]},
        -3: {hos: [K.BEFORE]},
        0: {hos: [K.DUE]},
        7: {hos: [K.OVERDUE]},
        8: {dcs: [K.ESCALATION], hos: [K.ESCALATION_COPY]},
        15: {dcs: [K.ESCALATION], hos: [K.ESCALATION_COPY]},
        22: {dcs: [K.ESCALATION], hos: [K.ESCALATION_COPY]},
        29: {dcs: [K.ESCALATION], hos: [K.ESCALATION_COPY]},
    }
    assert Reminder.objects.count() == 12


def test_missed_days_are_caught_up_with_one_reminder_not_one_per_day(action):
    sweep(DUE - days(10))  # nobody swept on the 14-days-before day
    sweep(DUE - days(1))  # nor on the 3-days-before day
    sweep(DUE + days(20))  # nor for three weeks around the due date
    assert claimed() == [
        ("Audit case files", K.BEFORE, DUE - days(14), "hos@northshire.example"),
        ("Audit case files", K.BEFORE, DUE - days(3), "hos@northshire.example"),
        ("Audit case files", K.ESCALATION, DUE + days(15), "dcs@northshire.example"),
        (
            "Audit case files",
            K.ESCALATION_COPY,
            DUE + days(15),
            "hos@northshire.example",
        ),
    ]
    assert Digest.objects.count() == 4


def test_running_twice_claims_nothing_the_second_time(action):
    first = sweep(DUE)
    second = sweep(DUE)
    assert (first.claimed, len(first.digest_ids)) == (1, 1)
    assert (second.claimed, second.digest_ids) == (0, [])
    assert Digest.objects.count() == 1


def test_one_digest_per_recipient_with_all_their_actions(council):
    head, director = council["head"], council["director"]
    a = council["authority"]
    ActionFactory(authority=a, owner=head, title="Due soon", due_date=DUE + days(3))
    ActionFactory(authority=a, owner=head, title="Due today", due_date=DUE)
    ActionFactory(authority=a, owner=head, title="Escalated", due_date=DUE - days(8))
    ActionFactory(authority=a, owner=director, title="Director's own", due_date=DUE - days(7))
    ActionFactory(authority=a, owner=head, title="Far off", due_date=DUE + days(40))
    ActionFactory(
        authority=a,
        owner=head,
        title="Done",
        due_date=DUE,
        status=ActionStatus.COMPLETE,
        progress=100,
    )
    result = sweep(DUE)
    assert digests_on(DUE) == {
        "hos@northshire.example": sorted([K.BEFORE, K.DUE, K.ESCALATION_COPY]),
        "dcs@northshire.example": sorted([K.ESCALATION, K.OVERDUE]),
    }
    assert result.claimed == 5


def test_opted_out_owner_gets_only_escalations(action, council):
    council["manager_user"].reminders_opt_out = True
    council["manager_user"].save()
    for offset in (-14, -3, 0, 7, 8):
        sweep(DUE + days(offset))
    assert [k for _t, k, _d, _r in claimed()] == [K.ESCALATION, K.ESCALATION_COPY]


def test_owner_without_email_goes_to_every_improvement_lead(council):
    a = council["authority"]
    UserFactory(
        authority=a,
        role=roles.IMPROVEMENT_LEAD,
        username="lead2",
        email="lead2@northshire.example",
    )
    UserFactory(
        authority=a,
        role=roles.IMPROVEMENT_LEAD,
        username="lead3",
        email="lead3@northshire.example",
        reminders_opt_out=True,
    )
    UserFactory(
        authority=a,
        role=roles.MANAGER,
        username="notlead",
        email="notlead@northshire.example",
    )
    silent = OwnerFactory(authority=a, role_title="Head of Quality", email="")
    ActionFactory(authority=a, owner=silent, title="Nobody to email", due_date=DUE)
    ActionFactory(authority=a, owner=None, title="No owner", due_date=DUE + days(3))
    sweep(DUE)
    assert digests_on(DUE) == {
        "lead@northshire.example": [K.BEFORE, K.DUE],
        "lead2@northshire.example": [K.BEFORE, K.DUE],
    }
    assert {r for *_x, r in claimed()} == {""}
    digest = Digest.objects.get(to_email="lead@northshire.example")
    assert digest_send(digest_id=digest.pk)
    body = mail.outbox[0].body
    assert "Actions whose owner we could not email" in body
    assert "the owner (Head of Quality) has no email address" in body
    assert "this action has no owner" in body


def test_escalation_without_a_line_manager_goes_to_the_leads(council):
    a = council["authority"]
    ActionFactory(
        authority=a,
        owner=council["director"],
        title="Top of the tree",
        due_date=DUE - days(8),
    )
    sweep(DUE)
    assert digests_on(DUE) == {
        "lead@northshire.example": [K.ESCALATION],
        "dcs@northshire.example": [K.ESCALATION_COPY],
    }


def test_completed_actions_get_nothing_even_if_completed_after_the_sweep(action, council):
    sweep(DUE)
    action.status = ActionStatus.COMPLETE
    action.progress = 100
    action.save()
    digest = Digest.objects.get()
    assert digest_send(digest_id=digest.pk) is False
    assert mail.outbox == []
    digest.refresh_from_db()
    assert digest.state == Digest.State.SKIPPED
    assert Reminder.objects.get().state == Reminder.State.SKIPPED
    assert sweep(DUE + days(30)).claimed == 0


def test_updates_missing_nudge_weekly_before_a_committee(council):
    a = council["authority"]
    today = dt.date(2026, 6, 10)  # a Wednesday
    Meeting.objects.create(authority=a, committee="Children's Scrutiny Committee", date=today + days(10))
    stale = ActionFactory(authority=a, owner=council["head"], title="Stale", due_date=None)
    fresh = ActionFactory(authority=a, owner=council["head"], title="Fresh", due_date=None)
    old = dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC)
    ProgressUpdate.objects.create(action=stale, status="on_track", progress=10)
    ProgressUpdate.objects.create(action=fresh, status="on_track", progress=10)
    ProgressUpdate.objects.filter(action=stale).update(created_at=old)
    from improvement.models import Action

    Action.objects.filter(pk=stale.pk).update(created_at=old)
    Action.objects.filter(pk=fresh.pk).update(created_at=old)

    assert sweep(today).claimed == 1
    assert claimed() == [("Stale", K.UPDATES_MISSING, dt.date(2026, 6, 8), "hos@northshire.example")]
    assert sweep(today + days(1)).claimed == 0  # same week
    assert sweep(today + days(5)).claimed == 1  # next Monday, the committee is still ahead
    digest = Digest.objects.filter(sweep_on=today).get()
    digest_send(digest_id=digest.pk)
    assert "Progress update needed before Children's Scrutiny Committee on 20 June 2026" in mail.outbox[0].body


def test_no_committee_ahead_no_nudge(council):
    a = council["authority"]
    Meeting.objects.create(authority=a, committee="Children's Scrutiny Committee", date=DUE + days(15))
    ActionFactory(authority=a, owner=council["head"], title="Stale", due_date=None)
    from improvement.models import Action

    Action.objects.update(created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert sweep(DUE).claimed == 0


def test_the_email_reads_plainly_with_links_dates_and_last_update(action, council, settings):
    settings.SITE_URL = "https://tracker.example.gov.uk"
    ProgressUpdate.objects.create(action=action, status="at_risk", progress=35, note="Waiting for the audit tool")
    ProgressUpdate.objects.filter(action=action).update(created_at=dt.datetime(2026, 5, 2, 10, tzinfo=dt.UTC))
    sweep(DUE - days(3))
    digest = Digest.objects.get()
    assert digest_send(digest_id=digest.pk, now=dt.datetime(2026, 6, 8, 6, 1, tzinfo=dt.UTC))
    message = mail.outbox[0]
    assert message.to == ["hos@northshire.example"]
    assert message.subject == "Improvement plan: 1 action needs your attention"
    assert message.extra_headers["Message-ID"] == digest.message_id
    assert "Dear Sam Patel," in message.body
    assert "Due soon" in message.body
    assert "due 11 June 2026, in 3 days" in message.body
    assert f"https://tracker.example.gov.uk/actions/{action.pk}/" in message.body
    assert "Last update 2 May 2026: At risk, 35% done" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="https://tracker.example.gov.uk/actions/{action.pk}/"' in html
    assert "due 11 June 2026, in 3 days" in html
    reminder = Reminder.objects.get()
    assert (reminder.state, reminder.message_id) == (
        Reminder.State.SENT,
        digest.message_id,
    )
    assert digest_send(digest_id=digest.pk) is False  # twice: nothing more
    assert len(mail.outbox) == 1


def test_escalation_subject_and_html_escaping(council):
    a = council["authority"]
    ActionFactory(
        authority=a,
        owner=council["head"],
        title="Fix <script> & things",
        due_date=DUE - days(8),
    )
    sweep(DUE)
    digest = Digest.objects.get(to_email="dcs@northshire.example")
    digest_send(digest_id=digest.pk)
    message = mail.outbox[0]
    assert message.subject.startswith("Escalation: ")
    assert "Overdue actions escalated to you as line manager" in message.body
    assert "Fix <script> & things" in message.body
    assert "Fix &lt;script&gt; &amp; things" in message.alternatives[0][0]


def test_dry_run_says_who_would_get_what_and_writes_nothing(action, council):
    result = reminders_sweep(today=DUE, dry_run=True)
    assert [(d.to_email, d.items) for d in result.digests] == [("hos@northshire.example", [(action.pk, K.DUE, DUE)])]
    assert result.titles == {action.pk: "Audit case files"}
    assert Reminder.objects.count() == 0 and Digest.objects.count() == 0
    sweep(DUE)
    assert reminders_sweep(today=DUE, dry_run=True).digests == []


def test_digests_are_queued_by_task_name_and_run_inline_when_eager(monkeypatch):
    """The services never import the task module (no import circle); the task is found by its name."""
    import ast
    import inspect

    from celery import current_app

    from improvement import tasks
    from improvement.services import reminders
    from improvement.services.reminders import digests, queue, sweep, timeline

    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for module in (reminders, digests, queue, sweep, timeline)
        for node in ast.walk(ast.parse(inspect.getsource(module)))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert not any(name and name.startswith("improvement.tasks") for name in imported)
    assert reminders.SEND_DIGEST_TASK == tasks.digest_send_task.name and reminders.SEND_DIGEST_TASK in current_app.tasks
    assert (
        reminders.SEND_DIGESTS_TASK == tasks.digests_send_task.name and reminders.SEND_DIGESTS_TASK in current_app.tasks
    )
    sent, batches = [], []
    monkeypatch.setattr(tasks, "digest_send", lambda *, digest_id: sent.append(digest_id) or True)
    monkeypatch.setattr(tasks, "digests_send", lambda *, digest_ids: batches.append(digest_ids) or len(digest_ids))
    eager = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        assert reminders.digests_enqueue(digest_ids=[7]) == 1
        assert reminders.digests_enqueue(digest_ids=list(range(100, 100 + reminders.SEND_BATCH + 2))) == 52
    finally:
        current_app.conf.task_always_eager = eager
    assert sent == [7]  # one digest: the single task
    assert [len(b) for b in batches] == [reminders.SEND_BATCH, 2]  # many: batches, one SMTP connection each
