"""Forms of the account page."""

from __future__ import annotations

from django import forms


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
