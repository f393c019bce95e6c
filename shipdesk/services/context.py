"""Everything a use case needs, wired once per process: paths, database, endpoints, keychain.

The UI and the CLI build one `AppContext`; services take it and open their own database
connection per thread (`ctx.connect()`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from shipdesk.amazon.client import SPAPI_EU
from shipdesk.amazon.lwa import LWA_PRODUCTION, AccessTokenSource
from shipdesk.amazon.ratelimit import OperationLimiter
from shipdesk.carriers.registry import CARRIERS
from shipdesk.keychain import Keychain
from shipdesk.keychain import session_only_secrets as session_only_secrets
from shipdesk.keychain import use_session_only_secrets as use_session_only_secrets
from shipdesk.paths import AppPaths
from shipdesk.retrying import RetryPolicy
from shipdesk.services import database_key
from shipdesk.services.web_addresses import check_url
from shipdesk.store import settings
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
    paths: AppPaths
    demo: bool = False
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    endpoint_overrides: dict[str, str] = field(default_factory=dict)
    # The data file's key (services/database_key.py): found here when not given; never shown.
    database_key: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # A refused endpoint variable stops the start, before anything is opened or sent.
        for name in ENDPOINT_ENV:
            if name not in self.endpoint_overrides:
                endpoint_from_environment(name)
        if self.database_key is None:  # KeyNeeded when the owner must give a passphrase
            self.database_key = database_key.unlock(self.paths, demo=self.demo)
        self.key: bytes = self.database_key
        # Creates or upgrades the schema (with a backup) before anything else touches it.
        db = open_database(self.paths.database, self.key, self.paths.backups)
        try:
            self.installation_id = settings.installation_id(db)
        finally:
            db.close()
        self.keychain = Keychain(self.installation_id)
        # One limiter per process, so repeated imports together respect Amazon's rates.
        self.amazon_limiter = OperationLimiter()
        self.amazon_tokens: tuple[object, AccessTokenSource] | None = None
        # The Amazon consent under way (its link and loopback listener): memory only.
        self.consent: Any = None
        # Carrier clients by carrier, with the credentials they were made with; workers read
        # and write this, so under a lock.
        self._carrier_clients: dict[str, tuple[dict[str, str], Any]] = {}
        self._clients_lock = threading.Lock()

    def carrier_client_for(self, key: str, credentials: Mapping[str, str]) -> Any | None:
        with self._clients_lock:
            cached = self._carrier_clients.get(key)
        return cached[1] if cached is not None and cached[0] == dict(credentials) else None

    def forget_carrier_clients(self) -> None:
        """The next call makes new clients (an endpoint or a credential changed)."""
        with self._clients_lock:
            self._carrier_clients.clear()

    def remember_carrier_client(
        self, key: str, credentials: Mapping[str, str] | None, client: Any
    ) -> None:
        with self._clients_lock:
            if credentials is None:
                self._carrier_clients.pop(key, None)
            else:
                self._carrier_clients[key] = (dict(credentials), client)

    def connect(self) -> sqlite_utils.Database:
        """A new connection for the calling thread; close it when done."""
        return connect(self.paths.database, self.key)

    def connect_file(self, path: Path) -> sqlite_utils.Database:
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
