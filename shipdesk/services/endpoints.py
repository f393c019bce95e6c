"""Where ShipDesk finds Amazon, LWA, the broker and the carriers: shown and set for support.

The environment variables win over these settings (so a test or a support session can point
one run elsewhere); the settings win over the built-in production hosts.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from shipdesk.carriers.registry import known
from shipdesk.services.context import ENDPOINT_ENV, ENDPOINT_SETTING, AppContext
from shipdesk.store import capabilities as capability_cache
from shipdesk.store import settings

NAMES = tuple(ENDPOINT_ENV)


@dataclass(frozen=True)
class Endpoint:
    name: str
    url: str | None
    source: str  # demo | environment | settings | default | not set


def describe(ctx: AppContext) -> list[Endpoint]:
    return [Endpoint(name, *ctx.endpoint_and_source(name)) for name in NAMES]


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL as stored, or ValueError saying what is wrong with it."""
    parts = urlsplit(url.strip())
    try:
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        raise ValueError(f"{url!r} has no valid port number") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"{url!r} is not a web address (https://host[:port][/path])")
    if parts.username or parts.password:
        raise ValueError("no user name or password in the address: ShipDesk signs in itself")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ValueError("secrets travel to this address: use https (plain http only on 127.0.0.1)")
    if parts.query or parts.fragment:
        raise ValueError("give the base address only, without ?query or #fragment")
    return url.strip().rstrip("/")


def set_endpoint(ctx: AppContext, name: str, url: str) -> str:
    if name not in NAMES:
        raise ValueError(f"unknown endpoint {name!r}; choose one of {', '.join(NAMES)}")
    value = check_url(url)
    with ctx.connect() as db:
        settings.put(db, f"{ENDPOINT_SETTING}{name}", value)
        _forget_answers_from(db, ctx, name)
    return value


def reset_endpoint(ctx: AppContext, name: str) -> None:
    if name not in NAMES:
        raise ValueError(f"unknown endpoint {name!r}; choose one of {', '.join(NAMES)}")
    with ctx.connect() as db:
        settings.delete(db, f"{ENDPOINT_SETTING}{name}")
        _forget_answers_from(db, ctx, name)


def _forget_answers_from(db, ctx: AppContext, name: str) -> None:
    """Clients and cached answers from the old address are not reused."""
    ctx.forget_carrier_clients()
    ctx.amazon_tokens = None
    if known(name):
        capability_cache.clear(db)
