"""Reads of the audit trail: the "Audit log" page and each record's "Changes to this record".

Entries are django-auditlog's LogEntry rows (written as improvement/services/audit.py
says). Each is scoped to a council in SQL by the council id it carries, and told in plain
English: "Action 'Recruit social workers': due date 30 June 2026 -> 31 July 2026, by Sam
Lead, reason: the recruitment drive slipped".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models as django_models
from django.db.models import Q, QuerySet

from improvement import models
from improvement.formats import govuk_date, govuk_datetime

if TYPE_CHECKING:
    from collections.abc import Iterable

PROVENANCE_DETAIL = ["source_quote", "source_start", "source_end"]

# Each audited model: how it finds its council, and the fields not worth recording
# (derived keys, bookkeeping, the full text of a document).
AUDITED = {
    models.Action: ("authority_id", ["version", "created_at", "updated_at", *PROVENANCE_DETAIL]),
    models.Owner: ("authority_id", ["role_key", *PROVENANCE_DETAIL]),
    models.ImprovementPlan: ("authority_id", ["created_at"]),
    models.Theme: ("plan.authority_id", []),
    models.Recommendation: ("authority_id", PROVENANCE_DETAIL),
    models.Measure: ("authority_id", ["name_key", *PROVENANCE_DETAIL]),
    models.MeasureValue: ("measure.authority_id", PROVENANCE_DETAIL),
    models.Inspection: ("authority_id", PROVENANCE_DETAIL),
    models.InspectionJudgement: ("inspection.authority_id", []),
    models.SourceDocument: ("authority_id", ["text", "sha256", "warnings", "privacy_flags", "imported_at"]),
    models.Meeting: ("authority_id", []),
    models.Decision: ("authority_id", PROVENANCE_DETAIL),
    models.Authority: ("id", []),  # its settings page (the reminder policy); name and codes come from the admin
    models.User: ("authority_id", ["password", "last_login", "date_joined"]),  # the reminders opt-out, the admin
    models.PublicView: ("plan.authority_id", []),
    models.BenchmarkMapping: ("authority_id", []),
    # a person's secrets: that one was made or revoked, never the secret's hash
    models.ApiToken: ("user.authority_id", ["key_hash", "last_used_on", "created_at"]),
    models.CalendarFeed: ("user.authority_id", ["key_hash", "last_used_on", "created_at"]),
}
# A record that belongs to another (a theme to its plan, a value to its measure) keeps its
# parent's id too, so the parent's page lists its changes, deleted children included.
PARENT = {
    models.Theme: "plan_id",
    models.MeasureValue: "measure_id",
    models.InspectionJudgement: "inspection_id",
    models.PublicView: "plan_id",
}
M2M = {models.Action: {"recommendations", "measures"}, models.PublicView: {"measures"}}


def authority_of(instance: django_models.Model) -> int | None:
    """The id of the council a record belongs to (following plan / measure / inspection)."""
    path, _ = AUDITED[type(instance)]
    value = instance
    for name in path.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


RECORD_CHANGES_LIMIT = 50
LONG_TEXT = 160
ARROW = "\u2192"


@dataclass
class AuditRow:
    """One change, told in words."""

    entry: LogEntry
    when: dt.datetime
    kind: str  # "Action"
    record: str  # "Action 'Recruit social workers'"
    changes: list[str]  # ["due date 30 June 2026 -> 31 July 2026"]
    who: str
    reason: str

    @property
    def what(self) -> str:
        """The record and what happened to it: "Action 'X': due date A -> B" or "Owner 'Y' added"."""
        verb = {LogEntry.Action.CREATE: "added", LogEntry.Action.DELETE: "deleted"}.get(self.entry.action)
        if verb:
            return f"{self.record} {verb}"
        return f"{self.record}: {'; '.join(self.changes) or 'saved with no change'}"

    @property
    def sentence(self) -> str:
        text = f"{self.what}, by {self.who}"
        if self.reason:
            text += f", reason: {self.reason}"
        return text


def audited_kinds() -> list[tuple[int, str]]:
    """(content type id, "Action") for each kind of record the audit trail covers, by name."""
    types = ContentType.objects.get_for_models(*AUDITED)
    return sorted(((types[m].pk, _kind_label(m)) for m in AUDITED), key=lambda pair: pair[1])


def audit_entries(*, user: models.User) -> QuerySet[LogEntry]:
    """Every entry the user may read: their council's (all, for a superuser with no council)."""
    entries = LogEntry.objects.filter(content_type__in=ContentType.objects.get_for_models(*AUDITED).values())
    if user.is_superuser and user.authority_id is None:
        return entries
    if user.authority_id is None:
        return entries.none()
    return entries.filter(additional_data__authority=user.authority_id)


