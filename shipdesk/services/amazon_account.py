"""The seller's Amazon connection: its state, the two ways to connect, and access tokens.

- Broker mode (everyone): ShipDesk's authorization broker holds the LWA client secret and the
  seller's refresh token; this installation keeps only its installation secret in the keychain.
  Connecting: start (consent URL for the browser) → pending → Amazon's consent → the broker
  hands a one-time code back to this desktop's loopback listener (or the owner types the code
  the page shows) → complete → connected. Only the desktop that started can complete it.
- Own-app mode (advanced): a seller's private, self-authorized SP-API app; its LWA client id,
  client secret and refresh token live in the keychain.

Settings (SQLite) hold the state, never a secret.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from dataclasses import dataclass, replace
from typing import Any

from shipdesk.amazon.broker import (
    BrokerClient,
    BrokerError,
    BrokerTokenSource,
    ConsentExpired,
    Installation,
    InstallationRejected,
)
from shipdesk.amazon.client import SpApiClient
from shipdesk.amazon.errors import AmazonError, NotConnected
from shipdesk.amazon.handback import ConsentHandback, listener_alive
from shipdesk.amazon.lwa import AccessTokenSource, LwaCredentials, LwaTokenSource
from shipdesk.amazon.orders_api import OrdersApi
from shipdesk.domain.marketplaces import EU_MARKETPLACES as EU_MARKETPLACES
from shipdesk.domain.marketplaces import NL
from shipdesk.retrying import RetryPolicy
from shipdesk.services.context import AppContext
from shipdesk.store import settings
from shipdesk.store.orders import now_iso
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

OWN_APP_SECRET = "amazon.own_app"
BROKER_SECRET = "broker.installation"
TOKENS = "amazon:tokens"  # the access-token source in ctx.clients
MODE_KEY = "amazon.mode"
STATUS_KEY = "amazon.status"
AUTHORIZATION_KEY = "amazon.authorization"
PENDING_KEY = "amazon.pending_authorization"
MARKETPLACES_KEY = "amazon.marketplaces"
CUSTOMER_NUMBER_KEY = "amazon.customer_number"
AUTO_DRAFTS_KEY = "amazon.auto_drafts"
AUTO_TRACKING_KEY = "amazon.auto_tracking"

# Connection states, as the Connections tab's pill shows them.
NOT_CONNECTED, PENDING, CONNECTED, ERROR = "not_connected", "pending", "connected", "error"
# Errors after which the seller must act in the Connections tab (shown in the pill).
CONNECTION_ERRORS = {
    "authorization_revoked",
    "invalid_client",
    "access_denied",
    "broker_unavailable",
    "installation_rejected",
    "broker_credentials_unreadable",
}
CUSTOMER_NUMBER = re.compile(r"^\d{4,12}$")


@dataclass(frozen=True)
class ConnectionStatus:
    state: str = NOT_CONNECTED
    mode: str | None = None
    error_code: str | None = None
    message: str = ""
    since: str | None = None
    selling_partner_id: str | None = None
    seller_marketplaces: tuple[str, ...] = ()


def _get(ctx: AppContext, key: str, default: Any = None) -> Any:
    with ctx.connect() as db:
        return settings.get(db, key, default)


def _put(ctx: AppContext, **values: Any) -> None:
    """Set (or, with None, delete) several settings; keys are given with __ for dots."""
    with ctx.connect() as db, write_transaction(db):
        for name, value in values.items():
            key = name.replace("__", ".")
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                settings.put(db, key, value)


def status(ctx: AppContext) -> ConnectionStatus:
    with ctx.connect() as db:
        stored = settings.get(db, STATUS_KEY) or {}
        mode = settings.get(db, MODE_KEY)
        authorization = settings.get(db, AUTHORIZATION_KEY) or {}
    state = stored.get("state", CONNECTED if mode else NOT_CONNECTED)
    return ConnectionStatus(
        state=state,
        mode=mode,
        error_code=stored.get("error_code"),
        message=stored.get("message", ""),
        since=stored.get("since"),
        selling_partner_id=authorization.get("selling_partner_id"),
        seller_marketplaces=tuple(m.get("id", "") for m in authorization.get("marketplaces", [])),
    )


def record_status(
    ctx: AppContext, state: str, *, error: AmazonError | None = None, code: str | None = None
) -> None:
    _put(
        ctx,
        amazon__status={
            "state": state,
            "error_code": error.code if error else code,
            "message": str(error) if error else "",
            "since": now_iso(),
        },
    )


# -- settings the Connections tab edits --
def marketplace_ids(ctx: AppContext) -> list[str]:
    chosen = _get(ctx, MARKETPLACES_KEY)
    return list(chosen) if chosen else [NL.id]


def set_marketplace_ids(ctx: AppContext, ids: list[str]) -> None:
    _put(ctx, amazon__marketplaces=list(dict.fromkeys(ids)))


def customer_number(ctx: AppContext) -> str:
    return str(_get(ctx, CUSTOMER_NUMBER_KEY, "") or "")


def valid_customer_number(number: str) -> bool:
    return bool(CUSTOMER_NUMBER.match(number.strip()))


def set_customer_number(ctx: AppContext, number: str) -> None:
    number = number.strip()
    if not valid_customer_number(number):
        raise ValueError("A customer number has 4 to 12 digits.")
    _put(ctx, amazon__customer_number=number)


def switches(ctx: AppContext) -> tuple[bool, bool]:
    """(make a draft label for every order, send track & trace automatically); both on by
    default, as in the carriers' own Amazon links."""
    return bool(_get(ctx, AUTO_DRAFTS_KEY, True)), bool(_get(ctx, AUTO_TRACKING_KEY, True))


