"""Visits and their judgements as real minutes, reports and news pages write them.

Each rule is tested in two layouts: the prose of a minute or a report, and a second one
(bullets, numbered paragraphs, a news page with short lines, a heading and its item)."""

import pytest

from improvement.extraction import extract


def visits(text, meeting_date=None):
    return [(v.kind, v.start, v.end, v.judgement) for v in extract(text, meeting_date=meeting_date).visits]


def one(items):
    assert len(items) == 1, items
    return items[0]


# --- coreference: "the inspection", "the visit", "inspectors" are the visit last named ----


@pytest.mark.parametrize(
    "text",
    [
        "Members received the outcome of the Ofsted focused visit. The visit took place between 8 and 12 July and "
        "looked at children in need.",
        "Ofsted focused visit\n\n- The report of the focused visit was presented.\n- The visit took place between 8 "
        "and 12 July.\n- Inspectors looked at children in need.",
    ],
)
def test_a_generic_mention_with_dates_gives_them_to_the_visit_last_named(text):
    visit = one(extract(text, meeting_date="2024-09-10").visits)
    assert (visit.kind, visit.start, visit.end) == ("focused_visit", "2024-07-08", "2024-07-12")


@pytest.mark.parametrize(
    "text",
    [
        "An Ofsted report following the second monitoring visit was published. Ofsted inspectors visited earlier this "
        "month and reviewed the progress made for care leavers.",
        "SECOND MONITORING VISIT\nOfsted inspectors visited earlier this month.\nThey reviewed the progress made "
        "for care leavers.",
    ],
)
def test_inspectors_who_visited_this_month_date_the_visit_from_the_meeting(text):
    visit = one(extract(text, meeting_date="2021-05-20").visits)
    assert (visit.kind, visit.ordinal, visit.start) == ("monitoring_visit", 2, "2021-05")


@pytest.mark.parametrize(
    "text",
    [
        "Since the last inspection the service has recruited more permanent staff.",
        "• Caseloads have fallen since the last inspection.\n• Staff turnover is lower than at the initial inspection.",
    ],
)
def test_a_passing_reference_to_an_earlier_inspection_is_not_a_visit(text):
    assert extract(text, meeting_date="2024-01-10").visits == []


@pytest.mark.parametrize(
    "text",
    [
        "The council's first monitoring visit took place in March and focused on the front door. Reflecting on "
        "Ofsted's March inspection, the Director said the findings were fair.",
        "First monitoring visit (March)\nThe monitoring visit took place in March.\nOfsted's March inspection found "
        "progress in the front door.",
    ],
)
def test_an_inspection_named_by_the_month_of_a_visit_is_that_visit(text):
    assert visits(text, meeting_date="2023-05-04") == [("monitoring_visit", "2023-03", None, None)]


# --- which dates belong to a visit -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Chair explained that the full inspection report had been published by Ofsted on Tuesday 4th June 2019. "
        "Ofsted had judged the council to be good overall.",
        "Ofsted inspection report\n- The report was embargoed until publication on the 2nd July 2019.\n- Letter dated "
        "3 July 2019.\n- The inspection judged the council's services for children as 'good'.",
    ],
)
def test_publication_embargo_and_letter_dates_are_not_visit_dates(text):
    assert visits(text) == [("inspection", None, None, "good")]


