"""Benchmark: scan to paper. Each scan of a draft order makes its label at the carrier sandbox
and prints it (`services.scan.scan`, as the Orders tab's scan field and `shipdesk scan` do);
timed from the scan to the job accepted by CUPS, on the bench's own cups-pdf queue (see
`print_bench.py`). Also the answer to a second scan of a printed order ("already printed"),
which prints nothing.

Needs a running CUPS with cups-pdf (`.ci/cups-setup.sh`); without it, it says why and exits.
`--scans N` (default 40), `--carrier dhl|gls` (default dhl).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import ROOT, peak_rss_mb, print_table
from labels_bench import prepare
from print_bench import QUEUE, make_queue

from shipdesk.keychain import use_memory_keyring
from shipdesk.services import labels as label_service
from shipdesk.services import printing, scan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scans", type=int, default=40)
    parser.add_argument("--carrier", choices=("dhl", "gls"), default="dhl")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if make_queue() is None:
        return 0
    from PySide6.QtGui import QGuiApplication

    from tests.support.cups import _run

    _app = QGuiApplication.instance() or QGuiApplication([])
    use_memory_keyring()
    sandbox, ctx = prepare(args.scans, args.carrier)
    try:
        printing.save_settings(ctx, printing.PrintSettings(label_printer=QUEUE, label_size="a6"))
        with ctx.connect() as db:
            ids = label_service.drafts_ready_ids(ctx)[: args.scans]
            orders = [
                db.execute("SELECT order_id FROM labels WHERE id = ?", [i]).fetchone()[0]
                for i in ids
            ]
        first, again, outcomes = [], [], []
        for order_id in orders:
            started = time.perf_counter()
            outcome = scan.scan(ctx, order_id)
            first.append(time.perf_counter() - started)
            outcomes.append(outcome.code)
            started = time.perf_counter()
            scan.scan(ctx, order_id)  # the double scan: answered, nothing printed
            again.append(time.perf_counter() - started)
        _run("cancel", "-a", QUEUE)  # what cups-pdf makes of the jobs is not ShipDesk's time
    finally:
        sandbox.stop()
        _run("lpadmin", "-x", QUEUE)
    printed = outcomes.count("printed")

    def ms(values: list[float], q: float) -> str:
        return f"{statistics.quantiles(values, n=20)[int(q * 20) - 1] * 1000:.0f} ms"

    print_table(
        f"Scan to paper: {len(orders)} {args.carrier.upper()} drafts, each scanned twice "
        f"(CUPS queue {QUEUE}, sandbox without latency)",
        [
            ("scans that printed", f"{printed} of {len(orders)}", "all"),
            (
                "scan → label made → job accepted, median",
                f"{statistics.median(first) * 1000:.0f} ms",
                "",
            ),
            ("  95th percentile", ms(first, 0.95), ""),
            (
                "second scan (already printed), median",
                f"{statistics.median(again) * 1000:.0f} ms",
                "",
            ),
            ("peak RSS", f"{peak_rss_mb():.0f} MB", ""),
        ],
    )
    return 0 if printed == len(orders) else 1


if __name__ == "__main__":
    sys.exit(main())
