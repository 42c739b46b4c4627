"""Rules of the genre found by reading pages of councils in neither the seeds nor the corpus (those pages
are not committed): each is written here as a snippet in two layouts, neither copied from a page."""

import pytest

from improvement.extraction import extract

# --- the council, when the page names only its place ------------------------------------------


@pytest.mark.parametrize(
    "text, authority",
    [
        ("8 Ofsted Update Report - Children's Services in Medway\n\nMinutes:\nThe report was noted.", "Medway Council"),
        ("Inspectors judged overall services in Coventry as requiring improvement.", "Coventry Council"),
        ("The visit looked at the experiences of care leavers across the City of London.", "City of London Council"),
        ("Ofsted found the Isle of Wight council inadequate in child protection.", "Isle of Wight Council"),
        ("Members welcomed Stockport's progress since the focused visit.", "Stockport Council"),
    ],
)
def test_a_known_place_named_alone_is_the_council(text, authority):
    assert extract(text).meeting.authority == authority


@pytest.mark.parametrize(
    "text",
    [
        "Reading the letter, members noted the progress made since the monitoring visit.",
        "Bolton Wanderers players visited the children's home.",  # a known place inside another name
        "The Director said the service would report back in March.",
    ],
)
def test_a_known_place_that_is_not_plainly_a_place_names_no_council(text):
    assert extract(text).meeting.authority is None


def test_a_council_named_in_full_wins_over_places_mentioned_in_passing():
    text = (
        "Sandwell Metropolitan Borough Council\n\nThe Director compared the service with those in Dudley and in "
        "Walsall, and with Sandwell Metropolitan Borough Council's own figures last year."
    )
    assert extract(text).meeting.authority == "Sandwell Metropolitan Borough Council"


# --- the committee ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, committee",
    [
        (
            "Agenda item\n\nImprovement Board\n\nBriefing Note of the Deputy Chief Executive (People)\n\nMinutes:\n"
            "The Scrutiny Board considered a briefing note on the improvement plan.",
            "Scrutiny Board",
        ),
        (
            "Agenda item\nChildren's Safeguarding Partnership Board update\nMinutes:\nThe Corporate Parenting "
            "Panel received the annual report of the partnership.",
            "Corporate Parenting Panel",
        ),
    ],
)
def test_an_item_pages_title_is_the_item_and_the_committee_is_the_one_that_considered_it(text, committee):
    assert extract(text).meeting.committee == committee


def test_an_item_title_with_a_board_in_it_and_no_committee_named_gives_none():
    text = "Agenda item\n\nChildren's Services Improvement Board\n\nReport by Chief Executive\n\nMinutes:\nNoted."
    assert extract(text).meeting.committee is None


@pytest.mark.parametrize(
    "text, committee",
    [
        ("Background:\nThis report provided the Cabinet with a progress update on improvement activity.", "Cabinet"),
        (
            "The report updated the Children and Young People Scrutiny Committee on the second monitoring visit.",
            "Children and Young People Scrutiny Committee",
        ),
        (
            "Members asked about the policy.\nRESOLVED – (a) That the Scrutiny Committee note the arrangements.",
            "Scrutiny Committee",
        ),
        (
            "Decisions\n1. That the Health and Wellbeing Board notes the partnership's annual report.",
            "Health and Wellbeing Board",
        ),
    ],
)
def test_the_committee_the_body_reports_to_or_resolves_as(text, committee):
    assert extract(text).meeting.committee == committee


def test_a_chief_executives_report_line_is_not_a_committee():
    text = "Report of the Chief Executive\n\nMinutes:\nThe Committee noted the report."
    assert extract(text).meeting.committee is None


# --- decisions and the actions they give -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Decision number: |\nDecision: |\nThe Cabinet noted the content of this report and the updated plan. |\n"
        "Reasons:\nTo inform the Cabinet.",
        "| Decision: |\n| The Panel noted the progress report on the improvement plan. |\n| Reasons: | To inform. |",
    ],
)
def test_a_decision_in_a_flattened_table_cell_is_one_decision(text):
    facts = extract(text)
    assert [(d.kind, d.text) for d in facts.decisions] == [("noted", d.text) for d in facts.decisions]
    assert len(facts.decisions) == 1 and not facts.decisions[0].text.endswith("|")


@pytest.mark.parametrize(
    "text",
    [
        "Decisions:\n\n17.1     The Committee considered a report by the Director on the terms of reference.\n\n"
        "17.2     A query was raised about the quorum and the Director said the wording would be adjusted.\n\n"
        "17.4     Resolved – That the revised terms of reference be endorsed.\n",
        "Decisions:\n5.1 Members received a presentation on the monitoring visit.\n"
        "5.2 Councillor Khan commented on the pace of change.\n5.3 RESOLVED: That the update be noted.\n",
    ],
)
def test_the_minute_around_a_decision_pages_resolution_is_not_a_decision(text):
    decisions = extract(text).decisions
    assert len(decisions) == 1
    assert decisions[0].kind in {"approved", "noted"}


