"""The daily sweep: plan who gets which reminder today, claim each exactly once, write the digests.

See the package docstring for how "exactly once" works.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import make_msgid
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from improvement.models import Digest, Reminder, ReminderKind
from improvement.selectors import reminders as selectors
from improvement.selectors.reminders import ActionToRemind, Person
from improvement.services.reminders.queue import digests_enqueue, digests_requeue
from improvement.services.reminders.timeline import reminder_occasion

if TYPE_CHECKING:
    from django.db.models import Model

logger = logging.getLogger(__name__)

COMMITTEE_WINDOW_DAYS = 14  # "updates missing" nudges go out when a committee meets within this many days
INSERT_BATCH = 20000  # rows per INSERT statement on PostgreSQL (SQLite: as many as its 32,766 parameters allow)
ESCALATION_KINDS = {ReminderKind.ESCALATION, ReminderKind.ESCALATION_COPY}


@dataclass
class Planned:
    """One reminder the sweep means to claim, and who it goes to."""

    action_id: int
    authority_id: int
    kind: str
    due_on: dt.date
    recipient: str  # the person's address, or "" when it goes to the improvement leads instead
    to: tuple[Person, ...]

    @property
    def key(self) -> tuple[int, str, dt.date]:
        return (self.action_id, self.kind, self.due_on)


def _name(person_name: str | None, role_title: str | None) -> str:
    return person_name or role_title or ""


def _route(row: ActionToRemind, kind: str, due_on: dt.date, leads: dict[int, list[Person]]) -> list[Planned]:
    action_id, authority_id, owner_id = row.action_id, row.authority_id, row.owner_id
    escalation = kind in ESCALATION_KINDS

    def to_leads(k: str) -> Planned:
        people = tuple(p for p in leads.get(authority_id, ()) if escalation or not p.opted_out)
        return Planned(action_id, authority_id, k, due_on, "", people)

    def to(k: str, email: str, name: str) -> Planned:
        return Planned(action_id, authority_id, k, due_on, email, (Person(email, name),))

    if kind == ReminderKind.ESCALATION:
        planned = [
            to(kind, row.manager_email, _name(row.manager_person, row.manager_role))
            if row.manager_email
            else to_leads(kind)
        ]
        if owner_id:
            copy = ReminderKind.ESCALATION_COPY
            planned.append(
                to(copy, row.owner_email, _name(row.owner_person, row.owner_role))
                if row.owner_email
                else to_leads(copy)
            )
        return planned
    if owner_id and row.owner_opted_out:
        return []
    if owner_id and row.owner_email:
        return [to(kind, row.owner_email, _name(row.owner_person, row.owner_role))]
    return [to_leads(kind)]


def reminders_plan(*, today: dt.date) -> list[Planned]:
    """Every reminder due today that is not claimed yet, with its recipients; a handful of queries."""
    policies = selectors.reminder_policies()
    if not policies:
        return []
    leads = selectors.improvement_leads()
    planned: list[Planned] = []

    furthest = max((max(p.days_before, default=0) for p in policies.values()), default=0)
    for row in selectors.deadline_candidates(today=today, furthest_before=furthest):
        policy = policies[row.authority_id]
        occasion = reminder_occasion(due=row.due_date, today=today, policy=policy)
        if occasion is None or occasion == (row.last_kind, row.last_on):
            continue  # nothing due, or the latest occasion is already claimed
        planned.extend(_route(row, occasion[0], occasion[1], leads))

    committees = selectors.next_committee_dates(today=today, within_days=COMMITTEE_WINDOW_DAYS)
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
    week_of = today - dt.timedelta(days=today.weekday())  # weekly: at most one nudge per Monday-to-Sunday week
    for row in selectors.stale_update_candidates(cutoffs=cutoffs, week_of=week_of):
        planned.extend(_route(row, ReminderKind.UPDATES_MISSING, week_of, leads))
    return planned


@dataclass
class DigestPlan:
    to_email: str
    to_name: str
    items: list[tuple[int, str, dt.date]] = field(default_factory=list)  # (action id, kind, due_on)


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
            digest = by_address.setdefault(address, DigestPlan(person.email.strip(), person.name))
            authority_of.setdefault(address, item.authority_id)
            digest.items.append(item.key)
    return by_address, authority_of, undeliverable


def _message_id() -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return make_msgid(idstring="reminders", domain=domain)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector for a while, then restore it as it was.

    A sweep over 100,000 actions makes a few hundred thousand small objects (rows, plans, tuples)
    that form no reference cycles and are freed by reference counting as usual; but their numbers
    set off the collector's full passes over every object in the process, which took a fifth of
    the sweep (and a twentieth of sending a batch of digests). Whatever cycles the sweep does leave
    are collected once it is back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def reminders_sweep(*, today: dt.date, now: dt.datetime | None = None, dry_run: bool = False) -> SweepResult:
    """Claim every reminder due ``today``, write one digest per recipient and queue them.

    Safe to run twice, or twice at once: the unique Reminder row decides who owns what.
    ``dry_run`` computes the same digests and writes and sends nothing.
    """
    with no_cycle_collection():
        return _sweep(today=today, now=now, dry_run=dry_run)


def _sweep(*, today: dt.date, now: dt.datetime | None, dry_run: bool) -> SweepResult:
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

    planned.sort(key=lambda p: (p.action_id, p.kind, p.due_on))  # one lock order, so two sweeps never deadlock
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
        links = [
            (digest.pk, owned[key])
            for digest, plan in zip(digests, by_address.values(), strict=True)
            for key in plan.items
        ]
        if connection.vendor == "postgresql":
            _copy(Digest.reminders.through, ["digest", "reminder"], links)
        else:
            _insert(Digest.reminders.through, ["digest", "reminder"], links)
        result.claimed = len(owned)
        result.digests = list(by_address.values())
        result.digest_ids = [d.pk for d in digests]
        ids = list(result.digest_ids)
        transaction.on_commit(lambda: digests_enqueue(digest_ids=ids))
    return result


def _insert(model: type[Model], fields: list[str], rows: list[tuple], *, suffix: str = "") -> list[tuple]:
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
    head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
    postgres = connection.vendor == "postgresql"
    if postgres:
        types = [
            meta.get_field(f).rel_db_type(connection)
            if meta.get_field(f).is_relation
            else meta.get_field(f).db_type(connection)
            for f in fields
        ]
        types = [t.replace("serial", "int") for t in types]
        # column types come from the model's own fields; the values go in as parameters
        body = "SELECT * FROM unnest(" + ", ".join(f"%s::{t}[]" for t in types) + ")"  # nosec B608
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


def _copy_text(value: object) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:  # four scans in C, not a generator
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _copy(model_or_table: type[Model] | str, fields: list[str], rows: list[tuple]) -> None:
    """PostgreSQL only: load rows with COPY, which it reads far faster than a statement's parameters."""
    quote = connection.ops.quote_name
    if isinstance(model_or_table, str):
        table, columns = model_or_table, fields
    else:
        meta = model_or_table._meta
        table, columns = meta.db_table, [meta.get_field(f).column for f in fields]
    data = io.StringIO("".join(["\t".join(map(_copy_text, row)) + "\n" for row in rows]))
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN", data)


