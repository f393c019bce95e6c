"""Demo mode: the sandbox (Amazon stand-ins and ShipDesk's broker) in this process, and an app
context wired to it.

The demo starts connected, as if the seller had already given consent once, so orders show up
at once; "Disconnect" and "Connect with Amazon" then run the real flow, with the sandbox's
Seller Central page in the browser.

Secrets of the demo are throwaway sandbox credentials, so they live in an in-memory keychain:
demo mode works on machines without a keychain and never writes to the real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.keychain import use_memory_keyring
from shipdesk.paths import AppPaths
from shipdesk.sandbox.server import Sandbox, SandboxOptions
from shipdesk.services import amazon_account
from shipdesk.services.context import AppContext

DEMO_MARKETPLACES = ["A1805IZSGTT6HS", "AMEN7PMS3EDWL", "A1PA6795UKMFR9"]  # NL, BE, DE
DEMO_CUSTOMER_NUMBER = "08500001"


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
            amazon_account.set_customer_number(ctx, DEMO_CUSTOMER_NUMBER)
            amazon_account.set_marketplace_ids(ctx, DEMO_MARKETPLACES)
            consent_url = amazon_account.start_broker_connection(ctx)
            sandbox.consent(consent_url)
            amazon_account.confirm_broker_connection(ctx)
        except BaseException:
            sandbox.stop()
            raise
        return cls(sandbox, ctx)

    def stop(self) -> None:
        self.sandbox.stop()
