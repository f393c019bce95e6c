"""DHL's ServicePoint finder as the sandbox plays it (see contracts/dhl-parcel-nl.md, "More
that sellers use"); wired into dhl.py's routes. No login needed.

    GET /parcel-shop-locations/{countryCode}?zipCode=…&limit=…&serviceType=parcel-last-mile
        -> [{id, name, keyword, address{countryCode, zipCode, city, street, number, addition,
             isBusiness}, geoLocation{latitude, longitude}, distance, openingTimes[{weekDay,
             timeFrom, timeTo}], shopType, serviceTypes}], nearest first
    GET /parcel-shop-locations/{countryCode}/{id}  -> that one shop (an object)

The shops are made up, the same every time for a postcode: SHOPS_PER_AREA of them per area (an
NL postcode's 4 digits; elsewhere the whole postcode), ids such as `8004-NL-351103` that say
their country, area and number, so that any id can be checked without a list. A quarter are
lockers (shopType `packStation`, open around the clock); shops open Monday to Saturday, some on
Sunday afternoon. NO_POINT_AREAS (the smallest Wadden islands) have none. `close(id)` closes a
point (for tests and demo mode): the finder leaves it out, the one-shop call answers 410
SERVICE_POINT_CLOSED, and a shipment with it in option `PS` is refused; an id that names no
shop is 404 SERVICE_POINT_NOT_FOUND (and refused alike). Errors have DHL's shape `{key,
message, details[{field, message}]}`: an unknown country (INVALID_COUNTRY_CODE), one DHL has
no ServicePoints in (COUNTRY_NOT_SUPPORTED), a postcode that is none (INVALID_POSTAL_CODE).
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from werkzeug.wrappers import Response

from shipdesk.sandbox.geography import (
    ISO_COUNTRIES,
    SERVED_COUNTRIES,
    normalize_postal_code,
    postal_code_ok,
)
from shipdesk.sandbox.wsgi import json_response

PARTNER = "8004"  # the first part of a DHL ServicePoint id
SHOPS_PER_AREA = 12
DEFAULT_LIMIT, MAX_LIMIT = 10, 50
SERVICE_TYPES = frozenset({"parcel-last-mile", "parcel-first-mile", "parcel-return"})
# Schiermonnikoog and Ameland: no ServicePoint (a search finds none).
NO_POINT_AREAS = ((9161, 9166),)
# Postcode letters: consonants only, so no made-up postcode reads as a word ("1049 NO").
_LETTERS = "BCDFGHJKLMNPRTVWXZ"
_ID = re.compile(r"^(\d{4})-([A-Z]{2})-([0-9A-Z]+)(\d{2})$")

_NAMES = (
    "Primera",
    "Bruna",
    "Albert Heijn",
    "Jumbo",
    "Tabak & Lectuur",
    "Gamma",
    "Karwei",
    "Readshop",
    "Boekhandel Centraal",
    "Plus",
)
_STREETS = (
    "Dorpsstraat",
    "Kerkstraat",
    "Stationsplein",
    "Marktplein",
    "Molenweg",
    "Hoofdstraat",
    "Winkelcentrum",
    "Schoolstraat",
)
# A town per NL postcode range (first 4 digits); elsewhere a town of the country.
_NL_TOWNS = (
    (1000, 1109, "Amsterdam"),
    (2000, 2099, "Haarlem"),
    (2300, 2399, "Leiden"),
    (2490, 2599, "Den Haag"),
    (3000, 3099, "Rotterdam"),
    (3500, 3585, "Utrecht"),
    (5600, 5658, "Eindhoven"),
    (6500, 6546, "Nijmegen"),
    (7400, 7425, "Deventer"),
    (9700, 9747, "Groningen"),
)
_TOWNS = {
    "NL": ("Amersfoort", "Zwolle", "Breda", "Tilburg", "Apeldoorn"),
    "BE": ("Antwerpen", "Gent", "Brussel", "Leuven", "Brugge"),
    "LU": ("Luxembourg", "Esch-sur-Alzette", "Differdange"),
    "DE": ("Berlin", "Köln", "Hamburg", "München", "Düsseldorf"),
    "FR": ("Paris", "Lille", "Lyon", "Nantes"),
}


class FinderError(Exception):
    """An error in DHL's shape `{key, message, details}`."""

    def __init__(self, status: int, key: str, message: str, field_name: str = "") -> None:
        super().__init__(message)
        self.status, self.key, self.message = status, key, message
        self.details = [{"field": field_name, "message": message}] if field_name else []

    def response(self) -> Response:
        body = {"key": self.key, "message": self.message, "details": self.details}
        return json_response(body, self.status)


