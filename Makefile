# ShipDesk developer commands. `make demo` and `make test` work on a fresh machine with
# Python >= 3.11 (see README.md for the system packages Qt needs on Linux).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench screenshots build clean translations lupdate

# The Dutch translation: the .ts source is committed, the .qm the app loads is built.
TS := resources/i18n/shipdesk_nl.ts
QM := $(TS:.ts=.qm)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test,dev]'
	touch $(STAMP)

$(QM): $(TS) $(STAMP)
	$(BIN)/pyside6-lrelease $(TS) -qm $(QM)

translations: $(QM)

# After changing user-facing texts: collect them into the .ts file, then translate what is new.
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate shipdesk/ui/*.py -no-obsolete -locations none -ts $(TS)

demo: $(STAMP) $(QM)
	$(BIN)/shipdesk --demo

test: $(STAMP) $(QM)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check shipdesk tests bench tools
	$(BIN)/ruff format --check shipdesk tests bench tools

bench: $(STAMP)
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/packing_slip_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/labels_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/orders_tab_bench.py

screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

build: $(STAMP) translations
	$(BIN)/pyinstaller --noconfirm --clean shipdesk.spec

clean:
	rm -rf build dist $(VENV)
