"""Who may see and change what: the one place the rules live.

Views, the admin and the API all ask these functions. Seeing is scoped by authority
(another authority's record is "not found", never "forbidden"); changing follows role:

- an improvement lead changes anything in their own authority;
- a manager changes only the actions they own, or that owners they line-manage own;
- a scrutiny member changes nothing;
- a regional adviser belongs to no council and reads the councils a superuser granted
  them (`AdviserGrant`), changing nothing.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from . import roles


def _groups(user) -> set[str]:
    cached = getattr(user, "_tracker_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._tracker_groups = cached
    return cached


@rules.predicate
def is_improvement_lead(user) -> bool:
    return user.is_authenticated and user.is_active and roles.IMPROVEMENT_LEAD in _groups(user)


@rules.predicate
def is_manager(user) -> bool:
    return user.is_authenticated and user.is_active and roles.MANAGER in _groups(user)


@rules.predicate
def is_scrutiny_member(user) -> bool:
    return user.is_authenticated and user.is_active and roles.SCRUTINY_MEMBER in _groups(user)


@rules.predicate
def is_regional_adviser(user) -> bool:
    return user.is_authenticated and user.is_active and roles.REGIONAL_ADVISER in _groups(user)


def role_of(user) -> str | None:
    for name in (*roles.ALL, roles.REGIONAL_ADVISER):
        if name in _groups(user):
            return name
    return None


def granted_authority_ids(user) -> frozenset[int]:
    """The councils a regional adviser may read (none for anyone else); one query, kept on the user."""
    cached = getattr(user, "_tracker_granted", None)
    if cached is None:
        from .models import AdviserGrant

        cached = frozenset()
        if is_regional_adviser(user):
            cached = frozenset(AdviserGrant.objects.filter(user=user).values_list("authority_id", flat=True))
        user._tracker_granted = cached
    return cached


def viewable_authorities(user) -> QuerySet:
    """The councils whose pages a user may read: their own, those granted to an adviser, or all for a superuser."""
    from .models import Authority

    if not user.is_authenticated:
        return Authority.objects.none()
    if user.is_superuser:
        return Authority.objects.all()
    if user.authority_id is not None:
        return Authority.objects.filter(pk=user.authority_id)
    return Authority.objects.filter(pk__in=granted_authority_ids(user))


def can_see_region(user) -> bool:
    """The region view: regional advisers and superusers."""
    return user.is_authenticated and (user.is_superuser or bool(is_regional_adviser(user)))


@rules.predicate
def is_adviser_for(user, obj) -> bool:
    if obj is None or not user.is_authenticated or user.authority_id is not None:
        return False
    return authority_id_of(obj) in granted_authority_ids(user)


@rules.predicate
def in_same_authority(user, obj) -> bool:
    if obj is None or not user.is_authenticated:
        return False
    return user.authority_id is not None and authority_id_of(obj) == user.authority_id


def authority_id_of(obj) -> int | None:
    if hasattr(obj, "authority_id"):
        return obj.authority_id
    for parent in ("action", "plan", "measure", "inspection"):
        if hasattr(obj, parent):
            return authority_id_of(getattr(obj, parent))
    return None


def owner_ids_managed_by(user) -> set[int]:
    """The owner roles a user holds and every role below them in the line-management chain."""
    from .models import Owner

    if not user.is_authenticated or user.authority_id is None:
        return set()
    rows = list(Owner.objects.filter(authority_id=user.authority_id).values_list("id", "user_id", "line_manager_id"))
    mine = {oid for oid, uid, _ in rows if uid == user.id}
    reports: dict[int, list[int]] = {}
    for oid, _, manager in rows:
        if manager is not None:
            reports.setdefault(manager, []).append(oid)
    found, frontier = set(mine), list(mine)
    while frontier:
        for child in reports.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


@rules.predicate
def owns_or_line_manages(user, action) -> bool:
    return action is not None and action.owner_id is not None and action.owner_id in owner_ids_managed_by(user)


can_view = in_same_authority | is_adviser_for | rules.is_superuser
can_change_action = (
    in_same_authority & (is_improvement_lead | (is_manager & owns_or_line_manages))
) | rules.is_superuser
can_sign_off_action = (in_same_authority & is_improvement_lead) | rules.is_superuser
can_manage_plan = (in_same_authority & is_improvement_lead) | rules.is_superuser
can_import = is_improvement_lead | rules.is_superuser
can_import_ofsted_outcomes = rules.is_superuser  # every council's records: no one council's lead


def can_lead(user, authority=None) -> bool:
    """A superuser, or an improvement lead (of `authority`, when one is given).

    Who may add actions, change the plan, and download or upload the update spreadsheet.
    """
    if user.is_superuser:
        return True
    return bool(is_improvement_lead(user)) and (authority is None or user.authority_id == authority.pk)


def leads_a_council(user) -> bool:
    """An improvement lead with a council of their own: who works the Manage pages (plan records, authority
    settings, imports, benchmarks) and adds actions. A superuser with no council does that in the admin."""
    return bool(is_improvement_lead(user)) and user.authority_id is not None


def can_have_council_feed(user) -> bool:
    """The council's calendar (statutory plan dates, monitoring visits, committee meetings): its
    improvement lead and its scrutiny members (councillors)."""
    if not user.is_authenticated or not user.is_active or user.authority_id is None:
        return False
    return bool(is_improvement_lead(user) or is_scrutiny_member(user))


def can_read_audit_log(user) -> bool:
    """Who reads the audit trail (the Audit log page, "Changes to this record"): an improvement
    lead, for their own council, and a superuser. Managers and scrutiny members do not."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or leads_a_council(user)


rules.add_perm("improvement.view_record", can_view)
rules.add_perm("improvement.change_action_status", can_change_action)
rules.add_perm("improvement.sign_off_action", can_sign_off_action)
rules.add_perm("improvement.manage_plan", can_manage_plan)
rules.add_perm("improvement.import_minutes", can_import)


def scope_to_user(queryset: QuerySet, user, *, authority_path: str = "authority") -> QuerySet:
    """Limit any queryset to the user's authority (an adviser's: those granted); superusers see everything."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.authority_id is None:
        granted = granted_authority_ids(user)  # a regional adviser reads the councils granted
        return queryset.filter(**{f"{authority_path}_id__in": granted}) if granted else queryset.none()
    return queryset.filter(**{f"{authority_path}_id": user.authority_id})


def changeable_actions_q(user) -> Q:
    """A filter for the actions a user may change (for lists that mark editable rows)."""
    if user.is_superuser:
        return Q(pk__isnull=False)  # every action; an empty Q() cannot stand in a When() condition
    if is_improvement_lead(user):
        return Q(authority_id=user.authority_id)
    if is_manager(user):
        return Q(owner_id__in=owner_ids_managed_by(user))
    return Q(pk__in=[])