@pytest.mark.parametrize(
    "text",
    [
        "The report updated Cabinet on the 2017 Ofsted inspection action plan and on the response to the Family Court "
        "judgment on 14th March.",
        "1. Update on the 2017 Ofsted inspection action plan.\n2. Response to the High Court judgment of 14 March 2019 "
        "and the 2017 Ofsted inspection.",
    ],
)
def test_a_court_date_is_not_a_visit_date_and_a_year_alone_gives_no_start(text):
    assert visits(text, meeting_date="2019-06-01") == [("inspection", None, None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Ofsted carried out a re-inspection this spring, which followed the previous inspection.",
        "Re-inspection\nOfsted re-inspected children's services this spring.",
    ],
)
def test_a_season_gives_no_start(text):
    assert [(k, s) for k, s, _, _ in visits(text, meeting_date="2019-07-01")] == [("inspection", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The ILACS inspection concluded on 18th May 2023 and was carried out in May 2023.",
        "Inspection of children's services\n- Ofsted's inspection concluded on 18 May 2023.\n- The inspection of "
        "children's services took place in May 2023.",
    ],
)
def test_concluded_on_gives_the_end_and_the_month_the_start(text):
    assert visits(text, meeting_date="2023-07-11") == [("inspection", "2023-05", "2023-05-18", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The findings of the third monitoring visit were noted. The next Ofsted monitoring visit will take place on "
        "3 and 4 June 2021. Cabinet would review progress in September 2021 on the findings from the June 2021 "
        "Ofsted monitoring visit.",
        "1. That the findings of the third Ofsted Monitoring Visit be noted.\n2. That Cabinet review progress in "
        "September 2021 following the June 2021 monitoring visit.\nThe next monitoring visit will take place on 3 "
        "and 4 June 2021.",
    ],
)
def test_a_planned_visit_is_not_the_earlier_one_and_a_review_date_is_not_a_visit_date(text):
    found = [(v.kind, v.start, v.ordinal) for v in extract(text, meeting_date="2021-03-02").visits]
    assert ("monitoring_visit", "2021-06-03", None) in found
    assert ("monitoring_visit", None, 3) in found
    assert all(start is None or not start.startswith("2021-09") for _, start, _ in found)


# --- kinds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hartside children's services had been re-inspected by Ofsted between 2nd and 13th October 2017.",
        "Children's services were inspected by OFSTED between 2nd and 13th October 2017 (a full re-inspection).",
    ],
)
def test_inspected_and_re_inspected_name_an_inspection(text):
    assert visits(text) == [("inspection", "2017-10-02", "2017-10-13", None)]


@pytest.mark.parametrize(
    "text",
    [
        "A Joint Target Area Inspection of the response to neglect took place in February 2022.",
        "JOINT TARGETED AREA INSPECTION\nThe joint targeted area inspection, in February 2022, looked at neglect.",
    ],
)
def test_a_joint_target_area_inspection_is_a_jtai(text):
    assert visits(text) == [("jtai", "2022-02", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "The Director gave an update on the SEND revisit inspection carried out from 10-12 May 2022.",
        "b. Ofsted and CQC area SEND revisit: 10-12 May 2022\nThe revisit found sufficient progress in two areas.",
    ],
)
def test_a_send_area_revisit_is_kind_other(text):
    assert visits(text) == [("other", "2022-05-10", "2022-05-12", None)]


@pytest.mark.parametrize(
    "text",
    [
        "That the findings from the recent Children's Commissioner Visit be noted.",
        "Children's services have been overseen by a commissioner appointed by the Department for Education. The "
        "commissioner's review made four recommendations.",
    ],
)
def test_a_commissioners_visit_or_review_is_kind_other(text):
    assert [k for k, _, _, _ in visits(text)] == ["other"]


# --- judgements as the genre writes them -----------------------------------------------------


@pytest.mark.parametrize(
    "text, grade",
    [
        ("Following a full inspection by Ofsted in March 2024, the council has retained its 'Good' rating.", "good"),
        ("Ofsted inspection, March 2024\n- The outcome was 'Requires Improvement'.", "requires_improvement"),
        (
            "The recent Ofsted inspection, in March 2024, was judged to \u201cRequire Improvement\u201d.",
            "requires_improvement",
        ),
        (
            "- The Ofsted inspection in March 2024.\n- That the overall judgement of this inspection was that the "
            "service required improvement, with some areas judged good.",
            "requires_improvement",
        ),
        (
            "In March 2024 children's services were inspected by Ofsted with a judgement of \u201cRequires "
            "Improvement to be Good\u201d.",
            "requires_improvement",
        ),
        (
            "Ofsted's inspection in March 2024 found that services for children have remained outstanding in their "
            "overall effectiveness.",
            "outstanding",
        ),
        ("- The local authority received 'Outstanding' in all areas at its inspection in March 2024.", "outstanding"),
        (
            "Inspectors concluded that overall, the council's children's services remain inadequate (inspection of "
            "March 2024).",
            "inadequate",
        ),
    ],
)
def test_overall_judgements_in_their_genre_wordings(text, grade):
    assert visits(text) == [("inspection", "2024-03", None, grade)]


