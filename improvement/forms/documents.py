"""The form for an imported document's details after saving: its kind, its meeting date and its committee."""

from __future__ import annotations

from django import forms

from improvement.forms.dates import GovukDateField
from improvement.models import Authority, Meeting, SourceDocument


class DocumentDetailsForm(forms.ModelForm):
    meeting_date = GovukDateField(
        label="Date of the meeting",
        required=False,
        help_text="For example, 31 3 2026. Leave it empty if the document has no meeting.",
    )

    class Meta:
        model = SourceDocument
        fields = ["kind", "meeting_date", "committee"]
        labels = {"kind": "What the document is", "committee": "Committee"}

    def __init__(self, *args: object, authority: Authority, **kwargs: object) -> None:
        self.authority = authority
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "govuk-select"
        self.fields["committee"].widget.attrs["class"] = "govuk-input"

    def _post_clean(self) -> None:
        self.instance.authority = self.authority
        super()._post_clean()
        # the committee meeting on record for that day, if there is one ("since the last committee" counts from it)
        day, committee = self.cleaned_data.get("meeting_date"), (self.cleaned_data.get("committee") or "").strip()
        self.instance.meeting = (
            Meeting.objects.filter(authority=self.authority, date=day, committee=committee).first()
            if day and committee
            else None
        )
