"""The production build: collectstatic with the manifest storage, and a health check that
tells a load balancer the truth (database, broker, static files)."""

import json

import pytest
from django.test import override_settings

from tests.foundation.test_configuration import PRODUCTION, run_manage

MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_builds_the_manifest_with_debug_off(tmp_path):
    result = run_manage(
        "collectstatic",
        "--noinput",
        "-v0",
        env_overrides={**PRODUCTION, "STATIC_ROOT": str(tmp_path), "STATIC_MANIFEST": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "vendor/govuk/govuk-frontend.min.css" in manifest
    assert "tracker.css" in manifest


@pytest.mark.django_db
def test_health_is_ok_when_everything_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_health_is_503_when_static_files_were_never_collected(client, tmp_path):
    with override_settings(STORAGES=MANIFEST_STORAGES, STATIC_ROOT=str(tmp_path)):
        response = client.get("/health/")
    assert response.status_code == 503
    assert "collectstatic" in response.json()["problems"]["static"]


@pytest.mark.django_db
def test_health_is_503_when_the_broker_is_down(client, monkeypatch):
    from celery import Celery

    from improvement.selectors import health

    unreachable = Celery("unreachable", set_as_current=False)  # never the app tasks are sent with
    # nothing listens on port 1; the write URL too, or Celery takes CELERY_BROKER_URL from the environment
    unreachable.conf.broker_url = unreachable.conf.broker_write_url = "redis://127.0.0.1:1/0"
    monkeypatch.setattr(health, "celery_app", unreachable)
    response = client.get("/health/")
    assert response.status_code == 503
    assert set(response.json()["problems"]) == {"broker"}