@pytest.mark.parametrize(
    "text",
    [
        "The report said there has been progress since Ofsted downgraded the service to \u201cRequires "
        "Improvement\u201d in May 2023.",
        "Ofsted downgraded the service to 'Requires Improvement' in May 2023.\nThe council has since set up a board.",
    ],
)
def test_a_judgement_by_ofsted_without_the_word_inspection_is_an_inspection(text):
    assert visits(text, meeting_date="2023-11-01") == [("inspection", "2023-05", None, "requires_improvement")]


@pytest.mark.parametrize(
    "text",
    [
        "In October 2022 the council was inspected under the ILACS framework. The overall judgement was 'Good'. The "
        "service was previously judged as 'requires improvement' in 2018.",
        "1.1 In October 2022 the council was inspected under the ILACS framework.\n1.2 The overall judgement was "
        "'Good'.\n1.3 The service was previously judged as 'requires improvement' in 2018.",
    ],
)
def test_an_earlier_judgement_is_an_earlier_inspection_not_the_later_visits(text):
    assert visits(text, meeting_date="2023-01-20") == [
        ("inspection", None, None, "requires_improvement"),
        ("inspection", "2022-10", None, "good"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ofsted rated the council as good overall at a full inspection last month, after telling the authority it "
        "required improvement in 2016 and rating it as inadequate seven years ago.",
        "Full inspection: good overall\nOfsted rated the council as good overall at a full inspection last month, "
        "after telling the authority it required improvement in 2016 and rating it as inadequate seven years ago.",
    ],
)
def test_each_judgement_with_its_own_time_is_its_own_inspection(text):
    assert sorted(j for _, _, _, j in visits(text)) == ["good", "inadequate", "requires_improvement"]


@pytest.mark.parametrize(
    "text",
    [
        "Since the last full inspection in 2019, Ofsted has found that services for children have remained "
        "outstanding.",
        "\u00d8 That since the last full inspection of the council in 2019, Ofsted has found that services have "
        "remained outstanding in their overall effectiveness.\n\u00d8 The recent inspection of children's services was "
        "discussed.",
    ],
)
def test_remained_outstanding_grades_both_the_recent_and_the_earlier_inspection(text):
    found = visits(text)
    assert len(found) == 2 and all(j == "outstanding" for _, _, _, j in found)
    assert all(start is None for _, start, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "The Ofsted re-inspection took place between 3 and 14 June 2019. Inspectors concluded that overall, "
        "services remain inadequate.\n1. Children who need help and protection: Inadequate\n2. Adoption "
        "performance: Good\n3. Leadership, management and governance: Requires improvement",
        "Ofsted rated leadership and services for care leavers as good, while the re-inspection between 3 and 14 June "
        "2019 judged the council to be inadequate overall.",
    ],
)
def test_area_grades_are_not_the_overall_judgement(text):
    assert visits(text) == [("inspection", "2019-06-03", "2019-06-14", "inadequate")]


@pytest.mark.parametrize(
    "text",
    [
        "The council was judged to be good overall and outstanding for the experiences and progress of children in "
        "care at its inspection in January 2024.",
        "Ofsted inspection, January 2024\n- Overall effectiveness: judged to be good overall.\n- Outstanding for "
        "the experiences and progress of children in care.",
    ],
)
def test_an_outstanding_area_is_not_the_overall_good(text):
    assert visits(text) == [("inspection", "2024-01", None, "good")]


