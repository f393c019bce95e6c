"""Everything a use case needs, wired once per process: paths, database, endpoints, keychain.

The UI and the CLI build one `AppContext`; services take it and open their own database
connection per thread (`ctx.connect()`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from shipdesk.amazon.client import SPAPI_EU
from shipdesk.amazon.lwa import LWA_PRODUCTION, AccessTokenSource
from shipdesk.amazon.ratelimit import OperationLimiter
from shipdesk.carriers.dhl import DHL_PRODUCTION
from shipdesk.httpclient import RetryPolicy
from shipdesk.keychain import Keychain
from shipdesk.keychain import session_only_secrets as session_only_secrets
from shipdesk.keychain import use_session_only_secrets as use_session_only_secrets
from shipdesk.paths import AppPaths
from shipdesk.store import settings
from shipdesk.store.database import connect, open_database

# Where each service lives; environment variables win over settings, settings over defaults.
ENDPOINT_DEFAULTS = {"amazon": SPAPI_EU, "lwa": LWA_PRODUCTION, "dhl": DHL_PRODUCTION}
ENDPOINT_SETTING = "endpoints."
ENDPOINT_ENV = {
    "amazon": "SHIPDESK_AMAZON_ENDPOINT",
    "lwa": "SHIPDESK_LWA_ENDPOINT",
    "broker": "SHIPDESK_BROKER_URL",
    "dhl": "SHIPDESK_DHL_ENDPOINT",
    "gls": "SHIPDESK_GLS_ENDPOINT",
}


@dataclass
class AppContext:
    paths: AppPaths
    demo: bool = False
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    endpoint_overrides: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Creates or upgrades the schema (with a backup) before anything else touches it.
        db = open_database(self.paths.database, self.paths.backups)
        try:
            self.installation_id = settings.installation_id(db)
        finally:
            db.close()
        self.keychain = Keychain(self.installation_id)
        # One limiter per process, so repeated imports together respect Amazon's rates.
        self.amazon_limiter = OperationLimiter()
        self.amazon_tokens: tuple[object, AccessTokenSource] | None = None
        self.carrier_client: tuple[object, Any] | None = None  # (credentials, client)

    def connect(self) -> sqlite_utils.Database:
        """A new connection for the calling thread; close it when done."""
        return connect(self.paths.database)

    def endpoint(self, name: str) -> str | None:
        return self.endpoint_and_source(name)[0]

    def endpoint_and_source(self, name: str) -> tuple[str | None, str]:
        """The base URL and where it came from: demo, environment, settings or default."""
        if name in self.endpoint_overrides:
            return self.endpoint_overrides[name], "demo"
        from_env = os.environ.get(ENDPOINT_ENV.get(name, ""), "").strip()
        if from_env:
            return from_env.rstrip("/"), "environment"
        with self.connect() as db:
            stored = settings.get(db, f"{ENDPOINT_SETTING}{name}")
        if stored:
            return str(stored).rstrip("/"), "settings"
        default = ENDPOINT_DEFAULTS.get(name)
        return (default.rstrip("/"), "default") if default else (None, "not set")
