"""Writes to actions: progress updates, sign-off, field changes, creation and bulk updates.

Every write is one transaction that changes the action and appends its ProgressUpdate
row naming who acted. Lost updates are refused with optimistic locking: the version the
user's form was loaded at goes in the UPDATE's WHERE clause, and no row updated means
someone else saved first (`ActionConflict`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from improvement import permissions
from improvement.formats import govuk_date
from improvement.models import Action, ActionStatus, Authority, ProgressUpdate, UpdateKind
from improvement.services.audit import audit_context, audit_updated

if TYPE_CHECKING:
    from collections.abc import Collection

    from improvement.models import ImprovementPlan, Measure, Owner, Recommendation, Theme, User

NOTE_REQUIRED = {ActionStatus.AT_RISK, ActionStatus.OFF_TRACK, ActionStatus.COMPLETE, ActionStatus.EVIDENCED}


class ActionConflict(Exception):
    """Someone else saved the action after the user's form was loaded."""

    def __init__(self, action: Action, expected_version: int) -> None:
        self.action = action
        self.expected_version = expected_version
        super().__init__(f"Action {action.pk} is at version {action.version}, not {expected_version}")


@dataclass
class UpdateResult:
    action: Action
    update: ProgressUpdate


def _check_change(*, action: Action, by: User) -> None:
    if not permissions.can_change_action(by, action):
        raise PermissionDenied("You cannot change this action")


def _save_versioned(*, action: Action, expected_version: int, values: dict) -> Action:
    """UPDATE ... WHERE pk = %s AND version = %s; 0 rows is a conflict. Call inside a transaction
    (and inside audit_context, which names who made the change in the audit log)."""
    now = timezone.now()
    before = {name: _audit_value(action, name) for name in values}
    done = Action.objects.filter(pk=action.pk, version=expected_version).update(
        **values, updated_at=now, version=F("version") + 1
    )
    if done != 1:
        raise ActionConflict(Action.objects.select_related("owner").get(pk=action.pk), expected_version)
    for name, value in values.items():
        setattr(action, name, value)
    action.version = expected_version + 1
    action.updated_at = now
    # QuerySet.update sends no signals: record the change in the audit trail here.
    audit_updated(action, {_field_name(n): (before[n], _audit_value(action, n)) for n in values})
    return action


def _field_name(attname: str) -> str:
    return attname[:-3] if attname.endswith("_id") else attname


def _audit_value(action: Action, attname: str) -> object:
    """A value as the audit trail records it: a linked record by its name, not its id."""
    name = _field_name(attname)
    if name != attname:
        linked = getattr(action, name)
        return str(linked) if linked is not None else None
    return getattr(action, attname)


def action_record_update(
    *,
    action: Action,
    by: User,
    status: str,
    progress: int,
    note: str = "",
    evidence_url: str = "",
    expected_version: int,
) -> UpdateResult:
    """A progress update. A manager asking for "complete (impact evidenced)" records complete and a sign-off request;
    an improvement lead choosing it signs the action off."""
    _check_change(action=action, by=by)
    status = ActionStatus(status)
    note = (note or "").strip()
    evidence_url = (evidence_url or "").strip()
    if not 0 <= int(progress) <= 100:
        raise ValidationError({"progress": "Progress must be between 0 and 100"})
    if status in NOTE_REQUIRED and not note:
        raise ValidationError({"note": f"Enter a note explaining why the action is {status.label.lower()}"})
    kind = UpdateKind.PROGRESS
    values = {"status": status, "progress": int(progress)}
    if status in ActionStatus.done():
        values["progress"] = 100
    if status == ActionStatus.EVIDENCED:
        if not (evidence_url or action.evidence_url):
            raise ValidationError({"evidence_url": "Enter a link to the evidence of impact"})
        if permissions.can_sign_off_action(by, action):
            kind = UpdateKind.SIGN_OFF
            values.update(signed_off_by_id=by.pk, signed_off_at=timezone.now())
        else:
            kind = UpdateKind.SIGN_OFF_REQUEST
            values["status"] = ActionStatus.COMPLETE
    elif action.status == ActionStatus.EVIDENCED:
        values.update(signed_off_by_id=None, signed_off_at=None)
    if evidence_url:
        values["evidence_url"] = evidence_url
    changes = {
        name: [_plain(getattr(action, name)), _plain(value)]
        for name, value in values.items()
        if name in ("status", "progress", "evidence_url") and getattr(action, name) != value
    }
    with transaction.atomic(), audit_context(by, note):
        _save_versioned(action=action, expected_version=expected_version, values=values)
        update = ProgressUpdate.objects.create(
            action=action,
            kind=kind,
            author=by,
            status=action.status,
            progress=action.progress,
            note=note,
            evidence_url=evidence_url,
            changes=_labelled(changes),
        )
    return UpdateResult(action=action, update=update)