@pytest.mark.parametrize(
    "text",
    [
        "The Board noted that a number of areas required improvement following the ILACS inspection in June 2023.",
        "ILACS inspection, June 2023\n- A number of areas required improvement.\n- Backed by outstanding practice in "
        "the front door.",
    ],
)
def test_areas_requiring_improvement_are_not_an_overall_grade(text):
    assert visits(text) == [("inspection", "2023-06", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Her decision comes six months after the service was branded \u201cinadequate\u201d by Ofsted inspectors. "
        "There had been improvements following the 2010 Ofsted inspection, when the service was",
        "The service was branded 'inadequate' by Ofsted inspectors six months ago.\nThere had been improvements "
        "after the 2010 Ofsted inspection.",
    ],
)
def test_an_inspection_by_its_year_is_not_the_one_judged_months_ago(text):
    found = visits(text, meeting_date="2019-07-23")
    assert sorted(j or "" for _, _, _, j in found) == ["", "inadequate"]
    assert all(start is None for _, start, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "The Chair congratulated the Board on the outcome of the Local Safeguarding Children Board Ofsted Inspection. "
        "The officer then presented the recent Ofsted Inspection which was judged to \u201cRequire Improvement\u201d.",
        "LSCB\nThe outcome of the Ofsted inspection of the Local Safeguarding Children Board was welcomed.\n"
        "Children's services\nThe recent Ofsted Inspection was judged to 'Require Improvement'.",
    ],
)
def test_an_inspection_of_another_body_is_another_visit(text):
    found = extract(text).visits
    assert sorted((v.judgement or "", bool(v.focus and "Board" in v.focus)) for v in found) == [
        ("", True),
        ("requires_improvement", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The thematic inspection of exploitation found common themes. Ofsted inspectors found the council was "
        "unable to protect children.",
        "Monitoring visit\nThe monitoring visit took place on 2 and 3 May 2023. Inspectors found that practice was "
        "inadequate in places.",
    ],
)
def test_visits_other_than_inspections_are_not_graded(text):
    assert all(v.judgement is None for v in extract(text, meeting_date="2023-06-01").visits)


# --- order ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The monitoring visit on 5 and 6 June 2023 was the third since the council was judged inadequate in "
        "April 2022.",
        "- Monitoring visit: 5 and 6 June 2023, the third since the council was judged inadequate in April 2022.",
    ],
)
def test_visits_run_oldest_first(text):
    assert [(k, s) for k, s, _, _ in visits(text, meeting_date="2023-07-01")] == [
        ("inspection", "2022-04"),
        ("monitoring_visit", "2023-06-05"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Following its Ofsted inspection in March 2023, the council moved from 'requires improvement' to 'good'.",
        "Ofsted inspection (March 2023)\nChildren's services in the borough were judged Good by Ofsted.",
    ],
)
def test_moved_to_a_grade_and_a_judged_subject_with_a_place_are_overall(text):
    assert visits(text, meeting_date="2023-06-14") == [("inspection", "2023-03", None, "good")]


@pytest.mark.parametrize(
    "text",
    [
        "The Ofsted inspection in March 2023 rated the council inadequate. It hopes to follow Northby Council which "
        "was rated 'Good' in August.",
        "- Ofsted's inspection in March 2023: the council was rated inadequate.\n- Neighbouring Northby Council, "
        "which was judged outstanding in May, has offered support.",
    ],
)
def test_another_councils_grade_is_not_a_visit(text):
    assert visits(text, meeting_date="2023-10-04") == [("inspection", "2023-03", None, "inadequate")]


@pytest.mark.parametrize(
    "text",
    [
        "The Committee considered the focused visit letter at its meeting on 5 March 2024. The focused visit took "
        "place on 30 and 31 January 2024.",
        "Focused visit\n- The focused visit took place on 30 and 31 January 2024.\n- Members discussed the focused "
        "visit report, presented to the meeting on 5 March 2024.",
    ],
)
def test_a_meeting_that_considered_the_visit_neither_dates_it_nor_is_its_focus(text):
    found = extract(text, meeting_date="2024-04-10").visits
    assert [(v.kind, v.start, v.end, v.focus) for v in found] == [("focused_visit", "2024-01-30", "2024-01-31", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The school was judged outstanding at its Ofsted inspection in May. Most schools were judged good by Ofsted.",
        "Children's homes\n- The council's children's home was rated good by Ofsted in its inspection on 3 May 2023.",
    ],
)
def test_a_schools_or_a_homes_inspection_is_not_one_of_the_councils_visits(text):
    assert extract(text, meeting_date="2023-06-10").visits == []


@pytest.mark.parametrize(
    "text",
    [
        "The focused visit was carried out in November and looked at care leavers.",
        "- Focused visit (November): inspectors looked at care leavers.\n- The focused visit was in November.",
    ],
)
def test_a_past_month_after_the_meetings_month_is_last_year(text):
    assert visits(text, meeting_date="2022-02-01") == [("focused_visit", "2021-11", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Anytown Council has been rated 'Good' by Ofsted, up from 'Requires Improvement' in 2018.",
        "OFSTED RESULT\nChildren's services were judged good by Ofsted in March 2023,\nup from requires improvement at "
        "the last inspection in 2018.",
    ],
)
def test_up_from_a_grade_in_a_year_is_the_earlier_inspection(text):
    found = visits(text, meeting_date="2023-06-01")
    assert sorted(j for _, _, _, j in found) == ["good", "requires_improvement"]
    assert [j for _, s, _, j in found if s is None and j == "requires_improvement"]


