# newsdesk: `make run` sets everything up and runs the main job on the bundled sample;
# `make test` sets up, lints and runs the whole test suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= newsdesk.db
SAMPLE := src/newsdesk/data/sample/dump.txt

.PHONY: setup run test lint format bench eval clean browser postgres

setup: $(STAMP)

# Re-install only when the project's own install files change (idempotent).
$(STAMP): pyproject.toml Makefile
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (newsdesk needs Python 3.11)" >&2; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Analyze the bundled sample dump (36 articles) and store it; running it again adds nothing.
run: setup
	$(BIN)/newsdesk ingest $(SAMPLE) --published 2025-06-03 --db $(DB)
	@echo
	@echo "Stored in $(DB). Next (or activate the venv: . $(BIN)/activate):"
	@echo "  $(BIN)/newsdesk search ceasefire --entity Zelensky --db $(DB)   # full text + facets"
	@echo "  $(BIN)/newsdesk entities Zelensky --db $(DB)                    # variants, articles, quotes"
	@echo "  $(BIN)/newsdesk quotes --speaker Musk --db $(DB)                # who said what"
	@echo "  $(BIN)/newsdesk stories --db $(DB)                              # articles grouped by event"
	@echo "  $(BIN)/newsdesk export --format csv -o sample.csv --db $(DB)"
	@echo "  $(BIN)/newsdesk serve --db $(DB)                                # web UI: http://127.0.0.1:8000/"

lint: setup
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format src tests bench tools
	$(BIN)/ruff check --fix src tests bench tools

# The UI tests drive Debian's chromium (never a downloaded browser); install it once.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update && sudo apt-get install -y chromium; \
	  else echo "warning: chromium is not installed and cannot be (not root, no sudo): UI tests will skip" >&2; fi; }

# The PostgreSQL store's tests start a private server from Debian's postgresql package.
postgres:
	@command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y postgresql; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update && sudo apt-get install -y postgresql; \
	  else echo "warning: PostgreSQL is not installed and cannot be (not root, no sudo): its tests will skip" >&2; fi; }

test: setup lint browser postgres
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/throughput.py

eval: setup
	$(BIN)/newsdesk eval all --data ../shared/eval

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info src/*.egg-info
