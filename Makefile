# akhbar: the commands the README names. Every target creates .venv and installs on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format test-unit test-integration test-faults bench eval soak kb train clean

$(STAMP): pyproject.toml setup.py $(wildcard enrichment/*.pyx enrichment/*.pxd enrichment/ner/*.pyx enrichment/ner/*.pxd)  # the compiled kernels are built by the install
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## broker + worker + sample feed; metrics on http://127.0.0.1:6066/metrics
	$(BIN)/akhbar dev

test: $(STAMP) lint  ## lint, then the whole suite (unit, agents, integration on the real broker, eval, faults)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy enrichment streams

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-unit: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit tests/agents

test-integration: $(STAMP)
	$(BIN)/python -m pytest -q tests/integration

test-faults: $(STAMP)
	$(BIN)/python -m pytest -q -m faults tests/integration

bench: $(STAMP)  ## prints numbers; not a test
	$(BIN)/python -m tests.bench.run

eval: $(STAMP)
	$(BIN)/akhbar eval

soak: $(STAMP)
	$(BIN)/python -m tests.bench.soak

kb: $(STAMP)
	$(BIN)/akhbar kb build

train: $(STAMP)
	$(BIN)/akhbar train

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
