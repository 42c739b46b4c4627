"""Short snippets in layouts the seeds do not use: headers, ACTION lines, decision headings,
judgements, measures against targets and benchmarks, owners inside questions."""

from datetime import date
from pathlib import Path

import pytest

from improvement.extraction import extract, find_personal_data, read_document


def one(items):
    assert len(items) == 1, items
    return items[0]


# --- meeting headers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, iso, committee",
    [
        (
            "Minutes of the Meeting of the Corporate Parenting Board held on 4 June 2019",
            "2019-06-04",
            "Corporate Parenting Board",
        ),
        (
            "CHILDREN'S SCRUTINY COMMITTEE\n\nTuesday, 3rd March, 2020 10.00 am",
            "2020-03-03",
            "Children's Scrutiny Committee",
        ),
        ("Meeting: 14/11/2021 - Cabinet (Item 52)", "2021-11-14", "Cabinet"),
    ],
)
def test_headers_give_date_and_committee(header, iso, committee):
    facts = extract(header + "\n\nMinutes:\nThe report was noted on 5 May 2020.")
    assert facts.meeting.date == iso
    assert facts.meeting.committee == committee


def test_a_speaker_line_is_not_a_committee():
    facts = extract("Cllr Smith, Cabinet Member for Children, said:\n\nWe are proud of our staff.")
    assert facts.meeting.committee is None


# --- visits -----------------------------------------------------------------------------


def test_overall_effectiveness_without_the_word_inspection():
    text = (
        "Ofsted update\n\nThe overall effectiveness of children's services was judged to require "
        "improvement to be good."
    )
    visit = one(extract(text).visits)
    assert (visit.kind, visit.judgement) == ("inspection", "requires_improvement")


def test_inspectors_after_the_kind_word_do_not_hide_the_focus():
    text = (
        "The fourth monitoring visit would take place on 11 and 12 June. At the fourth monitoring visit "
        "inspectors would focus on children in need."
    )
    visit = one(extract(text, meeting_date=date(2019, 3, 1)).visits)
    assert (visit.ordinal, visit.start, visit.end, visit.planned) == (4, "2019-06-11", "2019-06-12", True)
    assert visit.focus == "children in need"


def test_a_grade_is_not_an_area():
    text = (
        "An Ofsted ILACS inspection was carried out in November 2019 and the Council was rated Requires "
        "Improvement to be Good. The impact of leaders was judged inadequate."
    )
    visit = one(extract(text).visits)
    assert visit.start == "2019-11"
    assert visit.judgement == "requires_improvement"
    assert visit.area_judgements == {"impact of leaders": "inadequate"}


def test_inspection_systems_are_not_visits():
    text = "Members asked how the service was preparing for any Ofsted inspection under the inspection framework."
    assert extract(text).visits == []


# --- recommendations ------------------------------------------------------------------


def test_source_from_a_heading_that_names_the_inspection():
    text = (
        "Ofsted Inspection Action Plan\n\nRecommendation 1: Improve the quality of supervision. "
        "Recommendation 2 - Strengthen management oversight."
    )
    recs = extract(text).recommendations
    assert [r.ref for r in recs] == ["1", "2"]
    assert all(r.source == "Ofsted Inspection" for r in recs)


# --- actions and owners ---------------------------------------------------------------


def test_action_lines_in_several_shapes():
    text = (
        "The sufficiency figures were discussed at length.\n"
        "ACTION: Head of Service to circulate the report to Members by 1 May.\n"
        "Action by: Service Manager (Quality Assurance)\n"
        "ACTION: Circulate the draft policy (Head of Fostering)\n"
        "ACTION: Democratic Services - circulate the slides\n"
        "ACTION: None\n"
    )
    actions = extract(text, meeting_date=date(2023, 1, 10)).actions
    got = [(a.owner, a.title, a.due) for a in actions]
    assert got[0] == ("Head of Service", "Circulate the report to Members by 1 May", "2023-05-01")
    assert got[1][0] == "Service Manager (Quality Assurance)"  # the service in brackets names the post
    assert got[2][:2] == ("Head of Fostering", "Circulate the draft policy")
    assert got[3][:2] == ("Democratic Services", "Circulate the slides")
    assert len(got) == 4


def test_due_at_the_end_of_a_month_takes_the_meeting_year():
    text = "The Director confirmed that she would provide a briefing note by the end of May."
    assert one(extract(text, meeting_date=date(2024, 1, 10)).actions).due == "2024-05-31"
    assert one(extract(text).actions).due is None


def test_roles_inside_a_councillors_question_or_the_inspectorate_are_not_owners():
    text = (
        "Councillor Jones asked whether the Director of Education would provide figures. "
        "Ofsted Inspector Jane Smith presented the findings. "
        "The Head of Safeguarding responded that work was ongoing."
    )
    facts = extract(text)
    assert [o.role for o in facts.owners] == ["Head of Safeguarding"]
    assert facts.actions == []


def test_an_action_owner_the_title_finder_does_not_know_is_still_an_owner():
    facts = extract("ACTIONS: Democratic Services Officer\n")
    assert [o.role for o in facts.owners] == ["Democratic Services Officer"]


