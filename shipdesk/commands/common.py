"""What every subcommand shares: exit codes, the one-line failure, the app context."""

from __future__ import annotations

import argparse
import getpass
import sys
import unicodedata
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class CliError(Exception):
    """A failure the user can act on: printed as one line, exit code 1."""


class UsageError(CliError):
    """The command was given wrongly (exit code 2, as argparse's own usage errors)."""


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
    from shipdesk.services.context import AppContext
    from shipdesk.store.database import DatabaseError

    try:
        paths = resolve_paths(args.data_dir)
    except DataFolderError as exc:
        raise CliError(str(exc)) from None
    Run.paths = paths
    Run.log_file = setup_logging(paths.logs, stderr=args.verbose)
    try:
        return AppContext(paths)
    except DatabaseError as exc:
        raise CliError(str(exc)) from None


def read_secret_lines(prompts: list[str], secret: tuple[bool, ...] = (False, True, True)):
    """One value per prompt: asked for on a terminal (secrets hidden), else lines on stdin.
    An empty line is a value too (an optional secret left out)."""
    if sys.stdin.isatty():
        return [
            (getpass.getpass(f"{p}: ") if hidden else input(f"{p}: ")).strip()
            for p, hidden in zip(prompts, secret, strict=False)
        ]
    lines = [line.strip() for line in sys.stdin.read().splitlines()]
    while lines and not lines[-1] and len(lines) > len(prompts):
        lines.pop()
    if len([line for line in lines[: len(prompts)] if line]) < _required(prompts, lines):
        raise CliError(f"expected {len(prompts)} lines on stdin: {', '.join(prompts)}")
    return (lines + [""] * len(prompts))[: len(prompts)]


def _required(prompts: list[str], lines: list[str]) -> int:
    return sum(1 for p in prompts if "(optional" not in p)


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
