# ShipDesk developer commands. `make demo` and `make test` work on a fresh machine with
# Python >= 3.11 (see README.md for the system packages Qt needs on Linux).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Supply chain: everything pip installs comes from hashed locks in requirements/ (--require-hashes;
# wheels only, so no downloaded setup code runs and no unhashed build dependency comes in).
#   app.txt    the app's and the broker's runtime dependencies (for a broker server)
#   dev.txt    those plus the test and dev extras (pytest, ruff, PyInstaller): the venv of make,
#              CI and the release workflow
#   tools.txt  uv and pip-audit, in a venv of their own ($(TOOLS_VENV))
# `make lock` writes them with uv rather than pip-tools: `uv pip compile --universal` resolves
# once for every platform and Python, keeping environment markers (pywin32, pefile and colorama
# only on Windows, macholib on macOS, PySide6 6.11 on Python 3.11 and 6.12 from 3.12 on, as the
# release builds use) and the hashes of every wheel of each pinned release, in a plain
# requirements file that plain pip installs. pip-compile resolves for the machine it runs on only,
# so a lock made on Linux would miss the Windows and macOS packages the release builds need.
LOCKS := requirements/app.txt requirements/dev.txt requirements/tools.txt
PIP_LOCKED := --require-hashes --only-binary :all:
TOOLS_VENV ?= .venv-tools
TOOLS_BIN := $(TOOLS_VENV)/bin
TOOLS_STAMP := $(TOOLS_VENV)/.installed
# The oldest Python ShipDesk supports (requires-python, and 3.11 on the CI machine); --universal
# covers the newer ones too. `make lock` moves every pin to the newest release allowed;
# `make lock LOCKFLAGS=` keeps the current pins and only follows a change in pyproject.toml.
LOCK_PYTHON := 3.11
LOCKFLAGS ?= --upgrade
UV_COMPILE = $(TOOLS_BIN)/uv pip compile --quiet --universal --python-version $(LOCK_PYTHON) \
	--generate-hashes --custom-compile-command "make lock" $(LOCKFLAGS)

.PHONY: demo test lint bench screenshots build clean translations lupdate lock audit manual

# The Dutch translation, and the English plural forms ("1 label", "2 labels"): the .ts
# sources are committed, the .qm files the app loads are built.
TS := resources/i18n/shipdesk_nl.ts
TS_EN := resources/i18n/shipdesk_en.ts
QM := $(TS:.ts=.qm) $(TS_EN:.ts=.qm)

$(STAMP): pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_LOCKED) -r requirements/dev.txt
	$(BIN)/python -m pip install --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(TOOLS_STAMP): requirements/tools.txt
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_BIN)/python -m pip install --quiet $(PIP_LOCKED) -r requirements/tools.txt
	touch $(TOOLS_STAMP)

# Refreshes the three locks (after changing dependencies in pyproject.toml, or to take new
# releases; then `make audit` and `make test`). app.txt is held to dev.txt's pins.
lock: $(TOOLS_STAMP)
	$(UV_COMPILE) pyproject.toml requirements/bootstrap.in --extra test --extra dev \
		-o requirements/dev.txt
	$(UV_COMPILE) pyproject.toml requirements/bootstrap.in -c requirements/dev.txt \
		-o requirements/app.txt
	$(UV_COMPILE) requirements/tools.in -o requirements/tools.txt

# pip-audit on every release the locks pin, for Linux, Windows and macOS. Fails on a known
# vulnerability; where no advisory database can be reached it says so in one line and passes.
# To accept one after review: make audit AUDIT_FLAGS="--ignore-vuln GHSA-…".
audit: $(TOOLS_STAMP)
	$(TOOLS_BIN)/python tools/audit.py $(AUDIT_FLAGS) $(LOCKS)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease $< -qm $@

translations: $(QM)

# After changing user-facing texts: collect them into the .ts file, then translate what is new.
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate shipdesk/ui/*.py -no-obsolete -locations none -ts $(TS)
	$(BIN)/pyside6-lupdate shipdesk/ui/*.py -no-obsolete -locations none -pluralonly \
		-target-language en_GB -ts $(TS_EN)

# The owner's manual (docs/manual/<lang>/*.md, with screenshots from `make screenshots`) as the
# HTML that Help → Manual shows, in resources/manual/; quick when nothing changed.
manual: $(STAMP)
	$(BIN)/python tools/build_manual.py

demo: $(STAMP) $(QM) manual
	$(BIN)/shipdesk --demo

test: $(STAMP) $(QM) manual
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check shipdesk tests bench tools
	$(BIN)/ruff format --check shipdesk tests bench tools
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/packing_slip_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/labels_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/orders_tab_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/overview_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/print_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/scan_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup_bench.py

screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

build: $(STAMP) translations manual
	$(BIN)/pyinstaller --noconfirm --clean shipdesk.spec

clean:
	rm -rf build dist $(VENV) $(TOOLS_VENV)
