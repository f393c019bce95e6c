"""ShipDesk killed in the middle of a label batch or of the tracking uploads: after a restart
nothing is made or sent twice, and nothing is lost."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import keyring
import pytest

from shipdesk.services import labels as label_service
from shipdesk.services import tracking
from shipdesk.store import labels as label_store
from tests.conftest import REPO, cli_env, make_context, run_cli
from tests.support.file_keyring import FileKeyring
from tests.test_gls_labels import prepare_gls
from tests.test_labels import prepare_shop


@pytest.fixture
def cli_shop(tmp_path, start_sandbox, monkeypatch):
    """A shop prepared in this process, in the data folder and keychain the CLI will use."""
    sandbox = start_sandbox(orders=120, seed=17, time_scale=1000)
    env = cli_env(tmp_path, sandbox, SHIPDESK_DHL_ENDPOINT=sandbox.urls["dhl"])
    monkeypatch.setenv("SHIPDESK_TEST_KEYRING_FILE", env["SHIPDESK_TEST_KEYRING_FILE"])
    keyring.set_keyring(FileKeyring())
    ctx = make_context(Path(env["SHIPDESK_DATA_DIR"]), sandbox)
    prepare_shop(ctx, sandbox)
    return ctx, sandbox, env


def kill_when(process: subprocess.Popen, condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError("the process ended before it could be killed midway")
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)


def test_killed_during_a_label_batch(cli_shop) -> None:
    ctx, sandbox, env = cli_shop
    drafts = label_service.drafts_ready_ids(ctx)
    assert len(drafts) >= 40
    # Slow answers keep the batch busy long enough to be killed in the middle of it.
    sandbox.faults.kinds = ("slow",)
    sandbox.faults.slow_seconds = 0.15
    sandbox.set_fault_rate(1.0)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "shipdesk",
            "labels",
            "create",
            "--all-drafts",
            "--concurrency",
            "4",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    kill_when(process, lambda: sandbox.dhl.stats["shipments:created"] >= 10)
    made_before_kill = sandbox.dhl.stats["shipments:created"]
    assert made_before_kill < len(drafts)

    sandbox.set_fault_rate(0)
    again = run_cli(["labels", "create", "--all-drafts"], env)
    assert again.returncode == 0, again.stderr
    with ctx.connect() as db:
        labels = label_store.get_labels(db, drafts)
    assert {lb.state for lb in labels} == {"created"}
    # Exactly one shipment per label, including those in flight when the process died.
    shipments = Counter(s.body["orderReference"] for s in sandbox.dhl.shipments.values())
    assert set(shipments.values()) == {1}
    assert set(shipments) == {lb.order_id for lb in labels}
    assert len({lb.tracker_codes[0] for lb in labels}) == len(labels)
    # Some were in flight when it died: they were looked up and adopted, not made again.
    assert any(lb.attempts > 1 for lb in labels)


def test_killed_during_the_tracking_upload(cli_shop) -> None:
    ctx, sandbox, env = cli_shop
    ids = label_service.drafts_ready_ids(ctx)[:30]
    label_service.create_labels(ctx, ids)
    assert tracking.enqueue_labels(ctx, ids).added == 30
    sandbox.faults.kinds = ("slow",)
    sandbox.faults.slow_seconds = 0.1
    sandbox.set_fault_rate(1.0)
    process = subprocess.Popen(
        [sys.executable, "-m", "shipdesk", "upload-tracking"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    kill_when(process, lambda: sandbox.amazon.stats["confirmShipment:accepted"] >= 6)
    sandbox.set_fault_rate(0)

    # Restarted later: what the dead process had claimed is due again once its lease ends.
    later = dt.datetime.now(dt.UTC) + tracking.LEASE + dt.timedelta(seconds=5)
    tracking.upload_due(ctx, now=later)
    assert tracking.status(ctx) == {"done": 30}
    confirmed = Counter(c.order_id for c in sandbox.amazon.confirmations)
    assert len(confirmed) == 30 and set(confirmed.values()) == {1}  # exactly once each
    with ctx.connect() as db:
        told = label_store.get_labels(db, ids)
    # Amazon has them all; never printed here, they stay in the work list until printed.
    assert all(lb.shipped_at for lb in told) and {lb.state for lb in told} == {"created"}


@pytest.fixture
def gls_cli_shop(tmp_path, start_sandbox, monkeypatch):
    """A GLS shop prepared in this process, in the data folder and keychain the CLI will use."""
    sandbox = start_sandbox(orders=80, seed=19, time_scale=1000)
    env = cli_env(tmp_path, sandbox, SHIPDESK_GLS_ENDPOINT=sandbox.urls["gls"])
    monkeypatch.setenv("SHIPDESK_TEST_KEYRING_FILE", env["SHIPDESK_TEST_KEYRING_FILE"])
    keyring.set_keyring(FileKeyring())
    ctx = make_context(Path(env["SHIPDESK_DATA_DIR"]), sandbox)
    prepare_gls(ctx, sandbox)
    return ctx, sandbox, env


def kill_a_gls_batch(ctx, sandbox, env) -> list[int]:
    """`labels create --all-drafts` killed while GLS answers slowly: some Creates were carried
    out at GLS but their answers never stored."""
    drafts = label_service.drafts_ready_ids(ctx)
    assert len(drafts) >= 30
    sandbox.faults.kinds = ("slow",)
    sandbox.faults.slow_seconds = 0.3
    sandbox.faults.only_paths = ("/Label/Create",)
    sandbox.set_fault_rate(1.0)
    process = subprocess.Popen(
        [sys.executable, "-m", "shipdesk", "labels", "create", "--all-drafts"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    kill_when(process, lambda: sandbox.gls.stats["units:created"] >= 8)
    sandbox.set_fault_rate(0)
    return drafts


def live_units_per_order(sandbox) -> Counter:
    return Counter(unit.reference for unit in sandbox.gls.live_units())


def test_killed_between_a_gls_create_and_storing_its_answer(gls_cli_shop) -> None:
    """After the restart the parcels made for lost answers are found by reference; GLS gave
    their documents only once, so they are deleted there and made again: one live parcel per
    order, one confirmation per label."""
    ctx, sandbox, env = gls_cli_shop
    drafts = kill_a_gls_batch(ctx, sandbox, env)
    with ctx.connect() as db:
        in_flight = [
            lb
            for lb in label_store.get_labels(db, drafts)
            if lb.state == "draft" and lb.shipment_id
        ]
    assert in_flight, "no Create was in flight when the process died"

    again = run_cli(["labels", "create", "--all-drafts"], env)
    assert again.returncode == 0, again.stderr
    with ctx.connect() as db:
        labels = label_store.get_labels(db, drafts)
    assert {lb.state for lb in labels} == {"created"}
    per_order = live_units_per_order(sandbox)
    assert set(per_order.values()) == {1} and set(per_order) == {lb.order_id for lb in labels}
    assert sandbox.gls.stats["delete:ok"] >= 1  # the in-flight ones found, deleted, made again
    with ctx.connect() as db:
        sent = Counter(r[0] for r in db.execute("SELECT label_id FROM tracking_outbox"))
    assert set(sent.values()) == {1} and set(sent) == {lb.id for lb in labels}


def test_killed_mid_gls_create_when_the_search_cannot_tell_waits_for_the_owner(gls_cli_shop):
    ctx, sandbox, env = gls_cli_shop
    sandbox.gls.search_before_scan = False
    drafts = kill_a_gls_batch(ctx, sandbox, env)
    again = run_cli(["labels", "create", "--all-drafts"], env)
    assert again.returncode != 0 and "MyGLS" in again.stdout + again.stderr
    with ctx.connect() as db:
        labels = label_store.get_labels(db, drafts)
    held = [lb for lb in labels if lb.state == "unclear"]
    assert held and {lb.state for lb in labels} == {"created", "unclear"}
    per_order = live_units_per_order(sandbox)
    assert set(per_order.values()) == {1}  # never a second parcel
    made = {lb.order_id for lb in labels if lb.state == "created"}
    assert made <= set(per_order) and not made & {lb.order_id for lb in held}
