"""`shipdesk scan CODE`: the packing desk's scan from the command line (a scanner wedge script,
a second station): one line with the outcome; exit 0 only when a label was printed."""

from __future__ import annotations

import argparse
import sys

from shipdesk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    context,
    notice_words,
    qt_for_printing,
)


def register(commands: argparse._SubParsersAction) -> None:
    scan = commands.add_parser(
        "scan",
        help="print the label of a scanned order (order id or packing-slip barcode)",
        description="What the scan field of the Orders tab does: the order's label is made if "
        "needed and printed, its tracking number queued by its carrier's rule. Never asks: an "
        "already printed label is reported, and printed again only with --reprint. Prints one "
        "line; exits 0 when it printed, 1 otherwise.",
    )
    scan.add_argument("code", metavar="CODE", help="an Amazon order id, or a packing slip's code")
    scan.add_argument("--printer", metavar="NAME", help="label printer (default: the app's)")
    scan.add_argument(
        "--slip",
        action="store_true",
        default=None,
        help="print its packing slip too (default: as the app's print settings say)",
    )
    scan.add_argument("--reprint", action="store_true", help="print an already printed label again")
    scan.set_defaults(handler=cmd_scan)


def cmd_scan(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from shipdesk.services import scan as scanning
    from shipdesk.services.print_settings import load_settings

    ctx = context(args)
    qt_for_printing()
    config = load_settings(ctx)
    if args.printer:  # a one-off choice: the app's saved settings stay as they are
        config = replace(config, label_printer=args.printer)
    outcome = scanning.scan(ctx, args.code, reprint=args.reprint, slip=args.slip, config=config)
    line = outcome_line(outcome)
    print(line, file=sys.stdout if outcome.ok else sys.stderr)
    return EXIT_OK if outcome.ok else EXIT_FAILED


def outcome_line(outcome) -> str:
    """The outcome as one line a packer (or a script) reads: what happened, then what to do."""
    order = outcome.order_id
    tracking = ", ".join(outcome.tracker_codes)
    code = outcome.code
    if code == "printed":
        line = f"printed: {order} on {outcome.printer}" + (
            f" (tracking {tracking})" if tracking else ""
        )
        if outcome.slip_printed:
            line += ", with its packing slip"
        elif outcome.extra.get("slip_error"):
            line += f"; its packing slip was not printed: {outcome.message}"
        return line
    if code == "already_printed":
        when = f" at {outcome.printed_at}" if outcome.printed_at else ""
        return (
            f"already printed: {order}{when}"
            + (f" (tracking {tracking})" if tracking else "")
            + "; not printed again (scan with --reprint to print it again)"
        )
    if code == "needs_review":
        fixes = "; ".join(notice_words(n).rstrip(". ") for n in outcome.review)
        return (
            f"needs review: {order}: {fixes or 'check the draft'}; open it in the app (Orders "
            "tab), correct it and save, then scan again"
        )
    if code == "unknown":
        return (
            f"unknown code: {outcome.scanned!r} is no order ShipDesk has (`shipdesk import` "
            "fetches new ones)"
            if order
            else f"unknown code: {outcome.scanned!r} holds no Amazon order id"
        )
    if code == "cancelled":
        return f"cancelled: {order} was cancelled at Amazon: do not ship it"
    if code == "unclear":
        return (
            f"unclear: {order}: the carrier's answer to its label was lost; check the carrier's "
            "portal, then `shipdesk labels make-again` or `mark-made` before scanning again"
        )
    if code == "failed":
        return f"not made: {order}: {outcome.message}"
    if code == "not_shippable":
        return f"not shippable: {order}: {outcome.message.replace('_', ' ')}"
    return f"not printed: {order}: {outcome.message or outcome.extra.get('why', '')}"
