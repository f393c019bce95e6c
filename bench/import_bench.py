"""Benchmark (a): import sandbox orders with rate limits off (issue 16: >= 10,000 orders per
CPU-second of the importer, peak memory flat in the number of orders).

The sandbox runs in its own process (`shipdesk sandbox`), so the CPU figures are the
importer's own (`time.process_time()` of this process around `OrderImporter.run()`); wall
time includes waiting for the sandbox, which shares the machine's cores.

Each size is imported in a fresh child process (fresh sandbox, fresh data folder), so peak
memory is that import's alone: the growth of peak RSS over the RSS before the import, and, in
a second child run under tracemalloc (which slows Python down, so its CPU is not counted), the
peak of Python's own allocations during the import. Both must stay flat as the orders grow.

    bench/import_bench.py                     # 2,000 and 10,000 orders
    bench/import_bench.py --orders 10000 --profile   # cProfile by tottime, top 40
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

TARGET = 10_000  # orders per CPU-second of the importer


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except OSError:  # not Linux: the peak so far is the best we have
        return peak_rss_mb()
    import resource

    return pages * resource.getpagesize() / (1024 * 1024)


def run_once(orders: int, *, trace: bool, profile: bool) -> dict:
    """One import of `orders` sandbox orders in this process; its figures as a dict."""
    from shipdesk.amazon.lwa import LwaCredentials
    from shipdesk.amazon.ratelimit import OperationLimiter
    from shipdesk.keychain import use_memory_keyring
    from shipdesk.paths import resolve_paths
    from shipdesk.services import amazon_account
    from shipdesk.services.context import open_context
    from shipdesk.services.importing import OrderImporter

    sandbox = subprocess.Popen(
        [sys.executable, "-m", "shipdesk", "sandbox", "--orders", str(orders),
         "--rate-limits", "off", "--seed", "42", "--days", "20"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        info = json.loads(sandbox.stdout.readline())
        use_memory_keyring()
        with tempfile.TemporaryDirectory() as folder:
            ctx = open_context(
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
            importer = OrderImporter(ctx, amazon_account.orders_api(ctx), EU)
            rss_before = current_rss_mb()
            if trace:
                import tracemalloc

                tracemalloc.start()
            profiler = None
            if profile:
                import cProfile

                profiler = cProfile.Profile(time.process_time)  # CPU, not waiting
                profiler.enable()
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            result = importer.run()
            cpu = time.process_time() - cpu_start
            wall = time.perf_counter() - wall_start
            if profiler is not None:
                import pstats

                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(40)
            traced = 0.0
            if trace:
                traced = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
                tracemalloc.stop()
            rss_growth = peak_rss_mb() - rss_before
    finally:
        sandbox.terminate()
        sandbox.wait(10)
    return {
        "orders": orders,
        "received": result.received,
        "pages": result.pages,
        "wall": wall,
        "cpu": cpu,
        "rss_peak": peak_rss_mb(),
        "rss_growth": max(rss_growth, 0.0),
        "traced_peak": traced,
    }


def child(orders: int, *, trace: bool, profile: bool = False) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(orders)]
        + (["--trace"] if trace else [])
        + (["--profile"] if profile else []),
        check=True, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, nargs="+", default=[2_000, 10_000])
    parser.add_argument("--profile", action="store_true", help="cProfile the import (stderr)")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child is not None:
        figures = run_once(args.child, trace=args.trace, profile=args.profile)
        print(json.dumps(figures))
        return 0

    rows: list[tuple[str, str, str]] = []
    for orders in args.orders:
        run = child(orders, trace=False, profile=args.profile)
        traced = None if args.no_trace else child(orders, trace=True)["traced_peak"]
        received, cpu = run["received"], run["cpu"]
        per_cpu = received / cpu if cpu else 0.0
        rows += [
            (f"{orders:,}: orders received / pages", f"{received:,} / {run['pages']}", ""),
            (f"{orders:,}: wall time", f"{run['wall']:.2f} s", ""),
            (f"{orders:,}: orders per wall second", f"{received / run['wall']:,.0f}", ""),
            (f"{orders:,}: importer CPU time", f"{cpu:.2f} s", ""),
            (f"{orders:,}: orders per CPU-second", f"{per_cpu:,.0f}", f">= {TARGET:,}"),
            (f"{orders:,}: CPU per order", f"{cpu / received * 1e6:.0f} µs", "<= 100 µs"),
            (f"{orders:,}: peak RSS (growth in import)",
             f"{run['rss_peak']:.0f} MB (+{run['rss_growth']:.1f} MB)", "flat"),
        ]  # fmt: skip
        if traced is not None:
            rows.append((f"{orders:,}: tracemalloc peak in import", f"{traced:.1f} MB", "flat"))
    print_table(
        "Import of sandbox orders (rate limits off, 100 per page; each size in its own process)",
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
