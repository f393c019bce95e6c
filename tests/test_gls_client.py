"""ShipDesk's GLS NL client against the GLS sandbox, over real HTTP: the envelope, field limits
said before sending, both places labels come back, and never a second parcel for one attempt."""

from __future__ import annotations

import datetime as dt
import http.server
import re
import threading
import uuid

import pytest

from shipdesk.carriers.base import (
    CapabilityQuery,
    CarrierAuthError,
    CarrierRateLimited,
    CarrierRejected,
    CarrierUnavailable,
    CarrierUnclear,
    ShipmentRequest,
)
from shipdesk.carriers.gls import GlsCredentials
from shipdesk.carriers.gls.client import GlsClient, GlsSubscriptionRefused
from shipdesk.domain.labels import Receiver
from shipdesk.domain.shipping import SenderAddress
from shipdesk.retrying import RetryPolicy
from tests.conftest import FAST_RETRY

ORDER = "403-1234567-1234567"
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
RECEIVER = Receiver("Jan", "Jansen", "", "Kerkstraat", "12", "A", "3511AB", "Utrecht", "NL", False)


@pytest.fixture
def gls_sandbox(start_sandbox):
    return start_sandbox(orders=0, seed=1, time_scale=1000)


def client_for(sandbox, **changes) -> GlsClient:
    values = sandbox.carrier_credentials()["gls"]
    credentials = GlsCredentials.from_dict({**values, **changes.pop("credentials", {})})
    return GlsClient(
        credentials, sandbox.urls["gls"], retry=changes.pop("retry", FAST_RETRY), **changes
    )


def request(sandbox, **changes) -> ShipmentRequest:
    values = dict(
        shipment_id=str(uuid.uuid4()),
        order_reference=ORDER,
        account_number=sandbox.gls.customer_numbers[0],
        receiver=RECEIVER,
        sender=SENDER,
        options=(),
        parcel_type="PARCEL",
        weight_kg=1.2,
    )
    values.update(changes)
    return ShipmentRequest(**values)


def test_login_gives_the_customer_numbers(gls_sandbox) -> None:
    assert client_for(gls_sandbox).login().account_numbers == gls_sandbox.gls.customer_numbers


def test_a_wrong_password_or_subscription_key_is_an_auth_error(gls_sandbox) -> None:
    with pytest.raises(CarrierAuthError, match="username or password"):
        client_for(gls_sandbox, credentials={"password": "nope"}).login()
    # No key on the account: none is sent, but one that is filled in is sent (and refused).
    with pytest.raises(GlsSubscriptionRefused, match="invalid subscription key"):
        client_for(gls_sandbox, credentials={"subscription_key": "made-up"}).login()
    key = gls_sandbox.gls.require_subscription_key()
    with pytest.raises(GlsSubscriptionRefused, match="missing subscription key"):
        client_for(gls_sandbox, credentials={"subscription_key": ""}).login()
    assert client_for(gls_sandbox, credentials={"subscription_key": key}).login()


def test_capabilities_follow_the_delivery_options(gls_sandbox) -> None:
    client = client_for(gls_sandbox)
    [utrecht] = client.capabilities(CapabilityQuery("NL", "consumer", "3511AB"))
    assert (utrecht.product, utrecht.parcel_type, utrecht.max_weight_kg) == (
        "BusinessParcel",
        "PARCEL",
        31.9,
    )
    keys = {o.key for o in utrecht.options}
    assert keys == {
        "EXPRESS_T9",
        "EXPRESS_T12",
        "EXPRESS_T17",
        "SATURDAY",
        "PARCELSHOP",
        "SHOP_RETURN",
        "ADDRESSEE_ONLY",
        "LETTERBOX",
    }
    assert utrecht.option("EXPRESS_T12").exclusions >= {"EXPRESS_T9", "SATURDAY", "PARCELSHOP"}
    assert utrecht.option("PARCELSHOP").input_type == "address"
    [texel] = client.capabilities(CapabilityQuery("NL", "consumer", "1792AB"))
    assert not {"SATURDAY", "EXPRESS_T9"} & {o.key for o in texel.options}
    [paris] = client.capabilities(CapabilityQuery("FR", "business", "75001"))
    assert paris.product == "EuroBusinessParcel"
    assert {o.key for o in paris.options} == {"PARCELSHOP"}
    assert client.capabilities(CapabilityQuery("US", "consumer")) == []


def test_a_label_with_several_parcels_has_their_numbers_and_documents(gls_sandbox) -> None:
    client = client_for(gls_sandbox)
    created = client.create_shipment(
        request(gls_sandbox, pieces=2, weight_kg=4.5, options=(("EXPRESS_T12", None),))
    )
    assert created.document_format == "pdf" and created.product == "BusinessParcel"
    assert [p.piece_number for p in created.pieces] == [1, 2]
    for piece in created.pieces:
        numbers = dict(piece.numbers)
        assert re.fullmatch(r"\d{14}", numbers["unitNo"])
        assert piece.label_id == piece.tracker_code == numbers["unitNo"]
        assert re.fullmatch(r"[A-Z]{8}", numbers["uniqueNo"])
        assert piece.document is not None and piece.document.startswith(b"%PDF")
    units = gls_sandbox.gls.live_units(ORDER)
    assert sorted(u.unit_no for u in units) == sorted(p.tracker_code for p in created.pieces)
    assert units[0].label.services == ["EXPRESS T12  Before 12:00"]
    assert units[0].label.pickup["name1"] == "Webwinkel De Mok B.V."
    assert units[0].delivery["zipCode"] == "3511 AB"


