"""Small pieces every sandbox service shares: JSON responses and a server thread on loopback."""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Response

log = logging.getLogger(__name__)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False),
        status=status,
        headers=headers or {},
        content_type="application/json",
    )


class _QuietHandler(WSGIRequestHandler):
    """No request lines on stderr; clients dropping connections is normal here."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass

    def log(self, type: str, message: str, *args: Any) -> None:
        if type == "error":
            log.debug("sandbox http: " + message, *args)


class ServerThread:
    """A threaded WSGI server for one sandbox service, serving from a daemon thread."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, name: str = "") -> None:
        server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
        assert isinstance(server, ThreadedWSGIServer)  # what threaded=True makes
        self.server = server
        self.server.daemon_threads = True
        self.name = name
        # A short poll interval makes stop() quick (tests start many sandboxes).
        self._thread = threading.Thread(
            target=self.server.serve_forever, args=(0.05,), name=f"sandbox-{name}", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        assert isinstance(host, str)  # an AF_INET(6) address, never a bytes path
        return f"http://{host}:{port}"

    def start(self) -> ServerThread:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
