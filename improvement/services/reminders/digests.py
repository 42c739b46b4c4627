"""Sending digests at most once: one digest, or a batch of them over one SMTP connection."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from improvement.models import Digest, Reminder
from improvement.selectors import reminders as selectors
from improvement.services.reminders.emails import Lines, digest_message
from improvement.services.reminders.outbox import Letter, Outbox

logger = logging.getLogger(__name__)


def digest_send(*, digest_id: int, now: dt.datetime | None = None) -> bool:
    """Send one digest if it is still queued; True if an email went out. Safe to run twice, or at once.

    The row lock is held while the SMTP server takes the message, so a second copy of the
    task waits and then finds the digest sent. SMTP errors propagate (the task retries).
    """
    Digest.objects.filter(pk=digest_id, state=Digest.State.QUEUED).update(attempts=F("attempts") + 1)
    try:
        with transaction.atomic():
            digest = Digest.objects.select_for_update().select_related("authority").filter(pk=digest_id).first()
            if digest is None or digest.state != Digest.State.QUEUED:
                return False
            items = selectors.digest_items(digest=digest)
            live = [i for i in items if not i.is_done]
            done = [i.reminder_id for i in items if i.is_done]
            if done:  # completed since the sweep: completed actions get nothing
                Reminder.objects.filter(pk__in=done, state=Reminder.State.QUEUED).update(state=Reminder.State.SKIPPED)
            if not live:
                Digest.objects.filter(pk=digest.pk).update(state=Digest.State.SKIPPED)
                return False
            now = now or timezone.now()
            today = max(digest.sweep_on, timezone.localdate(now))
            digest_message(digest=digest, items=live, today=today).send(fail_silently=False)
            Digest.objects.filter(pk=digest.pk).update(state=Digest.State.SENT, sent_at=now, last_error="")
            Reminder.objects.filter(pk__in=[i.reminder_id for i in live]).update(
                state=Reminder.State.SENT, sent_at=now, message_id=digest.message_id
            )
            return True
    except Exception as error:
        Digest.objects.filter(pk=digest_id).update(last_error=f"{type(error).__name__}: {error}"[:2000])
        raise


SEND_BATCH = 50  # digests per task: one SMTP connection and one read of their contents for all of them


def _column(model: type, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _digest_claim(*, digest_id: int, now: dt.datetime) -> bool:
    """Move one digest from queued to sent, keeping its row locked until the transaction ends; False if it was not
    queued. The two statements a digest costs are written out rather than built by the ORM for every digest of a
    batch (building the mark's hundred ids alone took longer than PostgreSQL took to run it)."""
    table, pk, state = connection.ops.quote_name(Digest._meta.db_table), _column(Digest, "id"), _column(Digest, "state")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {state} = %s, {_column(Digest, 'sent_at')} = %s, "  # nosec B608: names from the model
            f"{_column(Digest, 'last_error')} = %s WHERE {pk} = %s AND {state} = %s",
            [
                Digest.State.SENT.value,
                connection.ops.adapt_datetimefield_value(now),
                "",
                digest_id,
                Digest.State.QUEUED.value,
            ],
        )
        return cursor.rowcount == 1


def _reminders_mark_sent(*, reminder_ids: list[int], now: dt.datetime, message_id: str) -> None:
    """Mark a digest's reminders sent with its Message-ID (waiting for any lock on them, as an UPDATE does)."""
    table = connection.ops.quote_name(Reminder._meta.db_table)
    if connection.vendor == "postgresql":  # one array parameter, not a hundred
        any_of, ids = "= ANY(%s)", [list(reminder_ids)]
    else:
        any_of, ids = f"IN ({', '.join(['%s'] * len(reminder_ids))})", reminder_ids
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {_column(Reminder, 'state')} = %s, {_column(Reminder, 'sent_at')} = %s, "  # nosec B608
            f"{_column(Reminder, 'message_id')} = %s "
            f"WHERE {_column(Reminder, 'id')} {any_of}",
            [Reminder.State.SENT.value, connection.ops.adapt_datetimefield_value(now), message_id, *ids],
        )


def digests_send(*, digest_ids: list[int], now: dt.datetime | None = None) -> int:
    """Send a batch of digests over one SMTP connection; returns how many went out (see `_batch_send`)."""
    from improvement.services.reminders.sweep import no_cycle_collection  # sweep imports queue, which imports this

    with no_cycle_collection():  # a batch makes some hundred thousand objects, none of them in a cycle to collect
        return _batch_send(digest_ids=digest_ids, now=now)


def _batch_send(*, digest_ids: list[int], now: dt.datetime | None) -> int:
    """Send a batch of digests over one SMTP connection; returns how many went out. Safe to run twice, or at once.

    The contents of every digest in the batch are read in a few queries for the whole batch. Each
    digest is then sent in a transaction of its own that claims its row (an UPDATE from queued to
    sent, which holds the row's lock until the commit), hands the message to the SMTP server, marks
    its reminders sent and reads the server's answer before committing: a digest sent before an
    SMTP failure later in the batch stays sent, a failed send rolls its claim and its marks back,
    and a second copy of the task waits on the lock and then finds nothing left to claim (as
    `digest_send`). While the server reads one message the next digest's is written out, so the
    sender and the server work at the same time. SMTP errors propagate (the task retries the
    batch; what went out is skipped).
    """
    ids = sorted(set(digest_ids))
    if not ids:
        return 0
    Digest.objects.filter(pk__in=ids, state=Digest.State.QUEUED).update(attempts=F("attempts") + 1)
    items_of = selectors.digest_items_for(digest_ids=ids)
    queued = {d.pk: d for d in Digest.objects.filter(pk__in=ids, state=Digest.State.QUEUED).select_related("authority")}
    meetings = selectors.next_meetings(
        authority_ids={d.authority_id for d in queued.values()},
        on_or_after=min((d.sweep_on for d in queued.values()), default=dt.date.max),
    )
    now = now or timezone.now()
    order = [pk for pk in ids if pk in queued]
    live_of: dict[int, list[selectors.DigestItem]] = {}
    done_of: dict[int, list[int]] = {}
    for pk in order:
        live_of[pk], done_of[pk] = [], []
        for item in items_of.get(pk, []):
            if item.is_done:  # completed since the sweep: completed actions get nothing
                done_of[pk].append(item.reminder_id)
            else:
                live_of[pk].append(item)
    lines = Lines()  # each action's line in the emails, written once for the batch
    sent = 0
    current = None
    try:
        with get_connection() as backend:
            outbox = Outbox(backend)

            def letter(pk: int) -> Letter:
                """The digest's email written out for the server: no database work, so it can be done at any moment."""
                digest = queued[pk]
                committee = next((m for m in meetings.get(digest.authority_id, []) if m.date >= digest.sweep_on), None)
                today = max(digest.sweep_on, timezone.localdate(now))
                return outbox.prepare(
                    digest_message(digest=digest, items=live_of[pk], today=today, committee=committee, lines=lines)
                )

            written: dict[int, Letter | Exception] = {}  # the next digest's email, written while the last went out
            for position, current in enumerate(order):
                live, done = live_of[current], done_of[current]
                with transaction.atomic():
                    if not live:  # every action completed since the sweep: completed actions get nothing
                        if Digest.objects.filter(pk=current, state=Digest.State.QUEUED).update(
                            state=Digest.State.SKIPPED
                        ):
                            Reminder.objects.filter(pk__in=done, state=Reminder.State.QUEUED).update(
                                state=Reminder.State.SKIPPED
                            )
                        continue
                    ready = written.pop(current, None) or letter(current)
                    if isinstance(ready, Exception):
                        raise ready
                    outbox.begin(ready)  # the server takes in who the email is from while the digest is claimed
                    if not _digest_claim(digest_id=current, now=now):
                        outbox.abandon()
                        continue  # another copy of the task sent it while we read the batch
                    if done:
                        Reminder.objects.filter(pk__in=done, state=Reminder.State.QUEUED).update(
                            state=Reminder.State.SKIPPED
                        )
                    outbox.hand_over()
                    # while the SMTP server reads the message: the next digest's email is written out (an error
                    # in it is raised on that digest's turn, not in this transaction, whose email has gone), and
                    # this one's reminders are marked sent (not yet committed)
                    following = order[position + 1] if position + 1 < len(order) else None
                    if following is not None and live_of[following]:
                        try:
                            written[following] = letter(following)
                        except Exception as error:  # kept for its own digest's turn
                            written[following] = error
                    _reminders_mark_sent(
                        reminder_ids=[i.reminder_id for i in live], now=now, message_id=queued[current].message_id
                    )
                    outbox.accepted()  # an SMTP error rolls the claim and the marks back: still queued
                    sent += 1
    except Exception as error:
        # the SMTP server could not be reached (no digest tried yet): every digest of the batch waits
        failed = [current] if current is not None else ids
        Digest.objects.filter(pk__in=failed, state=Digest.State.QUEUED).update(
            last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    return sent