def set_switches(ctx: AppContext, *, drafts: bool, tracking: bool) -> None:
    _put(ctx, amazon__auto_drafts=drafts, amazon__auto_tracking=tracking)


# -- broker mode --
def _lwa_retry(ctx: AppContext) -> RetryPolicy:
    # A token request is one small call: a few quick retries, then tell the user.
    return replace(ctx.retry, max_attempts=min(ctx.retry.max_attempts, 4))


def broker_client(ctx: AppContext) -> BrokerClient:
    url = ctx.endpoint("broker")
    if not url:
        raise NotConnected("No ShipDesk connection service is configured (SHIPDESK_BROKER_URL).")
    return BrokerClient(url, retry=_lwa_retry(ctx))


def _installation(
    ctx: AppContext, client: BrokerClient, cancel: threading.Event | None, *, renew: bool = False
) -> Installation:
    """This installation's identity at the broker, registering it the first time."""
    stored = None if renew else ctx.keychain.get(BROKER_SECRET)
    if stored and stored.get("broker_url") == client.base_url:
        return Installation(stored["installation_id"], stored["secret"])
    installation = client.register(cancel)
    ctx.keychain.put(
        BROKER_SECRET,
        {
            "broker_url": client.base_url,
            "installation_id": installation.installation_id,
            "secret": installation.secret,
        },
    )
    return installation


@dataclass
class PendingConsent:
    """The consent under way, in memory only: its link holds the OAuth state, and its
    listener is this process's own."""

    authorization_id: str
    consent_url: str
    handback: ConsentHandback | None


def start_broker_connection(
    ctx: AppContext, cancel: threading.Event | None = None, *, loopback: bool = True
) -> str:
    """Ask the broker for a consent URL; the connection is pending until completed.

    `loopback`: this process listens for the hand-back and completes the connection itself
    (it must stay running); without, Amazon's page shows a code to type (another device)."""
    client = broker_client(ctx)
    installation = _installation(ctx, client, cancel)
    handback = (
        ConsentHandback(lambda auth_id, code: _handed_back(ctx, auth_id, code))
        if (loopback)
        else None
    )
    return_url = handback.return_url if handback else None
    try:
        try:
            start = client.start_authorization(
                installation.secret, "eu", cancel, return_url=return_url
            )
        except InstallationRejected:
            # The broker no longer knows us (e.g. its data was reset): register anew, once.
            installation = _installation(ctx, client, cancel, renew=True)
            start = client.start_authorization(
                installation.secret, "eu", cancel, return_url=return_url
            )
    except BaseException:
        if handback:
            handback.close()
        raise
    if handback:
        handback.expect(start.authorization_id)
        handback.close_at(start.expires_at)
    forget_pending_consent(ctx)
    ctx.consent = PendingConsent(start.authorization_id, start.consent_url, handback)
    _put(
        ctx,
        amazon__pending_authorization={
            "id": start.authorization_id,
            "expires_at": start.expires_at,
            "return_url": return_url,
        },
    )
    record_status(ctx, PENDING)
    return start.consent_url


def forget_pending_consent(ctx: AppContext) -> None:
    """Stop listening for a consent under way (a new one starts, or the app closes)."""
    consent, ctx.consent = ctx.consent, None
    if consent is not None and consent.handback is not None:
        consent.handback.close()


