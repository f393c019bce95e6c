"""Client-side rate limiting per SP-API operation.

We keep our own token bucket per operation, seeded with Amazon's published usage plan and
re-tuned from the `x-amzn-RateLimit-Limit` header, so we wait *before* Amazon has to say 429.
"""

from __future__ import annotations

import logging
import threading

from shipdesk.retrying import wait
from shipdesk.tokenbucket import TokenBucket

log = logging.getLogger(__name__)

# Published default usage plans: (requests per second, burst).
USAGE_PLANS: dict[str, tuple[float, int]] = {
    "searchOrders": (0.0056, 20),
    "getOrder": (0.5, 30),
    "confirmShipment": (2.0, 10),
}
DEFAULT_PLAN = (0.5, 10)


class OperationLimiter:
    def __init__(self, plans: dict[str, tuple[float, int]] | None = None) -> None:
        self._plans = dict(USAGE_PLANS if plans is None else plans)
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()

    def bucket(self, operation: str) -> TokenBucket:
        with self._lock:
            if operation not in self._buckets:
                rate, burst = self._plans.get(operation, DEFAULT_PLAN)
                self._buckets[operation] = TokenBucket(rate, burst)
            return self._buckets[operation]

    def acquire(self, operation: str, cancel: threading.Event | None = None) -> None:
        bucket = self.bucket(operation)
        while not bucket.try_take():
            wait(bucket.wait_time(), cancel)

    def observe(self, operation: str, header: str | None) -> None:
        """Adopt the rate Amazon reports for this seller and operation."""
        if not header:
            return
        try:
            rate = float(header)
        except ValueError:
            return
        if rate > 0:
            bucket = self.bucket(operation)
            if abs(bucket.rate - rate) > 1e-9:
                log.debug("rate for %s is now %.4f/s", operation, rate)
                bucket.set_rate(rate)

    def throttled(self, operation: str) -> None:
        self.bucket(operation).drain()

    def seconds_until_next(self, operation: str) -> float:
        return self.bucket(operation).wait_time()

    def refill_seconds(self, operation: str) -> float:
        """How long the operation's bucket takes to refill one call, at the rate Amazon last
        reported (its published plan until it has)."""
        return 1 / self.bucket(operation).rate
