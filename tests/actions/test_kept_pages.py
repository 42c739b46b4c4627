"""The lists and the action page keep what they show in the plan cache, per viewer: a second visit reads
almost nothing, and no visit ever shows a plan older than the database's or another person's page."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement.models import Action, ActionStatus, Reminder, ReminderKind
from tests.actions.conftest import TODAY
from tests.actions.test_pages import shown_rows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), _page(response)


def _page(response) -> str:
    """The page as its reader sees it, without the per-request CSRF token and script nonce."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def _status_text(client, action) -> str:
    html = client.get(reverse("my_actions")).content.decode()
    row = re.search(rf'data-action-id="{action.pk}".*?</tr>', html, re.S).group(0)
    return re.sub(r"<[^>]+>", " ", row)


@pytest.mark.parametrize("url_name", ["my_actions", "action_list"])
def test_a_second_visit_to_a_list_reads_less_and_shows_the_same(client, manager, actions, today, url_name):
    client.force_login(manager)
    url = reverse(url_name) + "?page=1"
    cold, first = _queries(client, url)
    warm, second = _queries(client, url)
    assert second == first and "Train staff on thresholds" in second
    assert warm < cold - 2, f"{warm} queries on a second visit, {cold} on the first"
    with override_settings(PLAN_CACHE_SECONDS=0):
        assert _queries(client, url)[1] == first  # what the cache keeps is what the page shows without it


def test_a_list_shows_an_update_by_someone_else_at_once(client, manager, lead, actions, today):
    soon = actions["soon"]
    client.force_login(manager)
    assert "On track" in _status_text(client, soon)
    client.force_login(lead)
    response = client.post(
        reverse("action_update", args=[soon.pk]),
        {"status": ActionStatus.OFF_TRACK, "progress": "10", "note": "Trainer left", "version": soon.version},
    )
    assert response.status_code == 302
    client.force_login(manager)
    assert "Off track" in _status_text(client, soon)
    Action.objects.filter(pk=soon.pk).update(title="Train every team on thresholds")  # written behind the app's back
    assert "Train every team on thresholds" in shown_rows(client.get(reverse("my_actions")))


def test_my_actions_rows_are_never_shared_between_people(client, manager, actions, authority, today):
    """Two managers of one council asking for the same URL each see their own actions."""
    client.force_login(manager)
    assert "Train staff on thresholds" in shown_rows(client.get(reverse("my_actions")))
    stranger = UserFactory(authority=authority, role="Manager", username="manager-nobody")
    client.force_login(stranger)
    page = client.get(reverse("my_actions"))
    assert shown_rows(page) == [] and "You have no actions" in page.content.decode()


def test_a_superusers_list_spans_councils_and_is_not_kept(client, actions, foreign_action, today):
    root = UserFactory(authority=None, username="root-user", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert "Another council's action" in shown_rows(client.get(reverse("action_list")))
    Action.objects.filter(pk=foreign_action.pk).update(title="Renamed elsewhere")
    assert "Renamed elsewhere" in shown_rows(client.get(reverse("action_list")))


def test_a_second_visit_to_the_action_page_reads_less_and_shows_the_same(client, manager, actions, today):
    client.force_login(manager)
    url = reverse("action_detail", args=[actions["soon"].pk])
    cold, first = _queries(client, url)
    warm, second = _queries(client, url)
    assert second == first and "Add an update" in second and "Train staff on thresholds" in second
    assert warm < cold - 2, f"{warm} queries on a second visit, {cold} on the first"
    cache.clear()
    assert _queries(client, url)[0] == cold


def test_the_action_page_shows_a_saved_update_and_its_history_at_once(client, manager, actions, today):
    soon = actions["soon"]
    client.force_login(manager)
    url = reverse("action_detail", args=[soon.pk])
    assert "Trainer booked for March" not in client.get(url).content.decode()
    client.post(
        reverse("action_update", args=[soon.pk]),
        {"status": ActionStatus.AT_RISK, "progress": "40", "note": "Trainer booked for March", "version": 1},
    )
    html = client.get(url).content.decode()
    assert "Trainer booked for March" in html and "40% done" in html
    soon.refresh_from_db()
    assert f'name="version" value="{soon.version}"' in html  # the form starts from the version just saved


def test_the_action_pages_reminders_are_always_live(client, manager, actions, today):
    """Reminders are written by the nightly sweep, not by a change to the plan: they show at once."""
    soon = actions["soon"]
    client.force_login(manager)
    url = reverse("action_detail", args=[soon.pk])
    assert "No reminders have been sent about this action" in client.get(url).content.decode()
    Reminder.objects.create(
        action=soon, kind=ReminderKind.choices[0][0], due_on=TODAY + dt.timedelta(days=5), recipient="fd@example.gov.uk"
    )
    assert "fd@example.gov.uk" in client.get(url).content.decode()


def test_each_viewer_sees_only_what_they_may_do_on_a_kept_action_page(client, lead, manager, scrutiny, actions, today):
    url = reverse("action_detail", args=[actions["soon"].pk])
    client.force_login(lead)
    lead_page = client.get(url).content.decode()
    assert "Change the action&#x27;s details" in lead_page or "Change the action's details" in lead_page
    client.force_login(manager)
    manager_page = client.get(url).content.decode()
    assert "Add an update" in manager_page and "Change the action" not in manager_page
    client.force_login(scrutiny)
    scrutiny_page = client.get(url).content.decode()
    assert "You can read this action but not change it" in scrutiny_page and "Change the action" not in scrutiny_page
    assert "Train staff on thresholds" in scrutiny_page


def test_a_kept_action_page_is_still_not_found_in_another_council(client, manager, actions, foreign_action, today):
    client.force_login(manager)
    assert client.get(reverse("action_detail", args=[actions["soon"].pk])).status_code == 200
    assert client.get(reverse("action_detail", args=[foreign_action.pk])).status_code == 404
    Action.objects.filter(pk=actions["soon"].pk).delete()
    assert client.get(reverse("action_detail", args=[actions["soon"].pk])).status_code == 404


def test_the_update_form_on_a_kept_action_page_carries_this_visits_own_csrf_token(manager, actions, today):
    """The form is kept with the page, but a CSRF token never is: each visit's form can be sent."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    soon = actions["soon"]
    url = reverse("action_detail", args=[soon.pk])
    tokens = []
    for _ in range(2):
        html = client.get(url).content.decode()
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
        assert "CSRF token -->" not in html
    assert tokens[0] != tokens[1]  # the second page came from the cache, with its own token
    sent = client.post(
        reverse("action_update", args=[soon.pk]),
        {
            "csrfmiddlewaretoken": tokens[1],
            "status": ActionStatus.AT_RISK,
            "progress": "20",
            "note": "Late",
            "version": 1,
        },
    )
    assert sent.status_code == 302
    refused = client.post(reverse("action_update", args=[soon.pk]), {"status": ActionStatus.AT_RISK, "version": 2})
    assert refused.status_code == 403


def test_a_form_sent_back_with_errors_is_drawn_afresh_on_a_kept_page(client, manager, actions, today):
    soon = actions["soon"]
    client.force_login(manager)
    url = reverse("action_detail", args=[soon.pk])
    client.get(url)
    client.get(url)  # kept
    response = client.post(reverse("action_update", args=[soon.pk]), {"status": "", "progress": "150", "version": 1})
    html = response.content.decode()
    assert response.status_code == 400 and "Progress must be 100 or less" in html and "Select the action" in html
    assert html.count('value="150"') == 1  # what they typed is kept in the form
    assert "Error:" not in client.get(url).content.decode()  # and the next visit is the plain page again
