"""The reminder sweep over 100,000 actions on PostgreSQL, and the send rate to a local SMTP server.

Data: 20 authorities, 2,000 owners (one in ten without an email address, each with a line
manager), 100,000 actions due from four months ago to two months ahead, a quarter of
them complete, a committee meeting ahead for half the authorities; bulk-created.

Figures printed:
- the first sweep (claims everything due, writes the digests, hands them to Redis),
- a second sweep the same day (nothing to claim: the steady state of a re-run),
- the next day's sweep,
each with its query count; then the rate at which digests go out through
``digest_send`` to an aiosmtpd server on 127.0.0.1 (one SMTP connection per digest, as
the worker sends them).
"""

import datetime as dt
import os
import random
import socket
import time

import redis
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from improvement.extraction import normalise_role
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    Digest,
    ImprovementPlan,
    Meeting,
    Owner,
    Reminder,
)
from improvement.services.reminders import digest_send, reminders_sweep

ACTIONS = 100_000
AUTHORITIES = 20
OWNERS_PER_AUTHORITY = 100
SENDS = 500
TODAY = dt.date(2026, 6, 11)
BROKER = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
QUEUE = f"reminders-bench-{os.getpid()}"


def build():
    rng = random.Random(6)
    authorities = Authority.objects.bulk_create(
        [Authority(name=f"Bench Council {i}", slug=f"bench-{i}") for i in range(AUTHORITIES)]
    )
    plans = ImprovementPlan.objects.bulk_create([ImprovementPlan(authority=a, title="Plan") for a in authorities])
    bosses = Owner.objects.bulk_create(
        [
            Owner(
                authority=a,
                role_title=f"Director {a.pk}",
                role_key=normalise_role(f"Director {a.pk}"),
                email=f"dcs{a.pk}@bench.example",
            )
            for a in authorities
        ]
    )
    owners = Owner.objects.bulk_create(
        [
            Owner(
                authority=a,
                role_title=f"Head of Service {a.pk}-{i}",
                role_key=normalise_role(f"Head of Service {a.pk}-{i}"),
                email="" if i % 10 == 0 else f"hos{a.pk}-{i}@bench.example",
                line_manager=boss,
            )
            for a, boss in zip(authorities, bosses, strict=True)
            for i in range(OWNERS_PER_AUTHORITY - 1)
        ]
    )
    by_authority = {}
    for o in owners + bosses:
        by_authority.setdefault(o.authority_id, []).append(o)
    Meeting.objects.bulk_create(
        [Meeting(authority=a, committee="Scrutiny", date=TODAY + dt.timedelta(days=10)) for a in authorities[::2]]
    )
    statuses = [
        ActionStatus.ON_TRACK,
        ActionStatus.AT_RISK,
        ActionStatus.OFF_TRACK,
        ActionStatus.COMPLETE,
    ]
    batch = []
    for n in range(ACTIONS):
        i = n % AUTHORITIES
        status = rng.choice(statuses)
        batch.append(
            Action(
                authority=authorities[i],
                plan=plans[i],
                owner=rng.choice(by_authority[authorities[i].pk]),
                title=f"Action {n}",
                due_date=TODAY + dt.timedelta(days=rng.randint(-120, 60)),
                status=status,
                progress=100 if status == ActionStatus.COMPLETE else rng.randint(0, 90),
            )
        )
    Action.objects.bulk_create(batch, batch_size=5000)
    Action.objects.update(created_at=timezone.now() - dt.timedelta(days=200))
    analyze()


def analyze():
    """What autovacuum does soon after a bulk load; without it the planner thinks the tables are empty."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed_sweep(label, today):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = reminders_sweep(today=today)
        took = time.perf_counter() - started
    print(
        f"   {label}: {took:.2f} s, {len(queries)} queries, {result.claimed:,} reminders claimed, "
        f"{len(result.digest_ids):,} digests queued",
        flush=True,
    )
    return result


def send_rate():
    from aiosmtpd.controller import Controller

    class Count:
        received = 0

        async def handle_DATA(self, server, session, envelope):
            Count.received += 1
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    saved = {
        k: getattr(settings, k)
        for k in (
            "EMAIL_BACKEND",
            "EMAIL_HOST",
            "EMAIL_PORT",
            "EMAIL_USE_TLS",
            "EMAIL_HOST_USER",
        )
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    (
        settings.EMAIL_HOST,
        settings.EMAIL_PORT,
        settings.EMAIL_USE_TLS,
        settings.EMAIL_HOST_USER,
    ) = "127.0.0.1", port, False, ""
    try:
        # a sample of the next day's digests: the steady-state mix, not the first catch-up
        ids = list(
            Digest.objects.filter(state=Digest.State.QUEUED, sweep_on=TODAY + dt.timedelta(days=1))
            .order_by("?")
            .values_list("id", flat=True)[:SENDS]
        )
        items = Digest.reminders.through.objects.filter(digest_id__in=ids).count()
        started = time.perf_counter()
        sent = sum(1 for digest_id in ids if digest_send(digest_id=digest_id))
        took = time.perf_counter() - started
    finally:
        controller.stop()
        for k, v in saved.items():
            setattr(settings, k, v)
    print(
        f"   send: {sent} digests ({items / max(len(ids), 1):.1f} actions each) in {took:.2f} s = "
        f"{sent / took:.0f} emails/s to aiosmtpd, one process ({Count.received} received)",
        flush=True,
    )


def run():
    from tracker.celery import app

    app.conf.broker_write_url = BROKER
    app.conf.task_routes = {"improvement.tasks.*": {"queue": QUEUE}}
    app._pool = None
    app.amqp._producer_pool = None
    app.amqp.__dict__.pop("router", None)
    app.amqp.flush_routes()
    try:
        started = time.perf_counter()
        build()
        open_actions = Action.objects.exclude(status__in=ActionStatus.done()).count()
        print(
            f"   built {ACTIONS:,} actions ({open_actions:,} open) in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        timed_sweep("first sweep", TODAY)
        analyze()
        timed_sweep("same day again", TODAY)
        timed_sweep("next day", TODAY + dt.timedelta(days=1))
        analyze()
        print(
            f"   {Reminder.objects.count():,} reminder rows, {Digest.objects.count():,} digests",
            flush=True,
        )
        send_rate()
    finally:
        client = redis.Redis.from_url(BROKER)
        client.delete(QUEUE)
        client.close()
