"""Records people worked on are never deleted: a plan's actions, a measure's values, an updated action."""

import pytest
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse

from improvement.middleware import RefusedDeletionPage
from improvement.models import Action, ImprovementPlan, Measure, MeasureValue
from improvement.services import actions as action_services
from tests.factories import ActionFactory, MeasureFactory, MeasureValueFactory, PlanFactory

pytestmark = pytest.mark.django_db


def updated(action, by):
    action_services.action_record_update(
        action=action, by=by, status="on_track", progress=60, note="Half the posts filled", expected_version=1
    )
    return action


def test_deleting_a_plan_never_deletes_its_actions(authority):
    plan = PlanFactory(authority=authority)
    ActionFactory(authority=authority, plan=plan)
    with pytest.raises(ProtectedError):
        plan.delete()
    assert Action.objects.filter(plan=plan).count() == 1


def test_deleting_a_measure_never_deletes_its_values(authority):
    value = MeasureValueFactory(measure=MeasureFactory(authority=authority))
    with pytest.raises(ProtectedError):
        value.measure.delete()
    assert MeasureValue.objects.filter(pk=value.pk).exists()


def test_an_action_people_have_updated_cannot_be_deleted_by_any_path(authority, lead):
    action = updated(ActionFactory(authority=authority), lead)
    with pytest.raises(ProtectedError):
        action.delete()
    with pytest.raises(ProtectedError):
        Action.objects.filter(pk=action.pk).delete()
    assert Action.objects.filter(pk=action.pk).exists()


def test_an_action_no_one_has_worked_on_may_be_deleted(authority, lead):
    action = action_services.action_create(authority=authority, by=lead, title="Added by mistake")
    action.delete()
    assert not Action.objects.filter(title="Added by mistake").exists()


class TestTheAdminRefusesWithTheReason:
    def test_an_updated_action(self, client, sam, authority):
        action = updated(ActionFactory(authority=authority, title="Recruit social workers"), sam)
        client.force_login(sam)
        url = reverse("admin:improvement_action_delete", args=[action.pk])
        page = client.get(url).content.decode()
        assert "cannot be deleted: people have recorded 1 update on it" in page
        response = client.post(url, {"post": "yes"})
        assert response.status_code == 200 and Action.objects.filter(pk=action.pk).exists()

    def test_a_measure_with_values_and_a_plan_with_actions(self, client, sam, authority):
        measure = MeasureValueFactory(measure=MeasureFactory(authority=authority, name="Timely visits")).measure
        plan = ActionFactory(authority=authority).plan
        client.force_login(sam)
        html = client.get(reverse("admin:improvement_measure_delete", args=[measure.pk])).content.decode()
        assert "Measure &#x27;Timely visits&#x27; cannot be deleted: it has 1 recorded value" in html
        client.post(reverse("admin:improvement_measure_delete", args=[measure.pk]), {"post": "yes"})
        html = client.get(reverse("admin:improvement_improvementplan_delete", args=[plan.pk])).content.decode()
        assert "cannot be deleted: it has 1 action" in html
        client.post(reverse("admin:improvement_improvementplan_delete", args=[plan.pk]), {"post": "yes"})
        assert Measure.objects.filter(pk=measure.pk).exists() and ImprovementPlan.objects.filter(pk=plan.pk).exists()

    def test_the_bulk_delete_action_too(self, client, sam, authority):
        action = updated(ActionFactory(authority=authority), sam)
        client.force_login(sam)
        response = client.post(
            reverse("admin:improvement_action_changelist"),
            {"action": "delete_selected", "_selected_action": [action.pk], "post": "yes"},
        )
        assert "cannot be deleted" in response.content.decode()
        assert Action.objects.filter(pk=action.pk).exists()


def test_a_refused_deletion_elsewhere_is_a_govuk_page_not_a_server_error(authority, lead):
    action = updated(ActionFactory(authority=authority, title="Recruit social workers"), lead)
    request = RequestFactory().post("/anything/")
    request.user = lead
    page = RefusedDeletionPage(lambda r: None)
    try:
        action.delete()
    except ProtectedError as error:
        response = page.process_exception(request, error)
    assert response.status_code == 409
    html = response.content.decode()
    assert "This record cannot be deleted" in html and "people have recorded 1 update on it" in html
    try:
        action.plan.delete()
    except ProtectedError as error:
        response = page.process_exception(request, error)
    assert response.status_code == 409 and "cannot be deleted: it has 1 action" in response.content.decode()
    assert page.process_exception(request, ValueError("not ours")) is None
