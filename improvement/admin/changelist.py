"""A changelist whose rows and year links cost less to write than Django's tags, with the same markup.

Django's `result_list` tag looks every cell up afresh: the field by name, the empty-value text,
the translation of the checkbox's label, a `reverse()` for each row's link, a date or a choice
formatted again for each row. Most of the action list's time went there (50 rows, seven
columns). `QuickChangeList` decides once a page how each column is written and then writes the
rows; a column it does not know (a method, a property) hands the whole page back to Django.
The year links of the date hierarchy come from one query where Django runs two, and on the
council's whole list from what `lists.council_lists` keeps.

tests/foundation/test_admin_changelist.py holds both equal to Django's output.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    date_hierarchy,
    result_headers,
    result_list,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import lists

if TYPE_CHECKING:
    from collections.abc import Callable

    Cell = Callable[[models.Model], str]

PK_MARK = "__pk__"  # stands in for a row's id in its link, made once a page


def _safe(markup: str) -> SafeString:
    """Markup written here, in which every value from a record has been escaped."""
    return mark_safe(markup)  # noqa: S308  # nosec B308 B703 - each value in it went through escape()


def _escape(value: object) -> str:
    """Django's escape() for a value of each row, without its check for lazy text (a page's worth of calls)."""
    text = str(value)
    return text if hasattr(text, "__html__") else html.escape(text)


def checkbox_writer() -> Callable[[models.Model], SafeString]:
    """Django's row checkbox (`ModelAdmin.action_checkbox`), its label translated once for the page."""
    label = _("Select this object for an action - {}")
    name = escape(helpers.ACTION_CHECKBOX_NAME)

    def write(obj: models.Model) -> SafeString:
        return _safe(
            f'<input type="checkbox" name="{name}" value="{_escape(obj.pk)}" class="action-select" '
            f'aria-label="{label.format(_escape(obj))}">'
        )

    return write


def action_checkbox(model_admin: admin.ModelAdmin, obj: models.Model) -> SafeString:  # noqa: ARG001
    """`ModelAdmin.action_checkbox` for one record (the admin's delete pages and any list Django writes)."""
    return checkbox_writer()(obj)


class QuickChangeList(ChangeList):
    """Django's changelist, with `result_list_context` and `date_hierarchy_context` for the template
    templates/admin/improvement/action/change_list.html in place of Django's tags."""

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(request, *args, **kwargs)

    def get_results(self, request):
        """As Django's; the page's rows read only the admin's `list_only` fields, when it names them."""
        super().get_results(request)
        only = getattr(self.model_admin, "list_only", None)
        if only:
            self.result_list = self.result_list.only(*only)

    @cached_property
    def result_list_context(self) -> dict:
        """What Django's `result_list` tag hands admin/change_list_results.html."""
        rows = quick_rows(self)
        if rows is None:
            return result_list(self)
        headers = list(result_headers(self))
        return {
            "cl": self,
            "result_hidden_fields": [],
            "result_headers": headers,
            "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
            "results": rows,
        }

    @cached_property
    def date_hierarchy_context(self) -> dict | None:
        """What Django's `date_hierarchy` tag hands admin/date_hierarchy.html. On the first page
        (no year chosen) Django reads the earliest and latest dates, to start at the months when
        they fall in one year, and then the years: here the years alone say so, and a list
        whose dates fall in one year is left to Django."""
        name = self.date_hierarchy
        chosen = any(self.params.get(f"{name}__{part}") for part in ("year", "month", "day"))
        if chosen or "__" in name:
            return date_hierarchy(self)
        if not lists.is_whole_list(self.request, self.model_admin):
            kind = "datetimes" if isinstance(self.lookup_opts.get_field(name), models.DateTimeField) else "dates"
            years = [day.year for day in getattr(self.queryset, kind)(name, "year")]
        else:  # the council's whole list: its years are kept with its filters' choices
            years = lists.council_lists(self.request, self.model_admin)["years"]
        if len(years) < 2:
            return date_hierarchy(self)
        return {
            "show": True,
            "back": None,
            "choices": [
                {"link": self.get_query_string({f"{name}__year": str(year)}, [f"{name}__"]), "title": str(year)}
                for year in years
            ],
        }


