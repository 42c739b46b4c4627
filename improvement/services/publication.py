"""Writes for a plan's public page: switch it on or off and choose its measures, with a record."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from improvement import permissions
from improvement.models import ImprovementPlan, Measure, Publication, PublicView, User
from improvement.services.audit import audit_context


def public_view_set(
    *, plan: ImprovementPlan, by: User, published: bool, measures: list[Measure], reason: str = ""
) -> Publication | None:
    """Make the plan public or not, showing these measures. Records a Publication (who, when,
    what was public) when anything changed; returns it, or None when nothing did."""
    if not permissions.can_lead(by, plan.authority):
        raise PermissionDenied("Only an improvement lead can publish the plan")
    if any(m.authority_id != plan.authority_id for m in measures):
        raise ValidationError("A public page shows only its own council's measures")
    with transaction.atomic(), audit_context(by, reason):
        view, _ = PublicView.objects.select_for_update().get_or_create(plan=plan)
        before = (view.published, set(view.measures.values_list("pk", flat=True)))
        after = (published, {m.pk for m in measures})
        if before == after:
            return None
        if view.published != published:
            view.published = published
            view.save(update_fields=["published"])
        view.measures.set(measures)
        names = sorted(m.name for m in measures) if published else []
        return Publication.objects.create(plan=plan, by=by, published=published, measures=names, reason=reason)
