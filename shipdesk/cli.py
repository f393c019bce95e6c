"""The `shipdesk` command: the GUI by default, headless subcommands for automation and support.

Exit codes: 0 success, 1 the job failed (the reason is printed), 2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from shipdesk import __version__
from shipdesk.carriers.registry import CARRIERS
from shipdesk.commands import (
    address,
    broker,
    connect,
    keys,
    label_fixes,
    overview,
    pick_list,
    privacy,
    returns,
    sandbox,
    scan,
    senders,
    servicepoints,
    shipping_options,
)
from shipdesk.commands.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Run,
    UsageError,
    carrier_said,
    context,
    count_between,
    counted,
    escape_unseen,
    notice_words,
    output_file,
    qt_for_printing,
    table,
)

log = logging.getLogger("shipdesk.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shipdesk",
        description=f"ShipDesk: Amazon orders to {' / '.join(c.name for c in CARRIERS.values())} "
        "labels. Without a command it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"ShipDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="use this data folder instead of the default (also $SHIPDESK_DATA_DIR)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app wired to the built-in sandbox, with its own demo data folder",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log to stderr as well")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start offscreen, check the window, database, keychain, QtPdf and printers, and "
        "exit 0 (or print what is broken and exit 1)",
    )
    parser.add_argument(
        "--lang", choices=("nl", "en"), help="the app's language (default: the system's)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sandbox.register(commands)

    connect.register(commands)

    address.register(commands)

    broker.register(commands)

    labels = commands.add_parser("labels", help="create labels at the carrier, or void them")
    label_commands = labels.add_subparsers(dest="labels_command", metavar="ACTION", required=True)
    create = label_commands.add_parser(
        "create",
        help="create labels for drafts",
        description="Create labels at the carrier for the given orders' drafts (or all drafts "
        "that need no review); failed ones stay on their order with the carrier's message.",
    )
    create.add_argument("orders", nargs="*", metavar="ORDER", help="Amazon order ids")
    create.add_argument("--all-drafts", action="store_true", help="every draft ready to create")
    create.add_argument("--retry-failed", action="store_true", help="labels that failed before")
    create.add_argument(
        "--concurrency", type=count_between(1, 16), default=4, help="carrier calls at a time (4)"
    )
    create.add_argument(
        "--parcels",
        type=count_between(1, 10),
        metavar="N",
        help="the named orders go in N parcels: one shipment, a label and a tracking number "
        "per parcel, and Amazon told one package per parcel",
    )
    create.add_argument(
        "--weights",
        metavar="KG,KG,…",
        help="with --parcels: each parcel's weight in kg, in order (default: the draft's weight "
        "each)",
    )
    returns.register(create)
    label_fixes.register(label_commands)

    print_ = commands.add_parser("print", help="print labels")
    print_commands = print_.add_subparsers(dest="print_command", metavar="WHAT", required=True)
    print_labels = print_commands.add_parser(
        "labels",
        help="print created labels as one job",
        description="Print the created labels of the given orders (default: all created, not "
        "yet printed) as one job; then their tracking numbers are queued for Amazon.",
    )
    print_labels.add_argument("orders", nargs="*", metavar="ORDER")
    where = print_labels.add_mutually_exclusive_group()
    where.add_argument(
        "--printer", metavar="NAME", help="printer (default: the one chosen in the app)"
    )
    where.add_argument(
        "--out",
        metavar="FILE",
        help="write the labels to one file instead (PDF, or ZPL with --format zpl), to print "
        "elsewhere; they count as printed and their tracking numbers are queued",
    )
    print_labels.add_argument("--format", choices=("pdf", "zpl"), help="label format")
    print_labels.add_argument("--dpi", type=int, choices=(203, 300), help="ZPL resolution")

    slips = commands.add_parser(
        "packing-slips",
        help="packing slips as a PDF file (or printed)",
        description="Packing slips for the given orders (default: every order with a created or "
        "printed label) as one PDF.",
    )
    slips.add_argument("orders", nargs="*", metavar="ORDER")
    slips.add_argument("--out", metavar="FILE.pdf", help="write the PDF here")
    slips.add_argument("--printer", metavar="NAME", help="print on this printer instead")
    slips.add_argument("--paper", choices=("A4", "A6"))
    slips.add_argument(
        "--language",
        choices=("nl", "en", "recipient"),
        help="recipient: Dutch to NL and BE, English elsewhere (default: the print settings)",
    )

    commands.add_parser(
        "upload-tracking",
        help="send queued tracking numbers to Amazon now",
        description="Send every due tracking number in the outbox to Amazon (confirmShipment).",
    )

    tracking = commands.add_parser("tracking", help="the parcels' track & trace at the carriers")
    tracking_commands = tracking.add_subparsers(dest="action", metavar="ACTION", required=True)
    refresh = tracking_commands.add_parser(
        "refresh",
        help="ask the carriers where the handed-over parcels are, once, now",
        description="One round of track & trace: every label printed or shipped and not yet "
        "delivered (made in the last 45 days) is asked about at its carrier, at most once an "
        "hour. Prints one line of counts (or --json); exits 1 when a carrier could not be "
        "asked.",
    )
    refresh.add_argument("--json", action="store_true", help="the counts as JSON")
    refresh.set_defaults(handler=cmd_tracking_refresh)

    importing = commands.add_parser(
        "import",
        help="import new and updated Amazon orders once",
        description="One import run: progress on stderr, a one-line summary on stdout.",
    )
    importing.add_argument(
        "--marketplaces",
        metavar="LIST",
        help="comma-separated country codes or marketplace ids for this run (default: the "
        "marketplaces chosen in the app, NL when none)",
    )

    endpoints = commands.add_parser(
        "endpoints",
        help="show or set where Amazon, LWA, the broker and the carriers are",
        description="Without an action: each service's address and where it comes from. "
        "Environment variables (SHIPDESK_*_ENDPOINT, SHIPDESK_BROKER_URL) win over what is "
        "set here; what is set here wins over the built-in production addresses.",
    )
    endpoint_commands = endpoints.add_subparsers(dest="endpoints_command", metavar="ACTION")
    set_endpoint = endpoint_commands.add_parser("set", help="store an address in the settings")
    set_endpoint.add_argument("name", choices=("amazon", "lwa", "broker", *CARRIERS))
    set_endpoint.add_argument("url", help="base address, https:// (http:// only on 127.0.0.1)")
    reset_endpoint = endpoint_commands.add_parser(
        "reset", help="forget a stored address (back to the default)"
    )
    reset_endpoint.add_argument("name", choices=("amazon", "lwa", "broker", *CARRIERS))

    orders = commands.add_parser("orders", help="work with the stored orders")
    order_commands = orders.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    listing = order_commands.add_parser(
        "list",
        help="list the stored orders",
        description="List the stored orders: a table to read, or every detail as JSON.",
    )
    listing.add_argument("--json", action="store_true", help="print the orders as a JSON array")
    servicepoints.register(commands, order_commands)
    senders.register(commands)
    keys.register(commands)
    scan.register(commands)
    pick_list.register(commands)
    overview.register(commands)
    shipping_options.register(commands)
    privacy.register(commands)
    return parser


class TerminalSafe(io.TextIOBase):
    """What the commands print, with characters that would act on the terminal (ANSI escapes,
    a right-to-left override, other invisible ones) written out as escapes: addresses and
    carrier messages come from outside."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape_unseen(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the window). A reader that stops early (`shipdesk orders list |
    head`) ends the command quietly with 141, the shell's code for a SIGPIPE."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from shipdesk.selftest import run_self_test

        return run_self_test(args)
    if args.command is None:
        from shipdesk.ui.app import run_gui

        return run_gui(args)
    if args.demo:
        parser.error("--demo opens the app; it cannot be combined with a command")
    handler = (
        getattr(args, "handler", None)
        or {
            "import": cmd_import,
            "endpoints": cmd_endpoints,
            "orders": cmd_orders,
            "labels": cmd_labels,
            "print": cmd_print,
            "packing-slips": cmd_packing_slips,
            "upload-tracking": cmd_upload_tracking,
        }[args.command]
    )
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(sys.stdout), TerminalSafe(sys.stderr)
    try:
        return _run(handler, args)
    finally:
        sys.stdout, sys.stderr = streams


def _run(handler, args: argparse.Namespace) -> int:
    try:
        code = handler(args)
        sys.stdout.flush()  # a reader gone by now shows here, not as a message at exit
        return code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `shipdesk orders list | head`: the reader has what it wanted; end quietly (what is
        # still buffered goes to the null device at exit, not to a traceback), with the code a
        # shell gives a program that SIGPIPE ended (Python's own recipe, signal module docs).
        with contextlib.suppress(OSError):
            if sys.__stdout__ is not None:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())
        sigpipe = getattr(signal, "SIGPIPE", None)  # none on Windows
        return 128 + sigpipe if sigpipe else EXIT_FAILED
    except UsageError as exc:
        print(f"shipdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CliError as exc:
        print(f"shipdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a bug: say so in one line, keep the traceback in the log
        from shipdesk.services.errors import KeychainUnavailable, as_database_error

        if isinstance(exc, KeychainUnavailable):  # not a bug: the machine has no usable one
            log.warning("command %s: the keychain cannot be used: %s", args.command, exc)
            print(f"shipdesk: {_keychain_words(exc)}", file=sys.stderr)
            return EXIT_FAILED
        problem = as_database_error(exc, Run.paths)
        if problem is not None:  # a full disk or a read-only folder mid-run
            print(f"shipdesk: {problem}", file=sys.stderr)
            return EXIT_FAILED
        log.exception("command %s failed", args.command)
        where = f" (details in {Run.log_file})" if Run.log_file else ""
        print(f"shipdesk: unexpected error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return EXIT_FAILED


def _keychain_words(exc: Exception) -> str:
    """KeychainUnavailable in one line that ends with what to do."""
    text = " ".join(str(exc).split()).rstrip(".")
    if "PYTHON_KEYRING_BACKEND" in text or "SHIPDESK_KEYRING" in text:
        return text + "."  # it names the way out already
    if text.startswith("ShipDesk's encrypted keyring file"):
        return (
            f"{text}. Check that file and SHIPDESK_KEYRING_PASSPHRASE (see the README, "
            '"Without a system keychain").'
        )
    return (
        f"{text}. Unlock the system keychain (or let ShipDesk use it) and run the command "
        'again; on a machine without one, see the README, "Without a system keychain".'
    )


def cmd_import(args: argparse.Namespace) -> int:
    from shipdesk.amazon.errors import AmazonError
    from shipdesk.keychain import KeychainUnavailable
    from shipdesk.retrying import CancelledError
    from shipdesk.services.drafts import make_drafts
    from shipdesk.services.importing import ImportProgress, import_orders

    ctx = context(args)
    cancel = threading.Event()

    def show(progress: ImportProgress) -> None:
        print(
            f"page {progress.pages}: {progress.received} orders "
            f"({progress.inserted} new, {progress.updated} updated)",
            file=sys.stderr,
            flush=True,
        )

    marketplaces = _marketplace_ids(args.marketplaces) if args.marketplaces else None
    try:
        result = import_orders(ctx, show, cancel, marketplace_ids=marketplaces)
    except KeyboardInterrupt:
        cancel.set()
        raise
    except CancelledError:
        print("Import cancelled; it continues where it stopped next time.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (AmazonError, KeychainUnavailable) as exc:
        raise CliError(f"import failed: {exc}") from None
    line = result.summary()
    try:
        drafts = make_drafts(ctx, cancel)
    except CancelledError:
        print(line)
        print("Drafts stopped; they are made on the next run.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the orders are in; their drafts are made on the next run
        print(line)
        print(f"drafts not made: {exc}", file=sys.stderr)
        return EXIT_OK
    if drafts.skipped_reason == "failed":
        print(f"drafts not made: {' '.join(drafts.problems)}", file=sys.stderr)
    if drafts.made or drafts.removed or drafts.unchecked:
        line = line.removesuffix(".") + (
            f"; drafts: {drafts.made} made ({drafts.needs_review} need review), "
            f"{drafts.removed} removed for cancelled orders"
            + (
                f", {drafts.unchecked} not checked yet (carrier unreachable)"
                if drafts.unchecked
                else ""
            )
            + "."
        )
    print(line)  # one line, for scripts
    return EXIT_OK


def _marketplace_ids(text: str) -> list[str]:
    from shipdesk.domain.marketplaces import BY_ID, EU_MARKETPLACES

    by_country = {m.country: m.id for m in EU_MARKETPLACES}
    ids = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        if part.upper() in by_country:
            ids.append(by_country[part.upper()])
        elif part in BY_ID:
            ids.append(part)
        else:
            known = ", ".join(sorted(by_country))
            raise CliError(f"unknown marketplace {part!r}; use one of {known} or an id")
    return ids


def draft_json(label: dict[str, Any] | None) -> dict[str, Any] | None:
    if label is None:
        return None
    receiver = label["receiver"]
    return {
        "state": label["state"],
        "carrier": label["carrier"],
        "accountNumber": label["account_number"],
        "recipientType": label["recipient_type"],
        "receiver": {
            "firstName": receiver.get("first_name"),
            "lastName": receiver.get("last_name"),
            "companyName": receiver.get("company_name"),
            "street": receiver.get("street"),
            "number": receiver.get("number"),
            "addition": receiver.get("addition"),
            "postalCode": receiver.get("postal_code"),
            "city": receiver.get("city"),
            "countryCode": receiver.get("country_code"),
            "isBusiness": receiver.get("is_business"),
        },
        "needsReview": label["state"] == "needs_review",
        "review": label["review"],
        "product": label["product"],
        "options": [{"key": k, "input": v} for k, v in label["options"]],
        "parcelType": label["parcel_type"],
        "weightKg": label["weight_kg"],
        "warnings": label["warnings"],
        "servicePoint": label.get("service_point"),  # the pickup point it goes to, or null
    }


def _label_ids(ctx, orders: list[str], fallback_states: list[str]) -> list[int]:
    from shipdesk.services import printing
    from shipdesk.store import labels as label_store

    if orders:
        return printing.labels_for_orders(ctx, orders)
    with ctx.connect() as db:
        return label_store.label_ids_in_state(db, fallback_states)


def _weights(args: argparse.Namespace) -> list[float]:
    """--weights as numbers (a dot for decimals: the comma separates the parcels), one per
    parcel, each above 0."""
    if not args.weights:
        return []
    if not args.parcels:
        raise UsageError("--weights needs --parcels N")
    try:
        weights = [float(w) for w in args.weights.replace(";", ",").split(",") if w.strip()]
    except ValueError:
        raise UsageError(f"--weights {args.weights!r}: give kilograms like 2.5,1.2,0.8") from None
    if len(weights) != args.parcels:
        raise UsageError(f"--weights gives {len(weights)} weights for {args.parcels} parcels")
    from shipdesk.services.labels import check_parcels

    try:
        check_parcels(args.parcels, weights)
    except ValueError as exc:
        raise UsageError(f"--weights: {exc}") from None
    return weights


def cmd_labels(args: argparse.Namespace) -> int:
    from shipdesk.carriers.base import CarrierError
    from shipdesk.services import labels as label_service

    returns.check(args)
    if args.return_label:
        return returns.run(args)
    weights = _weights(args)
    if args.parcels and not args.orders:
        raise UsageError("--parcels needs the orders it is for")
    ctx = context(args)
    if args.parcels:
        for skipped in label_service.set_parcels(ctx, args.orders, args.parcels, weights):
            print(
                f"{skipped.order_id}: parcels not set: {_skipped_words(skipped)}", file=sys.stderr
            )
    if args.retry_failed:
        ids = label_service.retry_failed_ids(ctx)
    elif args.all_drafts:
        ids = label_service.drafts_ready_ids(ctx)
    elif args.orders:
        ids = list(args.orders)  # orders without a label get their draft first
    else:
        raise UsageError("name the orders, or use --all-drafts or --retry-failed")
    if not ids:
        print("Nothing to create.")
        return EXIT_OK

    def show(progress) -> None:
        print(
            f"{progress.done}/{progress.total} done, {progress.failed} failed",
            file=sys.stderr,
            flush=True,
        )

    try:
        if args.orders and not (args.retry_failed or args.all_drafts):
            result = label_service.create_for_orders(
                ctx, args.orders, show, concurrency=args.concurrency
            )
        else:
            result = label_service.create_labels(ctx, ids, show, concurrency=args.concurrency)
    except CarrierError as exc:
        raise CliError(carrier_said(exc.code, str(exc))) from None
    for skipped in result.skipped_orders:
        print(f"{skipped.order_id}: skipped: {_skipped_words(skipped)}", file=sys.stderr)
    unclear = []
    for outcome in result.outcomes:
        if outcome.amazon_has_voided:
            print(
                f"{outcome.order_id}: Amazon still has the voided label's tracking number "
                f"{', '.join(outcome.amazon_has_voided)}: in Seller Central, Orders → Manage "
                f"Orders → this order → Edit shipment, replace it with "
                f"{', '.join(outcome.tracker_codes)}",
                file=sys.stderr,
            )
        if outcome.return_codes:
            print(f"{outcome.order_id}: return label {', '.join(outcome.return_codes)}")
        if outcome.return_problem is not None:
            print(
                f"{outcome.order_id}: label made, its return label not: "
                f"{returns.refusal_words(outcome.return_problem)}",
                file=sys.stderr,
            )
        if not outcome.ok:
            print(
                f"{outcome.order_id}: {carrier_said(outcome.error_code, outcome.message)}",
                file=sys.stderr,
            )
            if outcome.error_code == "carrier_unclear":
                unclear.append(outcome.order_id)
    not_made = max(result.skipped, len(result.skipped_orders))
    print(f"Labels: {result.created} created, {result.failed} failed, {not_made} skipped.")
    if unclear:
        print(
            "When a label is not in the carrier's portal: shipdesk labels make-again ORDER…; "
            "when it is: shipdesk labels mark-made ORDER PARCEL_NUMBER",
            file=sys.stderr,
        )
    return EXIT_OK if not result.failed else EXIT_FAILED


MADE_WORDS = {
    "created": "made, not printed yet",
    "printed": "printed",
    "shipped": "shipped",
}
NO_DRAFT_WORDS = {
    "fulfilled_by_amazon": "Amazon ships this order itself (fulfilled by Amazon)",
    "items_unreadable": "its items could not be read from Amazon; check the order in Seller "
    "Central",
    "no_carrier": "no carrier is connected (shipdesk connect "
    + " or shipdesk connect ".join(CARRIERS)
    + ")",
    "unchecked": "the carrier could not be reached to check the address; try again in a moment",
    "unknown": "none could be made from the shipping options (details in the log)",
}
AMAZON_STATUS_WORDS = {
    "PENDING": "Amazon has not confirmed the payment yet",
    "SHIPPED": "Amazon has it as shipped already",
}


def _skipped_words(skipped) -> str:
    """Why `labels create` did not try an order's label, in plain words with what to do."""
    reason = skipped.reason
    if reason == "unknown_order":
        return "no such order here (see `shipdesk orders list`; `shipdesk import` fetches new ones)"
    if reason == "cancelled":
        return "the order was cancelled at Amazon; do not ship it"
    if reason == "needs_review":
        fixes = "; ".join(notice_words(n).rstrip(". ") for n in skipped.review)
        return (
            f"its draft needs review: {fixes or 'check the draft'}. Fix it in the app (Orders "
            "tab: open the order, correct it and save), then create it again"
        )
    if reason == "made":
        made = MADE_WORDS.get(skipped.state, skipped.state.replace("_", " "))
        return (
            f"its label is already made ({made}); to make a new one, first "
            "`shipdesk labels void ORDER`"
        )
    if reason == "unclear":
        return (
            "its last label may have reached the carrier and waits for your check: look in "
            "the carrier's portal, then `shipdesk labels make-again ORDER` or "
            "`shipdesk labels mark-made ORDER PARCEL_NUMBER`"
        )
    if reason == "carrier_refused":
        return "not tried: the carrier refused the login for an earlier label of this run"
    if reason == "no_draft":
        if skipped.detail == "not_waiting":
            status = skipped.state or "unknown"
            why = AMAZON_STATUS_WORDS.get(status, f"Amazon's status is {status.lower()}")
            return f"no draft: the order is not waiting to be shipped ({why})"
        if skipped.detail == "failed":
            return f"no draft could be made: {skipped.message}"
        why = NO_DRAFT_WORDS.get(skipped.detail, NO_DRAFT_WORDS["unknown"])
        return f"no draft could be made: {why}"
    return f"its label is {skipped.state.replace('_', ' ')}, not a draft"


def cmd_print(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from shipdesk.carriers.base import CarrierError
    from shipdesk.printing.printers import PrintError
    from shipdesk.services import printing

    out = output_file(args.out) if args.out else None  # before any work
    ctx = context(args)
    _app = qt_for_printing()
    config = printing.load_settings(ctx)
    changes = {
        k: v
        for k, v in (
            ("label_printer", args.printer),
            ("label_format", args.format),
            ("zpl_dpi", args.dpi),
        )
        if v
    }
    ids = _label_ids(ctx, args.orders, ["created"])
    reasons = {
        "document_damaged": "its label document is damaged",
        "document_gone": "ShipDesk has no document of it (print it from the carrier's portal)",
    }

    def say(missing) -> None:
        reason = reasons.get(missing.code, "its label document is not to be had")
        detail = f" ({missing.detail})" if missing.detail else ""
        print(f"{missing.order_id}: not printed, {reason}{detail}", file=sys.stderr)

    try:  # a one-off choice for this run: the app's saved settings stay as they are
        result = printing.print_labels(ctx, ids, config=replace(config, **changes), to_file=out)
    except printing.LabelsNotPrinted as exc:
        for missing in exc.not_printed:
            say(missing)
        raise CliError(str(exc)) from None
    except (PrintError, CarrierError) as exc:
        raise CliError(str(exc)) from None
    for missing in result.not_printed:
        say(missing)
    done = "Wrote" if out else "Printed"
    print(
        f"{done} {counted(result.pages, 'page')} {'to' if out else 'on'} {result.printer}"
        + (f" (job {result.job_id})" if result.job_id else "")
        + "."
    )
    return EXIT_FAILED if result.not_printed else EXIT_OK


def cmd_packing_slips(args: argparse.Namespace) -> int:
    from pathlib import Path

    from shipdesk.printing.printers import PrintError
    from shipdesk.services import printing

    out = output_file(args.out) if args.out else Path("packing-slips.pdf")  # before any work
    ctx = context(args)
    orders = list(args.orders)
    if not orders:
        from shipdesk.store import labels as label_store

        with ctx.connect() as db:
            ids = label_store.label_ids_in_state(db, ["created", "printed"])
            orders = [label["order_id"] for label in label_store.get_labels(db, ids)]
    if not orders:
        raise CliError("no orders with a created label; name the orders")
    sorted_out = printing.slip_orders(ctx, orders)
    if sorted_out.unknown:
        raise CliError(
            f"no such order here: {', '.join(sorted_out.unknown)} (see `shipdesk orders list`)"
        )
    for order_id in sorted_out.cancelled:
        print(f"{order_id}: cancelled at Amazon, do not ship it; no packing slip", file=sys.stderr)
    orders = list(sorted_out.ready)
    if not orders:
        raise CliError("no packing slips: every order named was cancelled")
    try:
        if args.printer:
            _app = qt_for_printing()
            result = printing.print_packing_slips(
                ctx, orders, printer=args.printer, paper=args.paper, language=args.language
            )
            print(f"Printed {counted(result.pages, 'page')} on {result.printer}.")
        else:
            out = printing.save_packing_slips(
                ctx,
                orders,
                out,
                paper=args.paper,
                language=args.language,
            )
            print(f"Wrote {counted(len(orders), 'packing slip')} to {out}.")
    except PrintError as exc:
        raise CliError(str(exc)) from None
    return EXIT_OK


def cmd_upload_tracking(args: argparse.Namespace) -> int:
    from shipdesk.amazon.errors import AmazonError
    from shipdesk.services import tracking

    ctx = context(args)
    try:
        result = tracking.upload_due(ctx)
    except AmazonError as exc:
        raise CliError(str(exc)) from None
    print(
        f"Tracking: {result.confirmed} confirmed, {result.retrying} to retry, "
        f"{result.needs_attention} refused by Amazon"
        + (f"; stopped: {result.stopped}" if result.stopped else "")
        + "."
    )
    return EXIT_FAILED if result.stopped or result.needs_attention else EXIT_OK


def cmd_tracking_refresh(args: argparse.Namespace) -> int:
    from shipdesk.services import delivery

    result = delivery.refresh(context(args))
    if args.json:
        json.dump(
            {
                "checked": result.checked,
                "inTransit": result.in_transit,
                "delivered": result.delivered,
                "problems": result.problems,
                "failed": result.failed,
            },
            sys.stdout,
        )
        sys.stdout.write("\n")
    else:
        print(
            f"Track & trace: {result.checked} checked, {result.in_transit} on their way, "
            f"{result.delivered} newly delivered, {len(result.problems)} with a problem"
            + "".join(f"; {key} not asked: {why}" for key, why in result.failed.items())
            + "."
        )
        for order_id in result.problems:
            print(f"{order_id}: the carrier reports a problem with the parcel", file=sys.stderr)
    return EXIT_FAILED if result.failed else EXIT_OK


TRACKING_TO_AMAZON = {"pending": "waiting", "done": "sent", "needs_attention": "refused"}


def order_json(row: dict[str, Any]) -> dict[str, Any]:
    label = row.get("label") or {}
    return {
        "orderId": row["order_id"],
        "createdTime": row["created_time"],
        "lastUpdatedTime": row["last_updated_time"],
        "status": row["status"],
        "marketplaceId": row["marketplace_id"],
        "fulfilledBy": row["fulfilled_by"],
        "programs": row["programs"],
        "shipByLatest": row["ship_by_latest"],
        "recipientName": row["recipient_name"],
        "companyName": row["company_name"],
        "addressLines": [
            line
            for line in (row["address_line1"], row["address_line2"], row["address_line3"])
            if line
        ],
        "city": row["city"],
        "postalCode": row["postal_code"],
        "countryCode": row["country_code"],
        "problems": row["problems"],
        "packages": row["packages"],
        "draft": draft_json(row.get("label")),
        # One per parcel, from the carrier (none before the label is created).
        "trackingNumbers": list(label.get("tracker_codes") or []),
        # `status` is Amazon's, as last imported; this is ours: has Amazon been told?
        "trackingToAmazon": TRACKING_TO_AMAZON.get(row.get("upload_state") or ""),
        # Where the parcel is, from the carrier's track & trace (null before it is asked).
        "deliveryStatus": label.get("delivery_status"),
        "deliveredAt": label.get("delivered_at"),
        # The moments the reports count with (null until they happen).
        "carrier": label.get("carrier"),
        "labelState": label.get("state"),
        "labelCreatedAt": label.get("label_created_at"),
        "printedAt": label.get("printed_at"),
        "trackingSentAt": label.get("tracking_sent_at"),
        "trackingAcceptedAt": label.get("tracking_accepted_at"),
        "firstScanAt": label.get("first_scan_at"),
        # Name, company, address and phone erased (30 days after delivery, or Amazon asked).
        "buyerDataErased": bool(row.get("buyer_data_erased_at")),
        # Return labels (never sent to Amazon): state made | failed | voided | pending.
        "returnLabels": [
            {
                "state": r["state"],
                "carrier": r["carrier"],
                "trackingNumbers": r["tracker_codes"],
                "createdAt": r["created_at"],
                "printedAt": r["printed_at"],
                "error": r["error_code"],
            }
            for r in row.get("returns") or []
        ],
        "items": [
            {
                "orderItemId": item["order_item_id"],
                "sellerSku": item["seller_sku"],
                "asin": item["asin"],
                "title": item["title"],
                "quantity": item["quantity"],
            }
            for item in row["items"]
        ],
    }


def cmd_endpoints(args: argparse.Namespace) -> int:
    from shipdesk.services import endpoints

    ctx = context(args)
    try:
        if args.endpoints_command == "set":
            endpoints.set_endpoint(ctx, args.name, args.url)
        elif args.endpoints_command == "reset":
            endpoints.reset_endpoint(ctx, args.name)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for endpoint in endpoints.describe(ctx):
        print(f"{endpoint.name:<7} {endpoint.url or '-':<45} {endpoint.source}")
    return EXIT_OK


def cmd_orders(args: argparse.Namespace) -> int:
    from shipdesk.services.orders import list_orders

    rows = list_orders(context(args))
    if args.json:
        json.dump([order_json(r) for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if not rows:
        print("No orders yet: connect Amazon, then run `shipdesk import`.")
        return EXIT_OK
    print(table([_order_line(r) for r in rows], ORDER_COLUMNS))
    print(f"{len(rows)} orders.")
    return EXIT_OK


ORDER_COLUMNS = ["ORDER", "DATE", "STATE", "SHIP BY", "TO", "CARRIER", "TRACKING", "ATTENTION"]


def _order_line(row: dict[str, Any]) -> list[str]:
    """One order as the owner reads it: what it is, where it goes, where it stands."""
    from shipdesk.services.labels import normalise_postal_code

    label = row.get("label") or {}
    state = row["status"].lower()
    if label and row["status"] in ("UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED"):
        state = label["state"].replace("_", " ")
    attention = [p.replace("_", " ") for p in row["problems"]]
    if label.get("state") == "error":
        attention.append(label.get("error_message") or "label failed")
    attention += [notice_words(n) for n in label.get("review") or []]
    postcode = normalise_postal_code(row["postal_code"] or "", row["country_code"] or "")
    where = ", ".join(p for p in (postcode, row["city"], row["country_code"]) if p)
    return [
        row["order_id"],
        (row["created_time"] or "")[:10],
        state,
        (row["ship_by_latest"] or "")[:16].replace("T", " "),
        where[:40],
        label.get("carrier") or "",  # the label's carrier key; blank without a label
        " ".join(label.get("tracker_codes") or []),
        "; ".join(attention)[:80],
    ]


def broker_main() -> int:
    """The `shipdesk-broker` console script: `shipdesk broker` for the vendor's servers."""
    return main(["broker", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
