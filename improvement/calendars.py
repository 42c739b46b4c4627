"""Calendar feeds as iCalendar (RFC 5545) text, with the `icalendar` library: formatting only.

Every event is all-day (`DTSTART;VALUE=DATE`, the end the day after its last day, as RFC 5545
has it) on a date in Europe/London, and its UID is made from the record it comes from, never
from its date, so a calendar that fetches the feed again moves an event whose date changed
instead of adding a second one. Each event links back to its page in the tracker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar

PRODID = "-//Children's services improvement tracker//Calendar feed//EN"
TIME_ZONE = "Europe/London"


@dataclass(frozen=True)
class FeedEvent:
    uid: str  # stable: "action-12@tracker.example.org"
    start: dt.date
    summary: str
    url: str
    description: str = ""
    last_day: dt.date | None = None  # a visit of several days; None for one day


def feed_ics(*, name: str, events: list[FeedEvent], stamp: dt.datetime) -> bytes:
    """The whole feed. `stamp` (DTSTAMP, when the feed was made) is the only part that moves on each fetch."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for item in sorted(events, key=lambda e: (e.start, e.uid)):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", item.start)
        event.add("dtend", (item.last_day or item.start) + dt.timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", f"{item.description}\n\n{item.url}".strip())
        event.add("url", item.url)
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not make anyone busy
        calendar.add_component(event)
    return calendar.to_ical()
