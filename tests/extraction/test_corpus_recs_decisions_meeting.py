"""Recommendations, decisions and the meeting block as real pages write them (issue 11): each rule
in at least two layouts - minutes, ModernGov pages, news reports and press releases."""

import pytest

from improvement.extraction import extract
from improvement.extraction.meeting import find_authority, find_meeting

# --- authority: the council the text names ------------------------------------------------


@pytest.mark.parametrize(
    "text, authority",
    [
        # a named council in a news report's prose
        (
            "Ofsted inspectors have today recognised improvements. Fenbridge City Council and partner agencies "
            "acknowledged the shortcomings.",
            "Fenbridge City Council",
        ),
        # a council's name as the page header
        (
            "Marlow-on-Wye Borough Council\n\nView Cabinet Decision Record\n\nCabinet Decision: 7th March 2019",
            "Marlow-on-Wye Borough Council",
        ),
        # "City of <Place> Council" inside minutes
        ("The action plan would be owned by Ofsted and City of Eldham Council (CEC).", "City of Eldham Council"),
        # several words, "and"
        ("Bath and Upper Vale Council was inspected between 7 and 18 March 2022.", "Bath and Upper Vale Council"),
        # a lower-case "council" after the place
        ("Ofsted rated Harnley council as good overall at a full inspection last month.", "Harnley Council"),
        # "London Borough of <Place>" with no "Council"
        ("The London Borough of Ashgrove welcomed the report.", "London Borough of Ashgrove"),
        # the page's council is the one named most often, not a commissioner's council
        (
            "Harbay Council has been judged inadequate. A commissioner from Wessex County Council was appointed. "
            "Harbay Council staff were interviewed.",
            "Harbay Council",
        ),
    ],
)
def test_the_council_the_text_names(text, authority):
    assert find_authority(text) == authority
    assert extract(text).meeting.authority == authority


@pytest.mark.parametrize(
    "text, authority",
    [
        ("Oldbury's failing children's services will stay under council control.", "Oldbury Council"),
        (
            "4.1 In November 2019, Eastmoor Children’s Services was inspected under the ILACS framework.",
            "Eastmoor Council",
        ),
        ("Items raised by Wrayford Local Safeguarding Children’s Board would be a standard item.", "Wrayford Council"),
        ("The Council vision is that every child in Hallam should have the best start in life.", "Hallam Council"),
        ("b. Ofsted Joint area SEND revisit in Kelby: 4-6 October 2022", "Kelby Council"),
        ("It was noted that only a small number of these were under Dunholm’s scope.", "Dunholm Council"),
    ],
)
def test_only_the_place_named_gives_place_council(text, authority):
    assert find_authority(text) == authority


@pytest.mark.parametrize(
    "text",
    [
        "The Chair referred to the recent Ofsted Inspection of Children’s Services and the Council's response.",
        "Venue: Committee Room 4 - Civic Centre, High Street, Uxbridge UB8 1UW.\nThe County Council agreed.",
        "The Children in Care Council and the Youth Council met the Director. Council Tax was not discussed.",
        "The Health and Care Professions Council registers social workers; children in England wait longer.",
        "Professor Munro reported. Munro's review found that caseloads of 15 were recommended.",
        "Sefton, Liverpool and Halton councils are judged to be failing; Torbay and Plymouth Councils agreed.",
        "Inspection of Local Authority Children's Services (ILACS) found that Councillor Smith's ward improved.",
    ],
)
def test_no_council_named_is_null(text):
    assert find_authority(text) is None


def test_an_authority_given_by_the_caller_wins():
    text = "Fenbridge City Council was inspected."
    assert extract(text, authority="Other Council").meeting.authority == "Other Council"


# --- meeting date and committee -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso, committee",
    [
        (
            "Agenda item\nOFSTED Inspection Report\n- Meeting of Children, Adults, Health and Wellbeing Policy "
            "Development and Scrutiny Panel, Monday 13th October 2025 9.30 am (Item 47.)\n- View the background to "
            "item 47.\nMinutes:\nx",
            "2025-10-13",
            "Children, Adults, Health and Wellbeing Policy Development and Scrutiny Panel",
        ),
        (
            "• Meeting of the Corporate Parenting Board, Tuesday 4 June 2019\n\nMinutes:\nThe Board noted the report.",
            "2019-06-04",
            "Corporate Parenting Board",
        ),
    ],
)
def test_a_bulleted_meeting_line(text, iso, committee):
    assert find_meeting(text) == (iso, committee)


