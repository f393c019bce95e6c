"""`shipdesk --self-test`: what CI runs on the frozen bundle, here from source."""

from __future__ import annotations

import keyring.backend

from shipdesk.keychain import MemoryKeyring
from tests.conftest import cli_env, run_cli
from tests.support.file_keyring import FileKeyring

CHECKS = (
    "version",
    "resources",
    "database",
    "keychain",
    "qt",
    "translations",
    "window",
    "licences",
    "qtpdf",
    "printers",
)


def lines_by_check(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        parts = line.split(maxsplit=2)
        if len(parts) == 3 and parts[0] in ("ok", "warn", "FAIL"):
            found[parts[1]] = parts[0]
    return found


def test_self_test_passes_on_a_working_installation(tmp_path) -> None:
    result = run_cli(["--self-test"], cli_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    status = lines_by_check(result.stdout)
    assert set(CHECKS) <= set(status)
    assert status["window"] == status["database"] == status["qtpdf"] == "ok"
    assert status["keychain"] == "ok"  # the test keyring answers like a real keychain
    assert status["translations"] == "ok"  # the .qm is built before the tests run
    assert "self-test passed" in result.stdout.splitlines()[-1]
    assert not list((tmp_path / "cli-data").glob("*.sqlite3"))  # a temporary folder was used


def test_self_test_names_what_is_broken(tmp_path) -> None:
    blocked = tmp_path / "data-is-a-file"
    blocked.write_text("not a folder")
    result = run_cli(["--self-test", "--data-dir", str(blocked)], cli_env(tmp_path))
    assert result.returncode == 1
    status = lines_by_check(result.stdout)
    assert status["database"] == "FAIL" and status["window"] == "FAIL"
    assert status["qtpdf"] == "ok"  # the other checks still ran
    assert "self-test FAILED (database, window)" in result.stdout


def test_in_memory_keyrings_are_never_chosen_by_keyring_itself() -> None:
    """With no keychain, keyring must fall back to its failing backend (so the app can say so),
    not pick one of ours at random and lose the secrets at exit."""
    viable = keyring.backend.get_all_keyring()
    assert MemoryKeyring not in {type(backend) for backend in viable}
    chosen = max(viable, key=keyring.backend.by_priority)  # what keyring itself would pick
    assert not isinstance(chosen, (MemoryKeyring, FileKeyring))
