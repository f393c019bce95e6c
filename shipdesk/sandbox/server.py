"""All sandbox services together: what `shipdesk sandbox`, demo mode and the tests start.

Besides the stand-ins for Amazon (LWA, SP-API, Seller Central) it runs ShipDesk's own
authorization broker, configured against them, so the whole connect flow works on one machine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shlex
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import requests

from shipdesk.broker.config import BrokerConfig
from shipdesk.broker.crypto import new_key
from shipdesk.broker.server import BrokerServer
from shipdesk.sandbox.amazon_api import OrdersState, make_spapi_app
from shipdesk.sandbox.dhl import make_dhl_app
from shipdesk.sandbox.dhl_state import DhlState
from shipdesk.sandbox.faults import ALL_KINDS, FaultConfig
from shipdesk.sandbox.generator import generate_orders
from shipdesk.sandbox.gls import GlsState, make_gls_app
from shipdesk.sandbox.lwa import LwaState, make_lwa_app
from shipdesk.sandbox.sellercentral import SellerCentralState, VendorApp, make_sellercentral_app
from shipdesk.sandbox.wsgi import ServerThread

# Port offsets when a first port is given: amazon, lwa, sellercentral, broker, dhl, gls.
PORT_OFFSETS = {"amazon": 0, "lwa": 1, "sellercentral": 2, "broker": 3, "dhl": 4, "gls": 5}


@dataclass
class SandboxOptions:
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port for each service; N: services on N, N+1, ...
    orders: int = 250
    seed: int = 1
    rate_limits: bool = True
    time_scale: float = 1.0
    fault_rate: float = 0.0
    fault_kinds: tuple[str, ...] = ALL_KINDS
    slow_seconds: float = 1.5
    latency_ms: float = 0.0
    order_days: float = 7.0
    extra_orders: list[dict[str, Any]] = field(default_factory=list)
    broker: bool = True
    broker_database: str | None = None  # default: a temporary file removed at stop()


@dataclass(frozen=True)
class SellerAccount:
    selling_partner_id: str
    client_id: str
    client_secret: str
    refresh_token: str


@dataclass(frozen=True)
class ShipDeskApp:
    """ShipDesk's own SP-API application, as registered with (sandbox) Amazon."""

    application_id: str
    client_id: str
    client_secret: str
    next_client_secret: str


def _token(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("abcdef0123456789") for _ in range(n))


def _seller(seed: int) -> SellerAccount:
    rng = random.Random(f"seller-{seed}")
    digest = hashlib.sha1(f"seller-{seed}".encode()).hexdigest().upper()
    return SellerAccount(
        selling_partner_id="A" + digest[:13],
        client_id="amzn1.application-oa2-client." + _token(rng, 32),
        client_secret="amzn1.oa2-cs.v1." + _token(rng, 64),
        refresh_token="Atzr|IwEB" + _token(rng, 96),
    )


def _shipdesk_app(seed: int) -> ShipDeskApp:
    rng = random.Random(f"shipdesk-app-{seed}")
    return ShipDeskApp(
        application_id="amzn1.sp.solution." + _token(rng, 8) + "-" + _token(rng, 4),
        client_id="amzn1.application-oa2-client." + _token(rng, 32),
        client_secret="amzn1.oa2-cs.v1." + _token(rng, 64),
        next_client_secret="amzn1.oa2-cs.v1." + _token(rng, 64),
    )


