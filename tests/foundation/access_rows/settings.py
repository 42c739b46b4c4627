"""Authority settings (Manage plan, the council's lead only) and each person's own account page."""

from improvement import models

ROWS: dict[str, tuple[str, str]] = {
    # Another council's lead opens their own council's settings (no object in the URL).
    "authority_settings": ("login 403 ok 403 ok 403", "login 403 ok 403 ok 403"),
    "meeting_remove": ("login 405 405 405 405 405", "login 403 redirect 403 404 403"),
    # Everyone signed in has an account page; an empty POST is a form error.
    "account": ("login ok ok ok ok ok", "login 400 400 400 400 400"),
}


def fill(short, url, ours, objects):
    if short == "meeting_remove":
        meeting = models.Meeting.objects.filter(authority=ours, documents=None, decisions=None).first()
        if meeting is None:
            meeting = models.Meeting.objects.create(authority=ours, committee="Matrix Committee", date="2026-01-05")
        return url.replace("<int:pk>", str(meeting.pk))
    return None
