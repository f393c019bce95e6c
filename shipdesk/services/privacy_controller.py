"""Erases buyer data that is due (`privacy.purge`) in the background while the window is open:
first a while after the window shows (never before its first paint, and after the first
import and backup have had their turn), then once a day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QTimer, Signal

from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner

FIRST_RUN_MS = 45_000
RUN_EVERY_MS = 24 * 3_600_000


class PrivacyController(QObject):
    purged = Signal(object)  # privacy.PurgeResult
    failed = Signal(str)

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.job: Job | None = None
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.timeout.connect(self.purge)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.purge)

    def enable(self, first_ms: int = FIRST_RUN_MS, every_ms: int = RUN_EVERY_MS) -> None:
        self.first.start(first_ms)
        self.timer.start(every_ms)

    def stop(self) -> None:
        self.first.stop()
        self.timer.stop()

    def purge(self, now: dt.datetime | None = None) -> bool:
        """One run in a worker (`now`: as if it were then); False while one is running."""
        if self.job is not None:
            return False
        from shipdesk.services import privacy  # with the first run, after the first paint

        self.job = self.runner.run(
            lambda _report, _cancel: privacy.purge(self.ctx, now),
            "privacy",
            succeeded=self.purged,
            failed=lambda error: self.failed.emit(str(error)),
            finished=self._done,
        )
        return True

    def _done(self) -> None:
        self.job = None
