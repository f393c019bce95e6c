"""One tree of errors for everything below the services: what went wrong with an outside
service (Amazon, Login with Amazon, ShipDesk's broker, a carrier), in kinds a caller can act on.

- `Unavailable`: not reached, or it kept failing (network, timeouts, 5xx) past the retries.
  - `RateLimited`: it asked us to slow down for longer than a retry may wait.
  - `UnclearOutcome`: a write whose answer was lost; whether it happened is not known.
- `AuthRefused`: the credentials were refused (wrong, expired or revoked).
- `Refused`: the request itself was refused; retrying it as it is will not help. Carries the
  `Refusal`s (field and reason) the service named.
- `NotConnected`: no account is connected for it.

Each error has a stable `code` (the window words it in the owner's language, in one place:
`ui/texts.py`), the `service` it concerns, and an English message with the service's own words
for the CLI and the log. Amazon's and the carriers' own error classes are kinds of these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Refusal:
    """One thing a service refused, in ShipDesk's terms so the window can word it: `field` is
    a receiver field ("street", "postal_code"…), "sender_<field>", "weight", "parcel_type",
    "pieces", "option", "reference" or "" (the request as a whole); `reason` one of too_long,
    missing, invalid, not_digits, not_served, not_allowed, too_heavy, other; `limit` a length or
    maximum when the service named one; `text` the service's own words, kept for the details."""

    field: str
    reason: str
    text: str
    limit: str = ""

    def to_json(self) -> dict[str, str]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: Any) -> Refusal | None:
        if not isinstance(data, dict):
            return None
        return cls(
            str(data.get("field", "")),
            str(data.get("reason", "other")),
            str(data.get("text", "")),
            str(data.get("limit", "")),
        )


class ServiceError(Exception):
    code = "service_error"
    service = ""  # amazon | lwa | broker | dhl | gls

    def __init__(self, message: str, *, service: str = "") -> None:
        super().__init__(message)
        self.message = message
        if service:
            self.service = service


class Unavailable(ServiceError):
    code = "unavailable"


class RateLimited(Unavailable):
    code = "rate_limited"

    def __init__(self, message: str, *, service: str = "", retry_after: float | None = None):
        super().__init__(message, service=service)
        self.retry_after = retry_after  # seconds the service asked us to wait, when it said


class UnclearOutcome(Unavailable):
    code = "unclear_outcome"


class AuthRefused(ServiceError):
    code = "auth_refused"


class Refused(ServiceError):
    code = "refused"

    def __init__(
        self, message: str, *, service: str = "", refusals: Sequence[Refusal] = ()
    ) -> None:
        super().__init__(message, service=service)
        self.refusals = tuple(refusals)


class NotConnected(ServiceError):
    code = "not_connected"
