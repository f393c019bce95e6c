"""Answering modal dialogs in GUI tests, as the user would."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox


def answer_next_dialog(button: QMessageBox.StandardButton) -> None:
    """Click `button` in the next modal message box once it is shown."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)


def fill_next_file_dialog(path: Path) -> None:
    """Choose `path` in the next modal file dialog (Qt's own, as on Linux) and accept it."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            dialog.selectFile(str(path))
            dialog.accept()
        else:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)


def answer_input(text: str) -> None:
    """Type `text` into the next modal input dialog and accept it."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            dialog.setTextValue(text)
            dialog.accept()
        else:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)


def gui_says(args: argparse.Namespace) -> tuple[int, str]:
    """Start the window as `shipdesk` does; what its "cannot start" box says, and the exit code."""
    from shipdesk.ui.app import run_gui

    said: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        said.append(box.text() + "\n" + box.detailedText())
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, answer)
    code = run_gui(args)
    return code, "\n".join(said)
