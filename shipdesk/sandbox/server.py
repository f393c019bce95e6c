"""All sandbox services together: what `shipdesk sandbox`, demo mode and the tests start."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from dataclasses import dataclass, field
from typing import Any

from shipdesk.sandbox.amazon_api import OrdersState, make_spapi_app
from shipdesk.sandbox.faults import ALL_KINDS, FaultConfig
from shipdesk.sandbox.generator import generate_orders
from shipdesk.sandbox.lwa import LwaState, make_lwa_app
from shipdesk.sandbox.wsgi import ServerThread


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
    order_days: float = 7.0
    extra_orders: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class SellerAccount:
    selling_partner_id: str
    client_id: str
    client_secret: str
    refresh_token: str


def _seller(seed: int) -> SellerAccount:
    rng = random.Random(f"seller-{seed}")

    def token(n: int) -> str:
        return "".join(rng.choice("abcdef0123456789") for _ in range(n))

    digest = hashlib.sha1(f"seller-{seed}".encode()).hexdigest().upper()
    return SellerAccount(
        selling_partner_id="A" + digest[:13],
        client_id="amzn1.application-oa2-client." + token(32),
        client_secret="amzn1.oa2-cs.v1." + token(64),
        refresh_token="Atzr|IwEB" + token(96),
    )


class SandboxClock:
    """Wall-clock time that tests can move forward (token expiry, the 2-minute rule)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class Sandbox:
    def __init__(self, options: SandboxOptions | None = None) -> None:
        self.options = options or SandboxOptions()
        opts = self.options
        self.seller = _seller(opts.seed)
        self.clock = SandboxClock()
        self.lwa = LwaState(clock=self.clock)
        self.lwa.add_client(self.seller.client_id, self.seller.client_secret)
        self.lwa.add_refresh_token(
            self.seller.client_id, self.seller.selling_partner_id, self.seller.refresh_token
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
        self.faults = FaultConfig(
            rate=opts.fault_rate,
            kinds=opts.fault_kinds,
            slow_seconds=opts.slow_seconds,
            seed=opts.seed,
        )
        self._servers: dict[str, ServerThread] = {}

    def _port(self, index: int) -> int:
        return self.options.port + index if self.options.port else 0

    def start(self) -> Sandbox:
        host = self.options.host
        self.lwa_app = make_lwa_app(self.lwa, self.faults)
        self.spapi_app = make_spapi_app(self.amazon, self.faults)
        self._servers["amazon"] = ServerThread(self.spapi_app, host, self._port(0), "amazon")
        self._servers["lwa"] = ServerThread(self.lwa_app, host, self._port(1), "lwa")
        for server in self._servers.values():
            server.start()
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def urls(self) -> dict[str, str]:
        return {name: server.url for name, server in self._servers.items()}

    def set_fault_rate(self, rate: float) -> None:
        self.faults.rate = rate

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
                }
            },
            "orders": len(self.amazon.orders),
            "rateLimits": "amazon" if self.options.rate_limits else "off",
            "timeScale": self.options.time_scale,
            "faultRate": self.options.fault_rate,
        }
