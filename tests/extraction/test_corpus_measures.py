"""Measures and their targets on real minutes of the genre: counts of recommendations and areas,
progress against a plan ("4 of the 5 areas"), current values beside earlier ones, benchmarks, and
the numbers of the genre that are not measures. Each rule in at least two layouts."""

import pytest

from improvement.extraction import extract


def got(text, **kw):
    return [(m.value, m.unit, m.target) for m in extract(text, **kw).measures]


# --- counts of recommendations, areas for improvement and outcomes -----------------------


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "4.2 The Ofsted inspection report made 6 recommendations for improvement:\n1. Quality of "
            "information sharing.",
            [(6, "count", None)],
        ),
        (
            "Children's Services had been inspected with a judgement of “Requires Improvement to be Good” being "
            "delivered along with six recommendations of improvement activity which must be undertaken.",
            [(6, "count", None)],
        ),
        (
            "by working collaboratively with our partners to achieve improvement\nagainst the 27 Ofsted "
            "recommendations as laid out in our\nChildren’s Improvement Plan",
            [(27, "count", None)],
        ),
        (
            "• The focused visit letter identified five areas for improvement and the council accepted them all.",
            [(5, "count", None)],
        ),
    ],
)
def test_a_stated_count_of_recommendations_or_areas_is_a_count_measure(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Dave Smith commented on the two recommendations from the Ofsted report. The Chair asked whether the two "
        "recommendations had had any effect on the service.",
        "- The two recommendations from the LSCB inspection were accepted.\n- Progress on the two recommendations "
        "would be reported in March.\n",
    ],
)
def test_the_same_count_said_again_is_one_measure(text):
    assert got(text) == [(2, "count", None)]


def test_two_counts_of_recommendations_in_one_item_are_two_measures():
    text = (
        "Members commented on the two recommendations from the LSCB report.\n\n"
        "Members were asked to comment on the 16 recommendations on the draft Action Plan."
    )
    assert got(text) == [(2, "count", None), (16, "count", None)]


# --- progress against a plan: "4 of the 5 areas", "the first two of 10" -----------------


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "1. The report identified that sufficient progress had been made in 4 of the 5 areas of significant "
            "weakness identified at the initial inspection.",
            (4, "count", 5),
        ),
        ("- Progress update: the first two of 10 recommendations have been completed.", (2, "count", 10)),
        ("The service has now completed three of the eight priority actions in the plan.", (3, "count", 8)),
    ],
)
def test_progress_against_the_items_of_a_plan_has_the_whole_as_target(text, want):
    assert got(text) == [want]


@pytest.mark.parametrize(
    "text",
    [
        "Rotherham was one of eight Local Authorities that took part and the other seven were not named.",
        "• The council is one of 12 councils in the region to be inspected this year.",
        "Two of the four inspectors had visited before.",
        "The inspection was carried out by a team of six inspectors over two weeks.",
    ],
)
def test_membership_and_inspection_teams_are_not_measures(text):
    assert got(text) == []


# --- current values beside earlier ones ------------------------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        ("The number of children on child protection plans stood at 38, but this is now down to 18.", (18, "count")),
        ("• The number of children missing education was 41 last term and is now at 29.", (29, "count")),
        ("Agency staff stood at 30% of the workforce but this has since fallen to 21%.", (21, "%")),
    ],
)
def test_a_figure_that_stood_at_one_value_and_is_now_another_is_the_current_value(text, want):
    assert [(v, u) for v, u, _ in got(text)] == [want]


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "The Committee were informed that the number of formal contacts received citing dissatisfaction "
            "decreased by 18% (72 from 88) compared with the previous year.",
            (72, "count"),
        ),
        ("·        The number of complaints increased by 5% (420 from 400) during the year", (420, "count")),
    ],
)
def test_a_change_in_percent_with_the_figures_in_brackets_is_the_current_figure(text, want):
    measures = extract(text).measures
    assert [(m.value, m.unit) for m in measures] == [want]
    assert measures[0].name.startswith("number of")


