"""The review page's input: one form per fact (prefix "<kind>-<index>"), and one for the document.

Every field of every fact can be corrected before saving. Each form starts from what the importer
found (`initial_for`), and `fix()` turns its clean values into the two things the import takes:
the fact's own fields (corrections to the extraction dataclass) and the reviewer's other choices
(extras: the inspection a recommendation comes from, a theme, a measure's polarity and date,
whether to merge with an existing record).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms

from improvement.forms.dates import GovukDateField, GovukMonthOrDateField, date_range_check
from improvement.models import Decision, Inspection, Judgement, Measure, Polarity, SourceDocument
from improvement.selectors.documents import Choices
from improvement.services.importing.preview import KINDS

MERGE_CHOICES = [("merge", "Yes, update the existing record"), ("separate", "No, keep it as a separate record")]
NUMBER_ERROR = "Enter the {what} as a number, for example 42.5"


def _number(value: str, what: str) -> Decimal | None:
    value = (value or "").strip().replace(",", "").removesuffix("%").strip()
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise forms.ValidationError(NUMBER_ERROR.format(what=what)) from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise forms.ValidationError(NUMBER_ERROR.format(what=what))
    return number


def _plain(number) -> str:
    if number is None or number == "":
        return ""
    text = format(Decimal(str(number)).normalize(), "f")
    return text


class FactForm(forms.Form):
    kind = ""
    merge = forms.ChoiceField(
        label="Update the existing record?", choices=MERGE_CHOICES, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, choices: Choices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices or Choices()
        self.setup()

    def setup(self) -> None:
        pass

    def fix(self) -> tuple[dict, dict]:
        """(the fact's corrected fields, the reviewer's other choices), from clean data."""
        raise NotImplementedError

    def merge_extra(self) -> dict:
        return {"separate": True} if self.cleaned_data.get("merge") == "separate" else {}


class VisitForm(FactForm):
    kind = "visits"
    visit_kind = forms.ChoiceField(label="Kind of visit", choices=Inspection.Kind.choices)
    start = GovukMonthOrDateField(label="Start date", required=False)
    end = GovukMonthOrDateField(label="End date (if it lasted more than a day)", required=False)
    focus = forms.CharField(label="Focus", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    judgement = forms.ChoiceField(
        label="Judgement", required=False, choices=[("", "No judgement given"), *Judgement.choices]
    )
    planned = forms.BooleanField(label="This visit is planned: it has not happened yet", required=False)

    def clean(self):
        data = super().clean()
        date_range_check(self, data)
        return data

    def fix(self):
        d = self.cleaned_data
        fields = {
            "kind": d["visit_kind"],
            "start": d["start"],
            "end": d["end"] if d["end"] and d["end"] != d["start"] else None,
            "focus": d["focus"].strip() or None,
            "judgement": d["judgement"] or None,
            "planned": d["planned"],
        }
        return fields, self.merge_extra()


class RecommendationForm(FactForm):
    kind = "recommendations"
    ref = forms.CharField(label="Number or reference", required=False, max_length=20)
    text = forms.CharField(
        label="What it asks for",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the recommendation asks for"},
    )
    inspection = forms.ChoiceField(label="The inspection or visit it comes from", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)

    def setup(self):
        self.fields["inspection"].choices = [
            ("", "None of these"),
            *[(v, f"Found in this document: {label}") for v, label in self.choices.found_visits],
            *self.choices.inspections,
        ]
        self.fields["theme"].choices = [("", "No theme"), *self.choices.themes]

    def fix(self):
        d = self.cleaned_data
        fields = {"ref": d["ref"].strip() or None, "text": " ".join(d["text"].split())}
        extras = {"inspection": d["inspection"], "theme": d["theme"] or None, **self.merge_extra()}
        return fields, extras


class ActionForm(FactForm):
    kind = "actions"
    title = forms.CharField(label="What will be done", max_length=300, error_messages={"required": "Enter the action"})
    owner = forms.ChoiceField(label="Owner", required=False)
    new_owner = forms.CharField(
        label="New owner's title", required=False, max_length=200, help_text="For example, Head of Service"
    )
    due = GovukMonthOrDateField(label="Due date", required=False)
    theme = forms.ChoiceField(label="Theme", required=False)
    answers = forms.MultipleChoiceField(
        label="The recommendations it answers", required=False, widget=forms.CheckboxSelectMultiple
    )

    def setup(self):
        self.fields["owner"].choices = [
            ("", "No owner yet"),
            ("new", "A new owner (type the title below)"),
            *self.choices.owners,
        ]
        self.fields["theme"].choices = [("", "No theme"), *self.choices.themes]
        self.fields["answers"].choices = [
            *[(v, f"Found in this document: {label}") for v, label in self.choices.found_recommendations],
            *self.choices.recommendations,
        ]

    def clean(self):
        data = super().clean()
        if data.get("owner") == "new" and not (data.get("new_owner") or "").strip():
            self.add_error("new_owner", "Enter the new owner's title, or choose an owner from the list")
        return data

    def fix(self):
        d = self.cleaned_data
        owner = ""
        if d["owner"] == "new":
            owner = " ".join(d["new_owner"].split())
        elif d["owner"]:
            owner = dict(self.choices.owners).get(d["owner"], "")
        fields = {"title": " ".join(d["title"].split()), "owner": owner or None, "due": d["due"]}
        return fields, {"theme": d["theme"] or None, "recommendations": list(d["answers"])}


class MeasureForm(FactForm):
    kind = "measures"
    name = forms.CharField(label="Name", max_length=300, error_messages={"required": "Enter the measure's name"})
    value = forms.CharField(label="Value", error_messages={"required": "Enter the value, for example 42.5"})
    unit = forms.ChoiceField(label="Unit", choices=Measure.Unit.choices)
    target = forms.CharField(label="Target (optional)", required=False)
    polarity = forms.ChoiceField(label="Which way is better", choices=Polarity.choices)
    date = GovukDateField(label="The date the figure is for", required=False, help_text="For example, 31 3 2026")

    def clean_value(self):
        return _number(self.cleaned_data["value"], "value")

    def clean_target(self):
        return _number(self.cleaned_data["target"], "target")

    def fix(self):
        d = self.cleaned_data
        fields = {
            "name": " ".join(d["name"].split()),
            "value": str(d["value"]),
            "unit": d["unit"],
            "target": str(d["target"]) if d["target"] is not None else None,
        }
        return fields, {"polarity": d["polarity"], "date": d["date"].isoformat() if d["date"] else None}


class OwnerForm(FactForm):
    kind = "owners"
    role = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter the owner's title, for example Head of Service"},
    )
    person_name = forms.CharField(label="Name (optional)", required=False, max_length=200)

    def fix(self):
        d = self.cleaned_data
        return {"role": " ".join(d["role"].split())}, {"person_name": d["person_name"].strip()}


class DecisionForm(FactForm):
    kind = "decisions"
    decision_kind = forms.ChoiceField(label="Kind of decision", choices=Decision.Kind.choices)
    text = forms.CharField(
        label="What was decided",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter what was decided"},
    )

    def fix(self):
        d = self.cleaned_data
        return {"kind": d["decision_kind"], "text": " ".join(d["text"].split())}, {}


FORMS = {
    "visits": VisitForm,
    "recommendations": RecommendationForm,
    "actions": ActionForm,
    "measures": MeasureForm,
    "owners": OwnerForm,
    "decisions": DecisionForm,
}


def initial_for(kind: str, fact: dict, *, choices: Choices, meeting_date=None) -> dict:
    """A fact form's starting values: what the importer found (an added fact: its quote)."""
    quote = " ".join((fact.get("quote") or "").split())
    if kind == "visits":
        return {
            "visit_kind": fact.get("kind") if fact.get("kind") in Inspection.Kind.values else "other",
            "start": fact.get("start") or "",
            "end": fact.get("end") or "",
            "focus": fact.get("focus") or "",
            "judgement": fact.get("judgement") or "",
            "planned": bool(fact.get("planned")),
            "merge": "merge",
        }
    if kind == "recommendations":
        return {
            "ref": fact.get("ref") or "",
            "text": fact.get("text") or quote,
            "inspection": choices.found_visits[0][0] if choices.found_visits else "",
            "merge": "merge",
        }
    if kind == "actions":
        title = fact.get("owner") or ""
        owner = next((value for value, label in choices.owners if _same_role(label, title)), "new" if title else "")
        answers = [choices.found_recommendations[0][0]] if len(choices.found_recommendations) == 1 else []
        return {
            "title": fact.get("title") or quote[:300],
            "owner": owner,
            "new_owner": title if owner == "new" else "",
            "due": fact.get("due") or "",
            "answers": answers,
        }
    if kind == "measures":
        return {
            "name": fact.get("name") or quote[:300],
            "value": "" if fact.get("added") else _plain(fact.get("value")),
            "unit": fact.get("unit") if fact.get("unit") in Measure.Unit.values else Measure.Unit.OTHER,
            "target": _plain(fact.get("target")),
            "polarity": Polarity.HIGHER,
            "date": meeting_date,
        }
    if kind == "owners":
        return {"role": fact.get("value") or ""}
    if kind == "decisions":
        return {
            "decision_kind": fact.get("kind") if fact.get("kind") in Decision.Kind.values else "other",
            "text": fact.get("text") or quote,
        }
    return {}


