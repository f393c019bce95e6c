"""Endpoint environment variables obey the rule stored endpoints obey: https, plain http only on
this computer; a refused one stops the start with a message that names it (never its value)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from shipdesk.paths import resolve_paths
from shipdesk.services import endpoints
from shipdesk.services.context import ENDPOINT_ENV, AppContext, EndpointRefused, open_context
from tests.conftest import cli_env, run_cli

ACCEPTED = [
    "https://api-gw.dhlparcel.nl",
    "https://sandbox.example:8443/base/",
    "http://127.0.0.1:8080",
    "http://127.0.0.2:9",
    "http://[::1]:8080/api",
    "http://localhost:5000",
]
REFUSED = [
    "http://api-gw.dhlparcel.nl",  # secrets in the clear
    "http://192.168.1.20:8080",
    "http://[::ffff:10.0.0.1]:80",
    "ftp://files.example",
    "api.example",
    "https://owner:hunter2secret@api.example",  # a password in the address
    "https://api.example/?key=1",
    "https://api.example:99999",
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def stored_verdict(ctx: AppContext, url: str) -> bool:
    try:
        endpoints.set_endpoint(ctx, "dhl", url)
    except ValueError:
        return False
    endpoints.reset_endpoint(ctx, "dhl")
    return True


@pytest.mark.parametrize("url", ACCEPTED + REFUSED)
def test_the_environment_follows_the_stored_rule_exactly(monkeypatch, data, url) -> None:
    ctx = open_context(resolve_paths(data))
    accepted_when_stored = stored_verdict(ctx, url)
    assert accepted_when_stored == (url in ACCEPTED)
    monkeypatch.setenv("SHIPDESK_DHL_ENDPOINT", url)
    if accepted_when_stored:
        assert ctx.endpoint_and_source("dhl") == (url.rstrip("/"), "environment")
        open_context(resolve_paths(data))  # and a start with it goes on
        return
    with pytest.raises(EndpointRefused) as caught:
        ctx.endpoint("dhl")  # set after the start: refused where it is read, too
    assert caught.value.variable == "SHIPDESK_DHL_ENDPOINT"
    with pytest.raises(EndpointRefused) as at_start:
        open_context(resolve_paths(data))
    said = str(at_start.value)
    assert said.startswith("The environment variable SHIPDESK_DHL_ENDPOINT is refused: ")
    assert "hunter2secret" not in said and url not in said  # the value is never repeated


@pytest.mark.parametrize("name", sorted(ENDPOINT_ENV))
def test_every_endpoint_variable_is_checked(monkeypatch, data, name) -> None:
    variable = ENDPOINT_ENV[name]
    monkeypatch.setenv(variable, "http://shop.example")
    with pytest.raises(EndpointRefused) as caught:
        open_context(resolve_paths(data))
    assert caught.value.variable == variable
    assert "use https (plain http only on 127.0.0.1)" in str(caught.value)


def test_demo_addresses_are_not_held_to_the_variables(monkeypatch, data) -> None:
    """The demo's own sandbox addresses win over the variables, so those are not read."""
    monkeypatch.setenv("SHIPDESK_AMAZON_ENDPOINT", "http://amazon.example")
    ctx = open_context(
        resolve_paths(data), endpoint_overrides={"amazon": "http://127.0.0.1:1"}, demo=True
    )
    assert ctx.endpoint_and_source("amazon") == ("http://127.0.0.1:1", "demo")


def test_the_command_line_names_the_refused_variable_in_one_line(tmp_path: Path) -> None:
    env = cli_env(tmp_path, SHIPDESK_GLS_ENDPOINT="http://owner:hunter2secret@gls.example")
    result = run_cli(["orders", "list"], env)
    assert result.returncode == 1
    assert result.stderr.startswith("shipdesk: The environment variable SHIPDESK_GLS_ENDPOINT ")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "hunter2secret" not in result.stderr
    log = tmp_path / "cli-data" / "logs" / "shipdesk.log"
    assert not log.exists() or "hunter2secret" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize(("language", "said"), [("en", "only https"), ("nl", "alleen https")])
def test_the_window_names_the_refused_variable(
    qtbot, monkeypatch, data, own_logging, language, said
) -> None:
    from shipdesk.ui.app import run_gui

    monkeypatch.setenv("SHIPDESK_BROKER_URL", "http://broker.example")
    texts: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, answer)
    args = argparse.Namespace(data_dir=str(data), demo=False, verbose=False, lang=language)
    assert run_gui(args) == 1
    assert "SHIPDESK_BROKER_URL" in texts[0] and said in texts[0]
    assert not (data / "shipdesk.sqlite3").exists()  # nothing opened
