"""The contract copies in tests/contracts match the shared originals, when those are present."""

from __future__ import annotations

import pytest

from tests.conftest import CONTRACTS, REPO

SHARED = REPO.parent / "shared" / "contracts"


@pytest.mark.skipif(not SHARED.exists(), reason="no ../shared/contracts next to this checkout")
def test_copies_are_current() -> None:
    for original in sorted(SHARED.rglob("*")):
        if original.is_file():
            copy = CONTRACTS / original.relative_to(SHARED)
            assert copy.read_bytes() == original.read_bytes(), f"{copy} is out of date"
