"""Handing digests to the broker, by task name, and handing them again when they were not sent.

The task is named, not imported (``SEND_DIGEST_TASK``), so the services never import
improvement.tasks, which imports them.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import current_app
from django.utils import timezone

from improvement.models import Digest
from improvement.selectors import reminders as selectors
from improvement.services.reminders.digests import SEND_BATCH

logger = logging.getLogger(__name__)

SEND_DIGEST_TASK = "improvement.tasks.digest_send_task"  # the task that calls digest_send, in improvement/tasks.py
SEND_DIGESTS_TASK = "improvement.tasks.digests_send_task"  # a batch: calls digests_send, one SMTP connection
REQUEUE_AFTER = dt.timedelta(minutes=5)  # a queued digest not sent by then is handed to the broker again
MAX_ATTEMPTS = 30  # after this many failed sends a digest is marked failed and left for a person to look at
# Publishing must never hang or fail a request or a sweep when the broker is down.
PUBLISH_RETRY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}


def digests_enqueue(*, digest_ids: list[int], now: dt.datetime | None = None) -> int:
    """Hand digests to the broker. Never raises: if the broker is down they stay queued in the database."""
    if not digest_ids:
        return 0
    if len(digest_ids) == 1:  # one digest: the single task, as before
        send = current_app.signature(SEND_DIGEST_TASK)  # by name: this module never imports the tasks
        batches = [(digest_ids[0],)]
    else:  # batches, each sent over one SMTP connection
        send = current_app.signature(SEND_DIGESTS_TASK)
        batches = [(digest_ids[i : i + SEND_BATCH],) for i in range(0, len(digest_ids), SEND_BATCH)]

    handed = []
    try:
        with send.app.producer_or_acquire() as producer:
            for args in batches:
                send.apply_async(args, producer=producer, retry=True, retry_policy=PUBLISH_RETRY)
                handed.extend(args[0] if isinstance(args[0], list) else args)
    except Exception as error:  # noqa: BLE001 - any broker failure leaves the rows queued for the next sweep
        logger.warning(
            "Could not queue %d reminder digest(s); the next sweep will: %s",
            len(digest_ids) - len(handed),
            error,
        )
    if handed:
        Digest.objects.filter(pk__in=handed).update(enqueued_at=now or timezone.now())
    return len(handed)


def digests_requeue(*, now: dt.datetime | None = None) -> int:
    """Queue again the digests never handed over, or handed over long ago and still unsent."""
    now = now or timezone.now()
    Digest.objects.filter(state=Digest.State.QUEUED, attempts__gte=MAX_ATTEMPTS).update(state=Digest.State.FAILED)
    ids = selectors.digests_to_requeue(enqueued_before=now - REQUEUE_AFTER)
    return digests_enqueue(digest_ids=ids, now=now)
