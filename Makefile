# ShipDesk developer commands. `make demo` and `make test` work on a fresh machine with
# Python >= 3.11 (see README.md for the system packages Qt needs on Linux).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench screenshots build clean translations lupdate

# The Dutch translation, and the English plural forms ("1 label", "2 labels"): the .ts
# sources are committed, the .qm files the app loads are built.
TS := resources/i18n/shipdesk_nl.ts
TS_EN := resources/i18n/shipdesk_en.ts
QM := $(TS:.ts=.qm) $(TS_EN:.ts=.qm)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test,dev]'
	touch $(STAMP)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease $< -qm $@

translations: $(QM)

# After changing user-facing texts: collect them into the .ts file, then translate what is new.
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate shipdesk/ui/*.py -no-obsolete -locations none -ts $(TS)
	$(BIN)/pyside6-lupdate shipdesk/ui/*.py -no-obsolete -locations none -pluralonly \
		-target-language en_GB -ts $(TS_EN)

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
