"""The broker's configuration, from environment variables (twelve-factor style).

| variable | meaning |
|---|---|
| SHIPDESK_BROKER_LWA_CLIENT_ID | the LWA client id of ShipDesk's SP-API application |
| SHIPDESK_BROKER_LWA_CLIENT_SECRET | its client secret |
| SHIPDESK_BROKER_LWA_CLIENT_SECRET_NEXT | optional second secret while rotating (180 days) |
| SHIPDESK_BROKER_APP_ID | the SP-API application id (amzn1.sp.solution.…) |
| SHIPDESK_BROKER_APP_DRAFT | "1" while the app is in Draft (adds version=beta) |
| SHIPDESK_BROKER_SELLER_CENTRAL_EU / _NA / _FE | Seller Central base URL per region |
| SHIPDESK_BROKER_SPAPI_EU / _NA / _FE | SP-API endpoint per region (marketplace lookup) |
| SHIPDESK_BROKER_REDIRECT_URI | the registered OAuth redirect URI (…/amazon/callback) |
| SHIPDESK_BROKER_ENCRYPTION_KEYS | Fernet keys, comma-separated; the first encrypts |
| SHIPDESK_BROKER_DATABASE | SQLite file (default ./shipdesk-broker.sqlite3) |
| SHIPDESK_BROKER_LWA_ENDPOINT | Login with Amazon (default https://api.amazon.com) |
| SHIPDESK_BROKER_RATE | requests per second per installation (default 2, burst 30) |
| SHIPDESK_BROKER_INSTALLATIONS_PER_HOUR | new installations per client address (default 30) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from shipdesk.amazon.lwa import LWA_PRODUCTION

DEFAULT_DATABASE = "shipdesk-broker.sqlite3"

DEFAULT_SELLER_CENTRAL = {
    "eu": "https://sellercentral-europe.amazon.com",
    "na": "https://sellercentral.amazon.com",
    "fe": "https://sellercentral.amazon.co.jp",
}
DEFAULT_SPAPI = {
    "eu": "https://sellingpartnerapi-eu.amazon.com",
    "na": "https://sellingpartnerapi-na.amazon.com",
    "fe": "https://sellingpartnerapi-fe.amazon.com",
}
MAX_BODY_BYTES = 16 * 1024


class ConfigError(ValueError):
    """A required setting is missing or malformed; the message names it."""


@dataclass(frozen=True)
class BrokerConfig:
    lwa_client_id: str
    lwa_client_secrets: tuple[str, ...]
    application_id: str
    redirect_uri: str
    encryption_keys: tuple[str, ...]
    database: str = DEFAULT_DATABASE
    app_draft: bool = False
    seller_central: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_SELLER_CENTRAL))
    spapi: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_SPAPI))
    lwa_endpoint: str = LWA_PRODUCTION
    rate_per_second: float = 2.0
    rate_burst: int = 30
    installations_per_hour: int = 30
    max_body_bytes: int = MAX_BODY_BYTES
    state_ttl_s: float = 600.0

    def __post_init__(self) -> None:
        missing = [
            name
            for name, value in (
                ("SHIPDESK_BROKER_LWA_CLIENT_ID", self.lwa_client_id),
                ("SHIPDESK_BROKER_LWA_CLIENT_SECRET", self.lwa_client_secrets),
                ("SHIPDESK_BROKER_APP_ID", self.application_id),
                ("SHIPDESK_BROKER_REDIRECT_URI", self.redirect_uri),
                ("SHIPDESK_BROKER_ENCRYPTION_KEYS", self.encryption_keys),
            )
            if not value
        ]
        if missing:
            raise ConfigError("missing broker settings: " + ", ".join(missing))
        if len(self.lwa_client_secrets) > 2:
            raise ConfigError("at most two LWA client secrets (current and next)")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> BrokerConfig:
        env = os.environ if env is None else env

        def get(name: str, default: str = "") -> str:
            return env.get(f"SHIPDESK_BROKER_{name}", default).strip()

        secrets = tuple(s for s in (get("LWA_CLIENT_SECRET"), get("LWA_CLIENT_SECRET_NEXT")) if s)
        seller_central = {
            region: get(f"SELLER_CENTRAL_{region.upper()}", url).rstrip("/")
            for region, url in DEFAULT_SELLER_CENTRAL.items()
        }
        spapi = {
            region: get(f"SPAPI_{region.upper()}", url).rstrip("/")
            for region, url in DEFAULT_SPAPI.items()
        }
        try:
            rate = float(get("RATE", "2"))
            per_hour = int(get("INSTALLATIONS_PER_HOUR", "30"))
        except ValueError as exc:
            raise ConfigError(f"malformed number in broker settings: {exc}") from None
        return cls(
            lwa_client_id=get("LWA_CLIENT_ID"),
            lwa_client_secrets=secrets,
            application_id=get("APP_ID"),
            redirect_uri=get("REDIRECT_URI"),
            encryption_keys=tuple(k for k in get("ENCRYPTION_KEYS").split(",") if k.strip()),
            database=get("DATABASE", DEFAULT_DATABASE),
            app_draft=get("APP_DRAFT") in ("1", "true", "yes"),
            lwa_endpoint=get("LWA_ENDPOINT", LWA_PRODUCTION).rstrip("/"),
            rate_per_second=rate,
            installations_per_hour=per_hour,
            seller_central=seller_central,
            spapi=spapi,
        )
