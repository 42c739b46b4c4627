"""Forms of the account page."""

from __future__ import annotations

from django import forms

from improvement import permissions
from improvement.models import CalendarFeed


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, the performance team's weekly report. You will see this name beside the token.",
        max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds", "spellcheck": "false"}),
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "The name must be 100 characters or fewer",
        },
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter what the token is for")
        return name


class CalendarFeedForm(forms.Form):
    """Which calendar: everyone may have their own; the council's is for its lead and scrutiny members."""

    kind = forms.ChoiceField(
        label="Which calendar?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which calendar", "invalid_choice": "Select which calendar"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(CalendarFeed.Kind.PERSONAL, "My actions: my due dates, and overdue actions of people I manage")]
        if permissions.can_have_council_feed(user):
            choices.append(
                (CalendarFeed.Kind.COUNCIL, "Council dates: statutory action-plan dates, monitoring visits, committees")
            )
        self.fields["kind"].choices = choices
