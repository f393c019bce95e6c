"""The carrier connection (DHL Parcel NL for now): credentials, account numbers, capabilities.

The DHL user id and API key live in the keychain; the account numbers DHL returned, the state
and the capability cache live in SQLite.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from shipdesk.carriers.base import CapabilityQuery, CarrierAuthError, CarrierError, NotConnected
from shipdesk.carriers.dhl import DHL_PRODUCTION, DhlClient, DhlCredentials
from shipdesk.domain.shipping import BUSINESS, CONSUMER, Capability
from shipdesk.services.amazon_account import CUSTOMER_NUMBER_KEY
from shipdesk.services.context import AppContext
from shipdesk.store import capabilities as capability_cache
from shipdesk.store import settings
from shipdesk.store.orders import now_iso
from shipdesk.store.transactions import write_transaction

DHL_SECRET = "dhl.api"
CARRIER_KEY = "carrier.name"
ACCOUNTS_KEY = "carrier.account_numbers"
STATUS_KEY = "carrier.status"
CAPABILITY_TTL_S = 24 * 3600
CATALOGUE_POSTCODE = "1012AB"
NOT_CONNECTED, CONNECTED, ERROR = "not_connected", "connected", "error"


@dataclass(frozen=True)
class CarrierStatus:
    state: str = NOT_CONNECTED
    carrier: str | None = None
    account_numbers: tuple[str, ...] = ()
    error_code: str | None = None
    message: str = ""


def status(ctx: AppContext) -> CarrierStatus:
    with ctx.connect() as db:
        carrier = settings.get(db, CARRIER_KEY)
        accounts = settings.get(db, ACCOUNTS_KEY) or []
        stored = settings.get(db, STATUS_KEY) or {}
    if not carrier:
        return CarrierStatus()
    return CarrierStatus(
        state=stored.get("state", CONNECTED),
        carrier=carrier,
        account_numbers=tuple(accounts),
        error_code=stored.get("error_code"),
        message=stored.get("message", ""),
    )


def record_error(ctx: AppContext, error: CarrierError) -> None:
    """A refused key is the owner's to fix (pill); network trouble is not recorded."""
    if isinstance(error, CarrierAuthError):
        with ctx.connect() as db:
            settings.put(
                db,
                STATUS_KEY,
                {
                    "state": ERROR,
                    "error_code": error.code,
                    "message": str(error),
                    "since": now_iso(),
                },
            )


def _client(ctx: AppContext, credentials: DhlCredentials) -> DhlClient:
    retry = replace(ctx.retry, max_attempts=min(ctx.retry.max_attempts, 5))
    return DhlClient(credentials, ctx.endpoint("dhl") or DHL_PRODUCTION, retry=retry)


def connect_dhl(
    ctx: AppContext, credentials: DhlCredentials, cancel: threading.Event | None = None
) -> tuple[str, ...]:
    """Log in with the key; only when DHL accepts it is it stored. Returns the accounts."""
    client = _client(ctx, credentials)
    account = client.login(cancel)
    if not account.account_numbers:
        raise CarrierAuthError("DHL accepted the key but returned no customer numbers.")
    ctx.keychain.put(DHL_SECRET, credentials.as_dict())
    with ctx.connect() as db:
        settings.put(db, CARRIER_KEY, "dhl")
        settings.put(db, ACCOUNTS_KEY, list(account.account_numbers))
        settings.put(db, STATUS_KEY, {"state": CONNECTED, "since": now_iso()})
        capability_cache.clear(db)
        linked = settings.get(db, CUSTOMER_NUMBER_KEY)
        if linked not in account.account_numbers:
            # The customer number linked to Amazon comes from the DHL account from now on.
            settings.put(db, CUSTOMER_NUMBER_KEY, account.account_numbers[0])
    ctx.carrier_client = (credentials, client)
    return account.account_numbers


def disconnect_dhl(ctx: AppContext) -> None:
    ctx.keychain.delete(DHL_SECRET)
    with ctx.connect() as db, write_transaction(db):
        for key in (CARRIER_KEY, ACCOUNTS_KEY, STATUS_KEY):
            db.execute("DELETE FROM settings WHERE key = ?", [key])
    ctx.carrier_client = None


def carrier(ctx: AppContext) -> DhlClient:
    """The connected carrier's client, reused while the credentials are unchanged."""
    if status(ctx).carrier != "dhl":
        raise NotConnected("No carrier is connected. Connect DHL Parcel NL in the Connections tab.")
    stored = ctx.keychain.get(DHL_SECRET)
    if not stored:
        raise NotConnected("The DHL API key is missing from the keychain. Enter it again.")
    credentials = DhlCredentials.from_dict(stored)
    cached = ctx.carrier_client
    if cached is None or cached[0] != credentials:
        ctx.carrier_client = (credentials, _client(ctx, credentials))
    return ctx.carrier_client[1]


def account_number(ctx: AppContext) -> str:
    with ctx.connect() as db:
        linked = settings.get(db, CUSTOMER_NUMBER_KEY) or ""
        accounts = settings.get(db, ACCOUNTS_KEY) or []
    return linked if linked in accounts else (accounts[0] if accounts else "")


def capabilities(
    ctx: AppContext,
    to_country: str,
    recipient_type: str,
    to_postal_code: str = "",
    cancel: threading.Event | None = None,
) -> list[Capability]:
    """What the carrier offers for a destination, cached for a day per destination."""
    postal = to_postal_code.replace(" ", "").upper()
    account = account_number(ctx)
    key = f"dhl|{account}|{to_country}|{recipient_type}|{postal}"
    with ctx.connect() as db:
        cached = capability_cache.get(db, key, CAPABILITY_TTL_S)
    if cached is not None:
        return cached
    client = carrier(ctx)
    try:
        found = client.capabilities(
            CapabilityQuery(to_country, recipient_type, postal, account_number=account),
            cancel,
        )
    except CarrierError as exc:
        record_error(ctx, exc)
        raise
    with ctx.connect() as db:
        capability_cache.put(db, key, found)
    return found


def catalogue(
    ctx: AppContext, cancel: threading.Event | None = None
) -> dict[str, list[Capability]]:
    """What is on offer from the Netherlands to Dutch business and consumer recipients: the
    choices the Shipping Options tab shows, per recipient type. Consumers are asked for with
    a central Amsterdam postcode, where DHL offers every consumer option (same day, evening),
    so the catalogue shows them all with their exclusions."""
    return {
        CONSUMER: capabilities(ctx, "NL", CONSUMER, CATALOGUE_POSTCODE, cancel),
        BUSINESS: capabilities(ctx, "NL", BUSINESS, cancel=cancel),
    }
