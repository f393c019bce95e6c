"""Delivery status from the carriers' track & trace, against the GLS and DHL sandboxes: labels
handed over are followed until delivered, several parcels as one, a problem shown, a carrier
that is down asked again next round, untrusted answers read carefully."""

from __future__ import annotations

import datetime as dt

from shipdesk.carriers.base import (
    DELIVERED,
    IN_TRANSIT,
    NOT_SCANNED,
    PROBLEM,
    Tracking,
    TrackingEvent,
)
from shipdesk.services import delivery
from shipdesk.services import labels as label_service
from shipdesk.store import labels as label_store
from shipdesk.store.transactions import write_transaction
from tests.test_gls_labels import open_gls_shop

HOUR = 3600.0


def made_and_printed(ctx, count: int) -> list[int]:
    ids = label_service.drafts_ready_ids(ctx)[:count]
    assert label_service.create_labels(ctx, ids).created == count
    with ctx.connect() as db, write_transaction(db):
        label_store.mark_printed(db, ids)
    return ids


def stored(ctx, ids) -> list[dict]:
    with ctx.connect() as db:
        return label_store.get_labels(db, ids)


def test_gls_parcels_are_followed_until_delivered(tmp_path, start_sandbox) -> None:
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    printed = made_and_printed(ctx, 3)
    [not_printed] = label_service.drafts_ready_ids(ctx)[:1]
    label_service.create_labels(ctx, [not_printed])  # made, not handed over: not followed
    now = dt.datetime.now(dt.UTC)

    first = delivery.refresh(ctx, now=now)
    assert first.checked == 3 and not first.failed
    assert {lb.delivery_status for lb in stored(ctx, printed)} == {NOT_SCANNED}
    assert stored(ctx, [not_printed])[0].delivery_status is None
    assert delivery.refresh(ctx, now=now).checked == 0  # asked a moment ago: not again

    sandbox.clock.advance(2 * HOUR / 1000)  # collected and on its way
    moving = delivery.refresh(ctx, now=now + dt.timedelta(hours=2))
    assert moving.in_transit == 3
    on_way = stored(ctx, printed)
    assert {lb.delivery_status for lb in on_way} == {IN_TRANSIT}
    assert all(lb.first_scan_at and lb.tracking_event for lb in on_way)

    sandbox.clock.advance(24 * HOUR / 1000)
    done = delivery.refresh(ctx, now=now + dt.timedelta(hours=27))
    assert done.delivered == 3
    delivered = stored(ctx, printed)
    assert {lb.delivery_status for lb in delivered} == {DELIVERED}
    assert all(lb.delivered_at > lb.first_scan_at for lb in delivered)
    later = delivery.refresh(ctx, now=now + dt.timedelta(hours=40))
    assert later.checked == 0  # delivered: no longer asked


def test_a_parcel_not_delivered_is_a_problem_named_by_its_order(tmp_path, start_sandbox) -> None:
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    [label_id] = made_and_printed(ctx, 1)
    [label] = stored(ctx, [label_id])
    sandbox.clock.advance(2 * HOUR / 1000)
    sandbox.gls.add_event(label.tracker_codes[0], "NOTDELIVERED", "Not at home")
    found = delivery.refresh(ctx)
    assert found.problems == [label.order_id]
    assert stored(ctx, [label_id])[0].delivery_status == PROBLEM


def test_track_and_trace_down_is_asked_again_next_round(tmp_path, start_sandbox) -> None:
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    printed = made_and_printed(ctx, 2)
    sandbox.faults.kinds, sandbox.faults.only_paths = ("server_error",), ("/parcel/v1/details",)
    sandbox.set_fault_rate(1.0)
    down = delivery.refresh(ctx)
    assert "gls" in down.failed and down.checked == 0
    assert all(lb.tracking_checked_at is None for lb in stored(ctx, printed))
    sandbox.set_fault_rate(0)
    assert delivery.refresh(ctx).checked == 2  # not held back by the failed round


def test_dhl_labels_are_followed_too(tmp_path, start_sandbox) -> None:
    from tests.test_labels import open_shop

    ctx, sandbox = open_shop(tmp_path, start_sandbox)
    printed = made_and_printed(ctx, 2)
    sandbox.clock.advance(30 * HOUR / sandbox.options.time_scale)
    round_ = delivery.refresh(ctx)
    assert round_.delivered == 2, round_
    assert all(lb.delivered_at for lb in stored(ctx, printed))


