"""What a digest email says: its sections, the line for each action, its subject and its two bodies.

Each action's line comes from ``emails/reminder_digest_line.txt`` and ``.html``. A batch of digests
lists thousands of lines, and Django's template engine takes longer over a hundred of them than
the rest of sending that email, so `Lines` renders each line template once per batch with markers
where the fields go, and then writes every line by putting the fields (escaped, in the HTML) in
the markers' places. A line template that changes a field (a filter) rather than showing it is
noticed, and its lines are rendered one by one instead, as before.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from improvement.formats import govuk_date
from improvement.models import ActionStatus, Digest, Meeting, ReminderKind
from improvement.selectors import reminders as selectors

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.template.backends.django import Template


def when_phrase(*, date: dt.date, today: dt.date) -> str:
    """ "11 June 2019, in 3 days" """
    days = (date - today).days
    if days == 0:
        relative = "today"
    elif days == 1:
        relative = "tomorrow"
    elif days == -1:
        relative = "yesterday"
    elif days > 0:
        relative = f"in {days} days"
    else:
        relative = f"{-days} days ago"
    return f"{govuk_date(date)}, {relative}"


SECTIONS = [
    # (key, heading)
    ("escalated_to_you", "Overdue actions escalated to you as line manager"),
    (
        "escalation_copy",
        "Your overdue actions have been escalated to your line manager",
    ),
    (ReminderKind.OVERDUE, "Overdue"),
    (ReminderKind.DUE, "Due now"),
    (ReminderKind.BEFORE, "Due soon"),
    (ReminderKind.UPDATES_MISSING, "Progress update needed before the committee"),
    ("could_not_email", "Actions whose owner we could not email"),
]


def _section_of(item: selectors.DigestItem) -> str:
    if not item.recipient:
        return "could_not_email"
    if item.kind == ReminderKind.ESCALATION:
        return "escalated_to_you"
    if item.kind == ReminderKind.ESCALATION_COPY:
        return "escalation_copy"
    return item.kind


_KINDS = dict(ReminderKind.choices)


def _why_leads(item: selectors.DigestItem) -> str:
    if item.kind == ReminderKind.ESCALATION:
        if item.line_manager is not None:
            return f"Overdue and due for escalation, but the line manager ({item.line_manager}) has no email address."
        return "Overdue and due for escalation, but the owner has no line manager on record."
    if item.owner is None:
        return f"{_KINDS[item.kind]}: this action has no owner."
    return f"{_KINDS[item.kind]}: the owner ({item.owner}) has no email address."


def _action_urls(site: str) -> Callable[[int], str]:
    """The action page's full URL for an action id, reversed once rather than once per line of a digest."""
    marker = 2_147_483_647  # an id no action has yet: stands where the id goes in the reversed path
    head, _, tail = (site + reverse("action_detail", args=[marker])).rpartition(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


LINE_FIELDS = ("title", "reference_note", "url", "summary", "why")
LINE_TEMPLATES = {"text": "emails/reminder_digest_line.txt", "html": "emails/reminder_digest_line.html"}
_MARK = "\x00"  # around a field's name where the line template shows it: in no title, and left alone by escaping


def line_shape(template: Template, shown: frozenset[str]) -> str | None:
    """A line template as a `str.format` pattern for lines whose fields in ``shown`` are not empty (the
    others are, which is what its ``{% if %}`` tags look at); None if it does something to a field
    other than show it (a filter that changes it, counts it, or drops it), so that it has to be rendered
    for each line. The pattern is checked against the template rendered with other values: a filter
    that leaves no marker behind (``|length``) gives a line the pattern does not."""
    values = {name: f"{_MARK}{name}{_MARK}" if name in shown else "" for name in LINE_FIELDS}
    rendered = template.render({"item": values}).strip()
    pattern = rendered.replace("{", "{{").replace("}", "}}")
    for name in shown:
        pattern = pattern.replace(values[name], "{" + name + "}")
    if _MARK in pattern:
        return None
    probe = {name: f"probe {name} {n * 'x'}" if name in shown else "" for n, name in enumerate(LINE_FIELDS, 2)}
    return pattern if pattern.format_map(probe) == template.render({"item": probe}).strip() else None


class Lines:
    """Each action's line in a batch's emails, as text and as HTML, written once for the batch (the
    owner's digest and the line manager's list the same action on the same day)."""

    def __init__(self) -> None:
        self.templates = {kind: get_template(name) for kind, name in LINE_TEMPLATES.items()}
        self.shapes: dict[tuple[str, frozenset[str]], str | None] = {}
        self.written: dict[tuple, tuple[str, str]] = {}
        self.zone = timezone.get_current_timezone()  # looked up once: a batch writes thousands of lines
        # the words for a day and for a due date seen from today, worked out once a batch (many actions share one)
        self.days: dict[dt.date, str] = {}
        self.dues: dict[tuple[dt.date, dt.date], str] = {}

    def _write(self, kind: str, values: dict[str, str], shown: frozenset[str]) -> str:
        key = (kind, shown)
        if key not in self.shapes:
            self.shapes[key] = line_shape(self.templates[kind], shown)
        shape = self.shapes[key]
        if shape is None:  # the template changes a field: render it for this line
            return self.templates[kind].render({"item": values}).strip()
        if kind == "html":  # escaped as Django escapes (its `escape` is the standard library's, made lazy-aware)
            return shape.format_map({name: html.escape(value) if value else "" for name, value in values.items()})
        return shape.format_map(values)

    def line(self, item: selectors.DigestItem, *, today: dt.date, url: Callable[[int], str]) -> tuple[str, str]:
        """The item's line as (text, HTML)."""
        why = _why_leads(item) if not item.recipient else ""
        key = (item.action_id, today, why)
        found = self.written.get(key)
        if found is not None:
            return found
        if item.last_update_at:
            local = item.last_update_at.astimezone(self.zone).date()
            on = self.days.get(local) or self.days.setdefault(local, govuk_date(local))
            status = _STATUSES.get(item.last_update_status, "")
            last = f"Last update {on}: {status}, {item.last_update_progress}% done"
        else:
            last = "No progress update yet"
        if item.due_date:
            when = (item.due_date, today)
            due = self.dues.get(when) or self.dues.setdefault(
                when, f"due {when_phrase(date=item.due_date, today=today)}"
            )
        else:
            due = "no due date"
        values = {
            "title": item.title,
            "reference_note": f" ({item.reference})" if item.reference else "",  # after the title
            "url": url(item.action_id),
            # the line under the title, the same words in the text and the HTML email
            "summary": f"{due}. Owner: {item.owner if item.owner is not None else 'no owner'}. {last}.",
            "why": why,
        }
        shown = frozenset(name for name, value in values.items() if value)
        found = self.written[key] = (self._write("text", values, shown), self._write("html", values, shown))
        return found


_STATUSES = dict(ActionStatus.choices)


def digest_context(
    *,
    digest: Digest,
    items: list[selectors.DigestItem],
    today: dt.date,
    committee: Meeting | None = None,
    lines: Lines | None = None,
) -> dict:
    """What the digest's two templates show: each section's heading and its lines already written
    (``lines``, kept for a batch of digests, writes each action's line once)."""
    site = settings.SITE_URL.rstrip("/")
    url = _action_urls(site)
    lines = Lines() if lines is None else lines
    sections: dict[str, list[tuple[str, str]]] = {key: [] for key, _ in SECTIONS}
    for item in items:
        sections[_section_of(item)].append(lines.line(item, today=today, url=url))
    headings = dict(SECTIONS)
    if committee:
        headings[ReminderKind.UPDATES_MISSING] = (
            f"Progress update needed before {committee.committee} on {govuk_date(committee.date)}"
        )
    count = len(items)
    escalations = len(sections["escalated_to_you"])
    subject = (
        f"Improvement plan: {count} action{'s' if count != 1 else ''} need{'s' if count == 1 else ''} your attention"
    )
    if escalations:
        subject = f"Escalation: {subject}"
    return {
        "digest": digest,
        "to_name": digest.to_name or digest.to_email,
        "authority": digest.authority.name,
        "subject": subject,
        "sections": [
            {
                "heading": headings[key],
                "count": len(written),
                "text": "".join(f"\n{text}\n" for text, _ in written),
                "html": mark_safe("\n    ".join(markup for _, markup in written)),  # nosec B308 B703 - escaped by Lines
            }
            for key, _ in SECTIONS
            if (written := sections[key])
        ],
        "site_url": site,
        "today": today,
    }


_LOOK_UP = object()


def digest_message(
    *,
    digest: Digest,
    items: list[selectors.DigestItem],
    today: dt.date,
    committee: Meeting | None | object = _LOOK_UP,
    lines: Lines | None = None,
) -> EmailMultiAlternatives:
    """The email; `committee` (the next meeting, for "updates missing") is looked up unless given;
    ``lines`` as for `digest_context`."""
    if not any(i.kind == ReminderKind.UPDATES_MISSING for i in items):
        committee = None
    elif committee is _LOOK_UP:
        committee = (
            Meeting.objects.filter(authority_id=digest.authority_id, date__gte=digest.sweep_on).order_by("date").first()
        )
    context = digest_context(digest=digest, items=items, today=today, committee=committee, lines=lines)
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=render_to_string("emails/reminder_digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.to_email],
        headers={"Message-ID": digest.message_id, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string("emails/reminder_digest.html", context), "text/html")
    return message