# --- measures ---------------------------------------------------------------------------


def test_a_target_range_is_the_target_not_a_second_measure():
    measure = one(extract("Re-referrals stood at 18.5%, within the target range of 18-22%.").measures)
    assert (measure.value, measure.unit, measure.target) == (18.5, "%", 18)


def test_a_count_with_its_own_noun_does_not_borrow_the_subject_before():
    measures = extract("Staff turnover was 14 per cent and 9 social workers had left since April.").measures
    assert [(m.value, m.unit) for m in measures] == [(14, "%"), (9, "staff")]
    assert "turnover" not in measures[1].name


def test_a_target_after_the_figure_is_its_target_not_its_value():
    measure = one(extract("Audit compliance stood at 64% against a target of 85%.").measures)
    assert (measure.name, measure.value, measure.target) == ("Audit compliance", 64, 85)


@pytest.mark.parametrize(
    "text",
    [
        "Agency social workers made up 32% of the workforce, down from 41% in April.",
        "Agency social workers made up 32% of the workforce compared with 41% last year.",
    ],
)
def test_an_earlier_figure_given_for_comparison_is_not_a_second_measure(text):
    measure = one(extract(text).measures)
    assert (measure.value, measure.unit) == (32, "%")
    assert measure.name.startswith("Agency social workers")


def test_benchmarks_for_england_are_not_local_measures():
    assert extract("The figure for England was 45% and for statistical neighbours 50%.").measures == []


def test_leading_year_is_not_part_of_the_name():
    measure = one(extract("In 2022 there were 1,204 contacts to the front door each month.").measures)
    assert (measure.value, measure.name) == (1204, "contacts to the front door each month")


# --- decisions --------------------------------------------------------------------------


def test_a_decision_heading_on_a_cabinet_page():
    text = "Decision:\n\nThat Cabinet approves the Sufficiency Strategy.\n\nReasons for the decision:\nStatutory duty."
    assert [(d.kind, d.text) for d in extract(text).decisions] == [
        ("approved", "That Cabinet approves the Sufficiency Strategy.")
    ]


def test_roman_numbered_resolutions():
    text = (
        "Resolved:\n\n(i) That the contents of the report be noted.\n\n(ii) That the Committee receive a "
        "further update in six months.\n\n(iii) That the Committee endorse the revised improvement plan.\n"
    )
    assert [d.kind for d in extract(text).decisions] == ["noted", "received", "approved"]  # endorsed is approved


# --- reading and privacy ----------------------------------------------------------------


def test_moderngov_furniture_in_any_case_is_dropped():
    html = (
        b"<html><body><div class='mgBreadCrumbs'>Meetings &gt; Agenda item</div><div id='modgov'>"
        b"<h2>Ofsted Monitoring Visit</h2><p>Meeting: 14/11/2021 - Cabinet (Item 52)</p>"
        b"<p><img alt='pdf icon'> PDF 468 KB</p><p>RESOLVED:</p><ol><li>That the report be noted.</li></ol>"
        b"</div></body></html>"
    )
    text, _ = read_document(html, filename="item.html")
    assert "Meetings >" not in text and "468 KB" not in text
    assert text.startswith("Ofsted Monitoring Visit")
    assert "1. That the report be noted." in text


def test_telephone_numbers_are_never_nhs_numbers():
    # 4010232137 is a valid NHS number; after "Tel" it is a phone number.
    assert find_personal_data("Tel: 4010232137. Call 0401023213.") == []
    assert [f.kind for f in find_personal_data("NHS no. 4010232137")] == ["NHS number"]


@pytest.mark.parametrize(
    "text",
    [
        "ACTION: Head of Service to circulate the report to Members by 1 May.\nACTION: Circulate the policy "
        "(Head of Fostering)",
        "Minutes of the Meeting of the Corporate Parenting Board held on 4 June 2019\n\nDecision:\nThat "
        "Cabinet approves it.",
        "The overall effectiveness of children's services was judged to be inadequate. Ofsted found leaders "
        "to be good.",
        "Re-referrals stood at 18.5%, within the target range of 18-22%. Staff turnover was 14 per cent.",
    ],
)
def test_quotes_are_verbatim_spans(text):
    facts = extract(text, meeting_date=date(2023, 1, 10))
    assert facts.all_facts()
    for fact in facts.all_facts():
        assert text[fact.quote_start : fact.quote_end] == fact.quote


# --- a whole set of minutes in a layout the seeds do not use ---------------------------


