"""The data file's key in the window: a passphrase where there is no keychain, the recovery key
shown once at setup, and the key given back after the keychain lost it."""

from __future__ import annotations

import argparse
from pathlib import Path

import keyring
import keyring.backends.fail
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from shipdesk.keychain import MemoryKeyring
from shipdesk.paths import resolve_paths
from shipdesk.services import database_key
from shipdesk.services.context import open_context
from shipdesk.ui.key_dialogs import RecoveryKeyDialog, UnlockDialog


def need_of(paths) -> database_key.KeyNeeded:
    try:
        database_key.unlock(paths)
    except database_key.KeyNeeded as exc:
        return exc
    raise AssertionError("the key was found without the owner")


def press_ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_recovery_key_gives_the_key_back_after_the_keychain_lost_it(qtbot, tmp_path) -> None:
    paths = resolve_paths(tmp_path / "data")
    key = open_context(paths).key
    keyring.set_keyring(MemoryKeyring())  # a reinstalled system: an empty keychain
    dialog = UnlockDialog(paths, need_of(paths))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.recovery.isVisible() and not dialog.passphrase.isVisible()
    assert "cannot find the key" in dialog.explanation.text()
    assert "Nothing was changed or lost" in dialog.explanation.text()
    dialog.recovery.setText("ABCD-EFGH")
    press_ok(dialog)
    assert "mistyped" in dialog.error.text() and dialog.key is None
    dialog.recovery.setText(database_key.recovery_key(key).lower().replace("-", " "))
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.key == key
    assert database_key.unlock(paths) == key  # kept in the keychain again


def test_a_key_file_and_its_passphrase_give_the_key_back(qtbot, tmp_path) -> None:
    paths = resolve_paths(tmp_path / "data")
    key = open_context(paths).key
    exported = database_key.export_key(key, tmp_path / "key.json", "a passphrase of mine")
    keyring.set_keyring(MemoryKeyring())
    dialog = UnlockDialog(paths, need_of(paths))
    qtbot.addWidget(dialog)
    dialog.read_key_file(str(exported), "not my passphrase")
    assert "does not open the key file" in dialog.error.text()
    dialog.read_key_file(str(exported), "a passphrase of mine")
    assert dialog.key == key


