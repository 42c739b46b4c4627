import datetime as dt
import re

import pytest
from django.urls import reverse

from improvement import charts
from improvement.selectors.measures import direction_of_travel, measures_for_authority
from tests.dashboards.conftest import TODAY
from tests.factories import MeasureFactory, MeasureValueFactory

pytestmark = pytest.mark.django_db


def test_latest_value_against_target_with_direction_and_numbers(plan, authority):
    (m,) = measures_for_authority(authority=authority, today=TODAY)
    assert m.latest_value == 62 and m.latest_date == dt.date(2026, 10, 1)
    assert (m.latest_numerator, m.latest_denominator) == (31, 50)
    assert m.latest_england == 78
    assert m.previous_value == 50
    assert m.rating == "red"  # 18 short of 80, beyond the tolerance of 10
    assert m.travel.direction == "improving"
    assert [v.value for v in m.trend] == [50, 62]


def test_direction_of_travel_follows_polarity():
    assert direction_of_travel(latest=18, previous=20, polarity="lower", unit="cases").direction == "improving"
    assert direction_of_travel(latest=22, previous=20, polarity="lower").direction == "worsening"
    assert direction_of_travel(latest=20, previous=20, polarity="higher").direction == "no change"
    assert direction_of_travel(latest=20, previous=None, polarity="higher").direction == ""


def test_measures_page_shows_value_target_numbers_benchmarks_chart_and_table(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = client.get(reverse("measures")).content.decode()
    assert "62%</strong> on 1 October 2026" in html
    assert "(31 of 50)" in html
    assert "England 78%" in html
    assert "Improving: up from 50%" in html
    m = plan["measure"]
    svg = re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0)
    assert 'role="img"' in svg
    assert f'aria-labelledby="measure-{m.pk}-chart-title measure-{m.pk}-chart-desc"' in svg
    assert f'<title id="measure-{m.pk}-chart-title">' in svg
    assert "<desc" in svg and "latest 62%" in svg
    # The numbers are beside the chart, in a table.
    table = html[html.index("</svg>") :]
    assert "<table" in table and "1 March 2026" in table and "50%" in table and "25 of 50" in table
    # The figure from the minutes links to its quote.
    assert f"/documents/{plan['doc'].pk}/#q20" in html


def test_measure_detail_lists_the_actions_it_evidences(client, scrutiny, plan, today):
    client.force_login(scrutiny)
    html = client.get(reverse("measure_detail", args=[plan["measure"].pk])).content.decode()
    assert "North overdue audit" in html and 'role="img"' in html


def test_measure_filters_and_value_date_range(client, scrutiny, plan, authority, today):
    other = MeasureFactory(authority=authority, name="Agency staff", unit="%", polarity="lower", target=15)
    MeasureValueFactory(measure=other, date=dt.date(2026, 9, 1), value=20)
    client.force_login(scrutiny)
    response = client.get(reverse("measures"), {"owner": plan["owner"].pk})
    assert [m.name for m in response.context["measures"]] == ["North case files compliant"]
    response = client.get(reverse("measures"), {"date_from": "2026-06-01"})
    trend = {m.name: [v.date for v in m.trend] for m in response.context["measures"]}
    assert trend["North case files compliant"] == [dt.date(2026, 10, 1)]
    response = client.get(reverse("measures"), {"date_from": "not a date"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_chart_escapes_text_and_handles_no_values():
    svg = charts.line_chart(points=[], title="<script>x</script>", chart_id="c")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "No values yet" in svg
    one = charts.line_chart(points=[(dt.date(2026, 1, 1), 5)], title="One", unit="cases", chart_id="c1")
    assert "<circle" in one and "1 value from 1 January 2026" in one
    lower = charts.line_chart(
        points=[(dt.date(2026, 1, 1), -3), (dt.date(2026, 2, 1), 4)], title="Neg", unit="count", target=0, chart_id="c2"
    )
    assert "Target 0 count" in lower