def area_of(country: str, postal_code: str) -> str:
    """The area a postcode's shops belong to: an NL postcode's 4 digits, else all of it."""
    code = re.sub(r"[^0-9A-Z]", "", normalize_postal_code(postal_code).upper())
    return code[:4] if country == "NL" else code


def _digest(*parts: object) -> bytes:
    return hashlib.sha256("|".join(map(str, parts)).encode()).digest()


def _town(country: str, area: str, seed: bytes) -> str:
    if country == "NL" and area[:4].isdigit():
        number = int(area[:4])
        for low, high, town in _NL_TOWNS:
            if low <= number <= high:
                return town
    towns = _TOWNS.get(country, ("Centrum", "Noord", "Zuid"))
    return towns[seed[0] % len(towns)]


def _no_points(country: str, area: str) -> bool:
    return (
        country == "NL"
        and area.isdigit()
        and any(low <= int(area) <= high for low, high in NO_POINT_AREAS)
    )


def _postcode_in(country: str, area: str, seed: bytes) -> str:
    if country == "NL":
        letters = "".join(_LETTERS[b % len(_LETTERS)] for b in seed[1:3])
        return f"{area} {letters}"
    return area


def _opening_times(locker: bool, seed: bytes) -> list[dict[str, Any]]:
    if locker:
        return [{"weekDay": d, "timeFrom": "00:00", "timeTo": "24:00"} for d in range(1, 8)]
    opens = ("08:00", "08:30", "09:00")[seed[4] % 3]
    closes = ("18:00", "19:00", "20:00")[seed[5] % 3]
    times = [{"weekDay": d, "timeFrom": opens, "timeTo": closes} for d in range(1, 6)]
    times.append({"weekDay": 6, "timeFrom": "09:00", "timeTo": "17:00"})
    if seed[6] % 3 == 0:
        times.append({"weekDay": 7, "timeFrom": "12:00", "timeTo": "17:00"})
    return times


def shop(country: str, area: str, index: int) -> dict[str, Any]:
    """The made-up shop `index` (1..SHOPS_PER_AREA) of an area, as the finder shows it."""
    seed = _digest(country, area, index)
    locker = seed[0] % 4 == 0
    name = "DHL Parcelstation" if locker else _NAMES[seed[7] % len(_NAMES)]
    town = _town(country, area, seed)
    return {
        "id": f"{PARTNER}-{country}-{area}{index:02d}",
        "name": name if locker else f"{name} {town}",
        "keyword": name,
        "address": {
            "countryCode": country,
            "zipCode": _postcode_in(country, area, seed),
            "city": town,
            "street": _STREETS[seed[8] % len(_STREETS)],
            "number": str(1 + seed[9] % 150),
            "addition": "",
            "isBusiness": True,
        },
        "geoLocation": {
            "latitude": round(52.0 + seed[10] / 500, 6),
            "longitude": round(5.0 + seed[11] / 500, 6),
        },
        # A few hundred metres apart, the first within a walk.
        "distance": 80 + 210 * (index - 1) + (seed[12] * 256 + seed[13]) % 200,
        "openingTimes": _opening_times(locker, seed),
        "shopType": "packStation" if locker else "parcelShop",
        "serviceTypes": ["parcel-last-mile"]
        if locker
        else ["parcel-last-mile", "parcel-first-mile", "parcel-return"],
    }


