"""`shipdesk labels create --return ORDER…`: a return label for orders whose label is made
(the buyer asked to send something back); printed or saved when asked (see services/returns)."""

from __future__ import annotations

import argparse
import sys

from shipdesk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    UsageError,
    context,
    output_file,
    qt_for_printing,
)


def register(create: argparse.ArgumentParser) -> None:
    """The options `labels create` takes for return labels."""
    create.add_argument(
        "--return",
        dest="return_label",
        action="store_true",
        help="make a return label for each named order instead (its label must be made; the "
        "return's tracking number stays in ShipDesk, never sent to Amazon)",
    )
    create.add_argument(
        "--reason",
        metavar="TEXT",
        default="",
        help="with --return: why it comes back (for the carriers that ask)",
    )
    where = create.add_mutually_exclusive_group()
    where.add_argument(
        "--printer", metavar="NAME", help="with --return: print the return labels on this printer"
    )
    where.add_argument(
        "--out",
        metavar="FILE",
        help="with --return: save the return labels into this file (to e-mail to the buyer)",
    )


def check(args: argparse.Namespace) -> None:
    """The return options make sense only together."""
    if not args.return_label and (args.reason or args.printer or args.out):
        raise UsageError("--reason, --printer and --out go with --return")
    if args.return_label and not args.orders:
        raise UsageError("--return needs the orders it is for")
    if args.return_label and (args.all_drafts or args.retry_failed or args.parcels):
        raise UsageError("--return names orders only (no --all-drafts, --retry-failed, --parcels)")


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from shipdesk.carriers.base import CarrierError
    from shipdesk.keychain import KeychainUnavailable
    from shipdesk.printing.printers import PrintError
    from shipdesk.services import printing, returns

    out = output_file(args.out) if args.out else None  # before any work
    ctx = context(args)
    made, failed = [], 0
    for order_id in dict.fromkeys(args.orders):
        try:
            label = returns.make_return(ctx, order_id, args.reason)
        except (CarrierError, KeychainUnavailable) as exc:
            failed += 1
            print(f"{order_id}: no return label: {refusal_words(exc)}", file=sys.stderr)
            continue
        numbers = ", ".join(label.tracker_codes)
        if label.already:
            print(f"{order_id}: has a return label already: {numbers}")
        else:
            print(f"{order_id}: return label made: {numbers}")
        made.append(order_id)
    if made and (args.printer or out):
        qt_for_printing()
        config = printing.load_settings(ctx)
        if args.printer:
            config = replace(config, label_printer=args.printer)
        try:
            result = printing.print_returns(ctx, made, config=config, to_file=out)
        except (PrintError, CarrierError) as exc:
            raise CliError(str(exc)) from None
        for missing in result.not_printed:
            print(f"{missing.order_id}: return label not printed ({missing.code})", file=sys.stderr)
        print(
            f"{'Wrote' if out else 'Printed'} {result.returns} return label(s) "
            f"{'to' if out else 'on'} {result.printer}"
            + (f" (job {result.job_id})" if result.job_id else "")
            + "."
        )
    return EXIT_FAILED if failed else EXIT_OK


def refusal_words(exc: Exception) -> str:
    """Why a return label was not made, with what to do."""
    code, message = getattr(exc, "code", ""), str(exc)
    if code == "return_no_label":
        return (
            "its label is not made yet (a return goes with the label the parcel was sent "
            "with: shipdesk labels create ORDER first)"
        )
    if code == "return_unclear":
        return f"{message}; ask again to make a new one"
    if code == "carrier_rejected":
        return f"the carrier refused it: {message}"
    return message
