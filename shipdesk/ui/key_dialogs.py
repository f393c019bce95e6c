"""The data file's key, where the owner takes part: the passphrase (no keychain), the recovery
key (shown once at setup, and whenever asked), and giving the key back after the keychain lost it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.paths import AppPaths
from shipdesk.services import database_key as keys
from shipdesk.ui.widgets import ERROR_STYLE, dialog_help


def obtain_key(paths: AppPaths, parent: QWidget | None = None) -> bytes | None:
    """The data file's key, asking the owner only when the keychain cannot give it. None when
    the owner closed the dialog (ShipDesk then does not start; nothing was changed)."""
    need: keys.KeyNeeded | None = None
    try:
        with _busy():
            return keys.unlock(paths)
    except keys.KeyNeeded as exc:
        need = exc
    dialog = UnlockDialog(paths, need, parent)
    return dialog.key if dialog.exec() == QDialog.DialogCode.Accepted else None


class _busy:
    """A wait cursor while the slow part runs (the passphrase's key derivation, a conversion)."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QApplication.restoreOverrideCursor()


def _text_label(text: str) -> QLabel:
    """What the owner must read (not a hint in grey): plain text, wrapped."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class UnlockDialog(QDialog):
    """What the data file needs before it opens, in the owner's words, and the field for it.

    Modes follow the need: `passphrase` (the one chosen earlier), `new_passphrase` (no keychain:
    choose one), `recovery` (the key is gone or changed: the recovery key or a key file)."""

    def __init__(self, paths: AppPaths, need: keys.KeyNeeded, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Open ShipDesk's data"))
        self.setMinimumWidth(560)
        self.paths = paths
        self.need = need
        self.key: bytes | None = None
        self._restoring: bytes | None = None  # a key given back, waiting for a new passphrase
        self.explanation = _text_label("")
        self.explanation.setObjectName("explanation")
        self.passphrase = _password_field("passphrase")
        self.repeat = _password_field("repeat")
        self.recovery = QLineEdit()
        self.recovery.setObjectName("recoveryKey")
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.recovery.setFont(QFont("monospace"))
        self.key_file_button = QPushButton(self.tr("Open a key file…"))
        self.key_file_button.setObjectName("keyFileButton")
        self.key_file_button.clicked.connect(self.open_key_file)
        self.use_recovery_button = QPushButton(self.tr("Use the recovery key instead"))
        self.use_recovery_button.setObjectName("useRecovery")
        self.use_recovery_button.clicked.connect(lambda: self.show_mode("recovery"))
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Passphrase"), self.passphrase)
        self.form.addRow(self.tr("The same again"), self.repeat)
        self.form.addRow(self.tr("Recovery key"), self.recovery)
        others = QHBoxLayout()
        others.addWidget(self.use_recovery_button)
        others.addWidget(self.key_file_button)
        others.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        dialog_help(self, self.buttons)
        self.buttons.accepted.connect(self.try_key)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(self.form)
        layout.addLayout(others)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        asked = need.reason if need.reason in ("passphrase", "new_passphrase") else "recovery"
        self.show_mode(asked)
        if need.wrong:
            self.error.setText(self.tr("That passphrase does not open the data file."))

    def show_mode(self, mode: str) -> None:
        self.mode = mode
        rows = {
            "passphrase": (self.passphrase,),
            "new_passphrase": (self.passphrase, self.repeat),
            "recovery": (self.recovery,),
        }[mode]
        for field in (self.passphrase, self.repeat, self.recovery):
            self.form.setRowVisible(field, field in rows)
        self.use_recovery_button.setVisible(mode == "passphrase")
        self.key_file_button.setVisible(mode == "recovery")
        self.explanation.setText(self._explanation(mode))
        self.error.clear()
        rows[0].setFocus()

    def _explanation(self, mode: str) -> str:
        folder = str(self.paths.data_dir)
        if mode == "passphrase":
            return self.tr(
                "This computer has no keychain, so the key of ShipDesk's data (%1) is protected "
                "with the passphrase you chose. Type it to open your orders."
            ).replace("%1", folder)
        if mode == "new_passphrase":
            return self.tr(
                "ShipDesk encrypts its data (your buyers' names and addresses among it) with a key "
                "it normally keeps in the system keychain, but this computer has none. Choose a "
                "passphrase to protect the key instead: ShipDesk asks for it at every start. "
                "Keep it safe: without it or the recovery key, nobody can open the data."
            )
        lead = {
            "key_changed": self.tr(
                "The key in the system keychain is not the one ShipDesk's data was encrypted "
                "with: it was changed outside ShipDesk."
            ),
            "passphrase": "",
        }.get(
            self.need.reason,
            self.tr(
                "ShipDesk cannot find the key of its data in %1 (a new computer, a reinstalled "
                "system, or a keychain that was reset)."
            ).replace("%1", folder),
        )
        return (
            lead
            + " "
            + self.tr(
                "Nothing was changed or lost. Type the recovery key ShipDesk showed when it was "
                "set up (14 groups of 4 letters and digits), or open a key file you exported."
            )
        ).strip()

    def _fail(self, text: str) -> None:
        self.error.setText(text)

    def try_key(self) -> None:
        self.error.clear()
        try:
            with _busy():
                self._try_key()
        except keys.KeyNeeded as exc:
            if exc.reason == "new_passphrase":  # the key fits; no keychain to keep it in
                self.need = exc
                self.show_mode("new_passphrase")
                return
            self.need = exc
            self.show_mode("passphrase" if exc.reason == "passphrase" else "recovery")
            if exc.wrong:
                self._fail(self.tr("That passphrase does not open the data file."))
            return
        except keys.KeyFileRefused as exc:
            self._fail(self._refused_text(exc))
            return
        except keys.ConversionFailed as exc:
            self._fail(str(exc))
            return
        if self.key is not None:
            self.accept()

    def _try_key(self) -> None:
        if self.mode == "recovery":
            try:
                key = keys.key_from_recovery(self.recovery.text())
            except keys.KeyFileRefused:
                self._fail(
                    self.tr(
                        "That is not a ShipDesk recovery key, or it was mistyped: it has 14 "
                        "groups of 4 letters and digits. Check each group against the printout."
                    )
                )
                return
            self._restoring = key
            self.key = keys.restore(self.paths, key)
            return
        passphrase = self.passphrase.text()
        if self.mode == "new_passphrase":
            if len(passphrase) < keys.MIN_PASSPHRASE:
                self._fail(
                    self.tr("Choose a passphrase of at least %1 characters.").replace(
                        "%1", str(keys.MIN_PASSPHRASE)
                    )
                )
                return
            if self.repeat.text() != passphrase:
                self._fail(self.tr("The two passphrases differ."))
                return
            if self._restoring is not None:
                self.key = keys.restore(self.paths, self._restoring, passphrase=passphrase)
                return
        self.key = keys.unlock(self.paths, passphrase=passphrase)

    def _refused_text(self, exc: keys.KeyFileRefused) -> str:
        text = str(exc)
        if "does not open the data file" in text:
            return self.tr(
                "That key does not open this data file: it belongs to another data folder."
            )
        if "passphrase is not the one" in text:
            return self.tr("That passphrase does not open the key file.")
        return text

    def open_key_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a key file"), "", self.tr("ShipDesk key files (*.json)")
        )
        if name:
            self.read_key_file(name, self._ask_file_passphrase())

    def _ask_file_passphrase(self) -> str:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            self,
            self.tr("Key file"),
            self.tr("The passphrase the key file was protected with:"),
            QLineEdit.EchoMode.Password,
        )
        return text if ok else ""

    def read_key_file(self, name: str, passphrase: str) -> None:
        from pathlib import Path

        if not passphrase:
            return
        try:
            with _busy():
                key = keys.key_from_export(Path(name), passphrase)
        except keys.KeyFileRefused as exc:
            self._fail(self._refused_text(exc))
            return
        self.recovery.setText(keys.recovery_key(key))
        self.try_key()


class RecoveryKeyDialog(QDialog):
    """The recovery key, to print or keep in a password manager, and what losing it means.
    At setup the owner confirms having kept it before the dialog closes."""

    def __init__(
        self, paths: AppPaths, key: bytes, first_time: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Your recovery key"))
        self.setMinimumWidth(600)
        self.paths = paths
        self._key = key
        self.text = keys.recovery_key(key)
        intro = _text_label(
            self.tr(
                "ShipDesk encrypts your orders, your buyers' addresses and its backups with a key "
                "kept in this computer's keychain. If the keychain loses it (a new computer, a "
                "reinstalled system), this recovery key is the only way back into the data: "
                "without it, nobody can open it, ShipDesk support included. Print it or keep it "
                "in a password manager, away from this computer."
            )
        )
        shown = QLabel(self.text)
        shown.setObjectName("recoveryKey")
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        shown.setFont(font)
        shown.setStyleSheet("padding: 12px; border: 1px solid #888; background: palette(base);")
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text))
        print_button = QPushButton(self.tr("Print…"))
        print_button.clicked.connect(self.print_key)
        export = QPushButton(self.tr("Save a protected key file…"))
        export.setObjectName("exportKey")
        export.clicked.connect(self.export_key)
        actions = QHBoxLayout()
        for button in (copy, print_button, export):
            actions.addWidget(button)
        actions.addStretch(1)
        self.kept = QCheckBox(self.tr("I have printed the recovery key or stored it safely"))
        self.kept.setObjectName("kept")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        dialog_help(self, self.buttons)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if first_time:
            close.setEnabled(False)
            self.kept.toggled.connect(close.setEnabled)
        else:
            self.kept.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(shown)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        # Closed before the owner confirmed keeping it (Escape, quitting, a logout): it never
        # holds up the app, and it comes back at the next start instead.
        if self.kept.isHidden() or self.kept.isChecked():
            keys.mark_recovery_shown(self.paths)
        super().reject()

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setPlainText(
            self.tr("ShipDesk recovery key for %1").replace("%1", str(self.paths.data_dir))
            + "\n\n"
            + self.text
        )
        document.print_(printer)

    def export_key(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a protected key file"),
            "shipdesk-key.json",
            self.tr("ShipDesk key files (*.json)"),
        )
        if not name:
            return
        dialog = NewPassphraseDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_key_file(name, dialog.passphrase.text())

    def save_key_file(self, name: str, passphrase: str) -> None:
        from pathlib import Path

        try:
            with _busy():
                keys.export_key(self._key, Path(name), passphrase)
        except (keys.KeyFileRefused, OSError) as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(str(exc))
            return
        self.message.setStyleSheet("")
        self.message.setText(
            self.tr(
                "Saved in %1. Keep it away from this computer; it opens the data only with its "
                "passphrase."
            ).replace("%1", name)
        )


class NewPassphraseDialog(QDialog):
    """A passphrase chosen twice, at least MIN_PASSPHRASE characters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a passphrase"))
        self.passphrase = _password_field("passphrase")
        self.repeat = _password_field("repeat")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("The same again"), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        dialog_help(self, buttons)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def check(self) -> None:
        if len(self.passphrase.text()) < keys.MIN_PASSPHRASE:
            self.error.setText(
                self.tr("Choose a passphrase of at least %1 characters.").replace(
                    "%1", str(keys.MIN_PASSPHRASE)
                )
            )
        elif self.repeat.text() != self.passphrase.text():
            self.error.setText(self.tr("The two passphrases differ."))
        else:
            self.accept()
