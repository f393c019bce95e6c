"""The carriers ShipDesk ships with, and what each declares: the one place that knows them.

Everything above `carriers/` asks this registry: which credentials a carrier needs, how its
options play the parts of the shipping settings, its label sizes and field lengths, how Amazon
names it, which number is its tracking number and when that goes to Amazon. Adding a carrier
(PostNL, DPD) is a package beside dhl/ and gls/ and one line below.
"""

from __future__ import annotations

from shipdesk.carriers.spec import CREATED as CREATED
from shipdesk.carriers.spec import PRINTED as PRINTED
from shipdesk.carriers.spec import CarrierSpec
from shipdesk.carriers.spec import CredentialField as CredentialField


def _carriers() -> dict[str, CarrierSpec]:
    from shipdesk.carriers import dhl, gls

    return {spec.key: spec for spec in (dhl.SPEC, gls.SPEC)}


CARRIERS: dict[str, CarrierSpec] = _carriers()


class UnknownCarrier(KeyError):
    pass


def spec(key: str) -> CarrierSpec:
    try:
        return CARRIERS[key]
    except KeyError:
        raise UnknownCarrier(key) from None


def known(key: str | None) -> bool:
    return key in CARRIERS
