"""Draft labels for imported orders, over real HTTP to the Amazon and DHL sandboxes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from shipdesk.domain.shipping import WEEKDAYS, DayWindow, SenderAddress, ShippingSettings
from shipdesk.services import amazon_account, carrier_account, shipping_settings
from shipdesk.services.drafts import make_drafts
from shipdesk.services.importing import import_orders
from shipdesk.services.orders import list_orders
from shipdesk.store.labels import Label
from tests.conftest import connect_sandbox_seller, make_context

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
DUTCH_TIME = ZoneInfo("Europe/Amsterdam")  # the shop's days (same day) are Dutch ones
SENDER = SenderAddress(
    None, "Piet Winkel", "Webwinkel De Mok B.V.", "Reactorweg", "25", "", "3542 AD", "Utrecht", "NL"
)


def amazon_order(
    n: int,
    line1: str,
    postal: str,
    city: str,
    country: str = "NL",
    *,
    company: str = "",
    status: str = "UNSHIPPED",
    created: dt.datetime | None = None,
) -> dict:
    """A merchant-fulfilled order as Amazon's v2026-01-01 API shows it."""
    stamp = (created or NOW - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    address = {
        "name": "Anna de Vries",
        "addressLine1": line1,
        "city": city,
        "postalCode": postal,
        "countryCode": country,
        "addressType": "COMMERCIAL" if company else "RESIDENTIAL",
    }
    if company:
        address["companyName"] = company
    return {
        "orderId": f"403-000000{n}-{n:07d}",
        "createdTime": stamp,
        "lastUpdatedTime": stamp,
        "salesChannel": {"channelName": "AMAZON", "marketplaceId": "A1805IZSGTT6HS"},
        "fulfillment": {"fulfillmentStatus": status, "fulfilledBy": "MERCHANT"},
        "recipient": {"deliveryAddress": address},
        "orderItems": [
            {
                "orderItemId": f"{n:014d}",
                "quantityOrdered": 1,
                "product": {"sellerSku": "MUG-1", "title": "Mok"},
            }
        ],
    }


AMSTERDAM = amazon_order(1, "Damstraat 12", "1012 JM", "Amsterdam")
DEVENTER = amazon_order(2, "Brink 3", "7411 BR", "Deventer")
ANTWERP = amazon_order(3, "Meir 50 bus 2", "2000", "Antwerpen", "BE")
COMPANY = amazon_order(4, "Stationsplein 1", "3511 CE", "Utrecht", company="Koffie B.V.")
PO_BOX = amazon_order(5, "Postbus 123", "3500 AA", "Utrecht")
ABROAD = amazon_order(6, "123 Main Street", "98101", "Seattle", "US")
CANCELLED = amazon_order(7, "Kerkstraat 9", "3511 AB", "Utrecht", status="CANCELLED")
SHIPPED = amazon_order(8, "Kerkstraat 10", "3511 AB", "Utrecht", status="SHIPPED")
ORDERS = [AMSTERDAM, DEVENTER, ANTWERP, COMPANY, PO_BOX, ABROAD, CANCELLED, SHIPPED]


def open_shop(tmp_path, start_sandbox, orders=ORDERS):
    """A shop with DHL and a sender whose `orders` are imported; drafts not made yet."""
    sandbox = start_sandbox(orders=0, seed=4, time_scale=1000, extra_orders=orders)
    ctx = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(ctx, sandbox)
    carrier_account.connect(ctx, "dhl", sandbox.carrier_credentials()["dhl"])
    sender_id = shipping_settings.save_address(ctx, SENDER)
    shipping_settings.save(ctx, ShippingSettings(sender_id=sender_id))
    import_orders(ctx)
    return ctx, sandbox


@pytest.fixture
def shop(tmp_path, start_sandbox):
    return open_shop(tmp_path, start_sandbox)


def drafts(ctx) -> dict[str, Label]:
    return {o.order_id: o.label for o in list_orders(ctx) if o.label}


def options(label: Label) -> set[str]:
    return {key for key, _ in label.options}


def configure(ctx, **changes) -> None:
    shipping_settings.save(
        ctx, ShippingSettings(**{**shipping_settings.load(ctx).__dict__, **changes})
    )


def test_every_unshipped_order_gets_a_draft_with_the_receiver_split(shop) -> None:
    ctx, _ = shop
    result = make_drafts(ctx)
    made = drafts(ctx)
    assert set(made) == {o["orderId"] for o in ORDERS[:6]}  # not cancelled, not shipped
    assert result.made == 6
    amsterdam = made[AMSTERDAM["orderId"]]
    assert amsterdam.state == "draft" and amsterdam.carrier == "dhl"
    receiver = amsterdam.receiver
    assert (receiver["street"], receiver["number"], receiver["postal_code"]) == (
        "Damstraat",
        "12",
        "1012 JM",  # as the post writes it; DHL gets it without the space
    )
    assert (receiver["first_name"], receiver["last_name"]) == ("Anna", "de Vries")
    assert amsterdam.account_number == carrier_account.account_number(ctx, "dhl")
    assert ["REFERENCE2", AMSTERDAM["orderId"]] in amsterdam.options
    assert amsterdam.parcel_type == "SMALL" and amsterdam.sender["city"] == "Utrecht"
    antwerp = made[ANTWERP["orderId"]].receiver
    assert (antwerp["street"], antwerp["number"], antwerp["addition"]) == ("Meir", "50", "bus 2")


def test_problems_are_flagged_never_guessed(shop) -> None:
    ctx, _ = shop
    make_drafts(ctx)
    made = drafts(ctx)
    po_box = made[PO_BOX["orderId"]]
    assert po_box.state == "needs_review"
    assert po_box.review[0]["code"] == "address_split"
    abroad = made[ABROAD["orderId"]]
    assert abroad.state == "needs_review"
    assert "destination_not_served" in {n["code"] for n in abroad.review}


def test_a_destination_dhl_refuses_gets_a_draft_with_dhls_reason(tmp_path, start_sandbox):
    """A postcode that cannot exist: asking again will not help, so the order gets a draft to
    review with DHL's reason at once, instead of waiting for a retry that never succeeds."""
    bad = amazon_order(9, "Kerkstraat 1", "12345", "Utrecht")
    ctx, _ = open_shop(tmp_path, start_sandbox, [AMSTERDAM, bad])
    result = make_drafts(ctx)
    assert (result.made, result.unchecked) == (2, 0)
    draft = drafts(ctx)[bad["orderId"]]
    assert draft.state == "needs_review"
    [reason] = [n for n in draft.review if n["code"] == "destination_refused"]
    assert "12345" in reason["detail"] and "postal code" in reason["detail"]
    assert "destination_not_served" not in {n["code"] for n in draft.review}
    assert drafts(ctx)[AMSTERDAM["orderId"]].state == "draft"


def test_a_refusal_that_is_not_about_the_address_is_retried_not_blamed_on_it(
    tmp_path, start_sandbox
) -> None:
    """DHL at a wrong address answers 404: that says nothing about the orders' addresses, so
    they wait for the next run instead of getting a draft that blames their postcode."""
    ctx, sandbox = open_shop(tmp_path, start_sandbox, [AMSTERDAM])
    ctx.endpoint_overrides["dhl"] = sandbox.urls["dhl"] + "/no-such-path"
    ctx.clients.forget()
    result = make_drafts(ctx)
    assert (result.made, result.unchecked) == (0, 1) and result.problems
    ctx.endpoint_overrides["dhl"] = sandbox.urls["dhl"]
    ctx.clients.forget()
    assert make_drafts(ctx).made == 1
    assert drafts(ctx)[AMSTERDAM["orderId"]].state == "draft"


def test_capabilities_are_cached_per_destination(shop) -> None:
    ctx, sandbox = shop
    make_drafts(ctx)
    calls = sandbox.dhl.stats["capabilities"]
    assert calls <= 6
    with ctx.connect() as db:
        db.execute("DELETE FROM labels")
        db.conn.commit()
    make_drafts(ctx)
    assert sandbox.dhl.stats["capabilities"] == calls  # all from the cache


def test_business_and_consumer_recipients(shop) -> None:
    ctx, _ = shop
    make_drafts(ctx)
    company = drafts(ctx)[COMPANY["orderId"]]
    assert company.recipient_type == "business" and company.product == "B2B"
    assert company.receiver["company_name"] == "Koffie B.V."
    assert drafts(ctx)[DEVENTER["orderId"]].product == "DFY-B2C"


def test_a_fixed_recipient_type_wins(shop) -> None:
    ctx, _ = shop
    configure(ctx, recipient_type="consumer")
    make_drafts(ctx)
    company = drafts(ctx)[COMPANY["orderId"]]
    assert company.recipient_type == "consumer" and company.product == "DFY-B2C"


def test_default_services_warn_where_impossible(shop) -> None:
    ctx, _ = shop
    configure(ctx, default_services=("EVE", "NBB"))
    make_drafts(ctx)
    made = drafts(ctx)
    assert {"EVE", "NBB"} <= options(made[DEVENTER["orderId"]])
    assert made[DEVENTER["orderId"]].warnings == []
    antwerp = made[ANTWERP["orderId"]]  # no evening delivery in Belgium
    assert "EVE" not in options(antwerp) and "NBB" in options(antwerp)
    assert [(w["code"], w["option"]) for w in antwerp.warnings] == [
        ("default_service_impossible", "EVE")
    ]


def test_optional_services_are_silently_left_out(shop) -> None:
    ctx, _ = shop
    configure(ctx, optional_services=("S", "AGE_CHECK"))
    make_drafts(ctx)
    made = drafts(ctx)
    assert {"S", "AGE_CHECK"} <= options(made[DEVENTER["orderId"]])
    antwerp = made[ANTWERP["orderId"]]
    assert not {"S", "AGE_CHECK"} & options(antwerp) and antwerp.warnings == []


def test_same_day_for_a_postcode_with_it_and_not_without(tmp_path, start_sandbox) -> None:
    placed = NOW - dt.timedelta(minutes=2)
    amsterdam = amazon_order(11, "Damstraat 1", "1012 JM", "Amsterdam", created=placed)
    deventer = amazon_order(12, "Brink 1", "7411 BR", "Deventer", created=placed)
    sandbox = start_sandbox(orders=0, seed=4, time_scale=1000, extra_orders=[amsterdam, deventer])
    ctx = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(ctx, sandbox)
    carrier_account.connect(ctx, "dhl", sandbox.carrier_credentials()["dhl"])
    sandbox.clock.advance(1)
    import_orders(ctx)
    # The day it was placed in Amsterdam (not a fixed UTC+1: summer time is UTC+2); drafted
    # at that very moment, so that Amsterdam's midnight never falls in between.
    weekday = placed.astimezone(DUTCH_TIME).weekday()
    others = tuple(DayWindow(i != weekday) for i in range(len(WEEKDAYS)))
    configure(ctx, same_day=others)  # every day but today: no same day
    make_drafts(ctx, now=placed)
    assert not any("SDD" in options(label) for label in drafts(ctx).values())

    with ctx.connect() as db:
        db.execute("DELETE FROM labels")
        db.conn.commit()
    configure(ctx, same_day=tuple(DayWindow(True) for _ in WEEKDAYS))
    make_drafts(ctx, now=placed)
    made = drafts(ctx)
    assert "SDD" in options(made[amsterdam["orderId"]])
    assert "SDD" not in options(made[deventer["orderId"]])


def test_same_day_goes_by_the_day_in_amsterdam_not_in_utc(tmp_path, start_sandbox) -> None:
    """23:10 UTC is already the next day in Amsterdam (00:10, or 01:10 in summer): that
    weekday's same-day setting is the one that counts."""
    day = (NOW - dt.timedelta(days=1)).date()
    placed = dt.datetime.combine(day, dt.time(23, 10), dt.UTC)
    order = amazon_order(13, "Damstraat 1", "1012 JM", "Amsterdam", created=placed)
    ctx, _ = open_shop(tmp_path, start_sandbox, orders=[order])
    dutch_weekday = (day + dt.timedelta(days=1)).weekday()
    configure(ctx, same_day=tuple(DayWindow(i == dutch_weekday) for i in range(len(WEEKDAYS))))
    make_drafts(ctx, now=placed + dt.timedelta(minutes=20))
    assert "SDD" in options(drafts(ctx)[order["orderId"]])


def test_settings_apply_to_drafts_made_after_the_change(shop) -> None:
    ctx, sandbox = shop
    make_drafts(ctx)
    before = drafts(ctx)[DEVENTER["orderId"]]
    configure(ctx, default_services=("NBB",))
    late = amazon_order(20, "Brink 5", "7411 BR", "Deventer")
    sandbox.amazon.add_orders([late])
    sandbox.amazon.update_order(late["orderId"])  # new at Amazon: updated just now
    sandbox.clock.advance(1)
    import_orders(ctx)
    make_drafts(ctx)
    made = drafts(ctx)
    assert "NBB" in options(made[late["orderId"]])
    assert "NBB" not in options(made[DEVENTER["orderId"]])
    assert made[DEVENTER["orderId"]].options == before.options


def test_cancelled_orders_lose_their_draft(shop) -> None:
    ctx, sandbox = shop
    make_drafts(ctx)
    assert DEVENTER["orderId"] in drafts(ctx)
    sandbox.amazon.update_order(DEVENTER["orderId"], status="CANCELLED")
    sandbox.clock.advance(1)
    import_orders(ctx)
    result = make_drafts(ctx)
    assert result.removed == 1 and DEVENTER["orderId"] not in drafts(ctx)


def test_no_drafts_when_switched_off_or_without_a_carrier(shop) -> None:
    ctx, _ = shop
    amazon_account.set_switches(ctx, drafts=False, tracking=True)
    assert make_drafts(ctx).skipped_reason == "switched_off"
    amazon_account.set_switches(ctx, drafts=True, tracking=True)
    carrier_account.disconnect(ctx, "dhl")
    assert make_drafts(ctx).skipped_reason == "no_carrier"
    assert drafts(ctx) == {}


def test_an_unreachable_carrier_leaves_orders_for_the_next_run(shop) -> None:
    ctx, sandbox = shop
    sandbox._servers["dhl"].stop()
    result = make_drafts(ctx)
    assert result.made == 0 and result.unchecked >= 1
    assert drafts(ctx) == {}
