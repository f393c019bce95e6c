"""The packing desk's scan field: a USB scanner types the order id (or the packing slip's code)
and Enter; the label is made if needed and printed, and the answer shows large and coloured
enough to read from a metre away, with a beep to hear it.

Scans are handled one at a time, in the order they came: a double scan waits for the first and
then finds its label printed ("already printed: reprint?"), so nothing prints twice by itself.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import scan as scanning
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner
from shipdesk.ui import help_links, texts
from shipdesk.ui.widgets import HelpLink

# Colours of the answer (foreground, background): printed, a question, the owner's turn, stop.
TONES = {
    "idle": ("#3c4043", "#f1f3f4"),
    "busy": ("#174ea6", "#e8f0fe"),
    "ok": ("#0d652d", "#ceead6"),
    "ask": ("#7a4a00", "#feefc3"),
    "review": ("#174ea6", "#d2e3fc"),
    "stop": ("#ffffff", "#c5221f"),
}
TONE_OF = {
    "printed": "ok",
    "already_printed": "ask",
    "needs_review": "review",
}
BEEPS = {"ok": 1, "ask": 2, "review": 2, "stop": 3}
# With no Enter after it, a complete order id is taken as scanned after this pause.
QUIET_MS = 600
# A scanner types a whole code in a burst: keys this close together, this many of them.
BURST_GAP_S = 0.05
BURST_KEYS = 8


class ScanGuard(QObject):
    """Watches the keyboard for a scan while a window (a dialog) is open over the desk: the
    scanner's keystrokes land in that window, and its Enter would press the window's default
    button (Save). That Enter is held back, the line field the burst landed in gets back the
    text it had before, and `caught` says so."""

    caught = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._times: deque[float] = deque(maxlen=BURST_KEYS)
        # The line field a burst is typing into, with its text and cursor before the burst.
        self._before: tuple[QLineEdit, str, int] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        if event.isAutoRepeat():
            return False
        now = time.monotonic()
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = len(self._times) == BURST_KEYS and all(
                later - earlier < BURST_GAP_S
                for earlier, later in zip(self._times, [*list(self._times)[1:], now], strict=True)
            )
            self._times.clear()
            if burst and QApplication.activeModalWidget() is not None:
                self._restore(watched)
                self.caught.emit()
                return True  # never the dialog's Save
            return False
        if event.text() and event.text().isprintable():
            if self._times and now - self._times[-1] >= BURST_GAP_S:
                self._times.clear()
            if not self._times:  # a burst may start here: remember the field as it is
                self._before = (
                    (watched, watched.text(), watched.cursorPosition())
                    if isinstance(watched, QLineEdit)
                    else None
                )
            self._times.append(now)
        return False

    def _restore(self, watched: QObject) -> None:
        """The scanned code out of the field it landed in (the owner's text stays)."""
        before, self._before = self._before, None
        if before is None or before[0] is not watched:
            return
        field, text, cursor = before
        field.setText(text)
        field.setCursorPosition(cursor)


class ScanBar(QFrame):
    """Emits `needs_review(label_id)` (the tab opens the label) and `done(outcome)` after each
    scan (the tab refreshes its list; tests listen)."""

    needs_review = Signal(int)
    done = Signal(object)

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanBar")
        self.ctx = ctx
        self.runner = runner
        self._queue: deque[tuple[str, bool]] = deque()
        self._job: Job | None = None
        self._reprint_code = ""
        self.field = QLineEdit()
        self.field.setObjectName("scanField")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(self.tr("Scan an order number or packing slip…"))
        bigger = QFont(self.field.font())
        bigger.setPointSizeF(bigger.pointSizeF() * 1.25)
        self.field.setFont(bigger)
        self.field.returnPressed.connect(self._entered)
        # A scanner set up without Enter: a whole order id followed by a pause is a scan.
        self._quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._quiet.timeout.connect(self._quiet_after_typing)
        self.field.textEdited.connect(lambda _text: self._quiet.start())
        self.answer = QLabel()
        self.answer.setObjectName("scanAnswer")
        self.answer.setTextFormat(Qt.TextFormat.PlainText)  # order data is never markup
        self.answer.setWordWrap(True)
        self.answer.setMinimumHeight(44)
        large = QFont(self.answer.font())
        large.setPointSizeF(large.pointSizeF() * 1.5)
        large.setBold(True)
        self.answer.setFont(large)
        self.reprint_button = QPushButton(self.tr("Reprint"))
        self.reprint_button.setObjectName("scanReprint")
        self.reprint_button.setVisible(False)
        self.reprint_button.clicked.connect(self._reprint)
        row = QHBoxLayout()
        row.addWidget(self.answer, 1)
        row.addWidget(self.reprint_button)
        self.answer_help = HelpLink(about_message=True)
        row.addWidget(self.answer_help)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addLayout(row)
        self.tone = "idle"
        self._show("idle", self.tr("Ready to scan."))
        self.guard = ScanGuard(self)
        self.guard.caught.connect(self._scan_in_a_window)
        self._watching = False

    def watch_windows(self) -> None:
        """From now on, a scan into a window open over the desk is caught (ScanGuard). Called
        once the main window has painted, or when this bar is first shown: an application-wide
        filter runs Python for every event, and the window's start has thousands of them."""
        if self._watching:
            return
        app = QApplication.instance()
        assert app is not None  # a bar exists only in a running app
        # (A filter object that is deleted, with this bar, is removed from the application.)
        app.installEventFilter(self.guard)
        self._watching = True

    def showEvent(self, event: QShowEvent) -> None:
        self.watch_windows()
        super().showEvent(event)

    def _scan_in_a_window(self) -> None:
        self._reprint_code = ""
        self._show(
            "stop",
            self.tr(
                "A scan came in while a window was open: nothing was printed or saved, and the "
                "scanned code was taken out of that window again. Close it, then scan again."
            ),
        )

    # -- input --
    def _quiet_after_typing(self) -> None:
        if scanning.ORDER_ID.fullmatch(scanning.clean(self.field.text())):
            self._entered()

    def _entered(self) -> None:
        self._quiet.stop()
        text = self.field.text()
        self.field.clear()
        if text.strip():
            self.submit(text)

    def submit(self, text: str, reprint: bool = False) -> None:
        """A scan (or a confirmed reprint), handled after the ones before it."""
        self._queue.append((text, reprint))
        self._next()

    def _reprint(self) -> None:
        if self._reprint_code:
            self.submit(self._reprint_code, reprint=True)
        self.field.setFocus()

    def _next(self) -> None:
        if self._job is not None or not self._queue:
            return
        text, reprint = self._queue.popleft()
        order = scanning.order_id_in(scanning.clean(text)) or scanning.clean(text)
        self._show("busy", self.tr("Printing %1…").replace("%1", order))
        self._job = self.runner.run(
            lambda _r, cancel: scanning.scan(self.ctx, text, reprint=reprint, cancel=cancel),
            "scan",
            succeeded=self._answered,
            failed=self._failed,
            finished=self._finished,
        )

    def _finished(self) -> None:
        self._job = None
        QTimer.singleShot(0, self._next)

    # -- the answer --
    def _answered(self, outcome: scanning.ScanOutcome) -> None:
        tone = TONE_OF.get(outcome.code, "stop")
        self._reprint_code = outcome.order_id if outcome.code == "already_printed" else ""
        section = help_links.section_for("outcome_text", outcome.code) if tone != "ok" else ""
        self._show(tone, self.outcome_text(outcome), section)
        if outcome.code == "needs_review" and outcome.label_id is not None:
            self.needs_review.emit(outcome.label_id)
        self.done.emit(outcome)

    def _failed(self, error: Exception) -> None:
        self._reprint_code = ""
        self._show("stop", texts.error_text(error), help_links.section_for_error(error))
        self.done.emit(error)

    def _show(self, tone: str, text: str, section: str = "") -> None:
        """The answer in the tone's colours; `section`: the manual's part about it."""
        self.tone = tone
        self.answer_help.point_at(section)
        foreground, background = TONES[tone]
        self.answer.setText(text)
        self.answer.setStyleSheet(
            f"QLabel#scanAnswer {{ color: {foreground}; background: {background}; "
            "border-radius: 6px; padding: 6px 12px; }"
        )
        self.reprint_button.setVisible(bool(self._reprint_code) and tone == "ask")
        for n in range(BEEPS.get(tone, 0)):  # heard at the desk without looking
            QTimer.singleShot(n * 180, QApplication.beep)

    def outcome_text(self, outcome: scanning.ScanOutcome) -> str:
        order = outcome.order_id
        tracking = ", ".join(outcome.tracker_codes)
        code = outcome.code
        if code == "printed":
            text = self.tr("Printed %1").replace("%1", order)
            if tracking:
                text += " · " + tracking
            if outcome.slip_printed:
                text += " · " + self.tr("with its packing slip")
            elif outcome.extra.get("slip_error"):
                text += " · " + self.tr("the packing slip was not printed: %1").replace(
                    "%1", outcome.message
                )
            return text
        if code == "already_printed":
            when = _local_time(outcome.printed_at)
            return (
                self.tr("Already printed %1 (%2). Print it again?")
                .replace("%1", order)
                .replace("%2", when)
            )
        if code == "needs_review":
            return self.tr("%1 needs review: check it in the window that opened.").replace(
                "%1", order
            )
        if code == "cancelled":
            return self.tr("CANCELLED at Amazon: do not ship %1.").replace("%1", order)
        if code == "unknown":
            if order:
                return self.tr("Unknown order %1: not imported (yet).").replace("%1", order)
            return self.tr("Unknown code: %1").replace("%1", outcome.scanned or "–")
        if code == "unclear":
            return self.tr(
                "%1: the carrier's answer was lost. Open the order and check it before scanning "
                "again."
            ).replace("%1", order)
        if code == "failed":
            return (
                self.tr("No label for %1: %2").replace("%1", order).replace("%2", outcome.message)
            )
        if code == "not_shippable":
            return self.tr("%1 is not waiting to be shipped.").replace("%1", order)
        why = outcome.extra.get("why", "")
        if why in ("no_printer", "printer_unknown"):
            return self.tr("%1 not printed: choose a label printer (Printers…).").replace(
                "%1", order
            )
        return self.tr("%1 not printed: %2").replace("%1", order).replace("%2", outcome.message)


def _local_time(stamp: str) -> str:
    """An ISO time as the desk's clock shows it (HH:MM today, else the date too)."""
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    if when.date() == dt.datetime.now().astimezone().date():
        return when.strftime("%H:%M")
    return when.strftime("%Y-%m-%d %H:%M")
