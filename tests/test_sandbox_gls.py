"""The GLS NL sandbox follows contracts/gls-nl.md: the Label API's envelope and limits, where
labels come back for each labelType, Delete before the first scan only, Track & Trace with its
problem bodies and rate limit, and the subscription key, over real HTTP."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import pytest
import requests

from shipdesk.sandbox.gls_labels import LABEL_TYPES, PDF_TYPES
from shipdesk.sandbox.gls_rules import ADDRESS_LIMITS, GLS_TIME_ZONE
from shipdesk.sandbox.server import Sandbox

HOUR = 3600
A6_POINTS = (297.64, 419.53)
A4_POINTS = (595.28, 841.89)
ORDER = "402-1234567-1234567"
ADDRESS_FIELDS = {*ADDRESS_LIMITS, "countryCode", "addresseeType"}


class Gls:
    """A bare HTTP caller for the sandbox (not ShipDesk's client: this tests the server)."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.url = sandbox.urls["gls"]
        self.credentials = sandbox.describe()["credentials"]["gls"]
        self.key = ""

    @property
    def login(self) -> dict[str, str]:
        return {
            "username": self.credentials["username"],
            "password": self.credentials["password"],
            "shippingSystemName": "ShipDesk tests",
            "shippingSystemVersion": "1",
        }

    def post(self, call: str, body: dict[str, Any], *, login: bool = True) -> requests.Response:
        headers = {"Ocp-Apim-Subscription-Key": self.key} if self.key else {}
        return requests.post(
            f"{self.url}/V1/api/{call}",
            params={"api-version": "1.0"},
            json={**(self.login if login else {}), **body},
            headers=headers,
            timeout=10,
        )

    def track(self, call: str, body: dict[str, Any]) -> requests.Response:
        tt_login = {
            "userName": self.credentials["username"],
            "password": self.credentials["password"],
        }
        return requests.post(f"{self.url}/tt/V1/api/{call}", json={**tt_login, **body}, timeout=10)

    def today(self) -> dt.date:
        """Today as GLS NL sees it: in Amsterdam, on the sandbox's clock (not this computer's
        date, which is UTC's on CI: a day behind Amsterdam's for an hour or two at night)."""
        return dt.datetime.fromtimestamp(self.sandbox.clock(), GLS_TIME_ZONE).date()

    def create(self, **changes: Any) -> requests.Response:
        return self.post("Label/Create", create_body(self, **changes))


def create_body(gls: Gls, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "customerNo": gls.credentials["customerNumbers"][0],
        "shiptype": "p",
        "reference": ORDER,
        "labelType": "pdfA6U",
        "trackingLinkType": "u",
        "shippingDate": gls.today().isoformat(),
        "units": [{"unitId": "A1", "unitType": "co", "weight": 1.2}],
        "addresses": {
            "deliveryAddress": {
                "name1": "Jan de Vries",
                "street": "Hoofdstraat",
                "houseNo": "12",
                "houseNoExt": "A",
                "zipCode": "3542 AD",
                "city": "Utrecht",
                "countryCode": "NL",
                "email": "jan@example.nl",
                "phone": "0612345678",
                "addresseeType": "p",
            }
        },
        "services": {},
    }
    for key, value in changes.items():
        if key in ADDRESS_FIELDS:
            body["addresses"]["deliveryAddress"][key] = value
        else:
            body[key] = value
    return body


@pytest.fixture
def gls(start_sandbox) -> Gls:
    return Gls(start_sandbox(orders=0))


def ok(response: requests.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["error"] is False and body["status"] == "200", body
    return body


def refused(response: requests.Response, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] is True and body["status"] == str(status), body
    assert body["message"] and "transactionId" in body
    return body


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(w), float(h))
        for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    ]


# -- login and the subscription key --


def test_validate_login_lists_the_customer_numbers(gls) -> None:
    body = ok(gls.post("Authentication/ValidateLogin", {}))
    [customer] = body["customers"]
    [subject] = customer["subjects"]
    assert subject["custNos"] == gls.credentials["customerNumbers"]
    assert all(re.fullmatch(r"\d{8}", n) for n in subject["custNos"])