def test_without_a_keychain_a_passphrase_is_chosen_then_asked_for(qtbot, tmp_path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    paths = resolve_paths(tmp_path / "data")
    need = need_of(paths)
    assert need.reason == "new_passphrase"
    dialog = UnlockDialog(paths, need)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.repeat.isVisible() and "has none" in dialog.explanation.text()
    dialog.passphrase.setText("short")
    dialog.repeat.setText("short")
    press_ok(dialog)
    assert "at least 10 characters" in dialog.error.text()
    dialog.passphrase.setText("the shop's passphrase")
    dialog.repeat.setText("the shops passphrase")
    press_ok(dialog)
    assert "differ" in dialog.error.text() and dialog.key is None
    dialog.repeat.setText("the shop's passphrase")
    press_ok(dialog)
    key = dialog.key
    assert key is not None and open_context(paths, database_key=key).key == key

    again = UnlockDialog(paths, need_of(paths))  # the next start
    qtbot.addWidget(again)
    again.show()
    assert again.mode == "passphrase" and not again.repeat.isVisible()
    again.passphrase.setText("the wrong one")
    press_ok(again)
    assert "does not open the data file" in again.error.text() and again.key is None
    again.passphrase.setText("the shop's passphrase")
    press_ok(again)
    assert again.key == key


def test_the_recovery_key_is_shown_once_and_kept_before_it_closes(qtbot, tmp_path) -> None:
    paths = resolve_paths(tmp_path / "data")
    ctx = open_context(paths)
    assert database_key.recovery_pending(paths)
    dialog = RecoveryKeyDialog(paths, ctx.key, first_time=True)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = dialog.findChild(type(dialog.message), "recoveryKey")
    assert shown.text() == database_key.recovery_key(ctx.key)
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert not close.isEnabled()
    dialog.save_key_file(str(tmp_path / "key.json"), "too short")
    assert "at least 10" in dialog.message.text()
    dialog.save_key_file(str(tmp_path / "key.json"), "long enough phrase")
    assert "Saved in" in dialog.message.text()
    assert database_key.key_from_export(tmp_path / "key.json", "long enough phrase") == ctx.key
    dialog.kept.setChecked(True)
    close.click()
    assert not dialog.isVisible() and not database_key.recovery_pending(paths)


def test_the_recovery_key_closed_unconfirmed_comes_back_at_the_next_start(qtbot, tmp_path) -> None:
    """Escape, quitting or a logout never wait for the owner: the key is shown again."""
    paths = resolve_paths(tmp_path / "data")
    ctx = open_context(paths)
    dialog = RecoveryKeyDialog(paths, ctx.key, first_time=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.close()
    assert not dialog.isVisible() and database_key.recovery_pending(paths)


def test_the_window_does_not_open_without_the_key_and_changes_nothing(
    qtbot, tmp_path: Path, own_logging
) -> None:
    from shipdesk.ui.app import run_gui

    paths = resolve_paths(tmp_path / "data")
    open_context(paths)
    before = paths.database.read_bytes()
    keyring.set_keyring(MemoryKeyring())
    asked: list[str] = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            QTimer.singleShot(10, cancel)
            return
        asked.append(dialog.explanation.text())
        dialog.reject()

    QTimer.singleShot(0, cancel)
    args = argparse.Namespace(data_dir=str(paths.data_dir), demo=False, verbose=False, lang="nl")
    assert run_gui(args) == 1
    assert asked and "herstelsleutel" in asked[0]  # in the owner's language
    assert paths.database.read_bytes() == before


def test_about_opens_the_privacy_page_in_the_apps_language(qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import QPushButton

    from shipdesk.ui import i18n
    from shipdesk.ui.about_dialog import AboutDialog

    ctx = open_context(resolve_paths(tmp_path / "data"))
    about = AboutDialog(ctx)
    qtbot.addWidget(about)
    names = {about.table.item(row, 0).text() for row in range(about.table.rowCount())}
    assert {"OpenSSL", "sqlcipher3"} <= names and any(n.startswith("SQLCipher") for n in names)
    about.findChild(QPushButton, "privacyButton").click()
    page = about.privacy.browser.toPlainText()
    assert "30 days after delivery" in page and "recovery key" in page and "Nederlands" not in page
    translators = i18n.install("nl")
    try:
        about.show_privacy()
        dutch = about.privacy.browser.toPlainText()
    finally:
        i18n.uninstall(translators)
    assert "30 dagen na bezorging" in dutch and "herstelsleutel" in dutch
    assert "recovery key" not in dutch
    # The grace the owner can see and change (setting privacy.grace_days, 14 days at first).
    from shipdesk.services import privacy

    grace = about.privacy.grace
    assert grace.value() == privacy.grace_days(ctx) == 14
    grace.setValue(21)
    assert privacy.grace_days(ctx) == 21


def test_a_keychain_that_refuses_changes_nothing_and_the_recovery_key_moves_to_a_passphrase(
    qtbot, tmp_path
) -> None:
    """The keychain is gone (or refuses) after setup: nothing is rewritten or written plain;
    the recovery key opens the data, and with no keychain to keep it the owner chooses a
    passphrase for it."""
    paths = resolve_paths(tmp_path / "data")
    key = open_context(paths).key
    before = paths.database.read_bytes()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    need = need_of(paths)
    assert need.reason == "recovery" and "keychain" in need.detail
    assert paths.database.read_bytes() == before
    dialog = UnlockDialog(paths, need)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.recovery.setText(database_key.recovery_key(key))
    press_ok(dialog)
    assert dialog.key is None and dialog.mode == "new_passphrase"  # no keychain to keep it in
    dialog.passphrase.setText("passphrase for the key")
    dialog.repeat.setText("passphrase for the key")
    press_ok(dialog)
    assert dialog.key == key
    assert database_key.read_record(paths).kept == "passphrase"
    assert database_key.unlock(paths, passphrase="passphrase for the key") == key
    assert paths.database.read_bytes()[:16] == before[:16]  # the same file, never rewritten
