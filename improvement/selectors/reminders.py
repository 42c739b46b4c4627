"""Reads for deadline reminders: a handful of set-based queries, never one per action.

The sweep (services/reminders/sweep.py) asks these for the reminder policy of every authority,
the improvement leads, the committee dates ahead, the open actions whose deadline is near
or past, and the actions with no recent update; the send task asks for one digest's items.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import DateTimeField, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from improvement import roles
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    Digest,
    Meeting,
    Owner,
    ProgressUpdate,
    Reminder,
    ReminderKind,
    User,
)

# The kinds on an action's deadline timeline: before -> due -> overdue -> escalation.
TIMELINE_KINDS = (
    ReminderKind.BEFORE,
    ReminderKind.DUE,
    ReminderKind.OVERDUE,
    ReminderKind.ESCALATION,
)


@dataclass(frozen=True)
class Policy:
    """An authority's reminder policy, parsed from its fields."""

    authority_id: int
    authority_name: str
    days_before: tuple[int, ...]  # descending, e.g. (14, 3, 0); 0 is the due date
    overdue_repeat_days: int
    escalate_after_days: int
    stale_update_days: int


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    opted_out: bool = False


def parse_reminder_days(text: str) -> tuple[int, ...]:
    days = set()
    for part in (text or "").split(","):
        part = part.strip()
        if part.isdigit():
            days.add(int(part))
    return tuple(sorted(days, reverse=True))


def reminder_policies() -> dict[int, Policy]:
    """Every authority's policy: one query."""
    rows = Authority.objects.values_list(
        "id",
        "name",
        "reminder_days_before",
        "overdue_repeat_days",
        "escalate_after_days",
        "stale_update_days",
    )
    return {
        pk: Policy(pk, name, parse_reminder_days(before), repeat, escalate, stale)
        for pk, name, before, repeat, escalate, stale in rows
    }


def improvement_leads() -> dict[int, list[Person]]:
    """Active improvement leads with an email address, per authority: one query."""
    rows = (
        User.objects.filter(groups__name=roles.IMPROVEMENT_LEAD, is_active=True, authority__isnull=False)
        .exclude(email="")
        .order_by("authority_id", "email")
        .values_list(
            "authority_id",
            "email",
            "first_name",
            "last_name",
            "username",
            "reminders_opt_out",
        )
        .distinct()
    )
    leads: dict[int, list[Person]] = defaultdict(list)
    for authority_id, email, first, last, username, opted_out in rows:
        leads[authority_id].append(Person(email, f"{first} {last}".strip() or username, opted_out))
    return leads


def next_committee_dates(*, today: dt.date, within_days: int) -> dict[int, tuple[dt.date, str]]:
    """The first committee date in [today, today + within_days] per authority: one query."""
    rows = (
        Meeting.objects.filter(date__gte=today, date__lte=today + dt.timedelta(days=within_days))
        .order_by("authority_id", "date", "committee")
        .values_list("authority_id", "date", "committee")
    )
    found: dict[int, tuple[dt.date, str]] = {}
    for authority_id, date, committee in rows:
        found.setdefault(authority_id, (date, committee))
    return found


class ActionToRemind(NamedTuple):
    """What the sweep needs to route one action's reminder, read without loading model instances."""

    action_id: int
    authority_id: int
    due_date: dt.date | None
    owner_id: int | None
    owner_email: str | None
    owner_role: str | None
    owner_person: str | None
    owner_opted_out: bool | None
    manager_id: int | None
    manager_email: str | None
    manager_role: str | None
    manager_person: str | None
    last_kind: str | None = None  # the latest deadline reminder already claimed (deadline_candidates only)
    last_on: dt.date | None = None


# The columns of ActionToRemind, in its order.
_ROUTING = (
    "id",
    "authority_id",
    "due_date",
    "owner_id",
    "owner__email",
    "owner__role_title",
    "owner__person_name",
    "owner__user__reminders_opt_out",
    "owner__line_manager_id",
    "owner__line_manager__email",
    "owner__line_manager__role_title",
    "owner__line_manager__person_name",
)


