"""Everything a use case needs, wired once per process: paths, database, endpoints, keychain.

The UI and the CLI build one `AppContext` with `open_context`; services take it and open their
own database connection per thread (`ctx.connect()`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shipdesk.amazon.endpoints import LWA_PRODUCTION, SPAPI_EU
from shipdesk.amazon.ratelimit import OperationLimiter
from shipdesk.carriers.registry import CARRIERS
from shipdesk.keychain import Keychain
from shipdesk.keychain import session_only_secrets as session_only_secrets
from shipdesk.keychain import use_session_only_secrets as use_session_only_secrets
from shipdesk.paths import AppPaths
from shipdesk.retrying import RetryPolicy
from shipdesk.services import database_key as key_store
from shipdesk.services.client_cache import ClientCache
from shipdesk.services.web_addresses import check_url
from shipdesk.store import settings
from shipdesk.store.connection import Database
from shipdesk.store.database import connect, open_database

# Where each service lives; environment variables win over settings, settings over defaults.
ENDPOINT_DEFAULTS = {
    "amazon": SPAPI_EU,
    "lwa": LWA_PRODUCTION,
    **{key: carrier.production_endpoint for key, carrier in CARRIERS.items()},
}
ENDPOINT_SETTING = "endpoints."
ENDPOINT_ENV = {
    "amazon": "SHIPDESK_AMAZON_ENDPOINT",
    "lwa": "SHIPDESK_LWA_ENDPOINT",
    "broker": "SHIPDESK_BROKER_URL",
    **{key: f"SHIPDESK_{key.upper()}_ENDPOINT" for key in CARRIERS},
}


class EndpointRefused(ValueError):
    """An endpoint environment variable breaks the rule stored endpoints obey (https, plain
    http only on loopback). The message names the variable, never its value (it may hold a
    password)."""

    def __init__(self, variable: str, reason: str) -> None:
        super().__init__(
            f"The environment variable {variable} is refused: {reason}. Correct it or remove "
            "it, then start ShipDesk again."
        )
        self.variable = variable
        self.reason = reason


def endpoint_from_environment(name: str) -> str | None:
    """The endpoint `name` from its environment variable, checked like a stored one; None
    when the variable is not set, EndpointRefused when it breaks the rule."""
    variable = ENDPOINT_ENV.get(name, "")
    value = os.environ.get(variable, "").strip() if variable else ""
    if not value:
        return None
    try:
        return check_url(value)
    except ValueError as exc:  # said without the value: it may hold a password
        raise EndpointRefused(variable, str(exc).replace(repr(value), "its value")) from None


@dataclass
class AppContext:
    """The app's objects, built once per process by `open_context` (the composition root)."""

    paths: AppPaths
    key: bytes = field(repr=False)  # the data file's key (services/database_key.py)
    installation_id: str
    keychain: Keychain
    demo: bool = False
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    endpoint_overrides: dict[str, str] = field(default_factory=dict)
    # One limiter per process, so repeated imports together respect Amazon's rates.
    amazon_limiter: OperationLimiter = field(default_factory=OperationLimiter)
    clients: ClientCache = field(default_factory=ClientCache)
    # The Amazon consent under way (its link and loopback listener): memory only.
    consent: Any = None

    def connect(self) -> Database:
        """A new connection for the calling thread; close it when done."""
        return connect(self.paths.database, self.key)

    def connect_file(self, path: Path) -> Database:
        """A connection to another copy of the data file (a backup), opened the way the data
        file is; close it when done."""
        return connect(path, self.key)

    def endpoint(self, name: str) -> str | None:
        return self.endpoint_and_source(name)[0]

    def endpoint_and_source(self, name: str) -> tuple[str | None, str]:
        """The base URL and where it came from: demo, environment, settings or default."""
        if name in self.endpoint_overrides:
            return self.endpoint_overrides[name], "demo"
        from_env = endpoint_from_environment(name)
        if from_env:
            return from_env, "environment"
        with self.connect() as db:
            stored = settings.get(db, f"{ENDPOINT_SETTING}{name}")
        if stored:
            return str(stored).rstrip("/"), "settings"
        default = ENDPOINT_DEFAULTS.get(name)
        return (default.rstrip("/"), "default") if default else (None, "not set")


def open_context(
    paths: AppPaths,
    *,
    demo: bool = False,
    retry: RetryPolicy | None = None,
    endpoint_overrides: dict[str, str] | None = None,
    database_key: bytes | None = None,
) -> AppContext:
    """The composition root: checks the endpoint variables (a refused one stops the start
    before anything is opened or sent), finds the data file's key when not given (KeyNeeded
    when the owner must give a passphrase), creates or upgrades the schema (with a backup)
    before anything else touches it, and builds the context on it."""
    overrides = dict(endpoint_overrides or {})
    for name in ENDPOINT_ENV:
        if name not in overrides:
            endpoint_from_environment(name)
    key = database_key if database_key is not None else key_store.unlock(paths, demo=demo)
    db = open_database(paths.database, key, paths.backups)
    try:
        installation_id = settings.installation_id(db)
    finally:
        db.close()
    return AppContext(
        paths,
        key,
        installation_id,
        Keychain(installation_id),
        demo=demo,
        retry=retry or RetryPolicy(),
        endpoint_overrides=overrides,
    )
