"""The direction of imports DESIGN.md asks for: ui → services → (domain, store, amazon,
carriers, printing, keychain); no Qt below services except in printing; keyring only in the
keychain module (and the self-test, which checks the frozen bundle's backends)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "shipdesk"
# Cross-cutting helpers every layer may use: the version, paths, logging, bundled resources.
SHARED = {"shipdesk", "shipdesk.paths", "shipdesk.logs", "shipdesk.resources", "shipdesk.files"}
LOWER = ("domain", "store", "amazon", "carriers")


def _is_module(dotted: str) -> bool:
    where = REPO.joinpath(*dotted.split("."))
    return where.is_dir() or where.with_suffix(".py").exists()


def imports(path: Path, source: str | None = None) -> set[str]:
    """Every module a file imports, at the top or inside functions, relative imports resolved
    and `from shipdesk import store` read as shipdesk.store."""
    package = list(path.relative_to(REPO).with_suffix("").parts[:-1])
    found = set()
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                inner = f"{module}.{alias.name}"
                found.add(inner if _is_module(inner) else module)
    return found


def test_imports_are_read_whole() -> None:
    """The reader this file relies on sees through both ways of hiding an import."""
    hidden = "from ..store import settings\nfrom shipdesk import store\nfrom . import texts\n"
    assert imports(PACKAGE / "ui" / "example.py", hidden) == {
        "shipdesk.store.settings",
        "shipdesk.store",
        "shipdesk.ui.texts",
    }


def files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def test_the_ui_talks_to_services_only() -> None:
    wrong = {
        (path.name, module)
        for path in files("ui")
        for module in imports(path)
        if module.startswith("shipdesk")
        and module not in SHARED
        and not module.startswith(("shipdesk.services", "shipdesk.ui"))
    }
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("layer", [*LOWER, "printing", "services"])
def test_lower_layers_never_reach_up(layer: str) -> None:
    upward = ("shipdesk.ui",) if layer == "services" else ("shipdesk.ui", "shipdesk.services")
    wrong = {
        (path.name, module)
        for path in files(layer)
        for module in imports(path)
        if module.startswith(upward)
    }
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("layer", LOWER)
def test_no_qt_below_services(layer: str) -> None:
    wrong = {
        (path.name, module)
        for path in files(layer)
        for module in imports(path)
        if module.startswith("PySide6")
    }
    assert not wrong, sorted(wrong)


def test_only_the_keychain_module_talks_to_keyring() -> None:
    # keyring_file.py is not a user of keyring but a backend for it (the encrypted file for
    # machines without a keychain): it implements keyring's interface.
    allowed = {PACKAGE / "keychain.py", PACKAGE / "selftest.py", PACKAGE / "keyring_file.py"}
    wrong = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path not in allowed and any(m.split(".")[0] == "keyring" for m in imports(path))
    }
    assert not wrong, sorted(wrong)


# Where a carrier may be named: its own package, the sandbox that plays it, the one module of
# its words in the window, and the migrations (history: the settings that were DHL's).
NAMING_ALLOWED = ("carriers/", "sandbox/", "ui/carrier_texts.py", "store/migrations.py")
CARRIER_WORD = re.compile(r"\b(dhl|gls)\b", re.IGNORECASE)


def carrier_names(source: str) -> list[tuple[int, str]]:
    """Names and string literals that name a carrier; docstrings and comments may."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    found = []
    for n, token in enumerate(tokens):
        if token.type == tokenize.STRING:
            before = tokens[n - 1].type if n else tokenize.NEWLINE
            after = tokens[n + 1].type if n + 1 < len(tokens) else tokenize.NEWLINE
            alone = before in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)
            if alone and after == tokenize.NEWLINE:
                continue  # a docstring
        elif token.type != tokenize.NAME:
            continue
        if CARRIER_WORD.search(token.string):
            found.append((token.start[0], token.string))
    return found


def test_the_reader_of_carrier_names_skips_docstrings_only() -> None:
    source = '"""DHL and GLS."""\nkey = "gls"  # dhl\nfrom x import DhlClient\n'
    assert carrier_names(source) == [(2, '"gls"')]


def test_only_the_carriers_own_modules_name_a_carrier() -> None:
    """Adding a carrier is one package: nothing above carriers/ is written for DHL or GLS."""
    wrong = [
        f"{path.relative_to(PACKAGE).as_posix()}:{line}: {text[:60]}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.relative_to(PACKAGE).as_posix().startswith(NAMING_ALLOWED)
        for line, text in carrier_names(path.read_text(encoding="utf-8"))
    ]
    assert not wrong, wrong
