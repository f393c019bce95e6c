"""Importing orders over real HTTP from the sandbox: pages, idempotence, storms, revocation."""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading

import pytest

from shipdesk.amazon.errors import AuthorizationRevoked
from shipdesk.domain import marketplaces as marketplaces_module
from shipdesk.retrying import CancelledError
from shipdesk.services import amazon_account
from shipdesk.services.importing import OrderImporter, import_orders
from shipdesk.services.orders import list_orders
from shipdesk.store import sync
from tests.conftest import (
    ALL_SANDBOX_MARKETPLACES,
    CONTRACTS,
    connect_sandbox_seller,
    make_context,
)

AMAZON_MODELS = CONTRACTS / "amazon"


def expected_ids(sandbox, marketplaces=ALL_SANDBOX_MARKETPLACES) -> set[str]:
    """What a MERCHANT import of these marketplaces must end up with."""
    return {
        order_id
        for order_id, order in sandbox.amazon.orders.items()
        if order["fulfillment"]["fulfilledBy"] == "MERCHANT"
        and order["salesChannel"]["marketplaceId"] in marketplaces
    }


def stored_ids(ctx) -> list[str]:
    return [row.order_id for row in list_orders(ctx)]


def importer(ctx, page_size: int = 100, **kwargs) -> OrderImporter:
    return OrderImporter(
        ctx,
        amazon_account.orders_api(ctx),
        amazon_account.marketplace_ids(ctx),
        page_size=page_size,
        **kwargs,
    )


def test_multi_page_import_stores_every_merchant_order_once(ctx, sandbox) -> None:
    pages = []
    result = importer(ctx, page_size=25).run(progress=lambda p: pages.append(p.pages))
    ids = stored_ids(ctx)
    assert len(ids) == len(set(ids))
    assert set(ids) == expected_ids(sandbox)
    assert result.pages == pages[-1] >= 8
    assert result.inserted == len(ids)
    # The watermark moved to Amazon's lastUpdatedBefore; no search is left half-done.
    with ctx.connect() as db:
        states = sync.load(db, ALL_SANDBOX_MARKETPLACES)
    assert all(s.watermark and s.pending_token is None for s in states.values())


def test_only_the_chosen_marketplaces_are_imported(ctx, sandbox) -> None:
    amazon_account.set_marketplace_ids(ctx, ["A1805IZSGTT6HS"])
    import_orders(ctx)
    assert set(stored_ids(ctx)) == expected_ids(sandbox, ["A1805IZSGTT6HS"])


def test_reimport_is_idempotent_and_picks_up_updates(ctx, sandbox) -> None:
    first = import_orders(ctx)
    second = import_orders(ctx)
    assert second.inserted == 0 and second.updated == 0
    assert len(stored_ids(ctx)) == first.inserted

    # The buyer cancels one order; Amazon shows the change once it is 2 minutes old.
    order_id = next(
        i
        for i, o in sandbox.amazon.orders.items()
        if o["fulfillment"]["fulfillmentStatus"] == "UNSHIPPED"
        and o["fulfillment"]["fulfilledBy"] == "MERCHANT"
    )
    sandbox.amazon.update_order(order_id, status="CANCELLED")
    sandbox.clock.advance(1)  # at time scale 1000 the 2-minute rule is 0.12 s
    third = import_orders(ctx)
    assert (third.inserted, third.updated) == (0, 1)
    row = next(r for r in list_orders(ctx) if r.order_id == order_id)
    assert row.status == "CANCELLED"
    assert len(stored_ids(ctx)) == first.inserted


def test_storms_of_429_5xx_drops_and_bad_json_lose_and_duplicate_nothing(
    tmp_path, start_sandbox
) -> None:
    sandbox = start_sandbox(orders=600, seed=11, time_scale=1000, fault_rate=0.3, slow_seconds=0.05)
    ctx = make_context(tmp_path / "data", sandbox)
    sandbox.set_fault_rate(0)
    connect_sandbox_seller(ctx, sandbox)
    amazon_account.set_marketplace_ids(ctx, ALL_SANDBOX_MARKETPLACES)
    sandbox.set_fault_rate(0.3)
    importer(ctx, page_size=20).run()
    ids = stored_ids(ctx)
    assert len(ids) == len(set(ids))
    assert set(ids) == expected_ids(sandbox)
    injected = sandbox.spapi_app.injected
    assert injected["throttle"] and injected["server_error"] and injected["drop"]


