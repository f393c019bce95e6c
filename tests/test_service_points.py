"""Pickup points (DHL ServicePoints, GLS ParcelShops): the finders at the carrier sandboxes,
a label that goes to one, Amazon's pickup-point orders, and the commands. Real HTTP over
127.0.0.1."""

from __future__ import annotations

import json

import pytest
import requests

from shipdesk.carriers.base import CarrierRejected, CarrierUnavailable, ServicePointClosed
from shipdesk.domain.shipping import ShippingSettings
from shipdesk.services import carrier_account, service_points, shipping_settings
from shipdesk.services import labels as label_service
from shipdesk.services.drafts import make_drafts
from shipdesk.services.importing import import_orders
from shipdesk.services.orders import list_orders
from shipdesk.store.labels import Label
from tests.conftest import cli_env, connect_sandbox_seller, make_context, run_cli
from tests.test_drafts import SENDER, amazon_order

UTRECHT = amazon_order(11, "Lange Nieuwstraat 4", "3512 PH", "Utrecht")
ROTTERDAM = amazon_order(12, "Coolsingel 40", "3011 AD", "Rotterdam")


def pickup_order(n: int, lines: list[str], postal: str, city: str) -> dict:
    """An order Amazon addresses to a pickup point (a shop or locker)."""
    order = amazon_order(n, lines[0], postal, city)
    address = order["recipient"]["deliveryAddress"]
    address["addressType"] = "PICKUP_POINT"
    for number, line in enumerate(lines[1:], start=2):
        address[f"addressLine{number}"] = line
    return order


