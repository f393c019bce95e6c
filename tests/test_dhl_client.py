"""ShipDesk's DHL Parcel NL client against the DHL sandbox, over real HTTP."""

from __future__ import annotations

import uuid

import pytest

from shipdesk.carriers.base import (
    CapabilityQuery,
    CarrierAuthError,
    CarrierRejected,
    ShipmentRequest,
)
from shipdesk.carriers.dhl import DhlCredentials
from shipdesk.carriers.dhl.client import DhlClient
from shipdesk.domain.labels import Receiver
from shipdesk.domain.shipping import SenderAddress
from tests.conftest import FAST_RETRY

SENDER = SenderAddress(
    None,
    "Piet Winkel",
    "Webwinkel De Mok B.V.",
    "Reactorweg",
    "25",
    "",
    "3542 AD",
    "Utrecht",
    "NL",
    "info@demok.nl",
    "0301234567",
)


def client_for(sandbox, **changes) -> DhlClient:
    credentials = DhlCredentials(sandbox.dhl.user_id, sandbox.dhl.api_key)
    return DhlClient(credentials, sandbox.urls["dhl"], retry=FAST_RETRY, **changes)


def request(shipment_id: str | None = None, **changes) -> ShipmentRequest:
    receiver = Receiver(
        "Jan", "Jansen", "", "Kerkstraat", "12", "A", "3511AB", "Utrecht", "NL", False
    )
    values = dict(
        shipment_id=shipment_id or str(uuid.uuid4()),
        order_reference="403-1234567-1234567",
        account_number="08500011",
        receiver=receiver,
        sender=SENDER,
        options=(("DOOR", None), ("REFERENCE2", "403-1234567-1234567")),
        parcel_type="SMALL",
        weight_kg=1.2,
    )
    values.update(changes)
    return ShipmentRequest(**values)


@pytest.fixture
def dhl_sandbox(start_sandbox):
    return start_sandbox(orders=0, seed=1, time_scale=1000)


def test_login_gives_the_account_numbers(dhl_sandbox) -> None:
    account = client_for(dhl_sandbox).login()
    assert account.account_numbers == tuple(dhl_sandbox.dhl.account_numbers)


def test_wrong_or_revoked_key(dhl_sandbox) -> None:
    wrong = DhlClient(
        DhlCredentials(dhl_sandbox.dhl.user_id, "nope"), dhl_sandbox.urls["dhl"], retry=FAST_RETRY
    )
    with pytest.raises(CarrierAuthError, match="API key"):
        wrong.login()
    client = client_for(dhl_sandbox)
    client.login()
    dhl_sandbox.dhl.revoke_key()
    dhl_sandbox.dhl.expire_access_tokens()
    with pytest.raises(CarrierAuthError):
        client.capabilities(CapabilityQuery("NL", "consumer"))


def test_expired_access_token_is_renewed_once(dhl_sandbox) -> None:
    client = client_for(dhl_sandbox)
    client.login()
    dhl_sandbox.dhl.expire_access_tokens()
    logins = dhl_sandbox.dhl.stats["login"] + dhl_sandbox.dhl.stats["refresh"]
    assert client.capabilities(CapabilityQuery("NL", "consumer", "1012AB"))
    assert dhl_sandbox.dhl.stats["login"] + dhl_sandbox.dhl.stats["refresh"] == logins + 1


def test_capabilities_are_mapped(dhl_sandbox) -> None:
    client = client_for(dhl_sandbox)
    amsterdam = client.capabilities(CapabilityQuery("NL", "consumer", "1012AB"))
    small = next(c for c in amsterdam if c.parcel_type == "SMALL")
    assert small.product == "DFY-B2C"
    assert {"DOOR", "BP", "SDD", "EVE"} <= small.option_keys
    assert "EVE" in small.option("SDD").exclusions
    assert small.option("INS").input_type == "number"
    texel = client.capabilities(CapabilityQuery("NL", "consumer", "1791AA"))
    assert not {"EVE", "S", "SDD"} & next(c for c in texel if c.parcel_type == "SMALL").option_keys
    assert client.capabilities(CapabilityQuery("US", "consumer")) == []
    business = client.capabilities(CapabilityQuery("NL", "business"))
    assert {c.product for c in business} == {"B2B"}


def test_shipments_are_idempotent_per_shipment_id(dhl_sandbox) -> None:
    client = client_for(dhl_sandbox)
    shipment_id = str(uuid.uuid4())
    first = client.create_shipment(request(shipment_id))
    again = client.create_shipment(request(shipment_id))
    assert first.pieces[0].tracker_code == again.pieces[0].tracker_code
    assert first.pieces[0].tracker_code.startswith("JVGL")
    assert dhl_sandbox.dhl.stats["shipments:created"] == 1
    found = client.labels_for_reference("403-1234567-1234567")
    assert [r.tracker_code for r in found] == [first.pieces[0].tracker_code]
    assert client.labels_for_reference("nothing-here") == []


def test_unclear_failures_are_retried_without_a_second_shipment(dhl_sandbox) -> None:
    """The answer is lost after DHL made the shipment: the retry gets the same one back."""
    client = client_for(dhl_sandbox)
    client.login()
    dhl_sandbox.faults.kinds = ("drop", "malformed")
    dhl_sandbox.set_fault_rate(0.6)
    results = [
        client.create_shipment(request(str(uuid.uuid4()), order_reference=f"R{n}"))
        for n in range(6)
    ]
    dhl_sandbox.set_fault_rate(0)
    assert dhl_sandbox.dhl_app.injected["drop"] + dhl_sandbox.dhl_app.injected["malformed"] > 0
    assert dhl_sandbox.dhl.stats["shipments:created"] == 6
    assert len({r.pieces[0].tracker_code for r in results}) == 6


def test_a_refused_label_says_which_field(dhl_sandbox) -> None:
    client = client_for(dhl_sandbox)
    long_street = request(
        receiver=Receiver("Jan", "Jansen", "", "K" * 60, "12", "", "3511AB", "Utrecht", "NL", False)
    )
    with pytest.raises(CarrierRejected) as caught:
        client.create_shipment(long_street)
    assert "receiver.address.street" in str(caught.value)
    combination = request(options=(("DOOR", None), ("EVE", None), ("S", None)))
    with pytest.raises(CarrierRejected):
        client.create_shipment(combination)


def test_label_documents_and_tracking(dhl_sandbox) -> None:
    client = client_for(dhl_sandbox)
    created = client.create_shipment(request())
    piece = created.pieces[0]
    pdf = client.label(piece.label_id)
    assert pdf.startswith(b"%PDF")
    zpl = client.label(piece.label_id, fmt="zpl", dpi=300)
    assert zpl.startswith(b"^XA") and piece.tracker_code.encode() in zpl
    dhl_sandbox.clock.advance(25 * 3600 / 1000)  # a day, at time scale 1000
    [tracking] = client.track([piece.tracker_code])
    assert tracking.events and tracking.delivered_at
