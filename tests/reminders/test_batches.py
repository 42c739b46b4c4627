"""Sending in batches: one SMTP connection per batch, the contents read in a few queries per batch."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from improvement.models import Digest, Reminder
from improvement.services.reminders import digests_send, reminders_sweep
from tests.factories import ActionFactory, AuthorityFactory, OwnerFactory
from tests.reminders.conftest import DUE, days, ensure_role_groups
from tests.reminders.live import SMTPServer

pytestmark = pytest.mark.django_db


class CountingServer(SMTPServer):
    """The test SMTP server, also noting which connection (SMTP session) carried each message."""

    def start(self):
        super().start()
        sessions = self.sessions = []
        original = self.mailbox.handle_DATA

        async def handle_data(server, session, envelope):
            sessions.append(id(session))
            return await original(server, session, envelope)

        self.mailbox.handle_DATA = handle_data
        return self


@pytest.fixture
def smtp():
    server = CountingServer().start()
    yield server
    server.stop()


def council(n: int, name: str) -> list[int]:
    """n owners with two actions each due on DUE; the sweep's digest ids."""
    ensure_role_groups()
    authority = AuthorityFactory(name=name)
    for i in range(n):
        owner = OwnerFactory(authority=authority, role_title=f"Head {i} {name}", email=f"o{i}@{n}.example")
        for j in range(2):
            ActionFactory(authority=authority, owner=owner, title=f"{name} action {i}.{j}", due_date=DUE)
    result = reminders_sweep(today=DUE)
    return result.digest_ids


def send(smtp, ids):
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp.port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        with CaptureQueriesContext(connection) as queries:
            sent = digests_send(digest_ids=ids)
    return sent, len(queries)


def test_a_batch_goes_over_one_connection_and_each_digest_once(smtp):
    ids = council(12, "Batchshire")
    sent, _ = send(smtp, ids)
    assert sent == 12
    assert len(smtp.mailbox.snapshot()) == 12
    assert len(set(smtp.sessions)) == 1  # one SMTP connection for the whole batch
    assert set(Digest.objects.values_list("state", flat=True)) == {Digest.State.SENT}
    assert set(Reminder.objects.values_list("state", flat=True)) == {Reminder.State.SENT}
    again, _ = send(smtp, ids)
    assert again == 0 and len(smtp.mailbox.snapshot()) == 12  # twice: nothing more


def test_the_contents_are_read_per_batch_not_per_digest(smtp):
    small_sent, small = send(smtp, council(3, "Smallshire"))
    large_sent, large = send(smtp, council(30, "Largeshire"))
    assert (small_sent, large_sent) == (3, 30)
    # fixed reads for the batch, then a lock and two state updates (plus savepoint) per digest
    per_digest = (large - small) / 27
    assert per_digest <= 5, per_digest
    fixed = small - 3 * per_digest
    assert fixed <= 6, fixed


def reads(ids):
    """The SELECTs sending these digests as one batch runs (the email goes to the test outbox)."""
    with CaptureQueriesContext(connection) as queries:
        assert digests_send(digest_ids=ids) == len(ids)
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]


def test_the_same_reads_for_a_batch_of_2_digests_and_of_10():
    """The contents (reminders, actions, owners, last updates), the digests and the committee dates
    are read for the whole batch; only the claim and the sent mark are written digest by digest."""
    small = reads(council(2, "Twoshire"))
    large = reads(council(10, "Tenshire"))
    assert len(mail.outbox) == 12
    assert len(small) == len(large), (small, large)
    assert len(large) <= 5


def test_the_email_lines_of_a_batch(council, settings):
    """Each line of a digest: title and reference, due date, owner, last update, why it went to the
    leads, and the link, in the text email and the HTML one."""
    settings.SITE_URL = "https://tracker.example.gov.uk"
    authority = council["authority"]
    no_email_boss = OwnerFactory(authority=authority, role_title="Assistant Director", email="")
    team = OwnerFactory(
        authority=authority, role_title="Team Manager", email="tm@northshire.example", line_manager=no_email_boss
    )
    audit = ActionFactory(authority=authority, owner=council["head"], title="Audit case files", reference="2.1")
    audit.due_date = DUE
    audit.save()
    orphan = ActionFactory(authority=authority, owner=None, title="Orphan & alone", due_date=DUE)
    late = ActionFactory(authority=authority, owner=team, title="Late plan", due_date=DUE - days(8))
    result = reminders_sweep(today=DUE)
    mail.outbox = []
    assert digests_send(digest_ids=result.digest_ids, now=dt.datetime(2026, 6, 11, 6, 1, tzinfo=dt.UTC)) == 3
    sent = {m.to[0]: m for m in mail.outbox}
    site = "https://tracker.example.gov.uk/actions"

    head = sent["hos@northshire.example"]
    assert head.subject == "Improvement plan: 1 action needs your attention"
    assert (
        "Due now\n\n- Audit case files (2.1)\n"
        "  due 11 June 2026, today. Owner: Head of Service, Front Door (Sam Patel). No progress update yet.\n"
        f"  {site}/{audit.pk}/\n"
    ) in head.body
    assert (
        f'<a href="{site}/{audit.pk}/" style="color: #1d70b8;">Audit case files</a> (2.1)<br>\n'
        "      due 11 June 2026, today. Owner: Head of Service, Front Door (Sam Patel). No progress update yet.\n"
    ) in head.alternatives[0][0]

    lead = sent["lead@northshire.example"]
    assert lead.subject == "Improvement plan: 2 actions need your attention"
    assert (
        "Actions whose owner we could not email\n\n"
        "- Late plan\n"
        "  due 3 June 2026, 8 days ago. Owner: Team Manager. No progress update yet.\n"
        "  Overdue and due for escalation, but the line manager (Assistant Director) has no email address.\n"
        f"  {site}/{late.pk}/\n\n"
        "- Orphan & alone\n"
        "  due 11 June 2026, today. Owner: no owner. No progress update yet.\n"
        "  Due today: this action has no owner.\n"
        f"  {site}/{orphan.pk}/\n"
    ) in lead.body
    assert (
        f'<a href="{site}/{orphan.pk}/" style="color: #1d70b8;">Orphan &amp; alone</a><br>\n'
        "      due 11 June 2026, today. Owner: no owner. No progress update yet.\n"
        "      <br><strong>Due today: this action has no owner.</strong>\n"
    ) in lead.alternatives[0][0]

    copy = sent["tm@northshire.example"]
    assert "Your overdue actions have been escalated to your line manager\n\n- Late plan\n" in copy.body