def test_a_wrong_password_is_refused_in_the_envelope(gls) -> None:
    gls.credentials = {**gls.credentials, "password": "wrong"}
    body = refused(gls.post("Authentication/ValidateLogin", {}), 401)
    assert "password" in body["message"].lower()


def test_login_fields_over_their_limits_are_refused_with_v009(gls) -> None:
    gls.credentials = {**gls.credentials, "password": "x" * 21}
    body = refused(gls.post("Authentication/ValidateLogin", {}))
    assert body["errors"] == {"Password": ["V009: The value Password cannot exceed 20 characters"]}


def test_every_call_needs_the_api_version(gls) -> None:
    response = requests.post(
        f"{gls.url}/V1/api/Authentication/ValidateLogin", json=gls.login, timeout=10
    )
    assert "api-version" in refused(response)["message"]


def test_without_a_key_on_the_account_the_header_may_be_left_out_but_not_be_wrong(gls) -> None:
    assert gls.credentials["subscriptionKey"] == ""
    ok(gls.post("Authentication/ValidateLogin", {}))
    gls.key = "not-a-key"
    response = gls.post("Authentication/ValidateLogin", {})
    assert response.status_code == 401
    assert response.json() == {"statusCode": 401, "message": response.json()["message"]}
    assert "invalid subscription key" in response.json()["message"]


def test_a_required_subscription_key_must_be_sent_to_both_apis(gls) -> None:
    key = gls.sandbox.gls.require_subscription_key()
    assert gls.sandbox.describe()["credentials"]["gls"]["subscriptionKey"] == key
    missing = gls.post("Authentication/ValidateLogin", {})
    assert missing.status_code == 401 and "missing subscription key" in missing.json()["message"]
    assert gls.track("parcel/v1/search", {}).status_code == 401
    gls.key = key
    ok(gls.post("Authentication/ValidateLogin", {}))


# -- Label/Create --


def test_a_label_has_a_14_digit_unit_number_from_the_customer_number_and_a_track_id(gls) -> None:
    body = ok(
        gls.create(
            units=[
                {"unitId": "A1", "unitType": "co", "weight": 1.2},
                {"unitId": "A2", "unitType": "CO", "weight": 3},
            ]
        )
    )
    customer = gls.credentials["customerNumbers"][0]
    assert [u["unitId"] for u in body["units"]] == ["A1", "A2"]
    for unit in body["units"]:
        assert re.fullmatch(r"\d{14}", unit["unitNo"]) and unit["unitNo"].startswith(customer)
        assert re.fullmatch(r"[A-Z]{8}", unit["uniqueNo"])
        assert unit["unitTrackingLink"].endswith(f"parcelNo={unit['unitNo']}&zipCode=3542AD")
    assert len({u["unitNo"] for u in body["units"]}) == 2
    assert body["shipmentTrackingLink"] == body["units"][0]["unitTrackingLink"]


