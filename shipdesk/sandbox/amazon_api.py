"""The SP-API as the sandbox plays it: Orders API v2026-01-01 (searchOrders, getOrder).

Follows Amazon's model (`contracts/amazon/orders_2026-01-01.json`) for parameters, rules,
response shapes, error bodies and headers; rate limits are real token buckets per seller and
operation at Amazon's published usage plans, sped up by `time_scale` so tests run fast.
"""

from __future__ import annotations

import copy
import datetime as dt
import secrets
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from shipdesk.sandbox.faults import FaultConfig, FaultInjector
from shipdesk.sandbox.lwa import LwaState
from shipdesk.sandbox.wsgi import json_response
from shipdesk.tokenbucket import TokenBucket

USAGE_PLANS = {
    "searchOrders": (0.0056, 20),
    "getOrder": (0.5, 30),
    "confirmShipment": (2.0, 10),
    "getMarketplaceParticipations": (0.016, 15),
}
# The sandbox seller sells on these (Sellers API participations).
SELLER_MARKETPLACES = (
    ("A1805IZSGTT6HS", "NL", "Amazon.nl", "nl_NL", "www.amazon.nl"),
    ("AMEN7PMS3EDWL", "BE", "Amazon.com.be", "fr_BE", "www.amazon.com.be"),
    ("A1PA6795UKMFR9", "DE", "Amazon.de", "de_DE", "www.amazon.de"),
    ("A13V1IB3VIYZZH", "FR", "Amazon.fr", "fr_FR", "www.amazon.fr"),
)
FRESHNESS_LAG_S = 120  # `*Before` must be at least two minutes in the past
PAGE_TOKEN_TTL_S = 24 * 3600
FULFILLMENT_STATUSES = {
    "PENDING_AVAILABILITY",
    "PENDING",
    "UNSHIPPED",
    "PARTIALLY_SHIPPED",
    "SHIPPED",
    "CANCELLED",
    "UNFULFILLABLE",
}
INCLUDED_DATA = {
    "BUYER",
    "RECIPIENT",
    "PROCEEDS",
    "EXPENSE",
    "PROMOTION",
    "CANCELLATION",
    "FULFILLMENT",
    "PACKAGES",
    "TAX",
    "PAYMENT",
    "FULFILLMENT_ORDERS",
}
# Which top-level / item-level sections each includedData value switches on.
ORDER_SECTIONS = {
    "BUYER": "buyer",
    "RECIPIENT": "recipient",
    "PROCEEDS": "proceeds",
    "FULFILLMENT": "fulfillment",
    "PACKAGES": "packages",
    "TAX": "tax",
    "PAYMENT": "payment",
    "FULFILLMENT_ORDERS": "fulfillmentOrders",
}
ITEM_SECTIONS = {
    "PROCEEDS": "proceeds",
    "EXPENSE": "expense",
    "PROMOTION": "promotion",
    "CANCELLATION": "cancellation",
    "FULFILLMENT": "fulfillment",
    "TAX": "tax",
}
KNOWN_MARKETPLACES = {
    "A1805IZSGTT6HS",
    "AMEN7PMS3EDWL",
    "A1PA6795UKMFR9",
    "A13V1IB3VIYZZH",
    "APJ6JRA9NG5V4",
    "A1RKKUPIHCS9HS",
    "A1C3SOZRARQ6R3",
    "A2NODRKZP88ZB9",
    "A1F83G8C2ARO7P",
}


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a time zone is required")
    return moment


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: str = "") -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def invalid(message: str, details: str = "") -> ApiError:
    return ApiError(400, "InvalidInput", message, details)


@dataclass
class _Snapshot:
    """The result of a search, frozen at its first page so later pages never skip an order."""

    signature: tuple
    order_ids: list[str]
    bound_key: str
    bound: str
    expires_at: float


