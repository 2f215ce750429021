# The few commands a person needs. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-requirements
# npm writes this file on every install: newer than package-lock.json means node_modules matches the lock.
NODE_INSTALLED := node_modules/.package-lock.json
CHROMIUM := /usr/bin/chromium
# Pango and a font for WeasyPrint's PDF reports (dashboard/reports.py); the file is the package's own.
PANGO := /usr/share/doc/libpangoft2-1.0-0
WRK := /usr/bin/wrk
# Poppler's pdftoppm: the report tests look at the PDFs as pictures (tests/dashboard/test_report_paper.py).
PDFTOPPM := /usr/bin/pdftoppm
REDIS_SERVER := /usr/bin/redis-server
NPM := /usr/bin/npm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The suite runs on one xdist worker per core of the 2-core machine it was measured on (README, "Tests").
TEST_WORKERS ?= 2
# Tests of one xdist_group (a module sharing one gunicorn) stay on one worker; the rest spread test by test.
XDIST := -n $(TEST_WORKERS) --dist loadgroup
# Every worker and every manage.py or gunicorn the tests start imports the project: with its bytecode cached
# (__pycache__/, ignored by git) a collection takes half the CPU, whatever the shell's PYTHONDONTWRITEBYTECODE says.
PYTEST := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint format migrate data browser clean deploy-check bench demo messages faults

$(INSTALLED): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip==26.3
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(INSTALLED)

# plotly.js for the charts, at the exact version package-lock.json names; served from our own static files.
$(NODE_INSTALLED): package.json package-lock.json | $(NPM)
	npm ci --no-audit --no-fund
	touch $(NODE_INSTALLED)

$(NPM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null

# Browser tests drive Debian's chromium; Playwright never downloads a browser of its own.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

browser: $(CHROMIUM)

$(PANGO):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null

$(PDFTOPPM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null

# The load generator of `make bench` (and of its smoke test in `make test`).
$(WRK):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null

# The Redis that `make faults` starts and kills on a port of its own.
$(REDIS_SERVER):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null

migrate: $(INSTALLED)
	$(PY) manage.py migrate --no-input

data: migrate
	$(PY) manage.py load_reference_data

run: data $(NODE_INSTALLED) $(PANGO)
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(INSTALLED) $(NODE_INSTALLED) $(CHROMIUM) $(WRK) $(PANGO) $(PDFTOPPM)
	$(PYTEST) $(XDIST) $(PYTEST_ARGS)

# The edit loop: the whole suite but the browser journeys and the slow tests (fuzz, leaks, bench, migrations,
# servers started in subprocesses). `make test` stays the one that counts.
test-fast: $(INSTALLED) $(NODE_INSTALLED) $(PANGO)
	$(PYTEST) $(XDIST) -m "not browser and not slow" $(PYTEST_ARGS)

# A full dashboard to look at: synthetic years for the 22 regencies, marked as demo (`seed_demo --clear` undoes it).
demo: data
	$(PY) manage.py seed_demo --regencies 22 --years 2018-2025

# Throughput, latency and queries at province and national size (bench/results.md), then the page weight
# (bench/page_weight.md). PostgreSQL when DATABASE_URL is set (in a database of its own), SQLite otherwise.
bench: $(INSTALLED) $(NODE_INSTALLED) $(WRK) $(CHROMIUM)
	$(PY) bench/run.py
	$(PY) bench/page_weight.py
	$(PY) bench/slow_link.py

# The fault test (issue 25, docs/faults.md): a private Redis and PostgreSQL on loopback, two gunicorns with the
# production settings under a bounded load and a writer; each service killed and restarted. About two minutes.
faults: $(INSTALLED) $(NODE_INSTALLED) $(REDIS_SERVER)
	$(PY) bench/faults.py

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# The production settings with throwaway secrets: what `check --deploy` says about a real server.
deploy-check: $(INSTALLED)
	DJANGO_SETTINGS_MODULE=spbe_portal.settings.prod \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=spbe.nttprov.example \
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/spbe_portal}" \
	$(PY) manage.py check --deploy --fail-level WARNING

# After changing interface text: refresh the English catalogue, translate the new entries in
# locale/en/LC_MESSAGES/django.po, then run this again to compile the .mo that is committed with it.
messages: $(INSTALLED)
	command -v msgfmt >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules
