"""The lead's choice of what a plan's public page shows."""

from django import forms

from improvement.models import Measure


class PublicViewForm(forms.Form):
    published = forms.BooleanField(required=False, label="Show this plan on a public page that needs no sign-in")
    measures = forms.ModelMultipleChoiceField(
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Measures to show on the public page",
        help_text="Only the measures you tick are public. Every other measure stays private.",
        error_messages={
            "invalid_choice": "Choose measures from your council's list",
            "invalid_pk_value": "Choose measures from your council's list",
        },
    )
    reason = forms.CharField(
        required=False,
        max_length=500,
        label="Why (optional)",
        help_text="For the record of publications, for example \u201cagreed at Cabinet on 3 December 2026\u201d.",
    )

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = Measure.objects.filter(authority=authority).order_by("name")
