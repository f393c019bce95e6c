"""`shipdesk key`: the data file's key: the recovery key, a protected export, a restore."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from shipdesk.commands.common import (
    EXIT_OK,
    Ask,
    CliError,
    context,
    new_passphrase,
    output_file,
    read_secret_lines,
)

LOST_KEY = (
    "Keep it apart from this computer (printed, or in a password manager). Without it, a "
    "keychain that loses ShipDesk's key (a new PC, a reinstalled system) means the orders, "
    "labels and settings in this data folder cannot be opened by anyone, ShipDesk included."
)


def register(commands: argparse._SubParsersAction) -> None:
    key = commands.add_parser(
        "key",
        help="the key that encrypts the data file: recovery key, export, restore",
        description="ShipDesk encrypts its data file and backups with a random key kept in the "
        "system keychain. These commands give the owner a way back when the keychain loses it.",
    )
    actions = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    recovery = actions.add_parser(
        "recovery", help="show the recovery key (to print or keep in a password manager)"
    )
    recovery.set_defaults(handler=cmd_recovery)
    export = actions.add_parser(
        "export",
        help="write the key, protected with a passphrase, to a file",
        description="Write the key wrapped with a passphrase (Argon2id, AES-256-GCM) to FILE. "
        "The passphrase is asked for on a terminal, or read as one line on stdin.",
    )
    export.add_argument("file", metavar="FILE")
    export.set_defaults(handler=cmd_export)
    restore = actions.add_parser(
        "restore",
        help="give ShipDesk its key back: the recovery key, or an exported key file",
        description="Check the key against the data file, then keep it in the keychain (with no "
        "keychain: under $SHIPDESK_DATABASE_PASSPHRASE). The recovery key, or with --file the "
        "export's passphrase, is asked for on a terminal or read as one line on stdin.",
    )
    restore.add_argument("--file", metavar="FILE", help="a key file from `shipdesk key export`")
    restore.set_defaults(handler=cmd_restore)


def cmd_recovery(args: argparse.Namespace) -> int:
    from shipdesk.services import database_key as keys

    ctx = context(args)
    print(keys.recovery_key(ctx.key))
    print(LOST_KEY, file=sys.stderr)
    keys.mark_recovery_shown(ctx.paths)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from shipdesk.services import database_key as keys

    target = output_file(args.file, "FILE")
    ctx = context(args)
    if sys.stdin.isatty():
        passphrase = new_passphrase()
    else:
        (passphrase,) = read_secret_lines([Ask("passphrase for the key file")])
    try:
        keys.export_key(ctx.key, target, passphrase)
    except keys.KeyFileRefused as exc:
        raise CliError(str(exc)) from None
    print(f"key written to {target}: keep it apart from this computer, with its passphrase")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from shipdesk.paths import DataFolderError, resolve_paths
    from shipdesk.services import database_key as keys
    from shipdesk.store.conversion import ConversionFailed

    try:
        paths = resolve_paths(args.data_dir)
    except DataFolderError as exc:
        raise CliError(str(exc)) from None
    asked = "passphrase of the key file" if args.file else "recovery key"
    (given,) = read_secret_lines([Ask(asked, secret=bool(args.file))])
    keep_under = os.environ.get(keys.PASSPHRASE_ENV) or None
    try:
        if args.file:
            key = keys.key_from_export(Path(args.file).expanduser(), given)
        else:
            key = keys.key_from_recovery(given)
        try:
            keys.restore(paths, key, passphrase=keep_under)
        except keys.KeyNeeded as exc:  # no keychain: keep it under a passphrase instead
            if exc.reason != "new_passphrase" or not sys.stdin.isatty():
                raise CliError(
                    f"{exc.detail}. Set {keys.PASSPHRASE_ENV} to a passphrase of at least "
                    f"{keys.MIN_PASSPHRASE} characters to keep the key under it"
                ) from None
            keys.restore(paths, key, passphrase=new_passphrase())
    except (keys.KeyFileRefused, ConversionFailed) as exc:
        raise CliError(str(exc)) from None
    print(f"key restored: ShipDesk opens {paths.database} again")
    return EXIT_OK
