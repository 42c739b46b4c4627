"""What an admin list shows that depends only on the council's own records, read once and kept.

The related filters list the council's themes, plans and owners (a query each), the date
hierarchy lists the years its actions fall due in (DISTINCT over every action of the council,
2,000 of them) and the pages count the rows. None of that changes until the council's records
do, so `council_lists` keeps it with `selectors.plan_cache.per_council`, under the council's
plan version, which the database moves on every change to a tracked table (an owner renamed,
a theme added, a due date moved): a page reads one small query and one cache entry instead.
What is kept is the same for everyone in the council, as the admins' lists are: `ScopedAdmin`
scopes them by council alone. A superuser, who has no council, reads them afresh each time,
through Django's own filter; a filtered or searched list reads its own years and count.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import ERROR_FLAG, IGNORED_PARAMS, PAGE_VAR, SEARCH_VAR
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from improvement import permissions
from improvement.selectors.plan_cache import per_council


def authority_path_of(model) -> str | None:
    """How a record reaches its authority, or None for a record of no council (a framework)."""
    for path in ("authority", "plan__authority", "action__authority", "measure__authority"):
        try:
            model._meta.get_field(path.split("__")[0])
        except FieldDoesNotExist:
            continue
        return path
    return None


def for_council(request) -> bool:
    """Are the lists kept for this user's council? (Not for a superuser, who has none.)"""
    return not request.user.is_superuser and request.user.authority_id is not None


class CouncilRelatedFilter(admin.RelatedOnlyFieldListFilter):
    """A filter on a related record (theme, plan, owner) that lists the user's council's records: one
    indexed read of them, kept until the plan changes (`council_lists`), where Django's "related only"
    filter reads DISTINCT over every row of the list (2,000 actions, three times). A superuser, who has
    no council, keeps Django's."""

    def field_choices(self, field, request, model_admin):
        if not for_council(request) or authority_path_of(field.related_model) is None:
            return super().field_choices(field, request, model_admin)
        kept = council_lists(request, model_admin)["choices"]
        if self.field_path in kept:
            return kept[self.field_path]
        return _council_records(field, request, model_admin)


# What may be in the address of the council's whole list: its order, page, pop-up or "show all".
WHOLE_LIST_PARAMS = frozenset({*IGNORED_PARAMS, PAGE_VAR, ERROR_FLAG}) - {SEARCH_VAR}


def is_whole_list(request, model_admin: admin.ModelAdmin) -> bool:
    """Does this request show the council's whole list, so that its years and count are those kept?
    Not with a filter or a search in the address, nor for an admin with a filter of its own making
    (a SimpleListFilter may narrow the list with nothing in the address)."""
    if not for_council(request) or any(key not in WHOLE_LIST_PARAMS for key in request.GET):
        return False
    return all(isinstance(entry, str | tuple | list) for entry in model_admin.get_list_filter(request))


def council_lists(request, model_admin: admin.ModelAdmin) -> dict:
    """{"choices": {filter path: [(id, label)]}, "years": [year, ...], "count": n} for this admin's
    list in the user's council: read once a request, and kept until the council's plan changes."""
    memo = request.__dict__.setdefault("_tracker_admin_lists", {})
    label = model_admin.opts.label_lower
    if label not in memo:
        council = request.user.authority_id
        kept = per_council(
            name=f"admin-list-{label}",
            authority_ids=[council],
            today=timezone.localdate(),
            compute=lambda ids: {ids[0]: _lists_read(request, model_admin)},
        )
        memo[label] = kept[council]
    return memo[label]


def _lists_read(request, model_admin: admin.ModelAdmin) -> dict:
    choices = {}
    for entry in model_admin.get_list_filter(request):
        council_filter = isinstance(entry, tuple | list) and isinstance(entry[1], type)
        if council_filter and issubclass(entry[1], CouncilRelatedFilter):
            field = get_fields_from_path(model_admin.model, entry[0])[-1]
            if authority_path_of(field.related_model) is not None:
                choices[entry[0]] = _council_records(field, request, model_admin)
    records = model_admin.get_queryset(request)  # the council's whole list, as the changelist's
    years = []
    name = model_admin.date_hierarchy
    if name and "__" not in name:
        kind = "datetimes" if isinstance(model_admin.opts.get_field(name), models.DateTimeField) else "dates"
        years = [day.year for day in getattr(records, kind)(name, "year")]
    return {"choices": choices, "years": years, "count": records.count()}


def _council_records(field, request, model_admin: admin.ModelAdmin) -> list[tuple[int, str]]:
    """The council's records a filter on `field` offers, in their own admin's order."""
    related = field.related_model
    records = permissions.scope_to_user(
        related._default_manager.all(), request.user, authority_path=authority_path_of(related)
    )
    ordering = ()
    if model_admin.admin_site.is_registered(related):
        ordering = model_admin.admin_site.get_model_admin(related).get_ordering(request)
    if ordering:
        records = records.order_by(*ordering)
    return [(record.pk, str(record)) for record in records]
