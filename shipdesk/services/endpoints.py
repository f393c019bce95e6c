"""Where ShipDesk finds Amazon, LWA, the broker and the carriers: shown and set for support.

The environment variables win over these settings (so a test or a support session can point
one run elsewhere); the settings win over the built-in production hosts. Both obey one rule
(`web_addresses.check_url`): https, or plain http only on this computer's loopback.
"""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.carriers.registry import known
from shipdesk.services.context import ENDPOINT_ENV, ENDPOINT_SETTING, AppContext
from shipdesk.services.web_addresses import check_url
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
    ctx.clients.forget()
    if known(name):
        capability_cache.clear(db)
