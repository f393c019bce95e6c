"""Orders API v2026-01-01: searchOrders and getOrder (the v0 reads are deprecated)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shipdesk.amazon.client import SpApiClient
from shipdesk.amazon.errors import Unavailable

SEARCH_PATH = "/orders/2026-01-01/orders"
# What we need to ship an order; BUYER, PROCEEDS and the like are left out on purpose.
INCLUDED_DATA = ("RECIPIENT", "FULFILLMENT", "PACKAGES")
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class SearchQuery:
    """The parameters that must stay the same across the pages of one search."""

    last_updated_after: str
    marketplace_ids: tuple[str, ...]
    fulfilled_by: tuple[str, ...] = ("MERCHANT",)

    def params(self) -> dict[str, Any]:
        return {
            "lastUpdatedAfter": self.last_updated_after,
            "marketplaceIds": ",".join(self.marketplace_ids),
            "fulfilledBy": ",".join(self.fulfilled_by),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "lastUpdatedAfter": self.last_updated_after,
            "marketplaceIds": list(self.marketplace_ids),
            "fulfilledBy": list(self.fulfilled_by),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SearchQuery:
        return cls(
            data["lastUpdatedAfter"],
            tuple(data["marketplaceIds"]),
            tuple(data.get("fulfilledBy", ("MERCHANT",))),
        )


@dataclass(frozen=True)
class SearchPage:
    orders: list[dict[str, Any]]
    next_token: str | None
    last_updated_before: str | None
    request_id: str | None


class OrdersApi:
    def __init__(self, client: SpApiClient) -> None:
        self.client = client

    def search_waits(self) -> bool:
        """Whether the next searchOrders call would wait for the rate limit."""
        return self.client.limiter.seconds_until_next("searchOrders") > 0

    def search_orders(
        self,
        query: SearchQuery,
        *,
        page_token: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        included_data: Sequence[str] = INCLUDED_DATA,
        cancel: threading.Event | None = None,
    ) -> SearchPage:
        params = query.params()
        params["maxResultsPerPage"] = page_size
        params["includedData"] = ",".join(included_data)
        if page_token:
            params["paginationToken"] = page_token
        response = self.client.call(
            "searchOrders", "GET", SEARCH_PATH, params=params, cancel=cancel
        )
        body = response.body
        if not isinstance(body, dict) or not isinstance(body.get("orders"), list):
            raise Unavailable(
                "Amazon's searchOrders answer had no order list.", request_id=response.request_id
            )
        pagination = body.get("pagination") or {}
        return SearchPage(
            orders=[o for o in body["orders"] if isinstance(o, dict)],
            next_token=pagination.get("nextToken") if isinstance(pagination, dict) else None,
            last_updated_before=body.get("lastUpdatedBefore"),
            request_id=response.request_id,
        )

    def get_order(
        self,
        order_id: str,
        *,
        included_data: Sequence[str] = INCLUDED_DATA,
        cancel: threading.Event | None = None,
    ) -> dict[str, Any]:
        response = self.client.call(
            "getOrder",
            "GET",
            f"{SEARCH_PATH}/{order_id}",
            params={"includedData": ",".join(included_data)},
            cancel=cancel,
        )
        body = response.body
        if not isinstance(body, dict) or not isinstance(body.get("order"), dict):
            raise Unavailable(
                "Amazon's getOrder answer had no order.", request_id=response.request_id
            )
        return body["order"]
