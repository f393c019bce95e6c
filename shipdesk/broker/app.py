"""The authorization broker: a small WSGI service the ShipDesk vendor hosts.

Amazon allows only hybrid apps, so the LWA client secret, the OAuth redirect and the sellers'
refresh tokens live here; desktop installations get short-lived access tokens.

Every error is JSON `{"error": {"code": "...", "message": "..."}}` with a stable code. Nothing
secret is ever logged: request lines are logged without their query string.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from shipdesk.broker import pages
from shipdesk.broker.amazon import AmazonAuth, AmazonUnreachable, LwaRejected
from shipdesk.broker.amazon import marketplace_participations as fetch_marketplaces
from shipdesk.broker.config import BrokerConfig
from shipdesk.broker.crypto import SecretBox, digest, matches, new_secret
from shipdesk.broker.store import CONNECTED, DISCONNECTED, FAILED, PENDING, BrokerStore
from shipdesk.tokenbucket import TokenBucket

log = logging.getLogger("shipdesk.broker")

TOKEN_REFRESH_MARGIN_S = 300  # hand out access tokens with at least 5 minutes left


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
        self.auth = AmazonAuth(config.lwa_endpoint, config.lwa_client_id, config.lwa_client_secrets)
        self._tokens: dict[str, tuple[str, float]] = {}  # authorization id -> (token, expiry)
        self._limits: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()
        self.urls = Map(
            [
                Rule("/health", endpoint="health", methods=["GET"]),
                Rule("/installations", endpoint="create_installation", methods=["POST"]),
                Rule("/amazon/authorizations", endpoint="start", methods=["POST"]),
                Rule("/amazon/authorizations/<auth_id>", endpoint="status", methods=["GET"]),
                Rule("/amazon/authorizations/<auth_id>", endpoint="disconnect", methods=["DELETE"]),
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
        # Path only: the callback's query string holds the one-time code and state.
        log.info(
            "%s %s -> %s (%.0f ms)",
            request.method,
            request.path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response(environ, start_response)

    # -- helpers --
    def _body(self, request: Request) -> dict[str, Any]:
        raw = request.get_data(cache=True)  # raises RequestEntityTooLarge over the limit
        if not raw:
            return {}
        try:
            body = json.loads(raw)
        except ValueError:
            raise ApiError(400, "bad_request", "The body must be JSON.") from None
        if not isinstance(body, dict):
            raise ApiError(400, "bad_request", "The body must be a JSON object.")
        return body

    def _limit(self, key: str, rate: float, burst: int) -> None:
        with self._lock:
            bucket = self._limits.get(key)
            if bucket is None:
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
            return _json({"status": "unavailable", "database": "error"}, 503)
        return _json({"status": "ok", "database": "ok"})

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
        state = new_secret()
        auth_id = uuid.uuid4().hex
        expires_at = self.clock() + self.config.state_ttl_s
        self.store.add_authorization(auth_id, installation_id, region, digest(state), expires_at)
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
        if not code or not seller:
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
        self.store.set_connected(
            authorization.id,
            authorization.installation_id,
            seller,
            self.box.encrypt(tokens.refresh_token),
            marketplaces,
        )
        with self._lock:
            self._tokens[authorization.id] = (
                tokens.access_token,
                self.clock() + tokens.expires_in,
            )
        log.info("installation %s connected", authorization.installation_id)
        return pages.connected_page()

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
        if status == PENDING and self.clock() > authorization.state_expires_at:
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
        if cached and cached[1] - now > TOKEN_REFRESH_MARGIN_S and not body.get("fresh"):
            token, expires_at = cached
        else:
            try:
                refresh_token = self.box.decrypt(authorization.refresh_token or "")
            except ValueError:
                log.error("refresh token of %s cannot be decrypted", authorization.id)
                raise ApiError(
                    500, "internal_error", "Stored credentials are unreadable."
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
        return Response(status=204)
