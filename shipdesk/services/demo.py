"""Demo mode: the sandbox started in this process, and an app context wired to it.

Secrets of the demo are throwaway sandbox credentials, so they live in an in-memory keychain:
demo mode works on machines without a keychain and never writes to the real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.amazon.lwa import LwaCredentials
from shipdesk.domain.marketplaces import BY_ID
from shipdesk.keychain import use_memory_keyring
from shipdesk.paths import AppPaths
from shipdesk.sandbox.server import Sandbox, SandboxOptions
from shipdesk.services import amazon_account
from shipdesk.services.context import AppContext

DEMO_MARKETPLACES = ["A1805IZSGTT6HS", "AMEN7PMS3EDWL", "A1PA6795UKMFR9"]  # NL, BE, DE


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
            seller = sandbox.seller
            amazon_account.connect_own_app(
                ctx, LwaCredentials(seller.client_id, seller.client_secret, seller.refresh_token)
            )
            amazon_account.set_marketplace_ids(ctx, [m for m in DEMO_MARKETPLACES if m in BY_ID])
        except BaseException:
            sandbox.stop()
            raise
        return cls(sandbox, ctx)

    def stop(self) -> None:
        self.sandbox.stop()