def test_panel_minutes_with_title_case_items_and_one_line_resolutions():
    path = Path(__file__).parent / "fixtures" / "corporate_parenting_panel.txt"
    text, _ = read_document(path)
    facts = extract(text)
    assert (facts.meeting.date, facts.meeting.committee) == ("2023-11-23", "Corporate Parenting Panel")
    visit = one(facts.visits)
    assert (visit.kind, visit.start, visit.end, visit.judgement) == (
        "inspection",
        "2023-10-09",
        "2023-10-20",
        "requires_improvement",
    )
    assert list(visit.area_judgements.values()) == ["good"]
    assert [r.ref for r in facts.recommendations] == ["1", "2", "3"]
    assert [(a.owner, a.due) for a in facts.actions] == [
        ("Director of Children's Services", "2024-03"),
        ("Head of Children in Care", "2024-01-31"),
    ]
    assert [(m.value, m.unit, m.target) for m in facts.measures] == [
        (47, "count", None),
        (12, "%", 8),
        (93, "%", None),
        (412, "count", None),
        (16, "cases", None),
    ]
    assert [o.role for o in facts.owners] == [
        "Director of Children's Services",
        "Head of Children in Care",
        "Head of Performance and Quality Assurance",
    ]
    # the next agenda item ("34. Ofsted ILACS Inspection - ...") is not part of the resolution above it
    # approving the last minutes is procedure, not a decision; "endorsed" is approved
    assert [d.kind for d in facts.decisions] == ["noted", "approved", "other", "noted"]
    for fact in facts.all_facts():
        assert text[fact.quote_start : fact.quote_end] == fact.quote


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "RESOLVED that the report be noted and the\ncomments of the Committee be fed back.\n\n5. NEXT ITEM",
            [("noted", "the report be noted and the comments of the Committee be fed back.")],
        ),
        (
            "It was RESOLVED that:\n\n•\tthe report be noted;\n•\tofficers be thanked.\n",
            [("noted", "the report be noted"), ("other", "officers be thanked.")],
        ),
        (
            "Resolved - That (1) the report be noted; and (2) the plan be approved.",
            [("noted", "the report be noted"), ("approved", "the plan be approved.")],
        ),
        (
            "RESOLVED: That -\n\n1. the report be noted;\n2. the plan be approved.\n\n12. Fostering Service "
            "Annual Report\n",
            [("noted", "the report be noted"), ("approved", "the plan be approved.")],
        ),
    ],
)
def test_resolution_blocks_end_where_their_items_stop(text, expected):
    assert [(d.kind, d.text) for d in extract(text).decisions] == expected


def test_caseloads_written_several_ways():
    cases = {
        "The average caseload for social workers in the Children in Care teams was 16.": (16, "cases"),
        "Caseloads of 18.5 were typical.": (18.5, "cases"),
        "Caseloads were 20% higher than last year.": (20, "%"),
    }
    for text, want in cases.items():
        assert [(m.value, m.unit) for m in extract(text).measures] == [want], text


# --- wrapped lines (PDFs, mail clients) -------------------------------------------------


def test_lines_wrapped_mid_sentence_are_joined_in_plain_text():
    data = (
        b"The Head of Early Help confirmed that she would circulate the\n"
        b"revised strategy to Members by 31 March 2022.\n\nRESOLVED:\n(1) That the report be noted.\n"
    )
    text, _ = read_document(data, filename="minutes.txt")
    assert "circulate the revised strategy" in text
    action = one(extract(text).actions)
    assert (action.owner, action.due) == ("Head of Early Help", "2022-03-31")
    assert "RESOLVED:\n(1) That the report be noted." in text


