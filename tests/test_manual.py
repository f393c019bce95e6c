"""The owner's manual: written alike in both languages, every link from the app lands on a
section, every message the window words has its section, and Help → Manual shows it offline
in the window's language, at the part the owner asked about."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QGroupBox, QMessageBox

from shipdesk.carriers import registry
from shipdesk.ui import help_links, i18n, manual_window
from shipdesk.ui.manual_window import ManualWindow, open_manual
from shipdesk.ui.widgets import HelpLink
from tests.conftest import REPO, make_context
from tests.support.windows import open_window
from tools import build_manual

UI = REPO / "shipdesk" / "ui"
MAX_BUNDLED_BYTES = 5_000_000  # what the manual may add to the installer


@pytest.fixture(scope="module")
def manual() -> Path:
    """The built manual the app reads (`make test` builds it first; built here if stale)."""
    if not build_manual.up_to_date():
        build_manual.build()
    return build_manual.OUT


def sections(language: str) -> set[str]:
    return set(build_manual.read_language(language).ids)


# -- the sources --


def test_each_language_builds_and_has_the_same_chapters_and_sections() -> None:
    english, dutch = (build_manual.read_language(code) for code in ("en", "nl"))
    assert build_manual.problems(english) == []
    assert build_manual.problems(dutch) == []
    assert [p.name for p in english.chapters] == [p.name for p in dutch.chapters]
    only_english = set(english.ids) - set(dutch.ids)
    only_dutch = set(dutch.ids) - set(english.ids)
    assert not only_english and not only_dutch, (only_english, only_dutch)
    # The chapters' own order and nesting are the same too (the contents read alike).
    assert [(h.level, h.id) for h in english.headings] == [(h.level, h.id) for h in dutch.headings]


def test_the_screenshots_it_shows_exist_in_its_own_language() -> None:
    for code in ("en", "nl"):
        folder = (REPO / "docs" / "screenshots" / code).resolve()
        pictures = build_manual.read_language(code).images
        assert pictures, f"the {code} manual shows no screenshots"
        for picture, where in pictures:
            assert picture.is_file(), f"{where}: {picture} is missing"
            assert picture.parent == folder, f"{where}: not a {code} screenshot of the tour"


def test_the_build_refuses_what_the_app_could_not_link_into(tmp_path) -> None:
    for code in ("en", "nl"):
        (tmp_path / code).mkdir()
        (tmp_path / code / "01-a.md").write_text(
            "# Start {#start}\n\n## No id here\n\nSee [there](#nowhere).\n\n"
            '![gone](../../screenshots/en/no-such-shot.png "with a title")\n\n'
            "Underlined\n----------\n\n## Contents {#contents}\n",
            encoding="utf-8",
        )
    with pytest.raises(build_manual.ManualError) as refused:
        build_manual.build(tmp_path / "out", tmp_path)
    message = str(refused.value)
    assert "heading “No id here” has no {#id}" in message
    assert "the link to #nowhere goes to no heading" in message
    assert "no-such-shot.png does not exist" in message
    assert "heading “Underlined” has no {#id}" in message
    assert "the id #contents is the page's own" in message
    assert not (tmp_path / "out").exists()


# -- the app's links --


def test_every_link_from_the_app_lands_on_a_section_in_both_languages() -> None:
    wanted = {
        *help_links.SCREENS.values(),
        *help_links.SETTINGS.values(),
        *(help_links.settings_section(f"carrier_{key}") for key in registry.CARRIERS),
        *(s for family in help_links.TROUBLESHOOTING.values() for s in family.values()),
        help_links.TROUBLESHOOTING_CHAPTER,  # where a message without its own section goes
    }
    for code in ("en", "nl"):
        missing = wanted - sections(code)
        assert not missing, f"the {code} manual has no section {sorted(missing)}"


def _codes_worded_by(path: Path) -> dict[str, set[str]]:
    """Per function of a wording module: the codes it words (its dict keys, and the strings
    it compares a code or reason with)."""
    found: dict[str, set[str]] = {}
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(function, ast.FunctionDef):
            continue
        codes = set()
        for node in ast.walk(function):
            if isinstance(node, ast.Dict):
                codes |= {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name | ast.Attribute):
                codes |= {c.value for c in node.comparators if isinstance(c, ast.Constant)}
        strings = {c for c in codes if isinstance(c, str)}
        if strings:
            found[function.name] = strings
    return found


def test_every_message_the_window_words_has_its_section() -> None:
    worded = _codes_worded_by(UI / "texts.py")
    # Every *_text of ui/texts.py words messages; of its *_name functions, the states.
    families = {name for name in worded if name.endswith("_text")} | {
        "label_state_name",
        "upload_state_name",
        "delivery_status_name",
    }
    worded["todo"] = _codes_worded_by(UI / "alert_texts.py")["todo"]
    worded["outcome_text"] = _codes_worded_by(UI / "scan_bar.py")["outcome_text"]
    families |= {"todo", "outcome_text"}
    assert families == set(help_links.TROUBLESHOOTING), "a family is new or gone"
    for family in families:
        mapped = set(help_links.TROUBLESHOOTING[family])
        assert worded[family] - mapped == set(), f"{family}: codes without a section"
        assert mapped - worded[family] == set(), f"{family}: sections for codes never worded"


def test_every_printing_problem_the_layers_raise_is_worded_and_explained() -> None:
    raised = set()
    for path in (REPO / "shipdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "PrintError"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                raised.add(node.args[0].value)
    assert raised  # the walk found them
    assert raised - set(help_links.TROUBLESHOOTING["print_error_text"]) == set()


def test_every_dialog_and_tab_has_its_section_and_every_dialog_a_help_button() -> None:
    screens = {}
    for module_path in sorted(UI.glob("*.py")):
        module = __import__(f"shipdesk.ui.{module_path.stem}", fromlist=["_"])
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            if issubclass(cls, QDialog) or name.endswith("Tab"):
                screens[name] = cls
    assert set(screens) - set(help_links.SCREENS) == set()
    for name, cls in screens.items():
        if issubclass(cls, QDialog):
            assert "dialog_help(self" in inspect.getsource(cls), f"{name} has no Help button"


# -- Help → Manual --


def test_help_manual_opens_at_the_tab_in_front_in_english(qtbot, manual, tmp_path, sandbox):
    window = open_window(qtbot, make_context(tmp_path / "data", sandbox))
    window.tabs.setCurrentWidget(window.shipping_options)
    window.manual_action.trigger()
    shown = manual_window.current()
    assert shown is not None and shown.isVisible()
    assert shown.parent() is None  # a window of its own beside the main window
    assert shown.language == "en"
    assert shown.page == manual / "en" / "index.html"
    assert shown.current_section() == "shipping-options"
    assert shown.browser.verticalScrollBar().value() > 0  # scrolled down to it
    chapters = [shown.contents.topLevelItem(i) for i in range(shown.contents.topLevelItemCount())]
    assert [c.data(0, Qt.ItemDataRole.UserRole) for c in chapters][:2] == [
        "getting-started",
        "connections",
    ]
    assert shown.contents.currentItem().data(0, Qt.ItemDataRole.UserRole) == "shipping-options"
    # Chosen in its contents, the manual goes there; Back returns.
    item = shown.items["connect-gls"]
    shown.contents.itemClicked.emit(item, 0)
    assert shown.current_section() == "connect-gls"
    shown.back_action.trigger()
    assert shown.current_section() == "shipping-options"
    # Asked again (F1 on another tab), the same window goes to the new place.
    window.tabs.setCurrentWidget(window.orders)
    assert window.show_manual() is shown
    assert shown.current_section() == "orders"
    window.close()  # the manual goes with the main window
    assert manual_window.current() is None


def test_the_manual_is_dutch_in_a_dutch_window(qtbot, manual) -> None:
    translators = i18n.install("nl")
    try:
        shown = open_manual(None, "connect-gls")
        qtbot.addWidget(shown)
        assert shown.language == "nl"
        assert shown.page == manual / "nl" / "index.html"
        assert shown.windowTitle() == "Handleiding ShipDesk"
        assert shown.current_section() == "connect-gls"
        assert "Handleiding ShipDesk" in shown.browser.toPlainText()
    finally:
        i18n.uninstall(translators)
    shown.close()


def test_pictures_show_offline_and_the_manual_finds_words_and_saves_a_pdf(
    qtbot, manual, tmp_path
) -> None:
    shown = open_manual(None, "orders")
    qtbot.addWidget(shown)
    document = shown.browser.document()
    picture = document.resource(document.ResourceType.ImageResource, "images/orders-tab.png")
    assert picture is not None and not picture.isNull()  # loaded from the bundled file
    shown.find_field.setText("Seller Central")
    assert shown.find_next()
    assert shown.browser.textCursor().selectedText() == "Seller Central"
    shown.find_field.setText("no such words in any manual")
    where = shown.browser.verticalScrollBar().value()
    assert not shown.find_next()
    assert shown.find_result.text() == "Not found"
    assert shown.browser.verticalScrollBar().value() == where  # the page stays put
    target = tmp_path / "manual.pdf"
    assert shown.save_pdf(target)
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    assert pages > 10
    shown.close()


def test_a_settings_group_links_to_its_own_section(qtbot, manual, tmp_path, sandbox) -> None:
    window = open_window(qtbot, make_context(tmp_path / "data", sandbox))
    tab = window.shipping_options
    window.tabs.setCurrentWidget(tab)
    group = tab.findChild(QGroupBox, "setting4")
    link = next(c for c in group.findChildren(HelpLink))
    assert link.isVisible() and link.section == "setting-same-day"
    assert link.text().endswith("More about this</a>")
    # On the title line, at the right: it takes no room from the settings.
    assert link.y() == 0 and link.geometry().right() > group.width() - 40
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(8, link.height() // 2))
    shown = manual_window.current()
    assert shown is not None and shown.isVisible()
    assert shown.current_section() == "setting-same-day"
    # Every group the manual explains has its link, to a section that is there.
    for name in ("carrierSettings", *(f"setting{n}" for n in range(1, 7))):
        box = tab.findChild(QGroupBox, name)
        assert [c.section for c in box.findChildren(HelpLink)] == [help_links.SETTINGS[name]]
    shown.close()


def test_a_refused_login_says_what_to_do_and_links_to_it(qtbot, manual, tmp_path, sandbox):
    window = open_window(qtbot, make_context(tmp_path / "data", sandbox))
    card = window.connections.cards["gls"]
    window.tabs.setCurrentWidget(window.connections)
    card.fields["username"].setText("someone")
    card.fields["password"].setText("not the password")
    qtbot.mouseClick(card.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not card.busy and card.message_help.isVisible(), timeout=15_000)
    assert card.message_help.section == "trouble-carrier-login"
    assert card.message_help.text().endswith("What to do?</a>")
    card.message_help.linkActivated.emit("#trouble-carrier-login")
    shown = manual_window.current()
    assert shown.current_section() == "trouble-carrier-login"
    shown.close()


def test_a_dialog_help_button_opens_its_section_beside_it(qtbot, manual, tmp_path, sandbox):
    from shipdesk.ui.printer_dialog import PrinterDialog

    window = open_window(qtbot, make_context(tmp_path / "data", sandbox))
    dialog = PrinterDialog(window.ctx, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.open()  # window-modal: it blocks the main window, not the manual beside it
    buttons = dialog.findChild(QDialogButtonBox)
    help_button = buttons.button(QDialogButtonBox.StandardButton.Help)
    qtbot.mouseClick(help_button, Qt.MouseButton.LeftButton)
    shown = manual_window.current()
    assert shown is not None and shown.isVisible()
    assert shown.current_section() == "printers"
    assert dialog.isVisible()  # still there to finish
    typed_into_window(qtbot, shown, "Zebra")  # through Qt's own check of what a dialog blocks
    assert shown.find_field.text() == "Zebra"
    shown.close()
    dialog.reject()


def typed_into_window(qtbot, window, text: str) -> None:
    """Keys as the window system delivers them (QTest on the QWindow), which a modal dialog
    swallows for the windows it blocks."""
    window.activateWindow()
    window.find_field.setFocus()
    qtbot.waitUntil(lambda: window.find_field.hasFocus())
    for key in text:
        QTest.keyClick(window.windowHandle(), key)


def test_without_a_built_manual_the_window_says_so(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)  # a bundle without it
    shown = ManualWindow()
    qtbot.addWidget(shown)
    assert shown.page is None
    assert "The manual is not part of this installation" in shown.browser.toPlainText()
    assert not shown.pdf_action.isEnabled() and not shown.browser_action.isEnabled()
    shown.show_section("orders")  # asked for a section all the same: no error
    shown.close()


def test_the_built_manual_fits_the_bundle_budget(manual) -> None:
    size = build_manual.size_of(manual)
    assert 0 < size <= MAX_BUNDLED_BYTES, f"{size / 1e6:.1f} MB"
    for code in ("en", "nl"):
        for picture in (manual / code / "images").iterdir():
            assert picture.stat().st_size < 250_000, picture


def test_the_cannot_start_box_stays_with_the_manual_beside_it(qtbot, manual) -> None:
    from argparse import Namespace

    from shipdesk.ui.app import cannot_start

    seen: list[tuple[str, bool]] = []

    def answer(clicks: list[QMessageBox.StandardButton]) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(10, lambda: answer(clicks))
            return
        beside = box.findChild(ManualWindow)
        if beside is not None:
            seen.append((beside.current_section(), beside.isVisible()))
        box.button(clicks[0]).click()
        if clicks[1:]:
            QTimer.singleShot(10, lambda: answer(clicks[1:]))

    Help, Close = QMessageBox.StandardButton.Help, QMessageBox.StandardButton.Close
    QTimer.singleShot(0, lambda: answer([Help, Close]))
    assert cannot_start(Namespace(lang="en"), "disk_full", "/data", "No space left") == 1
    # After Help the box came back (its folder and advice still to read), the manual beside it.
    assert seen == [("trouble-data-folder", True)]


def test_a_help_link_leaves_the_scan_field_its_keys(qtbot, manual, tmp_path, sandbox) -> None:
    window = open_window(qtbot, make_context(tmp_path / "data", sandbox))
    window.tabs.setCurrentWidget(window.orders)
    bar = window.orders.scan_bar
    qtbot.waitUntil(lambda: bar.field.hasFocus())
    with qtbot.waitSignal(bar.done, timeout=30_000):
        qtbot.keyClicks(bar.field, "not-an-order")
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    link = bar.answer_help
    assert link.isVisible() and link.section == "scan-to-print"
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(8, link.height() // 2))
    assert manual_window.current().current_section() == "scan-to-print"
    assert window.focusWidget() is bar.field  # the next scan still lands in the field
    manual_window.current().close()


def test_open_in_browser_lands_on_the_section(qtbot, manual) -> None:
    opened: list[QUrl] = []

    class Browser(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url)

    browser = Browser()
    QDesktopServices.setUrlHandler("file", browser, "open")
    try:
        shown = open_manual(None, "connect-gls")
        qtbot.addWidget(shown)
        forward = shown.open_in_browser()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened] == [str(forward)]
    target = (manual / "en" / "index.html").as_uri() + "#connect-gls"
    assert f'url={target}"' in forward.read_text(encoding="utf-8")
    shown.close()
