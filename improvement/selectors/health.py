"""What the health check reads: can this process serve pages and queue work right now?

Each check returns None when healthy, or a short reason naming what failed. The view turns
any reason into a 503, so a load balancer stops sending traffic to a web process that
would answer every page with a 500.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import connection

from tracker.celery import app as celery_app

# A file every page links to: if it does not resolve, no page renders.
STYLESHEET = "vendor/govuk/govuk-frontend.min.css"


def database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means the database cannot serve pages
        return f"database: {type(error).__name__}"
    return None


def broker_problem() -> str | None:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # kombu raises transport-specific errors
        return f"broker: {type(error).__name__}"
    return None


def static_problem() -> str | None:
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        # Development: files are served from the source folders, not from STATIC_ROOT.
        return None if finders.find(STYLESHEET) else f"static files: {STYLESHEET} not found (run make assets)"
    try:
        staticfiles_storage.url(STYLESHEET)  # raises ValueError if collectstatic never listed it
    except ValueError:
        return f"static files: {STYLESHEET} is not in the manifest (run collectstatic)"
    if not staticfiles_storage.exists(STYLESHEET):
        return f"static files: {STYLESHEET} is missing from STATIC_ROOT (run collectstatic)"
    return None


def problems() -> dict[str, str]:
    """Every failing check, by name; empty when all is well."""
    found = {}
    for name, check in (("database", database_problem), ("broker", broker_problem), ("static", static_problem)):
        reason = check()
        if reason:
            found[name] = reason
    return found
