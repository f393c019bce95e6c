"""DHL Parcel NL's catalogue as the sandbox plays it: products, parcel types and options, the
routes (zone and recipient type) that offer them, the rules that narrow them, and the
/capabilities entries built from them.

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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shipdesk.sandbox.geography import (
    SERVED_COUNTRIES,
    WADDEN_ISLANDS,
    in_areas,
    nl_area,
    words,
)

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
    entries: list[dict[str, Any]] = []
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
