"""Every kind of page, as each role that can open it, checked by axe-core in Chromium (WCAG 2.2 A and AA).

The demo data (a generated plan) gives each page real content; error states (a bad date in
the GOV.UK date input, a missing field) are checked too, since they add error summaries
and fieldsets.
"""

import pytest
from django.core.management import call_command

from improvement import roles
from improvement.models import Action, Measure
from tests.actions.conftest import ensure_role_groups
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council():
    ensure_role_groups()
    authority = AuthorityFactory(name="Axeshire Council")
    call_command("generate_demo", "--into", "Axeshire Council", "--actions-per-authority", "30", verbosity=0)
    users = {role: UserFactory(authority=authority, role=role) for role in roles.ALL}
    return authority, users


def _pages(authority, role):
    action = Action.objects.filter(authority=authority).order_by("pk").first()
    measure = Measure.objects.filter(authority=authority).order_by("pk").first()
    every_role = [
        "/",
        "/actions/",
        f"/actions/{action.pk}/",
        "/dashboard/",
        "/recommendations/",
        "/measures/",
        f"/measures/{measure.pk}/",
        "/changes/",
        "/inspections/",
        "/pack/",
    ]
    if role == roles.SCRUTINY_MEMBER:
        return every_role
    if role == roles.MANAGER:
        return every_role + ["/my-actions/"]
    return every_role + [
        "/my-actions/",
        "/actions/new/",
        f"/actions/{action.pk}/edit/",
        "/actions/upload/",
        "/manage/",
        "/manage/owners/new/",
        "/manage/themes/new/",
        "/manage/recommendations/new/",
        "/manage/measures/new/",
        f"/manage/measures/{measure.pk}/values/",
        "/imports/",
    ]


@pytest.mark.parametrize("role", roles.ALL)
def test_every_page_a_role_can_open_has_no_wcag_violation(page, live_server, council, role):
    authority, users = council
    sign_in(page, live_server, users[role])
    for path in _pages(authority, role):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert_accessible(page)


def test_error_states_of_forms_have_no_wcag_violation(page, live_server, council):
    authority, users = council
    sign_in(page, live_server, users[roles.IMPROVEMENT_LEAD])
    measure = Measure.objects.filter(authority=authority).order_by("pk").first()
    page.goto(f"{live_server.url}/manage/measures/{measure.pk}/values/")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Value", exact=True).fill("lots")
    page.get_by_role("button").filter(has_text="value").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("The date must be a real date").first.is_visible()
    assert page.get_by_text("The value must be a number").first.is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/actions/new/")
    page.get_by_role("button").filter(has_text="action").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("There is a problem").first.is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/dashboard/?due_from-day=40&due_from-month=1&due_from-year=2026")
    assert page.get_by_text("The date must be a real date").first.is_visible()
    assert_accessible(page)


def test_the_pages_of_someone_with_no_council_of_their_own_have_no_wcag_violation(page, live_server, council):
    """A regional adviser and a superuser read councils from the region view: it, and each council page with its
    "You are viewing ... Choose another council" line, pass axe-core as the council roles' pages do."""
    from django.contrib.auth.models import Group

    from improvement.models import AdviserGrant

    authority, _users = council
    adviser = UserFactory(authority=None, username="axe-adviser")
    adviser.groups.add(Group.objects.get_or_create(name=roles.REGIONAL_ADVISER)[0])
    AdviserGrant.objects.create(user=adviser, authority=authority)
    root = UserFactory(authority=None, username="axe-root", is_superuser=True, is_staff=True)
    measure = Measure.objects.filter(authority=authority).order_by("pk").first()
    paths = ["/region/", "/dashboard/", "/measures/", f"/measures/{measure.pk}/", "/changes/", "/pack/", "/actions/"]
    for who in (adviser, root):
        page.context.clear_cookies()
        sign_in(page, live_server, who)
        for path in paths:
            response = page.goto(
                f"{live_server.url}{path}{'?authority=' + authority.slug if path != '/region/' else ''}"
            )
            assert response.status == 200, (who.username, path)
            if path == "/dashboard/":
                assert page.get_by_role("link", name="Choose another council").is_visible()
            assert_accessible(page)