@pytest.mark.parametrize(
    "text",
    [
        "Agenda item\nChair's Business\na. Jo Bloggs, Kelby Older People’s Forum\nThe Chair thanked Jo.\n"
        "b. Ofsted Joint area SEND revisit in Kelby: 4-6 October 2022\nThe Director gave an update.",
        "Agenda item\n\nOfsted focused visit 11-12 May 2021\n\nThe Director of Children's Services presented "
        "the letter.",
    ],
)
def test_an_agenda_items_range_of_dates_is_not_the_meeting(text):
    assert find_meeting(text) == (None, None)


@pytest.mark.parametrize(
    "text, iso, committee",
    [
        (
            "Decision Maker: Cabinet\nDecision status: Recommendations Approved\n"
            + "Improve outcomes for children.\n" * 14
            + "Publication date: 08/03/2017\nDate of decision: 07/03/2017\nDecided at meeting: 07/03/2017 - Cabinet\n",
            "2017-03-07",
            "Cabinet",
        ),
        (
            "Issue - decisions\n\n"
            + "The plan was agreed.\n" * 15
            + "Decided at meeting: 12/05/2021 - Executive Board\n",
            "2021-05-12",
            "Executive Board",
        ),
    ],
)
def test_decided_at_meeting_footer(text, iso, committee):
    assert find_meeting(text) == (iso, committee)


@pytest.mark.parametrize(
    "text, iso",
    [
        (
            "5th March 2021\n\n\nOfsted inspection finds big improvement\n\n3 min read\n\nOfsted inspectors have today "
            "(Thursday 21 December 2017) recognised significant improvements to children's services.",
            "2017-12-21",
        ),
        (
            "Council welcomes Ofsted letter\n\nThe council announced today (Monday 3 June 2019) that inspectors had "
            "found progress.",
            "2019-06-03",
        ),
    ],
)
def test_a_release_dated_today_in_brackets(text, iso):
    assert find_meeting(text)[0] == iso


@pytest.mark.parametrize(
    "text, iso",
    [
        (" date 2025-06-02 Children’s services delivered by the council were found to be ‘Inadequate’.", "2025-06-02"),
        ("Published: Thursday, 29th March 2018\n\nAn Ofsted report following a fourth monitoring visit.", "2018-03-29"),
    ],
)
def test_news_datelines(text, iso):
    assert find_meeting(text)[0] == iso


def test_sidebar_post_dates_are_not_the_meeting():
    for text in (
        "Ofsted praises fostering service\n\nRecent posts\n3 March 2021 Council opens new library\n"
        "12 May 2021 Bin collections change\n\nInspectors found that children are well supported by carers.",
        "Related stories:\n14/02/2022 - Budget set for next year\n\nOfsted found that practice had improved in the "
        "service.",
    ):
        assert find_meeting(text)[0] is None


@pytest.mark.parametrize(
    "text, committee",
    [
        (
            "Agenda item\n\nOfsted Inspection Report\n\nTo receive a report from the Head of Democratic Services "
            "which invites the Scrutiny Board to consider the findings of the recent Ofsted inspection.",
            "Scrutiny Board",
        ),
        (
            "The Performance and Improvement Report, presented to the Children’s Services Overview and Scrutiny "
            "Committee (October 20), says that progress has been made.",
            "Children’s Services Overview and Scrutiny Committee",
        ),
        (
            "There would be a slight delay to ensure that members of the Children’s Services Overview and Committee "
            "were given the opportunity to comment. It was stated that the same report was presented to the "
            "Corporate Parenting Committee on Tuesday 5 July 2016.",
            "Children’s Services Overview and Committee",
        ),
        (
            "Report to:\n\nDate of meeting:\n\n05 March 2024\n\nCabinet is recommended to:\n\n1) Welcome the findings",
            "Cabinet",
        ),
        (
            "Issue - decisions\n\n28/01/2020 - Children's Improvement Update\n\n1. That Cabinet would review "
            "progress in May 2020 be agreed.\n\n[The decisions on this item can be called in by the Children Select "
            "Committee]",
            "Cabinet",
        ),
    ],
)
def test_the_committee_the_body_names(text, committee):
    assert find_meeting(text)[1] == committee


