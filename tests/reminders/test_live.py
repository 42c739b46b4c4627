"""Reminders through the real parts: Redis as broker, a Celery worker process, an SMTP server.

Every test asserts the same two things: nothing lost (every recipient got their digest) and
nothing twice (one message per recipient, or, for a worker killed between the SMTP server
accepting and the database recording, at most one resend carrying the same Message-ID).
"""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from improvement.models import Digest, Reminder
from improvement.services.reminders import reminders_sweep
from tests.factories import ActionFactory, AuthorityFactory, OwnerFactory
from tests.reminders.conftest import DUE, ensure_role_groups
from tests.reminders.live import (
    QUEUE,
    SMTPServer,
    Worker,
    broker,
    database_url,
    flush_queue,
    wait_until,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, smtp):
    flush_queue()
    proc = Worker(database_url=database_url(connection.settings_dict), email_url=smtp.url).start()
    yield proc
    proc.stop()
    flush_queue()


@pytest.fixture
def mailbox(smtp):
    smtp.mailbox.messages.clear()
    smtp.mailbox.delay = 0
    return smtp.mailbox


def council_with(recipients: int, actions_each: int = 2):
    ensure_role_groups()
    authority = AuthorityFactory(name="Liveshire Council")
    for i in range(recipients):
        owner = OwnerFactory(
            authority=authority,
            role_title=f"Head of Service {i}",
            email=f"owner{i}@liveshire.example",
        )
        for j in range(actions_each):
            ActionFactory(authority=authority, owner=owner, title=f"Action {i}.{j}", due_date=DUE)
    return {f"owner{i}@liveshire.example" for i in range(recipients)}


def all_sent():
    return not Digest.objects.exclude(state=Digest.State.SENT).exists()


def assert_once_each(mailbox, expected: set[str]):
    got = mailbox.by_recipient()
    assert set(got) == expected, "lost or stray recipients"
    twice = {to: len(msgs) for to, msgs in got.items() if len(msgs) != 1}
    assert not twice, f"sent more than once: {twice}"
    stored = dict(Digest.objects.values_list("to_email", "message_id"))
    assert {to: msgs[0].message_id for to, msgs in got.items()} == stored


def test_each_digest_goes_out_once_and_a_second_sweep_sends_nothing(worker, mailbox):
    expected = council_with(20)
    with broker():
        first = reminders_sweep(today=DUE)
        wait_until(all_sent, timeout=30, what="20 digests sent")
        second = reminders_sweep(today=DUE)
    time.sleep(1)
    assert (first.claimed, len(first.digest_ids), second.claimed) == (40, 20, 0)
    assert_once_each(mailbox, expected)
    assert set(Reminder.objects.values_list("state", flat=True)) == {Reminder.State.SENT}


def test_smtp_server_down_for_a_while_then_back(worker, smtp, mailbox):
    expected = council_with(5, actions_each=1)
    smtp.stop()
    try:
        with broker():
            reminders_sweep(today=DUE)
        wait_until(
            lambda: Digest.objects.filter(attempts__gte=2).count() == 5,
            timeout=30,
            what="retries",
        )
        assert mailbox.snapshot() == []
        assert Digest.objects.filter(state=Digest.State.QUEUED, last_error__contains="Connection").count() == 5
    finally:
        smtp.start()
    wait_until(all_sent, timeout=60, what="digests sent after the server came back")
    time.sleep(1)
    assert_once_each(mailbox, expected)


def test_two_sweeps_at_once_send_each_digest_once(worker, mailbox):
    expected = council_with(15)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            barrier.wait(10)
            results.append(reminders_sweep(today=DUE))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    with broker():
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors
        wait_until(all_sent, timeout=30, what="digests sent")
    time.sleep(1)
    assert sorted(r.claimed for r in results) == [
        0,
        30,
    ]  # one sweep owns every reminder, the other none
    assert Digest.objects.count() == 15
    assert_once_each(mailbox, expected)


def test_redis_down_the_sweep_still_commits_and_the_next_sweep_sends(worker, mailbox):
    expected = council_with(4, actions_each=1)
    with broker("redis://127.0.0.1:1/0"):  # nothing listens on port 1
        started = time.monotonic()
        result = reminders_sweep(today=DUE)
        took = time.monotonic() - started
    assert took < 5, f"a sweep with the broker down took {took:.1f} s"
    assert len(result.digest_ids) == 4
    assert Digest.objects.filter(state=Digest.State.QUEUED, enqueued_at__isnull=True).count() == 4
    time.sleep(1)
    assert mailbox.snapshot() == []
    with broker():  # Redis is back: the next sweep hands the stranded digests over
        later = reminders_sweep(today=DUE, now=timezone.now() + timezone.timedelta(minutes=6))
        assert later.claimed == 0 and later.requeued == 4
        wait_until(all_sent, timeout=30, what="stranded digests sent")
    time.sleep(1)
    assert_once_each(mailbox, expected)


def test_worker_killed_mid_batch_orphan_back_within_a_minute_at_most_one_resend(django_db_setup, smtp, mailbox):
    """SIGKILL the worker in the one window that cannot be closed: the SMTP server has accepted a
    digest but the worker has not recorded it (we hold a lock on its reminder rows, so the worker
    is stuck just there). Start another worker. The batch carries on at once; the killed task's
    message was never acknowledged, so Redis hands it out again after the visibility timeout and
    the digest goes out a second time, with the same Message-ID: one duplicate, folded by mail clients.
    """
    from django.db import transaction

    queue = f"{QUEUE}-kill"
    expected = council_with(12, actions_each=1)
    url = database_url(connection.settings_dict)
    first = Worker(database_url=url, email_url=smtp.url, name="k1", queue=queue)
    second = Worker(database_url=url, email_url=smtp.url, name="k2", queue=queue)
    flush_queue(queue)
    try:
        first.start()
        mailbox.delay = 0.5  # a slow relay: the lock below is in place long before the worker reaches the victim
        with broker(queue=queue):
            reminders_sweep(today=DUE)
        with transaction.atomic():
            victim = Digest.objects.order_by("id")[3]
            list(Reminder.objects.select_for_update().filter(digests=victim))
            assert victim.state == Digest.State.QUEUED
            wait_until(
                lambda: victim.to_email in mailbox.by_recipient(),
                timeout=30,
                what="the victim's digest accepted",
            )
            first.kill()
            killed_at = time.monotonic()
        unsent_at_kill = Digest.objects.exclude(state=Digest.State.SENT).count()
        second.start()
        wait_until(all_sent, timeout=90, interval=0.5, what="every digest sent after the kill")
        back_in = time.monotonic() - killed_at
    finally:
        first.stop()
        second.stop()
        flush_queue(queue)
    time.sleep(0.5)
    got = mailbox.by_recipient()
    assert set(got) == expected, "a digest was lost"
    twice = {to: msgs for to, msgs in got.items() if len(msgs) > 1}
    assert set(twice) == {victim.to_email}, "only the digest in flight at the kill may go out twice"
    assert len(twice[victim.to_email]) == 2
    assert len({m.message_id for m in twice[victim.to_email]}) == 1, "the resend must keep its Message-ID"
    assert twice[victim.to_email][0].message_id == Digest.objects.get(pk=victim.pk).message_id
    assert unsent_at_kill >= 8  # killed mid-batch
    assert back_in < 60, f"the orphaned digest took {back_in:.0f} s to go out"
    print(f"\norphaned digest sent {back_in:.1f} s after the worker was killed")