def test_a_pdf_with_wrapped_lines_reads_as_sentences():
    weasyprint = pytest.importorskip("weasyprint")
    html = (
        "<html><head><style>@page { size: A5; margin: 1.5cm } body { font: 11pt serif }</style></head><body>"
        "<p>45. Ofsted monitoring visit</p><p>The Assistant Director, Safeguarding and Quality Assurance confirmed "
        "that the third monitoring visit took place on 3rd and 4th December 2021 and focused on children in need "
        "of help and protection. She added that 68% of contacts were now progressed within 24 hours.</p>"
        "<p>RESOLVED:</p><p>(1) That the report be noted.</p><p>(2) That a further update be received.</p>"
        "</body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    text, _ = read_document(pdf, filename="minutes.pdf")
    facts = extract(text)
    visit = one(facts.visits)
    assert (visit.ordinal, visit.start, visit.end) == (3, "2021-12-03", "2021-12-04")
    assert [o.role for o in facts.owners] == ["Assistant Director, Safeguarding and Quality Assurance"]
    assert [(m.value, m.unit) for m in facts.measures] == [(68, "%")]
    assert [d.kind for d in facts.decisions] == ["noted", "received"]


# --- more visit, owner and speaker shapes -----------------------------------------------


def test_a_bare_month_takes_the_meeting_year_and_no_priority_action_is_no_priority_action():
    text = (
        "Ofsted's focused visit in March looked at children in care. Inspectors identified no areas for priority "
        "action."
    )
    visit = one(extract(text, meeting_date=date(2023, 1, 10)).visits)
    assert (visit.kind, visit.start, visit.focus, visit.priority_action) == (
        "focused_visit",
        "2023-03",
        "children in care",
        False,
    )
    assert one(extract(text).visits).start is None


def test_jtai_focus_after_the_bracketed_name():
    text = (
        "A JTAI (joint targeted area inspection) of the multi-agency response to children's mental health "
        "took place in the week of 6 February 2023."
    )
    visit = one(extract(text).visits)
    assert (visit.kind, visit.start, visit.focus) == (
        "jtai",
        "2023-02-06",
        "multi-agency response to children's mental health",
    )


def test_roles_between_commas_in_brackets_and_after_presented_by():
    text = (
        "Sarah Jones, Director of Children's Services, introduced the report. Mr Smith (Head of Service for "
        "Safeguarding) answered questions. The update was presented by the Service Director - Children's "
        "Social Care. The Interim Head of Service, Children in Care, updated Members."
    )
    assert [o.role for o in extract(text).owners] == [
        "Director of Children's Services",
        "Head of Service for Safeguarding",
        "Service Director - Children's Social Care",
        "Interim Head of Service, Children in Care",
    ]


def test_a_dated_sentence_at_the_top_is_not_the_meeting_and_the_meeting_date_is_not_the_visit():
    body = "A focused visit took place on 6 and 7 February 2023, and was discussed at this meeting."
    assert extract(body).meeting.date is None
    text = (
        "Children's Scrutiny Committee - 12 March 2023\n\nThe focused visit, discussed today on 12 March 2023, "
        "looked at care leavers. The focused visit on 1 and 2 February was the first since 2019."
    )
    visit = one(extract(text).visits)
    assert (visit.start, visit.end, visit.focus) == ("2023-02-01", "2023-02-02", "care leavers")


# --- found on layouts from other councils (second pass) ---------------------------------


def test_a_month_without_a_year_follows_the_tense_of_the_sentence():
    past = extract(
        "An Ofsted joint targeted area inspection (JTAI) had taken place in September.", meeting_date="2024-02-08"
    )
    assert one(past.visits).start == "2023-09"
    future = extract("The next monitoring visit is scheduled for January.", meeting_date="2023-11-13")
    assert one(future.visits).start == "2024-01"
    same = extract("The monitoring visit took place in January.", meeting_date="2024-02-08")
    assert one(same.visits).start == "2024-01"


def test_priority_action_belongs_to_the_visit_last_talked_about():
    text = (
        "Item 6 Ofsted Focused Visit and Joint Targeted Area Inspection\n\n"
        "The focused visit carried out on 5 and 6 December 2023 looked at children in need. "
        "Inspectors identified one area for priority action.\n\n"
        "A joint targeted area inspection had taken place in September."
    )
    visits = {v.kind: v for v in extract(text, meeting_date="2024-02-08").visits}
    assert visits["focused_visit"].priority_action is True
    assert visits["jtai"].priority_action is False


def test_a_list_under_a_jtai_letter_takes_the_jtai_as_its_source():
    text = (
        "Ofsted Focused Visit\n\nThe JTAI letter made the following recommendations:\n1. Partners should strengthen "
        "return home interviews.\n2. Health partners should record the voice of the child.\n"
    )
    recs = extract(text).recommendations
    assert [r.ref for r in recs] == ["1", "2"]
    assert all("JTAI" in r.source for r in recs)


def test_a_role_with_a_service_acronym_commits_to_an_action():
    item = one(
        extract(
            "The Service Manager, MASH would review every strategy discussion weekly until the end of March.",
            meeting_date="2024-02-08",
        ).actions
    )
    assert (item.owner, item.due) == ("Service Manager, MASH", "2024-03-31")


def test_a_long_committee_name_in_capitals_is_the_committee():
    facts = extract(
        "CORPORATE PARENTING AND CHILDREN'S SERVICES OVERVIEW AND SCRUTINY PANEL\n\nThursday 8 February 2024\n\n"
        "Item 6 Improvement plan\n\nThe report was noted."
    )
    assert facts.meeting.committee == "Corporate Parenting and Children's Services Overview and Scrutiny Panel"
    assert facts.meeting.date == "2024-02-08"


def test_asked_that_a_role_do_something_is_an_action_for_that_role():
    item = one(
        extract(
            "The Leader asked that the Executive Director of People provide a breakdown of placement "
            "moves by age before the next meeting."
        ).actions
    )
    assert item.owner == "Executive Director of People"
    assert item.title.startswith("Provide a breakdown of placement moves")


def test_asked_that_without_a_role_is_not_an_action():
    assert extract("Members asked that the figures be broken down by age in future reports.").actions == []


def test_an_overall_judgement_in_a_later_clause_is_the_overall_judgement():
    text = (
        "The Cabinet Member introduced the report, which set out progress since the Ofsted inspection "
        "in June 2019, when services were judged Inadequate."
    )
    visit = one(extract(text, meeting_date="2021-11-14").visits)
    assert (visit.kind, visit.start, visit.judgement, visit.area_judgements) == (
        "inspection",
        "2019-06",
        "inadequate",
        {},
    )


def test_a_bracketed_target_belongs_to_the_figure_before_it():
    measure = one(
        extract("The percentage of assessments completed within 45 working days was 83.2% (target 90%).").measures
    )
    assert (measure.value, measure.target) == (83.2, 90)


def test_resolutions_joined_by_and_that_are_two_decisions():
    decisions = extract(
        "RESOLVED that the report be noted, and that the Committee receive an update on "
        "recruitment at its July meeting."
    ).decisions
    assert [(d.kind, d.text) for d in decisions] == [
        ("noted", "the report be noted"),
        ("received", "that the Committee receive an update on recruitment at its July meeting."),
    ]


def test_held_at_a_place_is_not_part_of_the_committee_name():
    facts = extract(
        "Minutes of a meeting of the Children, Young People and Education Select Committee held at "
        "County Hall on 21 March 2022\n\nPRESENT: Mrs A Chair\n"
    )
    assert (facts.meeting.committee, facts.meeting.date) == (
        "Children, Young People and Education Select Committee",
        "2022-03-21",
    )


def test_an_inspection_named_with_only_its_year_is_a_visit_without_a_date():
    visits = extract(
        "This was the second monitoring visit since the ILACS inspection in 2021.", meeting_date="2022-03-21"
    ).visits
    inspection = next(v for v in visits if v.kind == "inspection")
    assert inspection.start is None


# --- action logs written as tables -------------------------------------------------------

ACTION_LOG_HTML = b"""<html><body><h1>Children's Services Scrutiny Committee - Tuesday, 5th September, 2023 6.30 pm</h1>
<h2>8. Action Log</h2><table>
<tr><th>Ref</th><th>Action</th><th>Responsible officer</th><th>Deadline</th><th>Update</th></tr>
<tr><td>23/01</td><td>Provide figures on children placed out of area</td><td>Head of Service, Children in Care</td>
<td>31 October 2023</td><td>In progress</td></tr>
<tr><td>23/02</td><td>Circulate the findings of the practice week</td><td>Principal Social Worker</td>\
<td>30/09/2023</td>
<td>Complete</td></tr></table>
<h2>9. Performance</h2><table><tr><th>Measure</th><th>Target</th><th>Actual</th></tr>
<tr><td>Visits on time</td><td>90%</td><td>84%</td></tr></table></body></html>"""


def test_an_action_log_table_in_html_gives_one_action_per_row_with_owner_and_deadline():
    text, _ = read_document(ACTION_LOG_HTML, filename="log.html")
    facts = extract(text)
    assert [(a.owner, a.title, a.due) for a in facts.actions] == [
        ("Head of Service, Children in Care", "Provide figures on children placed out of area", "2023-10-31"),
        ("Principal Social Worker", "Circulate the findings of the practice week", "2023-09-30"),
    ]
    for action in facts.actions:
        assert text[action.quote_start : action.quote_end] == action.quote
        assert action.title in action.quote
    assert {"Head of Service, Children in Care", "Principal Social Worker"} <= {o.role for o in facts.owners}


def test_a_tab_separated_action_log_in_text_is_read_and_ends_at_the_first_ordinary_line():
    text = (
        "Action\tLead\tBy when\n"
        "Write to schools about attendance\tHead of Virtual School\tend of March\n"
        "Share the audit plan\tn/a\t\n"
        "The meeting ended at 8.15 pm.\n"
        "Nothing\there\tcounts\n"
    )
    actions = extract(text, meeting_date="2024-01-10").actions
    assert [(a.owner, a.title, a.due) for a in actions] == [
        ("Head of Virtual School", "Write to schools about attendance", "2024-03-31"),
        (None, "Share the audit plan", None),
    ]


def test_a_table_without_an_action_and_an_owner_column_gives_no_actions():
    assert extract("Measure | Target | Actual\nVisits on time | 90% | 84%\n").actions == []


@pytest.mark.parametrize(
    "text, grade",
    [
        (
            "Ofsted's inspection of children's services (ILACS) in November 2022 judged the council to be "
            "'Good' overall.",
            "good",
        ),
        (
            "Following the ILACS inspection in January 2023, overall effectiveness was judged “Requires "
            "Improvement to be Good”.",
            "requires_improvement",
        ),
    ],
)
def test_a_grade_in_quotation_marks_is_still_the_grade(text, grade):
    assert one(extract(text, meeting_date="2023-06-01").visits).judgement == grade


def test_a_count_of_visits_is_not_a_visit_and_the_judged_authority_is_the_inspection():
    visits = extract(
        "The Local Authority was judged as Inadequate by Ofsted in March 2022 and has since received "
        "three monitoring visits.",
        meeting_date="2023-06-01",
    ).visits
    assert [(v.kind, v.start, v.judgement) for v in visits] == [("inspection", "2022-03", "inadequate")]


@pytest.mark.parametrize(
    "text, want",
    [
        ("Only one in five case files had an up to date chronology.", (20.0, "%", 1, 5)),
        ("Three quarters of audits were graded requires improvement.", (75, "%", None, None)),
        ("Half of the team managers were interim.", (50, "%", None, None)),
        ("Of the 45 care leavers aged 19-21, 38 were in education, employment or training.", (38, "count", 38, 45)),
        (
            "The number of children subject to a child protection plan has fallen from 410 to 352.",
            (352, "count", None, None),
        ),
    ],
)
def test_proportions_in_words_and_changes_are_measures(text, want):
    measure = one(extract(text).measures)
    assert (measure.value, measure.unit, measure.numerator, measure.denominator) == want


def test_the_other_half_of_a_page_is_not_a_measure():
    assert extract("On the other half of the page there was a table.").measures == []


def test_a_quarter_label_and_a_verb_of_change_are_not_part_of_the_name():
    measure = one(extract("Timeliness of initial child protection conferences improved to 91% in Q2.").measures)
    assert (measure.name, measure.value) == ("Timeliness of initial child protection conferences", 91)


# --- recommendations in the forms inspection letters use -------------------------------


def test_what_needs_to_improve_with_square_bullets_and_a_question_heading():
    square = (
        "The inspection report set out what needs to improve:\n\n"
        "\u25a0 The quality of management oversight.\n\u25a0 The timeliness of strategy discussions.\n"
    )
    question = (
        "What needs to improve in this local authority?\n- The response to children who go missing.\n"
        "- Pathway planning for care leavers.\n\nMembers welcomed the report."
    )
    assert [r.text for r in extract(square).recommendations] == [
        "The quality of management oversight.",
        "The timeliness of strategy discussions.",
    ]
    assert [r.ref for r in extract(question).recommendations] == ["1", "2"]


def test_ofsted_recommended_that_is_one_recommendation():
    rec = one(
        extract(
            "Ofsted recommended that the local authority improve the quality of return home interviews."
        ).recommendations
    )
    assert rec.text == "the local authority improve the quality of return home interviews"


def test_an_inline_list_of_areas_for_improvement_matching_its_count_is_split():
    recs = extract(
        "The focused visit letter identified two areas for improvement: the timeliness of assessments, "
        "and management oversight."
    ).recommendations
    assert [(r.ref, r.text, r.source) for r in recs] == [
        ("1", "the timeliness of assessments", "focused visit"),
        ("2", "management oversight", "focused visit"),
    ]


def test_an_inline_list_whose_parts_do_not_match_the_count_is_left_alone():
    assert (
        extract("The letter identified three areas for improvement: timeliness, and oversight.").recommendations == []
    )


# --- a whole meeting with the usual distractors ------------------------------------------


def test_agenda_numbers_counts_of_visits_and_repeated_figures_are_not_measures():
    text = (
        "6 CHILDREN IN CARE IMPROVEMENT PROGRAMME\n"
        "Since then there had been four monitoring visits; the most recent, in November 2023, had focused on "
        "children in care and care leavers.\n"
        "The number of children in care was 486, compared with 512 a year earlier.\n"
        "Social worker vacancies had fallen from 28% to 19%.\n"
        "The Assistant Director Safeguarding undertook to provide a breakdown of the 486 children in care by "
        "placement type.\n"
    )
    facts = extract(text, meeting_date="2024-01-17")
    assert [(m.name, m.value, m.unit) for m in facts.measures] == [
        ("number of children in care", 486, "count"),
        ("Social worker vacancies", 19, "%"),
    ]
    visit = one(facts.visits)
    assert (visit.kind, visit.start, visit.ordinal, visit.focus) == (
        "monitoring_visit",
        "2023-11",
        4,
        "children in care and care leavers",
    )


def test_an_aim_names_what_it_measures():
    measure = one(extract("The service aimed to reduce agency staffing to below 15% by March 2025.").measures)
    assert (measure.name, measure.target) == ("agency staffing", 15)


def test_resolved_inside_a_sentence_with_two_infinitives_is_two_decisions():
    decisions = extract(
        "The Committee RESOLVED to note the report and to receive a further update in six months."
    ).decisions
    assert [(d.kind, d.text) for d in decisions] == [
        ("noted", "to note the report"),
        ("received", "to receive a further update in six months"),
    ]


def test_resolved_unanimously_is_not_itself_a_decision():
    decisions = extract("RESOLVED UNANIMOUSLY\n\nThat the report be received.").decisions
    assert [(d.kind, d.text) for d in decisions] == [("received", "the report be received.")]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The report was presented by Mark Jones (Interim Director of Children's Services).",
            "Interim Director of Children's Services",
        ),
        (
            "Item 5 Fostering sufficiency\nLead officer: Head of Service, Fostering and Adoption\n",
            "Head of Service, Fostering and Adoption",
        ),
    ],
)
def test_owners_named_by_a_presenter_in_brackets_or_a_lead_officer_line(text, role):
    assert role in [o.role for o in extract(text).owners]