@pytest.mark.parametrize(
    "text",
    [
        "Re-referrals decreased by 18% compared with the previous year.",
        "• There was a reduction of 12% in the use of agency staff",
    ],
)
def test_a_change_alone_is_not_a_measure(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text, want",
    [
        ("According to the DfE’s caseloads measure, these fell from 19.9 in 2018 to 13.4 in 2020.", [(13.4, "cases")]),
        (
            "Walsall’s agency social worker rate halved from 30.5% in September 2017 to 14.8% in September 2020, "
            "while its vacancy rate fell from 31.4% to 13.3%.",
            [(14.8, "%"), (13.3, "%")],
        ),
        ("- Agency social workers: down from 30.5% in 2017 to 14.8% in 2020", [(14.8, "%")]),
    ],
)
def test_figure_pairs_are_recorded_at_their_current_value(text, want):
    assert [(v, u) for v, u, _ in got(text)] == want


@pytest.mark.parametrize(
    "text",
    [
        "·        However, during 2022/23, 63% (125) of all Children’s Services contacts were compliments",
        "During the year, 63% (125 children) of all contacts were compliments.",
    ],
)
def test_a_percentage_with_its_count_in_brackets_is_one_measure(text):
    measures = extract(text).measures
    assert [(m.value, m.unit) for m in measures] == [(63, "%")]
    assert "compliments" in measures[0].name


# --- forms of counted nouns ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        ("There were 27 children's social worker vacancies at the end of March.", (27, "staff")),
        ("• 27 children’s social worker vacancies remain", (27, "staff")),
        ("·        Children’s Services received 8 Stage 1 complaints during 2022", (8, "count")),
        ("The service received 14 stage 2 complaints in the year.", (14, "count")),
    ],
)
def test_possessives_and_stages_inside_the_counted_noun(text, want):
    assert [(v, u) for v, u, _ in got(text)] == [want]


@pytest.mark.parametrize(
    "text",
    [
        "Average caseloads now stand at 23.6 children per social worker, compared with the national average of 15.9.",
        "- Social workers held 23.6 children per worker on average",
    ],
)
def test_children_per_social_worker_is_a_caseload(text):
    assert [(v, u) for v, u, _ in got(text)] == [(23.6, "cases")]


@pytest.mark.parametrize(
    "text",
    [
        "Adoption timeliness now means children are moving from care entry to placement in an average of 149 days.",
        "• Care entry to placement: in an average of 149 days",
    ],
)
def test_an_average_duration_is_a_measure(text):
    assert [(v, u) for v, u, _ in got(text)] == [(149, "days")]


@pytest.mark.parametrize(
    "text, want",
    [
        ("Officers had caseloads significantly above the 15 cases recommended by the Munro Review.", (15, "cases", 15)),
        (
            "• No social worker should hold more than the 18 cases set by the council's caseload policy",
            (18, "cases", 18),
        ),
    ],
)
def test_a_recommended_benchmark_is_its_own_target(text, want):
    assert got(text) == [want]


# --- numbers of the genre that are not measures -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Displaying 1 to 2 of 2\n",
        "Showing 1 - 10 of 24 results\nPage 1 of 3\n",
        "Did you know with an ad-lite subscription to the Gazette, you get 70% fewer ads while viewing the news.",
        "2.2 Note that improvement plans will be reviewed and refreshed.\n",
        "1.1 Apologies for absence were received from 3 members.\n",
    ],
)
def test_page_furniture_and_paragraph_numbers_are_not_measures(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors praised the understanding of the impact of Covid-19 on staff, children and families.",
        "• The COVID 19 pandemic affected staff rotas",
        "Members would be given ten working days notice of the meeting.",
        "- Ten working days' notice is required before the meeting",
        "Her decision comes six months after it was branded inadequate. The inspection had taken place six months ago.",
        "• Six weeks later the visit report was published",
    ],
)
def test_covid_notice_periods_and_relative_times_are_not_measures(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "b. The take up of the free offer for disadvantaged 2 year olds was at 94% - a continued and sustained "
            "improvement from 2016 when this rate was around 47%.",
            [(94, "%", None)],
        ),
        ("• Timeliness of assessments was 88%; the baseline for this measure was 61%", [(88, "%", None)]),
    ],
)
def test_baselines_from_earlier_years_are_not_measures(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "In 2020 children in care were placed further from home.",
        "• Since 2019 families have been offered an early help assessment",
    ],
)
def test_a_year_before_a_counted_noun_is_not_a_count(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The council allocated £12m additional funding during 2019-20 to support the transformation over the coming "
        "three years.",
        "• An extra 5 million pounds was found in the 2017-20 budget",
        "a. Take up of the entitlement to 15 hours of education for 2 year olds in Quarter 3.",
        "Contact: Jo Bloggs Tel: 01902 554070, 5.30 pm (5:33 pm) (19.05) 18:30 to 21:00",
    ],
)
def test_money_periods_plan_lengths_ages_quarters_phones_and_times_are_not_measures(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "11.1 The Director informed the committee that this monitoring visit had been the fifth of six "
        "visits by Ofsted.",
        "• The council can expect four more visits from Ofsted before the full inspection",
    ],
)
def test_counts_of_ofsted_visits_are_the_framework_not_measures(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text, want",
    [
        ("Children looked after numbers reached 522 in August 2022, a 1% decrease on last month.", []),
        ("·\nChildren looked after are down 2.6% in comparison to 12 months prior.\n", []),
        ("Agency social workers made up 32% of the workforce.", [(32, "%", None)]),
    ],
)
def test_a_change_in_percent_is_not_a_measure_but_made_up_of_is(text, want):
    assert got(text) == want