def deadline_candidates(*, today: dt.date, furthest_before: int) -> Iterator[ActionToRemind]:
    """Open actions whose due date is within ``furthest_before`` days or past: one query.

    Each row carries the kind and date of the latest deadline reminder already claimed for
    the action, so the sweep skips those already done without touching the Reminder table
    again.
    """
    latest = Reminder.objects.filter(action=OuterRef("pk"), kind__in=TIMELINE_KINDS).order_by("-due_on", "-id")
    rows = (
        Action.objects.exclude(status__in=ActionStatus.done())
        .filter(
            due_date__isnull=False,
            due_date__lte=today + dt.timedelta(days=furthest_before),
        )
        .annotate(
            last_kind=Subquery(latest.values("kind")[:1]),
            last_on=Subquery(latest.values("due_on")[:1]),
        )
        .order_by()
        .values_list(*_ROUTING, "last_kind", "last_on")
        .iterator(chunk_size=5000)
    )
    return (ActionToRemind(*row) for row in rows)


def stale_update_candidates(*, cutoffs: dict[int, dt.datetime], week_of: dt.date) -> list[ActionToRemind]:
    """Open actions with no update since their authority's cutoff, not yet nudged this week: one query.

    ``cutoffs`` maps authority id -> the moment before which the last update counts as stale
    (only authorities with a committee coming up are in it).
    """
    if not cutoffs:
        return []
    last_update = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by().values("action")
    last_update = last_update.annotate(latest=Max("created_at")).values("latest")
    stale = Q()
    for authority_id, cutoff in cutoffs.items():
        stale |= Q(authority_id=authority_id, last_activity__lt=cutoff)
    nudged = Reminder.objects.filter(action=OuterRef("pk"), kind=ReminderKind.UPDATES_MISSING, due_on=week_of)
    rows = (
        Action.objects.exclude(status__in=ActionStatus.done())
        .filter(authority_id__in=list(cutoffs))
        .annotate(last_activity=Coalesce(Subquery(last_update, output_field=DateTimeField()), F("created_at")))
        .filter(stale)
        .exclude(Exists(nudged))
        .order_by()
        .values_list(*_ROUTING)
    )
    return [ActionToRemind(*row) for row in rows]


def existing_reminder_keys(*, keys: list[tuple[int, str, dt.date]]) -> set[tuple[int, str, dt.date]]:
    """Which of these (action, kind, due_on) are already claimed: one query (used by --dry-run)."""
    if not keys:
        return set()
    action_ids = {k[0] for k in keys}
    dates = {k[2] for k in keys}
    rows = Reminder.objects.filter(action_id__in=action_ids, due_on__in=dates).values_list(
        "action_id", "kind", "due_on"
    )
    return set(rows) & set(keys)


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One line of a digest: a reminder and what the email says about its action, as plain values."""

    reminder_id: int
    kind: str
    recipient: str
    action_id: int
    title: str
    reference: str
    due_date: dt.date | None
    status: str
    owner: str | None  # the owner as shown (role title and name), None when the action has none
    line_manager: str | None  # the owner's line manager as shown, None when there is none on record
    last_update_at: dt.datetime | None
    last_update_status: str | None
    last_update_progress: int | None

    @property
    def is_done(self) -> bool:
        return self.status in ActionStatus.done()


def digest_items(*, digest: Digest) -> list[DigestItem]:
    """One digest's reminders with their actions, owners and last update: two queries."""
    return digest_items_for(digest_ids=[digest.pk])[digest.pk]


def _due_order(item: DigestItem) -> tuple:
    """A digest's lines soonest due first (no due date last), then by action and kind."""
    return (item.due_date is None, item.due_date or dt.date.min, item.action_id, item.kind, item.reminder_id)


