"""Small template helpers for the scrutiny pages and committee packs.

The BRAG tag (`rag_tag`) and `days` are in `tracker_tags`, shared by every page: load both libraries.
"""

from decimal import Decimal

from django import template
from django.urls import NoReverseMatch, reverse

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


class PlanCachedNode(template.Node):
    def __init__(self, nodelist, entry, part=None):
        self.nodelist, self.entry, self.part = nodelist, entry, part

    def render(self, context):
        entry = self.entry.resolve(context, ignore_failures=True)
        if entry is None:
            return self.nodelist.render(context)
        if self.part is None:
            if entry.hit:
                return entry.value
            html = self.nodelist.render(context)
            entry.store(html)
            return html
        if entry.hit:
            return entry.part(self.part)
        html = self.nodelist.render(context)
        entry.keep_part(self.part, html)
        return html


@register.tag("plan_cached")
def plan_cached(parser, token):
    """`{% plan_cached entry %}...{% endplan_cached %}`: the part a page keeps in the plan cache.

    `entry` is the view's `selectors.plan_cache.plan_content(...)`: on a hit its stored HTML is shown
    (and the view has not computed what the part needs); on a miss the part is rendered and stored.
    Only what is the same for every viewer the entry's key covers goes inside.

    `{% plan_cached entry "name" %}` keeps one named part of a page kept in several (the entry's `parts`,
    around what must stay live, such as a form with its CSRF token): a hit needs every part."""
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("plan_cached takes the view's cache entry and, optionally, a part's name")
    part = None
    if len(bits) == 3:
        if bits[2][0] not in "\"'" or bits[2][-1] != bits[2][0]:
            raise template.TemplateSyntaxError("plan_cached: the part's name must be a quoted string")
        part = bits[2][1:-1]
    nodelist = parser.parse(("endplan_cached",))
    parser.delete_first_token()
    return PlanCachedNode(nodelist, parser.compile_filter(bits[1]), part)
