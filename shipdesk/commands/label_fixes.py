"""`shipdesk labels void | make-again | mark-made`: what the owner does with a label that went
wrong after it reached the carrier (see services/label_recovery.py)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from shipdesk.commands.common import EXIT_FAILED, EXIT_OK, CliError, context

if TYPE_CHECKING:
    from shipdesk.services.labels import Label


def register(label_commands: argparse._SubParsersAction) -> None:
    from shipdesk.carriers.registry import CARRIERS

    deleting = " and ".join(c.short_name for c in CARRIERS.values() if c.can_void)
    binned = ", ".join(f"{c.short_name} in {c.portal}" for c in CARRIERS.values() if not c.can_void)
    void = label_commands.add_parser(
        "void",
        help="void made labels (deleted at the carrier where it can)",
        description=f"Void the labels of the given orders. Deleted at the carrier: {deleting} "
        f"(before the parcel's first scan); voided here, to bin at the carrier: {binned}. A "
        "tracking number still waiting for Amazon is withdrawn; each order gets a draft to "
        "make it again.",
    )
    void.add_argument("orders", nargs="+", metavar="ORDER", help="Amazon order ids")
    void.set_defaults(handler=cmd_void)
    again = label_commands.add_parser(
        "make-again",
        help="make unclear labels again (after checking the carrier's portal)",
        description="For labels whose carrier answer was lost and that are not in the "
        "carrier's portal: make them again.",
    )
    again.add_argument("orders", nargs="+", metavar="ORDER", help="Amazon order ids")
    again.set_defaults(handler=cmd_make_again)
    made = label_commands.add_parser(
        "mark-made",
        help="mark an unclear label as made, with the parcel number from the carrier's portal",
        description="The label is in the carrier's portal: keep it with its parcel number "
        "(print it from the portal); its tracking number is queued for Amazon.",
    )
    made.add_argument("order", metavar="ORDER", help="Amazon order id")
    made.add_argument("parcel_number", metavar="PARCEL_NUMBER")
    made.set_defaults(handler=cmd_mark_made)


def _labels(ctx, orders: list[str], state: str | None = None) -> list[Label]:
    """The active label of each order (in `state` when given); unknown orders are an error."""
    from shipdesk.store import labels as label_store

    with ctx.connect() as db:
        ids = label_store.active_label_ids(db, orders)
        found = label_store.get_labels(db, ids)
    missing = sorted(set(orders) - {lb.order_id for lb in found})
    if missing:
        raise CliError(_missing_words(ctx, missing))
    wrong = [lb.order_id for lb in found if state is not None and lb.state != state]
    if wrong:
        raise CliError(
            f"not waiting for a check at the carrier: {', '.join(wrong)} (only labels shown "
            "as unclear)"
        )
    return found


def _missing_words(ctx, missing: list[str]) -> str:
    """Orders named that have no label at all: not known here, or no label (yet)."""
    from shipdesk.services.orders import list_orders

    known = {order.order_id: order for order in list_orders(ctx, missing)}
    parts = []
    unknown = [o for o in missing if o not in known]
    if unknown:
        parts.append(f"no such order here: {', '.join(unknown)} (see `shipdesk orders list`)")
    cancelled = [o for o in missing if o in known and known[o].status == "CANCELLED"]
    if cancelled:
        parts.append(f"cancelled at Amazon, with no label: {', '.join(cancelled)}")
    unlabelled = [o for o in missing if o in known and o not in cancelled]
    if unlabelled:
        parts.append(f"no label or draft yet: {', '.join(unlabelled)}")
    return "; ".join(parts)


# Why a label cannot be voided, by its state: the void only takes made labels.
NOT_VOIDABLE_WORDS = {
    "draft": "it has no label yet, only a draft (nothing to void)",
    "needs_review": "it has no label yet: its draft needs review (nothing to void)",
    "error": "it has no label: the last try to make it failed (see `shipdesk orders list`)",
    "unclear": "it is not known whether the carrier made its label; check the carrier's "
    "portal, then `shipdesk labels make-again ORDER` or `shipdesk labels mark-made ORDER "
    "PARCEL_NUMBER`",
    "cancelled": "its label was voided already",
}


def cmd_void(args: argparse.Namespace) -> int:
    from shipdesk.carriers.registry import spec
    from shipdesk.services import label_recovery

    ctx = context(args)
    labels = _labels(ctx, list(args.orders))
    failed = False
    for outcome in label_recovery.void(ctx, [lb.id for lb in labels]):
        carrier = spec(outcome.carrier)
        if not outcome.ok:
            failed = True
            why = outcome.message
            if outcome.error_code == "not_voidable":  # the message is the label's state
                why = NOT_VOIDABLE_WORDS.get(
                    outcome.message, f"its label is {outcome.message.replace('_', ' ')}"
                )
            print(f"{outcome.order_id}: not voided: {why}", file=sys.stderr)
            continue
        where = (
            f"deleted at {carrier.short_name}"
            if outcome.at_carrier
            else f"voided here; bin it in {carrier.portal}"
        )
        amazon = (
            "; Amazon already has its tracking number (correct it in Seller Central when the "
            "new label is made)"
            if outcome.amazon == "sent"
            else ""
        )
        print(f"{outcome.order_id}: {where}; a new draft is ready{amazon}.")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_make_again(args: argparse.Namespace) -> int:
    from shipdesk.services import label_recovery

    ctx = context(args)
    labels = _labels(ctx, list(args.orders), "unclear")
    result = label_recovery.make_again(ctx, [lb.id for lb in labels])
    for outcome in result.outcomes:
        if not outcome.ok:
            print(f"{outcome.order_id}: {outcome.message}", file=sys.stderr)
    print(f"Labels: {result.created} created, {result.failed} failed.")
    return EXIT_OK if not result.failed else EXIT_FAILED


def cmd_mark_made(args: argparse.Namespace) -> int:
    from shipdesk.carriers.registry import spec
    from shipdesk.services import label_recovery

    ctx = context(args)
    [label] = _labels(ctx, [args.order], "unclear")
    try:
        label_recovery.mark_made(ctx, label.id, args.parcel_number)
    except label_recovery.BadParcelNumber:
        raise CliError(
            f"{args.parcel_number!r} is not a {spec(label.carrier).short_name} parcel number"
        ) from None
    except label_recovery.NotUnclear:
        raise CliError(f"{args.order}: the label changed meanwhile; look again") from None
    print(
        f"{args.order}: marked made with parcel {args.parcel_number}; print it from "
        f"{spec(label.carrier).portal}. Its tracking number is queued for Amazon."
    )
    return EXIT_OK
