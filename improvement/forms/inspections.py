"""Forms for inspections and visits in Manage plan: their details, and their judgements per area.

The judgement areas, the grade wording and whether there is an overall grade are data (the
framework in force on the start date, read with selectors/frameworks.py::areas_for); the
judgements form asks exactly what that framework grades, and never works an overall grade out.
"""

from __future__ import annotations

from django import forms

from improvement.extraction.fact_dates import is_month_only, parse_fact_date
from improvement.forms.dates import GovukDateField, GovukMonthOrDateField, date_range_check
from improvement.models import Framework, Inspection, Judgement
from improvement.selectors.frameworks import Offer

REASON_HELP = "It is kept in the record's history, with your name."


def reason_field(label: str = "Reason for the change") -> forms.CharField:
    """A required reason, as every change to a kept record needs (shown in "Changes to this record")."""
    return forms.CharField(
        label=label,
        help_text=REASON_HELP,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 2}),
        error_messages={"required": "Enter the reason for the change", "max_length": "The reason must be shorter"},
    )


def _iso(day, month_only: bool) -> str | None:
    if day is None:
        return None
    return f"{day:%Y-%m}" if month_only else day.isoformat()


class InspectionForm(forms.ModelForm):
    """An inspection's or visit's details. Its start date may be a month alone ("October 2019")."""

    start = GovukMonthOrDateField(label="Start date", required=False)
    end = GovukMonthOrDateField(label="End date (optional)", required=False)
    reason = reason_field()

    class Meta:
        model = Inspection
        fields = ["kind", "ordinal", "title", "focus", "areas_for_priority_action", "report_published", "report_url"]
        labels = {
            "kind": "Kind of inspection or visit",
            "ordinal": "Which visit of its kind (optional)",
            "title": "Title (optional)",
            "focus": "Focus (optional)",
            "areas_for_priority_action": "The visit found areas for priority action",
            "report_published": "Report published (optional)",
            "report_url": "Link to the published report (optional)",
        }
        help_texts = {
            "ordinal": 'A number: 4 for "the fourth monitoring visit"',
            "focus": "For a focused or monitoring visit, what it looked at",
        }
        error_messages = {
            "kind": {"required": "Select the kind of inspection or visit"},
            "ordinal": {"invalid": "Enter a whole number, like 4", "min_value": "Enter a number of 1 or more"},
        }

    def __init__(self, *args, authority, **kwargs):
        self.authority = authority
        super().__init__(*args, **kwargs)
        record = self.instance
        if record.pk:
            month_only = record.date_precision == Inspection.DatePrecision.MONTH
            self.initial.setdefault("start", _iso(record.start_date, month_only))
            self.initial.setdefault("end", _iso(record.end_date, False))
        else:
            self.fields.pop("reason")  # a new record needs no reason: its history starts here
        self.fields["kind"].widget.attrs["class"] = "govuk-select"
        self.fields["kind"].choices = [("", "Choose the kind"), *Inspection.Kind.choices]
        self.fields["ordinal"].widget = forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}
        )
        self.fields["title"].widget.attrs["class"] = "govuk-input"
        self.fields["report_url"] = forms.URLField(
            label=self.fields["report_url"].label,
            required=False,
            max_length=500,
            assume_scheme="https",
            widget=forms.URLInput(attrs={"class": "govuk-input", "spellcheck": "false"}),
            error_messages={"invalid": "Enter a link in the right format, like https://reports.ofsted.gov.uk/"},
        )
        self.fields["focus"].widget.attrs.update({"class": "govuk-textarea", "rows": 3})
        published = self.fields["report_published"]
        self.fields["report_published"] = GovukDateField(
            label=published.label, required=False, initial=record.report_published
        )
        self.order_fields(
            ["kind", "ordinal", "title", "start", "end", "focus", "areas_for_priority_action", "report_published"]
        )

    def clean(self):
        data = super().clean()
        date_range_check(self, data)
        self._check_framework(data)
        return data

    def _check_framework(self, data) -> None:
        """A change of date or kind that moves a graded inspection into another framework would
        leave its grades under areas the new framework does not have: say so, change nothing."""
        record = self.instance
        if not record.pk or "start" in self.errors or "kind" in self.errors:
            return
        new = Framework.objects.in_force(data.get("kind") or "", parse_fact_date(data.get("start")))
        if (new.pk if new else None) == record.framework_id:
            return
        if record.judgements.exists() or record.overall_judgement:
            self.framework_refused = True
            where = new.name if new else "no framework that grades it"
            self.add_error(
                "start",
                f"This kind and date fall under {where}, but its judgements were given under "
                f"{record.framework or 'no framework'}. Remove its judgements first, then change the date or kind",
            )

    framework_refused = False

    def _post_clean(self):
        if self.framework_refused:
            return  # the start date's error says it all; the model's own check would say it again
        # The dates as the model keeps them: a month alone is its first day, "month only".
        data = self.cleaned_data
        record = self.instance
        record.authority = self.authority
        if "start" in data and "end" in data:
            start, end = data["start"], data["end"]
            record.start_date = parse_fact_date(start)
            record.date_precision = (
                Inspection.DatePrecision.MONTH if is_month_only(start) else Inspection.DatePrecision.DAY
            )
            end_day = parse_fact_date(end)
            record.end_date = end_day if end_day and end_day != record.start_date else None
        super()._post_clean()


