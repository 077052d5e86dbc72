# newsverdict: `make run` analyses an example article, `make test` runs the checks.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench quality models schema clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,bench]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsverdict analyze examples/eu-battery-law.md

test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

bench: $(STAMP)
	$(BIN)/python -m bench.speed

quality: $(STAMP)
	$(BIN)/python -m bench.quality

# Rebuild the shipped data files from ../shared/data/dev (reproducible).
models: $(STAMP)
	$(BIN)/python scripts/train_headline.py
	$(BIN)/python scripts/build_loaded_lexicon.py
	$(BIN)/python scripts/fit_weights.py

schema: $(STAMP)
	$(BIN)/python scripts/write_schema.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
