"""The `shipdesk` command in a subprocess, as automation and support staff run it."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.conftest import REPO, cli_env, run_cli


def seller_lines(sandbox) -> str:
    seller = sandbox.seller
    return f"{seller.client_id}\n{seller.client_secret}\n{seller.refresh_token}\n"


@pytest.mark.parametrize(
    "args",
    [[], ["sandbox"], ["connect", "amazon"], ["import"], ["orders", "list"]],
)
def test_every_command_has_help(tmp_path: Path, args: list[str]) -> None:
    result = run_cli([*args, "--help"], cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "usage: shipdesk" in result.stdout


def test_sandbox_command_prints_urls_and_credentials_then_serves(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "shipdesk",
            "sandbox",
            "--orders",
            "30",
            "--seed",
            "5",
            "--rate-limits",
            "off",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=cli_env(tmp_path),
        # Ctrl+C as in a terminal, also when these tests run in a background job (which
        # starts its children with SIGINT ignored, so Python would never see it).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        line = process.stdout.readline()
        info = json.loads(line)
        assert info["amazon"].startswith("http://127.0.0.1:")
        assert info["lwa"].startswith("http://127.0.0.1:")
        assert requests.get(info["broker"] + "/health", timeout=5).json()["status"] == "ok"
        assert requests.get(info["sellercentral"] + "/apps/manage", timeout=5).status_code == 200
        amazon = info["credentials"]["amazon"]
        token = requests.post(
            info["lwa"] + "/auth/o2/token",
            data={
                "grant_type": "refresh_token",
                "refresh_token": amazon["refreshToken"],
                "client_id": amazon["lwaClientId"],
                "client_secret": amazon["lwaClientSecret"],
            },
            timeout=5,
        )
        assert token.status_code == 200
        assert info["orders"] == 30
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0


def test_connect_import_and_list(tmp_path: Path, sandbox) -> None:
    env = cli_env(tmp_path, sandbox)
    connected = run_cli(["connect", "amazon", "--own-app"], env, stdin=seller_lines(sandbox))
    assert connected.returncode == 0, connected.stderr
    assert "keychain" in connected.stdout

    imported = run_cli(["import"], env)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Imported ")
    assert "page 1:" in imported.stderr

    listed = run_cli(["orders", "list", "--json"], env)
    assert listed.returncode == 0, listed.stderr
    orders = json.loads(listed.stdout)
    nl_merchant = {
        i
        for i, o in sandbox.amazon.orders.items()
        if o["salesChannel"]["marketplaceId"] == "A1805IZSGTT6HS"
        and o["fulfillment"]["fulfilledBy"] == "MERCHANT"
    }
    assert {o["orderId"] for o in orders} == nl_merchant
    required = {
        "orderId",
        "createdTime",
        "status",
        "marketplaceId",
        "recipientName",
        "city",
        "postalCode",
        "countryCode",
        "items",
    }
    for order in orders:
        assert required <= set(order)
        for item in order["items"]:
            assert {"sellerSku", "title", "quantity"} <= set(item)

    again = run_cli(["import"], env)
    assert "0 new" in again.stdout
    assert len(json.loads(run_cli(["orders", "list", "--json"], env).stdout)) == len(orders)


def test_wrong_credentials_are_refused_and_nothing_is_stored(tmp_path: Path, sandbox) -> None:
    env = cli_env(tmp_path, sandbox)
    seller = sandbox.seller
    wrong = f"{seller.client_id}\nnot-the-secret\n{seller.refresh_token}\n"
    result = run_cli(["connect", "amazon", "--own-app"], env, stdin=wrong)
    assert result.returncode == 1
    assert "client id or client secret" in result.stderr
    stored = json.loads((tmp_path / "keyring.json").read_text())
    assert all(name.endswith(":database-key") for name in stored)  # the data file's key only
    not_connected = run_cli(["import"], env)
    assert not_connected.returncode == 1
    assert "not connected" in not_connected.stderr


def test_revoked_authorization_gives_a_clear_failure(tmp_path: Path, sandbox) -> None:
    env = cli_env(tmp_path, sandbox)
    run_cli(["connect", "amazon", "--own-app"], env, stdin=seller_lines(sandbox))
    sandbox.lwa.revoke(sandbox.seller.refresh_token)
    result = run_cli(["import"], env)
    assert result.returncode == 1
    assert "revoked" in result.stderr and "Connect Amazon again" in result.stderr


def test_unreachable_amazon_fails_with_the_reason(tmp_path: Path, sandbox) -> None:
    env = cli_env(tmp_path, sandbox)
    run_cli(["connect", "amazon", "--own-app"], env, stdin=seller_lines(sandbox))
    env["SHIPDESK_LWA_ENDPOINT"] = "http://127.0.0.1:9"  # nothing listens on the discard port
    result = run_cli(["import"], env, timeout=180)
    assert result.returncode == 1
    assert "not reachable" in result.stderr


def test_import_killed_midway_loses_and_duplicates_nothing(tmp_path: Path, start_sandbox) -> None:
    # Every answer is slow, so the import is surely between pages when it is killed.
    sandbox = start_sandbox(
        orders=900,
        seed=21,
        time_scale=1000,
        fault_rate=1.0,
        fault_kinds=("slow",),
        slow_seconds=0.25,
    )
    env = cli_env(tmp_path, sandbox)
    sandbox.set_fault_rate(0)
    run_cli(["connect", "amazon", "--own-app"], env, stdin=seller_lines(sandbox))
    sandbox.set_fault_rate(1.0)
    process = subprocess.Popen(
        [sys.executable, "-m", "shipdesk", "import", "--marketplaces", "NL,BE,DE,FR"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in process.stderr:
        if line.startswith("page 3:"):
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    partial = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    assert 300 <= len(partial) < 800
    sandbox.set_fault_rate(0)
    finished = run_cli(["import", "--marketplaces", "NL,BE,DE,FR"], env)
    assert finished.returncode == 0, finished.stderr
    orders = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    ids = [o["orderId"] for o in orders]
    expected = {
        i for i, o in sandbox.amazon.orders.items() if o["fulfillment"]["fulfilledBy"] == "MERCHANT"
    }
    assert len(ids) == len(set(ids))
    assert set(ids) == expected


def test_connect_through_the_broker_with_a_typed_code(tmp_path: Path, sandbox) -> None:
    """--no-wait: the consent is given in a browser elsewhere, whose page shows the code that
    only this installation can complete with."""
    env = cli_env(tmp_path, sandbox, SHIPDESK_BROKER_URL=sandbox.urls["broker"])
    missing = run_cli(["connect", "amazon", "--no-wait"], env)
    assert missing.returncode == 1 and "--customer-number" in missing.stderr
    started = run_cli(["connect", "amazon", "--customer-number", "08500001", "--no-wait"], env)
    assert started.returncode == 0, started.stderr
    [url] = [line for line in started.stdout.splitlines() if "/apps/authorize/consent" in line]
    assert "--confirm --code CODE" in started.stdout and "never give it" in started.stdout
    not_yet = run_cli(["connect", "amazon", "--confirm"], env)
    assert not_yet.returncode == 1 and "--confirm --code CODE" in not_yet.stderr
    early = run_cli(["connect", "amazon", "--confirm", "--code", "ABCD-EFGH"], env)
    assert early.returncode == 1 and "Confirm it on Amazon's page first" in early.stderr
    page = sandbox.consent(url)
    code = re.search(r"class='code'>([0-9A-Z-]{9})<", page.text).group(1)
    wrong = run_cli(["connect", "amazon", "--confirm", "--code", "ZZZZ-ZZZZ"], env)
    assert wrong.returncode == 1 and "not right" in wrong.stderr
    confirmed = run_cli(["connect", "amazon", "--confirm", "--code", code], env)
    assert confirmed.returncode == 0, confirmed.stderr
    assert sandbox.seller.selling_partner_id in confirmed.stdout
    assert run_cli(["import"], env).returncode == 0
    assert run_cli(["connect", "amazon", "--disconnect"], env).returncode == 0
    refused = run_cli(["import"], env)
    assert refused.returncode == 1 and "not connected" in refused.stderr
    lone = run_cli(["connect", "amazon", "--code", code], env)
    assert lone.returncode == 2


def test_connect_amazon_waits_for_the_consent_to_come_back_to_it(tmp_path: Path, sandbox) -> None:
    """The normal way: the browser on this computer is sent back to the waiting command's
    loopback address, which completes the connection and says so in the browser."""
    env = cli_env(tmp_path, sandbox, SHIPDESK_BROKER_URL=sandbox.urls["broker"])
    waiting = subprocess.Popen(
        [sys.executable, "-m", "shipdesk", "connect", "amazon", "--customer-number", "08500001"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        url = ""
        for line in waiting.stdout:
            if "/apps/authorize/consent" in line:
                url = line.strip()
                break
        landed = sandbox.consent(url)
        assert landed.status_code == 200 and "ShipDesk is connected to Amazon" in landed.text
        out, err = waiting.communicate(timeout=60)
    finally:
        if waiting.poll() is None:
            waiting.kill()
            waiting.communicate()
    assert waiting.returncode == 0, err
    assert sandbox.seller.selling_partner_id in out


def test_address_split_for_support_staff(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    result = run_cli(["address", "split", "Kerkstraat 4-2 hoog", "--country", "NL", "--json"], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "street": "Kerkstraat",
        "number": "4",
        "addition": "2 hoog",
        "needsReview": False,
        "reason": "",
        "isPoBox": False,
    }
    po_box = json.loads(run_cli(["address", "split", "Postbus 5", "--json"], env).stdout)
    assert po_box["needsReview"] and "PO box" in po_box["reason"]
    two_lines = run_cli(["address", "split", "Hauptstraße", "7a", "--country", "DE", "--json"], env)
    assert json.loads(two_lines.stdout)["number"] == "7"


def test_connect_dhl_then_orders_carry_their_draft(tmp_path: Path, sandbox) -> None:
    env = cli_env(tmp_path, sandbox, SHIPDESK_DHL_ENDPOINT=sandbox.urls["dhl"])
    wrong = run_cli(["connect", "dhl"], env, stdin=f"{sandbox.dhl.user_id}\nnope\n")
    assert wrong.returncode == 1 and "API key" in wrong.stderr
    too_few = run_cli(["connect", "dhl"], env, stdin=f"{sandbox.dhl.user_id}\n")
    assert too_few.returncode == 1
    assert (
        "expected 2 lines on stdin (DHL user id, DHL API key); missing: DHL API key"
        in too_few.stderr
    )
    accounts = sandbox.dhl.account_numbers
    connected = run_cli(
        ["connect", "dhl", "--customer-number", accounts[1]],
        env,
        stdin=f"{sandbox.dhl.user_id}\n{sandbox.dhl.api_key}\n",
    )
    assert connected.returncode == 0, connected.stderr
    assert (
        accounts[0] in connected.stdout and f"linked to Amazon: {accounts[1]}" in connected.stdout
    )
    run_cli(["connect", "amazon", "--own-app"], env, stdin=seller_lines(sandbox))
    imported = run_cli(["import"], env)
    assert "; drafts: " in imported.stdout and imported.stdout.count("\n") == 1, imported.stdout
    orders = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    waiting = [o for o in orders if o["status"] in ("UNSHIPPED", "PARTIALLY_SHIPPED")]
    assert waiting and all(o["draft"] for o in waiting)
    assert all(o["draft"] is None for o in orders if o["status"] == "CANCELLED")
    draft = waiting[0]["draft"]
    assert {"receiver", "needsReview", "options", "parcelType", "warnings"} <= set(draft)
    assert {"street", "number", "addition"} <= set(draft["receiver"])
    assert draft["accountNumber"] == accounts[1]
    assert any(o["key"] == "REFERENCE2" for o in draft["options"])


def test_endpoints_set_in_the_settings_are_used_and_the_environment_wins(tmp_path, sandbox) -> None:
    """Support points an installation at other hosts without environment variables."""
    env = cli_env(tmp_path)  # no endpoint variables: the production defaults
    shown = run_cli(["endpoints"], env)
    assert shown.returncode == 0, shown.stderr
    assert "https://sellingpartnerapi-eu.amazon.com" in shown.stdout and "default" in shown.stdout

    refused = run_cli(["endpoints", "set", "lwa", "http://lwa.example.com"], env)
    assert refused.returncode != 0 and "https" in refused.stderr  # secrets never go over http
    for wrong in ("https://support:hunter2@api.example.com", "https://api.example.com:99999"):
        refused = run_cli(["endpoints", "set", "dhl", wrong], env)
        assert refused.returncode != 0 and "hunter2" not in run_cli(["endpoints"], env).stdout
    for name in ("amazon", "lwa"):
        stored = run_cli(["endpoints", "set", name, sandbox.urls[name] + "/"], env)
        assert stored.returncode == 0, stored.stderr
    lines = {line.split()[0]: line.split() for line in stored.stdout.splitlines()}
    assert lines["amazon"][1:] == [sandbox.urls["amazon"], "settings"]

    connected = run_cli(["connect", "amazon", "--own-app"], env, stdin=seller_lines(sandbox))
    assert connected.returncode == 0, connected.stderr  # checked at the stored LWA address
    imported = run_cli(["import"], env)
    assert imported.returncode == 0 and imported.stdout.startswith("Imported "), imported.stderr

    elsewhere = {**env, "SHIPDESK_AMAZON_ENDPOINT": "http://127.0.0.1:9"}
    amazon_line = run_cli(["endpoints"], elsewhere).stdout.splitlines()[0].split()
    assert amazon_line == ["amazon", "http://127.0.0.1:9", "environment"]
    assert run_cli(["endpoints", "reset", "amazon"], env).returncode == 0
    assert "default" in run_cli(["endpoints"], env).stdout.splitlines()[0]


def _cli(args: list[str], env: dict[str, str], wrap=None, timeout: float = 120):
    command = [sys.executable, "-m", "shipdesk", *args]
    return subprocess.run(
        wrap(command) if wrap else command,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "details in" not in result.stderr


@pytest.mark.parametrize("existing", [False, True], ids=["new", "with-data"])
def test_a_read_only_data_folder_is_named_with_what_to_do(tmp_path: Path, existing) -> None:
    from tests.support.disks import unprivileged, user_namespaces

    if user_namespaces():
        pytest.skip(user_namespaces())
    env = cli_env(tmp_path)
    folder = Path(env["SHIPDESK_DATA_DIR"])
    if existing:
        assert run_cli(["orders", "list", "--json"], env).returncode == 0
    else:
        folder.mkdir()
    folder.chmod(0o555)
    try:
        result = _cli(["orders", "list", "--json"], env, unprivileged)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert str(folder) in result.stderr and "cannot write" in result.stderr
    assert "--data-dir" in result.stderr
    _no_traceback(result)


def test_a_full_disk_is_said_as_such_and_nothing_is_lost(tmp_path: Path) -> None:
    from tests.support.disks import on_a_full_disk, user_namespaces

    if user_namespaces():
        pytest.skip(user_namespaces())
    env = cli_env(tmp_path)
    source = Path(env["SHIPDESK_DATA_DIR"])
    assert run_cli(["endpoints", "set", "dhl", "https://dhl.example"], env).returncode == 0
    full = tmp_path / "full"
    full.mkdir()
    command = [sys.executable, "-m", "shipdesk", "--data-dir", str(full)]
    result = subprocess.run(
        on_a_full_disk(
            str(full),
            [*command, "endpoints", "set", "amazon", "https://amazon.example"],
            size_kb=4096,
            keep=str(source),
        ),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 1, result.stderr
    assert "is full" in result.stderr and "nothing was lost" in result.stderr
    assert "damaged" not in result.stderr and "restore" not in result.stderr
    _no_traceback(result)


def test_a_data_folder_that_cannot_be_made_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = cli_env(tmp_path, SHIPDESK_DATA_DIR=str(blocker / "data"))
    result = run_cli(["orders", "list", "--json"], env)
    assert result.returncode == 1
    assert str(blocker / "data") in result.stderr and "cannot write" in result.stderr
    _no_traceback(result)


def test_a_data_folder_that_is_a_file_is_said_to_be_one(tmp_path: Path) -> None:
    blocker = tmp_path / "shop"
    blocker.write_text("not a folder")
    result = run_cli(["orders", "list"], cli_env(tmp_path, SHIPDESK_DATA_DIR=str(blocker)))
    assert result.returncode == 1
    assert f"data folder {blocker} is a file, not a folder" in result.stderr
    assert blocker.read_text() == "not a folder"  # left as it was
    _no_traceback(result)


def test_text_that_would_act_on_the_terminal_is_printed_escaped(tmp_path: Path) -> None:
    """An address with an ANSI escape or a right-to-left override never acts on the terminal:
    split without them and named for review; in text that keeps them, they print escaped."""
    env = cli_env(tmp_path)
    line = "Kerkstraat 12\x1b[2J\u202eA"
    result = run_cli(["address", "split", line, "--country", "NL"], env)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "CHECK: Characters nobody can see were taken out (U+001B U+202E)" in result.stdout
    as_json = run_cli(["address", "split", line, "--country", "NL", "--json"], env)
    assert "\x1b" not in as_json.stdout and "\u202e" not in as_json.stdout
    json.loads(as_json.stdout)  # still valid JSON


def test_address_split_flags_what_nobody_can_see_and_never_echoes_it(tmp_path: Path) -> None:
    result = run_cli(
        ["address", "split", "Kerkstraat 12\x1b[31mA", "--country", "NL", "--json"],
        cli_env(tmp_path),
    )
    assert result.returncode == 0 and "\x1b" not in result.stdout
    split = json.loads(result.stdout)
    assert (split["street"], split["number"], split["addition"]) == ("Kerkstraat", "12", "A")
    assert split["needsReview"] and "U+001B" in split["reason"]


def test_packing_slips_name_unknown_orders_skip_cancelled_ones_and_count_each_once(
    tmp_path: Path, sandbox
) -> None:
    env = cli_env(tmp_path, sandbox)
    run_cli(["connect", "amazon", "--own-app"], env, stdin=seller_lines(sandbox))
    sender = [
        "sender",
        "add",
        "--company",
        "De Mok",
        "--street",
        "Oudegracht",
        "--number",
        "112",
        "--postcode",
        "3511 AW",
        "--city",
        "Utrecht",
        "--country",
        "NL",
    ]
    assert run_cli(sender, env).returncode == 0
    assert run_cli(["import"], env).returncode == 0
    orders = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    open_one = next(o["orderId"] for o in orders if o["status"] == "UNSHIPPED")
    cancelled = next(o["orderId"] for o in orders if o["status"] == "CANCELLED")
    out = tmp_path / "slips.pdf"
    unknown = run_cli(["packing-slips", open_one, "999-0000000-0000000", "--out", str(out)], env)
    assert unknown.returncode == 1 and "no such order here: 999-0000000-0000000" in unknown.stderr
    assert not out.exists()  # nothing written for a half-wrong request
    made = run_cli(["packing-slips", open_one, open_one, cancelled, "--out", str(out)], env)
    assert made.returncode == 0, made.stderr
    assert f"{cancelled}: cancelled at Amazon, do not ship it" in made.stderr
    assert "Wrote 1 packing slip to" in made.stdout and out.read_bytes().startswith(b"%PDF")
    only_cancelled = run_cli(["packing-slips", cancelled, "--out", str(out)], env)
    assert (
        only_cancelled.returncode == 1
        and "every order named was cancelled" in only_cancelled.stderr
    )


def test_labels_create_given_wrongly_is_a_usage_error(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    nothing = run_cli(["labels", "create"], env)
    assert nothing.returncode == 2 and "name the orders, or use --all-drafts" in nothing.stderr
    for bad in ("0", "-3", "many", "99"):
        result = run_cli(["labels", "create", "--all-drafts", "--concurrency", bad], env)
        assert result.returncode == 2 and "--concurrency" in result.stderr, bad


@pytest.mark.parametrize("with_backup", [True, False])
def test_a_damaged_data_file_says_what_to_restore_or_that_there_is_nothing(
    tmp_path: Path, with_backup: bool
) -> None:
    env = cli_env(tmp_path)
    assert run_cli(["orders", "list"], env).returncode == 0  # made, with its schema
    data = Path(env["SHIPDESK_DATA_DIR"])
    database = data / "shipdesk.sqlite3"
    for made in (data / "backups").iterdir():  # the first command's daily copy
        made.unlink()
    if with_backup:
        shutil.copy(database, data / "backups" / "shipdesk-20261201-120000.sqlite3")
    for extra in ("-wal", "-shm"):
        Path(f"{database}{extra}").unlink(missing_ok=True)
    database.write_bytes(b"this is not a database file at all" * 200)
    result = run_cli(["orders", "list"], env)
    assert result.returncode == 1 and "is damaged" in result.stderr
    if with_backup:
        assert "restore the newest copy" in result.stderr and "shipdesk-20261201" in result.stderr
    else:
        assert "There is no copy of it in" in result.stderr and "restore" not in result.stderr
    _no_traceback(result)


def _dhl_shop(tmp_path: Path, sandbox) -> tuple[dict[str, str], list[dict]]:
    """A data folder connected to the sandbox's Amazon and DHL, with a sender, imported."""
    env = cli_env(tmp_path, sandbox, SHIPDESK_DHL_ENDPOINT=sandbox.urls["dhl"])
    lines = f"{sandbox.dhl.user_id}\n{sandbox.dhl.api_key}\n"
    assert run_cli(["connect", "dhl"], env, stdin=lines).returncode == 0
    assert (
        run_cli(["connect", "amazon", "--own-app"], env, stdin=seller_lines(sandbox)).returncode
        == 0
    )
    sender = ["sender", "add", "--company", "De Mok", "--street", "Oudegracht", "--number",
              "112", "--postcode", "3511 AW", "--city", "Utrecht", "--country", "NL"]  # fmt: skip
    assert run_cli(sender, env).returncode == 0
    imported = run_cli(["import"], env)
    assert imported.returncode == 0, imported.stderr
    return env, json.loads(run_cli(["orders", "list", "--json"], env).stdout)


