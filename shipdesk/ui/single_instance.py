"""One ShipDesk window per data folder.

The first window on a data folder listens on a local socket (QLocalServer: a Unix domain socket
in the temporary folder, a named pipe on Windows) named after a hash of the folder's path. A
second start on the same folder finds it, asks it to come to the front, and exits without
opening the data file. Commands (`shipdesk orders list`, `shipdesk import`) never take part:
they run beside the window, kept safe by the store's transactions.

A crash leaves a Unix socket behind that nobody answers on: the next start removes it and
listens itself. A short-lived QLockFile in the data folder, held only while a start asks and
then listens, keeps two starts at the same moment from both becoming the first.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

SHOW = b"show\n"
SHOWN = b"shown\n"
LOCK_FILE = "shipdesk-start.lock"


class Claim(Enum):
    FIRST = "first"  # this start has the folder: go on
    SHOWN = "shown"  # another window has it and came to the front: exit
    NOT_ANSWERING = "not_answering"  # another one has it but does not answer: say so, exit


def server_name(data_dir: Path) -> str:
    """The socket's name for a data folder: the same for every start on that folder."""
    folder = str(Path(data_dir).resolve())
    if sys.platform == "win32":
        folder = folder.lower()  # one folder, however its letters are written
    return "shipdesk-" + hashlib.sha256(folder.encode("utf-8")).hexdigest()[:24]


class SingleInstance(QObject):
    """`claim()` once at start; `activated` when a later start asks this window to show."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self.server: QLocalServer | None = None
        self.window: QWidget | None = None  # brought to the front when activated

    def claim(self, answer_ms: int = 5_000) -> Claim:
        lock = QLockFile(str(self.data_dir / LOCK_FILE))
        locked = lock.tryLock(10_000)
        if not locked:  # another start holds it for long: ask anyway, never block forever
            log.warning("start lock %s not taken: %s", LOCK_FILE, lock.error())
        try:
            answered = self._ask_the_first(answer_ms)
            if answered is not None:
                return Claim.SHOWN if answered else Claim.NOT_ANSWERING
            self._listen()
            return Claim.FIRST
        finally:
            if locked:
                lock.unlock()

    def _ask_the_first(self, answer_ms: int) -> bool | None:
        """None: nobody listens; True: the first window came to the front; False: it did not
        answer in time."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1_000):
            return None
        if sys.platform == "win32":  # the one in front may hand the front to the other one
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        socket.write(SHOW)
        socket.waitForBytesWritten(1_000)
        reply = b""
        while SHOWN not in reply and socket.waitForReadyRead(answer_ms):
            reply += bytes(socket.readAll().data())
        socket.abort()
        return SHOWN in reply

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        listening = server.listen(self.name)
        if not listening and server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            # Nobody answered on it (asked above, under the start lock): a crashed ShipDesk's.
            log.info("a stale single-instance socket was left behind; removing it")
            QLocalServer.removeServer(self.name)
            listening = server.listen(self.name)
        if not listening:  # go on without: a second window is then possible, not harmful
            log.warning("single-instance socket not available: %s", server.errorString())
            server.deleteLater()
            return
        server.newConnection.connect(self._accept)
        self.server = server

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            # No Python reference is kept to a socket Qt deletes (a lambda holding one would
            # outlive it): the slot finds its socket as the sender.
            socket.readyRead.connect(self._ready)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _ready(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == SHOW:
            log.info("another start on this data folder: window brought to the front")
            self.bring_to_front()
            self.activated.emit()
            socket.write(SHOWN)
            socket.flush()
        socket.disconnectFromServer()

    def bring_to_front(self) -> None:
        """The window (or the dialog it shows) to the front, restored when minimised."""
        target = QApplication.activeModalWidget() or self.window
        if target is None:
            return
        if target.isMinimized():
            target.setWindowState(target.windowState() & ~Qt.WindowState.WindowMinimized)
        target.show()
        target.raise_()
        target.activateWindow()

    def close(self) -> None:
        """Stop listening (the socket file goes with it)."""
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