def test_a_person_with_their_role_in_brackets_commits_to_an_action():
    item = one(
        extract(
            "Sarah Green (Assistant Director, Quality and Performance) undertook to circulate the "
            "scorecard by 30 June.",
            meeting_date="2024-03-01",
        ).actions
    )
    assert (item.owner, item.due) == ("Assistant Director, Quality and Performance", "2024-06-30")


def test_since_an_earlier_judgement_is_that_inspection_not_this_visit():
    text = (
        "This letter summarises the findings of the monitoring visit to Anytown children's services on 4 and 5 July "
        "2023. This visit was the fifth monitoring visit since the local authority was judged inadequate in March 2021."
    )
    visits = extract(text, meeting_date="2023-08-01").visits
    assert [(v.kind, v.start, v.end, v.ordinal, v.judgement) for v in visits] == [  # oldest first
        ("inspection", "2021-03", None, None, "inadequate"),
        ("monitoring_visit", "2023-07-04", "2023-07-05", 5, None),
    ]


@pytest.mark.parametrize(
    "header, iso, committee",
    [
        (
            "Minutes of the Children's Services Select Committee meeting held on 2nd October 2023 at 10am, Room 1",
            "2023-10-02",
            "Children's Services Select Committee",
        ),
        (
            "Children, Education and Families Scrutiny Board (5)\nThursday 18 January 2024",
            "2024-01-18",
            "Children, Education and Families Scrutiny Board",
        ),
        (
            "MINUTES\nCorporate Parenting Panel\nHeld on: Thursday, 7th March 2024 at 2.00pm",
            "2024-03-07",
            "Corporate Parenting Panel",
        ),
        ("Notes of the Improvement Board, 15.01.2024", "2024-01-15", "Improvement Board"),
    ],
)
def test_more_meeting_headers(header, iso, committee):
    meeting = extract(header + "\n\nItem 1. The report was noted.").meeting
    assert (meeting.date, meeting.committee) == (iso, committee)


