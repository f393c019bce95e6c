"""The `shipdesk` command: the GUI by default, headless subcommands for automation and support.

Exit codes: 0 success, 1 the job failed (the reason is printed), 2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import logging
import os
import signal
import sys
from collections.abc import Sequence
from typing import TextIO

from shipdesk import __version__
from shipdesk.commands.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CliError,
    Run,
    UsageError,
    escape_unseen,
)

log = logging.getLogger("shipdesk.cli")


def build_parser() -> argparse.ArgumentParser:
    from shipdesk.carriers.registry import CARRIERS
    from shipdesk.commands import (
        address,
        broker,
        connect,
        endpoints,
        importing,
        keys,
        labels,
        orders,
        overview,
        pick_list,
        printing,
        privacy,
        sandbox,
        scan,
        senders,
        servicepoints,
        shipping_options,
        tracking,
    )

    parser = argparse.ArgumentParser(
        prog="shipdesk",
        description=f"ShipDesk: Amazon orders to {' / '.join(c.name for c in CARRIERS.values())} "
        "labels. Without a command it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"ShipDesk {__version__}")
    _app_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each module adds its commands, in the order `shipdesk --help` lists them.
    sandbox.register(commands)
    connect.register(commands)
    address.register(commands)
    broker.register(commands)
    labels.register(commands)
    printing.register(commands)
    tracking.register(commands)
    importing.register(commands)
    endpoints.register(commands)
    order_commands = orders.register(commands)
    servicepoints.register(commands, order_commands)
    senders.register(commands)
    keys.register(commands)
    scan.register(commands)
    pick_list.register(commands)
    overview.register(commands)
    shipping_options.register(commands)
    privacy.register(commands)
    return parser


def _app_options(parser: argparse.ArgumentParser) -> None:
    """The options of the app itself (every command takes them too)."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="use this data folder instead of the default (also $SHIPDESK_DATA_DIR)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app wired to the built-in sandbox, with its own demo data folder",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log to stderr as well")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start offscreen, check the window, database, keychain, QtPdf and printers, and "
        "exit 0 (or print what is broken and exit 1)",
    )
    parser.add_argument(
        "--lang", choices=("nl", "en"), help="the app's language (default: the system's)"
    )


def _window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The options of a start without a command (a double-click), read without loading the
    commands' modules (they stay out of the window's start); None when `argv` names a command,
    asks for help or the version, or is wrong (the whole parser says so)."""
    if {"-h", "--help", "--version"} & set(argv):
        return None
    parser = argparse.ArgumentParser(prog="shipdesk", add_help=False, exit_on_error=False)
    _app_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


class TerminalSafe(io.TextIOBase):
    """What the commands print, with characters that would act on the terminal (ANSI escapes,
    a right-to-left override, other invisible ones) written out as escapes: addresses and
    carrier messages come from outside."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape_unseen(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the window). A reader that stops early (`shipdesk orders list |
    head`) ends the command quietly with 141, the shell's code for a SIGPIPE."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser: argparse.ArgumentParser | None = None
    args = _window_arguments(arguments)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(arguments)
    if args.self_test:
        from shipdesk.selftest import run_self_test

        return run_self_test(args)
    if args.command is None:
        # The window's start creates a few hundred thousand objects that live as long as it
        # does: no collection scans them before the first paint (ui/app.py turns it back on).
        gc.disable()
        from shipdesk.ui.app import run_gui

        return run_gui(args)
    assert parser is not None  # a command is read by the whole parser
    if args.demo:
        parser.error("--demo opens the app; it cannot be combined with a command")
    handler = args.handler  # each command's module sets it (commands/)
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(sys.stdout), TerminalSafe(sys.stderr)
    try:
        return _run(handler, args)
    finally:
        sys.stdout, sys.stderr = streams


def _run(handler, args: argparse.Namespace) -> int:
    try:
        code = handler(args)
        sys.stdout.flush()  # a reader gone by now shows here, not as a message at exit
        return code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `shipdesk orders list | head`: the reader has what it wanted; end quietly (what is
        # still buffered goes to the null device at exit, not to a traceback), with the code a
        # shell gives a program that SIGPIPE ended (Python's own recipe, signal module docs).
        with contextlib.suppress(OSError):
            if sys.__stdout__ is not None:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())
        sigpipe = getattr(signal, "SIGPIPE", None)  # none on Windows
        return 128 + sigpipe if sigpipe else EXIT_FAILED
    except UsageError as exc:
        print(f"shipdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CliError as exc:
        print(f"shipdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a bug: say so in one line, keep the traceback in the log
        from shipdesk.services.errors import KeychainUnavailable, as_database_error

        if isinstance(exc, KeychainUnavailable):  # not a bug: the machine has no usable one
            log.warning("command %s: the keychain cannot be used: %s", args.command, exc)
            print(f"shipdesk: {_keychain_words(exc)}", file=sys.stderr)
            return EXIT_FAILED
        problem = as_database_error(exc, Run.paths)
        if problem is not None:  # a full disk or a read-only folder mid-run
            print(f"shipdesk: {problem}", file=sys.stderr)
            return EXIT_FAILED
        log.exception("command %s failed", args.command)
        where = f" (details in {Run.log_file})" if Run.log_file else ""
        print(f"shipdesk: unexpected error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return EXIT_FAILED


def _keychain_words(exc: Exception) -> str:
    """KeychainUnavailable in one line that ends with what to do."""
    text = " ".join(str(exc).split()).rstrip(".")
    if "PYTHON_KEYRING_BACKEND" in text or "SHIPDESK_KEYRING" in text:
        return text + "."  # it names the way out already
    if text.startswith("ShipDesk's encrypted keyring file"):
        return (
            f"{text}. Check that file and SHIPDESK_KEYRING_PASSPHRASE (see the README, "
            '"Without a system keychain").'
        )
    return (
        f"{text}. Unlock the system keychain (or let ShipDesk use it) and run the command "
        'again; on a machine without one, see the README, "Without a system keychain".'
    )


def broker_main() -> int:
    """The `shipdesk-broker` console script: `shipdesk broker` for the vendor's servers."""
    return main(["broker", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