def _stop_listening_soon(ctx: AppContext) -> None:
    """The consent is settled: its listener closes once it has answered the browser (this
    may run on the listener's own thread, in the middle of that answer)."""
    consent, ctx.consent = ctx.consent, None
    if consent is not None and consent.handback is not None:
        threading.Thread(target=consent.handback.close_when_answered, daemon=True).start()


def pending_consent_url(ctx: AppContext) -> str | None:
    pending = _get(ctx, PENDING_KEY)
    consent = ctx.consent
    if pending and consent is not None and consent.authorization_id == pending.get("id"):
        return consent.consent_url
    return None


def awaits_typed_code(ctx: AppContext) -> bool:
    """The consent under way hands its code to the owner to type (no loopback listener)."""
    pending = _get(ctx, PENDING_KEY)
    return bool(pending) and not pending.get("return_url")


def wait_for_handback(
    ctx: AppContext, timeout: float, cancel: threading.Event | None = None
) -> ConnectionStatus:
    """Wait until this process's listener got the code, completed the connection and gave
    the browser its page (or the time is up, or `cancel` is set): a command that ends right
    after would cut that page off."""
    consent = ctx.consent
    if consent is None or consent.handback is None:
        return status(ctx)
    step = 0.2
    waited = 0.0
    while waited < timeout and not consent.handback.done.wait(step):
        if cancel is not None and cancel.is_set():
            break
        waited += step
    if consent.handback.done.is_set():
        consent.handback.answered.wait(5)
    return status(ctx)


# What the browser shows when the hand-back could not complete (Dutch, English).
HANDBACK_PROBLEMS = {
    "consent_expired": (
        "De koppeling is verlopen. Start het koppelen opnieuw in ShipDesk.",
        "The connection expired. Start connecting again in ShipDesk.",
    ),
    "other": (
        "ShipDesk kon de koppeling niet afronden. Kijk in ShipDesk wat er mis is.",
        "ShipDesk could not complete the connection. See ShipDesk for what went wrong.",
    ),
}


def _handed_back(ctx: AppContext, authorization_id: str, code: str) -> tuple[str, str] | None:
    """On the listener's thread: the broker sent the browser here with the code."""
    pending = _get(ctx, PENDING_KEY) or {}
    if pending.get("id") != authorization_id:
        return HANDBACK_PROBLEMS["other"]
    try:
        complete_broker_connection(ctx, code)
    except AmazonError as exc:
        record_status(ctx, ERROR, error=exc)
        return HANDBACK_PROBLEMS.get(exc.code, HANDBACK_PROBLEMS["other"])
    return None


def complete_broker_connection(
    ctx: AppContext, code: str, cancel: threading.Event | None = None
) -> ConnectionStatus:
    """Complete the pending consent with its one-time code (handed back, or typed)."""
    pending = _get(ctx, PENDING_KEY)
    if not pending:
        raise NotConnected(
            "No Amazon connection is waiting to be confirmed. Click “Connect with Amazon” first."
        )
    client = broker_client(ctx)
    installation = _installation(ctx, client, cancel)
    try:
        client.complete(installation.secret, pending["id"], code.strip(), cancel)
    except ConsentExpired:
        _put(ctx, amazon__pending_authorization=None)
        record_status(ctx, ERROR, code="consent_expired")
        raise
    except BrokerError as exc:
        if exc.broker_code != "already_completed":
            raise
    return confirm_broker_connection(ctx, cancel)


def confirm_broker_connection(
    ctx: AppContext, cancel: threading.Event | None = None
) -> ConnectionStatus:
    """Ask the broker how the consent stands; update the state."""
    pending = _get(ctx, PENDING_KEY)
    if not pending:
        return status(ctx)
    client = broker_client(ctx)
    installation = _installation(ctx, client, cancel)
    state = client.authorization(installation.secret, pending["id"], cancel)
    if state.status == "connected":
        _put(
            ctx,
            amazon__mode="broker",
            amazon__authorization={
                "id": state.authorization_id,
                "selling_partner_id": state.selling_partner_id,
                "marketplaces": state.marketplaces,
            },
            amazon__pending_authorization=None,
        )
        ctx.clients.forget(TOKENS)
        record_status(ctx, CONNECTED)
        _stop_listening_soon(ctx)
    elif state.status in ("failed", "disconnected"):
        _put(ctx, amazon__pending_authorization=None)
        _stop_listening_soon(ctx)
        record_status(
            ctx,
            ERROR,
            code=CONSENT_REASONS.get(state.reason or "", state.reason) or "consent_failed",
        )
    elif (
        state.status == "awaiting_desktop"
        and pending.get("return_url")
        and pending_consent_url(ctx) is None
        and not listener_alive(pending["return_url"])
    ):
        # Consent given, but the ShipDesk that listened for it has closed: its code is lost.
        _put(ctx, amazon__pending_authorization=None)
        record_status(ctx, ERROR, code="consent_interrupted")
    return status(ctx)