class SandboxClock:
    """Wall-clock time that tests can move forward (token expiry, the 2-minute rule) or set
    (the hour around midnight when Amsterdam is already a day further than UTC)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds

    def set(self, moment: float) -> None:
        """Go to this moment (seconds since the epoch), from where time runs on."""
        self.offset = moment - time.time()


class Sandbox:
    def __init__(self, options: SandboxOptions | None = None) -> None:
        self.options = options or SandboxOptions()
        opts = self.options
        self.seller = _seller(opts.seed)
        self.shipdesk_app = _shipdesk_app(opts.seed)
        self.clock = SandboxClock()
        self.lwa = LwaState(clock=self.clock)
        self.lwa.add_client(self.seller.client_id, self.seller.client_secret)
        self.lwa.add_refresh_token(
            self.seller.client_id, self.seller.selling_partner_id, self.seller.refresh_token
        )
        # Both secrets work, as during one of Amazon's 180-day rotations.
        self.lwa.add_client(
            self.shipdesk_app.client_id,
            self.shipdesk_app.client_secret,
            self.shipdesk_app.next_client_secret,
        )
        self.amazon = OrdersState(
            lwa=self.lwa,
            rate_limits=opts.rate_limits,
            time_scale=opts.time_scale,
            clock=self.clock,
        )
        now = dt.datetime.now(dt.UTC)
        if opts.orders:
            generated = generate_orders(opts.orders, opts.seed, now, days=opts.order_days)
            self.amazon.add_orders(generated, copy_orders=False)
        self.amazon.add_orders(opts.extra_orders)
        self.sellercentral = SellerCentralState(self.lwa, self.seller.selling_partner_id)
        self.dhl = DhlState.for_seed(opts.seed, clock=self.clock, time_scale=opts.time_scale)
        self.gls = GlsState.for_seed(opts.seed, clock=self.clock, time_scale=opts.time_scale)
        self.faults = FaultConfig(
            rate=opts.fault_rate,
            kinds=opts.fault_kinds,
            slow_seconds=opts.slow_seconds,
            seed=opts.seed,
            latency=opts.latency_ms / 1000,
        )
        self._servers: dict[str, ServerThread] = {}
        self.broker: BrokerServer | None = None
        self._tempdir: tempfile.TemporaryDirectory | None = None

    def _port(self, name: str) -> int:
        return self.options.port + PORT_OFFSETS[name] if self.options.port else 0

    def start(self) -> Sandbox:
        host = self.options.host
        self.lwa_app = make_lwa_app(self.lwa, self.faults)
        self.spapi_app = make_spapi_app(self.amazon, self.faults)
        self.dhl_app = make_dhl_app(self.dhl, self.faults)
        self.gls_app = make_gls_app(self.gls, self.faults)
        apps = {
            "amazon": self.spapi_app,
            "lwa": self.lwa_app,
            "sellercentral": make_sellercentral_app(self.sellercentral),
            "dhl": self.dhl_app,
            "gls": self.gls_app,
        }
        try:
            for name, app in apps.items():
                self._servers[name] = ServerThread(app, host, self._port(name), name).start()
            if self.options.broker:
                self.broker = BrokerServer(
                    self._broker_config, host, self._port("broker"), clock=self.clock
                )
                self.sellercentral.register_app(
                    VendorApp(
                        application_id=self.shipdesk_app.application_id,
                        name="ShipDesk",
                        client_id=self.shipdesk_app.client_id,
                        redirect_uris=[self.broker.url + "/amazon/callback"],
                    )
                )
                self.broker.start()
        except BaseException:
            self.stop()
            raise
        return self

    def _broker_config(self, broker_url: str) -> BrokerConfig:
        database = self.options.broker_database
        if database is None:
            self._tempdir = tempfile.TemporaryDirectory(prefix="shipdesk-broker-")
            database = str(Path(self._tempdir.name) / "broker.sqlite3")
        urls = {name: server.url for name, server in self._servers.items()}
        return BrokerConfig(
            lwa_client_id=self.shipdesk_app.client_id,
            lwa_client_secrets=(
                self.shipdesk_app.client_secret,
                self.shipdesk_app.next_client_secret,
            ),
            application_id=self.shipdesk_app.application_id,
            redirect_uri=broker_url + "/amazon/callback",
            encryption_keys=(new_key(),),
            database=database,
            app_draft=True,
            seller_central={"eu": urls["sellercentral"]},
            spapi={"eu": urls["amazon"]},
            lwa_endpoint=urls["lwa"],
        )

    def stop(self) -> None:
        if self.broker is not None:
            self.broker.stop()
            self.broker = None
        for server in self._servers.values():
            server.stop()
        self._servers.clear()
        if self._tempdir is not None:
            self._tempdir.cleanup()
            self._tempdir = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def urls(self) -> dict[str, str]:
        urls = {name: server.url for name, server in self._servers.items()}
        if self.broker is not None:
            urls["broker"] = self.broker.url
        return urls

    def consent(self, consent_url: str, *, agree: bool = True) -> requests.Response:
        """Play the seller in the browser: open the consent page, tick the box, confirm, and
        follow Amazon's redirect to the broker's callback. Returns the last page."""
        with requests.Session() as browser:
            page = browser.get(consent_url, timeout=10)
            if page.status_code != 200:
                return page
            query = dict(parse_qsl(urlsplit(consent_url).query))
            form = {**query, "action": "confirm"}
            if agree:
                form["agree"] = "yes"
            action = urljoin(consent_url, "/apps/authorize/consent")
            return browser.post(action, data=form, timeout=30, allow_redirects=True)

    def set_fault_rate(self, rate: float) -> None:
        self.faults.rate = rate

    def carrier_credentials(self) -> dict[str, dict[str, str]]:
        """What each sandbox carrier accepts, as its Connections form asks for it."""
        return {
            "dhl": {"user_id": self.dhl.user_id, "api_key": self.dhl.api_key},
            "gls": {
                "username": self.gls.account.username,
                "password": self.gls.account.password,
                "subscription_key": self.gls.subscription_key,
            },
        }

    def shell_env(self) -> str:
        """`export` lines for a POSIX shell: ShipDesk's endpoint variables pointed at this
        sandbox, and the test credentials it accepts (SANDBOX_*), for scripts and the README."""
        credentials = self.describe()["credentials"]
        amazon, dhl, gls = credentials["amazon"], credentials["dhl"], credentials["gls"]
        values = {
            "SHIPDESK_AMAZON_ENDPOINT": self.urls["amazon"],
            "SHIPDESK_LWA_ENDPOINT": self.urls["lwa"],
            "SHIPDESK_DHL_ENDPOINT": self.urls["dhl"],
            "SHIPDESK_GLS_ENDPOINT": self.urls["gls"],
            **({"SHIPDESK_BROKER_URL": self.urls["broker"]} if "broker" in self.urls else {}),
            "SANDBOX_AMAZON_CLIENT_ID": amazon["lwaClientId"],
            "SANDBOX_AMAZON_CLIENT_SECRET": amazon["lwaClientSecret"],
            "SANDBOX_AMAZON_REFRESH_TOKEN": amazon["refreshToken"],
            "SANDBOX_DHL_USER_ID": dhl["userId"],
            "SANDBOX_DHL_API_KEY": dhl["apiKey"],
            "SANDBOX_DHL_CUSTOMER_NUMBER": dhl["accountNumbers"][0],
            "SANDBOX_GLS_USERNAME": gls["username"],
            "SANDBOX_GLS_PASSWORD": gls["password"],
            "SANDBOX_GLS_SUBSCRIPTION_KEY": gls["subscriptionKey"],
            "SANDBOX_GLS_CUSTOMER_NUMBER": gls["customerNumbers"][0],
        }
        return "".join(f"export {k}={shlex.quote(v)}\n" for k, v in values.items())

    def describe(self) -> dict[str, Any]:
        """The JSON line `shipdesk sandbox` prints: where the services are, what they accept."""
        return {
            **self.urls,
            "credentials": {
                "amazon": {
                    "sellingPartnerId": self.seller.selling_partner_id,
                    "lwaClientId": self.seller.client_id,
                    "lwaClientSecret": self.seller.client_secret,
                    "refreshToken": self.seller.refresh_token,
                },
                "dhl": {
                    "userId": self.dhl.user_id,
                    "apiKey": self.dhl.api_key,
                    "accountNumbers": list(self.dhl.account_numbers),
                },
                "gls": {
                    "username": self.gls.account.username,
                    "password": self.gls.account.password,
                    "subscriptionKey": self.gls.subscription_key,
                    "customerNumbers": list(self.gls.customer_numbers),
                },
            },
            "orders": len(self.amazon.orders),
            "rateLimits": "amazon" if self.options.rate_limits else "off",
            "timeScale": self.options.time_scale,
            "faultRate": self.options.fault_rate,
        }
