"""Small template helpers for the scrutiny pages and committee packs.

The BRAG tag (`rag_tag`) and `days` are in `tracker_tags`, shared by every page: load both libraries.
"""

from decimal import Decimal

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from improvement import formats

register = template.Library()


@register.simple_tag
def action_url(pk) -> str:
    """The action's page, or "" while that page does not exist."""
    try:
        return reverse("action_detail", args=[pk])
    except NoReverseMatch:
        return ""


@register.simple_tag
def quote_url(obj, prefix: str = "") -> str:
    """Link to the quote a figure came from (`/documents/<id>/#q<start>`), or "" when it has none.

    `prefix` reads annotated fields, e.g. prefix="latest_" reads latest_source_document_id.
    """
    doc_id = getattr(obj, f"{prefix}source_document_id", None)
    start = getattr(obj, f"{prefix}source_start", None)
    if not doc_id:
        return ""
    try:
        url = reverse("document_detail", args=[doc_id])
    except NoReverseMatch:
        return ""
    return f"{url}#q{start}" if start is not None else url


@register.filter
def number(value):
    """2.50 -> 2.5, 80.00 -> 80."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"


@register.filter
def with_unit(value, unit):
    if value is None or value == "":
        return ""
    if unit == "%":
        return formats.percent(value)
    text = number(value)
    return f"{text} {unit}" if unit and unit != "other" else text


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else getattr(mapping, str(key), None)


# What a kept part holds where it had this request's CSRF token: each visit puts its own back.
KEPT_CSRF = "<!-- this request's CSRF token -->"


def _csrf_input(context) -> str | None:
    """The hidden field `{% csrf_token %}` writes for this request (None where there is no token)."""
    token = context.get("csrf_token")
    if not token or str(token) == "NOTPROVIDED":
        return None
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


class PlanCachedNode(template.Node):
    def __init__(self, nodelist, entry):
        self.nodelist, self.entry = nodelist, entry

    def render(self, context):
        entry = self.entry.resolve(context, ignore_failures=True)
        if entry is None:
            return self.nodelist.render(context)
        if entry.hit:
            if KEPT_CSRF in entry.value:
                return entry.value.replace(KEPT_CSRF, _csrf_input(context) or "")
            return entry.value
        html = self.nodelist.render(context)
        token = _csrf_input(context) if 'name="csrfmiddlewaretoken"' in html else None
        entry.store(html.replace(token, KEPT_CSRF) if token else html)
        return html


@register.tag("plan_cached")
def plan_cached(parser, token):
    """`{% plan_cached entry %}...{% endplan_cached %}`: the part a page keeps in the plan cache.

    `entry` is the view's `selectors.plan_cache.plan_content(...)`: on a hit its stored HTML is shown
    (and the view has not computed what the part needs); on a miss the part is rendered and stored.
    Only what is the same for every viewer the entry's key covers goes inside. A form may go inside
    whole: its `{% csrf_token %}` is kept as a marker, and every visit gets its own token there."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("plan_cached takes one argument: the view's cache entry")
    nodelist = parser.parse(("endplan_cached",))
    parser.delete_first_token()
    return PlanCachedNode(nodelist, parser.compile_filter(bits[1]))