CLAIMS_TABLE = "improvement_reminder_claims"  # a temporary table per connection, emptied at each commit


def _claim_postgres(rows: list[tuple], *, now: dt.datetime) -> list[tuple]:
    """COPY the planned claims into a temporary table, then one ``INSERT ... SELECT ... ON CONFLICT DO
    NOTHING RETURNING`` into the Reminder table, in (action, kind, due_on) order: the set-based claim."""
    meta = Reminder._meta
    quote = connection.ops.quote_name

    def col(name: str) -> str:
        return quote(meta.get_field(name).column)

    key = ", ".join(col(f) for f in ("action", "kind", "due_on"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {CLAIMS_TABLE} (action_id bigint, kind text, due_on date, "
            "recipient text, state text) ON COMMIT DELETE ROWS; "
            f"TRUNCATE {CLAIMS_TABLE}"  # empty even when an earlier claim in this transaction left rows
        )
    _copy(CLAIMS_TABLE, ["action_id", "kind", "due_on", "recipient", "state"], rows)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({key}, {col('recipient')}, {col('state')}, "  # nosec B608
            f"{col('created_at')}, {col('message_id')}) "
            f"SELECT action_id, kind, due_on, recipient, state, %s, '' FROM {CLAIMS_TABLE} "
            f"ORDER BY action_id, kind, due_on "
            f"ON CONFLICT ({key}) DO NOTHING RETURNING {quote(meta.pk.column)}, {key}",
            [now],
        )
        return cursor.fetchall()


def _claim(planned: list[Planned], *, now: dt.datetime) -> dict[tuple[int, str, dt.date], int]:
    """Insert the Reminder rows; return {(action, kind, due_on): id} for those this sweep inserted.

    ``ON CONFLICT DO NOTHING RETURNING`` returns only the rows inserted here: a row that already
    exists, or that a concurrent sweep has inserted (we wait for its transaction, then skip), is
    not ours. The unique constraint on (action, kind, due_on) is what decides.
    """
    meta = Reminder._meta

    def col(name: str) -> str:
        return meta.get_field(name).column

    quote = connection.ops.quote_name
    key = ", ".join(quote(col(f)) for f in ("action", "kind", "due_on"))
    if connection.vendor == "postgresql":
        returned = _claim_postgres(
            [
                (p.action_id, p.kind, p.due_on, p.recipient, Reminder.State.QUEUED if p.to else Reminder.State.SKIPPED)
                for p in planned
            ],
            now=now,
        )
        return {(action_id, kind, due_on): pk for pk, action_id, kind, due_on in returned}
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
            (a, k, d.isoformat(), r, s, connection.ops.adapt_datetimefield_value(n), m) for a, k, d, r, s, n, m in rows
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
