"""Sends queued tracking numbers to Amazon in the background while the app is open, and
follows the handed-over parcels at their carriers until they are delivered."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner

# Each job's module (and Amazon's and the carriers' clients) loads when the job first runs, after
# the window's first paint.

UPLOAD_EVERY_MS = 60_000
FOLLOW_EVERY_MS = 15 * 60_000  # each parcel is asked about at most hourly (delivery.ASK_EVERY)
FIRST_FOLLOW_MS = 30_000  # after the first paint and the first import


class TrackingController(QObject):
    finished = Signal(object)  # tracking.UploadResult
    failed = Signal(str)
    followed = Signal(object)  # delivery.DeliveryRound

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.job: Job | None = None
        self.closing: Job | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.upload_if_enabled)
        self.following: Job | None = None
        self.delivery_timer = QTimer(self)
        self.delivery_timer.timeout.connect(self.follow_deliveries)

    def enable(self, interval_ms: int = UPLOAD_EVERY_MS) -> None:
        self.timer.start(interval_ms)
        QTimer.singleShot(FIRST_FOLLOW_MS, self, self.follow_deliveries)
        self.delivery_timer.start(FOLLOW_EVERY_MS)

    def stop(self) -> None:
        self.timer.stop()
        self.delivery_timer.stop()

    def follow_deliveries(self) -> bool:
        """One track & trace round in the background (not when one is still running)."""
        if self.following is not None:
            return False
        from shipdesk.services import delivery

        self.following = self.runner.run(
            lambda _report, cancel: delivery.refresh(self.ctx, cancel),
            "delivery",
            succeeded=self.followed,
            finished=self._followed,
        )
        return True

    def _followed(self) -> None:
        self.following = None

    def upload_if_enabled(self) -> None:
        """Only with the switch on and Amazon connected; the outbox keeps the rest. The day's
        labels are confirmed to carriers that want it on the same beat."""
        from shipdesk.services import amazon_account

        self.close_days()
        _, automatic = amazon_account.switches(self.ctx)
        if automatic and amazon_account.status(self.ctx).state == amazon_account.CONNECTED:
            self.upload_now()

    def close_days(self) -> None:
        if self.closing is not None:
            return
        from shipdesk.services import day_close

        self.closing = self.runner.run(
            lambda _report, cancel: day_close.confirm_due(self.ctx, cancel),
            "day-close",
            finished=self._closed,
        )

    def _closed(self) -> None:
        self.closing = None

    def upload_now(self) -> bool:
        if self.job is not None:
            return False
        from shipdesk.services import tracking

        self.job = self.runner.run(
            lambda report, cancel: tracking.upload_due(self.ctx, report, cancel),
            "tracking",
            succeeded=self.finished,
            failed=self._failed,
            finished=self._done,
        )
        return True

    def _failed(self, error: Exception) -> None:
        self.failed.emit(str(error))

    def _done(self) -> None:
        self.job = None
