"""GLS NL (api.gls.nl) as the sandbox plays it; see contracts/gls-nl.md and gls_rules.py.

One host, production paths:

    POST /V1/api/Authentication/ValidateLogin          the login's customer numbers
    POST /V1/api/Label/Create                          units with unitNo, uniqueNo and labels
    POST /V1/api/Label/Confirm | Label/ConfirmMultiple | Label/Delete
    POST /V1/api/DeliveryOptions/GetDeliveryOptions    what a destination offers
    POST /V1/api/ParcelShop/GetParcelShops             ParcelShops and lockers near a postcode
    POST /V1/api/ShopReturn/Create                     a return label (NL)
    POST /tt/V1/api/parcel/v1/details | parcel/v1/search | pod/v1      Track & Trace

Every Label API call takes `?api-version=1.0`, a JSON body with the MyGLS `username` and
`password` (and `shippingSystemName`/`Version`), and answers with the envelope `{error, status,
message, errors, transactionId}`. The Track & Trace API takes `userName`/`password` and answers
errors as RFC 7807 problems; it allows `tt_limit` calls per `tt_window` seconds (divided by
`time_scale`) and then answers 429 "Rate limit exceeded. Try again in N seconds", with a
Retry-After header only every other time, as GLS does.

The `Ocp-Apim-Subscription-Key` header: when the account has no key (the default) it may be
left out, but a wrong one sent is refused; `require_subscription_key()` makes it required, as
some accounts are. Those refusals come from GLS's API gateway in its own shape
(`{statusCode, message}`), not in the envelope.

Units follow TIMELINE from their creation (hours divided by `time_scale`): data received (not a
scan), collected (the first scan: no Delete from then on), at the depot, out for delivery,
delivered. With `tracking_enabled` off (a new production account before GLS switches tracking
on) a unit stays at "data received". `search_before_scan` says whether the search finds a unit
before its first scan (uncertain at GLS; on by default).

ParcelShops are made up from the postcode, the same every time; `close_parcel_shop(id)` closes
one (tests, demo mode): GetParcelShops leaves it out and a Create that names it in
`shopDeliveryParcelShopId` is refused (V020, on that field).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import io
import random
import secrets
import string
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from reportlab.lib.pagesizes import A6
from reportlab.pdfgen.canvas import Canvas
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.wrappers import Request, Response

from shipdesk.sandbox import gls_rules as rules
from shipdesk.sandbox.faults import FaultConfig, FaultInjector
from shipdesk.sandbox.gls_labels import (
    PDF_TYPES,
    GlsLabelData,
    per_unit,
    render_pdf,
    render_zpl,
)
from shipdesk.sandbox.gls_rules import GlsError, Problems, envelope
from shipdesk.sandbox.wsgi import json_response

HOUR = 3600.0
LABEL_API, TT_PREFIX = "/V1/api", "/tt"
TRACKING_LINK = "https://www.gls-info.nl/tracking/ttlink?parcelNo={unit}&zipCode={zip}"
# (hours after creation, eventNo, state, Dutch, English, physical scan, where)
TIMELINE = (
    (0.0, "0", "PREADVICE", "Zendinggegevens ontvangen", "Shipment data received", False, ""),
    (1.0, "1", "INTRANSIT", "Pakket opgehaald bij de afzender", "Parcel collected", True, "hub"),
    (8.0, "2", "INWAREHOUSE", "Pakket in het depot", "Parcel at the depot", True, "depot"),
    (18.0, "3", "INDELIVERY", "Pakket onderweg voor bezorging", "Out for delivery", True, "depot"),
    (24.0, "5", "DELIVERED", "Pakket afgeleverd", "Parcel delivered", True, "receiver"),
)
ETA_HOURS = (20.0, 25.0)
MAX_TRACKED = 20
SUBSCRIPTION_MISSING = (
    "Access denied due to missing subscription key. Make sure to include subscription key "
    "when making requests to an API."
)
SUBSCRIPTION_INVALID = (
    "Access denied due to invalid subscription key. Make sure to provide a valid key for an "
    "active subscription."
)


@dataclass(frozen=True)
class GlsAccount:
    """The sandbox shipper's MyGLS login and the customer numbers it may ship for."""

    username: str
    password: str
    api_customer_no: str
    customer_numbers: tuple[str, ...]


