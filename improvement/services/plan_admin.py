"""Writes for the improvement lead's plan pages: plans, themes, recommendations, owners, measures and their values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import ModelForm

from improvement import permissions
from improvement.models import Authority, Measure, MeasureValue
from improvement.services.audit import audit_context


def _check(*, by, authority: Authority) -> None:
    if not permissions.can_lead(by, authority):
        raise PermissionDenied("Only an improvement lead can change the plan")


def plan_record_save(*, form: ModelForm, by, authority: Authority):
    """Save a validated plan form (plan, theme, recommendation, owner or measure) for the authority."""
    _check(by=by, authority=authority)
    with transaction.atomic(), audit_context(by):
        record = form.save(commit=False)
        if hasattr(record, "authority_id"):
            record.authority = authority
        record.save()
        form.save_m2m()
    return record


def measure_value_record(*, measure: Measure, by, on: date, value: Decimal, reason: str = "") -> MeasureValue:
    """Record a measure's value for a date. A second figure for the same date replaces the one
    typed before, never without trace: the audit trail keeps the figure it replaced, who
    changed it and why. Values imported from minutes are never replaced (each keeps its quote)."""
    _check(by=by, authority=measure.authority)
    with transaction.atomic(), audit_context(by, reason):
        row = (
            MeasureValue.objects.select_for_update()
            .filter(measure=measure, date=on, source_document=None)
            .order_by("-id")
            .first()
        )
        if row is None:
            return MeasureValue.objects.create(measure=measure, date=on, value=value)
        if row.value != value:
            row.value = value
            row.save(update_fields=["value"])
    return row
