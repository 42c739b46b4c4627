"""The import pages' input: the upload form, and the review page's ticks and corrections."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms

from improvement.extraction.limits import MAX_DOCUMENT_MB
from improvement.forms.dates import parse_date_text, slash_date
from improvement.services.importing.preview import KINDS

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
    meeting_date = forms.DateField(
        label="Meeting date (optional)",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"],
        help_text="For example, 27/03/2025. Used when the minutes do not give the date.",
        error_messages={"invalid": "Enter the meeting date as a real date, for example 27/03/2025"},
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


@dataclass
class ConfirmChoices:
    """What the reviewer ticked (indexes per kind) and changed (field values by (kind, index))."""

    keep: dict[str, set[int]]
    corrections: dict[tuple[str, int], dict] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def confirm_choices(data, *, actions: list[dict]) -> ConfirmChoices:
    """Read the review page's POST: `keep` ticks like "actions:0", and each kept action's owner and due boxes.

    `actions` are the actions the page showed; a due box left as shown is no correction."""
    keep: dict[str, set[int]] = {kind: set() for kind in KINDS}
    for value in data.getlist("keep"):
        kind, _, index = value.partition(":")
        if kind in keep and index.isdigit():
            keep[kind].add(int(index))
    choices = ConfirmChoices(keep=keep)
    for index in keep["actions"]:
        fix = {}
        owner = data.get(f"owner-actions-{index}", "").strip()
        if owner:
            fix["owner"] = owner
        due = data.get(f"due-actions-{index}", "").strip()
        found = (actions[index] if index < len(actions) else {}).get("due")
        if due and due != slash_date(found):
            parsed = parse_date_text(due)
            if parsed is None:
                choices.errors.append(f"Action {index + 1}: the due date must be a real date, for example 31/3/2026")
            else:
                fix["due"] = parsed.isoformat()
        choices.corrections[("actions", index)] = fix
    return choices
