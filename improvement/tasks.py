"""Celery tasks: thin wrappers that take ids, re-fetch, and call a service.

Schedules live in one place, ``CELERY_BEAT_SCHEDULE`` in tracker/settings.py, not in a
database (django-celery-beat is not used): the schedule is code, so it is read in code
review, deployed with the code, and there is no second scheduler database to drift from
what the code says. "reminder-sweep" runs ``reminders_sweep_task`` every day at 07:00
Europe/London: beat's crontab follows the local clock (CELERY_TIMEZONE), so the sweep
stays at 07:00 local on both sides of the March and October clock changes. Run exactly
one beat.

Each task is named after the one service it calls, plus ``_task`` (``digest_send_task``
calls ``digest_send``), so a task and a service are never confused.
"""

import smtplib

from celery import shared_task
from django.utils import timezone

from improvement.services.importing.drafts import drafts_expire
from improvement.services.packs import committee_pack_build
from improvement.services.reminders import digest_send, digests_requeue, digests_send, reminders_sweep

# A worker killed mid-send leaves its message unacknowledged in Redis. Settings give
# visibility_timeout=45 s and a restore scan every 10 s (unacked_restore_interval 10,
# throttle 1), so an orphaned reminder goes out again within about a minute (48-52 s measured).


@shared_task(name="improvement.tasks.reminders_sweep_task", acks_late=True)
def reminders_sweep_task():
    """Every morning (see the module docstring): claim today's reminders and queue one digest per recipient.

    Nothing is scheduled days ahead: each run works out from the data what is due today,
    including anything a missed run should have sent. Running it twice sends nothing twice.
    """
    result = reminders_sweep(today=timezone.localdate())
    return {
        "claimed": result.claimed,
        "digests": len(result.digest_ids),
        "requeued": result.requeued,
    }


@shared_task(
    name="improvement.tasks.digest_send_task",  # services.reminders queues it by this name
    acks_late=True,  # a worker killed mid-send leaves the message unacknowledged: Redis hands it out again
    autoretry_for=(
        smtplib.SMTPException,
        OSError,
    ),  # OSError: refused connections, timeouts
    retry_backoff=2,  # 2, 4, 8, 16, 32 s then capped ...
    retry_backoff_max=40,  # ... below the broker's 45 s visibility timeout, so a waiting retry is not redelivered
    retry_jitter=True,
    # about 3 minutes of SMTP outage; after that the next sweep (or digests_requeue_task) queues it again
    max_retries=8,
)
def digest_send_task(digest_id: int):
    """Send one digest email; does nothing if it has already gone out."""
    return digest_send(digest_id=digest_id)


@shared_task(
    name="improvement.tasks.digests_send_task",  # services.reminders queues batches by this name
    acks_late=True,  # killed mid-batch: redelivered, and what went out is skipped
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=2,  # as digest_send_task: below the broker's 45 s visibility timeout
    retry_backoff_max=40,
    retry_jitter=True,
    max_retries=8,
)
def digests_send_task(digest_ids: list[int]):
    """Send a batch of digests over one SMTP connection; those already sent are skipped."""
    return digests_send(digest_ids=digest_ids)


@shared_task(name="improvement.tasks.digests_requeue_task", acks_late=True)
def digests_requeue_task():
    """Queue again digests left unsent (broker down when they were written, or retries exhausted)."""
    return digests_requeue()


@shared_task(name="improvement.tasks.import_drafts_expire_task")
def import_drafts_expire_task():
    """Delete uploads left unreviewed for a day, so no file's bytes are kept past it."""
    return drafts_expire()


@shared_task(
    name="improvement.tasks.committee_pack_build_task",  # services.packs queues it by this name
    acks_late=True,  # a worker killed mid-build leaves the row queued and the message unacknowledged: built again
)
def committee_pack_build_task(pack_id: int):
    """Lay out one committee pack PDF and store it; does nothing if it is already built (or being built)."""
    return committee_pack_build(pack_id=pack_id)
