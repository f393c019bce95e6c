"""The Orders tab as a work list, with real widgets: create, edit, print, ship, retry."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from shipdesk.amazon.ratelimit import OperationLimiter
from shipdesk.sandbox.generator import generate_orders
from shipdesk.services import amazon_account, printing, tracking
from shipdesk.services import labels as label_service
from shipdesk.services.import_controller import seconds_to_next_import
from shipdesk.store import labels as label_store
from shipdesk.store.transactions import write_transaction
from shipdesk.ui.main_window import MainWindow
from shipdesk.ui.orders_model import COLUMNS
from tests.conftest import make_context
from tests.support.cups import PDF_QUEUE
from tests.support.dialogs import answer_next_dialog, fill_next_file_dialog
from tests.support.windows import column, open_window, show_view
from tests.test_labels import break_street, edit_receiver, labels, open_shop


@pytest.fixture
def shop(tmp_path, start_sandbox):
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=60, seed=5)
    return ctx, sandbox


def open_list(qtbot, ctx, view: str) -> MainWindow:
    window = open_window(qtbot, ctx)
    window.tabs.setCurrentWidget(window.orders)
    show_view(qtbot, window, view)
    return window


def select_rows(window: MainWindow, rows: list[int]) -> None:
    table = window.orders.table
    table.clearSelection()
    selection = table.selectionModel()
    for row in rows:
        selection.select(
            window.orders.model.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )


def test_views_show_labels_by_state_with_their_options(qtbot, shop) -> None:
    ctx, _ = shop
    window = open_list(qtbot, ctx, "draft")
    drafts = labels(ctx, "draft")
    assert window.orders.model.rowCount() == len(drafts)
    assert set(column(window, "state")) == {"Draft"}
    assert all("Home" in options for options in column(window, "options"))
    assert set(column(window, "size")) == {"Small"}
    tab = window.orders
    show_view(qtbot, window, "needs_review")
    assert set(column(window, "state")) == {"Needs review"}
    assert all(note for note in column(window, "note"))  # each says why
    mark = tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert mark is not None and not mark.isNull()  # the Amazon mark


def test_create_the_selected_labels_in_one_batch(qtbot, shop) -> None:
    ctx, sandbox = shop
    window = open_list(qtbot, ctx, "draft")
    tab = window.orders
    count = tab.model.rowCount()
    tab.table.setFocus()
    tab.table.selectAll()
    assert tab.create_button.isEnabled() and not tab.print_button.isEnabled()
    with qtbot.waitSignal(tab.work_done, timeout=30_000) as done:
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    result = done.args[1]
    assert (result.created, result.failed) == (count, 0)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert f"{count} labels created" in tab.message.text()
    assert sandbox.dhl.stats["shipments:created"] == count
    show_view(qtbot, window, "created")
    assert tab.model.rowCount() == count
    assert "Tracking: JVGL" in tab.model.data(
        tab.model.index(0, COLUMNS.index("state")), Qt.ItemDataRole.ToolTipRole
    )


def test_a_refused_label_shows_the_carriers_message_and_is_fixed_in_the_dialog(qtbot, shop) -> None:
    ctx, _ = shop
    victim = next(
        lb
        for lb in labels(ctx, "draft")
        if lb.receiver["country_code"] == "NL" and lb.recipient_type == "consumer"
    )
    break_street(ctx, victim)
    window = open_list(qtbot, ctx, "draft")
    tab = window.orders
    row = [r.order_id for r in (tab.model.row_at(i) for i in range(tab.model.rowCount()))].index(
        victim.order_id
    )
    select_rows(window, [row])
    assert not tab.retry_button.isEnabled()  # nothing has failed yet
    with qtbot.waitSignal(tab.work_done, timeout=30_000):
        qtbot.keySequence(tab, QKeySequence("Ctrl+L"))  # the keyboard shortcut
    qtbot.waitUntil(lambda: not window.runner.busy)
    show_view(qtbot, window, "error")
    assert column(window, "state") == ["Error"]
    assert tab.retry_button.isEnabled()
    # The owner's words in the list; the carrier's own (English) text in the details.
    assert column(window, "note")[0] == "DHL refused the street: it is longer than 40 characters."
    tip = tab.model.data(tab.model.index(0, COLUMNS.index("note")), Qt.ItemDataRole.ToolTipRole)
    assert "receiver.address.street" in tip

    select_rows(window, [0])
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=10_000)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert "DHL refused the street" in dialog.review.text()
    assert "In the carrier's words: receiver.address.street" in dialog.review.text()
    assert not save.isEnabled() and "street" in dialog.problems.text()
    # Each problem is said once, and the field it is about is marked with the reason.
    assert not set(dialog.review.text().splitlines()) & set(dialog.problems.text().splitlines())
    street = dialog.fields["street"]
    assert street.property("invalid") is True and "street" in street.toolTip()
    assert dialog.fields["city"].property("invalid") is not True
    street.setText("Kerkstraat")
    assert save.isEnabled() and dialog.problems.text() == ""
    assert street.property("invalid") is False and street.toolTip() == ""

    # Only options possible for the destination are offered; combinations are checked.
    assert {"DOOR", "BP", "NBB"} <= set(dialog.option_boxes)  # a Dutch consumer's options
    assert "PALLET" not in [
        dialog.parcel_type.itemData(i) for i in range(dialog.parcel_type.count())
    ]
    dialog.option_boxes["BP"].setChecked(True)  # mailbox and home delivery exclude each other
    assert not save.isEnabled() and "cannot be combined" in dialog.problems.text()
    dialog.option_boxes["BP"].setChecked(False)
    dialog.weight.setValue(2.5)
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    [fixed] = label_store.get_labels(ctx.connect(), [victim.id])
    assert fixed.state == "draft" and fixed.receiver["street"] == "Kerkstraat"
    assert fixed.weight_kg == 2.5 and fixed.edited == 1


def test_print_then_tracking_goes_to_amazon(qtbot, shop, zebra) -> None:
    ctx, sandbox = shop
    ids = label_service.drafts_ready_ids(ctx)[:3]
    label_service.create_labels(ctx, ids)
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    tab.table.selectAll()

    with qtbot.waitSignal(tab.work_done, timeout=30_000) as failed:  # no printer chosen yet
        qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert failed.args[0] == "print-labels:failed"
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert "Choose a printer first" in tab.message.text()
    assert len(labels(ctx, "created")) == 3  # kept

    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    tab.table.selectAll()
    with qtbot.waitSignal(tab.work_done, timeout=30_000) as done:
        qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert done.args[0] == "print" and done.args[1].pages == 3
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert f"Sent 3 pages to {PDF_QUEUE}" in tab.message.text()
    # Printing queued the tracking numbers; the uploader sends them (switch on by default).
    qtbot.waitUntil(lambda: tracking.status(ctx).get("done") == 3, timeout=20_000)
    assert sandbox.amazon.stats["confirmShipment:accepted"] == 3
    assert len(labels(ctx, "shipped")) == 3


def test_no_printer_message_and_nothing_lost(qtbot, shop) -> None:
    ctx, _ = shop
    ids = label_service.drafts_ready_ids(ctx)[:2]
    label_service.create_labels(ctx, ids)
    printing.save_settings(ctx, printing.PrintSettings(label_printer="Printer-That-Is-Gone"))
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    tab.table.selectAll()
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not there any more" in tab.message.text(), timeout=20_000)
    assert len(labels(ctx, "created")) == 2
    assert tracking.status(ctx) == {}  # nothing queued for Amazon


def test_labels_saved_to_a_file_count_as_printed_without_a_printer(qtbot, shop, tmp_path):
    ctx, sandbox = shop
    ids = label_service.drafts_ready_ids(ctx)[:2]
    label_service.create_labels(ctx, ids)
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    tab.table.selectAll()
    assert tab.save_labels_action.isEnabled()
    target = tmp_path / "labels.pdf"
    fill_next_file_dialog(target)
    with qtbot.waitSignal(tab.work_done, timeout=30_000) as done:
        tab.save_labels_action.trigger()
    assert done.args[0] == "save-labels"
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert tab.message.text().startswith(f"2 label pages saved as {target}.")
    assert pdf_pages(target) == 2
    assert len(labels(ctx, "created")) == 0  # the owner has them: printed, as far as we know
    qtbot.waitUntil(lambda: tracking.status(ctx).get("done") == 2, timeout=20_000)
    assert sandbox.amazon.stats["confirmShipment:accepted"] == 2


def pdf_pages(path) -> int:
    document = QPdfDocument()
    document.load(str(path))
    try:
        return document.pageCount()
    finally:
        document.close()


def answer_shipped_question(*, include_unprinted: bool, seen: list[str]) -> None:
    """Answer "Tell Amazon…?" as the owner would, noting what it said."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        if box.checkBox() is not None:
            box.checkBox().setChecked(include_unprinted)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)


