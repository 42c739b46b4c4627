"""The filters' select, written in Python for speed, gives the markup Django's templates give."""

import pytest
from django import forms

from improvement.filters.common import GovukSelect

CHOICES = [
    ("", "All"),
    ("on_track", "On track"),
    ("at_risk", "At risk & <late>"),
    (3, "Quote \" and apostrophe '"),
]
GROUPED = [("", "All"), ("Theme 1", [("a", "Front door"), ("b", "Care <leavers>")]), ("c", "Ungrouped")]


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        (CHOICES, None, {"class": "govuk-select"}),
        (CHOICES, "at_risk", {"class": "govuk-select govuk-select--error", "aria-describedby": "id_x-error"}),
        (CHOICES, 3, {"class": "govuk-select", "disabled": True, "data-x": False}),
        (GROUPED, "b", {"class": "govuk-select"}),
        ([], None, {}),
    ],
)
def test_the_select_renders_what_djangos_templates_render(choices, value, attrs):
    ours = GovukSelect(choices=choices).render("status", value, attrs={"id": "id_status", **attrs})
    django = forms.Select(choices=choices).render("status", value, attrs={"id": "id_status", **attrs})
    assert ours == django
    assert "<option" in ours or not choices
