from datetime import date

from django import forms

from improvement.extraction.limits import MAX_DOCUMENT_MB, document_too_large

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
        help_text=f"Text, ModernGov web pages saved as HTML, Word (.docx) or PDF with text. Up to {MAX_DOCUMENT_MB} MB each.",
        required=True,
        error_messages={"required": "Choose at least one file of minutes to upload"},
    )
    committee = forms.CharField(
        label="Committee (optional)", required=False, max_length=200,
        help_text="Used when the minutes do not name the committee.",
    )
    meeting_date = forms.DateField(
        label="Meeting date (optional)", required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"],
        help_text="For example, 27/03/2025. Used when the minutes do not give the date.",
        error_messages={"invalid": "Enter the meeting date as a real date, for example 27/03/2025"},
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Upload at most {MAX_FILES} files at a time")
        too_large = [f"{f.name}: {problem}" for f in files if (problem := document_too_large(f.size))]
        if too_large:
            raise forms.ValidationError(too_large)
        return files

    def clean_meeting_date(self):
        value = self.cleaned_data.get("meeting_date")
        if value and value > date(2100, 1, 1):
            raise forms.ValidationError("Enter a meeting date before 2100")
        return value
