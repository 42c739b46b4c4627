"""Importing one document costs a fixed number of statements, however many facts it holds (issue 15).

The merge lookups are one SELECT for the whole document (selectors/importing.py), and the new rows one
INSERT per model with one INSERT into the audit trail for them all, sent together: never a query per fact."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from improvement.models import Action, Inspection, Measure, MeasureValue, Owner
from improvement.services.importing import document_import, document_preview
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db

# One document's statements: the one read of everything it could merge with (the same file, the meeting,
# owners, measures, visits, frameworks), the meeting when it is new, the new rows' ids, and their INSERTs
# with the audit trail's in one execute; and the transaction's savepoint in a test. 4 + 2.
CEILING = 6

ROLES = [
    "Head of Service",
    "Principal Social Worker",
    "Head of Quality Assurance",
    "Director of Children's Services",
    "Assistant Director, Safeguarding",
    "Head of Fostering",
    "Virtual School Head",
    "Head of Early Help",
]
MEASURES = [
    "Audit compliance",
    "Agency staff",
    "Visits on time",
    "Plans reviewed on time",
    "Supervision on time",
    "Care leavers in touch",
    "Placement stability",
    "Return interviews",
]


def minutes(count: int, *, day: int = 12) -> bytes:
    """Minutes with a monitoring visit, `count` actions (each with its own owner) and `count` figures."""
    parts = [
        f"CHILDREN'S SERVICES SCRUTINY COMMITTEE - {day} JANUARY 2022",
        "Agenda item 5: Ofsted monitoring visit",
        "The fourth monitoring visit had taken place on 30 November and 1 December 2021 and had focused on "
        "children in care.",
    ]
    for n in range(count):
        parts.append(f"ACTION: {ROLES[n]} to report on the improvement plan by 31 March 2022.")
        parts.append(f"{MEASURES[n]} stood at {60 + n}% against a target of 85%.")
    parts.append("RESOLVED: (1) That the report be noted. (2) That the Committee endorse the revised plan.")
    return "\n\n".join(parts).encode()


def imported(authority, data: bytes, filename: str):
    preview = document_preview(data=data, filename=filename, authority_name=authority.name)
    with CaptureQueriesContext(connection) as captured:
        outcome = document_import(preview=preview, authority=authority)
    assert outcome.status == "imported"
    return outcome, len(captured)


def test_a_document_with_four_times_the_facts_costs_no_more_statements(authority, other_authority):
    imported(AuthorityFactory(name="Westshire Council"), minutes(1), "first.txt")  # what a process asks once
    short, short_queries = imported(authority, minutes(2), "short.txt")
    long, long_queries = imported(other_authority, minutes(8), "long.txt")
    assert short.created["actions"] == 2 and long.created["actions"] == 8
    assert long.created["owners"] == 8 and long.created["measures"] == 8 and long.created["visits"] == 1
    assert long_queries == short_queries <= CEILING
    assert Action.objects.filter(authority=other_authority).count() == 8


def test_merging_with_the_councils_records_is_one_lookup_per_model_too(authority):
    imported(authority, minutes(8), "first.txt")
    second, queries = imported(authority, minutes(8, day=19), "second.txt")
    # The same visit, owners and measures: merged, not made again; the new actions and readings added.
    assert second.created["owners"] == 0 and second.created["measures"] == 0 and second.created["visits"] == 0
    assert Inspection.objects.filter(authority=authority).count() == 1
    assert Owner.objects.filter(authority=authority).count() == 8
    assert Measure.objects.filter(authority=authority).count() == 8
    assert MeasureValue.objects.filter(measure__authority=authority).count() == 16
    assert queries <= CEILING
    # Every row the second document made is in the audit trail, with the document named as the reason.
    for action in Action.objects.filter(source_document=second.document):
        [entry] = LogEntry.objects.get_for_object(action)
        assert entry.additional_data["reason"] == "Imported from second.txt"
    [entry] = LogEntry.objects.get_for_object(second.document)
    assert entry.action == LogEntry.Action.CREATE


@pytest.mark.parametrize("facts", [2, 8])
def test_merging_a_document_costs_the_same_statements_with_two_facts_or_eight(authority, facts):
    first, _ = imported(authority, minutes(facts), "first.txt")
    second, queries = imported(authority, minutes(facts, day=19), "second.txt")
    # The meeting is new, so four statements and the savepoint's two whatever the number of facts.
    assert queries == CEILING
    assert second.created["owners"] == 0 and second.created["measures"] == 0 and second.created["visits"] == 0
    assert second.created["actions"] == facts and second.created["measure values"] == facts
    merged = [o for o in second.report if o.kind in ("owners", "measures", "visits")]
    assert {o.status for o in merged} == {"merged"} and len([o for o in merged if o.kind == "measures"]) == facts
    assert Owner.objects.filter(authority=authority).count() == facts
    # Every fact keeps its quote: the second document's readings quote the second document.
    for value in MeasureValue.objects.filter(source_document=second.document):
        assert value.source_quote == second.document.text[value.source_start : value.source_end]
