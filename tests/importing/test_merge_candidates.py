"""What an import may merge with is read in one statement, and it is what a query per kind would read (issue 15).

`merge_candidates` sends one SELECT on PostgreSQL and a query per kind elsewhere (SQLite); the two
must find the same records, or an import would merge differently on `make run`."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from improvement.models import Inspection
from improvement.selectors import importing
from tests.factories import (
    InspectionFactory,
    InspectionJudgementFactory,
    MeasureFactory,
    MeetingFactory,
    OwnerFactory,
    RecommendationFactory,
    SourceDocumentFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

MONTHLY = Inspection.Kind.MONITORING_VISIT


@pytest.fixture
def council(authority, other_authority):
    """A council's records, some the lookup below should find and some it should not; and another council's."""
    visit = InspectionFactory(authority=authority, kind=MONTHLY, start_date=dt.date(2022, 1, 12), ordinal=3)
    records = {
        "document": SourceDocumentFactory(authority=authority, text="The minutes."),
        "meeting": MeetingFactory(authority=authority, committee="Scrutiny", date=dt.date(2022, 2, 1)),
        "owner": OwnerFactory(authority=authority, role_title="Head of Fostering"),
        "measure": MeasureFactory(authority=authority, name="Agency staff"),
        "same day": visit,
        "month only": InspectionFactory(
            authority=authority,
            kind=MONTHLY,
            start_date=dt.date(2022, 1, 1),
            date_precision=Inspection.DatePrecision.MONTH,
            ordinal=None,
        ),
        "undated fourth": InspectionFactory(authority=authority, kind=MONTHLY, start_date=None, ordinal=4),
        "recommendation": RecommendationFactory(authority=authority, reference="7", inspection=visit),
        "theme": ThemeFactory(plan__authority=authority),
    }
    InspectionJudgementFactory(inspection=visit, area="Care leavers")
    # Not to be found: another day of the same month, another kind, another council's.
    InspectionFactory(authority=authority, kind=MONTHLY, start_date=dt.date(2022, 1, 20), end_date=None)
    InspectionFactory(authority=authority, start_date=dt.date(2022, 1, 12), end_date=None)
    InspectionFactory(authority=other_authority, kind=MONTHLY, start_date=dt.date(2022, 1, 12), end_date=None)
    OwnerFactory(authority=other_authority, role_title="Head of Fostering")
    return records


def lookup(authority, records):
    return {
        "authority_id": authority.pk,
        "sha256": records["document"].sha256,
        "committee": "Scrutiny",
        "meeting_date": dt.date(2022, 2, 1),
        "role_keys": {records["owner"].role_key, "nobody"},
        "name_keys": {records["measure"].name_key},
        "visit_kinds": {MONTHLY},
        "visit_days": {dt.date(2022, 1, 12)},
        "visit_day_months": {dt.date(2022, 1, 1)},
        "undated_ordinals": {4},
        "graded": True,
        "refs": {"7"},
        "theme_ids": {records["theme"].pk},
        "visit_ids": {records["undated fourth"].pk},
        "recommendation_ids": {records["recommendation"].pk},
        "frameworks": True,
    }


def found(candidates):
    """What was found, as (what, id) pairs in the order the merge rules meet them."""
    return {
        "document": candidates.document_id,
        "meeting": candidates.meeting and candidates.meeting.pk,
        "owners": [o.pk for o in candidates.owners],
        "measures": [m.pk for m in candidates.measures],
        "visits": [v.pk for v in candidates.visits],
        "graded": candidates.graded_areas,
        "recommendations": [r.pk for r in candidates.recommendations],
        "themes": [t.pk for t in candidates.themes],
        "picked visits": [v.pk for v in candidates.picked_visits],
        "picked recommendations": [r.pk for r in candidates.picked_recommendations],
        "frameworks": [f.pk for f in candidates.frameworks],
    }


def test_one_statement_reads_every_kind_of_record_the_merge_rules_compare(authority, council):
    with CaptureQueriesContext(connection) as captured:
        candidates = importing.merge_candidates(**lookup(authority, council))
    assert len(captured) == 1
    got = found(candidates)
    assert got["document"] == council["document"].pk
    assert got["meeting"] == council["meeting"].pk
    assert got["owners"] == [council["owner"].pk]
    assert got["measures"] == [council["measure"].pk]
    # The same day, and the month-only visit of that month; newest first, as Inspection's ordering; then undated.
    assert got["visits"] == [council["undated fourth"].pk, council["same day"].pk, council["month only"].pk]
    assert got["graded"] == {
        council["same day"].pk: {"Care leavers"},
        council["month only"].pk: set(),
        council["undated fourth"].pk: set(),
    }
    assert got["recommendations"] == [council["recommendation"].pk]
    assert got["themes"] == [council["theme"].pk]
    assert got["picked visits"] == [council["undated fourth"].pk]
    assert got["frameworks"]  # the seeded frameworks
    # Values come back as the ORM gives them: dates as dates, numbers exact.
    assert candidates.visits[1].start_date == dt.date(2022, 1, 12)
    assert candidates.measures[0].target == council["measure"].target


def test_the_one_statement_finds_what_a_query_per_kind_finds(authority, council):
    params = lookup(authority, council)
    one = importing.merge_candidates(**params)
    by_kind = importing._merge_candidates_one_by_one(
        authority=authority.pk,
        sha256=params["sha256"],
        committee=params["committee"],
        date=params["meeting_date"],
        role_keys=sorted(params["role_keys"]),
        name_keys=sorted(params["name_keys"]),
        kinds=sorted(params["visit_kinds"]),
        days=sorted(params["visit_days"]),
        months=[],
        day_months=sorted(params["visit_day_months"]),
        ordinals=[],
        undated_ordinals=sorted(params["undated_ordinals"]),
        unnumbered=False,
        graded=True,
        refs=sorted(params["refs"]),
        theme_ids=sorted(params["theme_ids"]),
        visit_ids=sorted(params["visit_ids"]),
        recommendation_ids=sorted(params["recommendation_ids"]),
        frameworks=True,
    )
    assert found(one) == found(by_kind)
    assert [v.start_date for v in one.visits] == [v.start_date for v in by_kind.visits]


def test_a_month_only_date_finds_every_visit_of_that_month_and_an_undated_item_finds_by_ordinal(authority, council):
    base = {"authority_id": authority.pk, "visit_kinds": {MONTHLY}}
    month = importing.merge_candidates(**base, visit_months={dt.date(2022, 1, 1)})
    assert {v.start_date for v in month.visits} == {dt.date(2022, 1, 12), dt.date(2022, 1, 1), dt.date(2022, 1, 20)}
    fourth = importing.merge_candidates(**base, visit_ordinals={4})
    assert [v.pk for v in fourth.visits] == [council["undated fourth"].pk]
    nothing = importing.merge_candidates(authority_id=authority.pk)
    assert nothing.visits == [] and nothing.document_id is None and nothing.frameworks is None