@pytest.mark.parametrize(
    "text",
    [
        "Improvements were noted at a recent Ofsted monitoring visit. During the visit, which was the fourth since the "
        "council was judged inadequate, inspectors reviewed the family help service.",
        "Ofsted monitoring visit\n- During the visit, which was the fourth since the council was judged inadequate, "
        "inspectors reviewed the family help service.",
    ],
)
def test_the_visit_which_was_the_fourth_since_gives_the_ordinal_and_the_focus_after_the_since_clause(text):
    visit = next(v for v in extract(text, meeting_date="2024-02-01").visits if v.kind == "monitoring_visit")
    assert (visit.ordinal, visit.focus) == (4, "family help service")


@pytest.mark.parametrize(
    "text",
    [
        "The second Ofsted monitoring visit took place between 4-5 March 2019 and cases examined were chosen before "
        "that date. Inspectors reviewed progress for care leavers.",
        "- The second monitoring visit took place on 4 and 5 March 2019; cases examined were chosen before then.\n"
        "- Inspectors reviewed progress for care leavers.",
    ],
)
def test_examined_with_no_object_is_not_a_focus(text):
    visit = one(extract(text, meeting_date="2019-04-01").visits)
    assert (visit.ordinal, visit.focus) == (2, "progress for care leavers")


@pytest.mark.parametrize(
    "text",
    [
        "It was reported that Ofsted conducted a standard inspection under the ILACS framework from 2 March to 13 "
        "March 2020. Northby was deemed to 'require improvement to be good' across all areas.",
        "ILACS inspection: 2 March to 13 March 2020\n- The resultant Ofsted judgement from that inspection was one of "
        "'Requires Improvement'.",
    ],
)
def test_a_place_deemed_a_grade_and_a_judgement_that_was_one_of_a_grade(text):
    assert visits(text, meeting_date="2020-07-30") == [
        ("inspection", "2020-03-02", "2020-03-13", "requires_improvement")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Children's social care was last the subject of a full Ofsted ILACS inspection in February and March of 2019.",
        "- Last full Ofsted inspection (ILACS): in February of 2019.",
    ],
)
def test_months_of_a_year_take_that_year_not_the_meetings(text):
    assert [(k, s) for k, s, _, _ in visits(text, meeting_date="2023-05-17")] == [("inspection", "2019-02")]


@pytest.mark.parametrize(
    "text",
    [
        "Following a focused visit on 7 and 8 December, Ofsted said there had been little progress since its last "
        "inspection in March 2020. At the time, the inspectorate handed down its second lowest rating, judging its "
        "children's services as \u201crequires improvement to be good\u201d.",
        "- Focused visit: 7 and 8 December.\n- Little progress since the last Ofsted inspection in March 2020.\n- "
        "At the time Ofsted judged the council's services as 'requires improvement to be good'.",
    ],
)
def test_at_the_time_the_grade_is_the_inspection_last_named(text):
    found = extract(text).visits
    assert [(v.kind, v.start, v.judgement) for v in found if v.kind == "inspection"] == [
        ("inspection", "2020-03", "requires_improvement")
    ]
    assert [v.judgement for v in found if v.kind == "focused_visit"] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Ofsted commended the council, rated inadequate in 2018, for its support to care leavers.",
        "News\nOfsted praised Northby council, rated inadequate in 2018, for its work with care leavers.",
    ],
)
def test_a_grade_in_apposition_to_the_council_is_an_inspection_of_that_year(text):
    assert visits(text) == [("inspection", None, None, "inadequate")]


@pytest.mark.parametrize(
    "text",
    [
        " date 2024-03-22 The council was ordered to improve after an Ofsted inspection in November found serious "
        "failings.",
        "date 2024-03-22\nThe council was ordered to improve after an Ofsted inspection in November found "
        "serious failings.",
    ],
)
def test_a_dateline_is_not_the_visit_date(text):
    assert [s for _, s, _, _ in visits(text, meeting_date="2024-03-22")] == ["2023-11"]


@pytest.mark.parametrize(
    "text",
    [
        "The new Ofsted inspection has concluded that practice has improved. That previous inspection had classed "
        "services as 'inadequate'. Their overall verdict was that services 'require improvement to be good'.",
        "- That previous Ofsted inspection had classed services as 'inadequate'.\n- The new inspection has concluded "
        "that practice has improved.\n- The overall verdict: services 'require improvement to be good'.",
    ],
)
def test_new_and_previous_in_the_kind_words_tell_the_two_inspections_apart(text):
    found = extract(text).visits
    assert sorted(v.judgement for v in found) == ["inadequate", "requires_improvement"]


@pytest.mark.parametrize(
    "text",
    [
        "The Sub-Committee was presented with the findings from the Ofsted focused visit in May 2021 and an outline of "
        "next steps. There were no priority actions, which would have indicated concerns.",
        "OFSTED VISIT FEEDBACK\n- Findings of the Ofsted focused visit in May 2021.\n- Next steps were outlined.",
    ],
)
def test_next_steps_do_not_make_a_past_visit_planned(text):
    visit = one(extract(text, meeting_date="2021-07-06").visits)
    assert (visit.kind, visit.start, visit.planned, visit.priority_action) == ("focused_visit", "2021-05", False, False)


@pytest.mark.parametrize(
    "text",
    [
        "Members asked how the service was preparing. The next Ofsted monitoring visit would focus on care leavers.",
        "- Forthcoming monitoring visit: it is expected to look at care leavers.",
    ],
)
def test_the_next_visit_is_planned(text):
    assert one(extract(text, meeting_date="2021-07-06").visits).planned is True


@pytest.mark.parametrize(
    "text",
    [
        "The next ILACS inspection is expected between January and March 2024.",
        "- Next Ofsted inspection: expected in late February or early March.",
    ],
)
def test_a_window_of_months_gives_a_planned_visit_no_start(text):
    visit = one(extract(text, meeting_date="2023-11-10").visits)
    assert (visit.kind, visit.start, visit.planned) == ("inspection", None, True)


@pytest.mark.parametrize(
    "text",
    [
        "Engagement was judged outstanding by members following the Ofsted inspection in June 2023.",
        "Ofsted inspection, June 2023\n- Attendance was judged good by the panel.",
    ],
)
def test_a_capitalised_word_judged_a_grade_without_quotes_is_not_the_council(text):
    assert visits(text, meeting_date="2023-11-10") == [("inspection", "2023-06", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "At the ILACS inspection in May 2022 the council was judged RI overall.",
        "- ILACS inspection (May 2022): Ofsted rated the council 'RI'.",
    ],
)
def test_ri_is_requires_improvement(text):
    assert visits(text, meeting_date="2022-09-01") == [("inspection", "2022-05", None, "requires_improvement")]


@pytest.mark.parametrize(
    "text",
    [
        "The focused visit on 20 and 21 February 2024 looked at children in need. Inspectors found that since the "
        "local authority was last inspected, in 2022, support has strengthened.",
        "- Ofsted focused visit: 20 and 21 February 2024.\n- Since the council was last inspected in 2022, support for "
        "children in need has strengthened.",
    ],
)
def test_was_last_inspected_in_a_year_is_an_undated_earlier_inspection(text):
    assert visits(text, meeting_date="2024-04-10") == [
        ("inspection", None, None, None),
        ("focused_visit", "2024-02-20", "2024-02-21", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The authority has been judged as 'Requires Improvement to be Good' following Ofsted's inspection in June.",
        "- Following Ofsted's inspection in June, the council has been rated 'Requires Improvement to be Good'.",
    ],
)
def test_a_month_after_the_meetings_in_the_present_perfect_is_last_year(text):
    visit = one(extract(text, meeting_date="2024-01-20").visits)
    assert (visit.start, visit.judgement, visit.planned) == ("2023-06", "requires_improvement", False)


@pytest.mark.parametrize(
    "text",
    [
        "After the Ofsted inspection in May 2022, the ambition is for the service to be good at the next inspection.",
        "Ofsted inspection (May 2022)\n- The council is working towards its services being judged outstanding.",
    ],
)
def test_a_goal_is_not_a_judgement(text):
    assert visits(text, meeting_date="2022-09-01") == [("inspection", "2022-05", None, None)]
