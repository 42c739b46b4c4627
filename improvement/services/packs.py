"""The committee pack PDF, built outside the web request and kept until the plan changes.

A request finds the file by its key (`selectors.packs.pack_key`: council, filters, day and
the plan's change stamp). With no file yet, `committee_pack_request` stores the pack's HTML
and queues `committee_pack_build_task` by name; the task lays it out with
`exports.pack_pdf` and stores the PDF. Building twice is harmless: the task locks the row,
skips one that is ready, and a worker killed mid-build leaves the row queued for the
redelivered task (acks_late).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from celery import current_app
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from improvement.models import Authority, CommitteePackFile
from improvement.services import exports
from improvement.services.reminders.queue import PUBLISH_RETRY

logger = logging.getLogger(__name__)

BUILD_TASK = "improvement.tasks.committee_pack_build_task"  # in improvement/tasks.py
REQUEUE_AFTER = dt.timedelta(minutes=2)  # a pack still queued by then is handed to the broker again
RETRY_FAILED_AFTER = dt.timedelta(minutes=5)  # a failed build is tried again on a request after this
KEEP_FOR = dt.timedelta(days=1)  # files older than this are deleted when a newer one for the council is made


def _enqueue(pack_id: int) -> None:
    """Hand the build to the broker; never raises (the status page queues it again later)."""
    try:
        current_app.signature(BUILD_TASK).apply_async((pack_id,), retry=True, retry_policy=PUBLISH_RETRY)
    except Exception as error:  # noqa: BLE001 - a broker outage leaves the row queued
        logger.warning("Could not queue committee pack %s; a later request will: %s", pack_id, error)
        return
    CommitteePackFile.objects.filter(pk=pack_id).update(enqueued_at=timezone.now())


def committee_pack_request(
    *,
    authority: Authority,
    key: str,
    query: str,
    filename: str,
    title: str,
    base_url: str,
    html: Callable[[], str],
    now: dt.datetime | None = None,
) -> CommitteePackFile:
    """The pack file for `key`, asking for it to be built if there is none (or its build was lost or failed).

    `html` is called only when a new file is needed, so a request for a file that exists
    renders nothing."""
    now = now or timezone.now()
    pack = CommitteePackFile.objects.filter(key=key).defer("html", "data").first()
    if pack is None:
        try:
            with transaction.atomic():
                pack = CommitteePackFile.objects.create(
                    authority=authority,
                    key=key,
                    query=query[:2000],
                    filename=filename,
                    title=title[:300],
                    base_url=base_url[:300],
                    html=html(),
                )
                transaction.on_commit(lambda: _enqueue(pack.pk))
        except IntegrityError:  # another request made it a moment ago
            pack = CommitteePackFile.objects.defer("html", "data").get(key=key)
        return pack
    lost = pack.state == CommitteePackFile.State.QUEUED and (
        pack.enqueued_at is None or pack.enqueued_at < now - REQUEUE_AFTER
    )
    retry = pack.state == CommitteePackFile.State.FAILED and pack.finished_at < now - RETRY_FAILED_AFTER
    if lost or retry:
        if retry:
            CommitteePackFile.objects.filter(pk=pack.pk, state=CommitteePackFile.State.FAILED).update(
                state=CommitteePackFile.State.QUEUED, error=""
            )
            pack.state = CommitteePackFile.State.QUEUED
        _enqueue(pack.pk)
    return pack


def committee_pack_build(*, pack_id: int) -> bool:
    """Lay out one queued pack and store the PDF; True if this call built it. Safe to run twice, or at once."""
    try:
        with transaction.atomic():
            # A second copy of the task skips a row being built (locked) and one already built.
            pack = CommitteePackFile.objects.select_for_update(skip_locked=True).filter(pk=pack_id).first()
            if pack is None or pack.state != CommitteePackFile.State.QUEUED:
                return False
            pdf = exports.pack_pdf(html=pack.html, base_url=pack.base_url, title=pack.title)
            now = timezone.now()
            CommitteePackFile.objects.filter(pk=pack.pk).update(
                state=CommitteePackFile.State.READY, data=pdf, size=len(pdf), html="", error="", finished_at=now
            )
            superseded = Q(query=pack.query, created_at__lt=pack.created_at) | Q(created_at__lt=now - KEEP_FOR)
            CommitteePackFile.objects.filter(superseded, authority_id=pack.authority_id).exclude(
                state=CommitteePackFile.State.QUEUED
            ).delete()
            return True
    except Exception as error:
        logger.exception("Committee pack %s failed", pack_id)
        CommitteePackFile.objects.filter(pk=pack_id, state=CommitteePackFile.State.QUEUED).update(
            state=CommitteePackFile.State.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
