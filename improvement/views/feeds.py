"""The calendar feeds: a secret URL a calendar program fetches (no sign-in: the URL is the key)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from improvement.calendars import feed_ics
from improvement.models import CalendarFeed
from improvement.selectors import feeds as selectors
from improvement.services import feeds as services


@require_safe
def calendar_feed(request, secret: str):
    feed = selectors.calendar_feed_find(secret=secret)
    if feed is None:
        raise Http404("No such calendar.")  # never made, revoked, or its person may no longer have it
    today = timezone.localdate()
    services.calendar_feed_mark_used(feed=feed, today=today)
    if feed.kind == CalendarFeed.Kind.COUNCIL:
        authority = feed.user.authority
        events = selectors.council_feed_events(authority=authority, today=today)
        name = f"{authority.name}: improvement plan dates"
    else:
        events = selectors.personal_feed_events(user=feed.user, today=today)
        name = "My improvement actions"
    response = HttpResponse(feed_ics(name=name, events=events, stamp=timezone.now()), content_type="text/calendar")
    response["Content-Type"] = "text/calendar; charset=utf-8"
    response["Content-Disposition"] = 'inline; filename="improvement-plan.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
