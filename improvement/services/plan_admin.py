"""Writes for the improvement lead's plan pages: plans, themes, recommendations, owners, measures and their values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import ModelForm

from improvement import permissions
from improvement.models import Authority, Measure, MeasureValue


def _check(*, by, authority: Authority) -> None:
    if not permissions.can_lead(by, authority):
        raise PermissionDenied("Only an improvement lead can change the plan")


def plan_record_save(*, form: ModelForm, by, authority: Authority):
    """Save a validated plan form (plan, theme, recommendation, owner or measure) for the authority."""
    _check(by=by, authority=authority)
    with transaction.atomic():
        record = form.save(commit=False)
        if hasattr(record, "authority_id"):
            record.authority = authority
        record.save()
        form.save_m2m()
    return record


def measure_value_record(*, measure: Measure, by, on: date, value: Decimal) -> MeasureValue:
    """Record a measure's value for a date (a second figure for the same date replaces the first)."""
    _check(by=by, authority=measure.authority)
    with transaction.atomic():
        row, _ = MeasureValue.objects.update_or_create(
            measure=measure, date=on, source_document=None, defaults={"value": value}
        )
    return row
