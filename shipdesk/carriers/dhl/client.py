"""DHL Parcel NL (api-gw.dhlparcel.nl): login, capabilities, shipments, labels, tracking.

Follows `contracts/dhl-parcel-nl.md`. The API key login gives a JWT access token and a refresh
token; on a 401 the client refreshes (or logs in again) once and retries. Shipments are created
with a shipment id ShipDesk chose and stored beforehand, so a retry can never make a second one.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from shipdesk.carriers.base import (
    DELIVERED,
    IN_TRANSIT,
    LOCKER,
    NOT_SCANNED,
    PROBLEM,
    SHOP,
    Account,
    CapabilityQuery,
    CarrierAuthError,
    CarrierRejected,
    CarrierUnavailable,
    CreatedPiece,
    CreatedShipment,
    LabelRecord,
    OpeningHours,
    Refusal,
    ServicePoint,
    ServicePointClosed,
    ShipmentRequest,
    Tracking,
    TrackingEvent,
    document_complete,
    gave_up,
)
from shipdesk.carriers.dhl import (
    AMAZON_CARRIER_CODE,
    AMAZON_CARRIER_NAME,
    DHL_PRODUCTION,
    LIMITS,
    ROLES,
    SPEC_KEY,
    DhlCredentials,
)
from shipdesk.domain.labels import Receiver
from shipdesk.domain.service_points import by_distance
from shipdesk.domain.shipping import Capability, OptionCapability, SenderAddress
from shipdesk.httpclient import Transport, json_object
from shipdesk.retrying import Exhausted, Retry, RetryPolicy

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

APPLICATION = "ShipDesk"
# The capability query's fields that say where a parcel goes, as DHL's error details name them.
QUERY_FIELDS = {
    "toCountry": "country_code",
    "toPostalCode": "postal_code",
    "toBusiness": "is_business",
    # The ServicePoint finder's (parcel-shop-locations).
    "zipCode": "postal_code",
    "countryCode": "country_code",
}
TOKEN_MARGIN_S = 60
SERVICE_TYPE = "parcel-last-mile"  # the finder's points that take parcels for receivers
# Finder answers for a point that is not there (or no longer takes parcels), by DHL's key.
POINT_GONE = frozenset({"NOT_FOUND", "SERVICE_POINT_NOT_FOUND", "PARCEL_SHOP_NOT_FOUND"})
POINT_CLOSED = frozenset({"SERVICE_POINT_CLOSED", "PARCEL_SHOP_CLOSED"})


class DhlClient:
    name = "DHL Parcel NL"
    amazon_carrier_code = AMAZON_CARRIER_CODE
    amazon_carrier_name = AMAZON_CARRIER_NAME
    limits = LIMITS

    def __init__(
        self,
        credentials: DhlCredentials,
        endpoint: str = DHL_PRODUCTION,
        *,
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.credentials = credentials
        self.endpoint = endpoint.rstrip("/")
        self.retry = retry or RetryPolicy(max_attempts=5)
        self.transport = Transport("DHL", self.endpoint, policy=self.retry, session=session,
                                   pool_size=16)  # fmt: skip
        self._lock = threading.Lock()
        self._access: str | None = None
        self._access_expires = 0.0
        self._refresh: str | None = None
        self._accounts: tuple[str, ...] = ()

    # -- authentication --
    def login(self, cancel: threading.Event | None = None) -> Account:
        with self._lock:
            self._authenticate(cancel, use_refresh=False)
            return Account(self._accounts)

    def _authenticate(self, cancel: threading.Event | None, *, use_refresh: bool) -> None:
        """Under the lock: a new token pair, from the refresh token when we have one."""
        if use_refresh and self._refresh:
            try:
                body = self._send(
                    "POST",
                    "/authenticate/refresh-token",
                    json={"refreshToken": self._refresh},
                    cancel=cancel,
                    authenticated=False,
                )
            except CarrierAuthError:
                body = None  # the refresh token expired: log in with the key instead
        else:
            body = None
        if body is None:
            body = self._send(
                "POST",
                "/authenticate/api-key",
                json={"userId": self.credentials.user_id, "key": self.credentials.api_key},
                cancel=cancel,
                authenticated=False,
            )
        try:
            self._access = str(body["accessToken"])
            self._refresh = body.get("refreshToken")
            expires = float(body.get("accessTokenExpiration") or 0)
            self._access_expires = expires if expires else time.time() + 600
            self._accounts = tuple(str(a) for a in body.get("accountNumbers") or ())
        except (KeyError, TypeError, ValueError):
            raise CarrierUnavailable("DHL's login answer was incomplete.") from None

    def _token(self, cancel: threading.Event | None, *, renew: bool = False) -> str:
        with self._lock:
            if renew or self._access is None or time.time() > self._access_expires - TOKEN_MARGIN_S:
                self._authenticate(cancel, use_refresh=self._access is not None)
            assert self._access is not None
            return self._access

    # -- transport --
    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        accept: str = "application/json",
        cancel: threading.Event | None = None,
        authenticated: bool = True,
        raw: bool = False,
        complete: Callable[[bytes], bool] | None = None,
    ) -> Any:
        """One call with retries on network errors, 429 and 5xx; one re-login on 401.
        `complete` checks a raw document: a cut-off one is retried like a network error."""
        renewed = False

        def headers() -> dict[str, str]:
            sent = {"Accept": accept}
            if authenticated:
                sent["Authorization"] = f"Bearer {self._token(cancel)}"
            return sent

        def interpret(response: requests.Response) -> Any:
            nonlocal renewed
            status = response.status_code
            if status == 401 and authenticated and not renewed:
                self._token(cancel, renew=True)  # the token expired early: once, not counted
                renewed = True
                return Retry("access token renewed", after=0, free=True)
            if status in (401, 403):
                error = json_object(response)
                raise CarrierAuthError(
                    "DHL refused the API key or user id (check them in My DHL Portal → "
                    f"Settings → API keys): {error.get('message') or status}.",
                    details=error.get("details") or (),
                    service="dhl",
                )
            if status == 429:
                return Retry("rate limited")
            if status >= 400:
                error = json_object(response)
                details = [d for d in error.get("details") or () if isinstance(d, dict)]
                raise CarrierRejected(
                    _rejection(error, status),
                    key=str(error.get("key", "")),
                    details=details,
                    refusals=[_refusal(d) for d in details],
                    service="dhl",
                )
            if raw:
                if complete is None or complete(response.content):
                    return response.content
                return Retry("an incomplete document")
            try:
                return response.json()
            except ValueError:
                return Retry("an unreadable answer")

        try:
            return self.transport.request(
                method, path, interpret, params=params, json=json, headers=headers, cancel=cancel
            )
        except Exhausted as exc:
            raise gave_up(exc, "dhl") from None

    # -- API --
    def capabilities(
        self, query: CapabilityQuery, cancel: threading.Event | None = None
    ) -> list[Capability]:
        params = {
            "fromCountry": query.from_country,
            "toCountry": query.to_country,
            "toBusiness": "true" if query.recipient_type == "business" else "false",
            "carrier": "DHL-PARCEL",
        }
        if query.to_postal_code:
            params["toPostalCode"] = query.to_postal_code
        if query.account_number:
            params["accountNumber"] = query.account_number
        body = self._send("GET", "/capabilities/business", params=params, cancel=cancel)
        return [c for c in (_capability(entry) for entry in body or []) if c is not None]

    def create_shipment(
        self, request: ShipmentRequest, cancel: threading.Event | None = None
    ) -> CreatedShipment:
        return self._post_shipment(_shipment_body(request), request, cancel)

    def create_return(
        self, request: ShipmentRequest, cancel: threading.Event | None = None
    ) -> CreatedShipment:
        """A second shipment with the parties swapped and `returnLabel: true` (the contract):
        idempotent by our shipment id like any other, so a retry never makes two."""
        return self._post_shipment(_return_body(request), request, cancel)

    def _post_shipment(
        self, sent: dict[str, Any], request: ShipmentRequest, cancel: threading.Event | None
    ) -> CreatedShipment:
        body = self._send("POST", "/shipments", json=sent, cancel=cancel)
        try:
            pieces = tuple(
                CreatedPiece(
                    str(p["labelId"]),
                    str(p["trackerCode"]),
                    str(p.get("parcelType", "")),
                    int(p.get("pieceNumber", n)),
                )
                for n, p in enumerate(body["pieces"], start=1)
            )
            return CreatedShipment(
                str(body.get("shipmentId", request.shipment_id)),
                str(body.get("product", "")),
                pieces,
            )
        except (KeyError, TypeError, ValueError):
            raise CarrierUnavailable("DHL's answer to the new shipment was incomplete.") from None

    def label(
        self,
        label_id: str,
        fmt: str = "pdf",
        dpi: int = 203,
        cancel: threading.Event | None = None,
    ) -> bytes:
        kind = "zpl" if fmt == "zpl" else "pdf"
        return self._send(
            "GET",
            f"/labels/{label_id}",
            # `labelFormat` as DHL documents it (for /labels); the resolution is ours to ask:
            # DHL's documentation does not name it, so a 203 dpi account ignores it.
            params={"labelFormat": "zpl", "dpi": dpi} if kind == "zpl" else None,
            accept=f"application/{kind}",
            cancel=cancel,
            raw=True,
            complete=document_complete(kind),
        )

    def find_created(
        self, order_reference: str, shipment_id: str, cancel: threading.Event | None = None
    ) -> CreatedShipment | None:
        """Our shipment id is DHL's: found under the order reference, or it was not made."""
        records = [
            r
            for r in self.labels_for_reference(order_reference, cancel)
            if r.shipment_id == shipment_id
        ]
        if not records:
            return None
        pieces = tuple(
            CreatedPiece(r.label_id, r.tracker_code, "", r.piece_number)
            for r in sorted(records, key=lambda r: r.piece_number)
        )
        return CreatedShipment(shipment_id, "", pieces)

    def labels_for_reference(
        self, order_reference: str, cancel: threading.Event | None = None
    ) -> list[LabelRecord]:
        body = self._send(
            "GET", "/labels", params={"orderReferenceFilter": order_reference}, cancel=cancel
        )
        return [
            LabelRecord(
                str(e["labelId"]),
                str(e["trackerCode"]),
                str(e.get("shipmentId", "")),
                str(e.get("orderReference", order_reference)),
                int(e.get("pieceNumber", 1)),
            )
            for e in body or []
            if isinstance(e, dict) and e.get("labelId") and e.get("trackerCode")
        ]

    # -- the ServicePoint finder (no login needed) --
    def service_points(
        self,
        country: str,
        postcode: str,
        limit: int = 10,
        cancel: threading.Event | None = None,
    ) -> list[ServicePoint]:
        """DHL's ServicePoints nearest to a postcode (`parcel-shop-locations`), nearest first."""
        country = country.strip().upper()
        body = self._send(
            "GET",
            f"/parcel-shop-locations/{quote(country, safe='')}",
            params={
                "zipCode": _postal_code(postcode, country),
                "limit": max(1, int(limit)),
                "serviceType": SERVICE_TYPE,
            },
            cancel=cancel,
            authenticated=False,
        )
        found = [_service_point(e) for e in body or [] if isinstance(e, dict)]
        return by_distance([p for p in found if p is not None])

    def service_point(
        self,
        country: str,
        point_id: str,
        postcode: str = "",
        cancel: threading.Event | None = None,
    ) -> ServicePoint | None:
        """One ServicePoint by its id; None when DHL has no such point. A point that takes no
        parcels now raises ServicePointClosed."""
        country = country.strip().upper()
        try:
            body = self._send(
                "GET",
                f"/parcel-shop-locations/{quote(country, safe='')}/{quote(point_id, safe='')}",
                cancel=cancel,
                authenticated=False,
            )
        except CarrierRejected as exc:
            if exc.key in POINT_CLOSED:
                raise ServicePointClosed(str(exc), key=exc.key, service=SPEC_KEY) from None
            if exc.key in POINT_GONE:
                return None
            raise
        entry = body[0] if isinstance(body, list) and body else body  # an object or a list of one
        return _service_point(entry) if isinstance(entry, dict) else None

    def track(
        self, tracker_codes: Sequence[str], cancel: threading.Event | None = None
    ) -> list[Tracking]:
        if not tracker_codes:
            return []
        body = self._send(
            "GET", "/track-trace", params={"key": ",".join(tracker_codes)}, cancel=cancel
        )
        results = []
        for entry in body or []:
            events = tuple(
                TrackingEvent(
                    str(e.get("status", "")),
                    str(e.get("timestamp", "")),
                    str(e.get("location", "") or ""),
                    str(e.get("category", "") or ""),
                )
                for e in entry.get("events") or []
            )
            delivered_at = entry.get("deliveredAt") or None
            results.append(
                Tracking(
                    str(entry.get("barcode", "")),
                    events,
                    delivered_at,
                    _tracking_status(events, delivered_at),
                )
            )
        return results


