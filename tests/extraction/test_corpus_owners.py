"""Owners and actions as real minutes and news copy write them (issue 11), each rule in at least
two layouts: titles in any case beside a name or a speech verb, lists of presenters, invited
presenters, names standing for the title the text gives them, captions and report headers; ACTION
lines in mid-paragraph, agreements with any verb, delegations, and tasks and deadlines placed on
the council with no one named."""

from datetime import date

import pytest

from improvement.extraction import extract


def owners(text, **kw):
    return [o.role for o in extract(text, **kw).owners]


def actions(text, **kw):
    return [(a.owner, a.due) for a in extract(text, **kw).actions]


def one(items):
    assert len(items) == 1, items
    return items[0]


# --- titles in any case, where the grammar says they are titles ---------------------------


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Karen Bradshaw, director of children's services, said the service had turned a corner.",
            "director of children's services",
        ),
        (
            "Following this, Cllr David Lonergan, cabinet member for children’s services, presented an update to "
            "the cabinet tonight.",
            "cabinet member for children’s services",
        ),
        (
            "Alastair Gibbons, director of operations at the Children’s Trust, said: “We are pleased.”",
            "director of operations at the Children’s Trust",
        ),
    ],
)
def test_a_lower_case_title_beside_a_name_and_a_speech_verb_is_an_owner(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Director of children’s services Diane Booth, who was appointed in 2017, was credited with reversing "
            "a decline in standards.",
            "Director of children’s services",
        ),
        (
            "The following is the full letter, which was sent by one of the inspectors to the Council's corporate "
            "director for children’s services Cathi Hadley.\n\nThis letter summarises the findings.",
            "corporate director for children’s services",
        ),
    ],
)
def test_a_title_written_before_a_persons_name_in_news_copy_is_an_owner(text, role):
    assert owners(text) == [role]


def test_a_lower_case_title_with_nothing_to_say_it_acts_is_not_an_owner():
    assert owners("Applications for the post of director of children's services closed in May.") == []


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Since the report, the council has established a new board, chaired by an independent Director of "
            "Children’s Services, to drive improvement.",
            "independent Director of Children’s Services",
        ),
        (
            "The arrangement began in April and the joint Director of Children’s Services, Alison Botham, took "
            "responsibility for the service in July.",
            "joint Director of Children’s Services",
        ),
    ],
)
def test_a_lower_case_qualifier_is_copied_as_written(text, role):
    assert owners(text) == [role]


# --- lists of presenters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Director of Children’s Services, Service Development Manager and Interim Assistant Director presented "
        "the report to the Panel and highlighted the following areas.",
        "Minutes:\n\nThe Director of Children’s Services; the Service Development Manager & the Interim Assistant "
        "Director introduced the item.",
    ],
)
def test_a_list_of_presenters_gives_one_owner_each(text):
    assert owners(text) == [
        "Director of Children’s Services",
        "Service Development Manager",
        "Interim Assistant Director",
    ]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The Executive Director, Wellbeing Care and Learning submitted a report on the inspection.",
            "Executive Director, Wellbeing Care and Learning",
        ),
        (
            "The Strategic Director – Children and Families presented the report.",
            "Strategic Director – Children and Families",
        ),
        (
            "The Corporate Director: Children and Young People presented the improvement plan.",
            "Corporate Director: Children and Young People",
        ),
    ],
)
def test_a_title_with_its_service_after_a_comma_dash_or_colon_is_one_owner(text, role):
    assert owners(text) == [role]


def test_a_colon_before_a_persons_words_is_not_part_of_the_title():
    assert owners(
        "The Director of Children’s Services presented the report.\n\n"
        "Director of Children’s Services: We are proud of our staff."
    ) == ["Director of Children’s Services"]