@dataclass
class OrdersState:
    """The seller's orders and the API's bookkeeping. Thread-safe."""

    lwa: LwaState
    rate_limits: bool = True
    time_scale: float = 1.0
    clock: Any = time.time
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)
    lock: threading.RLock = field(default_factory=threading.RLock)
    # Page tokens stay valid until they expire (a client may retry a page): token -> offset.
    _pages: dict[str, tuple[_Snapshot, int]] = field(default_factory=dict)
    _buckets: dict[tuple[str, str], TokenBucket] = field(default_factory=dict)
    _order_marketplaces: set[str] = field(default_factory=set)

    # -- control (sandbox set-up, demo mode and tests) --
    def add_orders(self, orders: list[dict[str, Any]], *, copy_orders: bool = True) -> None:
        with self.lock:
            for order in orders:
                self.orders[order["orderId"]] = copy.deepcopy(order) if copy_orders else order
                self._order_marketplaces.add(order["salesChannel"].get("marketplaceId", ""))

    def update_order(
        self, order_id: str, *, status: str | None = None, at: dt.datetime | None = None
    ) -> dict[str, Any]:
        """Change an order as Amazon would (e.g. the buyer cancels); bumps lastUpdatedTime."""
        with self.lock:
            order = self.orders[order_id]
            if status:
                order.setdefault("fulfillment", {})["fulfillmentStatus"] = status
            order["lastUpdatedTime"] = iso(at or self.now())
            return copy.deepcopy(order)

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.clock(), dt.UTC)

    @property
    def freshness_lag(self) -> dt.timedelta:
        return dt.timedelta(seconds=FRESHNESS_LAG_S / self.time_scale)

    def participations(self) -> set[str]:
        """Marketplaces the seller sells in: the EU ones, plus any its orders come from."""
        with self.lock:
            return KNOWN_MARKETPLACES | self._order_marketplaces

    # -- rate limits --
    def take_token(self, seller: str, operation: str) -> bool:
        if not self.rate_limits:
            return True
        with self.lock:
            bucket = self._buckets.get((seller, operation))
            if bucket is None:
                rate, burst = USAGE_PLANS[operation]
                bucket = TokenBucket(rate * self.time_scale, burst)
                self._buckets[(seller, operation)] = bucket
        return bucket.try_take()

    def rate_header(self, operation: str) -> dict[str, str]:
        if not self.rate_limits:
            return {}
        return {"x-amzn-RateLimit-Limit": f"{USAGE_PLANS[operation][0] * self.time_scale:g}"}

    # -- searchOrders --
    def search(self, args: dict[str, list[str]]) -> dict[str, Any]:
        single = {k: v[-1] for k, v in args.items() if v}
        page_size = _page_size(single.get("maxResultsPerPage"))
        included = _csv_set(args.get("includedData"), INCLUDED_DATA, "includedData")
        token = single.get("paginationToken")
        with self.lock:
            if token:
                snapshot, offset = self._pages.get(token, (None, 0))
                if snapshot is None or snapshot.expires_at < self.clock():
                    raise invalid("Invalid paginationToken.", "The token is unknown or expired.")
                if snapshot.signature != _signature(args):
                    raise invalid(
                        "Parameters changed between pages.",
                        "All parameters except maxResultsPerPage and includedData must be the "
                        "same as in the request that returned the token.",
                    )
            else:
                snapshot, offset = self._new_snapshot(args, single), 0
                self._forget_expired_pages()
            page_ids = snapshot.order_ids[offset : offset + page_size]
            body: dict[str, Any] = {
                "orders": [_project(self.orders[i], included) for i in page_ids],
                snapshot.bound_key: snapshot.bound,
            }
            if offset + len(page_ids) < len(snapshot.order_ids):
                next_token = secrets.token_urlsafe(24)
                self._pages[next_token] = (snapshot, offset + len(page_ids))
                body["pagination"] = {"nextToken": next_token}
            return body

    def _forget_expired_pages(self) -> None:
        now = self.clock()
        for token in [t for t, (snap, _) in self._pages.items() if snap.expires_at < now]:
            del self._pages[token]

    def _new_snapshot(self, args: dict[str, list[str]], single: dict[str, str]) -> _Snapshot:
        now = self.now()
        latest_allowed = now - self.freshness_lag
        created_after = single.get("createdAfter")
        updated_after = single.get("lastUpdatedAfter")
        if bool(created_after) == bool(updated_after):
            raise invalid("Exactly one of createdAfter and lastUpdatedAfter must be provided.")
        if created_after and "lastUpdatedBefore" in single:
            raise invalid("lastUpdatedBefore cannot be used with createdAfter.")
        if updated_after and "createdBefore" in single:
            raise invalid("createdBefore cannot be used with lastUpdatedAfter.")
        field_name, bound_key = (
            ("createdTime", "createdBefore")
            if created_after
            else ("lastUpdatedTime", "lastUpdatedBefore")
        )
        after = _time_param(created_after or updated_after, "createdAfter/lastUpdatedAfter")
        if bound_key in single:
            before = _time_param(single[bound_key], bound_key)
            if before > latest_allowed:
                raise invalid(f"{bound_key} must be at least two minutes before the request.")
            if before < after:
                raise invalid(f"{bound_key} must be on or after the start of the range.")
        else:
            before = latest_allowed
        if after > latest_allowed:
            raise invalid("The start of the range must be at least two minutes in the past.")
        marketplaces = _csv_list(args.get("marketplaceIds"))
        if len(marketplaces) > 50:
            raise invalid("At most 50 marketplaceIds are allowed.")
        unknown = [m for m in marketplaces if m not in self.participations()]
        if unknown:
            raise invalid(f"Invalid marketplaceIds: {', '.join(unknown)}.")
        statuses = _csv_set(args.get("fulfillmentStatuses"), FULFILLMENT_STATUSES, "status")
        fulfilled_by = _csv_set(args.get("fulfilledBy"), {"MERCHANT", "AMAZON"}, "fulfilledBy")
        lo, hi = iso(after), iso(before)
        matches = []
        for order in self.orders.values():
            stamp = order[field_name]
            if not (lo <= stamp <= hi):
                continue
            if marketplaces and order["salesChannel"].get("marketplaceId") not in marketplaces:
                continue
            fulfillment = order.get("fulfillment", {})
            if statuses and fulfillment.get("fulfillmentStatus") not in statuses:
                continue
            if fulfilled_by and fulfillment.get("fulfilledBy") not in fulfilled_by:
                continue
            matches.append((order["lastUpdatedTime"], order["orderId"]))
        matches.sort()
        return _Snapshot(
            signature=_signature(args),
            order_ids=[order_id for _, order_id in matches],
            bound_key=bound_key,
            bound=hi,
            expires_at=self.clock() + PAGE_TOKEN_TTL_S,
        )

    def get(self, order_id: str, args: dict[str, list[str]]) -> dict[str, Any]:
        included = _csv_set(args.get("includedData"), INCLUDED_DATA, "includedData")
        with self.lock:
            order = self.orders.get(order_id)
            if order is None:
                raise ApiError(404, "NotFound", f"Order {order_id} was not found.")
            return {"order": _project(order, included)}


