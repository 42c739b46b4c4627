"""What every signed-in request needs: private caching headers and an idle expiry."""

import time

from django.utils.cache import patch_cache_control


def private_pages(get_response):
    """Pages and files for a signed-in person hold council data and people's names: no shared
    cache (a proxy, a library PC's back button after sign-out) may keep a copy."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


# A signed-in session ends SESSION_IDLE_MINUTES after its last request. Saving the session on
# every request would cost a database write per page; instead the expiry moves on at most once
# a minute, so a session ends between SESSION_IDLE_MINUTES and one minute more after the last request.
SEEN_KEY = "_seen"
REFRESH_SECONDS = 60


def idle_expiry(get_response):
    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(SEEN_KEY, 0) >= REFRESH_SECONDS:
                request.session[SEEN_KEY] = now  # a change: the session is saved with a fresh expiry
        return get_response(request)

    return middleware


def mark_seen_at_sign_in(sender, request, user, **kwargs):
    """Signing in saves the session anyway: start its idle clock then, at no extra cost."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())


class RefusedDeletionPage:
    """A deletion refused because people have worked on the record (a ProtectedError from a
    PROTECT foreign key or from models.plans.keep_worked_on) is a GOV.UK page that says why,
    with status 409, never a server error. The admin shows its own "cannot delete" page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db.models import ProtectedError, RestrictedError
        from django.shortcuts import render

        from improvement.selectors.audit import refused_deletion_reason

        if isinstance(exception, ProtectedError):
            reason = refused_deletion_reason(exception.protected_objects)
        elif isinstance(exception, RestrictedError):
            reason = refused_deletion_reason(exception.restricted_objects)
        else:
            return None
        return render(request, "improvement/refused_delete.html", {"reason": reason}, status=409)


def query_count_header(get_response):
    """`make bench` only (settings.BENCHMARK): how many SQL statements the request ran, in X-Queries."""
    from django.db import connection

    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Queries"] = str(count)
        return response

    return middleware
