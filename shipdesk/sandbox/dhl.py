"""DHL Parcel NL (api-gw.dhlparcel.nl) as the sandbox plays it; see contracts/dhl-parcel-nl.md.

Endpoints (all but the two /authenticate calls need `Authorization: Bearer <accessToken>`):

    POST /authenticate/api-key         {"userId", "key"} -> token pair + accountNumbers
    POST /authenticate/refresh-token   {"refreshToken"} -> new pair; the old refresh token dies
    GET  /capabilities/{business|consumer}?fromCountry&toCountry&toBusiness&toPostalCode
                                        &parcelType&option&accountNumber&carrier
    POST /shipments                    idempotent per shipmentId (201 new, 200 replay, 409)
    GET  /labels?orderReferenceFilter= label summaries for an order reference
    GET  /labels/{labelId}             JSON (default, base64 PDF), PDF, or ZPL (?labelFormat=zpl,
                                        Accept: application/zpl; ?dpi=203|300|600)
    POST /labels/multi                 {"labelIds": [...]} -> one PDF, a page per label (Accept:
                                        application/pdf; JSON {"pdf": base64} by default)
    GET  /track-trace?key=CODE[+POSTCODE][,CODE...]
    GET  /parcel-shop-locations/{cc}[/{id}]   the ServicePoint finder, no login (see
                                        dhl_parcel_shops.py; a shipment's PS must name an
                                        open point in the receiver's country)

Every error has DHL's body `{"key", "message", "details": [{"field", "message"}]}`. Access
tokens are HS256 JWTs valid `access_ttl` (15 min) by the sandbox clock; refresh tokens 7 days.
Like real JWTs they stay valid until they expire, even after `revoke_key()` (which makes logins
and refreshes fail); `expire_access_tokens()` ends them early for tests.

Capability rules (the tables below; zones: NL, BENELUX = BE/LU, EUROPE = the other served
countries, i.e. the rest of the EU27 plus CH, NO, GB; anything else is not served: `[]`):

    route (zone, recipient)  product         parcel types        options
    NL consumer              DFY-B2C         XSMALL S-XL BULKY   DOOR BP PS EVE S EXP SDD NBB HANDT
                                                                 AGE_CHECK INS REF REF2 PERS_NOTE
                                                                 SSN ADD_RETURN_LABEL
    NL business              B2B             S-XL BULKY PALLET   DOOR EXP NBB HANDT INS REF REF2 SSN
                                                                 ADD_RETURN_LABEL
    BENELUX consumer         DFY-B2C         S-XL                DOOR PS NBB HANDT INS REF REF2 SSN
                                                                 ADD_RETURN_LABEL
    BENELUX business         B2B             S-XL PALLET         DOOR HANDT INS REF REF2 SSN
    EUROPE consumer          PARCEL_CONNECT  S-XL                DOOR PS INS REF REF2
    EUROPE business          EUROPLUS        S-XL PALLET         DOOR INS REF REF2

    (REF = REFERENCE, REF2 = REFERENCE2, S-XL = SMALL MEDIUM LARGE XLARGE.)

- One entry per (product, parcel type), ranked 1..n in the order above. The consumer sender
  path (/capabilities/consumer) offers no PALLET; otherwise both paths answer alike.
- Parcel-type limits on options: BP only with XSMALL/SMALL; EXP not with XSMALL/BULKY; PS not
  with BULKY/PALLET (a ServicePoint cannot take them).
- Postcode rules (NL, by the 4 digits of `toPostalCode`): SDD only inside SDD_AREAS and never
  without a postcode; EVE and S never on the Wadden islands (WADDEN_ISLANDS).
- Exclusions (symmetric; an entry lists only those between options it offers): DOOR-BP,
  DOOR-PS, BP-PS; BP excludes EVE S SDD EXP HANDT NBB INS AGE_CHECK; PS excludes EVE S SDD EXP
  NBB AGE_CHECK; EVE-S, EVE-SDD, EVE-EXP, S-SDD, S-EXP, SDD-EXP.
- Inputs: PS "address" (ServicePoint id), INS "number" up to 50000 EUR, REFERENCE "text" 15,
  REFERENCE2 "text" 70, PERS_NOTE "text" 250.
- fromCountry must be NL, BE or LU (where this account ships from), else `[]`; `carrier` other
  than DHL-PARCEL gives `[]`; ENVELOPE and ROLL are known parcel types this account never gets.

POST /shipments applies the same rules to the receiver (country, postcode, isBusiness), every
piece's parcel type and the options. No delivery option (DOOR/BP/PS) means DOOR; the shipper
must be in NL, BE or LU; `weight` may be left out, `quantity` defaults to 1. Failures are
400 with one detail per field; the top-level key is the specific one (COUNTRY_NOT_SERVED,
INVALID_POSTAL_CODE, PARCEL_TYPE_NOT_AVAILABLE, OPTION_NOT_AVAILABLE,
OPTION_COMBINATION_NOT_ALLOWED, INVALID_ACCOUNT) when every problem is of that kind, else
VALIDATION_ERROR.

Track & trace: every piece of a shipment follows TRACKING_TIMELINE from its creation (hours
divided by `time_scale`): data received, in transit (1 h), at the delivery depot (10 h), out for
delivery (18 h), delivered (24 h); events oldest first, times in UTC. Unknown codes (or a
postcode that does not match) give an entry with no events, not a 404: one bad code must not hide
the others in a batch. `halt()` freezes a parcel ("never scanned") and `add_event()` adds e.g. an
EXCEPTION event (which halts it too).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import hmac
import json
import random
import re
import secrets
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from shipdesk.sandbox.dhl_labels import LABEL_TYPE, ZPL_DPIS, LabelData, render_pdf, render_zpl
from shipdesk.sandbox.dhl_parcel_shops import FinderError, ParcelShopFinder
from shipdesk.sandbox.faults import FaultConfig, FaultInjector
from shipdesk.sandbox.geography import (
    ISO_COUNTRIES,
    SERVED_COUNTRIES,
    WADDEN_ISLANDS,
    in_areas,
    nl_area,
    normalize_postal_code,
    postal_code_ok,
    words,
)
from shipdesk.sandbox.wsgi import json_response

ACCESS_TTL = 15 * 60
REFRESH_TTL = 7 * 24 * 3600
JWT_ISSUER = "https://api-gw.dhlparcel.nl"
HOUR = 3600.0
DHL_TIME_ZONE = ZoneInfo("Europe/Amsterdam")  # the date printed on a label is the Dutch one


# NL postcode areas (first 4 digits, inclusive) with same-day delivery, "DHL Vandaag".
SDD_AREAS = (
    (1000, 1109, "Amsterdam"),
    (2000, 2599, "Haarlem, Leiden, Den Haag"),
    (3000, 3099, "Rotterdam"),
    (3500, 3585, "Utrecht"),
    (5600, 5658, "Eindhoven"),
)
ORIGIN_COUNTRIES = frozenset({"NL", "BE", "LU"})

# -- products, parcel types, options --


@dataclass(frozen=True)
class Product:
    key: str
    label: str
    code: str
    menu_code: str
    business: bool
    software_characteristic: str


PRODUCTS = {
    p.key: p
    for p in (
        Product("DFY-B2C", "DHL For You", "DFY", "DFY-B2C", False, "DFY"),
        Product("B2B", "DHL Parcel Business", "B2B", "B2B", True, "B2B"),
        Product("PARCEL_CONNECT", "DHL Parcel Connect", "PCN", "PARCEL_CONNECT", False, "PCN"),
        Product("EUROPLUS", "DHL Europlus", "EPL", "EUROPLUS", True, "EPL"),
    )
}


@dataclass(frozen=True)
class ParcelType:
    key: str
    min_kg: float
    max_kg: float
    dimensions_cm: tuple[float, float, float]  # length, width, height


PARCEL_TYPES = {
    p.key: p
    for p in (
        ParcelType("ENVELOPE", 0, 0.5, (38, 26.5, 1)),
        ParcelType("XSMALL", 0, 2, (38, 26.5, 3.2)),
        ParcelType("SMALL", 0, 10, (80, 50, 35)),
        ParcelType("MEDIUM", 0, 20, (100, 50, 50)),
        ParcelType("LARGE", 0, 31.5, (120, 60, 60)),
        ParcelType("XLARGE", 0, 31.5, (176, 78, 58)),
        ParcelType("BULKY", 0, 31.5, (240, 100, 100)),
        ParcelType("PALLET", 0, 1000, (120, 100, 220)),
        ParcelType("ROLL", 0, 31.5, (176, 30, 30)),
    )
}


@dataclass(frozen=True)
class Option:
    key: str
    description: str
    option_type: str  # DELIVERY_OPTION | SERVICE_OPTION
    input_type: str | None = None  # None | "number" | "text" | "address"
    input_max: float | None = None  # a number's maximum or a text's length


DELIVERY, SERVICE = "DELIVERY_OPTION", "SERVICE_OPTION"
OPTIONS = {
    o.key: o
    for o in (
        Option("DOOR", "Delivery to the door", DELIVERY),
        Option("BP", "Mailbox delivery", DELIVERY),
        Option("PS", "Delivery to a DHL ServicePoint", DELIVERY, "address"),
        Option("EVE", "Evening delivery", SERVICE),
        Option("S", "Saturday delivery", SERVICE),
        Option("EXP", "Expresser: delivery before 11:00", SERVICE),
        Option("SDD", "Same-day delivery (DHL Vandaag)", SERVICE),
        Option("NBB", "No delivery to neighbours", SERVICE),
        Option("HANDT", "Signature on delivery", SERVICE),
        Option("AGE_CHECK", "Age check 18+", SERVICE),
        Option("INS", "All risks insurance", SERVICE, "number", 50000),
        Option("REFERENCE", "Reference", SERVICE, "text", 15),
        Option("REFERENCE2", "Second reference", SERVICE, "text", 70),
        Option("PERS_NOTE", "Personal note in the track & trace e-mail", SERVICE, "text", 250),
        Option("SSN", "Hide sender name and address", SERVICE),
        Option("ADD_RETURN_LABEL", "Add a return label", SERVICE),
    )
}
OPTION_RANK = {key: n for n, key in enumerate(OPTIONS, start=1)}
DELIVERY_KEYS = ("DOOR", "BP", "PS")
SERVICE_POINT_ID_MAX = 35

_SMALL_TO_XLARGE = ("SMALL", "MEDIUM", "LARGE", "XLARGE")
# (zone, business recipient) -> (product, parcel types, options), in rank order.
ROUTES: dict[tuple[str, bool], tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    ("NL", False): (
        "DFY-B2C",
        ("XSMALL", *_SMALL_TO_XLARGE, "BULKY"),
        words(
            "DOOR BP PS EVE S EXP SDD NBB HANDT AGE_CHECK INS REFERENCE REFERENCE2 PERS_NOTE "
            "SSN ADD_RETURN_LABEL"
        ),
    ),
    ("NL", True): (
        "B2B",
        (*_SMALL_TO_XLARGE, "BULKY", "PALLET"),
        words("DOOR EXP NBB HANDT INS REFERENCE REFERENCE2 SSN ADD_RETURN_LABEL"),
    ),
    ("BENELUX", False): (
        "DFY-B2C",
        _SMALL_TO_XLARGE,
        words("DOOR PS NBB HANDT INS REFERENCE REFERENCE2 SSN ADD_RETURN_LABEL"),
    ),
    ("BENELUX", True): (
        "B2B",
        (*_SMALL_TO_XLARGE, "PALLET"),
        words("DOOR HANDT INS REFERENCE REFERENCE2 SSN"),
    ),
    ("EUROPE", False): (
        "PARCEL_CONNECT",
        _SMALL_TO_XLARGE,
        words("DOOR PS INS REFERENCE REFERENCE2"),
    ),
    ("EUROPE", True): (
        "EUROPLUS",
        (*_SMALL_TO_XLARGE, "PALLET"),
        words("DOOR INS REFERENCE REFERENCE2"),
    ),
}
# Options limited to some parcel types.
_ALL_TYPES = frozenset(PARCEL_TYPES)
OPTION_PARCEL_TYPES = {
    "BP": frozenset({"XSMALL", "SMALL"}),
    "EXP": _ALL_TYPES - {"XSMALL", "BULKY"},
    "PS": _ALL_TYPES - {"BULKY", "PALLET"},
}
_EXCLUSION_PAIRS = (
    ("DOOR", "BP"),
    ("DOOR", "PS"),
    ("BP", "PS"),
    *(("BP", k) for k in words("EVE S SDD EXP HANDT NBB INS AGE_CHECK")),
    *(("PS", k) for k in words("EVE S SDD EXP NBB AGE_CHECK")),
    ("EVE", "S"),
    ("EVE", "SDD"),
    ("EVE", "EXP"),
    ("S", "SDD"),
    ("S", "EXP"),
    ("SDD", "EXP"),
)
EXCLUSIONS: dict[str, frozenset[str]] = {
    key: frozenset(b for a, b in _EXCLUSION_PAIRS if a == key)
    | frozenset(a for a, b in _EXCLUSION_PAIRS if b == key)
    for key in OPTIONS
}

# -- track & trace: (hours after creation, category, status, where) --
TRACKING_TIMELINE = (
    (0.0, "DATA_RECEIVED", "PRENOTIFICATION_RECEIVED", "shipper"),
    (1.0, "UNDERWAY", "IN_TRANSIT", "hub"),
    (10.0, "UNDERWAY", "ARRIVED_AT_DELIVERY_DEPOT", "depot"),
    (18.0, "IN_DELIVERY", "OUT_FOR_DELIVERY", "receiver"),
    (24.0, "DELIVERED", "DELIVERED", "receiver"),
)
PLANNED_DELIVERY_HOURS = (20.0, 25.0)
HALTING_CATEGORIES = frozenset({"EXCEPTION", "PROBLEM", "RETURNED"})


# -- errors --


class DhlError(Exception):
    def __init__(
        self,
        status: int,
        key: str,
        message: str,
        details: Iterable[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.key, self.message = status, key, message
        self.details = list(details)
        self.headers = headers or {}

    def response(self) -> Response:
        return error_response(self.status, self.key, self.message, self.details, self.headers)


def error_response(
    status: int,
    key: str,
    message: str,
    details: Iterable[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    body = {"key": key, "message": message, "details": list(details)}
    return json_response(body, status, headers)


def _detail(field_name: str, message: str) -> dict[str, str]:
    return {"field": field_name, "message": message}


def invalid(field_name: str, message: str, key: str = "VALIDATION_ERROR") -> DhlError:
    return DhlError(400, key, f"{field_name}: {message}", [_detail(field_name, message)])


def _fault_response(status: int, _detail_text: str) -> Response:
    if status == 429:
        return error_response(
            429,
            "TOO_MANY_REQUESTS",
            "Too many requests, try again later.",
            (),
            {"Retry-After": "1"},
        )
    key = "INTERNAL_SERVER_ERROR" if status == 500 else "SERVICE_UNAVAILABLE"
    return error_response(status, key, "The service is temporarily unavailable.")


# -- the rules --


def zone_of(country: str) -> str | None:
    if country == "NL":
        return "NL"
    if country in ("BE", "LU"):
        return "BENELUX"
    return "EUROPE" if country in SERVED_COUNTRIES else None


def route(country: str, business: bool) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    zone = zone_of(country)
    return ROUTES[(zone, business)] if zone else None


def parcel_types_for(country: str, business: bool, sender: str = "business") -> tuple[str, ...]:
    found = route(country, business)
    if found is None:
        return ()
    return tuple(p for p in found[1] if not (sender == "consumer" and p == "PALLET"))


def options_for(country: str, business: bool, parcel_type: str, postal_code: str = "") -> list[str]:
    """The options DHL offers for one destination, recipient type and parcel type."""
    found = route(country, business)
    if found is None:
        return []
    area = nl_area(country, postal_code)
    offered = []
    for key in found[2]:
        if parcel_type not in OPTION_PARCEL_TYPES.get(key, _ALL_TYPES):
            continue
        if key == "SDD" and not in_areas(area, SDD_AREAS):
            continue
        if key in ("EVE", "S") and in_areas(area, WADDEN_ISLANDS):
            continue
        offered.append(key)
    return offered


def _option_json(key: str, offered: list[str]) -> dict[str, Any]:
    option = OPTIONS[key]
    return {
        "key": key,
        "description": option.description,
        "rank": OPTION_RANK[key],
        "code": key,
        "inputType": option.input_type,
        "inputMax": option.input_max,
        "optionType": option.option_type,
        "exclusions": [
            {"key": other, "rank": OPTION_RANK[other], "code": other}
            for other in offered
            if other in EXCLUSIONS[key]
        ],
    }


def _product_json(product: Product) -> dict[str, Any]:
    return {
        "key": product.key,
        "label": product.label,
        "code": product.code,
        "menuCode": product.menu_code,
        "businessProduct": product.business,
        "monoColloProduct": False,
        "softwareCharacteristic": product.software_characteristic,
        "returnProduct": False,
    }


def _parcel_type_json(parcel: ParcelType) -> dict[str, Any]:
    length, width, height = parcel.dimensions_cm
    return {
        "key": parcel.key,
        "minWeightKg": parcel.min_kg,
        "maxWeightKg": parcel.max_kg,
        "dimensions": {"maxLengthCm": length, "maxWidthCm": width, "maxHeightCm": height},
    }


def capabilities(
    from_country: str,
    to_country: str,
    to_business: bool,
    *,
    sender: str = "business",
    postal_code: str = "",
    parcel_type: str | None = None,
    option: str | None = None,
) -> list[dict[str, Any]]:
    """The capability entries, already filtered; inputs are validated by the caller."""
    found = route(to_country, to_business)
    if found is None or from_country not in ORIGIN_COUNTRIES:
        return []
    product = _product_json(PRODUCTS[found[0]])
    entries = []
    for key in parcel_types_for(to_country, to_business, sender):
        if parcel_type and key != parcel_type:
            continue
        offered = options_for(to_country, to_business, key, postal_code)
        if option and option not in offered:
            continue
        entries.append(
            {
                "rank": len(entries) + 1,
                "fromCountryCode": from_country,
                "toCountryCode": to_country,
                "product": dict(product),
                "parcelType": _parcel_type_json(PARCEL_TYPES[key]),
                "options": [_option_json(k, offered) for k in offered],
            }
        )
    return entries


# -- validating a shipment --


class _Problems:
    """Collects field problems; the top-level key is the shared specific one, if any."""

    def __init__(self) -> None:
        self.items: list[tuple[str, dict[str, str]]] = []

    def add(self, field_name: str, message: str, key: str = "VALIDATION_ERROR") -> None:
        self.items.append((key, _detail(field_name, message)))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        keys = {key for key, _ in self.items}
        key = keys.pop() if len(keys) == 1 else "VALIDATION_ERROR"
        first = self.items[0][1]
        message = f"{first['field']}: {first['message']}"
        if len(self.items) > 1:
            message += f" (and {len(self.items) - 1} more)"
        raise DhlError(400, key, message, [detail for _, detail in self.items])


def _string(value: Any) -> str | None:
    """A text field's value ("" when absent or null), or None when it is not text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _text_field(
    problems: _Problems,
    container: dict[str, Any],
    name: str,
    path: str,
    *,
    max_len: int,
    required: bool = False,
) -> str:
    value = _string(container.get(name))
    if value is None:
        problems.add(path, "must be a string")
        return ""
    if required and not value:
        problems.add(path, "is required")
    elif len(value) > max_len:
        problems.add(path, f"must be at most {max_len} characters (is {len(value)})")
    return value


def _object(problems: _Problems, value: Any, path: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    problems.add(path, "is required" if value is None else "must be an object")
    return {}


def _check_country(problems: _Problems, country: str, path: str, allowed: frozenset[str]) -> bool:
    if not country:
        problems.add(path, "is required")
    elif country not in ISO_COUNTRIES:
        problems.add(path, f"{country!r} is not an ISO 3166-1 alpha-2 country code")
    elif country not in allowed:
        problems.add(
            path, f"DHL Parcel NL does not ship to or from {country}", "COUNTRY_NOT_SERVED"
        )
    else:
        return True
    return False


def _check_party(
    problems: _Problems,
    body: dict[str, Any],
    role: str,
    *,
    countries: frozenset[str],
    number_required: bool,
) -> tuple[str, str, bool]:
    """Checks receiver or shipper; returns (country, postal code, isBusiness)."""
    party = _object(problems, body.get(role), role)
    name = _object(problems, party.get("name"), f"{role}.name") if party else {}
    for part in ("firstName", "lastName", "companyName"):
        _text_field(problems, name, part, f"{role}.name.{part}", max_len=35)
    if name and not (_string(name.get("lastName")) or _string(name.get("companyName"))):
        problems.add(f"{role}.name.lastName", "a last name or a company name is required")
    address = _object(problems, party.get("address"), f"{role}.address") if party else {}
    if not address:
        return "", "", False
    prefix = f"{role}.address"
    country = _text_field(problems, address, "countryCode", f"{prefix}.countryCode", max_len=3)
    country = country.upper()
    served = _check_country(problems, country, f"{prefix}.countryCode", countries)
    postal = _text_field(
        problems, address, "postalCode", f"{prefix}.postalCode", max_len=10, required=True
    )
    if served and postal and not postal_code_ok(country, postal):
        problems.add(
            f"{prefix}.postalCode",
            f"{postal!r} is not a valid postal code for {country}",
            "INVALID_POSTAL_CODE",
        )
    _text_field(problems, address, "city", f"{prefix}.city", max_len=35, required=True)
    _text_field(problems, address, "street", f"{prefix}.street", max_len=40, required=True)
    number = _text_field(
        problems, address, "number", f"{prefix}.number", max_len=6, required=number_required
    )
    if number and not number.isdigit():
        problems.add(f"{prefix}.number", "must be digits only (put letters in addition)")
    _text_field(problems, address, "addition", f"{prefix}.addition", max_len=10)
    business = address.get("isBusiness")
    if business is not None and not isinstance(business, bool):
        problems.add(f"{prefix}.isBusiness", "must be true or false")
    email = _text_field(problems, party, "email", f"{role}.email", max_len=100)
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        problems.add(f"{role}.email", "is not a valid e-mail address")
    phone = _text_field(problems, party, "phoneNumber", f"{role}.phoneNumber", max_len=20)
    if phone and not re.fullmatch(r"[+0-9 ()/-]+", phone):
        problems.add(f"{role}.phoneNumber", "may only hold digits, spaces and + ( ) / -")
    return (country if served else ""), postal, bool(business)


@dataclass
class _Options:
    keys: list[str]
    inputs: dict[str, Any]
    indexes: dict[str, int]  # where each key was in the request, for the error's field


def _check_option_list(problems: _Problems, raw: Any) -> _Options:
    result = _Options([], {}, {})
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        problems.add("options", "must be a list")
        return result
    for n, entry in enumerate(raw):
        path = f"options[{n}]"
        key = entry.get("key") if isinstance(entry, dict) else None
        if not isinstance(key, str) or not key:
            problems.add(f"{path}.key", "is required")
            continue
        if key not in OPTIONS:
            problems.add(f"{path}.key", f"unknown option {key!r}")
            continue
        if key in result.indexes:
            problems.add(f"{path}.key", f"option {key} is given twice")
            continue
        result.keys.append(key)
        result.indexes[key] = n
        _check_input(problems, OPTIONS[key], entry.get("input"), f"{path}.input")
        result.inputs[key] = entry.get("input")
    return result


def _check_input(problems: _Problems, option: Option, value: Any, path: str) -> None:
    if option.input_type is None:
        return  # DHL ignores input on options that take none
    text = _string(value)
    if option.input_type == "number":
        try:
            amount = float(value) if not isinstance(value, bool) else float("nan")
        except (TypeError, ValueError):
            amount = float("nan")
        if not 1 <= amount <= (option.input_max or 0):
            problems.add(path, f"{option.key} needs a number from 1 to {option.input_max:g}")
        return
    limit = int(option.input_max or SERVICE_POINT_ID_MAX)
    if not text:
        what = "a ServicePoint id" if option.key == "PS" else "a text"
        problems.add(path, f"{option.key} needs {what}")
    elif len(text) > limit:
        problems.add(path, f"{option.key} input must be at most {limit} characters")


def _check_pieces(problems: _Problems, raw: Any, country: str, business: bool) -> list[str]:
    """Checks pieces; returns their parcel types that are known (for the option rules)."""
    if not isinstance(raw, list) or not raw:
        problems.add("pieces", "at least one piece is required")
        return []
    available = parcel_types_for(country, business) if country else ()
    types = []
    for n, piece in enumerate(raw):
        path = f"pieces[{n}]"
        if not isinstance(piece, dict):
            problems.add(path, "must be an object")
            continue
        parcel_key = piece.get("parcelType")
        parcel = PARCEL_TYPES.get(parcel_key) if isinstance(parcel_key, str) else None
        if parcel is None:
            problems.add(f"{path}.parcelType", f"unknown parcel type {parcel_key!r}")
        elif country and parcel.key not in available:
            problems.add(
                f"{path}.parcelType",
                f"{parcel.key} is not available for this destination and recipient",
                "PARCEL_TYPE_NOT_AVAILABLE",
            )
        else:
            types.append(parcel.key)
        quantity = piece.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 10:
            problems.add(f"{path}.quantity", "must be a whole number from 1 to 10")
        weight = piece.get("weight")
        if weight is None or parcel is None:
            continue
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            problems.add(f"{path}.weight", "must be a number (kg)")
        elif not (parcel.min_kg < weight <= parcel.max_kg):
            problems.add(
                f"{path}.weight",
                f"{weight:g} kg is outside {parcel.key}'s {parcel.min_kg:g}-{parcel.max_kg:g} kg",
            )
    return types


def _check_option_rules(
    problems: _Problems,
    options: _Options,
    country: str,
    business: bool,
    postal: str,
    parcel_types: list[str],
) -> None:
    for key in options.keys:
        path = f"options[{options.indexes[key]}].key" if key in options.indexes else "options"
        for parcel_type in dict.fromkeys(parcel_types):
            if key not in options_for(country, business, parcel_type, postal):
                problems.add(
                    path,
                    f"{key} ({OPTIONS[key].description}) is not available for {country} "
                    f"{'business' if business else 'consumer'} {parcel_type} parcels"
                    + (f" to {normalize_postal_code(postal)}" if postal else ""),
                    "OPTION_NOT_AVAILABLE",
                )
                break
    for n, key in enumerate(options.keys):
        for other in options.keys[n + 1 :]:
            if other in EXCLUSIONS[key]:
                problems.add(
                    "options",
                    f"{key} and {other} cannot be combined",
                    "OPTION_COMBINATION_NOT_ALLOWED",
                )


def validate_shipment(body: Any, account_numbers: Iterable[str]) -> dict[str, Any]:
    """Checks a POST /shipments body as DHL does; returns the facts the label needs.

    Raises DhlError(400) with one detail per problem.
    """
    if not isinstance(body, dict):
        raise DhlError(400, "INVALID_REQUEST_BODY", "The request body must be a JSON object.")
    problems = _Problems()
    _check_uuid4(problems, body.get("shipmentId"))
    options = _check_option_list(problems, body.get("options"))
    if not any(k in DELIVERY_KEYS for k in options.keys):
        options.keys.insert(0, "DOOR")  # DHL's default delivery: to the door
    only_ps = "PS" in options.keys
    country, postal, business = _check_party(
        problems, body, "receiver", countries=SERVED_COUNTRIES, number_required=not only_ps
    )
    _check_party(problems, body, "shipper", countries=ORIGIN_COUNTRIES, number_required=True)
    account = _text_field(problems, body, "accountId", "accountId", max_len=20, required=True)
    if account and account not in set(account_numbers):
        problems.add(
            "accountId", f"{account} is not one of your account numbers", "INVALID_ACCOUNT"
        )
    _text_field(problems, body, "orderReference", "orderReference", max_len=35)
    _text_field(problems, body, "application", "application", max_len=50)
    if body.get("returnLabel") is not None and not isinstance(body.get("returnLabel"), bool):
        problems.add("returnLabel", "must be true or false")
    if body.get("returnLabel") is True and country and country != "NL":
        problems.add(
            "receiver.address.countryCode",
            "a return label goes back to an address in the Netherlands",
            "RETURN_NOT_ALLOWED",
        )
    parcel_types = _check_pieces(problems, body.get("pieces"), country, business)
    if country:
        _check_option_rules(problems, options, country, business, postal, parcel_types)
    problems.raise_if_any()
    found = route(country, business)
    assert found is not None
    return {"product": found[0], "options": options.keys, "inputs": options.inputs}


# -- JWT --


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_jwt(claims: dict[str, Any], secret: bytes) -> str:
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64url(signature)}"


def read_jwt(token: str, secret: bytes) -> dict[str, Any] | None:
    """The claims of a token this sandbox signed, or None (malformed or bad signature)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    header, payload, signature = parts
    expected = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(_b64url_decode(signature), expected):
            return None
        claims = json.loads(_b64url_decode(payload))
    except (ValueError, UnicodeDecodeError):
        return None
    return claims if isinstance(claims, dict) else None


# -- state --


@dataclass(frozen=True)
class DhlAccount:
    """The sandbox shipper's My DHL Portal API key and customer numbers."""

    user_id: str
    api_key: str
    account_numbers: tuple[str, ...]


def dhl_account(seed: int) -> DhlAccount:
    rng = random.Random(f"dhl-account-{seed}")
    base = 8500000 + (seed % 1000) * 10
    return DhlAccount(
        user_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        api_key=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        account_numbers=(f"{base + 1:08d}", f"{base + 2:08d}"),
    )


@dataclass
class Piece:
    label_id: str
    tracker_code: str
    parcel_type: str
    piece_number: int
    weight_kg: float | None
    shipment_id: str

    def response(self) -> dict[str, Any]:
        return {
            "labelId": self.label_id,
            "trackerCode": self.tracker_code,
            "parcelType": self.parcel_type,
            "pieceNumber": self.piece_number,
            "labelType": LABEL_TYPE,
        }


@dataclass
class Shipment:
    shipment_id: str
    body: dict[str, Any]
    fingerprint: str
    created_at: float
    product: str
    options: list[str]
    inputs: dict[str, Any]
    pieces: list[Piece]
    halted_at: float | None = None
    extra_events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def order_reference(self) -> str:
        return _string(self.body.get("orderReference")) or ""

    def response(self) -> dict[str, Any]:
        return {
            "shipmentId": self.shipment_id,
            "product": self.product,
            "pieces": [piece.response() for piece in self.pieces],
            "orderReference": self.order_reference,
        }


def iso(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fingerprint(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass
class DhlState:
    """The shipper's account, tokens, shipments and labels. Thread-safe."""

    account: DhlAccount
    clock: Callable[[], float] = time.time
    time_scale: float = 1.0
    seed: int = 0
    access_ttl: float = ACCESS_TTL
    refresh_ttl: float = REFRESH_TTL
    zpl_enabled: bool = True  # ZPL is account-dependent at DHL
    key_revoked: bool = False
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    refresh_tokens: dict[str, float] = field(default_factory=dict)  # token -> expires at
    shipments: dict[str, Shipment] = field(default_factory=dict)
    labels: dict[str, Piece] = field(default_factory=dict)  # labelId -> piece
    trackers: dict[str, Piece] = field(default_factory=dict)  # trackerCode -> piece
    stats: Counter = field(default_factory=Counter)
    parcel_shops: ParcelShopFinder = field(default_factory=ParcelShopFinder)
    lock: threading.RLock = field(default_factory=threading.RLock)
    _expired_jti: set[str] = field(default_factory=set)
    _issued_jti: set[str] = field(default_factory=set)
    _rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self._rng = random.Random(f"dhl-trackers-{self.seed}")

    @classmethod
    def for_seed(cls, seed: int, **kwargs: Any) -> DhlState:
        return cls(account=dhl_account(seed), seed=seed, **kwargs)

    @property
    def user_id(self) -> str:
        return self.account.user_id

    @property
    def api_key(self) -> str:
        return self.account.api_key

    @property
    def account_numbers(self) -> tuple[str, ...]:
        return self.account.account_numbers

    # -- control (demo mode and tests) --
    def revoke_key(self) -> None:
        """The key was deleted in My DHL Portal: logins and refreshes fail from now on."""
        with self.lock:
            self.key_revoked = True
            self.refresh_tokens.clear()

    def expire_access_tokens(self) -> None:
        with self.lock:
            self._expired_jti |= self._issued_jti

    def halt(self, tracker_code: str) -> None:
        """The parcel stops where it is (e.g. never handed to DHL: no scans after the label)."""
        with self.lock:
            shipment = self.shipments[self.trackers[tracker_code].shipment_id]
            shipment.halted_at = self.clock()

    def add_event(self, tracker_code: str, category: str, status: str, location: str = "") -> None:
        """Adds a scan now; an EXCEPTION/PROBLEM/RETURNED scan also halts the parcel."""
        with self.lock:
            shipment = self.shipments[self.trackers[tracker_code].shipment_id]
            now = self.clock()
            shipment.extra_events.append(
                {"at": now, "category": category, "status": status, "location": location}
            )
            if category in HALTING_CATEGORIES and shipment.halted_at is None:
                shipment.halted_at = now

    # -- authentication --
    def login(self, body: Any) -> dict[str, Any]:
        body = body if isinstance(body, dict) else {}
        user_id, key = body.get("userId"), body.get("key")
        with self.lock:
            ok = (
                isinstance(user_id, str)
                and isinstance(key, str)
                and not self.key_revoked
                and secrets.compare_digest(user_id, self.user_id)
                and secrets.compare_digest(key, self.api_key)
            )
            self.stats["login:ok" if ok else "login:failed"] += 1
            if not ok:
                raise DhlError(401, "INVALID_CREDENTIALS", "Invalid user id or API key.")
            return self._issue()

    def refresh(self, body: Any) -> dict[str, Any]:
        token = body.get("refreshToken") if isinstance(body, dict) else None
        with self.lock:
            expires_at = self.refresh_tokens.pop(token, None) if isinstance(token, str) else None
            if self.key_revoked or expires_at is None or expires_at <= self.clock():
                self.stats["refresh:failed"] += 1
                raise DhlError(401, "INVALID_REFRESH_TOKEN", "Unknown or expired refresh token.")
            self.stats["refresh:ok"] += 1
            return self._issue()

    def _issue(self) -> dict[str, Any]:
        now = self.clock()
        jti = str(uuid.uuid4())
        access_expires = int(now + self.access_ttl)
        claims = {
            "sub": self.user_id,
            "iss": JWT_ISSUER,
            "iat": int(now),
            "exp": access_expires,
            "jti": jti,
            "accountNumbers": list(self.account_numbers),
        }
        refresh = secrets.token_urlsafe(32)
        refresh_expires = int(now + self.refresh_ttl)
        self.refresh_tokens[refresh] = refresh_expires
        self._issued_jti.add(jti)
        return {
            "accessToken": make_jwt(claims, self.secret),
            "accessTokenExpiration": access_expires,
            "refreshToken": refresh,
            "refreshTokenExpiration": refresh_expires,
            "accountNumbers": list(self.account_numbers),
        }

    def authorize(self, header: str | None) -> dict[str, Any]:
        """The token's claims, or DhlError(401)."""
        challenge = {"WWW-Authenticate": 'Bearer realm="api-gw.dhlparcel.nl"'}
        scheme, _, token = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise DhlError(401, "UNAUTHORIZED", "Missing bearer token.", headers=challenge)
        claims = read_jwt(token.strip(), self.secret)
        if claims is None or claims.get("sub") != self.user_id:
            raise DhlError(401, "UNAUTHORIZED", "Invalid access token.", headers=challenge)
        with self.lock:
            expired = claims.get("jti") in self._expired_jti
        if expired or not isinstance(claims.get("exp"), int) or claims["exp"] <= self.clock():
            raise DhlError(401, "TOKEN_EXPIRED", "The access token has expired.", headers=challenge)
        return claims

    # -- capabilities --
    def capabilities(self, sender: str, args: dict[str, str]) -> list[dict[str, Any]]:
        from_country = _country_param(args, "fromCountry")
        to_country = _country_param(args, "toCountry")
        to_business = _bool_param(args, "toBusiness")
        account = args.get("accountNumber")
        if account and account not in self.account_numbers:
            raise DhlError(
                403, "FORBIDDEN", f"Account number {account} does not belong to this user."
            )
        parcel_type = args.get("parcelType") or None
        if parcel_type and parcel_type not in PARCEL_TYPES:
            raise invalid("parcelType", f"unknown parcel type {parcel_type!r}")
        option = args.get("option") or None
        if option and option not in OPTIONS:
            raise invalid("option", f"unknown option {option!r}")
        postal = args.get("toPostalCode", "").strip()
        if postal and to_country in SERVED_COUNTRIES and not postal_code_ok(to_country, postal):
            raise invalid(
                "toPostalCode",
                f"{postal!r} is not a valid postal code for {to_country}",
                "INVALID_POSTAL_CODE",
            )
        if args.get("carrier", "DHL-PARCEL") != "DHL-PARCEL":
            return []
        return capabilities(
            from_country,
            to_country,
            to_business,
            sender=sender,
            postal_code=postal,
            parcel_type=parcel_type,
            option=option,
        )

    # -- shipments --
    def create_shipment(self, body: Any) -> tuple[int, dict[str, Any]]:
        """(201, new shipment) or (200, the same shipment again for a repeated request)."""
        shipment_id = body.get("shipmentId") if isinstance(body, dict) else None
        if not isinstance(shipment_id, str) or not shipment_id:
            raise invalid("shipmentId", "is required (a UUID chosen by the client)")
        with self.lock:
            existing = self.shipments.get(shipment_id)
            if existing is not None:
                if existing.fingerprint != _fingerprint(body):
                    self.stats["shipments:conflict"] += 1
                    raise DhlError(
                        409,
                        "SHIPMENT_ID_IN_USE",
                        f"Shipment id {shipment_id} was already used for another shipment.",
                        [_detail("shipmentId", "already used with a different request")],
                    )
                self.stats["shipments:replayed"] += 1
                return 200, existing.response()
            try:
                facts = validate_shipment(body, self.account_numbers)
                self.parcel_shops.check_shipment(body)
            except (DhlError, FinderError):
                self.stats["shipments:invalid"] += 1
                raise
            shipment = self._store(shipment_id, body, facts)
            self.stats["shipments:created"] += 1
            return 201, shipment.response()

    def _store(self, shipment_id: str, body: dict[str, Any], facts: dict[str, Any]) -> Shipment:
        pieces: list[Piece] = []
        for entry in body["pieces"]:
            for _ in range(entry.get("quantity", 1)):
                piece = Piece(
                    label_id=str(uuid.uuid4()),
                    tracker_code=self._new_tracker_code(),
                    parcel_type=entry["parcelType"],
                    piece_number=len(pieces) + 1,
                    weight_kg=entry.get("weight"),
                    shipment_id=shipment_id,
                )
                pieces.append(piece)
                self.labels[piece.label_id] = piece
                self.trackers[piece.tracker_code] = piece
        shipment = Shipment(
            shipment_id=shipment_id,
            body=copy.deepcopy(body),
            fingerprint=_fingerprint(body),
            created_at=self.clock(),
            product=facts["product"],
            options=facts["options"],
            inputs=facts["inputs"],
            pieces=pieces,
        )
        self.shipments[shipment_id] = shipment
        return shipment

    def _new_tracker_code(self) -> str:
        while True:
            code = f"JVGL{self._rng.randrange(10**16):016d}"
            if code not in self.trackers:
                return code

    # -- labels --
    def label_data(self, label_ids: list[str]) -> list[LabelData]:
        with self.lock:
            missing = [label_id for label_id in label_ids if label_id not in self.labels]
            if missing:
                raise DhlError(
                    404,
                    "LABEL_NOT_FOUND",
                    f"Label {missing[0]} was not found.",
                    [_detail("labelIds", f"unknown label {m}") for m in missing],
                )
            return [self._label_data(self.labels[label_id]) for label_id in label_ids]

    def _label_data(self, piece: Piece) -> LabelData:
        shipment = self.shipments[piece.shipment_id]
        return LabelData(
            tracker_code=piece.tracker_code,
            order_reference=shipment.order_reference,
            product_label=PRODUCTS[shipment.product].label,
            parcel_type=piece.parcel_type,
            piece_number=piece.piece_number,
            piece_count=len(shipment.pieces),
            receiver=copy.deepcopy(shipment.body.get("receiver") or {}),
            shipper=copy.deepcopy(shipment.body.get("shipper") or {}),
            account_id=str(shipment.body.get("accountId", "")),
            created_at=dt.datetime.fromtimestamp(shipment.created_at, DHL_TIME_ZONE),
            weight_kg=piece.weight_kg,
            option_lines=(
                ["RETURN  return label"] if shipment.body.get("returnLabel") is True else []
            )
            + [_option_line(k, shipment.inputs.get(k)) for k in shipment.options],
            option_keys=list(shipment.options),
            hide_sender="SSN" in shipment.options,
        )

    def label_summary(self, piece: Piece) -> dict[str, Any]:
        shipment = self.shipments[piece.shipment_id]
        return {
            "labelId": piece.label_id,
            "trackerCode": piece.tracker_code,
            "shipmentId": shipment.shipment_id,
            "orderReference": shipment.order_reference,
            "parcelType": piece.parcel_type,
            "pieceNumber": piece.piece_number,
            "createdOn": iso(shipment.created_at),
        }

    def labels_for_reference(self, reference: str | None) -> list[dict[str, Any]]:
        with self.lock:
            return [
                self.label_summary(piece)
                for piece in self.labels.values()
                if reference is None
                or self.shipments[piece.shipment_id].order_reference == reference
            ]

    # -- track & trace --
    def track(self, keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
        with self.lock:
            return [self._tracking(code, postal) for code, postal in keys]

    def _tracking(self, code: str, postal: str) -> dict[str, Any]:
        piece = self.trackers.get(code)
        shipment = self.shipments[piece.shipment_id] if piece else None
        if shipment is None or (postal and not _same_postal(shipment, postal)):
            return {"barcode": code, "events": []}
        now = self.clock()
        limit = now if shipment.halted_at is None else min(now, shipment.halted_at)
        timeline = [
            (at, {"category": category, "status": status, "location": _location(shipment, where)})
            for hours, category, status, where in TRACKING_TIMELINE
            if (at := shipment.created_at + hours * HOUR / self.time_scale) <= limit
        ]
        timeline += [
            (e["at"], {k: e[k] for k in ("category", "status", "location")})
            for e in shipment.extra_events
            if e["at"] <= now
        ]
        timeline.sort(key=lambda pair: pair[0])
        events = [{**event, "timestamp": iso(at)} for at, event in timeline]
        start, end = (
            shipment.created_at + h * HOUR / self.time_scale for h in PLANNED_DELIVERY_HOURS
        )
        entry: dict[str, Any] = {
            "barcode": code,
            "events": events,
            "plannedDeliveryTimeframe": {"from": iso(start), "to": iso(end)},
        }
        delivered = [e for e in events if e["category"] == "DELIVERED"]
        if delivered:
            entry["deliveredAt"] = delivered[-1]["timestamp"]
        return entry


def _same_postal(shipment: Shipment, postal: str) -> bool:
    address = (shipment.body.get("receiver") or {}).get("address") or {}
    stored = normalize_postal_code(str(address.get("postalCode") or "")).replace(" ", "")
    return stored == normalize_postal_code(postal).replace(" ", "")


def _location(shipment: Shipment, where: str) -> str:
    role = "shipper" if where == "shipper" else "receiver"
    address = (shipment.body.get(role) or {}).get("address") or {}
    country = str(address.get("countryCode") or "").upper()
    if where == "hub":
        return "DHL Parcel hub Nieuwegein, NL"
    if where == "depot":
        return f"DHL Parcel depot, {country}"
    if where == "receiver" and "PS" in shipment.options:
        return f"DHL ServicePoint {shipment.inputs.get('PS')}, {country}"
    return f"{str(address.get('city') or '').strip()}, {country}"


def _option_line(key: str, value: Any) -> str:
    line = f"{key}  {OPTIONS[key].description}"
    if value is None or key == "PERS_NOTE":  # the note goes to the e-mail, not the label
        return line
    if key == "INS":
        return f"{line}: EUR {float(value):,.2f}"
    return f"{line}: {value}"


def _check_uuid4(problems: _Problems, value: Any) -> None:
    try:
        parsed = uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.version != 4:
        problems.add("shipmentId", "must be a version 4 UUID chosen by the client")


def _country_param(args: dict[str, str], name: str) -> str:
    value = args.get(name, "").strip().upper()
    if not value:
        raise invalid(name, "is required")
    if value not in ISO_COUNTRIES:
        raise invalid(name, f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return value


def _bool_param(args: dict[str, str], name: str) -> bool:
    value = args.get(name, "false").strip().lower()
    if value not in ("true", "false"):
        raise invalid(name, "must be true or false")
    return value == "true"


# -- the WSGI app --

PUBLIC_ENDPOINTS = frozenset({"login", "refresh", "parcel_shops", "parcel_shop"})
LABEL_MEDIA_TYPES = {  # first is the default for */*
    "application/json": "json",
    "application/pdf": "pdf",
    "application/zpl": "zpl",
    "application/x-zpl": "zpl",
}


class DhlApp:
    def __init__(self, state: DhlState) -> None:
        self.state = state
        self.urls = Map(
            [
                Rule("/authenticate/api-key", endpoint="login", methods=["POST"]),
                Rule("/authenticate/refresh-token", endpoint="refresh", methods=["POST"]),
                Rule(
                    "/capabilities/<any(business, consumer):sender>",
                    endpoint="capabilities",
                    methods=["GET"],
                ),
                Rule("/shipments", endpoint="shipments", methods=["POST"]),
                Rule("/labels", endpoint="labels", methods=["GET"]),
                Rule("/labels/multi", endpoint="labels_multi", methods=["POST"]),
                Rule("/labels/<label_id>", endpoint="label", methods=["GET"]),
                Rule("/track-trace", endpoint="track_trace", methods=["GET"]),
                Rule("/parcel-shop-locations/<country>", endpoint="parcel_shops", methods=["GET"]),
                Rule(
                    "/parcel-shop-locations/<country>/<point_id>",
                    endpoint="parcel_shop",
                    methods=["GET"],
                ),
            ],
            strict_slashes=False,
        )

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.dispatch(Request(environ))(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        try:
            endpoint, values = self.urls.bind_to_environ(request.environ).match()
        except MethodNotAllowed as exc:
            allow = ", ".join(sorted(exc.valid_methods or ()))
            return error_response(
                405,
                "METHOD_NOT_ALLOWED",
                f"{request.method} is not allowed here.",
                (),
                {"Allow": allow},
            )
        except HTTPException:
            return error_response(404, "NOT_FOUND", f"No resource at {request.path}.")
        with self.state.lock:
            self.state.stats[endpoint] += 1
        try:
            if endpoint not in PUBLIC_ENDPOINTS:
                self.state.authorize(request.headers.get("Authorization"))
            return getattr(self, f"on_{endpoint}")(request, **values)
        except (DhlError, FinderError) as exc:
            return exc.response()

    @staticmethod
    def _json_body(request: Request) -> Any:
        body = request.get_json(force=True, silent=True)
        if body is None:
            raise DhlError(400, "INVALID_REQUEST_BODY", "The request body must be valid JSON.")
        return body

    def on_login(self, request: Request) -> Response:
        return json_response(self.state.login(self._json_body(request)))

    def on_refresh(self, request: Request) -> Response:
        return json_response(self.state.refresh(self._json_body(request)))

    def on_capabilities(self, request: Request, sender: str) -> Response:
        return json_response(self.state.capabilities(sender, request.args.to_dict()))

    def on_shipments(self, request: Request) -> Response:
        status, body = self.state.create_shipment(self._json_body(request))
        return json_response(body, status)

    def on_labels(self, request: Request) -> Response:
        return json_response(
            self.state.labels_for_reference(request.args.get("orderReferenceFilter"))
        )

    def on_label(self, request: Request, label_id: str) -> Response:
        fmt = self._label_format(request)
        (label,) = self.state.label_data([label_id])
        with self.state.lock:
            self.state.stats[f"labels:{fmt}"] += 1
        if fmt == "zpl":
            zpl = render_zpl(label, _dpi_param(request))
            return Response(zpl, content_type="application/zpl; charset=utf-8")
        pdf = render_pdf([label])
        if fmt == "pdf":
            return Response(pdf, content_type="application/pdf")
        with self.state.lock:
            piece = self.state.labels[label_id]
            summary = self.state.label_summary(piece)
        return json_response(
            {
                "labelId": label_id,
                "trackerCode": piece.tracker_code,
                "parcelType": piece.parcel_type,
                "labelType": LABEL_TYPE,
                "pieceNumber": piece.piece_number,
                "orderReference": summary["orderReference"],
                "shipmentId": summary["shipmentId"],
                "pdf": base64.b64encode(pdf).decode("ascii"),
            }
        )

    def on_labels_multi(self, request: Request) -> Response:
        body = self._json_body(request)
        ids = body.get("labelIds") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise invalid("labelIds", "must be a non-empty list of label ids")
        if len(ids) > 100:
            raise invalid("labelIds", "at most 100 labels at once")
        page_size = ((body.get("pdfOptions") or {}) if isinstance(body, dict) else {}).get(
            "pageSize", "original"
        )
        if page_size != "original":
            raise invalid("pdfOptions.pageSize", "only 'original' is supported")
        fmt = self._label_format(request)
        labels = self.state.label_data(ids)
        with self.state.lock:
            self.state.stats[f"labels_multi:{fmt}"] += 1
        if fmt == "zpl":
            dpi = _dpi_param(request)
            zpl = "".join(render_zpl(label, dpi) for label in labels)
            return Response(zpl, content_type="application/zpl; charset=utf-8")
        pdf = render_pdf(labels)
        if fmt == "pdf":
            return Response(pdf, content_type="application/pdf")
        return json_response({"labelIds": ids, "pdf": base64.b64encode(pdf).decode("ascii")})

    def _label_format(self, request: Request) -> str:
        asked = request.args.get("labelFormat") or request.args.get("format")
        if asked:
            fmt = asked.lower()
            if fmt not in ("json", "pdf", "zpl"):
                raise invalid("labelFormat", "must be json, pdf or zpl")
        elif not request.accept_mimetypes:
            fmt = "json"
        else:
            best = request.accept_mimetypes.best_match(list(LABEL_MEDIA_TYPES))
            if best is None:
                raise DhlError(
                    406,
                    "NOT_ACCEPTABLE",
                    "Labels come as application/json, application/pdf or application/zpl.",
                )
            fmt = LABEL_MEDIA_TYPES[best]
        if fmt == "zpl" and not self.state.zpl_enabled:
            raise DhlError(
                406, "LABEL_FORMAT_NOT_AVAILABLE", "ZPL labels are not enabled for this account."
            )
        return fmt

    def on_track_trace(self, request: Request) -> Response:
        keys = []
        for value in request.args.getlist("key"):
            for item in value.split(","):
                # "CODE+POSTCODE"; a raw "+" in a query string arrives as a space.
                code, _, postal = item.strip().replace(" ", "+").partition("+")
                if code:
                    keys.append((code.upper(), postal.replace("+", "")))
        if not keys:
            raise invalid("key", "at least one tracker code is required")
        if len(keys) > 50:
            raise invalid("key", "at most 50 tracker codes at once")
        return json_response(self.state.track(keys))

    def on_parcel_shops(self, request: Request, country: str) -> Response:
        return json_response(self.state.parcel_shops.search(country, request.args.to_dict()))

    def on_parcel_shop(self, request: Request, country: str, point_id: str) -> Response:
        return json_response(self.state.parcel_shops.one(country, point_id))


def _dpi_param(request: Request) -> int:
    raw = request.args.get("dpi", "203")
    if not raw.isdigit() or int(raw) not in ZPL_DPIS:
        raise invalid("dpi", f"must be one of {', '.join(map(str, ZPL_DPIS))}")
    return int(raw)


def make_dhl_app(state: DhlState, faults: FaultConfig) -> FaultInjector:
    return FaultInjector(DhlApp(state), faults, _fault_response)
