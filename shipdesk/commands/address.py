"""`shipdesk address split`: an address split the way ShipDesk splits it for a label (for
support)."""

from __future__ import annotations

import argparse
import json
import sys

from shipdesk.commands.common import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    address = commands.add_parser("address", help="address tools for support")
    address_commands = address.add_subparsers(
        dest="address_command", metavar="ACTION", required=True
    )
    split = address_commands.add_parser(
        "split",
        help="split an address line into street, number and addition",
        description="Split an address the way ShipDesk does for a label: street, number, "
        "addition, and whether a person must check it (with the reason).",
    )
    split.add_argument("line1")
    split.add_argument("line2", nargs="?", default="")
    split.add_argument("--country", default="NL", metavar="CC", help="country code (NL)")
    split.add_argument("--json", action="store_true", help="print JSON")
    split.set_defaults(handler=cmd_address)


def cmd_address(args: argparse.Namespace) -> int:
    from shipdesk.domain.address_split import split_address

    result = split_address(args.line1, args.line2 or None, country=args.country.upper())
    if args.json:
        json.dump(
            {
                "street": result.street,
                "number": result.number,
                "addition": result.addition,
                "needsReview": result.needs_review,
                "reason": result.reason,
                "isPoBox": result.is_po_box,
            },
            sys.stdout,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
    else:
        print(f"street:   {result.street}\nnumber:   {result.number}\naddition: {result.addition}")
        if result.needs_review:
            print(f"CHECK: {result.reason}")
    return EXIT_OK
