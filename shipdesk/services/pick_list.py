"""The pick list for a selection of orders: as a PDF to save, or printed on the packing-slip
printer (A4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from shipdesk.domain.labels import CREATED, DRAFT, ERROR, NEEDS_REVIEW
from shipdesk.domain.pick_list import PickList, pick_list
from shipdesk.domain.shop_time import SHOP_TIME_ZONE
from shipdesk.files import write_atomically
from shipdesk.printing import printers
from shipdesk.printing.printers import PrintError, PrintResult
from shipdesk.services.context import AppContext
from shipdesk.services.print_settings import SLIP_SIZES, load_settings
from shipdesk.store import labels as label_store
from shipdesk.store.orders import list_orders, order_from_row

# Without a selection: the orders still to pack (a label not yet printed).
TO_PACK = (DRAFT, NEEDS_REVIEW, ERROR, CREATED)


def orders_to_pack(ctx: AppContext) -> list[str]:
    with ctx.connect() as db:
        ids = label_store.label_ids_in_state(db, TO_PACK)
        return list(dict.fromkeys(lb.order_id for lb in label_store.get_labels(db, ids)))


def picks_for(ctx: AppContext, order_ids: Sequence[str]) -> PickList:
    with ctx.connect() as db:
        orders = list_orders(db, order_ids)
    return pick_list(order_ids, [order_from_row(order) for order in orders])


def pick_list_pdf(
    ctx: AppContext, order_ids: Sequence[str], language: str = "nl"
) -> tuple[bytes, PickList]:
    picks = picks_for(ctx, order_ids)
    if not picks.lines:
        raise PrintError(
            "nothing_to_pick",
            "None of the chosen orders has items to pick (cancelled, shipped or unknown).",
        )
    from shipdesk.printing.pick_list import render_pick_list  # brings reportlab: not at start

    when = dt.datetime.now(SHOP_TIME_ZONE)
    return render_pick_list(picks, language=language, when=when), picks


def print_pick_list(
    ctx: AppContext, order_ids: Sequence[str], language: str = "nl", printer: str | None = None
) -> tuple[PrintResult, PickList]:
    config = load_settings(ctx)
    printer = printer or config.slip_printer or config.label_printer
    if not printer:
        raise PrintError(
            "no_printer", "Choose a packing-slip printer first (Orders tab → Printers)."
        )
    pdf, picks = pick_list_pdf(ctx, order_ids, language)
    result = printers.print_pdfs([pdf], printer, SLIP_SIZES["A4"], job_name="ShipDesk pick list")
    return result, picks


def save_pick_list(
    ctx: AppContext, order_ids: Sequence[str], path: Path, language: str = "nl"
) -> tuple[Path, PickList]:
    pdf, picks = pick_list_pdf(ctx, order_ids, language)
    return write_atomically(path, pdf), picks