OTHER_PREFIX = "other_"


class JudgementsForm(forms.Form):
    """The grades for one inspection: the overall grade where the framework gives one, a grade
    per area it grades (each may be left "Not graded"), and any grade recorded under an area the
    framework does not name (from minutes), which can be kept or removed."""

    reason = reason_field()

    def __init__(self, *args, inspection: Inspection, offer: Offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        self.offer = offer
        # A framework says whether there is an overall grade; a visit no framework grades may
        # still carry the judgement the minutes gave it, which the lead may change or clear.
        self.asks_overall = offer.has_overall_grade or offer.framework is None
        grades = offer.grade_choices or list(Judgement.choices)
        not_graded = [("", "Not graded")]
        existing = list(inspection.judgements.all())
        by_area = {j.judgement_area_id: j for j in existing if j.judgement_area_id}
        by_name = {j.area.strip().lower(): j for j in existing if not j.judgement_area_id}
        self.matched: set[int] = set()
        fields: dict[str, forms.Field] = {}
        if self.asks_overall:
            fields["overall"] = forms.ChoiceField(
                label="Overall effectiveness" if offer.framework else "Judgement",
                required=False,
                choices=not_graded + grades,
                initial=inspection.overall_judgement,
            )
        for area in offer.areas:
            current = by_area.get(area.pk) or by_name.get(area.name.strip().lower())
            if current is not None:
                self.matched.add(current.pk)
            fields[f"area_{area.key}"] = forms.ChoiceField(
                label=area.name, required=False, choices=not_graded + grades, initial=current.grade if current else ""
            )
        for j in existing:
            if j.pk in self.matched:
                continue
            choices = list(grades)
            if j.grade not in {key for key, _ in choices}:
                choices.append((j.grade, j.grade_name))
            fields[f"{OTHER_PREFIX}{j.pk}"] = forms.ChoiceField(
                label=j.area,
                required=False,
                choices=[("", "Remove this judgement"), *choices],
                initial=j.grade,
                help_text="Recorded from minutes under an area this framework does not name",
            )
        for name, field in fields.items():
            field.widget.attrs["class"] = "govuk-select"
            self.fields[name] = field
        self.order_fields([*fields, "reason"])

    @property
    def grade_fields(self):
        return [self[name] for name in self.fields if name != "reason"]

    def cleaned_grades(self) -> tuple[str | None, dict, dict]:
        """(overall grade or None when not asked, {area key: grade}, {other judgement id: grade})."""
        data = self.cleaned_data
        overall = data.get("overall", "") if self.asks_overall else None
        areas = {a.key: data.get(f"area_{a.key}", "") for a in self.offer.areas}
        others = {
            int(name.removeprefix(OTHER_PREFIX)): value for name, value in data.items() if name.startswith(OTHER_PREFIX)
        }
        return overall, areas, others


class DeleteForm(forms.Form):
    reason = reason_field("Reason for deleting it")


class DocumentDeleteForm(forms.Form):
    facts = forms.ChoiceField(
        label="What should happen to the records that came from it?",
        widget=forms.RadioSelect,
        choices=[
            ("keep", "Keep them all, no longer linked to the document's quotes"),
            ("remove_untouched", "Remove those nobody has changed or worked on since; keep the rest, unlinked"),
        ],
        error_messages={"required": "Choose what should happen to the records that came from it"},
    )
    reason = reason_field("Reason for deleting the document")