def test_mark_shipped_asks_and_sends_unprinted_labels_only_when_chosen(qtbot, shop, zebra) -> None:
    ctx, sandbox = shop
    ids = label_service.drafts_ready_ids(ctx)[:3]
    label_service.create_labels(ctx, ids)
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    printing.print_labels(ctx, ids[:1])  # one printed (and so queued), two not
    printed = [lb.order_id for lb in labels(ctx, "printed")]
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    assert tab.more_button.isVisible() and not hasattr(tab, "shipped_button")
    chosen = [lb.order_id for lb in labels(ctx) if lb.id in ids]
    order_ids = [tab.model.row_at(i).order_id for i in range(tab.model.rowCount())]
    select_rows(window, [order_ids.index(o) for o in chosen])
    unprinted = sorted(lb.order_id for lb in labels(ctx, "created"))

    def outbox() -> list[str]:
        with ctx.connect() as db:
            return sorted(r[0] for r in db.execute("SELECT order_id FROM tracking_outbox"))

    seen: list[str] = []
    answer_shipped_question(include_unprinted=False, seen=seen)
    with qtbot.waitSignal(tab.work_done, timeout=10_000) as done:
        tab.shipped_action.trigger()
    assert "3 orders are shipped" in seen[0]
    assert "2 of them have no printed label" in seen[0]
    assert all(order_id in seen[0] for order_id in unprinted)
    assert done.args[1].added == 0  # the printed one was queued when it printed; no others
    assert outbox() == printed

    answer_shipped_question(include_unprinted=True, seen=seen)
    with qtbot.waitSignal(tab.work_done, timeout=10_000) as done:
        tab.shipped_action.trigger()
    assert done.args[1].added == 2
    assert outbox() == sorted(chosen)
    qtbot.waitUntil(lambda: sandbox.amazon.stats["confirmShipment:accepted"] == 3, timeout=20_000)


