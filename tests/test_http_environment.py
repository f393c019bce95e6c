"""The environment's proxy settings hold for every outside service, read once per service when
its transport is made (not for every request), and no_proxy is honoured."""

from __future__ import annotations

import pytest

from shipdesk.httpclient import Transport
from shipdesk.retrying import RetryPolicy
from tests.test_retry_after import ScriptedService, ok, service  # noqa: F401 (fixture)

QUICK = RetryPolicy(max_attempts=1, connect_timeout=2, read_timeout=5)
SHOP = "http://shop.invalid"  # no such host: only a proxy can answer for it


@pytest.fixture
def clean_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def test_requests_go_through_the_proxy_the_environment_names(
    service: ScriptedService,  # noqa: F811
    clean_proxy_environment: pytest.MonkeyPatch,
) -> None:
    clean_proxy_environment.setenv("HTTP_PROXY", service.url)
    transport = Transport("Shop", SHOP, policy=QUICK)
    # Read when the transport was made: a change later does not reach it.
    clean_proxy_environment.delenv("HTTP_PROXY")
    assert transport.request("GET", "/orders?page=2", ok) == {"ok": True}
    assert transport.request("GET", "/orders?page=3", ok) == {"ok": True}
    assert service.targets == [f"{SHOP}/orders?page=2", f"{SHOP}/orders?page=3"]


def test_a_host_in_no_proxy_is_reached_directly(
    service: ScriptedService,  # noqa: F811
    clean_proxy_environment: pytest.MonkeyPatch,
) -> None:
    clean_proxy_environment.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    clean_proxy_environment.setenv("NO_PROXY", "127.0.0.1")
    transport = Transport("Shop", service.url, policy=QUICK)
    assert transport.request("GET", "/orders", ok) == {"ok": True}
    assert service.targets == ["/orders"]
