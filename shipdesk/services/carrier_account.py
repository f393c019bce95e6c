"""The carrier connections, one per carrier of the registry: credentials, account numbers,
state, and what each carrier offers for a destination.

Credentials live in the keychain (one entry per carrier, as its spec names it); the account
numbers the carrier returned, the state and the capability cache live in SQLite, under
`carriers.<key>`. Nothing here names a carrier: the registry says what each one needs.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from shipdesk.carriers.base import CapabilityQuery, CarrierAuthError, CarrierError, NotConnected
from shipdesk.carriers.registry import CARRIERS, CREATED, PRINTED, CarrierSpec, spec
from shipdesk.domain.shipping import BUSINESS, CONSUMER, Capability
from shipdesk.services.amazon_account import CUSTOMER_NUMBER_KEY
from shipdesk.services.context import AppContext
from shipdesk.store import capabilities as capability_cache
from shipdesk.store import settings
from shipdesk.store.orders import now_iso

PREFIX = "carriers."
CAPABILITY_TTL_S = 24 * 3600
NOT_CONNECTED, CONNECTED, ERROR = "not_connected", "connected", "error"


@dataclass(frozen=True)
class CarrierStatus:
    carrier: str  # the registry key
    name: str
    state: str = NOT_CONNECTED
    account_numbers: tuple[str, ...] = ()
    account_number: str = ""  # the one labels are made on
    error_code: str | None = None
    message: str = ""
    # The login's fields that are no secret (a user id, a username), to show them again.
    identity: dict[str, str] = field(default_factory=dict)
    # The secrets kept in the keychain (an optional one may have been left out).
    secrets_saved: tuple[str, ...] = ()


def _stored(ctx: AppContext, key: str) -> dict[str, Any]:
    with ctx.connect() as db:
        return settings.get(db, PREFIX + key) or {}


def _store(ctx: AppContext, key: str, **values: Any) -> None:
    with ctx.connect() as db:
        current = settings.get(db, PREFIX + key) or {}
        settings.put(db, PREFIX + key, {**current, **values})


def status(ctx: AppContext, key: str) -> CarrierStatus:
    carrier = spec(key)
    stored = _stored(ctx, key)
    if not stored.get("state"):
        return CarrierStatus(key, carrier.name)
    accounts = tuple(str(a) for a in stored.get("accounts") or ())
    return CarrierStatus(
        key,
        carrier.name,
        state=stored["state"],
        account_numbers=accounts,
        account_number=_account(ctx, stored, accounts),
        error_code=stored.get("error_code"),
        message=stored.get("message", ""),
        identity={k: str(v) for k, v in (stored.get("identity") or {}).items()},
        secrets_saved=tuple(
            stored.get("secrets_saved", [f.key for f in carrier.credentials if f.secret])
        ),
    )


def statuses(ctx: AppContext) -> list[CarrierStatus]:
    return [status(ctx, key) for key in CARRIERS]


def connected(ctx: AppContext) -> list[str]:
    """The carriers with an account, in the registry's order (also those needing attention:
    their labels still print and their tracking still goes to Amazon)."""
    return [s.carrier for s in statuses(ctx) if s.state != NOT_CONNECTED]


def _account(ctx: AppContext, stored: dict[str, Any], accounts: tuple[str, ...]) -> str:
    chosen = str(stored.get("account_number") or "")
    if chosen in accounts:
        return chosen
    with ctx.connect() as db:
        linked = str(settings.get(db, CUSTOMER_NUMBER_KEY) or "")
    return linked if linked in accounts else (accounts[0] if accounts else "")


def account_number(ctx: AppContext, key: str) -> str:
    """The customer number this carrier's labels are made on."""
    return status(ctx, key).account_number


def set_account_number(ctx: AppContext, key: str, number: str) -> None:
    if number not in status(ctx, key).account_numbers:
        raise ValueError(f"{number} is not one of this account's customer numbers")
    _store(ctx, key, account_number=number)
    with ctx.connect() as db:
        capability_cache.clear(db)