@pytest.mark.parametrize("label_type", sorted(LABEL_TYPES))
def test_labels_come_back_where_the_label_type_puts_them(gls, label_type) -> None:
    units = [{"unitId": f"U{n}", "unitType": "co", "weight": 1} for n in range(3)]
    body = ok(gls.create(labelType=label_type, units=units))
    per_unit = label_type.startswith("zpl") or label_type in ("pdfA6U", "pdf")
    if per_unit:
        assert "labels" not in body
        documents = [base64.b64decode(u["label"]) for u in body["units"]]
    else:
        assert all("label" not in u for u in body["units"])
        documents = [base64.b64decode(d) for d in body["labels"]]
        assert len(documents) == 1
    for document in documents:
        if label_type.startswith("zpl"):
            text = document.decode("utf-8" if "Utf8" in label_type else "cp1252")
            assert text.startswith("^XA") and text.rstrip().endswith("^XZ")
            dots = 1181 if "300" in label_type else 799  # 100 mm wide
            assert f"^PW{dots}" in text
            assert ("^CI28" in text) == ("Utf8" in label_type)
        else:
            assert document.startswith(b"%PDF")
            size = A6_POINTS if "A6" in label_type else A4_POINTS
            boxes = media_boxes(document)
            assert boxes and all(box == pytest.approx(size, abs=0.1) for box in boxes)
    if label_type in ("pdfA6S", "pdf2A4", "pdf4A4"):
        per_page = PDF_TYPES[label_type][1]
        assert len(media_boxes(documents[0])) == -(-3 // per_page)


def test_zpl_carries_the_unit_number_as_its_barcode(gls) -> None:
    body = ok(gls.create(labelType="zpl300Utf8", name1="Łukasz Żółć"))
    zpl = base64.b64decode(body["units"][0]["label"]).decode("utf-8")
    unit_no = body["units"][0]["unitNo"]
    assert re.search(r"\^BCN,\d+,N,N,N,A\^FH\^FD" + unit_no + r"\^FS", zpl)
    assert "Łukasz Żółć" in zpl


@pytest.mark.parametrize("key, limit", sorted(ADDRESS_LIMITS.items()))
def test_every_address_field_over_its_limit_is_refused_with_v009(gls, key, limit) -> None:
    value = "a@example.nl".rjust(limit + 1, "x") if key == "email" else "9" * (limit + 1)
    body = refused(gls.create(**{key: value}))
    name = key[0].upper() + key[1:]
    message = f"V009: The value {name} cannot exceed {limit} characters"
    assert body["errors"][f"Addresses.DeliveryAddress.{name}"] == [message]
    assert body["message"] == message
    assert gls.sandbox.gls.live_units() == []


@pytest.mark.parametrize(
    "changes, path, code",
    [
        ({"reference": "x" * 21}, "Reference", "V009"),
        (
            {"units": [{"unitId": "x" * 51, "unitType": "co", "weight": 1}]},
            "Units[0].UnitId",
            "V009",
        ),
        (
            {
                "units": [
                    {
                        "unitId": "A",
                        "unitType": "co",
                        "weight": 1,
                        "customerUnitReference": "r" * 36,
                    }
                ]
            },
            "Units[0].CustomerUnitReference",
            "V009",
        ),
        ({"units": [{"unitId": "A", "unitType": "co", "weight": 32.0}]}, "Units[0].Weight", "V009"),
        ({"shiptype": None}, "Shiptype", "V008"),
        ({"customerNo": "99999999"}, "CustomerNo", "V012"),
        ({"labelType": "png"}, "LabelType", "V010"),
        ({"zipCode": "3542"}, "Addresses.DeliveryAddress.ZipCode", "V010"),
        ({"addresseeType": "x"}, "Addresses.DeliveryAddress.AddresseeType", "V010"),
        (
            {"countryCode": "US", "zipCode": "10001"},
            "Addresses.DeliveryAddress.CountryCode",
            "V020",
        ),
        (
            {"services": {"expressService": "t9"}, "countryCode": "FR", "zipCode": "75001"},
            "Services.ExpressService",
            "V020",
        ),
        (
            {"services": {"shopReturnService": True}, "countryCode": "BE", "zipCode": "1000"},
            "Services.ShopReturnService",
            "V020",
        ),
        (
            {"services": {"expressService": "t12", "saturdayService": True}},
            "Services.SaturdayService",
            "V021",
        ),
        (
            {"services": {"shopDeliveryParcelShopId": "2500123456", "addresseeOnlyService": True}},
            "Services.AddresseeOnlyService",
            "V021",
        ),
        (
            {
                "services": {"letterBoxParcel": True},
                "units": [{"unitId": "A", "unitType": "co", "weight": 2.5}],
            },
            "Units[0].Weight",
            "V009",
        ),
        ({"shippingDate": "2020-01-01"}, "ShippingDate", "V010"),
        ({"name1": ""}, "Addresses.DeliveryAddress.Name1", "V001"),
    ],
)
def test_create_refuses_what_gls_refuses(gls, changes, path, code) -> None:
    body = refused(gls.create(**changes))
    assert path in body["errors"], body
    assert body["errors"][path][0].startswith(f"{code}: ")
    assert gls.sandbox.gls.stats["create:invalid"] == 1
    assert gls.sandbox.gls.live_units() == []


# 23:30 UTC in winter (UTC+1) and 22:30 UTC in summer (UTC+2): Amsterdam is a day further.
LATE_EVENINGS = [
    (dt.datetime(2026, 12, 4, 23, 30, tzinfo=dt.UTC), dt.date(2026, 12, 5)),
    (dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC), dt.date(2026, 7, 2)),
]


