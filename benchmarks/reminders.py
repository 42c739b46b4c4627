"""Run inside Django against a benchmark database: the reminder sweep, its bound, and the send rate.

- bound: one set-based ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` claiming a reminder for
  every open action due within the policies' furthest notice, committed, then emptied again; the
  floor for claiming that many rows on this machine (scaled to the sweep's number of claims).
- sweep: ``reminders_sweep`` for today (plan, claim, write the digests, hand them to Redis on a
  private queue that nothing consumes), then again the same day (nothing to claim).
- send: ``digests_send`` in batches of ``SEND_BATCH`` to an SMTP server on loopback (aiosmtpd),
  as the worker's batch task sends them: one SMTP connection and one read per batch, one batch
  after another in this one process.
- send through the worker: the same digests queued again and handed to the broker as the sweep
  hands them, to a Celery worker run as the compose ``worker`` service runs it (two processes),
  timed from the first batch handed over to the last digest marked sent.

Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess  # nosec B404
import sys
import time

import django

from benchmarks import server

SENDS = int(os.environ.get("BENCH_SENDS", "1000"))


def _queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        value = fn()
        took = time.perf_counter() - started
    return value, took, len(captured)


def bound(today, furthest: int) -> tuple[float, int]:
    from django.db import connection, transaction

    from improvement.models import Action, ActionStatus, Owner, Reminder

    quote = connection.ops.quote_name
    reminder, action, owner = Reminder._meta.db_table, Action._meta.db_table, Owner._meta.db_table
    done = list(ActionStatus.done())
    sql = (
        f"INSERT INTO {quote(reminder)} (action_id, kind, due_on, recipient, state, created_at, message_id) "  # nosec B608
        f"SELECT a.id, 'due', a.due_date, COALESCE(o.email, ''), 'queued', now(), '' "
        f"FROM {quote(action)} a LEFT JOIN {quote(owner)} o ON o.id = a.owner_id "
        f"WHERE a.due_date IS NOT NULL AND a.due_date <= %s AND NOT (a.status = ANY(%s)) "
        f"ON CONFLICT (action_id, kind, due_on) DO NOTHING"
    )
    import datetime as dt

    started = time.perf_counter()
    with transaction.atomic():  # committed, as a claim is: the foreign keys are checked at the commit
        with connection.cursor() as cursor:
            cursor.execute(sql, [today + dt.timedelta(days=furthest), done])
            rows = cursor.rowcount
    took = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {quote(reminder)} CASCADE")
    return took, rows


def smtp_server():
    """benchmarks.smtp_sink in a process of its own; returns (process, port)."""
    process = subprocess.Popen(  # nosec B603
        [sys.executable, "-m", "benchmarks.smtp_sink"], stdout=subprocess.PIPE, text=True
    )
    return process, int(process.stdout.readline())


def smtp_counts(process) -> dict:
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=30)
    return json.loads(out.strip().splitlines()[-1])


WORKER_CONCURRENCY = 2  # as docker-compose.yml's worker service


def sent_again_ready(today) -> None:
    """Put the day's digests and their reminders back to queued, as the sweep left them, for a second send."""
    from django.db import connection, transaction

    from improvement.models import Digest, Reminder

    with transaction.atomic():
        Digest.objects.filter(sweep_on=today).update(state=Digest.State.QUEUED, sent_at=None, attempts=0, last_error="")
        Reminder.objects.filter(state=Reminder.State.SENT).update(
            state=Reminder.State.QUEUED, sent_at=None, message_id=""
        )
    with connection.cursor() as cursor:  # the space the first send's old rows took is free again, as it was
        cursor.execute(f"VACUUM ANALYZE {Reminder._meta.db_table}, {Digest._meta.db_table}")