def audit_log_page(*, entries: QuerySet[LogEntry]) -> QuerySet[LogEntry]:
    """The entries in the order the Audit log lists them, with who made each one joined."""
    return entries.select_related("actor").order_by("-timestamp", "-pk")


def record_changes(
    *, user: models.User, record: django_models.Model, limit: int = RECORD_CHANGES_LIMIT
) -> list[AuditRow]:
    """The changes to one record (and to the records that belong to it: a measure's values,
    a plan's themes, an inspection's judgements), newest first (one query)."""
    types = ContentType.objects.get_for_models(*AUDITED)
    model = type(record)
    match = Q(content_type=types[model], object_id=record.pk)
    for child, parent_field in PARENT.items():
        if child._meta.get_field(parent_field.removesuffix("_id")).related_model is model:
            match |= Q(content_type=types[child], additional_data__parent=record.pk)
    entries = audit_log_page(entries=audit_entries(user=user).filter(match))[:limit]
    return describe(entries)


def describe(entries: Iterable[LogEntry]) -> list[AuditRow]:
    """Each entry told in plain English (no further queries: content types are cached)."""
    rows = []
    for entry in entries:
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        data = entry.additional_data or {}
        kind = _kind_label(model) if model else "Record"
        rows.append(
            AuditRow(
                entry=entry,
                when=entry.timestamp,
                kind=kind,
                record=f"{kind} '{_clip(entry.object_repr, 80)}'",
                changes=[_change(model, name, value) for name, value in (entry.changes_dict or {}).items()],
                who=_who(entry),
                reason=str(data.get("reason") or ""),
            )
        )
    return rows


def _kind_label(model: type[django_models.Model]) -> str:
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


def _who(entry: LogEntry) -> str:
    if entry.actor is not None:
        return str(entry.actor)
    if entry.actor_email:
        return entry.actor_email
    return "the tracker"


def _change(model: type[django_models.Model] | None, name: str, value: object) -> str:
    field = _field(model, name)
    label = str(getattr(field, "verbose_name", "") or name.replace("_", " "))
    if isinstance(value, dict) and value.get("type") == "m2m":
        done = "added" if value.get("operation") == "add" else "removed"
        objects = ", ".join(f"'{_clip(o, 60)}'" for o in value.get("objects") or [])
        return f"{label}: {done} {objects}"
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return f"{label} {_shown(field, value[0])} {ARROW} {_shown(field, value[1])}"
    return f"{label} changed"


def _field(
    model: type[django_models.Model] | None, name: str
) -> django_models.Field | django_models.ForeignObjectRel | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _shown(field: django_models.Field | django_models.ForeignObjectRel | None, value: object) -> str:
    """A stored value as a person reads it: dates as 30 June 2026, choices by label, 62.00 as 62."""
    if value is None or value in ("None", ""):
        return "none"
    text = str(value)
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if text in choices:
        return str(choices[text])
    if isinstance(field, django_models.BooleanField):
        return {"True": "yes", "False": "no"}.get(text, text)
    if isinstance(field, django_models.DateTimeField):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)  # auditlog stores times as UTC
        return govuk_datetime(moment)
    if isinstance(field, django_models.DateField):
        try:
            day = dt.date.fromisoformat(text[:10])
            return govuk_date(day)
        except ValueError:
            return text
    if isinstance(field, django_models.DecimalField):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        return f"{number.normalize():f}"
    return _clip(text, LONG_TEXT)


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def deletion_refusal(record: django_models.Model) -> str | None:
    """Why a record people have worked on may not be deleted, in plain words; None if it may."""
    if isinstance(record, models.Action):
        worked = record.updates.filter(kind__in=models.UpdateKind.work()).count()
        if worked:
            return (
                f"Action '{_clip(record.title, 80)}' cannot be deleted: people have recorded "
                f"{_count(worked, 'update')} on it. Mark it complete, or change its details, instead."
            )
    elif isinstance(record, models.Measure):
        values = record.values.count()
        if values:
            return (
                f"Measure '{_clip(record.name, 80)}' cannot be deleted: it has {_count(values, 'recorded value')}. "
                "Its values are the record of how the plan moved it."
            )
    elif isinstance(record, models.Owner):
        actions = record.actions.count()
        if actions:
            return (
                f"Owner '{_clip(record.role_title, 80)}' cannot be deleted: they own {_count(actions, 'action')}. "
                "Give the actions to another owner first."
            )
    elif isinstance(record, models.ImprovementPlan):
        actions = record.actions.count()
        if actions:
            return (
                f"Plan '{_clip(record.title, 80)}' cannot be deleted: it has {_count(actions, 'action')}. "
                "Move them to another plan first."
            )
    return None


