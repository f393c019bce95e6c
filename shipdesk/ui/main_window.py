"""The main window: the three tabs of the design card, and the demo banner in demo mode."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from shipdesk import __version__
from shipdesk.services.context import AppContext
from shipdesk.services.import_controller import ImportController
from shipdesk.services.jobs import JobRunner
from shipdesk.services.order_list import OrderListSource
from shipdesk.services.tracking_controller import TrackingController
from shipdesk.ui.connections_tab import ConnectionsTab
from shipdesk.ui.orders_tab import OrdersTab
from shipdesk.ui.resources import icon_path
from shipdesk.ui.shipping_options_tab import ShippingOptionsTab
from shipdesk.ui.widgets import DemoBanner


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
        self.order_source = OrderListSource(ctx)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.connections = ConnectionsTab(ctx, self.runner)
        self.shipping_options = ShippingOptionsTab(ctx, self.runner)
        self.orders = OrdersTab(ctx, self.order_source, self.importer, self.uploader, self.runner)
        self.tabs.addTab(self.connections, self.tr("Connections"))
        self.tabs.addTab(self.shipping_options, self.tr("Shipping Options"))
        self.tabs.addTab(self.orders, self.tr("Orders"))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if ctx.demo:
            self.banner = DemoBanner()
            layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.connections.connection_changed.connect(self._connection_changed)
        self.connections.carrier_changed.connect(self._carrier_changed)
        self.importer.drafts_made.connect(self._drafts_made)
        self.importer.failed.connect(lambda *_: self.connections.reload())
        self.importer.succeeded.connect(lambda *_: self.connections.reload())
        self.resize(1180, 720)
        self._restore_geometry()
        self.orders.refresh()

    def start_background_work(self) -> None:
        """Auto-import every few minutes, and once now if Amazon is connected."""
        self.importer.enable_auto_import()
        self.importer.start_if_connected()
        self.uploader.enable()
        self.uploader.upload_if_enabled()

    def _connection_changed(self) -> None:
        self.importer.start_if_connected()

    def _drafts_made(self, _result: object) -> None:
        self.orders.refresh()

    def _carrier_changed(self) -> None:
        self.shipping_options.load_catalogue()
        self.importer.refresh_drafts()

    def _settings(self) -> QSettings:
        return QSettings(str(self.ctx.paths.data_dir / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        geometry = self._settings().value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings().setValue("geometry", self.saveGeometry())
        self.importer.timer.stop()
        self.uploader.timer.stop()
        self.runner.cancel_all()
        self.runner.wait(10_000)
        self.order_source.close()
        super().closeEvent(event)