def test_mark_shipped_can_be_cancelled(qtbot, shop) -> None:
    ctx, _ = shop
    ids = label_service.drafts_ready_ids(ctx)[:2]
    label_service.create_labels(ctx, ids)
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    tab.table.selectAll()
    answer_next_dialog(QMessageBox.StandardButton.Cancel)
    tab.shipped_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert tracking.status(ctx) == {}
    assert len(labels(ctx, "created")) == 2


def test_a_created_label_opens_read_only_with_its_preview(qtbot, shop) -> None:
    ctx, _ = shop
    [label_id] = label_service.drafts_ready_ids(ctx)[:1]
    label_service.create_labels(ctx, [label_id])
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    select_rows(window, [0])
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(
        lambda: dialog.preview_document.status() == QPdfDocument.Status.Ready, timeout=15_000
    )
    assert dialog.preview_document.pageCount() == 1
    assert not dialog.fields["street"].isEnabled()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert dialog.review.isVisibleTo(dialog) and "can no longer be changed" in dialog.review.text()


def test_printer_dialog_saves_the_choices(qtbot, shop, zebra) -> None:
    ctx, _ = shop
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    tab.choose_printers()
    dialog = tab.printer_dialog
    assert dialog.label_printer.findData(PDF_QUEUE) >= 0
    dialog.label_printer.setCurrentIndex(dialog.label_printer.findData(PDF_QUEUE))
    dialog.zpl_format.setChecked(True)
    dialog.dpi.setCurrentIndex(dialog.dpi.findData(300))
    dialog.slip_paper.setCurrentIndex(dialog.slip_paper.findData("A6"))
    dialog.slip_language.setCurrentIndex(dialog.slip_language.findData("en"))
    assert not dialog.label_size.isEnabled() and dialog.dpi.isEnabled()
    dialog.zpl_format.setChecked(False)
    dialog.pdf_format.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    saved = printing.load_settings(ctx)
    assert (saved.label_printer, saved.label_format, saved.zpl_dpi) == (PDF_QUEUE, "pdf", 300)
    assert (saved.slip_paper, saved.slip_language) == ("A6", "en")

    tab.choose_printers()
    again = tab.printer_dialog
    again.test_label.click()
    qtbot.waitUntil(lambda: "Test page sent" in again.message.text(), timeout=20_000)


