# hatnhan — build, run, test and demo.
#
#   make demo     the demo site at http://127.0.0.1:8000 (SQLite, seeded data, password "demo")
#   make demo-reset  the same on a new database (var/hatnhan.sqlite3 is removed first)
#   make worker   the background worker (reminders, imports) for the demo database
#   make test     ruff + migration check + the whole pytest suite (DATABASE_URL picks the database)
#   make demo-check  load the full demo on a scratch database and verify the audit chain
#   make check-deploy Django's deployment checks against the documented production environment
#   make schema-check  only the schemathesis run over the API schema (SCHEMATHESIS_MAX_EXAMPLES=…)
#   make lint     ruff check and ruff format --check only
#   make format   ruff format + ruff check --fix
#   make messages compile the translations (.po -> .mo)
#   make bench    the benchmarks in bench/run.py, when there are any
#   make soak     gunicorn + worker under 20 clients for 10 min (BENCH_DATABASE_URL for PostgreSQL)
#   make bench-national  PostgreSQL at MEMBERS=… (synth, pages, EXPLAIN, replica; own clusters)
#   make bench-synth     hatnhan synth before and after, same run (SYNTH_ARGS; databases of its own on :5432)
#   make clean    remove the virtual environment's install stamps and caches (keeps var/)
#
# Works on a fresh clone: it finds a Python >= 3.12, makes .venv and installs the project
# into it. Override with `make PYTHON=/path/to/python3.13 ...` or `make VENV=/elsewhere ...`.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
RUFF := $(VENV)/bin/ruff
# The install stamps live inside the venv: a new or replaced venv reinstalls, and so does
# any change to the dependencies in pyproject.toml.
STAMP := $(VENV)/.hatnhan-installed
TEST_STAMP := $(VENV)/.hatnhan-test-installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := DEBUG=1 HATNHAN_DEMO=1
PIP_FLAGS ?= --disable-pip-version-check --quiet

# Candidates in order. A pyenv shim (python3.13 here) exists even when its version is not
# selected and then fails when run, so each candidate is judged by actually running it.
ifdef PYTHON
PYTHON_CANDIDATES = $(PYTHON)
else
PYTHON_CANDIDATES = python3.13 python3.12 python3 \
	$(shell for r in "$$(pyenv root 2>/dev/null)" "$$HOME/.pyenv" /root/.pyenv; do \
	  ls -d "$$r"/versions/3.13*/bin/python3 "$$r"/versions/3.12*/bin/python3 2>/dev/null | sort -rV; \
	done | awk '!seen[$$0]++') \
	/usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12
endif

.PHONY: help demo demo-reset demo-check check-deploy soak bench-national bench-synth serve worker migrate test pytest schema-check lint format check-migrations messages bench clean venv find-python

help:
	@sed -n '2,19p' Makefile | sed 's/^# \{0,1\}//'

# --- Python and the virtual environment ------------------------------------------------------

find-python:
	@for c in $(PYTHON_CANDIDATES); do \
	  if "$$c" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then \
	    echo "$$c"; exit 0; fi; \
	done; \
	echo "hatnhan cần Python 3.12 trở lên / hatnhan needs Python >= 3.12." >&2; \
	echo "Đã thử / tried: $(PYTHON_CANDIDATES)" >&2; \
	echo "Cài Python 3.12+ (vd. 'pyenv install 3.13' hoặc 'apt-get install python3.13') rồi chạy lại," >&2; \
	echo "hoặc chỉ rõ: make PYTHON=/path/to/python3.13 <target>" >&2; \
	exit 1

$(PY):
	@py="$$($(MAKE) --no-print-directory -s find-python)" || exit 1; \
	echo "Tạo môi trường ảo $(VENV) bằng $$py ($$("$$py" -c 'import sys; print(sys.version.split()[0])'))"; \
	"$$py" -m venv "$(VENV)"
	@test -x "$(PY)" || { echo "Không tạo được $(VENV) / could not create $(VENV)" >&2; exit 1; }

$(STAMP): pyproject.toml | $(PY)
	@echo "Cài hatnhan vào $(VENV) (pip install -e .)"
	$(PY) -m pip install $(PIP_FLAGS) -e .
	@touch "$@"

$(TEST_STAMP): pyproject.toml | $(PY)
	@echo "Cài hatnhan và công cụ kiểm thử vào $(VENV) (pip install -e '.[test]')"
	$(PY) -m pip install $(PIP_FLAGS) -e '.[test]'
	@touch "$@" "$(STAMP)"

venv: $(STAMP)

# --- Translations ----------------------------------------------------------------------------

# compilemessages needs GNU gettext's msgfmt; without it the committed .mo files are used.
messages: $(STAMP)
	@if [ -z "$$(find hatnhan -path '*/locale/*/LC_MESSAGES/*.po' -print -quit)" ]; then \
	  echo "Chưa có tệp dịch .po / no .po files yet."; \
	elif command -v msgfmt >/dev/null; then \
	  $(PY) manage.py compilemessages --ignore '.venv' --ignore 'var' -v 0 && echo "Đã biên dịch bản dịch (.mo)."; \
	else \
	  echo "Không có msgfmt (apt-get install gettext): dùng các tệp .mo có sẵn."; \
	fi