@pytest.mark.parametrize("moment, amsterdam", LATE_EVENINGS)
def test_the_shipping_date_is_judged_in_amsterdam_not_in_utc(gls, moment, amsterdam) -> None:
    gls.sandbox.clock.set(moment.timestamp())
    passed = "V010: The value ShippingDate is not valid: the date has passed."
    utc_day = moment.date().isoformat()  # yesterday in Amsterdam
    assert refused(gls.create(shippingDate=utc_day))["errors"] == {"ShippingDate": [passed]}
    unit_no = ok(gls.create(shippingDate=amsterdam.isoformat()))["units"][0]["unitNo"]
    assert gls.sandbox.gls.units[unit_no].shipping_date == amsterdam
    # Confirm and the delivery options judge the same way.
    confirm = {"unitNos": [unit_no], "shiptype": "p"}
    refused(gls.post("Label/ConfirmMultiple", {**confirm, "shippingDate": utc_day}))
    ok(gls.post("Label/ConfirmMultiple", {**confirm, "shippingDate": amsterdam.isoformat()}))
    where = {"countryCode": "NL", "zipCode": "3542AD", "langCode": "en"}
    refused(gls.post("DeliveryOptions/GetDeliveryOptions", {**where, "shippingDate": utc_day}))
    options = ok(
        gls.post(
            "DeliveryOptions/GetDeliveryOptions",
            {**where, "shippingDate": amsterdam.isoformat()},
        )
    )["deliveryOptions"]
    assert options[0]["expectedDeliveryDate"] > amsterdam.isoformat()


def test_services_the_destination_has_are_accepted_and_printed(gls) -> None:
    body = ok(
        gls.create(
            services={
                "expressService": "t12",
                "addresseeOnlyService": True,
                "shopReturnService": True,
            }
        )
    )
    [unit] = gls.sandbox.gls.live_units()
    assert unit.label.services[0].startswith("EXPRESS T12")
    assert body["units"][0]["unitNo"] == unit.unit_no


def test_a_pickup_address_must_be_complete_and_replaces_the_registered_one(gls) -> None:
    pickup = {
        "name1": "Mijn Winkel",
        "street": "Kade",
        "zipCode": "1011 AA",
        "city": "Amsterdam",
        "countryCode": "NL",
    }
    body = create_body(gls)
    body["addresses"]["pickupAddress"] = pickup
    assert "Addresses.PickupAddress.HouseNo" in refused(gls.post("Label/Create", body))["errors"]
    body["addresses"]["pickupAddress"] = {**pickup, "houseNo": "1"}
    ok(gls.post("Label/Create", body))
    [unit] = gls.sandbox.gls.live_units()
    assert unit.label.pickup["name1"] == "Mijn Winkel"


# -- Confirm and Delete --


def test_confirm_needs_the_shiptype(gls) -> None:
    unit_no = ok(gls.create())["units"][0]["unitNo"]
    body = refused(gls.post("Label/Confirm", {"unitNo": unit_no}))
    assert body["errors"]["Shiptype"] == ["V008: Shiptype is unknown"]
    ok(gls.post("Label/Confirm", {"unitNo": unit_no, "shiptype": "p"}))
    second = ok(gls.create(reference="other"))["units"][0]["unitNo"]
    ok(gls.post("Label/ConfirmMultiple", {"unitNos": [unit_no, second], "shiptype": "p"}))
    assert all(u.confirmed for u in gls.sandbox.gls.live_units())


