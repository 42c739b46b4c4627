"""Personal API tokens on the account page: made, shown once, kept only as a hash, revoked, last used."""

import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from improvement import models
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def _make(client, user, name="Weekly report"):
    client.force_login(user)
    return client.post(reverse("api_token_create"), {"name": name})


def test_a_token_is_shown_once_and_stored_only_as_its_hash(client, council):
    _, _, users = council
    response = _make(client, users["manager"])
    assert response.status_code == 200
    secret = response.context["new_secret"]
    assert secret.startswith("ict_") and secret in response.content.decode()
    token = models.ApiToken.objects.get(user=users["manager"])
    assert token.name == "Weekly report"
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(v) for v in models.ApiToken.objects.values_list(flat=False).get()]
    assert not any(secret in v for v in stored), "the secret itself is stored nowhere"
    page = client.get(reverse("account")).content.decode()
    assert secret not in page, "the account page never shows it again"
    assert "Weekly report" in page and f"ict_{token.prefix}" in page
    assert client.get(reverse("api_plan_list"), HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_a_token_with_no_name_is_an_error_on_the_field_and_nothing_is_saved(client, council):
    _, _, users = council
    response = _make(client, users["lead"], name="   ")
    assert response.status_code == 400
    assert "Enter what the token is for" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not models.ApiToken.objects.exists()


def test_a_revoked_token_is_refused(client, council):
    _, _, users = council
    secret = _make(client, users["lead"]).context["new_secret"]
    token = models.ApiToken.objects.get()
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    response = client.get(reverse("api_plan_list"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_no_one_revokes_anothers_token(client, council):
    _, _, users = council
    _make(client, users["lead"])
    token = models.ApiToken.objects.get()
    client.force_login(users["scrutiny"])
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_last_used_day_is_recorded(client, council):
    _, _, users = council
    headers = bearer(users["lead"])
    token = models.ApiToken.objects.get()
    assert token.last_used_on is None
    client.get(reverse("api_plan_list"), **headers)
    token.refresh_from_db()
    assert token.last_used_on == timezone.localdate()
    client.force_login(users["lead"])
    assert timezone.localdate().strftime("%B %Y") in client.get(reverse("account")).content.decode()


def test_a_wrong_token_or_a_deactivated_users_token_is_refused(client, council):
    _, _, users = council
    headers = bearer(users["lead"])
    url = reverse("api_plan_list")
    assert client.get(url, HTTP_AUTHORIZATION="Bearer ict_not-a-real-token").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer").status_code == 401
    users["lead"].is_active = False
    users["lead"].save()
    assert client.get(url, **headers).status_code == 401


def test_a_token_reads_as_its_users_council(client, council):
    ours, theirs, users = council
    ours_body = client.get(reverse("api_action_list"), **bearer(users["scrutiny"])).json()
    theirs_body = client.get(reverse("api_action_list"), **bearer(users["other_lead"])).json()
    assert ours_body["count"] == models.Action.objects.filter(authority=ours).count()
    assert theirs_body["count"] == models.Action.objects.filter(authority=theirs).count()
    assert not {r["id"] for r in ours_body["results"]} & {r["id"] for r in theirs_body["results"]}


def test_making_and_revoking_a_token_is_in_the_audit_trail(client, council):
    from auditlog.models import LogEntry

    _, _, users = council
    _make(client, users["lead"])
    token = models.ApiToken.objects.get()
    client.post(reverse("api_token_revoke", args=[token.pk]))
    entries = LogEntry.objects.get_for_object(token)
    assert entries.count() == 2
    assert all(e.actor_id == users["lead"].pk for e in entries)
    assert not any("key_hash" in (e.changes_dict or {}) for e in entries)
