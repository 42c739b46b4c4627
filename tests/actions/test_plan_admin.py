"""The improvement lead keeps the plan in the web pages: owners with line managers, themes,
recommendations, measures."""

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.urls import reverse

from improvement.models import Measure, MeasureValue, Owner, Recommendation, Theme
from tests.factories import (
    PASSWORD,
    MeasureFactory,
    OwnerFactory,
    PlanFactory,
    UserFactory,
)


def test_a_lead_adds_an_owner_with_a_line_manager(client, lead, authority):
    boss = OwnerFactory(authority=authority, role_title="Director of Children's Services")
    client.force_login(lead)
    url = reverse("plan_admin_create", args=["owners"])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"role_title": "Head of Service,  Front Door", "line_manager": boss.pk, "email": "front.door@example.org"}
    )
    assert response.status_code == 302
    owner = Owner.objects.get(role_title="Head of Service, Front Door")
    assert (owner.authority, owner.line_manager) == (authority, boss)
    assert "Head of Service, Front Door" in client.get(reverse("plan_admin")).content.decode()


def test_the_same_role_in_other_words_is_refused(client, lead, authority):
    OwnerFactory(authority=authority, role_title="Head of Service, Front Door")
    client.force_login(lead)
    response = client.post(reverse("plan_admin_create", args=["owners"]), {"role_title": "head of service, front door"})
    assert response.status_code == 400
    assert "There is already an owner with this role title" in response.content.decode()
    assert Owner.objects.filter(authority=authority).count() == 1


def test_line_management_cannot_go_round_in_a_circle(client, lead, authority):
    top = OwnerFactory(authority=authority, role_title="Director")
    middle = OwnerFactory(authority=authority, role_title="Head of Service", line_manager=top)
    client.force_login(lead)
    response = client.post(
        reverse("plan_admin_edit", args=["owners", top.pk]), {"role_title": "Director", "line_manager": middle.pk}
    )
    assert response.status_code == 400
    assert "cannot be line-managed by someone they line-manage" in response.content.decode()
    top.refresh_from_db()
    assert top.line_manager is None


def test_another_authoritys_owner_cannot_be_chosen_as_line_manager(client, lead, authority, other_authority):
    foreign = OwnerFactory(authority=other_authority, role_title="Director elsewhere")
    client.force_login(lead)
    response = client.post(
        reverse("plan_admin_create", args=["owners"]), {"role_title": "Head of Service", "line_manager": foreign.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Owner.objects.filter(authority=authority).exists()


def test_a_lead_adds_a_theme_and_a_recommendation_under_it(client, lead, authority):
    plan = PlanFactory(authority=authority)
    client.force_login(lead)
    response = client.post(
        reverse("plan_admin_create", args=["themes"]), {"plan": plan.pk, "number": 3, "title": "Workforce"}
    )
    assert response.status_code == 302
    theme = Theme.objects.get(plan=plan, number=3)
    response = client.post(
        reverse("plan_admin_create", args=["recommendations"]),
        {"reference": "4", "text": "Reduce caseloads so social workers can see children", "theme": theme.pk},
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(authority=authority, reference="4")
    assert rec.theme == theme


def test_an_empty_recommendation_is_explained(client, lead):
    client.force_login(lead)
    response = client.post(reverse("plan_admin_create", args=["recommendations"]), {"reference": "5", "text": ""})
    assert response.status_code == 400
    assert "Enter the recommendation" in response.content.decode()
    assert not Recommendation.objects.exists()


def test_a_lead_records_measure_values_and_a_second_figure_for_a_day_replaces_the_first(client, lead, authority):
    measure = MeasureFactory(authority=authority, name="Agency social workers", target=15)
    client.force_login(lead)
    url = reverse("plan_admin_measure_values", args=[measure.pk])
    for value in ("24.5", "23"):
        response = client.post(url, {"date-day": "31", "date-month": "3", "date-year": "2026", "value": value})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert list(MeasureValue.objects.filter(measure=measure).values_list("date", "value")) == [
        (dt.date(2026, 3, 31), Decimal("23"))
    ]
    page = client.get(url).content.decode()
    assert "31 March 2026" in page


def test_a_measure_value_that_is_not_a_number_is_explained(client, lead, authority):
    measure = MeasureFactory(authority=authority)
    client.force_login(lead)
    response = client.post(
        reverse("plan_admin_measure_values", args=[measure.pk]),
        {"date-day": "31", "date-month": "3", "date-year": "2026", "value": "about 20"},
    )
    assert response.status_code == 400
    assert "The value must be a number" in response.content.decode()
    assert not MeasureValue.objects.filter(measure=measure).exists()


def test_a_duplicate_measure_name_is_refused(client, lead, authority):
    MeasureFactory(authority=authority, name="Caseload per social worker")
    client.force_login(lead)
    response = client.post(
        reverse("plan_admin_create", args=["measures"]),
        {"name": "caseload per social worker", "unit": "count", "polarity": "lower"},
    )
    assert response.status_code == 400
    assert "There is already a measure with this name" in response.content.decode()
    assert Measure.objects.filter(authority=authority).count() == 1


def test_a_manager_cannot_post_to_the_plan_pages(client, manager, authority):
    client.force_login(manager)
    response = client.post(reverse("plan_admin_create", args=["owners"]), {"role_title": "Sneaky role"})
    assert response.status_code == 403
    assert not Owner.objects.filter(role_title="Sneaky role").exists()


def test_password_reset_by_email_lets_the_user_sign_in_with_the_new_password(client, authority):
    UserFactory(authority=authority, username="forgetful", email="forgetful@example.org")
    response = client.post(reverse("password_reset"), {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["forgetful@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line).strip()
    path = link[link.index("/password-reset/") :]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"new_password1": "A-longer-new-passphrase-2026", "new_password2": "A-longer-new-passphrase-2026"}
    )
    assert response.status_code == 302
    old = client.post(reverse("login"), {"username": "forgetful", "password": PASSWORD})
    assert old.status_code == 200 and "There is a problem" in old.content.decode()
    new = client.post(reverse("login"), {"username": "forgetful", "password": "A-longer-new-passphrase-2026"})
    assert new.status_code == 302


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 0
