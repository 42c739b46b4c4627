"""The region view: who may open it, what each council's row says, sorting, filters and bad input."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement import statutory
from improvement.models import Action, ActionStatus, Authority
from improvement.selectors.region import region_rows
from tests.dashboards.conftest import build_plan
from tests.factories import ActionFactory, AuthorityFactory

pytestmark = pytest.mark.django_db


def council_names(response) -> list[str]:
    """The councils in the table, in the order shown."""
    html = response.content.decode()
    return re.findall(r'<th scope="row" class="govuk-table__header">\s*<a [^>]*>([^<]+)<span', html)


def test_an_adviser_sees_only_the_councils_granted_with_their_figures(client, region):
    client.force_login(region["adviser"])
    response = client.get(reverse("region_overview"))
    assert response.status_code == 200
    assert council_names(response) == ["Eastshire Borough Council", "Northshire County Council"]
    html = response.content.decode()
    assert "Westshire" not in html
    assert "Requires improvement to be good" in html
    assert "12 January 2027" in html  # the next monitoring visit
    due = statutory.action_plan_due(report_published=dt.date(2025, 5, 9))
    assert f"{due.day} {due:%B %Y}" in html
    assert "cannot change anything" in html


def test_a_superuser_sees_every_council(client, region):
    client.force_login(region["superuser"])
    response = client.get(reverse("region_overview"))
    assert council_names(response) == ["Eastshire Borough Council", "Northshire County Council", "Westshire Council"]


@pytest.mark.parametrize("who", ["lead", "manager"])
def test_people_in_a_council_are_refused_the_region_view(client, region, who):
    client.force_login(region[who])
    assert client.get(reverse("region_overview")).status_code == 403


def test_sorting_by_overdue_puts_the_council_with_most_overdue_first(client, region):
    east = region["east"]
    for n in range(3):
        ActionFactory(authority=east, title=f"Late {n}", due_date=region["today"] - dt.timedelta(days=5 + n))
    client.force_login(region["adviser"])
    by_name = council_names(client.get(reverse("region_overview")))
    by_overdue = council_names(client.get(reverse("region_overview"), {"sort": "overdue"}))
    assert by_name == ["Eastshire Borough Council", "Northshire County Council"]
    assert by_overdue == ["Eastshire Borough Council", "Northshire County Council"]
    Action.objects.filter(authority=east, due_date__lt=region["today"]).update(status=ActionStatus.COMPLETE)
    for n in range(2):
        ActionFactory(
            authority=region["north"], title=f"North late {n}", due_date=region["today"] - dt.timedelta(days=3)
        )
    assert council_names(client.get(reverse("region_overview"), {"sort": "overdue"})) == [
        "Northshire County Council",
        "Eastshire Borough Council",
    ]
    overdue_only = client.get(reverse("region_overview"), {"overdue": "true"})
    assert council_names(overdue_only) == ["Northshire County Council"]


def test_filters_by_name_and_judgement(client, region):
    client.force_login(region["adviser"])
    assert council_names(client.get(reverse("region_overview"), {"name": "north"})) == ["Northshire County Council"]
    none = client.get(reverse("region_overview"), {"judgement": "inadequate"})
    assert council_names(none) == []
    assert "No council matches these filters." in none.content.decode()
    some = client.get(reverse("region_overview"), {"judgement": "requires_improvement"})
    assert len(council_names(some)) == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [({"sort": "cheapest"}, "Sort by"), ({"judgement": "splendid"}, "Latest judgement"), ({"overdue": "maybe"}, None)],
)
def test_bad_filter_input_is_an_error_message_not_a_failure(client, region, params, field):
    client.force_login(region["adviser"])
    response = client.get(reverse("region_overview"), params)
    assert response.status_code == 200
    html = response.content.decode()
    if field:
        assert "There is a problem with the filters" in html
        assert f"{field}: Select a valid choice" in html
    # the bad value is ignored: both councils are still listed, by name
    assert council_names(response) == ["Eastshire Borough Council", "Northshire County Council"]


def test_the_selector_runs_the_same_queries_for_two_councils_as_for_eight(region):
    def count(authorities):
        with CaptureQueriesContext(connection) as queries:
            rows = region_rows(authorities=authorities, today=region["today"], sort="red")
        return len(queries), len(rows)

    small = count(Authority.objects.filter(pk__in=[region["north"].pk, region["east"].pk]))
    for n in range(6):
        council = AuthorityFactory(name=f"Extra {n} Council")
        build_plan(council, n_actions=10 + 5 * n, tag=f"Extra{n}")
    large = count(Authority.objects.all())
    assert small[1] == 2
    assert large[1] == 9
    # councils, their plan versions, actions, inspections, area grades, framework grades
    assert small[0] == large[0] == 6
    assert count(Authority.objects.all()) == (2, 9)  # kept: the councils and their versions only


def test_a_change_to_one_council_shows_at_once_and_only_it_is_counted_again(region):
    everyone = Authority.objects.all()
    first = {r.authority.pk: r.total for r in region_rows(authorities=everyone, today=region["today"])}
    north = region["north"]
    ActionFactory(authority=north, title="Added since")
    with CaptureQueriesContext(connection) as queries:
        rows = {r.authority.pk: r.total for r in region_rows(authorities=everyone, today=region["today"])}
    assert rows[north.pk] == first[north.pk] + 1
    assert {pk: n for pk, n in rows.items() if pk != north.pk} == {pk: n for pk, n in first.items() if pk != north.pk}
    counted = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counted) == 1 and f"IN ({north.pk})" in counted[0]


def test_the_page_runs_the_same_queries_at_two_sizes(client, region):
    client.force_login(region["superuser"])
    client.get(reverse("region_overview"))  # the session and the user are loaded once

    def count():
        cache.clear()  # each council's figures counted afresh: the worst case
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("region_overview"), {"sort": "statutory"}).status_code == 200
        return len(queries)

    small = count()
    for n in range(5):
        build_plan(AuthorityFactory(name=f"More {n} Council"), n_actions=20, tag=f"More{n}")
    assert count() == small
    assert small <= 10  # the session, the user, the councils, their versions (figures, rows), the figures, ...


def test_a_councils_kept_row_changes_at_once_when_its_plan_or_its_name_does(client, region):
    """Each council's row is written once and kept until its plan changes: a new action and a new name show
    on the next visit, and the other councils' rows, kept, stay as they were."""
    cache.clear()
    client.force_login(region["adviser"])

    def rows() -> dict[str, str]:
        html = client.get(reverse("region_overview")).content.decode()
        found = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', html, flags=re.S)
        named = [(re.search(r'dashboard/\?authority=[^"]+">([^<]+)<', row), row) for row in found]
        return {name.group(1): row for name, row in named if name}  # not the head row

    first = rows()
    assert set(first) == {"Northshire County Council", "Eastshire Borough Council"}
    north, east = region["north"], region["east"]
    ActionFactory(authority=north, title="Added since", due_date=region["today"] - dt.timedelta(days=3))
    Authority.objects.filter(pk=east.pk).update(name="Eastshire Council")
    second = rows()
    assert set(second) == {"Northshire County Council", "Eastshire Council"}
    totals = [
        re.findall(r'numeric">(?:<strong>)?(\d+)', r)
        for r in (first["Northshire County Council"], second["Northshire County Council"])
    ]
    assert int(totals[1][-2]) == int(totals[0][-2]) + 1  # the Actions column
    assert int(totals[1][-1]) == int(totals[0][-1]) + 1  # the Overdue column
    assert second["Eastshire Council"] == first["Eastshire Borough Council"].replace(
        "Eastshire Borough Council", "Eastshire Council"
    )