@pytest.mark.parametrize(
    "text, owner",
    [
        (
            "RESOLVED –\n(1) That the report be noted;\n(2) That the Chief Executive, in consultation with the Leader "
            "of the Council and the Lead Councillor for Children's Services be authorised to appoint an Independent "
            "Chair of the Improvement Board;",
            "Chief Executive",
        ),
        (
            "Resolved:\n1. That the Director of Children's Services be authorised to agree the final wording of "
            "the improvement plan before it is sent to Ofsted.",
            "Director of Children's Services",
        ),
    ],
)
def test_a_role_authorised_to_act_is_an_agreed_decision_and_that_roles_action(text, owner):
    facts = extract(text)
    assert facts.decisions[-1].kind == "agreed"
    assert [a.owner for a in facts.actions] == [owner]


# --- measures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ofsted 'inadequate' council reduces social work caseloads by 30 per cent",
        "The service has succeeded in cutting the use of agency social workers by 12% over the year.",
    ],
)
def test_a_change_by_some_per_cent_is_not_the_measures_level(text):
    assert extract(text).measures == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("Caseloads have been reduced from an average of 20.5 in May 2015 to an average of 14 now.", 14),
        ("Social work caseloads fell from around 24 in 2019 to around 17 this year.", 17),
    ],
)
def test_from_one_average_to_another_the_measure_is_the_second(text, value):
    measure = extract(text).measures
    assert [(m.value, m.unit) for m in measure] == [(value, "cases")]


@pytest.mark.parametrize(
    "text",
    [
        "The Lead Inspector chose 20 cases for the local authority to audit, and during the inspection an "
        "additional 6 cases were also identified for audit.",
        "Inspectors tracked 12 cases in detail and sampled a further 30 cases across the front door.",
    ],
)
def test_the_cases_an_inspection_looks_at_are_its_method_not_a_measure(text):
    assert extract(text).measures == []


def test_a_caseload_beside_the_inspection_is_still_a_measure():
    text = "During the inspection, inspectors found that social workers held an average of 18 cases each."
    assert [(m.value, m.unit) for m in extract(text).measures] == [(18, "cases")]


@pytest.mark.parametrize(
    "text",
    [
        "RESOLVED:\n1. That the report be noted.\n2. That officers report back to the July corporate parenting "
        "committee on progress.",
        "Agreed:\n(i) That the update be received.\n(ii) That relevant officers provide a breakdown of placements "
        "by provider to the next meeting.",
    ],
)
def test_a_resolution_giving_officers_a_task_is_an_action_with_no_one_named(text):
    actions = extract(text).actions
    assert [a.owner for a in actions] == [None]


@pytest.mark.parametrize(
    "text, owner, words",
    [
        (
            "On page 56 a query was raised about the quorum and the Director of Law and Assurance said the wording "
            "would be adjusted.",
            "Director of Law and Assurance",
            "wording would be adjusted",
        ),
        (
            "In response to a question, the Head of Service confirmed that the figures for each locality would "
            "be circulated to Members.",
            "Head of Service",
            "would be circulated",
        ),
    ],
)
def test_what_a_speaker_said_would_be_done_is_their_action(text, owner, words):
    action = extract(text).actions
    assert [a.owner for a in action] == [owner]
    assert words in action[0].title


# --- visits ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Only 46 councils are currently rated as 'good' for their children's services, and only three have "
        "achieved the top rating of 'outstanding'.",
        "Nationally, 12 local authorities have been judged inadequate by Ofsted since the framework began.",
    ],
)
def test_how_many_councils_hold_a_grade_is_not_a_visit(sentence):
    text = "Children's services were rated good by Ofsted in an inspection in March 2024. " + sentence
    visits = extract(text).visits
    assert [(v.start, v.judgement) for v in visits] == [("2024-03", "good")]


# --- owners ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The Scrutiny Board considered a briefing note of the Deputy Chief Executive (People) which informed the "
            "Board of progress.",
            "Deputy Chief Executive (People)",
        ),
        (
            "Members received a briefing note from the Director of Children's Services on the monitoring visit.",
            "Director of Children's Services",
        ),
    ],
)
def test_the_author_of_a_briefing_note_is_an_owner(text, role):
    assert [o.role for o in extract(text).owners] == [role]


@pytest.mark.parametrize(
    "text",
    [
        "Now Yvette Stanley, national director for social care at Ofsted, has written to congratulate the council.",
        "The Regional Director of Ofsted, Ms Jones, attended the meeting to present the findings.",
    ],
)
def test_an_office_at_ofsted_is_the_inspectorates_not_an_owner(text):
    assert extract(text).owners == []