def test_cancelled_import_resumes_at_the_next_page(ctx, sandbox) -> None:
    cancel = threading.Event()

    def stop_after_two_pages(progress) -> None:
        if progress.pages == 2:
            cancel.set()

    importer(ctx, page_size=30).run(progress=stop_after_two_pages, cancel=cancel)
    assert len(stored_ids(ctx)) == 60
    with ctx.connect() as db:
        state = sync.load(db, ALL_SANDBOX_MARKETPLACES)["A1805IZSGTT6HS"]
    assert state.pending_token and state.watermark is None

    searches_before = sandbox.amazon.stats["searchOrders"]
    result = importer(ctx, page_size=30).run()
    ids = stored_ids(ctx)
    assert len(ids) == len(set(ids)) and set(ids) == expected_ids(sandbox)
    # It continued from the saved page: 2 pages fewer than a fresh search.
    total_pages = -(-len(expected_ids(sandbox)) // 30)
    assert sandbox.amazon.stats["searchOrders"] - searches_before == total_pages - 2
    assert result.inserted == len(ids) - 60


def test_pages_that_arrive_back_to_back_are_written_together(ctx) -> None:
    stored_at_page = []

    def count(progress) -> None:
        stored_at_page.append(len(stored_ids(ctx)))

    result = importer(ctx, page_size=10, pages_per_write=4, write_within=600).run(progress=count)
    # Four pages to a transaction, written before the fourth is reported.
    assert stored_at_page[:9] == [0, 0, 0, 40, 40, 40, 40, 80, 80]
    assert stored_at_page[-1] == len(stored_ids(ctx)) == result.inserted
    assert result.pages == len(stored_at_page) > 9


def test_pages_are_written_before_the_import_waits_for_the_rate_limit(
    tmp_path, start_sandbox
) -> None:
    from shipdesk.amazon.ratelimit import OperationLimiter

    sandbox = start_sandbox(orders=120, seed=3, time_scale=1)  # Amazon's own pace: 1 per 3 min
    ctx = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(ctx, sandbox)
    amazon_account.set_marketplace_ids(ctx, ALL_SANDBOX_MARKETPLACES)
    ctx.amazon_limiter = OperationLimiter({"searchOrders": (0.0056, 3)})  # a burst of 3 calls
    cancel = threading.Event()

    def import_until_cancelled() -> None:
        with pytest.raises(CancelledError):  # cancelled while it waits
            importer(ctx, page_size=10, write_within=600).run(cancel=cancel)

    run = threading.Thread(target=import_until_cancelled)
    run.start()
    try:
        deadline = dt.datetime.now() + dt.timedelta(seconds=20)
        while len(stored_ids(ctx)) < 30 and dt.datetime.now() < deadline:
            threading.Event().wait(0.05)
        # The three pages are in the list while the import waits minutes for the next call.
        assert len(stored_ids(ctx)) == 30
        assert run.is_alive()
    finally:
        cancel.set()
        run.join(10)
    assert not run.is_alive()
    assert len(stored_ids(ctx)) == 30
    with ctx.connect() as db:
        assert sync.load(db, ALL_SANDBOX_MARKETPLACES)["A1805IZSGTT6HS"].pending_token


def test_a_search_that_fails_midway_keeps_the_pages_it_received(tmp_path, start_sandbox) -> None:
    from shipdesk.amazon.errors import Unavailable

    sandbox = start_sandbox(orders=250, seed=3, time_scale=1000, fault_kinds=("server_error",))
    ctx = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(ctx, sandbox)
    amazon_account.set_marketplace_ids(ctx, ALL_SANDBOX_MARKETPLACES)

    def amazon_fails_after_two_pages(progress) -> None:
        if progress.pages == 2:
            sandbox.set_fault_rate(1.0)  # every answer from now on a 500, past the retries

    held = importer(ctx, page_size=30, write_within=600)  # the two pages are held, unwritten
    with pytest.raises(Unavailable):
        held.run(progress=amazon_fails_after_two_pages)
    # Written on the way out, with where the search goes on; the failure is noted.
    assert len(stored_ids(ctx)) == 60
    with ctx.connect() as db:
        state = sync.load(db, ALL_SANDBOX_MARKETPLACES)["A1805IZSGTT6HS"]
    assert state.pending_token and state.watermark is None and state.last_error
    sandbox.set_fault_rate(0)
    importer(ctx, page_size=30).run()
    ids = stored_ids(ctx)
    assert len(ids) == len(set(ids)) and set(ids) == expected_ids(sandbox)


def test_an_expired_resume_token_restarts_the_search_without_loss(ctx, sandbox) -> None:
    cancel = threading.Event()
    importer(ctx, page_size=30).run(progress=lambda p: cancel.set(), cancel=cancel)
    sandbox.clock.advance(25 * 3600)  # page tokens live 24 hours
    sandbox.lwa.access_token_ttl = 10**9
    importer(ctx, page_size=30).run()
    assert set(stored_ids(ctx)) == expected_ids(sandbox)


def test_revoked_authorization_stops_with_a_clear_state_and_keeps_orders(ctx, sandbox) -> None:
    import_orders(ctx)
    kept = len(stored_ids(ctx))
    sandbox.lwa.revoke(sandbox.seller.refresh_token)
    with pytest.raises(AuthorizationRevoked, match="Connect Amazon again"):
        import_orders(ctx)
    status = amazon_account.status(ctx)
    assert status.state == amazon_account.ERROR
    assert status.error_code == "authorization_revoked"
    assert len(stored_ids(ctx)) == kept


def test_expired_access_token_is_renewed_once_and_the_import_continues(ctx, sandbox) -> None:
    import_orders(ctx)
    sandbox.lwa.expire_access_tokens()
    grants_before = sandbox.lwa.stats["grant:refresh_token"]
    sandbox.clock.advance(1)
    import_orders(ctx)
    assert sandbox.lwa.stats["grant:refresh_token"] == grants_before + 1


def test_not_connected_is_a_clear_error(tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    with pytest.raises(Exception, match="not connected"):
        import_orders(ctx)


def _model_examples() -> list[dict]:
    """Every order in the searchOrders/getOrder examples of Amazon's official model."""
    model = json.loads((AMAZON_MODELS / "orders_2026-01-01.json").read_text())
    found: dict[str, dict] = {}

    def collect(node) -> None:
        if isinstance(node, dict):
            if "orderId" in node and "orderItems" in node and "createdTime" in node:
                found.setdefault(node["orderId"], copy.deepcopy(node))
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for path in ("/orders/2026-01-01/orders", "/orders/2026-01-01/orders/{orderId}"):
        collect(model["paths"][path]["get"]["responses"])
    return list(found.values())


def test_amazons_own_model_examples_import_correctly(tmp_path, start_sandbox) -> None:
    examples = _model_examples()
    assert len(examples) >= 3
    sandbox = start_sandbox(orders=0, time_scale=1000, extra_orders=examples)
    ctx = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(ctx, sandbox)
    marketplaces = sorted({e["salesChannel"]["marketplaceId"] for e in examples})
    amazon_account.set_marketplace_ids(ctx, marketplaces)
    OrderImporter(
        ctx,
        amazon_account.orders_api(ctx),
        marketplaces,
        initial_lookback=dt.timedelta(days=365 * 10),
    ).run()

    merchant = [e for e in examples if e.get("fulfillment", {}).get("fulfilledBy") == "MERCHANT"]
    assert merchant, "the model has merchant-fulfilled examples"
    rows = {r.order_id: r for r in list_orders(ctx)}
    assert set(rows) == {e["orderId"] for e in merchant}
    for example in merchant:
        row = rows[example["orderId"]]
        address = example["recipient"]["deliveryAddress"]
        assert row.recipient_name == address["name"]
        assert row.city == address["city"]
        assert row.postal_code == address["postalCode"]
        assert row.country_code == address["countryCode"]
        assert row.status == example["fulfillment"]["fulfillmentStatus"]
        assert [i.order_item_id for i in row.items] == [
            i["orderItemId"] for i in example["orderItems"]
        ]
        assert [i.seller_sku for i in row.items] == [
            i["product"].get("sellerSku") for i in example["orderItems"]
        ]
        # Marketplaces outside the EU list are kept and flagged, never dropped.
        unknown = example["salesChannel"]["marketplaceId"] not in marketplaces_module.BY_ID
        assert ("unknown_marketplace" in row.problems) == unknown


def test_client_paces_itself_by_the_rate_amazon_reports(ctx, sandbox) -> None:
    api = amazon_account.orders_api(ctx)
    bucket = ctx.amazon_limiter.bucket("searchOrders")
    assert bucket.rate == pytest.approx(0.0056)  # Amazon's published plan until told otherwise
    OrderImporter(ctx, api, ALL_SANDBOX_MARKETPLACES, page_size=50).run()
    assert bucket.rate == pytest.approx(0.0056 * 1000)  # the sandbox runs 1000x faster
    assert sandbox.amazon.stats["searchOrders:throttled"] == 0


def test_timeouts_are_retried(tmp_path, start_sandbox) -> None:
    from dataclasses import replace

    from tests.conftest import FAST_RETRY

    sandbox = start_sandbox(
        orders=200,
        seed=5,
        time_scale=1000,
        fault_rate=0.25,
        fault_kinds=("slow",),
        slow_seconds=1.0,
    )
    ctx = make_context(tmp_path / "data", sandbox, retry=replace(FAST_RETRY, read_timeout=0.3))
    sandbox.set_fault_rate(0)
    connect_sandbox_seller(ctx, sandbox)
    amazon_account.set_marketplace_ids(ctx, ALL_SANDBOX_MARKETPLACES)
    sandbox.set_fault_rate(0.25)
    importer(ctx, page_size=20).run()
    assert sandbox.spapi_app.injected["slow"] > 0
    assert set(stored_ids(ctx)) == expected_ids(sandbox)


def test_orders_without_address_or_items_are_kept_and_flagged(tmp_path, start_sandbox) -> None:
    from shipdesk.sandbox.generator import generate_orders

    odd = generate_orders(3, 77, dt.datetime.now(dt.UTC), marketplace_ids=["A1805IZSGTT6HS"])
    for order in odd:
        order["fulfillment"].update(fulfilledBy="MERCHANT", fulfillmentStatus="UNSHIPPED")
    odd[0].pop("recipient", None)
    odd[1]["orderItems"] = []
    odd[2]["recipient"]["deliveryAddress"] = {"name": "Only A Name"}
    sandbox = start_sandbox(orders=0, time_scale=1000, extra_orders=odd)
    ctx = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(ctx, sandbox)
    result = import_orders(ctx)
    assert result.inserted == 3 and result.with_problems == 3
    problems = {r.order_id: r.problems for r in list_orders(ctx)}
    assert problems[odd[0]["orderId"]] == ["no_address"]
    assert problems[odd[1]["orderId"]] == ["no_items"]
    assert problems[odd[2]["orderId"]] == ["no_address"]


def _unshipped_merchant_order(sandbox) -> str:
    return next(
        i
        for i, o in sandbox.amazon.orders.items()
        if o["fulfillment"]["fulfillmentStatus"] == "UNSHIPPED"
        and o["fulfillment"]["fulfilledBy"] == "MERCHANT"
        and o["salesChannel"]["marketplaceId"] in ALL_SANDBOX_MARKETPLACES
    )


@pytest.mark.parametrize("style", ["offset", "milliseconds"])
def test_an_update_written_with_an_offset_or_milliseconds_is_not_lost(ctx, sandbox, style):
    """Times are compared as instants, not as text: an update that is later but sorts earlier
    as text (an offset, or milliseconds before the "Z") must still win."""
    import_orders(ctx)
    order_id = _unshipped_merchant_order(sandbox)
    changed = sandbox.amazon.update_order(order_id, status="CANCELLED")
    moment = dt.datetime.fromisoformat(changed["lastUpdatedTime"].replace("Z", "+00:00"))
    if style == "offset":  # one second after the copy we hold, written at UTC-1
        held = (moment - dt.timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        text = moment.astimezone(dt.timezone(dt.timedelta(hours=-1))).isoformat()
    else:  # 250 ms after the copy we hold: ".250Z" sorts before "Z"
        held = changed["lastUpdatedTime"]
        text = held.replace("Z", ".250Z")
    assert text < held  # as text the update looks older than the copy held
    with ctx.connect() as db:
        db.execute("UPDATE orders SET last_updated_time = ? WHERE order_id = ?", [held, order_id])
        db.conn.commit()
    sandbox.amazon.orders[order_id]["lastUpdatedTime"] = text
    sandbox.clock.advance(1)
    assert import_orders(ctx).updated == 1
    row = next(r for r in list_orders(ctx) if r.order_id == order_id)
    assert row.status == "CANCELLED"
    assert row.last_updated_time == text


def test_malformed_quantities_are_stored_flagged_and_never_block_the_import(
    tmp_path, start_sandbox
) -> None:
    from shipdesk.sandbox.generator import generate_orders
    from shipdesk.services import drafts as draft_service

    odd = generate_orders(5, 78, dt.datetime.now(dt.UTC), marketplace_ids=["A1805IZSGTT6HS"])
    addressed = next(o for o in odd if o.get("recipient"))
    for order in odd:
        order["fulfillment"].update(fulfilledBy="MERCHANT", fulfillmentStatus="UNSHIPPED")
        order["recipient"] = copy.deepcopy(addressed["recipient"])  # only the items differ
    odd[0]["orderItems"][0]["quantityOrdered"] = 2**64  # overflowed SQLite before
    odd[1]["orderItems"][0]["quantityOrdered"] = "abc"  # became 1 before
    odd[2]["orderItems"][0]["quantityOrdered"] = -3  # was kept before
    odd[3]["orderItems"] = []  # got a label, then "shipped" without Amazon being told
    odd[4]["orderItems"][0]["quantityOrdered"] = "2"  # digits in a string are fine
    sandbox = start_sandbox(orders=0, time_scale=1000, extra_orders=odd)
    ctx = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(ctx, sandbox)
    result = import_orders(ctx)
    assert result.inserted == 5
    rows = {r.order_id: r for r in list_orders(ctx)}
    for bad in odd[:3]:
        row = rows[bad["orderId"]]
        assert row.problems == ["invalid_quantity"]
        assert row.items[0].quantity == 0  # never guessed
    assert rows[odd[3]["orderId"]].problems == ["no_items"]
    assert rows[odd[4]["orderId"]].problems == []
    assert rows[odd[4]["orderId"]].items[0].quantity == 2
    # The next import works too (before, each one failed on the same order).
    assert import_orders(ctx).unreadable == 0
    # No draft from guessed items; the good order gets one.
    from shipdesk.domain.shipping import ShippingSettings
    from shipdesk.services import carrier_account, shipping_settings
    from tests.test_labels import SENDER

    carrier_account.connect(ctx, "dhl", sandbox.carrier_credentials()["dhl"])
    shipping_settings.save(
        ctx, ShippingSettings(sender_id=shipping_settings.save_address(ctx, SENDER))
    )
    draft_service.make_drafts(ctx)
    drafted = {r.order_id for r in list_orders(ctx) if r.label}
    assert drafted == {odd[4]["orderId"]}
