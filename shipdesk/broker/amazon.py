"""The broker's calls to Amazon: the LWA code exchange and refresh, with two client secrets
during a rotation, and the seller's marketplaces from the Sellers API."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shipdesk.amazon.lwa import TOKEN_PATH
from shipdesk.httpclient import Transport, json_object
from shipdesk.retrying import Exhausted, Retry, RetryPolicy

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)


class LwaRejected(Exception):
    """LWA refused the grant or the client; `error` is LWA's code (invalid_grant, …)."""

    def __init__(self, error: str, description: str = "") -> None:
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error


class AmazonUnreachable(Exception):
    """LWA or the SP-API could not be reached or kept failing."""


@dataclass(frozen=True)
class Tokens:
    access_token: str
    expires_in: float
    refresh_token: str | None


class AmazonAuth:
    def __init__(
        self,
        lwa_endpoint: str,
        client_id: str,
        client_secrets: tuple[str, ...],
        *,
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.client_id = client_id
        self.client_secrets = client_secrets
        self.transport = Transport(
            "Login with Amazon",
            lwa_endpoint,
            policy=retry or RetryPolicy(max_attempts=3, base_delay=0.5, read_timeout=15),
            session=session,
            pool_size=16,
        )

    def exchange_code(self, code: str, redirect_uri: str) -> Tokens:
        return self._grant(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        )

    def refresh(self, refresh_token: str) -> Tokens:
        return self._grant({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def _grant(self, form: dict[str, str]) -> Tokens:
        # During a secret rotation Amazon accepts either secret; try the current one first.
        for index, secret in enumerate(self.client_secrets):
            try:
                tokens = self._post({**form, "client_id": self.client_id, "client_secret": secret})
            except LwaRejected as exc:
                if exc.error == "invalid_client" and index + 1 < len(self.client_secrets):
                    log.warning("LWA refused client secret #%d; trying the next one", index + 1)
                    continue
                raise
            if index:
                log.warning("LWA accepted only client secret #%d: finish the rotation", index + 1)
            return tokens
        raise LwaRejected("invalid_client", "no client secret configured")

    def _post(self, form: dict[str, str]) -> Tokens:
        def interpret(response: requests.Response) -> Tokens | Retry:
            body = json_object(response)
            if response.status_code == 200 and body.get("access_token"):
                return Tokens(
                    str(body["access_token"]),
                    float(body.get("expires_in", 3600)),
                    body.get("refresh_token"),
                )
            if response.status_code == 429:
                return Retry("rate limited")
            if 400 <= response.status_code < 500:
                raise LwaRejected(
                    str(body.get("error") or f"http_{response.status_code}"),
                    str(body.get("error_description", "")),
                )
            return Retry(f"HTTP {response.status_code} without an access token")

        try:
            return self.transport.request("POST", TOKEN_PATH, interpret, data=form)
        except Exhausted as exc:
            raise AmazonUnreachable(f"Login with Amazon failed: {exc.problem}") from None


MARKETPLACES_PATH = "/sellers/v1/marketplaceParticipations"


def marketplace_participations(
    spapi_endpoint: str, access_token: str, session: requests.Session | None = None
) -> list[dict[str, Any]]:
    """The marketplaces the seller sells in: [{id, countryCode, name}]. Through the one
    transport: a network error, 429 or 5xx is tried again briefly (the desktop waits)."""
    transport = Transport(
        "Amazon",
        spapi_endpoint,
        policy=RetryPolicy(max_attempts=3, base_delay=0.5, read_timeout=20),
        session=session,
    )

    def interpret(response: requests.Response) -> list[Any]:
        if response.status_code != 200:
            raise AmazonUnreachable(f"marketplace lookup failed: HTTP {response.status_code}")
        payload = json_object(response).get("payload", [])
        return payload if isinstance(payload, list) else []

    try:
        payload = transport.request(
            "GET", MARKETPLACES_PATH, interpret, headers={"x-amz-access-token": access_token}
        )
    except Exhausted as exc:
        raise AmazonUnreachable(f"marketplace lookup failed: {exc.problem}") from None
    found = []
    for entry in payload:
        marketplace = entry.get("marketplace", {}) if isinstance(entry, dict) else {}
        participation = entry.get("participation", {}) if isinstance(entry, dict) else {}
        if marketplace.get("id") and participation.get("isParticipating", True):
            found.append(
                {
                    "id": marketplace["id"],
                    "countryCode": marketplace.get("countryCode", ""),
                    "name": marketplace.get("name", ""),
                }
            )
    return found
