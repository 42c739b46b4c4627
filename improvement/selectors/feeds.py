"""Reads for the calendar feeds: the feed a secret URL names, and the events each kind shows.

A personal feed: the due dates of the actions the person owns, and the overdue actions of the
owners they line-manage. A council feed (improvement leads and scrutiny members): the statutory
action-plan dates (improvement/statutory.py through the dashboard's inspection picture),
monitoring visits and committee meetings. Each is a fixed handful of queries.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import reverse

from improvement import permissions
from improvement.calendars import FeedEvent
from improvement.formats import govuk_date
from improvement.models import Action, ActionStatus, Authority, CalendarFeed, Inspection, Meeting
from improvement.models.access import key_hash_of
from improvement.selectors.dashboards import inspection_picture

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from improvement.models import User


HISTORY_DAYS = 365  # visits and meetings stay in the feed for a year after they happen


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "tracker"


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def calendar_feed_find(*, secret: str) -> CalendarFeed | None:
    """The live feed with this secret whose person is still active, or None: one query.

    A council feed also needs its person still to be a lead or a scrutiny member of a council."""
    if not secret or len(secret) > 200:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "user__authority")
        .filter(key_hash=key_hash_of(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is not None and feed.kind == CalendarFeed.Kind.COUNCIL and not permissions.can_have_council_feed(feed.user):
        return None
    return feed


def calendar_feeds_of(*, user: User | AnonymousUser) -> list[CalendarFeed]:
    return list(CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).order_by("kind"))


def calendar_feed_of(*, user: User | AnonymousUser, pk: int) -> CalendarFeed:
    """One of the person's own feeds, or 404."""
    feed = CalendarFeed.objects.filter(user=user, pk=pk).first()
    if feed is None:
        raise Http404("No such calendar link.")
    return feed


def personal_feed_events(*, user: User | AnonymousUser, today: dt.date) -> list[FeedEvent]:
    """My open actions' due dates; the overdue actions of the owners I line-manage: 2 queries."""
    managed = permissions.owner_ids_managed_by(user)
    if not managed:
        return []
    rows = (
        permissions.scope_to_user(Action.objects.all(), user)
        .filter(owner_id__in=managed, due_date__isnull=False)
        .exclude(status__in=ActionStatus.done())
        .select_related("owner")
        .order_by("due_date", "pk")
    )
    events = []
    for action in rows:
        mine = action.owner.user_id == user.pk
        if not mine and action.due_date >= today:
            continue  # a report's action appears only once it is overdue
        overdue = action.due_date < today
        label = f"{action.reference} {action.title}".strip()
        summary = f"Overdue: {label}" if overdue else f"Due: {label}"
        who = "You own this action." if mine else f"Owned by {action.owner.role_title}, who reports to you."
        events.append(
            FeedEvent(
                uid=f"action-{action.pk}@{_host()}",
                start=action.due_date,
                summary=summary,
                description=f"{who} Status: {action.get_status_display()}, {action.progress}% done."
                + (f" It was due on {govuk_date(action.due_date)}." if overdue else ""),
                url=_link(reverse("action_detail", args=[action.pk])),
            )
        )
    return events


def council_feed_events(*, authority: Authority, today: dt.date) -> list[FeedEvent]:
    """The statutory plan dates, monitoring visits and committee meetings of one council: 5 queries."""
    since = today - dt.timedelta(days=HISTORY_DAYS)
    journey = _link(reverse("inspection_journey"))
    events = []
    picture = inspection_picture(authority=authority, today=today)
    for key, inspection_key, title in (
        ("action_plan_due", "last_inspection", "Action plan due to Ofsted"),
        ("priority_action_plan_due", "priority_visit", "Priority action plan due to Ofsted"),
    ):
        due, inspection = picture[key], picture[inspection_key]
        if due and inspection:
            events.append(
                FeedEvent(
                    uid=f"{key.replace('_', '-')}-{inspection.pk}@{_host()}",
                    start=due,
                    summary=f"{title} ({authority.name})",
                    description=f"The statutory date after {inspection}, whose report was published on "
                    f"{govuk_date(inspection.report_published)}.",
                    url=journey,
                )
            )
    visits = Inspection.objects.filter(
        authority=authority,
        kind=Inspection.Kind.MONITORING_VISIT,
        start_date__gte=since,
        date_precision=Inspection.DatePrecision.DAY,  # a visit known only by its month has no day to show
    ).order_by("start_date", "pk")
    for visit in visits:
        events.append(
            FeedEvent(
                uid=f"inspection-{visit.pk}@{_host()}",
                start=visit.start_date,
                last_day=visit.end_date if visit.end_date and visit.end_date > visit.start_date else None,
                summary=f"{visit} ({authority.name})",
                description=visit.focus,
                url=journey,
            )
        )
    for meeting in Meeting.objects.filter(authority=authority, date__gte=since).order_by("date", "pk"):
        events.append(
            FeedEvent(
                uid=f"meeting-{meeting.pk}@{_host()}",
                start=meeting.date,
                summary=f"{meeting.committee} ({authority.name})",
                description="Committee meeting. What has changed since the last one is on the tracker.",
                url=_link(reverse("changes_since")),
            )
        )
    return events