@pytest.mark.parametrize(
    "text",
    [
        "The report, which is due to be presented to Thursday’s Executive Board, gives an overview.",
        "It was stated that the same report was presented to the Corporate Parenting Committee on Tuesday 5 July 2016.",
        "This report presents the findings to the Panel. The Board received a report.",
    ],
)
def test_no_committee_named_for_this_meeting(text):
    assert find_meeting(text)[1] is None


@pytest.mark.parametrize(
    "header, committee",
    [
        (
            "(2020/21) Scrutiny Review Panel 2 (Children's Services Ofsted Improvements)\n8 Jul 2020 - 18:30 to 21:00",
            "Scrutiny Review Panel 2 (Children's Services Ofsted Improvements)",
        ),
        ("The former Rotherham Improvement Board - Friday 26 September 2014 2.00 p.m.", "Rotherham Improvement Board"),
        ("Marlow Borough Council\n\nView Cabinet Decision Record\n\nCabinet Decision: 7th March 2019", "Cabinet"),
        ("Headline about children\n21:22, 03 Dec 2025\nKelby Council Cabinet meeting(Image: Kelby Council)", "Cabinet"),
    ],
)
def test_committee_names_lose_site_furniture(header, committee):
    assert find_meeting(header + "\n\nMinutes:\nThe report was noted.")[1] == committee


# --- decisions ----------------------------------------------------------------------------


def kinds(text):
    return [d.kind for d in extract(text).decisions]


@pytest.mark.parametrize(
    "text, expected",
    [
        # ModernGov minutes print each resolution as its own paragraph, with no RESOLVED label
        (
            "Matters arising\n\nThe Director agreed to circulate further details.\n\n\nThat Sam Lee, Head of "
            "Children in Care encourage residential home managers to respond to visit requests.\n\n\nSchedule of "
            "outstanding matters\n\nThe Director advised that the figure had been added.\n\n\nThat the Schedule of "
            "Outstanding Matters report be noted.\n",
            ["other", "noted"],
        ),
        # a decision page numbers them
        (
            "Decision Maker: Cabinet\nDecision status: Recommendations Approved\n1) That the Children’s Improvement "
            "Plan, as attached at Appendix 1 of the considered report, be endorsed for submission by 9 March "
            "2017.\n2) That authority be delegated to the Director of Children’s Services to finalise the "
            "plan.\nReport author: A Person\n",
            ["approved", "agreed"],
        ),
        (
            "Issue - decisions\n\n28/01/2020 - Children's Improvement Update\n\n1.    That the findings from the "
            "fourth Ofsted Monitoring Visit be noted.\n\n2.    That the on-going scrutiny arrangements be reviewed "
            "and agreed.\n\nReason for decision:\n\nThe next visit will take place in April.",
            ["noted", "agreed"],
        ),
    ],
)
def test_resolutions_without_a_resolved_heading(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The following key points were made:\n\nØ  That since the last full inspection in 2018, Ofsted has found that "
        "services have remained outstanding.\n",
        "Officers explained the position.\n\nThat is why the service has invested in more social workers this year.\n",
        "Recommendations:\n\n1. That the Committee note the progress made on the improvement plan.\n"
        "2. That the Committee agree the revised timetable for the plan.\n",
        "Cabinet is recommended to:\n\nThat the findings of the inspection be welcomed by all members.\n",
    ],
)
def test_reported_findings_and_proposals_are_not_decisions(text):
    assert extract(text).decisions == []


@pytest.mark.parametrize(
    "text",
    [
        "5 Minutes\nResolved: That the Minutes of the meeting held on 28 April 2020 be approved as the correct record.",
        "Minutes of the previous meeting\n\n\nThat the minutes of the meeting held on 22 November 2018 be confirmed as "
        "correct record and signed by the Chair.\n",
        "It was agreed that:\n\nRESOLVED - That Item 6 be considered in Part II of the agenda.\n",
    ],
)
def test_procedural_resolutions_are_not_decisions(text):
    assert extract(text).decisions == []


