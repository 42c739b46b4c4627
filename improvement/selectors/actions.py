"""Reads for the action pages: My actions, all actions, one action with its history.

Every list is a fixed number of queries whatever the number of actions: the BRAG
rating's SQL part orders the rows, related rows are joined, and the linked measures
come with their latest value in one prefetch, so the explained rating of a page of
actions needs no per-action query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Case, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.http import Http404

from improvement import permissions, rag
from improvement.models import Action, ActionStatus, Measure, MeasureValue, ProgressUpdate, Recommendation, Reminder
from improvement.selectors import audit as audit_selectors

if TYPE_CHECKING:
    from collections.abc import Iterable

    from improvement.models import User


def _latest_value(field_name: str) -> Subquery:
    values = MeasureValue.objects.filter(measure=OuterRef("pk")).order_by("-date", "-id")
    return Subquery(values.values(field_name)[:1])


def measures_with_latest() -> QuerySet:
    """Measures annotated with their latest value and its date (one query for any number)."""
    return Measure.objects.annotate(
        latest_value=_latest_value("value"),
        latest_date=_latest_value("date"),
        latest_source_document_id=_latest_value("source_document_id"),
        latest_source_start=_latest_value("source_start"),
    ).order_by("name", "pk")


def measure_inputs(measures: Iterable[Measure]) -> list[dict]:
    """The dicts rag.explain_rag reads, from measures annotated by measures_with_latest."""
    return [
        {
            "value": m.latest_value,
            "target": m.target,
            "tolerance": m.tolerance,
            "polarity": m.polarity,
            "unit": m.unit,
            "name": m.name,
        }
        for m in measures
    ]


def actions_visible(*, user: User) -> QuerySet[Action]:
    """Every action the user may see: their authority's (all of them, for a superuser)."""
    return permissions.scope_to_user(Action.objects.all(), user)


def actions_mine(*, user: User) -> QuerySet[Action]:
    """The actions the user owns, and those of the owners they line-manage."""
    return actions_visible(user=user).filter(owner_id__in=permissions.owner_ids_managed_by(user))


