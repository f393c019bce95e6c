"""What every subcommand shares: exit codes, the one-line failure, the app context."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

log = logging.getLogger("shipdesk.cli")


class CliError(Exception):
    """A failure the user can act on: printed as one line, exit code 1."""


class UsageError(CliError):
    """The command was given wrongly (exit code 2, as argparse's own usage errors)."""


def output_file(text: str, option: str = "--out") -> Path:
    """A file the command is told to write: its folder must be there already (never made
    here: a typo would leave folders behind) and it must not be a folder itself."""
    path = Path(text).expanduser().resolve()
    folder = path.parent
    if path.is_dir():
        raise UsageError(f"{option} {text} is a folder; name a file in it")
    if not folder.exists():
        raise UsageError(
            f"{option} {text}: the folder {folder} does not exist; make it first or choose another"
        )
    if not folder.is_dir():
        raise UsageError(f"{option} {text}: {folder} is a file, not a folder")
    return path


def now_option(text: str | None) -> dt.datetime | None:
    """--now: an ISO 8601 time with its offset ("Z" or "+01:00"); a time without one is
    refused (it would be read in some time zone, and judge a day early or late)."""
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"--now {text!r} is not an ISO 8601 time (such as 2027-01-31T09:00:00+01:00)"
        ) from None
    if value.tzinfo is None:
        raise UsageError(
            f"--now {text!r} has no UTC offset: add one, such as {text.strip()}+01:00 or "
            f"{text.strip()}Z"
        )
    return value


def count_between(low: int, high: int):
    """An argparse type: a whole number from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {value}")
        return value

    return parse


class Run:
    """This process's data folder and log file, once known (for the last-resort message)."""

    log_file: Any = None  # the log file of this run, once it is known to be writable
    paths: Any = None


def context(args: argparse.Namespace):  # -> AppContext, imported lazily to keep --help fast
    from shipdesk.logs import setup_logging
    from shipdesk.paths import DataFolderError, resolve_paths
    from shipdesk.services import backups
    from shipdesk.services.context import EndpointRefused, open_context
    from shipdesk.store.database import DatabaseError

    try:
        paths = resolve_paths(args.data_dir)
    except DataFolderError as exc:
        raise CliError(str(exc)) from None
    Run.paths = paths
    Run.log_file = setup_logging(paths.logs, stderr=args.verbose)
    key = database_key(paths)
    try:
        ctx = open_context(paths, database_key=key)
    except (DatabaseError, EndpointRefused) as exc:
        raise CliError(str(exc)) from None
    try:  # today's copy, when no command or window has made it yet
        backups.take_daily_backup(ctx)
    except backups.BackupFailed as exc:
        log.warning("daily backup failed: %s", exc)
        print(
            f"shipdesk: warning: today's backup copy in {paths.backups} could not be made "
            f"({exc}); the command goes on.",
            file=sys.stderr,
        )
    return ctx


def database_key(paths: Any) -> bytes:
    """The data file's key: from the keychain, or with no keychain from the passphrase in
    $SHIPDESK_DATABASE_PASSPHRASE (asked for on a terminal). CliError says what to do."""
    import os

    from shipdesk.services import database_key as keys
    from shipdesk.store.conversion import ConversionFailed

    passphrase = os.environ.get(keys.PASSPHRASE_ENV) or None
    try:
        try:
            return keys.unlock(paths, passphrase=passphrase)
        except keys.KeyNeeded as exc:
            asked = passphrase is None and sys.stdin.isatty()
            if exc.reason == "passphrase" and asked:
                return keys.unlock(paths, passphrase=getpass.getpass("Database passphrase: "))
            if exc.reason == "new_passphrase" and asked:
                return keys.unlock(paths, passphrase=new_passphrase())
            raise
    except keys.KeyNeeded as exc:
        raise CliError(key_needed_text(exc, paths)) from None
    except (keys.KeyFileRefused, ConversionFailed) as exc:
        raise CliError(str(exc)) from None


def new_passphrase() -> str:
    first = getpass.getpass("Choose a passphrase for the data file (10 characters or more): ")
    if getpass.getpass("The same passphrase again: ") != first:
        raise CliError("the two passphrases differ; nothing was changed")
    return first


def key_needed_text(exc: Any, paths: Any) -> str:
    from shipdesk.services.database_key import MIN_PASSPHRASE, PASSPHRASE_ENV

    restore = (
        "Nothing was changed or lost. Give ShipDesk the recovery key shown at setup with "
        "`shipdesk key restore` (or a key file exported earlier: `shipdesk key restore --file "
        "FILE`)."
    )
    if exc.reason == "new_passphrase":
        return (
            f"{exc.detail}. ShipDesk encrypts its data file with a key that must be kept safe: "
            f"with no keychain, it protects it with a passphrase. Set {PASSPHRASE_ENV} to a "
            f"passphrase of at least {MIN_PASSPHRASE} characters (or run the command on a "
            "terminal to be asked), and keep it safe"
        )
    if exc.reason == "passphrase":
        said = "the passphrase given does not open it" if exc.wrong else "no passphrase was given"
        return (
            f"the data file in {paths.data_dir} is protected with a passphrase and {said}. Set "
            f"{PASSPHRASE_ENV} to it (or run the command on a terminal to be asked). Lost it? "
            "Use the recovery key: `shipdesk key restore`"
        )
    if exc.reason == "key_changed":
        return (
            "the key in the keychain is not the one the data file was encrypted with (it was "
            f"changed outside ShipDesk). {restore}"
        )
    where = paths.data_dir
    return f"the key of the data file in {where} cannot be found: {exc.detail}. {restore}"


