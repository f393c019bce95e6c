"""Demo mode: the sandbox (Amazon and DHL stand-ins, ShipDesk's broker) in this process, and
an app context wired to it.

The demo starts connected to Amazon and DHL, with a demo shop's sender address and shipping
options, as if the owner had set everything up once, so orders and draft labels show up at
once. "Disconnect" and "Connect with Amazon" then run the real flow, with the sandbox's
Seller Central page in the browser.

Secrets of the demo are throwaway sandbox credentials, so they live in an in-memory keychain:
demo mode works on machines without a keychain and never writes to the real one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shipdesk.domain.shipping import DayWindow, SenderAddress, ShippingSettings
from shipdesk.keychain import use_memory_keyring
from shipdesk.paths import AppPaths
from shipdesk.sandbox.server import Sandbox, SandboxOptions
from shipdesk.services import amazon_account, carrier_account, shipping_settings
from shipdesk.services.context import AppContext

DEMO_MARKETPLACES = ["A1805IZSGTT6HS", "AMEN7PMS3EDWL", "A1PA6795UKMFR9"]  # NL, BE, DE
DEMO_SENDER = SenderAddress(
    None,
    "Petra de Mok",
    "Webwinkel De Mok",
    "Oudegracht",
    "112",
    "",
    "3511 AW",
    "Utrecht",
    "NL",
    "info@demok.example",
    "030 123 4567",
)
# Same day on weekdays for orders placed before 14:00; no neighbours; Saturday where possible.
DEMO_SETTINGS = {
    "dhl": dict(
        default_services=("NBB",),
        same_day=tuple(DayWindow(day < 5, dt.time(0, 0), dt.time(14, 0)) for day in range(7)),
        optional_services=("S",),
        parcel_type="SMALL",
        weight_kg=1.0,
    ),
}


@dataclass
class DemoEnvironment:
    sandbox: Sandbox
    ctx: AppContext

    @classmethod
    def start(cls, paths: AppPaths, options: SandboxOptions | None = None) -> DemoEnvironment:
        use_memory_keyring()
        sandbox = Sandbox(options or SandboxOptions(orders=150, seed=7)).start()
        try:
            ctx = AppContext(paths, demo=True, endpoint_overrides=dict(sandbox.urls))
            # A fresh sandbox knows no earlier consent: start from a clean connection.
            amazon_account.disconnect_locally(ctx)
            for key, credentials in sandbox.carrier_credentials().items():
                carrier_account.connect(ctx, key, credentials)
            amazon_account.set_marketplace_ids(ctx, DEMO_MARKETPLACES)
            if shipping_settings.sender(ctx) is None:
                sender_id = shipping_settings.save_address(ctx, DEMO_SENDER)
                for key, values in DEMO_SETTINGS.items():
                    shipping_settings.save(
                        ctx, ShippingSettings(sender_id=sender_id, **values), key
                    )
            consent_url = amazon_account.start_broker_connection(ctx)
            sandbox.consent(consent_url)
            amazon_account.confirm_broker_connection(ctx)
        except BaseException:
            sandbox.stop()
            raise
        return cls(sandbox, ctx)

    def stop(self) -> None:
        self.sandbox.stop()