# The broker's reasons, as this app's error codes where they differ.
CONSENT_REASONS = {
    "state_expired": "consent_expired",
    "too_many_tries": "consent_expired",
    "declined": "consent_declined",
}


def disconnect(ctx: AppContext, cancel: threading.Event | None = None) -> None:
    """End the Amazon connection: the broker erases the refresh token, or the own-app
    credentials leave the keychain. Orders already imported stay."""
    mode = _get(ctx, MODE_KEY)
    authorization = _get(ctx, AUTHORIZATION_KEY) or {}
    if mode == "broker" and authorization.get("id"):
        client = broker_client(ctx)
        installation = _installation(ctx, client, cancel)
        # InstallationRejected: the broker has nothing of ours any more.
        with contextlib.suppress(InstallationRejected):
            client.disconnect(installation.secret, authorization["id"], cancel)
    if mode == "own_app":
        ctx.keychain.delete(OWN_APP_SECRET)
    disconnect_locally(ctx)


def disconnect_locally(ctx: AppContext) -> None:
    """Forget the connection state here only (the broker is not told)."""
    forget_pending_consent(ctx)
    _put(
        ctx,
        amazon__mode=None,
        amazon__status=None,
        amazon__authorization=None,
        amazon__pending_authorization=None,
    )
    ctx.clients.forget(TOKENS)


# -- own-app mode --
def connect_own_app(
    ctx: AppContext, credentials: LwaCredentials, cancel: threading.Event | None = None
) -> None:
    """Check the credentials against LWA, then keep them in the keychain.

    Nothing is stored when the check fails, so a typo never replaces working credentials.
    """
    source = LwaTokenSource(credentials, ctx.endpoint("lwa") or "", retry=_lwa_retry(ctx))
    source.access_token(cancel)  # raises InvalidClient / AuthorizationRevoked / Unavailable
    ctx.keychain.put(OWN_APP_SECRET, credentials.as_dict())
    _put(ctx, amazon__mode="own_app", amazon__authorization=None)
    ctx.clients.forget(TOKENS)
    record_status(ctx, CONNECTED)


def disconnect_own_app(ctx: AppContext) -> None:
    ctx.keychain.delete(OWN_APP_SECRET)
    if _get(ctx, MODE_KEY) == "own_app":
        _put(ctx, amazon__mode=None, amazon__status=None)
    ctx.clients.forget(TOKENS)


# -- using the connection --
def token_source(ctx: AppContext) -> AccessTokenSource:
    """The access-token source for the current connection, reused while it is unchanged."""
    mode = _get(ctx, MODE_KEY)
    if mode == "own_app":
        stored = ctx.keychain.get(OWN_APP_SECRET)
        if not stored:
            raise NotConnected(
                "The Amazon credentials are missing from the keychain. Enter them again in the "
                "Connections tab."
            )
        lwa = ctx.endpoint("lwa") or ""
        made_from: tuple = ("own_app", tuple(sorted(stored.items())), lwa)
        credentials = LwaCredentials.from_dict(stored)
        return ctx.clients.get(
            TOKENS, made_from, lambda: LwaTokenSource(credentials, lwa, retry=_lwa_retry(ctx))
        )
    if mode == "broker":
        authorization = _get(ctx, AUTHORIZATION_KEY) or {}
        client = broker_client(ctx)
        stored = ctx.keychain.get(BROKER_SECRET)
        if not stored or stored.get("broker_url") != client.base_url:
            raise NotConnected(
                "This installation's key is missing from the keychain. Connect Amazon again."
            )
        made_from = ("broker", client.base_url, stored["installation_id"], authorization.get("id"))
        installation = Installation(stored["installation_id"], stored["secret"])
        return ctx.clients.get(
            TOKENS,
            made_from,
            lambda: BrokerTokenSource(client, installation, authorization.get("id")),
        )
    raise NotConnected("Amazon is not connected. Connect it in the Connections tab.")


def orders_api(ctx: AppContext) -> OrdersApi:
    client = SpApiClient(
        ctx.endpoint("amazon") or "", token_source(ctx), limiter=ctx.amazon_limiter, retry=ctx.retry
    )
    return OrdersApi(client)
