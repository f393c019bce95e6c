"""The SP-API as the sandbox plays it: Orders API v2026-01-01 (searchOrders, getOrder) and
Orders API v0 confirmShipment.

Follows Amazon's models (`contracts/amazon/orders_2026-01-01.json`, `.../ordersV0.json`) for
parameters, rules, response shapes, error bodies and headers; rate limits are real token buckets
per seller and operation at Amazon's published usage plans, sped up by `time_scale` so tests run
fast.

confirmShipment (`POST /orders/v0/orders/{orderId}/shipmentConfirmation`) answers 204 with no
body when the package is accepted, else 400 `InvalidInput` (404 `NotFound` for an unknown
order) with ConfirmShipmentErrorResponse `{"errors": [{"code", "message", "details"}]}`.
Its rules, checked in this order:

1. The body is JSON, and the order exists (404).
2. The body matches ConfirmShipmentRequest field by field (all problems listed, one error
   each): `marketplaceId`; `packageDetail` with `packageReferenceId` (a string holding a
   positive number), `carrierCode` (one of `CARRIER_CODES`, spelled exactly; "Other" needs
   `carrierName`), `trackingNumber` (required by the model, and in the carrier's format, see
   `TRACKING_FORMATS`: Amazon's Valid Tracking Rate), `shipDate` (ISO 8601 date-time with a
   zone), a non-empty `orderItems` of `{orderItemId, quantity >= 1, transparencyCodes?}`;
   optional strings `carrierName`, `shippingMethod`, `shipFromSupplySourceId`;
   `codCollectionMethod` only "DirectPayment". Unknown fields are ignored (the model allows
   them).
3. `marketplaceId` is the order's marketplace.
4. `packageReferenceId` is unique within the order (compared as a number: "01" is "1"). The
   same reference again with the same carrier and tracking number is a retry of a confirmation
   that got through: 400 with `ALREADY_CONFIRMED` ("The shipment has already been confirmed
   for package reference ..."), which clients treat as done. This comes before the status
   rules, so it holds after the order became SHIPPED. With another tracking number or carrier
   it is a conflict, worded without "already".
5. The order is merchant-fulfilled and UNSHIPPED or PARTIALLY_SHIPPED (a cancelled order says
   so); `codCollectionMethod` is refused outside Japan.
6. Every orderItemId belongs to the order and appears once, and the units confirmed per item
   over all packages stay within quantityOrdered.
7. `shipDate` is not before the order was placed nor more than `SHIP_DATE_AHEAD` after now.

An accepted package is added to the order's `packages` (as the 2026 model's OrderPackage), the
items' `fulfillment.quantityFulfilled/quantityUnfulfilled` move, the order becomes SHIPPED or
PARTIALLY_SHIPPED and its `lastUpdatedTime` is now. `OrdersState.confirmations` lists the
accepted ones; `stats["confirmShipment:accepted" | ":duplicate" | ":rejected"]` count the
outcomes (429s count as `confirmShipment:throttled`, like every operation's).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import secrets
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
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
JAPAN = "A1VC38T7YXB528"  # the only marketplace with cash on delivery (codCollectionMethod)

# confirmShipment. Amazon matches carrierCode exactly against its list, which is longer and
# changes; this European subset and its spellings are the sandbox's assumption, not a copy.
CARRIER_CODES = frozenset(
    {
        "Amazon Shipping",
        "Asendia",
        "BRT",
        "Bpost",
        "Chronopost",
        "Colissimo",
        "Correos",
        "DHL",
        "DPD",
        "Deutsche Post",
        "FedEx",
        "GLS",
        "Hermes",
        "InPost",
        "La Poste",
        "Other",
        "Parcelforce",
        "PostNL",
        "PostNord",
        "Poste Italiane",
        "Royal Mail",
        "SEUR",
        "TNT",
        "UPS",
        "Yodel",
    }
)
_THREE_S = r"3S[A-Z0-9]{4}\d{6,11}"  # PostNL-style 3S barcodes, also printed by DHL Parcel NL
_UPU = r"[A-Z]{2}\d{9}[A-Z]{2}"  # international postal items, e.g. LA123456789NL
TRACKING_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "DHL": (
        re.compile(rf"JVGL\d{{16}}|{_THREE_S}|CD\d{{8,12}}"),
        "JVGL followed by 16 digits (DHL Parcel NL), or a 3S... or CD... code",
    ),
    "GLS": (re.compile(r"\d{11,14}"), "11 to 14 digits"),
    "PostNL": (re.compile(rf"{_THREE_S}|{_UPU}"), "a 3S... code or an international code"),
    "DPD": (re.compile(r"\d{14}"), "14 digits"),
    "UPS": (re.compile(r"1Z[A-Z0-9]{16}"), "1Z followed by 16 letters or digits"),
}
# Carriers without a known format (and "Other"): something that can be a tracking number.
GENERIC_TRACKING = (re.compile(r"[A-Za-z0-9-]{6,40}"), "6 to 40 letters, digits or dashes")
SHIPPABLE_STATUSES = ("UNSHIPPED", "PARTIALLY_SHIPPED")
SHIP_DATE_AHEAD = dt.timedelta(days=2)  # a label printed tonight for tomorrow's pick-up is fine
# The wording clients look for ("already" + "confirmed") to treat a retry as done.
ALREADY_CONFIRMED = (
    "The shipment has already been confirmed for package reference {ref} of order {order}."
)
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})")


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

    def errors(self) -> list[dict[str, str]]:
        return [{"code": self.code, "message": self.message, "details": self.details}]


class InvalidFields(ApiError):
    """Every problem of a request body at once, one Error each, as Amazon lists them."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(400, "InvalidInput", *problems[0])
        self.problems = problems

    def errors(self) -> list[dict[str, str]]:
        return [{"code": self.code, "message": m, "details": d} for m, d in self.problems]


class AlreadyConfirmed(ApiError):
    """The same package confirmed again: the caller's earlier request got through."""


def invalid(message: str, details: str = "") -> ApiError:
    return ApiError(400, "InvalidInput", message, details)


@dataclass(frozen=True)
class ConfirmedItem:
    order_item_id: str
    quantity: int
    transparency_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackageRequest:
    """A confirmShipment body that passed the field checks."""

    marketplace_id: str
    package_reference_id: str
    carrier_code: str
    carrier_name: str | None
    shipping_method: str | None
    tracking_number: str
    ship_date: dt.datetime
    ship_date_text: str
    ship_from_supply_source_id: str | None
    cod_collection_method: str | None
    items: tuple[ConfirmedItem, ...]

    @property
    def carrier(self) -> str:
        """What Amazon shows as the package's carrier."""
        return self.carrier_name or self.carrier_code


@dataclass(frozen=True)
class Confirmation:
    """An accepted confirmShipment, kept so tests can check that a package went out once."""

    order_id: str
    package_reference_id: str
    carrier_code: str
    carrier: str
    tracking_number: str
    ship_date: str
    items: tuple[ConfirmedItem, ...]
    confirmed_at: str


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
    confirmations: list[Confirmation] = field(default_factory=list)
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
        hi = iso(before)
        matches = []
        for order in self.orders.values():
            # As instants: a test may write an order's time with an offset or milliseconds.
            stamp = parse_iso(order[field_name])
            if not (after <= stamp <= before):
                continue
            if marketplaces and order["salesChannel"].get("marketplaceId") not in marketplaces:
                continue
            fulfillment = order.get("fulfillment", {})
            if statuses and fulfillment.get("fulfillmentStatus") not in statuses:
                continue
            if fulfilled_by and fulfillment.get("fulfilledBy") not in fulfilled_by:
                continue
            matches.append((parse_iso(order["lastUpdatedTime"]), order["orderId"]))
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

    # -- confirmShipment (v0) --
    def confirm_shipment(self, order_id: str, raw_body: bytes) -> Confirmation:
        """Apply a confirmShipment request body as sent; raises ApiError when Amazon would."""
        with self.lock:
            try:
                confirmation = self._confirm(order_id, raw_body)
            except AlreadyConfirmed:
                self.stats["confirmShipment:duplicate"] += 1
                raise
            except ApiError:
                self.stats["confirmShipment:rejected"] += 1
                raise
            self.stats["confirmShipment:accepted"] += 1
            self.confirmations.append(confirmation)
            return confirmation

    def _confirm(self, order_id: str, raw_body: bytes) -> Confirmation:
        try:
            body = json.loads(raw_body or b"null")
        except ValueError:  # also bad UTF-8
            raise invalid("The request body is not valid JSON.") from None
        order = self.orders.get(order_id)
        if order is None:
            raise ApiError(404, "NotFound", f"Order {order_id} was not found.")
        request = parse_confirm_shipment(body)
        if request.marketplace_id != order["salesChannel"].get("marketplaceId"):
            raise invalid(
                f"marketplaceId {request.marketplace_id} is not the marketplace of order "
                f"{order_id}.",
                f"The order was placed in {order['salesChannel'].get('marketplaceId')}.",
            )
        # Before the status rules: a retry after a lost answer must still be recognised once
        # the first confirmation has made the order SHIPPED.
        _check_package_reference(order, request)
        fulfillment = order.get("fulfillment", {})
        status = fulfillment.get("fulfillmentStatus")
        if fulfillment.get("fulfilledBy") != "MERCHANT":
            raise invalid(
                f"Order {order_id} is fulfilled by Amazon; only merchant-fulfilled orders can be "
                "confirmed."
            )
        if status == "CANCELLED":
            raise invalid(f"Order {order_id} is cancelled and cannot be shipped.")
        if status not in SHIPPABLE_STATUSES:
            raise invalid(
                f"Order {order_id} cannot be confirmed in status {status}.",
                "Only UNSHIPPED and PARTIALLY_SHIPPED orders take shipment confirmations.",
            )
        if request.cod_collection_method and request.marketplace_id != JAPAN:
            raise invalid("codCollectionMethod is only supported in the JP marketplace.")
        items = _check_items(order, request)
        created = parse_iso(order["createdTime"])
        if request.ship_date < created:
            raise invalid(
                "shipDate must not be before the order was placed.",
                f"The order was placed at {order['createdTime']}.",
            )
        now = self.now()
        if request.ship_date > now + SHIP_DATE_AHEAD:
            raise invalid("shipDate is too far in the future.", "At most two days ahead.")

        stamp = iso(now)
        package_items = []
        for wanted in request.items:
            item = items[wanted.order_item_id]
            item_fulfillment = item.setdefault("fulfillment", {})
            shipped = item_fulfillment.get("quantityFulfilled", 0) + wanted.quantity
            item_fulfillment["quantityFulfilled"] = shipped
            item_fulfillment["quantityUnfulfilled"] = max(0, item["quantityOrdered"] - shipped)
            package_item: dict[str, Any] = {
                "orderItemId": wanted.order_item_id,
                "quantity": wanted.quantity,
            }
            if wanted.transparency_codes:
                package_item["transparencyCodes"] = list(wanted.transparency_codes)
            package_items.append(package_item)
        package: dict[str, Any] = {
            "packageReferenceId": request.package_reference_id,
            "createdTime": stamp,
            "packageStatus": {"status": "SHIPPED"},
            "carrier": request.carrier,
            "shipTime": iso(request.ship_date),
            "trackingNumber": request.tracking_number,
            "packageItems": package_items,
        }
        if request.shipping_method:
            package["shippingService"] = request.shipping_method
        order.setdefault("packages", []).append(package)
        done = all(
            item.get("fulfillment", {}).get("quantityUnfulfilled", 0) == 0
            for item in order.get("orderItems", [])
        )
        fulfillment["fulfillmentStatus"] = "SHIPPED" if done else "PARTIALLY_SHIPPED"
        order["lastUpdatedTime"] = stamp
        return Confirmation(
            order_id=order_id,
            package_reference_id=request.package_reference_id,
            carrier_code=request.carrier_code,
            carrier=request.carrier,
            tracking_number=request.tracking_number,
            ship_date=request.ship_date_text,
            items=request.items,
            confirmed_at=stamp,
        )


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


