"""The 07:00 sweep across the clock changes: beat's crontab, and the sweep on the days around them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from improvement import tasks
from improvement.models import Reminder
from improvement.models import ReminderKind as K
from improvement.services.reminders import reminders_sweep
from tests.factories import ActionFactory
from tracker.celery import app

LONDON = ZoneInfo("Europe/London")
SPRING = dt.date(2026, 3, 29)  # clocks go forward at 01:00 GMT
AUTUMN = dt.date(2026, 10, 25)  # clocks go back at 02:00 BST


def local(day, hour, minute=0):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def beat_schedule(now=None):
    configured = settings.CELERY_BEAT_SCHEDULE["reminder-sweep"]
    assert configured["task"] == tasks.reminders_sweep_task.name == "improvement.tasks.reminders_sweep_task"
    s = configured["schedule"]
    return crontab(
        minute=s._orig_minute,
        hour=s._orig_hour,
        day_of_week=s._orig_day_of_week,
        day_of_month=s._orig_day_of_month,
        month_of_year=s._orig_month_of_year,
        nowfun=(lambda: now) if now else None,
        app=app,
    )


def test_beat_runs_in_london_time():
    assert app.conf.timezone == "Europe/London"
    assert str(beat_schedule().tz) == "Europe/London"


@pytest.mark.parametrize("change", [SPRING, AUTUMN])
@pytest.mark.parametrize("offset", [-2, -1, 0, 1])
def test_next_run_is_seven_local_on_both_sides_of_a_change(change, offset):
    day = change + dt.timedelta(days=offset)
    last_run = local(day, 7)
    schedule = beat_schedule(now=last_run + dt.timedelta(minutes=1))
    start, delta, _now = schedule.remaining_delta(last_run, tz=schedule.tz)
    following = (start + delta).astimezone(LONDON)
    assert (following.date(), following.hour, following.minute) == (
        day + dt.timedelta(days=1),
        7,
        0,
    )
    utc_hour = following.astimezone(dt.UTC).hour
    assert utc_hour == (6 if following.dst() else 7)
    # the real time to wait (23 h 59 min, or 22 h 59 min / 24 h 59 min across a change) ends at 07:00 local
    estimate = schedule.remaining_estimate(last_run)
    now_utc = (last_run + dt.timedelta(minutes=1)).astimezone(dt.UTC)
    assert (now_utc + estimate).astimezone(LONDON) == following
    expected_hours = {
        SPRING - dt.timedelta(days=1): 22,
        AUTUMN - dt.timedelta(days=1): 24,
    }.get(day, 23)
    assert estimate == dt.timedelta(hours=expected_hours, minutes=59)


@pytest.mark.parametrize("change", [SPRING, AUTUMN])
def test_due_at_seven_local_on_the_day_of_the_change(change):
    last_run = local(change - dt.timedelta(days=1), 7)
    before = beat_schedule(now=local(change, 6, 59)).is_due(last_run)
    after = beat_schedule(now=local(change, 7, 0) + dt.timedelta(seconds=20)).is_due(last_run)
    assert before.is_due is False
    assert after.is_due is True
    # and the instant it fires is 07:00 on the wall clock whichever offset London is on that morning
    assert local(change, 7).utcoffset() == (dt.timedelta(hours=1) if change == SPRING else dt.timedelta(0))


@pytest.mark.django_db
@pytest.mark.parametrize("change", [SPRING, AUTUMN])
def test_a_sweep_at_seven_each_morning_around_a_change_claims_everything_once(council, change):
    authority, head = council["authority"], council["head"]
    due_dates = [change + dt.timedelta(days=n) for n in range(-3, 4)]
    for due in due_dates:
        ActionFactory(authority=authority, owner=head, title=f"Due {due}", due_date=due)
    swept = []
    for n in range(-6, 6):
        now = local(change + dt.timedelta(days=n), 7)
        today = timezone.localdate(now)
        swept.append(today)
        reminders_sweep(today=today, now=now)
    assert swept == [change + dt.timedelta(days=n) for n in range(-6, 6)]  # one sweep per calendar day, none skipped
    due_rows = sorted(Reminder.objects.filter(kind=K.DUE).values_list("due_on", flat=True))
    assert due_rows == due_dates  # each action's due-day reminder exactly once, on its day
    for due in due_dates:
        created = Reminder.objects.get(kind=K.DUE, due_on=due)
        assert created.action.title == f"Due {due}"


def test_every_scheduled_task_is_a_registered_task():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry
