"""GLS NL's rules as the sandbox applies them: field limits, what each destination offers, and
the validation of a Label/Create body, with GLS's error codes (see contracts/gls-nl.md).

Codes GLS documents: V008 (shiptype unknown), V009 (a value over its limit), V032 (unit
already deleted). The others are the sandbox's own, in the same style: V001 a required field,
V010 an invalid value, V012 a customer number not linked to the login, V020 a service the
destination does not have, V021 services that cannot be combined, V030 an unknown unit, V033 a
unit that was scanned and can no longer be deleted.

What a destination offers (GetDeliveryOptions, and what Create accepts):

    service                 where
    BusinessParcel          NL (the base service; EuroBusinessParcel elsewhere)
    ExpressService T9       NL          T12, T17: NL, BE, LU; T12: DE   (never the Wadden)
    SaturdayService         NL, BE (S9/S12/S17 sub-options in NL)       (never the Wadden)
    ShopDeliveryService     every served country but CH, NO, GB
    ShopReturnService       NL
    AddresseeOnlyService    NL, BE, LU, DE
    LetterBoxParcel         NL, at most 2 kg

Express and Saturday exclude each other; a ParcelShop delivery takes none of express,
Saturday, addressee only or letterbox; a letterbox parcel takes no express or Saturday.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from werkzeug.wrappers import Response

from shipdesk.sandbox.geography import (
    ISO_COUNTRIES,
    SERVED_COUNTRIES,
    WADDEN_ISLANDS,
    in_areas,
    nl_area,
    postal_code_ok,
)
from shipdesk.sandbox.gls_labels import LABEL_TYPES
from shipdesk.sandbox.wsgi import json_response

GLS_TIME_ZONE = ZoneInfo("Europe/Amsterdam")  # GLS NL's "today", on its own clock
MAX_WEIGHT_KG = 31.9
LETTERBOX_MAX_KG = 2.0
MAX_UNITS = 10
# The V009 limits of an address (deliveryAddress, pickupAddress).
ADDRESS_LIMITS = {
    "name1": 30,
    "name2": 30,
    "name3": 30,
    "contact": 30,
    "street": 40,
    "houseNo": 5,
    "houseNoExt": 5,
    "zipCode": 8,
    "city": 30,
    "phone": 25,
    "email": 100,
}
LOGIN_LIMITS = {"username": 70, "password": 20}
REFERENCE_MAX = 20
UNIT_REFERENCE_MAX = 35
UNIT_ID_MAX = 50
EXPRESS = {"none": None, "t9": "T9", "t12": "T12", "t17": "T17"}
EXPRESS_WHERE = {
    "NL": ("T9", "T12", "T17"),
    "BE": ("T12", "T17"),
    "LU": ("T12", "T17"),
    "DE": ("T12",),
}
SATURDAY_WHERE = {"NL": ("S9", "S12", "S17"), "BE": ()}
ADDRESSEE_ONLY_WHERE = frozenset({"NL", "BE", "LU", "DE"})
NO_SHOPS = frozenset({"CH", "NO", "GB"})
SERVICE_TITLES = {  # service -> (Dutch, English)
    "BusinessParcel": ("BusinessParcel", "BusinessParcel"),
    "EuroBusinessParcel": ("EuroBusinessParcel", "EuroBusinessParcel"),
    "ExpressService": ("Express", "Express"),
    "T9": ("Voor 09:00 uur", "Before 09:00"),
    "T12": ("Voor 12:00 uur", "Before 12:00"),
    "T17": ("Voor 17:00 uur", "Before 17:00"),
    "SaturdayService": ("Zaterdaglevering", "Saturday delivery"),
    "S9": ("Zaterdag voor 09:00 uur", "Saturday before 09:00"),
    "S12": ("Zaterdag voor 12:00 uur", "Saturday before 12:00"),
    "S17": ("Zaterdag voor 17:00 uur", "Saturday before 17:00"),
    "ShopDeliveryService": ("Bezorging in een GLS ParcelShop", "Delivery to a GLS ParcelShop"),
    "ShopReturnService": ("ShopReturn-label", "ShopReturn label"),
    "AddresseeOnlyService": ("Alleen aan geadresseerde", "Addressee only"),
    "LetterBoxParcel": ("Brievenbuspakket", "Letterbox parcel"),
}


class GlsError(Exception):
    """A Label API refusal in GLS's envelope: `errors` maps a field path to its messages."""

    def __init__(
        self, status: int, message: str, errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or {}

    def response(self, transaction_id: str = "") -> Response:
        return json_response(
            envelope(self.status, self.message, self.errors, transaction_id), self.status
        )


def envelope(
    status: int,
    message: str = "",
    errors: dict[str, list[str]] | None = None,
    transaction_id: str = "",
) -> dict[str, Any]:
    """The part of every Label API answer: `error` as well as a `status` string."""
    return {
        "error": status >= 400,
        "status": str(status),
        "message": message,
        "errors": errors or {},
        "transactionId": transaction_id,
    }


def pascal_path(path: str) -> str:
    """GLS names fields the .NET way: addresses.deliveryAddress.houseNo ->
    Addresses.DeliveryAddress.HouseNo."""
    return ".".join(part[:1].upper() + part[1:] for part in path.split("."))


def field_name(path: str) -> str:
    """The last part of a path, as GLS's messages name it (HouseNo, Weight)."""
    return pascal_path(path).rsplit(".", 1)[-1].split("[")[0]


class Problems:
    """Collects field problems; raises one 400 with all of them (the first as the message)."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}
        self.first = ""

    def add(self, path: str, code: str, text: str) -> None:
        message = f"{code}: {text}"
        self.errors.setdefault(pascal_path(path), []).append(message)
        self.first = self.first or message

    def missing(self, path: str) -> None:
        self.add(path, "V001", f"The field {field_name(path)} is required.")

    def too_long(self, path: str, limit: float, unit: str = " characters") -> None:
        amount = f"{limit:g}"
        self.add(path, "V009", f"The value {field_name(path)} cannot exceed {amount}{unit}")

    def invalid(self, path: str, why: str = "") -> None:
        self.add(path, "V010", f"The value {field_name(path)} is not valid{why}.")

    def raise_if_any(self) -> None:
        if self.errors:
            raise GlsError(400, self.first, self.errors)


def text(
    problems: Problems,
    data: dict[str, Any],
    key: str,
    path: str,
    limit: int,
    *,
    required: bool = False,
) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            problems.missing(path)
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        problems.invalid(path)
        return ""
    value = str(value).strip()
    if required and not value:
        problems.missing(path)
    elif len(value) > limit:
        problems.too_long(path, limit)
    return value


def check_login(body: Any) -> tuple[str, str]:
    """The login fields every Label API body carries (V001/V009 before the login is checked)."""
    problems = Problems()
    data = body if isinstance(body, dict) else {}
    username = text(problems, data, "username", "username", LOGIN_LIMITS["username"], required=True)
    password = text(problems, data, "password", "password", LOGIN_LIMITS["password"], required=True)
    problems.raise_if_any()
    return username, password


def today(now: float) -> dt.date:
    """The date in the Netherlands at `now`: what a shippingDate must not be before."""
    return dt.datetime.fromtimestamp(now, GLS_TIME_ZONE).date()


def shipping_date(
    problems: Problems, data: dict[str, Any], now: float, *, required: bool
) -> dt.date:
    value = data.get("shippingDate")
    if value in (None, ""):
        if required:
            problems.missing("shippingDate")
        return today(now)
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        problems.invalid("shippingDate", " (yyyy-MM-dd)")
        return today(now)
    if day < today(now):
        problems.invalid("shippingDate", ": the date has passed")
    return day


# -- what a destination offers --


def offered(country: str, zip_code: str = "") -> dict[str, tuple[str, ...]]:
    """The services a destination has, each with its sub-options; {} where GLS does not go."""
    if country not in SERVED_COUNTRIES:
        return {}
    wadden = in_areas(nl_area(country, zip_code), WADDEN_ISLANDS)
    services: dict[str, tuple[str, ...]] = {
        "BusinessParcel" if country == "NL" else "EuroBusinessParcel": ()
    }
    if country in EXPRESS_WHERE and not wadden:
        services["ExpressService"] = EXPRESS_WHERE[country]
    if country in SATURDAY_WHERE and not wadden:
        services["SaturdayService"] = SATURDAY_WHERE[country]
    if country not in NO_SHOPS:
        services["ShopDeliveryService"] = ()
    if country == "NL":
        services["ShopReturnService"] = ()
        services["LetterBoxParcel"] = ()
    if country in ADDRESSEE_ONLY_WHERE:
        services["AddresseeOnlyService"] = ()
    return services


def delivery_options(country: str, zip_code: str, lang: str, day: dt.date) -> list[dict[str, Any]]:
    """GetDeliveryOptions' list: the base service without a `service` key, the rest with one."""
    which = 0 if lang == "nl" else 1
    expected = _next_working_day(day)
    options = []
    for service, subs in offered(country, zip_code).items():
        entry: dict[str, Any] = {
            "title": SERVICE_TITLES[service][which],
            "expectedDeliveryDate": expected.isoformat(),
            "expectedDeliveryTime": "09:00-17:00",
        }
        if service not in ("BusinessParcel", "EuroBusinessParcel"):
            entry["service"] = service
        if subs:
            entry["subDeliveryOptions"] = [
                {"service": sub, "title": SERVICE_TITLES[sub][which]} for sub in subs
            ]
        options.append(entry)
    return options


def _next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() == 6:
        day += dt.timedelta(days=1)
    return day


# -- Label/Create --


def check_address(problems: Problems, raw: Any, path: str, *, complete: bool) -> dict[str, Any]:
    """An address as GLS checks it: limits, country, postcode format, addressee type."""
    if not isinstance(raw, dict):
        problems.missing(path)
        return {}
    out: dict[str, Any] = {}
    required = {"name1", "street", "zipCode", "city"} | ({"houseNo"} if complete else set())
    for key, limit in ADDRESS_LIMITS.items():
        out[key] = text(problems, raw, key, f"{path}.{key}", limit, required=key in required)
    country = str(raw.get("countryCode") or "").strip().upper()
    if not country:
        problems.missing(f"{path}.countryCode")
    elif country not in ISO_COUNTRIES:
        problems.invalid(f"{path}.countryCode")
    elif country not in SERVED_COUNTRIES:
        problems.add(f"{path}.countryCode", "V020", f"GLS NL does not deliver to {country}.")
    elif 0 < len(out["zipCode"]) <= ADDRESS_LIMITS["zipCode"] and not postal_code_ok(
        country, out["zipCode"]
    ):
        problems.invalid(f"{path}.zipCode", f" for {country}")
    out["countryCode"] = country
    email = out.get("email") or ""
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        problems.invalid(f"{path}.email")
    addressee = raw.get("addresseeType")
    if path.endswith("deliveryAddress"):
        if addressee not in ("b", "p"):
            problems.invalid(f"{path}.addresseeType", " (b or p)")
        out["addresseeType"] = addressee
    return out


def check_units(problems: Problems, raw: Any, *, letterbox: bool) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw:
        problems.missing("units")
        return []
    if len(raw) > MAX_UNITS:
        problems.too_long("units", MAX_UNITS, " units")
    units = []
    for n, entry in enumerate(raw[:MAX_UNITS]):
        path = f"units[{n}]"
        entry = entry if isinstance(entry, dict) else {}
        unit_id = text(problems, entry, "unitId", f"{path}.unitId", UNIT_ID_MAX, required=True)
        if str(entry.get("unitType", "")).lower() != "co":
            problems.invalid(f"{path}.unitType", " (co)")
        reference = text(
            problems,
            entry,
            "customerUnitReference",
            f"{path}.customerUnitReference",
            UNIT_REFERENCE_MAX,
        )
        weight = entry.get("weight")
        if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight <= 0:
            problems.invalid(f"{path}.weight", " (kilograms above 0)")
            weight = None
        elif weight > MAX_WEIGHT_KG:
            problems.too_long(f"{path}.weight", MAX_WEIGHT_KG, " kg")
        elif letterbox and weight > LETTERBOX_MAX_KG:
            problems.too_long(f"{path}.weight", LETTERBOX_MAX_KG, " kg for a letterbox parcel")
        units.append({"unitId": unit_id, "customerUnitReference": reference, "weight": weight})
    return units


def check_services(problems: Problems, raw: Any, country: str, zip_code: str) -> dict[str, Any]:
    """The services block against what the destination offers, and the combinations."""
    data = raw if isinstance(raw, dict) else {}
    if raw is not None and not isinstance(raw, dict):
        problems.invalid("services")
    there = offered(country, zip_code) if country else {}
    chosen: dict[str, Any] = {}

    def flag(key: str, service: str) -> None:
        value = data.get(key)
        if value in (None, False):
            return
        if value is not True:
            problems.invalid(f"services.{key}", " (true or false)")
        elif service not in there:
            title = SERVICE_TITLES[service][1]
            problems.add(f"services.{key}", "V020", f"{title} is not available to {country}.")
        else:
            chosen[key] = True

    flag("addresseeOnlyService", "AddresseeOnlyService")
    flag("saturdayService", "SaturdayService")
    flag("shopReturnService", "ShopReturnService")
    flag("letterBoxParcel", "LetterBoxParcel")
    express = str(data.get("expressService") or "none").lower()
    if express not in EXPRESS:
        problems.invalid("services.expressService", " (none, t9, t12 or t17)")
    elif EXPRESS[express] is not None:
        if EXPRESS[express] not in there.get("ExpressService", ()):
            problems.add(
                "services.expressService",
                "V020",
                f"Express {EXPRESS[express]} is not available to {country}.",
            )
        else:
            chosen["expressService"] = express
    shop = data.get("shopDeliveryParcelShopId")
    if shop not in (None, ""):
        if not isinstance(shop, str) or not re.fullmatch(r"\d{10}", shop):
            problems.invalid("services.shopDeliveryParcelShopId")
        elif "ShopDeliveryService" not in there:
            problems.add(
                "services.shopDeliveryParcelShopId",
                "V020",
                f"ParcelShop delivery is not available in {country}.",
            )
        else:
            chosen["shopDeliveryParcelShopId"] = shop
    _check_combinations(problems, chosen)
    return chosen


def _check_combinations(problems: Problems, chosen: dict[str, Any]) -> None:
    names = {
        "expressService": "Express",
        "saturdayService": "SaturdayService",
        "addresseeOnlyService": "AddresseeOnlyService",
        "letterBoxParcel": "LetterBoxParcel",
        "shopDeliveryParcelShopId": "ShopDeliveryService",
    }
    pairs: Iterable[tuple[str, str]] = (
        ("expressService", "saturdayService"),
        *(
            ("shopDeliveryParcelShopId", other)
            for other in (
                "expressService",
                "saturdayService",
                "addresseeOnlyService",
                "letterBoxParcel",
            )
        ),
        ("letterBoxParcel", "expressService"),
        ("letterBoxParcel", "saturdayService"),
        ("letterBoxParcel", "addresseeOnlyService"),
    )
    for one, other in pairs:
        if one in chosen and other in chosen:
            problems.add(
                f"services.{other}", "V021", f"{names[one]} and {names[other]} cannot be combined."
            )


def check_create(
    body: dict[str, Any], customer_numbers: Iterable[str], now: float, *, shop_return: bool = False
) -> dict[str, Any]:
    """A Label/Create (or ShopReturn/Create) body as GLS checks it: raises GlsError(400) with
    every problem, else the facts the label needs."""
    problems = Problems()
    customer = str(body.get("customerNo") or "").strip()
    if not customer:
        problems.missing("customerNo")
    elif customer not in set(customer_numbers):
        problems.add(
            "customerNo", "V012", f"Customer number {customer} is not linked to this login."
        )
    shiptype = body.get("shiptype")
    if shiptype != "p":
        problems.add("shiptype", "V008", "Shiptype is unknown")
    reference = text(problems, body, "reference", "reference", REFERENCE_MAX)
    label_type = body.get("labelType")
    if label_type not in LABEL_TYPES:
        problems.invalid("labelType", f" ({', '.join(sorted(LABEL_TYPES))})")
    if body.get("trackingLinkType", "u") not in ("u", "s"):
        problems.invalid("trackingLinkType")
    day = shipping_date(problems, body, now, required=True)
    raw_addresses = body.get("addresses")
    addresses = raw_addresses if isinstance(raw_addresses, dict) else {}
    delivery = check_address(
        problems, addresses.get("deliveryAddress"), "addresses.deliveryAddress", complete=False
    )
    pickup = None
    if addresses.get("pickupAddress") is not None:
        pickup = check_address(
            problems, addresses["pickupAddress"], "addresses.pickupAddress", complete=True
        )
    country, zip_code = delivery.get("countryCode", ""), delivery.get("zipCode", "")
    if shop_return and country and country != "NL":
        problems.add(
            "addresses.deliveryAddress.countryCode",
            "V020",
            "ShopReturn labels are for the Netherlands only.",
        )
    services = check_services(problems, body.get("services"), country, zip_code)
    units = check_units(
        problems, body.get("units"), letterbox=bool(services.get("letterBoxParcel"))
    )
    if shop_return:
        text(problems, body, "returnReason", "returnReason", 50, required=True)
    problems.raise_if_any()
    return {
        "customer": customer,
        "reference": reference,
        "label_type": label_type,
        "shipping_date": day,
        "delivery": delivery,
        "pickup": pickup,
        "services": services,
        "units": units,
    }


def service_lines(services: dict[str, Any]) -> list[str]:
    """The services as the label prints them."""
    lines = []
    if services.get("expressService"):
        code = EXPRESS[services["expressService"]]
        assert code is not None  # check_services keeps only t9, t12 and t17
        lines.append(f"EXPRESS {code}  {SERVICE_TITLES[code][1]}")
    if services.get("saturdayService"):
        lines.append("SATURDAY  Saturday delivery")
    if services.get("addresseeOnlyService"):
        lines.append("ADDRESSEE ONLY")
    if services.get("letterBoxParcel"):
        lines.append("LETTERBOX PARCEL")
    if services.get("shopReturnService"):
        lines.append("SHOPRETURN  return label enclosed")
    return lines
