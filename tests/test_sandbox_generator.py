"""The sandbox's order generator: Amazon's model, determinism, a realistic mix, hard addresses."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter

import jsonschema
import pytest

from shipdesk.sandbox.generator import MARKETPLACES, generate_orders
from tests.conftest import CONTRACTS

AMAZON_MODELS = CONTRACTS / "amazon"
NOW = dt.datetime(2026, 11, 20, 9, 30, 15, tzinfo=dt.UTC)
NL, DE, BE, FR = "A1805IZSGTT6HS", "A1PA6795UKMFR9", "AMEN7PMS3EDWL", "A13V1IB3VIYZZH"
MONEY = re.compile(r"^\d+\.\d{2}$")
POSTCODES = {
    "NL": re.compile(r"^\d{4} ?[A-Z]{2}$"),
    "BE": re.compile(r"^\d{4}$"),
    "DE": re.compile(r"^\d{5}$"),
    "FR": re.compile(r"^\d{5}$"),
}


@pytest.fixture(scope="module")
def orders() -> list[dict]:
    return generate_orders(10_000, 7, NOW)


def when(value: str) -> dt.datetime:
    assert value.endswith("Z") and len(value) == 20, value
    return dt.datetime.fromisoformat(value)


def address_of(order: dict) -> dict | None:
    return order.get("recipient", {}).get("deliveryAddress")


def share(orders: list[dict], predicate) -> float:
    return sum(1 for o in orders if predicate(o)) / len(orders)


def test_orders_validate_against_amazon_model(orders: list[dict]) -> None:
    model = json.loads((AMAZON_MODELS / "orders_2026-01-01.json").read_text())
    schema = {"$ref": "#/definitions/Order", "definitions": model["definitions"]}
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    sample = orders[::5]  # 2,000 orders spread over the whole week
    statuses = {o["fulfillment"]["fulfillmentStatus"] for o in sample}
    assert statuses == {"UNSHIPPED", "PENDING", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED"}
    problems = [
        f"{o['orderId']}: {error.json_path}: {error.message}"
        for o in sample
        for error in validator.iter_errors(o)
    ]
    assert not problems, "\n".join(problems[:20])
    json.dumps(orders)  # plain JSON-ready data


def test_same_arguments_same_orders_other_seed_other_orders(orders: list[dict]) -> None:
    assert generate_orders(10_000, 7, NOW) == orders
    assert generate_orders(300, 8, NOW) != generate_orders(300, 7, NOW)
    assert generate_orders(300, 7, NOW, days=2) != generate_orders(300, 7, NOW)
    assert generate_orders(0, 7, NOW) == []


def test_times_are_utc_sorted_and_inside_the_window(orders: list[dict]) -> None:
    cutoff = NOW - dt.timedelta(minutes=3)
    created = [when(o["createdTime"]) for o in orders]
    assert created == sorted(created)
    assert min(created) > NOW - dt.timedelta(days=7)
    assert max(created) <= cutoff
    assert max(created) - min(created) > dt.timedelta(days=6)  # spread over the week
    for order, made in zip(orders, created, strict=True):
        updated = when(order["lastUpdatedTime"])
        assert made <= updated <= cutoff
        window = order["fulfillment"]["shipByWindow"]
        assert when(window["earliestDateTime"]) == made
        ship_by = when(window["latestDateTime"]) - made
        assert dt.timedelta(days=1) <= ship_by <= dt.timedelta(days=2)
        deliver = order["fulfillment"]["deliverByWindow"]
        assert when(window["latestDateTime"]) <= when(deliver["earliestDateTime"])
        assert when(deliver["earliestDateTime"]) < when(deliver["latestDateTime"])
        for package in order.get("packages", []):
            assert made <= when(package["createdTime"]) <= when(package["shipTime"]) <= updated
    short = generate_orders(500, 1, NOW, days=0.5)
    assert min(when(o["createdTime"]) for o in short) > NOW - dt.timedelta(hours=12)


def test_ids_are_unique_and_amazon_shaped(orders: list[dict]) -> None:
    order_ids = [o["orderId"] for o in orders]
    assert len(set(order_ids)) == len(order_ids)
    assert all(re.fullmatch(r"\d{3}-\d{7}-\d{7}", i) for i in order_ids)
    assert {i[:3] for i in order_ids} >= {"402", "403", "404", "305", "028"}
    item_ids = [i["orderItemId"] for o in orders for i in o["orderItems"]]
    assert len(set(item_ids)) == len(item_ids)
    assert all(re.fullmatch(r"\d{14}", i) for i in item_ids)
    asins = {i["product"]["asin"] for o in orders for i in o["orderItems"]}
    assert len(asins) >= 30 and all(re.fullmatch(r"B0[0-9A-Z]{8}", a) for a in asins)


def test_the_mix_is_realistic(orders: list[dict]) -> None:
    statuses = Counter(o["fulfillment"]["fulfillmentStatus"] for o in orders)
    n = len(orders)
    assert 0.70 < statuses["UNSHIPPED"] / n < 0.84
    assert 0.03 < statuses["PENDING"] / n < 0.08
    assert 0.01 < statuses["PARTIALLY_SHIPPED"] / n < 0.04
    assert 0.07 < statuses["SHIPPED"] / n < 0.13
    assert 0.04 < statuses["CANCELLED"] / n < 0.09
    assert 0.88 < share(orders, lambda o: o["fulfillment"]["fulfilledBy"] == "MERCHANT") < 0.96
    levels = Counter(o["fulfillment"]["fulfillmentServiceLevel"] for o in orders)
    assert 0.78 < levels["STANDARD"] / n < 0.92
    assert levels["EXPEDITED"] and levels["NEXT_DAY"] and levels["SAME_DAY"]

    markets = Counter(o["salesChannel"]["marketplaceId"] for o in orders)
    assert 0.55 < markets[NL] / n < 0.65
    assert markets[DE] > markets[BE] > markets[FR] > 0.04 * n
    for order in orders:
        channel = order["salesChannel"]
        assert channel["channelName"] == "AMAZON"
        assert channel["marketplaceName"] == MARKETPLACES[channel["marketplaceId"]]["name"]
    nl_addresses = [address_of(o) for o in orders if o["salesChannel"]["marketplaceId"] == NL]
    nl_countries = Counter(a["countryCode"] for a in nl_addresses if a)
    assert nl_countries.most_common(1)[0][0] == "NL"
    assert nl_countries["BE"] > 0.05 * markets[NL] and nl_countries["DE"] > 0.02 * markets[NL]

    programs = Counter(tuple(o["programs"]) for o in orders)
    assert programs[()] / n > 0.6
    assert programs[("PRIME",)] and programs[("AMAZON_BUSINESS",)]
    assert programs[("PRIME", "AMAZON_BUSINESS")]
    sizes = Counter(len(o["orderItems"]) for o in orders)
    assert set(sizes) == {1, 2, 3, 4, 5} and sizes[1] / n > 0.6
    quantities = Counter(i["quantityOrdered"] for o in orders for i in o["orderItems"])
    assert set(quantities) == {1, 2, 3} and quantities[1] > 4 * (quantities[2] + quantities[3])


def test_pending_orders_hide_buyer_and_address(orders: list[dict]) -> None:
    for order in orders:
        pending = order["fulfillment"]["fulfillmentStatus"] == "PENDING"
        assert ("buyer" in order) is not pending
        assert (address_of(order) is not None) is not pending
        if not pending:
            assert order["buyer"]["buyerName"] and address_of(order)["name"]


def test_shipped_orders_carry_their_own_packages(orders: list[dict]) -> None:
    seen = Counter()
    for order in orders:
        status = order["fulfillment"]["fulfillmentStatus"]
        merchant = order["fulfillment"]["fulfilledBy"] == "MERCHANT"
        items = {i["orderItemId"]: i for i in order["orderItems"]}
        for item in items.values():
            done = item["fulfillment"]
            if status == "SHIPPED":
                assert done["quantityFulfilled"] == item["quantityOrdered"]
                assert done["quantityUnfulfilled"] == 0
            elif status == "PARTIALLY_SHIPPED":
                assert (
                    done["quantityFulfilled"] + done["quantityUnfulfilled"]
                    == (item["quantityOrdered"])
                )
            else:
                assert done["quantityFulfilled"] == 0
        if status not in ("SHIPPED", "PARTIALLY_SHIPPED") or not merchant:
            assert "packages" not in order  # FBA orders have no packages in the model
            continue
        packages = order["packages"]
        seen[status, len(packages)] += 1
        assert [p["packageReferenceId"] for p in packages] == [
            str(i) for i in range(1, len(packages) + 1)
        ]
        packed = Counter()
        for package in packages:
            assert package["packageStatus"] == {"status": "SHIPPED"}
            assert package["carrier"] in ("DHL", "GLS") and package["shippingService"]
            pattern = r"JVGL\d{16}" if package["carrier"] == "DHL" else r"\d{14}"
            assert re.fullmatch(pattern, package["trackingNumber"])
            for entry in package["packageItems"]:
                assert entry["orderItemId"] in items
                packed[entry["orderItemId"]] += entry["quantity"]
        for item_id, item in items.items():
            assert packed[item_id] == item["fulfillment"]["quantityFulfilled"]
        total = sum(i["quantityOrdered"] for i in items.values())
        if status == "PARTIALLY_SHIPPED":
            assert 0 < sum(packed.values()) < total
    assert seen["SHIPPED", 1] and seen["SHIPPED", 2] and seen["PARTIALLY_SHIPPED", 1]


def test_money_adds_up(orders: list[dict]) -> None:
    def cents(money: dict) -> int:
        assert money["currencyCode"] == "EUR" and MONEY.match(money["amount"]), money
        return round(float(money["amount"]) * 100)

    for order in orders:
        total = 0
        for item in order["orderItems"]:
            unit = cents(item["product"]["price"]["unitPrice"])
            proceeds = item["proceeds"]
            parts = {b["type"]: cents(b["subtotal"]) for b in proceeds["breakdowns"]}
            assert parts["ITEM"] == unit * item["quantityOrdered"]
            assert cents(proceeds["proceedsTotal"]) == sum(parts.values())
            total += cents(proceeds["proceedsTotal"])
        assert cents(order["proceeds"]["grandTotal"]) == total


def test_addresses_buyers_and_businesses(orders: list[dict]) -> None:
    business = 0
    phones = 0
    addressed = [o for o in orders if address_of(o)]
    for order in addressed:
        address = address_of(order)
        market = MARKETPLACES[order["salesChannel"]["marketplaceId"]]
        country = address["countryCode"]
        assert POSTCODES[country].match(address["postalCode"]), address
        assert address["city"] and address["addressLine1"] and address["name"]
        buyer = order["buyer"]
        if order["fulfillment"]["fulfilledBy"] == "MERCHANT":
            domain = "marketplace." + market["name"].lower()
            assert re.fullmatch(r"[a-z0-9]{12,16}@" + re.escape(domain), buyer["buyerEmail"])
        else:
            assert "buyerEmail" not in buyer and "phone" not in address
        phones += "phone" in address
        if "companyName" in address:
            business += 1
            assert address["addressType"] == "COMMERCIAL"
            assert "AMAZON_BUSINESS" in order["programs"]
            assert buyer["buyerCompanyName"] == address["companyName"]
        else:
            assert address["addressType"] == "RESIDENTIAL"
            assert "buyerCompanyName" not in buyer
    assert 0.11 < business / len(addressed) < 0.19
    assert 0.4 < phones / len(addressed) < 0.7
    names = " ".join(address_of(o)["name"] for o in addressed)
    for fragment in ("van der", " de ", "Müller", "Ö", "François", "Peeters", "Dubois"):
        assert fragment in names, fragment
    for country in ("NL", "BE", "DE", "FR"):
        assert any(address_of(o)["countryCode"] == country for o in addressed)


HARD_CASES = {
    "12A": ("NL", r"\d+[A-Z]$"),
    "12 a": (None, r"\d+ [a-d]$"),
    "12-A": ("NL", r"\d+-[A-Z]$"),
    "4-2 hoog": ("NL", r"\d+-\d hoog$"),
    "4 III": ("NL", r"\d+[ -](I|II|III|IV)$"),
    "12 bis": ("NL", r"\d+ bis$"),
    "12 huis": ("NL", r"\d+ huis$"),
    "123-1": ("NL", r"\d+-\d$"),
    "44 bg": ("NL", r"\d+ bg$"),
    "12 bus 3": ("BE", r"\d+ bus \d+$"),
    "12/3": ("BE", r"\d+/\d+$"),
    "12 boîte 4": ("BE", r"\d+ boîte \d+$"),
    "Hauptstraße 7a": ("DE", r"straße \d+[a-d]$"),
    "Am Markt 12-14": ("DE", r"\d+-\d+$"),
    "Müllerstr. 3": ("DE", r"str\. \d+$"),
    "12 bis rue": ("FR", r"^\d+ bis [a-z]"),
    "3 ter avenue": ("FR", r"^\d+ ter [a-z]"),
    "Postbus 5": ("NL", r"^Postbus \d+$"),
    "Postfach 1234": ("DE", r"^Postfach \d+$"),
    "Plein 1944 12": ("NL", r"^Plein 1944 \d+"),
    "1e Jan Steenstraat 5": ("NL", r"^1e Jan Steenstraat \d+"),
    "Straße des 17. Juni 112": ("DE", r"^Straße des 17\. Juni \d+"),
}


def test_hard_addresses_come_at_a_realistic_rate(orders: list[dict]) -> None:
    addresses = [a for o in orders if (a := address_of(o))]
    for label, (country, pattern) in HARD_CASES.items():
        assert any(
            re.search(pattern, a["addressLine1"])
            for a in addresses
            if country in (None, a["countryCode"])
        ), label

    def lines(a: dict) -> str:
        return a["addressLine1"] + a.get("addressLine2", "")

    def number_on_line2(a: dict) -> bool:
        return bool(
            re.fullmatch(r"\d+ ?[a-zA-Z]?", a.get("addressLine2", ""))
            and not re.search(r"\d", a["addressLine1"])
        )

    assert any(number_on_line2(a) for a in addresses)
    assert any(
        re.search(r"verdieping|Appartement|étage|OG|Wohnung", a.get("addressLine2", ""))
        for a in addresses
    )
    no_number = share(addresses, lambda a: not re.search(r"\d", lines(a)))
    assert 0.003 < no_number < 0.03
    long = share(
        addresses,
        lambda a: max(len(a["name"]), len(a["addressLine1"]), len(a.get("companyName", ""))) > 50,
    )
    assert 0.003 < long < 0.03

    def plain(a: dict) -> bool:
        if "addressLine2" in a or "addressLine3" in a:
            return False
        if a["countryCode"] == "FR":
            return bool(re.fullmatch(r"\d+ [^\d,]+", a["addressLine1"]))
        return bool(re.fullmatch(r"[^\d,]+ \d+", a["addressLine1"]))

    hard = 1 - share(addresses, plain)
    assert 0.18 < hard < 0.35, hard


def test_marketplaces_can_be_restricted() -> None:
    german = generate_orders(500, 2, NOW, marketplace_ids=[DE])
    assert {o["salesChannel"]["marketplaceId"] for o in german} == {DE}
    countries = Counter(a["countryCode"] for o in german if (a := address_of(o)))
    assert countries.most_common(1)[0][0] == "DE"
    pair = generate_orders(500, 2, NOW, marketplace_ids=[BE, FR])
    assert {o["salesChannel"]["marketplaceId"] for o in pair} == {BE, FR}
    with pytest.raises(ValueError):
        generate_orders(10, 2, NOW, marketplace_ids=["A1F83G8C2ARO7P"])
    with pytest.raises(ValueError):
        generate_orders(10, 2, NOW, marketplace_ids=[])


def test_speed_of_twenty_thousand_orders() -> None:
    start = time.perf_counter()
    generated = generate_orders(20_000, 11, NOW)
    elapsed = time.perf_counter() - start
    assert len(generated) == 20_000
    print(f"\ngenerate_orders(20_000): {elapsed:.2f} s ({elapsed / 20_000 * 1e6:.0f} µs/order)")