@dataclass
class ParcelShopFinder:
    """The finder's one piece of state: the points closed by `close()`. Thread-safe."""

    closed: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self, point_id: str) -> None:
        with self.lock:
            self.closed.add(point_id)

    def reopen(self, point_id: str) -> None:
        with self.lock:
            self.closed.discard(point_id)

    def is_closed(self, point_id: str) -> bool:
        with self.lock:
            return point_id in self.closed

    # -- GET /parcel-shop-locations/{cc} --
    def search(self, country: str, args: dict[str, str]) -> list[dict[str, Any]]:
        country = _country(country)
        raw_limit = args.get("limit", str(DEFAULT_LIMIT)).strip()
        if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
            raise FinderError(
                400, "VALIDATION_ERROR", f"limit must be from 1 to {MAX_LIMIT}", "limit"
            )
        service_type = args.get("serviceType", "parcel-last-mile").strip()
        if service_type not in SERVICE_TYPES:
            raise FinderError(
                400,
                "VALIDATION_ERROR",
                f"serviceType must be one of {', '.join(sorted(SERVICE_TYPES))}",
                "serviceType",
            )
        postal = args.get("zipCode", "").strip()
        if not postal:
            raise FinderError(400, "VALIDATION_ERROR", "zipCode is required", "zipCode")
        if not postal_code_ok(country, postal):
            raise FinderError(
                400,
                "INVALID_POSTAL_CODE",
                f"{postal!r} is not a valid postal code for {country}",
                "zipCode",
            )
        area = area_of(country, postal)
        if _no_points(country, area):
            return []
        shops = [shop(country, area, n) for n in range(1, SHOPS_PER_AREA + 1)]
        shops = [
            s for s in shops if not self.is_closed(s["id"]) and service_type in s["serviceTypes"]
        ]
        return sorted(shops, key=lambda s: s["distance"])[: int(raw_limit)]

    # -- GET /parcel-shop-locations/{cc}/{id} --
    def one(self, country: str, point_id: str) -> dict[str, Any]:
        country = _country(country)
        found = lookup(point_id)
        if found is None or found["address"]["countryCode"] != country:
            raise FinderError(
                404,
                "SERVICE_POINT_NOT_FOUND",
                f"There is no ServicePoint {point_id} in {country}.",
            )
        if self.is_closed(point_id):
            raise FinderError(
                410,
                "SERVICE_POINT_CLOSED",
                f"ServicePoint {point_id} ({found['name']}) is closed and takes no parcels.",
            )
        return found

    # -- POST /shipments with option PS --
    def check_shipment(self, body: dict[str, Any]) -> None:
        """A shipment to a ServicePoint: the point must exist, be open and be in the
        receiver's country (checked after the rest of the body passed)."""
        options = body.get("options") or []
        index = next(
            (n for n, o in enumerate(options) if isinstance(o, dict) and o.get("key") == "PS"),
            None,
        )
        if index is None:
            return
        point_id = str(options[index].get("input") or "").strip()
        path = f"options[{index}].input"
        receiver = ((body.get("receiver") or {}).get("address") or {}) if body else {}
        country = str(receiver.get("countryCode") or "").upper()
        found = lookup(point_id)
        if found is None:
            raise FinderError(
                400,
                "SERVICE_POINT_NOT_FOUND",
                f"ServicePoint {point_id} does not exist.",
                path,
            )
        if found["address"]["countryCode"] != country:
            raise FinderError(
                400,
                "SERVICE_POINT_NOT_FOUND",
                f"ServicePoint {point_id} is in {found['address']['countryCode']}, not in "
                f"the receiver's country {country}.",
                path,
            )
        if self.is_closed(point_id):
            raise FinderError(
                400,
                "SERVICE_POINT_CLOSED",
                f"ServicePoint {point_id} ({found['name']}) is closed and takes no parcels.",
                path,
            )


def lookup(point_id: str) -> dict[str, Any] | None:
    """The shop an id names, or None when it names none."""
    found = _ID.match(point_id.strip().upper())
    if found is None or found.group(1) != PARTNER:
        return None
    country, area, index = found.group(2), found.group(3), int(found.group(4))
    if country not in SERVED_COUNTRIES or not 1 <= index <= SHOPS_PER_AREA:
        return None
    if _no_points(country, area) or area != area_of(country, area):
        return None
    made = shop(country, area, index)
    return made if made["id"] == point_id.strip() else None


def _country(raw: str) -> str:
    country = raw.strip().upper()
    if country not in ISO_COUNTRIES:
        raise FinderError(
            400,
            "INVALID_COUNTRY_CODE",
            f"{raw!r} is not an ISO 3166-1 alpha-2 country code",
            "countryCode",
        )
    if country not in SERVED_COUNTRIES:
        raise FinderError(
            400,
            "COUNTRY_NOT_SUPPORTED",
            f"DHL has no ServicePoints in {country}.",
            "countryCode",
        )
    return country