# --- targets and benchmarks -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "Social workers held an average of 19 cases, above the recommended caseload of 15.",
            [(19, "cases", None), (15, "cases", 15)],
        ),
        ("• The benchmark of 15 cases per worker was exceeded by most teams", [(15, "cases", 15)]),
    ],
)
def test_a_recommended_caseload_or_benchmark_stated_on_its_own_is_its_own_target(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("Caseloads averaged 21, against the Munro benchmark of 15.", [(21, "cases", 15)]),
        ("- Performance against the 85% target for visits was 79%", [(79, "%", 85)]),
        ("Timeliness of assessments was 82% (target 90%).", [(82, "%", 90)]),
    ],
)
def test_a_target_or_benchmark_beside_a_figure_is_its_target(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("The target was for 90% of assessments to be completed within 45 days; performance was 82%.", [(82, "%", 90)]),
        ("• Target: 90% of visits on time; performance this quarter was 82%", [(82, "%", 90)]),
    ],
)
def test_a_target_before_a_later_figure_is_not_that_figure_itself(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "The target is for 90% of assessments to be completed within 45 days.",
        "• Target: 90% of visits on time",
    ],
)
def test_a_target_stated_alone_is_a_goal(text):
    assert got(text) == [(90, "%", 90)]


@pytest.mark.parametrize(
    "text",
    [
        "Members noted the target of 12 new foster carers a year; 9 had been approved.",
        "- The service has a target of 12 new foster carers a year",
    ],
)
def test_a_target_with_its_own_counted_noun_is_a_goal(text):
    assert got(text) == [(12, "count", 12)]


@pytest.mark.parametrize(
    "text, want",
    [
        ("Progress had been made on all but two of the 14 recommendations.", (12, "count", 14)),
        ("• Six of the nine recommendations had been met, with the remaining three on track", (6, "count", 9)),
    ],
)
def test_progress_in_words_against_a_count_of_recommendations(text, want):
    assert got(text) == [want]


@pytest.mark.parametrize(
    "text",
    [
        "Notice of the meeting was given ten working days in advance.",
        "• Papers are published five working days in advance",
    ],
)
def test_notice_given_in_advance_is_not_a_measure(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Some officers had caseloads above the 15 cases recommended by the Munro Review and in some instances social "
        "workers were holding up to 30 cases.",
        "• Caseloads: above the recommended caseload of 15, with some social workers holding up to 30 cases",
    ],
)
def test_a_benchmark_is_not_claimed_as_the_target_of_the_figure_after_it(text):
    assert got(text) == [(15, "cases", 15), (30, "cases", None)]


# --- the genre's ways of writing counts and comparisons -----------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        ("·  There were 248 CLA at the end of June 2023 (under 18).", (248, "count")),
        ("The service was supporting 1,020 CIN and 310 children on child protection plans.", (1020, "count")),
        ("- LAC: 412 at the end of the quarter, 398 LAC a year earlier", (398, "count")),
    ],
)
def test_the_genres_acronyms_are_counted_nouns(text, want):
    assert want in [(v, u) for v, u, _ in got(text)]


@pytest.mark.parametrize(
    "text",
    [
        "·  One hundred and fifty-five children (62.5%) lived with foster families.",
        "One hundred and fifty-five children lived with foster families in March.",
    ],
)
def test_a_hundred_and_more_in_words_is_one_number(text):
    assert got(text) == [(155, "count", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Placement moves had risen to 14%, which was higher than statistical neighbours (10%) and the South (12%).",
        "• Foster placements were 62%, below similar authorities (65%) and England (69%)",
    ],
)
def test_bracketed_comparator_figures_are_not_measures(text):
    assert [v for v, _, _ in got(text)] == [v for v in (14, 62) if str(v) in text]


