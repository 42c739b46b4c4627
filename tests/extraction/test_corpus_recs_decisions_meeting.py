"""Recommendations, decisions and the meeting block as real pages write them (issue 11): each rule
in at least two layouts - minutes, ModernGov pages, news reports and press releases."""

import pytest

from improvement.extraction import extract
from improvement.extraction.meeting import find_authority


# --- authority: the council the text names ------------------------------------------------

@pytest.mark.parametrize(
    "text, authority",
    [
        # a named council in a news report's prose
        ("Ofsted inspectors have today recognised improvements. Fenbridge City Council and partner agencies "
         "acknowledged the shortcomings.", "Fenbridge City Council"),
        # a council's name as the page header
        ("Marlow-on-Wye Borough Council\n\nView Cabinet Decision Record\n\nCabinet Decision: 7th March 2019",
         "Marlow-on-Wye Borough Council"),
        # "City of <Place> Council" inside minutes
        ("The action plan would be owned by Ofsted and City of Eldham Council (CEC).", "City of Eldham Council"),
        # several words, "and"
        ("Bath and Upper Vale Council was inspected between 7 and 18 March 2022.", "Bath and Upper Vale Council"),
        # a lower-case "council" after the place
        ("Ofsted rated Harnley council as good overall at a full inspection last month.", "Harnley Council"),
        # "London Borough of <Place>" with no "Council"
        ("The London Borough of Ashgrove welcomed the report.", "London Borough of Ashgrove"),
        # the page's council is the one named most often, not a commissioner's council
        ("Harbay Council has been judged inadequate. A commissioner from Wessex County Council was appointed. "
         "Harbay Council staff were interviewed.", "Harbay Council"),
    ],
)
def test_the_council_the_text_names(text, authority):
    assert find_authority(text) == authority
    assert extract(text).meeting.authority == authority


@pytest.mark.parametrize(
    "text, authority",
    [
        ("Oldbury's failing children's services will stay under council control.", "Oldbury Council"),
        ("4.1 In November 2019, Eastmoor Children’s Services was inspected under the ILACS framework.",
         "Eastmoor Council"),
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
