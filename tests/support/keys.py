"""A fixed database key for tests that open a store file without an app context."""

from __future__ import annotations

KEY = bytes(range(32))
