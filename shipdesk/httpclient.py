"""HTTP for every outside service (Amazon, Login with Amazon, the broker, the carriers): one
`Transport` with sessions, timeouts, retries with backoff, Retry-After and 429 handling."""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import platform
import random
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
import requests.adapters
import urllib3.exceptions

from shipdesk import APP_NAME, __version__

log = logging.getLogger(__name__)


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


def user_agent() -> str:
    python = ".".join(str(part) for part in sys.version_info[:3])
    return f"{APP_NAME}/{__version__} (Language=Python/{python}; Platform={platform.system()})"


def make_session(pool_size: int = 8) -> requests.Session:
    """A session with our user agent and no automatic retries: retries are ours to decide."""
    session = requests.Session()
    session.headers["User-Agent"] = user_agent()
    adapter = requests.adapters.HTTPAdapter(
        pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


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


def json_object(response: requests.Response) -> dict[str, Any]:
    """The body as a JSON object, or {} when it is not one (an HTML error page, say)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


# -- one transport for every outside service --


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


def never_sent(exc: requests.RequestException) -> bool:
    """Whether the request certainly did not reach the service (no connection was made)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.ConnectionError) and isinstance(
        reason, urllib3.exceptions.NewConnectionError
    )


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


class Transport:
    """HTTP to one outside service, the same way for all of them: a session with our user
    agent, connect and read timeouts, retries of network errors, 429 and 5xx with jittered
    exponential backoff (or the Retry-After a 429 or 503 gave, in seconds or as an HTTP date;
    one longer than `policy.max_delay` ends the retries, `Exhausted.retry_after` says it), and
    log lines that name the service, the method and the path (never the query or the body).

    What an answer means is the client's to say (`interpret`): a value, a `Retry`, or one of
    its own errors. When the retries run out, `Exhausted` says why; the client turns it into
    its kind of `errors.Unavailable`."""

    def __init__(
        self,
        service: str,
        base_url: str,
        *,
        policy: RetryPolicy | None = None,
        session: requests.Session | None = None,
        pool_size: int = 8,
    ) -> None:
        self.service = service
        self.base_url = base_url.rstrip("/")
        self.policy = policy or RetryPolicy()
        self.session = session or make_session(pool_size)

    def request(
        self,
        method: str,
        path: str,
        interpret: Callable[[requests.Response], Any],
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        data: Any = None,
        headers: Callable[[], dict[str, str]] | dict[str, str] | None = None,
        cancel: threading.Event | None = None,
        before: Callable[[], None] | None = None,
        on_answer: Callable[[requests.Response], None] | None = None,
        idempotent: bool = True,
    ) -> Any:
        """`headers` may be a function, called before every attempt (a fresh token);
        `before` runs before every attempt too (a rate limiter's wait); `on_answer` sees every
        answer first (a rate limiter learning the rate, or draining on 429).

        A request that is not `idempotent` is repeated only when it certainly was not carried
        out (no connection, 429, 503); any other failure raises `OutcomeUnknown`."""
        url = self.base_url + path
        attempt = 0
        problem, rate_limited, asked = "no answer", False, None
        while attempt < self.policy.max_attempts:
            attempt += 1
            if before is not None:
                before()
            sent = headers() if callable(headers) else (headers or {})
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    data=data,
                    headers=sent,
                    timeout=self.policy.timeout,
                )
            except requests.RequestException as exc:
                problem, rate_limited, asked = f"{type(exc).__name__}", False, None
                if not idempotent and not never_sent(exc):
                    raise OutcomeUnknown(f"{self.service} {method} {path}", problem) from None
            else:
                if on_answer is not None:
                    on_answer(response)
                status = response.status_code
                if status == 429:
                    asked = retry_after_seconds(response.headers.get("Retry-After"))
                    problem, rate_limited = "HTTP 429 (rate limited)", True
                    outcome: Any = interpret(response)  # the service may say more (GLS)
                    if isinstance(outcome, Retry) and outcome.after is not None:
                        asked = outcome.after
                elif status >= 500:
                    problem, rate_limited, asked = f"HTTP {status}", False, None
                    # 503: the service did not take the request on (RFC 9110 §15.6.4), and
                    # may say when to come back (Retry-After, as with 429).
                    if status == 503:
                        asked = retry_after_seconds(response.headers.get("Retry-After"))
                    if not idempotent and status != 503:
                        raise OutcomeUnknown(f"{self.service} {method} {path}", problem)
                else:
                    outcome = interpret(response)
                    if not isinstance(outcome, Retry):
                        return outcome
                    problem, rate_limited, asked = outcome.problem, False, outcome.after
                    if outcome.free:
                        attempt -= 1
                        continue
                    if not idempotent:
                        raise OutcomeUnknown(f"{self.service} {method} {path}", problem)
            if asked is not None and asked > self.policy.max_delay:
                break  # longer than we wait here: the caller schedules it
            if attempt < self.policy.max_attempts:
                delay = asked if asked is not None else self.policy.delay(attempt)
                log.warning(
                    "%s %s %s: %s; retry %d in %.2f s",
                    self.service, method, path, problem, attempt, delay,
                )  # fmt: skip
                wait(delay, cancel)
        raise Exhausted(
            f"{self.service} {method} {path}",
            problem,
            attempt,
            rate_limited=rate_limited,
            retry_after=asked,
        )