def _same_role(a: str, b: str) -> bool:
    from improvement.extraction import normalise_role

    return bool(a and b) and normalise_role(a) == normalise_role(b)


def fact_form(kind: str, index: int, fact: dict, *, data=None, choices: Choices, meeting_date=None) -> FactForm:
    return FORMS[kind](
        data=data,
        prefix=f"{kind}-{index}",
        initial=initial_for(kind, fact, choices=choices, meeting_date=meeting_date),
        choices=choices,
    )


class DocumentForm(forms.Form):
    """The document's own facts: when the meeting was, which committee, what kind of document."""

    meeting_date = GovukDateField(label="Meeting date", required=False, help_text="For example, 27 3 2025")
    committee = forms.CharField(label="Committee", required=False, max_length=200)
    kind = forms.ChoiceField(label="Kind of document", choices=SourceDocument.Kind.choices)


@dataclass
class Reviewed:
    """Everything the reviewer decided, ready for draft_confirm; `forms` carry the errors when not valid."""

    keep: dict[str, set[int]]
    corrections: dict[tuple[str, int], dict]
    extras: dict[tuple[str, int], dict]
    meta: dict
    valid: bool


def keep_from(data) -> dict[str, set[int]]:
    """The ticks, "actions:0" for the first action found."""
    keep: dict[str, set[int]] = {kind: set() for kind in KINDS}
    for value in data.getlist("keep"):
        kind, _, index = value.partition(":")
        if kind in keep and index.isdigit():
            keep[kind].add(int(index))
    return keep


def reviewed(*, data, facts: dict[str, list[FactForm]], document: DocumentForm | None) -> Reviewed:
    """Validate the kept facts' forms (and the document's); left-out facts are not checked."""
    keep = keep_from(data)
    corrections, extras, valid = {}, {}, True
    for kind, forms_ in facts.items():
        for index, form in enumerate(forms_):
            if form is None or not form.is_bound or index not in keep[kind]:
                continue  # left out, or sent without its fields: saved as found
            if not form.is_valid():
                valid = False
                continue
            corrections[(kind, index)], extras[(kind, index)] = form.fix()
    meta = {}
    if document is not None and document.is_bound:
        if document.is_valid():
            meta = {
                "meeting_date": document.cleaned_data["meeting_date"],
                "committee": document.cleaned_data["committee"].strip(),
                "kind": document.cleaned_data["kind"],
            }
        else:
            valid = False
    return Reviewed(keep=keep, corrections=corrections, extras=extras, meta=meta, valid=valid)
