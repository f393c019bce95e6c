"""`shipdesk pick-list`: what to take from the shelves for a set of orders, per SKU."""

from __future__ import annotations

import argparse

from shipdesk.commands.common import EXIT_OK, CliError, context, output_file, qt_for_printing


def register(commands: argparse._SubParsersAction) -> None:
    picks = commands.add_parser(
        "pick-list",
        help="the items to pick for orders, per SKU, as a PDF (or printed)",
        description="One line per SKU with the units to take and in how many orders, for the "
        "given orders (default: every order whose label is not printed yet). Cancelled and "
        "shipped orders are left out and named.",
    )
    picks.add_argument("orders", nargs="*", metavar="ORDER")
    where = picks.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="FILE.pdf", help="write the PDF here")
    where.add_argument("--printer", metavar="NAME", help="print it on this printer (A4)")
    picks.add_argument("--language", choices=("nl", "en"), default="nl")
    picks.set_defaults(handler=cmd_pick_list)


def cmd_pick_list(args: argparse.Namespace) -> int:
    from shipdesk.printing.printers import PrintError
    from shipdesk.services import pick_list as pick_lists

    out = output_file(args.out) if args.out else None  # before any work
    ctx = context(args)
    orders = list(args.orders) or pick_lists.orders_to_pack(ctx)
    if not orders:
        raise CliError("no orders to pick for: every label is printed (name the orders)")
    try:
        if out is not None:
            path, picks = pick_lists.save_pick_list(ctx, orders, out, args.language)
            where = f"written to {path}"
        else:
            qt_for_printing()
            result, picks = pick_lists.print_pick_list(ctx, orders, args.language, args.printer)
            where = f"printed on {result.printer}"
    except PrintError as exc:
        raise CliError(str(exc)) from None
    left = f"; left out: {', '.join(picks.left_out)}" if picks.left_out else ""
    print(
        f"pick list {where}: {len(picks.lines)} SKUs, {picks.units} items, "
        f"{len(picks.orders)} orders{left}"
    )
    return EXIT_OK