@pytest.mark.parametrize(
    "text",
    [
        "This had increased over 12 months from 7%.",
        "• CLA looked after for over 12 months in the same placement",
    ],
)
def test_a_period_after_a_qualifier_is_not_a_measure(text):
    assert [u for _, u, _ in got(text)] == []


def test_a_wait_of_over_so_many_days_is_a_measure():
    assert got("Children waited over 100 days for an adoption match.") == [(100, "days", None)]


# --- sector-wide statistics and contents pages ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Local authorities rated outstanding by Ofsted had an average agency usage of 6.4%; for ‘good’ councils the "
        "rate was 15.1%, for ‘requires improvement’ authorities it was 16.4% and for ‘inadequate’ ones 27%.",
        "The report shows that 24% of the 87 local authorities inspected were rated ‘inadequate’ and 49% were rated "
        "‘requires improvement’.",
        "• Seven of 43 councils visited were rated inadequate; only 10 of 43 children’s services were good",
    ],
)
def test_sector_wide_statistics_across_councils_are_not_measures(text):
    assert got(text) == []


def test_a_councils_own_figure_beside_its_name_is_still_a_measure():
    assert got("The council's agency rate was 18%.") == [(18, "%", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Contents Introduction 3 Notification of the judgement 3 Action planning visit 4 Action plan 6 Complaints 10 "
        "Annex A.",
        "Contents\nSummary 2 Recommendations 5 Action Plan 7 Appendices 12 Glossary\n",
    ],
)
def test_a_table_of_contents_has_no_measures(text):
    assert got(text) == []


# --- a counted noun that changed to a bare figure ---------------------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        ("Social work vacancies had reduced to 12 by March.", (12, "staff")),
        ("• Referrals stood at 1,204 in the quarter", (1204, "count")),
        ("Children subject to child protection plans rose to 352, from 301 last year.", (352, "count")),
        ("- The number of children in care has risen by 20 to 480", (480, "count")),
    ],
)
def test_a_counted_noun_that_changed_to_a_figure_is_measured_at_that_figure(text, want):
    assert [(v, u) for v, u, _ in got(text)] == [want]


@pytest.mark.parametrize(
    "text",
    [
        "The council now has 45 fewer agency workers than a year ago.",
        "• 30 more children than last year were subject to plans",
    ],
)
def test_so_many_more_or_fewer_than_before_is_a_change(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text, want",
    [
        ("The report identified three areas where improvement is needed.", [(3, "count", None)]),
        ("• Inspectors set out four areas for further improvement", [(4, "count", None)]),
        ("One of the key areas for improvement was Children’s Voice, particularly in relation to the Care Plan.", []),
    ],
)
def test_more_ways_of_naming_areas_for_improvement(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Schools judged inadequate in 1 or more areas receive monitoring.",
        "• Children with 3+ placement moves were reviewed by the panel",
    ],
)
def test_a_threshold_is_not_a_figure(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Board noted 27 recommendations, which have since led to 40 actions.",
        "• 27 recommendations were made and have since given rise to 40 actions",
    ],
)
def test_since_without_a_verb_of_change_is_not_a_current_value(text):
    assert got(text) == [(27, "count", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The 5 recommendations set by Ofsted were accepted.",
        "- 45 families advised by the service were satisfied",
    ],
)
def test_set_or_advised_by_someone_is_not_a_benchmark(text):
    assert [t for _, _, t in got(text)] == [None]


@pytest.mark.parametrize(
    "text, want",
    [
        ("The council plans to increase foster carers; 45 children were placed in foster care.", [(45, "count", None)]),
        ("• The goal is to improve practice and 45 children were placed in foster care", [(45, "count", None)]),
        ("The goal is that, by March, 80% of plans are reviewed on time.", [(80, "%", 80)]),
    ],
)
def test_a_goal_word_reaches_a_figure_only_within_its_clause(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Two hundred children were supported by the service.",
        "• two hundred children supported",
    ],
)
def test_hundreds_in_words(text):
    assert got(text) == [(200, "count", None)]


@pytest.mark.parametrize(
    "text",
    [
        "4.2 The Ofsted inspection report made 6 recommendations for improvement:",
        "b. The Ofsted inspection report made 6 recommendations for improvement.",
    ],
)
def test_a_paragraph_number_is_not_part_of_the_measure_name(text):
    [measure] = extract(text).measures
    assert measure.name == "Ofsted inspection report made recommendations for improvement"


