"""Reading stored orders for reports, the CLI and documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from shipdesk.services.context import AppContext
from shipdesk.store import labels as label_store
from shipdesk.store import orders as order_store
from shipdesk.store import outbox
from shipdesk.store import returns as return_store
from shipdesk.store.labels import Label
from shipdesk.store.orders import StoredOrder
from shipdesk.store.returns import StoredReturn


@dataclass(frozen=True)
class OrderWithLabel(StoredOrder):
    """A stored order with its active label (None when it has none), its return labels, and
    when that label's tracking went to Amazon. `to_json()` gives the plain mapping the CLI's
    JSON was written against: the order's, then `label` (with the two tracking times in it, or
    None) and `returns`."""

    label: Label | None
    returns: list[StoredReturn]  # oldest first
    tracking_sent_at: str | None  # when it first went to Amazon (None without a label)
    tracking_accepted_at: str | None  # when Amazon had accepted all of it

    @classmethod
    def of(
        cls,
        order: StoredOrder,
        label: Label | None,
        returns: list[StoredReturn],
        tracking: tuple[str | None, str | None],
    ) -> OrderWithLabel:
        """`order` with these; `tracking`: when its label's tracking was sent and accepted."""
        columns = {f.name: getattr(order, f.name) for f in fields(StoredOrder)}
        sent, accepted = tracking
        return cls(
            **columns,
            label=label,
            returns=returns,
            tracking_sent_at=sent,
            tracking_accepted_at=accepted,
        )

    def to_json(self) -> dict[str, Any]:
        plain = asdict(self)  # the order's columns, items, label, returns, the two times
        sent, accepted = plain.pop("tracking_sent_at"), plain.pop("tracking_accepted_at")
        if plain["label"] is not None:
            plain["label"].update(tracking_sent_at=sent, tracking_accepted_at=accepted)
        return plain


def list_orders(ctx: AppContext, order_ids: Iterable[str] | None = None) -> list[OrderWithLabel]:
    """Orders with their items, their active label, their returns (oldest first)."""
    with ctx.connect() as db:
        orders = order_store.list_orders(db, order_ids)
        wanted = None if order_ids is None else [o.order_id for o in orders]
        labels = label_store.active_labels(db, wanted)
        returned = return_store.of_orders(db, wanted)
        sent = outbox.times_by_label(
            db, None if order_ids is None else [lb.id for lb in labels.values()]
        )
    listed = []
    for order in orders:
        label = labels.get(order.order_id)
        tracking = sent.get(label.id, (None, None)) if label is not None else (None, None)
        returns = returned.get(order.order_id, [])
        listed.append(OrderWithLabel.of(order, label, returns, tracking))
    return listed
