"""The read API: what each endpoint answers, its council scoping, filters, pages, ETags and rate limit."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement import models
from tests.api.conftest import bearer, fill

pytestmark = pytest.mark.django_db

LISTS = [
    "api_plan_list",
    "api_theme_list",
    "api_recommendation_list",
    "api_action_list",
    "api_progress_update_list",
    "api_measure_list",
    "api_inspection_list",
    "api_document_list",
]


def test_an_action_comes_with_its_brag_reasons_owner_role_and_a_link_back(client, council):
    ours, _, users = council
    response = client.get(reverse("api_action_list"), **bearer(users["scrutiny"]))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == models.Action.objects.filter(authority=ours).count()
    first = body["results"][0]
    action = models.Action.objects.select_related("owner").get(pk=first["id"])
    assert first["title"] == action.title
    assert first["brag"]["rating"] in {"blue", "green", "amber", "red"}
    assert first["brag"]["reasons"]
    assert first["owner_role"] == (action.owner.role_title if action.owner else None)
    assert first["web_url"].endswith(reverse("action_detail", args=[action.pk]))
    assert "person_name" not in first and "email" not in first


def test_another_councils_records_never_appear_and_are_not_found(client, council):
    ours, theirs, users = council
    headers = bearer(users["other_lead"])
    for name in LISTS:
        body = client.get(reverse(name), **headers).json()
        assert body["count"] >= 0
        text = str(body)
        assert "Tokenshire" not in text
    ours_action = models.Action.objects.filter(authority=ours).first()
    assert client.get(reverse("api_action_detail", args=[ours_action.pk]), **headers).status_code == 404
    theirs_ids = {r["id"] for r in client.get(reverse("api_action_list"), **headers).json()["results"]}
    assert theirs_ids == set(models.Action.objects.filter(authority=theirs).values_list("pk", flat=True)[:50])
    # naming our council does not help
    assert client.get(reverse("api_action_list"), {"authority": ours.slug}, **headers).status_code == 404


def test_the_action_lists_filters_apply(client, council):
    ours, _, users = council
    headers = bearer(users["lead"])
    overdue = client.get(reverse("api_action_list"), {"overdue": "true"}, **headers).json()
    assert all(r["brag"]["rating"] == "red" for r in overdue["results"])
    status = client.get(reverse("api_action_list"), {"status": "at_risk"}, **headers).json()
    assert status["count"] == models.Action.objects.filter(authority=ours, status="at_risk").count()
    assert {r["status"] for r in status["results"]} <= {"at_risk"}
    due = client.get(reverse("api_action_list"), {"due_from": "2030-01-01"}, **headers).json()
    assert due["count"] == models.Action.objects.filter(authority=ours, due_date__gte="2030-01-01").count()


def test_a_filter_that_is_not_valid_is_a_400_that_names_it(client, council):
    _, theirs, users = council
    headers = bearer(users["lead"])
    bad = client.get(reverse("api_action_list"), {"due_from": "not a date"}, **headers)
    assert bad.status_code == 400 and "due_from" in bad.json()
    their_theme = models.Theme.objects.filter(plan__authority=theirs).first()
    assert client.get(reverse("api_action_list"), {"theme": their_theme.pk}, **headers).status_code == 400
    assert client.get(reverse("api_progress_update_list"), {"action": "x"}, **headers).status_code == 400


def test_recommendations_carry_their_coverage(client, council):
    _, _, users = council
    body = client.get(reverse("api_recommendation_list"), **bearer(users["lead"])).json()
    assert body["results"]
    for rec in body["results"]:
        assert rec["coverage"]["rating"] in {"none", "red", "amber", "green", "blue"}
        assert rec["coverage"]["reason"]


def test_measures_carry_their_values_and_benchmarks(client, council):
    ours, _, users = council
    value = models.MeasureValue.objects.filter(measure__authority=ours).first()
    value.england, value.region = 71, 69
    value.save()
    body = client.get(reverse("api_measure_detail", args=[value.measure_id]), **bearer(users["lead"])).json()
    shown = next(v for v in body["values"] if v["id"] == value.pk)
    assert shown["england"] == "71.00" and shown["region"] == "69.00"


def test_inspections_carry_a_grade_per_area(client, council):
    ours, _, users = council
    graded = models.InspectionJudgement.objects.filter(inspection__authority=ours).first()
    assert graded is not None, "the demo plan has a graded inspection"
    body = client.get(reverse("api_inspection_detail", args=[graded.inspection_id]), **bearer(users["lead"])).json()
    assert any(j["grade"] == graded.grade and j["area"] == graded.area_name for j in body["judgements"])


def test_documents_give_details_and_quotes_never_the_text(client, council):
    ours, _, users = council
    text = "The Committee AGREED that the Director will recruit ten social workers by March."
    document = models.SourceDocument.objects.create(authority=ours, filename="m.txt", sha256="a" * 64, text=text)
    action = models.Action.objects.filter(authority=ours).first()
    start = text.index("the Director")
    action.source_document, action.source_quote = document, text[start:]
    action.source_start, action.source_end = start, len(text)
    action.save()
    body = client.get(reverse("api_document_detail", args=[document.pk]), **bearer(users["lead"])).json()
    assert body["filename"] == "m.txt"
    assert "text" not in body
    assert body["quotes"] == [
        {"record": "action", "id": action.pk, "quote": text[start:], "start": start, "end": len(text)}
    ]


def test_progress_updates_filter_to_one_action(client, council):
    ours, _, users = council
    update = models.ProgressUpdate.objects.filter(action__authority=ours).first()
    body = client.get(reverse("api_progress_update_list"), {"action": update.action_id}, **bearer(users["lead"])).json()
    assert body["count"] == models.ProgressUpdate.objects.filter(action=update.action).count()
    assert {r["action"] for r in body["results"]} == {update.action_id}


def test_an_adviser_reads_a_granted_council_and_no_other(client, council):
    ours, theirs, _ = council
    from improvement import roles
    from tests.factories import UserFactory

    adviser = UserFactory(authority=None, role=roles.REGIONAL_ADVISER, username="t-adviser")
    models.AdviserGrant.objects.create(user=adviser, authority=ours)
    headers = bearer(adviser)
    body = client.get(reverse("api_action_list"), **headers).json()
    assert body["count"] == models.Action.objects.filter(authority=ours).count()
    assert client.get(reverse("api_action_list"), {"authority": ours.slug}, **headers).status_code == 200
    assert client.get(reverse("api_action_list"), {"authority": theirs.slug}, **headers).status_code == 404


def test_the_browser_session_reads_the_api_too(client, council):
    _, _, users = council
    client.force_login(users["manager"])
    assert client.get(reverse("api_plan_list")).status_code == 200
    client.logout()
    response = client.get(reverse("api_plan_list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_api_only_reads(client, council):
    _, _, users = council
    headers = bearer(users["lead"])
    action = models.Action.objects.filter(authority=users["lead"].authority).first()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(reverse("api_action_detail", args=[action.pk]), **headers)
        assert response.status_code == 405
    assert models.Action.objects.filter(pk=action.pk).exists()


def test_pages_page_through_everything_once(client, council):
    ours, _, users = council
    headers = bearer(users["lead"])
    seen, url = [], reverse("api_action_list") + "?page_size=5"
    while url:
        body = client.get(url, **headers).json()
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(models.Action.objects.filter(authority=ours).values_list("pk", flat=True))
    assert client.get(reverse("api_action_list"), {"page": 99}, **headers).status_code == 404


# Each list's query ceiling, a page of 50 (token, its last-used day, the role, the council and the
# change stamp come first; then the page and what it shows).
BUDGET = {
    "api_plan_list": 8,
    "api_theme_list": 8,
    "api_recommendation_list": 12,
    "api_action_list": 10,
    "api_progress_update_list": 8,
    "api_measure_list": 9,
    "api_inspection_list": 10,
    "api_document_list": 15,
}


def _queries(client, url, headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", LISTS)
def test_a_page_costs_the_same_queries_at_two_sizes(client, council, name):
    small, _, users = council
    lead = users["lead"]
    headers = bearer(lead)
    url = reverse(name) + "?page_size=50"
    before = _queries(client, url, headers)
    big = fill("Bigshire Council", 160)
    from improvement import roles
    from tests.factories import UserFactory

    big_lead = UserFactory(authority=big, role=roles.IMPROVEMENT_LEAD, username="b-lead")
    after = _queries(client, url, bearer(big_lead))
    assert (
        models.Action.objects.filter(authority=big).count() > 50 > models.Action.objects.filter(authority=small).count()
    )
    assert after == before, f"{name}: {before} queries for the small council, {after} for the big one"
    assert before <= BUDGET[name]


def test_etag_and_last_modified_answer_304_until_something_changes(client, council):
    ours, _, users = council
    headers = bearer(users["lead"])
    url = reverse("api_action_list")
    first = client.get(url, **headers)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    again = client.get(url, HTTP_IF_NONE_MATCH=etag, **headers)
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified, **headers).status_code == 304
    action = models.Action.objects.filter(authority=ours).first()
    action.progress = (action.progress + 7) % 100
    action.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag, **headers)
    assert changed.status_code == 200 and changed["ETag"] != etag


@override_settings(API_RATE_LIMIT="3/hour")
def test_each_token_is_rate_limited(client, council):
    _, _, users = council
    one, two = bearer(users["lead"], "one"), bearer(users["lead"], "two")
    url = reverse("api_plan_list")
    assert [client.get(url, **one).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url, **one)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get(url, **two).status_code == 200  # the limit is per token


def test_a_304_costs_fewer_queries_than_the_page(client, council):
    _, _, users = council
    headers = bearer(users["lead"])
    url = reverse("api_action_list")
    client.get(url, **headers)  # the token's last-used day is written once, on its first use today
    with CaptureQueriesContext(connection) as full:
        etag = client.get(url, **headers)["ETag"]
    with CaptureQueriesContext(connection) as cheap:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag, **headers).status_code == 304
    assert len(cheap) <= 6 < len(full)


def test_one_record_has_an_etag_too(client, council):
    ours, _, users = council
    headers = bearer(users["lead"])
    measure = models.Measure.objects.filter(authority=ours).first()
    url = reverse("api_measure_detail", args=[measure.pk])
    etag = client.get(url, **headers)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag, **headers).status_code == 304
