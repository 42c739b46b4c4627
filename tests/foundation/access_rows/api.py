"""The read API, its schema and docs, the calendar feeds, and the account page where tokens and
calendar links are made and revoked.

The API answers 401 (not a redirect to sign in) to a request with no token and no session; a
record of another council is 404; every endpoint reads only, so a POST is 405. The schema and
its docs page describe the API and hold no council's data: anyone may read them."""

from improvement import models

LIST = ("401 ok ok ok ok ok", "401 405 405 405 405 405")
DETAIL = ("401 ok ok ok 404 ok", "401 405 405 405 405 405")
ENDPOINTS = ("plan", "theme", "recommendation", "action", "progress_update", "measure", "inspection", "document")

ROWS: dict[str, tuple[str, str]] = {
    "api_docs": ("ok ok ok ok ok ok", "405 405 405 405 405 405"),
    "api_schema": ("ok ok ok ok ok ok", "405 405 405 405 405 405"),
    "api_not_found": ("404 404 404 404 404 404", "405 405 405 405 405 405"),
    **{f"api_{name}_list": LIST for name in ENDPOINTS},
    **{f"api_{name}_detail": DETAIL for name in ENDPOINTS},
    # an empty form: the name is missing
    "api_token_create": ("405 405 405 405 405 405", "login 400 400 400 400 400"),
    # the lead's own token: only the lead may revoke it (revoking twice changes nothing)
    "api_token_revoke": ("405 405 405 405 405 405", "login 404 redirect 404 404 404"),
    # an empty form: no calendar chosen
    "calendar_feed_create": ("405 405 405 405 405 405", "login 400 400 400 400 400"),
    "calendar_feed_revoke": ("405 405 405 405 405 405", "login 404 redirect 404 404 404"),
    # the lead's live council calendar: the secret in the URL is the key, whoever asks
    "calendar_feed": ("ok ok ok ok ok ok", "405 405 405 405 405 405"),
}


def _record(name: str, ours):
    if name == "theme":
        return models.Theme.objects.filter(plan__authority=ours).first()
    if name == "progress_update":
        return models.ProgressUpdate.objects.filter(action__authority=ours).first()
    if name == "document":
        return models.SourceDocument.objects.filter(authority=ours).first()
    if name == "plan":
        return models.ImprovementPlan.objects.filter(authority=ours).first()
    model = {"recommendation": models.Recommendation, "action": models.Action, "measure": models.Measure}.get(name)
    return (model or models.Inspection).objects.filter(authority=ours).first()


def fill(short, url, ours, objects):
    if short == "api_not_found":
        return url.replace("<path:rest>", "no-such-endpoint/")
    if short == "api_token_revoke":
        lead = models.User.objects.get(username="m-lead")  # the matrix's lead (and the adviser table's)
        token = models.ApiToken.objects.filter(user=lead).first()
        if token is None:
            from improvement.services.api_tokens import api_token_create

            token, _ = api_token_create(user=lead, name="Access matrix")
        return url.replace("<int:pk>", str(token.pk))
    if short in ("calendar_feed", "calendar_feed_revoke"):
        from improvement.services.feeds import calendar_feed_create

        lead = models.User.objects.get(username="m-lead")
        feed, secret = calendar_feed_create(user=lead, kind=models.CalendarFeed.Kind.COUNCIL)
        return (
            url.replace("<str:secret>", secret) if short == "calendar_feed" else url.replace("<int:pk>", str(feed.pk))
        )
    for name in ENDPOINTS:
        if short == f"api_{name}_detail":
            return url.replace("<int:pk>", str(_record(name, ours).pk))
    return None