def worker_send(ids: list[int], port: int, queue: str) -> dict:
    """Send ``ids`` through a Celery worker of WORKER_CONCURRENCY processes; (seconds, sent)."""
    import redis

    from improvement.models import Digest
    from improvement.services.reminders import digests_enqueue
    from tracker.celery import app

    client = redis.Redis.from_url(app.conf.broker_url)  # the sweep's own batches wait there: not this send's
    client.delete(queue)
    client.close()
    environment = dict(os.environ, EMAIL_URL=f"smtp://127.0.0.1:{port}", LOG_LEVEL="WARNING")
    celery = os.path.join(os.path.dirname(sys.executable), "celery")
    name = f"bench-send-{os.getpid()}@localhost"
    worker = subprocess.Popen(  # nosec B603
        [
            celery,
            "-A",
            "tracker",
            "worker",
            "-Q",
            queue,
            "-n",
            name,
            "--concurrency",
            str(WORKER_CONCURRENCY),
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[name], timeout=0.5):  # its processes are up and listening
            if time.monotonic() > deadline or worker.poll() is not None:
                raise RuntimeError("the Celery worker for the send did not start")
        started = time.perf_counter()
        digests_enqueue(digest_ids=ids)
        pending = Digest.objects.filter(pk__in=ids, state=Digest.State.QUEUED)
        deadline = time.monotonic() + 300
        while pending.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not send every digest within 5 minutes")
            time.sleep(0.02)
        took = time.perf_counter() - started
    finally:
        server.stop(worker)
    return {"seconds": took, "sent": Digest.objects.filter(pk__in=ids, state=Digest.State.SENT).count()}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    import redis
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from improvement.models import Digest, Reminder
    from improvement.selectors import reminders as selectors
    from improvement.services.reminders import SEND_BATCH, digests_send, reminders_sweep
    from tracker.celery import app

    queue = f"reminders-bench-{os.getpid()}"
    app.conf.task_routes = {"improvement.tasks.*": {"queue": queue}}
    app.amqp.__dict__.pop("router", None)
    app.amqp.flush_routes()
    today = timezone.localdate()
    with connection.cursor() as cursor:  # a kept database (--reuse) starts again from no reminders
        cursor.execute(
            f"TRUNCATE {Digest.reminders.through._meta.db_table}, {Digest._meta.db_table}, {Reminder._meta.db_table}"
        )
        cursor.execute("ANALYZE")
    policies = selectors.reminder_policies()
    furthest = max((max(p.days_before, default=0) for p in policies.values()), default=14)
    bound_s, bound_rows = bound(today, furthest)
    result, sweep_s, sweep_q = _queries(lambda: reminders_sweep(today=today))
    claimed = result.claimed
    again, again_s, again_q = _queries(lambda: reminders_sweep(today=today))
    # the bound scaled to the sweep's own number of claims
    per_claim = bound_s / max(bound_rows, 1)
    out = {
        "bound_seconds": round(bound_s, 3),
        "bound_rows": bound_rows,
        "sweep_seconds": round(sweep_s, 3),
        "sweep_queries": sweep_q,
        "claimed": claimed,
        "digests": len(result.digest_ids),
        "same_day_seconds": round(again_s, 3),
        "same_day_queries": again_q,
        "ratio_to_bound": round(sweep_s / max(per_claim * max(claimed, 1), 1e-9), 2),
    }

    smtp, port = smtp_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = (
        "127.0.0.1",
        port,
        False,
        False,
    )
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        ids = list(
            Digest.objects.filter(state=Digest.State.QUEUED, sweep_on=today)
            .order_by("pk")
            .values_list("pk", flat=True)[:SENDS]
        )
        items = Digest.reminders.through.objects.filter(digest_id__in=ids).count()
        reverse("home")  # a worker is long-lived: its URLs are loaded before the first batch, not in it

        def send_all():
            return sum(digests_send(digest_ids=ids[i : i + SEND_BATCH]) for i in range(0, len(ids), SEND_BATCH))

        sent, send_s, send_q = _queries(send_all)
        counts = smtp_counts(smtp)
        smtp = None
        sent_again_ready(today)
        smtp, port = smtp_server()  # a server of its own: the counts of each send apart
        through_worker = worker_send(ids, port, queue)
        worker_counts = smtp_counts(smtp)
        smtp = None
    finally:
        if smtp is not None:
            smtp.kill()
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        client.delete(queue)
        client.close()
    batches = max(1, -(-len(ids) // SEND_BATCH))
    out.update(
        {
            "sent": sent,
            "send_seconds": round(send_s, 3),
            "emails_per_second": round(sent / send_s, 1) if send_s else None,
            "send_queries_per_batch": round(send_q / batches, 1),
            "worker_processes": WORKER_CONCURRENCY,
            "worker_sent": through_worker["sent"],
            "worker_send_seconds": round(through_worker["seconds"], 3),
            "worker_emails_per_second": round(through_worker["sent"] / through_worker["seconds"], 1),
            "worker_smtp_received": worker_counts["received"],
            "worker_smtp_connections": worker_counts["connections"],
            "smtp_connections": counts["connections"],
            "smtp_received": counts["received"],
            "actions_per_email": round(items / max(len(ids), 1), 1),
            "batch": SEND_BATCH,
            "reminder_rows": Reminder.objects.count(),
        }
    )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
    sys.exit(0)
