#!/usr/bin/env bash
# The production build, as the Dockerfile and the compose `web` service run it, but on this
# machine: DEBUG off, collectstatic with the manifest storage, gunicorn on PostgreSQL and Redis.
# Then a browser's visit through a TLS proxy: sign in, a signed-in page, a hashed static file,
# and /health/. Run by .ci/run after `make test`; needs `make install assets` done.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PROD_PORT:-8766}"
DB="tracker_ci_production"
work="$(mktemp -d)"
export DEBUG=0
export SECRET_KEY="ci-production-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export CELERY_BROKER_URL="redis://127.0.0.1:6379/3"
export STATIC_ROOT="${work}/static"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export EMAIL_URL="consolemail://"
unset STATIC_MANIFEST

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${DB}" postgres
.venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py setup_demo > "${work}/setup.log"
password="$(sed -n 's/.*username lead  *password \(.*\)$/\1/p' "${work}/setup.log")"
[ -n "$password" ] || { echo "production smoke: setup_demo printed no lead password"; cat "${work}/setup.log"; exit 1; }

.venv/bin/gunicorn tracker.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --access-logfile - \
  > "${work}/gunicorn.log" 2>&1 &
gunicorn=$!
trap 'kill $gunicorn 2>/dev/null || true; wait $gunicorn 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" postgres >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
for _ in $(seq 60); do curl -fsS "http://127.0.0.1:${PORT}/health/" >/dev/null 2>&1 && break; sleep 1; done
if ! .venv/bin/python scripts/production_smoke.py "http://127.0.0.1:${PORT}" lead "$password"; then
  echo "gunicorn log:"; tail -50 "${work}/gunicorn.log"; exit 1
fi
