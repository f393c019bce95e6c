"""`shipdesk sender`: the sender address book (Shipping Options, setting 1) from the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from shipdesk.commands.common import EXIT_OK, CliError, context, table

FIELDS = (
    ("name", "--name", "contact name"),
    ("company_name", "--company", "company name"),
    ("street", "--street", "street"),
    ("number", "--number", "house number (digits)"),
    ("addition", "--addition", "addition to the house number"),
    ("postal_code", "--postcode", "postcode"),
    ("city", "--city", "city"),
    ("country_code", "--country", "country code, e.g. NL"),
    ("phone", "--phone", "phone number"),
    ("email", "--email", "e-mail address"),
)
REQUIRED = ("--street", "--number", "--postcode", "--city", "--country")


def register(commands: argparse._SubParsersAction) -> None:
    sender = commands.add_parser(
        "sender",
        help="the sender addresses printed on the labels",
        description="The sender address book (Shipping Options, setting 1).",
    )
    actions = sender.add_subparsers(dest="sender_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add a sender address",
        description="Add a sender address. Every field is checked against the field lengths "
        "of the connected carriers (of every carrier ShipDesk knows while none is connected).",
    )
    for _field, flag, text in FIELDS:
        add.add_argument(flag, required=flag in REQUIRED, default="", help=text)
    add.add_argument("--default", action="store_true", help="print it on every label from now on")
    add.set_defaults(handler=cmd_add)
    listing = actions.add_parser("list", help="list the sender addresses")
    listing.add_argument("--json", action="store_true", help="print them as a JSON array")
    listing.set_defaults(handler=cmd_list)
    remove = actions.add_parser("remove", help="remove a sender address")
    remove.add_argument("id", type=int, metavar="ID")
    remove.set_defaults(handler=cmd_remove)
    default = actions.add_parser("default", help="choose the address printed on every label")
    default.add_argument("id", type=int, metavar="ID")
    default.set_defaults(handler=cmd_default)


def _camel(values: dict) -> dict:
    """Keys as the other JSON of the CLI writes them (orders list: postalCode, countryCode)."""
    return {
        key.split("_")[0] + "".join(part.title() for part in key.split("_")[1:]): value
        for key, value in values.items()
    }


def _flag(field: str) -> str:
    return next(flag for name, flag, _ in FIELDS if name == field)


def cmd_add(args: argparse.Namespace) -> int:
    from shipdesk.domain.shipping import SenderAddress
    from shipdesk.services import shipping_settings

    ctx = context(args)
    values = {field: getattr(args, flag[2:].replace("-", "_")) for field, flag, _ in FIELDS}
    address = SenderAddress(id=None, **values)
    try:
        new_id = shipping_settings.save_address(ctx, address)
    except shipping_settings.AddressRefused as refused:
        said = {
            "name": "give --name or --company",
            "number_digits": "--number may hold digits only (letters go in --addition)",
        }
        problems = [said.get(f) or f"{_flag(f)} is missing" for f in refused.missing]
        problems += [
            f"{_flag(field)} is longer than {limit} characters" for field, limit in refused.too_long
        ]
        problems += [f"{_flag(field)} {refused.words(reason)}" for field, reason in refused.invalid]
        raise CliError("the address was not saved: " + "; ".join(problems)) from None
    shipping_settings.use_sender(ctx, new_id, where_unset=not args.default)
    saved = shipping_settings.sender(ctx)
    is_default = saved is not None and saved.id == new_id
    print(f"Sender address {new_id} added" + (" (the default)." if is_default else "."))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from shipdesk.services import shipping_settings

    ctx = context(args)
    book = shipping_settings.address_book(ctx)
    chosen = shipping_settings.sender(ctx)
    default_id = chosen.id if chosen else None
    if args.json:
        json.dump(
            [{**_camel(asdict(a)), "default": a.id == default_id} for a in book],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    if not book:
        print("No sender addresses yet: add one with `shipdesk sender add`.")
        return EXIT_OK
    rows = [
        [
            str(a.id),
            "*" if a.id == default_id else "",
            a.company_name or a.name,
            f"{a.street} {a.number}{a.addition}, {a.postal_code} {a.city}, {a.country_code}",
        ]
        for a in book
    ]
    print(table(rows, ["ID", "DEFAULT", "NAME", "ADDRESS"]))
    return EXIT_OK


def _existing(ctx, address_id: int):
    from shipdesk.services import shipping_settings

    found = next((a for a in shipping_settings.address_book(ctx) if a.id == address_id), None)
    if found is None:
        raise CliError(f"there is no sender address {address_id}; see `shipdesk sender list`")
    return found


def cmd_remove(args: argparse.Namespace) -> int:
    from shipdesk.services import shipping_settings

    ctx = context(args)
    _existing(ctx, args.id)
    shipping_settings.delete_address(ctx, args.id)
    print(f"Sender address {args.id} removed. Labels already made keep it.")
    return EXIT_OK


def cmd_default(args: argparse.Namespace) -> int:
    from shipdesk.services import shipping_settings

    ctx = context(args)
    _existing(ctx, args.id)
    shipping_settings.use_sender(ctx, args.id)
    print(f"Sender address {args.id} is printed on every new label, with every carrier.")
    return EXIT_OK
