"""`shipdesk print labels` (the created labels as one print job, or one file) and `shipdesk
packing-slips` (as a PDF, or printed)."""

from __future__ import annotations

import argparse
import sys

from shipdesk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    context,
    counted,
    output_file,
    qt_for_printing,
)


def register(commands: argparse._SubParsersAction) -> None:
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
    print_labels.set_defaults(handler=cmd_print)

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
    slips.set_defaults(handler=cmd_packing_slips)


def _label_ids(ctx, orders: list[str], fallback_states: list[str]) -> list[int]:
    from shipdesk.services import printing
    from shipdesk.store import labels as label_store

    if orders:
        return printing.labels_for_orders(ctx, orders)
    with ctx.connect() as db:
        return label_store.label_ids_in_state(db, fallback_states)


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
            orders = [label.order_id for label in label_store.get_labels(db, ids)]
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
