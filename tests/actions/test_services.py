import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from improvement.models import Action, ActionStatus, ProgressUpdate, UpdateKind
from improvement.services.actions import (
    ActionConflict,
    action_change_fields,
    action_create,
    action_record_update,
    action_sign_off,
)


def fresh(action):
    return Action.objects.get(pk=action.pk)


def test_an_update_changes_the_action_raises_its_version_and_is_recorded(actions, manager):
    action = actions["soon"]
    result = action_record_update(
        action=action, by=manager, status="at_risk", progress=20, note="Two trainers off sick", expected_version=1
    )
    saved = fresh(action)
    assert (saved.status, saved.progress, saved.version) == ("at_risk", 20, 2)
    update = result.update
    assert update.author == manager and update.kind == UpdateKind.PROGRESS and update.note == "Two trainers off sick"
    assert update.changes == {"status": ["On track", "At risk"], "progress": ["10%", "20%"]}


def test_a_stale_version_is_refused_and_nothing_is_written(actions, manager):
    action = actions["soon"]
    action_record_update(action=action, by=manager, status="on_track", progress=20, expected_version=1)
    with pytest.raises(ActionConflict) as caught:
        action_record_update(action=fresh(action), by=manager, status="on_track", progress=90, expected_version=1)
    assert caught.value.action.version == 2
    assert fresh(action).progress == 20
    assert ProgressUpdate.objects.filter(action=action).count() == 1


@pytest.mark.parametrize("status", ["at_risk", "off_track", "complete", "evidenced"])
def test_a_note_is_required_for_worrying_and_complete_statuses(actions, manager, status):
    with pytest.raises(ValidationError) as caught:
        action_record_update(
            action=actions["soon"],
            by=manager,
            status=status,
            progress=50,
            evidence_url="https://x.example/e",
            expected_version=1,
        )
    assert "note" in caught.value.message_dict


def test_a_manager_asking_for_evidenced_records_complete_and_a_sign_off_request(actions, manager):
    action = actions["soon"]
    with pytest.raises(ValidationError):
        action_record_update(
            action=action, by=manager, status="evidenced", progress=100, note="Done", expected_version=1
        )
    result = action_record_update(
        action=action,
        by=manager,
        status="evidenced",
        progress=90,
        note="Done",
        evidence_url="https://docs.example/audit",
        expected_version=1,
    )
    saved = fresh(action)
    assert saved.status == ActionStatus.COMPLETE and saved.progress == 100
    assert saved.evidence_url == "https://docs.example/audit"
    assert result.update.kind == UpdateKind.SIGN_OFF_REQUEST


def test_a_lead_signs_off_a_completed_action(actions, manager, lead):
    action = actions["soon"]
    action_record_update(
        action=action,
        by=manager,
        status="complete",
        progress=100,
        note="Done",
        evidence_url="https://docs.example/audit",
        expected_version=1,
    )
    with pytest.raises(PermissionDenied):
        action_sign_off(action=fresh(action), by=manager, expected_version=2)
    result = action_sign_off(action=fresh(action), by=lead, note="Impact seen in audit", expected_version=2)
    saved = fresh(action)
    assert saved.status == ActionStatus.EVIDENCED and saved.signed_off_by == lead and saved.signed_off_at
    assert result.update.kind == UpdateKind.SIGN_OFF


def test_sign_off_needs_a_completed_action_with_evidence(actions, lead):
    with pytest.raises(ValidationError):
        action_sign_off(action=actions["soon"], by=lead, expected_version=1)


def test_permissions_are_enforced_by_the_service(actions, manager, director, scrutiny, lead):
    with pytest.raises(PermissionDenied):
        action_record_update(action=actions["other"], by=manager, status="on_track", progress=1, expected_version=1)
    with pytest.raises(PermissionDenied):
        action_record_update(action=actions["director"], by=manager, status="on_track", progress=1, expected_version=1)
    with pytest.raises(PermissionDenied):
        action_record_update(action=actions["soon"], by=scrutiny, status="on_track", progress=1, expected_version=1)
    # A line manager may update the actions of the people they line-manage; a lead anything.
    action_record_update(action=actions["soon"], by=director, status="on_track", progress=15, expected_version=1)
    action_record_update(action=actions["other"], by=lead, status="on_track", progress=15, expected_version=1)


def test_reassigning_or_moving_the_due_date_needs_a_reason_and_is_recorded(actions, owners, lead, manager):
    action = actions["soon"]
    new_due = action.due_date.replace(year=action.due_date.year + 1)
    with pytest.raises(ValidationError):
        action_change_fields(action=action, by=lead, changes={"due_date": new_due}, expected_version=1)
    with pytest.raises(PermissionDenied):
        action_change_fields(action=action, by=manager, changes={"due_date": new_due}, reason="x", expected_version=1)
    result = action_change_fields(
        action=action,
        by=lead,
        changes={"due_date": new_due, "owner": owners["other"]},
        reason="Moved to the care team after restructure",
        expected_version=1,
    )
    saved = fresh(action)
    assert saved.due_date == new_due and saved.owner == owners["other"] and saved.version == 2
    assert result.update.kind == UpdateKind.CHANGE
    assert result.update.reason == "Moved to the care team after restructure"
    assert result.update.changes["owner"] == ["Head of Service, Front Door", "Head of Service, Children in Care"]
    assert result.update.changes["due_date"][1] == f"{new_due.day} {new_due:%B %Y}"


def test_a_title_change_needs_no_reason_and_nothing_changed_is_a_no_op(actions, lead):
    action = actions["soon"]
    assert action_change_fields(action=action, by=lead, changes={"title": action.title}, expected_version=1) is None
    assert action_change_fields(action=action, by=lead, changes={"title": "New title"}, expected_version=1)
    assert fresh(action).title == "New title"


def test_action_create_records_a_created_entry(authority, plan, owners, lead, manager):
    action = action_create(
        authority=authority, by=lead, title="Launch a new audit cycle", plan=plan, owner=owners["manager"]
    )
    assert action.updates.get().kind == UpdateKind.CREATED
    with pytest.raises(PermissionDenied):
        action_create(authority=authority, by=manager, title="Not allowed")