# --- recommendations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        (
            "The Ofsted inspectors had acknowledged that improvements continued to be made, but noted that the pace "
            "of change wasn't swift enough and the quality of practice needed to be more consistent.",
            2,
        ),
        ("At the focused visit inspectors found that the quality of supervision was not yet good enough.", 1),
    ],
)
def test_a_shortfall_the_inspectors_noted_is_a_recommendation_each(text, count):
    assert len(extract(text).recommendations) == count


@pytest.mark.parametrize(
    "text",
    [
        "It was noted that the review had identified limited evidence of reflective supervision.",
        "The peer review found inconsistent use of chronologies in case files across the service.",
    ],
)
def test_limited_evidence_a_review_found_is_a_recommendation(text):
    assert len(extract(text).recommendations) == 1


def test_what_members_noted_about_progress_is_not_a_recommendation():
    text = "Members noted that the number of children in care was not rising as quickly as last year."
    assert extract(text).recommendations == []


@pytest.mark.parametrize(
    "text, count",
    [
        (
            "The report identified two areas needing improvement which included the management of contacts within "
            "the front door and the consistency of telling homeless 16 and 17 year olds about their rights.",
            2,
        ),
        (
            "The JTAI letter was shared. Areas for improvement included: governance arrangements for the youth "
            "offending team required attention, the partnership board needed to improve quality assurance, the "
            "quality assurance framework was not robust enough.",
            3,
        ),
    ],
)
def test_areas_for_improvement_listed_in_a_sentence_are_each_a_recommendation(text, count):
    assert len(extract(text).recommendations) == count


@pytest.mark.parametrize(
    "text, start",
    [
        (
            "The Ofsted inspection of local authority children's services was conducted in February and March 2024.",
            "2024-02",
        ),
        ("Inspectors carried out the ILACS inspection in September and October 2017.", "2017-09"),
    ],
)
def test_an_inspection_over_two_months_starts_in_the_first(text, start):
    assert [v.start for v in extract(text).visits] == [start]


def test_a_visit_expected_between_two_months_has_no_start_yet():
    visits = extract("The next ILACS inspection is expected between January and March 2027.").visits
    assert [(v.start, v.planned) for v in visits] == [(None, True)]


@pytest.mark.parametrize(
    "text",
    [
        "The inspection took place over three weeks in July and inspectors met staff across the service.",
        "The focused visit lasted two days and looked at the front door.",
    ],
)
def test_how_long_a_visit_lasted_is_not_a_measure(text):
    assert extract(text).measures == []


@pytest.mark.parametrize(
    "title",
    ["Updated Children's Social Care Improvement Plan", "Revised Children's Services Improvement Plan"],
)
def test_an_items_title_adjective_is_not_a_place(title):
    assert extract(f"{title}\n\nMinutes:\nThe Committee noted the plan.").meeting.authority is None


@pytest.mark.parametrize(
    "text, roles",
    [
        (
            "The Cabinet Member with Responsibility for Children and Families and the Service Manager – Family Front "
            "Door had been invited to the meeting to provide an update on the seventh monitoring visit.",
            ["Cabinet Member with Responsibility for Children and Families", "Service Manager – Family Front Door"],
        ),
        (
            "The Director of Children's Services was invited to present the findings of the focused visit.",
            ["Director of Children's Services"],
        ),
    ],
)
def test_the_people_invited_to_give_the_update_are_owners(text, roles):
    assert [o.role for o in extract(text).owners] == roles


@pytest.mark.parametrize(
    "text",
    [
        "Councillor Cheryl Barnard, Portfolio Holder for Children and Schools, Catherine Underwood, Corporate "
        "Director for People, and Sam Morris, Head of Strategy and Improvement, attended the meeting to discuss the "
        "recent Ofsted inspection.",
        "Jo Patel, Director of Children's Services, Sam Hill, Head of Safeguarding, and Alex Wood, Head of Quality "
        "Assurance, presented the improvement plan.",
    ],
)
def test_a_list_of_names_each_with_a_title_shares_the_verb_after_the_last(text):
    assert len(extract(text).owners) == 3


@pytest.mark.parametrize("gap", ["     ", "\t "])
def test_a_title_with_a_run_of_spaces_inside_is_whole(gap):
    text = f"a)   Report of the Corporate Director of Children and Young People's{gap}Services\nThe Committee noted it."
    assert [o.role for o in extract(text).owners] == ["Corporate Director of Children and Young People's Services"]


@pytest.mark.parametrize(
    "text",
    [
        "Members were advised that following the inspection in 2016 Ofsted had recommended the improvements were "
        "required in case file auditing.",
        "The inspectors recommended improvements in the timeliness of return home interviews.",
    ],
)
def test_a_recommendation_without_that_is_still_one(text):
    assert len(extract(text).recommendations) == 1


