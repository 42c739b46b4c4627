"""The one generator of plan data (`services/demo_data.py`), through `manage.py generate_demo`.

How fast it is belongs to the benchmarks (`make bench`), not to a test.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Max, Min, OuterRef, Subquery
from django.utils import timezone

from improvement import roles
from improvement.models import (
    Action,
    ActionStatus,
    Authority,
    Inspection,
    MeasureValue,
    Meeting,
    Owner,
    ProgressUpdate,
    Theme,
    UpdateKind,
)
from improvement.permissions import owner_ids_managed_by
from improvement.selectors.changes import changes_since, since_default
from improvement.services.demo_data import demo_authority_fill
from tests.factories import AuthorityFactory

TODAY = dt.date(2026, 6, 11)
pytestmark = pytest.mark.django_db


@pytest.fixture
def filled():
    call_command(
        "generate_demo", "--authorities", "1", "--actions-per-authority", "300", "--today", "2026-06-11", verbosity=0
    )
    return Authority.objects.get()


def test_generate_demo_makes_a_council_with_a_whole_plan(filled):
    authority = filled
    assert Action.objects.filter(authority=authority).count() == 300
    assert Theme.objects.filter(plan__authority=authority).count() >= 6
    assert MeasureValue.objects.filter(measure__authority=authority).count() >= 8 * 24
    for role in roles.ALL:
        assert authority.users.filter(groups__name=role).exists()
    assert Owner.objects.filter(authority=authority, line_manager__isnull=False).count() >= 8
    assert not Action.objects.filter(status="evidenced", evidence_url="").exists()
    # The inspection is graded in its framework's areas (save() set the framework in force).
    inspection = Inspection.objects.get(authority=authority, kind=Inspection.Kind.ILACS_STANDARD)
    assert inspection.framework is not None
    assert inspection.judgements.filter(judgement_area__isnull=False).count() == inspection.judgements.count() > 0


def test_actions_were_created_over_two_years_and_nothing_is_dated_after_yesterday(filled):
    actions = Action.objects.filter(authority=filled)
    span = actions.aggregate(first=Min("created_at"), last=Max("created_at"))
    today_starts = timezone.make_aware(dt.datetime.combine(TODAY, dt.time.min))
    assert span["first"] >= today_starts - dt.timedelta(days=731)
    assert span["last"] < today_starts
    months = {timezone.localtime(c).strftime("%Y-%m") for c in actions.values_list("created_at", flat=True)}
    assert len(months) >= 20, sorted(months)  # spread over the two years, not all on one day
    # Yesterday's last update may run past midnight by minutes, never into the working day.
    late = ProgressUpdate.objects.filter(action__authority=filled, created_at__gte=today_starts + dt.timedelta(hours=3))
    assert not late.exists()


def test_about_five_updates_an_action_each_recording_what_it_changed(filled):
    updates = ProgressUpdate.objects.filter(action__authority=filled)
    work = updates.exclude(kind=UpdateKind.CREATED)
    per_action = work.count() / Action.objects.filter(authority=filled).count()
    assert 3.5 <= per_action <= 6.5, per_action
    assert updates.filter(kind=UpdateKind.CREATED).count() == 300  # one "created" row each
    progress = work.filter(kind__in=[UpdateKind.PROGRESS, UpdateKind.SIGN_OFF_REQUEST])
    assert progress.filter(changes__has_key="status").count() > 300
    assert progress.filter(changes__has_key="progress").count() > 300
    moved = work.filter(kind=UpdateKind.CHANGE, changes__has_key="due_date")
    assert moved.exists() and not moved.filter(reason="").exists()
    signed = work.filter(kind=UpdateKind.SIGN_OFF)
    assert signed.count() == Action.objects.filter(authority=filled, status=ActionStatus.EVIDENCED).count() > 0
    assert not signed.exclude(changes__status=["Complete (awaiting sign-off)", "Complete (impact evidenced)"]).exists()


def test_each_action_agrees_with_its_history(filled):
    """Version, status, progress, created and last-updated times (the spreadsheet's "Last updated") all come
    from the history rows; every action is checked, not one picked at random."""
    newest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-created_at", "-id")
    created = ProgressUpdate.objects.filter(action=OuterRef("pk"), kind=UpdateKind.CREATED)
    actions = Action.objects.filter(authority=filled).annotate(
        n_updates=Count("updates"),
        newest_at=Max("updates__created_at"),
        newest_status=Subquery(newest.values("status")[:1]),
        newest_progress=Subquery(newest.values("progress")[:1]),
        created_row_at=Subquery(created.values("created_at")[:1]),
    )
    assert not actions.exclude(version=F("n_updates")).exists()
    assert not actions.exclude(updated_at=F("newest_at")).exists()
    assert not actions.exclude(created_at=F("created_row_at")).exists()
    assert not actions.exclude(status=F("newest_status")).exists()
    assert not actions.exclude(progress=F("newest_progress")).exists()
    signed = actions.filter(status=ActionStatus.EVIDENCED)
    assert not signed.exclude(signed_off_at=F("newest_at")).exists()
    assert not actions.filter(start_date__lt=F("created_at__date")).exists()


def test_since_the_last_committee_shows_weeks_of_work_not_the_whole_plan(filled):
    since = since_default(authority=filled, today=TODAY)
    assert since.meeting is not None and since.meeting.committee == "Children's Scrutiny Committee"
    assert TODAY - dt.timedelta(days=42) <= since.date <= TODAY - dt.timedelta(days=14)
    assert Meeting.objects.filter(authority=filled, date__gt=TODAY).count() == 1  # the next one, ahead
    changes = changes_since(authority=filled, since=since, today=TODAY)
    assert 0 < len(changes.new_actions) < 300 // 5
    assert changes.status_changes and len(changes.status_changes) < ProgressUpdate.objects.count() // 5


def test_the_same_seed_and_day_make_the_same_plan():
    authority = AuthorityFactory(name="Repeatshire Council")

    def snapshot():
        with transaction.atomic():
            demo_authority_fill(authority=authority, actions=40, today=TODAY, seed=3)
            rows = list(
                Action.objects.filter(authority=authority)
                .order_by("created_at", "reference")
                .values_list("reference", "title", "created_at", "start_date", "due_date", "status", "progress")
            )
            history = list(
                ProgressUpdate.objects.filter(action__authority=authority)
                .order_by("created_at", "kind")
                .values_list("created_at", "kind", "status", "progress", "changes")
            )
            transaction.set_rollback(True)
        return rows, history

    first, second = snapshot(), snapshot()
    assert first == second and len(first[0]) == 40


def test_generate_demo_into_an_existing_authority_gives_the_manager_actions():
    authority = AuthorityFactory(name="Demo Borough Council")
    call_command("generate_demo", "--into", "Demo Borough Council", "--actions-per-authority", "60", verbosity=0)
    manager = authority.users.get(groups=Group.objects.get(name=roles.MANAGER))
    assert Action.objects.filter(owner_id__in=owner_ids_managed_by(manager)).exists()
    assert Action.objects.filter(authority=authority).count() == 60


@pytest.mark.parametrize(
    "args,message",
    [
        (["--into", "Nowhere Council"], 'There is no authority called "Nowhere Council"'),
        (["--today", "11/06/2026"], "is not a date like 2026-06-11"),
        (["--actions-per-authority", "-1"], "Counts must be zero or more"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_made(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_demo", *args, verbosity=0)
    assert not Action.objects.exists()
