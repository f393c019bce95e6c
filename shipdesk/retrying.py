"""Retrying without an HTTP library: the backoff policy, waits a cancel ends, and what a
retried request can come to (`Retry`, `Exhausted`, `OutcomeUnknown`). Kept apart from
`httpclient` so that what only needs these (the carriers' declarations, the rate limiters, the
context) does not load requests before the window's first paint."""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import threading
import time
from dataclasses import dataclass


class CancelledError(Exception):
    """The user asked to stop; raised from waits so a job ends promptly."""


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter (AWS's recommendation for shared rate limits)."""

    max_attempts: int = 6
    base_delay: float = 1.0
    max_delay: float = 60.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return (rng or random).uniform(ceiling / 2, ceiling)


def wait(seconds: float, cancel: threading.Event | None) -> None:
    """Sleep, but wake up and raise at once when the job is cancelled."""
    if seconds <= 0:
        if cancel is not None and cancel.is_set():
            raise CancelledError()
        return
    if cancel is None:
        threading.Event().wait(seconds)
    elif cancel.wait(seconds):
        raise CancelledError()


@dataclass(frozen=True)
class Retry:
    """What `interpret` returns for an answer worth asking again: why, and (when the service
    said) after how many seconds. `free`: not counted as an attempt (a token renewed once)."""

    problem: str
    after: float | None = None
    free: bool = False


class Exhausted(Exception):
    """The retries ran out; `problem` is the last one, `rate_limited` whether it was a 429,
    `retry_after` what the service asked to wait (longer than a retry may)."""

    def __init__(
        self,
        where: str,
        problem: str,
        attempts: int,
        *,
        rate_limited: bool,
        retry_after: float | None,
    ):
        super().__init__(f"{where}: {problem}; gave up after {attempts} attempts")
        self.problem = problem
        self.attempts = attempts
        self.rate_limited = rate_limited
        self.retry_after = retry_after


class OutcomeUnknown(Exception):
    """A request that must not be repeated blindly (it would make a second parcel) may have
    been carried out: the answer was lost, cut off or unreadable, or the server failed while
    handling it. `problem` says which."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}; the request may have been carried out")
        self.problem = problem


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))
