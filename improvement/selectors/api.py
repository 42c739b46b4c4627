"""Reads for the read API (improvement/api/): one council's records, scoped by the permission module.

Each list is a queryset the API pages through, plus a `*_page` function that attaches what a
page of rows shows (BRAG and its reasons, coverage, quotes) with a fixed number of queries
whatever the number of rows. `api_change_stamp` is what the ETag and Last-Modified headers are
made from, in two queries, so a poller asking "anything new?" costs little.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from auditlog.models import LogEntry
from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404

from improvement import permissions
from improvement.models import (
    Action,
    ApiToken,
    Authority,
    Decision,
    ImprovementPlan,
    Inspection,
    Measure,
    MeasureValue,
    Owner,
    ProgressUpdate,
    Recommendation,
    SourceDocument,
    Theme,
)
from improvement.models.access import key_hash_of
from improvement.selectors import actions as action_selectors
from improvement.selectors import coverage as coverage_selectors
from improvement.selectors import frameworks
from improvement.selectors.packs import plan_change_stamp

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Model

    from improvement.models import User


LONDON = ZoneInfo("Europe/London")


def api_token_find(*, secret: str) -> ApiToken | None:
    """The live token with this secret, with its user (who must still be active), or None: one query."""
    if not secret or len(secret) > 200:
        return None
    return (
        ApiToken.objects.select_related("user", "user__authority")
        .filter(key_hash=key_hash_of(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def api_tokens_of(*, user: User | AnonymousUser) -> list[ApiToken]:
    """A person's tokens for their account page, live ones first."""
    return sorted(ApiToken.objects.filter(user=user), key=lambda t: (t.revoked_at is not None, -t.pk))