def gls_account(seed: int) -> GlsAccount:
    rng = random.Random(f"gls-account-{seed}")
    alphabet = string.ascii_letters + string.digits
    return GlsAccount(
        username=f"shop{seed % 1000:03d}@mygls.example",
        password="".join(rng.choice(alphabet) for _ in range(16)),
        api_customer_no=f"7{seed % 1000:03d}",
        customer_numbers=tuple(f"5280{seed % 1000:03d}{n}" for n in (1, 2)),
    )


@dataclass
class Unit:
    """One parcel: what GLS knows of it after Label/Create."""

    unit_no: str
    unique_no: str
    unit_id: str
    customer_no: str
    reference: str
    created_at: float
    shipping_date: dt.date
    delivery: dict[str, Any]
    weight_kg: float | None
    label: GlsLabelData
    label_type: str
    deleted: bool = False
    confirmed: bool = False
    halted_at: float | None = None
    extra_events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class GlsState:
    """The account, its units and their scans. Thread-safe."""

    account: GlsAccount
    clock: Callable[[], float] = time.time
    time_scale: float = 1.0
    seed: int = 0
    subscription_key: str = ""  # empty: no key on this account (none needed, none accepted)
    subscription_required: bool = False
    tracking_enabled: bool = True
    search_before_scan: bool = True
    tt_limit: int = 120
    tt_window: float = 60.0
    login_revoked: bool = False
    units: dict[str, Unit] = field(default_factory=dict)  # unitNo -> unit
    documents: dict[str, bytes] = field(default_factory=dict)  # unitNo -> its label document
    closed_shops: set[str] = field(default_factory=set)  # parcelShopIds closed for good
    stats: Counter = field(default_factory=Counter)
    lock: threading.RLock = field(default_factory=threading.RLock)
    _tt_calls: list[float] = field(default_factory=list)
    _rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self._rng = random.Random(f"gls-units-{self.seed}")

    @classmethod
    def for_seed(cls, seed: int, **kwargs: Any) -> GlsState:
        return cls(account=gls_account(seed), seed=seed, **kwargs)

    @property
    def customer_numbers(self) -> tuple[str, ...]:
        return self.account.customer_numbers

    # -- control (demo mode and tests) --
    def require_subscription_key(self, key: str | None = None) -> str:
        """From now on every call needs this key in Ocp-Apim-Subscription-Key."""
        with self.lock:
            self.subscription_key = key or secrets.token_hex(16)
            self.subscription_required = True
            return self.subscription_key

    def revoke_login(self) -> None:
        """The MyGLS password was changed: the old one is refused from now on."""
        with self.lock:
            self.login_revoked = True

    def close_parcel_shop(self, shop_id: str) -> None:
        """The ParcelShop stopped: the finder leaves it out, a label to it is refused."""
        with self.lock:
            self.closed_shops.add(shop_id)

    def halt(self, unit_no: str) -> None:
        with self.lock:
            self.units[unit_no].halted_at = self.clock()

    def add_event(self, unit_no: str, state: str, description: str) -> None:
        """A scan now (e.g. NOTDELIVERED); it halts the unit's timeline."""
        with self.lock:
            unit = self.units[unit_no]
            now = self.clock()
            unit.extra_events.append({"at": now, "state": state, "description": description})
            unit.halted_at = unit.halted_at or now

    def live_units(self, reference: str | None = None) -> list[Unit]:
        """Units not deleted, optionally of one reference (tests: "one parcel per order")."""
        with self.lock:
            return [
                u
                for u in self.units.values()
                if not u.deleted and (reference is None or u.reference == reference)
            ]

    # -- the gateway and the login --
    def gateway(self, header: str | None) -> None:
        """The API gateway's subscription key check, before GLS sees the call."""
        with self.lock:
            key, required = self.subscription_key, self.subscription_required
        if not header and required:
            raise GatewayRefusal(SUBSCRIPTION_MISSING)
        if header and not (key and secrets.compare_digest(header, key)):
            raise GatewayRefusal(SUBSCRIPTION_INVALID)

    def check_login(self, username: str, password: str) -> bool:
        with self.lock:
            return (
                not self.login_revoked
                and secrets.compare_digest(username.encode(), self.account.username.encode())
                and secrets.compare_digest(password.encode(), self.account.password.encode())
            )

    def validate_login(self) -> dict[str, Any]:
        return {
            "customers": [
                {
                    "apiCustomerNo": self.account.api_customer_no,
                    "subjects": [
                        {"subjectName": "Webshop", "custNos": list(self.customer_numbers)}
                    ],
                }
            ]
        }

    # -- labels --
    def create(self, body: dict[str, Any], *, shop_return: bool = False) -> dict[str, Any]:
        now = self.clock()
        try:
            facts = rules.check_create(body, self.customer_numbers, now, shop_return=shop_return)
            self._check_parcel_shop(facts["services"].get("shopDeliveryParcelShopId"))
        except GlsError:
            with self.lock:
                self.stats["create:invalid"] += 1
            raise
        pickup = facts["pickup"] or self._registered_address()
        product = (
            "ShopReturn"
            if shop_return
            else (
                "BusinessParcel"
                if facts["delivery"]["countryCode"] == "NL"
                else "EuroBusinessParcel"
            )
        )
        label_type = facts["label_type"]
        made: list[Unit] = []
        with self.lock:
            for n, raw in enumerate(facts["units"], start=1):
                unit_no, unique_no = self._new_numbers(facts["customer"])
                label = GlsLabelData(
                    unit_no=unit_no,
                    unique_no=unique_no,
                    reference=facts["reference"],
                    product=product,
                    unit_number=n,
                    unit_count=len(facts["units"]),
                    delivery=copy.deepcopy(facts["delivery"]),
                    pickup=copy.deepcopy(pickup),
                    customer_no=facts["customer"],
                    shipping_date=facts["shipping_date"],
                    weight_kg=raw["weight"],
                    services=rules.service_lines(facts["services"]),
                    parcel_shop=facts["services"].get("shopDeliveryParcelShopId", ""),
                )
                unit = Unit(
                    unit_no,
                    unique_no,
                    raw["unitId"],
                    facts["customer"],
                    facts["reference"],
                    now,
                    facts["shipping_date"],
                    copy.deepcopy(facts["delivery"]),
                    raw["weight"],
                    label,
                    label_type,
                )
                self.units[unit_no] = unit
                made.append(unit)
            self.stats["create:ok"] += 1
            self.stats["units:created"] += len(made)
        return self._create_answer(made, label_type, facts["delivery"]["zipCode"])

    def _create_answer(self, made: list[Unit], label_type: str, zip_code: str) -> dict[str, Any]:
        """Where the label goes depends on the labelType: per unit, or one in `labels`."""
        links = [TRACKING_LINK.format(unit=u.unit_no, zip=zip_code.replace(" ", "")) for u in made]
        units = []
        for unit, link in zip(made, links, strict=True):
            entry = {
                "unitId": unit.unit_id,
                "unitNo": unit.unit_no,
                "uniqueNo": unit.unique_no,
                "unitTrackingLink": link,
            }
            if per_unit(label_type):
                document = self._document([unit], label_type)
                entry["label"] = base64.b64encode(document).decode("ascii")
            units.append(entry)
        answer: dict[str, Any] = {"shipmentTrackingLink": links[0], "units": units}
        if not per_unit(label_type):
            document = self._document(made, label_type)
            answer["labels"] = [base64.b64encode(document).decode("ascii")]
        return answer

    def _document(self, units: list[Unit], label_type: str) -> bytes:
        if label_type in PDF_TYPES:
            document = render_pdf([u.label for u in units], label_type)
        else:
            document = render_zpl(units[0].label, label_type)
        with self.lock:
            for unit in units:
                self.documents[unit.unit_no] = document
        return document

    def _new_numbers(self, customer: str) -> tuple[str, str]:
        """A 14-digit unitNo that starts with the customer number, and an 8-letter Track ID."""
        while True:
            tail = self._rng.randrange(10 ** (14 - len(customer)))
            unit_no = f"{customer}{tail:0{14 - len(customer)}d}"
            unique_no = "".join(self._rng.choice(string.ascii_uppercase) for _ in range(8))
            if unit_no not in self.units:
                return unit_no, unique_no

    def _registered_address(self) -> dict[str, Any]:
        """The sender GLS has on file for the account (used when pickupAddress is left out)."""
        return {
            "name1": "Webshop (GLS account address)",
            "street": "Bijsterhuizen",
            "houseNo": "3118",
            "zipCode": "6604 LV",
            "city": "Wijchen",
            "countryCode": "NL",
        }

    def _unit_for_change(self, unit_no: Any, path: str = "unitNo") -> Unit:
        with self.lock:
            unit = self.units.get(str(unit_no or ""))
        if unit is None:
            problems = Problems()
            problems.add(path, "V030", f"Unit {unit_no} was not found.")
            problems.raise_if_any()
        assert unit is not None
        if unit.deleted:
            raise GlsError(
                400,
                "V032: Unit has already been deleted",
                {rules.pascal_path(path): ["V032: Unit has already been deleted"]},
            )
        return unit

    def confirm(self, unit_nos: list[Any], body: dict[str, Any], path: str) -> None:
        problems = Problems()
        if body.get("shiptype") != "p":
            problems.add("shiptype", "V008", "Shiptype is unknown")
        rules.shipping_date(problems, body, self.clock(), required=False)
        problems.raise_if_any()
        units = [self._unit_for_change(n, path) for n in unit_nos]
        with self.lock:
            for unit in units:
                unit.confirmed = True
            self.stats["confirm:ok"] += len(units)

    def delete(self, body: dict[str, Any]) -> None:
        if body.get("shiptype") != "p":
            problems = Problems()
            problems.add("shiptype", "V008", "Shiptype is unknown")
            problems.raise_if_any()
        unit = self._unit_for_change(body.get("unitNo"))
        with self.lock:
            if self._scanned(unit, self.clock()):
                message = "V033: Unit has already been scanned and can no longer be deleted"
                raise GlsError(400, message, {"UnitNo": [message]})
            unit.deleted = True
            self.stats["delete:ok"] += 1

    def _check_parcel_shop(self, shop_id: str | None) -> None:
        with self.lock:
            closed = bool(shop_id) and shop_id in self.closed_shops
        if closed:
            message = f"V020: ParcelShop {shop_id} is closed and takes no parcels."
            raise GlsError(400, message, {"Services.ShopDeliveryParcelShopId": [message]})

    # -- delivery options and ParcelShops --
    def delivery_options(self, body: dict[str, Any]) -> dict[str, Any]:
        problems = Problems()
        country = str(body.get("countryCode") or "").strip().upper()
        if not country:
            problems.missing("countryCode")
        elif country not in rules.ISO_COUNTRIES:
            problems.invalid("countryCode")
        zip_code = rules.text(problems, body, "zipCode", "zipCode", rules.ADDRESS_LIMITS["zipCode"])
        if (
            zip_code
            and country in rules.SERVED_COUNTRIES
            and not rules.postal_code_ok(country, zip_code)
        ):
            problems.invalid("zipCode", f" for {country}")
        lang = str(body.get("langCode") or "nl").lower()
        if lang not in ("nl", "en"):
            problems.invalid("langCode", " (nl or en)")
        day = rules.shipping_date(problems, body, self.clock(), required=False)
        problems.raise_if_any()
        return {"deliveryOptions": rules.delivery_options(country, zip_code, lang, day)}

    def parcel_shops(self, body: dict[str, Any]) -> dict[str, Any]:
        problems = Problems()
        country = str(body.get("countryCode") or "").strip().upper()
        if country not in rules.SERVED_COUNTRIES:
            problems.invalid("countryCode")
        zip_code = rules.text(
            problems, body, "zipCode", "zipCode", rules.ADDRESS_LIMITS["zipCode"], required=True
        )
        if (
            zip_code
            and country in rules.SERVED_COUNTRIES
            and not rules.postal_code_ok(country, zip_code)
        ):
            problems.invalid("zipCode", f" for {country}")
        amount = body.get("amountOfShops", 5)
        if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= 10:
            problems.invalid("amountOfShops", " (1 to 10)")
        kind = body.get("glsPointType", "all")
        if kind not in ("all", "parcelShops", "parcelLockers"):
            problems.invalid("glsPointType", " (all, parcelShops or parcelLockers)")
        problems.raise_if_any()
        if country in rules.NO_SHOPS:
            return {"parcelShops": []}
        city = str(body.get("city") or "").strip() or "Amsterdam"
        with self.lock:
            closed = set(self.closed_shops)
        return {"parcelShops": _shops(country, zip_code, city, amount, kind, frozenset(closed))}

    # -- track & trace --
    def rate_limit(self) -> float | None:
        """None when a Track & Trace call may go ahead, else the seconds until it may."""
        now = self.clock()
        window = self.tt_window / self.time_scale
        with self.lock:
            self._tt_calls = [t for t in self._tt_calls if t > now - window]
            if len(self._tt_calls) >= self.tt_limit:
                self.stats["tt:429"] += 1
                return max(1.0, self._tt_calls[0] + window - now)
            self._tt_calls.append(now)
            return None

    def _scanned(self, unit: Unit, now: float) -> bool:
        return any(event["isPhysical"] for _, event in self._events(unit, now))

    def _events(self, unit: Unit, now: float) -> list[tuple[float, dict[str, Any]]]:
        limit = now if unit.halted_at is None else min(now, unit.halted_at)
        steps = TIMELINE if self.tracking_enabled else TIMELINE[:1]
        events = []
        for hours, number, state, dutch, english, physical, where in steps:
            at = unit.created_at + hours * HOUR / self.time_scale
            if at > limit:
                continue
            events.append(
                (
                    at,
                    {
                        "eventNo": number,
                        "reasonNo": "0",
                        "state": state,
                        "descriptionNL": dutch,
                        "descriptionEN": english,
                        "depotName": _depot(unit, where),
                        "date": _iso(at),
                        "isPhysical": physical,
                    },
                )
            )
        for extra in unit.extra_events:
            if extra["at"] <= now:
                events.append(
                    (
                        extra["at"],
                        {
                            "eventNo": "9",
                            "reasonNo": "1",
                            "state": extra["state"],
                            "descriptionNL": extra["description"],
                            "descriptionEN": extra["description"],
                            "depotName": _depot(unit, "depot"),
                            "date": _iso(extra["at"]),
                            "isPhysical": True,
                        },
                    )
                )
        events.sort(key=lambda pair: pair[0])
        return events

    def details(self, numbers: list[str]) -> list[dict[str, Any]]:
        now = self.clock()
        found = []
        with self.lock:
            for number in numbers:
                unit = self.units.get(number)
                if unit is None or unit.deleted:
                    continue  # unknown numbers are left out silently
                events = self._events(unit, now)
                state = events[-1][1]["state"] if events else "PREADVICE"
                start, end = (unit.created_at + h * HOUR / self.time_scale for h in ETA_HOURS)
                found.append(
                    {
                        "parcelNo": unit.unit_no,
                        "uniqueNo": unit.unique_no,
                        "jobDate": unit.shipping_date.isoformat(),
                        "state": state,
                        "subState": "",
                        "eta": {"startTime": _iso(start), "endTime": _iso(end)},
                        "deliveryName": unit.delivery.get("name1", "")
                        if state == "DELIVERED"
                        else "",
                        "events": [
                            {k: v for k, v in event.items() if k != "state"}
                            for _, event in reversed(events)
                        ],
                    }
                )
        return found

    def search(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        now = self.clock()
        filters = ("customerRef", "from", "to", "since", "state", "country", "name", "zipCode")
        wanted = {k: str(body.get(k) or "").strip() for k in filters}
        found = []
        with self.lock:
            for unit in self.units.values():
                if unit.deleted or not self._matches(unit, wanted):
                    continue
                events = self._events(unit, now)
                if not self.search_before_scan and not any(e["isPhysical"] for _, e in events):
                    continue
                state = events[-1][1]["state"] if events else "PREADVICE"
                if wanted["state"] and wanted["state"].upper() != state:
                    continue
                found.append(
                    {
                        "parcelNo": unit.unit_no,
                        "uniqueNo": unit.unique_no,
                        "jobDate": unit.shipping_date.isoformat(),
                        "country": unit.delivery.get("countryCode", ""),
                        "zipcode": unit.delivery.get("zipCode", ""),
                        "name": unit.delivery.get("name1", ""),
                        "state": state,
                        "subState": "",
                        "customerReference": unit.reference,
                        "uri": TRACKING_LINK.format(
                            unit=unit.unit_no, zip=unit.delivery.get("zipCode", "")
                        ),
                    }
                )
        return found

    @staticmethod
    def _matches(unit: Unit, wanted: dict[str, str]) -> bool:
        job = unit.shipping_date.isoformat()
        return (
            (not wanted["customerRef"] or unit.reference == wanted["customerRef"])
            and (not wanted["from"] or job >= wanted["from"][:10])
            and (not wanted["to"] or job <= wanted["to"][:10])
            and (not wanted["since"] or _iso(unit.created_at) >= wanted["since"])
            and (not wanted["country"] or unit.delivery.get("countryCode") == wanted["country"])
            and (
                not wanted["name"]
                or wanted["name"].lower() in str(unit.delivery.get("name1", "")).lower()
            )
            and (
                not wanted["zipCode"]
                or str(unit.delivery.get("zipCode", "")).replace(" ", "")
                == wanted["zipCode"].replace(" ", "")
            )
        )

    def proofs(self, numbers: list[str]) -> list[dict[str, Any]]:
        delivered = [d for d in self.details(numbers) if d["state"] == "DELIVERED"]
        return [
            {
                "parcelNumber": d["parcelNo"],
                "podBlob": base64.b64encode(_pod_pdf(d["parcelNo"], d["deliveryName"])).decode(),
            }
            for d in delivered
        ]


class GatewayRefusal(Exception):
    """The API gateway's 401 (a missing or wrong subscription key), in its own shape."""

    def response(self) -> Response:
        return json_response({"statusCode": 401, "message": str(self)}, 401)


def _iso(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _depot(unit: Unit, where: str) -> str:
    if where == "hub":
        return "GLS Hub Nieuwegein"
    if where == "depot":
        return f"GLS depot {str(unit.delivery.get('city', '')).title()}".strip()
    if where == "receiver":
        return str(unit.delivery.get("city", "")).title()
    return ""


def _shops(
    country: str,
    zip_code: str,
    city: str,
    amount: int,
    kind: str,
    closed: frozenset[str] = frozenset(),
) -> list[dict]:
    names = ("Primera", "Bruna", "Tabak & Lectuur", "Jumbo", "Cigo", "GLS Parcel Locker")
    streets = ("Dorpsstraat", "Kerkstraat", "Stationsplein", "Marktplein", "Molenweg")
    shops: list[dict] = []
    n = 0
    while len(shops) < amount:
        digest = hashlib.sha1(f"{country}{zip_code}{n}".encode()).hexdigest()
        locker = int(digest[:2], 16) % 4 == 0
        n += 1
        if (kind == "parcelShops" and locker) or (kind == "parcelLockers" and not locker):
            continue
        if f"{int(digest[2:12], 16) % 10**10:010d}" in closed:
            continue
        shops.append(
            {
                "parcelShopId": f"{int(digest[2:12], 16) % 10**10:010d}",
                "name": "GLS Parcel Locker" if locker else names[int(digest[12:14], 16) % 5],
                "street": streets[int(digest[14:16], 16) % len(streets)],
                "houseNo": str(1 + int(digest[16:18], 16) % 120),
                "zipcode": zip_code,
                "city": city,
                "countryCode": country,
                "geoCoordinates": {
                    "lat": 52.0 + int(digest[18:20], 16) / 1000,
                    "lng": 5.0 + int(digest[20:22], 16) / 1000,
                },
                "businessHours": [
                    {
                        "dayOfWeek": d,
                        "openingTime": "00:00" if locker else "09:00",
                        "closingTime": "23:59" if locker else "18:00",
                    }
                    for d in range(1, 7 if not locker else 8)
                ],
                "distanceMeters": 150 * len(shops) + int(digest[22:24], 16) % 100,
                "type": "parcelLocker" if locker else "parcelShop",
            }
        )
    return shops


def _pod_pdf(unit_no: str, name: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A6, invariant=1)
    canvas.drawString(20, 380, "GLS Proof of delivery")
    canvas.drawString(20, 360, f"Parcel {unit_no}")
    canvas.drawString(20, 340, f"Received by {name}")
    canvas.save()
    return buffer.getvalue()


# -- the WSGI apps --


def _json(request: Request) -> dict[str, Any]:
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict):
        raise GlsError(400, "V010: The request body must be a JSON object.")
    return body


class LabelApp:
    """The Label API under /V1/api."""

    CALLS: ClassVar[dict[str, str]] = {
        "Authentication/ValidateLogin": "validate_login",
        "Label/Create": "create",
        "Label/Confirm": "confirm",
        "Label/ConfirmMultiple": "confirm_multiple",
        "Label/Delete": "delete",
        "DeliveryOptions/GetDeliveryOptions": "delivery_options",
        "ParcelShop/GetParcelShops": "parcel_shops",
        "ShopReturn/Create": "shop_return",
    }

    def __init__(self, state: GlsState) -> None:
        self.state = state

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.dispatch(Request(environ))(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        transaction = str(uuid.uuid4())
        path = request.path.removeprefix(LABEL_API + "/")
        call = self.CALLS.get(path) if request.path.startswith(LABEL_API + "/") else None
        if call is None:
            missing = envelope(404, f"No API at {request.path}.", None, transaction)
            return json_response(missing, 404)
        if request.method != "POST":
            return json_response(
                envelope(405, "Every call is a POST.", None, transaction), 405, {"Allow": "POST"}
            )
        with self.state.lock:
            self.state.stats[call] += 1
        try:
            self.state.gateway(request.headers.get("Ocp-Apim-Subscription-Key"))
            if request.args.get("api-version") != "1.0":
                raise GlsError(400, "V010: The api-version query parameter must be 1.0.")
            body = _json(request)
            username, password = rules.check_login(body)
            if not self.state.check_login(username, password):
                raise GlsError(401, "Invalid username or password.")
            answer = getattr(self, f"on_{call}")(body)
        except GatewayRefusal as refusal:
            return refusal.response()
        except GlsError as exc:
            return exc.response(transaction)
        return json_response({**envelope(200, "", None, transaction), **answer})

    def on_validate_login(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.state.validate_login()

    def on_create(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.state.create(body)

    def on_shop_return(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.state.create(body, shop_return=True)

    def on_confirm(self, body: dict[str, Any]) -> dict[str, Any]:
        self.state.confirm([body.get("unitNo")], body, "unitNo")
        return {}

    def on_confirm_multiple(self, body: dict[str, Any]) -> dict[str, Any]:
        numbers = body.get("unitNos")
        if not isinstance(numbers, list) or not numbers:
            problems = Problems()
            problems.missing("unitNos")
            problems.raise_if_any()
        assert isinstance(numbers, list)  # raise_if_any raised on anything else
        self.state.confirm(numbers, body, "unitNos")
        return {}

    def on_delete(self, body: dict[str, Any]) -> dict[str, Any]:
        self.state.delete(body)
        return {}

    def on_delivery_options(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.state.delivery_options(body)

    def on_parcel_shops(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.state.parcel_shops(body)


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None
) -> Response:
    """Track & Trace's errors: RFC 7807."""
    body = {
        "type": f"https://httpstatuses.io/{status}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    response = json_response(body, status, headers)
    response.content_type = "application/problem+json"
    return response


class TrackApp:
    """The Track & Trace API under /tt/V1/api."""

    PATHS: ClassVar[dict[str, str]] = {
        "/V1/api/parcel/v1/details": "details",
        "/V1/api/parcel/v1/search": "search",
        "/V1/api/pod/v1": "pod",
    }

    def __init__(self, state: GlsState) -> None:
        self.state = state
        self._asked_to_wait = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.dispatch(Request(environ))(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        call = self.PATHS.get(request.path)
        if call is None:
            return problem(404, "Not Found", f"No API at {TT_PREFIX}{request.path}.")
        if request.method != "POST":
            return problem(405, "Method Not Allowed", "Every call is a POST.")
        with self.state.lock:
            self.state.stats[f"tt:{call}"] += 1
        try:
            self.state.gateway(request.headers.get("Ocp-Apim-Subscription-Key"))
        except GatewayRefusal as refusal:
            return refusal.response()
        wait = self.state.rate_limit()
        if wait is not None:
            seconds = int(wait + 0.999)
            self._asked_to_wait += 1
            headers = {"Retry-After": str(seconds)} if self._asked_to_wait % 2 else {}
            detail = f"Rate limit exceeded. Try again in {seconds} seconds."
            return problem(429, "Too Many Requests", detail, headers)
        body = request.get_json(force=True, silent=True)
        if not isinstance(body, dict):
            return problem(400, "Bad Request", "The request body must be a JSON object.")
        user, password = str(body.get("userName") or ""), str(body.get("password") or "")
        if not self.state.check_login(user, password):
            return problem(401, "Unauthorized", "Invalid user name or password.")
        if call == "search":
            return json_response({"parcels": self.state.search(body)})
        numbers = body.get("parcelNumbers")
        if (
            not isinstance(numbers, list)
            or not numbers
            or not all(isinstance(n, str) for n in numbers)
        ):
            return problem(400, "Bad Request", "parcelNumbers must be a list of parcel numbers.")
        if len(numbers) > MAX_TRACKED:
            return problem(400, "Bad Request", f"At most {MAX_TRACKED} parcel numbers at once.")
        if call == "pod":
            return json_response({"pods": self.state.proofs(numbers)})
        return json_response({"parcels": self.state.details(numbers)})


def _envelope_fault(status: int, detail: str) -> Response:
    return json_response(envelope(status, f"Service error ({detail})."), status)


def _problem_fault(status: int, detail: str) -> Response:
    return problem(status, "Service Unavailable" if status == 503 else "Error", detail)


def make_gls_app(state: GlsState, faults: FaultConfig) -> DispatcherMiddleware:
    """Both APIs on one host, each with fault injection in its own error shape."""
    return DispatcherMiddleware(
        FaultInjector(LabelApp(state), faults, _envelope_fault),
        {TT_PREFIX: FaultInjector(TrackApp(state), faults, _problem_fault)},
    )
