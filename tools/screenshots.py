"""Take the screenshots in docs/screenshots/<lang>/ from the real app in demo mode.

Run under Xvfb or offscreen: `QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--lang nl]`.

`tour` walks every tab, state and dialog of the app and hands each to a visitor; the
screenshots save some of them, and the translation test (tests/test_i18n.py) reads the text of
all of them, in both languages.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGroupBox,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from shipdesk.paths import resolve_paths
from shipdesk.services import amazon_account, database_key, printing, shipping_settings, tracking
from shipdesk.services import labels as label_service
from shipdesk.services.context import open_context
from shipdesk.services.demo import DemoEnvironment
from shipdesk.store import labels as label_store
from shipdesk.store.transactions import write_transaction
from shipdesk.ui import i18n
from shipdesk.ui.app import cannot_start_box, make_application
from shipdesk.ui.crash import CrashDialog, crash_report
from shipdesk.ui.key_dialogs import RecoveryKeyDialog, UnlockDialog
from shipdesk.ui.main_window import MainWindow
from shipdesk.ui.setup_guide import SetupGuide
from shipdesk.ui.shipping_options_tab import AddressDialog

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
# visit(name, widget, picture): picture says whether the scene belongs in the docs.
Visit = Callable[[str, QWidget, bool], None]


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def scroll_to(page: QWidget, widget: QWidget) -> None:
    """Scrolls the page so that `widget` starts at its top (the picture then differs from the
    page's first one even when the widget was already in sight)."""
    area = page.findChild(QScrollArea)
    content = area.widget()
    area.verticalScrollBar().setValue(widget.mapTo(content, QPoint(0, 0)).y() - 8)
    settle()


def wait_for(condition: Callable[[], bool], timeout_ms: int = 30_000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:
        settle(50)
        waited += 50
    if not condition():
        raise TimeoutError("the app did not reach the expected state")


def visit_modal(
    name: str, visit: Visit, close: Callable[[QDialog], None], picture: bool = True
) -> None:
    """For dialogs the app runs with exec(): visit the next one once it shows, then close it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, look)
            return
        settle(100)
        visit(name, dialog, picture)
        close(dialog)

    QTimer.singleShot(0, look)


def edit_dialog(
    window: MainWindow, view: str, name: str, visit: Visit, order_id: str | None = None
) -> None:
    """The label window of the first order in `view` (or of `order_id` there)."""
    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData(view))
    wait_for(lambda: not window.runner.busy and tab.model.rowCount() > 0)
    rows = [tab.model.row_at(n) for n in range(tab.model.rowCount())]
    tab.table.selectRow(
        next((n for n, row in enumerate(rows) if row and row.order_id == order_id), 0)
    )
    tab.edit_selected()
    dialog = tab.dialog
    wait_for(lambda: dialog.edit is not None and not window.runner.busy)
    settle(600)
    visit(name, dialog, True)
    dialog.reject()
    tab.view.setCurrentIndex(tab.view.findData("to_ship"))
    wait_for(lambda: not window.runner.busy)


def parcels_editor(window: MainWindow, visit: Visit) -> None:
    """A draft in three parcels, each weighed apart (shown, not saved)."""
    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData("draft"))
    wait_for(lambda: not window.runner.busy and tab.model.rowCount() > 0)
    tab.table.selectRow(0)
    tab.edit_selected()
    dialog = tab.dialog
    wait_for(lambda: dialog.edit is not None and not window.runner.busy)
    dialog.pieces.setValue(3)
    for box, weight in zip(dialog.parcel_weight_boxes, (4.2, 2.5, 0.8), strict=True):
        box.setValue(weight)
    settle(400)
    visit("edit-dialog-parcels", dialog, True)
    dialog.reject()
    tab.view.setCurrentIndex(tab.view.findData("to_ship"))
    wait_for(lambda: not window.runner.busy)


def overview_tab(window: MainWindow, visit: Visit) -> None:
    """The Overview with the morning's figures and alerts, then its report with the charts."""
    tab = window.overview
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    wait_for(lambda: tab._job is None and bool(tab.alert_rows))
    settle()
    visit("overview", window, True)
    visit("overview-report", tab.report_box, True)


def bulk_editor(window: MainWindow, visit: Visit) -> None:
    """Change selected drafts…: a few DHL drafts, their options loaded, one ticked (not saved)."""
    from PySide6.QtCore import QItemSelectionModel, Qt

    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData("draft"))
    wait_for(lambda: not window.runner.busy and tab.model.rowCount() > 0)
    rows = [n for n in range(tab.model.rowCount()) if tab.model.row_at(n).carrier == "dhl"][:3]
    selection = tab.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            tab.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    tab.bulk_action.trigger()
    dialog = tab.bulk_dialog
    wait_for(lambda: "NBB" in dialog.option_boxes)
    dialog.weight_box.setChecked(True)
    dialog.weight.setValue(2.5)
    dialog.option_boxes["NBB"].setCheckState(Qt.CheckState.Checked)
    settle(400)
    visit("bulk-edit-dialog", dialog, True)
    dialog.reject()
    tab.view.setCurrentIndex(tab.view.findData("to_ship"))
    wait_for(lambda: not window.runner.busy)


def scan_states(window: MainWindow, ctx, created_order: str, visit: Visit) -> None:
    """The scan field's answers, from real scans: a label printed (where this machine has the
    test PDF queue; otherwise "choose a printer"), the same order again, an unknown code."""
    bar = window.orders.scan_bar
    saved = printing.load_settings(ctx)
    queue = "ShipDesk-PDF"
    if queue in {printer.name for printer in printing.available_printers()}:
        printing.save_settings(ctx, replace(saved, label_printer=queue))

    def scanned(code: str, name: str) -> None:
        answers: list[object] = []
        bar.done.connect(answers.append)
        bar.submit(code)
        wait_for(lambda: bool(answers))
        bar.done.disconnect(answers.append)
        wait_for(lambda: not window.runner.busy)
        settle()
        visit(name, window, True)

    try:
        scanned(created_order, "scan-printed")
        scanned(created_order, "scan-already-printed")
        scanned("4711-CODE", "scan-unknown")
    finally:
        printing.save_settings(ctx, saved)


TOO_LONG_STREET = "Burgemeester Jhr. van Karnebeek-Stuyvesantlaan"  # 46 characters


def refused_by_the_carrier(ctx, label_id: int) -> None:
    """A draft whose street is longer than DHL takes (40), created anyway: DHL refuses it."""
    with ctx.connect() as db, write_transaction(db):
        [label] = label_store.get_labels(db, [label_id])
        label_store.update_draft(
            db,
            label_id,
            receiver={**label.receiver, "street": TOO_LONG_STREET},
            options=label.option_pairs,
            parcel_type=label.parcel_type,
            weight_kg=label.weight_kg,
            pieces=label.pieces,
            note="",
        )
    label_service.create_labels(ctx, [label_id])


def order_of(ctx, label_id: int) -> str:
    with ctx.connect() as db:
        [label] = label_store.get_labels(db, [label_id])
    return label.order_id


def answer_lost(demo: DemoEnvironment, label_id: int) -> str:
    """A GLS label whose answer is lost, and a search that cannot find it yet: unclear."""
    sandbox = demo.sandbox
    sandbox.gls.search_before_scan = False
    sandbox.faults.kinds, sandbox.faults.only_paths = ("drop",), ("/Label/Create",)
    sandbox.set_fault_rate(1.0)
    try:
        label_service.create_labels(demo.ctx, [label_id])
    finally:
        sandbox.set_fault_rate(0)
        sandbox.faults.only_paths = ()
        sandbox.gls.search_before_scan = True
    with demo.ctx.connect() as db:
        [label] = label_store.get_labels(db, [label_id])
    return label.order_id


def sample_crash() -> str:
    """A crash as the dialog shows one: an unexpected error inside ShipDesk's own code."""
    from shipdesk.domain.options import parse_decimal

    try:
        parse_decimal(None)  # type: ignore[arg-type]
    except AttributeError as error:
        return crash_report(type(error), error, error.__traceback__)
    raise AssertionError("the sample crash did not happen")


class NoBrowser(QWidget):
    """Swallows 'open in browser' so pending states stay pending for the picture."""

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        pass


def service_point_finder(window: MainWindow, ctx, label_ids: list[int], visit: Visit) -> None:
    """The pickup-point finder of a draft to a Dutch consumer, then its label window with the
    point chosen (the choice is not saved)."""
    with ctx.connect() as db:
        drafts = label_store.get_labels(db, label_ids)
    draft = next(
        lb
        for lb in drafts
        if lb.receiver.get("country_code") == "NL" and lb.recipient_type == "consumer"
    )
    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData("draft"))
    wait_for(lambda: not window.runner.busy and tab.model.rowCount() > 0)
    rows = [tab.model.row_at(n) for n in range(tab.model.rowCount())]
    tab.table.selectRow(
        next(n for n, row in enumerate(rows) if row and row.order_id == draft.order_id)
    )
    tab.edit_selected()
    dialog = tab.dialog
    wait_for(lambda: dialog.edit is not None and not window.runner.busy)
    dialog.open_finder()
    finder = dialog.finder
    wait_for(lambda: finder.list.topLevelItemCount() > 0 and not window.runner.busy)
    finder.choose_row(1)
    settle(400)
    visit("service-point-finder", finder, True)
    finder.choose_button.click()
    settle(400)
    visit("edit-dialog-service-point", dialog, True)
    dialog.reject()
    tab.view.setCurrentIndex(tab.view.findData("to_ship"))
    wait_for(lambda: not window.runner.busy)