def test_a_draft_whose_postcode_dhl_refuses_opens_to_be_corrected(qtbot, shop) -> None:
    """DHL will not even say what is possible for '12345' in the Netherlands: the dialog
    still opens, says why on the postcode, and saves once the postcode is right."""
    ctx, _ = shop
    victim = next(lb for lb in labels(ctx, "draft") if lb.receiver["country_code"] == "NL")
    right = victim.receiver["postal_code"]
    edit_receiver(ctx, victim, postal_code="12345")
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    order_ids = [tab.model.row_at(i).order_id for i in range(tab.model.rowCount())]
    select_rows(window, [order_ids.index(victim.order_id)])
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=10_000)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    postcode = dialog.fields["postal_code"]
    assert postcode.text() == "12345" and dialog.fields["street"].text()  # the form is filled
    assert "DHL refused to check this address" in dialog.problems.text()
    assert "12345" in dialog.problems.text() and postcode.property("invalid") is True
    assert not save.isEnabled()

    postcode.setText(right)
    postcode.editingFinished.emit()  # as leaving the field does: DHL is asked again
    qtbot.waitUntil(lambda: save.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        save.click()
    [saved] = [lb for lb in labels(ctx, "draft") if lb.id == victim.id]
    assert saved.receiver["postal_code"] == right


def forget_at_the_carrier(sandbox, label: dict) -> None:
    """The carrier no longer serves this label's documents (a demo sandbox started afresh)."""
    with sandbox.dhl.lock:
        for carrier_label_id in label.carrier_label_ids:
            sandbox.dhl.labels.pop(carrier_label_id, None)


def test_one_label_that_cannot_print_never_stops_the_batch(qtbot, shop, zebra) -> None:
    ctx, sandbox = shop
    ids = label_service.drafts_ready_ids(ctx)[:3]
    label_service.create_labels(ctx, ids)
    bad = labels(ctx, "created")[1]
    with ctx.connect() as db:  # neither stored here nor at the carrier
        db.execute("DELETE FROM label_documents WHERE carrier_label_id = ?",
                   [bad.carrier_label_ids[0]])  # fmt: skip
        db.conn.commit()
    forget_at_the_carrier(sandbox, bad)
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    tab.table.selectAll()
    with qtbot.waitSignal(tab.work_done, timeout=30_000) as done:
        qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    result = done.args[1]
    assert (result.pages, result.labels) == (2, 2)
    assert [n.order_id for n in result.not_printed] == [bad.order_id]
    qtbot.waitUntil(lambda: not window.runner.busy)
    message = tab.message.text()
    assert "Sent 2 pages" in message and bad.order_id in message
    assert bad.carrier_label_ids[0] not in message  # the order, not the carrier's label id
    states = {lb.order_id: lb.state for lb in labels(ctx)}
    assert states[bad.order_id] == "created"  # kept for another try
    assert sorted(states.values()).count("created") == 1
    with ctx.connect() as db:
        queued = [r[0] for r in db.execute("SELECT order_id FROM tracking_outbox")]
    assert len(queued) == 2 and bad.order_id not in queued


def test_a_label_from_an_earlier_session_still_previews_and_prints(qtbot, shop, zebra) -> None:
    """The documents are kept when the label is made: the carrier is not needed again."""
    ctx, sandbox = shop
    [label_id] = label_service.drafts_ready_ids(ctx)[:1]
    label_service.create_labels(ctx, [label_id])
    [label] = labels(ctx, "created")
    forget_at_the_carrier(sandbox, label)
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    select_rows(window, [0])
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(
        lambda: dialog.preview_document.status() == QPdfDocument.Status.Ready, timeout=15_000
    )
    dialog.close()
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    result = printing.print_labels(ctx, [label_id])
    assert (result.pages, result.not_printed) == (1, ())


def test_with_automatic_drafts_off_the_owner_still_makes_labels_by_hand(
    qtbot, tmp_path, start_sandbox
) -> None:
    """The switch governs the automatic drafts only: Edit and Create work on any order that
    waits to be shipped, making its draft from the Shipping Options on the spot."""
    from tests.test_labels import prepare_shop

    sandbox = start_sandbox(time_scale=1000, orders=40, seed=6)
    ctx = make_context(tmp_path / "data", sandbox)
    amazon_account.set_switches(ctx, drafts=False, tracking=False)
    prepare_shop(ctx, sandbox)
    assert labels(ctx) == []  # no automatic drafts
    window = open_list(qtbot, ctx, "to_ship")
    tab = window.orders
    select_rows(window, [0])
    order_id = tab.selected_order_ids()[0]
    assert tab.edit_button.isEnabled() and tab.create_button.isEnabled()
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(tab, "dialog", None) is not None, timeout=15_000)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=15_000)
    assert dialog.edit.label.order_id == order_id
    assert dialog.fields["city"].text()  # made from the Amazon address
    dialog.reject()

    select_rows(window, [1, 2, 3])
    chosen = set(tab.selected_order_ids())
    with qtbot.waitSignal(tab.work_done, timeout=30_000) as done:
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    result = done.args[1]
    made = {lb.order_id for lb in labels(ctx)}
    assert chosen <= made and result.drafts.made == 3
    created = {lb.order_id for lb in labels(ctx, "created")}
    assert result.created == len(created & chosen) >= 1  # those needing review wait
    assert sandbox.dhl.stats["shipments:created"] == result.created


