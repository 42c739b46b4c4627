"""The statistical-neighbours page's input: the DfE's model as CSV."""

from django import forms

MAX_BYTES = 5 * 1024 * 1024


class NeighboursUploadForm(forms.Form):
    file = forms.FileField(
        label="Statistical neighbour model (CSV)",
        help_text="The DfE's sn_model_2025_wide.csv: old_la_code, la_name, region_ind, region_name, "
        "SN_1, SN_1P \u2026 SN_10, SN_10P.",
        error_messages={"required": "Choose the statistical neighbour model to upload", "empty": "The file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
        return upload