@pytest.mark.parametrize(
    "text, roles",
    [
        (
            "The Chair referred to the recent inspection and invited Councillor Paffey, the Cabinet Member for "
            "Aspiration, Children and Lifelong Learning and Hillary Brooks, Executive Director – Children’s "
            "Services, to address the panel.",
            [
                "Cabinet Member for Aspiration, Children and Lifelong Learning",
                "Executive Director – Children’s Services",
            ],
        ),
        (
            "The following were in attendance for this item:\n\n"
            "·  Councillor Fiona Venner, Executive Member for Adult Social Care\n\n"
            "·  Sal Tariq, Director of Children and Families\n\n"
            "·  Julie Longworth, Deputy Director of Children and Families\n\n"
            "The Chair then invited the lead Executive Member and the Director of Children and Families to provide "
            "further introductory comments.",
            ["Executive Member for Adult Social Care", "Director of Children and Families"],
        ),
        (
            "Present for this item:\n\n- Jo Green, Executive Member for Children\n- Sam Hill, Executive Member for "
            "Learning\n- Ann Lee, Head of Service, Early Help\n\nThe Chair invited the Executive Members to present "
            "the report.",
            ["Executive Member for Children", "Executive Member for Learning"],
        ),
    ],
)
def test_the_titles_invited_to_present_are_owners_and_the_rest_of_the_attendance_list_is_not(text, roles):
    assert owners(text) == roles
    assert extract(text).actions == []  # invited to provide comments: speaking, not a task


@pytest.mark.parametrize(
    "text",
    [
        "Officers Present\n\nMinutes:\n\nLorraine Butcher - Executive Director of Strategic Commissioning\n\n"
        "Tony Crane - Director of Children's Services\n\n",
        "The following were in attendance:\n\n• Jane Smith, Director of Children’s Services\n"
        "• Tom Brown, Head of Safeguarding\n\nThe minutes of the last meeting were agreed.",
    ],
)
def test_people_only_listed_as_attending_are_not_owners(text):
    assert owners(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Cabinet agreed the improvement plan. The Board noted the report and the Committee welcomed it.",
        "RESOLVED: That the Executive Mayor and Cabinet note the report.",
    ],
)
def test_bodies_are_not_owners(text):
    assert owners(text) == []


# --- names and the titles the text gives them -----------------------------------------------


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The arrangement was established in April and the joint Director of Children’s Services, Alison "
            "Botham, took responsibility for the service.\n\nAlison Botham said: “We are disappointed.”",
            "joint Director of Children’s Services",
        ),
        (
            "The chair welcomed Susan Twemlow, the council’s Assistant Director for Children’s Services to the "
            "meeting.Mrs Twemlow was in attendance to inform members of the outcome of the assessment.",
            "Assistant Director for Children’s Services",
        ),
    ],
)
def test_a_person_speaking_stands_for_the_title_the_text_gives_them(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Dave Peplow briefly presented the findings of the Board's inspection.\n\nAndrew Carter briefly "
            "presented the report which updated members on the outcomes.",
            ["Dave Peplow", "Andrew Carter"],
        ),
        ("Minutes:\n\nJane Doe introduced the report on the action plan. Members asked about caseloads.", ["Jane Doe"]),
    ],
)
def test_a_name_stands_in_only_where_no_title_is_given(text, names):
    assert owners(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "The report of Alison Routledge, Quality Assurance and Commissioning, was received.",
        "Helen Lincoln said the council should harness the same verve and passion.",
        "The Chair congratulated Dave Peplow on the outcome of the inspection.",
    ],
)
def test_a_name_reporting_or_speaking_without_presenting_is_not_an_owner(text):
    assert owners(text) == []


@pytest.mark.parametrize(
    "text, role",
    [
        ("‘In all, we’re very positive about the findings,’ said the Trust’s CEO Nicola Clemo.", "Trust’s CEO"),
        ("“Progress is steady,” said Jane Smith, director of children's services.", "director of children's services"),
    ],
)
def test_the_title_after_said_is_an_owner(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Rob Vincent, Chairman of the Improvement Board, welcomed everyone to this first meeting and explained "
            "its purpose.",
            "Chairman of the Improvement Board",
        ),
        (
            "Minutes:\nThe Chair of the Children’s Improvement Board reported that the plan was on track.",
            "Chair of the Children’s Improvement Board",
        ),
    ],
)
def test_the_chair_of_a_named_board_who_speaks_is_an_owner(text, role):
    assert owners(text) == [role]


