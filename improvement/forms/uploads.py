"""One rule for a CSV file uploaded to an import page: its name ends in .csv and it is within a size limit."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile


class CsvUploadField(forms.FileField):
    """A file field that refuses anything but a CSV file of at most `max_bytes`, with GOV.UK error wording."""

    def __init__(self, *, max_bytes: int, required_message: str, **kwargs: object) -> None:
        self.max_bytes = max_bytes
        kwargs.setdefault("error_messages", {"required": required_message, "empty": "The file is empty"})
        super().__init__(**kwargs)

    def clean(self, data: UploadedFile | None, initial: object = None) -> UploadedFile | None:
        upload = super().clean(data, initial)
        if upload and not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file")
        if upload and upload.size > self.max_bytes:
            raise forms.ValidationError(f"The file must be smaller than {self.max_bytes // (1024 * 1024)} MB")
        return upload
