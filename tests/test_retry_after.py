"""Retry-After is honoured on 429 and 503, in seconds and as an HTTP date, by the one transport
every client (Amazon, LWA, the broker, DHL, GLS) sends through; one longer than a retry may
wait ends the retries and is handed to the caller to schedule."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from shipdesk.carriers.base import CarrierError
from shipdesk.carriers.dhl.client import DhlClient, DhlCredentials
from shipdesk.httpclient import Transport
from shipdesk.retrying import Exhausted, RetryPolicy, retry_after_seconds

# The transport's own backoff is made tiny: any wait of a second is the service's asking.
QUICK = RetryPolicy(
    max_attempts=4, base_delay=0.001, max_delay=5, connect_timeout=2, read_timeout=5
)
Answer = tuple[int, dict[str, str]]


class ScriptedService:
    """A real HTTP server on 127.0.0.1 that gives the answers it is told, one per request, and
    notes when each request came in."""

    def __init__(self) -> None:
        self.script: list[Answer | Callable[[], Answer]] = []
        self.arrived: list[float] = []
        self.targets: list[str] = []  # each request's target, as sent (a full URL via a proxy)
        service = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                service.arrived.append(time.monotonic())
                service.targets.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                step = service.script.pop(0) if service.script else (200, {})
                status, headers = step() if callable(step) else step
                body = b'{"ok": true}'
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def gaps(self) -> list[float]:
        return [b - a for a, b in zip(self.arrived, self.arrived[1:], strict=False)]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def service() -> Iterator[ScriptedService]:
    running = ScriptedService()
    yield running
    running.stop()


def in_seconds(seconds: int) -> Callable[[], dict[str, str]]:
    return lambda: {"Retry-After": str(seconds)}


def date_ahead(seconds: int) -> Callable[[], dict[str, str]]:
    """An HTTP date `seconds` ahead, made when the answer is sent (whole seconds: it waits
    between seconds - 1 and seconds)."""
    return lambda: {"Retry-After": email.utils.formatdate(time.time() + seconds, usegmt=True)}


def ok(response) -> dict:
    return response.json()


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize(
    ("header", "at_least"), [(in_seconds(1), 0.95), (date_ahead(2), 0.95)], ids=["seconds", "date"]
)
def test_the_wait_the_service_asks_for_is_kept(service, status, header, at_least) -> None:
    service.script = [lambda: (status, header())]
    transport = Transport("Scripted", service.url, policy=QUICK)
    assert transport.request("GET", "/thing", ok) == {"ok": True}
    assert len(service.arrived) == 2
    assert service.gaps()[0] >= at_least


def test_a_503_that_asks_for_a_wait_is_repeated_even_for_a_request_not_to_send_twice(
    service,
) -> None:
    """A 503 says the request was not taken on: repeating it after the wait is safe."""
    service.script = [(503, {"Retry-After": "1"})]
    transport = Transport("Scripted", service.url, policy=QUICK)
    assert transport.request("POST", "/labels", ok, json={}, idempotent=False) == {"ok": True}
    assert service.gaps()[0] >= 0.95


@pytest.mark.parametrize("status", [429, 503])
def test_a_wait_longer_than_a_retry_may_take_is_left_to_the_caller(service, status) -> None:
    service.script = [(status, {"Retry-After": "3600"})]
    transport = Transport("Scripted", service.url, policy=QUICK)
    with pytest.raises(Exhausted) as caught:
        transport.request("GET", "/thing", ok)
    assert len(service.arrived) == 1  # not hammered
    assert caught.value.retry_after == 3600
    assert caught.value.rate_limited == (status == 429)


def test_other_server_errors_use_the_backoff(service) -> None:
    service.script = [(500, {"Retry-After": "30"}), (502, {})]
    transport = Transport("Scripted", service.url, policy=QUICK)
    assert transport.request("GET", "/thing", ok) == {"ok": True}
    assert len(service.arrived) == 3 and max(service.gaps()) < 1


def test_retry_after_is_read_in_both_forms() -> None:
    now = 1_800_000_000.0
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds(email.utils.formatdate(now + 30, usegmt=True), now=now) == 30
    assert retry_after_seconds(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0
    assert retry_after_seconds("soon") is None and retry_after_seconds("-3") is None


def test_a_carrier_client_waits_as_the_sandbox_asks(start_sandbox) -> None:
    """The DHL sandbox throttles with `Retry-After: 1`, as DHL does: the real client waits for
    it between attempts, and tells its caller when it gives up."""
    sandbox = start_sandbox(orders=5, seed=3, fault_rate=1.0, fault_kinds=("throttle",))
    client = DhlClient(
        DhlCredentials(sandbox.dhl.user_id, sandbox.dhl.api_key),
        endpoint=sandbox.urls["dhl"],
        retry=RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=5),
    )
    started = time.monotonic()
    with pytest.raises(CarrierError) as caught:
        client.login()
    assert time.monotonic() - started >= 0.95
    assert caught.value.retry_after == 1
    assert sandbox.dhl_app.injected["throttle"] == 2  # both attempts, throttled by the sandbox


def test_a_carrier_down_for_longer_says_when_to_come_back(service) -> None:
    """A DHL that answers 503 with a Retry-After longer than a retry waits: the client stops
    at once and its error carries the wait, for the caller to schedule."""
    service.script = [(503, {"Retry-After": "600"})]
    client = DhlClient(
        DhlCredentials("user", "key"),
        endpoint=service.url,
        retry=RetryPolicy(max_attempts=4, base_delay=0.001, max_delay=5),
    )
    with pytest.raises(CarrierError) as caught:
        client.login()
    assert caught.value.code == "carrier_unavailable" and caught.value.retry_after == 600
    assert len(service.arrived) == 1