def action_sign_off(*, action: Action, by: User, note: str = "", expected_version: int) -> UpdateResult:
    """An improvement lead confirms a completed action's impact is evidenced (Blue)."""
    if not permissions.can_sign_off_action(by, action):
        raise PermissionDenied("Only an improvement lead can sign off an action")
    if action.status != ActionStatus.COMPLETE:
        raise ValidationError("Only a completed action awaiting sign-off can be signed off")
    if not action.evidence_url:
        raise ValidationError("The action needs a link to its evidence before it can be signed off")
    values = {
        "status": ActionStatus.EVIDENCED,
        "progress": 100,
        "signed_off_by_id": by.pk,
        "signed_off_at": timezone.now(),
    }
    changes = {"status": [_plain(action.status), _plain(ActionStatus.EVIDENCED)]}
    with transaction.atomic(), audit_context(by, note):
        _save_versioned(action=action, expected_version=expected_version, values=values)
        update = ProgressUpdate.objects.create(
            action=action,
            kind=UpdateKind.SIGN_OFF,
            author=by,
            status=action.status,
            progress=100,
            note=(note or "").strip(),
            evidence_url=action.evidence_url,
            changes=_labelled(changes),
        )
    return UpdateResult(action=action, update=update)


EDITABLE_FIELDS = ("title", "description", "reference", "plan", "theme", "owner", "start_date", "due_date")
REASON_REQUIRED = ("owner", "due_date")


def action_change_fields(
    *,
    action: Action,
    by: User,
    changes: dict,
    reason: str = "",
    expected_version: int,
    recommendations: Collection[Recommendation] | None = None,
    measures: Collection[Measure] | None = None,
) -> UpdateResult | None:
    """Change an action's details (an improvement lead's edit). Reassigning the owner or moving the due date
    needs a reason; every change is recorded before -> after. Returns None when nothing changed."""
    if not permissions.can_manage_plan(by, action):
        raise PermissionDenied("Only an improvement lead can change an action's details")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    reason = (reason or "").strip()
    values, recorded = {}, {}
    for name, value in changes.items():
        before = getattr(action, name)
        if before != value:
            values[name] = value
            recorded[name] = [_plain(before), _plain(value)]
    m2m = {}
    for name, new in (("recommendations", recommendations), ("measures", measures)):
        if new is None:
            continue
        old = list(getattr(action, name).all())
        if {o.pk for o in old} != {n.pk for n in new}:
            m2m[name] = list(new)
            recorded[name] = [", ".join(_short(o) for o in old) or "none", ", ".join(_short(n) for n in new) or "none"]
    if not recorded:
        return None
    if any(name in values for name in REASON_REQUIRED) and not reason:
        raise ValidationError({"reason": "Enter the reason for reassigning the action or moving its due date"})
    start, due = values.get("start_date", action.start_date), values.get("due_date", action.due_date)
    if start and due and due < start:
        raise ValidationError({"due_date": "The due date must be the same as or after the start date"})
    db_values = {
        (f"{k}_id" if k in ("plan", "theme", "owner") else k): (getattr(v, "pk", v)) for k, v in values.items()
    }
    with transaction.atomic(), audit_context(by, reason):
        _save_versioned(action=action, expected_version=expected_version, values=db_values)
        for name, value in values.items():
            setattr(action, name, value)
        for name, items in m2m.items():
            getattr(action, name).set(items)
        update = ProgressUpdate.objects.create(
            action=action,
            kind=UpdateKind.CHANGE,
            author=by,
            status=action.status,
            progress=action.progress,
            changes=recorded,
            reason=reason,
        )
    return UpdateResult(action=action, update=update)


def action_create(
    *,
    authority: Authority,
    by: User,
    title: str,
    description: str = "",
    reference: str = "",
    plan: ImprovementPlan | None = None,
    theme: Theme | None = None,
    owner: Owner | None = None,
    start_date: dt.date | None = None,
    due_date: dt.date | None = None,
    recommendations: Collection[Recommendation] = (),
    measures: Collection[Measure] = (),
) -> Action:
    """A new action in the plan, with a "created" entry in its history."""
    if not permissions.can_lead(by, authority):
        raise PermissionDenied("Only an improvement lead can add actions")
    for linked in (plan, owner):
        if linked is not None and linked.authority_id != authority.pk:
            raise PermissionDenied("That record belongs to another authority")
    with transaction.atomic(), audit_context(by):
        action = Action.objects.create(
            authority=authority,
            title=title,
            description=description,
            reference=reference,
            plan=plan,
            theme=theme,
            owner=owner,
            start_date=start_date,
            due_date=due_date,
        )
        if recommendations:
            action.recommendations.set(recommendations)
        if measures:
            action.measures.set(measures)
        action_record_created(action=action, by=by)
    return action


def action_record_created(*, action: Action, by: User, reason: str = "") -> ProgressUpdate:
    """The "created" entry that starts a new action's history (its page, the admin)."""
    return ProgressUpdate.objects.create(
        action=action,
        kind=UpdateKind.CREATED,
        author=by,
        status=action.status,
        progress=action.progress,
        reason=(reason or "").strip(),
    )


@dataclass
class BulkChange:
    """One row of an uploaded spreadsheet that changes an action."""

    action_id: int
    version: int
    status: str
    progress: int
    note: str
    evidence_url: str


class BulkConflict(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def actions_bulk_apply(*, by: User, changes: list[BulkChange]) -> int:
    """Apply every change or none: one transaction, each row version-checked. Returns how many were applied."""
    ids = [c.action_id for c in changes]
    actions = {
        a.pk: a for a in permissions.scope_to_user(Action.objects.filter(pk__in=ids), by).select_related("owner")
    }
    problems = []
    for change in changes:
        action = actions.get(change.action_id)
        if action is None:
            problems.append(f"Action {change.action_id} was not found")
        elif not permissions.can_change_action(by, action):
            problems.append(f"You cannot change action {change.action_id}")
    if problems:
        raise BulkConflict(problems)
    try:
        with transaction.atomic():
            for change in changes:
                action_record_update(
                    action=actions[change.action_id],
                    by=by,
                    status=change.status,
                    progress=change.progress,
                    note=change.note,
                    evidence_url=change.evidence_url,
                    expected_version=change.version,
                )
    except ActionConflict as conflict:
        raise BulkConflict(
            [
                f"Action {conflict.action.pk} ({conflict.action.title}) was changed by someone else after the "
                "spreadsheet was downloaded. Download it again and redo your changes to that row."
            ]
        ) from conflict
    except ValidationError as error:
        raise BulkConflict([" ".join(error.messages)]) from error
    return len(changes)


def _plain(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str) and value in ActionStatus.values:
        return ActionStatus(value).label
    if isinstance(value, dt.date):
        return govuk_date(value)
    return str(value)


def _short(obj: object) -> str:
    return str(obj)[:60]


def _labelled(changes: dict) -> dict:
    out = {}
    for name, (before, after) in changes.items():
        if name == "progress":
            before, after = f"{before}%", f"{after}%"
        out[name] = [before, after]
    return out