@pytest.mark.parametrize(
    "text",
    [
        "The Executive Mayor and Cabinet, RESOLVED to;\n\n\n2.1 Note and consider the outcome of the "
        "inspection.\n\n\n2.2 Note that improvement plans will be reviewed and refreshed.\n\n\nThe Executive Mayor "
        "introduced the report.",
        "The Executive Mayor and Cabinet RESOLVED to; 2.1 Note and consider the outcome of the inspection; 2.2 Note "
        "that improvement plans will be reviewed.\n",
    ],
)
def test_a_body_resolved_to_numbered_items(text):
    decisions = extract(text).decisions
    assert [d.kind for d in decisions] == ["noted", "noted"]
    assert decisions[0].text.startswith("Note and consider") and decisions[1].text.startswith("Note that")


@pytest.mark.parametrize(
    "text",
    [
        "Publication date: 08/03/2017\nDate of decision: 07/03/2017\nDecided at meeting: 07/03/2017 - Cabinet\n",
        "Decided by: Executive Member for Children\nDecided on: 12 May 2021\n",
    ],
)
def test_decision_page_labels_are_not_decisions(text):
    assert extract(text).decisions == []


@pytest.mark.parametrize(
    "text",
    [
        "RESOLVED that a formal report on the Ofsted Inspection would be included in the agenda of the next meeting.",
        "Resolved:\n\nThat Alex Smith, Head of Service, encourage residential home managers to respond to requests.",
    ],
)
def test_a_resolution_with_no_noted_agreed_or_approved_verb_is_other(text):
    assert kinds(text) == ["other"]


# --- recommendations ----------------------------------------------------------------------


def rec_texts(text):
    return [r.text for r in extract(text).recommendations]


@pytest.mark.parametrize(
    "text",
    [
        (
            "Key points included:\n\n·       It was good that social workers knew their children well.\n\n·       "
            "There were a number of areas for improvement:\n\no   In terms of management of information, there were "
            "examples of better practice elsewhere.\n\no   Work had been done on the timeliness of plans and "
            "contacts.\n"
        ),
        (
            "The Director highlighted the following.\nØ  Caseloads were manageable.\nThe areas for improvement were:\n"
            "Ø  In terms of management of information, there were examples of better practice elsewhere.\n"
            "Ø  Work had been done on the timeliness of plans and contacts.\n\nMembers thanked the Director."
        ),
    ],
)
def test_areas_for_improvement_bullets_in_any_style(text):
    texts = rec_texts(text)
    assert len(texts) == 2
    assert "management of information" in texts[0] and "timeliness of plans" in texts[1]


@pytest.mark.parametrize(
    "text",
    [
        (
            "The focus of the monitoring visit was the front door. In particular, inspectors reviewed the progress "
            "made in the following areas of concern identified at the last inspection:\n\n  • The use of "
            "chronologies and the response to domestic violence.\n  • Support for unborn and very young "
            "children.\n  • The impact of quality assurance and management oversight on practice to avoid del"
        ),
        (
            "Children's Services had been inspected by OFSTED in January 2019. The areas identified as requiring "
            "improvement comprised –\n\n·           the use of chronologies and the response to domestic "
            "violence;\n\n·           support for unborn and very young children; and\n\n·           the impact of "
            "quality assurance and management oversight on practice.\n\nOFSTED had acknowledged the transformation."
        ),
    ],
)
def test_areas_of_concern_identified_by_the_inspection(text):
    recs = extract(text).recommendations
    assert len(recs) == 3
    assert "chronologies" in recs[0].text and "unborn" in recs[1].text and "management oversight" in recs[2].text
    assert all(not r.ref for r in recs)  # bullets carry no number
    assert not recs[1].text.endswith("and")


