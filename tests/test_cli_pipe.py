"""`shipdesk orders list | head -1` ends quietly: no traceback, no "Exception ignored", and the
exit code a shell gives a program that SIGPIPE ended (141), through a real pipe."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env, run_cli

PIPE_CAPACITY = 65_536  # Linux's default: more than this and the writer must meet a closed pipe


@pytest.fixture(scope="module")
def many_orders(tmp_path_factory) -> dict[str, str]:
    """A data folder with enough orders that the list is larger than a pipe holds."""
    from shipdesk.sandbox.server import Sandbox, SandboxOptions

    tmp_path = tmp_path_factory.mktemp("pipe")
    with Sandbox(SandboxOptions(orders=1600, seed=5, time_scale=1000)) as sandbox:
        env = cli_env(tmp_path, sandbox)
        seller = sandbox.seller
        lines = f"{seller.client_id}\n{seller.client_secret}\n{seller.refresh_token}\n"
        assert run_cli(["connect", "amazon", "--own-app"], env, stdin=lines).returncode == 0
        imported = run_cli(["import"], env, timeout=600)
        assert imported.returncode == 0, imported.stderr
    return env


def piped(env: dict[str, str], command: str, reader: str) -> tuple[str, int, str]:
    """`shipdesk COMMAND | READER` in bash: the reader's output, shipdesk's exit code and what
    shipdesk wrote to stderr."""
    result = subprocess.run(
        [
            "bash",
            "-c",
            f'"{sys.executable}" -m shipdesk {command} 2>shipdesk.err | {reader}; '
            'echo "exit ${PIPESTATUS[0]}"',
        ],
        env=env,
        cwd=Path(env["SHIPDESK_DATA_DIR"]).parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    *shown, status = result.stdout.splitlines()
    errors = (Path(env["SHIPDESK_DATA_DIR"]).parent / "shipdesk.err").read_text()
    return "\n".join(shown), int(status.removeprefix("exit ")), errors


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("bash"), reason="needs bash")
@pytest.mark.parametrize(
    ("command", "reader"),
    [("orders list", "head -1"), ("orders list --json", "head -1"), ("orders list", "true")],
)
def test_a_reader_that_stops_early_ends_the_list_quietly(many_orders, command, reader) -> None:
    whole = run_cli(command.split(), many_orders)
    assert whole.returncode == 0 and len(whole.stdout.encode()) > PIPE_CAPACITY
    shown, status, errors = piped(many_orders, command, reader)
    assert errors == ""  # no traceback, no "Exception ignored in ... BrokenPipeError"
    assert status == 141  # 128 + SIGPIPE, as `yes | head -1` gives
    if reader == "head -1":
        assert shown == whole.stdout.splitlines()[0]


def test_a_reader_that_reads_everything_changes_nothing(many_orders) -> None:
    shown, status, errors = piped(many_orders, "orders list", "cat")
    assert status == 0 and errors == ""
    assert shown.splitlines()[-1].endswith("orders.")
