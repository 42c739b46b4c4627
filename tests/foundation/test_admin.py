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


def _another_councils_plan(other_authority):
    from tests.factories import PlanFactory, ThemeFactory

    plan = PlanFactory(authority=other_authority, title="Elsewhere plan")
    theme = ThemeFactory(plan=plan, title="Elsewhere theme")
    owner = OwnerFactory(authority=other_authority, role_title="Elsewhere Director", person_name="Pat Elsewhere")
    ActionFactory(authority=other_authority, plan=plan, theme=theme, owner=owner)
    return plan


@pytest.mark.parametrize("changelist", ["action", "owner", "recommendation", "inspection", "measure"])
def test_admin_filters_offer_no_other_councils_names(client, staff_lead, other_authority, changelist):
    from tests.factories import PlanFactory, RecommendationFactory, ThemeFactory

    _another_councils_plan(other_authority)
    RecommendationFactory(authority=other_authority, text="Elsewhere recommendation")
    plan = PlanFactory(authority=staff_lead.authority, title="Our plan")
    theme = ThemeFactory(plan=plan, title="Our theme")
    owner = OwnerFactory(authority=staff_lead.authority, role_title="Our Head of Service")
    ActionFactory(authority=staff_lead.authority, plan=plan, theme=theme, owner=owner)
    login(client, staff_lead)
    response = client.get(reverse(f"admin:improvement_{changelist}_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Elsewhere" not in page
    if changelist == "action":
        assert "Our Head of Service" in page and "Our theme" in page and "Our plan" in page


def test_the_authority_admin_change_and_delete_pages_work(client, staff_lead, admin_user):
    login(client, staff_lead)
    authority = staff_lead.authority
    assert client.get(reverse("admin:improvement_authority_change", args=[authority.pk])).status_code == 200
    assert client.get(reverse("admin:improvement_authority_delete", args=[authority.pk])).status_code == 403
    client.force_login(admin_user)
    assert client.get(reverse("admin:improvement_authority_change", args=[authority.pk])).status_code == 200
    assert client.get(reverse("admin:improvement_authority_delete", args=[authority.pk])).status_code == 200


def test_the_changelists_row_checkbox_is_djangos(staff_lead):
    from django.contrib import admin

    from improvement.models import Action

    action = ActionFactory(authority=staff_lead.authority, title='Audit "front door" <contacts> & referrals')
    model_admin = admin.site._registry[Action]
    assert model_admin.action_checkbox(action) == admin.ModelAdmin.action_checkbox(model_admin, action)
