"""ARCHITECTURE.md stays a true map: every package it names exists, every package of shipdesk/
is named in it, and the modules it points to are there."""

from __future__ import annotations

import re

from tests.conftest import REPO

MAP = REPO / "ARCHITECTURE.md"
PACKAGE = REPO / "shipdesk"


def test_every_package_is_on_the_map_and_every_path_on_it_exists() -> None:
    text = MAP.read_text(encoding="utf-8")
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    named = set(re.findall(r"`shipdesk/([a-z_]+)/`", text))
    assert packages == named, (packages - named, named - packages)
    # Modules named by path (`services/labels.py`, `carriers/spec.py`) exist.
    modules = set(re.findall(r"`([a-z_]+/[a-z_/<>]+\.py)`", text))
    assert modules
    for module in modules:
        root = REPO if module.startswith(("tests/", "bench/", "tools/")) else PACKAGE
        if "<key>" in module:
            assert any(root.glob(module.replace("<key>", "*"))), module
        else:
            assert (root / module).exists(), module
