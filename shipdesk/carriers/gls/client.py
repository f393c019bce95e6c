"""GLS Netherlands (api.gls.nl): the Label API and the Track & Trace API.

Follows `contracts/gls-nl.md`. Every Label API call is a POST with the MyGLS login in its
body; the answer's envelope says `error` as well as its HTTP status, and both are checked.
Label/Create takes no id of ours, so it is never sent twice: when its answer is lost it raises
CarrierUnclear, and `find_created` looks the order up by its reference in the Track & Trace
search. Field limits are checked here before sending, so that GLS's V009 never comes back for
something ShipDesk could have said itself.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from shipdesk import __version__
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
    CarrierUnclear,
    CreatedPiece,
    CreatedShipment,
    DocumentGone,
    OpeningHours,
    Refusal,
    ServicePoint,
    ShipmentRequest,
    Tracking,
    TrackingEvent,
    document_complete,
    gave_up,
)
from shipdesk.carriers.gls import (
    ADDRESSEE_ONLY,
    AMAZON_CARRIER_CODE,
    AMAZON_CARRIER_NAME,
    EXPRESS,
    GLS_PRODUCTION,
    LETTERBOX,
    LIMITS,
    MAX_WEIGHT_KG,
    PARCELSHOP,
    SATURDAY,
    SHOP_RETURN,
    SPEC_KEY,
    GlsCredentials,
)
from shipdesk.domain.labels import Receiver
from shipdesk.domain.service_points import by_distance
from shipdesk.domain.shipping import Capability, OptionCapability, SenderAddress
from shipdesk.httpclient import Transport, json_object
from shipdesk.retrying import Exhausted, OutcomeUnknown, Retry, RetryPolicy

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

LABEL_API = "/V1/api/"
TRACK_API = "/tt/V1/api/"
API_VERSION = {"api-version": "1.0"}
SHIPPING_SYSTEM = "ShipDesk"
# GLS NL works in Dutch time: shippingDate is today in Amsterdam, not today in UTC nor in the
# computer's own time zone (from 23:00 UTC, 22:00 in summer, Amsterdam is a day further).
GLS_TIME_ZONE = ZoneInfo("Europe/Amsterdam")
MAX_SHOPS = 10  # GetParcelShops' amountOfShops: 1 to 10
TRACK_BATCH = 20  # parcel numbers per Track & Trace call
CONFIRM_BATCH = 100  # parcel numbers per ConfirmMultiple
# labelType per document ShipDesk prints: A6 PDF per unit, ZPL at 203 or 300 dpi.
PDF_LABEL_TYPE = "pdfA6U"
# What GetDeliveryOptions' services and sub-options are, as ShipDesk's option keys.
SERVICE_OPTIONS = {
    "SaturdayService": SATURDAY,
    "ShopDeliveryService": PARCELSHOP,
    "ShopReturnService": SHOP_RETURN,
    "AddresseeOnlyService": ADDRESSEE_ONLY,
    "LetterBoxParcel": LETTERBOX,
}
EXPRESS_OPTIONS = {code.upper(): key for key, code in EXPRESS.items()}  # "T12" -> EXPRESS_T12
# What cannot go together (GLS refuses it with V021), symmetric.
_EXCLUDED = (
    *((a, b) for a in EXPRESS for b in EXPRESS if a != b),
    *((key, SATURDAY) for key in EXPRESS),
    *((PARCELSHOP, key) for key in (*EXPRESS, SATURDAY, ADDRESSEE_ONLY, LETTERBOX)),
    *((LETTERBOX, key) for key in (*EXPRESS, SATURDAY, ADDRESSEE_ONLY)),
)
EXCLUSIONS: dict[str, frozenset[str]] = {
    key: frozenset({b for a, b in _EXCLUDED if a == key} | {a for a, b in _EXCLUDED if b == key})
    for key in (*EXPRESS, SATURDAY, PARCELSHOP, LETTERBOX, ADDRESSEE_ONLY, SHOP_RETURN)
}
# GLS's address fields (as its errors name them) as ShipDesk's receiver fields.
_ADDRESS_FIELDS = {
    "name2": "full_name",
    "name3": "full_name",
    "contact": "full_name",
    "street": "street",
    "houseno": "number",
    "housenoext": "addition",
    "zipcode": "postal_code",
    "city": "city",
    "countrycode": "country_code",
    "phone": "phone",
    "email": "email",
    "addresseetype": "is_business",
}
_REASONS = {
    "V001": "missing",
    "V008": "invalid",
    "V009": "too_long",
    "V010": "invalid",
    "V012": "invalid",
    "V020": "not_allowed",
    "V021": "not_allowed",
}
_CODE = re.compile(r"\b(V\d{3})\b")


class GlsSubscriptionRefused(CarrierAuthError):
    """GLS's gateway wants a (different) subscription key: the owner asks GLS for one."""

    code = "carrier_subscription"


