# rasd: `make run` and `make test` do all set-up on a fresh machine (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RASD_DATA ?= ../shared
export RASD_DATA

.PHONY: install run test lint format eval bench clean

$(BIN)/rasd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/rasd

run: install  ## the main job on the founding example and a corpus sample
	$(BIN)/rasd run --sample 200 --out out

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

bench: install  ## speed and memory over the whole corpus
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