def api_token_of(*, user: User | AnonymousUser, pk: int) -> ApiToken:
    """One of the person's own tokens, or 404 (another person's token is "not found")."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404("No such token.")
    return token


def api_authority(*, user: User | AnonymousUser, slug: str | None) -> Authority:
    """The council a request reads: the user's own; a regional adviser or a superuser names one of
    theirs with ?authority=<slug> (the first by name when they do not). Any other is not found."""
    if user.authority_id is not None:
        if slug and slug != user.authority.slug:
            raise Http404("No such council, or not one you may see.")
        return user.authority
    choices = permissions.viewable_authorities(user).order_by("name")
    found = choices.filter(slug=slug).first() if slug else choices.first()
    if found is None:
        raise Http404("No such council, or not one you may see.")
    return found


def api_authority_of(*, record: Model) -> Authority:
    """The council one record belongs to (one query)."""
    return Authority.objects.get(pk=permissions.authority_id_of(record))


def _scoped(
    model: type[Model], *, user: User | AnonymousUser, authority: Authority | None, path: str = "authority"
) -> QuerySet:
    """The rows the user may read: of `authority`, or of every council they may read when None."""
    rows = permissions.scope_to_user(model.objects.all(), user, authority_path=path)
    return rows if authority is None else rows.filter(**{path: authority})


def api_plans(*, user: User | AnonymousUser, authority: Authority | None) -> QuerySet:
    return _scoped(ImprovementPlan, user=user, authority=authority).order_by("pk")


def api_themes(*, user: User | AnonymousUser, authority: Authority | None) -> QuerySet:
    return _scoped(Theme, user=user, authority=authority, path="plan__authority").order_by("plan_id", "number", "pk")


def api_recommendations(*, user: User | AnonymousUser, authority: Authority | None) -> QuerySet:
    return _scoped(Recommendation, user=user, authority=authority).select_related("inspection").order_by("pk")


def api_recommendations_page(*, authority: Authority, rows: list[Recommendation], today: dt.date) -> list:
    """Each recommendation of a page with its derived coverage status, gaps and action ids: 4 queries."""
    if not rows:
        return rows
    covered = coverage_selectors.recommendations_coverage(
        authority=authority, today=today, recommendations=Recommendation.objects.filter(pk__in=[r.pk for r in rows])
    )
    by_pk = {r.pk: r for r in covered}
    return [by_pk[r.pk] for r in rows if r.pk in by_pk]


def api_actions(*, user: User | AnonymousUser, authority: Authority | None, today: dt.date) -> QuerySet:
    """Actions as the action list has them (rating in SQL, owner, theme, linked measures), in id order."""
    actions = _scoped(Action, user=user, authority=authority)
    return (
        action_selectors.actions_for_list(actions=actions, today=today)
        .prefetch_related(Prefetch("recommendations", queryset=Recommendation.objects.only("pk")))
        .order_by("pk")
    )


def api_actions_page(*, rows: Sequence[Action], today: dt.date) -> list[Action]:
    """Attach the explained BRAG (a rag.Rag with its reasons) to each action of a page: no queries."""
    return action_selectors.actions_explain(actions=rows, today=today)


def api_progress_updates(*, user: User | AnonymousUser, authority: Authority | None) -> QuerySet:
    """Every action's history rows, newest first, with who made each."""
    return (
        _scoped(ProgressUpdate, user=user, authority=authority, path="action__authority")
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


def api_measures(*, user: User | AnonymousUser, authority: Authority | None) -> QuerySet:
    """Measures with every value (and the England, region and neighbours' figures beside it), oldest first."""
    values = MeasureValue.objects.order_by("date", "pk")
    return (
        _scoped(Measure, user=user, authority=authority)
        .prefetch_related(Prefetch("values", queryset=values, to_attr="all_values"))
        .order_by("pk")
    )


def api_inspections(*, user: User | AnonymousUser, authority: Authority | None) -> QuerySet:
    """Inspections and visits with their framework and the grade for each judgement area."""
    return frameworks.with_judgements(_scoped(Inspection, user=user, authority=authority)).order_by("pk")


def api_documents(*, user: User | AnonymousUser, authority: Authority | None) -> QuerySet:
    """Imported documents' details, never their text."""
    return _scoped(SourceDocument, user=user, authority=authority).defer("text").order_by("pk")


QUOTED = (
    ("inspection", Inspection),
    ("recommendation", Recommendation),
    ("action", Action),
    ("owner", Owner),
    ("measure", Measure),
    ("measure_value", MeasureValue),
    ("decision", Decision),
)


def api_documents_page(*, rows: list[SourceDocument]) -> list[SourceDocument]:
    """Attach `quotes`: each record read from the document, with its verbatim quote and offsets (7 queries)."""
    ids = [d.pk for d in rows]
    quotes: dict[int, list[dict]] = {pk: [] for pk in ids}
    if ids:
        for kind, model in QUOTED:
            fields = ("pk", "source_document_id", "source_quote", "source_start", "source_end")
            for pk, doc, quote, start, end in model.objects.filter(source_document_id__in=ids).values_list(*fields):
                quotes[doc].append({"record": kind, "id": pk, "quote": quote, "start": start, "end": end})
    for document in rows:
        document.quotes = sorted(quotes[document.pk], key=lambda q: (q["start"] is None, q["start"] or 0, q["id"]))
    return rows


def api_change_stamp(*, authority: Authority, today: dt.date) -> tuple[str, dt.datetime]:
    """(a text that changes whenever anything the API shows of the council changes, the time of the
    latest change). Two queries. The day counts too: ratings move at midnight (a due date passes)."""
    stamp = plan_change_stamp(authority=authority)
    latest = LogEntry.objects.filter(additional_data__authority=authority.pk).aggregate(at=Max("timestamp"))["at"]
    updated = ProgressUpdate.objects.filter(action__authority=authority).aggregate(at=Max("created_at"))["at"]
    midnight = dt.datetime.combine(today, dt.time(0), tzinfo=LONDON)
    last_modified = max(t for t in (latest, updated, midnight) if t is not None)
    digest = hashlib.sha256(f"{stamp}|{today.isoformat()}|{last_modified.isoformat()}".encode()).hexdigest()
    return digest[:32], last_modified