class GlsClient:
    name = "GLS NL"
    amazon_carrier_code = AMAZON_CARRIER_CODE
    amazon_carrier_name = AMAZON_CARRIER_NAME
    limits = LIMITS

    def __init__(
        self,
        credentials: GlsCredentials,
        endpoint: str = GLS_PRODUCTION,
        *,
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
        pdf_label_type: str = PDF_LABEL_TYPE,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.credentials = credentials
        self.clock = clock  # seconds since the epoch: where "today" comes from (tests set it)
        self.pdf_label_type = pdf_label_type  # one A6 document per parcel unless told
        self.endpoint = endpoint.rstrip("/")
        self.retry = retry or RetryPolicy(max_attempts=5)
        self.transport = Transport(
            "GLS", self.endpoint, policy=self.retry, session=session, pool_size=16
        )

    # -- transport --
    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.credentials.subscription_key:  # sent only when the account has one
            headers["Ocp-Apim-Subscription-Key"] = self.credentials.subscription_key
        return headers

    def _call(
        self,
        call: str,
        body: dict[str, Any],
        cancel: threading.Event | None,
        *,
        idempotent: bool = True,
        is_business: bool = False,
    ) -> dict[str, Any]:
        """One Label API call; GLS's refusals become CarrierRejected with Refusals."""
        sent = {
            "username": self.credentials.username,
            "password": self.credentials.password,
            "shippingSystemName": SHIPPING_SYSTEM,
            "shippingSystemVersion": __version__,
            **body,
        }

        def interpret(response: requests.Response) -> Any:
            answer = json_object(response)
            status = _status(response.status_code, answer)
            if status in (401, 403):
                raise _auth_error(answer, status)
            if status == 429:
                return Retry("rate limited")
            if status >= 500 or status == 424:  # GLS's own systems failed behind the API
                return Retry(f"GLS status {status}")
            if not answer and status >= 400:  # not GLS answering (a wrong address, a proxy)
                raise CarrierRejected(
                    f"GLS answered HTTP {status} without its usual answer: check the GLS "
                    "address (endpoints) and the connection.",
                    key=str(status),
                    refusals=[Refusal("", "other", f"HTTP {status}")],
                    service="gls",
                )
            if not answer:
                return Retry("an unreadable answer")
            if status >= 400 or answer.get("error") is True:
                raise _rejected(answer, status, is_business)
            return answer

        try:
            return self.transport.request(
                "POST",
                LABEL_API + call,
                interpret,
                params=API_VERSION,
                json=sent,
                headers=self._headers,
                cancel=cancel,
                idempotent=idempotent,
            )
        except OutcomeUnknown as exc:
            raise CarrierUnclear(f"{exc}.", service="gls") from None
        except Exhausted as exc:
            # Not idempotent: only what never reached GLS was tried again, so nothing was made.
            raise gave_up(exc, "gls", maybe_sent=idempotent) from None

    def _track_call(
        self, call: str, body: dict[str, Any], cancel: threading.Event | None
    ) -> dict[str, Any]:
        """One Track & Trace call: its errors are RFC 7807 problems, its 429 says how long."""
        sent = {
            "userName": self.credentials.username,
            "password": self.credentials.password,
            **body,
        }

        def interpret(response: requests.Response) -> Any:
            answer = json_object(response)
            status = response.status_code
            if status == 429:
                return Retry("rate limited", after=_try_again_in(str(answer.get("detail", ""))))
            if status in (401, 403):
                raise _auth_error(answer, status)
            if status >= 400:
                detail = str(answer.get("detail") or answer.get("title") or f"HTTP {status}")
                raise CarrierRejected(
                    f"GLS Track & Trace: {detail}",
                    service="gls",
                    refusals=[Refusal("", "other", detail)],
                )
            if not answer:
                return Retry("an unreadable answer")
            return answer

        try:
            return self.transport.request(
                "POST",
                TRACK_API + call,
                interpret,
                json=sent,
                headers=self._headers,
                cancel=cancel,
            )
        except Exhausted as exc:
            raise gave_up(exc, "gls") from None

    def today(self) -> dt.date:
        """The shippingDate GLS expects for something sent now: today in Amsterdam."""
        return gls_today(self.clock())

    # -- the API --
    def login(self, cancel: threading.Event | None = None) -> Account:
        answer = self._call("Authentication/ValidateLogin", {}, cancel)
        numbers: list[str] = []
        for customer in answer.get("customers") or []:
            for subject in (customer.get("subjects") or []) if isinstance(customer, dict) else []:
                for number in (subject.get("custNos") or []) if isinstance(subject, dict) else []:
                    if str(number).strip() and str(number).strip() not in numbers:
                        numbers.append(str(number).strip())
        return Account(tuple(numbers))

    def capabilities(
        self, query: CapabilityQuery, cancel: threading.Event | None = None
    ) -> list[Capability]:
        """What GetDeliveryOptions says the destination has, as one product with its options."""
        answer = self._call(
            "DeliveryOptions/GetDeliveryOptions",
            {
                "countryCode": query.to_country,
                "zipCode": query.to_postal_code,
                "langCode": "en",
                "shippingDate": self.today().isoformat(),
            },
            cancel,
        )
        entries = [e for e in answer.get("deliveryOptions") or [] if isinstance(e, dict)]
        if not entries:
            return []  # GLS does not go there
        product = "BusinessParcel" if query.to_country == "NL" else "EuroBusinessParcel"
        keys: list[str] = []
        for entry in entries:
            service = str(entry.get("service") or "")
            if service == "ExpressService":
                subs = [s for s in entry.get("subDeliveryOptions") or [] if isinstance(s, dict)]
                keys += [
                    EXPRESS_OPTIONS[c]
                    for s in subs
                    if (c := str(s.get("service", "")).upper()) in EXPRESS_OPTIONS
                ]
            elif service in SERVICE_OPTIONS:
                keys.append(SERVICE_OPTIONS[service])
            elif not service and entry.get("title"):
                product = str(entry["title"])
        if query.to_country != "NL" and SHOP_RETURN in keys:
            keys.remove(SHOP_RETURN)  # ShopReturn is for Dutch addresses only
        options = tuple(
            OptionCapability(
                key=key,
                option_type="DELIVERY_OPTION" if key == PARCELSHOP else "SERVICE_OPTION",
                input_type="address" if key == PARCELSHOP else None,
                exclusions=EXCLUSIONS.get(key, frozenset()) & frozenset(keys),
            )
            for key in dict.fromkeys(keys)
        )
        return [Capability(product, "PARCEL", 0.0, MAX_WEIGHT_KG, options, rank=1)]

    def create_shipment(
        self, request: ShipmentRequest, cancel: threading.Event | None = None
    ) -> CreatedShipment:
        """Never sent twice: a lost answer raises CarrierUnclear (see find_created)."""
        problems = limit_refusals(request)
        if problems:
            raise CarrierRejected(
                "; ".join(p.text for p in problems), key="V009", refusals=problems, service="gls"
            )
        label_type, document_format = _label_type(request, self.pdf_label_type)
        answer = self._call(
            "Label/Create",
            _create_body(request, label_type, self.today()),
            cancel,
            idempotent=False,
            is_business=request.receiver.is_business,
        )
        product = (
            "BusinessParcel" if request.receiver.country_code == "NL" else "EuroBusinessParcel"
        )
        return _created(answer, request.shipment_id, product, document_format)

    def create_return(
        self, request: ShipmentRequest, cancel: threading.Event | None = None
    ) -> CreatedShipment:
        """ShopReturn/Create (NL only): the buyer's address as on the outbound label, one unit,
        and the reason; the parcel goes to the pickup address, the shop. Never sent twice."""
        problems = limit_refusals(request)
        if problems:
            raise CarrierRejected(
                "; ".join(p.text for p in problems), key="V009", refusals=problems, service="gls"
            )
        label_type, document_format = _label_type(request, self.pdf_label_type)
        one = replace(request, options=(), pieces=1, parcel_weights=())
        body = _create_body(one, label_type, self.today())
        body["returnReason"] = (request.return_reason or "Return")[:50]
        answer = self._call(
            "ShopReturn/Create",
            body,
            cancel,
            idempotent=False,
            is_business=request.receiver.is_business,
        )
        return _created(answer, request.shipment_id, "ShopReturn", document_format)

    def label(
        self,
        label_id: str,
        fmt: str = "pdf",
        dpi: int = 203,
        cancel: threading.Event | None = None,
    ) -> bytes:
        """GLS has no call that gives a label's document again: it comes with the new label."""
        raise DocumentGone(
            f"GLS gives a label's document only when the label is made; parcel {label_id} has "
            f"no {'ZPL' if fmt == 'zpl' else 'PDF'} copy here. Delete the label and make it "
            "again, or print it from MyGLS.",
            key="document_gone",
            service="gls",
        )

    def find_created(
        self, order_reference: str, shipment_id: str, cancel: threading.Event | None = None
    ) -> CreatedShipment | None:
        """The order's parcels by its reference in the Track & Trace search (without their
        documents: GLS gives those only once). None when the search shows none."""
        answer = self._track_call("parcel/v1/search", {"customerRef": order_reference}, cancel)
        parcels = [
            p
            for p in answer.get("parcels") or []
            if isinstance(p, dict)
            and p.get("parcelNo")
            and str(p.get("customerReference", "")) == order_reference
        ]
        if not parcels:
            return None
        pieces = tuple(
            CreatedPiece(
                str(p["parcelNo"]),
                str(p["parcelNo"]),
                "PARCEL",
                n,
                (("unitNo", str(p["parcelNo"])), ("uniqueNo", str(p.get("uniqueNo") or ""))),
            )
            for n, p in enumerate(parcels, start=1)
        )
        return CreatedShipment(shipment_id, "", pieces)

    def confirm(
        self, label_ids: Sequence[str], day: dt.date, cancel: threading.Event | None = None
    ) -> None:
        """Confirm the day's parcels to GLS (Label/ConfirmMultiple, in batches)."""
        for start in range(0, len(label_ids), CONFIRM_BATCH):
            self._call(
                "Label/ConfirmMultiple",
                {
                    "unitNos": list(label_ids[start : start + CONFIRM_BATCH]),
                    "shiptype": "p",
                    "shippingDate": day.isoformat(),
                },
                cancel,
            )

    def void(self, label_ids: Sequence[str], cancel: threading.Event | None = None) -> None:
        """Delete these parcels (before their first scan; irreversible). One already deleted
        counts as done (V032)."""
        for unit_no in label_ids:
            try:
                self._call("Label/Delete", {"unitNo": unit_no, "shiptype": "p"}, cancel)
            except CarrierRejected as exc:
                if exc.key != "V032":
                    raise

    # -- ParcelShops and lockers --
    def service_points(
        self,
        country: str,
        postcode: str,
        limit: int = 10,
        cancel: threading.Event | None = None,
    ) -> list[ServicePoint]:
        """GLS's ParcelShops and lockers nearest to a postcode (GetParcelShops), nearest first."""
        country = country.strip().upper()
        answer = self._call(
            "ParcelShop/GetParcelShops",
            {
                "zipCode": _postal_code(postcode, country),
                "amountOfShops": min(max(1, int(limit)), MAX_SHOPS),
                "countryCode": country,
                "glsPointType": "all",
            },
            cancel,
        )
        found = [_parcel_shop(e) for e in answer.get("parcelShops") or [] if isinstance(e, dict)]
        return by_distance([p for p in found if p is not None])

    def service_point(
        self,
        country: str,
        point_id: str,
        postcode: str = "",
        cancel: threading.Event | None = None,
    ) -> ServicePoint | None:
        """GLS finds ParcelShops only by place: the one with this id among those nearest to
        `postcode` (None without a postcode, or when it is not there: closed or unknown)."""
        if not postcode.strip():
            return None
        near = self.service_points(country, postcode, MAX_SHOPS, cancel)
        return next((p for p in near if p.id == point_id.strip()), None)

    def track(
        self, tracker_codes: Sequence[str], cancel: threading.Event | None = None
    ) -> list[Tracking]:
        results = []
        for start in range(0, len(tracker_codes), TRACK_BATCH):
            batch = list(tracker_codes[start : start + TRACK_BATCH])
            answer = self._track_call("parcel/v1/details", {"parcelNumbers": batch}, cancel)
            for parcel in answer.get("parcels") or []:
                if isinstance(parcel, dict) and parcel.get("parcelNo"):
                    results.append(_tracking(parcel))
        return results


# -- requests --


def _parcel_shop(entry: dict[str, Any]) -> ServicePoint | None:
    """One of GetParcelShops' shops as a ServicePoint (None without an id or a name)."""
    point_id = str(entry.get("parcelShopId") or "").strip()
    name = str(entry.get("name") or "").strip()
    if not point_id or not name:
        log.warning("skipped a ParcelShop without an id or a name")
        return None
    hours = []
    for period in entry.get("businessHours") or ():
        try:
            day = int(period["dayOfWeek"])  # 1 = Monday … 7 = Sunday
            if 1 <= day <= 7:
                hours.append(
                    OpeningHours(
                        day - 1, str(period["openingTime"])[:5], str(period["closingTime"])[:5]
                    )
                )
        except (KeyError, TypeError, ValueError):
            continue
    try:
        distance = round(float(entry["distanceMeters"]))
    except (KeyError, TypeError, ValueError):
        distance = None
    return ServicePoint(
        id=point_id,
        carrier=SPEC_KEY,
        name=name,
        street=str(entry.get("street") or ""),
        number=str(entry.get("houseNo") or ""),
        postal_code=str(entry.get("zipcode") or entry.get("zipCode") or ""),
        city=str(entry.get("city") or ""),
        country_code=str(entry.get("countryCode") or "").upper(),
        distance_m=distance,
        hours=tuple(sorted(hours, key=lambda h: (h.weekday, h.opens))),
        kind=LOCKER if "locker" in str(entry.get("type") or "").lower() else SHOP,
    )


def gls_today(now: float) -> dt.date:
    """The date in the Netherlands at `now` (seconds since the epoch)."""
    return dt.datetime.fromtimestamp(now, GLS_TIME_ZONE).date()


def _label_type(request: ShipmentRequest, pdf_label_type: str) -> tuple[str, str]:
    """The labelType to ask for, and how ShipDesk stores the document it gives."""
    if request.label_format == "zpl":
        return ("zpl300", "zpl300") if request.dpi >= 300 else ("zpl", "zpl203")
    return pdf_label_type, "pdf"


def _names(first: str, last: str, company: str) -> dict[str, str]:
    """name1 is the company when there is one (the person then in name2 and contact), else
    the person's whole name."""
    person = " ".join(p for p in (first.strip(), last.strip()) if p)
    if company.strip():
        return {"name1": company.strip(), "name2": person, "contact": person}
    return {"name1": person}


def _postal_code(code: str, country: str) -> str:
    """As GLS prints them: a Dutch postcode with its space ("3542 AD")."""
    code = " ".join(code.split()).upper()
    if country.upper() == "NL" and len(code.replace(" ", "")) == 6:
        compact = code.replace(" ", "")
        return f"{compact[:4]} {compact[4:]}"
    return code


def _address(party: Receiver | SenderAddress, names: dict[str, str]) -> dict[str, Any]:
    address: dict[str, Any] = {
        **names,
        "street": party.street,
        "houseNo": party.number,
        "zipCode": _postal_code(party.postal_code, party.country_code),
        "city": party.city,
        "countryCode": party.country_code.upper(),
    }
    for key, value in (
        ("houseNoExt", party.addition),
        ("phone", party.phone),
        ("email", party.email),
    ):
        if value:
            address[key] = value
    return address


def _services(options: Sequence[tuple[str, str | None]]) -> dict[str, Any]:
    services: dict[str, Any] = {}
    for key, value in options:
        if key in EXPRESS:
            services["expressService"] = EXPRESS[key]
        elif key == SATURDAY:
            services["saturdayService"] = True
        elif key == ADDRESSEE_ONLY:
            services["addresseeOnlyService"] = True
        # SHOP_RETURN: not a service here; ShipDesk makes the return label (ShopReturn/Create).
        elif key == LETTERBOX:
            services["letterBoxParcel"] = True
        elif key == PARCELSHOP and value:
            services["shopDeliveryParcelShopId"] = value
    return services


def _create_body(request: ShipmentRequest, label_type: str, day: dt.date) -> dict[str, Any]:
    receiver, sender = request.receiver, request.sender
    delivery = _address(
        receiver, _names(receiver.first_name, receiver.last_name, receiver.company_name)
    )
    delivery["addresseeType"] = "b" if receiver.is_business else "p"
    return {
        "customerNo": request.account_number,
        "shiptype": "p",
        "reference": request.order_reference,
        "labelType": label_type,
        "trackingLinkType": "u",
        "shippingDate": day.isoformat(),
        "units": [
            {
                "unitId": f"{request.shipment_id}/{n}",
                "unitType": "co",
                "weight": round(weight, 2),
                "customerUnitReference": request.order_reference,
            }
            for n, weight in enumerate(request.weights(), start=1)
        ],
        "addresses": {
            "deliveryAddress": delivery,
            # Filled completely: the account's registered address is not the shop's per se.
            "pickupAddress": _address(sender, _names("", sender.name, sender.company_name)),
        },
        "services": _services(request.options),
    }


def limit_refusals(request: ShipmentRequest) -> list[Refusal]:
    """What GLS would refuse with V009, said before sending (and marked on the field)."""
    found = []
    body = _create_body(request, PDF_LABEL_TYPE, gls_today(time.time()))
    for role, prefix in (("deliveryAddress", ""), ("pickupAddress", "sender_")):
        address = body["addresses"][role]
        for key, limit in (
            ("name1", 30),
            ("name2", 30),
            ("contact", 30),
            ("street", 40),
            ("houseNo", 5),
            ("houseNoExt", 5),
            ("zipCode", 8),
            ("city", 30),
            ("phone", 25),
        ):
            value = str(address.get(key) or "")
            if len(value) > limit:
                field = _field_of(key.lower(), prefix == "" and request.receiver.is_business)
                found.append(
                    Refusal(
                        prefix + field,
                        "too_long",
                        f"The value {key} cannot exceed {limit} characters",
                        str(limit),
                    )
                )
    if len(request.order_reference) > 20:
        found.append(Refusal("reference", "too_long", "The value Reference cannot exceed 20", "20"))
    if request.weight_kg > MAX_WEIGHT_KG:
        found.append(
            Refusal(
                "weight",
                "too_heavy",
                f"The value Weight cannot exceed {MAX_WEIGHT_KG:g} kg",
                f"{MAX_WEIGHT_KG:g}",
            )
        )
    return found


def _created(
    answer: dict[str, Any], shipment_id: str, product: str, document_format: str
) -> CreatedShipment:
    """The parcels a Create answer names, each with its numbers and document."""
    try:
        units = [u for u in answer["units"] if isinstance(u, dict)]
        documents = _documents(answer, units, document_complete(document_format))
        pieces = tuple(
            CreatedPiece(
                label_id=str(unit["unitNo"]),
                tracker_code=str(unit["unitNo"]),
                parcel_type="PARCEL",
                piece_number=n,
                numbers=(
                    ("unitNo", str(unit["unitNo"])),
                    ("uniqueNo", str(unit.get("uniqueNo") or "")),
                ),
                document=document,
            )
            for n, (unit, document) in enumerate(zip(units, documents, strict=True), start=1)
        )
    except (KeyError, TypeError, ValueError):
        # GLS may have made the parcels: never again blindly, look them up.
        raise CarrierUnclear(
            "GLS's answer to the new label was incomplete.", service="gls"
        ) from None
    if not pieces or any(not p.tracker_code for p in pieces):
        raise CarrierUnclear("GLS's answer named no parcel numbers.", service="gls")
    return CreatedShipment(shipment_id, product, pieces, document_format)


# -- answers --


def _status(http_status: int, answer: dict[str, Any]) -> int:
    """The envelope's status where it says one (GLS's plugins compare it as a string)."""
    stated = str(answer.get("status", "")).strip()
    if stated.isdigit() and http_status < 400:
        return int(stated)
    return http_status


def _auth_error(answer: dict[str, Any], status: int) -> CarrierAuthError:
    message = str(answer.get("message") or answer.get("detail") or f"HTTP {status}")
    if "subscription" in message.lower():
        return GlsSubscriptionRefused(
            f"GLS's gateway refused the subscription key: {message}", service="gls"
        )
    return CarrierAuthError(f"GLS refused the MyGLS username or password: {message}", service="gls")


def _field_of(name: str, is_business: bool) -> str:
    """A GLS address field (lower case) as ShipDesk's receiver field."""
    if name == "name1":
        return "company_name" if is_business else "full_name"
    return _ADDRESS_FIELDS.get(name, name)


def _refusal(path: str, message: str, is_business: bool) -> Refusal:
    """One of GLS's errors ("Addresses.DeliveryAddress.HouseNo": "V009: …") as a Refusal."""
    found = _CODE.search(message) or _CODE.search(path)
    code = found.group(1) if found else ""
    parts = [p.split("[")[0].lower() for p in path.split(".") if p]
    tail = parts[-1] if parts else ""
    if "deliveryaddress" in parts:
        field = _field_of(tail, is_business)
    elif "pickupaddress" in parts:
        field = "sender_" + _field_of(tail, True)
    elif parts[:1] == ["units"]:
        field = "weight" if tail == "weight" else "pieces"
    elif parts[:1] == ["services"]:
        field = "option"
    elif tail == "reference":
        field = "reference"
    else:
        field = ""
    reason = _REASONS.get(code, "other")
    if field == "country_code" and code == "V020":
        reason = "not_served"
    if field == "weight" and code == "V009":
        reason = "too_heavy"
    limit = re.search(r"exceed (\d+(?:\.\d+)?)", message)
    return Refusal(
        field, reason, f"{path}: {message}" if path else message, limit.group(1) if limit else ""
    )


def _rejected(answer: dict[str, Any], status: int, is_business: bool) -> CarrierRejected:
    raw_errors = answer.get("errors")
    errors = raw_errors if isinstance(raw_errors, dict) else {}
    refusals, details = [], []
    for path, messages in errors.items():
        for message in messages if isinstance(messages, list) else [messages]:
            refusals.append(_refusal(str(path), str(message), is_business))
            details.append({"field": str(path), "message": str(message)})
    message = str(answer.get("message") or f"HTTP {status}")
    if not refusals:
        refusals.append(_refusal("", message, is_business))
    # GLS's code, from its message or else from the first error that names one.
    code = _CODE.search(message) or next(
        (found for d in details if (found := _CODE.search(d["message"]))), None
    )
    shown = [d["message"] for d in details if d["message"] not in message]
    return CarrierRejected(
        message + (f" ({'; '.join(shown)})" if shown else ""),
        key=code.group(1) if code else str(status),
        details=details,
        refusals=refusals,
        service="gls",
    )


def _documents(
    answer: dict[str, Any], units: list[dict[str, Any]], complete: Callable[[bytes], bool]
) -> list[bytes | None]:
    """Each unit's label: its own `label`, or the answer's `labels` (one document for all,
    kept on the first unit, for the label types that give one)."""
    per_unit = [_decode(unit.get("label"), complete) for unit in units]
    if any(d is not None for d in per_unit):
        return per_unit
    shared = answer.get("labels")
    shared = shared if isinstance(shared, list) else [shared] if shared else []
    decoded = [_decode(item, complete) for item in shared]
    if len(decoded) == len(units):
        return decoded
    if decoded and decoded[0] is not None:
        log.warning("GLS sent one document for %d parcels", len(units))
        return [decoded[0], *([None] * (len(units) - 1))]
    return per_unit


def _decode(value: Any, complete: Callable[[bytes], bool]) -> bytes | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if complete(data) else None


def _try_again_in(detail: str) -> float | None:
    """ "Rate limit exceeded. Try again in 12 seconds." -> 12 (Retry-After is not always sent)."""
    found = re.search(r"try again in (\d+(?:\.\d+)?) second", detail, re.IGNORECASE)
    return float(found.group(1)) if found else None


def _tracking(parcel: dict[str, Any]) -> Tracking:
    events = []
    raw_events = [e for e in parcel.get("events") or [] if isinstance(e, dict)]
    for event in sorted(raw_events, key=lambda e: str(e.get("date", ""))):
        events.append(
            TrackingEvent(
                status=str(event.get("descriptionEN") or event.get("descriptionNL") or ""),
                timestamp=str(event.get("date", "")),
                location=str(event.get("depotName") or ""),
                category="SCAN" if event.get("isPhysical") else "DATA_RECEIVED",
            )
        )
    state = str(parcel.get("state", "")).upper()
    delivered = state == "DELIVERED"
    if delivered:
        status = DELIVERED
    elif state in PROBLEM_STATES:
        status = PROBLEM
    elif any(e.category == "SCAN" for e in events):
        status = IN_TRANSIT
    else:
        status = NOT_SCANNED
    return Tracking(
        str(parcel["parcelNo"]),
        tuple(events),
        events[-1].timestamp if delivered and events else None,
        status,
    )


# GLS parcel states that stop a parcel on its way (the owner should look).
PROBLEM_STATES = frozenset({"NOTDELIVERED", "RETURNED", "DAMAGED", "LOST"})
