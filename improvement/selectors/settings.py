"""Reads for the Authority settings page: the reminder policy and the committee meetings on record. One query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef

from improvement.models import Authority, Decision, Meeting, SourceDocument
from improvement.selectors.reminders import parse_reminder_days


@dataclass
class SettingsPage:
    authority: Authority
    days_before: tuple[int, ...]
    upcoming: list[Meeting]
    past: list[Meeting]

    @property
    def days_before_words(self) -> str:
        """(14, 3, 0) -> "14 days before, 3 days before and on the due date"."""
        words = [
            "on the due date" if d == 0 else ("1 day before" if d == 1 else f"{d} days before")
            for d in self.days_before
        ]
        if not words:
            return "none before the due date"
        return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


PAST_SHOWN = 10


def authority_settings_page(*, authority: Authority, today: date) -> SettingsPage:
    """The council's policy, its next meetings and its last few, each marked if minutes or decisions hang on it."""
    meetings = list(
        Meeting.objects.filter(authority=authority)
        .annotate(
            kept=Exists(SourceDocument.objects.filter(meeting=OuterRef("pk")))
            | Exists(Decision.objects.filter(meeting=OuterRef("pk")))
        )
        .order_by("date", "committee", "pk")
    )
    return SettingsPage(
        authority=authority,
        days_before=parse_reminder_days(authority.reminder_days_before),
        upcoming=[m for m in meetings if m.date >= today],
        past=[m for m in meetings if m.date < today][::-1][:PAST_SHOWN],
    )