def parse_confirm_shipment(body: Any) -> PackageRequest:
    """Check a confirmShipment body against ConfirmShipmentRequest, one field at a time.

    Plain Python rather than jsonschema (a test-only dependency); every problem is collected so
    the caller sees them all in one answer.
    """
    problems: list[tuple[str, str]] = []

    def problem(message: str, details: str = "") -> None:
        problems.append((message, details))

    def text(parent: dict[str, Any], name: str, path: str, *, required: bool) -> str | None:
        if name not in parent:
            if required:
                problem(f"{path} is required.")
            return None
        value = parent[name]
        if not isinstance(value, str):  # null too: the model has no nullable fields
            problem(f"{path} must be a string.")
            return None
        if required and not value.strip():
            problem(f"{path} must not be empty.")
            return None
        return value

    if not isinstance(body, dict):
        raise InvalidFields([("The request body must be a JSON object.", "")])
    marketplace_id = text(body, "marketplaceId", "marketplaceId", required=True)
    cod = text(body, "codCollectionMethod", "codCollectionMethod", required=False)
    if cod is not None and cod != "DirectPayment":
        problem("codCollectionMethod must be DirectPayment.")
    detail = body.get("packageDetail")
    if not isinstance(detail, dict):
        problem(
            "packageDetail is required." if detail is None else "packageDetail must be an object."
        )
        raise InvalidFields(problems)
    p = "packageDetail."

    reference = text(detail, "packageReferenceId", p + "packageReferenceId", required=True)
    if reference is not None and not _positive_number(reference):
        problem(
            f"{p}packageReferenceId must be a positive number.",
            f"Got {reference!r}; only positive numeric values are supported.",
        )
    carrier_code = text(detail, "carrierCode", p + "carrierCode", required=True)
    if carrier_code is not None and carrier_code not in CARRIER_CODES:
        hint = next((c for c in CARRIER_CODES if c.lower() == carrier_code.lower()), None)
        problem(
            f"{p}carrierCode {carrier_code!r} is not a valid carrier code.",
            f"Did you mean {hint!r}?" if hint else "Use a code from Amazon's list, or Other.",
        )
        carrier_code = None
    carrier_name = text(detail, "carrierName", p + "carrierName", required=False)
    if carrier_code == "Other" and not (carrier_name and carrier_name.strip()):
        problem(f"{p}carrierName is required when carrierCode is Other.")
    shipping_method = text(detail, "shippingMethod", p + "shippingMethod", required=False)
    tracking = text(detail, "trackingNumber", p + "trackingNumber", required=True)
    if tracking is not None and carrier_code is not None:
        pattern, expected = TRACKING_FORMATS.get(carrier_code, GENERIC_TRACKING)
        if not pattern.fullmatch(tracking):
            problem(
                f"{p}trackingNumber {tracking!r} is not a valid tracking number for "
                f"{carrier_code}.",
                f"Expected {expected}.",
            )
    ship_date_text = text(detail, "shipDate", p + "shipDate", required=True)
    ship_date = None
    if ship_date_text is not None:
        try:
            if not _DATE_TIME.fullmatch(ship_date_text):
                raise ValueError
            ship_date = parse_iso(ship_date_text)
        except ValueError:
            problem(
                f"{p}shipDate must be an ISO 8601 date-time.",
                f"Got {ship_date_text!r}; e.g. 2026-11-23T14:00:00Z.",
            )
    supply_source = text(
        detail, "shipFromSupplySourceId", p + "shipFromSupplySourceId", required=False
    )
    items = _parse_items(detail.get("orderItems"), p + "orderItems", problem)
    if problems:
        raise InvalidFields(problems)
    # No problems means every required field was read.
    assert marketplace_id and reference and carrier_code and tracking and ship_date
    assert ship_date_text is not None  # ship_date was parsed from it
    return PackageRequest(
        marketplace_id=marketplace_id,
        package_reference_id=reference,
        carrier_code=carrier_code,
        carrier_name=carrier_name,
        shipping_method=shipping_method,
        tracking_number=tracking,
        ship_date=ship_date,
        ship_date_text=ship_date_text,
        ship_from_supply_source_id=supply_source,
        cod_collection_method=cod,
        items=items,
    )


