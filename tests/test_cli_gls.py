"""GLS from the terminal: `connect gls` → `sender add` → `import` → `labels create
--all-drafts` → `upload-tracking`, against the sandbox; Amazon then has each package with
carrier GLS and its parcel number. And the owner's commands for an unclear or voided label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shipdesk.paths import resolve_paths
from shipdesk.services import carrier_account
from shipdesk.services.context import open_context
from tests.conftest import cli_env, run_cli

ADD_SENDER = [
    "sender",
    "add",
    "--company",
    "Webwinkel De Mok",
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
    "--default",
]


@pytest.fixture
def gls_env(tmp_path: Path, start_sandbox):
    sandbox = start_sandbox(orders=25, seed=11, time_scale=1000)
    env = cli_env(tmp_path, sandbox, SHIPDESK_GLS_ENDPOINT=sandbox.urls["gls"])
    seller = sandbox.seller
    amazon = run_cli(
        ["connect", "amazon", "--own-app"],
        env,
        stdin=f"{seller.client_id}\n{seller.client_secret}\n{seller.refresh_token}\n",
    )
    assert amazon.returncode == 0, amazon.stderr
    return sandbox, env


def connect_gls(sandbox, env, *extra: str, key: str | None = None):
    gls = sandbox.describe()["credentials"]["gls"]
    key = gls["subscriptionKey"] if key is None else key
    return run_cli(
        ["connect", "gls", *extra], env, stdin=f"{gls['username']}\n{gls['password']}\n{key}\n"
    )


def test_connect_gls_to_tracking_at_amazon_from_the_terminal(gls_env) -> None:
    sandbox, env = gls_env
    customer = sandbox.gls.customer_numbers[1]
    connected = connect_gls(sandbox, env, "--customer-number", customer)
    assert connected.returncode == 0, connected.stderr
    assert (
        "GLS NL connected" in connected.stdout and f"labels made on {customer}" in connected.stdout
    )
    assert run_cli(ADD_SENDER, env).returncode == 0
    imported = run_cli(["import"], env)
    assert imported.returncode == 0, imported.stderr
    created = run_cli(["labels", "create", "--all-drafts"], env)
    assert created.returncode == 0, created.stderr
    orders = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    labelled = [o for o in orders if o["draft"] and o["draft"]["state"] == "created"]
    assert labelled and {o["draft"]["carrier"] for o in labelled} == {"gls"}
    # Made on the chosen customer number: every parcel number starts with it.
    assert all(o["trackingNumbers"][0].startswith(customer) for o in labelled)
    uploaded = run_cli(["upload-tracking"], env)
    assert uploaded.returncode == 0, uploaded.stderr
    assert f"Tracking: {len(labelled)} confirmed" in uploaded.stdout
    after = {o["orderId"]: o for o in json.loads(run_cli(["orders", "list", "--json"], env).stdout)}
    assert {after[o["orderId"]]["trackingToAmazon"] for o in labelled} == {"sent"}
    at_amazon = {c.order_id: c for c in sandbox.amazon.confirmations}
    for order in labelled:
        confirmation = at_amazon[order["orderId"]]
        assert (confirmation.carrier_code, confirmation.carrier) == ("GLS", "GLS")
        assert confirmation.tracking_number == order["trackingNumbers"][0]
    assert len(sandbox.amazon.confirmations) == len(labelled)


def test_connect_gls_says_what_is_wrong(gls_env) -> None:
    sandbox, env = gls_env
    wrong = run_cli(["connect", "gls"], env, stdin="someone\nwrong\n\n")
    assert wrong.returncode == 1 and "username or password" in wrong.stderr
    key = sandbox.gls.require_subscription_key()
    keyless = connect_gls(sandbox, env, key="")
    assert keyless.returncode == 1 and "subscription key" in keyless.stderr
    assert "missing subscription key" in keyless.stderr
    unknown = connect_gls(sandbox, env, "--customer-number", "12345678", key=key)
    assert unknown.returncode == 1 and "not one of this account's numbers" in unknown.stderr
    assert "Nothing was stored" in unknown.stderr
    ctx = open_context(resolve_paths(env["SHIPDESK_DATA_DIR"]))
    assert carrier_account.status(ctx, "gls").state == carrier_account.NOT_CONNECTED
    too_few = run_cli(["connect", "gls"], env, stdin="only-a-username\n")
    assert too_few.returncode == 1
    # As GLS declares its credentials: two required, the subscription key optional.
    assert (
        "expected 2 lines on stdin (MyGLS username, MyGLS password) and an optional third "
        "(GLS subscription key, an empty line when none); missing: MyGLS password"
    ) in too_few.stderr
    empty_password = run_cli(["connect", "gls"], env, stdin="someone\n\nkey\n")
    assert empty_password.returncode == 1 and "missing: MyGLS password" in empty_password.stderr
    assert carrier_account.status(ctx, "gls").state == carrier_account.NOT_CONNECTED


def test_connect_gls_help_says_where_the_secrets_go(tmp_path: Path) -> None:
    result = run_cli(["connect", "gls", "--help"], cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())  # as argparse wraps it
    assert "the GLS subscription key if any" in text
    assert (
        "stores them in the OS keychain (Windows Credential Manager, macOS Keychain, or the "
        "Secret Service on Linux, such as GNOME Keyring), or in ShipDesk's encrypted keyring "
        "file when PYTHON_KEYRING_BACKEND chooses it"
    ) in text
    assert "system keychain" not in text


def test_void_and_the_unclear_commands(gls_env) -> None:
    sandbox, env = gls_env
    assert connect_gls(sandbox, env).returncode == 0
    assert run_cli(ADD_SENDER, env).returncode == 0
    assert run_cli(["import"], env).returncode == 0
    orders = json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    first, second = [o["orderId"] for o in orders if o["draft"] and o["draft"]["state"] == "draft"][
        :2
    ]
    assert run_cli(["labels", "create", first], env).returncode == 0
    voided = run_cli(["labels", "void", first], env)
    assert voided.returncode == 0, voided.stderr
    assert f"{first}: deleted at GLS; a new draft is ready." in voided.stdout
    assert sandbox.gls.live_units(first) == []
    again = run_cli(["labels", "void", first], env)
    assert again.returncode == 1
    assert f"{first}: not voided: it has no label yet, only a draft" in again.stderr
    unknown = run_cli(["labels", "void", "999-0000000-0000000"], env)
    assert unknown.returncode == 1 and "no such order here: 999-0000000-0000000" in unknown.stderr

    # A Create whose answer is lost, and a search that cannot tell yet: held for the owner.
    sandbox.gls.search_before_scan = False
    sandbox.faults.kinds = ("drop",)
    sandbox.faults.only_paths = ("/Label/Create",)
    sandbox.set_fault_rate(1.0)
    held = run_cli(["labels", "create", second], env)
    sandbox.set_fault_rate(0)
    assert held.returncode == 1 and "MyGLS" in held.stderr
    assert "shipdesk labels mark-made ORDER PARCEL_NUMBER" in held.stderr
    [unit] = sandbox.gls.live_units(second)
    not_unclear = run_cli(["labels", "make-again", first], env)
    assert not_unclear.returncode == 1 and "only labels shown as unclear" in not_unclear.stderr
    bad = run_cli(["labels", "mark-made", second, "ABC"], env)
    assert bad.returncode == 1 and "not a GLS parcel number" in bad.stderr
    made = run_cli(["labels", "mark-made", second, unit.unit_no], env)
    assert made.returncode == 0 and "print it from MyGLS" in made.stdout
    listed = {
        o["orderId"]: o for o in json.loads(run_cli(["orders", "list", "--json"], env).stdout)
    }
    assert listed[second]["trackingNumbers"] == [unit.unit_no]
    assert len(sandbox.gls.live_units(second)) == 1
    # Marked made, ShipDesk has no document of it: the print says so, whatever the verbosity.
    out = Path(env["SHIPDESK_DATA_DIR"]).parent / "x.pdf"
    printed = run_cli(["print", "labels", second, "--out", str(out)], env)
    assert printed.returncode == 1
    assert f"{second}: not printed, ShipDesk has no document of it" in printed.stderr
