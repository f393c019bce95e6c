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
    labels,
    overview,
    pick_list,
    printing,
    privacy,
    sandbox,
    scan,
    senders,
    servicepoints,
    shipping_options,
    tracking,
)
from shipdesk.commands.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Run,
    UsageError,
    context,
    escape_unseen,
    notice_words,
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

    labels.register(commands)

    printing.register(commands)

    tracking.register(commands)

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
