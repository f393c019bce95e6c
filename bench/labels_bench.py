"""Benchmark: 500 labels against a carrier sandbox with 150 ms latency, and print spooling.

Prints the wall time of the batch and its ratio to the ideal bound for the concurrency used
(ceil(n / concurrency) round trips of the latency), then, when a CUPS with the test queues is
there, the spool time per printed label (PDF at the carrier's size, and raw ZPL where the
carrier gives ZPL for a label already made). `--carrier dhl|gls`.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import EU, peak_rss_mb, print_table

from shipdesk.carriers.registry import CARRIERS
from shipdesk.domain.shipping import SenderAddress, ShippingSettings
from shipdesk.keychain import use_memory_keyring
from shipdesk.paths import resolve_paths
from shipdesk.sandbox.server import Sandbox, SandboxOptions
from shipdesk.services import amazon_account, carrier_account, shipping_settings
from shipdesk.services import labels as label_service
from shipdesk.services.context import AppContext, open_context
from shipdesk.services.drafts import make_drafts
from shipdesk.services.importing import OrderImporter


def prepare(count: int, carrier: str) -> tuple[Sandbox, AppContext]:
    sandbox = Sandbox(SandboxOptions(orders=int(count * 1.6), seed=31, rate_limits=False)).start()
    folder = tempfile.mkdtemp(prefix="shipdesk-bench-")
    ctx = open_context(resolve_paths(Path(folder)), endpoint_overrides=dict(sandbox.urls))
    seller = sandbox.seller
    from shipdesk.amazon.lwa import LwaCredentials
    from shipdesk.amazon.ratelimit import OperationLimiter

    ctx.amazon_limiter = OperationLimiter({"searchOrders": (1e6, 1_000_000)})
    amazon_account.connect_own_app(
        ctx, LwaCredentials(seller.client_id, seller.client_secret, seller.refresh_token)
    )
    carrier_account.connect(ctx, carrier, sandbox.carrier_credentials()[carrier])
    sender = shipping_settings.save_address(
        ctx,
        SenderAddress(
            None, "Bench", "Bench B.V.", "Oudegracht", "1", "", "3511AA", "Utrecht", "NL"
        ),
    )
    shipping_settings.save(
        ctx, ShippingSettings(sender_id=sender, parcel_type=CARRIERS[carrier].default_parcel_type)
    )
    OrderImporter(ctx, amazon_account.orders_api(ctx), EU).run()
    make_drafts(ctx)
    return sandbox, ctx


def spool_times(ctx: AppContext, count: int, carrier: str) -> list[tuple[str, str, str]]:
    from tests.support.cups import (
        PDF_QUEUE,
        ZEBRA_QUEUE,
        ZebraListener,
        cups_available,
        ensure_queues,
        wait_for_pdf_output,
    )

    reason = cups_available()
    if reason:
        return [("spool time per label", "skipped", reason)]
    from PySide6.QtGui import QGuiApplication

    from shipdesk.printing.printers import LABEL_SIZES, print_pdfs, print_raw
    from shipdesk.services import printing

    _app = QGuiApplication.instance() or QGuiApplication([])
    with ctx.connect() as db:
        from shipdesk.store import labels as label_store

        ids = label_store.label_ids_in_state(db, ["created"])[:count]
        labels = label_store.get_labels(db, ids)
    pdfs = printing.label_documents(ctx, labels, "pdf")
    # A carrier that gives documents only with the new label has no ZPL of a PDF label.
    zpls = (
        printing.label_documents(ctx, labels, "zpl", 203)
        if CARRIERS[carrier].documents_later
        else []
    )
    size = LABEL_SIZES[CARRIERS[carrier].label_sizes[0]]
    rows = []
    with ZebraListener() as zebra:
        ensure_queues(zebra.port)
        started = time.perf_counter()
        since = time.time()
        result = print_pdfs(pdfs, PDF_QUEUE, size, dpi=203)
        submitted = time.perf_counter() - started
        wait_for_pdf_output(since, timeout=120, job_id=result.job_id)
        total = time.perf_counter() - started
        rows.append(("PDF labels: one job of", f"{len(pdfs)} labels", size.label))
        rows.append(
            ("  spool time per label (submit)", f"{submitted / len(pdfs) * 1000:.0f} ms", "")
        )
        rows.append(
            ("  spool time per label (file written)", f"{total / len(pdfs) * 1000:.0f} ms", "")
        )
        if not zpls:
            return rows
        started = time.perf_counter()
        print_raw(b"".join(zpls), ZEBRA_QUEUE)
        zebra.wait_for(1, timeout=60)
        total = time.perf_counter() - started
        rows.append(
            ("ZPL labels: one job, per label (received)", f"{total / len(zpls) * 1000:.1f} ms", "")
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=int, default=500)
    parser.add_argument("--latency-ms", type=float, default=150)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--print-labels", type=int, default=20)
    parser.add_argument("--carrier", choices=sorted(CARRIERS), default="dhl")
    args = parser.parse_args()
    use_memory_keyring()
    sandbox, ctx = prepare(args.labels, args.carrier)
    try:
        ids = label_service.drafts_ready_ids(ctx)[: args.labels]
        if len(ids) < args.labels:
            print(f"only {len(ids)} drafts ready; benchmarking those", file=sys.stderr)
        carrier_account.client(ctx, args.carrier).login()  # the login is not part of the batch
        sandbox.faults.latency = args.latency_ms / 1000
        started = time.perf_counter()
        result = label_service.create_labels(ctx, ids, concurrency=args.concurrency)
        seconds = time.perf_counter() - started
        sandbox.faults.latency = 0
        ideal = math.ceil(len(ids) / args.concurrency) * args.latency_ms / 1000
        rows = [
            ("labels created", f"{result.created} of {len(ids)}", ""),
            ("latency per carrier call", f"{args.latency_ms:.0f} ms", ""),
            ("concurrency", str(args.concurrency), ""),
            ("wall time", f"{seconds:.2f} s", ""),
            ("ideal bound (latency x rounds)", f"{ideal:.2f} s", ""),
            ("ratio to the ideal bound", f"{seconds / ideal:.2f}", "close to 1"),
            ("labels per second", f"{result.created / seconds:.1f}", ""),
        ]
        rows += spool_times(ctx, args.print_labels, args.carrier)
        rows.append(("peak RSS", f"{peak_rss_mb():.0f} MB", ""))
    finally:
        sandbox.stop()
    print_table(f"{args.labels} labels against the {CARRIERS[args.carrier].name} sandbox", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