def quick_rows(cl: ChangeList) -> list[ResultList] | None:
    """The page's rows as `result_list` writes them, or None when a column is not a model field
    (or the list is editable, a pop-up or picks by another field), for Django to write."""
    if cl.formset is not None or cl.is_popup or cl.to_field or cl.list_display_links is None:
        return None
    empty = cl.model_admin.get_empty_value_display()
    cells: list[Cell] = []
    first = True  # as Django: the first linked column is a <th>, the others <td>
    for name in cl.list_display:
        linked = (first and not cl.list_display_links) or name in cl.list_display_links
        cell = _column(cl, name, empty=empty, linked=linked, heading=linked and first)
        if cell is None:
            return None
        first = first and not linked
        cells.append(cell)
    # One string a row: admin/change_list_results.html writes a row's items side by side, so the
    # markup is the same, and the template has fifty items to write instead of fifty times seven.
    return [ResultList(None, [_safe("".join([cell(obj) for cell in cells]))]) for obj in cl.result_list]


def _column(cl: ChangeList, name: str, *, empty: str, linked: bool, heading: bool) -> Cell | None:
    """How one column's cell is written (its markup, every value in it escaped), decided once for the page."""
    if name == "action_checkbox":
        if type(cl.model_admin).action_checkbox not in (admin.ModelAdmin.action_checkbox, action_checkbox):
            return None
        checkbox = checkbox_writer()
        return lambda obj: f'<td class="action-checkbox">{checkbox(obj)}</td>'
    try:
        field = cl.lookup_opts.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.auto_created or field.name != name or (field.is_relation and not field.many_to_one):
        return None
    classes = f"field-{name}"
    if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
        classes += " nowrap"
    text = _text_writer(field, empty=empty, linked=linked)
    if not linked:
        return lambda obj: f'<td class="{classes}">{text(obj)}</td>'
    link = _link_writer(cl)
    if link is None:
        return None
    tag = "th" if heading else "td"
    return lambda obj: f'<{tag} class="{classes}"><a href="{link(obj)}">{text(obj)}</a></{tag}>'


def _text_writer(field: models.Field, *, empty: str, linked: bool) -> Callable[[models.Model], str]:
    """A cell's escaped text, as Django formats it; each distinct value is formatted once a page
    (a page holds a few dates, statuses, owners and themes many times over)."""
    written: dict = {}
    if field.many_to_one:  # Django shows the related record's str(), or the empty-value text

        def related(obj: models.Model) -> str:
            key = getattr(obj, field.attname)
            if key not in written:
                record = getattr(obj, field.name)
                written[key] = empty if record is None else conditional_escape(record)
            return written[key]

        return related

    def value(obj: models.Model) -> str:
        raw = getattr(obj, field.attname)
        if isinstance(raw, str) and not raw.strip():
            raw = ""
        try:
            return written[raw]
        except KeyError:
            written[raw] = conditional_escape(display_for_field(raw, field, empty, avoid_link=linked))
        except TypeError:  # a value that cannot be a key (a JSON list): formatted each time
            return conditional_escape(display_for_field(raw, field, empty, avoid_link=linked))
        return written[raw]

    return value


def _link_writer(cl: ChangeList) -> Callable[[models.Model], str] | None:
    """A row's escaped link to its change page, keeping the list's filters: reversed once a page
    for a number id; None (Django's way) for any other kind of id."""
    if not isinstance(cl.lookup_opts.pk, models.IntegerField):
        return None
    opts = cl.opts
    try:
        marked = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=(PK_MARK,),
            current_app=cl.model_admin.admin_site.name,
        )
    except NoReverseMatch:
        return None
    marked = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": opts}, marked)
    before, found, after = marked.partition(PK_MARK)
    if not found:
        return None
    before, after = escape(before), escape(after)
    attname = cl.lookup_opts.pk.attname
    return lambda obj: f"{before}{getattr(obj, attname)}{after}"
