"""The DHL Parcel NL sandbox follows contracts/dhl-parcel-nl.md: auth, capabilities, shipments,
labels, track & trace and DHL's error body, over real HTTP."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import hmac
import json
import re
import uuid
from typing import Any

import pytest
import requests

from shipdesk.sandbox.dhl_catalogue import EXCLUSIONS
from shipdesk.sandbox.server import Sandbox

HOUR = 3600
PDF_SIZE = (283.46, 595.28)  # 10 × 21 cm in points


class Dhl:
    """A bare HTTP caller for the sandbox (not ShipDesk's client: this tests the server)."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.url = sandbox.urls["dhl"]
        self.credentials = sandbox.describe()["credentials"]["dhl"]
        self.token = ""

    def login(self) -> dict[str, Any]:
        response = self.post(
            "/authenticate/api-key",
            {"userId": self.credentials["userId"], "key": self.credentials["apiKey"]},
            auth=False,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        self.token = body["accessToken"]
        return body

    def headers(self, auth: bool, accept: str) -> dict[str, str]:
        headers = {"Accept": accept}
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def get(
        self, path: str, params: Any = None, *, accept: str = "application/json", auth=True
    ) -> requests.Response:
        return requests.get(
            self.url + path, params=params, headers=self.headers(auth, accept), timeout=10
        )

    def post(
        self, path: str, body: Any, *, accept: str = "application/json", auth=True
    ) -> requests.Response:
        return requests.post(
            self.url + path, json=body, headers=self.headers(auth, accept), timeout=10
        )

    def advance(self, seconds: float) -> None:
        """Moves the sandbox clock; logs in again, as the access token lives 15 minutes."""
        self.sandbox.clock.advance(seconds)
        self.login()

    def capabilities(self, **params: Any) -> requests.Response:
        query = {"fromCountry": "NL", "carrier": "DHL-PARCEL", **params}
        return self.get("/capabilities/business", query)

    def entries(self, **params: Any) -> list[dict[str, Any]]:
        response = self.capabilities(**params)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def dhl(start_sandbox) -> Dhl:
    client = Dhl(start_sandbox(orders=0, broker=False, time_scale=1.0))
    client.login()
    return client


def assert_dhl_error(response: requests.Response, status: int, key: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"key", "message", "details"}
    assert body["key"] == key and body["message"]
    return body


def options_of(entry: dict[str, Any]) -> list[str]:
    return [option["key"] for option in entry["options"]]


def by_type(entries: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {entry["parcelType"]["key"]: options_of(entry) for entry in entries}


def shipment(dhl: Dhl, **changes: Any) -> dict[str, Any]:
    body = {
        "shipmentId": str(uuid.uuid4()),
        "orderReference": "302-1234567-1234567",
        "receiver": {
            "name": {"firstName": "Jan", "lastName": "Jansen", "companyName": None},
            "address": {
                "countryCode": "NL",
                "postalCode": "3542AD",
                "city": "Utrecht",
                "street": "Reactorweg",
                "number": "25",
                "addition": "A",
                "isBusiness": False,
            },
            "email": "jan@example.com",
            "phoneNumber": "+31 6 12345678",
        },
        "shipper": {
            "name": {"firstName": None, "lastName": "Piet de Winkel", "companyName": "Winkel BV"},
            "address": {
                "countryCode": "NL",
                "postalCode": "1012 AB",
                "city": "Amsterdam",
                "street": "Damrak",
                "number": "1",
                "addition": None,
                "isBusiness": True,
            },
        },
        "accountId": dhl.credentials["accountNumbers"][0],
        "options": [{"key": "DOOR"}, {"key": "REFERENCE", "input": "302-1234567"}],
        "returnLabel": False,
        "pieces": [{"parcelType": "SMALL", "quantity": 1, "weight": 1.2}],
        "application": "ShipDesk",
    }
    body.update(changes)
    return body


def receiver_address(body: dict[str, Any], **changes: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    changed["receiver"]["address"].update(changes)
    return changed


def create(dhl: Dhl, body: dict[str, Any]) -> dict[str, Any]:
    response = dhl.post("/shipments", body)
    assert response.status_code == 201, response.text
    return response.json()


def media_box(pdf: bytes) -> tuple[float, float]:
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert len(boxes) == 1, boxes
    width, height = boxes.pop()
    return float(width), float(height)


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


# -- authentication --


def test_login_gives_a_signed_jwt_refresh_token_and_account_numbers(dhl: Dhl) -> None:
    state = dhl.sandbox.dhl
    assert dhl.credentials == {
        "userId": state.user_id,
        "apiKey": state.api_key,
        "accountNumbers": list(state.account_numbers),
    }
    uuid.UUID(dhl.credentials["userId"])
    body = dhl.login()
    now = dhl.sandbox.clock()
    assert body["accountNumbers"] == list(state.account_numbers)
    assert body["accessTokenExpiration"] == pytest.approx(now + 15 * 60, abs=2)
    assert body["refreshTokenExpiration"] == pytest.approx(now + 7 * 24 * HOUR, abs=2)
    header, payload, signature = body["accessToken"].split(".")
    decode = lambda part: base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))  # noqa: E731
    assert json.loads(decode(header)) == {"alg": "HS256", "typ": "JWT"}
    claims = json.loads(decode(payload))
    assert claims["sub"] == state.user_id
    assert claims["exp"] == body["accessTokenExpiration"]
    assert claims["accountNumbers"] == list(state.account_numbers)
    expected = hmac.new(state.secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert decode(signature) == expected
    assert dhl.capabilities(toCountry="NL").status_code == 200


def test_wrong_credentials_and_missing_or_bad_tokens_are_401(dhl: Dhl) -> None:
    wrong = dhl.post(
        "/authenticate/api-key",
        {"userId": dhl.credentials["userId"], "key": str(uuid.uuid4())},
        auth=False,
    )
    assert_dhl_error(wrong, 401, "INVALID_CREDENTIALS")
    no_user = dhl.post("/authenticate/api-key", {"key": dhl.credentials["apiKey"]}, auth=False)
    assert_dhl_error(no_user, 401, "INVALID_CREDENTIALS")
    missing = dhl.get(
        "/capabilities/business", {"fromCountry": "NL", "toCountry": "NL"}, auth=False
    )
    assert_dhl_error(missing, 401, "UNAUTHORIZED")
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    header, payload, _ = dhl.token.split(".")
    dhl.token = f"{header}.{payload}.{base64.urlsafe_b64encode(b'x' * 32).decode().rstrip('=')}"
    assert_dhl_error(dhl.capabilities(toCountry="NL"), 401, "UNAUTHORIZED")


def test_access_token_expires_by_the_sandbox_clock_and_refresh_rotates(dhl: Dhl) -> None:
    first = dhl.login()
    dhl.sandbox.clock.advance(15 * 60 + 1)
    assert_dhl_error(dhl.capabilities(toCountry="NL"), 401, "TOKEN_EXPIRED")
    refreshed = dhl.post(
        "/authenticate/refresh-token", {"refreshToken": first["refreshToken"]}, auth=False
    )
    assert refreshed.status_code == 200, refreshed.text
    pair = refreshed.json()
    assert pair["refreshToken"] != first["refreshToken"]
    dhl.token = pair["accessToken"]
    assert dhl.capabilities(toCountry="NL").status_code == 200
    again = dhl.post(
        "/authenticate/refresh-token", {"refreshToken": first["refreshToken"]}, auth=False
    )
    assert_dhl_error(again, 401, "INVALID_REFRESH_TOKEN")
    dhl.sandbox.clock.advance(7 * 24 * HOUR + 1)
    late = dhl.post(
        "/authenticate/refresh-token", {"refreshToken": pair["refreshToken"]}, auth=False
    )
    assert_dhl_error(late, 401, "INVALID_REFRESH_TOKEN")


def test_shorter_ttl_and_forced_expiry(dhl: Dhl) -> None:
    dhl.sandbox.dhl.access_ttl = 5
    dhl.login()
    assert dhl.capabilities(toCountry="NL").status_code == 200
    dhl.sandbox.clock.advance(6)
    assert_dhl_error(dhl.capabilities(toCountry="NL"), 401, "TOKEN_EXPIRED")
    dhl.login()
    dhl.sandbox.dhl.expire_access_tokens()
    assert_dhl_error(dhl.capabilities(toCountry="NL"), 401, "TOKEN_EXPIRED")


def test_a_revoked_key_can_neither_log_in_nor_refresh(dhl: Dhl) -> None:
    pair = dhl.login()
    dhl.sandbox.dhl.revoke_key()
    login = dhl.post(
        "/authenticate/api-key",
        {"userId": dhl.credentials["userId"], "key": dhl.credentials["apiKey"]},
        auth=False,
    )
    assert_dhl_error(login, 401, "INVALID_CREDENTIALS")
    refresh = dhl.post(
        "/authenticate/refresh-token", {"refreshToken": pair["refreshToken"]}, auth=False
    )
    assert_dhl_error(refresh, 401, "INVALID_REFRESH_TOKEN")


# -- capabilities --


@pytest.mark.parametrize(
    ("country", "business", "product", "parcel_types"),
    [
        ("NL", False, "DFY-B2C", ["XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "BULKY"]),
        ("NL", True, "B2B", ["SMALL", "MEDIUM", "LARGE", "XLARGE", "BULKY", "PALLET"]),
        ("BE", False, "DFY-B2C", ["SMALL", "MEDIUM", "LARGE", "XLARGE"]),
        ("LU", True, "B2B", ["SMALL", "MEDIUM", "LARGE", "XLARGE", "PALLET"]),
        ("DE", False, "PARCEL_CONNECT", ["SMALL", "MEDIUM", "LARGE", "XLARGE"]),
        ("GB", True, "EUROPLUS", ["SMALL", "MEDIUM", "LARGE", "XLARGE", "PALLET"]),
    ],
)
def test_products_and_parcel_types_by_destination_and_recipient(
    dhl: Dhl, country: str, business: bool, product: str, parcel_types: list[str]
) -> None:
    entries = dhl.entries(toCountry=country, toBusiness=str(business).lower())
    assert [e["parcelType"]["key"] for e in entries] == parcel_types
    assert [e["rank"] for e in entries] == list(range(1, len(entries) + 1))
    for entry in entries:
        assert entry["product"]["key"] == product
        assert entry["product"]["businessProduct"] is business
        assert entry["fromCountryCode"] == "NL" and entry["toCountryCode"] == country
        assert set(entry["parcelType"]) == {"key", "minWeightKg", "maxWeightKg", "dimensions"}
        for option in entry["options"]:
            assert option["optionType"] in ("DELIVERY_OPTION", "SERVICE_OPTION")
            assert option["description"]


def test_option_sets_per_route(dhl: Dhl) -> None:
    nl_business = by_type(dhl.entries(toCountry="NL", toBusiness="true"))["SMALL"]
    assert nl_business == [
        "DOOR",
        "EXP",
        "NBB",
        "HANDT",
        "INS",
        "REFERENCE",
        "REFERENCE2",
        "SSN",
        "ADD_RETURN_LABEL",
    ]
    be_consumer = by_type(dhl.entries(toCountry="BE"))["SMALL"]
    assert set(be_consumer) == {
        "DOOR",
        "PS",
        "HANDT",
        "NBB",
        "INS",
        "REFERENCE",
        "REFERENCE2",
        "SSN",
        "ADD_RETURN_LABEL",
    }
    assert by_type(dhl.entries(toCountry="FR"))["MEDIUM"] == [
        "DOOR",
        "PS",
        "INS",
        "REFERENCE",
        "REFERENCE2",
    ]
    assert by_type(dhl.entries(toCountry="IT", toBusiness="true"))["LARGE"] == [
        "DOOR",
        "INS",
        "REFERENCE",
        "REFERENCE2",
    ]
    consumer_path = dhl.get(
        "/capabilities/consumer", {"fromCountry": "NL", "toCountry": "NL", "toBusiness": "true"}
    ).json()
    assert "PALLET" not in by_type(consumer_path)


def test_inputs_and_descriptions(dhl: Dhl) -> None:
    (entry,) = dhl.entries(toCountry="NL", parcelType="SMALL")
    options = {o["key"]: o for o in entry["options"]}
    assert (options["INS"]["inputType"], options["INS"]["inputMax"]) == ("number", 50000)
    assert (options["REFERENCE"]["inputType"], options["REFERENCE"]["inputMax"]) == ("text", 15)
    assert options["REFERENCE2"]["inputMax"] == 70 and options["PERS_NOTE"]["inputMax"] == 250
    assert options["PS"]["inputType"] == "address"
    assert options["DOOR"]["inputType"] is None
    assert options["EVE"]["description"] == "Evening delivery"
    assert options["DOOR"]["optionType"] == "DELIVERY_OPTION"
    assert options["EVE"]["optionType"] == "SERVICE_OPTION"


def test_mailbox_only_small_and_express_not_for_xsmall_or_bulky(dhl: Dhl) -> None:
    options = by_type(dhl.entries(toCountry="NL", toPostalCode="3542AD"))
    assert [t for t, keys in options.items() if "BP" in keys] == ["XSMALL", "SMALL"]
    assert [t for t, keys in options.items() if "EXP" not in keys] == ["XSMALL", "BULKY"]
    assert "PS" not in options["BULKY"]
    xsmall = dhl.entries(toCountry="NL", parcelType="XSMALL")[0]["parcelType"]
    assert xsmall["maxWeightKg"] == 2
    assert xsmall["dimensions"] == {"maxLengthCm": 38, "maxWidthCm": 26.5, "maxHeightCm": 3.2}


@pytest.mark.parametrize(
    ("postal_code", "same_day", "evening"),
    [
        ("1012AB", True, True),  # Amsterdam
        ("3542 AD", True, True),  # Utrecht
        ("5611AA", True, True),  # Eindhoven
        ("9711AA", False, True),  # Groningen: no DHL Vandaag
        ("1791AB", False, False),  # Texel
        ("8881AA", False, False),  # Terschelling
        ("", False, True),  # no postcode: no same-day
    ],
)
def test_postcode_rules(dhl: Dhl, postal_code: str, same_day: bool, evening: bool) -> None:
    params = {"toCountry": "NL", "parcelType": "SMALL"}
    if postal_code:
        params["toPostalCode"] = postal_code
    (entry,) = dhl.entries(**params)
    keys = options_of(entry)
    assert ("SDD" in keys) is same_day
    assert ("EVE" in keys) is evening and ("S" in keys) is evening


def test_exclusions_are_symmetric_and_as_documented(dhl: Dhl) -> None:
    for entry in dhl.entries(toCountry="NL", toPostalCode="1012AB"):
        offered = {o["key"]: {x["key"] for x in o["exclusions"]} for o in entry["options"]}
        for key, excluded in offered.items():
            assert excluded <= set(offered)
            for other in excluded:
                assert key in offered[other], (entry["parcelType"]["key"], key, other)
            assert excluded == EXCLUSIONS[key] & set(offered)
    (small,) = dhl.entries(toCountry="NL", toPostalCode="1012AB", parcelType="SMALL")
    exclusions = {o["key"]: {x["key"] for x in o["exclusions"]} for o in small["options"]}
    assert exclusions["DOOR"] == {"BP", "PS"}
    assert exclusions["BP"] >= {"DOOR", "PS", "EVE", "S", "SDD", "EXP", "HANDT", "NBB", "INS"}
    assert exclusions["PS"] >= {"EVE", "S", "SDD", "EXP", "NBB", "AGE_CHECK"}
    assert exclusions["EVE"] == {"BP", "PS", "S", "SDD", "EXP"}
    assert "PS" in exclusions["AGE_CHECK"] and "BP" in exclusions["AGE_CHECK"]


def test_filters_unserved_countries_and_carrier(dhl: Dhl) -> None:
    assert [e["parcelType"]["key"] for e in dhl.entries(toCountry="NL", option="BP")] == [
        "XSMALL",
        "SMALL",
    ]
    assert dhl.entries(toCountry="NL", parcelType="PALLET") == []
    assert len(dhl.entries(toCountry="NL", toBusiness="true", parcelType="PALLET")) == 1
    assert dhl.entries(toCountry="BE", option="SDD") == []
    for country in ("US", "JP", "BR"):
        assert dhl.entries(toCountry=country) == []
    assert dhl.entries(toCountry="NL", fromCountry="DE") == []
    assert dhl.entries(toCountry="NL", carrier="DHL-EXPRESS") == []
    account = dhl.credentials["accountNumbers"][1]
    assert dhl.entries(toCountry="NL", accountNumber=account)


def test_capability_errors(dhl: Dhl) -> None:
    bad_postcode = assert_dhl_error(
        dhl.capabilities(toCountry="NL", toPostalCode="ABC"), 400, "INVALID_POSTAL_CODE"
    )
    assert bad_postcode["details"][0]["field"] == "toPostalCode"
    assert_dhl_error(
        dhl.capabilities(toCountry="BE", toPostalCode="12345"), 400, "INVALID_POSTAL_CODE"
    )
    assert_dhl_error(dhl.capabilities(toCountry="XX"), 400, "VALIDATION_ERROR")
    missing = dhl.get("/capabilities/business", {"fromCountry": "NL"})
    assert assert_dhl_error(missing, 400, "VALIDATION_ERROR")["details"][0]["field"] == "toCountry"
    assert_dhl_error(dhl.capabilities(toCountry="NL", toBusiness="maybe"), 400, "VALIDATION_ERROR")
    assert_dhl_error(dhl.capabilities(toCountry="NL", parcelType="HUGE"), 400, "VALIDATION_ERROR")
    assert_dhl_error(dhl.capabilities(toCountry="NL", accountNumber="09999999"), 403, "FORBIDDEN")
    assert_dhl_error(dhl.get("/capabilities/robots", {"toCountry": "NL"}), 404, "NOT_FOUND")


# -- shipments --


def test_create_shipment(dhl: Dhl) -> None:
    body = shipment(dhl, pieces=[{"parcelType": "SMALL", "quantity": 2, "weight": 1.5}])
    created = create(dhl, body)
    assert created["shipmentId"] == body["shipmentId"]
    assert created["product"] == "DFY-B2C"
    assert created["orderReference"] == "302-1234567-1234567"
    assert [p["pieceNumber"] for p in created["pieces"]] == [1, 2]
    for piece in created["pieces"]:
        assert re.fullmatch(r"JVGL\d{16}", piece["trackerCode"])
        uuid.UUID(piece["labelId"])
        assert piece["labelType"] == "B2X_Generic_A4_Third" and piece["parcelType"] == "SMALL"
    assert len({p["trackerCode"] for p in created["pieces"]}) == 2
    state = dhl.sandbox.dhl
    assert state.shipments[body["shipmentId"]].body == body
    assert state.stats["shipments:created"] == 1
    business = shipment(dhl)
    business["receiver"]["address"].update(isBusiness=True, countryCode="DE", postalCode="10115")
    business["receiver"]["name"]["companyName"] = "Muster GmbH"
    assert create(dhl, business)["product"] == "EUROPLUS"


def test_same_shipment_id_is_idempotent_and_a_different_body_conflicts(dhl: Dhl) -> None:
    body = shipment(dhl)
    first = create(dhl, body)
    again = dhl.post("/shipments", body)
    assert again.status_code == 200, again.text
    assert again.json() == first
    state = dhl.sandbox.dhl
    assert len(state.shipments) == 1 and len(state.labels) == 1
    assert state.stats["shipments:created"] == 1 and state.stats["shipments:replayed"] == 1
    changed = receiver_address(body, number="27")
    conflict = assert_dhl_error(dhl.post("/shipments", changed), 409, "SHIPMENT_ID_IN_USE")
    assert conflict["details"][0]["field"] == "shipmentId"
    assert len(state.shipments) == 1


def fields_of(response: requests.Response, key: str = "VALIDATION_ERROR") -> set[str]:
    body = assert_dhl_error(response, 400, key)
    return {detail["field"] for detail in body["details"]}


def test_address_and_field_validation(dhl: Dhl) -> None:
    body = shipment(dhl)
    too_long = receiver_address(body, street="S" * 41, city="C" * 36, addition="A" * 11)
    too_long["receiver"]["name"]["lastName"] = "L" * 36
    assert fields_of(dhl.post("/shipments", too_long)) == {
        "receiver.address.street",
        "receiver.address.city",
        "receiver.address.addition",
        "receiver.name.lastName",
    }
    assert fields_of(dhl.post("/shipments", receiver_address(body, number="25A"))) == {
        "receiver.address.number"
    }
    assert fields_of(dhl.post("/shipments", receiver_address(body, number=None))) == {
        "receiver.address.number"
    }
    postcode = dhl.post("/shipments", receiver_address(body, postalCode="35421"))
    assert fields_of(postcode, "INVALID_POSTAL_CODE") == {"receiver.address.postalCode"}
    belgian = receiver_address(body, countryCode="BE", postalCode="1000")
    belgian["shipmentId"] = str(uuid.uuid4())
    assert create(dhl, belgian)["product"] == "DFY-B2C"
    abroad = receiver_address(body, countryCode="US", postalCode="10001")
    assert fields_of(dhl.post("/shipments", abroad), "COUNTRY_NOT_SERVED") == {
        "receiver.address.countryCode"
    }
    account = shipment(dhl, accountId="09999999")
    assert fields_of(dhl.post("/shipments", account), "INVALID_ACCOUNT") == {"accountId"}
    missing = shipment(dhl)
    del missing["receiver"]["address"]["street"], missing["pieces"]
    assert fields_of(dhl.post("/shipments", missing)) == {"receiver.address.street", "pieces"}
    bad_id = shipment(dhl, shipmentId="order-1")
    assert fields_of(dhl.post("/shipments", bad_id)) == {"shipmentId"}
    invalid_json = requests.post(
        dhl.url + "/shipments",
        data=b"{not json",
        headers={"Authorization": f"Bearer {dhl.token}", "Content-Type": "application/json"},
        timeout=10,
    )
    assert_dhl_error(invalid_json, 400, "INVALID_REQUEST_BODY")
    assert dhl.sandbox.dhl.stats["shipments:invalid"] >= 8


def test_service_point_needs_an_id_but_no_house_number(dhl: Dhl) -> None:
    body = shipment(dhl, options=[{"key": "PS", "input": "8004-NL-354201"}, {"key": "SSN"}])
    body["receiver"]["name"]["lastName"] = "Łukasz-Ørsted_^~"
    created = create(dhl, receiver_address(body, number=None))
    path = f"/labels/{created['pieces'][0]['labelId']}"
    assert dhl.get(path, accept="application/pdf").status_code == 200
    zpl = dhl.get(path, {"labelFormat": "zpl"}).content.decode("utf-8")
    assert "Jan Łukasz-Ørsted_5F_5E_7E" in zpl  # ^FH escapes keep ZPL's own characters out
    assert "Damrak" not in zpl  # SSN: the sender stays hidden
    no_id = shipment(dhl, options=[{"key": "PS"}])
    assert fields_of(dhl.post("/shipments", no_id)) == {"options[0].input"}


def test_option_rules_follow_the_capabilities(dhl: Dhl) -> None:
    def post(options: list[dict[str, Any]], **changes: Any) -> requests.Response:
        return dhl.post("/shipments", shipment(dhl, options=options, **changes))

    combination = post([{"key": "DOOR"}, {"key": "BP"}])
    assert fields_of(combination, "OPTION_COMBINATION_NOT_ALLOWED") == {"options"}
    evening_saturday = post([{"key": "DOOR"}, {"key": "EVE"}, {"key": "S"}])
    assert fields_of(evening_saturday, "OPTION_COMBINATION_NOT_ALLOWED") == {"options"}
    mailbox_medium = post(
        [{"key": "BP"}], pieces=[{"parcelType": "MEDIUM", "quantity": 1, "weight": 3}]
    )
    assert fields_of(mailbox_medium, "OPTION_NOT_AVAILABLE") == {"options[0].key"}
    texel = receiver_address(
        shipment(dhl, options=[{"key": "DOOR"}, {"key": "EVE"}]), postalCode="1791 AB"
    )
    assert fields_of(dhl.post("/shipments", texel), "OPTION_NOT_AVAILABLE") == {"options[1].key"}
    groningen = receiver_address(
        shipment(dhl, options=[{"key": "DOOR"}, {"key": "SDD"}]), postalCode="9711AA"
    )
    assert fields_of(dhl.post("/shipments", groningen), "OPTION_NOT_AVAILABLE") == {
        "options[1].key"
    }
    assert fields_of(post([{"key": "INS", "input": 50001}])) == {"options[0].input"}
    assert fields_of(post([{"key": "REFERENCE", "input": "x" * 16}])) == {"options[0].input"}
    assert fields_of(post([{"key": "TELEPORT"}])) == {"options[0].key"}
    mixed = post([{"key": "DOOR"}, {"key": "BP"}, {"key": "TELEPORT"}])
    assert fields_of(mixed) == {"options", "options[2].key"}
    business = receiver_address(
        shipment(dhl, options=[{"key": "DOOR"}, {"key": "EVE"}]), isBusiness=True
    )
    assert fields_of(dhl.post("/shipments", business), "OPTION_NOT_AVAILABLE") == {"options[1].key"}
    same_day = post([{"key": "DOOR"}, {"key": "SDD"}, {"key": "INS", "input": "250"}])
    assert same_day.status_code == 201, same_day.text
    implied_door = post([{"key": "EVE"}])
    assert implied_door.status_code == 201, implied_door.text


def test_pieces_validation(dhl: Dhl) -> None:
    def pieces(*entries: dict[str, Any]) -> requests.Response:
        return dhl.post("/shipments", shipment(dhl, pieces=list(entries)))

    assert fields_of(pieces({"parcelType": "SMALL", "quantity": 1, "weight": 10.5})) == {
        "pieces[0].weight"
    }
    assert fields_of(pieces({"parcelType": "SMALL", "quantity": 11, "weight": 1})) == {
        "pieces[0].quantity"
    }
    assert fields_of(pieces({"parcelType": "BOX", "quantity": 1})) == {"pieces[0].parcelType"}
    pallet = pieces({"parcelType": "PALLET", "quantity": 1, "weight": 200})
    assert fields_of(pallet, "PARCEL_TYPE_NOT_AVAILABLE") == {"pieces[0].parcelType"}


# -- labels --


def test_label_pdf_json_and_zpl(dhl: Dhl) -> None:
    created = create(dhl, shipment(dhl))
    piece = created["pieces"][0]
    path = f"/labels/{piece['labelId']}"
    pdf = dhl.get(path, accept="application/pdf")
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert media_box(pdf.content) == pytest.approx(PDF_SIZE, abs=0.01)
    assert page_count(pdf.content) == 1
    as_json = dhl.get(path).json()
    assert as_json["labelId"] == piece["labelId"]
    assert as_json["trackerCode"] == piece["trackerCode"]
    assert as_json["orderReference"] == "302-1234567-1234567"
    assert as_json["labelType"] == "B2X_Generic_A4_Third"
    assert as_json["pieceNumber"] == 1 and as_json["parcelType"] == "SMALL"
    assert base64.b64decode(as_json["pdf"]) == pdf.content
    zpl = dhl.get(path, accept="application/zpl")
    assert zpl.status_code == 200 and zpl.headers["Content-Type"].startswith("application/zpl")
    text = zpl.text
    assert text.startswith("^XA") and text.rstrip().endswith("^XZ")
    assert "^CI28" in text and "^PW799" in text and "^BY3," in text
    barcodes = re.findall(r"\^BC[^\^]*\^FH\^FD([^\^]+)\^FS", text)
    assert barcodes == [piece["trackerCode"], "302-1234567-1234567"]
    hires = dhl.get(path, {"labelFormat": "zpl", "dpi": 300}).text
    assert "^PW1181" in hires and "^BY4," in hires
    assert_dhl_error(dhl.get(path, {"labelFormat": "zpl", "dpi": 150}), 400, "VALIDATION_ERROR")
    assert_dhl_error(dhl.get(path, accept="image/png"), 406, "NOT_ACCEPTABLE")
    dhl.sandbox.dhl.zpl_enabled = False
    assert_dhl_error(dhl.get(path, {"labelFormat": "zpl"}), 406, "LABEL_FORMAT_NOT_AVAILABLE")
    assert_dhl_error(dhl.get(f"/labels/{uuid.uuid4()}"), 404, "LABEL_NOT_FOUND")


def test_a_label_made_late_in_the_evening_utc_carries_the_dutch_date(dhl: Dhl) -> None:
    dhl.sandbox.clock.set(dt.datetime(2026, 12, 4, 23, 30, tzinfo=dt.UTC).timestamp())
    dhl.login()  # a token from the clock's new time
    piece = create(dhl, shipment(dhl))["pieces"][0]
    zpl = dhl.get(f"/labels/{piece['labelId']}", accept="application/zpl").text
    assert "Date 05-12-2026" in zpl  # 00:30 in Amsterdam


def test_labels_by_order_reference_and_merged_pdf(dhl: Dhl) -> None:
    body = shipment(dhl, pieces=[{"parcelType": "MEDIUM", "quantity": 3, "weight": 4}])
    created = create(dhl, body)
    create(dhl, shipment(dhl, orderReference="028-7654321-7654321"))
    found = dhl.get("/labels", {"orderReferenceFilter": "302-1234567-1234567"}).json()
    assert [f["labelId"] for f in found] == [p["labelId"] for p in created["pieces"]]
    assert {f["shipmentId"] for f in found} == {body["shipmentId"]}
    assert set(found[0]) == {
        "labelId",
        "trackerCode",
        "shipmentId",
        "orderReference",
        "parcelType",
        "pieceNumber",
        "createdOn",
    }
    assert dhl.get("/labels", {"orderReferenceFilter": "999-0000000-0000000"}).json() == []
    ids = [p["labelId"] for p in created["pieces"]]
    merged = dhl.post(
        "/labels/multi",
        {"labelIds": ids, "pdfOptions": {"pageSize": "original"}},
        accept="application/pdf",
    )
    assert merged.status_code == 200 and merged.headers["Content-Type"] == "application/pdf"
    assert page_count(merged.content) == 3
    assert media_box(merged.content) == pytest.approx(PDF_SIZE, abs=0.01)
    as_json = dhl.post("/labels/multi", {"labelIds": ids}).json()
    assert page_count(base64.b64decode(as_json["pdf"])) == 3
    unknown = dhl.post("/labels/multi", {"labelIds": [*ids, "nope"]}, accept="application/pdf")
    assert_dhl_error(unknown, 404, "LABEL_NOT_FOUND")
    assert_dhl_error(dhl.post("/labels/multi", {"labelIds": []}), 400, "VALIDATION_ERROR")


# -- track & trace --


def test_track_and_trace_progresses_with_the_clock(dhl: Dhl) -> None:
    created = create(dhl, shipment(dhl))
    code = created["pieces"][0]["trackerCode"]

    def track(key: str) -> dict[str, Any]:
        response = dhl.get("/track-trace", {"key": key})
        assert response.status_code == 200, response.text
        (entry,) = response.json()
        return entry

    entry = track(code)
    assert entry["barcode"] == code
    assert [e["category"] for e in entry["events"]] == ["DATA_RECEIVED"]
    assert set(entry["plannedDeliveryTimeframe"]) == {"from", "to"}
    assert "deliveredAt" not in entry
    dhl.advance(1 * HOUR + 1)
    assert track(code)["events"][-1]["category"] == "UNDERWAY"
    dhl.advance(17 * HOUR)
    assert track(code)["events"][-1]["status"] == "OUT_FOR_DELIVERY"
    dhl.advance(6 * HOUR)
    delivered = track(f"{code}+3542AD")
    assert delivered["events"][-1]["category"] == "DELIVERED"
    assert delivered["deliveredAt"] == delivered["events"][-1]["timestamp"]
    assert delivered["events"][-1]["location"] == "Utrecht, NL"
    assert track(f"{code}+9999ZZ")["events"] == []
    unknown = dhl.get("/track-trace", {"key": f"JVGL0000000000000000,{code}"}).json()
    assert [u["barcode"] for u in unknown] == ["JVGL0000000000000000", code]
    assert unknown[0]["events"] == []
    assert_dhl_error(dhl.get("/track-trace"), 400, "VALIDATION_ERROR")


def test_halted_parcels_and_exceptions(dhl: Dhl) -> None:
    first, second = (create(dhl, shipment(dhl))["pieces"][0]["trackerCode"] for _ in range(2))
    state = dhl.sandbox.dhl
    state.halt(first)
    state.add_event(second, "EXCEPTION", "RECEIVER_NOT_HOME", "Utrecht, NL")
    dhl.advance(30 * HOUR)
    entries = dhl.get("/track-trace", {"key": f"{first},{second}"}).json()
    assert [e["category"] for e in entries[0]["events"]] == ["DATA_RECEIVED"]
    assert [e["category"] for e in entries[1]["events"]] == ["DATA_RECEIVED", "EXCEPTION"]
    assert "deliveredAt" not in entries[1]


def test_time_scale_speeds_up_tracking(start_sandbox) -> None:
    dhl = Dhl(start_sandbox(orders=0, broker=False, time_scale=3600))
    dhl.login()
    code = create(dhl, shipment(dhl))["pieces"][0]["trackerCode"]
    dhl.sandbox.clock.advance(25)  # 25 scaled hours
    (entry,) = dhl.get("/track-trace", {"key": code}).json()
    assert entry["events"][-1]["category"] == "DELIVERED"


# -- HTTP behaviour and faults --


def test_unknown_paths_and_wrong_methods(dhl: Dhl) -> None:
    assert_dhl_error(dhl.get("/nothing-here"), 404, "NOT_FOUND")
    wrong = dhl.get("/shipments")
    assert_dhl_error(wrong, 405, "METHOD_NOT_ALLOWED")
    assert "POST" in wrong.headers["Allow"]


@pytest.mark.parametrize(
    ("kind", "status", "key"),
    [("server_error", (500, 503), None), ("throttle", (429,), "TOO_MANY_REQUESTS")],
)
def test_injected_faults_use_dhls_error_body(
    start_sandbox, kind: str, status: tuple[int, ...], key: str | None
) -> None:
    sandbox = start_sandbox(orders=0, broker=False, fault_rate=1.0, fault_kinds=(kind,))
    response = requests.post(
        sandbox.urls["dhl"] + "/authenticate/api-key",
        json={"userId": sandbox.dhl.user_id, "key": sandbox.dhl.api_key},
        timeout=10,
    )
    assert response.status_code in status
    body = response.json()
    assert set(body) == {"key", "message", "details"}
    assert body["key"] == key or body["key"] in ("INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE")
    if kind == "throttle":
        assert response.headers["Retry-After"]