def test_labels_create_says_why_each_named_order_is_skipped(tmp_path: Path, sandbox) -> None:
    env, orders = _dhl_shop(tmp_path, sandbox)
    state = {o["orderId"]: (o["draft"] or {}).get("state") for o in orders}
    draft, to_make = [o for o, s in state.items() if s == "draft"][:2]
    review = next(o for o in orders if (o["draft"] or {}).get("state") == "needs_review")
    cancelled = next(o["orderId"] for o in orders if o["status"] == "CANCELLED")
    shipped = next(o["orderId"] for o in orders if o["status"] == "SHIPPED" and not o["draft"])
    assert run_cli(["labels", "create", to_make], env).returncode == 0
    unknown = "999-0000000-0000000"
    named = [draft, to_make, review["orderId"], cancelled, shipped, unknown]
    result = run_cli(["labels", "create", *named], env)
    assert result.returncode == 0, result.stderr
    assert "Labels: 1 created, 0 failed, 5 skipped." in result.stdout
    said = dict(
        line.split(": skipped: ", 1) for line in result.stderr.splitlines() if ": skipped: " in line
    )
    assert set(said) == set(named) - {draft}  # each skipped order once, with its reason
    assert said[unknown].startswith("no such order here")
    assert said[cancelled] == "the order was cancelled at Amazon; do not ship it"
    assert said[to_make].startswith("its label is already made (made, not printed yet)")
    assert said[shipped].startswith("no draft: the order is not waiting to be shipped (Amazon has")
    # What to fix, in words, not codes.
    assert said[review["orderId"]].startswith("its draft needs review: ")
    assert "Fix it in the app (Orders tab" in said[review["orderId"]]
    for notice in review["draft"]["review"]:
        assert notice["code"] not in said[review["orderId"]]
    assert "_" not in said[review["orderId"]].split(". Fix")[0]
    # Void says in words why a label that was never made cannot be voided.
    not_made = run_cli(["labels", "void", review["orderId"]], env)
    assert not_made.returncode == 1
    assert f"{review['orderId']}: not voided: it has no label yet: its draft needs review" in (
        not_made.stderr
    )
    assert "needs_review" not in not_made.stderr
    listed = {
        o["orderId"]: o for o in json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    }
    assert listed[cancelled]["draft"] is None  # nothing made for what was skipped
    assert listed[draft]["draft"]["state"] == "created"


