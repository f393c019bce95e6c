"""Login with Amazon's token endpoint, as the sandbox plays it.

Grants: `refresh_token` and `authorization_code` (a code is good once, for 5 minutes).
Errors follow LWA: `invalid_client` (401), `invalid_grant`, `invalid_request`,
`unsupported_grant_type` (400).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from shipdesk.sandbox.faults import FaultConfig, FaultInjector
from shipdesk.sandbox.wsgi import json_response

ACCESS_TOKEN_TTL = 3600
AUTH_CODE_TTL = 300


@dataclass
class Grant:
    client_id: str
    selling_partner_id: str
    revoked: bool = False


@dataclass
class AccessGrant:
    client_id: str
    selling_partner_id: str
    expires_at: float


@dataclass
class AuthCode:
    client_id: str
    selling_partner_id: str
    issued_at: float
    used: bool = False


@dataclass
class LwaState:
    """Clients, refresh tokens, codes and access tokens. Thread-safe."""

    clock: Any = time.time
    access_token_ttl: float = ACCESS_TOKEN_TTL
    clients: dict[str, list[str]] = field(default_factory=dict)
    refresh_tokens: dict[str, Grant] = field(default_factory=dict)
    access_tokens: dict[str, AccessGrant] = field(default_factory=dict)
    codes: dict[str, AuthCode] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- set-up and control (used by the sandbox itself, demo mode and tests) --
    def add_client(self, client_id: str, *client_secrets: str) -> None:
        with self.lock:
            self.clients[client_id] = list(client_secrets)

    def add_refresh_token(self, client_id: str, selling_partner_id: str, token: str) -> None:
        with self.lock:
            self.refresh_tokens[token] = Grant(client_id, selling_partner_id)

    def issue_code(self, client_id: str, selling_partner_id: str) -> str:
        code = "ANsandbox" + secrets.token_urlsafe(18)
        with self.lock:
            self.codes[code] = AuthCode(client_id, selling_partner_id, self.clock())
        return code

    def revoke(self, refresh_token: str) -> None:
        """The seller removed the app in Seller Central: its tokens stop working."""
        with self.lock:
            grant = self.refresh_tokens.get(refresh_token)
            if grant is None:
                return
            grant.revoked = True
            for token, access in list(self.access_tokens.items()):
                if (access.client_id, access.selling_partner_id) == (
                    grant.client_id,
                    grant.selling_partner_id,
                ):
                    del self.access_tokens[token]

    def revoke_seller(self, selling_partner_id: str, client_id: str | None = None) -> None:
        """The seller's grants end: every app's, or one app's (removed in "Manage Your Apps")."""
        for token, grant in list(self.refresh_tokens.items()):
            if grant.selling_partner_id == selling_partner_id and client_id in (
                None,
                grant.client_id,
            ):
                self.revoke(token)

    def authorized_clients(self, selling_partner_id: str) -> set[str]:
        with self.lock:
            return {
                g.client_id
                for g in self.refresh_tokens.values()
                if g.selling_partner_id == selling_partner_id and not g.revoked
            }

    def expire_access_tokens(self) -> None:
        with self.lock:
            for access in self.access_tokens.values():
                access.expires_at = 0

    def check_access_token(self, token: str | None) -> tuple[AccessGrant | None, str]:
        """(grant, "") when valid; (None, why) otherwise."""
        if not token:
            return None, "missing"
        with self.lock:
            access = self.access_tokens.get(token)
        if access is None:
            return None, "invalid"
        if access.expires_at <= self.clock():
            return None, "expired"
        return access, ""

    # -- the token endpoint --
    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        grant_type = form.get("grant_type", "")
        client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
        with self.lock:
            self.stats[f"grant:{grant_type}"] += 1
            known = self.clients.get(client_id)
            if (
                not client_id
                or not client_secret
                or known is None
                or not any(secrets.compare_digest(client_secret, s) for s in known)
            ):
                return 401, _error("invalid_client", "Client authentication failed")
            if grant_type == "refresh_token":
                token = form.get("refresh_token", "")
                if not token:
                    return 400, _error("invalid_request", "Missing parameter: refresh_token")
                grant = self.refresh_tokens.get(token)
                if grant is None or grant.revoked or grant.client_id != client_id:
                    return 400, _error(
                        "invalid_grant",
                        "The request has an invalid grant parameter : refresh_token",
                    )
                return 200, self._issue(client_id, grant.selling_partner_id, token)
            if grant_type == "authorization_code":
                code = form.get("code", "")
                if not code:
                    return 400, _error("invalid_request", "Missing parameter: code")
                entry = self.codes.get(code)
                if (
                    entry is None
                    or entry.used
                    or entry.client_id != client_id
                    or self.clock() - entry.issued_at > AUTH_CODE_TTL
                ):
                    if entry is not None:
                        entry.used = True  # a replayed code burns for good
                    return 400, _error(
                        "invalid_grant", "The request has an invalid grant parameter : code"
                    )
                entry.used = True
                refresh = "Atzr|" + secrets.token_urlsafe(48)
                self.refresh_tokens[refresh] = Grant(client_id, entry.selling_partner_id)
                return 200, self._issue(client_id, entry.selling_partner_id, refresh)
            return 400, _error("unsupported_grant_type", f"Unsupported grant_type: {grant_type}")

    def _issue(self, client_id: str, seller: str, refresh_token: str) -> dict[str, Any]:
        access = "Atza|" + secrets.token_urlsafe(48)
        self.access_tokens[access] = AccessGrant(
            client_id, seller, self.clock() + self.access_token_ttl
        )
        return {
            "access_token": access,
            "refresh_token": refresh_token,
            "token_type": "bearer",
            "expires_in": int(self.access_token_ttl),
        }


def _error(code: str, description: str) -> dict[str, str]:
    return {"error": code, "error_description": description}


def _lwa_error_response(status: int, detail: str) -> Response:
    return json_response(_error("ServerError", f"Login with Amazon failed ({detail})"), status)


class LwaApp:
    def __init__(self, state: LwaState) -> None:
        self.state = state
        self.urls = Map([Rule("/auth/o2/token", endpoint="token", methods=["POST"])])

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        adapter = self.urls.bind_to_environ(environ)
        try:
            adapter.match()
        except HTTPException:  # 404/405, in LWA's own error shape
            response = json_response(_error("invalid_request", "Unknown endpoint"), 404)
            return response(environ, start_response)
        status, body = self.state.token(request.form.to_dict())
        return json_response(body, status)(environ, start_response)


def make_lwa_app(state: LwaState, faults: FaultConfig) -> FaultInjector:
    return FaultInjector(LwaApp(state), faults, _lwa_error_response)
