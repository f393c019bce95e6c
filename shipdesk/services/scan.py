"""Scan to print: a scanned code (an Amazon order id, or the barcode on ShipDesk's own packing
slip, which holds the order id) becomes the order's printed label, with nothing printed twice.

The packing desk's rules, the same for the window's scan field and `shipdesk scan`:
- the label is made first when the order has only a draft (or none yet);
- an order whose label was printed already is reported, and printed again only when asked
  (`reprint`): a double scan never makes a second label or a second print by itself;
- a draft that needs review, a cancelled order, a code that matches no order: nothing is made
  or printed, and the outcome says what to do.
Printing marks the label printed and queues its tracking number by its carrier's rule
(`printing.print_labels`).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from shipdesk.domain.labels import CREATED, NEEDS_REVIEW, PRINTED, SHIPPED, UNCLEAR
from shipdesk.services.context import AppContext
from shipdesk.services.print_settings import PrintSettings, load_settings
from shipdesk.store import labels as label_store
from shipdesk.store.labels import Label
from shipdesk.store.orders import list_orders

# An Amazon order id: 3-7-7 digits. Found anywhere in what the scanner typed, so a scanner set
# up with a prefix or suffix (an AIM identifier such as "]C0", a station code) still works.
ORDER_ID = re.compile(r"(?<!\d)(\d{3})-?(\d{7})-?(\d{7})(?!\d)")

# Outcomes: printed (the only success), already_printed, needs_review, unknown, cancelled,
# not_shippable (the order waits for nothing: shipped elsewhere, fulfilled by Amazon, its
# buyer data erased, ...), failed (the carrier refused or could not be reached), unclear (the
# carrier's answer was lost: check before anything is made again), print_failed.
SUCCESS = "printed"
# The symbology identifier some scanners put first (ISO/IEC 15424: "]C0" for Code 128).
AIM_IDENTIFIER = re.compile(r"^\][A-Za-z][0-9A-Za-z]")


@dataclass(frozen=True)
class ScanOutcome:
    code: str
    scanned: str  # what was scanned, as typed (control characters removed)
    order_id: str = ""
    label_id: int | None = None
    message: str = ""  # the carrier's or the printer's words, where they matter
    tracker_codes: tuple[str, ...] = ()
    printer: str = ""
    printed_at: str = ""  # already_printed: when
    review: tuple[dict[str, Any], ...] = ()
    slip_printed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.code == SUCCESS


def order_id_in(scanned: str) -> str | None:
    """The Amazon order id in a scanned text, normalised (dashes put back), or None."""
    match = ORDER_ID.search(scanned)
    return "-".join(match.groups()) if match else None


def clean(scanned: str) -> str:
    """What was scanned, without control characters (a scanner may send Tab, CR or others)
    and without a symbology identifier in front."""
    text = "".join(ch for ch in scanned if ch.isprintable()).strip()[:200]
    return AIM_IDENTIFIER.sub("", text)


def scan(
    ctx: AppContext,
    scanned: str,
    *,
    reprint: bool = False,
    slip: bool | None = None,
    config: PrintSettings | None = None,
    cancel: threading.Event | None = None,
) -> ScanOutcome:
    """Make (if needed) and print the label of the scanned order. `slip`: print its packing
    slip too (None: as the print settings say). `config`: a one-off printer choice."""
    text = clean(scanned)
    order_id = order_id_in(text)
    if order_id is None:
        return ScanOutcome("unknown", text)
    with ctx.connect() as db:
        orders = list_orders(db, [order_id])
        label_ids = label_store.active_label_ids(db, [order_id])
        label = label_store.get_labels(db, label_ids)[0] if label_ids else None
    if not orders:
        return ScanOutcome("unknown", text, order_id)
    order = orders[0]
    if order.status in ("CANCELLED", "UNFULFILLABLE"):
        return ScanOutcome("cancelled", text, order_id, label.id if label else None)
    if label is not None and label.state in (PRINTED, SHIPPED) and not reprint:
        return ScanOutcome(
            "already_printed",
            text,
            order_id,
            label.id,
            tracker_codes=tuple(label.tracker_codes or ()),
            printed_at=label.printed_at or "",
        )
    if label is None or label.state not in (CREATED, PRINTED, SHIPPED):
        made = _make(ctx, text, order_id, label, cancel)
        if isinstance(made, ScanOutcome):
            return made
        label = made
    return _print(ctx, text, order_id, label, slip, config, cancel)


def _make(
    ctx: AppContext,
    text: str,
    order_id: str,
    label: Label | None,
    cancel: threading.Event | None,
) -> Label | ScanOutcome:
    """The order's label made at its carrier, or the outcome that says why not."""
    if label is not None and label.state == NEEDS_REVIEW:
        return ScanOutcome(
            "needs_review", text, order_id, label.id, review=tuple(label.review or ())
        )
    if label is not None and label.state == UNCLEAR:
        return ScanOutcome("unclear", text, order_id, label.id)
    from shipdesk.services import labels as label_service  # the carriers' clients with it

    result = label_service.create_for_orders(ctx, [order_id], cancel=cancel, concurrency=1)
    for skipped in result.skipped_orders:
        if skipped.reason == "needs_review":
            with ctx.connect() as db:
                ids = label_store.active_label_ids(db, [order_id])
            return ScanOutcome(
                "needs_review", text, order_id, ids[0] if ids else None, review=skipped.review
            )
        if skipped.reason == "cancelled":
            return ScanOutcome("cancelled", text, order_id)
        if skipped.reason == "unclear":
            return ScanOutcome("unclear", text, order_id)
        if skipped.reason != "made":
            detail = skipped.detail or skipped.reason
            return ScanOutcome("not_shippable", text, order_id, message=skipped.message or detail)
    for outcome in result.outcomes:
        if not outcome.ok:
            code = "unclear" if outcome.error_code == "carrier_unclear" else "failed"
            return ScanOutcome(code, text, order_id, outcome.label_id, message=outcome.message)
    with ctx.connect() as db:
        ids = label_store.active_label_ids(db, [order_id])
        made = label_store.get_labels(db, ids)
    if not made or made[0].state not in (CREATED, PRINTED, SHIPPED):
        return ScanOutcome("failed", text, order_id, message="no label was made")
    return made[0]


