# Every target sets itself up: a fresh clone needs only python3 (3.11+).
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
# Tests run in a private network namespace with only loopback up, so a request that would
# leave the machine fails loudly. Needs root (or user namespaces) and iproute2.
OFFLINE := scripts/offline

.PHONY: install demo test lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/secnews demo

test: $(STAMP)
	$(OFFLINE) $(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check crawler archive tests
	$(BIN)/ruff format --check crawler archive tests
	$(BIN)/mypy archive

format: $(STAMP)
	$(BIN)/ruff format crawler archive tests
	$(BIN)/ruff check --fix crawler archive tests

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
