# sitroom: `make run` and `make test` work on a fresh clone with nothing installed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PGTEST := scripts/test-postgres.sh

.PHONY: install run test lint bench postgres clean

install: $(STAMP) ## the virtual environment with pinned dependencies, and the built indexes

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/sitroom index
	touch $(STAMP)

run: install ## ingest examples/ into ./sitroom.db and serve on http://127.0.0.1:8000
	$(BIN)/sitroom ingest examples
	$(BIN)/sitroom serve

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

postgres: ## install (apt) and start a throwaway PostgreSQL on loopback for the tests
	@$(PGTEST) start

test: install lint ## the whole suite, SQLite and a real PostgreSQL
	SITROOM_TEST_PG_URL="$$($(PGTEST) start)" SITROOM_REQUIRE_PG=1 $(BIN)/pytest -q

bench: install ## throughput and accuracy figures (prints, never asserts)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/actors.py --corpus all
	$(BIN)/python bench/geoparse.py
	$(BIN)/python bench/events.py --corpus all
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) sitroom.db sitroom.db-wal sitroom.db-shm .pytest_cache
	-$(PGTEST) stop
