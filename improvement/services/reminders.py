"""Deadline reminders: the daily sweep that claims what is due, and sending one digest.

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
  address per sweep) and, on commit, queues ``send_digest(id)``. If the broker is down the
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

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from improvement.models import ActionStatus, Digest, Meeting, Reminder, ReminderKind
from improvement.selectors import reminders as selectors
from improvement.selectors.reminders import Person, Policy

logger = logging.getLogger(__name__)

COMMITTEE_WINDOW_DAYS = (
    14  # "updates missing" nudges go out when a committee meets within this many days
)
REQUEUE_AFTER = dt.timedelta(
    minutes=5
)  # a queued digest not sent by then is handed to the broker again
MAX_ATTEMPTS = 30  # after this many failed sends a digest is marked failed and left for a person to look at
INSERT_BATCH = 20000  # rows per INSERT statement on PostgreSQL (SQLite: as many as its 32,766 parameters allow)
# Publishing must never hang or fail a request or a sweep when the broker is down.
PUBLISH_RETRY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}

ESCALATION_KINDS = {ReminderKind.ESCALATION, ReminderKind.ESCALATION_COPY}


# --------------------------------------------------------------------------- the timeline


def reminder_occasion(
    *, due: dt.date, today: dt.date, policy: Policy
) -> tuple[str, dt.date] | None:
    """The latest reminder occasion on or before ``today`` for an open action due on ``due``."""
    days_left = (due - today).days
    if days_left >= 0:
        reached = [d for d in policy.days_before if d >= days_left]
        if not reached:
            return None
        days = min(reached)
        return (
            (ReminderKind.DUE, due)
            if days == 0
            else (ReminderKind.BEFORE, due - dt.timedelta(days=days))
        )
    overdue = -days_left
    repeat = policy.overdue_repeat_days
    first_escalation = policy.escalate_after_days + 1
    if overdue >= first_escalation:
        weeks = (overdue - first_escalation) // repeat if repeat else 0
        return ReminderKind.ESCALATION, due + dt.timedelta(
            days=first_escalation + weeks * repeat
        )
    if repeat and overdue >= repeat:
        return ReminderKind.OVERDUE, due + dt.timedelta(
            days=(overdue // repeat) * repeat
        )
    if 0 in policy.days_before:
        return ReminderKind.DUE, due  # the due date passed while nobody swept
    return None


# --------------------------------------------------------------------------- planning


@dataclass
class Planned:
    """One reminder the sweep means to claim, and who it goes to."""

    action_id: int
    authority_id: int
    kind: str
    due_on: dt.date
    recipient: (
        str  # the person's address, or "" when it goes to the improvement leads instead
    )
    to: tuple[Person, ...]

    @property
    def key(self):
        return (self.action_id, self.kind, self.due_on)


def _name(person_name, role_title):
    return person_name or role_title or ""


def _route(row, kind, due_on, leads: dict[int, list[Person]]) -> list[Planned]:
    (
        action_id,
        authority_id,
        _due,
        owner_id,
        owner_email,
        owner_role,
        owner_person,
        owner_opted_out,
        _manager_id,
        manager_email,
        manager_role,
        manager_person,
    ) = row[:12]
    escalation = kind in ESCALATION_KINDS

    def to_leads(k):
        people = tuple(
            p for p in leads.get(authority_id, ()) if escalation or not p.opted_out
        )
        return Planned(action_id, authority_id, k, due_on, "", people)

    def to(k, email, name):
        return Planned(
            action_id, authority_id, k, due_on, email, (Person(email, name),)
        )

    if kind == ReminderKind.ESCALATION:
        planned = [
            to(kind, manager_email, _name(manager_person, manager_role))
            if manager_email
            else to_leads(kind)
        ]
        if owner_id:
            copy = ReminderKind.ESCALATION_COPY
            planned.append(
                to(copy, owner_email, _name(owner_person, owner_role))
                if owner_email
                else to_leads(copy)
            )
        return planned
    if owner_id and owner_opted_out:
        return []
    if owner_id and owner_email:
        return [to(kind, owner_email, _name(owner_person, owner_role))]
    return [to_leads(kind)]


def reminders_plan(*, today: dt.date) -> list[Planned]:
    """Every reminder due today that is not claimed yet, with its recipients; a handful of queries."""
    policies = selectors.reminder_policies()
    if not policies:
        return []
    leads = selectors.improvement_leads()
    planned: list[Planned] = []

    furthest = max(
        (max(p.days_before, default=0) for p in policies.values()), default=0
    )
    for row in selectors.deadline_candidates(today=today, furthest_before=furthest):
        policy = policies[row[1]]
        occasion = reminder_occasion(due=row[2], today=today, policy=policy)
        if occasion is None or occasion == (row[-2], row[-1]):
            continue  # nothing due, or the latest occasion is already claimed
        planned.extend(_route(row, occasion[0], occasion[1], leads))

    committees = selectors.next_committee_dates(
        today=today, within_days=COMMITTEE_WINDOW_DAYS
    )
    tz = timezone.get_current_timezone()
    cutoffs = {
        authority_id: dt.datetime.combine(
            date - dt.timedelta(days=policies[authority_id].stale_update_days),
            dt.time(),
            tz,
        )
        for authority_id, (date, _committee) in committees.items()
        if authority_id in policies
    }
    week_of = today - dt.timedelta(
        days=today.weekday()
    )  # weekly: at most one nudge per Monday-to-Sunday week
    for row in selectors.stale_update_candidates(cutoffs=cutoffs, week_of=week_of):
        planned.extend(_route(row, ReminderKind.UPDATES_MISSING, week_of, leads))
    return planned


# --------------------------------------------------------------------------- the sweep


@dataclass
class DigestPlan:
    to_email: str
    to_name: str
    items: list[tuple[int, str, dt.date]] = field(
        default_factory=list
    )  # (action id, kind, due_on)


@dataclass
class SweepResult:
    today: dt.date
    dry_run: bool
    claimed: int = 0
    undeliverable: int = 0
    requeued: int = 0
    digests: list[DigestPlan] = field(default_factory=list)
    digest_ids: list[int] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)


def _group(planned: list[Planned]) -> tuple[dict[str, DigestPlan], dict[str, int], int]:
    by_address: dict[str, DigestPlan] = {}
    authority_of: dict[str, int] = {}
    undeliverable = 0
    for item in planned:
        if not item.to:
            undeliverable += 1
        for person in item.to:
            address = person.email.strip().lower()
            digest = by_address.setdefault(
                address, DigestPlan(person.email.strip(), person.name)
            )
            authority_of.setdefault(address, item.authority_id)
            digest.items.append(item.key)
    return by_address, authority_of, undeliverable


def _message_id() -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return make_msgid(idstring="reminders", domain=domain)


def reminders_sweep(
    *, today: dt.date, now: dt.datetime | None = None, dry_run: bool = False
) -> SweepResult:
    """Claim every reminder due ``today``, write one digest per recipient and queue them.

    Safe to run twice, or twice at once: the unique Reminder row decides who owns what.
    ``dry_run`` computes the same digests and writes and sends nothing.
    """
    now = now or timezone.now()
    result = SweepResult(today=today, dry_run=dry_run)
    planned = reminders_plan(today=today)

    if dry_run:
        taken = selectors.existing_reminder_keys(keys=[p.key for p in planned])
        planned = [p for p in planned if p.key not in taken]
        by_address, _authorities, result.undeliverable = _group(planned)
        result.claimed = len(planned)
        result.digests = sorted(by_address.values(), key=lambda d: d.to_email.lower())
        result.titles = selectors.action_titles(ids={p.action_id for p in planned})
        return result

    result.requeued = digests_requeue(now=now)
    if not planned:
        return result

    planned.sort(
        key=lambda p: (p.action_id, p.kind, p.due_on)
    )  # one lock order, so two sweeps never deadlock
    with transaction.atomic():
        owned = _claim(planned, now=now)
        mine = [p for p in planned if p.key in owned]
        by_address, authority_of, result.undeliverable = _group(mine)
        digests = [
            Digest(
                authority_id=authority_of[address],
                to_email=plan.to_email,
                to_name=plan.to_name[:200],
                sweep_on=today,
                message_id=_message_id(),
            )
            for address, plan in by_address.items()
        ]
        Digest.objects.bulk_create(digests, batch_size=INSERT_BATCH)
        _insert(
            Digest.reminders.through,
            ["digest", "reminder"],
            [
                (digest.pk, owned[key])
                for digest, plan in zip(digests, by_address.values(), strict=True)
                for key in plan.items
            ],
        )
        result.claimed = len(owned)
        result.digests = list(by_address.values())
        result.digest_ids = [d.pk for d in digests]
        ids = list(result.digest_ids)
        transaction.on_commit(lambda: digests_enqueue(digest_ids=ids))
    return result


def _insert(
    model, fields: list[str], rows: list[tuple], *, suffix: str = ""
) -> list[tuple]:
    """Insert many rows in a few statements; returns the RETURNING rows of ``suffix``, if any.

    PostgreSQL: one ``INSERT ... SELECT * FROM unnest(array, array, ...)`` per batch, which
    PostgreSQL parses far faster than a VALUES list of thousands of rows. SQLite (the laptop
    default): a multi-row VALUES list. Raw SQL because bulk_create cannot say which rows
    ``ON CONFLICT DO NOTHING`` actually inserted.
    """
    returned: list[tuple] = []
    quote = connection.ops.quote_name
    meta = model._meta
    columns = [meta.get_field(f).column for f in fields]
    head = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
    )
    postgres = connection.vendor == "postgresql"
    if postgres:
        types = [
            meta.get_field(f).rel_db_type(connection)
            if meta.get_field(f).is_relation
            else meta.get_field(f).db_type(connection)
            for f in fields
        ]
        types = [t.replace("serial", "int") for t in types]
        body = "SELECT * FROM unnest(" + ", ".join(f"%s::{t}[]" for t in types) + ")"
    size = INSERT_BATCH if postgres else max(1, 32000 // len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            if postgres:
                cursor.execute(
                    head + body + suffix,
                    [list(column) for column in zip(*batch, strict=True)],
                )
            else:
                one = "(" + ", ".join(["%s"] * len(columns)) + ")"
                cursor.execute(
                    head + "VALUES " + ", ".join([one] * len(batch)) + suffix,
                    [v for row in batch for v in row],
                )
            if suffix:
                returned.extend(cursor.fetchall())
    return returned


def _claim(
    planned: list[Planned], *, now: dt.datetime
) -> dict[tuple[int, str, dt.date], int]:
    """Insert the Reminder rows; return {(action, kind, due_on): id} for those this sweep inserted.

    ``ON CONFLICT DO NOTHING RETURNING`` returns only the rows inserted here: a row that already
    exists, or that a concurrent sweep has inserted (we wait for its transaction, then skip), is
    not ours. The unique constraint on (action, kind, due_on) is what decides.
    """
    meta = Reminder._meta
    col = lambda name: meta.get_field(name).column
    quote = connection.ops.quote_name
    key = ", ".join(quote(col(f)) for f in ("action", "kind", "due_on"))
    rows = [
        (
            p.action_id,
            p.kind,
            p.due_on,
            p.recipient,
            Reminder.State.QUEUED if p.to else Reminder.State.SKIPPED,
            now,
            "",
        )
        for p in planned
    ]
    if connection.vendor == "sqlite":  # SQLite keeps dates and datetimes as text
        rows = [
            (a, k, d.isoformat(), r, s, connection.ops.adapt_datetimefield_value(n), m)
            for a, k, d, r, s, n, m in rows
        ]
    returned = _insert(
        Reminder,
        ["action", "kind", "due_on", "recipient", "state", "created_at", "message_id"],
        rows,
        suffix=f" ON CONFLICT ({key}) DO NOTHING RETURNING {quote(meta.pk.column)}, {key}",
    )
    parse = dt.date.fromisoformat
    return {
        (action_id, kind, due_on if isinstance(due_on, dt.date) else parse(due_on)): pk
        for pk, action_id, kind, due_on in returned
    }


# --------------------------------------------------------------------------- queueing


def digests_enqueue(*, digest_ids: list[int], now: dt.datetime | None = None) -> int:
    """Hand digests to the broker. Never raises: if the broker is down they stay queued in the database."""
    if not digest_ids:
        return 0
    from improvement.tasks import send_digest  # the task module imports this one

    handed = []
    try:
        with send_digest.app.producer_or_acquire() as producer:
            for digest_id in digest_ids:
                send_digest.apply_async(
                    (digest_id,),
                    producer=producer,
                    retry=True,
                    retry_policy=PUBLISH_RETRY,
                )
                handed.append(digest_id)
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
    Digest.objects.filter(state=Digest.State.QUEUED, attempts__gte=MAX_ATTEMPTS).update(
        state=Digest.State.FAILED
    )
    ids = selectors.digests_to_requeue(enqueued_before=now - REQUEUE_AFTER)
    return digests_enqueue(digest_ids=ids, now=now)


# --------------------------------------------------------------------------- sending


def when_phrase(*, date: dt.date, today: dt.date) -> str:
    """ "11 June 2019, in 3 days" """
    days = (date - today).days
    if days == 0:
        relative = "today"
    elif days == 1:
        relative = "tomorrow"
    elif days == -1:
        relative = "yesterday"
    elif days > 0:
        relative = f"in {days} days"
    else:
        relative = f"{-days} days ago"
    return f"{date.day} {date:%B %Y}, {relative}"


SECTIONS = [
    # (key, heading)
    ("escalated_to_you", "Overdue actions escalated to you as line manager"),
    (
        "escalation_copy",
        "Your overdue actions have been escalated to your line manager",
    ),
    (ReminderKind.OVERDUE, "Overdue"),
    (ReminderKind.DUE, "Due now"),
    (ReminderKind.BEFORE, "Due soon"),
    (ReminderKind.UPDATES_MISSING, "Progress update needed before the committee"),
    ("could_not_email", "Actions whose owner we could not email"),
]


def _section_of(reminder: Reminder) -> str:
    if not reminder.recipient:
        return "could_not_email"
    if reminder.kind == ReminderKind.ESCALATION:
        return "escalated_to_you"
    if reminder.kind == ReminderKind.ESCALATION_COPY:
        return "escalation_copy"
    return reminder.kind


def _why_leads(reminder: Reminder, action) -> str:
    owner = action.owner
    if reminder.kind == ReminderKind.ESCALATION:
        if owner and owner.line_manager_id:
            return f"Overdue and due for escalation, but the line manager ({owner.line_manager}) has no email address."
        return "Overdue and due for escalation, but the owner has no line manager on record."
    if owner is None:
        return f"{reminder.get_kind_display()}: this action has no owner."
    return f"{reminder.get_kind_display()}: the owner ({owner}) has no email address."


def digest_context(
    *, digest: Digest, items: list[selectors.DigestItem], today: dt.date, committee=None
) -> dict:
    site = settings.SITE_URL.rstrip("/")
    statuses = dict(ActionStatus.choices)
    sections = {key: [] for key, _ in SECTIONS}
    for item in items:
        action, reminder = item.action, item.reminder
        if item.last_update_at:
            local = timezone.localtime(item.last_update_at)
            last = f"last update {local.day} {local:%B %Y}: {statuses.get(item.last_update_status, '')}, {item.last_update_progress}% done"
        else:
            last = "no progress update yet"
        sections[_section_of(reminder)].append(
            {
                "title": action.title,
                "reference": action.reference,
                "url": site + reverse("action_detail", args=[action.pk]),
                "due": f"due {when_phrase(date=action.due_date, today=today)}"
                if action.due_date
                else "no due date",
                "owner": str(action.owner) if action.owner else "no owner",
                "last_update": last,
                "why": _why_leads(reminder, action) if not reminder.recipient else "",
            }
        )
    headings = dict(SECTIONS)
    if committee:
        headings[ReminderKind.UPDATES_MISSING] = (
            f"Progress update needed before {committee.committee} on {committee.date.day} {committee.date:%B %Y}"
        )
    count = len(items)
    escalations = len(sections["escalated_to_you"])
    subject = f"Improvement plan: {count} action{'s' if count != 1 else ''} need{'s' if count == 1 else ''} your attention"
    if escalations:
        subject = f"Escalation: {subject}"
    return {
        "digest": digest,
        "to_name": digest.to_name or digest.to_email,
        "authority": digest.authority.name,
        "subject": subject,
        "sections": [
            {"heading": headings[key], "items": sections[key]}
            for key, _ in SECTIONS
            if sections[key]
        ],
        "site_url": site,
        "today": today,
    }


def digest_message(
    *, digest: Digest, items: list[selectors.DigestItem], today: dt.date
) -> EmailMultiAlternatives:
    committee = None
    if any(i.reminder.kind == ReminderKind.UPDATES_MISSING for i in items):
        committee = (
            Meeting.objects.filter(
                authority_id=digest.authority_id, date__gte=digest.sweep_on
            )
            .order_by("date")
            .first()
        )
    context = digest_context(
        digest=digest, items=items, today=today, committee=committee
    )
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=render_to_string("emails/reminder_digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.to_email],
        headers={"Message-ID": digest.message_id, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string("emails/reminder_digest.html", context), "text/html"
    )
    return message


def digest_send(*, digest_id: int, now: dt.datetime | None = None) -> bool:
    """Send one digest if it is still queued; True if an email went out. Safe to run twice, or at once.

    The row lock is held while the SMTP server takes the message, so a second copy of the
    task waits and then finds the digest sent. SMTP errors propagate (the task retries).
    """
    Digest.objects.filter(pk=digest_id, state=Digest.State.QUEUED).update(
        attempts=F("attempts") + 1
    )
    try:
        with transaction.atomic():
            digest = (
                Digest.objects.select_for_update()
                .select_related("authority")
                .filter(pk=digest_id)
                .first()
            )
            if digest is None or digest.state != Digest.State.QUEUED:
                return False
            items = selectors.digest_items(digest=digest)
            live = [i for i in items if not i.action.is_done]
            done = [i.reminder.pk for i in items if i.action.is_done]
            if done:  # completed since the sweep: completed actions get nothing
                Reminder.objects.filter(
                    pk__in=done, state=Reminder.State.QUEUED
                ).update(state=Reminder.State.SKIPPED)
            if not live:
                Digest.objects.filter(pk=digest.pk).update(state=Digest.State.SKIPPED)
                return False
            now = now or timezone.now()
            today = max(digest.sweep_on, timezone.localdate(now))
            digest_message(digest=digest, items=live, today=today).send(
                fail_silently=False
            )
            Digest.objects.filter(pk=digest.pk).update(
                state=Digest.State.SENT, sent_at=now, last_error=""
            )
            Reminder.objects.filter(pk__in=[i.reminder.pk for i in live]).update(
                state=Reminder.State.SENT, sent_at=now, message_id=digest.message_id
            )
            return True
    except Exception as error:
        Digest.objects.filter(pk=digest_id).update(
            last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
