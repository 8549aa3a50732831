# rasd: `make run` and `make test` do all set-up on a fresh machine (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RASD_DATA ?= ../shared
export RASD_DATA

SAMPLES := $(RASD_DATA)/examples/seed-gold.jsonl $(RASD_DATA)/corpus/news_ar_conflict.jsonl.gz
BATCH_ARTICLES ?= 200000
# the optional compiled build (mypyc): its own environment, so edits to src/ never run stale
COMPILED_VENV := .venv-compiled
# every file of the package, data included: the compiled build is a regular install with
# its own copy, which an edit to a YAML file or an uncompiled module must also refresh
COMPILED_SOURCES := setup.py pyproject.toml \
	$(shell find src/rasd -type f -not -path '*/__pycache__/*' -not -name '*.pyc')

.PHONY: install run run-once test lint format eval bench compiled compiled-check screenshot clean

$(BIN)/rasd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/rasd

# dependencies first (mypyc type-checks the modules against them), then rasd compiled
$(COMPILED_VENV)/bin/rasd: $(COMPILED_SOURCES)
	$(PYTHON) -m venv $(COMPILED_VENV)
	$(COMPILED_VENV)/bin/python -m pip install -q --upgrade pip 'setuptools>=77' wheel \
		'mypy>=1.10,<3' 'types-PyYAML>=6.0,<7'
	$(COMPILED_VENV)/bin/python -m pip install -q .
	RASD_COMPILE=1 $(COMPILED_VENV)/bin/python -m pip install -q --no-build-isolation \
		--no-deps --force-reinstall .
	touch $@

compiled: $(COMPILED_VENV)/bin/rasd  ## rasd compiled with mypyc in .venv-compiled (same output, faster)

compiled-check: install compiled  ## the compiled build extracts exactly what pure Python does
	$(BIN)/python scripts/compare_builds.py $(COMPILED_VENV)/bin/python --articles 500 --rounds 1

run: run-once  ## the main job, then the API and web map on http://127.0.0.1:8000
	$(BIN)/rasd serve

run-once: install  ## the main job without serving: events table and files, then the store
	$(BIN)/rasd run --sample 200 --out out
	$(BIN)/rasd ingest --limit 201 $(SAMPLES)

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/ruff format src tests scripts

test: lint  ## ruff, mypy, pytest
	$(BIN)/pytest

eval: install  ## score against the development gold set
	$(BIN)/rasd eval $(RASD_DATA)/dev/gold.jsonl

bench: install compiled  ## speed and memory: extraction (pure and compiled), store, API, web, PostgreSQL vs SQLite, batch on 1 and 2 workers
	$(BIN)/python scripts/bench.py
	$(COMPILED_VENV)/bin/python scripts/bench.py
	$(BIN)/python scripts/compare_builds.py $(COMPILED_VENV)/bin/python --rounds 3
	$(BIN)/python scripts/bench_store.py
	$(BIN)/python scripts/bench_web.py
	PG_TEST_DIR=/tmp PG_TEST_FSYNC=on scripts/pg_test_cluster.sh \
		$(BIN)/python scripts/bench_postgres.py --limit 2000 --rounds 3
	$(BIN)/python scripts/bench_batch.py --articles $(BATCH_ARTICLES)

screenshot: install  ## the README's picture of the web map, from a store of the samples
	$(BIN)/python scripts/web_screenshot.py --out docs/web-map.png

clean:
	rm -rf $(VENV) $(COMPILED_VENV) build out .mypy_cache .ruff_cache .pytest_cache
