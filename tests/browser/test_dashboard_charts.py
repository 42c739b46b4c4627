"""The dashboard's charts as each role sees them, at desktop (1280 px) and phone (390 px) widths, checked by axe.

Also the pages this work added or restyled: Authority settings, the account page and the 403 page."""

import pytest
from django.core.management import call_command

from improvement import roles
from improvement.models import Action, ProgressUpdate
from tests.actions.conftest import ensure_role_groups
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import AuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = [1280, 390]


@pytest.fixture
def council():
    ensure_role_groups()
    authority = AuthorityFactory(name="Chartshire Council")
    call_command("generate_demo", "--into", "Chartshire Council", "--actions-per-authority", "40", verbosity=0)
    users = {role: UserFactory(authority=authority, role=role) for role in roles.ALL}
    return authority, users


def fits(page, width) -> bool:
    """Nothing makes the page scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", roles.ALL)
def test_the_dashboard_charts_are_accessible_for_each_role_and_width(page, live_server, council, role, width):
    _, users = council
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, users[role])
    page.goto(f"{live_server.url}/dashboard/")
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 3
    for name in ("Actions by BRAG rating, by theme", "Red and overdue actions over the last 12 months"):
        assert page.get_by_role("img", name=name).count() == 1
    assert page.get_by_text("since the last committee").count() >= 1
    assert fits(page, width)
    if width == 1280:  # the menu fits one row for every role
        rows = page.evaluate(
            "new Set([...document.querySelectorAll('.govuk-service-navigation__item')].map(li => li.offsetTop)).size"
        )
        assert rows == 1
    assert page.get_by_text("This is a new service").is_visible()  # the phase banner
    assert_accessible(page)
    # The data behind the first chart is one click away, and its table scrolls inside its own box.
    page.get_by_text("Show the data").first.click()
    table = page.get_by_role("region", name="Actions by BRAG rating, by theme").get_by_role("table")
    assert table.is_visible()
    assert fits(page, width)
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_settings_account_and_refusal_pages_are_accessible(page, live_server, council, width):
    authority, users = council
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, users[roles.IMPROVEMENT_LEAD])
    page.goto(f"{live_server.url}/manage/settings/")
    assert_accessible(page)
    page.get_by_label("Days before the due date to send a reminder").fill("14, soon")
    page.get_by_role("button", name="Save reminder settings").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert fits(page, width)
    assert_accessible(page)
    page.goto(f"{live_server.url}/account/")
    assert_accessible(page)
    page.get_by_label("No, only tell me when an action I manage is escalated").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("You will get no reminder emails, only escalations").is_visible()
    page.context.clear_cookies()
    sign_in(page, live_server, users[roles.SCRUTINY_MEMBER])
    response = page.goto(f"{live_server.url}/manage/settings/")
    assert response.status == 403
    assert page.get_by_text("Only an improvement lead can change the council's settings").is_visible()
    assert page.get_by_role("link", name="Go to your home page").is_visible()
    assert fits(page, width)
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_unbroken_note_does_not_widen_the_page(page, live_server, council, width):
    authority, users = council
    action = Action.objects.filter(authority=authority).order_by("pk").first()
    ProgressUpdate.objects.create(
        action=action, kind="progress", status=action.status, progress=action.progress, note="x" * 10_000
    )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, users[roles.IMPROVEMENT_LEAD])
    page.goto(f"{live_server.url}/actions/{action.pk}/")
    assert fits(page, width)
