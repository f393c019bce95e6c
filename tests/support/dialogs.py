"""Answering modal dialogs in GUI tests, as the user would."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox


def answer_next_dialog(button: QMessageBox.StandardButton) -> None:
    """Click `button` in the next modal message box once it is shown."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
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
