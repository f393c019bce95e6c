"""Demo mode: the sandbox (Amazon, DHL and GLS stand-ins, ShipDesk's broker) in this process,
and an app context wired to it.

The demo starts connected to Amazon and both carriers, with a demo shop's sender address,
shipping options and a rule that sends parcels abroad with GLS (the rest with DHL), as if the
owner had set everything up once, so orders and draft labels of both carriers show up at
once. "Disconnect" and "Connect with Amazon" then run the real flow, with the sandbox's
Seller Central page in the browser.

Secrets of the demo are throwaway sandbox credentials, so they live in an in-memory keychain:
demo mode works on machines without a keychain and never writes to the real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.domain.shipping import ShippingSettings
from shipdesk.keychain import use_memory_keyring
from shipdesk.paths import AppPaths
from shipdesk.sandbox.demo_shop import (
    DEMO_DEFAULT_CARRIER,
    DEMO_MARKETPLACES,
    DEMO_RULES,
    DEMO_SENDER,
    DEMO_SETTINGS,
)
from shipdesk.sandbox.server import Sandbox, SandboxOptions
from shipdesk.services import amazon_account, carrier_account, routing, shipping_settings
from shipdesk.services.context import AppContext, open_context


@dataclass
class DemoEnvironment:
    sandbox: Sandbox
    ctx: AppContext

    @classmethod
    def start(cls, paths: AppPaths, options: SandboxOptions | None = None) -> DemoEnvironment:
        use_memory_keyring()
        sandbox = Sandbox(options or SandboxOptions(orders=150, seed=7)).start()
        try:
            ctx = open_context(paths, demo=True, endpoint_overrides=dict(sandbox.urls))
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
                routing.set_default_carrier(ctx, DEMO_DEFAULT_CARRIER)
                routing.save_rules(ctx, DEMO_RULES)
            consent_url = amazon_account.start_broker_connection(ctx)
            sandbox.consent(consent_url)
            amazon_account.confirm_broker_connection(ctx)
        except BaseException:
            sandbox.stop()
            raise
        return cls(sandbox, ctx)

    def stop(self) -> None:
        self.sandbox.stop()
