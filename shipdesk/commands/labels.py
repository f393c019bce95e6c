"""`shipdesk labels create`: labels at the carrier for the orders' drafts, in one or more
parcels; with the return labels (commands/returns.py) and the fixes for labels that went wrong
(commands/label_fixes.py) under the same `labels` command."""

from __future__ import annotations

import argparse
import sys

from shipdesk.carriers.registry import CARRIERS
from shipdesk.commands import label_fixes, returns
from shipdesk.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    UsageError,
    carrier_said,
    context,
    count_between,
    notice_words,
)


def register(commands: argparse._SubParsersAction) -> None:
    labels = commands.add_parser("labels", help="create labels at the carrier, or void them")
    label_commands = labels.add_subparsers(dest="labels_command", metavar="ACTION", required=True)
    create = label_commands.add_parser(
        "create",
        help="create labels for drafts",
        description="Create labels at the carrier for the given orders' drafts (or all drafts "
        "that need no review); failed ones stay on their order with the carrier's message.",
    )
    create.add_argument("orders", nargs="*", metavar="ORDER", help="Amazon order ids")
    create.add_argument("--all-drafts", action="store_true", help="every draft ready to create")
    create.add_argument("--retry-failed", action="store_true", help="labels that failed before")
    create.add_argument(
        "--concurrency", type=count_between(1, 16), default=4, help="carrier calls at a time (4)"
    )
    create.add_argument(
        "--parcels",
        type=count_between(1, 10),
        metavar="N",
        help="the named orders go in N parcels: one shipment, a label and a tracking number "
        "per parcel, and Amazon told one package per parcel",
    )
    create.add_argument(
        "--weights",
        metavar="KG,KG,…",
        help="with --parcels: each parcel's weight in kg, in order (default: the draft's weight "
        "each)",
    )
    create.set_defaults(handler=cmd_labels)
    returns.register(create)
    label_fixes.register(label_commands)


def _weights(args: argparse.Namespace) -> list[float]:
    """--weights as numbers (a dot for decimals: the comma separates the parcels), one per
    parcel, each above 0."""
    if not args.weights:
        return []
    if not args.parcels:
        raise UsageError("--weights needs --parcels N")
    try:
        weights = [float(w) for w in args.weights.replace(";", ",").split(",") if w.strip()]
    except ValueError:
        raise UsageError(f"--weights {args.weights!r}: give kilograms like 2.5,1.2,0.8") from None
    if len(weights) != args.parcels:
        raise UsageError(f"--weights gives {len(weights)} weights for {args.parcels} parcels")
    from shipdesk.services.labels import check_parcels

    try:
        check_parcels(args.parcels, weights)
    except ValueError as exc:
        raise UsageError(f"--weights: {exc}") from None
    return weights