def test_initials_after_the_role_on_an_action_line_do_not_hide_the_task():
    item = one(extract("Action: Head of Early Help (SG) - arrange a visit to the family hub for Members.").actions)
    assert (item.owner, item.title) == ("Head of Early Help", "Arrange a visit to the family hub for Members")


@pytest.mark.parametrize(
    "text, owner, title",
    [
        (
            "(b) That the Service Manager, Front Door circulates the improvement actions to the Panel.",
            "Service Manager, Front Door",
            "Circulate the improvement actions to the Panel",
        ),
        (
            "RESOLVED: That the Director of Children's Services provides an update in June.",
            "Director of Children's Services",
            "Provide an update in June",
        ),
    ],
)
def test_a_resolution_giving_a_role_a_task_is_an_action(text, owner, title):
    item = one(extract(text, meeting_date="2024-03-01").actions)
    assert (item.owner, item.title) == (owner, title)


def test_a_resolution_thanking_a_role_is_not_an_action():
    assert extract("RESOLVED: That the Director be thanked.").actions == []


def test_a_rate_per_ten_thousand_is_the_rate_not_the_population():
    measures = extract("In 2022-23 there were 1,050 referrals, a rate of 480 per 10,000 children.").measures
    assert [(m.value, m.unit) for m in measures] == [(1050, "count"), (480, "other")]
    assert "per 10,000 children" in measures[1].name


