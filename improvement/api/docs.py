"""The API's documentation as a GOV.UK page, read from the same OpenAPI schema /api/schema/ serves.

No Swagger UI: it would need scripts from a CDN or inline, and the CSP allows neither. The
page lists each endpoint with its parameters and the fields of what it answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator


@dataclass
class Field:
    name: str
    kind: str
    description: str = ""


@dataclass
class Endpoint:
    path: str
    summary: str
    tag: str
    anchor: str
    parameters: list[Field] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    record: str = ""


@cache
def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _kind(schema: dict, components: dict) -> str:
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "allOf" in schema:
        return " and ".join(_kind(s, components) for s in schema["allOf"])
    if "oneOf" in schema:
        return " or ".join(_kind(s, components) for s in schema["oneOf"] if s.get("type") != "null")
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array":
        kind = f"list of {_kind(schema.get('items', {}), components)}"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    if schema.get("enum"):
        kind = f"one of: {', '.join(str(v) for v in schema['enum'] if v not in ('', None))}"
    if schema.get("nullable"):
        kind = f"{kind}, or null"
    return kind


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _fields(component: dict, components: dict) -> list[Field]:
    return [
        Field(name, _kind(prop, components), prop.get("description", ""))
        for name, prop in component.get("properties", {}).items()
    ]


def endpoints(schema: dict) -> list[Endpoint]:
    components = schema.get("components", {}).get("schemas", {})
    out = []
    for path, operations in schema.get("paths", {}).items():
        op = operations.get("get")
        if op is None:
            continue
        endpoint = Endpoint(
            path=path,
            summary=op.get("summary", ""),
            tag=(op.get("tags") or [""])[0],
            anchor=path.strip("/").replace("/", "-").replace("{", "").replace("}", ""),
            parameters=[
                Field(p["name"], _kind(p.get("schema", {}), components), p.get("description", ""))
                for p in op.get("parameters", [])
            ],
        )
        answer = op.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {}).get("schema")
        if answer and "$ref" in answer:
            component = components.get(_ref_name(answer["$ref"]), {})
            results = component.get("properties", {}).get("results")
            if results and "$ref" in results.get("items", {}):
                endpoint.record = _ref_name(results["items"]["$ref"])
            else:
                endpoint.record = _ref_name(answer["$ref"])
            endpoint.fields = _fields(components.get(endpoint.record, {}), components)
        out.append(endpoint)
    return out


def nested(schema: dict, shown: list[Endpoint]) -> list[tuple[str, list[Field]]]:
    """The parts records are made of (a rating, a value, a judgement), each described once."""
    components = schema.get("components", {}).get("schemas", {})
    top = {e.record for e in shown}
    return [
        (name, _fields(component, components))
        for name, component in sorted(components.items())
        if name not in top and not name.startswith("Paginated") and component.get("properties")
    ]


@require_safe
def api_docs(request):
    schema = api_schema()
    shown = endpoints(schema)
    return render(
        request,
        "improvement/api/docs.html",
        {
            "info": schema.get("info", {}),
            "endpoints": shown,
            "parts": nested(schema, shown),
            "rate_limit": settings.API_RATE_LIMIT,
            "page_size": settings.API_PAGE_SIZE,
        },
    )
