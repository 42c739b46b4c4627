"""Template helpers shared by every page: GOV.UK dates, BRAG tags, "due in 3 days", query strings."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from improvement import formats, rag

register = template.Library()


@register.filter
def govuk_date(value) -> str:
    """11 June 2019 (a datetime is shown in Europe/London, the settings' time zone)."""
    return formats.govuk_date(value)


@register.filter
def govuk_datetime(value) -> str:
    """11 June 2019 at 3:04pm, in Europe/London."""
    return formats.govuk_datetime(value)


@register.filter
def days(n: int) -> str:
    """1 day, 3 days."""
    return f"{n} day" if n == 1 else f"{n} days"


@register.simple_tag(takes_context=True)
def due_relative(context, due_date, today=None) -> str:
    """ "due in 3 days", "due today", "due 2 days ago" ("" without a date)."""
    if not due_date:
        return ""
    today = today or context.get("today") or timezone.localdate()
    left = (due_date - today).days
    if left == 0:
        return "due today"
    if left > 0:
        return f"due in {days(left)}"
    return f"due {days(-left)} ago"


@register.simple_tag
def rag_tag(value, label=None):
    """A BRAG rating (a rag.Rag or a rating string) as a GOV.UK tag; the word is always shown."""
    rating = getattr(value, "rating", value)
    if not rating:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', label or "No rating")
    return format_html(
        '<strong class="govuk-tag tracker-rag tracker-rag--{}">{}</strong>',
        rating,
        label or rag.LABELS.get(rating, rating),
    )


@register.filter
def percent(value) -> str:
    """The one format for a percentage (improvement/formats.py): 62 -> "62%", 62.50 -> "62.5%"."""
    return formats.percent(value)


STATUS_TAG_COLOURS = {
    "not_started": "grey",
    "on_track": "turquoise",
    "at_risk": "yellow",
    "off_track": "pink",
    "complete": "light-blue",
    "evidenced": "purple",
}


@register.simple_tag
def status_tag(status: str):
    """An action's status as a GOV.UK tag, in colours apart from the BRAG ones; the words are always shown."""
    from improvement.models import ActionStatus

    label = dict(ActionStatus.choices).get(status, status)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', STATUS_TAG_COLOURS.get(status, "grey"), label
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one): for pagination links."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else None
    if params is None:
        from django.http import QueryDict

        params = QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def page_links(page) -> list[int | None]:
    """The page numbers the pagination shows: the first, the last and two either side of the
    current page, with None for the ellipsis just beyond those two (GOV.UK pagination). Worked
    out here rather than in a template loop over every page number, which a 2,000-row list made slow."""
    number, last = page.number, page.paginator.num_pages
    shown: list[int | None] = []
    for n in sorted({1, last, *range(number - 3, number + 4)}):
        if not 1 <= n <= last:
            continue
        if n in (1, last) or number - 2 <= n <= number + 2:
            shown.append(n)
        elif n in (number - 3, number + 3):
            shown.append(None)
    return shown


@register.filter
def field_type(bound_field) -> str:
    """The kind of GOV.UK control a form field needs: text, textarea, select, radios, checkbox,
    checkboxes, date, file."""
    widget = bound_field.field.widget
    name = type(widget).__name__
    return {
        "Textarea": "textarea",
        "Select": "select",
        "SelectMultiple": "checkboxes",
        "CheckboxSelectMultiple": "checkboxes",
        "RadioSelect": "radios",
        "CheckboxInput": "checkbox",
        "DateInput": "date",
        "GovukDateWidget": "dateparts",
        "GovukMonthOrDateWidget": "dateparts",
        "ClearableFileInput": "file",
        "FileInput": "file",
        "HiddenInput": "hidden",
        "NullBooleanSelect": "select",
    }.get(name, "text")


_ERROR_CLASS = {
    "text": "govuk-input--error",
    "date": "govuk-input--error",
    "dateparts": "govuk-input--error",
    "select": "govuk-select--error",
    "textarea": "govuk-textarea--error",
    "file": "govuk-file-upload--error",
}
_BASE_CLASS = {
    "text": "govuk-input",
    "date": "govuk-input govuk-input--width-10",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
}


@register.simple_tag
def govuk_widget(bound_field):
    """The field's control with GOV.UK classes, and aria-describedby naming its hint and error message."""
    kind = field_type(bound_field)
    attrs = {}
    existing = bound_field.field.widget.attrs.get("class", "")
    classes = existing or _BASE_CLASS.get(kind, "")
    if bound_field.errors and kind in _ERROR_CLASS:
        classes = f"{classes} {_ERROR_CLASS[kind]}"
    if classes:
        attrs["class"] = classes
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
    if described and kind != "dateparts":  # a date's fieldset carries its hint and error
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def slash_date(value) -> str:
    """31/3/2026: how a date is typed into a single box."""
    from improvement.forms.dates import slash_date as shown

    return shown(value)


