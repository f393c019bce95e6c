"""GLS Netherlands: what ShipDesk needs to know of it (its `SPEC` for the registry). The API
client is in `client.py`, imported when a label is first made, not when ShipDesk starts.

Follows `contracts/gls-nl.md`. GLS's services are fields of one `services` object, not keyed
options; ShipDesk gives each a key of its own (below) so that the shipping settings, the edit
dialog and the Orders list treat them like any carrier's options.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shipdesk.carriers.spec import CREATED, CarrierSpec, CredentialField
from shipdesk.domain.labels import ReceiverLimits
from shipdesk.domain.shipping import OptionRoles

if TYPE_CHECKING:
    from shipdesk.retrying import RetryPolicy

SPEC_KEY = "gls"  # the registry key, stored on every label (and on its ParcelShop)
GLS_PRODUCTION = "https://api.gls.nl"
# GLS's V009 limits: name1..3 and contact 30, street 40, houseNo and houseNoExt 5, zipCode 8,
# phone 25. A consumer's first and last name share name1.
LIMITS = ReceiverLimits(
    name=30,
    company=30,
    street=40,
    city=30,
    number=5,
    addition=5,
    postal_code=8,
    phone=25,
    email=100,
    full_name=30,
)
MAX_WEIGHT_KG = 31.9
AMAZON_CARRIER_CODE = "GLS"
AMAZON_CARRIER_NAME = "GLS"

# ShipDesk's keys for GLS's services (see client.py for the request fields they fill).
ADDRESSEE_ONLY = "ADDRESSEE_ONLY"
SATURDAY = "SATURDAY"
EXPRESS = {"EXPRESS_T9": "t9", "EXPRESS_T12": "t12", "EXPRESS_T17": "t17"}
SHOP_RETURN = "SHOP_RETURN"
LETTERBOX = "LETTERBOX"
PARCELSHOP = "PARCELSHOP"


@dataclass(frozen=True)
class GlsCredentials:
    username: str
    password: str
    subscription_key: str = ""  # only some accounts have one (uncertain: see the contract)

    def as_dict(self) -> dict[str, str]:
        return {
            "username": self.username,
            "password": self.password,
            "subscription_key": self.subscription_key,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GlsCredentials:
        return cls(
            str(data["username"]),
            str(data["password"]),
            str(data.get("subscription_key") or ""),
        )


ROLES = OptionRoles(
    base_delivery=None,  # GLS delivers to the door unless a service says otherwise
    same_day=None,  # GLS NL has no same-day service
    saturday=SATURDAY,
    reference=None,  # the order id goes in `reference` on every label, not as an option
    pickup_point=PARCELSHOP,
    return_label=SHOP_RETURN,
    automatic=frozenset(),
    per_order=frozenset({PARCELSHOP}),  # a ParcelShop is chosen per order
)


def _client(values: Mapping[str, str], endpoint: str, retry: RetryPolicy) -> Any:
    from shipdesk.carriers.gls.client import GlsClient

    return GlsClient(GlsCredentials.from_dict(values), endpoint, retry=retry)


SPEC = CarrierSpec(
    key=SPEC_KEY,
    name="GLS NL",
    short_name="GLS",
    production_endpoint=GLS_PRODUCTION,
    secret_name="gls.api",
    credentials=(
        CredentialField("username", "MyGLS username"),
        CredentialField("password", "MyGLS password", secret=True),
        CredentialField(
            "subscription_key",
            "GLS subscription key",
            secret=True,
            optional=True,
        ),
    ),
    client=_client,
    limits=LIMITS,
    roles=ROLES,
    amazon_carrier_code=AMAZON_CARRIER_CODE,
    amazon_carrier_name=AMAZON_CARRIER_NAME,
    # Which number Amazon validates is uncertain: every public client sends the unitNo.
    tracking_numbers=("unitNo", "uniqueNo"),
    tracking_after=CREATED,  # as GLS's own Amazon link: "zodra een label aangemaakt is"
    tracking_page="https://www.gls-info.nl/tracking/ttlink?parcelNo={number}&zipCode={postal_code}",
    label_sizes=("a6", "4x6in", "a4"),
    max_weight_kg=MAX_WEIGHT_KG,
    default_parcel_type="PARCEL",
    lookup_is_complete=False,  # the search may not show a parcel before its first scan
    can_void=True,  # Label/Delete, until the first scan
    return_from=("NL",),  # ShopReturn is for the Netherlands only
    tracking_needs_activation=True,  # "switched on by GLS's account manager" (the contract)
    documents_later=False,  # a label's document comes with the answer to Create, only then
    portal="MyGLS",
    end_of_day_confirm=True,  # Label/ConfirmMultiple; GLS's own plugins never call it
    parcel_number_pattern=r"\d{11,14}",  # the unitNo, as Amazon checks a GLS number
)
