"""Reading stored orders for reports, the CLI and documents."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shipdesk.services.context import AppContext
from shipdesk.store import labels as label_store
from shipdesk.store import orders as order_store
from shipdesk.store import outbox
from shipdesk.store import returns as return_store


def list_orders(ctx: AppContext, order_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Orders with their items and their active label (`label`, None when there is none)."""
    with ctx.connect() as db:
        rows = order_store.list_orders(db, order_ids)
        labels = label_store.label_rows(
            db, None if order_ids is None else [r["order_id"] for r in rows]
        )
        returned = return_store.of_orders(
            db, None if order_ids is None else [r["order_id"] for r in rows]
        )
        sent = outbox.times_by_label(
            db, None if order_ids is None else [lb["id"] for lb in labels.values()]
        )
    for row in rows:
        row["label"] = labels.get(row["order_id"])
        row["returns"] = returned.get(row["order_id"], [])
        if row["label"] is not None:
            first_sent, accepted = sent.get(row["label"]["id"], (None, None))
            row["label"]["tracking_sent_at"] = first_sent
            row["label"]["tracking_accepted_at"] = accepted
    return rows