def test_several_parcels_are_delivered_when_all_are_and_a_problem_on_one_shows() -> None:
    scan = TrackingEvent("Collected", "2026-12-04T10:00:00+01:00", "", "SCAN")
    done = Tracking("A", (scan,), "2026-12-05T12:00:00Z", DELIVERED)
    later = Tracking("B", (scan,), "2026-12-05T15:30:00Z", DELIVERED)
    moving = Tracking("B", (scan,), None, IN_TRANSIT)
    stuck = Tracking("B", (scan,), None, PROBLEM)
    assert delivery.parcel_summary([done, later], 2)[0::2] == (DELIVERED, "2026-12-05T15:30:00Z")
    assert delivery.parcel_summary([done, moving], 2)[0] == IN_TRANSIT
    assert delivery.parcel_summary([done], 2)[0] == IN_TRANSIT  # one parcel not known yet
    assert delivery.parcel_summary([done, stuck], 2)[0] == PROBLEM
    # The carrier's local time without an offset is Dutch time.
    assert delivery.parcel_summary([done], 1)[1] == "2026-12-04T09:00:00Z"


def test_odd_answers_from_a_carrier_are_read_carefully() -> None:
    odd = TrackingEvent("x" * 1000 + "\n\tline", "not a time", "", "SCAN")
    fine = TrackingEvent("Sorted\n in  hub", "2026-12-04T08:00:00", "", "SCAN")
    status, first, delivered_at, event = delivery.parcel_summary(
        [Tracking("A", (odd, fine), "yesterday", DELIVERED)], 1
    )
    assert (status, delivered_at) == (IN_TRANSIT, None)  # "delivered" at no real time: not yet
    assert first == "2026-12-04T07:00:00Z" and event == "Sorted in hub"


def test_the_window_shows_where_each_parcel_is(qtbot, tmp_path, start_sandbox) -> None:
    from tests.support.windows import open_window, shown_state

    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    [label_id] = made_and_printed(ctx, 1)
    sandbox.clock.advance(30 * HOUR / 1000)
    window = open_window(qtbot, ctx)
    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData("all"))

    def shown() -> str:
        return shown_state(window, label_id)

    qtbot.waitUntil(lambda: shown().startswith("Printed"), timeout=15_000)
    with qtbot.waitSignal(window.uploader.followed, timeout=15_000):
        assert window.uploader.follow_deliveries()  # the background round
    qtbot.waitUntil(lambda: shown().endswith("· delivered"), timeout=15_000)
    tab._open_label(label_id)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=15_000)
    assert "delivered on" in dialog.tracking.text()
    dialog.close()


def test_tracking_refresh_from_the_command_line(tmp_path, start_sandbox, monkeypatch) -> None:
    import json

    import keyring

    from tests.conftest import cli_env, run_cli
    from tests.support.file_keyring import FileKeyring

    # The shop is set up here and read by the command: both keep secrets in one file.
    monkeypatch.setenv("SHIPDESK_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    keyring.set_keyring(FileKeyring())
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    printed = made_and_printed(ctx, 2)
    sandbox.clock.advance(30 * HOUR / 1000)
    env = cli_env(
        tmp_path,
        sandbox,
        SHIPDESK_DATA_DIR=str(ctx.paths.data_dir),
        SHIPDESK_GLS_ENDPOINT=sandbox.urls["gls"],
    )
    refreshed = run_cli(["tracking", "refresh", "--json"], env)
    assert refreshed.returncode == 0, refreshed.stderr
    assert json.loads(refreshed.stdout) == {
        "checked": 2,
        "inTransit": 0,
        "delivered": 2,
        "problems": [],
        "failed": {},
    }
    again = run_cli(["tracking", "refresh"], env)
    assert again.stdout.startswith("Track & trace: 0 checked")
    listed = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    mine = [o for o in listed if o["draft"] and o["draft"].get("id") in printed] or [
        o for o in listed if o["deliveryStatus"]
    ]
    assert len(mine) == 2
    assert {o["deliveryStatus"] for o in mine} == {"delivered"} and all(
        o["deliveredAt"] for o in mine
    )
    sandbox.faults.kinds, sandbox.faults.only_paths = ("server_error",), ("/parcel/v1/details",)
    sandbox.set_fault_rate(1.0)
    with ctx.connect() as db, write_transaction(db):  # due again
        db.execute("UPDATE labels SET delivery_status = NULL, tracking_checked_at = NULL")
    down = run_cli(["tracking", "refresh"], env)
    assert down.returncode == 1 and "gls not asked" in down.stdout