@pytest.mark.parametrize(
    "text",
    [
        "Members raised the following areas of concern:\n- parking at the civic centre\n- the budget timetable\n",
        (
            "The fifth monitoring visit took place between 10-11 January 2018. Inspectors reviewed progress in help "
            "and protection, with a focus on three themes:\n- the quality of plans and planning\n- the "
            "effectiveness of management oversight\n- the quality of edge of care work.\n"
        ),
        (
            "Ofsted inspectors visited earlier this month.\n\nIt also found that:\n\n  • Quality of care plans are "
            "still not consistently good\n  • There was effective use of fostering to adopt placements\n"
        ),
        "Inspectors also identified areas that the service needs to co",
    ],
)
def test_themes_findings_and_cut_off_heads_are_not_recommendations(text):
    assert extract(text).recommendations == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "- Areas for development: Return home interviews for missing children, clarity of the local offer for care "
            "leavers over 21, and management oversight documentation. It was acknowledged that the service was aware.",
            [
                "Return home interviews for missing children",
                "clarity of the local offer for care leavers over 21",
                "management oversight documentation",
            ],
        ),
        (
            "The letter set out areas for improvement: the timeliness of strategy discussions; the quality of "
            "return home interviews; and the recording of management oversight.",
            [
                "the timeliness of strategy discussions",
                "the quality of return home interviews",
                "the recording of management oversight",
            ],
        ),
    ],
)
def test_an_inline_list_after_a_head_in_the_same_sentence(text, expected):
    assert rec_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Progress against the areas for improvement were discussed by members at length.",
        "The area for improvement is being addressed through the new practice model.",
    ],
)
def test_a_head_without_items_is_not_a_recommendation(text):
    assert extract(text).recommendations == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Whilst work had slowed during the pandemic, the service could act quickly. One of the key areas for "
            "improvement was Children’s Voice, particularly in relation to the Care Plan. The plan would be owned "
            "by Ofsted.",
            "Children’s Voice, particularly in relation to the Care Plan",
        ),
        (
            "The focused visit letter was received in May.\n\nThe main area for development is the quality of "
            "return home interviews for missing children.",
            "the quality of return home interviews for missing children",
        ),
        (
            "However, insufficient progress had been made in relation to the remaining area of significant "
            "weakness, namely the fractured relationships with parents and carers and lack of co-production.",
            "the fractured relationships with parents and carers and lack of co-production",
        ),
        (
            "The SEND revisit found progress in four areas. The remaining area of weakness was the lack of "
            "co-production with parents and carers.",
            "the lack of co-production with parents and carers",
        ),
        (
            "The inspectors commented that the Trust showed commitment to improving services.\nHowever, they "
            "criticised the visibility of management oversight, which, they said, was not yet consistently evident.",
            "the visibility of management oversight",
        ),
        (
            "Ofsted criticised the pace of improvement in services for care leavers.",
            "the pace of improvement in services for care leavers",
        ),
        (
            "The lack of management oversight of strategy meetings was identified as an area for priority action by "
            "inspectors.",
            "The lack of management oversight of strategy meetings",
        ),
    ],
)
def test_one_area_or_criticism_in_prose(text, expected):
    assert rec_texts(text) == [expected]


def test_members_criticism_is_not_a_recommendation():
    assert extract("Members criticised the delay in publishing the budget report.").recommendations == []


@pytest.mark.parametrize(
    "text",
    [
        (
            "The panel noted the following:\n  • The Ofsted Inspection identified that the service needed to build "
            "longer term uninterrupted relationships with children as plans progressed, and to make sure all "
            "children got the right help quickly through better assessment of front line services.\n"
        ),
        (
            "Inspectors found that the local authority needs to build longer term uninterrupted relationships with "
            "children; to make sure all children got the right help quickly through better assessment of front line "
            "services."
        ),
    ],
)
def test_two_areas_in_one_bullet_or_sentence(text):
    texts = rec_texts(text)
    assert len(texts) == 2
    assert "uninterrupted relationships" in texts[0] and "front line services" in texts[1]


@pytest.mark.parametrize(
    "text",
    [
        "Points for immediate action:\n1. Strengthen management oversight of strategy meetings.\n2. Improve the "
        "timeliness of initial child protection conferences.\n",
        "The letter set out the points for immediate action:\n• Strengthen management oversight of strategy meetings.\n"
        "• Improve the timeliness of initial child protection conferences.\n",
    ],
)
def test_points_for_immediate_action(text):
    texts = rec_texts(text)
    assert len(texts) == 2 and "strategy meetings" in texts[0] and "child protection conferences" in texts[1]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Areas for development: Return home interviews for missing children, clarity of the local off",
            ["Return home interviews for missing children", "clarity of the local off"],
        ),
        (
            "- The local authority was judged good.\n- Areas for improvement: the timeliness of strategy discussions, "
            "the quality of return home interviews, management overs",
            ["the timeliness of strategy discussions", "the quality of return home interviews", "management overs"],
        ),
    ],
)
def test_an_inline_list_cut_off_by_the_page_end_keeps_its_items(text, expected):
    assert rec_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The council said today that it welcomed the report.\n\nThat would be welcomed by parents and carers "
        "across the area.\n",
        "Members discussed the plan.\n\nThat has been the position of the service since the last inspection.\n",
    ],
)
def test_a_sentence_starting_that_is_not_a_resolution(text):
    assert extract(text).decisions == []


