"""The admin's action list as a council's improvement lead sees it: its rows and year links written
as Django writes them, its filters, years and count following the plan as it changes."""

import datetime as dt

import pytest
from django.contrib.admin.templatetags.admin_list import date_hierarchy, result_list
from django.urls import reverse

from improvement.models import ActionStatus
from tests.factories import ActionFactory, OwnerFactory, PlanFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def changelist_url():
    return reverse("admin:improvement_action_changelist")


@pytest.fixture
def staff_lead(lead):
    lead.is_staff = True
    lead.save()
    return lead


@pytest.fixture
def plan(staff_lead):
    """Actions over three years, with and without an owner, a theme and a due date, in words that
    need escaping."""
    authority = staff_lead.authority
    plan = PlanFactory(authority=authority, title="Our plan")
    theme = ThemeFactory(plan=plan, number=1, title="Front door & <MASH>")
    owner = OwnerFactory(authority=authority, role_title='Head of "Quality"', person_name="Sam O'Neill")
    ActionFactory(
        authority=authority,
        plan=plan,
        theme=theme,
        owner=owner,
        title='Audit "front door" <contacts> & referrals',
        due_date=dt.date(2025, 3, 31),
        status=ActionStatus.OFF_TRACK,
        progress=40,
    )
    ActionFactory(authority=authority, plan=plan, theme=None, owner=None, title="Recruit two managers", due_date=None)
    ActionFactory(authority=authority, plan=plan, theme=theme, owner=owner, due_date=dt.date(2026, 6, 30), progress=75)
    ActionFactory(authority=authority, plan=plan, theme=theme, owner=None, due_date=dt.date(2027, 1, 15))
    return plan


def page(client, query=""):
    response = client.get(changelist_url() + query)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    "query",
    ["", "?o=-3", "?o=2.-6", "?status__exact=off_track", "?q=audit", "?owner__isnull=True", "?due_date__year=2025"],
)
def test_the_rows_are_the_ones_django_writes(client, staff_lead, plan, query):
    client.force_login(staff_lead)
    response = page(client, query)
    cl = response.context["cl"]
    ours, djangos = cl.result_list_context, result_list(cl)
    assert ours["results"], "the list shows rows"
    assert ours["result_headers"] == djangos["result_headers"]
    assert ours["num_sorted_fields"] == djangos["num_sorted_fields"]
    assert ["".join(row) for row in ours["results"]] == ["".join(row) for row in djangos["results"]]
    assert "".join(ours["results"][0]) in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["", "?status__exact=on_track", "?q=audit", "?due_date__year=2026", "?due_date__year=2026&due_date__month=6"],
)
def test_the_year_links_are_the_ones_django_writes(client, staff_lead, plan, query):
    client.force_login(staff_lead)
    cl = page(client, query).context["cl"]
    assert cl.date_hierarchy_context == date_hierarchy(cl)


def test_a_list_within_one_year_opens_at_its_months_as_django_does(client, staff_lead):
    ActionFactory(authority=staff_lead.authority, due_date=dt.date(2026, 2, 27))
    ActionFactory(authority=staff_lead.authority, due_date=dt.date(2026, 5, 31))
    client.force_login(staff_lead)
    cl = page(client).context["cl"]
    assert cl.date_hierarchy_context == date_hierarchy(cl)
    assert [choice["title"] for choice in cl.date_hierarchy_context["choices"]] == ["February 2026", "May 2026"]


def test_the_lead_sees_the_columns_filters_search_years_and_sorting(client, staff_lead, plan):
    client.force_login(staff_lead)
    text = page(client).content.decode()
    for heading in ("Title", "Owner", "Due date", "Status", "Progress", "Theme"):
        assert f">{heading}</a>" in text  # each column sorts
    for title in ("status", "theme", "plan", "owner"):
        assert f"By {title}" in text
    assert 'name="q"' in text  # the search box
    for year in (2025, 2026, 2027):
        assert f'href="?due_date__year={year}"' in text
    assert "Head of &quot;Quality&quot; (Sam O&#x27;Neill)" in text  # in the owner filter and the rows
    assert "Front door &amp; &lt;MASH&gt;" in text
    assert "4 actions" in text


def test_the_filters_years_and_count_follow_the_plan_as_it_changes(client, staff_lead, plan):
    client.force_login(staff_lead)
    page(client)  # what the list shows is now kept
    owner = staff_lead.authority.owners.get(person_name="Sam O'Neill")
    owner.person_name = "Alex Morgan"
    owner.save()
    ThemeFactory(plan=plan, number=2, title="Placement sufficiency")
    ActionFactory(authority=staff_lead.authority, plan=plan, owner=owner, due_date=dt.date(2028, 3, 31))
    text = page(client).content.decode()
    assert "Alex Morgan" in text and "Sam O&#x27;Neill" not in text
    assert "Theme 2: Placement sufficiency" in text
    assert 'href="?due_date__year=2028"' in text
    assert "5 actions" in text
    filtered = page(client, "?status__exact=off_track").content.decode()
    assert "1 action" in filtered and "5 actions" not in filtered


def test_each_council_sees_its_own_filters_years_and_count(client, staff_lead, plan, other_authority):
    theirs = PlanFactory(authority=other_authority, title="Elsewhere plan")
    ActionFactory(
        authority=other_authority,
        plan=theirs,
        theme=ThemeFactory(plan=theirs, title="Elsewhere theme"),
        owner=OwnerFactory(authority=other_authority, role_title="Elsewhere Director"),
        due_date=dt.date(2031, 1, 31),
    )
    their_lead = UserFactory(authority=other_authority, role="Improvement lead", is_staff=True)
    client.force_login(their_lead)
    assert "Elsewhere theme" in page(client).content.decode()  # their lists are kept first
    client.force_login(staff_lead)
    text = page(client).content.decode()
    assert "Elsewhere" not in text
    assert "2031" not in text
    assert "4 actions" in text


def test_a_superuser_keeps_djangos_filters_and_sees_every_council(client, admin_user, plan, other_authority):
    ActionFactory(authority=other_authority, title="Theirs: recruit social workers", due_date=dt.date(2031, 1, 31))
    client.force_login(admin_user)
    text = page(client).content.decode()
    assert "Theirs: recruit social workers" in text
    assert "5 actions" in text
    assert 'href="?due_date__year=2031"' in text


def test_the_groups_and_sign_in_records_are_for_superusers_only(client, staff_lead, admin_user):
    client.force_login(staff_lead)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Actions" in index
    for name in ("Groups", "Users", "Access attempts"):
        assert f">{name}</a>" not in index
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    client.force_login(admin_user)
    index = client.get(reverse("admin:index")).content.decode()
    for name in ("Groups", "Users", "Access attempts"):
        assert f">{name}</a>" in index
    # django-axes' own rule still holds: nobody adds a sign-in record by hand
    assert reverse("admin:axes_accessattempt_add") not in index
