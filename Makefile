# rasd: `make run` and `make test` do all set-up on a fresh machine (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RASD_DATA ?= ../shared
export RASD_DATA

SAMPLES := $(RASD_DATA)/examples/seed-gold.jsonl $(RASD_DATA)/corpus/news_ar_conflict.jsonl.gz
BATCH_ARTICLES ?= 200000

.PHONY: install run run-once test lint format eval bench screenshot clean

$(BIN)/rasd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/rasd

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

bench: install  ## speed and memory: extraction, store, API, web, PostgreSQL vs SQLite, batch on 1 and 2 workers
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_store.py
	$(BIN)/python scripts/bench_web.py
	PG_TEST_DIR=/tmp PG_TEST_FSYNC=on scripts/pg_test_cluster.sh \
		$(BIN)/python scripts/bench_postgres.py --limit 2000 --rounds 3
	$(BIN)/python scripts/bench_batch.py --articles $(BATCH_ARTICLES)

screenshot: install  ## the README's picture of the web map, from a store of the samples
	$(BIN)/python scripts/web_screenshot.py --out docs/web-map.png

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