@pytest.mark.parametrize(
    "text",
    [
        "The report will be presented to the Corporate Parenting Board next month.",
        "The findings are due to be reported to the Children's Scrutiny Committee in March.",
    ],
)
def test_a_committee_a_report_will_go_to_is_not_this_meeting(text):
    assert find_meeting(text)[1] is None


@pytest.mark.parametrize(
    "text, authority",
    [
        (
            "Torbay’s children’s services remain inadequate. A commissioner from Wessex County Council was appointed. "
            "Torbay’s children’s services were inspected by six inspectors, and children in Torbay wait too long. "
            "Torbay Local Safeguarding Children Board was also inspected.",
            "Torbay Council",
        ),
        (
            "Harbay Council has been judged inadequate. Harbay’s children’s services were re-inspected. "
            "A commissioner from Wessex County Council was appointed.",
            "Harbay Council",
        ),
    ],
)
def test_a_passing_council_does_not_displace_the_place_the_page_is_about(text, authority):
    assert find_authority(text) == authority


@pytest.mark.parametrize(
    "text, authority",
    [
        ("The East Riding of Yorkshire Council was inspected in May.", "East Riding of Yorkshire Council"),
        ("The Council of the Isles of Scilly agreed the plan.", "Council of the Isles of Scilly"),
        (
            "The report of the Director of Children’s Services of Kingston upon Hull City Council was noted.",
            "Kingston upon Hull City Council",
        ),
    ],
)
def test_places_of_several_words(text, authority):
    assert find_authority(text) == authority


@pytest.mark.parametrize(
    "text",
    [
        (
            "Decision details\n\nOfsted Inspection of Children's Services\n\nDecision Maker: "
            "Cabinet\n\nDecision:\n\nRESOLVED:\n\n1. That the outcome of the inspection be noted.\n\n2. That the "
            "improvement plan be approved.\n\nPublication date: 12/03/2023\n\nDate of decision: "
            "10/03/2023\n\nDecided at meeting: 10/03/2023 - Cabinet\n"
        ),
        (
            "Decision Maker: Cabinet\nPublication date: 12/03/2023\nDate of decision: 10/03/2023\n"
            "Decided at meeting: 10/03/2023 - Cabinet\n\n1) That the outcome of the inspection be noted.\n"
            "2) That the improvement plan be approved.\n"
        ),
    ],
)
def test_decision_details_page(text):
    facts = extract(text)
    assert (facts.meeting.date, facts.meeting.committee) == ("2023-03-10", "Cabinet")
    assert [d.kind for d in facts.decisions] == ["noted", "approved"]


@pytest.mark.parametrize(
    "text",
    [
        (
            " date 2024-03-22 The council was ordered to improve after an Ofsted inspection in November found "
            "“serious and widespread systemic failings” with some of its services for vulnerable children, the "
            "report said."
        ),
        "date 2024-03-22\n\nThe council was ordered to improve after an Ofsted inspection in November.",
    ],
)
def test_an_iso_dateline_of_any_length(text):
    assert find_meeting(text)[0] == "2024-03-22"


@pytest.mark.parametrize(
    "text, authority",
    [
        (
            "STOCKTON-ON-TEES BOROUGH COUNCIL\n\nCABINET\n\nThursday 7 March 2019\n\nMinutes:\nThe report was noted.",
            "Stockton-on-Tees Borough Council",
        ),
        (
            "CITY OF ELDHAM COUNCIL - CHILDREN'S SCRUTINY PANEL\n\nMinutes of the meeting held on 4 June 2019",
            "City of Eldham Council",
        ),
    ],
)
def test_a_council_named_in_a_capitals_header(text, authority):
    assert find_authority(text) == authority