def test_caseloads_average_a_figure():
    measure = one(extract("Caseloads average 17 per worker in the assessment teams.").measures)
    assert (measure.name, measure.value, measure.unit) == ("average caseload", 17, "cases")


def test_an_inspection_expected_in_a_season_or_part_of_a_year_is_a_planned_visit_without_a_date():
    visit = one(
        extract(
            "Ofsted update. A short ILACS inspection is anticipated in early 2025.", meeting_date="2024-06-01"
        ).visits
    )
    assert (visit.kind, visit.start, visit.planned) == ("inspection", None, True)


# --- titles with a portfolio, a service in brackets; a council that is someone's employer ----


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The Cabinet Member with Responsibility (CMR) for Children and Families attended the meeting to "
            "present the inspection findings.",
            "Cabinet Member with Responsibility (CMR) for Children and Families",
        ),
        (
            "Minutes:\n\nThe Lead Member with special responsibility for Children's Services reported that the "
            "plan had been sent to Ofsted.",
            "Lead Member with special responsibility for Children's Services",
        ),
    ],
)
def test_a_portfolio_given_as_a_responsibility_is_part_of_the_title(text, role):
    assert [o.role for o in extract(text).owners] == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        ("The Assistant Director (Early Help) explained the new front door.", "Assistant Director (Early Help)"),
        (
            "Update from the Head of Service (Children in Care)\n\nThe Head of Service (Children in Care) said "
            "that placement stability had improved.",
            "Head of Service (Children in Care)",
        ),
    ],
)
def test_a_service_in_brackets_names_the_post(text, role):
    assert [o.role for o in extract(text).owners] == [role]


def test_an_abbreviation_in_brackets_is_not_part_of_the_title():
    owners = extract("The Director of Children's Services (DCS) introduced the report.").owners
    assert [o.role for o in owners] == ["Director of Children's Services"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 a peer review, led by Northshire County Council's Director of Children's Services, found that "
        "supervision was not regular enough.",
        "Minutes:\n\nThe improvement adviser from Eastbrook Borough Council would chair the next board.\n\n"
        "RESOLVED: That the update be noted.",
    ],
)
def test_a_council_that_only_lends_a_reviewer_is_not_the_authority(text):
    assert extract(text).meeting.authority is None


def test_the_council_itself_is_still_found_beside_an_outside_reviewer():
    text = (
        "Westmoor City Council: Children's Scrutiny Panel\n\n"
        "The peer review was led by Northshire County Council's Director of Children's Services."
    )
    assert extract(text).meeting.authority == "Westmoor City Council"


