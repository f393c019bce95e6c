"""The main window: the three tabs of the design card, the menus, the guided start, and the
demo banner in demo mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QEvent,
    QObject,
    QProcess,
    QSettings,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shipdesk import __version__
from shipdesk.services import database_key
from shipdesk.services.backup_controller import BackupController
from shipdesk.services.context import AppContext
from shipdesk.services.import_controller import ImportController
from shipdesk.services.jobs import JobRunner
from shipdesk.services.order_list import OrderListSource
from shipdesk.services.privacy_controller import PrivacyController
from shipdesk.services.tracking_controller import TrackingController
from shipdesk.ui import help_links, i18n
from shipdesk.ui.orders_tab import OrdersTab
from shipdesk.ui.overview_tab import OverviewTab
from shipdesk.ui.resources import icon_path
from shipdesk.ui.setup_guide import SetupGuide, demo_command, setup_needed
from shipdesk.ui.tray import AlertNotifier
from shipdesk.ui.widgets import DemoBanner, ask_save_path

if TYPE_CHECKING:
    from shipdesk.ui.connections_tab import ConnectionsTab
    from shipdesk.ui.manual_window import ManualWindow
    from shipdesk.ui.shipping_options_tab import ShippingOptionsTab

# Dialogs, and the tabs built after the first paint, are imported when first opened.


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(
            f"ShipDesk {__version__}" + (" — " + self.tr("Demo") if ctx.demo else "")
        )
        self.setWindowIcon(QIcon(str(icon_path())))
        self.runner = JobRunner(parent=self)
        self.importer = ImportController(ctx, self.runner, self)
        self.uploader = TrackingController(ctx, self.runner, self)
        self.backups = BackupController(ctx, self.runner, self)
        self.backups.failed.connect(self._backup_failed)
        self.privacy = PrivacyController(ctx, self.runner, self)
        self.privacy.purged.connect(self._purged)
        self.order_source = OrderListSource(ctx)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.orders = OrdersTab(ctx, self.order_source, self.importer, self.uploader, self.runner)
        self.overview = OverviewTab(ctx, self.runner)
        self.overview.open_orders.connect(self.show_orders)
        # Connections and Shipping Options are built when first shown or used, at the latest
        # right after the first paint (`build_later_tabs`): the first paint does not wait.
        self._later: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {"overview": self.overview, "orders": self.orders}
        self.tabs.addTab(self.overview, self.tr("Overview"))
        self._add_later("connections", self.tr("Connections"), self._make_connections)
        self._add_later("shipping_options", self.tr("Shipping Options"), self._make_options)
        self.tabs.addTab(self.orders, self.tr("Orders"))
        self.tabs.currentChanged.connect(self._tab_chosen)

        self.guide = SetupGuide(ctx)
        self.guide.setVisible(setup_needed(ctx))
        self.guide.show_tab.connect(lambda name: self.tabs.setCurrentWidget(self.tab(name)))
        self.guide.open_printers.connect(self.orders.choose_printers)
        self.guide.demo_requested.connect(self.start_demo)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if ctx.demo:
            self.banner = DemoBanner()
            layout.addWidget(self.banner)
        layout.addWidget(self.guide)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.notifier = AlertNotifier(ctx, self.runner, self)
        self.overview.alerts_found.connect(self.notifier.notice)

        self.orders.printers_chosen.connect(self.guide.refresh)
        self.importer.drafts_made.connect(self._drafts_made)
        self.importer.failed.connect(self._import_finished)
        self.importer.succeeded.connect(self._import_finished)
        self.uploader.finished.connect(lambda *_: self.notifier.check())
        self.resize(1180, 720)
        self._restore_geometry()
        self.orders.refresh()
        self.after_first_paint(self.orders.scan_bar.watch_windows)

    # -- tabs --
    @property
    def connections(self) -> ConnectionsTab:
        from shipdesk.ui.connections_tab import ConnectionsTab

        tab = self.tab("connections")
        assert isinstance(tab, ConnectionsTab)
        return tab

    @property
    def shipping_options(self) -> ShippingOptionsTab:
        from shipdesk.ui.shipping_options_tab import ShippingOptionsTab

        tab = self.tab("shipping_options")
        assert isinstance(tab, ShippingOptionsTab)
        return tab

    def tab(self, name: str) -> QWidget:
        """The tab by name (overview, connections, shipping_options, orders), built now if it
        was left for later; it takes the place of its placeholder page."""
        built = self._built.get(name)
        if built is not None:
            return built
        placeholder, make = self._later.pop(name)
        built = self._built[name] = make()
        index, current = self.tabs.indexOf(placeholder), self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # the same tab stays chosen: nothing to announce
        try:
            title = self.tabs.tabText(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, built, title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return built

    def build_later_tabs(self) -> None:
        for name in list(self._later):
            self.tab(name)

    def _add_later(self, name: str, title: str, make: Callable[[], QWidget]) -> None:
        placeholder = QWidget()
        self._later[name] = (placeholder, make)
        self.tabs.addTab(placeholder, title)

    def _tab_chosen(self, index: int) -> None:
        chosen = self.tabs.widget(index)
        for name, (placeholder, _make) in list(self._later.items()):
            if placeholder is chosen:
                self.tab(name)

    def _make_connections(self) -> ConnectionsTab:
        from shipdesk.ui.connections_tab import ConnectionsTab

        tab = ConnectionsTab(self.ctx, self.runner)
        tab.connection_changed.connect(self._connection_changed)
        tab.carrier_changed.connect(self._carrier_changed)
        return tab

    def _make_options(self) -> ShippingOptionsTab:
        from shipdesk.ui.shipping_options_tab import ShippingOptionsTab

        tab = ShippingOptionsTab(self.ctx, self.runner)
        tab.saved.connect(self.guide.refresh)
        tab.drafts_updated.connect(lambda _result: self.orders.refresh())
        return tab

    def show_orders(self, title: str, order_ids: list[str]) -> None:
        """The Orders tab, listing only these orders (from the Overview)."""
        self.orders.show_orders(title, order_ids)
        self.tabs.setCurrentWidget(self.orders)

    # -- menus --
    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        self.export_action = file_menu.addAction(
            self.tr("Export diagnostics…"), self.export_diagnostics
        )
        self.logs_action = file_menu.addAction(self.tr("Open log folder"), self.open_log_folder)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("Quit"), self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        settings_menu = menus.addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.tr("Printers…"), self.orders.choose_printers)
        self.products_action = settings_menu.addAction(self.tr("Products…"), self.show_products)
        self.language_menu = settings_menu.addMenu(self.tr("Language"))
        self.language_group = QActionGroup(self)
        chosen = i18n.chosen_language(self.ctx.paths.data_dir)
        for value, text in (
            ("system", self.tr("Same as the system")),
            ("nl", "Nederlands"),  # each language named in itself
            ("en", "English"),
        ):
            action = self.language_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(value == chosen)
            action.setData(value)
            self.language_group.addAction(action)
        self.language_group.triggered.connect(self._language_chosen)
        self.setup_action = settings_menu.addAction(
            self.tr("Setup assistant…"), self.show_setup_guide
        )
        self.recovery_action = settings_menu.addAction(
            self.tr("Recovery key…"), lambda: self.show_recovery_key(first_time=False)
        )
        self.recovery_action.setEnabled(not self.ctx.demo)  # the demo's data is fictional

        help_menu = menus.addMenu(self.tr("&Help"))
        self.manual_action = help_menu.addAction(self.tr("Manual"), lambda: self.show_manual())
        self.manual_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        help_menu.addSeparator()
        about = help_menu.addAction(self.tr("About ShipDesk"), self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def show_manual(self, section: str = "") -> ManualWindow:
        """The owner's manual, at `section` or else at the part about the tab in front."""
        from shipdesk.ui.manual_window import open_manual

        in_front = type(self.tabs.currentWidget()).__name__
        return open_manual(self, section or help_links.SCREENS.get(in_front, ""))

    def export_diagnostics(self) -> None:
        name = f"shipdesk-diagnostics-{QDate.currentDate().toString(Qt.DateFormat.ISODate)}.zip"
        chosen = ask_save_path(
            self, self.tr("Export diagnostics"), name, self.tr("Zip files (*.zip)")
        )
        if chosen is not None:
            self.save_diagnostics(str(chosen))

    def save_diagnostics(self, target: str) -> None:
        from shipdesk.services import diagnostics

        try:
            path = diagnostics.export_diagnostics(self.ctx, Path(target))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Export diagnostics"),
                self.tr("The file could not be written: %1").replace(
                    "%1", exc.strerror or str(exc)
                ),
            )
            return
        self.statusBar().showMessage(
            self.tr("Diagnostics saved as %1. It holds no passwords and no customer data.").replace(
                "%1", str(path)
            ),
            15_000,
        )

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.paths.logs)))

    def _language_chosen(self, action: QAction) -> None:
        i18n.set_chosen_language(self.ctx.paths.data_dir, action.data())
        self.statusBar().showMessage(
            self.tr("The new language is used from the next start of ShipDesk."), 15_000
        )

    def show_setup_guide(self) -> None:
        self.guide.go(0)
        self.guide.show()

    def show_recovery_key_once(self) -> None:
        """At setup (and until the owner confirmed keeping it): the recovery key, once."""
        if database_key.recovery_pending(self.ctx.paths):
            QTimer.singleShot(0, lambda: self.show_recovery_key(first_time=True))

    def show_recovery_key(self, first_time: bool) -> None:
        from shipdesk.ui.key_dialogs import RecoveryKeyDialog

        self.recovery_dialog = RecoveryKeyDialog(self.ctx.paths, self.ctx.key, first_time, self)
        self.recovery_dialog.open()

    def show_products(self) -> None:
        from shipdesk.ui.product_defaults_dialog import ProductDefaultsDialog

        self.products_dialog = ProductDefaultsDialog(self.ctx, self)
        self.products_dialog.open()

    def show_about(self) -> None:
        from shipdesk.ui.about_dialog import AboutDialog

        self.about = AboutDialog(self.ctx, self)
        self.about.open()

    def start_demo(self) -> None:
        """The demo runs as its own app with its own data folder; this window closes."""
        program, *arguments = demo_command()
        started, self.demo_pid = QProcess.startDetached(program, arguments)
        if started:
            self.close()
        else:
            QMessageBox.warning(self, self.tr("Demo"), self.tr("The demo could not be started."))

    # -- background work --
    def after_first_paint(self, then: Callable[[], None]) -> None:
        """`then` once the window has painted its first tab (imports, backups and purges start
        there: nothing of them delays the first sight of the day's work)."""
        _OnFirstPaint(self.tabs.currentWidget(), then)

    def start_background_work(self) -> None:
        """Auto-import every few minutes, and once now if Amazon is connected; the daily
        backup a little later, and the erasure of buyer data that is due after that, in the
        background."""
        self.notifier.check()  # what is wrong already: shown on the Overview, not notified
        self.importer.enable_auto_import()
        self.importer.start_if_connected()
        self.uploader.enable()
        self.uploader.upload_if_enabled()
        self.backups.enable()
        self.privacy.enable()

    def _backup_failed(self, reason: str) -> None:
        self.statusBar().showMessage(
            self.tr(
                "Today's backup copy of ShipDesk's data could not be made (%1). ShipDesk tries "
                "again in an hour."
            ).replace("%1", reason),
            60_000,
        )

    def _purged(self, result: object) -> None:
        erased = getattr(result, "orders_erased", 0)
        if not erased:
            return
        self.statusBar().showMessage(
            self.tr(
                "The buyer's name and address of %Ln order(s) were erased, as Amazon requires "
                "(30 days after delivery). The orders themselves stay.",
                "",
                erased,
            ),
            60_000,
        )
        self.orders.refresh()

    def _connection_changed(self) -> None:
        self.importer.start_if_connected()
        self.guide.refresh()
        self.notifier.check()

    def _import_finished(self, *_args: object) -> None:
        if "connections" in self._built:  # (when not, it reads the state once built)
            self.connections.reload()
        self.notifier.check()

    def _drafts_made(self, _result: object) -> None:
        self.orders.refresh()

    def _carrier_changed(self) -> None:
        if "shipping_options" in self._built:
            self.shipping_options.load_catalogue()
        self.importer.refresh_drafts()
        self.guide.refresh()
        self.notifier.check()

    def _settings(self) -> QSettings:
        return i18n.window_settings(self.ctx.paths.data_dir)

    def _restore_geometry(self) -> None:
        settings = self._settings()
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.orders.restore_view(settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = self._settings()
        settings.setValue("geometry", self.saveGeometry())
        self.orders.save_view(settings)
        self.importer.disable_auto_import()
        self.uploader.stop()
        self.backups.stop()
        self.privacy.stop()
        self.runner.cancel_all()
        self.runner.wait(10_000)
        self.order_source.close()
        from shipdesk.services import amazon_account

        amazon_account.forget_pending_consent(self.ctx)  # its listener goes with the window
        if self.notifier.tray is not None:
            self.notifier.tray.hide()
        from shipdesk.ui.manual_window import current

        if (manual := current()) is not None:
            manual.close()  # a window of its own: it goes with the main window
        super().closeEvent(event)


class _OnFirstPaint(QObject):
    """Calls `then` right after `widget` first paints, or after `latest_ms` when it does not
    (a window started minimised paints nothing)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], latest_ms: int = 3000) -> None:
        super().__init__(widget)
        self._widget: QWidget | None = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this paint is on the screen
        return False

    def _fire(self) -> None:
        if self._then is None or self._widget is None:
            return
        then, self._then = self._then, None
        self._widget.removeEventFilter(self)
        self._widget = None
        then()
