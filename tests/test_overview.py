"""The Overview's alerts and reports (issue 15) over a sandbox history made with the time scale:
each alert appears exactly when it should and clears when its cause is gone; the report's
figures equal counts made independently here from `orders list --json`."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from shipdesk.commands.orders import order_json
from shipdesk.services import alerts, delivery, label_recovery, printing, returns, tracking
from shipdesk.services import labels as label_service
from shipdesk.services import orders as orders_service
from shipdesk.services.importing import import_orders
from tests.conftest import cli_env, run_cli
from tests.test_labels import labels, open_shop

HOUR = dt.timedelta(hours=1)
WAITING = ("UNSHIPPED", "PARTIALLY_SHIPPED")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def shop(tmp_path, start_sandbox):
    return open_shop(tmp_path, start_sandbox, orders=60, seed=31)


def listed(ctx) -> list[dict]:
    return [order_json(row) for row in orders_service.list_orders(ctx)]


def to_print_before(ctx, moment: dt.datetime) -> set[str]:
    """Independently: orders waiting to ship, label not printed, due before `moment`."""
    return {
        o["orderId"]
        for o in listed(ctx)
        if o["status"] in WAITING
        and o["fulfilledBy"] in ("MERCHANT", None)
        and o["labelState"] not in ("printed", "shipped")
        and not o["buyerDataErased"]
        and o["shipByLatest"]
        and o["shipByLatest"] < iso(moment)
    }


def alert(ctx, code: str, now: dt.datetime, detail: str = "") -> alerts.Alert | None:
    found = [a for a in alerts.current(ctx, now) if a.code == code and a.detail == detail]
    assert len(found) <= 1
    return found[0] if found else None


def orders_of(ctx, code: str, now: dt.datetime, detail: str = "") -> set[str]:
    found = alert(ctx, code, now, detail)
    return set(found.orders) if found else set()


def print_labels_of(ctx, order_ids) -> list[int]:
    """Make (where needed) and print the labels of these orders, to a file."""
    label_service.create_for_orders(ctx, list(order_ids))
    ids = printing.labels_for_orders(ctx, list(order_ids))
    printing.print_labels(ctx, ids, to_file=ctx.paths.data_dir / "labels.pdf")
    return ids


def test_ship_by_alerts_follow_the_orders_due_and_clear_when_printed(shop) -> None:
    ctx, _ = shop
    now = dt.datetime.now(dt.UTC)
    late = to_print_before(ctx, now)
    assert late  # the history has orders past their ship-by time
    assert orders_of(ctx, "ship_by_late", now) == late
    alerts.set_threshold(ctx, alerts.SHIP_BY_HOURS, 36)
    assert orders_of(ctx, "ship_by_at_risk", now) == to_print_before(ctx, now + 36 * HOUR) - late

    printable = {lb.order_id for lb in labels(ctx, "draft")} & late
    assert printable
    print_labels_of(ctx, printable)
    assert orders_of(ctx, "ship_by_late", now) == late - printable  # printed: not late now
    assert orders_of(ctx, "ship_by_late", now) == to_print_before(ctx, now)


def test_parcels_are_followed_from_print_to_scan_to_tracking(shop) -> None:
    ctx, sandbox = shop
    now = dt.datetime.now(dt.UTC)
    chosen = [lb.order_id for lb in labels(ctx, "draft")[:3]]
    print_labels_of(ctx, chosen)
    assert orders_of(ctx, "not_scanned", now + 2 * HOUR) == set()  # just printed
    assert orders_of(ctx, "not_scanned", now + 25 * HOUR) == set(chosen)

    sandbox.clock.advance(3 * 3600 / 1000)  # DHL collected them
    delivery.refresh(ctx, now=now + 3 * HOUR)
    assert orders_of(ctx, "not_scanned", now + 25 * HOUR) == set()
    # On their way while Amazon has no tracking yet (sent after printing, not uploaded yet).
    assert orders_of(ctx, "tracking_not_sent", now + 3 * HOUR) == set(chosen)
    tracking.upload_due(ctx, now=now + 4 * HOUR)
    assert orders_of(ctx, "tracking_not_sent", now + 4 * HOUR) == set()


def test_a_parcel_amazon_already_has_as_shipped_is_not_a_tracking_defect(shop) -> None:
    """Shipped in Seller Central by hand before ShipDesk sent anything: Amazon has it, so the
    carrier carrying it is no 'on its way without tracking' alert."""
    ctx, sandbox = shop
    now = dt.datetime.now(dt.UTC)
    by_hand, ours = [lb.order_id for lb in labels(ctx, "draft")[:2]]
    sandbox.amazon.update_order(by_hand, status="SHIPPED")
    import_orders(ctx)
    print_labels_of(ctx, [by_hand, ours])
    sandbox.clock.advance(3 * 3600 / 1000)  # collected
    delivery.refresh(ctx, now=now + 3 * HOUR)
    assert orders_of(ctx, "tracking_not_sent", now + 3 * HOUR) == {ours}


def test_a_cancelled_order_with_a_label_and_a_refused_upload(shop) -> None:
    ctx, sandbox = shop
    now = dt.datetime.now(dt.UTC)
    made, printed = [lb.order_id for lb in labels(ctx, "draft")[:2]]
    label_service.create_for_orders(ctx, [made])
    print_labels_of(ctx, [printed])
    for order_id in (made, printed):
        sandbox.amazon.update_order(order_id, status="CANCELLED")
    sandbox.clock.advance(1)  # past Amazon's freshness lag (2 minutes, scaled)
    import_orders(ctx)
    assert orders_of(ctx, "cancelled_after_label", now) == {made, printed}

    tracking.upload_due(ctx, now=now + HOUR)  # Amazon refuses the cancelled order's number
    assert printed in orders_of(ctx, "tracking_refused", now + HOUR)
    [voided] = label_recovery.void(ctx, label_service_ids(ctx, [made]))
    assert voided.ok
    assert orders_of(ctx, "cancelled_after_label", now) == {printed}


def label_service_ids(ctx, order_ids) -> list[int]:
    return [
        lb.id
        for lb in labels(ctx)
        if lb.order_id in order_ids
        and lb.state
        in (
            "created",
            "printed",
        )
    ]


def test_acknowledged_alerts_stay_quiet_until_their_orders_change(shop) -> None:
    ctx, _ = shop
    now = dt.datetime.now(dt.UTC)
    first = alert(ctx, "ship_by_late", now)
    assert first is not None and not first.acknowledged
    alerts.acknowledge(ctx, [first.key], now)
    assert alert(ctx, "ship_by_late", now).acknowledged
    later = now + 48 * HOUR  # more orders are late by then: a new alert
    grown = alert(ctx, "ship_by_late", later)
    assert len(grown.orders) > len(first.orders) and not grown.acknowledged


def test_a_gls_account_without_scans_is_one_alert_for_the_account_manager(
    tmp_path, start_sandbox
) -> None:
    from tests.test_gls_labels import open_gls_shop

    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    sandbox.gls.tracking_enabled = False  # as GLS delivers a new account
    now = dt.datetime.now(dt.UTC)
    chosen = [lb.order_id for lb in labels(ctx, "draft")[:2]]
    print_labels_of(ctx, chosen)
    sandbox.clock.advance(30 * 3600 / 1000)
    delivery.refresh(ctx, now=now + 30 * HOUR)
    assert orders_of(ctx, "tracking_not_activated", now + 30 * HOUR, "gls") == set(chosen)
    assert orders_of(ctx, "not_scanned", now + 30 * HOUR) == set()  # said once, for all
    sandbox.gls.tracking_enabled = True  # the account manager switched it on
    sandbox.clock.advance(2 * 3600 / 1000)
    delivery.refresh(ctx, now=now + 32 * HOUR)
    assert alert(ctx, "tracking_not_activated", now + 32 * HOUR, "gls") is None


def test_the_command_line_lists_alerts_with_their_codes(tmp_path, shop) -> None:
    ctx, sandbox = shop
    env = cli_env(tmp_path, sandbox, SHIPDESK_DATA_DIR=str(ctx.paths.data_dir))
    now = dt.datetime.now(dt.UTC)
    listed_json = run_cli(["alerts", "--json", "--now", iso(now)], env)
    assert listed_json.returncode == 0, listed_json.stderr
    found = {a["code"]: a for a in json.loads(listed_json.stdout)}
    assert set(found["ship_by_late"]["orders"]) == to_print_before(ctx, now)
    assert found["ship_by_late"]["todo"] and found["ship_by_late"]["severity"] == "error"
    text = run_cli(["alerts", "--now", iso(now)], env)
    assert text.returncode == 0 and "error: ship_by_late" in text.stdout
    wrong = run_cli(["alerts", "--now", "yesterday"], env)
    assert wrong.returncode == 2 and "--now" in wrong.stderr


def test_report_figures_equal_independent_counts_from_the_order_list(tmp_path, shop) -> None:
    ctx, sandbox = shop
    now = dt.datetime.now(dt.UTC)
    drafts = [lb.order_id for lb in labels(ctx, "draft")]
    made, printed = drafts[:14], drafts[:10]
    label_service.create_for_orders(ctx, made)
    print_labels_of(ctx, printed)
    tracking.upload_due(ctx, now=now + HOUR)  # DHL: tracking after printing
    sandbox.clock.advance(4 * 3600 / 1000)
    delivery.refresh(ctx, now=now + 4 * HOUR)
    sandbox.clock.advance(30 * 3600 / 1000)
    delivery.refresh(ctx, now=now + 34 * HOUR)
    returns.make_return(ctx, printed[0])
    judged = now + 40 * HOUR

    env = cli_env(tmp_path, sandbox, SHIPDESK_DATA_DIR=str(ctx.paths.data_dir))
    first = (now - dt.timedelta(days=10)).astimezone(AMSTERDAM).date()
    last = judged.astimezone(AMSTERDAM).date()
    answer = run_cli(
        [
            "report",
            "--json",
            "--from",
            first.isoformat(),
            "--to",
            last.isoformat(),
            "--now",
            iso(judged),
        ],
        env,
    )
    assert answer.returncode == 0, answer.stderr
    report = json.loads(answer.stdout)
    orders = json.loads(run_cli(["orders", "list", "--json"], env).stdout)

    def in_period(stamp: str | None) -> bool:
        if not stamp:
            return False
        day = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(AMSTERDAM)
        return first <= day.date() <= last

    def day_of(stamp: str) -> str:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        return moment.astimezone(AMSTERDAM).date().isoformat()

    made_here = [o for o in orders if in_period(o["labelCreatedAt"])]
    assert report["labels"] == len(made_here) == len(made)
    assert report["parcels"] == sum(len(o["trackingNumbers"]) for o in made_here)
    per_day = Counter()
    for o in made_here:
        per_day[day_of(o["labelCreatedAt"])] += len(o["trackingNumbers"])
    assert {d["date"]: d["parcels"] for d in report["days"] if d["parcels"]} == dict(per_day)
    assert report["carriers"]["dhl"]["parcels"] == report["parcels"]

    due = [
        o
        for o in orders
        if in_period(o["shipByLatest"])
        and o["fulfilledBy"] in ("MERCHANT", None)
        and o["status"] not in ("CANCELLED", "UNFULFILLABLE", "PENDING", "PENDING_AVAILABILITY")
    ]
    counted = [
        o
        for o in due
        if o["trackingAcceptedAt"] or (o["status"] in WAITING and o["shipByLatest"] < iso(judged))
    ]
    late = [
        o
        for o in counted
        if not o["trackingAcceptedAt"] or o["trackingAcceptedAt"] > o["shipByLatest"]
    ]
    assert report["lateShipments"]["due"] == len(counted) > 0
    assert report["lateShipments"]["late"] == len(late)
    assert report["lateShipments"]["rate"] == pytest.approx(len(late) / len(counted))

    confirmed = [o for o in orders if in_period(o["trackingAcceptedAt"])]
    scanned = [o for o in confirmed if o["firstScanAt"] or o["deliveredAt"]]
    valid = [
        o for o in scanned if not o["deliveredAt"] or o["trackingAcceptedAt"] <= o["deliveredAt"]
    ]
    assert report["tracking"]["confirmed"] == len(confirmed) == len(printed)
    assert report["tracking"]["valid"] == len(valid) > 0
    assert report["tracking"]["awaitingScan"] == len(confirmed) - len(scanned)

    def sent_on_time(o: dict) -> bool:
        handed = o["printedAt"] or o["labelCreatedAt"]
        day = dt.date.fromisoformat(day_of(handed)) + dt.timedelta(days=1)
        midnight = dt.datetime.combine(day, dt.time(), AMSTERDAM)
        return (o["trackingSentAt"] or o["trackingAcceptedAt"]) < iso(midnight)

    assert report["tracking"]["sentOnTime"] == sum(map(sent_on_time, confirmed)) > 0
    assert (
        report["returns"]
        == sum(1 for o in orders for r in o["returnLabels"] if in_period(r["createdAt"]))
        == 1
    )
    assert set(report["medianHours"]) == {
        "orderToLabel",
        "labelToFirstScan",
        "firstScanToDelivery",
        "orderToDelivery",
    }
    csv_lines = run_cli(["report", "--csv", "--from", first.isoformat()], env).stdout.splitlines()
    assert csv_lines[0].startswith("date,carrier,parcels")
    assert len(csv_lines) > 1


# -- the Overview tab --


def test_the_overview_opens_first_and_each_figure_opens_its_orders(qtbot, shop) -> None:
    from tests.support.windows import open_window

    ctx, _ = shop
    late = to_print_before(ctx, dt.datetime.now(dt.UTC))
    window = open_window(qtbot, ctx)
    tab = window.overview
    assert window.tabs.currentWidget() is tab  # first when the app opens
    qtbot.waitUntil(lambda: tab.late.orders != (), timeout=15_000)
    assert set(tab.late.orders) == late and tab.late.isEnabled()
    assert tab.late.text().startswith(f"{len(late)}\n")
    with qtbot.waitSignal(window.orders.refreshed, timeout=10_000):
        tab.late.click()
    assert window.tabs.currentWidget() is window.orders
    shown = window.orders.model
    listed_orders = {shown.row_at(n).order_id for n in range(shown.rowCount())}
    assert listed_orders == late
    assert window.orders.view.currentText() == "Past their ship-by time"

    window.tabs.setCurrentWidget(tab)
    [row] = [r for r in tab.alert_rows if r.alert.code == "ship_by_late"]
    assert row.acknowledge_button.isVisible()
    row.acknowledge_button.click()

    def seen() -> bool:
        rows = [r for r in tab.alert_rows if r.alert.code == "ship_by_late"]
        return bool(rows) and rows[0].alert.acknowledged

    qtbot.waitUntil(seen, timeout=15_000)
    [row] = [r for r in tab.alert_rows if r.alert.code == "ship_by_late"]
    assert not row.acknowledge_button.isVisibleTo(row)


def test_the_report_charts_show_the_reports_figures_and_export_them(qtbot, shop) -> None:
    from tests.support.windows import open_window

    ctx, _ = shop
    made = [lb.order_id for lb in labels(ctx, "draft")[:6]]
    label_service.create_for_orders(ctx, made)
    window = open_window(qtbot, ctx)
    tab = window.overview
    tab.set_period(7)
    qtbot.waitUntil(
        lambda: len(tab.parcels_chart.categories) == 7 and tab._job is None, timeout=15_000
    )
    assert sum(tab.parcels_chart.totals()) == len(made) == tab._report.total.parcels
    assert [s.name for s in tab.parcels_chart.series] == ["DHL"]
    assert [t.value for t in tab.rates_chart.thresholds] == [0.04, 0.95]
    assert "6 parcels on 6 labels" in tab.figures.text()
    today = len(tab.parcels_chart.categories) - 1
    assert "DHL: 6" in tab.parcels_chart.tooltip(today)
    out = ctx.paths.data_dir / "report.csv"
    tab.save_csv(out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("date,carrier,parcels") and len(lines) >= 8


def test_reports_stay_whole_after_the_buyer_data_is_erased(shop) -> None:
    from shipdesk.services import privacy, reports

    ctx, _ = shop
    now = dt.datetime.now(dt.UTC)
    made = [lb.order_id for lb in labels(ctx, "draft")[:5]]
    print_labels_of(ctx, made)
    tracking.upload_due(ctx, now=now + HOUR)
    before = reports.report(ctx, now=now + 2 * HOUR).to_json()
    assert before["parcels"] == 5 and before["tracking"]["confirmed"] == 5
    privacy.erase(ctx, made)
    assert reports.report(ctx, now=now + 2 * HOUR).to_json() == before