def _service_point(entry: dict[str, Any]) -> ServicePoint | None:
    """One of the finder's shops as a ServicePoint (None when it lacks an id or a name)."""
    raw_address = entry.get("address")
    address = raw_address if isinstance(raw_address, dict) else {}
    point_id, name = str(entry.get("id") or "").strip(), str(entry.get("name") or "").strip()
    if not point_id or not name:
        log.warning("skipped a ServicePoint without an id or a name")
        return None
    hours = []
    for period in entry.get("openingTimes") or ():
        try:
            day = int(period["weekDay"])  # 1 = Monday … 7 = Sunday
            if 1 <= day <= 7:
                hours.append(
                    OpeningHours(day - 1, str(period["timeFrom"])[:5], str(period["timeTo"])[:5])
                )
        except (KeyError, TypeError, ValueError):
            continue
    try:
        distance = round(float(entry["distance"]))
    except (KeyError, TypeError, ValueError):
        distance = None
    shop_type = str(entry.get("shopType") or "").lower()
    return ServicePoint(
        id=point_id,
        carrier=SPEC_KEY,
        name=name,
        street=str(address.get("street") or ""),
        number=str(address.get("number") or "") + str(address.get("addition") or ""),
        postal_code=str(address.get("zipCode") or address.get("postalCode") or ""),
        city=str(address.get("city") or ""),
        country_code=str(address.get("countryCode") or "").upper(),
        distance_m=distance,
        hours=tuple(sorted(hours, key=lambda h: (h.weekday, h.opens))),
        kind=LOCKER if ("locker" in shop_type or "station" in shop_type) else SHOP,
    )


