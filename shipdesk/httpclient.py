"""HTTP plumbing shared by the Amazon and carrier clients: sessions, timeouts, backoff."""

from __future__ import annotations

import platform
import random
import sys
import threading
from dataclasses import dataclass
from typing import Any

import requests
import requests.adapters

from shipdesk import APP_NAME, __version__


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
