"""A small plan for one authority (and a decoy in another) that the scrutiny pages read."""

import datetime as dt

import pytest
from django.utils import timezone

from improvement.models import ActionStatus, UpdateKind
from tests.factories import (
    ActionFactory,
    InspectionFactory,
    InspectionJudgementFactory,
    MeasureFactory,
    MeasureValueFactory,
    MeetingFactory,
    OwnerFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    SourceDocumentFactory,
    ThemeFactory,
)

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def today(monkeypatch):
    """Pin the views' "today" so the data below reads the same on any day."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


def _document(authority, text):
    return SourceDocumentFactory(authority=authority, text=text, meeting_date=dt.date(2026, 9, 10))


def build_plan(authority, *, n_actions=6, tag="North"):
    """An inspection with judgements, a planned monitoring visit, two themes, recommendations,
    actions of every kind of rating, a measure with values, history and a meeting."""
    text = f"The Director said 62% of case files (31 of 50) were compliant. {tag} minutes."
    doc = _document(authority, text)
    inspection = InspectionFactory(
        authority=authority,
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 14),
        report_published=dt.date(2025, 5, 9),
        focus="Children's social care",
    )
    InspectionJudgementFactory(inspection=inspection, grade="inadequate")
    visit = InspectionFactory(
        authority=authority,
        kind="monitoring_visit",
        ordinal=2,
        start_date=dt.date(2027, 1, 12),
        end_date=dt.date(2027, 1, 13),
        overall_judgement="",
        report_published=None,
        focus=f"{tag} care leavers",
    )
    plan = PlanFactory(authority=authority, inspection=inspection)
    front, care = (
        ThemeFactory(plan=plan, title=f"{tag} Front Door"),
        ThemeFactory(plan=plan, title=f"{tag} Children in care"),
    )
    owner = OwnerFactory(authority=authority, role_title=f"{tag} Head of Safeguarding")
    rec_covered = RecommendationFactory(
        authority=authority, inspection=inspection, reference="1", text=f"{tag} improve supervision"
    )
    rec_gap = RecommendationFactory(
        authority=authority, inspection=inspection, reference="2", text=f"{tag} nothing yet"
    )
    measure = MeasureFactory(authority=authority, name=f"{tag} case files compliant", target=80, tolerance=10)
    MeasureValueFactory(measure=measure, date=dt.date(2026, 3, 1), value=50, numerator=25, denominator=50)
    MeasureValueFactory(
        measure=measure,
        date=dt.date(2026, 10, 1),
        value=62,
        numerator=31,
        denominator=50,
        england=78,
        source_document=doc,
        source_quote="62% of case files (31 of 50)",
        source_start=20,
        source_end=48,
    )
    actions = {
        "overdue": ActionFactory(
            authority=authority,
            plan=plan,
            theme=front,
            owner=owner,
            title=f"{tag} overdue audit",
            due_date=TODAY - dt.timedelta(days=12),
            status=ActionStatus.ON_TRACK,
            progress=30,
            source_document=doc,
            source_quote="The Director",
            source_start=4,
            source_end=16,
        ),
        "soon": ActionFactory(
            authority=authority,
            plan=plan,
            theme=front,
            owner=owner,
            title=f"{tag} due soon",
            due_date=TODAY + dt.timedelta(days=10),
            progress=20,
        ),
        "evidenced": ActionFactory(
            authority=authority,
            plan=plan,
            theme=care,
            owner=owner,
            title=f"{tag} evidenced",
            status=ActionStatus.EVIDENCED,
            evidence_url="https://example.org/e",
            progress=100,
        ),
        "offtrack": ActionFactory(
            authority=authority,
            plan=plan,
            theme=care,
            owner=None,
            title=f"{tag} off track",
            status=ActionStatus.OFF_TRACK,
            due_date=None,
        ),
    }
    for n in range(max(0, n_actions - len(actions))):
        actions[f"extra{n}"] = ActionFactory(
            authority=authority, plan=plan, theme=care, owner=owner, title=f"{tag} extra {n}"
        )
    actions["overdue"].recommendations.add(rec_covered)
    actions["evidenced"].recommendations.add(rec_covered)
    actions["overdue"].measures.add(measure)
    MeetingFactory(authority=authority, date=dt.date(2026, 9, 10))
    MeetingFactory(authority=authority, committee="Corporate Parenting Board", date=dt.date(2026, 10, 20))
    ProgressUpdateFactory(
        action=actions["soon"],
        kind=UpdateKind.CHANGE,
        status=ActionStatus.AT_RISK,
        progress=20,
        changes={"status": ["on_track", "at_risk"], "due_date": ["2026-11-01", "2026-12-05"]},
        reason=f"{tag} waiting for the new case system",
        at=dt.datetime(2026, 10, 1, 12, tzinfo=timezone.get_current_timezone()),
    )
    return {
        "doc": doc,
        "inspection": inspection,
        "visit": visit,
        "plan": plan,
        "themes": (front, care),
        "owner": owner,
        "rec_covered": rec_covered,
        "rec_gap": rec_gap,
        "measure": measure,
        "actions": actions,
    }


@pytest.fixture
def plan(authority):
    return build_plan(authority)


@pytest.fixture
def other_plan(other_authority):
    return build_plan(other_authority, tag="Southshire")
