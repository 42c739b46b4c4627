"""Sending in batches: one SMTP connection per batch, the contents read in a few queries per batch."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from improvement.models import Digest, Reminder
from improvement.services.reminders import digests_send, reminders_sweep
from tests.factories import ActionFactory, AuthorityFactory, OwnerFactory
from tests.reminders.conftest import DUE, ensure_role_groups
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
