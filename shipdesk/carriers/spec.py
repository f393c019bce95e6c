"""What a carrier declares to ShipDesk (see registry.py): no carrier imported here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from shipdesk.domain.labels import ReceiverLimits
from shipdesk.domain.shipping import BUSINESS, CONSUMER, OptionRoles

if TYPE_CHECKING:
    from shipdesk.retrying import RetryPolicy

CREATED, PRINTED = "created", "printed"  # when a label's tracking number goes to Amazon


@dataclass(frozen=True)
class CredentialField:
    key: str
    prompt: str  # how the CLI asks for it (English)
    secret: bool = False
    optional: bool = False


@dataclass(frozen=True)
class CarrierSpec:
    key: str  # "dhl", "gls": stored on every label
    name: str  # "DHL Parcel NL"
    short_name: str  # "DHL", as a sentence names it
    production_endpoint: str
    secret_name: str  # the keychain entry of its credentials
    credentials: tuple[CredentialField, ...]
    client: Callable[[Mapping[str, str], str, RetryPolicy], Any]  # -> base.Carrier
    limits: ReceiverLimits
    roles: OptionRoles
    amazon_carrier_code: str
    amazon_carrier_name: str
    # Which of the carrier's numbers Amazon gets (the first is the default; a setting picks).
    tracking_numbers: tuple[str, ...]
    tracking_after: str  # CREATED or PRINTED: when a label's number goes to Amazon by default
    tracking_page: str  # the receiver's track & trace page: {number}, {postal_code}
    label_sizes: tuple[str, ...]  # keys of printing.paper.LABEL_SIZES, the carrier's own first
    max_weight_kg: float
    default_parcel_type: str  # setting (6) until the owner chooses one
    # Where the Shipping Options tab asks what the carrier offers (per recipient type).
    catalogue: Mapping[str, tuple[str, str]] = field(
        default_factory=lambda: {CONSUMER: ("NL", "1012AB"), BUSINESS: ("NL", "")}
    )
    # Whether "not found by reference" proves an unclear attempt made nothing (then it is
    # made again); where it does not, the order waits for the owner to check.
    lookup_is_complete: bool = True
    can_void: bool = False  # whether the carrier can delete a label before its first scan
    # Whether a label's document can be asked for again later (else it comes only with the
    # answer to the create call, and a label found after a lost answer has none).
    documents_later: bool = True
    portal: str = ""  # where the owner manages the account ("My DHL Portal")
    # Whether the carrier takes a confirmation of the day's labels (GLS's ConfirmMultiple):
    # then the owner may switch it on (off by default: see the contract, "uncertain").
    end_of_day_confirm: bool = False
    # The countries a buyer can send a return label of this carrier from (its return service).
    return_from: tuple[str, ...] = ("NL",)
    # Whether the carrier's account manager must switch tracking updates on for a new account
    # (until then its parcels show no scans: worth an alert, not a parcel-by-parcel one).
    tracking_needs_activation: bool = False
    # What a parcel number looks like (checked when the owner types one in).
    parcel_number_pattern: str = r"[0-9A-Z]{8,35}"

    def tracking_url(self, number: str, postal_code: str = "") -> str:
        return self.tracking_page.format(
            number=quote(number, safe=""), postal_code=quote(postal_code.replace(" ", ""), safe="")
        )
