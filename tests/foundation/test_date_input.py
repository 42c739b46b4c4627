"""The GOV.UK date input: day, month and year boxes, with errors that name the missing part."""

from datetime import date

import pytest
from django import forms
from django.urls import reverse

from improvement.forms.dates import GovukDateField
from improvement.models import Action


class _Form(forms.Form):
    when = GovukDateField(label="When")


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"when-day": "31", "when-month": "3", "when-year": "2026"}, date(2026, 3, 31)),
        ({"when-day": " 1 ", "when-month": "04", "when-year": "2026"}, date(2026, 4, 1)),
        ({"when": "2026-03-31"}, date(2026, 3, 31)),  # links written with ISO dates keep working
        ({"when": "31/03/2026"}, date(2026, 3, 31)),
    ],
)
def test_a_date_is_read_from_the_three_boxes_or_one_value(data, expected):
    form = _Form(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == expected


@pytest.mark.parametrize(
    "data, message",
    [
        ({"when-day": "", "when-month": "3", "when-year": "2026"}, "The date must include a day"),
        ({"when-day": "31", "when-month": "", "when-year": ""}, "The date must include a month and a year"),
        (
            {"when-day": "31", "when-month": "2", "when-year": "2026"},
            "The date must be a real date, for example 31 3 2026",
        ),
        ({"when-day": "1", "when-month": "2", "when-year": "26"}, "The year must have 4 numbers, for example 2026"),
        (
            {"when-day": "first", "when-month": "2", "when-year": "2026"},
            "The date must be a real date, for example 31 3 2026",
        ),
        ({"when": "next Tuesday"}, "The date must be a real date, for example 31 3 2026"),
        ({}, "Enter the date"),
    ],
)
def test_a_bad_date_is_explained_in_plain_words(data, message):
    form = _Form(data)
    assert not form.is_valid()
    assert form.errors["when"] == [message]


def test_the_boxes_show_what_was_typed_after_an_error():
    html = str(_Form({"when-day": "31", "when-month": "2", "when-year": "2026"})["when"])
    assert 'name="when-day"' in html and 'value="31"' in html and 'value="2"' in html and 'value="2026"' in html
    assert 'id="id_when"' in html  # the error summary links to the day box


def test_a_lead_moves_a_due_date_with_the_three_boxes(client, lead, authority):
    from tests.factories import ActionFactory, OwnerFactory

    action = ActionFactory(authority=authority, owner=OwnerFactory(authority=authority), due_date=date(2026, 6, 30))
    client.force_login(lead)
    page = client.get(reverse("action_edit", args=[action.pk])).content.decode()
    assert 'name="due_date-day" type="text" inputmode="numeric" value="30"' in page
    response = client.post(
        reverse("action_edit", args=[action.pk]),
        {
            "title": action.title,
            "plan": action.plan_id,
            "owner": action.owner_id,
            "version": action.version,
            "due_date-day": "15",
            "due_date-month": "9",
            "due_date-year": "2026",
            "reason": "Waiting for the new audit tool",
        },
    )
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).due_date == date(2026, 9, 15)