# DHL's event categories that stop a parcel on its way (a problem for the owner to see).
HALTING = frozenset({"EXCEPTION", "PROBLEM", "RETURNED"})


def _tracking_status(events: tuple[TrackingEvent, ...], delivered_at: str | None) -> str:
    if delivered_at:
        return DELIVERED
    if events and events[-1].category.upper() in HALTING:
        return PROBLEM
    if any(e.category.upper() not in ("", "DATA_RECEIVED") for e in events):
        return IN_TRANSIT
    return NOT_SCANNED


# DHL's request fields (as its error details name them), as ShipDesk names them.
_PARTY_FIELDS = {
    "address.street": "street",
    "address.number": "number",
    "address.addition": "addition",
    "address.postalCode": "postal_code",
    "address.city": "city",
    "address.countryCode": "country_code",
    "address.isBusiness": "is_business",
    "name.firstName": "first_name",
    "name.lastName": "last_name",
    "name.companyName": "company_name",
    "email": "email",
    "phoneNumber": "phone",
}
_LIMIT = re.compile(r"at most (\d+(?:\.\d+)?)|up to (\d+(?:\.\d+)?)|max(?:imum)? (\d+(?:\.\d+)?)")


def _refusal(detail: dict[str, Any]) -> Refusal:
    """One of DHL's error details as a Refusal (field and reason in ShipDesk's terms)."""
    path = str(detail.get("field") or "")
    text = str(detail.get("message") or "")
    field = ""
    for role, prefix in (("receiver.", ""), ("shipper.", "sender_")):
        if path.startswith(role):
            field = prefix + _PARTY_FIELDS.get(path.removeprefix(role), path.removeprefix(role))
    if path in QUERY_FIELDS:
        field = QUERY_FIELDS[path]
    elif path.startswith("pieces"):
        tail = path.rsplit(".", 1)[-1]
        field = {"weight": "weight", "parcelType": "parcel_type"}.get(tail, "pieces")
    elif path.startswith("options"):
        field = "option"
    lowered = text.lower()
    if "required" in lowered or "missing" in lowered:
        reason = "missing"
    elif ("at most" in lowered and "character" in lowered) or "too long" in lowered:
        reason = "too_long"
    elif "digits only" in lowered:
        reason = "not_digits"
    elif "does not ship" in lowered or "not served" in lowered:
        reason = "not_served"
    elif "not possible" in lowered or "not allowed" in lowered or "unknown option" in lowered:
        reason = "not_allowed"
    elif "not a valid" in lowered or "must be" in lowered or "invalid" in lowered:
        reason = "invalid"
    else:
        reason = "other"
    found = _LIMIT.search(lowered)
    limit = next((g for g in found.groups() if g), "") if found else ""
    return Refusal(field, reason, f"{path}: {text}" if path else text, limit)