def _print(
    ctx: AppContext,
    text: str,
    order_id: str,
    label: Label,
    slip: bool | None,
    config: PrintSettings | None,
    cancel: threading.Event | None,
) -> ScanOutcome:
    from shipdesk.services import printing  # printing loads with the first scan, not before

    settings = config or load_settings(ctx)
    try:
        printed = printing.print_labels(ctx, [label.id], cancel, config=settings)
    except printing.PrintError as exc:
        return ScanOutcome(
            "print_failed", text, order_id, label.id, message=str(exc), extra={"why": exc.code}
        )
    if printed.labels == 0:  # (print_labels raises when none printed; kept as a guard)
        why = printed.not_printed[0].code if printed.not_printed else "not_printed"
        return ScanOutcome("print_failed", text, order_id, label.id, extra={"why": why})
    slip_printed = False
    if settings.slips_with_labels if slip is None else slip:
        try:
            printing.print_packing_slips(ctx, [order_id], printer=settings.slip_printer or None)
            slip_printed = True
        except printing.PrintError as exc:  # the label printed: say the slip did not
            return ScanOutcome(
                SUCCESS,
                text,
                order_id,
                label.id,
                message=str(exc),
                tracker_codes=tuple(label.tracker_codes or ()),
                printer=printed.printer,
                extra={"slip_error": exc.code},
            )
    return ScanOutcome(
        SUCCESS,
        text,
        order_id,
        label.id,
        tracker_codes=tuple(label.tracker_codes or ()),
        printer=printed.printer,
        slip_printed=slip_printed,
    )
