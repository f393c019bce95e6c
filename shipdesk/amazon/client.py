"""The SP-API transport: auth header, rate limits, retries with backoff, Amazon's error shape."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from shipdesk.amazon.endpoints import SPAPI_EU as SPAPI_EU
from shipdesk.amazon.errors import (
    AccessDenied,
    RateLimited,
    RequestRejected,
    Unavailable,
)
from shipdesk.amazon.lwa import AccessTokenSource
from shipdesk.amazon.ratelimit import OperationLimiter
from shipdesk.httpclient import Transport
from shipdesk.retrying import Exhausted, Retry, RetryPolicy

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)


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
        self.limiter = limiter or OperationLimiter()
        self.retry = retry or RetryPolicy()
        self.transport = Transport("Amazon", self.endpoint, policy=self.retry, session=session)

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
        refreshed = False
        request_id: str | None = None

        def observe(response: requests.Response) -> None:
            nonlocal request_id
            request_id = response.headers.get("x-amzn-RequestId")
            self.limiter.observe(operation, response.headers.get("x-amzn-RateLimit-Limit"))
            if response.status_code == 429:
                self.limiter.throttled(operation)

        def interpret(response: requests.Response) -> Any:
            nonlocal refreshed
            status = response.status_code
            if status == 429:
                return Retry(f"{operation} was rate limited")
            if status in (401, 403):
                errors = _errors(response)
                if not refreshed:
                    # An expired or revoked access token: get a fresh one, once.
                    self._tokens.invalidate()
                    refreshed = True
                    return Retry("access token renewed", after=0, free=True)
                raise AccessDenied(
                    _message(errors, f"Amazon denied access to {operation}")
                    + " Check that ShipDesk is still authorized in Seller Central.",
                    request_id=request_id,
                )
            if status >= 400:
                errors = _errors(response)
                raise RequestRejected(
                    _message(errors, f"Amazon rejected {operation} (HTTP {status})"),
                    status=status,
                    errors=errors,
                    request_id=request_id,
                )
            if status == 204 or not response.content:
                return ApiResponse(status, None, request_id, dict(response.headers))
            try:
                body = response.json()
            except ValueError:
                return Retry(f"Amazon sent an unreadable answer to {operation}")
            return ApiResponse(status, body, request_id, dict(response.headers))

        try:
            return self.transport.request(
                method,
                path,
                interpret,
                params=params,
                json=json,
                headers=lambda: {"x-amz-access-token": self._tokens.access_token(cancel)},
                cancel=cancel,
                before=lambda: self.limiter.acquire(operation, cancel),
                on_answer=observe,
            )
        except Exhausted as exc:
            kind = RateLimited if exc.rate_limited else Unavailable
            error = kind(f"{exc}.", request_id=request_id)
            error.retry_after = exc.retry_after if exc.rate_limited else None
            raise error from None


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
