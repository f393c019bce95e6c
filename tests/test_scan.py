"""Scan to print (issue 14, point 1): a scanned order id or packing-slip code makes the order's
label if needed and prints it at once on a real CUPS queue; a second scan never prints again
by itself; review, cancelled and unknown codes print nothing. The service, the command line."""

from __future__ import annotations

import pytest

from shipdesk.services import labels as label_service
from shipdesk.services import printing, scan, tracking
from shipdesk.store import labels as label_store
from shipdesk.store.orders import list_orders
from shipdesk.store.transactions import write_transaction
from tests.conftest import cli_env, run_cli
from tests.support.cups import PDF_QUEUE, jobs_since, queue_job_ids
from tests.test_labels import break_street, labels, open_shop


@pytest.fixture
def desk(tmp_path, start_sandbox, zebra):
    """A shop with its drafts, printing labels on the PDF queue (packing slips too)."""
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=40, seed=9)
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    return ctx, sandbox


def label_of(ctx, order_id: str) -> dict:
    with ctx.connect() as db:
        [label] = label_store.get_labels(db, label_store.active_label_ids(db, [order_id]))
    return label


def a_draft(ctx) -> str:
    return label_of_id(ctx, label_service.drafts_ready_ids(ctx)[0]).order_id


def label_of_id(ctx, label_id: int) -> dict:
    with ctx.connect() as db:
        return label_store.get_labels(db, [label_id])[0]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("403-1234567-1234567", "403-1234567-1234567"),
        ("  403-1234567-1234567\r\n", "403-1234567-1234567"),
        ("]C0403-1234567-1234567", "403-1234567-1234567"),  # a scanner's AIM prefix
        ("40312345671234567", "403-1234567-1234567"),  # dashes left out
        ("STATION2:403-1234567-1234567#", "403-1234567-1234567"),
        ("4031234567123456", None),
        ("1403-1234567-12345678", None),
        ("", None),
    ],
)
def test_the_order_id_is_found_in_what_a_scanner_types(typed: str, found: str | None) -> None:
    assert scan.order_id_in(scan.clean(typed)) == found


def test_a_scan_makes_and_prints_exactly_one_label_and_a_second_asks_first(desk) -> None:
    ctx, sandbox = desk
    order_id = a_draft(ctx)
    jobs_before = queue_job_ids(PDF_QUEUE)
    made_before = sandbox.dhl.stats["shipments:created"]

    outcome = scan.scan(ctx, f"]C0{order_id}\n")
    assert outcome.code == "printed" and outcome.ok, outcome
    assert outcome.printer == PDF_QUEUE and outcome.tracker_codes
    label = label_of(ctx, order_id)
    assert label.state == "printed" and label.print_count == 1
    assert sandbox.dhl.stats["shipments:created"] == made_before + 1
    assert len(jobs_since(PDF_QUEUE, jobs_before)) == 1
    assert tracking.status(ctx).get("pending", 0) + tracking.status(ctx).get("done", 0) >= 1

    again = scan.scan(ctx, order_id)  # a double scan: reported, nothing made or printed
    assert again.code == "already_printed" and again.label_id == label.id
    assert again.tracker_codes == outcome.tracker_codes and again.printed_at
    assert label_of(ctx, order_id).print_count == 1
    assert len(jobs_since(PDF_QUEUE, jobs_before)) == 1
    assert sandbox.dhl.stats["shipments:created"] == made_before + 1

    reprinted = scan.scan(ctx, order_id, reprint=True)  # asked for: the same label again
    assert reprinted.code == "printed" and reprinted.tracker_codes == outcome.tracker_codes
    assert label_of(ctx, order_id).print_count == 2
    assert sandbox.dhl.stats["shipments:created"] == made_before + 1


def test_a_created_label_prints_with_its_packing_slip_when_asked(desk) -> None:
    ctx, _ = desk
    order_id = a_draft(ctx)
    label_service.create_for_orders(ctx, [order_id])
    jobs_before = queue_job_ids(PDF_QUEUE)
    outcome = scan.scan(ctx, order_id, slip=True)
    assert outcome.code == "printed" and outcome.slip_printed
    assert len(jobs_since(PDF_QUEUE, jobs_before)) == 2  # the label, then the slip


def test_review_cancelled_and_unknown_codes_print_nothing(desk) -> None:
    ctx, sandbox = desk
    jobs_before = queue_job_ids(PDF_QUEUE)
    made_before = sandbox.dhl.stats["shipments:created"]
    waiting = labels(ctx, "needs_review")[0]
    review = scan.scan(ctx, waiting.order_id)
    assert review.code == "needs_review" and review.review and review.label_id == waiting.id

    order_id = a_draft(ctx)
    break_street(ctx, label_of(ctx, order_id))
    refused = scan.scan(ctx, order_id)  # the carrier refuses it: its words, nothing printed
    assert refused.code == "failed" and refused.message
    assert label_of(ctx, order_id).state == "error"

    with ctx.connect() as db:
        other = next(row.order_id for row in list_orders(db) if row.order_id != order_id)
        with write_transaction(db):
            db.execute("UPDATE orders SET status = 'CANCELLED' WHERE order_id = ?", [other])
    assert scan.scan(ctx, other).code == "cancelled"
    assert scan.scan(ctx, "999-0000000-0000000").code == "unknown"
    nothing = scan.scan(ctx, "hello")
    assert nothing.code == "unknown" and nothing.order_id == ""
    assert jobs_since(PDF_QUEUE, jobs_before) == []
    assert sandbox.dhl.stats["shipments:created"] == made_before  # the refused one made none


def test_no_printer_keeps_the_label_made_and_says_so(desk) -> None:
    ctx, _ = desk
    printing.save_settings(ctx, printing.PrintSettings(label_printer="Printer-That-Is-Gone"))
    order_id = a_draft(ctx)
    outcome = scan.scan(ctx, order_id)
    assert outcome.code == "print_failed" and outcome.extra["why"] == "printer_unknown"
    assert "is not installed" in outcome.message
    assert label_of(ctx, order_id).state == "created"  # made once; the next scan prints it
    assert tracking.status(ctx) == {}
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    assert scan.scan(ctx, order_id).code == "printed"


def test_the_command_line_scans_in_one_line_and_never_asks(tmp_path, desk) -> None:
    ctx, sandbox = desk
    env = cli_env(tmp_path, sandbox, SHIPDESK_DATA_DIR=str(ctx.paths.data_dir))
    env["SHIPDESK_DHL_ENDPOINT"] = sandbox.urls["dhl"]
    order_id = a_draft(ctx)
    printed = run_cli(["scan", order_id, "--printer", PDF_QUEUE], env)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith(f"printed: {order_id} on {PDF_QUEUE}")
    assert len(printed.stdout.splitlines()) == 1

    again = run_cli(["scan", order_id], env)
    assert again.returncode == 1 and again.stderr.startswith(f"already printed: {order_id}")
    assert "--reprint" in again.stderr
    reprint = run_cli(["scan", order_id, "--reprint"], env)
    assert reprint.returncode == 0 and reprint.stdout.startswith("printed:")
    assert labels(ctx, "printed")[0].print_count == 2 or label_of(ctx, order_id).print_count == 2

    unknown = run_cli(["scan", "999-0000000-0000000"], env)
    assert unknown.returncode == 1 and "unknown code" in unknown.stderr
