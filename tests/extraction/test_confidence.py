"""Every fact carries a confidence from 0 to 1; facts the minutes mark explicitly score above
facts read from running prose, so the review page can show the least sure first."""

from improvement.extraction import extract

ACTION_LINE = (
    "Minutes of the Children's Scrutiny Committee, 14 March 2025\n\n"
    "ACTION: Head of Quality Assurance to circulate the audit findings by 30 April 2025.\n"
)
ACTION_TABLE_LAYOUT = (
    "Corporate Parenting Panel - Thursday 6 February 2025\n\n"
    "Action | Owner | Due\nACTION - Service Manager to share the placement report | "
    "Service Manager | 31 March 2025\n"
)
PROSE = "Members heard about the plan. It was noted that the plan would be shared in due course.\n"


def _confidences(facts):
    contract = facts.to_contract()
    for kind in ("visits", "recommendations", "actions", "measures", "decisions"):
        for fact in contract[kind]:
            yield kind, fact["confidence"]


def test_every_fact_in_the_contract_has_a_confidence_between_0_and_1():
    text = (
        ACTION_LINE + "The monitoring visit took place on 4 and 5 February 2025. 87% of plans were "
        "reviewed on time.\n\nRESOLVED: That the report be noted.\n"
    )
    found = list(_confidences(extract(text, source="a.txt")))
    assert {kind for kind, _ in found} >= {"visits", "actions", "measures", "decisions"}
    assert all(0 < value < 1 for _, value in found)


def test_an_action_line_with_owner_and_date_is_surer_than_one_read_from_prose():
    for layout in (ACTION_LINE, ACTION_TABLE_LAYOUT):
        explicit = extract(layout, source="a.txt").actions
        assert explicit, layout
        assert explicit[0].confidence >= 0.8
    prose = extract(PROSE, source="b.txt").actions
    assert all(a.confidence < 0.6 for a in prose)


def test_a_visit_named_with_kind_and_dates_is_surer_than_a_bare_mention():
    dated = extract("The focused visit took place on 3 and 4 July 2024, looking at care leavers.", source="a.txt")
    dated_other_layout = extract(
        "Ofsted monitoring visit\n\nInspectors visited on 10 and 11 January 2024.", source="b.txt"
    )
    bare = extract("Members discussed a review carried out by another council last year.", source="c.txt")
    surest = max(v.confidence for v in dated.visits + dated_other_layout.visits)
    assert surest >= 0.85
    assert all(v.confidence < surest for v in bare.visits)


def test_a_resolved_item_is_surer_than_a_decision_read_from_prose():
    resolved = extract("RESOLVED: That the update be noted.", source="a.txt").decisions
    resolved_other_layout = extract("Resolved -\n(1) That the action plan be approved.", source="b.txt").decisions
    assert resolved and resolved_other_layout
    assert min(d.confidence for d in resolved + resolved_other_layout) >= 0.8
