"""The direction of imports DESIGN.md asks for: ui → services → (domain, store, amazon,
carriers, printing, keychain); no Qt below services except in printing; keyring only in the
keychain module (and the self-test, which checks the frozen bundle's backends)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "shipdesk"
# Cross-cutting helpers every layer may use: the version, paths, logging, bundled resources.
SHARED = {"shipdesk", "shipdesk.paths", "shipdesk.logs", "shipdesk.resources", "shipdesk.files"}
LOWER = ("domain", "store", "amazon", "carriers")


def imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


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
    allowed = {PACKAGE / "keychain.py", PACKAGE / "selftest.py"}
    wrong = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path not in allowed and any(m.split(".")[0] == "keyring" for m in imports(path))
    }
    assert not wrong, sorted(wrong)