def test_text_from_amazon_is_shown_as_text_never_rendered(qtbot, shop) -> None:
    """A buyer's name with markup cannot draw a fake address in the dialog or the list."""
    from shipdesk.services.importing import import_orders

    ctx, sandbox = shop
    victim = labels(ctx, "draft")[0]
    fake = '<b style="font-size:40pt">Jan</b><br>Fake Street 1<br><img src="x">'
    order = sandbox.amazon.orders[victim.order_id]
    order["recipient"]["deliveryAddress"]["name"] = fake
    sandbox.amazon.update_order(victim.order_id)
    sandbox.clock.advance(1)
    import_orders(ctx)
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    rows = [tab.model.row_at(i).order_id for i in range(tab.model.rowCount())]
    row = rows.index(victim.order_id)
    select_rows(window, [row])
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=10_000)
    assert dialog.amazon_address.textFormat() == Qt.TextFormat.PlainText
    assert fake in dialog.amazon_address.text()
    for label in (dialog.heading, dialog.review, dialog.problems, tab.message):
        assert label.textFormat() == Qt.TextFormat.PlainText
    tip = tab.model.data(
        tab.model.index(row, COLUMNS.index("recipient")), Qt.ItemDataRole.ToolTipRole
    )
    assert tip is None or ("<b" not in tip and "<img" not in tip)
    recipient = tab.model.data(tab.model.index(row, COLUMNS.index("recipient")))
    assert recipient.startswith("<b")  # shown as the text it is


