"""The desktop's end of the consent hand-back (RFC 8252 style): a one-shot web listener on a
loopback address that the broker sends the owner's browser to after Amazon's consent, with the
authorization id and its one-time completion code.

Only the desktop that started the flow listens here, so only it gets the code; the broker then
completes the connection for this installation alone. The listener completes it at once (the
`complete` callback) and tells the browser how it went, in Dutch and English.
"""

from __future__ import annotations

import hmac
import html
import http.client
import logging
import secrets
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

STYLE = (
    "body{font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;background:#f4f6f6;"
    "margin:0;color:#1d2b2a}main{max-width:560px;margin:12vh auto;background:#fff;"
    "border-radius:12px;padding:28px 36px;box-shadow:0 2px 10px rgba(0,0,0,.08)}"
    "h1{font-size:22px;margin:0 0 8px}.ok{color:#0f766e}.bad{color:#b3261e}"
    "p{line-height:1.5}hr{border:none;border-top:1px solid #e3e7e7;margin:20px 0}"
)
CONNECTED_PAGE = (
    "<h1 class='ok'>ShipDesk is gekoppeld aan Amazon</h1>"
    "<p>Je kunt dit venster sluiten en verder in ShipDesk.</p><hr>"
    "<h1 class='ok'>ShipDesk is connected to Amazon</h1>"
    "<p>You can close this window and carry on in ShipDesk.</p>"
)
FAILED_PAGE = (
    "<h1 class='bad'>Koppelen is niet gelukt</h1><p>{nl}</p><hr>"
    "<h1 class='bad'>The connection did not work</h1><p>{en}</p>"
)
NOT_HERE = (
    "<h1 class='bad'>Deze link hoort niet bij deze koppeling</h1>"
    "<p>Start het koppelen opnieuw in ShipDesk.</p><hr>"
    "<h1 class='bad'>This link does not belong to this connection</h1>"
    "<p>Start connecting again in ShipDesk.</p>"
)

# complete(authorization id, code) -> None when connected, else (Dutch, English) why not.
Complete = Callable[[str, str], "tuple[str, str] | None"]


class ConsentHandback:
    """Listens on 127.0.0.1 (an ephemeral port, a random path) for one authorization's code."""

    def __init__(self, complete: Complete, *, host: str = "127.0.0.1") -> None:
        self._complete = complete
        self._path = "/shipdesk/consent/" + secrets.token_urlsafe(16)
        self._expected: str | None = None
        self._lock = threading.Lock()
        self._handled = False
        self._closed = False
        self.done = threading.Event()  # set once the code came and was tried
        self.answered = threading.Event()  # set once the browser had its page
        self.connected = False
        self.problem: tuple[str, str] | None = None
        handback = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 30  # a silent connection does not hold a thread

            def do_GET(self) -> None:
                status, body = handback._answer(self.path)
                document = (
                    "<!doctype html><html><head><meta charset='utf-8'>"
                    "<meta name='viewport' content='width=device-width'><title>ShipDesk</title>"
                    f"<style>{STYLE}</style></head><body><main>{body}</main></body></html>"
                ).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(document)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Referrer-Policy", "no-referrer")
                self.send_header("X-Content-Type-Options", "nosniff")
                self.send_header(
                    "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"
                )
                self.end_headers()
                try:
                    self.wfile.write(document)
                finally:
                    if handback.done.is_set():
                        handback.answered.set()

            def log_message(self, *args: object) -> None:  # the URL holds the code: no log
                pass

        self._server = ThreadingHTTPServer((host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="consent-handback", daemon=True
        )
        self._thread.start()

    @property
    def return_url(self) -> str:
        host, port = self._server.server_address[:2]
        assert isinstance(host, str)  # an AF_INET(6) address, never a bytes path
        return f"http://{host}:{port}{self._path}"

    def expect(self, authorization_id: str) -> None:
        """The authorization this listener is for (known once the broker started it)."""
        with self._lock:
            self._expected = authorization_id

    def _answer(self, target: str) -> tuple[int, str]:
        parts = urlsplit(target)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        authorization, code = query.get("authorization", ""), query.get("code", "")
        with self._lock:
            expected = self._expected
            ours = (
                parts.path == self._path
                and expected is not None
                and hmac.compare_digest(authorization.encode(), expected.encode())
                and bool(code)
            )
            if ours and self._handled:
                return (200, CONNECTED_PAGE) if self.connected else (400, NOT_HERE)
            if not ours:
                return 404, NOT_HERE
            self._handled = True
        try:
            problem = self._complete(authorization, code)
        except Exception:  # never a traceback in the owner's browser; the app says what failed
            log.exception("completing the connection failed")
            problem = (
                "ShipDesk kon de koppeling niet afronden. Kijk in ShipDesk wat er mis is.",
                "ShipDesk could not complete the connection. See ShipDesk for what went wrong.",
            )
        self.connected, self.problem = problem is None, problem
        self.done.set()
        if problem is None:
            return 200, CONNECTED_PAGE
        return 400, FAILED_PAGE.format(nl=html.escape(problem[0]), en=html.escape(problem[1]))

    def close_at(self, expires_at: float) -> None:
        """Stop listening once the authorization cannot be completed any more."""
        timer = threading.Timer(max(expires_at - time.time(), 0) + 30, self.close)
        timer.daemon = True
        timer.start()

    def close_when_answered(self, timeout: float = 30) -> None:
        """Close once the browser had its page (or at once when the code never came)."""
        if self._handled:
            self.answered.wait(timeout)
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._server.shutdown()
        self._server.server_close()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)


def listener_alive(return_url: str) -> bool:
    """Whether a hand-back listener still answers at this loopback address (perhaps in
    another ShipDesk process, such as `shipdesk connect amazon` waiting)."""
    parts = urlsplit(return_url)
    if parts.hostname not in ("127.0.0.1", "::1") or not parts.port:
        return False
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
    try:
        connection.request("GET", parts.path or "/")
        return connection.getresponse().status in (200, 400, 404)
    except OSError:
        return False
    finally:
        connection.close()
