"""One window per data folder: a second start brings the first window to the front and ends;
a crashed first leaves nothing that blocks the next start; commands run beside the window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from shipdesk.ui.single_instance import LOCK_FILE, Claim, SingleInstance, server_name
from tests.conftest import REPO, cli_env, run_cli

UNIX = sys.platform != "win32"


def socket_file(data: Path) -> Path:
    """Where QLocalServer puts a Unix socket with this name."""
    return Path(QDir.tempPath()) / server_name(data)


def answers(data: Path) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(server_name(data))
    connected = probe.waitForConnected(500)
    probe.abort()
    return connected


def start_shipdesk(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "shipdesk", *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def log_lines(data: Path, words: str) -> int:
    log = data / "logs" / "shipdesk.log"
    return log.read_text(encoding="utf-8").count(words) if log.exists() else 0


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_name_is_one_per_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "b" / ".." / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert len(server_name(tmp_path / ("long" * 80))) < 40  # Unix socket paths are short


def test_a_second_start_brings_the_first_window_forward_and_ends(qtbot, tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    data = Path(env["SHIPDESK_DATA_DIR"])
    data.mkdir()
    first = SingleInstance(data)
    assert first.claim() is Claim.FIRST
    assert not (data / LOCK_FILE).exists()  # held only while starting
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    first.window = window
    try:
        with qtbot.waitSignal(first.activated, timeout=60_000):
            second = start_shipdesk(env)
        assert second.wait(60) == 0, second.stderr.read() if second.stderr else ""
        assert second.stderr is not None and second.stderr.read() == b""
        assert not window.isMinimized()
        # The second start ended before it opened the data file (the first never made one).
        assert not (data / "shipdesk.sqlite3").exists()
        assert log_lines(data, "brought it to the front") == 1
    finally:
        first.close()
    assert not answers(data)
    if UNIX:
        assert not socket_file(data).exists()  # nothing left behind


@pytest.mark.skipif(not UNIX, reason="a named pipe goes with its process; no file is left")
def test_a_crashed_first_start_does_not_block_the_next(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    crashing = (
        "import os, signal, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from shipdesk.ui.single_instance import SingleInstance\n"
        "app = QApplication([])\n"
        "first = SingleInstance(sys.argv[1])\n"
        "print(first.claim().value, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    crashed = subprocess.run(
        [sys.executable, "-c", crashing, str(data)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert crashed.stdout.strip() == "first" and crashed.returncode == -9
    assert socket_file(data).exists() and not answers(data)  # what a crash leaves
    after = SingleInstance(data)
    try:
        assert after.claim() is Claim.FIRST
        assert answers(data)
    finally:
        after.close()
    assert not socket_file(data).exists()


def test_two_real_starts_give_one_window_and_commands_run_beside_it(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    data = Path(env["SHIPDESK_DATA_DIR"])
    running: list[subprocess.Popen[bytes]] = []
    try:
        running.append(start_shipdesk(env))
        wait_for(lambda: log_lines(data, " starting (demo=False") == 1)
        assert answers(data)

        second = subprocess.run(
            [sys.executable, "-m", "shipdesk"], env=env, cwd=REPO, capture_output=True, timeout=60
        )
        assert second.returncode == 0 and second.stderr == b""
        assert log_lines(data, "window brought to the front") == 1  # said by the first
        assert log_lines(data, " starting (demo=False") == 1  # the second never started
        # Commands are not locked out: they work beside the window.
        listed = run_cli(["orders", "list"], env)
        assert listed.returncode == 0, listed.stderr
        assert running[0].poll() is None

        # A first window that is killed leaves its socket; the next start becomes the first.
        running[0].kill()
        running[0].wait(30)
        running.append(start_shipdesk(env))
        wait_for(lambda: log_lines(data, " starting (demo=False") == 2)
        assert running[1].poll() is None and answers(data)
    finally:
        for process in running:
            process.kill()
            process.wait(30)
            if process.stderr is not None:
                process.stderr.close()
        QLocalServer.removeServer(server_name(data))  # what the killed windows left
    assert not answers(data)
    if UNIX:
        assert not socket_file(data).exists()


def test_a_first_window_that_does_not_answer_is_said_to_be_open(qtbot, tmp_path: Path) -> None:
    """A first window that is busy (its event loop held up) gets the question but does not
    answer: the second start says ShipDesk is open and not answering, rather than open a
    second window on the same data."""
    from shipdesk.ui import texts

    data = tmp_path / "data"
    data.mkdir()
    busy = QLocalServer()
    assert busy.listen(server_name(data))  # listens, but this thread never gets to answer
    try:
        assert SingleInstance(data).claim(answer_ms=300) is Claim.NOT_ANSWERING
    finally:
        busy.close()
    said = texts.cannot_start_text("not_answering", str(data))
    assert said.startswith(f"ShipDesk is already open for the data folder {data}, but it does")
    assert not answers(data)


@pytest.mark.skipif(not UNIX, reason="SIGTERM is how Unix asks a program to end")
def test_a_window_asked_to_end_closes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    data = Path(env["SHIPDESK_DATA_DIR"])
    window = start_shipdesk(env)
    try:
        wait_for(lambda: log_lines(data, "window open") == 1)
        window.terminate()  # SIGTERM: a logout, a shutdown
        assert window.wait(60) == 0
    finally:
        if window.poll() is None:
            window.kill()
            window.wait(30)
            QLocalServer.removeServer(server_name(data))
        if window.stderr is not None:
            window.stderr.close()
    assert log_lines(data, "asked to end (signal 15)") == 1
    assert not socket_file(data).exists()
