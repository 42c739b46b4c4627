"""The Ofsted outcomes page's input: one file."""

from django import forms

from improvement.services.ofsted_outcomes import MAX_BYTES


class OutcomesUploadForm(forms.Form):
    file = forms.FileField(
        label="Ofsted outcomes file",
        help_text="Ofsted's \u201cLocal authority inspection outcomes as at 31 March\u201d (ODS, or its sheets "
        "saved as XLSX or CSV), or the daily scrape's CSV.",
        error_messages={"required": "Choose the Ofsted outcomes file to upload", "empty": "The file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".ods", ".xlsx", ".csv")):
            raise forms.ValidationError("The file must be an ODS, XLSX or CSV file")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
        return upload
