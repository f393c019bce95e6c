# ShipDesk developer commands. `make demo` and `make test` work on a fresh machine with
# Python >= 3.11 (see README.md for the system packages Qt needs on Linux).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench screenshots build clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test,dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/shipdesk --demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check shipdesk tests bench tools
	$(BIN)/ruff format --check shipdesk tests bench tools

bench: $(STAMP)
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/packing_slip_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/labels_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/orders_tab_bench.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

build: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean shipdesk.spec

clean:
	rm -rf build dist $(VENV)
