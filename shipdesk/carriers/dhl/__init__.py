"""DHL Parcel NL: what ShipDesk needs to know of it (its `SPEC` for the registry). The API
client is in `client.py`, imported when a label is first made, not when ShipDesk starts.

Follows `contracts/dhl-parcel-nl.md`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shipdesk.carriers.spec import PRINTED, CarrierSpec, CredentialField
from shipdesk.domain.labels import ReceiverLimits
from shipdesk.domain.shipping import OptionRoles

if TYPE_CHECKING:
    from shipdesk.retrying import RetryPolicy

SPEC_KEY = "dhl"  # the registry key, stored on every label (and on its ServicePoint)
DHL_PRODUCTION = "https://api-gw.dhlparcel.nl"
# DHL's field lengths (uncertain in the public docs: kept here, in one place).
LIMITS = ReceiverLimits(name=35, company=35, street=40, city=35, number=6, addition=10)
AMAZON_CARRIER_CODE = "DHL"  # DHL Parcel NL has no code of its own at Amazon
AMAZON_CARRIER_NAME = "DHL Parcel NL"


@dataclass(frozen=True)
class DhlCredentials:
    user_id: str
    api_key: str

    def as_dict(self) -> dict[str, str]:
        return {"user_id": self.user_id, "api_key": self.api_key}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DhlCredentials:
        return cls(str(data["user_id"]), str(data["api_key"]))


ROLES = OptionRoles(
    base_delivery="DOOR",
    same_day="SDD",  # "DHL Vandaag"
    saturday="S",
    reference="REFERENCE2",  # 70 characters: holds a whole Amazon order id
    pickup_point="PS",
    return_label="ADD_RETURN_LABEL",
    automatic=frozenset({"DOOR", "REFERENCE", "REFERENCE2"}),
    per_order=frozenset({"PS"}),  # a ServicePoint is chosen per order
)


def _client(values: Mapping[str, str], endpoint: str, retry: RetryPolicy) -> Any:
    from shipdesk.carriers.dhl.client import DhlClient

    return DhlClient(DhlCredentials.from_dict(values), endpoint, retry=retry)


SPEC = CarrierSpec(
    key=SPEC_KEY,
    name="DHL Parcel NL",
    short_name="DHL",
    production_endpoint=DHL_PRODUCTION,
    secret_name="dhl.api",
    credentials=(
        CredentialField("user_id", "DHL user id"),
        CredentialField("api_key", "DHL API key", secret=True),
    ),
    client=_client,
    limits=LIMITS,
    roles=ROLES,
    amazon_carrier_code=AMAZON_CARRIER_CODE,
    amazon_carrier_name=AMAZON_CARRIER_NAME,
    tracking_numbers=("trackerCode",),
    tracking_after=PRINTED,
    tracking_page="https://my.dhlparcel.nl/home/tracktrace/{number}",
    label_sizes=("label_10x21", "a6", "4x6in", "a4"),
    max_weight_kg=31.5,
    default_parcel_type="SMALL",
    lookup_is_complete=True,  # the shipment id is ours: not found means not made
    can_void=False,
    return_from=("NL", "BE", "LU"),  # DHL Parcel Benelux takes returns from these
    portal="My DHL Portal",
)