def test_the_chair_of_the_meeting_is_not_an_owner():
    assert owners("The Chairman said the meeting would adjourn. The Chair thanked officers.") == []


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The Executive Mayor introduced the report following a full inspection of Children’s Services.",
            "Executive Mayor",
        ),
        (
            "The Assistant City Mayor for Children and Young people introduced the report and noted the work done.",
            "Assistant City Mayor for Children and Young people",
        ),
    ],
)
def test_mayors_who_introduce_a_report_are_owners(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "It was noted that Alice Vickers, Corporate Parenting Officer had made numerous attempts to contact "
            "the homes.",
            "Corporate Parenting Officer",
        ),
        ("The Head of Fostering has written to all foster carers about the new allowances.", "Head of Fostering"),
    ],
)
def test_a_title_that_has_done_something_is_an_owner(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The Head of Innovation highlighted the areas that had been developed.\n\n"
            "Cllr Waller, Executive Member for Children, ",
            "Executive Member for Children",
        ),
        ("Cllr Waller, Executive Member for Children, thanked staff for their work.", "Executive Member for Children"),
    ],
)
def test_a_title_set_beside_a_name_opening_a_sentence_is_an_owner_even_when_the_text_is_cut(text, role):
    assert role in owners(text)


def test_a_councillor_asking_with_a_title_beside_the_name_is_not_an_owner():
    assert owners("Cllr Jones, Cabinet Member for Housing, asked whether the figures were right.") == []


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Report to:\n\n\nDate of meeting:\n\n05 March 2024\n\n\nDirector of Children’s Services\n\n\n"
            "Inspection of local authority children’s services\n\n\nThis report sets out the outcome.",
            "Director of Children’s Services",
        ),
        (
            "Report of:\nHead of Safeguarding and Quality Assurance\n\nPurpose of the report\n\n"
            "To update members on the action plan.",
            "Head of Safeguarding and Quality Assurance",
        ),
    ],
)
def test_a_title_alone_on_a_report_header_line_is_its_author(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Improvements are being made at pace.\n\nCouncillor Katy Cole, Peterborough City Council's Cabinet "
            "Member for Children's Services.\n\nDuring the visit, inspectors reviewed the service.",
            "Cabinet Member for Children's Services",
        ),
        (
            "The council said the findings show progress.\nCllr Jo Bloggs, Cabinet Member for Children and Families.\n"
            "The report will go to cabinet next month.",
            "Cabinet Member for Children and Families",
        ),
    ],
)
def test_a_photo_caption_naming_a_councillor_and_title_is_an_owner(text, role):
    assert owners(text) == [role]


def test_a_title_inside_a_name_is_cut_before_the_name():
    assert owners("Director of Finance Paul Smith said the budget was balanced.") == ["Director of Finance"]
    assert owners(
        "The Head of Strategic Infrastructure and Financial Recovery attended the meeting to feed back to the Panel."
    ) == ["Head of Strategic Infrastructure and Financial Recovery"]


# --- actions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Councillor Purvis had been in discussion with Julian Wooster, Director of Children's Services, about the "
        "review. The Chair asked for training. ACTION - Mr Wooster to advise the panel on further training "
        "courses.\n\nThe Inspector had also made suggestions.",
        "Julian Wooster, Director of Children's Services, attended.\n\n4.2 Members discussed training needs and "
        "agreed a way forward. ACTION: Mr Wooster to advise the panel on further training courses. The item "
        "closed.",
    ],
)
def test_an_action_in_mid_paragraph_naming_a_person_goes_to_their_title(text):
    item = one(extract(text).actions)
    assert item.owner == "Director of Children's Services"
    assert item.title.startswith("Advise the panel on further training")


@pytest.mark.parametrize(
    "text, owner, verb",
    [
        (
            "It was agreed that Alison Hinds, Head of Children and Young People in Care would escalate the issue and "
            "encourage residential home managers to respond.",
            "Head of Children and Young People in Care",
            "Escalate",
        ),
        (
            "A request was made for more detail. It was agreed that the Director of Children’s Social Care would look "
            "at strengthening this for future reports.",
            "Director of Children’s Social Care",
            "Look",
        ),
        ("The Head of Service undertook to escalate the matter with the provider.", "Head of Service", "Escalate"),
    ],
)
def test_after_an_agreement_any_verb_is_the_commitment(text, owner, verb):
    item = one(extract(text).actions)
    assert item.owner == owner and item.title.startswith(verb)


