"""Runs imports in the background: on request, and by themselves as often as Amazon refills
the searchOrders call."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from shipdesk.retrying import CancelledError
from shipdesk.services import errors
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner

if TYPE_CHECKING:
    from shipdesk.services.importing import ImportResult

# The importer, Amazon's client and the drafts load with the first import, after the window's
# first paint.

log = logging.getLogger(__name__)

SEARCH = "searchOrders"


def seconds_to_next_import(ctx: AppContext) -> float:
    """Until searchOrders has refilled one call, at the rate Amazon reports for this seller
    (179 s on the published plan of 0.0056/s): importing that often brings a new order within
    one refill, and never faster, so the automatic imports are never refused (429) and leave
    the burst to the owner's own imports. Longer when a 429 emptied the bucket."""
    limiter = ctx.amazon_limiter
    return max(limiter.refill_seconds(SEARCH), limiter.seconds_until_next(SEARCH))


def import_and_draft(ctx: AppContext, report, cancel) -> ImportResult:
    """One import, then drafts for the new orders (a failed draft run never fails the
    import: its orders are tried again next time)."""
    from shipdesk.services.drafts import DraftResult, make_drafts
    from shipdesk.services.importing import import_orders

    result = import_orders(ctx, report, cancel)
    try:
        result.drafts = make_drafts(ctx, cancel)
    except CancelledError:
        raise  # stopped by the owner: not a failure
    except Exception as exc:  # the orders are committed; their drafts come next run
        log.exception("making drafts failed after the import")
        result.drafts = DraftResult(skipped_reason="failed", problems=[str(exc)])
    return result


class ImportController(QObject):
    started = Signal()
    drafts_made = Signal(object)  # DraftResult
    progress = Signal(object)  # ImportProgress
    succeeded = Signal(object)  # ImportResult
    failed = Signal(str, str)  # error code, English detail
    cancelled = Signal()
    running_changed = Signal(bool)

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.job: Job | None = None
        self._draft_job: Job | None = None
        self.last_result: ImportResult | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._auto_import)
        self._auto = False
        self._every: float | None = None

    @property
    def running(self) -> bool:
        return self.job is not None

    def enable_auto_import(self, every: float | None = None) -> None:
        """Import by themselves, each as soon as searchOrders has refilled a call
        (`seconds_to_next_import`); `every`: a fixed interval in seconds instead."""
        self._auto, self._every = True, every
        self._schedule()

    def disable_auto_import(self) -> None:
        self._auto = False
        self.timer.stop()

    def _schedule(self) -> None:
        if self._auto and self.job is None:
            seconds = self._every if self._every is not None else seconds_to_next_import(self.ctx)
            self.timer.start(max(1, round(seconds * 1000)))

    def _auto_import(self) -> None:
        self.start_if_connected()
        self._schedule()  # not connected (or one running): look again after a refill

    def start_if_connected(self) -> None:
        from shipdesk.services import amazon_account

        if amazon_account.status(self.ctx).state == amazon_account.CONNECTED:
            self.start()

    def start(self) -> bool:
        if self.job is not None:
            return False
        self.job = self.runner.run(
            lambda report, cancel: import_and_draft(self.ctx, report, cancel),
            "import",
            progress=self.progress,
            succeeded=self._succeeded,
            failed=self._failed,
            cancelled=self.cancelled,
            finished=self._finished,
        )
        self.running_changed.emit(True)
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _succeeded(self, result: ImportResult) -> None:
        self.last_result = result
        self.succeeded.emit(result)
        if result.drafts is not None:
            self.drafts_made.emit(result.drafts)

    def refresh_drafts(self) -> None:
        """Drafts for orders still without one (after connecting a carrier, say)."""
        if self.job is not None or self._draft_job is not None:
            return
        from shipdesk.services.drafts import make_drafts

        self._draft_job = self.runner.run(
            lambda _report, cancel: make_drafts(self.ctx, cancel),
            "drafts",
            succeeded=self.drafts_made,
            failed=self._failed,
            finished=self._drafts_finished,
        )

    def _drafts_finished(self) -> None:
        self._draft_job = None

    def _failed(self, error: Exception) -> None:
        if errors.is_amazon_error(error):
            self.failed.emit(error.code, str(error))
        elif errors.is_keychain_unavailable(error):
            self.failed.emit("keychain_unavailable", str(error))
        else:
            self.failed.emit("internal", f"{type(error).__name__}: {error}")

    def _finished(self) -> None:
        self.job = None
        self.running_changed.emit(False)
        self._schedule()  # the next one a refill after this one, whoever started it
