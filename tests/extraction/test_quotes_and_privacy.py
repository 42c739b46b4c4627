from pathlib import Path

import pytest

from improvement.extraction import extract, find_personal_data, read_document, redact
from improvement.extraction.privacy import UPN_LETTERS, nhs_number_is_valid, upn_is_valid

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = [
    "RESOLVED -\n(1) That the report be noted.",
    "The Director of Children's Services confirmed that she would circulate the figures by 31 January 2022.",
    "Ofsted carried out the third monitoring visit on 3rd and 4th December 2018, focusing on care leavers.",
    "Recommendations 4 and 6 were discussed; 62% of audits were good.",
]


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_every_quote_is_the_text_between_its_offsets_on_the_seeds(path):
    text, _ = read_document(path)
    facts = extract(text, source=path.name)
    assert facts.all_facts()
    for fact in facts.all_facts():
        assert text[fact.quote_start : fact.quote_end] == fact.quote


@pytest.mark.parametrize("text", SNIPPETS)
def test_every_quote_is_the_text_between_its_offsets_on_snippets(text):
    for fact in extract(text).all_facts():
        assert text[fact.quote_start : fact.quote_end] == fact.quote


def upn(twelve_digits: str) -> str:
    total = sum(int(c) * pos for pos, c in enumerate(twelve_digits, start=2))
    return UPN_LETTERS[total % 23] + twelve_digits


PLANTED = {
    "NHS number": ["943 476 5919", "4010232137", "401-023-2137"],
    "unique pupil number": [upn("801200100001"), upn("938411234567")],
    "date of birth": ["12/03/2015", "4 May 2016"],
    "postcode": ["SW1A 1AA", "LS1 4DY", "BD1 1HY"],
}


def test_every_planted_identifier_is_caught():
    text = (
        f"Child A (NHS number {PLANTED['NHS number'][0]}, DOB {PLANTED['date of birth'][0]}) lives at "
        f"{PLANTED['postcode'][0]}. Child B, born {PLANTED['date of birth'][1]}, NHS no. {PLANTED['NHS number'][1]}, "
        f"UPN {PLANTED['unique pupil number'][0]}, moved to {PLANTED['postcode'][1]}. Sibling UPN "
        f"{PLANTED['unique pupil number'][1]} at {PLANTED['postcode'][2]}; ref {PLANTED['NHS number'][2]}."
    )
    caught = {(f.kind, text[f.start : f.end]) for f in find_personal_data(text)}
    for kind, values in PLANTED.items():
        for value in values:
            assert (kind, value) in caught


def test_phone_numbers_meeting_dates_and_invalid_numbers_are_not_flagged():
    text = "Call 01274 432904. The meeting on 14/11/2021 discussed 9434765918 and case 1234567890."
    assert find_personal_data(text) == []
    assert not nhs_number_is_valid("9434765918")
    assert not upn_is_valid("A801200100001" if upn("801200100001")[0] != "A" else "B801200100001")


def test_quotes_are_redacted_and_the_flag_keeps_no_value():
    text = "The Head of Service confirmed that she would review the case of NHS number 943 476 5919 by 1 May 2024."
    facts = extract(text)
    assert "[redacted NHS number]" in facts.actions[0].quote
    assert "5919" not in str(facts.to_contract()["actions"])
    assert facts.to_contract()["privacy_flags"] == [{"kind": "NHS number", "start": 75, "end": 87}]
    assert redact("abc 943 476 5919", 0, find_personal_data("abc 943 476 5919")) == "abc [redacted NHS number]"
