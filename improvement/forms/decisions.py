"""The form for a decision recorded from minutes ("That the report be noted"), in Manage plan."""

from __future__ import annotations

from django import forms

from improvement.models import Decision


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["kind", "text"]
        labels = {"kind": "What the committee did", "text": "The decision"}
        error_messages = {"text": {"required": "Enter the decision"}}

    def __init__(self, *args, authority, **kwargs):
        self.authority = authority
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "govuk-select"
        self.fields["text"].widget.attrs.update({"class": "govuk-textarea", "rows": 4})

    def _post_clean(self):
        self.instance.authority = self.authority
        super()._post_clean()