@pytest.mark.parametrize(
    "text, committee",
    [
        (
            "URL: https://example.cmis.uk.com/Meetings/Committee/325/Default.aspx\n\n"
            "Corporate Parenting Panel\n\nTuesday 4 February 2020\n\nThe Panel noted the report.",
            "Corporate Parenting Panel",
        ),
        ("https://democracy.example.gov.uk/documents/Cabinet%20Report.html\n\nThe report was noted.", None),
    ],
)
def test_a_pages_address_is_never_its_committee(text, committee):
    assert extract(text).meeting.committee == committee


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Minutes:\n\nA verbal update on the Improvement Plan was received from Jo Marsh, Director of "
            "Children's Services.",
            "Director of Children's Services",
        ),
        (
            "The Board received a presentation from Sam Okafor, Head of Quality Assurance, on the audit findings.",
            "Head of Quality Assurance",
        ),
    ],
)
def test_the_person_an_update_comes_from_stands_for_their_role(text, role):
    assert [o.role for o in extract(text).owners] == [role]


def test_someone_asking_a_question_is_not_an_owner():
    assert extract("A question from Pat Kent, a parent, was answered by the Chair.").owners == []


# --- visits told in other words ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, focus",
    [
        (
            "MONITORING VISIT - 3 TO 4 MARCH 2021\n\nThe third monitoring visit took place on 3 to 4 March 2021. "
            "The focus of the monitoring visit was around care leavers and their pathway plans.",
            "care leavers and their pathway plans",
        ),
        (
            "Minutes:\n\nOfsted carried out a focused visit on 9 and 10 May 2023. The main focus of the visit was "
            "the front door, including the multi-agency safeguarding hub.",
            "front door",
        ),
    ],
)
def test_the_focus_named_before_the_visit_is_its_focus(text, focus):
    visit = one(extract(text).visits)
    assert visit.focus == focus


@pytest.mark.parametrize(
    "text",
    [
        "The Director said that this monitoring visit had been the fifth of six visits by Ofsted.",
        "Members discussed the letter. The monitoring visit in June, the fifth of the monitoring visits, "
        "looked at children in care.",
    ],
)
def test_a_visit_said_to_be_the_nth_of_a_series_has_that_ordinal(text):
    visit = one(extract(text).visits)
    assert (visit.kind, visit.ordinal) == ("monitoring_visit", 5)


@pytest.mark.parametrize(
    "text",
    [
        "Ofsted suggested that a focused visit rather than a full inspection would be most helpful in 2018.",
        "The council asked for a monitoring visit instead of an Ofsted inspection this year.",
    ],
)
def test_an_inspection_only_weighed_against_a_visit_is_not_a_visit(text):
    assert [v.kind for v in extract(text).visits] != ["inspection"]
    assert all(v.kind != "inspection" for v in extract(text).visits)


@pytest.mark.parametrize(
    "text",
    [
        "The report set out progress in responding to the Single Inspection of Children's Social Care in "
        "November 2016.",
        "Minutes:\n\nSince the SIF inspection in November 2016 the service had recruited 20 social workers, "
        "the Ofsted report noted.",
    ],
)
def test_an_inspection_under_the_single_inspection_framework_is_an_inspection(text):
    visit = one(extract(text).visits)
    assert (visit.kind, visit.start) == ("inspection", "2016-11")


def test_the_single_inspection_framework_itself_is_not_a_visit():
    assert extract("The Committee compared the single inspection framework with ILACS.").visits == []


@pytest.mark.parametrize(
    "text",
    [
        "Agenda item\nOfsted Monitoring Visit Feedback\nReport and Ofsted letter to follow on 20 March 2025.\n"
        "Minutes:\nThe report was noted.",
        "Agenda item\n\nImprovement Plan\n\nTo receive an update by 4 June 2024.\n\nMinutes:\n\nThe update was noted.",
    ],
)
def test_an_agenda_items_purpose_line_does_not_date_the_meeting(text):
    assert extract(text).meeting.date is None


@pytest.mark.parametrize(
    "text",
    [
        "The Director reported on the recent focused visit. Three areas for improvement were identified by "
        "inspectors, and these were set out in the letter from Ofsted:\n"
        "·  The timeliness of assessments for children in need;\n"
        "·  The quality of supervision;\n"
        "·  Recording of the child's voice.\n",
        "Minutes:\n\nThree areas for improvement were found at the inspection, all of them already in the "
        "council's own self-assessment:\n"
        "- The timeliness of assessments for children in need\n"
        "- The quality of supervision\n"
        "- Recording of the child's voice\n",
    ],
)
def test_areas_for_improvement_after_a_long_introduction_are_recommendations(text):
    recs = extract(text).recommendations
    assert [r.text.rstrip(".;") for r in recs] == [
        "The timeliness of assessments for children in need",
        "The quality of supervision",
        "Recording of the child's voice",
    ]


# --- measure names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name, value",
    [
        ("Timeliness of assessments had dropped slightly, from 90% to 86%.", "Timeliness of assessments", 86),
        (
            "Minutes:\n\nThe Director said that placement stability had improved, from 64% to 71%, since April.",
            "placement stability",
            71,
        ),
    ],
)
def test_a_change_told_in_its_own_clause_is_named_by_what_changed(text, name, value):
    measure = one(extract(text).measures)
    assert (measure.name, measure.value) == (name, value)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Re-referral rates remained high at 27%.", "Re-referral rates"),
        ("Minutes:\n\nReference was made to the 35 additional social work posts.", "additional social work posts"),
    ],
)
def test_a_measure_name_leaves_out_the_words_around_it(text, name):
    assert one(extract(text).measures).name == name