class Asked(Protocol):
    """A value asked for (a carrier's CredentialField is one too)."""

    @property
    def prompt(self) -> str: ...
    @property
    def secret(self) -> bool: ...
    @property
    def optional(self) -> bool: ...


@dataclass(frozen=True)
class Ask:
    prompt: str
    secret: bool = True
    optional: bool = False


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def read_secret_lines(fields: Sequence[Asked]) -> list[str]:
    """One value per field: asked for on a terminal (secrets hidden), else one line each on
    stdin. An empty line is a value too (an optional one left out); a required one may not
    be empty."""
    if sys.stdin.isatty():
        values = [
            (getpass.getpass(f"{_prompt(f)}: ") if f.secret else input(f"{_prompt(f)}: ")).strip()
            for f in fields
        ]
    else:
        lines = [line.strip() for line in sys.stdin.read().splitlines()]
        values = (lines + [""] * len(fields))[: len(fields)]
    given = zip(fields, values, strict=True)
    empty = [f.prompt for f, value in given if not f.optional and not value]
    if empty:
        where = "" if sys.stdin.isatty() else f"{expected_lines(fields)}; "
        raise CliError(f"{where}missing: {', '.join(empty)}")
    return values


def _prompt(field: Asked) -> str:
    return field.prompt + (" (optional, empty when none)" if field.optional else "")


def expected_lines(fields: Sequence[Asked]) -> str:
    """What stdin must hold, in words: 'expected 2 lines on stdin (MyGLS username, MyGLS
    password) and an optional third (GLS subscription key)'."""
    required = [f.prompt for f in fields if not f.optional]
    text = f"expected {counted(len(required), 'line')} on stdin ({', '.join(required)})"
    optional = [(i, f.prompt) for i, f in enumerate(fields) if f.optional]
    if len(optional) == 1:
        place, prompt = optional[0]
        ordinal = ORDINALS[place] if place < len(ORDINALS) else f"line {place + 1}"
        text += f" and an optional {ordinal} ({prompt}, an empty line when none)"
    elif optional:
        text += f" and optional ones ({', '.join(p for _, p in optional)}, empty when none)"
    return text


def counted(number: int, noun: str, plural: str = "") -> str:
    """'1 label', '2 labels': the CLI's English counts."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def table(rows: list[list[str]], headers: list[str]) -> str:
    """Rows as aligned columns for a terminal, the last column left free (measured as they
    will print: a character that would act on the terminal takes its escape's width)."""
    rows = [[escape_unseen(cell) for cell in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = [headers, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def escape_unseen(text: str) -> str:
    """Invisible and control characters as \\uXXXX: readable, and valid inside JSON strings."""
    return "".join(
        c
        if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")
        else "".join(
            f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}"  # as JSON escapes them
            for units in [c.encode("utf-16-be", "surrogatepass")]
            for i in range(0, len(units), 2)
        )
        for c in text
    )


def qt_for_printing():
    """QtPdf and QPrinter need a QGuiApplication; headless machines use the offscreen one."""
    import os

    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def notice_words(notice: dict[str, Any]) -> str:
    """A review reason in a few English words (the window says it in full)."""
    code, field, detail = notice.get("code", ""), notice.get("option") or "", notice.get("detail")
    field = field.replace("_", " ")
    words = {
        "address_split": f"check the address: {detail}",
        "too_long": f"{field} too long (max {detail})",
        "missing": f"{field} missing",
        "control_characters": f"unseen characters in {field} ({detail})",
        "destination_refused": f"carrier refused the address: {detail}",
        "destination_not_served": f"carrier does not deliver to {detail}",
        "no_address": "no delivery address yet",
        "pickup_point": (
            f"Amazon: to a pickup point; {detail} chosen, check it "
            "(`shipdesk orders set-servicepoint` changes it)"
            if detail
            else "Amazon: to a pickup point; choose one (`shipdesk servicepoints`, then "
            "`shipdesk orders set-servicepoint`)"
        ),
    }
    return words.get(code) or code.replace("_", " ")


def carrier_said(code: str, message: str, carrier: str = "The carrier") -> str:
    """The carrier's own words keep the context the window gives them."""
    return f"{carrier} refused the request: {message}" if code == "carrier_rejected" else message
