"""Return labels (issue 14, point 5): made later for a shipped order or with the label when its
options ask for one (DHL `returnLabel: true`, GLS ShopReturn/Create), printed behind the label
on a real CUPS queue, never sent to Amazon, never made twice, refused clearly where the carrier
takes no returns; the service and the command line, over HTTP to the sandboxes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from shipdesk.services import label_recovery, printing, returns, tracking
from shipdesk.services import labels as label_service
from shipdesk.services.returns import ReturnRefused
from tests.conftest import cli_env, run_cli
from tests.support.cups import PDF_QUEUE, jobs_since, pdf_output_of, queue_job_ids
from tests.test_labels import edit_draft, labels, open_shop


@pytest.fixture
def shop(tmp_path, start_sandbox):
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=40, seed=21)
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    return ctx, sandbox


def drafts_to(ctx, countries: tuple[str, ...]) -> list[dict]:
    return [lb for lb in labels(ctx, "draft") if lb.receiver["country_code"] in countries]


def with_return_option(ctx, label: dict, key: str) -> None:
    """The owner ticks the carrier's return option on this draft."""
    edit_draft(ctx, label, options=[tuple(o) for o in label.options] + [(key, None)])


def shipped(ctx, label: dict) -> None:
    """The label made and printed, its tracking number accepted by Amazon."""
    assert label_service.create_labels(ctx, [label.id]).created == 1
    printing.print_labels(ctx, [label.id], to_file=ctx.paths.data_dir / "label.pdf")
    tracking.upload_due(ctx, now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))


def return_rows(ctx, order_id: str) -> list[dict]:
    return [r.to_json() for r in returns.returns_of(ctx, [order_id]).get(order_id, [])]


def returned_shipments(sandbox) -> list:
    return [s for s in sandbox.dhl.shipments.values() if s.body.get("returnLabel") is True]


def test_a_shipped_order_gets_a_return_label_that_never_goes_to_amazon(shop) -> None:
    ctx, sandbox = shop
    label = drafts_to(ctx, ("NL",))[0]
    order_id = label.order_id
    shipped(ctx, label)
    [outbound] = [lb for lb in labels(ctx) if lb.id == label.id]
    assert [c.tracking_number for c in sandbox.amazon.confirmations] == outbound.tracker_codes

    made = returns.make_return(ctx, order_id, "Wrong size")
    assert not made.already and len(made.tracker_codes) == 1
    [shipment] = returned_shipments(sandbox)
    sender = shipment.body["receiver"]["address"]
    assert shipment.body["orderReference"] == order_id
    assert sender["postalCode"] == "3542AD" or sender["countryCode"] == "NL"  # to the shop
    assert shipment.body["shipper"]["address"]["postalCode"].replace(" ", "") == (
        outbound.receiver["postal_code"].replace(" ", "")
    )  # from the buyer
    assert [p.tracker_code for p in shipment.pieces] == list(made.tracker_codes)

    again = returns.make_return(ctx, order_id)  # asked twice: the same one, nothing sent
    assert again.already and again.tracker_codes == made.tracker_codes
    assert len(returned_shipments(sandbox)) == 1

    tracking.upload_due(ctx, now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=2))
    sent = {c.tracking_number for c in sandbox.amazon.confirmations}
    assert sent == set(outbound.tracker_codes)  # the return's number never
    [row] = return_rows(ctx, order_id)
    assert row["state"] == "made" and row["tracker_codes"] == list(made.tracker_codes)


