"""The clients a context reuses (the Amazon access-token source, each carrier's client), each
kept with what it was made from, so a changed credential or endpoint makes a new one. Workers
look them up and make them at once, so every look and change is under one lock."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class ClientCache:
    def __init__(self) -> None:
        self._kept: dict[str, tuple[Hashable, Any]] = {}
        self._lock = threading.Lock()

    def get(self, name: str, made_from: Hashable, make: Callable[[], T]) -> T:
        """The client kept as `name` if it was made from `made_from`; else `make()`'s, kept."""
        with self._lock:
            kept = self._kept.get(name)
            if kept is not None and kept[0] == made_from:
                client: T = kept[1]
                return client
            made = make()
            self._kept[name] = (made_from, made)
            return made

    def keep(self, name: str, made_from: Hashable, client: Any) -> None:
        """Keep a client made elsewhere (one that just passed a connection check)."""
        with self._lock:
            self._kept[name] = (made_from, client)

    def forget(self, *names: str) -> None:
        """The next look-up makes new ones: these, or all when none is named."""
        with self._lock:
            if names:
                for name in names:
                    self._kept.pop(name, None)
            else:
                self._kept.clear()
