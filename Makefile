# Cylch: `make run` starts the site with demo data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-from-lock

.DEFAULT_GOAL := help
.PHONY: help run test lint format check pytest e2e test-cluster lock bench clean

help: ## List the commands
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $(STAMP)

run: $(STAMP) ## Set up, migrate, add demo data if the database is empty, serve on http://127.0.0.1:8000
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) runserver 127.0.0.1:8000

test: $(STAMP) lint check pytest ## Set up and run everything: ruff, import contract, Django checks, migrations check, pytest

lint: $(STAMP) ## ruff lint and format check, and the import contract between the layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --no-cache

format: $(STAMP) ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(STAMP) ## Django system checks, and no model change without its migration
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

pytest: $(STAMP) ## The test suite (browser tests included when Chromium is installed)
	$(BIN)/pytest

e2e: $(STAMP) ## Only the browser tests
	$(BIN)/pytest tests/e2e

test-cluster: $(STAMP) ## Two gunicorn servers on a private PostgreSQL and Redis: one site, faults, load
	$(BIN)/pytest tests/cluster

lock: ## Re-compile the lock files from pyproject.toml
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev -o requirements-dev.lock pyproject.toml

SCALE ?= 0.1
bench: $(STAMP) ## Throughput of every page through gunicorn, at SCALE (0.01 to 1; see bench/README.md)
	$(BIN)/python bench/run.py --scale $(SCALE)

clean: ## Remove the virtual environment and local database
	rm -rf $(VENV) db.sqlite3 staticfiles artifacts
