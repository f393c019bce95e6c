"""Reading stored orders for reports, the CLI and documents."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shipdesk.services.context import AppContext
from shipdesk.store import orders as order_store


def list_orders(ctx: AppContext, order_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    with ctx.connect() as db:
        return order_store.list_orders(db, order_ids)