@pytest.mark.parametrize(
    "text",
    [
        "Head of Service to circulate the briefing note to Members before the next meeting.",
        "Resolved: that the report be noted.\n\nACTION: Head of Service to circulate the briefing note to Members.",
    ],
)
def test_a_role_to_do_something_is_an_action(text):
    item = one(extract(text).actions)
    assert item.owner == "Head of Service" and item.title.startswith("Circulate the briefing note")


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "2) That authority be delegated to the Director of Children’s Services, in consultation with the relevant "
            "Cabinet Member, to finalise the Children’s Improvement Plan prior to its submission to Ofsted.",
            "Finalise the Children’s Improvement Plan",
        ),
        (
            "RESOLVED:\n(b) Authority is delegated to the Director of Children’s Services to agree the final wording "
            "of the plan.",
            "Agree the final wording",
        ),
    ],
)
def test_a_task_delegated_to_a_role_is_its_action_and_the_consulted_member_is_no_owner(text, title):
    facts = extract(text)
    item = one(facts.actions)
    assert item.owner == "Director of Children’s Services" and item.title.startswith(title)
    assert [o.role for o in facts.owners] == ["Director of Children’s Services"]


@pytest.mark.parametrize(
    "text, due",
    [
        (
            "The Council had been required to prepare and submit an Improvement Plan by 11th June 2019 to detail the "
            "actions.",
            "2019-06-11",
        ),
        (
            "She introduced the draft action plan in response to the areas for improvement which had to be submitted "
            "to Ofsted by 12 August 2022.",
            "2022-08-12",
        ),
        (
            "1) That the Children’s Improvement Plan be endorsed for submission to the Secretary of State by 9 March "
            "2017.",
            "2017-03-09",
        ),
    ],
)
def test_a_deadline_placed_on_the_council_is_an_action_with_no_owner(text, due):
    assert actions(text) == [(None, due)]


@pytest.mark.parametrize(
    "text",
    [
        "The Council had been required to prepare and submit an Improvement Plan by 11th June 29019 to detail the "
        "actions.",
        "An action plan had to be submitted to Ofsted by 1 March 20199.",
    ],
)
def test_a_misprinted_year_gives_a_null_due_date(text):
    assert actions(text, meeting_date=date(2019, 3, 1)) == [(None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "- Officers confirmed that an improvement plan would be submitted by 21st November, with an interim visit "
        "within 18 months.",
        "3.4 It was reported that the improvement plan will be submitted to Ofsted by 21st November.",
    ],
)
def test_a_deadline_with_no_year_takes_the_meeting_year(text):
    assert actions(text, meeting_date=date(2025, 10, 13)) == [(None, "2025-11-21")]
    assert actions(text) == [(None, None)]
    assert owners(text) == []  # "Officers" is not an owner


@pytest.mark.parametrize(
    "text, keyword",
    [
        (
            "2. Further work would be taken forward, and an accelerated action plan would be developed in relation to "
            "the remaining area.",
            "developed",
        ),
        (
            "3. The detail of the accelerated action plan would be shared with scrutiny members; the Chair suggested "
            "a briefing.",
            "shared with scrutiny members",
        ),
        (
            "All of this work would inform the development of the SEND partnership plan, to be published in "
            "early 2023.",
            "published",
        ),
        ("• An accessible version of the plan would be produced once it had been approved;", "produced"),
    ],
)
def test_a_plan_or_report_that_would_be_developed_shared_or_published_is_an_action_with_no_owner(text, keyword):
    item = one(extract(text).actions)
    assert item.owner is None and keyword in item.title
    assert not item.title.startswith(("•", "-"))


