import pytest
from django.urls import reverse

from tests.factories import ActionFactory, OwnerFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)


@pytest.fixture
def staff_lead(lead):
    lead.is_staff = True
    lead.save()
    return lead


def test_lead_sees_only_their_authoritys_actions_in_the_admin(client, staff_lead, other_authority):
    ActionFactory(authority=staff_lead.authority, title="Ours: audit case files")
    ActionFactory(authority=other_authority, title="Theirs: recruit social workers")
    login(client, staff_lead)
    page = client.get(reverse("admin:improvement_action_changelist")).content.decode()
    assert "Ours: audit case files" in page
    assert "Theirs: recruit social workers" not in page


def test_another_authoritys_action_cannot_be_opened_in_the_admin(client, staff_lead, other_authority):
    theirs = ActionFactory(authority=other_authority)
    login(client, staff_lead)
    response = client.get(reverse("admin:improvement_action_change", args=[theirs.pk]))
    assert response.status_code in (302, 404)
    assert theirs.title not in response.content.decode()


def test_lead_can_add_an_owner_which_lands_in_their_authority(client, staff_lead):
    login(client, staff_lead)
    response = client.post(
        reverse("admin:improvement_owner_add"),
        {"role_title": "Head of Quality Assurance", "person_name": "", "email": "qa@example.org"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    owner = staff_lead.authority.owners.get()
    assert owner.role_title == "Head of Quality Assurance"


def test_scrutiny_member_cannot_change_anything_in_the_admin(client, scrutiny):
    scrutiny.is_staff = True
    scrutiny.save()
    owner = OwnerFactory(authority=scrutiny.authority)
    login(client, scrutiny)
    response = client.post(
        reverse("admin:improvement_owner_change", args=[owner.pk]), {"role_title": "Renamed by a councillor"}
    )
    assert response.status_code == 403
    owner.refresh_from_db()
    assert owner.role_title != "Renamed by a councillor"