@pytest.mark.parametrize(
    "text, due",
    [
        (
            "Ofsted had identified five areas for improvement and required that an action plan be submitted by "
            "17 October 2019.",
            "2019-10-17",
        ),
        ("The Secretary of State directed that the improvement plan be published by 31 March 2025.", "2025-03-31"),
    ],
)
def test_a_plan_required_by_a_date_in_the_subjunctive_is_an_action_with_that_deadline(text, due):
    assert [(a.owner, a.due) for a in extract(text).actions] == [(None, due)]


@pytest.mark.parametrize(
    "text",
    [
        "The ILACS inspection took place in July 2022. The Council was judged to be 'Requires improvement to be good' "
        "in the domains of the impact of leaders and the experiences of children in care, and 'Inadequate' in the "
        "domain of children who need help and protection. While the outcome of the inspection judgement as "
        "'Inadequate' is disappointing, the report is balanced.",
        "Ofsted inspected children's services in July 2022. Services were rated 'Good' in the domain of the "
        "experiences of care leavers. The inspection rating was 'Requires improvement to be good'.",
    ],
)
def test_a_grade_in_a_domain_is_not_the_overall_one_which_the_inspection_judgement_gives(text):
    visit = one(extract(text).visits)
    overall = "inadequate" if "Inadequate" in text else "requires_improvement"
    assert (visit.start, visit.judgement) == ("2022-07", overall)
    assert visit.area_judgements


def one(items):
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    "text, grade",
    [
        (
            "The Ofsted re-inspection of Children's Services in March 2017 judged overall services in Coventry as "
            "'requires improvement to be good'.",
            "requires_improvement",
        ),
        ("The ILACS inspection in May 2023 judged the services in Barnsley to be 'good'.", "good"),
        (
            "It was rated good in two of the three areas after an Ofsted inspection in October 2022. The overall "
            "result "
            "was 'requires improvement to be good'.",
            "requires_improvement",
        ),
    ],
)
def test_the_overall_grade_of_services_in_a_place_or_the_overall_result(text, grade):
    assert [v.judgement for v in extract(text).visits] == [grade]


@pytest.mark.parametrize(
    "line",
    ["It was resolved that the minutes were taken as accurate.", "RESOLVED – That the minutes be agreed as a true."],
)
def test_approving_the_minutes_is_procedure_however_it_is_worded(line):
    assert extract(line).decisions == []


@pytest.mark.parametrize(
    "text",
    [
        "The local area SEND inspection took place in March 2019 and a written statement of action was required.\n\n"
        "Members were reminded of the key areas of concern, these were as follows:-\n\n"
        "  • Understanding of need\n  • Limited joint working\n  • Transition to adult services\n",
        "Ofsted's monitoring visit letter was published on 3 May.\n"
        "The areas of concern were:\n- Timeliness of assessments\n- Management oversight\n- Return home interviews\n",
    ],
)
def test_a_list_of_concerns_after_an_inspection_is_its_recommendations(text):
    assert len(extract(text).recommendations) == 3


def test_a_list_of_concerns_with_no_inspection_near_is_not():
    text = "Residents raised the following areas of concern:\n- Parking\n- Bin collections\n- Street lighting\n"
    assert extract(text).recommendations == []


@pytest.mark.parametrize(
    "text, count",
    [
        (
            "Ofsted judged the service to require improvement in February 2016. But the inspection team said that "
            "work needs to continue to reduce the level of temporary and agency staff in the service. It also wants "
            "to see better case supervision by frontline managers and more regular and thorough assessments.",
            3,
        ),
        (
            "At the monitoring visit in May, inspectors found that planning for children in care needed to be "
            "more timely. "
            "Inspectors would like to see clearer chronologies in case files.",
            2,
        ),
    ],
)
def test_what_the_inspectors_said_needs_doing_or_want_to_see_is_a_recommendation(text, count):
    assert len(extract(text).recommendations) == count


def test_it_wants_to_see_with_no_inspection_near_is_not_a_recommendation():
    text = "The council published its budget. It wants to see more residents use the libraries."
    assert extract(text).recommendations == []


@pytest.mark.parametrize(
    "text, role",
    [
        ('John Biggs, Mayor of Tower Hamlets, said: "This is great news for children."', "Mayor of Tower Hamlets"),
        (
            "Speaking after the visit, Sam Jones, Leader of North Tyneside, said the council was proud of its staff.",
            "Leader of North Tyneside",
        ),
    ],
)
def test_a_title_ending_in_a_councils_place_is_not_cut_at_the_place(text, role):
    assert [o.role for o in extract(text).owners] == [role]