def record_error(ctx: AppContext, error: CarrierError, key: str | None = None) -> None:
    """A refused key is the owner's to fix (pill); network trouble is not recorded."""
    key = key or error.service
    if isinstance(error, CarrierAuthError) and key in CARRIERS and _stored(ctx, key):
        _store(ctx, key, state=ERROR, error_code=error.code, message=str(error), since=now_iso())


def _client(ctx: AppContext, carrier: CarrierSpec, values: Mapping[str, str]) -> Any:
    retry = replace(ctx.retry, max_attempts=min(ctx.retry.max_attempts, 5))
    endpoint = ctx.endpoint(carrier.key) or carrier.production_endpoint
    return carrier.client(values, endpoint, retry)


class UnknownAccountNumber(ValueError):
    """The customer number asked for is not one of the login's."""

    def __init__(self, number: str, numbers: tuple[str, ...]) -> None:
        super().__init__(f"{number} is not one of this account's numbers: {', '.join(numbers)}")
        self.numbers = numbers


def connect(
    ctx: AppContext,
    key: str,
    values: Mapping[str, str],
    cancel: threading.Event | None = None,
    *,
    keep_stored: bool = False,
    forget: Collection[str] = (),
    account_number: str | None = None,
) -> tuple[str, ...]:
    """Log in with the credentials; only when the carrier accepts them are they stored.
    Returns the customer numbers of the account. With `keep_stored`, a secret left empty
    keeps the one in the keychain (the Connections tab never shows them), except the optional
    ones named in `forget`, which are logged in without."""
    carrier = spec(key)
    if keep_stored and _stored(ctx, key).get("state"):
        kept = ctx.keychain.get(carrier.secret_name) or {}
        values = {
            f.key: values.get(f.key)
            or (str(kept.get(f.key) or "") if f.secret and f.key not in forget else "")
            for f in carrier.credentials
        }
    missing = [f.prompt for f in carrier.credentials if not f.optional and not values.get(f.key)]
    if missing:
        raise CarrierAuthError(f"{', '.join(missing)} missing.", service=key)
    values = {f.key: str(values.get(f.key) or "").strip() for f in carrier.credentials}
    client = _client(ctx, carrier, values)
    account = client.login(cancel)
    if not account.account_numbers:
        raise CarrierAuthError(
            f"{carrier.short_name} accepted the login but returned no customer numbers.",
            service=key,
        )
    if account_number is not None and account_number not in account.account_numbers:
        raise UnknownAccountNumber(account_number, account.account_numbers)  # nothing stored
    ctx.keychain.put(carrier.secret_name, values)
    if account_number is not None:
        _store(ctx, key, account_number=account_number)
    _store(
        ctx,
        key,
        state=CONNECTED,
        accounts=list(account.account_numbers),
        identity={f.key: values[f.key] for f in carrier.credentials if not f.secret},
        secrets_saved=[f.key for f in carrier.credentials if f.secret and values[f.key]],
        error_code=None,
        message="",
        since=now_iso(),
    )
    with ctx.connect() as db:
        capability_cache.clear(db)
        linked = settings.get(db, CUSTOMER_NUMBER_KEY)
        if not linked:
            # The customer number linked to Amazon comes from the first carrier connected.
            settings.put(db, CUSTOMER_NUMBER_KEY, account.account_numbers[0])
    ctx.clients.keep(CLIENT + key, _made_from(values), client)
    return account.account_numbers


def disconnect(ctx: AppContext, key: str) -> None:
    ctx.keychain.delete(spec(key).secret_name)
    with ctx.connect() as db:
        settings.delete(db, PREFIX + key)
    ctx.clients.forget(CLIENT + key)


def client(ctx: AppContext, key: str) -> Any:
    """The carrier's client, reused while its credentials are unchanged."""
    carrier = spec(key)
    if not _stored(ctx, key).get("state"):
        raise NotConnected(
            f"{carrier.name} is not connected. Connect it in the Connections tab.", service=key
        )
    stored = ctx.keychain.get(carrier.secret_name)
    if not stored:
        raise NotConnected(
            f"The {carrier.short_name} credentials are missing from the keychain. Enter them "
            "again in the Connections tab.",
            service=key,
        )
    values = {f.key: str(stored.get(f.key) or "") for f in carrier.credentials}
    return ctx.clients.get(CLIENT + key, _made_from(values), lambda: _client(ctx, carrier, values))


