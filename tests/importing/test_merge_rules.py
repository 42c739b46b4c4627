"""The merge rules (services/importing/writer.py): what an imported fact merges with, and that none is lost silently."""

import datetime as dt
import hashlib

import pytest

from improvement.extraction.model import Visit
from improvement.models import Inspection, Measure, Owner, Recommendation
from improvement.services.importing.documents import document_import
from improvement.services.importing.preview import text_preview
from improvement.services.importing.writer import merge_notices, visit_match
from tests.factories import InspectionFactory, MeasureFactory, OwnerFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

FIRST_VISIT = dict(kind="monitoring_visit", ordinal=1, start_date=dt.date(2027, 2, 14), end_date=None)


def visit(**fields) -> Visit:
    return Visit(quote="q", quote_start=0, quote_end=1, kind="monitoring_visit", **fields)


def preview_of(text: str, name: str = "update.txt"):
    sha = hashlib.sha256(text.encode()).hexdigest()
    return text_preview(text=text, sha256=sha, filename=name, meeting_date=dt.date(2027, 3, 4))


def test_visits_of_different_dates_never_merge_even_when_both_are_first_monitoring_visits(authority):
    existing = InspectionFactory(authority=authority, **FIRST_VISIT)
    assert visit_match(visit(start="2019-10-15", end="2019-10-17", ordinal=1), [existing]) is None
    assert visit_match(visit(start="2027-02-14"), [existing]) == existing
    assert visit_match(visit(start="2027-02-14", ordinal=2), [existing]) == existing  # the date decides
    assert visit_match(visit(ordinal=1), [existing]) == existing  # undated: the ordinal says which
    assert visit_match(visit(ordinal=2), [existing]) is None


def test_a_month_alone_merges_with_a_day_in_that_month_and_no_other(authority):
    existing = InspectionFactory(authority=authority, **{**FIRST_VISIT, "ordinal": None})
    assert visit_match(visit(start="2027-02"), [existing]) == existing
    assert visit_match(visit(start="2027-03"), [existing]) is None


def test_the_reported_bug_an_october_2019_visit_is_saved_beside_the_first_monitoring_visit(authority):
    existing = InspectionFactory(authority=authority, **FIRST_VISIT)
    text = "Improvement Board - 4 March 2027\n\nThe first monitoring visit took place from 15 to 17 October 2019.\n"
    outcome = document_import(preview=preview_of(text), authority=authority)
    visits = Inspection.objects.filter(authority=authority).order_by("start_date")
    assert [(v.start_date, v.end_date) for v in visits] == [
        (dt.date(2019, 10, 15), dt.date(2019, 10, 17)),
        (dt.date(2027, 2, 14), None),
    ]
    assert outcome.created["visits"] == 1
    assert [(line.kind, line.status) for line in outcome.report if line.kind == "visits"] == [("visits", "created")]
    assert visits.get(start_date=dt.date(2027, 2, 14)) == existing


def test_the_same_visit_mentioned_in_two_documents_is_one_visit_and_the_second_says_merged(authority):
    first = "Cabinet - 1 November 2019\n\nOfsted's monitoring visit took place from 15 to 17 October 2019.\n"
    second = "Scrutiny - 4 December 2019\n\nThe monitoring visit of 15 to 17 October 2019 found progress.\n"
    document_import(preview=preview_of(first, "a.txt"), authority=authority)
    outcome = document_import(preview=preview_of(second, "b.txt"), authority=authority)
    assert Inspection.objects.filter(authority=authority).count() == 1
    line = next(line for line in outcome.report if line.kind == "visits")
    assert line.status == "merged" and line.record == Inspection.objects.get()
    assert outcome.created["visits"] == 0


def test_keep_separate_makes_a_new_visit_even_on_the_same_date(authority):
    existing = InspectionFactory(authority=authority, **FIRST_VISIT)
    preview = preview_of("Board - 4 March 2027\n\nThe first monitoring visit took place on 14 February 2027.\n")
    notices = merge_notices(authority=authority, facts=preview.extracted)
    assert notices[("visits", 0)].record == existing
    assert notices[("visits", 0)].label == "First monitoring visit (14 February 2027)"
    document_import(preview=preview, authority=authority, extras={("visits", 0): {"separate": True}})
    assert Inspection.objects.filter(authority=authority, start_date=dt.date(2027, 2, 14)).count() == 2


def test_owners_merge_by_normalised_title_and_measures_by_name(authority):
    owner = OwnerFactory(authority=authority, role_title="Director of Children\u2019s Services")
    measure = MeasureFactory(authority=authority, name="Audit compliance", target=None)
    text = (
        "Board - 4 March 2027\n\n"
        "ACTION: Director of Childrens Services to report on the audit by 30 April 2027.\n\n"
        "AUDIT  COMPLIANCE stood at 64% against a target of 85%.\n"
    )
    preview = preview_of(text)
    notices = merge_notices(authority=authority, facts=preview.extracted)
    assert {(kind, n.record) for (kind, _), n in notices.items()} >= {("measures", measure)}
    outcome = document_import(preview=preview, authority=authority)
    assert Owner.objects.filter(authority=authority).count() == 1
    assert Measure.objects.filter(authority=authority).count() == 1
    measure.refresh_from_db()
    assert measure.target == 85 and measure.values.get().value == 64
    assert owner.actions.count() == 1
    assert [line.status for line in outcome.report if line.kind == "owners"] == ["merged"]
    assert [line.status for line in outcome.report if line.kind == "measures"] == ["merged"]


def test_recommendations_merge_by_inspection_and_reference_and_are_never_dropped_silently(authority):
    visit_2019 = InspectionFactory(
        authority=authority, kind="monitoring_visit", start_date=dt.date(2019, 10, 15), end_date=None
    )
    same = RecommendationFactory(authority=authority, inspection=visit_2019, reference="3", text="Old wording")
    other = InspectionFactory(authority=authority, kind="focused_visit", start_date=dt.date(2024, 5, 1), end_date=None)
    RecommendationFactory(authority=authority, inspection=other, reference="4", text="Another visit's")
    text = (
        "Board - 4 March 2027\n\n"
        "Ofsted's monitoring visit took place from 15 to 17 October 2019.\n\n"
        "The visit made the following recommendations:\n\n"
        "3. Improve the quality of supervision.\n"
        "4. Strengthen management oversight.\n"
    )
    preview = preview_of(text)
    assert [r.ref for r in preview.extracted.recommendations] == ["3", "4"]
    notices = merge_notices(authority=authority, facts=preview.extracted)
    assert notices[("recommendations", 0)].record == same
    assert ("recommendations", 1) not in notices  # number 4 belongs to another inspection
    outcome = document_import(preview=preview, authority=authority)
    lines = {line.label.split(":")[0]: line.status for line in outcome.report if line.kind == "recommendations"}
    assert lines == {"Recommendation 3": "merged", "Recommendation 4": "created"}
    assert Recommendation.objects.filter(authority=authority, reference="3").count() == 1
    assert Recommendation.objects.get(authority=authority, reference="4", inspection=visit_2019).text


def test_every_fact_left_out_is_reported_by_name(authority):
    text = "Board - 4 March 2027\n\nACTION: Head of Service to report on the audit by 30 April 2027.\n"
    outcome = document_import(preview=preview_of(text), authority=authority, keep={"actions": set()})
    assert [(line.kind, line.status, line.label) for line in outcome.report if line.kind == "actions"] == [
        ("actions", "left out", "Report on the audit by 30 April 2027")
    ]