@pytest.mark.parametrize("dpi, fmt, width", [(203, "zpl203", "^PW799"), (300, "zpl300", "^PW1181")])
def test_zpl_labels_come_at_the_printer_s_resolution(gls_sandbox, dpi, fmt, width) -> None:
    created = client_for(gls_sandbox).create_shipment(
        request(gls_sandbox, label_format="zpl", dpi=dpi)
    )
    assert created.document_format == fmt
    document = created.pieces[0].document
    assert document is not None and width.encode() in document
    assert created.pieces[0].tracker_code.encode() in document


def test_a_document_for_all_parcels_is_read_from_the_answer_s_labels(gls_sandbox) -> None:
    client = client_for(gls_sandbox, pdf_label_type="pdfA6S")
    created = client.create_shipment(request(gls_sandbox))
    assert created.pieces[0].document is not None
    assert created.pieces[0].document == gls_sandbox.gls.documents[created.pieces[0].label_id]


@pytest.mark.parametrize(
    "moment, amsterdam",
    [  # Amsterdam is already a day further than UTC: in winter (UTC+1) and in summer (UTC+2)
        (dt.datetime(2026, 12, 4, 23, 30, tzinfo=dt.UTC), dt.date(2026, 12, 5)),
        (dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC), dt.date(2026, 7, 2)),
        (dt.datetime(2026, 12, 4, 22, 30, tzinfo=dt.UTC), dt.date(2026, 12, 4)),
    ],
)
def test_the_shipping_date_is_today_in_amsterdam(gls_sandbox, moment, amsterdam) -> None:
    """GLS NL works in Dutch time: late in the evening UTC, "today" is Amsterdam's date, which
    GLS accepts (UTC's has passed there), for the label, the options and the confirmation."""
    gls_sandbox.clock.set(moment.timestamp())
    client = client_for(gls_sandbox, clock=gls_sandbox.clock)
    assert client.today() == amsterdam
    assert client.capabilities(CapabilityQuery("NL", "consumer", "3511AB"))
    created = client.create_shipment(request(gls_sandbox))
    [unit] = gls_sandbox.gls.live_units(ORDER)
    assert unit.unit_no == created.pieces[0].label_id
    assert unit.shipping_date == amsterdam
    client.confirm([unit.unit_no], client.today())
    assert unit.confirmed


def test_field_limits_are_said_before_anything_is_sent(gls_sandbox) -> None:
    client = client_for(gls_sandbox)
    long = Receiver(
        "Johannes Theodorus",
        "van den Heuvel-Smit",
        "",
        "Kerkstraat",
        "123456",
        "",
        "3511AB",
        "Utrecht",
        "NL",
        False,
    )
    with pytest.raises(CarrierRejected) as caught:
        client.create_shipment(request(gls_sandbox, receiver=long, weight_kg=32))
    refusals = {(r.field, r.reason, r.limit) for r in caught.value.refusals}
    assert refusals == {
        ("full_name", "too_long", "30"),
        ("number", "too_long", "5"),
        ("weight", "too_heavy", "31.9"),
    }
    assert gls_sandbox.gls.stats["create"] == 0


def test_gls_s_own_refusals_name_the_field(gls_sandbox) -> None:
    client = client_for(gls_sandbox)
    paris = Receiver(
        "Marie", "Dupont", "", "Rue de Rivoli", "10", "", "75001", "Paris", "FR", False
    )
    with pytest.raises(CarrierRejected) as caught:
        client.create_shipment(
            request(gls_sandbox, receiver=paris, options=(("EXPRESS_T9", None),))
        )
    [refusal] = caught.value.refusals
    assert (refusal.field, refusal.reason) == ("option", "not_allowed")
    assert caught.value.key == "V020"
    bad_postcode = Receiver(
        "Jan", "Jansen", "", "Kerkstraat", "1", "", "ABC", "Utrecht", "NL", False
    )
    with pytest.raises(CarrierRejected) as caught:
        client.create_shipment(request(gls_sandbox, receiver=bad_postcode))
    assert caught.value.about_destination()
    assert gls_sandbox.gls.live_units() == []


def test_throttling_before_the_call_is_retried_and_makes_one_parcel(gls_sandbox) -> None:
    gls_sandbox.faults.kinds = ("throttle",)
    gls_sandbox.set_fault_rate(0.5)
    client = client_for(gls_sandbox)
    made = [client.create_shipment(request(gls_sandbox, order_reference=f"R{n}")) for n in range(6)]
    gls_sandbox.set_fault_rate(0)
    assert gls_sandbox.gls_app.app.injected["throttle"] > 0
    assert len(gls_sandbox.gls.live_units()) == 6 == len({m.pieces[0].tracker_code for m in made})


