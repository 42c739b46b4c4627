from improvement.extraction.dates import find_dates, parse_date
from improvement.extraction.meeting import find_meeting


def spans(text, year=None):
    return [(d.iso(year), d.iso(year, "last")) for d in find_dates(text)]


def test_day_ranges_and_cross_month_ranges():
    assert spans("on 11 and 12 June", 2019) == [("2019-06-11", "2019-06-12")]
    assert spans("on 3rd and 4th December 2018") == [("2018-12-03", "2018-12-04")]
    assert spans("30 September and 1 October 2021") == [("2021-09-30", "2021-10-01")]
    assert spans("between 8 - 10 March", 2023) == [("2023-03-08", "2023-03-10")]


def test_month_only_and_missing_year():
    assert spans("in February, 2020") == [("2020-02", None)]
    assert spans("on 11 and 12 June") == [(None, None)]


def test_not_dates():
    assert spans("point 3.2 of the report, 25% - 30% of staff, Theme 1") == []
    assert spans("Members may 3 times ask") == []


def test_parse_date_forms():
    assert str(parse_date("Tuesday, 3rd March, 2020 10.00 am")) == "2020-03-03"
    assert str(parse_date("14/11/2021")) == "2021-11-14"


def test_meeting_headers_in_common_forms():
    assert find_meeting("WEDNESDAY 16 JULY 2014\n\nMinutes:\nText.") == ("2014-07-16", None)
    assert find_meeting("Meeting: 14/11/2021 - Cabinet (Item 52)\n\nMinutes: x") == ("2021-11-14", "Cabinet")
    assert find_meeting("Children's Scrutiny Committee - 12 January 2022\n\nMinutes: x") == (
        "2022-01-12",
        "Children's Scrutiny Committee",
    )
    assert find_meeting("CABINET\n\nTuesday, 3rd March, 2020 10.00 am\n\nMinutes: x") == ("2020-03-03", "Cabinet")
    assert find_meeting("Published Tuesday 7 July 2020 at 11:03\n\nOfsted visited.")[0] == "2020-07-07"


def test_a_date_in_the_body_is_not_the_meeting_date():
    body = "Agenda item\n\n" + "The service would move to the new model as of 1 April 2022, " * 5
    assert find_meeting(body) == (None, None)


def test_a_month_alone_means_its_last_day_one_rule_for_every_caller():
    from improvement.extraction import actions, tables
    from improvement.extraction.dates import month_end

    assert [month_end(2024, 2), month_end(2026, 4), month_end(2026, 12)] == ["2024-02-29", "2026-04-30", "2026-12-31"]
    assert actions.month_end is month_end and tables.month_end is month_end
