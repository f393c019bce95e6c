"""The SP-API transport: auth header, rate limits, retries with backoff, Amazon's error shape."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

import requests

from shipdesk.amazon.errors import (
    AccessDenied,
    AmazonError,
    RateLimited,
    RequestRejected,
    Unavailable,
)
from shipdesk.amazon.lwa import AccessTokenSource
from shipdesk.amazon.ratelimit import OperationLimiter
from shipdesk.httpclient import RetryPolicy, make_session, wait

log = logging.getLogger(__name__)

SPAPI_EU = "https://sellingpartnerapi-eu.amazon.com"


@dataclass
class ApiResponse:
    status: int
    body: Any
    request_id: str | None
    headers: dict[str, str] = field(default_factory=dict)


class SpApiClient:
    def __init__(
        self,
        endpoint: str,
        tokens: AccessTokenSource,
        *,
        session: requests.Session | None = None,
        limiter: OperationLimiter | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self._tokens = tokens
        self._session = session or make_session()
        self.limiter = limiter or OperationLimiter()
        self.retry = retry or RetryPolicy()

    def call(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        cancel: threading.Event | None = None,
    ) -> ApiResponse:
        """One operation, retried on 429, 5xx, timeouts, dropped connections and bad JSON.

        Retrying a POST is safe for the operations we use: Amazon treats a repeated shipment
        confirmation as a duplicate, which the caller counts as done.
        """
        url = self.endpoint + path
        refreshed = False
        problem = "no answer"
        kind: type[AmazonError] = Unavailable
        request_id = None
        attempt = 0
        while attempt < self.retry.max_attempts:
            attempt += 1
            self.limiter.acquire(operation, cancel)
            headers = {"x-amz-access-token": self._tokens.access_token(cancel)}
            try:
                response = self._session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    headers=headers,
                    timeout=self.retry.timeout,
                )
            except requests.RequestException as exc:
                problem, kind = f"{type(exc).__name__} calling {operation}", Unavailable
            else:
                request_id = response.headers.get("x-amzn-RequestId")
                self.limiter.observe(operation, response.headers.get("x-amzn-RateLimit-Limit"))
                status = response.status_code
                if status == 429:
                    self.limiter.throttled(operation)
                    problem, kind = f"{operation} was rate limited (HTTP 429)", RateLimited
                elif status >= 500:
                    problem, kind = f"Amazon answered HTTP {status} to {operation}", Unavailable
                elif status in (401, 403):
                    errors = _errors(response)
                    if not refreshed:
                        # An expired or revoked access token: get a fresh one, once.
                        self._tokens.invalidate()
                        refreshed = True
                        attempt -= 1
                        continue
                    raise AccessDenied(
                        _message(errors, f"Amazon denied access to {operation}")
                        + " Check that ShipDesk is still authorized in Seller Central.",
                        request_id=request_id,
                    )
                elif status >= 400:
                    errors = _errors(response)
                    raise RequestRejected(
                        _message(errors, f"Amazon rejected {operation} (HTTP {status})"),
                        status=status,
                        errors=errors,
                        request_id=request_id,
                    )
                elif status == 204 or not response.content:
                    return ApiResponse(status, None, request_id, dict(response.headers))
                else:
                    try:
                        body = response.json()
                    except ValueError:
                        problem, kind = (
                            f"Amazon sent an unreadable answer to {operation}",
                            (Unavailable),
                        )
                    else:
                        return ApiResponse(status, body, request_id, dict(response.headers))
            if attempt < self.retry.max_attempts:
                delay = self.retry.delay(attempt)
                log.warning("%s; retry %d in %.2fs", problem, attempt, delay)
                wait(delay, cancel)
        raise kind(f"{problem}; gave up after {attempt} attempts.", request_id=request_id)


def _errors(response: requests.Response) -> list[dict]:
    try:
        body = response.json()
    except ValueError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []


def _message(errors: list[dict], fallback: str) -> str:
    if not errors:
        return fallback + "."
    first = errors[0]
    text = str(first.get("message") or first.get("code") or fallback)
    details = first.get("details")
    return f"{fallback}: {text}" + (f" ({details})" if details else "")