def _rejection(error: dict[str, Any], status: int) -> str:
    message = str(error.get("message") or f"HTTP {status}")
    fields = [
        text
        for d in error.get("details") or []
        if isinstance(d, dict)
        and d.get("field")
        and (text := f"{d.get('field')}: {d.get('message')}") not in message
    ]
    # DHL's own words; the UI says "DHL refused the request" around them, in its language.
    return message + (f" ({'; '.join(fields)})" if fields else "")


def _capability(entry: dict[str, Any]) -> Capability | None:
    try:
        parcel = entry["parcelType"]
        options = tuple(
            OptionCapability(
                key=str(o["key"]),
                description=str(o.get("description") or ""),
                option_type=str(o.get("optionType") or "SERVICE_OPTION"),
                input_type=o.get("inputType") or None,
                input_max=float(o["inputMax"]) if o.get("inputMax") is not None else None,
                exclusions=frozenset(str(x["key"]) for x in o.get("exclusions") or []),
            )
            for o in entry.get("options") or []
        )
        return Capability(
            product=str(entry["product"]["key"]),
            parcel_type=str(parcel["key"]),
            min_weight_kg=float(parcel.get("minWeightKg") or 0),
            max_weight_kg=float(parcel.get("maxWeightKg") or 31.5),
            options=options,
            rank=int(entry.get("rank") or 0),
        )
    except (KeyError, TypeError, ValueError):
        log.warning("skipped a malformed DHL capability entry")
        return None


