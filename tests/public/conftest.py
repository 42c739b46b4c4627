"""Two councils, each with a plan full of private detail, for the public pages to leave out."""

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from improvement import roles
from improvement.models import ActionStatus, InspectionJudgement, ProgressUpdate, SourceDocument, UpdateKind
from improvement.services.publication import public_view_set
from tests.factories import (
    ActionFactory,
    AuthorityFactory,
    InspectionFactory,
    MeasureFactory,
    MeasureValueFactory,
    OwnerFactory,
    PlanFactory,
    RecommendationFactory,
    ThemeFactory,
    UserFactory,
)

TODAY = dt.date(2026, 11, 25)
# Everything below must never reach a public page or download.
PRIVATE = [
    "Priya Hartley",
    "priya.hartley@example.org",
    "Tomasz Okafor",
    "tomasz.okafor@example.org",
    "A confidential note about a family",
    "https://sharepoint.example.org/evidence/audit.xlsx",
    "Minutes of the Corporate Parenting Panel",
    "Unpublished plan's secret action",
    "Private measure of sickness absence",
    "Elsewhere Council",
    "Elsewhere's own action",
    "lead@example.org",
]


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


def _council(name, *, tag):
    authority = AuthorityFactory(name=name)
    inspection = InspectionFactory(authority=authority, start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 14))
    InspectionJudgement.objects.create(inspection=inspection, area="The impact of leaders", grade="inadequate")
    plan = PlanFactory(authority=authority, title=f"{tag} improvement plan", inspection=inspection)
    theme = ThemeFactory(plan=plan, number=1, title=f"{tag} leadership and management oversight")
    return authority, inspection, plan, theme


@pytest.fixture
def councils(db, today):
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
    ours, inspection, plan, theme = _council("Publicshire Council", tag="Publicshire")
    lead = UserFactory(
        authority=ours, role=roles.IMPROVEMENT_LEAD, username="p-lead", email="lead@example.org", is_staff=True
    )
    head = OwnerFactory(
        authority=ours,
        role_title="Head of Safeguarding",
        person_name="Priya Hartley",
        email="priya.hartley@example.org",
    )
    director = OwnerFactory(
        authority=ours,
        role_title="Director of Children's Services",
        person_name="Tomasz Okafor",
        email="tomasz.okafor@example.org",
    )
    rec = RecommendationFactory(authority=ours, inspection=inspection, theme=theme, reference="1")
    document = SourceDocument.objects.create(
        authority=ours,
        filename="panel.txt",
        sha256=hashlib.sha256(b"panel").hexdigest(),
        text="Minutes of the Corporate Parenting Panel",
    )
    audit = ActionFactory(
        authority=ours,
        plan=plan,
        theme=theme,
        owner=head,
        reference="1.1",
        title="Audit case files every month",
        status=ActionStatus.EVIDENCED,
        progress=100,
        evidence_url="https://sharepoint.example.org/evidence/audit.xlsx",
        source_document=document,
        source_quote="Minutes",
        source_start=0,
        source_end=7,
    )
    audit.recommendations.add(rec)
    late = ActionFactory(
        authority=ours,
        plan=plan,
        theme=theme,
        owner=director,
        reference="1.2",
        title="Recruit permanent team managers (Tomasz Okafor to report to lead@example.org)",
        due_date=dt.date(2026, 10, 31),
        status=ActionStatus.ON_TRACK,
        progress=30,
    )
    late.recommendations.add(rec)
    ProgressUpdate.objects.create(
        action=late,
        kind=UpdateKind.PROGRESS,
        author=lead,
        status="on_track",
        progress=30,
        note="A confidential note about a family",
    )
    public_measure = MeasureFactory(authority=ours, name="Case files audited as good")
    MeasureValueFactory(measure=public_measure, date=dt.date(2026, 6, 30), value=48, england=60)
    MeasureValueFactory(measure=public_measure, date=dt.date(2026, 9, 30), value=55, england=61)
    private_measure = MeasureFactory(authority=ours, name="Private measure of sickness absence")
    MeasureValueFactory(measure=private_measure, value=7)

    other_plan = PlanFactory(authority=ours, title="Draft plan not for publication")
    ActionFactory(authority=ours, plan=other_plan, owner=head, title="Unpublished plan's secret action")

    theirs, _, their_plan, their_theme = _council("Elsewhere Council", tag="Elsewhere")
    their_lead = UserFactory(authority=theirs, role=roles.IMPROVEMENT_LEAD, username="e-lead", is_staff=True)
    ActionFactory(authority=theirs, plan=their_plan, theme=their_theme, title="Elsewhere's own action")
    public_view_set(plan=their_plan, by=their_lead, published=True, measures=[])
    return {
        "ours": ours,
        "plan": plan,
        "other_plan": other_plan,
        "lead": lead,
        "public_measure": public_measure,
        "private_measure": private_measure,
        "theirs": theirs,
        "their_plan": their_plan,
        "their_lead": their_lead,
    }


def plan_url(authority, plan, page=""):
    return f"/public/{authority.slug}/plans/{plan.pk}/{page}"