@pytest.mark.parametrize(
    "text, want",
    [
        ("Caseloads have reduced from an average of 22 to 17.", (17, "cases")),
        ("• The number of children in care fell from around 500 to 452 over the year", (452, "count")),
        ("Agency use fell from over 30% to 21%.", (21, "%")),
    ],
)
def test_an_earlier_figure_with_a_qualifier_is_still_the_earlier_figure(text, want):
    assert [(v, u) for v, u, _ in got(text)] == [want]


@pytest.mark.parametrize(
    "text, want",
    [
        ("Two officers attended the meeting to present the report.", []),
        ("• The council had recruited 12 officers to the new team", [(12, "staff", None)]),
        ("The service has two action plans in place.", []),
        ("- There were 320 child protection plans at the end of March", [(320, "count", None)]),
    ],
)
def test_officers_in_the_room_and_plans_as_documents_are_not_measures(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "As described in paragraphs 16-24 of the submitted report, Part 1 of Schedule 12A applies.",
        "• See slide 4 and sections 2 and 3 of the report",
    ],
)
def test_references_to_parts_of_a_document_are_not_measures(text):
    assert got(text) == []


@pytest.mark.parametrize(
    "text, want",
    [
        ("The average number of cases held is 19.6.", (19.6, "cases", None)),
        ("• The number of cases held per worker is 17.5", (17.5, "cases", None)),
    ],
)
def test_a_number_of_cases_with_decimals(text, want):
    assert got(text) == [want]


@pytest.mark.parametrize(
    "text, want",
    [
        ("The target caseload for a qualified social worker in a locality team is 12 – 15 cases.", [(12, "cases", 12)]),
        ("- Target caseload: 20-25 cases per worker", [(20, "cases", 20)]),
        ("Lord Laming recommended a caseload of no more than 20 cases for an assessment worker.", [(20, "cases", 20)]),
    ],
)
def test_a_target_caseload_range_is_one_goal_at_its_lower_bound(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("(b) Nationally, in 2009 1 in 9 social work roles were not filled.", []),
        (
            "Nationally the annual turnover is around 15%, while the council's turnover is around 11%.",
            [(11, "%", None)],
        ),
        (
            "In some areas of the UK 60% of social worker roles are filled with agency workers, with the remaining "
            "40% on permanent staff.",
            [],
        ),
    ],
)
def test_figures_for_the_country_are_not_local_measures(text, want):
    assert got(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "-       The increase was due to unaccompanied asylum seeking children, now currently standing at 48, "
        "compared to 10 in October 2021.",
        "Unaccompanied children now standing at 48 compared to 10 a year earlier.",
    ],
)
def test_a_counted_noun_now_standing_at_a_figure(text):
    assert got(text) == [(48, "count", None)]


@pytest.mark.parametrize(
    "text",
    [
        "· Unregulated placements were low, with 6 children currently placed in homes without Ofsted registration, "
        "compared to a total of 520 children in care.",
        "6 children were in unregistered homes compared with the total of 520 children in care",
    ],
)
def test_a_total_given_for_comparison_is_not_a_second_measure(text):
    assert got(text) == [(6, "count", None)]


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "The council’s full-time equivalent of social workers rose from 345 to 368 between 2017 and 2020, "
            "during which time average caseloads fell from 19.5 to 17.",
            [(368, "staff"), (17, "cases")],
        ),
        ("- Social workers: up from 345 to 368; caseloads: down from 19.5 to 17", [(368, "staff"), (17, "cases")]),
    ],
)
def test_each_figure_pair_takes_the_unit_of_its_own_clause(text, want):
    assert [(v, u) for v, u, _ in got(text)] == want


@pytest.mark.parametrize(
    "text",
    [
        "In the last 10 years the number of children receiving support from social services has risen 1,143 to 1,912.",
        "• The number of children supported has risen 1,143 to 1,912",
    ],
)
def test_risen_a_to_b_without_from(text):
    assert got(text) == [(1912, "count", None)]


@pytest.mark.parametrize(
    "text",
    [
        "At the front door there used to be two teams of 10 social workers, with a manager each.",
        "• The team used to have 12 agency workers",
    ],
)
def test_what_used_to_be_is_not_a_current_measure(text):
    assert got(text) == []
