"""The authorization broker: a small WSGI service the ShipDesk vendor hosts.

Amazon allows only hybrid apps, so the LWA client secret, the OAuth redirect and the sellers'
refresh tokens live here; desktop installations get short-lived access tokens.

Every error is JSON `{"error": {"code": "...", "message": "..."}}` with a stable code. Nothing
secret is ever logged: request lines are logged without their query string.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from shipdesk.broker import pages
from shipdesk.broker.amazon import AmazonAuth, AmazonUnreachable, LwaRejected
from shipdesk.broker.amazon import marketplace_participations as fetch_marketplaces
from shipdesk.broker.config import BrokerConfig, ConfigError
from shipdesk.broker.crypto import (
    SecretBox,
    digest,
    matches,
    new_completion_code,
    new_secret,
    normal_code,
)
from shipdesk.broker.store import (
    AWAITING,
    CONNECTED,
    DISCONNECTED,
    FAILED,
    PENDING,
    BrokerStore,
)
from shipdesk.tokenbucket import TokenBucket

log = logging.getLogger("shipdesk.broker")

TOKEN_REFRESH_MARGIN_S = 300  # hand out access tokens with at least 5 minutes left
COMPLETION_TRIES = 5  # wrong completion codes before the authorization ends
OPEN_AUTHORIZATIONS = 5  # per installation, waiting for the consent or the desktop
EXPIRY_SWEEP_S = 60  # how often authorizations past their time are ended
KEEP_UNUSED_S = 30 * 86400  # ended authorizations and unused installations, then forgotten
FRESH_PER_INSTALLATION = (1 / 60, 2)  # forced LWA refreshes: one a minute, two at once
LWA_REFRESHES = (5.0, 20)  # all installations together: well under LWA's own throttling
MAX_LIMITERS = 10_000  # rate-limit buckets kept; idle ones are dropped beyond this
# Amazon's seller ids: "A" and capitals or digits (A1B2C3D4E5F6G7, as Amazon shows them).
SELLER_ID = re.compile(r"^A[0-9A-Z]{8,20}$")


def printable(text: str, limit: int = 200) -> str:
    """Text for a log line: control and non-ASCII characters escaped, long text cut."""
    escaped = text.encode("ascii", "backslashreplace").decode("ascii")
    escaped = "".join(ch if 32 <= ord(ch) < 127 else f"\\x{ord(ch):02x}" for ch in escaped)
    return escaped if len(escaped) <= limit else escaped[:limit] + "…"


def loopback_return_url(value: Any) -> str:
    """The desktop's hand-back address: http to 127.0.0.1 or [::1] on an explicit port, no
    credentials, no fragment (RFC 8252 section 7.3). ApiError 400 otherwise."""
    text = str(value or "")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        port = None
        parts = None
    if (
        parts is None
        or len(text) > 300
        or parts.scheme != "http"
        or parts.hostname not in ("127.0.0.1", "::1")
        or not port
        or parts.username is not None
        or parts.password is not None
        or parts.fragment
        or any(ord(ch) < 33 or ord(ch) == 127 for ch in text)
    ):
        raise ApiError(
            400,
            "invalid_return_url",
            "returnUrl must be http://127.0.0.1:PORT/… or http://[::1]:PORT/… (the desktop's "
            "own loopback address).",
        )
    return text


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str) -> Response:
    return _json({"error": {"code": code, "message": message}}, status)


def _json(body: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(body),
        status=status,
        content_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


class BrokerApp:
    def __init__(self, config: BrokerConfig, *, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.clock = clock
        self.store = BrokerStore(config.database)
        self.box = SecretBox(config.encryption_keys)
        # A lost or wrong key must not pass unnoticed as "connected" with every token call
        # failing: refuse to start, naming what is needed.
        unreadable, stored = self.store.unreadable_tokens(self.box.decrypt)
        if unreadable:
            raise ConfigError(
                f"the encryption keys cannot open {unreadable} of the {stored} stored refresh "
                "tokens. Put the key they were encrypted with in SHIPDESK_BROKER_ENCRYPTION_KEYS "
                "(the first key encrypts, the others only decrypt), then start again"
            )
        self.key_problem: str | None = None  # set if a token cannot be opened after all
        self.auth = AmazonAuth(config.lwa_endpoint, config.lwa_client_id, config.lwa_client_secrets)
        self._tokens: dict[str, tuple[str, float]] = {}  # authorization id -> (token, expiry)
        self._limits: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()
        self._swept_at = 0.0
        self.urls = Map(
            [
                Rule("/health", endpoint="health", methods=["GET"]),
                Rule("/installations", endpoint="create_installation", methods=["POST"]),
                Rule("/amazon/authorizations", endpoint="start", methods=["POST"]),
                Rule("/amazon/authorizations/<auth_id>", endpoint="status", methods=["GET"]),
                Rule("/amazon/authorizations/<auth_id>", endpoint="disconnect", methods=["DELETE"]),
                Rule(
                    "/amazon/authorizations/<auth_id>/complete",
                    endpoint="complete",
                    methods=["POST"],
                ),
                Rule("/amazon/callback", endpoint="callback", methods=["GET"]),
                Rule("/amazon/access-token", endpoint="access_token", methods=["POST"]),
            ]
        )

    # -- WSGI --
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        request.max_content_length = self.config.max_body_bytes
        started = time.monotonic()
        try:
            self._sweep()
            endpoint, values = self.urls.bind_to_environ(environ).match()
            response = getattr(self, endpoint)(request, **values)
        except ApiError as exc:
            response = error_response(exc.status, exc.code, exc.message)
        except RequestEntityTooLarge:
            response = error_response(413, "payload_too_large", "The request body is too large.")
        except HTTPException as exc:
            code = {404: "not_found", 405: "method_not_allowed"}.get(exc.code or 0, "bad_request")
            response = error_response(exc.code or 400, code, exc.description or code)
        except Exception:
            log.exception("unexpected error in %s %s", request.method, request.path)
            response = error_response(500, "internal_error", "Something went wrong.")
        # Path only: the callback's query string holds the one-time code and state. Escaped,
        # so a control character in a path cannot forge log lines.
        log.info(
            "%s %s %s -> %s (%.0f ms)",
            printable(request.remote_addr or "-"),
            printable(request.method),
            printable(request.path),
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response(environ, start_response)

    # -- helpers --
    def _sweep(self) -> None:
        """End authorizations past their time, erasing their tokens (at most once a minute)."""
        now = self.clock()
        with self._lock:
            if now - self._swept_at < EXPIRY_SWEEP_S:
                return
            self._swept_at = now
        ended = self.store.expire(now)
        if ended:
            log.info("%d authorizations expired unfinished; their tokens erased", ended)
        old, unused = self.store.purge(now, KEEP_UNUSED_S)
        if old or unused:
            log.info("forgot %d ended authorizations and %d unused installations", old, unused)
        with self._lock:
            self._drop_idle_limits()

    def _body(self, request: Request) -> dict[str, Any]:
        raw = request.get_data(cache=True)  # raises RequestEntityTooLarge over the limit
        if not raw:
            return {}
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: nested too deep to read
            raise ApiError(400, "bad_request", "The body must be JSON.") from None
        if not isinstance(body, dict):
            raise ApiError(400, "bad_request", "The body must be a JSON object.")
        return body

    def _drop_idle_limits(self) -> None:
        """Forget buckets that refilled (unused a while); the caller holds the lock."""
        for key in [k for k, bucket in self._limits.items() if bucket.is_full()]:
            del self._limits[key]

    def _limit(self, key: str, rate: float, burst: float) -> None:
        with self._lock:
            bucket = self._limits.get(key)
            if bucket is None:
                if len(self._limits) >= MAX_LIMITERS:  # many addresses at once
                    self._drop_idle_limits()
                bucket = self._limits[key] = TokenBucket(rate, burst)
        if not bucket.try_take():
            raise ApiError(429, "rate_limited", "Too many requests; slow down and retry later.")

    def _installation(self, request: Request) -> str:
        """The installation id for a valid `Authorization: Bearer <id>.<secret>` header."""
        header = request.headers.get("Authorization", "")
        scheme, _, credential = header.partition(" ")
        installation_id, _, secret = credential.strip().partition(".")
        stored = self.store.installation_digest(installation_id) if installation_id else None
        # Compare against a dummy digest when the id is unknown, so timing tells nothing.
        if (
            scheme.lower() != "bearer"
            or not secret
            or not matches(secret, stored or digest("unknown-installation"))
            or stored is None
        ):
            raise ApiError(401, "unauthorized", "Unknown installation or wrong secret.")
        self._limit(
            f"installation:{installation_id}", self.config.rate_per_second, self.config.rate_burst
        )
        self.store.seen(installation_id, self.clock())
        return installation_id

    def _owned(self, installation_id: str, auth_id: str):
        authorization = self.store.get(auth_id)
        if authorization is None or authorization.installation_id != installation_id:
            raise ApiError(404, "not_found", "No such authorization for this installation.")
        return authorization

    # -- endpoints --
    def health(self, request: Request) -> Response:
        try:
            self.store.ping()
        except Exception:
            return _json(
                {"status": "unavailable", "database": "error", "encryption": "unknown"}, 503
            )
        if self.key_problem:
            return _json({"status": "unavailable", "database": "ok", "encryption": "error"}, 503)
        return _json({"status": "ok", "database": "ok", "encryption": "ok"})

    def create_installation(self, request: Request) -> Response:
        self._body(request)
        per_hour = self.config.installations_per_hour
        self._limit(f"new-installation:{request.remote_addr}", per_hour / 3600, per_hour)
        installation_id = uuid.uuid4().hex
        secret = new_secret()
        self.store.add_installation(installation_id, digest(secret))
        return _json(
            {
                "installationId": installation_id,
                "installationSecret": f"{installation_id}.{secret}",
            },
            201,
        )

    def start(self, request: Request) -> Response:
        installation_id = self._installation(request)
        body = self._body(request)
        region = str(body.get("region", "eu")).lower()
        seller_central = self.config.seller_central.get(region)
        if not seller_central:
            raise ApiError(400, "bad_request", f"Unknown region {region!r}.")
        return_url = loopback_return_url(body["returnUrl"]) if body.get("returnUrl") else None
        now = self.clock()
        if self.store.open_count(installation_id, now) >= OPEN_AUTHORIZATIONS:
            raise ApiError(
                429,
                "too_many_pending",
                "Too many connections are waiting; finish one or wait ten minutes.",
            )
        state = new_secret()
        auth_id = uuid.uuid4().hex
        expires_at = now + self.config.state_ttl_s
        self.store.add_authorization(
            auth_id, installation_id, region, digest(state), expires_at, return_url
        )
        query = {"application_id": self.config.application_id, "state": state}
        if self.config.app_draft:
            query["version"] = "beta"
        query["redirect_uri"] = self.config.redirect_uri
        return _json(
            {
                "authorizationId": auth_id,
                "consentUrl": f"{seller_central}/apps/authorize/consent?{urlencode(query)}",
                "expiresAt": expires_at,
                "status": PENDING,
            },
            201,
        )

    def callback(self, request: Request) -> Response:
        state = request.args.get("state", "")
        code = request.args.get("spapi_oauth_code", "")
        seller = request.args.get("selling_partner_id", "")
        if not state:
            return pages.failed_page("state_unknown")
        authorization = self.store.by_state(digest(state))
        if authorization is None:
            return pages.failed_page("state_unknown")
        if authorization.state_used:
            return pages.failed_page("state_used")
        if not self.store.use_state(authorization.id):
            return pages.failed_page("state_used")  # a concurrent replay won the race
        if self.clock() > authorization.state_expires_at:
            self.store.set_failed(authorization.id, "state_expired", erase_token=True)
            return pages.failed_page("state_expired")
        if request.args.get("error"):  # the seller declined (OAuth 2.0's access_denied)
            self.store.set_failed(authorization.id, "declined", erase_token=True)
            return pages.failed_page("declined")
        if not code or not SELLER_ID.match(seller):
            self.store.set_failed(authorization.id, "bad_request", erase_token=True)
            return pages.failed_page("bad_request")
        try:
            tokens = self.auth.exchange_code(code, self.config.redirect_uri)
        except LwaRejected as exc:
            log.warning("code exchange refused: %s", exc.error)
            self.store.set_failed(authorization.id, "code_rejected", erase_token=True)
            return pages.failed_page("code_rejected")
        except AmazonUnreachable:
            self.store.set_failed(authorization.id, "amazon_unavailable", erase_token=True)
            return pages.failed_page("amazon_unavailable")
        if not tokens.refresh_token:
            self.store.set_failed(authorization.id, "code_rejected", erase_token=True)
            return pages.failed_page("code_rejected")
        marketplaces = self._marketplaces(authorization.region, tokens.access_token)
        # Whoever clicked the link may not be the desktop that asked: the token waits for the
        # desktop's one-time code, handed to it through its loopback address or typed.
        completion = new_completion_code()
        self.store.set_awaiting(
            authorization.id,
            seller,
            self.box.encrypt(tokens.refresh_token),
            marketplaces,
            digest(normal_code(completion)),
        )
        with self._lock:
            self._tokens[authorization.id] = (
                tokens.access_token,
                self.clock() + tokens.expires_in,
            )
        log.info("authorization %s awaits its desktop", authorization.id)
        if authorization.return_url:
            return pages.hand_back(authorization.return_url, authorization.id, completion)
        return pages.code_page(completion)

    def _marketplaces(self, region: str, access_token: str) -> list[dict[str, Any]]:
        try:
            return fetch_marketplaces(
                self.config.spapi[region], access_token, self.auth.transport.session
            )
        except (AmazonUnreachable, KeyError) as exc:
            # Not fatal: the desktop falls back to the seller's own choice of marketplaces.
            log.warning("marketplace lookup failed: %s", exc)
            return []

    def status(self, request: Request, auth_id: str) -> Response:
        installation_id = self._installation(request)
        authorization = self._owned(installation_id, auth_id)
        status, reason = authorization.status, authorization.reason
        if status in (PENDING, AWAITING) and self.clock() > authorization.state_expires_at:
            status, reason = FAILED, "state_expired"
        return _json(
            {
                "authorizationId": authorization.id,
                "status": status,
                "sellingPartnerId": authorization.selling_partner_id
                if status == CONNECTED
                else None,
                "marketplaces": authorization.marketplaces if status == CONNECTED else [],
                "reason": reason,
                "expiresAt": authorization.state_expires_at,
            }
        )

    def complete(self, request: Request, auth_id: str) -> Response:
        """The desktop that started the flow presents the one-time code: connected."""
        installation_id = self._installation(request)
        authorization = self._owned(installation_id, auth_id)
        code = self._body(request).get("code")
        if authorization.status == CONNECTED:
            raise ApiError(409, "already_completed", "This connection was already completed.")
        late = self.clock() > authorization.state_expires_at
        if late and authorization.status in (PENDING, AWAITING):
            self.store.expire(self.clock())  # erased now, not at the next sweep
        if authorization.status == PENDING and not late:
            raise ApiError(
                409, "awaiting_consent", "Amazon's consent has not been given for it yet."
            )
        if late or authorization.status != AWAITING:  # expired, ended, declined, disconnected
            raise ApiError(410, "expired", "This connection can no longer be completed.")
        expected = authorization.completion_digest or digest("no-code")
        if not isinstance(code, str) or not matches(normal_code(code), expected):
            tries = self.store.wrong_code(authorization.id, COMPLETION_TRIES)
            if tries >= COMPLETION_TRIES:
                with self._lock:
                    self._tokens.pop(authorization.id, None)
                log.warning("authorization %s ended after %d wrong codes", auth_id, tries)
            raise ApiError(400, "invalid_code", "The completion code is not right.")
        if not self.store.complete(authorization.id, installation_id):
            raise ApiError(409, "already_completed", "This connection was already completed.")
        log.info("installation %s connected", installation_id)
        return _json({"status": CONNECTED, "sellingPartnerId": authorization.selling_partner_id})

    def access_token(self, request: Request) -> Response:
        installation_id = self._installation(request)
        body = self._body(request)
        auth_id = body.get("authorizationId")
        if auth_id:
            authorization = self._owned(installation_id, str(auth_id))
        else:
            authorization = self.store.connected(installation_id) or self.store.latest(
                installation_id
            )
        if authorization is None or authorization.status != CONNECTED:
            reason = authorization.reason if authorization else None
            if reason == "authorization_revoked":
                raise ApiError(
                    409, "authorization_revoked", "The seller revoked ShipDesk in Seller Central."
                )
            raise ApiError(409, "not_connected", "This installation is not connected to Amazon.")
        with self._lock:
            cached = self._tokens.get(authorization.id)
        now = self.clock()
        fresh = bool(body.get("fresh"))
        if fresh:  # a forced refresh calls LWA: limited, so no one can get it throttled
            self._limit(f"fresh:{installation_id}", *FRESH_PER_INSTALLATION)
        if cached and cached[1] - now > TOKEN_REFRESH_MARGIN_S and not fresh:
            token, expires_at = cached
        else:
            self._limit("lwa", *LWA_REFRESHES)
            try:
                refresh_token = self.box.decrypt(authorization.refresh_token or "")
            except ValueError:
                log.error("refresh token of %s cannot be decrypted", authorization.id)
                self.key_problem = "a stored refresh token cannot be decrypted"
                # 409 like the other "this authorization cannot serve" answers: retrying does
                # not help, the desktop must say so (health reports the broker's side).
                raise ApiError(
                    409,
                    "credentials_unreadable",
                    "The connection service cannot read its stored authorization.",
                ) from None
            try:
                tokens = self.auth.refresh(refresh_token)
            except LwaRejected as exc:
                if exc.error == "invalid_grant":
                    self.store.set_failed(
                        authorization.id, "authorization_revoked", erase_token=True
                    )
                    with self._lock:
                        self._tokens.pop(authorization.id, None)
                    raise ApiError(
                        409,
                        "authorization_revoked",
                        "Amazon no longer accepts this authorization (revoked in Seller Central).",
                    ) from None
                log.error("LWA refused the broker's client: %s", exc.error)
                raise ApiError(502, "amazon_unavailable", "Amazon refused the request.") from None
            except AmazonUnreachable:
                raise ApiError(502, "amazon_unavailable", "Amazon cannot be reached.") from None
            token, expires_at = tokens.access_token, now + tokens.expires_in
            with self._lock:
                self._tokens[authorization.id] = (token, expires_at)
        return _json(
            {
                "accessToken": token,
                "expiresIn": int(expires_at - now),
                "sellingPartnerId": authorization.selling_partner_id,
            }
        )

    def disconnect(self, request: Request, auth_id: str) -> Response:
        installation_id = self._installation(request)
        authorization = self._owned(installation_id, auth_id)
        if authorization.status != DISCONNECTED:
            self.store.disconnect(authorization.id)
        with self._lock:
            self._tokens.pop(authorization.id, None)
        # Erased here; the seller removes the app's access at Amazon itself.
        seller_central = self.config.seller_central.get(authorization.region, "")
        return _json(
            {
                "status": DISCONNECTED,
                "removeAppAt": f"{seller_central}/apps/manage",
                "message": "The refresh token is erased. To remove ShipDesk's access at Amazon "
                "too: Seller Central → Apps and Services → Manage Your Apps.",
            }
        )
