"""`shipdesk import`: one import run of the new and updated Amazon orders, then their
drafts; progress on stderr, a one-line summary on stdout."""

from __future__ import annotations

import argparse
import sys
import threading

from shipdesk.commands.common import EXIT_INTERRUPTED, EXIT_OK, CliError, context


def register(commands: argparse._SubParsersAction) -> None:
    importing = commands.add_parser(
        "import",
        help="import new and updated Amazon orders once",
        description="One import run: progress on stderr, a one-line summary on stdout.",
    )
    importing.add_argument(
        "--marketplaces",
        metavar="LIST",
        help="comma-separated country codes or marketplace ids for this run (default: the "
        "marketplaces chosen in the app, NL when none)",
    )
    importing.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from shipdesk.amazon.errors import AmazonError
    from shipdesk.keychain import KeychainUnavailable
    from shipdesk.retrying import CancelledError
    from shipdesk.services.drafts import make_drafts
    from shipdesk.services.importing import ImportProgress, import_orders

    ctx = context(args)
    cancel = threading.Event()

    def show(progress: ImportProgress) -> None:
        print(
            f"page {progress.pages}: {progress.received} orders "
            f"({progress.inserted} new, {progress.updated} updated)",
            file=sys.stderr,
            flush=True,
        )

    marketplaces = _marketplace_ids(args.marketplaces) if args.marketplaces else None
    try:
        result = import_orders(ctx, show, cancel, marketplace_ids=marketplaces)
    except KeyboardInterrupt:
        cancel.set()
        raise
    except CancelledError:
        print("Import cancelled; it continues where it stopped next time.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (AmazonError, KeychainUnavailable) as exc:
        raise CliError(f"import failed: {exc}") from None
    line = result.summary()
    try:
        drafts = make_drafts(ctx, cancel)
    except CancelledError:
        print(line)
        print("Drafts stopped; they are made on the next run.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the orders are in; their drafts are made on the next run
        print(line)
        print(f"drafts not made: {exc}", file=sys.stderr)
        return EXIT_OK
    if drafts.skipped_reason == "failed":
        print(f"drafts not made: {' '.join(drafts.problems)}", file=sys.stderr)
    if drafts.made or drafts.removed or drafts.unchecked:
        line = line.removesuffix(".") + (
            f"; drafts: {drafts.made} made ({drafts.needs_review} need review), "
            f"{drafts.removed} removed for cancelled orders"
            + (
                f", {drafts.unchecked} not checked yet (carrier unreachable)"
                if drafts.unchecked
                else ""
            )
            + "."
        )
    print(line)  # one line, for scripts
    return EXIT_OK


def _marketplace_ids(text: str) -> list[str]:
    from shipdesk.domain.marketplaces import BY_ID, EU_MARKETPLACES

    by_country = {m.country: m.id for m in EU_MARKETPLACES}
    ids = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        if part.upper() in by_country:
            ids.append(by_country[part.upper()])
        elif part in BY_ID:
            ids.append(part)
        else:
            known = ", ".join(sorted(by_country))
            raise CliError(f"unknown marketplace {part!r}; use one of {known} or an id")
    return ids
