"""Fault injection for the sandbox services: the failures real APIs have on a bad day.

Some faults strike before the request is handled (5xx, 429) and some after (a dropped
connection, a malformed body, a slow answer): the latter leave the client unsure whether its
request took effect, which is exactly what idempotent clients must survive.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from werkzeug.wrappers import Response

ALL_KINDS = ("server_error", "throttle", "slow", "drop", "malformed")


@dataclass
class FaultConfig:
    rate: float = 0.0
    kinds: tuple[str, ...] = ALL_KINDS
    slow_seconds: float = 1.5
    seed: int = 0
    latency: float = 0.0  # seconds added to every answer, like a real network round trip
    # Only requests whose path ends with one of these (e.g. "/Label/Create"); empty: all.
    only_paths: tuple[str, ...] = ()


ErrorBody = Callable[[int, str], Response]


class FaultInjector:
    """WSGI middleware. `exempt` paths (control and health endpoints) are never faulted."""

    def __init__(
        self,
        app: Callable[..., Iterable[bytes]],
        config: FaultConfig,
        error_response: ErrorBody,
        exempt: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.config = config
        self.error_response = error_response
        self.exempt = exempt
        self._rng = random.Random(config.seed)
        self._lock = threading.Lock()
        self.injected: Counter[str] = Counter()

    def _pick(self, path: str) -> str | None:
        if self.config.rate <= 0 or path.startswith(self.exempt):
            return None
        if self.config.only_paths and not path.endswith(self.config.only_paths):
            return None
        with self._lock:
            if self._rng.random() >= self.config.rate:
                return None
            kind = self._rng.choice(self.config.kinds)
            self.injected[kind] += 1
            return kind

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if self.config.latency > 0:
            time.sleep(self.config.latency)
        kind = self._pick(environ.get("PATH_INFO", ""))
        if kind == "server_error":
            status = 503 if self._rng.random() < 0.5 else 500
            return self.error_response(status, "injected")(environ, start_response)
        if kind == "throttle":
            return self.error_response(429, "injected")(environ, start_response)
        if kind is None:
            return self.app(environ, start_response)
        # The request is handled for real; only the answer goes wrong.
        response = Response.from_app(self.app, environ, buffered=True)
        if kind == "slow":
            time.sleep(self.config.slow_seconds)
            return response(environ, start_response)
        if kind == "drop":
            sock = environ.get("werkzeug.socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            # The headers go nowhere (the socket is shut); the server sees a dropped client.
            start_response("500 Internal Server Error", [])
            return []
        body = response.get_data()
        broken = Response(
            body[: max(1, len(body) // 2)] or b"{",
            status=200,
            content_type=response.content_type or "application/json",
        )
        return broken(environ, start_response)