def digest_items_for(*, digest_ids: list[int]) -> dict[int, list[DigestItem]]:
    """The items of several digests at once, {digest id: items}, each digest's in due-date order.

    Two queries for the whole batch, whatever its size: which reminders are in which digest, then
    each of their actions once (an action is in several digests: the owner's, the line manager's,
    the leads') with its owner, line manager and latest update. The actions are asked for by their
    ids rather than joined to the reminders: PostgreSQL then looks each one up by its key even when
    the day's reminders are too new to have statistics, instead of reading and hashing every action
    in the database for each batch.
    """
    links = list(
        Digest.reminders.through.objects.filter(digest_id__in=digest_ids).values_list(
            "digest_id", "reminder_id", "reminder__kind", "reminder__recipient", "reminder__action_id"
        )
    )
    found: dict[int, list[DigestItem]] = {pk: [] for pk in digest_ids}
    if not links:
        return found
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-id")
    rows = (
        Action.objects.filter(pk__in={link[4] for link in links})
        .annotate(
            last_update_at=Subquery(latest.values("created_at")[:1]),
            last_update_status=Subquery(latest.values("status")[:1]),
            last_update_progress=Subquery(latest.values("progress")[:1]),
        )
        .order_by()
        .values_list(
            "id",
            "title",
            "reference",
            "due_date",
            "status",
            "owner_id",
            "owner__role_title",
            "owner__person_name",
            "owner__line_manager_id",
            "owner__line_manager__role_title",
            "owner__line_manager__person_name",
            "last_update_at",
            "last_update_status",
            "last_update_progress",
        )
    )
    labels: dict[int, str] = {}  # owner id -> the owner as shown, worked out once per owner

    def label(pk: int | None, role_title: str | None, person_name: str | None) -> str | None:
        if pk is None:
            return None
        if pk not in labels:
            labels[pk] = str(Owner(pk=pk, role_title=role_title, person_name=person_name))
        return labels[pk]

    # action id -> the DigestItem fields that follow the reminder's own (title ... last update)
    about = {
        pk: (
            title,
            reference,
            due_date,
            status,
            label(owner_id, owner_role, owner_person),
            label(manager_id, manager_role, manager_person),
            last_at,
            last_status,
            last_progress,
        )
        for (
            pk,
            title,
            reference,
            due_date,
            status,
            owner_id,
            owner_role,
            owner_person,
            manager_id,
            manager_role,
            manager_person,
            last_at,
            last_status,
            last_progress,
        ) in rows
    }
    for digest_id, reminder_id, kind, recipient, action_id in links:
        found[digest_id].append(DigestItem(reminder_id, kind, recipient, action_id, *about[action_id]))
    for items in found.values():
        items.sort(key=_due_order)
    return found


def next_meetings(*, authority_ids: Iterable[int], on_or_after: dt.date) -> dict[int, list]:
    """Each council's meetings from a date on, soonest first, for the digests' committee headings: one query."""
    found: dict[int, list] = {}
    for meeting in Meeting.objects.filter(authority_id__in=list(authority_ids), date__gte=on_or_after).order_by("date"):
        found.setdefault(meeting.authority_id, []).append(meeting)
    return found


def digests_to_requeue(*, enqueued_before: dt.datetime) -> list[int]:
    """Queued digests never handed to the broker, or handed over long enough ago to be lost: one query."""
    return list(
        Digest.objects.filter(state=Digest.State.QUEUED)
        .filter(Q(enqueued_at__isnull=True, created_at__lt=enqueued_before) | Q(enqueued_at__lt=enqueued_before))
        .order_by("id")
        .values_list("id", flat=True)
    )


def action_titles(*, ids: Collection[int]) -> dict[int, str]:
    """Titles of these actions, for --dry-run's listing: one query."""
    return dict(Action.objects.filter(pk__in=list(ids)).values_list("pk", "title")) if ids else {}
