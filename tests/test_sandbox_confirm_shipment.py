"""confirmShipment (Orders API v0) in the Amazon sandbox, over real HTTP.

Request bodies and error bodies are validated with jsonschema against Amazon's model
(tests/contracts/amazon/ordersV0.json); the orders seen afterwards against the 2026 model.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import jsonschema
import pytest
import requests

from shipdesk.sandbox.amazon_api import iso
from shipdesk.sandbox.server import Sandbox
from tests.conftest import CONTRACTS
from tests.test_sandbox_amazon import token_for
from tests.test_sandbox_amazon import validator as orders_validator

V0_MODEL = json.loads((CONTRACTS / "amazon" / "ordersV0.json").read_text())
CONFIRM = "/orders/v0/orders/{}/shipmentConfirmation"
GET_ORDER = "/orders/2026-01-01/orders/{}"
NL, DE = "A1805IZSGTT6HS", "A1PA6795UKMFR9"
ALREADY = "The shipment has already been confirmed for package reference {ref} of order {order}."


def v0_validator(definition: str) -> jsonschema.Draft4Validator:
    schema = {"$ref": f"#/definitions/{definition}", "definitions": V0_MODEL["definitions"]}
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


REQUEST_SCHEMA = v0_validator("ConfirmShipmentRequest")
ERROR_SCHEMA = v0_validator("ConfirmShipmentErrorResponse")


def dhl_tracking(n: int) -> str:
    return f"JVGL05{n:014d}"


def find_order(sandbox: Sandbox, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    with sandbox.amazon.lock:
        for order in sandbox.amazon.orders.values():
            if match(order):
                return copy.deepcopy(order)
    raise LookupError("no such order in the sandbox")


def shippable(order: dict[str, Any], *, units: int | None = None, min_units: int = 1) -> bool:
    fulfillment = order["fulfillment"]
    total = sum(item["quantityOrdered"] for item in order["orderItems"])
    return (
        fulfillment["fulfilledBy"] == "MERCHANT"
        and fulfillment["fulfillmentStatus"] == "UNSHIPPED"
        and total >= min_units
        and (units is None or total == units)
    )


def body_for(
    sandbox: Sandbox,
    order: dict[str, Any],
    *,
    ref: str = "1",
    carrier: str = "DHL",
    carrier_name: str | None = "DHL Parcel NL",
    tracking: str | None = None,
    items: list[tuple[str, int]] | None = None,
) -> dict[str, Any]:
    if items is None:
        items = [(i["orderItemId"], i["quantityOrdered"]) for i in order["orderItems"]]
    detail: dict[str, Any] = {
        "packageReferenceId": ref,
        "carrierCode": carrier,
        "shippingMethod": "DHL For You",
        "trackingNumber": tracking or dhl_tracking(1),
        "shipDate": iso(sandbox.amazon.now()),
        "orderItems": [{"orderItemId": i, "quantity": q} for i, q in items],
    }
    if carrier_name:
        detail["carrierName"] = carrier_name
    return {"marketplaceId": order["salesChannel"]["marketplaceId"], "packageDetail": detail}


def confirm(sandbox: Sandbox, token: str, order_id: str, body: Any) -> requests.Response:
    data = body if isinstance(body, bytes) else json.dumps(body)
    return requests.post(
        sandbox.urls["amazon"] + CONFIRM.format(order_id),
        data=data,
        headers={"x-amz-access-token": token, "content-type": "application/json"},
        timeout=5,
    )


def get_order(sandbox: Sandbox, token: str, order_id: str) -> dict[str, Any]:
    response = requests.get(
        sandbox.urls["amazon"] + GET_ORDER.format(order_id),
        params={"includedData": "FULFILLMENT,PACKAGES"},
        headers={"x-amz-access-token": token},
        timeout=5,
    )
    assert response.status_code == 200, response.text
    orders_validator("GetOrderResponse").validate(response.json())
    return response.json()["order"]


def rejected(response: requests.Response, status: int = 400) -> dict[str, str]:
    """The single (first) error of a refusal, after checking its shape and headers."""
    assert response.status_code == status, response.text
    body = response.json()
    ERROR_SCHEMA.validate(body)
    assert response.headers["x-amzn-RequestId"]
    return body["errors"][0]


@pytest.fixture
def sandbox(start_sandbox) -> Sandbox:
    return start_sandbox(orders=50, seed=3, time_scale=1000)


def test_accepted_package_shows_in_search_orders(sandbox) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, units=1) and len(o["orderItems"]) == 1)
    body = body_for(sandbox, order, tracking=dhl_tracking(42))
    REQUEST_SCHEMA.validate(body)
    before = iso(sandbox.amazon.now())

    response = confirm(sandbox, token, order["orderId"], body)

    assert response.status_code == 204, response.text
    assert response.content == b""
    assert response.headers["x-amzn-RequestId"]
    assert response.headers["x-amzn-RateLimit-Limit"] == "2000"  # 2/s, sped up 1000 times
    sandbox.clock.advance(1)  # past searchOrders' two-minute lag (0.12 s at this time scale)
    found = requests.get(
        sandbox.urls["amazon"] + "/orders/2026-01-01/orders",
        params={
            "lastUpdatedAfter": before,
            "marketplaceIds": order["salesChannel"]["marketplaceId"],
            "includedData": "PACKAGES,FULFILLMENT",
        },
        headers={"x-amz-access-token": token},
        timeout=5,
    )
    assert found.status_code == 200, found.text
    orders_validator("SearchOrdersResponse").validate(found.json())
    shipped = {o["orderId"]: o for o in found.json()["orders"]}[order["orderId"]]
    assert shipped["fulfillment"]["fulfillmentStatus"] == "SHIPPED"
    assert shipped["lastUpdatedTime"] > order["lastUpdatedTime"]
    item = order["orderItems"][0]
    assert shipped["packages"] == [
        {
            "packageReferenceId": "1",
            "createdTime": shipped["lastUpdatedTime"],
            "packageStatus": {"status": "SHIPPED"},
            "carrier": "DHL Parcel NL",
            "shipTime": body["packageDetail"]["shipDate"],
            "shippingService": "DHL For You",
            "trackingNumber": dhl_tracking(42),
            "packageItems": [{"orderItemId": item["orderItemId"], "quantity": 1}],
        }
    ]
    assert shipped["orderItems"][0]["fulfillment"]["quantityFulfilled"] == 1
    assert shipped["orderItems"][0]["fulfillment"]["quantityUnfulfilled"] == 0
    [accepted] = sandbox.amazon.confirmations
    assert (accepted.order_id, accepted.package_reference_id) == (order["orderId"], "1")
    assert (accepted.carrier_code, accepted.tracking_number) == ("DHL", dhl_tracking(42))
    assert sandbox.amazon.stats["confirmShipment:accepted"] == 1


def test_the_models_own_example_is_accepted_and_its_error_example_refused(sandbox) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, units=1) and len(o["orderItems"]) == 1)
    responses = V0_MODEL["paths"]["/orders/v0/orders/{orderId}/shipmentConfirmation"]["post"][
        "responses"
    ]

    def example(status: str) -> dict[str, Any]:
        body = responses[status]["x-amzn-api-sandbox"]["static"][0]["request"]["parameters"]
        body = copy.deepcopy(body["body"]["value"])
        # Amazon's US example, moved onto one of the sandbox's orders.
        body["marketplaceId"] = order["salesChannel"]["marketplaceId"]
        body["packageDetail"]["orderItems"][0]["orderItemId"] = order["orderItems"][0][
            "orderItemId"
        ]
        return body

    bad = example("400")  # its shipDate is "02/21/2022"
    assert not REQUEST_SCHEMA.is_valid(bad)  # the model's format says no, so must we
    error = rejected(confirm(sandbox, token, order["orderId"], bad))
    assert error["code"] == "InvalidInput" and "shipDate" in error["message"]

    good = example("204")
    good["packageDetail"]["shipDate"] = iso(sandbox.amazon.now())  # not before the order
    REQUEST_SCHEMA.validate(good)
    assert confirm(sandbox, token, order["orderId"], good).status_code == 204
    [package] = get_order(sandbox, token, order["orderId"])["packages"]
    assert package["carrier"] == "FedEx" and package["trackingNumber"] == "112345678"
    assert package["packageItems"][0]["transparencyCodes"] == ["09876543211234567890"]


def test_partial_shipment_then_the_rest(sandbox) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, min_units=2))
    first = order["orderItems"][0]
    one_unit = body_for(sandbox, order, ref="1", items=[(first["orderItemId"], 1)])
    assert confirm(sandbox, token, order["orderId"], one_unit).status_code == 204
    partly = get_order(sandbox, token, order["orderId"])
    assert partly["fulfillment"]["fulfillmentStatus"] == "PARTIALLY_SHIPPED"
    assert partly["orderItems"][0]["fulfillment"]["quantityFulfilled"] == 1

    rest = [(first["orderItemId"], first["quantityOrdered"] - 1)] + [
        (i["orderItemId"], i["quantityOrdered"]) for i in order["orderItems"][1:]
    ]
    rest = [(item_id, qty) for item_id, qty in rest if qty]
    second = body_for(
        sandbox, order, ref="2", carrier="GLS", carrier_name=None, tracking="51594397798164"
    )
    second["packageDetail"]["orderItems"] = [{"orderItemId": i, "quantity": q} for i, q in rest]
    REQUEST_SCHEMA.validate(second)
    assert confirm(sandbox, token, order["orderId"], second).status_code == 204
    done = get_order(sandbox, token, order["orderId"])
    assert done["fulfillment"]["fulfillmentStatus"] == "SHIPPED"
    assert [p["carrier"] for p in done["packages"]] == ["DHL Parcel NL", "GLS"]
    assert all(i["fulfillment"]["quantityUnfulfilled"] == 0 for i in done["orderItems"])
    # Nothing is left: one more unit is refused.
    again = body_for(sandbox, order, ref="3", tracking=dhl_tracking(3), items=rest[:1])
    assert "SHIPPED" in rejected(confirm(sandbox, token, order["orderId"], again))["message"]


def test_same_package_again_is_already_confirmed_and_counted_once(sandbox) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, units=1))
    body = body_for(sandbox, order, tracking=dhl_tracking(7))
    assert confirm(sandbox, token, order["orderId"], body).status_code == 204
    expected = ALREADY.format(ref="1", order=order["orderId"])

    error = rejected(confirm(sandbox, token, order["orderId"], body))
    assert error == {
        "code": "InvalidInput",
        "message": expected,
        "details": f"Tracking number {dhl_tracking(7)}, carrier DHL Parcel NL.",
    }
    body["packageDetail"]["packageReferenceId"] = "01"  # the same number
    assert rejected(confirm(sandbox, token, order["orderId"], body))["message"] == (
        ALREADY.format(ref="01", order=order["orderId"])
    )
    stats = sandbox.amazon.stats
    assert stats["confirmShipment:accepted"] == 1 and stats["confirmShipment:duplicate"] == 2
    assert len(sandbox.amazon.confirmations) == 1
    assert len(get_order(sandbox, token, order["orderId"])["packages"]) == 1


def test_concurrent_retries_confirm_exactly_once(sandbox) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, units=1))
    body = body_for(sandbox, order, tracking=dhl_tracking(8))
    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(
            pool.map(lambda _: confirm(sandbox, token, order["orderId"], body).status_code, [0] * 8)
        )
    assert statuses == [204] + [400] * 7
    assert sandbox.amazon.stats["confirmShipment:accepted"] == 1
    assert sandbox.amazon.stats["confirmShipment:duplicate"] == 7


def test_same_reference_with_another_tracking_number_is_a_conflict(sandbox) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, min_units=2))
    first = order["orderItems"][0]["orderItemId"]
    body = body_for(sandbox, order, tracking=dhl_tracking(10), items=[(first, 1)])
    assert confirm(sandbox, token, order["orderId"], body).status_code == 204
    body["packageDetail"]["trackingNumber"] = dhl_tracking(11)
    error = rejected(confirm(sandbox, token, order["orderId"], body))
    assert error["code"] == "InvalidInput"
    assert "packageReferenceId" in error["message"]
    assert "already" not in (error["message"] + error["details"]).lower()
    assert sandbox.amazon.stats["confirmShipment:rejected"] == 1
    [package] = get_order(sandbox, token, order["orderId"])["packages"]
    assert package["trackingNumber"] == dhl_tracking(10)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def change(body: dict[str, Any]) -> None:
        node: Any = body
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is _DELETE:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _both(*changes: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def change(body: dict[str, Any]) -> None:
        for one in changes:
            one(body)

    return change


_DELETE = object()
D = "packageDetail."


@pytest.mark.parametrize(
    "change, fragment",
    [
        (_set(D + "carrierCode", "DHL Parcel NL"), "carrierCode"),
        (_set(D + "carrierCode", "dhl"), "carrierCode"),
        (_set(D + "carrierCode", _DELETE), "carrierCode is required"),
        (_both(_set(D + "carrierName", _DELETE), _set(D + "carrierCode", "Other")), "carrierName"),
        (_set(D + "packageReferenceId", "0"), "packageReferenceId"),
        (_set(D + "packageReferenceId", "A1"), "packageReferenceId"),
        (_set(D + "packageReferenceId", 1), "packageReferenceId must be a string"),
        (_set(D + "trackingNumber", "12345"), "trackingNumber"),
        (_set(D + "trackingNumber", " JVGL0500000000000001"), "trackingNumber"),
        (_set(D + "trackingNumber", _DELETE), "trackingNumber is required"),
        (_set(D + "carrierCode", "GLS"), "trackingNumber"),  # a DHL number for GLS
        (_set(D + "shipDate", "02/21/2022"), "shipDate"),
        (_set(D + "shipDate", "2026-11-23"), "shipDate"),
        (_set(D + "shipDate", "2020-01-01T10:00:00Z"), "before the order was placed"),
        (_set(D + "shipDate", "2999-01-01T10:00:00Z"), "future"),
        (_set(D + "orderItems", []), "orderItems"),
        (_set(D + "orderItems.0.quantity", 0), "quantity"),
        (_set(D + "orderItems.0.quantity", "1"), "quantity"),
        (_set(D + "orderItems.0.quantity", True), "quantity"),
        (_set(D + "orderItems.0.orderItemId", _DELETE), "orderItemId"),
        (_set(D + "orderItems.0.orderItemId", "99999999999999"), "not an item of order"),
        (_set(D + "orderItems.0.quantity", 2), "left to ship"),
        (_set("marketplaceId", _DELETE), "marketplaceId is required"),
        (_set("marketplaceId", DE), "not the marketplace of order"),
        (_set("codCollectionMethod", "DirectPayment"), "JP marketplace"),
        (_set("packageDetail", _DELETE), "packageDetail is required"),
    ],
)
def test_invalid_requests_are_refused_and_change_nothing(sandbox, change, fragment) -> None:
    token = token_for(sandbox)
    order = find_order(
        sandbox,
        lambda o: (
            shippable(o, units=1)
            and len(o["orderItems"]) == 1
            and o["salesChannel"]["marketplaceId"] == NL
        ),
    )
    body = body_for(sandbox, order)
    change(body)
    response = confirm(sandbox, token, order["orderId"], body)
    error = rejected(response)
    assert error["code"] == "InvalidInput"
    assert fragment in error["message"], error
    assert response.headers["x-amzn-RateLimit-Limit"] == "2000"
    after = get_order(sandbox, token, order["orderId"])
    assert after["fulfillment"]["fulfillmentStatus"] == "UNSHIPPED"
    assert "packages" not in after and after["lastUpdatedTime"] == order["lastUpdatedTime"]
    assert sandbox.amazon.stats["confirmShipment:rejected"] == 1
    assert not sandbox.amazon.confirmations


def test_every_field_problem_is_listed(sandbox) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, units=1))
    body = body_for(sandbox, order)
    body["packageDetail"].update(carrierCode="dhl", shipDate="tomorrow", orderItems=[])
    response = confirm(sandbox, token, order["orderId"], body)
    rejected(response)
    errors = response.json()["errors"]
    assert [e["message"].split()[0] for e in errors] == [
        "packageDetail.carrierCode",
        "packageDetail.shipDate",
        "packageDetail.orderItems",
    ]
    assert errors[0]["details"] == "Did you mean 'DHL'?"
    not_json = rejected(confirm(sandbox, token, order["orderId"], b"{not json"))
    assert "not valid JSON" in not_json["message"]


def test_gls_and_other_carriers(sandbox) -> None:
    token = token_for(sandbox)
    gls_order = find_order(sandbox, lambda o: shippable(o, units=1))
    gls = body_for(sandbox, gls_order, carrier="GLS", carrier_name=None, tracking="12345678901")
    assert confirm(sandbox, token, gls_order["orderId"], gls).status_code == 204
    assert get_order(sandbox, token, gls_order["orderId"])["packages"][0]["carrier"] == "GLS"

    other_order = find_order(sandbox, lambda o: shippable(o, units=1))
    other = body_for(
        sandbox, other_order, carrier="Other", carrier_name="Koerier Jansen", tracking="KJ-000123"
    )
    assert confirm(sandbox, token, other_order["orderId"], other).status_code == 204
    package = get_order(sandbox, token, other_order["orderId"])["packages"][0]
    assert package["carrier"] == "Koerier Jansen"


@pytest.mark.parametrize(
    "match, fragment",
    [
        (lambda f: f["fulfillmentStatus"] == "CANCELLED", "is cancelled"),
        (lambda f: f["fulfilledBy"] == "AMAZON", "fulfilled by Amazon"),
        (lambda f: f["fulfillmentStatus"] == "PENDING", "status PENDING"),
        (lambda f: f["fulfillmentStatus"] == "SHIPPED", "status SHIPPED"),
    ],
)
def test_only_open_merchant_orders_can_be_confirmed(sandbox, match, fragment) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: match(o["fulfillment"]))
    item = order["orderItems"][0]
    body = body_for(sandbox, order, ref="7", items=[(item["orderItemId"], 1)])
    error = rejected(confirm(sandbox, token, order["orderId"], body))
    assert error["code"] == "InvalidInput" and fragment in error["message"]
    assert "already" not in error["message"].lower()


def test_unknown_order_is_404(sandbox) -> None:
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, units=1))
    response = confirm(sandbox, token, "999-0000000-0000000", body_for(sandbox, order))
    error = rejected(response, 404)
    assert error["code"] == "NotFound"
    assert response.headers["x-amzn-RateLimit-Limit"] == "2000"
    assert sandbox.amazon.stats["confirmShipment:rejected"] == 1


def test_access_token_is_required(sandbox) -> None:
    order = find_order(sandbox, lambda o: shippable(o, units=1))
    for token in ("", "Atza|forged"):
        error = rejected(confirm(sandbox, token, order["orderId"], body_for(sandbox, order)), 403)
        assert error["code"] == "Unauthorized"
    assert not sandbox.amazon.confirmations


def test_rate_limit_is_amazons_burst_of_ten(start_sandbox) -> None:
    sandbox = start_sandbox(orders=5, seed=3, time_scale=1)  # 2/s: little refill meanwhile
    token = token_for(sandbox)
    url_order = "999-0000000-0000000"
    burst = [confirm(sandbox, token, url_order, {}) for _ in range(10)]
    assert [r.status_code for r in burst] == [404] * 10
    assert burst[0].headers["x-amzn-RateLimit-Limit"] == "2"
    error = rejected(confirm(sandbox, token, url_order, {}), 429)
    assert error["code"] == "QuotaExceeded"
    assert sandbox.amazon.stats["confirmShipment:throttled"] == 1


def test_dropped_answer_then_retry_is_already_confirmed(start_sandbox) -> None:
    sandbox = start_sandbox(
        orders=50, seed=3, time_scale=1000, fault_rate=1.0, fault_kinds=("drop",)
    )
    sandbox.set_fault_rate(0.0)
    token = token_for(sandbox)
    order = find_order(sandbox, lambda o: shippable(o, units=1))
    body = body_for(sandbox, order, tracking=dhl_tracking(99))

    sandbox.set_fault_rate(1.0)
    with pytest.raises(requests.ConnectionError):
        confirm(sandbox, token, order["orderId"], body)
    sandbox.set_fault_rate(0.0)
    error = rejected(confirm(sandbox, token, order["orderId"], body))

    assert error["message"] == ALREADY.format(ref="1", order=order["orderId"])
    assert sandbox.spapi_app.injected["drop"] == 1
    stats = sandbox.amazon.stats
    assert stats["confirmShipment:accepted"] == 1 and stats["confirmShipment:duplicate"] == 1
    assert [c.tracking_number for c in sandbox.amazon.confirmations] == [dhl_tracking(99)]
    assert get_order(sandbox, token, order["orderId"])["fulfillment"]["fulfillmentStatus"] == (
        "SHIPPED"
    )
