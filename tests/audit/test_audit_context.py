"""The audit trail records who changed what, before and after, and why, on every write path."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from improvement.models import Action
from improvement.services import actions as action_services
from improvement.services.audit import audit_context
from tests.factories import ActionFactory, MeasureFactory, MeasureValueFactory, OwnerFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return list(LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk"))


def test_changes_inside_audit_context_name_the_user_and_reason(authority, lead):
    action = ActionFactory(authority=authority, due_date=dt.date(2026, 6, 30))
    with audit_context(lead, "The recruitment drive slipped a month"):
        action.due_date = dt.date(2026, 7, 31)
        action.save()
    entry = entries_for(action)[-1]
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == lead
    assert entry.changes_dict["due_date"] == ["2026-06-30", "2026-07-31"]
    assert entry.additional_data == {"authority": authority.pk, "reason": "The recruitment drive slipped a month"}


def test_outside_any_context_the_change_is_recorded_with_no_actor(authority):
    owner = OwnerFactory(authority=authority, role_title="Head of Fostering")
    owner.person_name = "Jo Bloggs"
    owner.save()
    entry = entries_for(owner)[-1]
    assert entry.actor is None
    assert entry.changes_dict == {"person_name": ["", "Jo Bloggs"]}
    assert entry.additional_data == {"authority": authority.pk}


def test_nested_context_restores_the_outer_actor_and_reason(authority, lead, manager):
    theme = ThemeFactory(plan__authority=authority, title="Front door")
    with audit_context(lead, "outer reason"):
        with audit_context(manager, "inner reason"):
            theme.title = "Front door and MASH"
            theme.save()
        theme.title = "The front door"
        theme.save()
    inner, outer = entries_for(theme)[-2:]
    assert (inner.actor, inner.additional_data["reason"]) == (manager, "inner reason")
    assert (outer.actor, outer.additional_data["reason"]) == (lead, "outer reason")
    # A record that reaches its council through its plan is still attributed to it.
    assert outer.additional_data["authority"] == authority.pk


def test_a_linked_record_is_recorded_by_name(authority, lead):
    action = ActionFactory(authority=authority, owner__role_title="Head of Safeguarding")
    new_owner = OwnerFactory(authority=authority, role_title="Principal Social Worker")
    with audit_context(lead, "New lead for the work"):
        action.owner = new_owner
        action.save()
    assert entries_for(action)[-1].changes_dict["owner"] == ["Head of Safeguarding", "Principal Social Worker"]


def test_versioned_service_updates_reach_the_audit_trail(authority, lead):
    """Action services save with QuerySet.update (no signals); they record the change themselves."""
    action = ActionFactory(authority=authority, due_date=dt.date(2026, 6, 30), owner__role_title="Head of Service")
    action_services.action_change_fields(
        action=action,
        by=lead,
        changes={"due_date": dt.date(2026, 7, 31)},
        reason="Waiting for the new case system",
        expected_version=action.version,
    )
    entry = entries_for(action)[-1]
    assert entry.actor == lead
    assert entry.changes_dict == {"due_date": ["2026-06-30", "2026-07-31"]}
    assert entry.additional_data["reason"] == "Waiting for the new case system"
    assert Action.objects.get(pk=action.pk).version == 2


def test_measure_value_change_keeps_before_and_after(authority, lead):
    value = MeasureValueFactory(measure=MeasureFactory(authority=authority), value=62)
    with audit_context(lead, "Corrected from the October return"):
        value.value = 64
        value.save()
    entry = entries_for(value)[-1]
    assert entry.changes_dict["value"] == ["62.00", "64"]
    assert entry.additional_data["authority"] == authority.pk


def test_a_finished_requests_user_is_never_named_for_a_later_write(client, authority, lead):
    """auditlog leaves its last value behind after a request; a later command's write has no actor."""
    client.force_login(lead)
    client.get("/")
    owner = OwnerFactory(authority=authority, role_title="Head of Adoption")
    with audit_context(None, "nightly job"):
        owner.person_name = "Ali"
        owner.save()
    entry = entries_for(owner)[-1]
    assert entry.actor is None and entry.additional_data["reason"] == "nightly job"
