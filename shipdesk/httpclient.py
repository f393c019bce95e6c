"""HTTP for every outside service (Amazon, Login with Amazon, the broker, the carriers): one
`Transport` with sessions, timeouts, retries with backoff, Retry-After and 429 handling.

requests is imported when the first session is made, not with this module: the window imports
the clients' modules before its first paint but sends nothing until after it
(tests/test_startup_imports.py keeps it so)."""

from __future__ import annotations

import logging
import platform
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from shipdesk import APP_NAME, __version__
from shipdesk.retrying import (
    Exhausted,
    OutcomeUnknown,
    Retry,
    RetryPolicy,
    retry_after_seconds,
    wait,
)

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)


def user_agent() -> str:
    python = ".".join(str(part) for part in sys.version_info[:3])
    return f"{APP_NAME}/{__version__} (Language=Python/{python}; Platform={platform.system()})"


def make_session(pool_size: int = 8, base_url: str = "") -> requests.Session:
    """A session with our user agent and no automatic retries: retries are ours to decide.

    With `base_url` (the one service the session talks to), the environment's proxy and CA
    bundle settings for it are read once, here: requests would read them again for every
    request (with ~/.netrc, and on Windows the registry's proxy list), about 0.3 ms a call."""
    import requests.adapters

    session = requests.Session()
    session.headers["User-Agent"] = user_agent()
    adapter = requests.adapters.HTTPAdapter(
        pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    if base_url:
        settings = session.merge_environment_settings(base_url, {}, None, None, None)
        session.proxies.update(settings["proxies"])
        session.verify = settings["verify"]
        session.trust_env = False  # no per-request reading; no ~/.netrc password either
    return session


def json_object(response: requests.Response) -> dict[str, Any]:
    """The body as a JSON object, or {} when it is not one (an HTML error page, say)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def never_sent(exc: requests.RequestException) -> bool:
    """Whether the request certainly did not reach the service (no connection was made)."""
    import requests
    import urllib3.exceptions

    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.ConnectionError) and isinstance(
        reason, urllib3.exceptions.NewConnectionError
    )


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
        self.session = session or make_session(pool_size, self.base_url)

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
        import requests

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