def test_the_return_option_makes_it_with_the_label_and_prints_it_behind_it(shop) -> None:
    ctx, sandbox = shop
    label = drafts_to(ctx, ("NL",))[0]
    with_return_option(ctx, label, "ADD_RETURN_LABEL")
    [outcome] = label_service.create_labels(ctx, [label.id]).outcomes
    assert outcome.ok and len(outcome.return_codes) == 1
    [outbound] = [s for s in sandbox.dhl.shipments.values() if not s.body["returnLabel"]]
    assert "ADD_RETURN_LABEL" not in {o["key"] for o in outbound.body["options"]}  # not twice

    before = queue_job_ids(PDF_QUEUE)
    result = printing.print_labels(ctx, [label.id])
    assert (result.labels, result.returns, result.pages) == (1, 1, 2)
    [job] = jobs_since(PDF_QUEUE, before)  # one job: the label, then its return
    pages = subprocess.run(
        ["pdfinfo", str(pdf_output_of(job))], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           2" in pages
    [row] = return_rows(ctx, label.order_id)
    assert row["printed_at"] and row["tracker_codes"] == outcome.return_codes


def test_no_return_label_without_a_made_label_or_where_the_carrier_takes_none(shop) -> None:
    ctx, sandbox = shop
    draft = drafts_to(ctx, ("NL",))[0]
    with pytest.raises(ReturnRefused) as refused:
        returns.make_return(ctx, draft.order_id)
    assert refused.value.code == "return_no_label"
    german = drafts_to(ctx, ("DE",))[0]
    assert label_service.create_labels(ctx, [german.id]).created == 1
    with pytest.raises(ReturnRefused) as refused:
        returns.make_return(ctx, german.order_id)
    assert refused.value.code == "return_country" and refused.value.country == "DE"
    assert refused.value.allowed == ("NL", "BE", "LU")
    assert returned_shipments(sandbox) == []  # nothing was asked of DHL
    [row] = return_rows(ctx, german.order_id)
    assert (row["state"], row["error_code"]) == ("failed", "return_country")


def test_a_lost_answer_is_asked_again_with_the_same_shipment_id(shop) -> None:
    ctx, sandbox = shop
    label = drafts_to(ctx, ("NL",))[0]
    assert label_service.create_labels(ctx, [label.id]).created == 1
    sandbox.faults.kinds = ("drop",)
    sandbox.faults.only_paths = ("/shipments",)
    sandbox.set_fault_rate(1.0)
    with pytest.raises(Exception) as lost:
        returns.make_return(ctx, label.order_id)
    assert getattr(lost.value, "code", "").startswith("carrier_")
    sandbox.set_fault_rate(0)
    [pending] = return_rows(ctx, label.order_id)
    assert pending["state"] == "pending"
    made = returns.make_return(ctx, label.order_id)
    [shipment] = returned_shipments(sandbox)  # made once, whatever the drops did
    assert shipment.shipment_id == pending["shipment_id"]
    assert [p.tracker_code for p in shipment.pieces] == list(made.tracker_codes)


def test_gls_makes_a_shop_return_for_the_netherlands_only(tmp_path, start_sandbox) -> None:
    from tests.test_gls_labels import open_gls_shop

    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    dutch = drafts_to(ctx, ("NL",))[0]
    belgian = drafts_to(ctx, ("BE",))[0]
    made = label_service.create_labels(ctx, [dutch.id, belgian.id])
    assert made.created == 2, made.outcomes
    created_before = sandbox.gls.stats["create:ok"]
    back = returns.make_return(ctx, dutch.order_id, "Changed my mind")
    [unit] = [sandbox.gls.units[n] for n in back.tracker_codes]
    assert unit.label.product == "ShopReturn" and unit.reference == dutch.order_id
    with pytest.raises(ReturnRefused) as refused:
        returns.make_return(ctx, belgian.order_id)
    assert refused.value.code == "return_country" and refused.value.allowed == ("NL",)
    assert sandbox.gls.stats["create:ok"] == created_before + 1  # only the Dutch one

    # Voiding the label before the first scan deletes its return at GLS too.
    [voided] = label_recovery.void(ctx, [dutch.id])
    assert voided.ok and voided.at_carrier
    assert unit.deleted
    assert return_rows(ctx, dutch.order_id)[0]["state"] == "voided"


def test_the_command_line_makes_saves_and_reports_return_labels(tmp_path, shop) -> None:
    ctx, sandbox = shop
    env = cli_env(tmp_path, sandbox, SHIPDESK_DATA_DIR=str(ctx.paths.data_dir))
    env["SHIPDESK_DHL_ENDPOINT"] = sandbox.urls["dhl"]
    label, draft = drafts_to(ctx, ("NL",))[:2]
    assert label_service.create_labels(ctx, [label.id]).created == 1
    out = tmp_path / "return.pdf"
    made = run_cli(["labels", "create", "--return", label.order_id, "--out", str(out)], env)
    assert made.returncode == 0, made.stderr
    [row] = return_rows(ctx, label.order_id)
    assert f"{label.order_id}: return label made: {row['tracker_codes'][0]}" in made.stdout
    assert out.read_bytes().startswith(b"%PDF") and "Wrote 1 return label" in made.stdout

    again = run_cli(["labels", "create", "--return", label.order_id], env)
    assert again.returncode == 0 and "has a return label already" in again.stdout
    refused = run_cli(["labels", "create", "--return", draft.order_id], env)
    assert refused.returncode == 1 and "its label is not made yet" in refused.stderr
    wrong = run_cli(["labels", "create", "--reason", "x", label.order_id], env)
    assert wrong.returncode == 2 and "go with --return" in wrong.stderr

    listed = run_cli(["orders", "list", "--json"], env)
    [order] = [o for o in json.loads(listed.stdout) if o["orderId"] == label.order_id]
    assert order["returnLabels"][0]["trackingNumbers"] == row["tracker_codes"]
    assert order["trackingNumbers"] != row["tracker_codes"]
    assert len(returned_shipments(sandbox)) == 1


def test_erasing_the_buyer_data_takes_the_return_labels_document_too(shop) -> None:
    from shipdesk.services import privacy
    from shipdesk.services.label_documents import BuyerDataErased

    ctx, _ = shop
    label = drafts_to(ctx, ("NL",))[0]
    with_return_option(ctx, label, "ADD_RETURN_LABEL")
    assert label_service.create_labels(ctx, [label.id]).created == 1
    [row] = return_rows(ctx, label.order_id)

    def documents() -> int:
        with ctx.connect() as db:
            marks = ",".join("?" * len(row["carrier_label_ids"]))
            return db.execute(
                f"SELECT count(*) FROM label_documents WHERE carrier_label_id IN ({marks})",
                row["carrier_label_ids"],
            ).fetchone()[0]

    assert documents() >= 1  # kept when made: it prints the buyer's address
    privacy.erase(ctx, [label.order_id])
    assert documents() == 0
    with pytest.raises(printing.LabelsNotPrinted) as not_printed:
        printing.print_returns(ctx, [label.order_id], to_file=ctx.paths.data_dir / "r.pdf")
    assert [n.code for n in not_printed.value.not_printed] == ["buyer_data_erased"]
    with pytest.raises(BuyerDataErased):
        returns.make_return(ctx, label.order_id)


def test_the_label_window_makes_and_prints_a_return_label(qtbot, shop) -> None:
    from tests.support.dialogs import answer_input
    from tests.support.windows import open_window

    ctx, sandbox = shop
    label = drafts_to(ctx, ("NL",))[0]
    assert label_service.create_labels(ctx, [label.id]).created == 1
    tab = open_window(qtbot, ctx).orders

    def opened():
        tab._open_label(label.id)
        dialog = tab.dialog
        qtbot.waitUntil(lambda: dialog.edit is not None, timeout=15_000)
        return dialog

    dialog = opened()
    button = dialog.label_actions.return_label
    assert button.isVisible() and button.text() == "Return label…"
    before = queue_job_ids(PDF_QUEUE)
    answer_input("Too small")
    with qtbot.waitSignal(dialog.acted, timeout=30_000):
        button.click()
    [row] = return_rows(ctx, label.order_id)
    assert row["reason"] == "Too small" and row["printed_at"]
    assert f"Return label {row['tracker_codes'][0]} printed on {PDF_QUEUE}" in tab.message.text()
    assert len(jobs_since(PDF_QUEUE, before)) == 1
    assert len(returned_shipments(sandbox)) == 1

    again = opened()  # it has one now: the button prints it again, nothing new is made
    assert again.label_actions.return_label.text() == "Print return label"
    with qtbot.waitSignal(again.acted, timeout=30_000):
        again.label_actions.return_label.click()
    assert len(jobs_since(PDF_QUEUE, before)) == 2 and len(returned_shipments(sandbox)) == 1


def test_a_label_made_after_voiding_one_amazon_has_says_where_to_correct_it(
    qtbot, tmp_path, shop
) -> None:
    ctx, sandbox = shop
    label = drafts_to(ctx, ("NL",))[0]
    order_id = label.order_id
    shipped(ctx, label)
    [old] = [c.tracking_number for c in sandbox.amazon.confirmations]
    [voided] = label_recovery.void(ctx, [label.id])
    assert voided.ok and voided.amazon == "sent"

    env = cli_env(tmp_path, sandbox, SHIPDESK_DATA_DIR=str(ctx.paths.data_dir))
    env["SHIPDESK_DHL_ENDPOINT"] = sandbox.urls["dhl"]
    made = run_cli(["labels", "create", order_id], env)
    assert made.returncode == 0, made.stderr
    [new] = [lb for lb in labels(ctx, "created") if lb.order_id == order_id]
    assert (
        f"{order_id}: Amazon still has the voided label's tracking number {old}: in Seller "
        f"Central, Orders → Manage Orders → this order → Edit shipment, replace it with "
        f"{new.tracker_codes[0]}"
    ) in made.stderr

    # Voided again before printing, and made in the window: it says the same, in its words.
    from tests.support.windows import open_window

    assert label_recovery.void(ctx, [new.id])[0].ok
    [draft] = [lb for lb in labels(ctx, "draft") if lb.order_id == order_id]
    tab = open_window(qtbot, ctx).orders
    with qtbot.waitSignal(tab.work_done, timeout=30_000):
        tab.create_selected([draft.id])
    [latest] = [lb for lb in labels(ctx, "created") if lb.order_id == order_id]
    message = tab.message.text()
    assert f"Amazon still has the voided label's tracking number {old}" in message
    assert f"Edit shipment and replace it with {latest.tracker_codes[0]}" in message
