"""Hard rules are database constraints, checked here on PostgreSQL."""

import hashlib
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from improvement.models import Action, Inspection, Reminder, SourceDocument
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
)

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def refused(fn, constraint: str):
    """`fn` is refused by the named database constraint, not by some other one."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        fn()
    assert caught.value.__cause__.diag.constraint_name == constraint, caught.value


def refused_link(fn, link: str):
    """`fn` is refused by the same-authority trigger on `link` (table.column), from migration 0002."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        fn()
    assert caught.value.__cause__.diag.message_primary == f"{link} links to a record of another authority", caught.value


def test_progress_must_be_between_0_and_100():
    refused(lambda: ActionFactory(progress=101), "action_progress_0_to_100")


def test_due_date_not_before_start():
    refused(
        lambda: ActionFactory(start_date=date(2026, 5, 1), due_date=date(2026, 4, 1)), "action_due_not_before_start"
    )


def test_evidenced_completion_needs_evidence():
    refused(lambda: ActionFactory(status="evidenced", evidence_url=""), "action_evidenced_needs_evidence")


def test_inspection_end_not_before_start():
    refused(
        lambda: InspectionFactory(start_date=date(2025, 3, 5), end_date=date(2025, 3, 4)),
        "inspection_end_not_before_start",
    )


def test_one_sha256_per_authority_but_two_authorities_may_share_a_file():
    a, b = AuthorityFactory(), AuthorityFactory()
    digest = hashlib.sha256(b"minutes").hexdigest()
    SourceDocument.objects.create(authority=a, filename="m.txt", sha256=digest, text="minutes")
    SourceDocument.objects.create(authority=b, filename="m.txt", sha256=digest, text="minutes")
    refused(
        lambda: SourceDocument.objects.create(authority=a, filename="again.txt", sha256=digest, text="minutes"),
        "document_sha256_unique_per_authority",
    )


def test_owner_role_is_unique_per_authority_after_normalising():
    authority = AuthorityFactory()
    OwnerFactory(authority=authority, role_title="Director of Children's Services")
    refused(
        lambda: OwnerFactory(authority=authority, role_title="director of children’s services"),
        "owner_role_unique_per_authority",
    )


def test_reminder_once_per_action_kind_and_day():
    action = ActionFactory()
    Reminder.objects.create(action=action, kind="due", due_on=date(2026, 12, 31), recipient="a@example.org")
    refused(
        lambda: Reminder.objects.create(action=action, kind="due", due_on=date(2026, 12, 31)),
        "reminder_once_per_action_kind_day",
    )


def test_measure_value_numerator_within_denominator():
    refused(lambda: MeasureValueFactory(numerator=31, denominator=30), "measurevalue_numerator_within_denominator")


def test_provenance_span_must_be_ordered():
    refused(lambda: ActionFactory(source_start=50, source_end=10), "action_source_span_ordered")


class TestNoLinksAcrossAuthorities:
    def test_action_owner_from_another_authority_is_refused(self):
        mine, theirs = AuthorityFactory(), AuthorityFactory()
        stranger = OwnerFactory(authority=theirs)
        refused_link(lambda: ActionFactory(authority=mine, owner=stranger), "action.owner_id")

    def test_action_plan_and_theme_from_another_authority_are_refused(self):
        mine, theirs = AuthorityFactory(), AuthorityFactory()
        refused_link(lambda: ActionFactory(authority=mine, plan=PlanFactory(authority=theirs)), "action.plan_id")
        theme = ThemeFactory(plan=PlanFactory(authority=theirs))
        refused_link(lambda: ActionFactory(authority=mine, theme=theme), "action.theme_id")

    def test_linking_another_authoritys_recommendation_or_measure_is_refused(self):
        mine, theirs = AuthorityFactory(), AuthorityFactory()
        action = ActionFactory(authority=mine)
        refused_link(
            lambda: action.recommendations.add(RecommendationFactory(authority=theirs)),
            "action_recommendations.recommendation_id",
        )
        refused_link(lambda: action.measures.add(MeasureFactory(authority=theirs)), "action_measures.measure_id")
        action.recommendations.add(RecommendationFactory(authority=mine))
        assert action.recommendations.count() == 1

    def test_line_manager_and_recommendation_source_stay_in_authority(self):
        mine, theirs = AuthorityFactory(), AuthorityFactory()
        refused_link(
            lambda: OwnerFactory(authority=mine, line_manager=OwnerFactory(authority=theirs)), "owner.line_manager_id"
        )
        refused_link(
            lambda: RecommendationFactory(authority=mine, inspection=InspectionFactory(authority=theirs)),
            "recommendation.inspection_id",
        )

    def test_same_authority_links_are_accepted(self):
        mine = AuthorityFactory()
        boss = OwnerFactory(authority=mine)
        owner = OwnerFactory(authority=mine, line_manager=boss)
        action = ActionFactory(authority=mine, owner=owner, theme=ThemeFactory(plan=PlanFactory(authority=mine)))
        assert Action.objects.get(pk=action.pk).owner.line_manager == boss
        assert Inspection.objects.count() == 0