CLIENT = "carrier:"  # a carrier's client in ctx.clients


def _made_from(values: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(values.items()))


def capabilities(
    ctx: AppContext,
    key: str,
    to_country: str,
    recipient_type: str,
    to_postal_code: str = "",
    cancel: threading.Event | None = None,
) -> list[Capability]:
    """What the carrier offers for a destination, cached for a day per destination."""
    postal = to_postal_code.replace(" ", "").upper()
    account = account_number(ctx, key)
    cache_key = f"{key}|{account}|{to_country}|{recipient_type}|{postal}"
    with ctx.connect() as db:
        cached = capability_cache.get(db, cache_key, CAPABILITY_TTL_S)
    if cached is not None:
        return cached
    carrier = client(ctx, key)
    try:
        found = carrier.capabilities(
            CapabilityQuery(to_country, recipient_type, postal, account_number=account),
            cancel,
        )
    except CarrierError as exc:
        record_error(ctx, exc, key)
        raise
    with ctx.connect() as db:
        capability_cache.put(db, cache_key, found)
    return found


def catalogue(
    ctx: AppContext, key: str, cancel: threading.Event | None = None
) -> dict[str, list[Capability]]:
    """What the carrier offers its home country's business and consumer recipients: the
    choices the Shipping Options tab shows, per recipient type. Each carrier names the
    destination to ask for (a central postcode where every consumer service is offered)."""
    places = spec(key).catalogue
    return {
        kind: capabilities(ctx, key, places[kind][0], kind, places[kind][1], cancel)
        for kind in (CONSUMER, BUSINESS)
    }


# -- when and how a carrier's tracking numbers go to Amazon --


@dataclass(frozen=True)
class TrackingRule:
    after: str  # "created" or "printed": when a label's number is queued for Amazon
    number: str  # which of the carrier's parcel numbers Amazon gets
    grace_minutes: int = 0  # wait this long before sending (a label may still be voided)


def tracking_rule(ctx: AppContext, key: str) -> TrackingRule:
    """The owner's choice, or the carrier's default (GLS: at once when created, as its own
    Amazon link does; DHL: after printing)."""
    carrier = spec(key)
    stored = _stored(ctx, key).get("tracking") or {}
    after = stored.get("after") if stored.get("after") in (CREATED, PRINTED) else None
    number = stored.get("number") if stored.get("number") in carrier.tracking_numbers else None
    grace = stored.get("grace_minutes")
    return TrackingRule(
        after or carrier.tracking_after,
        number or carrier.tracking_numbers[0],
        int(grace) if isinstance(grace, int) and 0 <= grace <= 24 * 60 else 0,
    )


def set_tracking_rule(ctx: AppContext, key: str, rule: TrackingRule) -> None:
    carrier = spec(key)
    if rule.after not in (CREATED, PRINTED) or rule.number not in carrier.tracking_numbers:
        raise ValueError("unknown tracking choice")
    if not 0 <= rule.grace_minutes <= 24 * 60:
        raise ValueError("the grace must be between 0 minutes and a day")
    _store(ctx, key, tracking=asdict(rule))


def end_of_day(ctx: AppContext, key: str) -> dt.time | None:
    """When the day's labels are confirmed to the carrier; None: never (the default)."""
    stored = _stored(ctx, key).get("end_of_day")
    if not spec(key).end_of_day_confirm or not isinstance(stored, str):
        return None
    try:
        return dt.time.fromisoformat(stored)
    except ValueError:
        return None


def set_end_of_day(ctx: AppContext, key: str, when: dt.time | None) -> None:
    if when is not None and not spec(key).end_of_day_confirm:
        raise ValueError(f"{spec(key).name} takes no end-of-day confirmation")
    _store(ctx, key, end_of_day=when.strftime("%H:%M") if when else None)
