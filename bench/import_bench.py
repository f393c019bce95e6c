"""Benchmark (a): import 10,000 sandbox orders with rate limits off.

The sandbox runs in its own process (`shipdesk sandbox`), so the figures are the importer's:
wall time, orders per second and the importer process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import EU, ROOT, peak_rss_mb, print_table

from shipdesk.amazon.lwa import LwaCredentials
from shipdesk.amazon.ratelimit import OperationLimiter
from shipdesk.keychain import use_memory_keyring
from shipdesk.paths import resolve_paths
from shipdesk.services import amazon_account
from shipdesk.services.context import AppContext
from shipdesk.services.importing import OrderImporter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=10_000)
    args = parser.parse_args()

    sandbox = subprocess.Popen(
        [sys.executable, "-m", "shipdesk", "sandbox", "--orders", str(args.orders),
         "--rate-limits", "off", "--seed", "42", "--days", "20"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        info = json.loads(sandbox.stdout.readline())
        use_memory_keyring()
        with tempfile.TemporaryDirectory() as folder:
            ctx = AppContext(
                resolve_paths(Path(folder)),
                endpoint_overrides={"amazon": info["amazon"], "lwa": info["lwa"]},
            )
            creds = info["credentials"]["amazon"]
            amazon_account.connect_own_app(
                ctx,
                LwaCredentials(creds["lwaClientId"], creds["lwaClientSecret"],
                               creds["refreshToken"]),
            )  # fmt: skip
            # The sandbox has no limits here; lift the client's own pacing (Amazon's published
            # 0.0056 requests/s) too, so the figure is the importer's own throughput.
            ctx.amazon_limiter = OperationLimiter({"searchOrders": (1e6, 1_000_000)})
            started = time.perf_counter()
            result = OrderImporter(ctx, amazon_account.orders_api(ctx), EU).run()
            seconds = time.perf_counter() - started
    finally:
        sandbox.terminate()
        sandbox.wait(10)

    rate = result.received / seconds
    print_table(
        f"Import of {args.orders:,} sandbox orders (rate limits off, 100 per page)",
        [
            ("orders received", f"{result.received:,}", ""),
            ("pages", f"{result.pages}", ""),
            ("wall time", f"{seconds:.2f} s", ""),
            ("orders per second", f"{rate:,.0f}", ">= 2,000"),
            ("peak RSS of the importer", f"{peak_rss_mb():.0f} MB", ""),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