def tour(window: MainWindow, demo: DemoEnvironment, visit: Visit) -> None:
    """Every tab, state and dialog, with a morning's work half done in the demo shop."""
    ctx = demo.ctx
    wait_for(lambda: not window.runner.busy and window.orders.model.rowCount() > 0)
    ready = label_service.drafts_ready_ids(ctx)
    with ctx.connect() as db:
        carrier_of = {lb.id: lb.carrier for lb in label_store.get_labels(db, ready)}
    dhl = [i for i in ready if carrier_of[i] == "dhl"]
    gls = [i for i in ready if carrier_of[i] == "gls"]
    label_service.create_labels(ctx, [*dhl[:6], *gls[:3]])
    tracking.enqueue_labels(ctx, dhl[:2])
    tracking.upload_due(ctx)
    refused_by_the_carrier(ctx, dhl[6])
    unclear_order = answer_lost(demo, gls[3])
    overview_tab(window, visit)
    window.tabs.setCurrentWidget(window.orders)
    window.orders.refresh()
    wait_for(lambda: not window.runner.busy)
    settle()
    visit("orders-tab", window, True)
    edit_dialog(window, "needs_review", "edit-dialog-needs-review", visit)
    edit_dialog(window, "created", "edit-dialog-created", visit, order_of(ctx, dhl[0]))
    edit_dialog(window, "all", "edit-dialog-gls", visit, order_of(ctx, gls[0]))  # sent at once
    edit_dialog(window, "error", "edit-dialog-refused", visit, order_of(ctx, dhl[6]))
    edit_dialog(window, "error", "edit-dialog-unclear", visit, unclear_order)
    scan_states(window, ctx, order_of(ctx, dhl[1]), visit)
    parcels_editor(window, visit)
    bulk_editor(window, visit)
    service_point_finder(window, ctx, dhl[7:], visit)

    # "Mark shipped" asks first, naming the orders without a printed label.
    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData("created"))
    wait_for(lambda: not window.runner.busy and tab.model.rowCount() > 0)
    tab.table.selectAll()
    visit_modal(
        "mark-shipped-question",
        visit,
        lambda d: d.button(QMessageBox.StandardButton.Cancel).click(),
    )
    tab.mark_shipped()
    tab.view.setCurrentIndex(tab.view.findData("to_ship"))
    wait_for(lambda: not window.runner.busy)

    window.orders.choose_printers()
    printers = window.orders.printer_dialog
    wait_for(lambda: not window.runner.busy)
    settle()
    visit("printer-dialog", printers, True)
    printers.reject()

    # A warning the owner turned off for one destination is listed with "Warn again".
    shipping_settings.acknowledge(ctx, ("default_service_impossible", "NBB", "DE"))
    window.tabs.setCurrentWidget(window.shipping_options)
    settle()
    visit("shipping-options-tab", window, True)
    options = window.shipping_options
    scroll_to(options, options.silenced.parentWidget())  # setting 3, with the warnings off
    visit("shipping-options-silenced", window, True)
    options.carrier_choice.setCurrentIndex(options.carrier_choice.findData("gls"))
    wait_for(lambda: "SATURDAY" in options.defaults.boxes and not window.runner.busy)
    options.findChild(QScrollArea).ensureWidgetVisible(options.no_same_day)
    settle()
    visit("shipping-options-gls", window, True)
    options.carrier_choice.setCurrentIndex(options.carrier_choice.findData("dhl"))
    wait_for(lambda: not window.runner.busy)
    address = AddressDialog(None, window, ctx)
    address.open()
    address._accept()  # empty: shows what is missing
    settle()
    visit("address-dialog", address, False)
    address.fields["street"].setText("Oudegracht aan de Werf bij de Bakkerbrug ter hoogte van")
    address._accept()  # longer than the carrier takes
    settle()
    visit("address-dialog-too-long", address, True)
    address.reject()

    window.show_setup_guide()
    for step in range(len(window.guide._texts())):
        window.guide.go(step)
        settle(100)
        visit(f"setup-guide-{step}", window, step == 0)
    window.guide.hide()
    first_start(visit)

    window.show_products()  # what the labels made above taught
    settle()
    visit("products-dialog", window.products_dialog, True)
    window.products_dialog.reject()
    window.show_about()
    settle()
    visit("about-dialog", window.about, True)
    window.about.show_privacy()
    settle()
    visit("privacy-dialog", window.about.privacy, True)
    window.about.privacy.reject()
    window.about.reject()
    manual = window.show_manual("setting-same-day")  # Help → Manual, at a settings group's section
    manual.resize(1160, 760)
    settle()
    visit("manual-window", manual, True)
    manual.close()
    # The data file's key: the recovery key as shown at setup, and what a start says when the
    # keychain lost the key (the demo's own key is never in danger: these are shown as is).
    recovery = RecoveryKeyDialog(ctx.paths, ctx.key, first_time=True, parent=window)
    recovery.open()
    settle()
    visit("recovery-key-dialog", recovery, True)
    recovery.done(0)
    lost = database_key.KeyNeeded("recovery", "the system keychain no longer holds the key")
    unlock = UnlockDialog(ctx.paths, lost, window)
    unlock.open()
    settle()
    visit("unlock-dialog-recovery", unlock, True)
    unlock.done(0)
    unlock = UnlockDialog(ctx.paths, database_key.KeyNeeded("new_passphrase"), window)
    unlock.open()
    settle()
    visit("unlock-dialog-new-passphrase", unlock, True)
    unlock.done(0)
    folder = r"C:\Users\Winkel\AppData\Roaming\ShipDesk"  # as an owner's PC shows it
    cannot = cannot_start_box(
        "damaged",
        folder,
        "database disk image is malformed",
        folder + r"\backups\shipdesk-2026-12-05.sqlite3",
    )
    cannot.open()
    settle()
    visit("cannot-start-box", cannot, True)
    cannot.done(0)
    crash = CrashDialog(sample_crash(), window)
    crash.open()
    settle()
    visit("crash-dialog", crash, True)
    crash.reject()
    # Qt's own file dialog, in the app's language (no picture: it shows this machine's files).
    visit_modal("export-file-dialog", visit, lambda d: d.reject(), picture=False)
    window.export_diagnostics()

    tab = window.connections
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    settle()
    visit("connections-connected", window, True)
    scroll_to(tab, tab.cards["gls"])
    visit("connections-gls", window, True)
    visit_modal(
        "disconnect-question", visit, lambda d: d.button(QMessageBox.StandardButton.Cancel).click()
    )
    tab.disconnect_button.click()

    demo.sandbox.lwa.revoke_seller(demo.sandbox.seller.selling_partner_id)
    demo.sandbox.lwa.expire_access_tokens()
    window.importer.start()
    wait_for(lambda: tab.pill.state == "error")
    # The Amazon states: its group in view (the carriers' cards are above it).
    amazon = tab.findChild(QGroupBox, "amazonGroup")
    tab.findChild(QScrollArea).ensureWidgetVisible(amazon, 0, 0)
    settle()
    visit("connections-error", window, True)

    amazon_account.disconnect_locally(ctx)
    tab.reload()
    tab.action_message.clear()
    settle()
    visit("connections-not-connected", window, True)

    tab.connect_button.click()
    wait_for(lambda: tab.pill.state == "pending" and not window.runner.busy)
    tab._poll.stop()
    tab.findChild(QScrollArea).ensureWidgetVisible(amazon, 0, 0)
    settle()
    visit("connections-pending", window, True)


