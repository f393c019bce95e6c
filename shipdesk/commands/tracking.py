"""`shipdesk upload-tracking` (the queued tracking numbers to Amazon, now) and `shipdesk
tracking refresh` (one round of the carriers' track & trace)."""

from __future__ import annotations

import argparse
import json
import sys

from shipdesk.commands.common import EXIT_FAILED, EXIT_OK, CliError, context


def register(commands: argparse._SubParsersAction) -> None:
    upload = commands.add_parser(
        "upload-tracking",
        help="send queued tracking numbers to Amazon now",
        description="Send every due tracking number in the outbox to Amazon (confirmShipment).",
    )
    upload.set_defaults(handler=cmd_upload_tracking)

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
