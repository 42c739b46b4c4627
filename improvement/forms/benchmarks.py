"""The benchmarks page's input: a published table, then which column is which measure."""

from django import forms

from improvement.extraction.benchmarks import YEAR_ENDS
from improvement.forms.uploads import CsvUploadField
from improvement.services.benchmarks import MAX_BYTES

SKIP = ""


class BenchmarkUploadForm(forms.Form):
    file = CsvUploadField(
        max_bytes=MAX_BYTES,
        required_message="Choose the CSV file to upload",
        label="Published table (CSV)",
        help_text="A local-authority table from Explore Education Statistics or Ofsted, with time_period, "
        "geographic_level, a council code or name, and one column per indicator.",
    )


class BenchmarkMappingForm(forms.Form):
    """One choice per indicator column (a measure, or not imported) and the year end of the periods."""

    token = forms.CharField(widget=forms.HiddenInput)
    year_end = forms.ChoiceField(
        label="The file's years end on",
        choices=list(YEAR_ENDS.items()),
        widget=forms.RadioSelect,
        help_text="Workforce figures are at 30 September; most children in need and children in care "
        "figures are for the year to 31 March.",
        error_messages={"required": "Choose the day the file's years end on"},
    )

    def __init__(self, *args, columns: list[str], measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = columns
        self.measures = {str(m.pk): m for m in measures}
        choices = [(SKIP, "Do not import")] + [(pk, m.name) for pk, m in self.measures.items()]
        for i, column in enumerate(columns):
            self.fields[f"column_{i}"] = forms.ChoiceField(
                label=column,
                choices=choices,
                required=False,
                error_messages={"invalid_choice": "Choose one of your council's measures, or do not import"},
            )

    def clean(self):
        data = super().clean()
        chosen = [data.get(f"column_{i}") for i in range(len(self.columns))]
        picked = [c for c in chosen if c]
        if len(picked) != len(set(picked)):
            raise forms.ValidationError("Choose each measure for one column only")
        return data

    def mapping(self) -> dict:
        return {
            column: self.measures[self.cleaned_data[f"column_{i}"]]
            for i, column in enumerate(self.columns)
            if self.cleaned_data.get(f"column_{i}")
        }

    @staticmethod
    def initial_for(columns: list[str], mapping: dict, year_end: str, token: str) -> dict:
        initial = {"token": token, "year_end": year_end}
        for i, column in enumerate(columns):
            if column in mapping:
                initial[f"column_{i}"] = str(mapping[column].pk)
        return initial
