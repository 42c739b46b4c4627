"""schemathesis against the API's own OpenAPI schema, in process (WSGI, no network): every
operation, with generated parameters, answers no 500 and nothing the schema does not describe."""

import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from improvement.api.docs import api_schema
from tests.api.conftest import bearer
from tracker.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def in_test_transaction(environ, start_response):
    """The real WSGI application, kept on the test's database connection (as Django's test client
    does: a request's end would otherwise close the connection the test's transaction is on)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        return application(environ, start_response)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def served_schema() -> dict:
    """What /api/schema/?format=json serves (built without a request, so it can be read at collection;
    a test below holds the two equal)."""
    return json.loads(json.dumps(api_schema(), default=str))


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.API_RATE_LIMIT = "100000/hour"  # the generated requests are many; the limit has its own test


@pytest.fixture
def headers(council):
    _, _, users = council
    return {"Authorization": bearer(users["lead"])["HTTP_AUTHORIZATION"]}


# schemathesis.pytest.from_fixture needs a pytest older than the 9 installed here: load at collection.
schema = schemathesis.openapi.from_dict(served_schema())
schema.app = in_test_transaction


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_to_its_schema(case, headers):
    case.call_and_validate(headers=headers, checks=CHECKS)


def test_the_schema_is_openapi_3_and_lists_every_endpoint(client, db):
    body = client.get("/api/schema/?format=json").json()
    assert body == served_schema()
    assert body["openapi"].startswith("3.")
    paths = set(body["paths"])
    for plural in ("plans", "themes", "recommendations", "actions", "progress-updates", "measures", "inspections"):
        assert f"/api/v1/{plural}/" in paths and f"/api/v1/{plural}/{{id}}/" in paths
    assert body["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
