"""The import pages' input: the upload form and adding a fact from the text (the review page's own forms: review.py)."""

from __future__ import annotations

from datetime import date

from django import forms

from improvement.extraction.limits import MAX_DOCUMENT_MB
from improvement.forms.dates import GovukDateField

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)) and data:
            return [single(d, initial) for d in data]
        cleaned = single(data or None, initial)  # raises "required" when nothing was chosen
        return [cleaned] if cleaned else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Minutes files",
        help_text=f"Text, ModernGov web pages saved as HTML, Word (.docx) or PDF with text. Up to {MAX_DOCUMENT_MB} MB "
        "each.",
        required=True,
        error_messages={"required": "Choose at least one file of minutes to upload"},
    )
    committee = forms.CharField(
        label="Committee (optional)",
        required=False,
        max_length=200,
        help_text="Used when the minutes do not name the committee.",
    )
    meeting_date = GovukDateField(
        label="Meeting date (optional)",
        required=False,
        help_text="For example, 27 3 2025. Used when the minutes do not give the date.",
        error_messages={"invalid": "The meeting date must be a real date, for example 27 3 2025"},
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Upload at most {MAX_FILES} files at a time")
        return files

    def clean_meeting_date(self):
        value = self.cleaned_data.get("meeting_date")
        if value and value > date(2100, 1, 1):
            raise forms.ValidationError("Enter a meeting date before 2100")
        return value


class AddFactForm(forms.Form):
    """Adding a fact the importer missed, from one paragraph of the text."""

    kind = forms.ChoiceField(
        label="What kind of fact is it?",
        choices=[
            ("actions", "An action"),
            ("measures", "A measure"),
            ("recommendations", "A recommendation"),
            ("visits", "A visit or inspection"),
            ("owners", "An owner"),
            ("decisions", "A decision"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of fact it is"},
    )
    words = forms.CharField(
        label="The words to quote (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Copy the part of the paragraph the fact comes from, or leave this empty to quote the whole "
        "paragraph.",
    )
