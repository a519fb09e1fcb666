# Mutuality: `make run` to try it, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench env install migrate demo worker audit-deps clean

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

.env:
	$(PYTHON) scripts/make_env.py .env

env: .env

migrate: install .env
	$(BIN)/python manage.py migrate --verbosity 0

demo: migrate
	$(BIN)/python manage.py demo --scale small --seed 1 --if-empty

## Create the virtualenv, install, migrate SQLite, load demo data, serve on http://$(HOST):$(PORT)
run: demo
	@echo ""
	@echo "Mutuality is starting on http://$(HOST):$(PORT)  (Ctrl+C stops it)"
	@trap 'kill 0' EXIT; \
	$(BIN)/python manage.py db_worker --no-reload >var/worker.log 2>&1 & \
	$(BIN)/python manage.py scheduler >var/scheduler.log 2>&1 & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## The whole suite: lint, format check, tests (SQLite, or DATABASE_URL if set)
test: install .env
	bash scripts/ensure-test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Benchmarks; figures go in docs/BENCHMARKS.md
bench: install .env
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## Known vulnerabilities in the pinned dependencies
audit-deps: install
	$(BIN)/pip-audit --strict --disable-pip --no-deps -r requirements/base.txt -r requirements/dev.txt

worker: install .env
	$(BIN)/python manage.py db_worker

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