def test_delete_works_once_and_only_before_the_first_scan(gls) -> None:
    first, second = (ok(gls.create(reference=r))["units"][0]["unitNo"] for r in ("a", "b"))
    ok(gls.post("Label/Delete", {"unitNo": first, "shiptype": "p"}))
    again = refused(gls.post("Label/Delete", {"unitNo": first, "shiptype": "p"}))
    assert again["message"] == "V032: Unit has already been deleted"
    unknown = refused(gls.post("Label/Delete", {"unitNo": "52800011000000", "shiptype": "p"}))
    assert unknown["message"].startswith("V030")
    gls.sandbox.clock.advance(1.1 * HOUR)  # collected: the first scan
    scanned = refused(gls.post("Label/Delete", {"unitNo": second, "shiptype": "p"}))
    assert scanned["message"].startswith("V033")
    assert [u.unit_no for u in gls.sandbox.gls.live_units()] == [second]


# -- delivery options, ParcelShops, returns --


def options_of(gls: Gls, country: str, zip_code: str = "", lang: str = "en") -> dict[str, Any]:
    body = ok(
        gls.post(
            "DeliveryOptions/GetDeliveryOptions",
            {"countryCode": country, "zipCode": zip_code, "langCode": lang},
        )
    )
    return {o.get("service", o["title"]): o for o in body["deliveryOptions"]}


def test_delivery_options_follow_the_destination(gls) -> None:
    utrecht = options_of(gls, "NL", "3542AD")
    assert [s["service"] for s in utrecht["ExpressService"]["subDeliveryOptions"]] == [
        "T9",
        "T12",
        "T17",
    ]
    assert {
        "BusinessParcel",
        "SaturdayService",
        "ShopDeliveryService",
        "ShopReturnService",
        "AddresseeOnlyService",
        "LetterBoxParcel",
    } <= set(utrecht)
    texel = options_of(gls, "NL", "1792 AB")
    assert "ExpressService" not in texel and "SaturdayService" not in texel
    france = options_of(gls, "FR", "75001")
    assert set(france) == {"EuroBusinessParcel", "ShopDeliveryService"}
    assert options_of(gls, "US") == {}
    dutch = options_of(gls, "NL", "3542AD", lang="nl")
    assert dutch["ExpressService"]["subDeliveryOptions"][0]["title"] == "Voor 09:00 uur"
    bad = refused(
        gls.post(
            "DeliveryOptions/GetDeliveryOptions",
            {"countryCode": "NL", "zipCode": "ABC", "langCode": "de"},
        )
    )
    assert {"ZipCode", "LangCode"} <= set(bad["errors"])


def test_parcel_shops_near_a_postcode(gls) -> None:
    body = ok(
        gls.post(
            "ParcelShop/GetParcelShops",
            {
                "zipCode": "3542AD",
                "countryCode": "NL",
                "amountOfShops": 4,
                "glsPointType": "parcelShops",
            },
        )
    )
    shops = body["parcelShops"]
    assert len(shops) == 4 and all(s["type"] == "parcelShop" for s in shops)
    assert all(re.fullmatch(r"\d{10}", s["parcelShopId"]) for s in shops)
    assert [s["distanceMeters"] for s in shops] == sorted(s["distanceMeters"] for s in shops)
    refused(
        gls.post(
            "ParcelShop/GetParcelShops",
            {"zipCode": "3542AD", "countryCode": "NL", "amountOfShops": 11},
        )
    )
    ok(gls.create(services={"shopDeliveryParcelShopId": shops[0]["parcelShopId"]}))


def test_shop_return_labels_are_for_the_netherlands(gls) -> None:
    body = create_body(gls)
    assert "ReturnReason" in refused(gls.post("ShopReturn/Create", body))["errors"]
    body["returnReason"] = "Wrong size"
    unit = ok(gls.post("ShopReturn/Create", body))["units"][0]
    assert gls.sandbox.gls.units[unit["unitNo"]].label.product == "ShopReturn"
    body["addresses"]["deliveryAddress"].update(countryCode="BE", zipCode="1000")
    assert refused(gls.post("ShopReturn/Create", body))["message"].startswith("V020")


# -- Track & Trace --


