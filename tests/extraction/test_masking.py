"""Personal data is blanked in place: the stored text keeps its length and every offset."""

from improvement.extraction import PrivacyFlag, find_personal_data
from improvement.extraction.masking import MASK, mask_personal_data


def test_flagged_characters_are_masked_and_spaces_kept():
    text = "Child NHS number 943 476 5919 was discussed."
    flags = find_personal_data(text)
    assert flags
    masked = mask_personal_data(text, flags)
    assert len(masked) == len(text) and "5919" not in masked
    for flag in flags:
        assert set(masked[flag.start : flag.end]) <= {MASK, " "}
    assert masked.endswith(" was discussed.")


def test_a_flag_past_the_end_is_clipped():
    assert mask_personal_data("ab c", [PrivacyFlag(kind="x", start=1, end=99)]) == f"a{MASK} {MASK}"