# A protected row, and the record whose deletion it stopped.
PROTECTING = {models.ProgressUpdate: "action", models.MeasureValue: "measure", models.Action: "plan"}


def refused_deletion_reason(protected_objects: Iterable[django_models.Model]) -> str:
    """Why a deletion stopped by these protected rows was refused, in plain words."""
    for obj in list(protected_objects)[:1]:
        parent = getattr(obj, PROTECTING[type(obj)]) if type(obj) in PROTECTING else None
        reason = deletion_refusal(parent) if parent is not None else None
        if reason:
            return reason
    return f"This record cannot be deleted: other records depend on it ({protected_summary(protected_objects)})."


def protected_summary(protected_objects: Iterable[django_models.Model]) -> str:
    """What a refused deletion is linked to: "3 measure values and 1 action"."""
    counts: dict[str, int] = {}
    for obj in protected_objects:
        meta = obj._meta
        counts[str(meta.verbose_name)] = counts.get(str(meta.verbose_name), 0) + 1
    parts = [_count(n, name) for name, n in sorted(counts.items())]
    return " and ".join(", ".join(parts).rsplit(", ", 1)) if parts else "other records"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass
class DeletionEffects:
    """What deleting a record does besides: the records deleted with it, and those left unlinked."""

    refusal: str | None
    deleted_with: list[str]
    unlinked: list[str]


def deletion_effects(record: django_models.Model) -> DeletionEffects:
    """What a delete would do, told before it is done (so nothing cascades unseen): the refusal
    if it would be refused, else "3 inspection judgements" deleted with it and "2 recommendations"
    that stay, no longer linked to it."""
    from django.db import router
    from django.db.models import ProtectedError, RestrictedError
    from django.db.models.deletion import Collector

    refusal = deletion_refusal(record)
    if refusal:
        return DeletionEffects(refusal, [], [])
    collector = Collector(using=router.db_for_write(type(record)))
    try:
        collector.collect([record])
    except ProtectedError as error:
        return DeletionEffects(refused_deletion_reason(error.protected_objects), [], [])
    except RestrictedError as error:
        return DeletionEffects(refused_deletion_reason(error.restricted_objects), [], [])
    deleted: dict[str, int] = {}
    for model, instances in collector.data.items():
        n = len([i for i in instances if not (type(i) is type(record) and i.pk == record.pk)])
        if n and model._meta.app_label == "improvement" and not model._meta.auto_created:
            name = str(model._meta.verbose_name)
            deleted[name] = deleted.get(name, 0) + n
    for qs in collector.fast_deletes:
        if qs.model._meta.app_label == "improvement" and not qs.model._meta.auto_created:  # not m2m links
            n = qs.count()
            if n:
                name = str(qs.model._meta.verbose_name)
                deleted[name] = deleted.get(name, 0) + n
    unlinked: dict[str, int] = {}
    for (field, _value), groups in collector.field_updates.items():
        model = field.model
        if model._meta.app_label != "improvement":
            continue
        n = sum(len(g) if isinstance(g, (list, set, tuple)) else g.count() for g in groups)
        if n:
            name = str(model._meta.verbose_name)
            unlinked[name] = unlinked.get(name, 0) + n
    return DeletionEffects(
        None,
        [_count(n, name) for name, n in sorted(deleted.items())],
        [_count(n, name) for name, n in sorted(unlinked.items())],
    )
