"""The seller's Amazon connection: which mode, its state, and access tokens for the API.

Own-app mode (a seller's private, self-authorized SP-API app) keeps the LWA client id, client
secret and refresh token in the keychain. The broker mode (the default for everyone else)
follows in its own module.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, replace
from typing import Any

from shipdesk.amazon.client import SpApiClient
from shipdesk.amazon.errors import AmazonError, NotConnected
from shipdesk.amazon.lwa import AccessTokenSource, LwaCredentials, LwaTokenSource
from shipdesk.amazon.orders_api import OrdersApi
from shipdesk.domain.marketplaces import NL
from shipdesk.httpclient import RetryPolicy
from shipdesk.services.context import AppContext
from shipdesk.store import settings

OWN_APP_SECRET = "amazon.own_app"
MODE_KEY = "amazon.mode"
STATUS_KEY = "amazon.status"
MARKETPLACES_KEY = "amazon.marketplaces"

# Connection states, as the Connections tab's pill shows them.
NOT_CONNECTED, PENDING, CONNECTED, ERROR = "not_connected", "pending", "connected", "error"


@dataclass(frozen=True)
class ConnectionStatus:
    state: str = NOT_CONNECTED
    mode: str | None = None
    error_code: str | None = None
    message: str = ""
    since: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "mode": self.mode,
            "error_code": self.error_code,
            "message": self.message,
            "since": self.since,
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def status(ctx: AppContext) -> ConnectionStatus:
    with ctx.connect() as db:
        stored = settings.get(db, STATUS_KEY) or {}
        mode = settings.get(db, MODE_KEY)
    if not mode:
        return ConnectionStatus()
    return ConnectionStatus(
        state=stored.get("state", CONNECTED),
        mode=mode,
        error_code=stored.get("error_code"),
        message=stored.get("message", ""),
        since=stored.get("since"),
    )


def record_status(ctx: AppContext, state: str, *, error: AmazonError | None = None) -> None:
    with ctx.connect() as db:
        settings.put(
            db,
            STATUS_KEY,
            {
                "state": state,
                "error_code": error.code if error else None,
                "message": str(error) if error else "",
                "since": _now(),
            },
        )


def marketplace_ids(ctx: AppContext) -> list[str]:
    with ctx.connect() as db:
        chosen = settings.get(db, MARKETPLACES_KEY)
    return list(chosen) if chosen else [NL.id]


def set_marketplace_ids(ctx: AppContext, ids: list[str]) -> None:
    with ctx.connect() as db:
        settings.put(db, MARKETPLACES_KEY, list(dict.fromkeys(ids)))


def _lwa_retry(ctx: AppContext) -> RetryPolicy:
    # A token request is one small call: a few quick retries, then tell the user.
    return replace(ctx.retry, max_attempts=min(ctx.retry.max_attempts, 4))


def connect_own_app(
    ctx: AppContext, credentials: LwaCredentials, cancel: threading.Event | None = None
) -> None:
    """Check the credentials against LWA, then keep them in the keychain.

    Nothing is stored when the check fails, so a typo never replaces working credentials.
    """
    source = LwaTokenSource(credentials, ctx.endpoint("lwa") or "", retry=_lwa_retry(ctx))
    source.access_token(cancel)  # raises InvalidClient / AuthorizationRevoked / Unavailable
    ctx.keychain.put(OWN_APP_SECRET, credentials.as_dict())
    with ctx.connect() as db:
        settings.put(db, MODE_KEY, "own_app")
    record_status(ctx, CONNECTED)


def disconnect_own_app(ctx: AppContext) -> None:
    ctx.keychain.delete(OWN_APP_SECRET)
    with ctx.connect() as db:
        settings.delete(db, MODE_KEY)
        settings.delete(db, STATUS_KEY)


def token_source(ctx: AppContext) -> AccessTokenSource:
    """The access-token source for the current connection, reused while it is unchanged."""
    mode = status(ctx).mode
    if mode == "own_app":
        stored = ctx.keychain.get(OWN_APP_SECRET)
        if stored:
            key = ("own_app", tuple(sorted(stored.items())), ctx.endpoint("lwa"))
            if ctx.amazon_tokens is None or ctx.amazon_tokens[0] != key:
                source = LwaTokenSource(
                    LwaCredentials.from_dict(stored),
                    ctx.endpoint("lwa") or "",
                    retry=_lwa_retry(ctx),
                )
                ctx.amazon_tokens = (key, source)
            return ctx.amazon_tokens[1]
        raise NotConnected(
            "The Amazon credentials are missing from the keychain. Enter them again in the "
            "Connections tab."
        )
    raise NotConnected("Amazon is not connected yet. Connect it in the Connections tab.")


def orders_api(ctx: AppContext) -> OrdersApi:
    client = SpApiClient(
        ctx.endpoint("amazon") or "", token_source(ctx), limiter=ctx.amazon_limiter, retry=ctx.retry
    )
    return OrdersApi(client)
