"""The headless commands a shop runs without the window: the sender address book, the
shipping options as a file, a readable order list, and secrets without a system keychain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shipdesk.paths import resolve_paths
from shipdesk.services import shipping_settings
from shipdesk.services.context import open_context
from tests.conftest import REPO, cli_env, run_cli

ADD = [
    "sender", "add", "--company", "Webwinkel De Mok", "--street", "Oudegracht", "--number",
    "112", "--postcode", "3511aw", "--city", "Utrecht", "--country", "nl",
]  # fmt: skip


def test_sender_add_list_default_and_remove(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    first = run_cli(ADD, env)
    assert first.returncode == 0, first.stderr
    assert "Sender address 1 added (the default)." in first.stdout
    second = run_cli([*ADD[:3], "Magazijn", *ADD[4:], "--phone", "030 123 4567"], env)
    assert "Sender address 2 added." in second.stdout
    listed = json.loads(run_cli(["sender", "list", "--json"], env).stdout)
    assert [(a["id"], a["default"], a["postalCode"], a["countryCode"]) for a in listed] == [
        (1, True, "3511 AW", "NL"),  # written as the post writes it
        (2, False, "3511 AW", "NL"),
    ]
    assert run_cli(["sender", "default", "2"], env).returncode == 0
    ctx = open_context(resolve_paths(env["SHIPDESK_DATA_DIR"]))
    # Every carrier prints it from now on.
    assert {shipping_settings.load(ctx, key).sender_id for key in ("dhl", "gls")} == {2}
    table = run_cli(["sender", "list"], env).stdout
    assert table.splitlines()[0].split() == ["ID", "DEFAULT", "NAME", "ADDRESS"]
    assert [line.split()[:2] for line in table.splitlines()[2:]] == [["1", "Webwinkel"], ["2", "*"]]
    assert run_cli(["sender", "remove", "2"], env).returncode == 0
    assert [a["id"] for a in json.loads(run_cli(["sender", "list", "--json"], env).stdout)] == [1]
    gone = run_cli(["sender", "default", "7"], env)
    assert gone.returncode == 1 and "no sender address 7" in gone.stderr


def test_a_sender_the_carrier_would_refuse_is_not_saved(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    long_street = ["--street", "Oudegracht aan de Werf bij de Bakkerbrug ter hoogte van"]
    result = run_cli([*ADD[:4], *long_street, ADD[6], "12a", *ADD[8:]], env)
    assert result.returncode == 1
    assert "--street is longer than 40 characters" in result.stderr
    assert "--number may hold digits only" in result.stderr
    nameless = [*ADD[:2], *ADD[4:]]  # neither --name nor --company
    missing = run_cli(nameless, env)
    assert missing.returncode == 1 and "give --name or --company" in missing.stderr
    assert json.loads(run_cli(["sender", "list", "--json"], env).stdout) == []
    usage = run_cli(["sender", "add", "--street", "Oudegracht"], env)
    assert usage.returncode == 2 and "--number" in usage.stderr


def test_shipping_options_move_to_another_pc_and_say_what_changed(tmp_path: Path) -> None:
    here = cli_env(tmp_path / "here")
    there = cli_env(tmp_path / "there")
    assert run_cli(ADD, here).returncode == 0
    from shipdesk.domain.shipping import ShippingSettings
    from shipdesk.paths import resolve_paths
    from shipdesk.services import shipping_settings

    ctx = open_context(resolve_paths(here["SHIPDESK_DATA_DIR"]))
    current = shipping_settings.load(ctx)
    shipping_settings.save(
        ctx,
        ShippingSettings(
            sender_id=current.sender_id,
            default_services=("NBB",),
            parcel_type="MEDIUM",
            weight_kg=2.5,
        ),
    )
    shipping_settings.acknowledge(ctx, ("default_service_impossible", "NBB", "DE"))
    exported = tmp_path / "settings.json"
    result = run_cli(["shipping-options", "export", str(exported)], here)
    assert result.returncode == 0 and "(1 sender address)" in result.stdout
    data = json.loads(exported.read_text())
    assert (data["format"], data["version"]) == ("shipdesk-shipping-options", 2)

    imported = run_cli(["shipping-options", "import", str(exported)], there)
    assert imported.returncode == 0, imported.stderr
    said = imported.stdout
    assert 'dhl default_services: [] -> ["NBB"]' in said and "dhl parcel_type" in said
    assert "sender added: Webwinkel De Mok, Oudegracht 112, 3511 AW Utrecht, NL (default)" in said
    assert "warning turned off: default_service_impossible NBB DE" in said
    again = run_cli(["shipping-options", "export", str(tmp_path / "again.json")], there)
    assert again.returncode == 0
    assert json.loads((tmp_path / "again.json").read_text()) == data  # the same, by value
    assert "nothing changed" in run_cli(["shipping-options", "import", str(exported)], there).stdout


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("not json", "is not valid JSON"),
        ('{"format": "something else"}', "not a ShipDesk shipping-options file"),
        ('{"format": "shipdesk-shipping-options", "version": 9}', "made by a newer ShipDesk"),
        (
            '{"format": "shipdesk-shipping-options", "version": 1, "settings": {},'
            ' "senders": [{"name": "X", "street": "S", "number": "1a", "postal_code": "1",'
            ' "city": "C", "country_code": "NL"}]}',
            "sender address 1 cannot go on a label",
        ),
    ],
)
def test_a_bad_settings_file_imports_nothing(tmp_path: Path, content: str, said: str) -> None:
    env = cli_env(tmp_path)
    assert run_cli(ADD, env).returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = run_cli(["shipping-options", "import", str(bad)], env)
    assert result.returncode == 1 and said in result.stderr
    assert len(json.loads(run_cli(["sender", "list", "--json"], env).stdout)) == 1  # kept


def test_without_a_keychain_the_way_out_is_named(tmp_path: Path) -> None:
    env = cli_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = run_cli(["connect", "dhl"], env, stdin="user\nkey\n")
    assert result.returncode == 1
    assert "No system keychain is available" in result.stderr
    assert "shipdesk.keyring_file.EncryptedFileKeyring" in result.stderr
    assert "SHIPDESK_KEYRING_PASSPHRASE" in result.stderr


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (
            {"PYTHON_KEYRING_BACKEND": "no.such.Backend"},
            "PYTHON_KEYRING_BACKEND names 'no.such.Backend', which cannot be loaded",
        ),
        (
            {
                "PYTHON_KEYRING_BACKEND": "shipdesk.keyring_file.EncryptedFileKeyring",
                "SHIPDESK_KEYRING_PASSPHRASE": "short",
            },
            "ShipDesk's encrypted keyring file cannot be used: SHIPDESK_KEYRING_PASSPHRASE must",
        ),
    ],
)
def test_a_keyring_that_cannot_be_used_is_named_plainly(tmp_path: Path, extra, said) -> None:
    env = cli_env(tmp_path, **extra, SHIPDESK_KEYRING_FILE=str(tmp_path / "k.enc"))
    result = run_cli(["connect", "dhl"], env, stdin="user\nkey\n")
    assert result.returncode == 1 and said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (
            {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
            "shipdesk: No system keychain is available on this machine. To keep ShipDesk's "
            "secrets in an encrypted file instead, set PYTHON_KEYRING_BACKEND=",
        ),
        (
            {
                "PYTHON_KEYRING_BACKEND": "shipdesk.keyring_file.EncryptedFileKeyring",
                "SHIPDESK_KEYRING_PASSPHRASE": "short",
            },
            "shipdesk: ShipDesk's encrypted keyring file cannot be used: "
            "SHIPDESK_KEYRING_PASSPHRASE must",
        ),
    ],
)
def test_a_command_that_meets_no_keychain_says_so_in_one_line(tmp_path: Path, extra, said) -> None:
    """Not only `connect`: any command that reaches the keychain (here a disconnect, which
    asks for no secret) says it plainly with the way out, not as an unexpected error."""
    env = cli_env(tmp_path, **extra, SHIPDESK_KEYRING_FILE=str(tmp_path / "k.enc"))
    result = run_cli(["connect", "dhl", "--disconnect"], env)
    assert result.returncode == 1
    assert result.stderr.startswith(said), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr


def test_the_encrypted_keyring_file_keeps_secrets_across_commands(tmp_path, sandbox) -> None:
    env = cli_env(
        tmp_path,
        PYTHON_KEYRING_BACKEND="shipdesk.keyring_file.EncryptedFileKeyring",
        SHIPDESK_KEYRING_PASSPHRASE="correct horse battery staple",
        SHIPDESK_KEYRING_FILE=str(tmp_path / "secrets" / "keyring.enc"),
        SHIPDESK_DHL_ENDPOINT=sandbox.urls["dhl"],
    )
    lines = f"{sandbox.dhl.user_id}\n{sandbox.dhl.api_key}\n"
    connected = run_cli(["connect", "dhl"], env, stdin=lines)
    assert connected.returncode == 0, connected.stderr
    stored = tmp_path / "secrets" / "keyring.enc"
    assert sandbox.dhl.api_key.encode() not in stored.read_bytes()
    assert stored.stat().st_mode & 0o077 == 0  # the account's own
    # A later command opens it with the passphrase (a store reads the file, then writes it).
    assert run_cli(["connect", "dhl"], env, stdin=lines).returncode == 0
    wrong = run_cli(
        ["connect", "dhl"], {**env, "SHIPDESK_KEYRING_PASSPHRASE": "not the passphrase"}, lines
    )
    assert wrong.returncode == 1 and "does not open" in wrong.stderr
    assert sandbox.dhl.api_key.encode() not in stored.read_bytes()
    short = run_cli(["connect", "dhl"], {**env, "SHIPDESK_KEYRING_PASSPHRASE": "short"}, lines)
    assert short.returncode == 1 and "at least 12 characters" in short.stderr


def test_orders_list_reads_as_a_table_and_ends_quietly_in_a_pipe(tmp_path, sandbox) -> None:
    env = cli_env(tmp_path, sandbox)
    seller = sandbox.seller
    lines = f"{seller.client_id}\n{seller.client_secret}\n{seller.refresh_token}\n"
    assert run_cli(["connect", "amazon", "--own-app"], env, stdin=lines).returncode == 0
    assert run_cli(["import"], env).returncode == 0
    listed = run_cli(["orders", "list"], env)
    assert listed.returncode == 0
    head = listed.stdout.splitlines()
    assert head[0].split()[:3] == ["ORDER", "DATE", "STATE"]
    assert head[-1].endswith("orders.")
    piped = subprocess.run(
        f"{sys.executable} -m shipdesk orders list | head -n 3",
        shell=True,
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.returncode == 0 and len(piped.stdout.splitlines()) == 3
    assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr
    assert os.environ.get("SHIPDESK_DATA_DIR") is None  # nothing leaked into this process


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (["--street", "Oudegracht\u202e"], "--street holds characters nobody can see"),
        (["--country", "XX"], "--country is not a country code"),
        (
            ["--postcode", "3511"],
            "--postcode is not written as the post of that country writes postcodes (NL: for "
            "example 1234 AB)",
        ),
        (["--number", "0"], "--number cannot be 0"),
        (["--email", "info@"], "--email is not an e-mail address"),
        (["--phone", "call me"], "--phone is not a phone number"),
    ],
)
def test_a_sender_no_carrier_would_print_is_refused(tmp_path: Path, change, said) -> None:
    env = cli_env(tmp_path)
    flag = change[0]
    args = list(ADD)
    if flag in args:
        args[args.index(flag) + 1] = change[1]
    else:
        args += change
    result = run_cli(args, env)
    assert result.returncode == 1 and said in result.stderr, result.stderr
    assert "\u202e" not in result.stderr  # never echoed to the terminal as it is
    assert json.loads(run_cli(["sender", "list", "--json"], env).stdout) == []


def test_tables_stay_aligned_when_a_cell_holds_what_prints_as_an_escape() -> None:
    from shipdesk.commands.common import table

    text = table([["1", "Utrecht\u202e", "x"], ["22", "Amsterdam", "y"]], ["ID", "CITY", "Z"])
    lines = text.splitlines()
    assert "\u202e" not in text and "Utrecht\\u202e" in text
    assert len({line.index(line.split()[-1]) for line in lines[2:]}) == 1  # "Z" column lines up


@pytest.mark.parametrize(
    ("country", "postcode", "example"),
    [("NL", "35111", "(NL: for example 1234 AB)"), ("DE", "3511", "(DE: for example 10115)"),
     ("GB", "12345", "(GB: for example SW1A 1AA)")],
)  # fmt: skip
def test_a_refused_postcode_shows_how_that_country_writes_one(
    tmp_path: Path, country: str, postcode: str, example: str
) -> None:
    args = list(ADD)
    args[args.index("--postcode") + 1] = postcode
    args[args.index("--country") + 1] = country
    result = run_cli(args, cli_env(tmp_path))
    assert result.returncode == 1
    assert f"--postcode is not written as the post of that country writes postcodes {example}" in (
        result.stderr
    )


def test_every_postcode_example_is_written_as_its_country_checks() -> None:
    from shipdesk.domain.countries import (
        POSTAL_CODE_EXAMPLES,
        POSTAL_CODE_PATTERNS,
        postal_code_ok,
    )

    assert set(POSTAL_CODE_EXAMPLES) == set(POSTAL_CODE_PATTERNS)
    assert [c for c, code in POSTAL_CODE_EXAMPLES.items() if not postal_code_ok(c, code)] == []
