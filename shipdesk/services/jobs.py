"""Running work off the UI thread: a QRunnable per job, results back by queued signals."""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from shipdesk.retrying import CancelledError

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


class Lane(Enum):
    """Which pool a job runs in, so a quick read for the window never waits behind an import
    on a 2-core laptop."""

    NETWORK = "network"  # imports, labels, tracking, printing: long, paced, waiting on others
    QUERY = "query"  # what a widget shows: quick reads of the data file


# Network jobs mostly wait on a service; four let an import, an upload, a label and a print
# go on side by side. Two readers keep a refresh and the Overview apart.
LANE_THREADS = {Lane.NETWORK: 4, Lane.QUERY: 2}

Slot = Callable[..., Any] | SignalInstance | None  # a method, a function, or a signal


class JobRunner(QObject):
    """Runs every widget's and controller's background work (`run`), one pool per lane, keeps
    running jobs alive until they finish, and waits for them at shutdown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pools: dict[Lane, QThreadPool] = {}
        for lane, threads in LANE_THREADS.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            self.pools[lane] = pool
        self._running: set[Job] = set()

    def run(
        self,
        fn: JobFunction,
        name: str,
        *,
        lane: Lane = Lane.NETWORK,
        progress: Slot = None,
        succeeded: Slot = None,
        failed: Slot = None,
        cancelled: Slot = None,
        finished: Slot = None,
    ) -> Job:
        """`fn(report_progress, cancel_event)` in the lane's pool; each given slot is called on
        the UI thread with the progress, the result, the exception, or nothing (cancelled,
        finished: after any of the others). Returns the job (`cancel()` asks it to stop)."""
        job = Job(fn, name)
        signals = job.signals
        for signal, slot in (
            (signals.progress, progress),
            (signals.succeeded, succeeded),
            (signals.failed, failed),
            (signals.cancelled, cancelled),
            (signals.finished, finished),
        ):
            if slot is not None:
                signal.connect(slot)
        return self.start(job, lane)

    def start(self, job: Job, lane: Lane = Lane.NETWORK) -> Job:
        self._running.add(job)
        job.signals.finished.connect(lambda: self._running.discard(job))
        self.pools[lane].start(job)
        return job

    def cancel_all(self) -> None:
        for job in list(self._running):
            job.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        deadline = time.monotonic() + msecs / 1000
        return all(
            pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
            for pool in self.pools.values()
        )

    @property
    def busy(self) -> bool:
        return bool(self._running)
