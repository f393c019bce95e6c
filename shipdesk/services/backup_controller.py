"""Takes the daily backup in the background while the window is open: first a little after
the window shows (never before it), then checked every hour, so a window left open overnight
makes the next day's copy too."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from shipdesk.services import backups
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner

FIRST_CHECK_MS = 15_000
CHECK_EVERY_MS = 3_600_000


class BackupController(QObject):
    made = Signal(object)  # the Path of today's copy
    failed = Signal(str)  # why it could not be made

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.job: Job | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.backup_if_due)
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.timeout.connect(self.backup_if_due)

    def enable(self, first_ms: int = FIRST_CHECK_MS, every_ms: int = CHECK_EVERY_MS) -> None:
        self.first.start(first_ms)
        self.timer.start(every_ms)

    def stop(self) -> None:
        self.first.stop()
        self.timer.stop()

    def backup_if_due(self) -> bool:
        """Start today's copy in a worker when it is missing; False when there is nothing to
        do (or a copy is being made)."""
        if self.job is not None or not backups.daily_backup_due(self.ctx):
            return False
        self.job = self.runner.run(
            lambda _report, _cancel: backups.take_daily_backup(self.ctx),
            "backup",
            succeeded=self._made,
            failed=lambda error: self.failed.emit(str(error)),
            finished=self._done,
        )
        return True

    def _made(self, path: object) -> None:
        if path is not None:
            self.made.emit(path)

    def _done(self) -> None:
        self.job = None