def test_orders_list_names_each_labels_carrier_in_its_own_column(tmp_path: Path, sandbox) -> None:
    env, orders = _dhl_shop(tmp_path, sandbox)
    made = next(o["orderId"] for o in orders if (o["draft"] or {}).get("state") == "draft")
    assert run_cli(["labels", "create", made], env).returncode == 0
    lines = run_cli(["orders", "list"], env).stdout.splitlines()
    header = lines[0]
    assert header.split()[:8] == [
        "ORDER",
        "DATE",
        "STATE",
        "SHIP",
        "BY",
        "TO",
        "CARRIER",
        "TRACKING",
    ]
    start = header.index("CARRIER")
    end = header.index("TRACKING")
    rows = {line.split()[0]: line for line in lines[2:-1]}
    # Every row's carrier sits under the header, blank where an order has no label.
    carriers = {o: row[start:end].strip() for o, row in rows.items()}
    assert carriers[made] == "dhl"
    without = next(o["orderId"] for o in orders if o["draft"] is None)
    assert carriers[without] == ""
    assert set(carriers.values()) == {"dhl", ""}
    tracking = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    number = next(o["trackingNumbers"][0] for o in tracking if o["orderId"] == made)
    assert rows[made][end:].startswith(number)  # the columns after it still line up


def test_out_into_a_folder_that_is_not_there_is_refused(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    missing = tmp_path / "no-such-folder" / "labels.pdf"
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    cases = [
        (["print", "labels", "--out", str(missing)], f"the folder {missing.parent} does not exist"),
        (["packing-slips", "--out", str(missing)], f"the folder {missing.parent} does not exist"),
        (["print", "labels", "--out", str(a_file / "x.pdf")], f"{a_file} is a file, not a folder"),
        (["packing-slips", "--out", str(tmp_path)], "is a folder; name a file in it"),
    ]
    for args, said in cases:
        result = run_cli(args, env)
        assert result.returncode == 2, (args, result.stderr)
        assert said in result.stderr and "--out" in result.stderr
        _no_traceback(result)
    assert not missing.parent.exists()  # no folder made behind the owner's back
    assert a_file.read_text() == "not a folder"