def _positive_number(value: str) -> bool:
    # Compared as text: int() of a very long string raises on Python 3.11+.
    return value.isascii() and value.isdigit() and bool(value.lstrip("0"))


def _parse_items(
    value: Any, path: str, problem: Callable[[str, str], None]
) -> tuple[ConfirmedItem, ...]:
    if value is None:
        problem(f"{path} is required.", "")
        return ()
    if not isinstance(value, list) or not value:
        problem(f"{path} must be a non-empty list.", "")
        return ()
    items = []
    for index, entry in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(entry, dict):
            problem(f"{where} must be an object.", "")
            continue
        item_id = entry.get("orderItemId")
        quantity = entry.get("quantity")
        codes = entry.get("transparencyCodes", [])
        ok = True
        if not isinstance(item_id, str) or not item_id.strip():
            problem(f"{where}.orderItemId is required and must be a non-empty string.", "")
            ok = False
        # bool is an int in Python, not in JSON Schema.
        if type(quantity) is not int or quantity < 1:
            problem(f"{where}.quantity must be a positive integer.", f"Got {quantity!r}.")
            ok = False
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            problem(f"{where}.transparencyCodes must be a list of strings.", "")
            ok = False
        if ok:
            assert isinstance(item_id, str) and isinstance(quantity, int)  # checked above
            items.append(ConfirmedItem(item_id, quantity, tuple(codes)))
    return tuple(items)


