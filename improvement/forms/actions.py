"""Forms for the action pages. They parse and validate input; the services do the writing."""

from __future__ import annotations

from django import forms

from improvement.forms.dates import DATE_HINT, GovukDateField
from improvement.models import Action, ActionStatus, ImprovementPlan, Measure, Owner, Recommendation, Theme
from improvement.services.actions import NOTE_REQUIRED

TEXT = {"class": "govuk-input"}


class ActionUpdateForm(forms.Form):
    """A manager's progress update. `version` is the action's version when the page was loaded."""

    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status", "invalid_choice": "Select the action's status"},
    )
    progress = forms.IntegerField(
        label="Progress (per cent complete)",
        min_value=0,
        max_value=100,
        help_text="A whole number from 0 to 100",
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter progress as a number from 0 to 100",
            "invalid": "Progress must be a whole number, like 60",
            "min_value": "Progress must be 0 or more",
            "max_value": "Progress must be 100 or less",
        },
    )
    note = forms.CharField(
        label="Note",
        required=False,
        help_text="What has happened since the last update. Needed if the action is at risk, off track or complete.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 5}),
        max_length=5000,
    )
    evidence_url = forms.URLField(
        label="Link to evidence (optional)",
        required=False,
        assume_scheme="https",
        help_text="For example, a link to an audit report on the council's document store. Needed for 'Complete "
        "(impact evidenced)'.",
        widget=forms.URLInput(attrs={"class": "govuk-input", "spellcheck": "false"}),
        error_messages={"invalid": "Enter a link in the right format, like https://example.gov.uk/audit"},
        max_length=500,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action: Action | None = None, can_sign_off: bool = False, **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)
        if not can_sign_off:
            self.fields["status"].choices = [
                (
                    value,
                    "Complete (impact evidenced): ask an improvement lead to sign off"
                    if value == ActionStatus.EVIDENCED
                    else label,
                )
                for value, label in ActionStatus.choices
            ]

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status in NOTE_REQUIRED and not (data.get("note") or "").strip():
            self.add_error("note", f"Enter a note explaining why the action is {ActionStatus(status).label.lower()}")
        if (
            status == ActionStatus.EVIDENCED
            and not data.get("evidence_url")
            and not (self.action and self.action.evidence_url)
        ):
            self.add_error("evidence_url", "Enter a link to the evidence of impact")
        return data