def _postal_code(code: str, country: str) -> str:
    """As DHL writes them: a Dutch postcode without its space ("3542AD")."""
    code = " ".join(code.split()).upper()
    return code.replace(" ", "") if country.upper() == "NL" else code


def _party_name(first: str, last: str, company: str) -> dict[str, Any]:
    return {"firstName": first or None, "lastName": last or None, "companyName": company or None}


def _receiver(receiver: Receiver) -> dict[str, Any]:
    return {
        "name": _party_name(receiver.first_name, receiver.last_name, receiver.company_name),
        "address": {
            "countryCode": receiver.country_code,
            "postalCode": _postal_code(receiver.postal_code, receiver.country_code),
            "city": receiver.city,
            "street": receiver.street,
            "number": receiver.number,
            "addition": receiver.addition or None,
            "isBusiness": receiver.is_business,
        },
        "email": receiver.email or None,
        "phoneNumber": receiver.phone or None,
    }


def _shipper(sender: SenderAddress) -> dict[str, Any]:
    return {
        "name": _party_name("", sender.name, sender.company_name),
        "address": {
            "countryCode": sender.country_code,
            "postalCode": _postal_code(sender.postal_code, sender.country_code),
            "city": sender.city,
            "street": sender.street,
            "number": sender.number,
            "addition": sender.addition or None,
            "isBusiness": True,
        },
        "email": sender.email or None,
        "phoneNumber": sender.phone or None,
    }


def _shipment_body(request: ShipmentRequest) -> dict[str, Any]:
    return {
        "shipmentId": request.shipment_id,
        "orderReference": request.order_reference,
        "receiver": _receiver(request.receiver),
        "shipper": _shipper(request.sender),
        "accountId": request.account_number,
        "options": [
            {"key": key, **({"input": value} if value is not None else {})}
            for key, value in request.options
            if key != ROLES.return_label  # ShipDesk makes the return as its own shipment
        ],
        "returnLabel": False,
        # Parcels of one weight as one entry with their quantity; weighed apart, one each.
        "pieces": [
            {"parcelType": request.parcel_type, "quantity": request.pieces, "weight": weight}
            for weight in dict.fromkeys(request.weights())
        ]
        if len(set(request.weights())) == 1
        else [
            {"parcelType": request.parcel_type, "quantity": 1, "weight": weight}
            for weight in request.weights()
        ],
        "application": APPLICATION,
    }


# What a return keeps of the outbound label's options: its references (the rest, delivery
# services, are the outbound parcel's and not the return's to ask for).
RETURN_OPTIONS = frozenset({"REFERENCE", "REFERENCE2"})


def _return_body(request: ShipmentRequest) -> dict[str, Any]:
    """The buyer ships one parcel back to the shop: receiver and shipper swapped."""
    body = _shipment_body(request)
    body["options"] = [o for o in body["options"] if o["key"] in RETURN_OPTIONS]
    body["receiver"] = _shipper(request.sender)
    body["shipper"] = _receiver(request.receiver)
    body["returnLabel"] = True
    body["pieces"] = [
        {"parcelType": request.parcel_type, "quantity": 1, "weight": request.weight_kg}
    ]
    return body