def _signature(args: dict[str, list[str]]) -> tuple:
    ignored = {"paginationToken", "maxResultsPerPage", "includedData"}
    return tuple(sorted((k, tuple(v)) for k, v in args.items() if k not in ignored))


def _csv_list(values: list[str] | None) -> list[str]:
    return [part for value in values or [] for part in value.split(",") if part]


def _csv_set(values: list[str] | None, allowed: set[str], name: str) -> set[str]:
    chosen = set(_csv_list(values))
    wrong = chosen - allowed
    if wrong:
        raise invalid(f"Invalid {name} value(s): {', '.join(sorted(wrong))}.")
    return chosen


def _page_size(value: str | None) -> int:
    if value is None:
        return 100
    try:
        size = int(value)
    except ValueError:
        raise invalid("maxResultsPerPage must be a number between 1 and 100.") from None
    if not 1 <= size <= 100:
        raise invalid("maxResultsPerPage must be between 1 and 100.")
    return size


def _time_param(value: str | None, name: str) -> dt.datetime:
    try:
        return parse_iso(value or "")
    except ValueError:
        raise invalid(f"{name} must be an ISO 8601 date-time with a time zone.") from None


def _project(order: dict[str, Any], included: set[str]) -> dict[str, Any]:
    """Only the sections the caller asked for, as Amazon does with includedData.

    Shares nested objects with the stored order: callers serialise it while holding the lock.
    """
    wanted_order = {ORDER_SECTIONS[i] for i in included if i in ORDER_SECTIONS}
    wanted_item = {ITEM_SECTIONS[i] for i in included if i in ITEM_SECTIONS}
    result = {
        k: v for k, v in order.items() if k not in ORDER_SECTIONS.values() or k in wanted_order
    }
    result["orderItems"] = [
        {k: v for k, v in item.items() if k not in ITEM_SECTIONS.values() or k in wanted_item}
        for item in order.get("orderItems", [])
    ]
    return result


