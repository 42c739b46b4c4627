"""Sign-in and password-reset throttles, session expiry after inactivity, and the headers
every signed-in response carries."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory

OFFICE = "203.0.113.10"  # one NAT address for a whole council office


@pytest.fixture
def manager(authority):
    return UserFactory(authority=authority, role="Manager", username="manager", email="manager@example.gov.uk")


def sign_in(client, username, password, address=OFFICE):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_for_made_up_usernames_do_not_lock_out_the_office(client, manager):
    for n in range(6):
        assert sign_in(client, f"nobody{n}", "wrong").status_code == 200
    response = sign_in(client, "manager", PASSWORD)
    assert response.status_code == 302, "a colleague's mistakes locked out the whole address"


def test_one_username_from_one_address_is_locked_but_not_from_another(client, manager):
    for _ in range(5):
        sign_in(client, "manager", "wrong")
    locked = sign_in(client, "manager", PASSWORD)
    assert locked.status_code == 429
    assert "Wait 15 minutes, then try again" in locked.content.decode()
    assert sign_in(client, "manager", PASSWORD, address="198.51.100.7").status_code == 302


def test_the_last_tries_before_the_lock_are_warned(client, manager):
    for _ in range(2):
        page = sign_in(client, "manager", "wrong").content.decode()
        assert "more tr" not in page
    assert "You have 2 more tries before signing in as manager from this address is locked for 15 minutes" in (
        sign_in(client, "manager", "wrong").content.decode()
    )
    assert "You have 1 more try" in sign_in(client, "manager", "wrong").content.decode()


def test_password_spraying_one_username_from_many_addresses_is_locked_for_an_hour(client, manager, settings):
    for n in range(settings.SIGN_IN_USERNAME_FAILURE_LIMIT):
        assert sign_in(client, "manager", "wrong", address=f"198.51.100.{n + 1}").status_code == 200
    response = sign_in(client, "manager", PASSWORD, address="192.0.2.99")
    assert response.status_code == 429
    assert "Wait 1 hour, then try again" in response.content.decode()
    assert sign_in(client, "someone-else", "wrong", address="192.0.2.99").status_code == 200


def test_password_reset_is_throttled_per_address(client, manager, settings):
    for n in range(settings.PASSWORD_RESET_ADDRESS_LIMIT):
        response = client.post(reverse("password_reset"), {"email": f"person{n}@example.gov.uk"}, REMOTE_ADDR=OFFICE)
        assert response.status_code == 302
    response = client.post(reverse("password_reset"), {"email": "manager@example.gov.uk"}, REMOTE_ADDR=OFFICE)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many requests to reset a password" in page and "Wait 15 minutes" in page
    assert mail.outbox == []


def test_password_reset_is_throttled_per_email_from_any_address(client, manager, settings):
    for n in range(settings.PASSWORD_RESET_EMAIL_LIMIT):
        client.post(reverse("password_reset"), {"email": "manager@example.gov.uk"}, REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert len(mail.outbox) == settings.PASSWORD_RESET_EMAIL_LIMIT
    response = client.post(reverse("password_reset"), {"email": "Manager@Example.gov.uk"}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 429
    assert "Wait 1 hour" in response.content.decode()
    assert len(mail.outbox) == settings.PASSWORD_RESET_EMAIL_LIMIT


def test_a_session_ends_after_30_minutes_without_a_request(client, manager):
    signed_in = sign_in(client, "manager", PASSWORD)
    assert signed_in.status_code == 302
    assert signed_in.cookies["sessionid"]["max-age"] == 30 * 60
    assert client.get(reverse("my_actions")).status_code == 200
    session = Session.objects.get()
    assert session.expire_date > timezone.now() + dt.timedelta(minutes=29)
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))  # 30 idle minutes later
    response = client.get(reverse("my_actions"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_a_request_a_minute_or_more_after_the_last_moves_the_idle_expiry_on(client, manager):
    sign_in(client, "manager", PASSWORD)
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert client.get(reverse("my_actions")).status_code == 200  # within the minute: no session write
    assert Session.objects.get().expire_date < timezone.now() + dt.timedelta(minutes=2)
    session = client.session
    session["_seen"] -= 61  # as if the last request was just over a minute ago
    session.save()
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert client.get(reverse("my_actions")).status_code == 200
    assert Session.objects.get().expire_date > timezone.now() + dt.timedelta(minutes=29)


def test_signed_in_pages_are_private_and_not_stored_and_sign_in_has_a_strict_policy(client, manager):
    sign_in_page = client.get(reverse("login"))
    policy = sign_in_page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert "<script>" not in sign_in_page.content.decode()
    client.force_login(manager)
    response = client.get(reverse("my_actions"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
