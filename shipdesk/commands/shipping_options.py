"""`shipdesk shipping-options`: the Shipping Options as a file, to keep or to copy to a PC."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shipdesk.commands.common import EXIT_OK, CliError, context, counted


def register(commands: argparse._SubParsersAction) -> None:
    options = commands.add_parser(
        "shipping-options",
        help="export or import the Shipping Options (to copy them to another PC)",
        description="The six shipping settings, the sender addresses (by value) and the "
        "warnings turned off per destination, as one JSON file with a format version.",
    )
    actions = options.add_subparsers(dest="options_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the settings to a JSON file")
    export.add_argument("file", metavar="FILE.json")
    export.set_defaults(handler=cmd_export)
    load = actions.add_parser(
        "import",
        help="replace the settings with those of a JSON file",
        description="Replace the shipping settings, the sender addresses and the silenced "
        "warnings with the file's (all or nothing), and print what changed.",
    )
    load.add_argument("file", metavar="FILE.json")
    load.set_defaults(handler=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    from shipdesk.files import write_atomically
    from shipdesk.services import shipping_settings

    data = shipping_settings.export_data(context(args))
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        path = write_atomically(Path(args.file), text.encode("utf-8"))
    except OSError as exc:
        raise CliError(f"{args.file} could not be written: {exc.strerror or exc}") from None
    senders = counted(len(data["senders"]), "sender address", "sender addresses")
    print(f"Shipping options written to {path} ({senders}).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from shipdesk.services import shipping_settings

    try:
        data = json.loads(Path(args.file).read_text("utf-8"))
    except OSError as exc:
        raise CliError(f"{args.file} could not be read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise CliError(f"{args.file} is not valid JSON: {exc}") from None
    try:
        changes = shipping_settings.import_data(context(args), data)
    except ValueError as exc:
        raise CliError(f"nothing was imported: {exc}") from None
    if not changes:
        print("Imported: nothing changed.")
    else:
        print(f"Imported; {counted(len(changes), 'change')}:")
        for line in changes:
            print(f"  {line}")
    return EXIT_OK