@pytest.mark.parametrize(
    "text",
    [
        "That monitoring report is yet to be published, and is not publicly available at the time of writing.",
        "No judgement would be made and the findings would be published in a composite report later this year.",
        "Members were asked to comment on the draft Action Plan which was scheduled to be sent to Ofsted.",
        "Note that improvement plans will be reviewed and refreshed to ensure they address all the issues.",
        "RESOLVED that a formal report would be included in the agenda of the next meeting of the Panel.",
    ],
)
def test_what_is_not_a_task_of_the_council(text):
    assert extract(text).actions == []


@pytest.mark.parametrize(
    "text",
    [
        "The Strategic Manager confirmed Jen Norman had been appointed as an Engagement and Participation Worker to "
        "ensure communication between social workers and children.",
        "The service would recruit a new Family Support Worker to provide help at weekends.",
    ],
)
def test_a_post_being_filled_is_not_an_action_owner(text):
    assert all(a.owner is None or "Worker" not in a.owner for a in extract(text).actions)
    assert not any("Worker" in o for o in owners(text))


@pytest.mark.parametrize(
    "text, role",
    [
        ("The Leader of the Council commented that there were significant shortcomings.", "Leader of the Council"),
        (
            "Minutes:\n\nThe Chief Executive of the Trust reported that recruitment had improved.",
            "Chief Executive of the Trust",
        ),
    ],
)
def test_the_leader_or_chief_executive_of_a_body_is_a_role_not_a_body(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The Children and Families Portfolio Holder thanked staff for their continued hard work.",
            "Children and Families Portfolio Holder",
        ),
        (
            "Councillor Smith, Education and Skills Lead Member, said the plan was on track.",
            "Education and Skills Lead Member",
        ),
    ],
)
def test_a_portfolio_named_before_its_holder_belongs_to_the_title(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Cabinet member Kirstie Hurst-Knight told a meeting of the council “decisive action” had been taken.",
            "Cabinet member",
        ),
        ("“We are on track,” said cabinet member Jo Bloggs.", "cabinet member"),
    ],
)
def test_a_bare_lower_case_title_before_a_name_is_an_owner(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "Minutes:\nThe Senior Partnership Officer presented the Corporate Parenting Panel Work Programme.",
            "Senior Partnership Officer",
        ),
        (
            "The Assistant Director Children’s Services Operations reminded the meeting that the review had not "
            "finished.",
            "Assistant Director Children’s Services Operations",
        ),
        (
            "Councillor O Gunn, Cabinet Portfolio Holder for Children and Young People’s Services placed on record the "
            "council’s thanks.",
            "Cabinet Portfolio Holder for Children and Young People’s Services",
        ),
    ],
)
def test_service_words_before_a_title_and_more_verbs_of_the_genre(text, role):
    assert owners(text) == [role]


@pytest.mark.parametrize(
    "text",
    [
        "Head Of Service Update\n\nThe Board will consider a verbal update on the role of the corporate parent.",
        "Agenda item\n\nDirector of Children’s Services\n\nMembers discussed the budget.",
    ],
)
def test_a_title_alone_on_a_line_outside_a_report_header_is_not_an_owner(text):
    assert owners(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Board considered a verbal update presented by Joel Hanna, Head of Service, Corporate Parenting.",
        "Joel Hanna, Head of Service, Corporate Parenting\n\nThe Board considered the update. Joel Hanna gave a "
        "presentation on three areas.",
    ],
)
def test_presented_by_a_named_person_with_a_title(text):
    assert owners(text) == ["Head of Service, Corporate Parenting"]


@pytest.mark.parametrize(
    "text",
    [
        "The Director agreed to the proposal from the panel.",
        "Minutes:\n\nThe Head of Service agreed to this and thanked Members.",
    ],
)
def test_agreeing_to_something_is_not_a_task(text):
    assert extract(text).actions == []


@pytest.mark.parametrize(
    "text",
    [
        "Ofsted’s National Director for Social Care, Yvette Stanley, said the findings were stark.",
        "Yvette Stanley, Ofsted National Director for Social Care, said: “We are concerned.”\n\nYvette Stanley "
        "added that the council had work to do.",
        "Children’s Commissioner for England Dame Rachel de Souza said the report was worrying.",
    ],
)
def test_the_inspectorate_and_national_office_holders_are_not_owners(text):
    assert owners(text) == []


