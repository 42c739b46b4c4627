"""One audit trail for every change: django-auditlog's LogEntry table.

Why django-auditlog: one LogEntry table gives one "Audit log" page (filtered with
django-filter) and one "Changes to this record" list for any record; it works on SQLite
(the embedded default) and PostgreSQL alike, unlike trigger-based history; its middleware
names the signed-in user as the actor of every web write.

The models below are registered at model level, so every write that goes through
``save()`` / ``delete()`` is recorded whatever path it came by: web pages, the admin, the
importer, management commands. Writes that bypass model signals (``QuerySet.update`` for
versioned action saves, ``bulk_create`` in the importer) call ``audit_updated`` /
``audit_bulk_created`` themselves.

Each entry's ``additional_data`` holds ``{"authority": <council id>}`` (so the audit log can
be scoped to a council in SQL) and ``"reason"`` when the change was made inside
``audit_context(user, reason)``.

Not audited, on purpose:
- ProgressUpdate: it *is* an action's append-only history (who, when, before -> after,
  reason); auditing it would record every history row twice.
- Reminder and Digest: bookkeeping the reminder sweep writes (what was sent to whom, when);
  they are their own record and would flood the log with a row per email.
- ImportDraft: an uploaded file waiting for review, holding its raw bytes; it lives at most
  a day and nothing in it reaches the plan until confirmed (which is audited).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from auditlog.cid import get_cid
from auditlog.context import auditlog_value, disable_auditlog, set_extra_data
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.utils.encoding import smart_str

from improvement.selectors.audit import AUDITED, M2M, PARENT, authority_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Model

    from improvement.models import User

_reason: ContextVar[str] = ContextVar("improvement_audit_reason", default="")


def _additional_data(instance: Model) -> dict:
    data = {"authority": authority_of(instance)}
    if type(instance) in PARENT:
        data["parent"] = getattr(instance, PARENT[type(instance)])
    reason = _reason.get()
    if reason:
        data["reason"] = reason
    return data


def audit_register() -> None:
    """Register the audited models with auditlog (called once, from the app's ready())."""
    for model, (_, exclude) in AUDITED.items():
        if auditlog.contains(model):
            continue
        # auditlog asks each instance for get_additional_data() when it writes an entry.
        model.get_additional_data = _additional_data
        # Only the record's own columns: not its id, nor its council (in additional_data), nor
        # reverse relations (auditlog would record "improvement.ProgressUpdate.None" for them).
        skip = {"id", "authority", *exclude}
        fields = [f.name for f in model._meta.concrete_fields if f.name not in skip]
        auditlog.register(model, include_fields=fields, m2m_fields=M2M.get(model, set()))


@contextmanager
def audit_context(user: User | AnonymousUser | None, reason: str = "") -> Iterator[None]:
    """Every model change inside is recorded as done by ``user``, with ``reason``.

    Nests inside a web request (auditlog's middleware already names the signed-in user) and
    inside another audit_context: on leaving, the outer actor and reason apply again."""
    outer = _active_context()
    actor = user if isinstance(user, get_user_model()) and user.is_authenticated else None
    data = {"actor": actor}
    if outer:
        if actor is None:
            data["actor"] = outer.get("actor")
        data["remote_addr"] = outer.get("remote_addr")
        data["remote_port"] = outer.get("remote_port")
    value_token = auditlog_value.set(outer)
    reason_token = _reason.set((reason or "").strip())
    try:
        with set_extra_data(context_data=data):
            yield
    finally:
        _reason.reset(reason_token)
        auditlog_value.reset(value_token)


def _active_context() -> dict | None:
    """auditlog's context (actor, address) if it is in force now.

    auditlog leaves its last value in the context variable after a request ends (it only
    disconnects the receiver that applies it), so a value counts only while that receiver
    is still connected: a finished request's user is never named as the actor."""
    try:
        value = auditlog_value.get()
    except LookupError:
        return None
    if not value:
        return None
    duid = value.get("signal_duid")
    if not any(entry[0][0] == duid for entry in pre_save.receivers):
        return None
    return value


def audit_updated(instance: Model, changes: dict) -> LogEntry | None:
    """Record an update made without save() (a versioned ``QuerySet.update``).

    ``changes`` is {field: (before, after)} with the values as stored."""
    recorded = {name: [_text(before), _text(after)] for name, (before, after) in changes.items() if before != after}
    if not recorded:
        return None
    return LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE, changes=recorded)


@contextmanager
def audit_deferred() -> Iterator[None]:
    """Saves inside are not recorded as they happen: the caller records the records they made with
    ``audit_bulk_created`` or ``audit_created_entries``, with the rest of its batch."""
    with disable_auditlog():
        yield


def audit_bulk_created(instances: Iterable[Model]) -> int:
    """Record records made with bulk_create, in one INSERT: the entries auditlog would have written on save,
    with the same actor, address and correlation id."""
    entries = audit_created_entries(instances)
    LogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def audit_created_entries(instances: Iterable[Model]) -> list[LogEntry]:
    """The unsaved audit entries for records made without save() (their ids given): what `audit_bulk_created`
    writes, for a caller that sends them with its own rows (the importer's one round trip)."""
    instances = [i for i in instances if i.pk is not None]
    if not instances:
        return []
    context = _active_context() or {}
    actor = context.get("actor")
    actor = actor if isinstance(actor, get_user_model()) else None  # as auditlog names only a signed-in user
    cid = get_cid()
    types = ContentType.objects.get_for_models(*{type(i) for i in instances})
    entries = [
        LogEntry(
            content_type=types[type(i)],
            object_pk=str(i.pk),
            object_id=i.pk,
            object_repr=smart_str(i),
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, i),
            actor=actor,
            actor_email=getattr(actor, "email", None),
            remote_addr=context.get("remote_addr"),
            remote_port=context.get("remote_port"),
            cid=cid,
            additional_data=_additional_data(i),
        )
        for i in instances
    ]
    return entries


def _text(value: object) -> str:
    if value is None:
        return "None"
    return smart_str(value)
