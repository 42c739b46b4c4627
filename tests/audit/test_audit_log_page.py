"""The Audit log page (/audit/): the lead's council's changes in plain English, filtered and paginated."""

import datetime as dt
from html import unescape

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from improvement.services.audit import audit_context
from tests.factories import ActionFactory, OwnerFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("audit_log")
SENTENCE = (
    "Action 'Recruit social workers': due date 30 June 2026 \u2192 31 July 2026, by Sam Lead, "
    "reason: The recruitment drive slipped a month"
)


def test_the_lead_reads_who_changed_what_before_and_after_and_why(client, sam, moved):
    client.force_login(sam)
    response = client.get(URL)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Action 'Recruit social workers': due date 30 June 2026 \u2192 31 July 2026" in html
    assert "The recruitment drive slipped a month" in html and "Sam Lead" in html
    assert SENTENCE in [row.sentence for row in response.context["rows"]]


def test_a_superuser_reads_it_too(client, moved):
    root = UserFactory(authority=None, username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    response = client.get(URL)
    assert response.status_code == 200 and SENTENCE in [row.sentence for row in response.context["rows"]]


@pytest.mark.parametrize("who", ["manager", "scrutiny"])
def test_managers_and_scrutiny_members_may_not_read_it(client, request, who, moved):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 403
    assert "Recruit social workers" not in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, moved):
    response = client.get(URL)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_another_councils_changes_never_appear(client, sam, moved, other_authority):
    theirs = ActionFactory(authority=other_authority, title="Their secret action")
    other_lead = UserFactory(authority=other_authority, role="Improvement lead", username="their-lead")
    with audit_context(other_lead, "their own reason"):
        theirs.title = "Their renamed secret action"
        theirs.save()
    client.force_login(sam)
    html = unescape(client.get(URL, {"text": "secret"}).content.decode())
    assert "secret action" not in html and "their own reason" not in html
    html = unescape(client.get(URL).content.decode())
    assert "secret action" not in html
    # ... and their lead sees theirs, never ours.
    client.force_login(other_lead)
    html = unescape(client.get(URL).content.decode())
    assert "Their renamed secret action" in html and "Recruit social workers" not in html
    # Their lead is no choice in our "Who" list.
    client.force_login(sam)
    choices = client.get(URL).context["filterset"].form.fields["who"].queryset
    assert other_lead not in choices and sam in choices


def test_filters_by_kind_who_dates_and_words(client, sam, lead, moved, authority):
    owner = OwnerFactory(authority=authority, role_title="Head of Fostering")
    with audit_context(lead, "New postholder"):
        owner.person_name = "Jo Bloggs"
        owner.save()
    client.force_login(sam)

    def whats(**params):
        return [row.what for row in client.get(URL, params).context["rows"]]

    by_kind = whats(kind=LogEntry.objects.get_for_object(owner).first().content_type_id)
    assert by_kind and all(w.startswith("Owner") for w in by_kind)
    by_sam = whats(who=sam.pk)
    assert by_sam == ["Action 'Recruit social workers': due date 30 June 2026 \u2192 31 July 2026"]
    assert whats(text="postholder") == ["Owner 'Head of Fostering (Jo Bloggs)': person name none \u2192 Jo Bloggs"]
    assert whats(text="Bloggs")[0].startswith("Owner 'Head of Fostering")
    today = timezone.localdate()
    assert len(whats(**date_param("date_from", today)))
    assert whats(**date_param("date_from", today + dt.timedelta(days=1))) == []
    assert whats(**date_param("date_to", today - dt.timedelta(days=1))) == []


def date_param(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def test_a_date_that_is_not_a_date_is_a_govuk_error_and_that_filter_is_ignored(client, sam, moved):
    client.force_login(sam)
    response = client.get(URL, {"date_from-day": "31", "date_from-month": "2", "date_from-year": "2026"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the filters" in html and "The date must be a real date" in html
    assert "<title>Error: Audit log" in html
    assert SENTENCE in [row.sentence for row in response.context["rows"]]


def test_a_range_that_ends_before_it_starts_is_an_error(client, sam, moved):
    client.force_login(sam)
    html = client.get(
        URL,
        {
            "date_from-day": "2",
            "date_from-month": "3",
            "date_from-year": "2026",
            "date_to-day": "1",
            "date_to-month": "3",
            "date_to-year": "2026",
        },
    ).content.decode()
    assert "The end date must be the same as or after the start date" in html


def test_the_log_is_paginated_in_a_fixed_number_of_queries(client, sam, authority):
    def page_queries():
        client.force_login(sam)
        client.get(URL)  # warm the content-type cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        return len(queries), response

    owners = [OwnerFactory(authority=authority, role_title=f"Role {i}") for i in range(3)]
    small, _ = page_queries()
    with audit_context(sam, "bulk rename"):
        for i in range(80):
            owners[i % 3].person_name = f"Person {i}"
            owners[i % 3].save()
    large, response = page_queries()
    assert small == large
    assert len(response.context["rows"]) == 50
    assert "Showing 1 to 50 of" in response.content.decode()
    assert len(client.get(URL, {"page": 2}).context["rows"]) >= 33
