"""Benchmark: one print job of 300 PDF labels from the sandbox carriers, seconds and bytes.

Labels are made at the DHL and GLS sandboxes (no latency), then printed through ShipDesk's print
service (`printing.print_labels`, as the Orders tab and the CLI do) to a cups-pdf queue of its
own, `ShipDesk-PDF-Bench` (made like the tests' `ShipDesk-PDF`, but apart from it: tests running
meanwhile cancel every job on their queues). Measured per batch:

- seconds inside ShipDesk to build the job and hand it to CUPS (print_labels, wall time);
- bytes of the job as CUPS received it: its spool file (`/var/spool/cups/dNNNNN-001`, where this
  user may read it), else the size CUPS reports for the job (`lpstat`, whole KiB);
- both per label, against the goals of issue 14 (≤ 0.1 s and ≤ 100 KB per label).

The job is then cancelled: what cups-pdf (ghostscript) makes of it is not ShipDesk's time, and
a 24-bit job of 300 labels kept it busy for minutes. `--cups-output` waits for cups-pdf's file
instead and shows how long that took, for information.

Needs a running CUPS with cups-pdf (`.ci/cups-setup.sh`); without it, it says why and exits.
`--labels N` (default 300), `--only dhl-10x21|dhl-a6|gls-a6` (repeatable).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import ROOT, peak_rss_mb, print_table
from labels_bench import prepare

from shipdesk.keychain import use_memory_keyring
from shipdesk.printing.printers import LABEL_SIZES
from shipdesk.services import labels as label_service
from shipdesk.services import printing
from shipdesk.services.context import AppContext

GOAL_SECONDS = 0.1
GOAL_BYTES = 100_000
CUPS_SPOOL = Path("/var/spool/cups")
QUEUE = "ShipDesk-PDF-Bench"
# (name, carrier, label size): DHL's own 10 × 21 cm, DHL on A6 paper (scaled to fit), GLS A6.
BATCHES = (("dhl-10x21", "dhl", "label_10x21"), ("dhl-a6", "dhl", "a6"), ("gls-a6", "gls", "a6"))


def job_bytes(job_id: str) -> tuple[int, str]:
    """The job's size as CUPS got it, and where that figure comes from."""
    number = int(job_id.rsplit("-", 1)[1])
    spooled = sorted(CUPS_SPOOL.glob(f"d{number:05d}-*"))
    try:
        if spooled:
            return sum(path.stat().st_size for path in spooled), "spool file"
    except OSError:
        pass
    from tests.support.cups import _run

    queue = job_id.rsplit("-", 1)[0]
    for line in _run("lpstat", "-W", "all", "-o", queue).stdout.splitlines():
        words = line.split()
        if words and words[0] == job_id and len(words) > 2 and words[2].isdigit():
            return int(words[2]), "lpstat (whole KiB)"
    raise RuntimeError(f"CUPS does not list job {job_id}")


def made_labels(ctx: AppContext, count: int) -> list[int]:
    """`count` labels made at the carrier, with their PDFs kept (as printing needs them)."""
    printing.save_settings(ctx, printing.PrintSettings(label_printer=QUEUE))
    ids = label_service.drafts_ready_ids(ctx)[:count]
    made = label_service.create_labels(ctx, ids, concurrency=8)
    if made.created < count:
        print(f"only {made.created} of {count} labels made; benchmarking those", file=sys.stderr)
    with ctx.connect() as db:
        return [r[0] for r in db.execute("SELECT id FROM labels WHERE state = 'created'")][:count]


def make_queue() -> str | None:
    """The bench's own cups-pdf queue; None when there is none to be had (then why, printed)."""
    from tests.support.cups import CupsSetupError, _cups_pdf_model, _run, cups_available

    reason = cups_available()
    try:
        if reason is None:
            model = _cups_pdf_model()
            made = _run("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", model)
            if made.returncode != 0:
                reason = f"lpadmin could not make {QUEUE}: {made.stderr.strip()}"
    except CupsSetupError as exc:
        reason = str(exc)
    if reason:
        print(f"print_bench: skipped: {reason}", file=sys.stderr)
        return None
    _run("cupsenable", QUEUE)
    _run("cupsaccept", QUEUE)
    return QUEUE


def print_batch(
    ctx: AppContext, ids: list[int], size: str, cups_output: bool
) -> list[tuple[str, str, str]]:
    from tests.support.cups import _run, pdf_output_dirs, wait_for_job_done

    printing.save_settings(ctx, printing.PrintSettings(label_printer=QUEUE, label_size=size))
    started = time.perf_counter()
    result = printing.print_labels(ctx, ids)
    seconds = time.perf_counter() - started
    if not result.job_id:
        return [("job", "CUPS named no job", "")]
    size_bytes, source = job_bytes(result.job_id)
    started = time.perf_counter()
    if cups_output:
        wait_for_job_done(result.job_id, timeout=1800)
    else:
        _run("cancel", result.job_id)
    cups_seconds = time.perf_counter() - started
    number = result.job_id.rsplit("-", 1)[1]
    for folder in pdf_output_dirs():  # cups-pdf's file name ends in the job's number
        for output in folder.glob(f"*job_{number}.pdf"):
            output.unlink(missing_ok=True)
    labels = result.labels
    per_label_s = seconds / labels
    per_label_b = size_bytes / labels
    return [
        ("labels in one job", f"{labels} ({result.pages} pages)", LABEL_SIZES[size].label),
        ("seconds to build and hand over the job", f"{seconds:.2f} s", ""),
        (
            "  per label",
            f"{per_label_s * 1000:.1f} ms",
            f"≤ {GOAL_SECONDS * 1000:.0f} ms {'met' if per_label_s <= GOAL_SECONDS else 'MISSED'}",
        ),
        (f"job bytes as CUPS got it ({source})", f"{size_bytes / 1e6:.2f} MB", ""),
        (
            "  per label",
            f"{per_label_b / 1000:.1f} KB",
            f"≤ {GOAL_BYTES // 1000} KB {'met' if per_label_b <= GOAL_BYTES else 'MISSED'}",
        ),
    ] + (
        [("cups-pdf writing its PDF, for information", f"{cups_seconds:.1f} s", "")]
        if cups_output
        else []
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=int, default=300)
    parser.add_argument("--only", action="append", choices=[b[0] for b in BATCHES])
    parser.add_argument("--cups-output", action="store_true", help="wait for cups-pdf's PDF")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if make_queue() is None:
        return 0
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    use_memory_keyring()
    rows: list[tuple[str, str, str]] = []
    shops: dict[str, tuple[object, AppContext, list[int]]] = {}
    try:
        for name, carrier, size in BATCHES:
            if args.only and name not in args.only:
                continue
            if carrier not in shops:
                sandbox, ctx = prepare(args.labels, carrier)
                shops[carrier] = (sandbox, ctx, made_labels(ctx, args.labels))
            _sandbox, ctx, ids = shops[carrier]
            rows.append((f"{name}:", "", ""))
            rows += print_batch(ctx, ids, size, args.cups_output)
    finally:
        for sandbox, _ctx, _ids in shops.values():
            sandbox.stop()
        from tests.support.cups import _run

        _run("lpadmin", "-x", QUEUE)
    rows.append(("peak RSS", f"{peak_rss_mb():.0f} MB", ""))
    print_table(f"{args.labels} PDF labels in one print job (CUPS queue {QUEUE})", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