@register.filter
def field_label(name: str) -> str:
    """due_date -> Due date, as the action history names fields."""
    from improvement.selectors.actions import FIELD_LABELS

    return FIELD_LABELS.get(name, str(name).replace("_", " ").capitalize())


@register.filter
def inspection_dates(inspection) -> str:
    """ "15 to 17 October 2019", "October 2019" (a month alone), or "" when undated."""
    from improvement.models import Inspection
    from improvement.selectors.documents import plain_date_range

    if inspection.start_date is None:
        return ""
    month_only = inspection.date_precision == Inspection.DatePrecision.MONTH
    start = f"{inspection.start_date:%Y-%m}" if month_only else inspection.start_date.isoformat()
    end = inspection.end_date.isoformat() if inspection.end_date else None
    return plain_date_range(start, end)


@register.filter
def manage_url(record) -> str:
    """Where the improvement lead changes or deletes a record the importer can make ("" if nowhere)."""
    from django.urls import reverse

    from improvement import models

    kinds = {
        models.Recommendation: "recommendations",
        models.Owner: "owners",
        models.Measure: "measures",
        models.Decision: "decisions",
        models.ImprovementPlan: "plans",
        models.Theme: "themes",
    }
    if isinstance(record, models.Inspection):
        return reverse("plan_admin_inspection_edit", args=[record.pk])
    if isinstance(record, models.Action):
        return reverse("action_edit", args=[record.pk])
    if isinstance(record, models.MeasureValue):
        return reverse("plan_admin_value_edit", args=[record.pk])
    kind = kinds.get(type(record))
    return reverse("plan_admin_edit", args=[kind, record.pk]) if kind else ""


# The GOV.UK table frame -----------------------------------------------------------------------------------------
# {% govuk_table caption="..." head="A|B|C" ... %} rows {% endgovuk_table %}: every table on a page or in the pack
# is this one frame (templates/partials/table.html); the rows, with their links, tags and forms, stay in the page's
# template. The options and the cell conventions are documented in partials/table.html.

TABLE_TEMPLATE = "partials/table.html"
CAPTION_SIZES = ("s", "m", "l")
_TABLE_OPTIONS = {
    "caption",
    "caption_size",
    "caption_hidden",
    "caption_id",
    "head",
    "numeric",
    "numeric_from",
    "head_hidden",
    "classes",
    "table_id",
    "labelledby",
    "scroll_class",
}
_TABLE_SECTIONS = ("govuk_caption", "govuk_head")


def _literal(expression: template.base.FilterExpression | None) -> str | None:
    """The text of an option written as a quoted string with no filters, else None."""
    if expression is None or expression.filters or not isinstance(expression.var, str):
        return None
    return str(expression.var)


def _labels(value) -> list:
    """Column labels from "Action|Owner|Due" or a list."""
    if isinstance(value, str):
        return [label.strip() for label in value.split("|")]
    return list(value or [])


def _check_named(option: str, names: list[str], labels: list) -> None:
    missing = [name for name in names if name not in [str(label) for label in labels]]
    if missing:
        raise template.TemplateSyntaxError(
            f"govuk_table {option}= names {', '.join(repr(m) for m in missing)}, which is not a column of head="
            f"{'|'.join(str(label) for label in labels)!r}"
        )


def _columns(labels: list, numeric: list, hidden: list, numeric_from) -> list[dict]:
    """The header row's cells for partials/table.html: each label, whether it is a number, whether it is hidden."""
    _check_named("numeric", [name for name in numeric if name], labels)
    _check_named("head_hidden", [name for name in hidden if name], labels)
    return [
        {
            "label": label,
            "numeric": str(label) in numeric or (numeric_from is not None and index >= int(numeric_from)),
            "hidden": str(label) in hidden,
        }
        for index, label in enumerate(labels)
    ]


def _rendered(nodelist, context) -> str:
    """A section of the tag's body rendered (so autoescaped like any template) without its outer blank
    lines; strip() drops the safe mark the rendering gave, so it is given back."""
    return mark_safe(nodelist.render(context).strip())  # nosec B308 B703 - the text is template output, already escaped