# --- Demo ------------------------------------------------------------------------------------

migrate: $(STAMP)
	@mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --noinput -v 0

demo: $(STAMP) messages migrate
	@$(DEMO_ENV) $(PY) manage.py demo --if-empty
	@echo
	@echo "  Hạt nhân (demo): http://$(HOST):$(PORT)/   — Ctrl+C để dừng / to stop"
	@echo
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The demo server again without (re)loading anything.
serve: $(STAMP) migrate
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# Start over: a new demo database (e.g. after pulling apps that add demo data of their own).
demo-reset:
	rm -f var/hatnhan.sqlite3 var/hatnhan.sqlite3-wal var/hatnhan.sqlite3-shm
	$(MAKE) --no-print-directory demo

# The background worker (reminders, imports, evaluation runs) against the demo database.
worker: $(STAMP) migrate
	@if [ -f hatnhan/tasks/management/commands/worker.py ]; then \
	  $(DEMO_ENV) $(PY) manage.py worker; \
	else \
	  $(DEMO_ENV) $(PY) manage.py db_worker; \
	fi

# --- Checks ----------------------------------------------------------------------------------

lint: $(TEST_STAMP)
	$(RUFF) check .
	$(RUFF) format --check .

format: $(TEST_STAMP)
	$(RUFF) format .
	$(RUFF) check --fix .

check-migrations: $(TEST_STAMP)
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run

pytest: $(TEST_STAMP) messages
	@mkdir -p var
	$(PY) -m pytest -q $(PYTEST_ARGS)

test: lint check-migrations pytest

# The API fuzzed against its own schema, on its own (it is part of `make test` too).
schema-check: $(TEST_STAMP)
	@mkdir -p var
	$(PY) -m pytest -q hatnhan/api/tests/test_schemathesis.py $(PYTEST_ARGS)

# The full demo dataset (every app's part too) on a scratch database, then the audit check.
DEMO_CHECK_DB := $(CURDIR)/var/demo-check.sqlite3
demo-check: $(STAMP)
	@mkdir -p var
	@rm -f "$(DEMO_CHECK_DB)" "$(DEMO_CHECK_DB)-wal" "$(DEMO_CHECK_DB)-shm"
	$(DEMO_ENV) DATABASE_URL=sqlite:///$(DEMO_CHECK_DB) $(PY) manage.py migrate --noinput -v 0
	$(DEMO_ENV) DATABASE_URL=sqlite:///$(DEMO_CHECK_DB) $(PY) manage.py demo
	$(DEMO_ENV) DATABASE_URL=sqlite:///$(DEMO_CHECK_DB) $(PY) manage.py audit verify
	@rm -f "$(DEMO_CHECK_DB)" "$(DEMO_CHECK_DB)-wal" "$(DEMO_CHECK_DB)-shm"

# docs/production.env is the documented production environment; only the keys are made up here.
check-deploy: $(STAMP)
	@set -a; . docs/production.env; set +a; \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  AUDIT_KEYS="k1:$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(32))')" \
	  AUDIT_CHECKPOINT_KEYS="c1:$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(32))')" \
	  HATNHAN_FIELD_KEYS="$$($(PY) -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')" \
	  $(PY) manage.py check --deploy --fail-level WARNING

bench: $(TEST_STAMP)
	@if [ -f bench/run.py ]; then \
	  mkdir -p var bench/out && $(PY) bench/run.py $(BENCH_ARGS); \
	else \
	  echo "Chưa có bench/run.py / no benchmarks yet."; \
	fi

# The PostgreSQL national-scale suite, one command: `hatnhan synth` at MEMBERS, the pages bench
# against it, then bench/replica.py at REPLICA_MEMBERS (docs/benchmarks.md says which sizes ran
# here). It starts PostgreSQL 15 clusters of its own on free ports, never the shared server.
MEMBERS ?= 20000
REPLICA_MEMBERS ?= $(MEMBERS)
NATIONAL_ARGS ?=
bench-national: $(TEST_STAMP)
	@mkdir -p var bench/out
	$(PY) bench/national.py --members $(MEMBERS) --replica-members $(REPLICA_MEMBERS) $(NATIONAL_ARGS)

# `hatnhan synth` before (git, 0bb192c) and now, same run, on databases of its own on the
# PostgreSQL server at 127.0.0.1:5432 (dropped at the end): SYNTH_ARGS="--members 20000 100000".
SYNTH_ARGS ?= --members 20000 100000
bench-synth: $(TEST_STAMP)
	@mkdir -p bench/out
	$(PY) bench/synth.py $(SYNTH_ARGS)

# Loopback only, bounded in time: SOAK_ARGS="--seconds 60 --clients 8" for a short one.
soak: $(TEST_STAMP)
	@mkdir -p bench/out
	$(PY) bench/soak.py $(SOAK_ARGS)

clean:
	rm -f "$(STAMP)" "$(TEST_STAMP)"
	rm -rf .pytest_cache .ruff_cache test-results
	find hatnhan -name __pycache__ -type d -prune -exec rm -rf {} +
