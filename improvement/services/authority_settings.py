"""Writes for the Authority settings page (the reminder policy, committee dates) and a person's reminder choice.

Each is one transaction inside `audit_context`, so the audit log says who changed what and when.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from improvement import permissions
from improvement.formats import govuk_date
from improvement.models import Authority, Meeting, User
from improvement.services.audit import audit_context

POLICY_FIELDS = ["reminder_days_before", "overdue_repeat_days", "escalate_after_days", "stale_update_days"]
ONLY_LEADS = "Only an improvement lead can change the council's settings"


def _check(*, by: User, authority: Authority) -> None:
    if not permissions.can_lead(by, authority):
        raise PermissionDenied(ONLY_LEADS)


def authority_settings_update(*, authority: Authority, by: User, reason: str = "", **policy: int | str) -> list[str]:
    """Set the council's reminder policy (the fields in POLICY_FIELDS); returns the names that changed."""
    _check(by=by, authority=authority)
    unknown = set(policy) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"not a reminder policy setting: {', '.join(sorted(unknown))}")
    with transaction.atomic(), audit_context(by, reason):
        row = Authority.objects.select_for_update().get(pk=authority.pk)
        changed = [name for name, value in policy.items() if getattr(row, name) != value]
        for name in changed:
            setattr(row, name, policy[name])
        if changed:
            row.save(update_fields=changed)
    for name in changed:
        setattr(authority, name, policy[name])
    return changed


def meeting_add(*, authority: Authority, by: User, committee: str, on: date) -> Meeting:
    """Put a committee meeting on record (once per committee and day)."""
    _check(by=by, authority=authority)
    committee = " ".join(committee.split())
    try:
        with transaction.atomic(), audit_context(by):
            return Meeting.objects.create(authority=authority, committee=committee, date=on)
    except IntegrityError:
        raise ValidationError(f"{committee} already has a meeting on {govuk_date(on)}") from None


def meeting_remove(*, meeting: Meeting, by: User) -> None:
    """Take a meeting typed in by mistake off the record; one with imported minutes or decisions stays."""
    _check(by=by, authority=meeting.authority)
    with transaction.atomic(), audit_context(by):
        row = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if row.documents.exists() or row.decisions.exists():
            raise ValidationError("This meeting has imported minutes or decisions, so it stays on record")
        row.delete()


def user_reminders_set(*, user: User, opt_out: bool) -> bool:
    """A person's own choice: no reminder emails except escalations (the sweep reads `reminders_opt_out`).

    Returns whether anything changed."""
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to change your reminder emails")
    with transaction.atomic(), audit_context(user, "Changed their own reminder emails"):
        row = User.objects.select_for_update().get(pk=user.pk)
        if row.reminders_opt_out == opt_out:
            return False
        row.reminders_opt_out = opt_out
        row.save(update_fields=["reminders_opt_out"])
    user.reminders_opt_out = opt_out
    return True