def test_scans_progress_over_time_and_unknown_numbers_are_left_out(gls) -> None:
    unit_no = ok(gls.create())["units"][0]["unitNo"]

    def state() -> dict[str, Any]:
        response = gls.track("parcel/v1/details", {"parcelNumbers": [unit_no, "00000000000000"]})
        assert response.status_code == 200, response.text
        [parcel] = response.json()["parcels"]
        return parcel

    fresh = state()
    assert fresh["state"] == "PREADVICE" and not any(e["isPhysical"] for e in fresh["events"])
    gls.sandbox.clock.advance(9 * HOUR)
    assert state()["state"] == "INWAREHOUSE"
    gls.sandbox.clock.advance(16 * HOUR)
    delivered = state()
    assert delivered["state"] == "DELIVERED" and delivered["deliveryName"] == "Jan de Vries"
    assert delivered["events"][0]["descriptionEN"] == "Parcel delivered"  # newest first
    pods = gls.track("pod/v1", {"parcelNumbers": [unit_no]}).json()["pods"]
    assert base64.b64decode(pods[0]["podBlob"]).startswith(b"%PDF")


def test_until_gls_switches_tracking_on_a_parcel_stays_ready_to_send(gls) -> None:
    gls.sandbox.gls.tracking_enabled = False
    unit_no = ok(gls.create())["units"][0]["unitNo"]
    gls.sandbox.clock.advance(30 * HOUR)
    [parcel] = gls.track("parcel/v1/details", {"parcelNumbers": [unit_no]}).json()["parcels"]
    assert parcel["state"] == "PREADVICE"
    ok(gls.post("Label/Delete", {"unitNo": unit_no, "shiptype": "p"}))  # never scanned


def test_search_finds_a_parcel_by_its_customer_reference(gls) -> None:
    unit_no = ok(gls.create())["units"][0]["unitNo"]
    ok(gls.create(reference="someone-else"))
    found = gls.track("parcel/v1/search", {"customerRef": ORDER}).json()["parcels"]
    assert [(p["parcelNo"], p["customerReference"]) for p in found] == [(unit_no, ORDER)]
    gls.sandbox.gls.search_before_scan = False  # the uncertain case: not before a scan
    assert gls.track("parcel/v1/search", {"customerRef": ORDER}).json()["parcels"] == []
    gls.sandbox.clock.advance(1.1 * HOUR)
    assert len(gls.track("parcel/v1/search", {"customerRef": ORDER}).json()["parcels"]) == 1


def test_track_and_trace_errors_are_problem_details(gls) -> None:
    too_many = gls.track("parcel/v1/details", {"parcelNumbers": ["1"] * 21})
    assert too_many.status_code == 400
    assert too_many.headers["Content-Type"].startswith("application/problem+json")
    assert set(too_many.json()) == {"type", "title", "status", "detail"}
    gls.credentials = {**gls.credentials, "password": "wrong"}
    assert gls.track("parcel/v1/details", {"parcelNumbers": ["1"]}).json()["status"] == 401


def test_track_and_trace_rate_limit_says_when_to_try_again(gls) -> None:
    gls.sandbox.gls.tt_limit = 2
    for _ in range(2):
        assert gls.track("parcel/v1/search", {}).status_code == 200
    first, second = (gls.track("parcel/v1/search", {}) for _ in range(2))
    for response in (first, second):
        assert response.status_code == 429
        assert re.fullmatch(
            r"Rate limit exceeded\. Try again in \d+ seconds\.", response.json()["detail"]
        )
    assert ("Retry-After" in first.headers) != ("Retry-After" in second.headers)
    gls.sandbox.clock.advance(61)
    assert gls.track("parcel/v1/search", {}).status_code == 200


def test_injected_faults_answer_in_each_api_s_own_shape(start_sandbox) -> None:
    gls = Gls(start_sandbox(orders=0, fault_rate=1.0, fault_kinds=("server_error",)))
    label = gls.post("Authentication/ValidateLogin", {})
    assert label.status_code in (500, 503) and label.json()["error"] is True
    track = gls.track("parcel/v1/search", {})
    assert track.status_code in (500, 503) and track.json()["status"] == track.status_code
