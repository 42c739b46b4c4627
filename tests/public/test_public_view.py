"""The public view of a plan: off by default, switched on by the lead with a record, showing only
what may be public, cacheable by anyone."""

import csv
import io
import json

import pytest
from auditlog.models import LogEntry

from improvement.models import Publication, PublicView
from tests.factories import UserFactory
from tests.foundation.test_crawl import _crawl
from tests.public.conftest import PRIVATE, plan_url

pytestmark = pytest.mark.django_db


def _publish(client, lead, plan, measures=(), published=True, reason=""):
    client.force_login(lead)
    data = {"measures": [m.pk for m in measures], "reason": reason}
    if published:
        data["published"] = "true"
    response = client.post(f"/manage/plans/{plan.pk}/public/", data)
    client.logout()
    return response


def test_a_plan_is_private_until_its_lead_switches_the_public_page_on(client, councils):
    ours, plan, lead = councils["ours"], councils["plan"], councils["lead"]
    assert client.get(plan_url(ours, plan)).status_code == 404
    assert client.get(f"/public/{ours.slug}/").status_code == 404

    response = _publish(client, lead, plan, [councils["public_measure"]], reason="Agreed at Cabinet")
    assert response.status_code == 302

    page = client.get(plan_url(ours, plan))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Audit case files every month" in html
    assert "Head of Safeguarding" in html
    assert "31 October 2026" in html
    assert "Blue" in html and "Red" in html  # the evidenced action and the overdue one
    assert "Improve the quality of management oversight of casework." in html
    assert "1 of 2 actions complete" in html

    record = Publication.objects.get(plan=plan)
    assert record.by == lead and record.published
    assert record.measures == ["Case files audited as good"]
    assert record.reason == "Agreed at Cabinet"
    assert LogEntry.objects.get_for_object(PublicView.objects.get(plan=plan)).exists()

    client.force_login(lead)
    settings_page = client.get(f"/manage/plans/{plan.pk}/public/").content.decode()
    assert "Case files audited as good" in settings_page and "Agreed at Cabinet" in settings_page


def test_switching_the_page_off_is_recorded_and_the_page_is_gone(client, councils):
    ours, plan, lead = councils["ours"], councils["plan"], councils["lead"]
    _publish(client, lead, plan)
    assert client.get(plan_url(ours, plan)).status_code == 200
    _publish(client, lead, plan, published=False)
    for page in ("", "measures/", "inspections/", "actions.csv", "measures.csv", "plan.json"):
        assert client.get(plan_url(ours, plan, page)).status_code == 404, page
    assert [p.published for p in Publication.objects.filter(plan=plan).order_by("at", "id")] == [True, False]
    _publish(client, lead, plan, published=False)  # saving the same again records nothing
    assert Publication.objects.filter(plan=plan).count() == 2


def test_a_crawl_of_the_public_pages_finds_nothing_private(client, councils):
    ours, plan = councils["ours"], councils["plan"]
    _publish(client, councils["lead"], plan, [councils["public_measure"]])
    visited = []
    for url, html in _crawl(client, start=f"/public/{ours.slug}/"):
        visited.append(url)
        for secret in PRIVATE:
            assert secret not in html, (url, secret)
        assert "Signed in as" not in html
    assert {plan_url(ours, plan), plan_url(ours, plan, "measures/"), plan_url(ours, plan, "inspections/")} <= set(
        visited
    )
    for page in ("actions.csv", "measures.csv", "plan.json"):
        body = client.get(plan_url(ours, plan, page)).content.decode()
        for secret in PRIVATE:
            assert secret not in body, (page, secret)
    measures = client.get(plan_url(ours, plan, "measures/")).content.decode()
    assert "Case files audited as good" in measures and "<svg" in measures and "England 61%" in measures


def test_another_council_s_published_plan_is_not_found_under_our_name(client, councils):
    ours, theirs, their_plan = councils["ours"], councils["theirs"], councils["their_plan"]
    assert client.get(plan_url(theirs, their_plan)).status_code == 200
    assert client.get(plan_url(ours, their_plan)).status_code == 404
    assert client.get(plan_url(ours, councils["other_plan"])).status_code == 404