def test_correcting_the_address_keeps_the_parcel_and_says_what_the_destination_changes(
    qtbot, shop
) -> None:
    """Fixing a refused postcode keeps size, weight, parcels and options; a destination that
    allows less says which options went and why, and they come back with the old one."""
    ctx, _ = shop
    victim = next(
        lb
        for lb in labels(ctx, "draft")
        if lb.receiver["country_code"] == "NL" and lb.recipient_type == "consumer"
    )
    right = victim.receiver["postal_code"]
    with ctx.connect() as db, write_transaction(db):
        label_store.update_draft(
            db,
            victim.id,
            receiver={**victim.receiver, "postal_code": "12345"},
            options=[("DOOR", None), ("NBB", None), ("HANDT", None)],
            parcel_type="MEDIUM",
            weight_kg=3.2,
            pieces=2,
            note="",
        )
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    order_ids = [tab.model.row_at(i).order_id for i in range(tab.model.rowCount())]
    select_rows(window, [order_ids.index(victim.order_id)])
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=10_000)
    assert dialog.parcel_type.currentData() == "MEDIUM"  # shown, though DHL refused the address
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    postcode = dialog.fields["postal_code"]
    postcode.setText(right)
    postcode.editingFinished.emit()  # tabbing out: DHL is asked again
    qtbot.waitUntil(lambda: save.isEnabled(), timeout=10_000)
    assert dialog.parcel_type.currentData() == "MEDIUM"
    ticked = {k for k, box in dialog.option_boxes.items() if box.isChecked()}
    assert ticked == {"DOOR", "NBB", "HANDT"}
    assert (dialog.weight.value(), dialog.pieces.value()) == (3.2, 2)
    assert not dialog.changes.isVisibleTo(dialog)  # nothing had to change

    country = dialog.fields["country_code"]
    country.setText("DE")
    postcode.setText("50667")
    country.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.changes.isVisibleTo(dialog), timeout=10_000)
    said = dialog.changes.text()
    assert "does not offer “No delivery at neighbours”" in said
    assert "does not offer “Signature on delivery”" in said
    assert dialog.option_boxes["DOOR"].isChecked()  # home delivery stays
    country.setText("NL")
    postcode.setText(right)
    country.editingFinished.emit()
    qtbot.waitUntil(lambda: "Now also possible here" in dialog.changes.text(), timeout=10_000)
    assert "not possible" not in dialog.changes.text()
    ticked = {k for k, box in dialog.option_boxes.items() if box.isChecked()}
    assert ticked == {"DOOR", "NBB", "HANDT"}  # back with the destination that allows them
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        save.click()
    [saved] = [lb for lb in labels(ctx) if lb.id == victim.id]
    assert (saved.parcel_type, saved.weight_kg, saved.pieces) == ("MEDIUM", 3.2, 2)
    assert {k for k, _ in saved.options} >= {"DOOR", "NBB", "HANDT"}
    assert saved.receiver["postal_code"] == right


def test_weights_and_amounts_take_the_dutch_decimal_comma(qtbot, shop) -> None:
    ctx, _ = shop
    victim = next(
        lb
        for lb in labels(ctx, "draft")
        if lb.receiver["country_code"] == "NL" and lb.recipient_type == "consumer"
    )
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    order_ids = [tab.model.row_at(i).order_id for i in range(tab.model.rowCount())]
    select_rows(window, [order_ids.index(victim.order_id)])
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=10_000)
    dialog.weight.lineEdit().selectAll()
    qtbot.keyClicks(dialog.weight, "2,75")  # in the English window
    dialog.weight.interpretText()
    assert dialog.weight.value() == 2.75
    dialog.option_boxes["INS"].setChecked(True)
    amount = dialog.option_inputs["INS"]
    assert amount.width() >= 150  # room to read what is typed
    qtbot.keyClicks(amount, "250,50")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled(), dialog.problems.text()
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        save.click()
    [saved] = [lb for lb in labels(ctx) if lb.id == victim.id]
    assert saved.weight_kg == 2.75
    assert dict(saved.options)["INS"] == "250.5"


def test_the_tracking_number_shows_with_its_track_and_trace_page(qtbot, shop) -> None:
    ctx, _ = shop
    [label_id] = label_service.drafts_ready_ids(ctx)[:1]
    label_service.create_labels(ctx, [label_id])
    [label] = labels(ctx, "created")
    number = label.tracker_codes[0]
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    assert column(window, "tracking") == [number]
    select_rows(window, [0])
    tab._context_menu(tab.table.visualRect(tab.model.index(0, 0)).center())
    actions = [a.text() for a in tab.context_menu.actions()]
    assert f"Track && trace {number}" in actions and "Copy tracking number" in actions
    tab.context_menu.close()
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=10_000)
    assert dialog.tracking.isVisibleTo(dialog)
    assert f'href="https://my.dhlparcel.nl/home/tracktrace/{number}"' in dialog.tracking.text()


