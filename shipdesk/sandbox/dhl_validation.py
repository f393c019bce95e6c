"""Validating a POST /shipments body as DHL Parcel NL does, one problem per field.

POST /shipments applies the same rules to the receiver (country, postcode, isBusiness), every
piece's parcel type and the options. No delivery option (DOOR/BP/PS) means DOOR; the shipper
must be in NL, BE or LU; `weight` may be left out, `quantity` defaults to 1. Failures are
400 with one detail per field; the top-level key is the specific one (COUNTRY_NOT_SERVED,
INVALID_POSTAL_CODE, PARCEL_TYPE_NOT_AVAILABLE, OPTION_NOT_AVAILABLE,
OPTION_COMBINATION_NOT_ALLOWED, INVALID_ACCOUNT) when every problem is of that kind, else
VALIDATION_ERROR.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shipdesk.sandbox.dhl_catalogue import (
    DELIVERY_KEYS,
    EXCLUSIONS,
    OPTIONS,
    ORIGIN_COUNTRIES,
    PARCEL_TYPES,
    SERVICE_POINT_ID_MAX,
    Option,
    options_for,
    parcel_types_for,
    route,
)
from shipdesk.sandbox.dhl_errors import DhlError, field_detail
from shipdesk.sandbox.geography import (
    ISO_COUNTRIES,
    SERVED_COUNTRIES,
    normalize_postal_code,
    postal_code_ok,
)


class _Problems:
    """Collects field problems; the top-level key is the shared specific one, if any."""

    def __init__(self) -> None:
        self.items: list[tuple[str, dict[str, str]]] = []

    def add(self, field_name: str, message: str, key: str = "VALIDATION_ERROR") -> None:
        self.items.append((key, field_detail(field_name, message)))

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


def text_value(value: Any) -> str | None:
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
    value = text_value(container.get(name))
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
    if name and not (text_value(name.get("lastName")) or text_value(name.get("companyName"))):
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
    text = text_value(value)
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


def _check_uuid4(problems: _Problems, value: Any) -> None:
    try:
        parsed = uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.version != 4:
        problems.add("shipmentId", "must be a version 4 UUID chosen by the client")
