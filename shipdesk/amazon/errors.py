"""What can go wrong talking to Amazon, in terms a caller can act on.

Each error has a stable `code` (the UI translates by code) and an English `message` for the CLI
and logs. Messages never contain tokens or secrets.
"""

from __future__ import annotations

from shipdesk import errors


class AmazonError(errors.ServiceError):
    code = "amazon_error"
    service = "amazon"

    def __init__(self, message: str, *, request_id: str | None = None) -> None:
        super().__init__(message)
        self.request_id = request_id

    def __str__(self) -> str:
        suffix = f" (Amazon request id {self.request_id})" if self.request_id else ""
        return f"{self.message}{suffix}"


class NotConnected(AmazonError, errors.NotConnected):
    code = "not_connected"


class AuthorizationRevoked(AmazonError, errors.AuthRefused):
    """LWA said invalid_grant: the seller revoked the app, or the refresh token is wrong."""

    code = "authorization_revoked"


class InvalidClient(AmazonError, errors.AuthRefused):
    """LWA said invalid_client: the client id or client secret is wrong."""

    code = "invalid_client"


class AccessDenied(AmazonError, errors.AuthRefused):
    """The API refused a fresh token: a missing role, or the app lost its authorization."""

    code = "access_denied"


class RateLimited(AmazonError, errors.RateLimited):
    code = "rate_limited"
    retry_after: float | None = None


class Unavailable(AmazonError, errors.Unavailable):
    """Network errors, timeouts, 5xx or malformed answers that outlasted our retries."""

    code = "unavailable"
    retry_after: float | None = None  # kept alike with RateLimited; the client leaves it None


class RequestRejected(AmazonError, errors.Refused):
    """A 4xx with Amazon's error list: our request was wrong for Amazon."""

    code = "request_rejected"

    def __init__(
        self,
        message: str,
        *,
        status: int,
        errors: list[dict] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, request_id=request_id)
        self.status = status
        self.errors = errors or []
        self.refusals = ()

    @property
    def error_codes(self) -> list[str]:
        return [str(e.get("code", "")) for e in self.errors]