@pytest.mark.parametrize(
    "header, committee",
    [
        ("People Cabinet Member – Minutes – 7 March 2013", "People Cabinet Member"),
        ("Corporate Parenting Board - Agenda and minutes - 4 June 2019", "Corporate Parenting Board"),
    ],
)
def test_a_page_kind_after_the_committee_is_dropped(header, committee):
    assert find_meeting(header + "\n\nThe schools had been inspected.")[1] == committee


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Inspectors said the council needs to improve the quality of plans for children in need.",
            ["improve the quality of plans for children in need"],
        ),
        (
            "The letter found leaders need to strengthen management oversight of strategy discussions, and to improve "
            "the recording of children's views.",
            ["strengthen management oversight of strategy discussions", "improve the recording of children's views"],
        ),
    ],
)
def test_what_inspectors_say_the_council_needs_to_do(text, expected):
    assert rec_texts(text) == expected


def test_a_need_too_short_to_name_an_area_is_not_a_recommendation():
    assert extract("Inspectors said the council needs to do more.").recommendations == []


@pytest.mark.parametrize(
    "header",
    ["Council news\nMonday 3rd June\n2019", "Ofsted letter published\n3 June\n2019\nBy a reporter"],
)
def test_a_dateline_split_before_its_year(header):
    text = header + "\n\nInspectors found that the service was improving and children were safer."
    assert find_meeting(text)[0] == "2019-06-03"


@pytest.mark.parametrize(
    "text",
    [
        "The Cabinet is asked to:\n\nThat the findings of the inspection be welcomed by all members.\n",
        "2. RECOMMENDATIONS\n\n2.1 That the Committee note the report.\n\nThat the improvement plan be approved.\n",
    ],
)
def test_a_report_asking_for_resolutions_is_not_one(text):
    assert extract(text).decisions == []


def test_bullets_from_a_pdf_private_use_font():
    text = (
        "The inspection identified the following areas for improvement:\n\uf0b7 The quality of return home "
        "interviews.\n\uf0b7 Management oversight of strategy discussions.\n"
    )
    assert rec_texts(text) == [
        "The quality of return home interviews.",
        "Management oversight of strategy discussions.",
    ]


def test_the_dry_run_json_carries_the_authority_the_text_names(tmp_path):
    import io
    import json

    from django.core.management import call_command

    (tmp_path / "release.txt").write_text(
        "Published: Thursday, 29th March 2018\n\nAn Ofsted report has found Fenbridge City Council is maintaining "
        "progress.\n",
        encoding="utf-8",
    )
    (tmp_path / "given.txt").write_text("Fenbridge City Council was inspected.\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_minutes", str(tmp_path / "release.txt"), "--dry-run", "--json", stdout=out)
    [doc] = json.loads(out.getvalue())["documents"]
    assert doc["meeting"] == {"date": "2018-03-29", "committee": None, "authority": "Fenbridge City Council"}
    out = io.StringIO()
    call_command(
        "import_minutes", str(tmp_path / "given.txt"), "--dry-run", "--json", "--authority", "Other Council", stdout=out
    )
    assert json.loads(out.getvalue())["documents"][0]["meeting"]["authority"] == "Other Council"


@pytest.mark.parametrize(
    "text",
    [
        "The service works with Barnardo’s staff and the NSPCC’s helpline. Specialist Children’s Services "
        "were praised.",
        "Children in Year 6 and families in Need were seen; the next review in Autumn will follow.",
    ],
)
def test_bodies_and_times_are_not_places(text):
    assert find_authority(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Areas for improvement: the quality of plans, including contingency plans, the timeliness of "
            "assessments, and management oversight.",
            [
                "the quality of plans, including contingency plans",
                "the timeliness of assessments",
                "management oversight",
            ],
        ),
        (
            "- Areas for development: return home interviews, particularly for children missing from care, the "
            "local offer and supervision.",
            ["return home interviews, particularly for children missing from care", "the local offer", "supervision"],
        ),
    ],
)
def test_a_qualifying_clause_stays_with_its_area(text, expected):
    assert rec_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "RESOLVED: That the minutes of the meeting held on 5 June 2023 be agreed.",
        "Minutes of the last meeting\n\nThat the minutes be approved and signed by the Chair.\n",
    ],
)
def test_approving_minutes_in_any_words_is_procedure(text):
    assert extract(text).decisions == []


def test_noting_another_bodys_minutes_is_a_decision():
    assert kinds("RESOLVED: That the minutes of the Corporate Parenting Board held on 5 June 2023 be noted.") == [
        "noted"
    ]
