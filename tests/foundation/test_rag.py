from datetime import date, timedelta

import pytest

from improvement.models import Action, ActionStatus
from improvement.rag import AMBER, BLUE, GREEN, RED, explain_rag, is_red, rag_annotation
from tests.factories import ActionFactory

TODAY = date(2026, 11, 25)


def rate(**kw):
    base = {"status": ActionStatus.ON_TRACK, "progress": 50, "due_date": None, "start_date": None, "today": TODAY}
    return explain_rag(**{**base, **kw})


def test_overdue_action_is_red_and_says_by_how_long():
    rag = rate(due_date=TODAY - timedelta(days=12))
    assert rag.rating == RED
    assert "due 12 days ago" in rag.reasons


def test_evidenced_is_blue_and_awaiting_sign_off_is_green():
    assert rate(status=ActionStatus.EVIDENCED).rating == BLUE
    rag = rate(status=ActionStatus.COMPLETE, due_date=TODAY - timedelta(days=3))
    assert rag.rating == GREEN and rag.reasons == ["complete, awaiting sign-off"]


def test_measure_off_target_explains_value_against_target():
    m = {"value": 62, "target": 80, "tolerance": 10, "polarity": "higher", "unit": "%", "name": "Case files compliant"}
    rag = rate(measures=[m])
    assert rag.rating == RED
    assert "Case files compliant: 62% against 80% target" in rag.reasons
    rag = rate(measures=[{**m, "value": 75}])
    assert rag.rating == AMBER


def test_lower_is_better_measure_inside_target_is_green():
    m = {"value": 18, "target": 20, "tolerance": 2, "polarity": "lower", "unit": "cases", "name": "Average caseload"}
    assert rate(measures=[m]).rating == GREEN


def test_due_soon_with_little_progress_is_amber():
    rag = rate(due_date=TODAY + timedelta(days=3), progress=10)
    assert rag.rating == AMBER
    assert rag.reasons == ["due in 3 days and 10% done"]


def test_worst_rating_wins_and_all_reasons_are_kept():
    rag = rate(status=ActionStatus.AT_RISK, due_date=TODAY - timedelta(days=1))
    assert rag.rating == RED
    assert rag.reasons == ["due 1 day ago", "reported at risk"]


CASES = [
    (status, due, start, progress)
    for status in ActionStatus.values
    for due in (None, TODAY - timedelta(days=5), TODAY, TODAY + timedelta(days=10), TODAY + timedelta(days=60))
    for start in (None, TODAY - timedelta(days=30))
    for progress in (0, 80)
]


@pytest.mark.django_db
def test_the_database_rating_agrees_with_the_explained_rating():
    actions = []
    for status, due, start, progress in CASES:
        evidence = "https://example.org/evidence" if status == ActionStatus.EVIDENCED else ""
        if start and due and due < start:
            continue
        actions.append(
            ActionFactory(status=status, due_date=due, start_date=start, progress=progress, evidence_url=evidence)
        )
    rated = dict(Action.objects.annotate(rag=rag_annotation(today=TODAY)).values_list("id", "rag"))
    for action in actions:
        expected = explain_rag(
            status=action.status,
            progress=action.progress,
            due_date=action.due_date,
            start_date=action.start_date,
            today=TODAY,
        ).rating
        assert rated[action.id] == expected, (action.status, action.due_date, action.start_date, action.progress)


@pytest.mark.parametrize("status", [*ActionStatus.values, "Off track", "Complete (awaiting sign-off)"])
def test_is_red_agrees_with_the_explained_rating(status):
    """The dashboard's history asks only "red?" of each action each day: the same answer as the full rule,
    whatever the progress and start date (a label from an old history row included)."""
    for due, start, progress in CASES_FIELDS:
        expected = explain_rag(status=status, progress=progress, due_date=due, start_date=start, today=TODAY).rating
        assert is_red(status=status, due_date=due, today=TODAY) == (expected == RED), (status, due, start, progress)


CASES_FIELDS = sorted({(due, start, progress) for _, due, start, progress in CASES}, key=str)
