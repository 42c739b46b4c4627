"""Deadline reminders: the daily sweep that claims what is due, and sending one digest.

``timeline`` (pure Python: the policy's occasions), ``sweep`` (planning, routing and
claiming), ``queue`` (handing digests to the broker by task name), ``emails`` (what a
digest says), ``digests`` (sending one, or a batch, at most once) and ``outbox`` (a
batch's emails handed to the SMTP server in steps, so the sender and the server work at
the same time). The names
below are the package's interface.

How "exactly once" works
------------------------
* The sweep is computed from the data, not from a queue of future jobs. For each open
  action it works out the *latest reminder occasion on or before today* on the action's
  deadline timeline (``reminder_occasion``)::

      before (e.g. 14 and 3 days before)  ->  due (the due date)
      ->  overdue (every ``overdue_repeat_days`` after the due date)
      ->  escalation (first day overdue by more than ``escalate_after_days``, then weekly)

  Only the latest occasion counts, so a sweep that did not run for a few days catches up
  with one reminder, never one per missed day: a "3 days before" occasion missed on its
  day is still claimed the next run while the action is not yet due; a missed due date is
  claimed the day after while no overdue occasion has come; and so on.
* Each occasion is one ``Reminder`` row, unique on (action, kind, due_on). A sweep claims
  it by inserting the row with ``ignore_conflicts`` stamped with its own ``sweep_id``, then
  re-selects the rows carrying its stamp. A second sweep (the same day, or running at the
  same moment) conflicts on the unique index and owns nothing: nothing is sent twice.
* In the same transaction the sweep writes one ``Digest`` per recipient (one email per
  address per sweep) and, on commit, queues ``digest_send_task(id)`` by name. If the broker is down the
  digest rows stay ``queued`` and the next sweep (or ``digests_requeue``) queues them again.
* ``digest_send`` locks the digest row, sends it, and marks it sent in one transaction; a
  duplicate task finds it sent and does nothing. If the worker dies after the SMTP server
  accepted the message but before the commit, the message is redelivered and sent again
  with the *same* Message-ID (made once, stored on the digest), so mail clients fold the
  pair: at most one duplicate per worker killed at exactly that moment.

Opted-out users (``User.reminders_opt_out``) get no reminders except escalations. When
the person a reminder is for has no email address (or an action has no owner or no line
manager to escalate to), the reminder goes to the authority's improvement leads instead,
listed under "Actions whose owner we could not email".
"""

from improvement.services.reminders.digests import SEND_BATCH, digest_send, digests_send
from improvement.services.reminders.emails import digest_context, digest_message, when_phrase
from improvement.services.reminders.queue import (
    MAX_ATTEMPTS,
    PUBLISH_RETRY,
    REQUEUE_AFTER,
    SEND_DIGEST_TASK,
    SEND_DIGESTS_TASK,
    digests_enqueue,
    digests_requeue,
)
from improvement.services.reminders.sweep import (
    COMMITTEE_WINDOW_DAYS,
    INSERT_BATCH,
    DigestPlan,
    Planned,
    SweepResult,
    reminders_plan,
    reminders_sweep,
)
from improvement.services.reminders.timeline import reminder_occasion

__all__ = [
    "COMMITTEE_WINDOW_DAYS",
    "INSERT_BATCH",
    "MAX_ATTEMPTS",
    "PUBLISH_RETRY",
    "REQUEUE_AFTER",
    "SEND_DIGEST_TASK",
    "SEND_DIGESTS_TASK",
    "SEND_BATCH",
    "DigestPlan",
    "Planned",
    "SweepResult",
    "digest_context",
    "digest_message",
    "digest_send",
    "digests_send",
    "digests_enqueue",
    "digests_requeue",
    "reminder_occasion",
    "reminders_plan",
    "reminders_sweep",
    "when_phrase",
]