def marketplace_participations() -> dict[str, Any]:
    return {
        "payload": [
            {
                "marketplace": {
                    "id": marketplace_id,
                    "countryCode": country,
                    "name": name,
                    "defaultCurrencyCode": "EUR",
                    "defaultLanguageCode": language,
                    "domainName": domain,
                },
                "participation": {"isParticipating": True, "hasSuspendedListings": False},
            }
            for marketplace_id, country, name, language, domain in SELLER_MARKETPLACES
        ]
    }


def error_response(status: int, code: str, message: str, details: str = "") -> Response:
    body = {"errors": [{"code": code, "message": message, "details": details}]}
    return json_response(body, status, {"x-amzn-RequestId": str(uuid.uuid4())})


def _fault_response(status: int, _detail: str) -> Response:
    if status == 429:
        return error_response(
            429, "QuotaExceeded", "You exceeded your quota for the requested resource."
        )
    return error_response(
        status,
        "InternalFailure" if status == 500 else "ServiceUnavailable",
        "We encountered an internal error. Please try again.",
    )


class SpApiApp:
    def __init__(self, state: OrdersState) -> None:
        self.state = state
        self.urls = Map(
            [
                Rule("/orders/2026-01-01/orders", endpoint="searchOrders", methods=["GET"]),
                Rule("/orders/2026-01-01/orders/<order_id>", endpoint="getOrder", methods=["GET"]),
                Rule(
                    "/sellers/v1/marketplaceParticipations",
                    endpoint="getMarketplaceParticipations",
                    methods=["GET"],
                ),
            ]
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.dispatch(Request(environ))(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        try:
            operation, values = self.urls.bind_to_environ(request.environ).match()
        except HTTPException as exc:
            return error_response(exc.code or 404, "NotFound", "Resource not found.")
        self.state.stats[operation] += 1
        access, why = self.state.lwa.check_access_token(request.headers.get("x-amz-access-token"))
        if access is None:
            details = {
                "expired": "The access token you provided has expired.",
                "missing": "Access token is missing in the request header.",
            }.get(why, "The access token you provided is revoked, malformed or invalid.")
            return error_response(
                403, "Unauthorized", "Access to requested resource is denied.", details
            )
        if not self.state.take_token(access.selling_partner_id, operation):
            self.state.stats[f"{operation}:throttled"] += 1
            return _fault_response(429, "")
        args = {k: request.args.getlist(k) for k in request.args}
        try:
            with self.state.lock:  # serialise before another thread can change an order
                if operation == "searchOrders":
                    body = self.state.search(args)
                elif operation == "getMarketplaceParticipations":
                    body = marketplace_participations()
                else:
                    body = self.state.get(values["order_id"], args)
                response = json_response(body, 200)
        except ApiError as exc:
            response = error_response(exc.status, exc.code, exc.message, exc.details)
        response.headers["x-amzn-RequestId"] = str(uuid.uuid4())
        response.headers.update(self.state.rate_header(operation))
        return response


def make_spapi_app(state: OrdersState, faults: FaultConfig) -> FaultInjector:
    return FaultInjector(SpApiApp(state), faults, _fault_response)
