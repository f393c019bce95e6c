"""Where the files in the repository's `resources/` folder are, from source or frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(name: str) -> Path:
    return resource_dir() / name


def document(name: str) -> Path:
    """A page of the repository's `docs/` folder that ships with the app (docs/privacy.md)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "docs" / name
    return Path(__file__).resolve().parent.parent / "docs" / name
