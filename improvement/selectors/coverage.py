"""Reads for recommendations coverage: every recommendation, its actions, owners, deadlines and measures.

The derived status comes from aggregates over the recommendation's actions, counted
in SQL (`Count(filter=...)` over `rag_annotation`): complete when every action is
complete, otherwise the worst rating among its actions, with the reason in words.
Recommendations with a gap (no action, an action with no owner or no deadline, no
measure) come first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet, Value
from django.db.models.lookups import Exact

from improvement import rag
from improvement.models import Action, ActionStatus, Authority, Recommendation

RATINGS = [rag.RED, rag.AMBER, rag.GREEN, rag.BLUE]
NO_ACTION = "none"


@dataclass
class DerivedStatus:
    rating: str  # one of rag's ratings, or NO_ACTION
    label: str
    reason: str


def derive_status(*, total: int, done: int, evidenced: int, counts: dict[str, int]) -> DerivedStatus:
    """Complete when all actions are complete; otherwise the worst rating of its actions."""
    if total == 0:
        return DerivedStatus(NO_ACTION, "No actions", "no action answers this recommendation yet")
    if done == total:
        if evidenced == total:
            return DerivedStatus(rag.BLUE, "Complete", f"all {total} actions complete with impact evidenced")
        return DerivedStatus(
            rag.GREEN, "Complete", f"all {total} actions complete; {total - evidenced} awaiting sign-off"
        )
    for rating in RATINGS:
        if counts.get(rating):
            n = counts[rating]
            label = rag.LABELS[rating]
            word = "action" if total == 1 else "actions"
            reason = f"worst of its actions: {n} of {total} {word} {label.lower()}"
            if rating != rag.RED or n != total:
                reason += f"; {done} of {total} complete"
            return DerivedStatus(rating, label, reason)
    return DerivedStatus(rag.GREEN, "Green", f"{done} of {total} complete")  # pragma: no cover


def _rating_is(today: date, rating: str) -> Exact:
    return Exact(rag.rag_annotation(today=today, prefix="actions__"), Value(rating))


def recommendations_coverage(
    *, authority: Authority, today: date, recommendations: QuerySet | None = None
) -> list[Recommendation]:
    """Each recommendation with its actions (owner, measures) and derived status; gaps first. 4 queries."""
    if recommendations is None:
        recommendations = Recommendation.objects.all()
    recommendations = recommendations.filter(authority=authority)
    # Which recommendations have a measure: one separate query, not a correlated subquery
    # in the aggregate (PostgreSQL would evaluate it once per joined action row).
    with_measure = set(
        Action.measures.through.objects.filter(action__authority=authority)
        .values_list("action__recommendations", flat=True)
        .distinct()
    )
    action_rows = (
        Action.objects.filter(authority=authority)
        .select_related("owner", "theme")
        .annotate(rag=rag.rag_annotation(today=today))
        .prefetch_related("measures")
        .order_by("due_date", "pk")
    )
    rows = list(
        recommendations.select_related("inspection", "theme", "source_document")
        .annotate(
            n_actions=Count("actions", distinct=True),
            n_done=Count("actions", filter=Q(actions__status__in=ActionStatus.done()), distinct=True),
            n_evidenced=Count("actions", filter=Q(actions__status=ActionStatus.EVIDENCED), distinct=True),
            n_no_owner=Count("actions", filter=Q(actions__owner__isnull=True), distinct=True),
            n_no_deadline=Count("actions", filter=Q(actions__due_date__isnull=True), distinct=True),
            **{f"n_{r}": Count("actions", filter=_rating_is(today, r), distinct=True) for r in RATINGS},
        )
        .prefetch_related(Prefetch("actions", queryset=action_rows))
        .order_by("inspection__start_date", "inspection_id", "reference", "pk")
    )
    for rec in rows:
        rec.no_measure = rec.pk not in with_measure
        rec.derived = derive_status(
            total=rec.n_actions,
            done=rec.n_done,
            evidenced=rec.n_evidenced,
            counts={r: getattr(rec, f"n_{r}") for r in RATINGS},
        )
        rec.gaps = gaps_of(rec)
    rows.sort(key=lambda r: 0 if r.gaps else 1)  # stable: keeps the database order within each group
    return rows


def gaps_of(rec: Recommendation) -> list[str]:
    gaps = []
    if rec.n_actions == 0:
        gaps.append("No action")
    if rec.n_actions == 0 or rec.n_no_owner:
        gaps.append(
            "No owner"
            if rec.n_actions == 0 or rec.n_no_owner == rec.n_actions
            else f"{rec.n_no_owner} action(s) with no owner"
        )
    if rec.n_actions == 0 or rec.n_no_deadline:
        gaps.append(
            "No deadline"
            if rec.n_actions == 0 or rec.n_no_deadline == rec.n_actions
            else f"{rec.n_no_deadline} action(s) with no deadline"
        )
    if rec.no_measure:
        gaps.append("No measure")
    return gaps


def coverage_summary(rows: list[Recommendation]) -> dict:
    """Totals for the page heading, from the rows already fetched (no extra query)."""
    return {
        "total": len(rows),
        "with_gaps": sum(1 for r in rows if r.gaps),
        "complete": sum(1 for r in rows if r.derived.label == "Complete"),
    }


ACTIONS_SHOWN = 5  # per recommendation on the page; the action list (filtered by recommendation) has them all
_WORST_FIRST = {rag.RED: 0, rag.AMBER: 1, rag.GREEN: 2, rag.BLUE: 3}


def with_shortlists(rows: list[Recommendation], *, shown: int = ACTIONS_SHOWN) -> list[Recommendation]:
    """Set on each recommendation `actions_listed` (its worst `shown` actions, soonest due first within a rating)
    and `actions_more` (how many are left out). From the prefetched actions: no queries."""
    for rec in rows:
        actions = sorted(rec.actions.all(), key=lambda a: _WORST_FIRST.get(a.rag, 4))  # stable: due date order kept
        rec.actions_listed = actions[:shown]
        rec.actions_more = max(len(actions) - shown, 0)
    return rows


def needing_attention(rows: list[Recommendation]) -> list[Recommendation]:
    """The exceptions the page opens with: recommendations with a gap, or rated red."""
    return [r for r in rows if r.gaps or r.derived.rating == rag.RED]