@pytest.mark.parametrize(
    "text, roles",
    [
        (
            "The Portfolio Holder for Children Services (Lead Member) also confirmed that the visit had been "
            "rescheduled.",
            ["Portfolio Holder for Children Services"],
        ),
        (
            "Minutes:\nThe Executive Member for Children (Lead Member) said the plan was on track.",
            ["Executive Member for Children"],
        ),
    ],
)
def test_a_title_in_brackets_after_another_is_the_same_owner(text, roles):
    assert owners(text) == roles


@pytest.mark.parametrize(
    "text",
    [
        "In response to other questions, Members noted that the Manager had written to the Director of the Health "
        "Trust about records.",
        "Questions were asked about the budget, and the panel then wrote to the Director of the Health Trust.",
    ],
)
def test_someone_written_to_after_questions_is_not_the_role_a_question_is_put_to(text):
    assert "Director of the Health Trust" not in owners(text)


@pytest.mark.parametrize(
    "text",
    [
        "QUESTION FROM A RESIDENT TO THE CABINET MEMBER FOR CHILDREN AND SCHOOLS\n\nWould the cabinet member agree?",
        "Question 3 from Ms Smith to the Cabinet Member for Children and Schools\n\nWill the plan be published?",
    ],
)
def test_the_role_a_question_is_put_to_is_an_owner(text):
    assert owners(text) == ["Cabinet Member for Children and Schools"]


@pytest.mark.parametrize(
    "text",
    [
        "The Scrutiny Manager gave an oral update report on the work of the select committees.",
        "Minutes:\n\nThe Governance Manager mentioned that a glossary had been published.\n\nThe Committee Officer "
        "said papers had been published late.",
    ],
)
def test_officers_of_the_committees_own_process_are_not_owners(text):
    assert owners(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Present: Jane Smith (Head of Safeguarding), Cllr Brown.\n\nJane Smith presented the findings of the audit.",
        "The panel welcomed Jane Smith (the Head of Safeguarding) to the meeting.\n\nMs Smith reported that audits "
        "had improved.",
    ],
)
def test_a_title_in_brackets_after_a_name_is_the_title_that_name_stands_for(text):
    assert owners(text) == ["Head of Safeguarding"]


@pytest.mark.parametrize(
    "text",
    [
        "The draft plan was sent to Ofsted by the Director of Children’s Services in March.",
        "Following the letter from Ofsted the Director of Children’s Services said the service would respond.",
    ],
)
def test_a_council_title_after_the_word_ofsted_is_still_an_owner(text):
    assert owners(text) == ["Director of Children’s Services"]


@pytest.mark.parametrize(
    "text",
    [
        "The report will be published by Ofsted on 4 June 2021. Until then the letter remains under embargo.",
        "Minutes:\n\nThe final letter would be sent to the council by inspectors within two weeks.",
    ],
)
def test_a_step_the_inspectorate_takes_is_not_the_councils_action(text):
    assert extract(text).actions == []


@pytest.mark.parametrize(
    "text",
    [
        "Members were asked to submit any comments on the draft plan by 1 May 2024.",
        "Minutes:\n\nCouncillors had been invited to provide their views on the report by 3 June 2023.",
    ],
)
def test_members_asked_for_comments_by_a_date_is_not_an_action_of_the_council(text):
    assert extract(text).actions == []


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "The Cabinet Member: Children, Young People, Education, Employment & Skills presented the joint report.",
            "Cabinet Member: Children, Young People, Education, Employment & Skills",
        ),
        (
            "Cllr Ray Jones, Cabinet Member for Children, Young People, Education and Skills, said the plan "
            "was on track.",
            "Cabinet Member for Children, Young People, Education and Skills",
        ),
    ],
)
def test_a_portfolio_listed_with_commas_belongs_to_the_title(text, role):
    assert owners(text) == [role]


def test_a_council_named_after_a_title_is_not_part_of_it():
    assert owners("Jane Smith, Director of Children’s Services, Leeds City Council, said the plan was on track.") == [
        "Director of Children’s Services"
    ]