def test_a_warning_seen_for_a_destination_can_be_turned_off_and_on(
    qtbot, tmp_path, start_sandbox
) -> None:
    """ "No delivery at neighbours" is not possible to Germany: once the owner says so, the DE
    rows stop saying it (per setting and destination), and it can be turned back on."""
    from shipdesk.domain.shipping import ShippingSettings
    from shipdesk.services import shipping_settings
    from shipdesk.services.drafts import make_drafts

    ctx, _ = open_shop(tmp_path, start_sandbox, orders=60, seed=5)
    sender = shipping_settings.load(ctx).sender_id
    shipping_settings.save(ctx, ShippingSettings(sender_id=sender, default_services=("NBB",)))
    make_drafts(ctx, remake=True)
    german = [lb for lb in labels(ctx, "draft") if lb.receiver["country_code"] == "DE"]
    assert german and all(
        ("default_service_impossible", "NBB") in {(w["code"], w["option"]) for w in lb.warnings}
        for lb in german
    )
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    order_ids = [tab.model.row_at(i).order_id for i in range(tab.model.rowCount())]
    rows = [order_ids.index(lb.order_id) for lb in german]
    notes = column(window, "note")
    assert all("does not offer “No delivery at neighbours”" in notes[r] for r in rows)

    select_rows(window, [rows[0]])
    tab.edit_selected()
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=10_000)
    assert "No delivery at neighbours" in dialog.review.text()
    [button] = dialog.acknowledge_buttons
    assert "Germany (DE)" in button.text()
    with qtbot.waitSignal(tab.refreshed, timeout=10_000):
        button.click()
    assert "No delivery at neighbours" not in dialog.review.text()
    dialog.reject()
    notes = column(window, "note")
    assert not any("No delivery at neighbours" in notes[r] for r in rows)

    options = window.shipping_options
    window.tabs.setCurrentWidget(options)
    qtbot.waitUntil(lambda: options.silenced.isVisibleTo(options))
    [again] = options.silenced.findChildren(QPushButton, "warnAgain")
    with qtbot.waitSignal(tab.refreshed, timeout=10_000):
        again.click()
    notes = column(window, "note")
    assert all("does not offer “No delivery at neighbours”" in notes[r] for r in rows)


def test_with_only_unprinted_labels_tell_amazon_waits_for_the_box(qtbot, shop) -> None:
    ctx, _ = shop
    ids = label_service.drafts_ready_ids(ctx)[:2]
    label_service.create_labels(ctx, ids)
    window = open_list(qtbot, ctx, "created")
    tab = window.orders
    tab.table.selectAll()
    states: list[bool] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, look)
            return
        tell = box.button(QMessageBox.StandardButton.Yes)
        states.append(tell.isEnabled())  # nothing to send without the box ticked
        box.checkBox().setChecked(True)
        states.append(tell.isEnabled())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, look)
    tab.shipped_action.trigger()
    assert states == [False, True]
    assert tracking.status(ctx) == {}


def test_automatic_imports_follow_amazons_refill(qtbot, shop) -> None:
    """An automatic import comes as soon as Amazon's searchOrders has refilled a call, at the
    rate Amazon reports (the sandbox runs 1000× fast: 5.6 calls a second, a refill every
    0.18 s), so a new order has its draft within one refill, and no call is refused."""
    ctx, sandbox = shop
    # On Amazon's published plan (0.0056 calls a second), until Amazon reports another rate:
    # within three minutes.
    assert OperationLimiter().refill_seconds("searchOrders") == pytest.approx(178.6, abs=0.1)
    assert seconds_to_next_import(ctx) == pytest.approx(1 / 5.6)  # the shop's import learned
    window = open_window(qtbot, ctx)
    throttled = sandbox.amazon.stats["searchOrders:throttled"]
    with qtbot.waitSignal(window.importer.succeeded, timeout=15_000):
        window.start_background_work()  # enables the automatic imports, and imports once
    # The next one waits a refill at the rate Amazon reported with the answers.
    assert window.importer.timer.isActive()
    assert window.importer.timer.interval() == pytest.approx(1000 / 5.6, abs=2)

    new = generate_orders(1, 998, dt.datetime.now(dt.UTC), marketplace_ids=["A1805IZSGTT6HS"])[0]
    new["fulfillment"].update(fulfilledBy="MERCHANT", fulfillmentStatus="UNSHIPPED")
    new["lastUpdatedTime"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sandbox.amazon.add_orders([new])
    sandbox.clock.advance(1)
    calls = sandbox.amazon.stats["searchOrders"]
    qtbot.waitUntil(lambda: new["orderId"] in {lb.order_id for lb in labels(ctx)}, timeout=15_000)
    assert sandbox.amazon.stats["searchOrders"] > calls  # brought by an automatic import
    qtbot.waitUntil(lambda: sandbox.amazon.stats["searchOrders"] > calls + 5, timeout=15_000)
    assert sandbox.amazon.stats["searchOrders:throttled"] == throttled
    window.importer.disable_auto_import()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15_000)
