"""The Orders tab's scan field (issue 14, point 1), typed into as a USB scanner does: focus on
the tab, a label printed per scan on a real CUPS queue, a double scan printing once, and the
answer a packer reads from a metre away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from shipdesk.services import labels as label_service
from shipdesk.services import printing
from shipdesk.store import labels as label_store
from shipdesk.store.transactions import write_transaction
from tests.support.cups import PDF_QUEUE, jobs_since, queue_job_ids
from tests.test_gui_worklist import open_list
from tests.test_labels import labels, open_shop


@pytest.fixture
def desk(tmp_path, start_sandbox, zebra):
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=40, seed=11)
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    return ctx, sandbox


def scanned(qtbot, tab, code: str):
    """Type `code` and Enter into the scan field, as a scanner does; the outcome."""
    with qtbot.waitSignal(tab.scan_bar.done, timeout=30_000) as answered:
        qtbot.keyClicks(tab.scan_bar.field, code)
        qtbot.keyClick(tab.scan_bar.field, Qt.Key.Key_Return)
    return answered.args[0]


def label_of(ctx, order_id: str) -> dict:
    with ctx.connect() as db:
        return label_store.get_labels(db, label_store.active_label_ids(db, [order_id]))[0]


def test_a_scan_prints_its_label_and_a_second_scan_asks_before_reprinting(qtbot, desk) -> None:
    ctx, sandbox = desk
    order_id = labels(ctx, "draft")[0].order_id
    window = open_list(qtbot, ctx, "to_ship")
    tab = window.orders
    qtbot.waitUntil(lambda: tab.scan_bar.field.hasFocus())  # the scanner types here
    jobs = queue_job_ids(PDF_QUEUE)

    outcome = scanned(qtbot, tab, order_id)
    assert outcome.code == "printed"
    bar = tab.scan_bar
    assert bar.tone == "ok" and bar.answer.text().startswith(f"Printed {order_id}")
    assert outcome.tracker_codes[0] in bar.answer.text()
    assert bar.field.text() == "" and bar.field.hasFocus()  # ready for the next parcel
    assert len(jobs_since(PDF_QUEUE, jobs)) == 1

    again = scanned(qtbot, tab, order_id)
    assert again.code == "already_printed" and bar.tone == "ask"
    assert "Print it again?" in bar.answer.text() and bar.reprint_button.isVisible()
    assert len(jobs_since(PDF_QUEUE, jobs)) == 1 and label_of(ctx, order_id).print_count == 1
    with qtbot.waitSignal(bar.done, timeout=30_000) as reprinted:
        qtbot.mouseClick(bar.reprint_button, Qt.MouseButton.LeftButton)
    assert reprinted.args[0].code == "printed" and not bar.reprint_button.isVisible()
    assert label_of(ctx, order_id).print_count == 2
    assert sandbox.dhl.stats["shipments:created"] == 1  # one label, printed twice


def test_a_double_scan_makes_and_prints_one_label(qtbot, desk) -> None:
    ctx, sandbox = desk
    order_id = labels(ctx, "draft")[0].order_id
    window = open_list(qtbot, ctx, "to_ship")
    bar = window.orders.scan_bar
    seen = []
    bar.done.connect(seen.append)
    bar.submit(order_id)  # the trigger pulled twice before the first label is back
    bar.submit(order_id)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=30_000)
    assert [o.code for o in seen] == ["printed", "already_printed"]
    assert sandbox.dhl.stats["shipments:created"] == 1
    assert label_of(ctx, order_id).print_count == 1


def test_a_draft_needing_review_opens_and_stop_codes_say_so(qtbot, desk) -> None:
    ctx, _ = desk
    waiting = labels(ctx, "needs_review")[0]
    window = open_list(qtbot, ctx, "to_ship")
    tab = window.orders
    outcome = scanned(qtbot, tab, waiting.order_id)
    assert outcome.code == "needs_review" and tab.scan_bar.tone == "review"
    qtbot.waitUntil(lambda: getattr(tab, "dialog", None) is not None and tab.dialog.isVisible())
    assert tab.dialog.label_id == waiting.id
    tab.dialog.reject()
    qtbot.waitUntil(lambda: window.focusWidget() is tab.scan_bar.field)  # back to scanning

    unknown = scanned(qtbot, tab, "no order at all")
    assert unknown.code == "unknown" and tab.scan_bar.tone == "stop"
    assert "Unknown code: no order at all" in tab.scan_bar.answer.text()

    other = labels(ctx, "draft")[0].order_id
    with ctx.connect() as db, write_transaction(db):
        db.execute("UPDATE orders SET status = 'CANCELLED' WHERE order_id = ?", [other])
    cancelled = scanned(qtbot, tab, other)
    assert cancelled.code == "cancelled" and tab.scan_bar.tone == "stop"
    assert "do not ship" in tab.scan_bar.answer.text()
    assert label_service.drafts_ready_ids(ctx)  # nothing was made for either


def test_enter_in_the_table_still_opens_the_selected_label(qtbot, desk) -> None:
    ctx, _ = desk
    window = open_list(qtbot, ctx, "to_ship")
    tab = window.orders
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    tab.table.selectRow(0)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(tab, "dialog", None) is not None and tab.dialog.isVisible())
    tab.dialog.reject()


def test_a_scanner_without_enter_scans_a_whole_order_id_after_a_pause(qtbot, desk) -> None:
    ctx, _ = desk
    order_id = labels(ctx, "needs_review")[0].order_id  # prints nothing: opens the label
    window = open_list(qtbot, ctx, "to_ship")
    bar = window.orders.scan_bar
    with qtbot.waitSignal(bar.done, timeout=30_000) as answered:
        qtbot.keyClicks(bar.field, order_id)  # no Enter
    assert answered.args[0].code == "needs_review" and bar.field.text() == ""
    window.orders.dialog.reject()
    qtbot.keyClicks(bar.field, order_id[:-1])  # half an id waits for the rest
    qtbot.wait(900)
    assert bar.field.text() == order_id[:-1] and bar.tone == "review"


def test_same_day_and_saturday_parcels_stand_out_in_the_list(qtbot, desk) -> None:
    from PySide6.QtGui import QBrush

    from shipdesk.ui.orders_model import COLUMNS, RUSH_ROW

    ctx, _ = desk
    drafts = labels(ctx, "draft")
    plain, saturday, same_day = drafts[0], drafts[1], drafts[2]
    with ctx.connect() as db, write_transaction(db):
        for label, option in ((saturday, "S"), (same_day, "SDD")):
            db.execute(
                "UPDATE labels SET options = json_insert(options, '$[#]', json_array(?, NULL)) "
                "WHERE id = ?",
                [option, label.id],
            )
    window = open_list(qtbot, ctx, "to_ship")
    model = window.orders.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    rows = {model.row_at(n).order_id: n for n in range(model.rowCount())}

    def background(label) -> QBrush | None:
        index = model.index(rows[label.order_id], COLUMNS.index("order"))
        return model.data(index, Qt.ItemDataRole.BackgroundRole)

    assert background(saturday).color() == RUSH_ROW and background(same_day).color() == RUSH_ROW
    assert background(plain) is None
    options = model.index(rows[same_day.order_id], COLUMNS.index("options"))
    assert model.data(options).startswith("Same day")  # named first, never cut off


def test_a_scan_into_an_open_window_never_presses_its_save(qtbot, desk) -> None:
    ctx, _ = desk
    draft = labels(ctx, "draft")[0]
    other = labels(ctx, "draft")[1].order_id
    window = open_list(qtbot, ctx, "to_ship")
    tab = window.orders
    tab._open_label(draft.id)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None and not window.runner.busy)
    city = dialog.fields["city"]  # a line field: its Enter would press Save
    city.setFocus()
    before = label_of(ctx, draft.order_id)
    typed = city.text()
    qtbot.keyClicks(city, other)  # the scanner's burst, into the open window
    qtbot.keyClick(city, Qt.Key.Key_Return)
    assert dialog.isVisible()  # its Enter held back: nothing saved
    assert city.text() == typed  # and the code taken out of the field it landed in
    assert tab.scan_bar.tone == "stop" and "while a window was open" in tab.scan_bar.answer.text()
    assert label_of(ctx, draft.order_id).updated_at == before.updated_at
    dialog.reject()
    # Typed by a person (slowly), Enter reaches the window as always.
    tab._open_label(draft.id)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None and not window.runner.busy)
    field = dialog.fields["city"]
    field.setFocus()
    for ch in "Utrecht":
        qtbot.keyClick(field, ch)
        qtbot.wait(70)
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
