"""Settings, deployment checks and the docker-compose file (no Docker engine runs here)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-production-like-secret-with-enough-entropy-0987654321",
    "ALLOWED_HOSTS": "tracker.example.gov.uk",
    "CSRF_TRUSTED_ORIGINS": "https://tracker.example.gov.uk",
    "DATABASE_URL": "sqlite:////tmp/tracker-deploy-check.sqlite3",
}


def test_check_deploy_reports_nothing_with_debug_off():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    result = run_manage("check", env_overrides={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_migrations_are_in_step_with_models():
    result = run_manage("makemigrations", "--check", "--dry-run", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def settings_variables():
    text = (ROOT / "tracker" / "settings.py").read_text()
    return set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', text))


def test_compose_has_the_production_services_with_healthchecks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis", "mailpit"} <= set(services)
    for name in ("web", "worker", "beat", "postgres", "redis", "mailpit"):
        assert "healthcheck" in services[name], f"{name} has no healthcheck"
    assert "gunicorn" in services["web"]["command"]
    assert services["beat"]["deploy"]["replicas"] == 1
    assert {"postgres-data", "redis-data"} <= set(compose["volumes"])


def test_compose_shares_one_cache_between_its_processes_and_bounds_it():
    """Three gunicorn workers with a cache each would count sign-in attempts three times over and keep every
    page three times: the stack points them all at Redis, which evicts only expiring keys when full."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for name in ("web", "worker", "beat"):
        assert compose["services"][name]["environment"]["CACHE_URL"].startswith("redis://redis:6379/")
    command = compose["services"]["redis"]["command"]
    assert "--maxmemory-policy volatile-lru" in command and "--maxmemory " in command


def test_every_variable_compose_sets_is_one_the_settings_read():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    read = settings_variables()
    for name in ("web", "worker", "beat"):
        for variable in compose["services"][name].get("environment", {}):
            assert variable in read, f"{name} sets {variable}, which the settings never read"
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            variable = line.split("=", 1)[0]
            assert variable in read | {"POSTGRES_PASSWORD"}, f".env.example sets unknown {variable}"


def test_readme_documents_every_settings_variable():
    readme = (ROOT / "README.md").read_text()
    for variable in settings_variables():
        assert f"`{variable}`" in readme, f"README does not document {variable}"


def test_a_dry_run_import_works_on_a_fresh_checkout_without_a_secret_key(tmp_path):
    """The quality check runs `import_minutes --dry-run --json` with nothing set: it must not need SECRET_KEY."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "SECRET_KEY": ""}
    result = run_manage(
        "import_minutes",
        "--dry-run",
        "--json",
        *sorted(str(p) for p in (ROOT / "seeds").glob("*.txt")),
        env_overrides=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    import json

    assert len(json.loads(result.stdout)["documents"]) == 5
    serving = run_manage("check", env_overrides=env)
    assert serving.returncode != 0 and "SECRET_KEY must be set" in serving.stderr
