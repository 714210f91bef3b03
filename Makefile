# Socialflow — two commands: `make run` (the app on embedded defaults) and `make test` (everything).
# Both install what they need: a virtualenv in .venv and the dashboard build in frontend/dist.

SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := frontend/node_modules/.installed
DIST := frontend/dist/index.html
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/public -type f 2>/dev/null)
PYTEST_ARGS ?=

.PHONY: run test install dashboard lint format test-python test-frontend test-e2e bench clean

run: install dashboard
	PORT=$(PORT) $(BIN)/socialflow serve --port $(PORT)

install: $(PY_STAMP)

$(PY_STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11+ is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(NODE_STAMP): frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null || { echo "Node.js 20+ and npm are needed to build the dashboard"; exit 1; }
	cd frontend && npm ci --no-audit --no-fund
	touch $@

dashboard: $(DIST)

$(DIST): $(NODE_STAMP) $(FRONTEND_SRC)
	cd frontend && npm run build
	touch $@

# Debian's Chromium for the browser tests (a test tool's own browser download fails offline).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium for the browser tests: sudo apt-get install -y chromium"; exit 1; fi; }

# Static checks of the backend: ruff (lint and format), the import layers, mypy --strict.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The whole suite: lint, Python on SQLite, again on PostgreSQL (+ Redis/Celery) when
# TEST_DATABASE_URL / REDIS_URL are set, the dashboard's unit tests, and the browser journey.
test: install dashboard chromium lint test-frontend test-python

test-python: install
	env -u TEST_DATABASE_URL -u REDIS_URL $(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL ($$TEST_DATABASE_URL) =="; \
	  $(BIN)/python -m pytest -n 2 $(PYTEST_ARGS); \
	fi

# The dashboard: ESLint, Prettier, the API types generated from the backend's OpenAPI still
# current, the TypeScript check, then the Vitest unit tests.
test-frontend: install $(NODE_STAMP)
	cd frontend && npm run lint
	cd frontend && npm run format:check
	cd frontend && npm run api:types:check
	cd frontend && npx tsc --noEmit
	cd frontend && npm test

bench: install
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist .pytest_cache .ruff_cache
