"""Running work off the UI thread: a QRunnable per job, results back by queued signals."""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from shipdesk.httpclient import CancelledError

log = logging.getLogger(__name__)

JobFunction = Callable[[Callable[[Any], None], threading.Event], Any]


class JobSignals(QObject):
    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()


class Job(QRunnable):
    """Runs `fn(report_progress, cancel_event)` in the thread pool."""

    def __init__(self, fn: JobFunction, name: str = "job") -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; the pool must not delete it under us
        self.fn = fn
        self.name = name
        self.cancel_event = threading.Event()
        self.signals = JobSignals()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        threading.current_thread().name = f"job-{self.name}"
        try:
            # Progress objects may be mutated by the worker after emitting: send a copy.
            result = self.fn(lambda p: self.signals.progress.emit(copy.copy(p)), self.cancel_event)
        except CancelledError:
            self.signals.cancelled.emit()
        except Exception as exc:  # every failure must reach the UI, never vanish in a thread
            log.exception("job %s failed", self.name)
            self.signals.failed.emit(exc)
        else:
            if self.cancel_event.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


class JobRunner(QObject):
    """Keeps running jobs alive until they finish, and waits for them at shutdown."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Job] = set()

    def start(self, job: Job) -> Job:
        self._running.add(job)
        job.signals.finished.connect(lambda: self._running.discard(job))
        self.pool.start(job)
        return job

    def cancel_all(self) -> None:
        for job in list(self._running):
            job.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)
