"""The dashboard's charts: what their sentences say, what their data tables hold, and the history they read."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from improvement import charts, rag
from improvement.models import Action, ActionStatus, ProgressUpdate
from improvement.selectors import dashboards as selectors
from improvement.services.demo_data import demo_authority_fill
from tests.dashboards.conftest import TODAY
from tests.factories import ActionFactory, AuthorityFactory

D = dt.date


def test_the_brag_sentence_counts_every_rating_and_names_the_worst_theme():
    rows = [("Theme 1: Front door", {"red": 2, "amber": 1, "green": 4, "blue": 0}), ("Theme 2: Care", {"red": 5})]
    overall = {"red": 7, "amber": 1, "green": 4, "blue": 0}
    text = charts.brag_summary(rows=rows, overall=overall)
    assert text == "Of 12 actions, 7 red, 1 amber, 4 green and 0 blue. Theme 2: Care has the most red actions (5)."
    assert charts.brag_summary(rows=[], overall={}) == "There are no actions to rate."
    assert "No theme has a red action" in charts.brag_summary(rows=[("T", {"green": 1})], overall={"green": 1})
    assert charts.plural(1, "action") == "1 action" and charts.plural(2, "visit") == "2 visits"


def test_the_brag_chart_is_an_image_with_a_title_counts_on_the_bars_and_a_table():
    rows = [("Theme 1: Front door", {"red": 12, "amber": 3, "green": 20, "blue": 1})]
    chart = charts.brag_by_theme(rows=rows, overall=rows[0][1])
    svg = str(chart.svg)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="tracker-chart" role="img"')
    assert '<title id="brag-chart-title">Actions by BRAG rating, by theme</title>' in svg
    assert ">12</text>" in svg and ">20</text>" in svg  # the counts are on the bars
    assert 'fill="url(#brag-chart-red)"' in svg  # a texture as well as a colour
    assert ">Red</text>" in svg and ">Amber</text>" in svg  # and a legend in words
    assert chart.table.columns == ["Theme", "Red", "Amber", "Green", "Blue", "Total"]
    assert chart.table.rows == [
        ("Theme 1: Front door", ["12", "3", "20", "1", "36"]),
        ("All actions", ["12", "3", "20", "1", "36"]),
    ]


def test_a_theme_name_cannot_break_out_of_the_svg():
    chart = charts.brag_by_theme(rows=[("<script>alert(1)</script>", {"red": 1})], overall={"red": 1})
    assert "<script>" not in str(chart.svg) and "&lt;script&gt;" in str(chart.svg)


@pytest.mark.parametrize(
    "points,since,since_counts,expected",
    [
        (
            [(D(2026, 1, 31), 30, 10), (D(2026, 11, 25), 15, 9)],
            D(2026, 9, 10),
            (21, 4),
            "Red actions fell from 21 to 15 since the last committee (10 September 2026); "
            "overdue actions rose from 4 to 9.",
        ),
        (
            [(D(2026, 1, 31), 3, 2), (D(2026, 11, 25), 3, 2)],
            None,
            None,
            "Red actions stayed at 3 since 31 January 2026; overdue actions stayed at 2.",
        ),
        ([], None, None, "No history to show yet."),
    ],
)
def test_the_history_sentence(points, since, since_counts, expected):
    assert charts.history_summary(points=points, since=since, since_counts=since_counts) == expected


def test_the_history_chart_labels_both_lines_and_tables_every_month():
    points = [(D(2026, m, 28), m, 12 - m) for m in range(1, 12)] + [(D(2026, 11, 25), 20, 4)]
    chart = charts.history_chart(points=points)
    svg = str(chart.svg)
    assert ">Red 20</text>" in svg and ">Overdue 4</text>" in svg
    assert 'stroke-dasharray="6 4"' in svg  # overdue is dashed, red solid: not colour alone
    assert chart.table.columns == ["Date", "Red actions", "Overdue actions"]
    assert chart.table.rows[-1] == ("25 November 2026", ["20", "4"])
    assert len(chart.table.rows) == 12


@pytest.mark.parametrize(
    "value,polarity,expected",
    [
        (Decimal("82"), "higher", "Case files: 82% on 1 November 2026, meeting the 80% target; England 75%."),
        (
            Decimal("74"),
            "higher",
            "Case files: 74% on 1 November 2026, short of the 80% target but within tolerance (amber); England 75%.",
        ),
        (Decimal("60"), "higher", "Case files: 60% on 1 November 2026, off the 80% target (red); England 75%."),
        (Decimal("60"), "lower", "Case files: 60% on 1 November 2026, meeting the 80% target; England 75%."),
    ],
)
def test_the_measure_sentence_says_where_the_latest_value_stands(value, polarity, expected):
    chart = charts.measure_chart(
        name="Case files",
        points=[(D(2026, 10, 1), Decimal("70")), (D(2026, 11, 1), value)],
        unit="%",
        target=Decimal("80"),
        tolerance=Decimal("10"),
        polarity=polarity,
        benchmark=Decimal("75"),
        benchmark_label="England",
    )
    assert chart.summary == expected
    svg = str(chart.svg)
    assert ">Target 80%</text>" in svg and ">England 75%</text>" in svg
    assert 'fill="url(#measure-chart-band)"' in svg  # the tolerance band, hatched
    assert chart.table.rows == [("1 October 2026", ["70%"]), ("1 November 2026", [f"{value.normalize():f}%"])]


def test_a_measure_with_no_values_says_so():
    chart = charts.measure_chart(name="Caseload", points=[], unit="cases")
    assert chart.summary == "Caseload: no values recorded yet."
    assert "No values yet" in str(chart.svg) and chart.table.rows == []


def test_history_days_are_month_ends_then_today():
    days = selectors.history_days(today=D(2026, 11, 25))
    assert days[0] == D(2025, 12, 31) and days[-2:] == [D(2026, 10, 31), D(2026, 11, 25)]
    assert len(days) == 12


def _at(day, hour=9):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _history(action, *rows):
    made = ProgressUpdate.objects.bulk_create(
        [ProgressUpdate(action=action, kind="progress", status=s, progress=p, changes=c) for _, s, p, c in rows]
    )
    for update, (when, *_rest) in zip(made, rows, strict=True):
        ProgressUpdate.objects.filter(pk=update.pk).update(created_at=_at(when))


@pytest.mark.django_db
def test_red_and_overdue_on_a_past_day_come_from_the_history():
    authority = AuthorityFactory()
    # Off track in March, back on track in June, done in September.
    recovered = ActionFactory(authority=authority, due_date=D(2026, 12, 31), status=ActionStatus.COMPLETE, progress=100)
    _history(
        recovered,
        (D(2026, 3, 1), ActionStatus.OFF_TRACK, 10, {"status": ["not_started", "off_track"]}),
        (D(2026, 6, 1), ActionStatus.ON_TRACK, 50, {}),
        (D(2026, 9, 1), ActionStatus.COMPLETE, 100, {}),
    )
    # Due at the end of April, moved to January 2027 in July: overdue in May and June only.
    moved = ActionFactory(authority=authority, due_date=D(2027, 1, 31), status=ActionStatus.ON_TRACK, progress=40)
    _history(
        moved,
        (D(2026, 2, 1), ActionStatus.ON_TRACK, 20, {}),
        (D(2026, 7, 1), ActionStatus.ON_TRACK, 40, {"due_date": ["2026-04-30", "2027-01-31"]}),
    )
    Action.objects.filter(authority=authority).update(created_at=_at(D(2026, 1, 15)))
    counts = selectors.red_and_overdue_on(
        actions=Action.objects.filter(authority=authority),
        days=[D(2026, 1, 10), D(2026, 3, 31), D(2026, 5, 31), D(2026, 6, 30), D(2026, 8, 31), D(2026, 10, 31)],
    )
    assert counts == {
        D(2026, 1, 10): (0, 0),  # neither on the plan yet
        D(2026, 3, 31): (1, 0),  # off track
        D(2026, 5, 31): (2, 1),  # still off track; the other overdue
        D(2026, 6, 30): (1, 1),  # back on track; still overdue
        D(2026, 8, 31): (0, 0),  # the due date moved
        D(2026, 10, 31): (0, 0),
    }


def _red_and_overdue_by_the_full_rule(actions, days):
    """The history as first written: every update's JSON changes, each action's rows filtered per day,
    rated by the whole BRAG rule (progress and start date included)."""
    out = {}
    for day in days:
        end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
        red = overdue = 0
        for action in actions:
            past = sorted(action.updates.all(), key=lambda u: (u.created_at, u.id))
            seen = [u for u in past if u.created_at < end]
            if not seen and action.created_at >= end:
                continue
            if seen:
                status, progress = seen[-1].status, seen[-1].progress
            elif past:
                status, progress = (past[0].changes.get("status") or [None])[0] or ActionStatus.NOT_STARTED, 0
            else:
                status, progress = action.status, action.progress
            moved_later = [u for u in past if u.created_at >= end and len(u.changes.get("due_date") or []) == 2]
            due = selectors._as_date(moved_later[0].changes["due_date"][0]) if moved_later else action.due_date
            rating = rag.explain_rag(
                status=status, progress=progress, due_date=due, start_date=action.start_date, today=day
            )
            red += rating.rating == rag.RED
            overdue += due is not None and due < day and status not in ActionStatus.done()
        out[day] = (red, overdue)
    return out


@pytest.mark.django_db
def test_the_history_from_its_columns_equals_the_full_rule_on_a_generated_plan():
    authority = AuthorityFactory(name="Generated Council")
    demo_authority_fill(authority=authority, actions=120, today=TODAY)
    actions = Action.objects.filter(authority=authority)
    assert ProgressUpdate.objects.filter(action__authority=authority).count() > 120
    days = sorted({*selectors.history_days(today=TODAY), D(2026, 7, 14)})
    expected = _red_and_overdue_by_the_full_rule(list(actions.prefetch_related("updates")), days)
    assert any(red for red, _ in expected.values()) and any(overdue for _, overdue in expected.values())
    assert selectors.red_and_overdue_on(actions=actions, days=days) == expected


@pytest.mark.django_db
def test_the_history_reads_in_three_queries_whatever_the_size(authority, plan):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            selectors.red_and_overdue_history(
                authority=authority, actions=Action.objects.filter(authority=authority), today=TODAY
            )
        return len(ctx.captured_queries)

    small = queries()
    Action.objects.bulk_create(
        [Action(authority=authority, title=f"More {i}", due_date=D(2026, 3, 1)) for i in range(50)]
    )
    assert queries() == small == 3


@pytest.mark.django_db
def test_the_dashboard_opens_with_the_charts_each_with_its_sentence_and_data(client, scrutiny, plan, authority, today):
    client.force_login(scrutiny)
    html = client.get(reverse("plan_dashboard")).content.decode()
    glance, brag_table = html.index('id="at-a-glance"'), html.index('id="brag"')
    assert glance < brag_table  # charts first, tables second
    assert html.count('role="img"') >= 3
    assert re.search(r"Red actions (fell|rose|stayed)[^<]* since the last committee \(20 October 2026\)", html)
    assert html.count("Show the data") >= 3
    label = "Red and overdue actions at the end of each month"
    assert f'class="tracker-table-scroll" role="region" aria-label="{label}" tabindex="0"' in html
