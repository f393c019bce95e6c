"""Serving the broker with waitress, a production WSGI server (pure Python, every OS).

Production: `shipdesk broker --host 127.0.0.1 --port 8080` behind a TLS reverse proxy (see
README). In-process (demo mode, tests): `BrokerServer(config).start()`.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from waitress import create_server

from shipdesk.broker.app import BrokerApp
from shipdesk.broker.config import MAX_BODY_BYTES, BrokerConfig

log = logging.getLogger("shipdesk.broker")


def _starting(environ: dict, start_response: Callable) -> list[bytes]:
    """Answers until the real app is attached (only between binding and start())."""
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"starting"]


def _server(app: Callable, host: str, port: int, threads: int, trusted_proxy: str | None):
    options = {
        "host": host,
        "port": port,
        "threads": threads,
        "ident": "ShipDesk-Broker",
        "max_request_body_size": MAX_BODY_BYTES,
        "max_request_header_size": 16 * 1024,
        # Idle connections neither block others nor linger: far more may be open than the
        # threads serving them (waitress's default stops accepting at 100).
        "connection_limit": 1000,
        "channel_timeout": 20,
        "cleanup_interval": 10,
        # waitress logs each request's URL only on errors; we log paths ourselves.
        "expose_tracebacks": False,
    }
    if trusted_proxy:
        # Take the client address from the TLS proxy's X-Forwarded-For (rate limits per IP).
        options.update(trusted_proxy=trusted_proxy, trusted_proxy_headers="x-forwarded-for")
    return create_server(app, **options)


def serve(
    config: BrokerConfig,
    host: str = "127.0.0.1",
    port: int = 8080,
    threads: int = 8,
    trusted_proxy: str | None = None,
) -> None:
    server = _server(BrokerApp(config), host, port, threads, trusted_proxy)
    log.info("broker listening on http://%s:%s", server.effective_host, server.effective_port)
    server.run()


class BrokerServer:
    """The broker on a loopback port in a background thread.

    `config_for(url)` makes the configuration once the port is known, because the redirect URI
    registered with Amazon names the broker's own address.
    """

    def __init__(
        self,
        config_for: Callable[[str], BrokerConfig],
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.server = _server(_starting, host, port, threads=4, trusted_proxy=None)
        self.app = BrokerApp(config_for(self.url), clock=clock)
        self.server.application = self.app
        self._thread = threading.Thread(target=self.server.run, name="broker", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.server.effective_host}:{self.server.effective_port}"

    def start(self) -> BrokerServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.task_dispatcher.shutdown(timeout=5)
        channels = list(self.server._map.values())
        # Empty the loop's map from inside the loop (it ends at once), then close the sockets
        # here once the loop thread is gone, so no fd is closed under a running poll().
        self.server.trigger.pull_trigger(self.server._map.clear)
        self._thread.join(timeout=5)
        for channel in channels:
            with contextlib.suppress(OSError):
                channel.close()