class GovukTableNode(template.Node):
    def __init__(self, options: dict, sections: dict, rows: template.NodeList) -> None:
        self.options = options
        self.sections = sections
        self.rows = rows
        # Headings written as quoted text are read once, here, rather than at every render.
        literal = {name: _literal(options.get(name)) for name in ("head", "numeric", "head_hidden")}
        self.columns = None
        if literal["head"] is not None and "numeric_from" not in options:
            self.columns = _columns(
                _labels(literal["head"]), _labels(literal["numeric"] or ""), _labels(literal["head_hidden"] or ""), None
            )

    def _resolve(self, context, name: str, default=None):
        expression = self.options.get(name)
        return default if expression is None else expression.resolve(context)

    def render(self, context) -> str:
        if "govuk_caption" in self.sections:
            caption = _rendered(self.sections["govuk_caption"], context)
        else:
            caption = self._resolve(context, "caption")
        head_cells = None
        columns = self.columns
        if "govuk_head" in self.sections:
            head_cells = _rendered(self.sections["govuk_head"], context)
        elif columns is None:
            columns = _columns(
                _labels(self._resolve(context, "head")),
                _labels(self._resolve(context, "numeric", "")),
                _labels(self._resolve(context, "head_hidden", "")),
                self._resolve(context, "numeric_from"),
            )
        frame = context.render_context.get(self)
        if frame is None:
            frame = context.render_context[self] = context.template.engine.get_template(TABLE_TEMPLATE)
        values = {
            "caption": caption,
            "caption_size": self._resolve(context, "caption_size", ""),
            "caption_hidden": self._resolve(context, "caption_hidden", False),
            "caption_id": self._resolve(context, "caption_id", ""),
            "columns": columns,
            "head_cells": head_cells,
            "classes": self._resolve(context, "classes", ""),
            "table_id": self._resolve(context, "table_id", ""),
            "labelledby": self._resolve(context, "labelledby", ""),
            "scroll_class": self._resolve(context, "scroll_class", "tracker-table-scroll"),
            "rows": _rendered(self.rows, context),
        }
        return frame.render(context.new(values))


@register.tag
def govuk_table(parser, token):
    """A GOV.UK table in its scrolling region: caption, header row and body from templates/partials/table.html,
    with this tag's body (the <tr> rows) inside the <tbody>. The region's name is the caption, so they never differ.

        {% govuk_table caption="Status changes, newest first" caption_size="s" caption_hidden=True
                       head="Action|Owner|Due|Days overdue" numeric="Days overdue" %}
          {% for action in rows %}<tr class="govuk-table__row">...</tr>{% endfor %}
        {% endgovuk_table %}

    A caption with variables in it is a {% govuk_caption %}...{% endgovuk_caption %} section instead of caption=;
    header cells that are not plain labels (a tag, a loop) are a {% govuk_head %}<th>...{% endgovuk_head %}
    section instead of head=. Mistakes in the options are a TemplateSyntaxError when the template is compiled."""
    bits = token.split_contents()
    tag = bits.pop(0)
    positional = [bit for bit in bits if "=" not in bit]
    if positional:
        raise template.TemplateSyntaxError(f"{tag} takes only name=value options, not {positional[0]!r}")
    options = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(f"{tag} could not read the option {bits[0]!r}")
    unknown = sorted(set(options) - _TABLE_OPTIONS)
    if unknown:
        raise template.TemplateSyntaxError(
            f"{tag} does not take {', '.join(unknown)}; it takes {', '.join(sorted(_TABLE_OPTIONS))}"
        )

    rows = template.NodeList()
    sections: dict[str, template.NodeList] = {}
    while True:
        rows.extend(parser.parse((*_TABLE_SECTIONS, f"end{tag}")))
        name = parser.next_token().contents
        if name == f"end{tag}":
            break
        if name in sections:
            raise template.TemplateSyntaxError(f"{tag} has two {{% {name} %}} sections")
        sections[name] = parser.parse((f"end{name}",))
        parser.delete_first_token()

    if ("caption" in options) == ("govuk_caption" in sections):
        raise template.TemplateSyntaxError(
            f'{tag} needs a caption (it also names the scrolling region): give caption="..." '
            "or a {% govuk_caption %} section, not both"
        )
    if "caption" in options and _literal(options["caption"]) == "":
        raise template.TemplateSyntaxError(f'{tag} needs a caption: caption="" is empty')
    if "caption_size" in options:
        size = _literal(options["caption_size"])
        if size not in CAPTION_SIZES:
            given = options["caption_size"].token
            raise template.TemplateSyntaxError(
                f'{tag} caption_size must be "s", "m" or "l" (a quoted letter), not {given}'
            )
    if ("head" in options) == ("govuk_head" in sections):
        raise template.TemplateSyntaxError(
            f'{tag} needs its column headings: give head="A|B|C" (or a list) or a {{% govuk_head %}} section, not both'
        )
    for option in ("numeric", "head_hidden"):
        if option in options and _literal(options[option]) is None:
            raise template.TemplateSyntaxError(f'{tag} {option}= must be quoted column labels such as "Total"')
    if "govuk_head" in sections:
        by_hand = sorted({"numeric", "numeric_from", "head_hidden"} & set(options))
        if by_hand:
            raise template.TemplateSyntaxError(
                f"{tag} {', '.join(by_hand)} apply to head=; in a {{% govuk_head %}} section write the classes "
                "on each <th>"
            )
    # Headings given as quoted text are checked against numeric= and head_hidden= as the node is made.
    return GovukTableNode(options, sections, rows)