def dhl_points(sandbox, postcode: str, country: str = "NL", **params) -> list[dict]:
    answer = requests.get(
        f"{sandbox.urls['dhl']}/parcel-shop-locations/{country}",
        params={"zipCode": postcode, "limit": 10, "serviceType": "parcel-last-mile", **params},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def open_shop(tmp_path, start_sandbox, orders, *, carriers=("dhl",), data="data"):
    sandbox = start_sandbox(orders=0, seed=4, time_scale=1000, extra_orders=orders)
    ctx = make_context(tmp_path / data, sandbox)
    connect_sandbox_seller(ctx, sandbox)
    for key in carriers:
        carrier_account.connect(ctx, key, sandbox.carrier_credentials()[key])
    sender_id = shipping_settings.save_address(ctx, SENDER)
    for key in carriers:
        shipping_settings.save(ctx, ShippingSettings(sender_id=sender_id), key)
    import_orders(ctx)
    make_drafts(ctx)
    return ctx, sandbox


def label_of(ctx, order_id: str) -> Label:
    return next(o.label for o in list_orders(ctx) if o.order_id == order_id)


# -- the finders --


def test_each_carrier_finds_points_nearest_first(tmp_path, start_sandbox) -> None:
    ctx, _ = open_shop(tmp_path, start_sandbox, [UTRECHT], carriers=("dhl", "gls"))
    for key in ("dhl", "gls"):
        found = service_points.find(ctx, "NL", "3512 PH", carrier=key, limit=6)
        assert not found.failures and len(found.points) == 6
        distances = [p.distance_m for p in found.points]
        assert distances == sorted(distances) and distances[0] is not None
        assert {p.carrier for p in found.points} == {key}
        shop = next(p for p in found.points if p.kind == "shop")
        assert shop.name and shop.street and shop.number and shop.postal_code and shop.city
        assert {h.weekday for h in shop.hours} >= {0, 1, 2, 3, 4}  # open on weekdays
    both = service_points.find(ctx, "NL", "3512PH", limit=4)
    assert {p.carrier for p in both.points} == {"dhl", "gls"} and len(both.points) == 8
    assert [p.distance_m for p in both.points] == sorted(p.distance_m for p in both.points)


def test_the_dhl_finder_follows_the_contract(sandbox) -> None:
    shops = dhl_points(sandbox, "3512PH")
    assert len(shops) == 10 and [s["distance"] for s in shops] == sorted(
        s["distance"] for s in shops
    )
    first = shops[0]
    assert {"id", "name", "address", "geoLocation", "distance", "openingTimes", "shopType"} <= set(
        first
    )
    assert {"countryCode", "zipCode", "city", "street", "number"} <= set(first["address"])
    assert all({"weekDay", "timeFrom", "timeTo"} == set(t) for t in first["openingTimes"])
    assert {s["shopType"] for s in dhl_points(sandbox, "1012AB")} <= {"parcelShop", "packStation"}
    again = requests.get(f"{sandbox.urls['dhl']}/parcel-shop-locations/NL/{first['id']}", timeout=5)
    assert again.status_code == 200 and again.json() == first
    assert dhl_points(sandbox, "3512PH") == shops  # the same every time
    unknown = requests.get(
        f"{sandbox.urls['dhl']}/parcel-shop-locations/XX", params={"zipCode": "1234"}, timeout=5
    )
    assert unknown.status_code == 400
    assert set(unknown.json()) == {"key", "message", "details"}
    assert unknown.json()["details"][0]["field"] == "countryCode"
    gone = requests.get(f"{sandbox.urls['dhl']}/parcel-shop-locations/NL/8004-NL-000099", timeout=5)
    assert gone.status_code == 404 and gone.json()["key"] == "SERVICE_POINT_NOT_FOUND"
    sandbox.dhl.parcel_shops.close(first["id"])
    closed = requests.get(
        f"{sandbox.urls['dhl']}/parcel-shop-locations/NL/{first['id']}", timeout=5
    )
    assert closed.status_code == 410 and "closed" in closed.json()["message"]
    assert first["id"] not in {s["id"] for s in dhl_points(sandbox, "3512PH")}


def test_finder_errors_are_clear(tmp_path, start_sandbox) -> None:
    ctx, sandbox = open_shop(tmp_path, start_sandbox, [UTRECHT], carriers=("dhl", "gls"))
    assert service_points.find(ctx, "NL", "9163 AB", carrier="dhl").points == []  # Ameland
    wrong = service_points.find(ctx, "NL", "ABCDEF")
    assert set(wrong.failures) == {"dhl", "gls"} and not wrong.points
    assert all(isinstance(e, CarrierRejected) for e in wrong.failures.values())
    assert wrong.failures["dhl"].about_destination()
    abroad = service_points.find(ctx, "US", "98101", carrier="dhl")
    assert "no ServicePoints in US" in str(abroad.failures["dhl"])
    sandbox.faults.kinds = ("server_error",)
    sandbox.set_fault_rate(1.0)
    try:
        down = service_points.find(ctx, "NL", "3512 PH", carrier="dhl")
    finally:
        sandbox.set_fault_rate(0)
    assert isinstance(down.failures["dhl"], CarrierUnavailable) and not down.points


# -- a label to a point --


def test_a_label_to_a_dhl_servicepoint_carries_it_and_keeps_the_buyer(
    tmp_path, start_sandbox
) -> None:
    ctx, sandbox = open_shop(tmp_path, start_sandbox, [UTRECHT])
    order_id = UTRECHT["orderId"]
    point = service_points.find(ctx, "NL", "3512 PH", carrier="dhl").points[1]
    chosen = service_points.set_for_order(ctx, order_id, point.id)
    assert chosen == point
    label = label_of(ctx, order_id)
    assert label.state == "draft" and label.service_point["id"] == point.id
    assert ("PS", point.id) in [tuple(o) for o in label.options]
    assert "DOOR" not in {k for k, _ in label.options}
    result = label_service.create_for_orders(ctx, [order_id])
    assert result.created == 1, result.outcomes
    [shipment] = sandbox.dhl.shipments.values()
    assert {"key": "PS", "input": point.id} in shipment.body["options"]
    assert all(o["key"] != "DOOR" for o in shipment.body["options"])
    receiver = shipment.body["receiver"]
    assert receiver["name"]["lastName"] == "de Vries"  # the buyer, not the shop
    assert receiver["address"]["street"] == "Lange Nieuwstraat"
    # Made: its point can no longer change.
    with pytest.raises(service_points.LabelAlreadyMade, match="void"):
        service_points.set_for_order(ctx, order_id, point.id)


def test_back_to_the_door(tmp_path, start_sandbox) -> None:
    ctx, _ = open_shop(tmp_path, start_sandbox, [UTRECHT])
    order_id = UTRECHT["orderId"]
    before = label_of(ctx, order_id).options
    point = service_points.find(ctx, "NL", "3512 PH", carrier="dhl").points[0]
    service_points.set_for_order(ctx, order_id, point.id)
    service_points.remove_from_order(ctx, order_id)
    label = label_of(ctx, order_id)
    assert label.service_point is None
    assert {k for k, _ in label.options} == {k for k, _ in before}


def test_a_label_to_a_gls_parcelshop_carries_it(tmp_path, start_sandbox) -> None:
    ctx, sandbox = open_shop(tmp_path, start_sandbox, [UTRECHT], carriers=("gls",))
    order_id = UTRECHT["orderId"]
    point = next(p for p in service_points.find(ctx, "NL", "3512 PH", carrier="gls").points if p.id)
    service_points.set_for_order(ctx, order_id, point.id)
    assert ("PARCELSHOP", point.id) in [tuple(o) for o in label_of(ctx, order_id).options]
    result = label_service.create_for_orders(ctx, [order_id])
    assert result.created == 1, result.outcomes
    [unit] = sandbox.gls.live_units(order_id)
    assert unit.label.parcel_shop == point.id
    assert unit.delivery["name1"].endswith("de Vries")


def test_a_closed_or_unknown_point_is_said_and_nothing_is_made(tmp_path, start_sandbox) -> None:
    ctx, sandbox = open_shop(tmp_path, start_sandbox, [UTRECHT, ROTTERDAM])
    order_id = UTRECHT["orderId"]
    before = label_of(ctx, order_id)
    with pytest.raises(service_points.UnknownServicePoint, match="no pickup point"):
        service_points.set_for_order(ctx, order_id, "8004-NL-000099")
    point = service_points.find(ctx, "NL", "3512 PH", carrier="dhl").points[0]
    with pytest.raises(service_points.UnknownServicePoint):  # a point of another country
        service_points.set_for_order(ctx, order_id, point.id.replace("-NL-", "-BE-"))
    assert label_of(ctx, order_id).options == before.options
    service_points.set_for_order(ctx, order_id, point.id)
    sandbox.dhl.parcel_shops.close(point.id)
    with pytest.raises(ServicePointClosed, match="closed"):
        service_points.set_for_order(ctx, ROTTERDAM["orderId"], point.id)
    result = label_service.create_for_orders(ctx, [order_id])
    assert result.created == 0 and not sandbox.dhl.shipments
    [outcome] = result.outcomes
    assert "closed" in outcome.message and point.id in outcome.message
    label = label_of(ctx, order_id)
    assert label.state == "error" and "closed" in label.error_message


# -- Amazon's pickup-point orders --


def test_an_amazon_pickup_point_order_needs_review_with_its_point_chosen(
    tmp_path, start_sandbox
) -> None:
    probe = dhl_points(start_sandbox(orders=0, seed=4), "3512PH")
    names = [s["name"] for s in probe]
    shop = next(s for s in probe[1:] if names.count(s["name"]) == 1)  # not the nearest
    address = shop["address"]
    by_number = pickup_order(
        21,
        [f"{address['street']} {address['number']}", "Afhaalpunt"],
        address["zipCode"],
        address["city"],
    )
    by_name = pickup_order(
        22, [shop["name"], f"{address['street']} {address['number']}"], "3512 PH", "Utrecht"
    )
    unknown = pickup_order(23, ["Stationsplein 9", "Kiosk"], "3512 PH", "Utrecht")
    ctx, sandbox = open_shop(tmp_path, start_sandbox, [by_number, by_name, unknown])
    for order in (by_number, by_name):
        label = label_of(ctx, order["orderId"])
        assert label.state == "needs_review"
        assert label.service_point["id"] == shop["id"], order["orderId"]
        assert ("PS", shop["id"]) in [tuple(o) for o in label.options]
        [note] = [n for n in label.review if n["code"] == "pickup_point"]
        assert note["detail"] == shop["name"]
    label = label_of(ctx, unknown["orderId"])
    assert label.state == "needs_review" and label.service_point is None
    assert any(n["code"] == "pickup_point" and not n["detail"] for n in label.review)
    # Nothing made silently: a batch skips them all until the owner has looked.
    result = label_service.create_for_orders(ctx, [o["orderId"] for o in (by_number, unknown)])
    assert result.created == 0 and not sandbox.dhl.shipments
    assert {s.reason for s in result.skipped_orders} == {"needs_review"}
    # Choosing the point settles it (an address that also needs review would stay so).
    service_points.set_for_order(ctx, unknown["orderId"], shop["id"])
    assert label_of(ctx, unknown["orderId"]).state == "draft"


# -- the commands --


def cli_shop(tmp_path, start_sandbox, carriers=("dhl", "gls")):
    ctx, sandbox = open_shop(
        tmp_path, start_sandbox, [UTRECHT, ROTTERDAM], carriers=carriers, data="cli-data"
    )
    env = cli_env(
        tmp_path,
        sandbox,
        SHIPDESK_DHL_ENDPOINT=sandbox.urls["dhl"],
        SHIPDESK_GLS_ENDPOINT=sandbox.urls["gls"],
    )
    return ctx, sandbox, env


def test_servicepoints_command(tmp_path, start_sandbox) -> None:
    _, sandbox, env = cli_shop(tmp_path, start_sandbox)
    listed = run_cli(["servicepoints", "--country", "nl", "--postcode", "3512 PH"], env)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["CARRIER", "ID", "NAME", "ADDRESS", "DISTANCE", "OPEN", "TODAY"]
    carriers = {line.split()[0] for line in lines[2:]}
    assert carriers == {"dhl", "gls"}
    as_json = run_cli(
        ["servicepoints", "--country", "NL", "--postcode", "3512PH", "--carrier", "dhl", "--json"],
        env,
    )
    points = json.loads(as_json.stdout)
    assert len(points) == 10 and {p["carrier"] for p in points} == {"dhl"}
    assert [p["distanceMeters"] for p in points] == sorted(p["distanceMeters"] for p in points)
    assert points[0]["id"] == dhl_points(sandbox, "3512PH")[0]["id"]
    bad = run_cli(
        ["servicepoints", "--country", "NL", "--postcode", "nope", "--carrier", "dhl"], env
    )
    assert bad.returncode == 1 and "postal code" in bad.stderr
    usage = run_cli(["servicepoints", "--country", "Netherlands", "--postcode", "1"], env)
    assert usage.returncode == 2 and "two-letter" in usage.stderr
    none = run_cli(
        ["servicepoints", "--country", "NL", "--postcode", "9163AB", "--carrier", "dhl"], env
    )
    assert none.returncode == 0 and "No pickup points near 9163AB" in none.stdout


def test_orders_set_servicepoint_command(tmp_path, start_sandbox) -> None:
    _, sandbox, env = cli_shop(tmp_path, start_sandbox, carriers=("dhl",))
    order_id = UTRECHT["orderId"]
    point = dhl_points(sandbox, "3512PH")[0]
    unknown = run_cli(["orders", "set-servicepoint", order_id, "8004-NL-000099"], env)
    assert unknown.returncode == 1
    assert "has no pickup point '8004-NL-000099'" in unknown.stderr
    no_order = run_cli(["orders", "set-servicepoint", "999-0000000-0000000", point["id"]], env)
    assert no_order.returncode == 1 and "no order 999-0000000-0000000" in no_order.stderr
    done = run_cli(["orders", "set-servicepoint", order_id, point["id"]], env)
    assert done.returncode == 0, done.stderr
    assert point["name"] in done.stdout and point["id"] in done.stdout
    orders = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    draft = next(o["draft"] for o in orders if o["orderId"] == order_id)
    assert draft["servicePoint"]["id"] == point["id"]
    assert {"key": "PS", "input": point["id"]} in draft["options"]
    assert run_cli(["labels", "create", order_id], env).returncode == 0
    made = run_cli(["orders", "set-servicepoint", order_id, point["id"]], env)
    assert made.returncode == 1 and "already created" in made.stderr and "void" in made.stderr
    other = ROTTERDAM["orderId"]
    sandbox.dhl.parcel_shops.close(point["id"])
    closed = run_cli(["orders", "set-servicepoint", other, point["id"]], env)
    assert closed.returncode == 1 and "closed" in closed.stderr


# -- the finder in the label window --


def open_dialog(qtbot, ctx, order_id: str):
    from shipdesk.services.jobs import JobRunner
    from shipdesk.ui.label_dialog import LabelDialog

    runner = JobRunner()
    dialog = LabelDialog(ctx, runner, label_of(ctx, order_id).id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.edit is not None and not runner.busy, timeout=15_000)
    return dialog, runner


def test_the_finder_in_the_label_window_chooses_and_removes(qtbot, tmp_path, start_sandbox):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    ctx, sandbox = open_shop(tmp_path, start_sandbox, [UTRECHT])
    order_id = UTRECHT["orderId"]
    dialog, runner = open_dialog(qtbot, ctx, order_id)
    assert dialog.point_text.text() == "To the buyer's door."
    assert dialog.point_button.text() == "Deliver to a ServicePoint…"
    assert "option_PS" not in {b.objectName() for b in dialog.option_boxes.values()}
    qtbot.mouseClick(dialog.point_button, Qt.MouseButton.LeftButton)
    finder = dialog.finder
    qtbot.waitUntil(lambda: finder.list.topLevelItemCount() > 0, timeout=15_000)
    assert finder.postcode.text() == "3512 PH"  # the buyer's, by default
    expected = dhl_points(sandbox, "3512PH")
    rows = [finder.list.topLevelItem(n) for n in range(finder.list.topLevelItemCount())]
    assert [r.text(0).split(" (")[0] for r in rows] == [p["name"] for p in expected]
    assert rows[0].text(2).endswith(" m") and rows[0].text(3)
    assert "Monday: " in rows[0].toolTip(0) and "Sunday: " in rows[0].toolTip(0)
    finder.choose_row(2)
    qtbot.mouseClick(finder.choose_button, Qt.MouseButton.LeftButton)
    chosen = expected[2]
    assert dialog.service_point.id == chosen["id"]
    assert chosen["name"] in dialog.point_text.text() and dialog.point_remove.isVisible()
    assert not dialog.option_boxes["DOOR"].isChecked()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled(), dialog.problems.text()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    label = label_of(ctx, order_id)
    assert label.service_point["id"] == chosen["id"]
    assert ("PS", chosen["id"]) in [tuple(o) for o in label.options]
    runner.wait()

    dialog, runner = open_dialog(qtbot, ctx, order_id)  # opened again: the point is shown
    assert chosen["name"] in dialog.point_text.text()
    qtbot.mouseClick(dialog.point_remove, Qt.MouseButton.LeftButton)
    assert dialog.point_text.text() == "To the buyer's door."
    assert dialog.option_boxes["DOOR"].isChecked()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    label = label_of(ctx, order_id)
    assert label.service_point is None
    assert "PS" not in {k for k, _ in label.options} and ("DOOR", None) in [
        tuple(o) for o in label.options
    ]
    runner.wait()


def test_the_finder_says_what_went_wrong(qtbot, tmp_path, start_sandbox) -> None:
    from PySide6.QtCore import Qt

    ctx, sandbox = open_shop(tmp_path, start_sandbox, [UTRECHT])
    dialog, runner = open_dialog(qtbot, ctx, UTRECHT["orderId"])
    qtbot.mouseClick(dialog.point_button, Qt.MouseButton.LeftButton)
    finder = dialog.finder
    qtbot.waitUntil(lambda: finder.list.topLevelItemCount() > 0, timeout=15_000)
    for postcode, words in (
        ("ABCDEF", "DHL does not know the postcode ABCDEF in the Netherlands"),
        ("9163 AB", "There is no ServicePoint near 9163 AB"),
    ):
        finder.postcode.setText(postcode)
        with qtbot.waitSignal(finder.searched, timeout=15_000):
            qtbot.mouseClick(finder.search_button, Qt.MouseButton.LeftButton)
        assert words in finder.message.text() and finder.list.topLevelItemCount() == 0
        assert not finder.choose_button.isEnabled()
    sandbox.faults.kinds = ("server_error",)
    sandbox.set_fault_rate(1.0)
    try:
        with qtbot.waitSignal(finder.searched, timeout=30_000):
            qtbot.mouseClick(finder.search_button, Qt.MouseButton.LeftButton)
    finally:
        sandbox.set_fault_rate(0)
    assert "DHL could not be reached" in finder.message.text()
    finder.reject()
    assert dialog.service_point is None
    runner.wait()
