"""`shipdesk privacy`: buyer data erased as Amazon requires (30 days after delivery, or at
once when Amazon asks), here and in every backup copy."""

from __future__ import annotations

import argparse
import json
import sys

from shipdesk.commands.common import (
    EXIT_OK,
    CliError,
    UsageError,
    context,
    count_between,
    counted,
    now_option,
)


def register(commands: argparse._SubParsersAction) -> None:
    privacy = commands.add_parser(
        "privacy",
        help="erase buyers' names and addresses (after delivery, or when Amazon asks)",
        description="Buyers' personal data (name, company, address, phone; in the search "
        "index, the labels and their documents, and every backup copy) is erased 30 days "
        "after delivery; an order never scanned as delivered 30 days plus a grace after the "
        "latest delivery date Amazon promised. The app does it by itself, daily.",
    )
    actions = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    purge = actions.add_parser(
        "purge",
        help="erase the buyer data that is due, now",
        description="Erase the buyer data that is due (here and in every backup copy) and "
        "print the counts as one line (or --json).",
    )
    purge.add_argument(
        "--now",
        metavar="ISO-TIME",
        help="run as if it were this time, an ISO 8601 time with its UTC offset, such as "
        "2027-01-31T09:00:00+01:00 (to look ahead)",
    )
    purge.add_argument("--json", action="store_true", help="the counts as JSON")
    purge.set_defaults(handler=cmd_purge)
    erase = actions.add_parser(
        "erase",
        help="erase the buyer data of these orders at once (Amazon's request)",
        description="Erase the buyer data of these Amazon orders now, here and in every "
        "backup copy. The order ids, dates, items and tracking stay. Nothing is erased when "
        "any of the orders is unknown.",
    )
    erase.add_argument("orders", nargs="+", metavar="ORDER", help="Amazon order id")
    erase.add_argument("--json", action="store_true", help="the result as JSON")
    erase.set_defaults(handler=cmd_erase)
    grace = actions.add_parser(
        "grace",
        help="show or set the grace after Amazon's promised delivery date",
        description="Days (after the latest delivery date Amazon promised, plus 30) before "
        "the buyer data of an order never scanned as delivered is erased. Without DAYS: "
        "show it.",
    )
    grace.add_argument("days", nargs="?", type=count_between(0, 60), metavar="DAYS")
    grace.set_defaults(handler=cmd_grace)


def cmd_purge(args: argparse.Namespace) -> int:
    from shipdesk.services import privacy

    now = now_option(args.now)
    result = privacy.purge(context(args), now)
    if args.json:
        json.dump(
            {
                "ordersErased": result.orders_erased,
                "backupsCleaned": result.backups_cleaned,
                "backupsDropped": result.backups_dropped,
            },
            sys.stdout,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    print(
        f"Buyer data erased: {counted(result.orders_erased, 'order')}; backups: "
        f"{result.backups_cleaned} cleaned, {result.backups_dropped} deleted."
    )
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    from shipdesk.services import privacy

    ctx = context(args)
    try:
        result = privacy.erase(ctx, args.orders)
    except privacy.UnknownOrders as exc:
        raise CliError(str(exc)) from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        json.dump(
            {
                "erased": result.erased,
                "alreadyErased": result.already,
                "backupsCleaned": result.backups_cleaned,
                "backupsDropped": result.backups_dropped,
            },
            sys.stdout,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    print(
        f"Buyer data erased: {counted(len(result.erased), 'order')}"
        + (f" ({len(result.already)} erased before)" if result.already else "")
        + f"; backups: {result.backups_cleaned} cleaned, {result.backups_dropped} deleted."
    )
    return EXIT_OK


def cmd_grace(args: argparse.Namespace) -> int:
    from shipdesk.services import privacy

    ctx = context(args)
    if args.days is not None:
        privacy.set_grace_days(ctx, args.days)
    days = privacy.grace_days(ctx)
    print(
        f"Buyer data of an order never scanned as delivered is erased "
        f"{privacy.AFTER_DELIVERY_DAYS} days plus {counted(days, 'day')} of grace after the "
        "latest delivery date Amazon promised (a delivered one: "
        f"{privacy.AFTER_DELIVERY_DAYS} days after delivery)."
    )
    return EXIT_OK
