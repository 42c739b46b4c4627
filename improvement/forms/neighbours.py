"""The statistical-neighbours page's input: the DfE's model as CSV."""

from django import forms

from improvement.forms.uploads import CsvUploadField

MAX_BYTES = 5 * 1024 * 1024


class NeighboursUploadForm(forms.Form):
    file = CsvUploadField(
        max_bytes=MAX_BYTES,
        required_message="Choose the statistical neighbour model to upload",
        label="Statistical neighbour model (CSV)",
        help_text="The DfE's sn_model_2025_wide.csv: old_la_code, la_name, region_ind, region_name, "
        "SN_1, SN_1P \u2026 SN_10, SN_10P.",
    )
