"""The carrier interface: what ShipDesk needs of a carrier's API (see registry.py for who).

Errors carry a stable `code` for the UI and an English message with the carrier's own words.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from shipdesk import errors
from shipdesk.domain.labels import Receiver, ReceiverLimits
from shipdesk.domain.service_points import LOCKER as LOCKER
from shipdesk.domain.service_points import SHOP as SHOP
from shipdesk.domain.service_points import OpeningHours as OpeningHours
from shipdesk.domain.service_points import ServicePoint as ServicePoint
from shipdesk.domain.shipping import Capability, SenderAddress
from shipdesk.errors import Refusal as Refusal
from shipdesk.retrying import Exhausted

# The refused fields that say where a parcel goes (ShipDesk's names, see errors.Refusal).
DESTINATION_FIELDS = frozenset({"country_code", "postal_code", "is_business"})


def document_complete(fmt: str) -> Callable[[bytes], bool]:
    """A label document that arrived whole: PDF from %PDF to %%EOF, ZPL from ^XA to ^XZ."""
    if fmt.startswith("zpl"):
        return lambda data: data.lstrip().startswith(b"^XA") and data.rstrip().endswith(b"^XZ")
    return lambda data: data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]


class CarrierError(errors.ServiceError):
    code = "carrier_error"

    def __init__(
        self, message: str, *, details: Sequence[dict[str, Any]] = (), service: str = ""
    ) -> None:
        super().__init__(message, service=service)
        self.details = list(details)


class CarrierAuthError(CarrierError, errors.AuthRefused):
    """The carrier refused the credentials (wrong, or revoked in its portal)."""

    code = "carrier_auth"


class CarrierUnavailable(CarrierError, errors.Unavailable):
    """Network errors, timeouts or 5xx that outlasted the retries. `maybe_sent`: whether a
    request may have been carried out (False: none reached the carrier)."""

    code = "carrier_unavailable"
    maybe_sent = True
    retry_after: float | None = None  # a 503's Retry-After, when it was longer than a retry waits


class CarrierRateLimited(CarrierUnavailable, errors.RateLimited):
    """Too many requests, and the carrier asked to wait longer than a retry waits."""

    code = "carrier_rate_limited"

    def __init__(self, message: str, *, service: str = "", retry_after: float | None = None):
        super().__init__(message, service=service)
        self.retry_after = retry_after


def gave_up(exc: Exhausted, service: str, *, maybe_sent: bool = True) -> CarrierUnavailable:
    """The carrier error for retries that ran out (`maybe_sent`: see CarrierUnavailable)."""
    if exc.rate_limited:
        error: CarrierUnavailable = CarrierRateLimited(
            f"{exc}.", service=service, retry_after=exc.retry_after
        )
    else:
        error = CarrierUnavailable(f"{exc}.", service=service)
        error.retry_after = exc.retry_after  # a 503's Retry-After, longer than a retry waits
    error.maybe_sent = maybe_sent
    return error


class CarrierRejected(CarrierError, errors.Refused):
    """The carrier refused this request (validation); retrying as-is will not help."""

    code = "carrier_rejected"

    def __init__(
        self,
        message: str,
        *,
        key: str = "",
        details: Sequence[dict[str, Any]] = (),
        refusals: Sequence[Refusal] = (),
        service: str = "",
    ) -> None:
        super().__init__(message, details=details, service=service)
        self.key = key
        self.refusals = tuple(refusals)

    def about_destination(self) -> bool:
        """Whether the carrier named the destination (country, postcode, recipient type) as
        what is wrong, rather than anything else it refused (a wrong path, a bad account)."""
        return any(r.field in DESTINATION_FIELDS for r in self.refusals)


class ServicePointClosed(CarrierRejected):
    """The pickup point exists but takes no parcels now (closed, or full for good)."""

    code = "service_point_closed"


class CarrierUnclear(CarrierUnavailable, errors.UnclearOutcome):
    """A label request whose answer was lost (a timeout after sending, a dropped connection):
    the carrier may or may not have made it. Never sent again blindly."""

    code = "carrier_unclear"


class DocumentGone(CarrierRejected):
    """The carrier gives a label's document only with the new label, and ShipDesk has no copy
    of this one (made before it kept them, or found after a lost answer)."""

    code = "carrier_document_gone"


class NotConnected(CarrierError, errors.NotConnected):
    code = "carrier_not_connected"


@dataclass(frozen=True)
class CapabilityQuery:
    to_country: str
    recipient_type: str  # business | consumer
    to_postal_code: str = ""
    from_country: str = "NL"
    account_number: str = ""


@dataclass(frozen=True)
class ShipmentRequest:
    shipment_id: str  # chosen and stored by ShipDesk before the call: retries reuse it
    order_reference: str
    account_number: str
    receiver: Receiver
    sender: SenderAddress
    options: tuple[tuple[str, str | None], ...]
    parcel_type: str
    weight_kg: float
    pieces: int = 1
    # Each parcel's own weight, when the owner gave them; empty: every parcel weighs weight_kg.
    parcel_weights: tuple[float, ...] = ()
    # The document the carrier should return with the label (GLS sends it only then).
    label_format: str = "pdf"  # pdf | zpl
    dpi: int = 203
    # For a return label (create_return): why the buyer sends it back, as GLS asks it.
    return_reason: str = ""

    def weights(self) -> tuple[float, ...]:
        """The weight of each parcel, in order."""
        if len(self.parcel_weights) == self.pieces:
            return self.parcel_weights
        return (self.weight_kg,) * self.pieces


@dataclass(frozen=True)
class CreatedPiece:
    label_id: str
    tracker_code: str  # the carrier's main parcel number (DHL trackerCode, GLS unitNo)
    parcel_type: str
    piece_number: int
    numbers: tuple[tuple[str, str], ...] = ()  # every number the carrier gave it, by name
    document: bytes | None = None  # the label, when the carrier sends it with the answer


@dataclass(frozen=True)
class CreatedShipment:
    shipment_id: str
    product: str
    pieces: tuple[CreatedPiece, ...]
    document_format: str = ""  # the format key of the pieces' documents ("pdf", "zpl203")


@dataclass(frozen=True)
class LabelRecord:
    """A label the carrier already has, found by order reference."""

    label_id: str
    tracker_code: str
    shipment_id: str
    order_reference: str
    piece_number: int = 1


@dataclass(frozen=True)
class TrackingEvent:
    status: str
    timestamp: str
    location: str = ""
    category: str = ""


# Where a parcel is, in the carriers' common words (each client maps its own states).
NOT_SCANNED, IN_TRANSIT, DELIVERED, PROBLEM = "not_scanned", "in_transit", "delivered", "problem"


@dataclass(frozen=True)
class Tracking:
    tracker_code: str
    events: tuple[TrackingEvent, ...] = ()
    delivered_at: str | None = None
    status: str = NOT_SCANNED  # NOT_SCANNED | IN_TRANSIT | DELIVERED | PROBLEM


@dataclass(frozen=True)
class Account:
    account_numbers: tuple[str, ...] = field(default=())


class Carrier(Protocol):
    """One carrier's API. Every call may raise CarrierError subclasses."""

    name: str
    amazon_carrier_code: str
    amazon_carrier_name: str
    limits: ReceiverLimits

    def login(self, cancel: threading.Event | None = None) -> Account: ...

    def capabilities(
        self, query: CapabilityQuery, cancel: threading.Event | None = None
    ) -> list[Capability]: ...

    def create_shipment(
        self, request: ShipmentRequest, cancel: threading.Event | None = None
    ) -> CreatedShipment: ...

    def create_return(
        self, request: ShipmentRequest, cancel: threading.Event | None = None
    ) -> CreatedShipment:
        """A return label for the order `request` describes (its receiver is the buyer, who
        sends the parcel back to its sender, the shop): one parcel, its own tracking number."""
        ...

    def label(
        self,
        label_id: str,
        fmt: str = "pdf",
        dpi: int = 203,
        cancel: threading.Event | None = None,
    ) -> bytes: ...

    def find_created(
        self, order_reference: str, shipment_id: str, cancel: threading.Event | None = None
    ) -> CreatedShipment | None:
        """After an unclear attempt: the shipment the carrier made for it, if it can tell."""
        ...

    def confirm(
        self, label_ids: Sequence[str], day: dt.date, cancel: threading.Event | None = None
    ) -> None:
        """Confirm a day's labels (only carriers whose spec says end_of_day_confirm)."""
        ...

    def void(self, label_ids: Sequence[str], cancel: threading.Event | None = None) -> None:
        """Delete labels before their first scan (only carriers whose spec says can_void)."""
        ...

    def track(
        self, tracker_codes: Sequence[str], cancel: threading.Event | None = None
    ) -> list[Tracking]: ...

    def service_points(
        self,
        country: str,
        postcode: str,
        limit: int = 10,
        cancel: threading.Event | None = None,
    ) -> list[ServicePoint]:
        """The carrier's pickup points nearest to a postcode, nearest first."""
        ...

    def service_point(
        self,
        country: str,
        point_id: str,
        postcode: str = "",
        cancel: threading.Event | None = None,
    ) -> ServicePoint | None:
        """One pickup point by its id (None: the carrier has no such point open); `postcode`:
        where to look for it, for a carrier that finds points only by place."""
        ...