class SignOffForm(forms.Form):
    note = forms.CharField(
        label="Sign-off note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class _ScopedModelForm(forms.ModelForm):
    """Choice fields list only the authority's own records."""

    def __init__(self, *args, authority, **kwargs):
        self.authority = authority
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if model is Theme:
                    field.queryset = Theme.objects.filter(plan__authority=authority).select_related("plan")
                elif hasattr(model, "authority"):
                    field.queryset = model.objects.filter(authority=authority)
                if isinstance(field, forms.ModelMultipleChoiceField):
                    field.widget = forms.CheckboxSelectMultiple()
                    field.widget.choices = field.choices
                else:
                    field.empty_label = "None"
                    field.widget.attrs.setdefault("class", "govuk-select")
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("class", "govuk-textarea")
            elif isinstance(field, forms.DateField):
                # The GOV.UK date input (day, month, year) in place of the browser's date picker
                self.fields[name] = GovukDateField(
                    required=field.required,
                    label=field.label,
                    help_text=field.help_text or DATE_HINT,
                    error_messages={"required": field.error_messages.get("required", "Enter the date")},
                    initial=field.initial,
                )
            elif isinstance(field.widget, (forms.TextInput, forms.URLInput, forms.EmailInput, forms.NumberInput)):
                field.widget.attrs.setdefault("class", "govuk-input")


ACTION_FIELDS = [
    "title",
    "description",
    "reference",
    "plan",
    "theme",
    "owner",
    "start_date",
    "due_date",
    "recommendations",
    "measures",
]


class ActionForm(_ScopedModelForm):
    """Create or change an action's details (improvement lead). Reassigning or moving the due date needs a reason."""

    reason = forms.CharField(
        label="Reason for the change",
        required=False,
        help_text="Why you are changing it, for example a reassignment or a due date moved. It is kept in the "
        "action's history.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = ACTION_FIELDS
        labels = {"start_date": "Start date (optional)", "due_date": "Due date", "reference": "Reference (optional)"}
        error_messages = {"title": {"required": "Enter the action's title"}}

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", "The due date must be the same as or after the start date")
        if self.instance.pk:
            moved = any(
                name in self.changed_data and getattr(self.instance, name) != data.get(name)
                for name in ("owner", "due_date")
            )
            changed = set(self.changed_data) - {"reason", "version"}
            if moved and not (data.get("reason") or "").strip():
                self.add_error("reason", "Enter the reason for reassigning the action or moving its due date")
            elif changed and not (data.get("reason") or "").strip():
                # every change to a kept record says why (issue 12), in the action's history
                self.add_error("reason", "Enter the reason for the change")
            if data.get("version") is None:
                self.add_error(None, "The form is out of date. Open the action again and redo your changes.")
        theme, plan = data.get("theme"), data.get("plan")
        if theme and plan and theme.plan_id != plan.pk:
            self.add_error("theme", "Choose a theme from the action's plan")
        return data

    def _post_clean(self):
        # The service saves; the model's own validation would need the authority set first.
        self.instance.authority = self.authority
        super()._post_clean()


class OwnerForm(_ScopedModelForm):
    class Meta:
        model = Owner
        fields = ["role_title", "person_name", "email", "user", "line_manager"]
        labels = {
            "role_title": "Role title",
            "person_name": "Name of the person (optional)",
            "email": "Email address (optional)",
            "user": "Their account in the tracker (optional)",
            "line_manager": "Line manager (optional)",
        }
        help_texts = {
            "role_title": "For example, Head of Service, Children in Care",
            "line_manager": "Receives escalations when this owner's actions are overdue",
        }
        error_messages = {"role_title": {"required": "Enter the role title"}}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, authority=authority, **kwargs)
        if self.instance.pk:
            self.fields["line_manager"].queryset = self.fields["line_manager"].queryset.exclude(pk=self.instance.pk)

    def clean_role_title(self):
        from improvement.extraction import normalise_role

        title = " ".join(self.cleaned_data["role_title"].split())
        clash = Owner.objects.filter(authority=self.authority, role_key=normalise_role(title)).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError("There is already an owner with this role title")
        return title

    def clean_line_manager(self):
        manager = self.cleaned_data.get("line_manager")
        seen, current = {self.instance.pk}, manager
        while current is not None and self.instance.pk:
            if current.pk in seen:
                raise forms.ValidationError("An owner cannot be line-managed by someone they line-manage")
            seen.add(current.pk)
            current = current.line_manager
        return manager

    def _post_clean(self):
        self.instance.authority = self.authority
        super()._post_clean()


class PlanForm(_ScopedModelForm):
    class Meta:
        model = ImprovementPlan
        fields = ["title", "inspection", "approved_on"]
        labels = {
            "inspection": "Inspection or visit it responds to (optional)",
            "approved_on": "Approved on (optional)",
        }
        error_messages = {"title": {"required": "Enter the plan's title"}}

    def _post_clean(self):
        self.instance.authority = self.authority
        super()._post_clean()


class ThemeForm(_ScopedModelForm):
    class Meta:
        model = Theme
        fields = ["plan", "number", "title"]
        labels = {"number": "Theme number"}
        error_messages = {"title": {"required": "Enter the theme's title"}, "plan": {"required": "Choose the plan"}}


class RecommendationForm(_ScopedModelForm):
    class Meta:
        model = Recommendation
        fields = ["inspection", "reference", "text", "theme"]
        labels = {"reference": "Reference (optional)", "text": "Recommendation", "theme": "Theme (optional)"}
        error_messages = {"text": {"required": "Enter the recommendation"}}

    def _post_clean(self):
        self.instance.authority = self.authority
        super()._post_clean()


class MeasureForm(_ScopedModelForm):
    class Meta:
        model = Measure
        fields = ["name", "unit", "polarity", "target", "tolerance"]
        labels = {"target": "Target (optional)", "tolerance": "Tolerance (optional)"}
        error_messages = {"name": {"required": "Enter the measure's name"}}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if (
            Measure.objects.filter(authority=self.authority, name_key=Measure.key_for(name))
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError("There is already a measure with this name")
        return name

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit", "polarity"):
            self.fields[name].widget.attrs["class"] = "govuk-select"

    def _post_clean(self):
        self.instance.authority = self.authority
        super()._post_clean()


class MeasureValueForm(forms.Form):
    date = GovukDateField(label="Date of the figure", error_messages={"required": "Enter the date of the figure"})
    value = forms.DecimalField(
        label="Value",
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={"required": "Enter the value", "invalid": "The value must be a number, like 62.5"},
    )


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the spreadsheet",
        help_text="The .xlsx file you downloaded from this page, with your changes",
        error_messages={"required": "Select the spreadsheet to upload"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("The file must be an Excel spreadsheet (.xlsx)")
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 5MB")
        return upload
