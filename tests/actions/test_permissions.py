"""Each permission rule, by direct GETs and POSTs."""

import pytest
from django.urls import reverse

from improvement.models import Action
from tests.factories import OwnerFactory, UserFactory

UPDATE = {"status": "on_track", "progress": "55", "note": "", "version": "1"}


def _post_update(client, action):
    return client.post(reverse("action_update", args=[action.pk]), UPDATE)


@pytest.mark.parametrize("who", ["manager", "director", "lead"])
def test_who_may_update_an_action(client, request, actions, who):
    client.force_login(request.getfixturevalue(who))
    assert _post_update(client, actions["soon"]).status_code == 302
    assert Action.objects.get(pk=actions["soon"].pk).progress == 55


def test_a_manager_views_but_cannot_change_actions_they_do_not_own_or_line_manage(client, manager, actions):
    client.force_login(manager)
    for key in ("other", "director"):
        page = client.get(reverse("action_detail", args=[actions[key].pk]))
        assert page.status_code == 200
        assert "Add an update" not in page.content.decode()
        assert "You can read this action but not change it" in page.content.decode()
        assert _post_update(client, actions[key]).status_code == 403
    assert Action.objects.get(pk=actions["other"].pk).version == 1


def test_a_scrutiny_member_changes_nothing(client, scrutiny, actions):
    client.force_login(scrutiny)
    action = actions["soon"]
    assert client.get(reverse("action_detail", args=[action.pk])).status_code == 200
    assert client.get(reverse("action_list")).status_code == 200
    assert _post_update(client, action).status_code == 403
    assert client.post(reverse("action_sign_off", args=[action.pk]), {"version": "1"}).status_code == 403
    assert client.get(reverse("action_edit", args=[action.pk])).status_code == 403
    assert client.post(reverse("action_edit", args=[action.pk]), {"title": "x", "version": "1"}).status_code == 403
    assert client.get(reverse("action_create")).status_code == 403
    assert client.get(reverse("plan_admin")).status_code == 403
    assert client.get(reverse("actions_xlsx_download")).status_code == 403
    assert client.get(reverse("actions_xlsx_upload")).status_code == 403


def test_a_manager_cannot_sign_off_edit_or_manage_the_plan(client, manager, actions):
    client.force_login(manager)
    action = actions["soon"]
    assert client.post(reverse("action_sign_off", args=[action.pk]), {"version": "1"}).status_code == 403
    assert client.get(reverse("action_edit", args=[action.pk])).status_code == 403
    assert client.get(reverse("plan_admin_create", args=["owners"])).status_code == 403
    assert client.get(reverse("actions_xlsx_upload")).status_code == 403


@pytest.mark.parametrize("who", ["manager", "lead", "scrutiny"])
def test_another_authoritys_action_is_not_found(client, request, foreign_action, who):
    client.force_login(request.getfixturevalue(who))
    pk = foreign_action.pk
    assert client.get(reverse("action_detail", args=[pk])).status_code == 404
    assert client.post(reverse("action_update", args=[pk]), UPDATE).status_code == 404
    assert client.post(reverse("action_sign_off", args=[pk]), {"version": "1"}).status_code == 404
    assert client.get(reverse("action_edit", args=[pk])).status_code == 404
    assert foreign_action.title not in client.get(reverse("action_list")).content.decode()


def test_lead_pages_are_scoped_to_their_authority(client, lead, other_authority):
    foreign_owner = OwnerFactory(authority=other_authority)
    client.force_login(lead)
    assert client.get(reverse("plan_admin_edit", args=["owners", foreign_owner.pk])).status_code == 404
    assert client.get(reverse("plan_admin_edit", args=["nonsense", 1])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, actions):
    for url in (reverse("my_actions"), reverse("action_list"), reverse("action_detail", args=[actions["soon"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert _post_update(client, actions["soon"]).status_code == 302


def test_update_needs_post(client, manager, actions):
    client.force_login(manager)
    assert client.get(reverse("action_update", args=[actions["soon"].pk])).status_code == 405


def test_a_user_without_an_authority_sees_no_actions(client, actions):
    client.force_login(UserFactory(authority=None, role="Manager"))
    assert client.get(reverse("action_detail", args=[actions["soon"].pk])).status_code == 404


def test_can_lead_is_a_superuser_or_an_improvement_lead_of_that_authority(
    lead, manager, scrutiny, authority, other_authority
):
    from improvement.permissions import can_lead

    boss = UserFactory(authority=None, username="root", is_superuser=True)
    assert can_lead(lead) and can_lead(lead, authority) and not can_lead(lead, other_authority)
    assert can_lead(boss) and can_lead(boss, other_authority)
    assert not any(can_lead(u) or can_lead(u, authority) for u in (manager, scrutiny))


def test_one_measure_name_key():
    from improvement.models import Measure

    assert Measure.key_for("  Children\u2019s  Social Care\tcontacts ") == "children's social care contacts"
