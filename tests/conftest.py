"""Shared fixtures: offscreen Qt, an in-memory keychain, sandboxes on loopback, app contexts."""

from __future__ import annotations

import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest

import shipdesk.keychain
from shipdesk.amazon.lwa import LwaCredentials
from shipdesk.keychain import MemoryKeyring
from shipdesk.paths import resolve_paths
from shipdesk.retrying import RetryPolicy
from shipdesk.sandbox.server import Sandbox, SandboxOptions
from shipdesk.services import amazon_account
from shipdesk.services.context import AppContext, open_context
from tests.support.cups import CupsSetupError, ZebraListener, cups_available, ensure_queues
from tests.support.file_keyring import share_keychain

REPO = Path(__file__).resolve().parent.parent
CONTRACTS = REPO / "tests" / "contracts"
# Real backoff shapes, but in milliseconds so fault storms don't take minutes.
FAST_RETRY = RetryPolicy(
    max_attempts=8, base_delay=0.01, max_delay=0.2, connect_timeout=2, read_timeout=3
)


@pytest.fixture(scope="session", autouse=True)
def english_texts(qapp) -> Iterator[None]:
    """The app's English, as it starts: the texts of the code with their plural forms."""
    from shipdesk.ui import i18n

    translators = i18n.install("en")
    yield
    i18n.uninstall(translators)


@pytest.fixture(autouse=True)
def memory_keychain() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
    shipdesk.keychain._session_only = False  # a test may have chosen session-only secrets


@pytest.fixture
def own_logging() -> Iterator[None]:
    """run_gui sets up the log file of its data folder: take it down again afterwards."""
    root = logging.getLogger()
    level, raising = root.level, logging.raiseExceptions
    yield
    for handler in list(root.handlers):
        if getattr(handler, "_shipdesk", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.raiseExceptions = raising


@pytest.fixture
def start_sandbox() -> Iterator[Callable[..., Sandbox]]:
    started: list[Sandbox] = []

    def start(**options) -> Sandbox:
        sandbox = Sandbox(SandboxOptions(**options)).start()
        started.append(sandbox)
        return sandbox

    yield start
    for sandbox in started:
        sandbox.stop()


@pytest.fixture
def sandbox(start_sandbox) -> Sandbox:
    """A sandbox with 250 orders, Amazon's rate limits sped up 1000 times, no faults."""
    return start_sandbox(orders=250, seed=3, time_scale=1000)


def make_context(data_dir: Path, sandbox: Sandbox, retry: RetryPolicy = FAST_RETRY) -> AppContext:
    return open_context(resolve_paths(data_dir), retry=retry, endpoint_overrides=dict(sandbox.urls))


def connect_sandbox_seller(ctx: AppContext, sandbox: Sandbox) -> None:
    seller = sandbox.seller
    amazon_account.connect_own_app(
        ctx, LwaCredentials(seller.client_id, seller.client_secret, seller.refresh_token)
    )


ALL_SANDBOX_MARKETPLACES = ["A1805IZSGTT6HS", "AMEN7PMS3EDWL", "A1PA6795UKMFR9", "A13V1IB3VIYZZH"]


@pytest.fixture
def ctx(tmp_path: Path, sandbox: Sandbox) -> AppContext:
    """An app context on a fresh data folder, connected to the sandbox seller, all markets."""
    context = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(context, sandbox)
    amazon_account.set_marketplace_ids(context, ALL_SANDBOX_MARKETPLACES)
    return context


def cli_env(tmp_path: Path, sandbox: Sandbox | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SHIPDESK_DATA_DIR=str(tmp_path / "cli-data"),
        PYTHON_KEYRING_BACKEND="tests.support.file_keyring.FileKeyring",
        SHIPDESK_TEST_KEYRING_FILE=str(tmp_path / "keyring.json"),
        PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    if sandbox is not None:
        env["SHIPDESK_AMAZON_ENDPOINT"] = sandbox.urls["amazon"]
        env["SHIPDESK_LWA_ENDPOINT"] = sandbox.urls["lwa"]
    env.update(extra)
    share_keychain(env)
    return env


def run_cli(
    args: list[str], env: dict[str, str], stdin: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    share_keychain(env)
    try:
        return subprocess.run(
            [sys.executable, "-m", "shipdesk", *args],
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO,
        )
    finally:
        share_keychain(env)


@pytest.fixture(scope="module")
def zebra() -> Iterator[ZebraListener]:
    """A running CUPS with both test queues (ShipDesk-PDF, ShipDesk-Zebra); the stand-in Zebra
    behind the raw one. Skips, saying why, where there is no CUPS."""
    reason = cups_available()
    if reason:
        pytest.skip(reason)
    with ZebraListener() as listener:
        try:
            ensure_queues(listener.port)
        except CupsSetupError as exc:
            pytest.skip(str(exc))
        yield listener