def _check_package_reference(order: dict[str, Any], request: PackageRequest) -> None:
    """packageReferenceId is unique within the order; the same package again is a retry."""
    wanted = request.package_reference_id.lstrip("0")
    for package in order.get("packages", []):
        if package.get("packageReferenceId", "").lstrip("0") != wanted:
            continue
        same_carrier = package.get("carrier") in (request.carrier_code, request.carrier_name)
        if same_carrier and package.get("trackingNumber") == request.tracking_number:
            raise AlreadyConfirmed(
                400,
                "InvalidInput",
                ALREADY_CONFIRMED.format(ref=request.package_reference_id, order=order["orderId"]),
                f"Tracking number {request.tracking_number}, carrier {package.get('carrier')}.",
            )
        # Worded without "already": a real conflict, not a retry.
        raise invalid(
            f"packageReferenceId {request.package_reference_id} of order {order['orderId']} is "
            "in use by a package with a different carrier or tracking number.",
            "Use a new packageReferenceId for a new package.",
        )


def _check_items(order: dict[str, Any], request: PackageRequest) -> dict[str, dict[str, Any]]:
    """The confirmed items belong to the order and fit in what is left to ship."""
    items = {item["orderItemId"]: item for item in order.get("orderItems", [])}
    seen: set[str] = set()
    for wanted in request.items:
        item = items.get(wanted.order_item_id)
        if item is None:
            raise invalid(
                f"orderItemId {wanted.order_item_id} is not an item of order {order['orderId']}."
            )
        if wanted.order_item_id in seen:
            raise invalid(f"orderItemId {wanted.order_item_id} appears more than once.")
        seen.add(wanted.order_item_id)
        ordered = item["quantityOrdered"]
        shipped = item.get("fulfillment", {}).get("quantityFulfilled", 0)
        if shipped + wanted.quantity > ordered:
            raise invalid(
                f"quantity {wanted.quantity} for orderItemId {wanted.order_item_id} is more than "
                f"the {ordered - shipped} unit(s) left to ship.",
                f"Ordered {ordered}, confirmed before {shipped}.",
            )
    return items


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
                Rule(
                    "/orders/v0/orders/<order_id>/shipmentConfirmation",
                    endpoint="confirmShipment",
                    methods=["POST"],
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
                if operation == "confirmShipment":
                    self.state.confirm_shipment(values["order_id"], request.get_data())
                    response = Response(status=204)
                    del response.headers["Content-Type"]  # 204 has no body
                else:
                    if operation == "searchOrders":
                        body = self.state.search(args)
                    elif operation == "getMarketplaceParticipations":
                        body = marketplace_participations()
                    else:
                        body = self.state.get(values["order_id"], args)
                    response = json_response(body, 200)
        except ApiError as exc:
            response = json_response({"errors": exc.errors()}, exc.status)
        response.headers["x-amzn-RequestId"] = str(uuid.uuid4())
        response.headers.update(self.state.rate_header(operation))
        return response


def make_spapi_app(state: OrdersState, faults: FaultConfig) -> FaultInjector:
    return FaultInjector(SpApiApp(state), faults, _fault_response)
