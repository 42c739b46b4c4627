# Two commands for a newcomer: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: run test install assets migrate seed bench bench-quick bench-load lint clean backup restore

run: install assets
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py setup_demo
	DEBUG=1 $(PY) scripts/run_local.py

test: install assets lint
	@$(PY) scripts/check_services.py
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks (benchmarks/__main__.py): generate_demo data in bench_* databases on PostgreSQL, served by
# gunicorn with DEBUG off, measured over HTTP. Results in bench/results.json and a markdown table.
bench: install assets
	@$(PY) scripts/check_services.py
	$(PY) -m benchmarks

bench-quick: install assets
	@$(PY) scripts/check_services.py
	$(PY) -m benchmarks --quick

bench-load: install assets
	@$(PY) scripts/check_services.py
	$(PY) -m benchmarks --load

install: $(STAMP)

$(STAMP): requirements/lock.txt
	test -d $(VENV) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements/lock.txt
	touch $(STAMP)

assets: node_modules/.package-lock.json
	@$(PY) scripts/build_assets.py >/dev/null

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/tracker-....backup"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf var static/vendor node_modules
