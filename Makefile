# Parley: `make run` starts the dashboard, `make test` runs lint and every test layer.
# Both create .venv with python3.11 on first use; a stamp file per requirements file keeps
# re-runs from reinstalling until a requirements file changes.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV ?= .venv
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium
BIN := $(VENV)/bin

# Passed through to the app only when given, e.g. `make run PARLEY_DATA_DIR=~/my-data`.
APP_ENV := $(if $(PARLEY_DATA_DIR),PARLEY_DATA_DIR="$(PARLEY_DATA_DIR)") \
	$(if $(PARLEY_DEFAULT_DATASET),PARLEY_DEFAULT_DATASET="$(PARLEY_DEFAULT_DATASET)")

.PHONY: help run test lint chromium

help:
	@echo "make run    start the dashboard on http://localhost:$(PORT) (PORT, PARLEY_DATA_DIR, PARLEY_DEFAULT_DATASET)"
	@echo "make test   lint, then unit, app and browser tests (installs Chromium when run as root)"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 (Debian 12: sudo apt-get install python3.11 python3.11-venv)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Could not create $(VENV): sudo apt-get install python3.11-venv" >&2; exit 1; }

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed-run
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed-run
	$(APP_ENV) $(BIN)/python -m streamlit run dashboard.py --server.port $(PORT)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && apt-get install -y chromium; \
		else \
			echo "Chromium is missing at $(CHROMIUM). Install it with: sudo apt-get install chromium" >&2; \
			exit 1; \
		fi; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# One pytest run over the three layers. Any non-zero exit fails the target, including
# 5 (no tests collected): a test run that ran nothing is not a pass.
test: $(VENV)/.installed-dev chromium lint
	status=0; $(BIN)/python -m pytest tests/unit tests/app tests/browser || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; fi; \
	exit $$status