def test_public_pages_are_cacheable_by_anyone_but_private_to_someone_signed_in(client, councils):
    ours, plan = councils["ours"], councils["plan"]
    _publish(client, councils["lead"], plan)
    for page in ("", "actions.csv", "plan.json"):
        response = client.get(plan_url(ours, plan, page))
        parts = {p.strip() for p in response["Cache-Control"].split(",")}
        assert {"public", "max-age=900"} <= parts, page
    client.force_login(councils["lead"])
    parts = {p.strip() for p in client.get(plan_url(ours, plan))["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= parts and "public" not in parts


def test_open_data_carries_the_licence_and_only_public_columns(client, councils):
    ours, plan = councils["ours"], councils["plan"]
    _publish(client, councils["lead"], plan, [councils["public_measure"]])
    response = client.get(plan_url(ours, plan, "actions.csv"))
    assert "open-government-licence" in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # in due-date order within each theme
    assert [r["title"] for r in rows] == [
        "Recruit permanent team managers ([name removed] to report to [email address removed])",
        "Audit case files every month",
    ]
    assert rows[1]["owner_role"] == "Head of Safeguarding" and rows[0]["rating"] == "Red"
    measures = list(
        csv.DictReader(io.StringIO(client.get(plan_url(ours, plan, "measures.csv")).content.decode("utf-8-sig")))
    )
    assert [(r["measure"], r["date"], r["value"], r["england"]) for r in measures] == [
        ("Case files audited as good", "2026-06-30", "48.00", "60.00"),
        ("Case files audited as good", "2026-09-30", "55.00", "61.00"),
    ]
    document = json.loads(client.get(plan_url(ours, plan, "plan.json")).content)
    assert document["licence"]["name"] == "Open Government Licence v3.0"
    assert document["council"] == "Publicshire Council"
    assert document["themes"][0]["actions"][1]["owner_role"] == "Head of Safeguarding"
    assert document["inspections"][0]["judgements"]
    page = client.get(plan_url(ours, plan)).content.decode()
    assert "Open Government Licence" in page


def test_only_the_council_s_lead_may_publish(client, councils):
    plan = councils["plan"]
    for role in ("Manager", "Scrutiny member"):
        client.force_login(UserFactory(authority=councils["ours"], role=role))
        assert client.get(f"/manage/plans/{plan.pk}/public/").status_code == 403
        assert client.post(f"/manage/plans/{plan.pk}/public/", {"published": "true"}).status_code == 403
    client.force_login(councils["their_lead"])
    assert client.post(f"/manage/plans/{plan.pk}/public/", {"published": "true"}).status_code == 404
    assert not Publication.objects.filter(plan=plan).exists()


def test_a_measure_of_another_council_is_refused_and_nothing_is_published(client, councils):
    from tests.factories import MeasureFactory

    foreign = MeasureFactory(authority=councils["theirs"], name="Their measure")
    client.force_login(councils["lead"])
    response = client.post(
        f"/manage/plans/{councils['plan'].pk}/public/", {"published": "true", "measures": [foreign.pk]}
    )
    assert response.status_code == 400
    assert "Choose measures from your council" in response.content.decode()
    assert not Publication.objects.filter(plan=councils["plan"]).exists()
    assert client.get(plan_url(councils["ours"], councils["plan"])).status_code == 404


def test_the_public_pages_read_a_fixed_number_of_queries(client, councils, django_assert_max_num_queries):
    ours, plan = councils["ours"], councils["plan"]
    _publish(client, councils["lead"], plan, [councils["public_measure"], councils["private_measure"]])
    for page, ceiling in (("", 8), ("measures/", 10), ("inspections/", 6)):
        with django_assert_max_num_queries(ceiling):
            assert client.get(plan_url(ours, plan, page)).status_code == 200


def test_the_public_pages_read_the_same_number_of_queries_at_ten_times_the_data(client, councils):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import (
        ActionFactory,
        InspectionFactory,
        MeasureFactory,
        MeasureValueFactory,
        RecommendationFactory,
    )

    ours, plan = councils["ours"], councils["plan"]
    measures = [councils["public_measure"]]
    _publish(client, councils["lead"], plan, measures)

    def counts():
        found = {}
        for page in ("", "measures/", "inspections/", "plan.json"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(plan_url(ours, plan, page)).status_code == 200
            found[page] = len(queries)
        return found

    small = counts()
    theme = plan.themes.first()
    for n in range(20):
        rec = RecommendationFactory(authority=ours, theme=theme)
        ActionFactory(authority=ours, plan=plan, theme=theme, title=f"More work {n}").recommendations.add(rec)
        day = dt.date(2025, 6, 1) + dt.timedelta(days=n)
        InspectionFactory(
            authority=ours,
            kind="monitoring_visit",
            start_date=day,
            end_date=day,
            overall_judgement="",
            report_published=None,
        )
    for n in range(9):
        m = MeasureFactory(authority=ours, name=f"Another measure {n}")
        MeasureValueFactory(measure=m, date=dt.date(2026, 6, 30), value=n)
        measures.append(m)
    _publish(client, councils["lead"], plan, measures)
    assert counts() == small
