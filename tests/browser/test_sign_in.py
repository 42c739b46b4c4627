import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_page_is_accessible_and_a_wrong_password_is_explained(page, live_server):
    page.goto(f"{live_server.url}/sign-in/")
    assert_accessible(page)
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)


def test_a_user_signs_in_and_out(page, live_server, authority):
    user = UserFactory(authority=authority, username="newcomer")
    sign_in(page, live_server, user)
    assert page.get_by_text("Signed in as").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("heading", name="Sign in").is_visible()
