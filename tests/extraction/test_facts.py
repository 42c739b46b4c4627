"""Extraction on short snippets in layouts other than the seeds."""

from improvement.extraction import extract


def facts(text, **kw):
    return extract(text, source="snippet.txt", **kw)


class TestVisits:
    def test_monitoring_visit_with_ordinal_dates_and_focus(self):
        f = facts(
            "Ofsted carried out the third monitoring visit on 3rd and 4th December 2018, focusing on care leavers."
        )
        [v] = f.visits
        assert (v.kind, v.ordinal, v.start, v.end, v.focus) == (
            "monitoring_visit",
            3,
            "2018-12-03",
            "2018-12-04",
            "care leavers",
        )

    def test_year_comes_from_the_meeting_date_and_never_guessed(self):
        from datetime import date

        text = "The next monitoring visit would take place on 11 and 12 June."
        assert facts(text, meeting_date=date(2019, 3, 1)).visits[0].start == "2019-06-11"
        assert facts(text).visits[0].start is None

    def test_overall_judgement_told_apart_from_area_judgement(self):
        f = facts(
            "The ILACS inspection took place between 8 - 10 March 2023. Overall effectiveness was judged to be "
            "requires improvement to be good, and children in care were judged good."
        )
        [v] = f.visits
        assert v.judgement == "requires_improvement"
        assert v.area_judgements == {"children in care": "good"}

    def test_same_visit_twice_is_one_visit_and_publication_date_is_not_the_visit(self):
        f = facts(
            "Ofsted undertook a focused visit in February, 2020. The report of the focused visit was published "
            "on 7 July 2020."
        )
        assert [(v.kind, v.start) for v in f.visits] == [("focused_visit", "2020-02")]

    def test_jtai_and_peer_review(self):
        f = facts(
            "A joint targeted area inspection took place on 30 September and 1 October 2021. An LGA peer "
            "review of children's services was held in May 2022."
        )
        assert [(v.kind, v.start) for v in f.visits] == [("jtai", "2021-09-30"), ("peer_review", "2022-05")]

    def test_passing_mentions_are_not_visits(self):
        assert facts("Ofsted inspectors would be welcome. Staff prepared for the inspection framework.").visits == []


class TestRecommendations:
    def test_numbered_mentions(self):
        f = facts("Members considered Recommendations 4 and 6 of the Ofsted inspection. Recommendation no. 7 was met.")
        assert [r.ref for r in f.recommendations] == ["4", "6", "7"]
        assert f.recommendations[0].source == "Ofsted inspection"

    def test_a_list_under_a_heading(self):
        f = facts(
            "The inspection made the following recommendations:\n1. Improve management oversight.\n"
            "2. Strengthen plans for children in need.\n\nMinutes: noted."
        )
        assert [(r.ref, r.text) for r in f.recommendations] == [
            ("1", "Improve management oversight."),
            ("2", "Strengthen plans for children in need."),
        ]


class TestActionsAndOwners:
    def test_action_line_names_the_owner(self):
        f = facts("Members asked for the audit results.\n\nACTION: Head of Service, Children in Care\n")
        [a] = f.actions
        assert a.owner == "Head of Service, Children in Care"

    def test_would_commitments_with_due_dates(self):
        f = facts(
            "The Director of Children's Services confirmed that she would circulate the figures by 31 January "
            "2022. It was agreed that the Head of Service would report back to the next meeting."
        )
        assert [(a.owner, a.due) for a in f.actions] == [
            ("Director of Children's Services", "2022-01-31"),
            ("Head of Service", None),
        ]

    def test_purpose_clauses_and_questions_are_not_actions(self):
        f = facts(
            "A worker had been appointed by the Assistant Director to ensure communication. Councillor Smith "
            "asked whether the Director would provide more detail."
        )
        assert f.actions == []

    def test_owners_are_speakers_and_report_authors_not_councillors(self):
        f = facts(
            "The report of the Corporate Director of Children and Young People's Services was received. "
            "Councillor Smith asked about agency staff. The Head of Workforce Development explained the plan. "
            "The Chair thanked officers."
        )
        assert [o.role for o in f.owners] == [
            "Corporate Director of Children and Young People's Services",
            "Head of Workforce Development",
        ]

    def test_short_form_merges_into_the_full_title(self):
        f = facts(
            "The Interim Strategic Director of Children's Services introduced the report. The Interim "
            "Strategic Director added that staff had been trained."
        )
        assert [o.role for o in f.owners] == ["Interim Strategic Director of Children's Services"]


class TestMeasures:
    def m(self, text):
        return [(m.value, m.unit, m.target) for m in facts(text).measures]

    def test_percentages_in_a_list_are_separate_measures(self):
        assert self.m(
            "Of the files audited 50% required improvement, 30% required small changes and 20% were good."
        ) == [(50, "%", None), (30, "%", None), (20, "%", None)]

    def test_range_is_one_measure_at_its_lower_bound(self):
        assert self.m("Between 25% - 30% of the workforce were agency staff.") == [(25, "%", None)]

    def test_second_number_in_a_clause_describes_the_first(self):
        assert self.m("Less than 7 staff in the Assessment Team had over 25 cases.") == [(7, "staff", None)]
        assert self.m("40% of babies were placed within 3 months.") == [(40, "%", None)]

    def test_caseloads_words_and_targets(self):
        assert self.m("Social workers had approximately 14-15 cases each.") == [(14, "cases", None)]
        assert self.m("Managers had no more than six reports each.") == [(6, "staff", None)]
        assert self.m("The goal was that at least 80% of files would be compliant.") == [(80, "%", 80)]
        assert self.m("The average caseload was 18, against a target of 16.") == [(18, "cases", 16)]

    def test_not_measures(self):
        assert self.m("Contact Anne on 01274 432904 about item 5, paragraph 51.1 and point 3.2.") == []
        assert self.m("The third visit on 12 June 2023 at 10.00 am.") == []
        assert self.m("Agency staff were 16% nationally.") == []


class TestDecisions:
    def kinds(self, text):
        return [d.kind for d in facts(text).decisions]

    def test_numbered_resolutions(self):
        assert self.kinds(
            "RESOLVED -\n(1) That the report be noted.\n(2) That the Committee endorse the plan.\n"
            "(3) That a further update be received in six months."
        ) == ["noted", "approved", "received"]

    def test_resolved_with_colon_and_a_list(self):
        assert self.kinds(
            "RESOLVED: That the Committee:\n\n1. Received the report.\n\n2. Commented on the "
            "contents.\n\nSupporting documents:"
        ) == ["received", "commented"]

    def test_recommended_block_is_not_a_decision(self):
        assert self.kinds(
            "Recommended -\n\nThat this Committee note the report.\n\nMinutes:\nDiscussed.\n\n"
            "Resolved -\n\nThat the report be approved."
        ) == ["approved"]

    def test_paragraph_numbered_resolution(self):
        assert self.kinds("51.1 RESOLVED that the update be noted.\n\n52. NEXT ITEM") == ["noted"]
