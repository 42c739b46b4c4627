"""Writes for the improvement lead's plan pages: plans, themes, recommendations, owners, measures and their
values, inspections and visits with their judgements, and deleting a record with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import ModelForm

from improvement import permissions
from improvement.models import Authority, Inspection, InspectionJudgement, Measure, MeasureValue
from improvement.selectors.audit import deletion_refusal
from improvement.services.audit import audit_context

if TYPE_CHECKING:
    from django.db.models import Model

    from improvement.models import User


def _check(*, by: User, authority: Authority) -> None:
    if not permissions.can_lead(by, authority):
        raise PermissionDenied("Only an improvement lead can change the plan")


def plan_record_save(*, form: ModelForm, by: User, authority: Authority, reason: str = "") -> Model:
    """Save a validated plan form (plan, theme, recommendation, owner, measure or decision) for the
    authority; a change to a kept record carries the lead's reason into its history."""
    _check(by=by, authority=authority)
    with transaction.atomic(), audit_context(by, reason):
        record = form.save(commit=False)
        if hasattr(record, "authority_id"):
            record.authority = authority
        record.save()
        form.save_m2m()
    return record


def measure_value_record(*, measure: Measure, by: User, on: date, value: Decimal, reason: str = "") -> MeasureValue:
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


def measure_value_change(*, value: MeasureValue, by: User, on: date, number: Decimal, reason: str) -> MeasureValue:
    """Correct one recorded figure (typed in or imported), with the reason; its quote stays with it."""
    _check(by=by, authority=value.measure.authority)
    with transaction.atomic(), audit_context(by, reason):
        value.date = on
        value.value = number
        value.save(update_fields=["date", "value"])
    return value


def inspection_save(*, form: ModelForm, by: User, authority: Authority, reason: str = "") -> Inspection:
    """Save a validated inspection or visit form (details only; its framework is set from its kind and date)."""
    _check(by=by, authority=authority)
    with transaction.atomic(), audit_context(by, reason):
        record = form.save(commit=False)
        record.authority = authority
        record.save()
    return record


def inspection_judgements_set(
    *,
    inspection: Inspection,
    by: User,
    overall: str | None,
    areas: dict[str, str],
    others: dict[int, str],
    reason: str,
) -> None:
    """Record an inspection's grades as the lead gave them, area by area, with the reason.

    ``overall`` is None where the framework gives no overall grade (left as it is: the
    framework's rule is checked by the model); ``areas`` maps the framework's area keys to a
    grade key, "" for not graded (its judgement, if any, is removed); ``others`` does the same
    for grades recorded under an area the framework does not name."""
    _check(by=by, authority=inspection.authority)
    offer_areas = {a.key: a for a in (inspection.framework.areas.all() if inspection.framework else [])}
    with transaction.atomic(), audit_context(by, reason):
        existing = list(InspectionJudgement.objects.select_for_update().filter(inspection=inspection))
        by_area = {j.judgement_area_id: j for j in existing if j.judgement_area_id}
        by_name = {j.area.strip().lower(): j for j in existing if not j.judgement_area_id}
        if overall is not None and overall != inspection.overall_judgement:
            problem = inspection.framework.overall_problem(overall) if inspection.framework else ""
            if problem:
                raise ValidationError({"overall": problem})
            inspection.overall_judgement = overall
            inspection.save(update_fields=["overall_judgement"])
        for key, grade in areas.items():
            area = offer_areas[key]
            current = by_area.get(area.pk) or by_name.get(area.name.strip().lower())
            if not grade:
                if current is not None:
                    current.delete()
                continue
            if current is None:
                current = InspectionJudgement(inspection=inspection, area=area.name)
            elif current.grade == grade and current.judgement_area_id == area.pk:
                continue
            current.judgement_area = area
            current.area = area.name
            current.grade = grade
            current.full_clean()
            current.save()
        by_id = {j.pk: j for j in existing}
        for pk, grade in others.items():
            current = by_id.get(pk)
            if current is None:
                continue
            if not grade:
                current.delete()
            elif grade != current.grade:
                current.grade = grade
                current.save(update_fields=["grade"])


def plan_record_delete(*, record: Model, by: User, authority: Authority, reason: str) -> None:
    """Delete one record of the council's plan, with the reason, if nobody has worked on it.

    A record people have worked on (an action with updates, a measure with values) is refused
    before anything is deleted: ``deletion_refusal`` says why in words, and a PROTECT or
    keep_worked_on foreign key refuses it by any other path (the view shows the same page)."""
    _check(by=by, authority=authority)
    refusal = deletion_refusal(record)
    if refusal:
        raise DeletionRefused(refusal)
    with transaction.atomic(), audit_context(by, reason):
        record.delete()


class DeletionRefused(Exception):
    """The record may not be deleted; the message says why, in plain words."""