def actions_in_list_order(*, actions: QuerySet[Action], today: date) -> QuerySet[Action]:
    """The list order alone (overdue first, then by due date): cheap to filter, count and page,
    because it joins nothing and carries no rating."""
    done = ActionStatus.done()
    return actions.annotate(
        overdue_first=Case(
            When(Q(due_date__lt=today) & ~Q(status__in=done), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    ).order_by("overdue_first", F("due_date").asc(nulls_last=True), "pk")


def actions_for_list(*, actions: QuerySet[Action], today: date) -> QuerySet[Action]:
    """Ready for a list page: overdue first, then by due date; rating, owner, theme, measures attached."""
    return (
        actions_in_list_order(actions=actions, today=today)
        .select_related("owner", "theme", "plan")
        .annotate(rag=rag.rag_annotation(today=today))
        .prefetch_related(Prefetch("measures", queryset=measures_with_latest(), to_attr="measures_latest"))
    )


def actions_list_rows(*, page_of: QuerySet[Action], today: date) -> list[Action]:
    """One page of a list, from a sliced `actions_in_list_order` queryset, with everything the rows
    show (`actions_for_list`, `explained`): one query and the measures' prefetch.

    The database sorts and cuts the narrow rows first and joins owner, theme and plan only for the
    page's 20: sorting 2,000 rows with their joins was most of a list's time."""
    rows = actions_for_list(actions=Action.objects.filter(pk__in=page_of.values("pk")), today=today)
    return actions_explain(actions=rows, today=today)


def actions_explain(*, actions: Iterable[Action], today: date) -> list[Action]:
    """Attach `explained` (a rag.Rag with its reasons) to each action of a page; no queries."""
    out = []
    for action in actions:
        action.explained = rag.explain_action(
            action, today=today, measures=measure_inputs(getattr(action, "measures_latest", []))
        )
        out.append(action)
    return out


@dataclass
class HistoryEntry:
    update: ProgressUpdate
    changes: list[tuple[str, str, str]] = field(default_factory=list)


FIELD_LABELS = {
    "owner": "Owner",
    "due_date": "Due date",
    "start_date": "Start date",
    "title": "Title",
    "description": "Description",
    "theme": "Theme",
    "plan": "Plan",
    "status": "Status",
    "progress": "Progress",
    "evidence_url": "Evidence link",
    "recommendations": "Recommendations",
    "measures": "Measures",
    "reference": "Reference",
}


def action_history(*, action: Action) -> list[HistoryEntry]:
    """Every update and field change, newest first, with who made it (one query)."""
    updates = action.updates.select_related("author").order_by("-created_at", "-id")
    entries = []
    for update in updates:
        changes = [
            (FIELD_LABELS.get(name, name.replace("_", " ").capitalize()), _shown(pair[0]), _shown(pair[1]))
            for name, pair in (update.changes or {}).items()
            if isinstance(pair, (list, tuple)) and len(pair) == 2
        ]
        entries.append(HistoryEntry(update=update, changes=changes))
    return entries


def _shown(value: object) -> str:
    if value in (None, ""):
        return "none"
    return str(value)


@dataclass
class ActionPage:
    action: Action
    explained: rag.Rag
    recommendations: list[Recommendation]
    measures: list[Measure]
    history: list[HistoryEntry]
    reminders: list[Reminder]
    can_change: bool
    can_sign_off: bool
    can_edit: bool
    record_changes: list | None = None  # the audit trail, for those who may read it


def action_get(*, user: User, pk: int) -> Action:
    """One action the user may see, or 404 (another authority's action is "not found", never "forbidden")."""
    action = (
        actions_visible(user=user)
        .select_related("owner", "theme", "plan", "source_document", "signed_off_by")
        .defer("source_document__text")  # the whole minutes: the page names the document, it does not quote it
        .filter(pk=pk)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    return action


def action_reminders(*, action: Action) -> list[Reminder]:
    """The reminders sent or queued about an action, newest first. Not part of the plan (the nightly sweep
    writes them), so never kept with the plan's pages."""
    return list(Reminder.objects.filter(action=action).order_by("-due_on", "-created_at"))


def action_get_kept(*, user: User, pk: int) -> Action:
    """What the action page needs of an action when the plan cache keeps the rest of it (its id, council and
    title: one query with no joins), or 404 as `action_get`."""
    action = actions_visible(user=user).only("id", "authority_id", "title").filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    return action


def action_page(*, user: User, pk: int, today: date) -> ActionPage:
    """Everything the action page shows: a fixed handful of queries."""
    action = action_get(user=user, pk=pk)
    recommendations = list(
        action.recommendations.select_related("inspection").order_by("inspection_id", "reference", "pk")
    )
    measures = list(measures_with_latest().filter(actions=action))
    reminders = action_reminders(action=action)
    return ActionPage(
        action=action,
        explained=rag.explain_action(action, today=today, measures=measure_inputs(measures)),
        recommendations=recommendations,
        measures=measures,
        history=action_history(action=action),
        reminders=reminders,
        can_change=bool(permissions.can_change_action(user, action)),
        can_sign_off=bool(permissions.can_sign_off_action(user, action)),
        can_edit=bool(permissions.can_manage_plan(user, action)),
        record_changes=audit_selectors.record_changes(user=user, record=action)
        if permissions.can_read_audit_log(user)
        else None,
    )


def updates_since(*, action: Action, version: int) -> list[ProgressUpdate]:
    """The updates saved after the form the user had was loaded at `version` (each save adds one)."""
    missed = max(0, min(action.version - version, 20))
    if not missed:
        return []
    return list(action.updates.select_related("author").order_by("-created_at", "-id")[:missed])
