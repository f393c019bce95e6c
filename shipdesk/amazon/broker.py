"""The desktop's client for ShipDesk's authorization broker, and a token source built on it.

The broker holds the LWA client secret and the seller's refresh token; this installation holds
only its own installation secret (in the keychain) and asks the broker for access tokens.
"""

from __future__ import annotations

import ipaddress
import re
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from shipdesk.amazon.errors import AmazonError, AuthorizationRevoked, NotConnected
from shipdesk.amazon.lwa import REFRESH_MARGIN_S
from shipdesk.httpclient import Transport
from shipdesk.retrying import Exhausted, Retry, RetryPolicy

if TYPE_CHECKING:
    import requests


class BrokerUnavailable(AmazonError):
    """The broker could not be reached or kept failing."""

    code = "broker_unavailable"


class InstallationRejected(AmazonError):
    """The broker does not know this installation or its secret (e.g. a restored keychain)."""

    code = "installation_rejected"


class UnexpectedConsentPage(AmazonError):
    """The broker sent a consent link that does not lead to Amazon's Seller Central: it is
    never opened (a compromised or misconfigured service must not send the owner elsewhere)."""

    code = "unexpected_consent_url"


# Seller Central's hosts for the regions ShipDesk serves (EU, and the UK).
SELLER_CENTRAL_HOST = re.compile(
    r"^sellercentral(-europe)?\.amazon\.(com|nl|de|fr|it|es|pl|se|co\.uk|com\.be|com\.tr)$"
)


def checked_consent_url(url: str) -> str:
    """The consent link when it is https to Seller Central (or, for the sandbox, a loopback
    address); UnexpectedConsentPage otherwise."""
    parts = urlsplit(str(url).strip())
    host = (parts.hostname or "").lower()
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    plain_https = parts.scheme == "https" and not (parts.username or parts.password)
    if (plain_https and SELLER_CENTRAL_HOST.match(host)) or (
        parts.scheme in ("http", "https") and loopback
    ):
        return str(url).strip()
    raise UnexpectedConsentPage(
        "ShipDesk's connection service sent a consent link that does not lead to Amazon "
        f"Seller Central ({parts.scheme}://{host}); it was not opened."
    )


class WrongCompletionCode(AmazonError):
    """The completion code typed is not the one the consent gave (a few tries are allowed)."""

    code = "invalid_completion_code"


class ConsentExpired(AmazonError):
    """The connection can no longer be completed (ten minutes passed, or too many wrong
    codes): start connecting again."""

    code = "consent_expired"


class BrokerCredentialsUnreadable(AmazonError):
    """The broker cannot open the seller's stored authorization (its key was changed): the
    fault is on ShipDesk's side, and connecting anew stores one it can read."""

    code = "broker_credentials_unreadable"


class ConsentNotGiven(AmazonError):
    """A code was typed before Amazon's consent page was confirmed."""

    code = "consent_not_given"


class BrokerError(AmazonError):
    """The broker refused a request; `broker_code` is its stable error code."""

    code = "broker_error"

    def __init__(self, message: str, broker_code: str) -> None:
        super().__init__(message)
        self.broker_code = broker_code


@dataclass(frozen=True)
class Installation:
    installation_id: str
    secret: str  # the bearer value "<id>.<secret>"


@dataclass(frozen=True)
class AuthorizationStart:
    authorization_id: str
    consent_url: str
    expires_at: float


@dataclass(frozen=True)
class AuthorizationState:
    authorization_id: str
    status: str  # pending | awaiting_desktop | connected | failed | disconnected
    selling_partner_id: str | None = None
    marketplaces: list[dict[str, Any]] = field(default_factory=list)
    reason: str | None = None