def first_start(visit: Visit) -> None:
    """The welcome bar as a new installation shows it: nothing connected yet, so it offers
    the demo (the demo itself has everything connected)."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = open_context(resolve_paths(folder), database_key=os.urandom(32))
        guide = SetupGuide(fresh)
        guide.go(0)
        guide.resize(1280, guide.sizeHint().height())
        guide.show()
        settle()
        visit("setup-guide-first-start", guide, True)
        guide.close()
        guide.deleteLater()


def run_tour(language: str, visit: Visit) -> None:
    """The tour in a fresh demo, with the app's texts in `language`."""
    make_application()
    translators = i18n.install(language)
    no_browser = NoBrowser()
    QDesktopServices.setUrlHandler("http", no_browser, "open")
    try:
        with tempfile.TemporaryDirectory() as folder:
            demo = DemoEnvironment.start(resolve_paths(folder))
            try:
                window = MainWindow(demo.ctx)
                window.resize(1280, 800)
                window.show()
                window.start_background_work()
                tour(window, demo, visit)
                window.close()
            finally:
                demo.stop()
    finally:
        QDesktopServices.unsetUrlHandler("http")
        i18n.uninstall(translators)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=i18n.LANGUAGES, action="append")
    args = parser.parse_args(argv)
    app = make_application()
    for language in args.lang or i18n.LANGUAGES:
        folder = OUT / language
        folder.mkdir(parents=True, exist_ok=True)

        def save(name: str, widget: QWidget, picture: bool, folder: Path = folder) -> None:
            if picture:
                widget.grab().save(str(folder / f"{name}.png"))
                print(folder / f"{name}.png")

        run_tour(language, save)
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
