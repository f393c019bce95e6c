"""The Amazon sandbox follows Amazon's model: shapes, rules, errors, headers, limits, faults.

Responses are validated with jsonschema against the official model (tests/contracts).
"""

from __future__ import annotations

import datetime as dt
import json
import time

import jsonschema
import pytest
import requests

from shipdesk.sandbox.server import Sandbox
from tests.conftest import CONTRACTS

AMAZON_MODELS = CONTRACTS / "amazon"
ORDERS_MODEL = json.loads((AMAZON_MODELS / "orders_2026-01-01.json").read_text())
SEARCH = "/orders/2026-01-01/orders"
NL = "A1805IZSGTT6HS"
EU = "A1805IZSGTT6HS,AMEN7PMS3EDWL,A1PA6795UKMFR9,A13V1IB3VIYZZH"
ALL_DATA = "BUYER,RECIPIENT,PROCEEDS,EXPENSE,PROMOTION,CANCELLATION,FULFILLMENT,PACKAGES"


def validator(definition: str) -> jsonschema.Draft4Validator:
    schema = {"$ref": f"#/definitions/{definition}", "definitions": ORDERS_MODEL["definitions"]}
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def token_for(sandbox: Sandbox) -> str:
    seller = sandbox.seller
    response = requests.post(
        sandbox.urls["lwa"] + "/auth/o2/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": seller.refresh_token,
            "client_id": seller.client_id,
            "client_secret": seller.client_secret,
        },
        timeout=5,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    assert body["access_token"].startswith("Atza|")
    return body["access_token"]


def ago(minutes: float) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def search(sandbox: Sandbox, token: str, **params) -> requests.Response:
    return requests.get(
        sandbox.urls["amazon"] + SEARCH,
        params=params,
        headers={"x-amz-access-token": token},
        timeout=5,
    )


def test_search_pages_validate_against_the_model_and_cover_every_order_once(sandbox) -> None:
    token = token_for(sandbox)
    check = validator("SearchOrdersResponse")
    seen: list[str] = []
    params = {
        "lastUpdatedAfter": ago(60 * 24 * 30),
        "marketplaceIds": EU,
        "includedData": ALL_DATA,
        "maxResultsPerPage": 40,
    }
    pages = 0
    while True:
        response = search(sandbox, token, **params)
        assert response.status_code == 200, response.text
        assert response.headers["x-amzn-RequestId"]
        assert float(response.headers["x-amzn-RateLimit-Limit"]) == pytest.approx(0.0056 * 1000)
        body = response.json()
        check.validate(body)
        assert "lastUpdatedBefore" in body and "payload" not in body
        seen += [o["orderId"] for o in body["orders"]]
        pages += 1
        if "pagination" not in body:
            break
        params["paginationToken"] = body["pagination"]["nextToken"]
    assert pages > 1
    assert len(seen) == len(set(seen)) == len(sandbox.amazon.orders)


def test_included_data_controls_the_sections(sandbox) -> None:
    token = token_for(sandbox)
    bare = search(sandbox, token, lastUpdatedAfter=ago(60 * 24 * 30), marketplaceIds=NL).json()
    order = bare["orders"][0]
    assert "recipient" not in order and "fulfillment" not in order and "buyer" not in order
    assert order["orderItems"] and "product" in order["orderItems"][0]
    full = search(
        sandbox,
        token,
        lastUpdatedAfter=ago(60 * 24 * 30),
        marketplaceIds=NL,
        includedData="RECIPIENT,FULFILLMENT",
    ).json()
    with_address = [o for o in full["orders"] if o["fulfillment"]["fulfillmentStatus"] != "PENDING"]
    assert all("recipient" in o for o in with_address)
    assert all("buyer" not in o for o in full["orders"])


def test_filters_by_fulfilled_by_and_status(sandbox) -> None:
    token = token_for(sandbox)
    body = search(
        sandbox,
        token,
        lastUpdatedAfter=ago(60 * 24 * 30),
        marketplaceIds=EU,
        fulfilledBy="MERCHANT",
        fulfillmentStatuses="UNSHIPPED",
        includedData="FULFILLMENT",
    ).json()
    assert body["orders"]
    for order in body["orders"]:
        assert order["fulfillment"]["fulfilledBy"] == "MERCHANT"
        assert order["fulfillment"]["fulfillmentStatus"] == "UNSHIPPED"


@pytest.mark.parametrize(
    "params, fragment",
    [
        ({}, "Exactly one of createdAfter and lastUpdatedAfter"),
        ({"createdAfter": ago(600), "lastUpdatedAfter": ago(600)}, "Exactly one"),
        ({"createdAfter": ago(600), "lastUpdatedBefore": ago(10)}, "cannot be used"),
        ({"lastUpdatedAfter": ago(600), "createdBefore": ago(10)}, "cannot be used"),
        ({"lastUpdatedAfter": "yesterday"}, "ISO 8601"),
        ({"lastUpdatedAfter": ago(600), "maxResultsPerPage": 101}, "between 1 and 100"),
        ({"lastUpdatedAfter": ago(600), "marketplaceIds": "NOTAMARKET"}, "Invalid marketplace"),
        ({"lastUpdatedAfter": ago(600), "includedData": "EVERYTHING"}, "includedData"),
        ({"lastUpdatedAfter": ago(600), "paginationToken": "forged"}, "paginationToken"),
    ],
)
def test_invalid_searches_get_amazons_400(sandbox, params, fragment) -> None:
    response = search(sandbox, token_for(sandbox), **params)
    assert response.status_code == 400
    body = response.json()
    validator("ErrorList").validate(body)
    assert body["errors"][0]["code"] == "InvalidInput"
    assert fragment in body["errors"][0]["message"]
    assert response.headers["x-amzn-RequestId"]


def test_before_must_be_two_minutes_old(start_sandbox) -> None:
    sandbox = start_sandbox(orders=5, time_scale=1)
    token = token_for(sandbox)
    too_recent = search(sandbox, token, lastUpdatedAfter=ago(600), lastUpdatedBefore=ago(1))
    assert too_recent.status_code == 400
    assert "two minutes" in too_recent.json()["errors"][0]["message"]
    before = ago(3)  # once: a second boundary may pass between two calls
    fine = search(sandbox, token, lastUpdatedAfter=ago(600), lastUpdatedBefore=before)
    assert fine.status_code == 200
    assert fine.json()["lastUpdatedBefore"] == before


def test_page_token_requires_the_same_parameters(sandbox) -> None:
    token = token_for(sandbox)
    since = ago(60 * 24 * 30)  # computed once: the parameters must not change between pages
    first = search(
        sandbox, token, lastUpdatedAfter=since, marketplaceIds=EU, maxResultsPerPage=10
    ).json()
    next_token = first["pagination"]["nextToken"]
    changed = search(
        sandbox,
        token,
        lastUpdatedAfter=since,
        marketplaceIds=NL,
        paginationToken=next_token,
    )
    assert changed.status_code == 400
    # A page token can be used again (a client retrying a lost page).
    for _ in range(2):
        again = search(
            sandbox,
            token,
            lastUpdatedAfter=since,
            marketplaceIds=EU,
            paginationToken=next_token,
            maxResultsPerPage=10,
        )
        assert again.status_code == 200


def test_get_order_validates_and_unknown_is_404(sandbox) -> None:
    token = token_for(sandbox)
    order_id = next(iter(sandbox.amazon.orders))
    url = sandbox.urls["amazon"] + SEARCH + "/"
    ok = requests.get(
        url + order_id,
        params={"includedData": ALL_DATA},
        headers={"x-amz-access-token": token},
        timeout=5,
    )
    assert ok.status_code == 200
    validator("GetOrderResponse").validate(ok.json())
    assert ok.headers["x-amzn-RateLimit-Limit"]
    missing = requests.get(
        url + "999-0000000-0000000", headers={"x-amz-access-token": token}, timeout=5
    )
    assert missing.status_code == 404
    validator("ErrorList").validate(missing.json())
    assert missing.headers["x-amzn-RateLimit-Limit"]


def test_rate_limit_is_a_token_bucket_with_amazons_burst(start_sandbox) -> None:
    sandbox = start_sandbox(orders=5, time_scale=1)  # 0.0056/s: no refill during the test
    token = token_for(sandbox)
    statuses = [
        search(sandbox, token, lastUpdatedAfter=ago(600), marketplaceIds=NL).status_code
        for _ in range(22)
    ]
    assert statuses[:20] == [200] * 20
    assert statuses[20:] == [429, 429]
    throttled = search(sandbox, token, lastUpdatedAfter=ago(600), marketplaceIds=NL)
    assert throttled.json()["errors"][0]["code"] == "QuotaExceeded"