class BrokerClient:
    def __init__(
        self,
        base_url: str,
        *,
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.transport = Transport(
            "broker", self.base_url, policy=retry or RetryPolicy(max_attempts=4), session=session
        )

    def _call(
        self,
        method: str,
        path: str,
        *,
        secret: str | None = None,
        body: dict[str, Any] | None = None,
        cancel: threading.Event | None = None,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}

        def interpret(response: requests.Response) -> dict[str, Any] | Retry:
            if response.status_code == 204:
                return {}
            try:
                payload = response.json()
            except ValueError:
                payload = None
            if response.status_code == 429:
                return Retry("rate limited")
            if response.status_code < 300:
                return payload if isinstance(payload, dict) else Retry("an unreadable answer")
            raise _error(response.status_code, payload)

        try:
            return self.transport.request(
                method, path, interpret, json=body, headers=headers, cancel=cancel
            )
        except Exhausted as exc:
            raise BrokerUnavailable(
                f"ShipDesk's connection service at {self.base_url} cannot be reached "
                f"({exc.problem}). Check the internet connection and try again."
            ) from None

    def register(self, cancel: threading.Event | None = None) -> Installation:
        payload = self._call("POST", "/installations", body={}, cancel=cancel)
        return Installation(payload["installationId"], payload["installationSecret"])

    def start_authorization(
        self,
        secret: str,
        region: str = "eu",
        cancel: threading.Event | None = None,
        *,
        return_url: str | None = None,
    ) -> AuthorizationStart:
        """Start a consent; with `return_url` (this desktop's loopback listener) the broker
        hands the completion code back there, else the seller's browser shows it to type."""
        body = {"region": region, **({"returnUrl": return_url} if return_url else {})}
        payload = self._call(
            "POST", "/amazon/authorizations", secret=secret, body=body, cancel=cancel
        )
        return AuthorizationStart(
            payload["authorizationId"],
            checked_consent_url(payload["consentUrl"]),
            float(payload["expiresAt"]),
        )

    def authorization(
        self, secret: str, authorization_id: str, cancel: threading.Event | None = None
    ) -> AuthorizationState:
        payload = self._call(
            "GET", f"/amazon/authorizations/{authorization_id}", secret=secret, cancel=cancel
        )
        return AuthorizationState(
            authorization_id=payload["authorizationId"],
            status=payload["status"],
            selling_partner_id=payload.get("sellingPartnerId"),
            marketplaces=list(payload.get("marketplaces") or []),
            reason=payload.get("reason"),
        )

    def complete(
        self,
        secret: str,
        authorization_id: str,
        code: str,
        cancel: threading.Event | None = None,
    ) -> str | None:
        """Complete the consent with its one-time code; returns the selling partner id."""
        payload = self._call(
            "POST",
            f"/amazon/authorizations/{authorization_id}/complete",
            secret=secret,
            body={"code": code},
            cancel=cancel,
        )
        return payload.get("sellingPartnerId")

    def access_token(
        self,
        secret: str,
        authorization_id: str | None,
        cancel: threading.Event | None = None,
        *,
        fresh: bool = False,
    ) -> tuple[str, float]:
        """`fresh`: Amazon refused the last token, so the broker must not hand out its copy."""
        body: dict[str, Any] = {"authorizationId": authorization_id} if authorization_id else {}
        if fresh:
            body["fresh"] = True
        payload = self._call(
            "POST", "/amazon/access-token", secret=secret, body=body, cancel=cancel
        )
        return str(payload["accessToken"]), float(payload["expiresIn"])

    def disconnect(
        self, secret: str, authorization_id: str, cancel: threading.Event | None = None
    ) -> None:
        self._call(
            "DELETE", f"/amazon/authorizations/{authorization_id}", secret=secret, cancel=cancel
        )


def _error(status: int, payload: Any) -> AmazonError:
    error = payload.get("error", {}) if isinstance(payload, dict) else {}
    code = str(error.get("code", f"http_{status}")) if isinstance(error, dict) else f"http_{status}"
    message = str(error.get("message", "")) if isinstance(error, dict) else ""
    if code == "unauthorized":
        return InstallationRejected(
            "ShipDesk's connection service does not recognise this installation. Connect "
            "Amazon again to register it anew."
        )
    if code == "authorization_revoked":
        return AuthorizationRevoked(
            "Amazon no longer accepts ShipDesk's access (it was revoked in Seller Central). "
            "Connect Amazon again."
        )
    if code == "not_connected":
        return NotConnected("Amazon is not connected. Connect it in the Connections tab.")
    if code == "invalid_code":
        return WrongCompletionCode(
            "That code is not right. Type the code Amazon's page showed after the consent."
        )
    if code == "credentials_unreadable":
        return BrokerCredentialsUnreadable(
            "ShipDesk's connection service cannot read its stored Amazon authorization (a "
            "fault on ShipDesk's side, not your internet connection). Connect Amazon again."
        )
    if code == "awaiting_consent":
        return ConsentNotGiven(
            "Amazon has not had the consent yet. Confirm it on Amazon's page first."
        )
    if code == "expired":
        return ConsentExpired(
            "This connection can no longer be completed (ten minutes passed, or too many wrong "
            "codes). Start connecting again."
        )
    return BrokerError(f"The connection service refused the request: {message or code}.", code)


class BrokerTokenSource:
    """Access tokens from the broker, reused until shortly before they expire."""

    def __init__(
        self, client: BrokerClient, installation: Installation, authorization_id: str | None
    ) -> None:
        self.client = client
        self.installation = installation
        self.authorization_id = authorization_id
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires_at = 0.0
        self._refused = False

    def access_token(self, cancel: threading.Event | None = None) -> str:
        with self._lock:
            if self._token is None or time.monotonic() > self._expires_at - REFRESH_MARGIN_S:
                token, lifetime = self.client.access_token(
                    self.installation.secret, self.authorization_id, cancel, fresh=self._refused
                )
                self._token, self._expires_at = token, time.monotonic() + lifetime
                self._refused = False
            return self._token

    def invalidate(self) -> None:
        with self._lock:
            self._token = None
            self._refused = True