def cmd_labels(args: argparse.Namespace) -> int:
    from shipdesk.carriers.base import CarrierError
    from shipdesk.services import labels as label_service

    returns.check(args)
    if args.return_label:
        return returns.run(args)
    weights = _weights(args)
    if args.parcels and not args.orders:
        raise UsageError("--parcels needs the orders it is for")
    ctx = context(args)
    if args.parcels:
        for skipped in label_service.set_parcels(ctx, args.orders, args.parcels, weights):
            print(
                f"{skipped.order_id}: parcels not set: {_skipped_words(skipped)}", file=sys.stderr
            )
    if args.retry_failed:
        ids = label_service.retry_failed_ids(ctx)
    elif args.all_drafts:
        ids = label_service.drafts_ready_ids(ctx)
    elif args.orders:
        ids = list(args.orders)  # orders without a label get their draft first
    else:
        raise UsageError("name the orders, or use --all-drafts or --retry-failed")
    if not ids:
        print("Nothing to create.")
        return EXIT_OK

    def show(progress) -> None:
        print(
            f"{progress.done}/{progress.total} done, {progress.failed} failed",
            file=sys.stderr,
            flush=True,
        )

    try:
        if args.orders and not (args.retry_failed or args.all_drafts):
            result = label_service.create_for_orders(
                ctx, args.orders, show, concurrency=args.concurrency
            )
        else:
            result = label_service.create_labels(ctx, ids, show, concurrency=args.concurrency)
    except CarrierError as exc:
        raise CliError(carrier_said(exc.code, str(exc))) from None
    for skipped in result.skipped_orders:
        print(f"{skipped.order_id}: skipped: {_skipped_words(skipped)}", file=sys.stderr)
    unclear = []
    for outcome in result.outcomes:
        if outcome.amazon_has_voided:
            print(
                f"{outcome.order_id}: Amazon still has the voided label's tracking number "
                f"{', '.join(outcome.amazon_has_voided)}: in Seller Central, Orders → Manage "
                f"Orders → this order → Edit shipment, replace it with "
                f"{', '.join(outcome.tracker_codes)}",
                file=sys.stderr,
            )
        if outcome.return_codes:
            print(f"{outcome.order_id}: return label {', '.join(outcome.return_codes)}")
        if outcome.return_problem is not None:
            print(
                f"{outcome.order_id}: label made, its return label not: "
                f"{returns.refusal_words(outcome.return_problem)}",
                file=sys.stderr,
            )
        if not outcome.ok:
            print(
                f"{outcome.order_id}: {carrier_said(outcome.error_code, outcome.message)}",
                file=sys.stderr,
            )
            if outcome.error_code == "carrier_unclear":
                unclear.append(outcome.order_id)
    not_made = max(result.skipped, len(result.skipped_orders))
    print(f"Labels: {result.created} created, {result.failed} failed, {not_made} skipped.")
    if unclear:
        print(
            "When a label is not in the carrier's portal: shipdesk labels make-again ORDER…; "
            "when it is: shipdesk labels mark-made ORDER PARCEL_NUMBER",
            file=sys.stderr,
        )
    return EXIT_OK if not result.failed else EXIT_FAILED


MADE_WORDS = {
    "created": "made, not printed yet",
    "printed": "printed",
    "shipped": "shipped",
}
NO_DRAFT_WORDS = {
    "fulfilled_by_amazon": "Amazon ships this order itself (fulfilled by Amazon)",
    "items_unreadable": "its items could not be read from Amazon; check the order in Seller "
    "Central",
    "no_carrier": "no carrier is connected (shipdesk connect "
    + " or shipdesk connect ".join(CARRIERS)
    + ")",
    "unchecked": "the carrier could not be reached to check the address; try again in a moment",
    "unknown": "none could be made from the shipping options (details in the log)",
}
AMAZON_STATUS_WORDS = {
    "PENDING": "Amazon has not confirmed the payment yet",
    "SHIPPED": "Amazon has it as shipped already",
}


def _skipped_words(skipped) -> str:
    """Why `labels create` did not try an order's label, in plain words with what to do."""
    reason = skipped.reason
    if reason == "unknown_order":
        return "no such order here (see `shipdesk orders list`; `shipdesk import` fetches new ones)"
    if reason == "cancelled":
        return "the order was cancelled at Amazon; do not ship it"
    if reason == "needs_review":
        fixes = "; ".join(notice_words(n).rstrip(". ") for n in skipped.review)
        return (
            f"its draft needs review: {fixes or 'check the draft'}. Fix it in the app (Orders "
            "tab: open the order, correct it and save), then create it again"
        )
    if reason == "made":
        made = MADE_WORDS.get(skipped.state, skipped.state.replace("_", " "))
        return (
            f"its label is already made ({made}); to make a new one, first "
            "`shipdesk labels void ORDER`"
        )
    if reason == "unclear":
        return (
            "its last label may have reached the carrier and waits for your check: look in "
            "the carrier's portal, then `shipdesk labels make-again ORDER` or "
            "`shipdesk labels mark-made ORDER PARCEL_NUMBER`"
        )
    if reason == "carrier_refused":
        return "not tried: the carrier refused the login for an earlier label of this run"
    if reason == "no_draft":
        if skipped.detail == "not_waiting":
            status = skipped.state or "unknown"
            why = AMAZON_STATUS_WORDS.get(status, f"Amazon's status is {status.lower()}")
            return f"no draft: the order is not waiting to be shipped ({why})"
        if skipped.detail == "failed":
            return f"no draft could be made: {skipped.message}"
        why = NO_DRAFT_WORDS.get(skipped.detail, NO_DRAFT_WORDS["unknown"])
        return f"no draft could be made: {why}"
    return f"its label is {skipped.state.replace('_', ' ')}, not a draft"
