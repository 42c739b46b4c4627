"""Test configuration: the suite runs on the real PostgreSQL and Redis on this machine.

Defaults point at 127.0.0.1; override with TEST_DATABASE_URL and TEST_REDIS_URL.
Loaded as a plugin (`-p tests.environment` in pytest.ini) so it runs before pytest-django reads the settings.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ["DATABASE_URL"] = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker")
# One test database per run, so two runs on one machine never drop each other's database.
os.environ.setdefault("TEST_DB_NAME", f"test_tracker_{os.getpid()}")
os.environ.setdefault("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ["CELERY_BROKER_URL"] = os.environ.get("TEST_BROKER_URL", os.environ["TEST_REDIS_URL"])
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("EMAIL_URL", "consolemail://")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
