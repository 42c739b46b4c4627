"""Forms for the Authority settings page (the reminder policy and committee dates) and the account page."""

from __future__ import annotations

from django import forms

from improvement.forms.dates import GovukDateField

NUMBER = {"class": "govuk-input govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
MOST_REMINDER_DAYS = 6
FURTHEST_REMINDER = 90


def _whole_days(label: str, *, low: int, high: int, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        help_text=help_text,
        widget=forms.TextInput(attrs=NUMBER),
        error_messages={
            "required": f"Enter the {label.lower()}, as a number of days",
            "invalid": f"The {label.lower()} must be a whole number of days, like 7",
            "min_value": f"The {label.lower()} must be {low} days or more",
            "max_value": f"The {label.lower()} must be {high} days or fewer",
        },
    )


class ReminderPolicyForm(forms.Form):
    """The council's reminder policy: what the 07:00 sweep reads (`selectors.reminders.reminder_policies`)."""

    reminder_days_before = forms.CharField(
        label="Days before the due date to send a reminder",
        help_text="Whole numbers separated by commas, for example 14, 3, 0 (0 is the due date itself)",
        max_length=40,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the days before the due date to send a reminder, for example 14, 3, 0",
            "max_length": "Enter at most 6 days, for example 14, 3, 0",
        },
    )
    overdue_repeat_days = _whole_days(
        "Days between reminders while overdue", low=1, high=90, help_text="For example 7 for once a week"
    )
    escalate_after_days = _whole_days(
        "Days overdue before escalating",
        low=0,
        high=365,
        help_text="After this many days overdue, the owner's line manager is told as well",
    )
    stale_update_days = _whole_days(
        "Days without an update before a committee nudge",
        low=1,
        high=365,
        help_text="Owners whose action has had no update for this long are reminded before the next committee",
    )

    def clean_reminder_days_before(self) -> str:
        text = self.cleaned_data["reminder_days_before"]
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        if not parts:
            raise forms.ValidationError("Enter the days before the due date to send a reminder, for example 14, 3, 0")
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError("Enter whole numbers of days separated by commas, for example 14, 3, 0")
        days = sorted({int(p) for p in parts}, reverse=True)
        if days[0] > FURTHEST_REMINDER:
            raise forms.ValidationError(f"A reminder can be at most {FURTHEST_REMINDER} days before the due date")
        if len(days) > MOST_REMINDER_DAYS:
            raise forms.ValidationError(f"Enter at most {MOST_REMINDER_DAYS} days, for example 14, 3, 0")
        return ",".join(str(d) for d in days)


class MeetingForm(forms.Form):
    """A committee meeting: what "since the last committee" counts from, and what the update nudge looks ahead to."""

    committee = forms.CharField(
        label="Committee",
        max_length=200,
        help_text="For example, Children's Scrutiny Committee",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
        error_messages={"required": "Enter the name of the committee"},
    )
    date = GovukDateField(label="Date of the meeting", error_messages={"required": "Enter the date of the meeting"})


class ReminderPreferenceForm(forms.Form):
    """The signed-in person's own choice: reminder emails about their actions, or only escalations."""

    CHOICES = [
        ("in", "Yes, email me reminders about my actions"),
        ("out", "No, only tell me when an action I manage is escalated"),
    ]
    reminders = forms.ChoiceField(
        label="Do you want reminder emails?",
        choices=CHOICES,
        widget=forms.RadioSelect,
        help_text="Reminders come in one email a day, before an action is due, on the day and while it is overdue. "
        "Escalations of overdue actions to line managers are always sent.",
        error_messages={"required": "Select whether you want reminder emails", "invalid_choice": "Select yes or no"},
    )

    @property
    def opt_out(self) -> bool:
        return self.cleaned_data["reminders"] == "out"
