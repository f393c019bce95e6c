"""Login with Amazon: access tokens from a refresh token (own-app mode).

In broker mode the same `AccessTokenSource` interface is served by the broker client, so the
API client never knows which one it has.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from shipdesk.amazon.endpoints import LWA_PRODUCTION as LWA_PRODUCTION
from shipdesk.amazon.errors import AuthorizationRevoked, InvalidClient, Unavailable
from shipdesk.httpclient import Transport, json_object
from shipdesk.retrying import Exhausted, Retry, RetryPolicy

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)


TOKEN_PATH = "/auth/o2/token"
REFRESH_MARGIN_S = 120  # renew this long before expiry so no call carries a dying token


class AccessTokenSource(Protocol):
    def access_token(self, cancel: threading.Event | None = None) -> str: ...

    def invalidate(self) -> None: ...


@dataclass(frozen=True)
class LwaCredentials:
    client_id: str
    client_secret: str
    refresh_token: str

    def as_dict(self) -> dict[str, str]:
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "refresh_token": self.refresh_token,
        }

    @classmethod
    def from_dict(cls, data: dict) -> LwaCredentials:
        return cls(data["client_id"], data["client_secret"], data["refresh_token"])


class LwaTokenSource:
    def __init__(
        self,
        credentials: LwaCredentials,
        endpoint: str = LWA_PRODUCTION,
        *,
        session: requests.Session | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._credentials = credentials
        self._transport = Transport(
            "Login with Amazon",
            endpoint,
            policy=retry or RetryPolicy(max_attempts=4),
            session=session,
        )
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires_at = 0.0

    def access_token(self, cancel: threading.Event | None = None) -> str:
        with self._lock:
            if self._token is None or time.monotonic() > self._expires_at - REFRESH_MARGIN_S:
                self._token, lifetime = self._refresh(cancel)
                self._expires_at = time.monotonic() + lifetime
            return self._token

    def invalidate(self) -> None:
        with self._lock:
            self._token = None

    def _refresh(self, cancel: threading.Event | None) -> tuple[str, float]:
        form = {"grant_type": "refresh_token", **self._credentials.as_dict()}

        def interpret(response: requests.Response) -> tuple[str, float] | Retry:
            body = json_object(response)
            if response.status_code == 200 and body and body.get("access_token"):
                return str(body["access_token"]), float(body.get("expires_in", 3600))
            error = body.get("error", "")
            if error == "invalid_grant":
                raise AuthorizationRevoked(
                    "Amazon no longer accepts this authorization (it was revoked in Seller "
                    "Central, or the refresh token is wrong). Connect Amazon again."
                )
            if error in ("invalid_client", "unauthorized_client"):
                raise InvalidClient(
                    "Amazon rejected the LWA client id or client secret. Check them in "
                    "Seller Central (Develop Apps) and enter them again."
                )
            if response.status_code == 429:
                return Retry("rate limited")
            if response.status_code != 200:
                raise Unavailable(
                    f"Login with Amazon refused the request (HTTP {response.status_code}"
                    f"{', ' + error if error else ''})."
                )
            return Retry("an answer without an access token")

        try:
            return self._transport.request("POST", TOKEN_PATH, interpret, data=form, cancel=cancel)
        except Exhausted as exc:
            raise Unavailable(
                f"Login with Amazon is not reachable ({exc.problem}). Try again later."
            ) from None
