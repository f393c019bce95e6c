"""A token bucket, used both by the Amazon client (wait for a token) and the sandbox (reject)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """`rate` tokens per second up to `burst`; thread-safe; starts full like Amazon's buckets."""

    def __init__(
        self, rate: float, burst: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self._rate = rate
        self._burst = float(burst)
        self._tokens = float(burst)
        self._clock = clock
        self._stamp = clock()
        self._lock = threading.Lock()

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def burst(self) -> float:
        return self._burst

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now

    def set_rate(self, rate: float) -> None:
        with self._lock:
            self._refill()
            self._rate = rate

    def try_take(self) -> bool:
        with self._lock:
            self._refill()
            if self._tokens >= 1:
                self._tokens -= 1
                return True
            return False

    def wait_time(self) -> float:
        """Seconds until a token is available (0 when one is there now)."""
        with self._lock:
            self._refill()
            return 0.0 if self._tokens >= 1 else (1 - self._tokens) / self._rate

    def drain(self) -> None:
        """Empty the bucket: the server said 429, so our estimate of its bucket was too high."""
        with self._lock:
            self._refill()
            self._tokens = 0.0

    def is_full(self) -> bool:
        """Refilled to its burst: unused for a while, so it can be dropped and made anew."""
        with self._lock:
            self._refill()
            return self._tokens >= self._burst