@pytest.mark.parametrize("kind, made", [("drop", 1), ("malformed", 1), ("server_error", 0)])
def test_a_lost_answer_is_unclear_and_never_sent_again(gls_sandbox, kind, made) -> None:
    client = client_for(gls_sandbox)
    gls_sandbox.faults.kinds = (kind,)
    gls_sandbox.set_fault_rate(1.0)
    with pytest.raises(CarrierUnclear):
        client.create_shipment(request(gls_sandbox))
    gls_sandbox.set_fault_rate(0)
    assert gls_sandbox.gls.stats["create"] <= 1 + (kind == "server_error") * 8
    assert len(gls_sandbox.gls.live_units(ORDER)) == made
    found = client.find_created(ORDER, "attempt-1")
    assert (found is not None) == bool(made)
    if found is not None:
        assert found.pieces[0].tracker_code == gls_sandbox.gls.live_units(ORDER)[0].unit_no
        assert found.pieces[0].document is None  # GLS gives a label's document only once


def test_a_slow_answer_is_unclear_not_repeated(gls_sandbox) -> None:
    slow = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.1, read_timeout=0.3)
    client = client_for(gls_sandbox, retry=slow)
    gls_sandbox.faults.kinds = ("slow",)
    gls_sandbox.faults.slow_seconds = 1.0
    gls_sandbox.set_fault_rate(1.0)
    with pytest.raises(CarrierUnclear):
        client.create_shipment(request(gls_sandbox))
    gls_sandbox.set_fault_rate(0)
    assert len(gls_sandbox.gls.live_units(ORDER)) == 1


def test_a_parcel_the_search_does_not_show_yet_is_not_found(gls_sandbox) -> None:
    client = client_for(gls_sandbox)
    client.create_shipment(request(gls_sandbox))
    gls_sandbox.gls.search_before_scan = False
    assert client.find_created(ORDER, "attempt") is None
    assert client.find_created("someone-else", "attempt") is None


def test_void_deletes_until_the_first_scan(gls_sandbox) -> None:
    client = client_for(gls_sandbox)
    first, second = (
        client.create_shipment(request(gls_sandbox, order_reference=r)) for r in ("A", "B")
    )
    client.void([first.pieces[0].label_id])
    client.void([first.pieces[0].label_id])  # already deleted: done
    assert gls_sandbox.gls.live_units("A") == []
    gls_sandbox.clock.advance(1.1 * 3600 / 1000)  # collected: scanned
    with pytest.raises(CarrierRejected) as caught:
        client.void([second.pieces[0].label_id])
    assert caught.value.key == "V033"


def test_a_label_document_cannot_be_asked_for_again(gls_sandbox) -> None:
    with pytest.raises(CarrierRejected, match="only when the label is made"):
        client_for(gls_sandbox).label("52800011000001")


def test_tracking_in_batches_of_twenty_waits_as_the_429_says(gls_sandbox) -> None:
    client = client_for(gls_sandbox)
    numbers = [
        client.create_shipment(request(gls_sandbox, order_reference=f"T{n}")).pieces[0].tracker_code
        for n in range(21)
    ]
    gls_sandbox.clock.advance(25 * 3600 / 1000)
    gls_sandbox.gls.tt_limit = 1
    gls_sandbox.gls.tt_window = 1000.0  # 1 s at time scale 1000: "Try again in 1 seconds"
    with pytest.raises(CarrierRateLimited) as caught:  # longer than a retry waits here
        client.track(numbers)
    assert caught.value.retry_after == 1
    patient = client_for(gls_sandbox, retry=RetryPolicy(max_attempts=4, base_delay=0.01))
    tracked = patient.track(numbers)
    assert sorted(t.tracker_code for t in tracked) == sorted(numbers)
    assert all(t.delivered_at and t.events[-1].status == "Parcel delivered" for t in tracked)
    assert gls_sandbox.gls.stats["tt:429"] >= 1


def test_track_and_trace_down_is_unavailable(gls_sandbox) -> None:
    gls_sandbox.faults.kinds = ("server_error",)
    gls_sandbox.set_fault_rate(1.0)
    with pytest.raises(CarrierUnavailable):
        client_for(gls_sandbox).track(["52800011000001"])


class _NotGls(http.server.BaseHTTPRequestHandler):
    """A web server that is not GLS's API (a wrong address, a captive portal): HTML 404s."""

    def do_POST(self) -> None:
        body = b"<html><body>Not Found</body></html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args) -> None:
        pass


def test_a_wrong_address_is_a_plain_refusal_not_an_unclear_parcel(gls_sandbox) -> None:
    """A 404 page that is not GLS's JSON cannot have made a parcel: say what to check, at once."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotGls)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        values = gls_sandbox.carrier_credentials()["gls"]
        client = GlsClient(
            GlsCredentials.from_dict(values),
            f"http://127.0.0.1:{server.server_port}",
            retry=FAST_RETRY,
        )
        with pytest.raises(CarrierRejected, match="GLS address") as refused:
            client.create_shipment(request(gls_sandbox))
        assert not isinstance(refused.value, CarrierUnclear)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