def test_rate_limits_can_be_switched_off(start_sandbox) -> None:
    sandbox = start_sandbox(orders=5, rate_limits=False)
    token = token_for(sandbox)
    for _ in range(25):
        response = search(sandbox, token, lastUpdatedAfter=ago(600), marketplaceIds=NL)
        assert response.status_code == 200
        assert "x-amzn-RateLimit-Limit" not in response.headers


def test_access_tokens_are_checked(sandbox) -> None:
    body = search(sandbox, "", lastUpdatedAfter=ago(600)).json()
    assert body["errors"][0]["code"] == "Unauthorized"
    forged = search(sandbox, "Atza|forged", lastUpdatedAfter=ago(600))
    assert forged.status_code == 403
    token = token_for(sandbox)
    sandbox.clock.advance(3601)
    expired = search(sandbox, token, lastUpdatedAfter=ago(600))
    assert expired.status_code == 403
    assert "expired" in expired.json()["errors"][0]["details"]


def test_lwa_errors(sandbox) -> None:
    url = sandbox.urls["lwa"] + "/auth/o2/token"
    seller = sandbox.seller
    form = {
        "grant_type": "refresh_token",
        "refresh_token": seller.refresh_token,
        "client_id": seller.client_id,
        "client_secret": "wrong",
    }
    wrong_secret = requests.post(url, data=form, timeout=5)
    assert wrong_secret.status_code == 401
    assert wrong_secret.json()["error"] == "invalid_client"
    form["client_secret"] = seller.client_secret
    form["refresh_token"] = "Atzr|unknown"
    unknown = requests.post(url, data=form, timeout=5)
    assert unknown.status_code == 400 and unknown.json()["error"] == "invalid_grant"
    form["grant_type"] = "password"
    assert requests.post(url, data=form, timeout=5).json()["error"] == "unsupported_grant_type"


def test_revoked_refresh_token_is_invalid_grant_and_kills_access_tokens(sandbox) -> None:
    token = token_for(sandbox)
    sandbox.lwa.revoke(sandbox.seller.refresh_token)
    assert search(sandbox, token, lastUpdatedAfter=ago(600)).status_code == 403
    seller = sandbox.seller
    refused = requests.post(
        sandbox.urls["lwa"] + "/auth/o2/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": seller.refresh_token,
            "client_id": seller.client_id,
            "client_secret": seller.client_secret,
        },
        timeout=5,
    )
    assert refresh_error(refused) == "invalid_grant"


def refresh_error(response: requests.Response) -> str:
    return response.json()["error"]


def test_authorization_code_works_once_within_five_minutes(sandbox) -> None:
    seller = sandbox.seller
    url = sandbox.urls["lwa"] + "/auth/o2/token"

    def exchange(code: str) -> requests.Response:
        return requests.post(
            url,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "client_id": seller.client_id,
                "client_secret": seller.client_secret,
            },
            timeout=5,
        )

    code = sandbox.lwa.issue_code(seller.client_id, seller.selling_partner_id)
    first = exchange(code)
    assert first.status_code == 200 and first.json()["refresh_token"].startswith("Atzr|")
    assert exchange(code).json()["error"] == "invalid_grant"  # replayed

    late = sandbox.lwa.issue_code(seller.client_id, seller.selling_partner_id)
    sandbox.clock.advance(301)
    assert exchange(late).json()["error"] == "invalid_grant"


@pytest.mark.parametrize("kind", ["server_error", "throttle", "drop", "malformed", "slow"])
def test_fault_injection(start_sandbox, kind) -> None:
    sandbox = start_sandbox(
        orders=5, fault_rate=1.0, fault_kinds=(kind,), slow_seconds=0.3, rate_limits=False
    )
    sandbox.set_fault_rate(0.0)
    token = token_for(sandbox)
    sandbox.set_fault_rate(1.0)
    started = time.monotonic()
    if kind == "drop":
        with pytest.raises(requests.ConnectionError):
            search(sandbox, token, lastUpdatedAfter=ago(600))
        return
    response = search(sandbox, token, lastUpdatedAfter=ago(600))
    if kind == "server_error":
        assert response.status_code in (500, 503)
        validator("ErrorList").validate(response.json())
    elif kind == "throttle":
        assert response.status_code == 429
    elif kind == "malformed":
        assert response.status_code == 200
        with pytest.raises(ValueError):
            response.json()
    else:
        assert response.status_code == 200 and time.monotonic() - started >= 0.3
