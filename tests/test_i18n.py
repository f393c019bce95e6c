"""Dutch and English: every text in the code has its Dutch translation, and the whole app (every
tab, state and dialog of the screenshot tour, plus a first start) shows no untranslated text,
Qt's own buttons and dialogs included."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from shipdesk.paths import resolve_paths
from shipdesk.services import diagnostics
from shipdesk.services.context import open_context
from shipdesk.ui import i18n, texts
from shipdesk.ui.main_window import MainWindow
from tests.conftest import REPO
from tests.support.visible_text import visible_texts
from tools.screenshots import run_tour

TS = REPO / "resources" / "i18n" / "shipdesk_nl.ts"
BIN = Path(shutil.which("pyside6-lupdate") or REPO / ".venv" / "bin" / "pyside6-lupdate").parent
LUPDATE_OPTIONS = ("-no-obsolete", "-locations", "none")  # as `make lupdate`
PLACEHOLDER = re.compile(r"%\d")
# Texts that read the same in both languages: names, and words Dutch borrowed from English.
SAME_IN_BOTH = {
    "ShipDesk",
    "Amazon",
    "DHL Parcel NL",
    "GLS NL",
    "Seller Central",
    "Nederlands",
    "English",
}


# Common English words that Dutch does not use: a text holding one is English.
ENGLISH_WORDS = set(
    re.findall(
        r"\w+",
        """the and to of for with not your you this are was from by at or can will please click
    choose select order orders print save cancel close delete edit new add remove connect
    connected disconnect error failed done next back start finish ready shipped address street
    number name yes no open file settings language about quit retry today tomorrow week day
    days hours minutes ago never always only between none all any more less than""",
    )
)


# Qt's own widget file dialog (only where the OS has none of its own, as on this Linux CI;
# Windows and macOS show theirs) keeps these two labels in English with Qt 6.11's qtbase_nl.
QT_FILE_DIALOG_GAPS = {"Files of type:", "Look in:"}
FILE_PATH = re.compile(r"^(/|~|[A-Za-z]:\\)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    finished: bool
    numerus: bool = False  # plural forms, joined by " | "


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    " | ".join(forms) if forms else translation.text or "",
                    translation.get("type") not in ("unfinished", "vanished", "obsolete"),
                    message.get("numerus") == "yes",
                )
            )
    return messages


def test_every_text_in_the_code_has_a_finished_dutch_translation(tmp_path) -> None:
    """lupdate run over today's code finds nothing that the committed .ts file lacks."""
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (REPO / "shipdesk" / "ui").glob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, *LUPDATE_OPTIONS, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    committed = {(m.context, m.source) for m in read_ts(TS)}
    current = read_ts(fresh)
    assert {(m.context, m.source) for m in current} == committed, "run `make lupdate`"
    unfinished = [m.source for m in current if not m.finished or not m.translation.strip()]
    assert unfinished == []
    for message in current:
        forms = message.translation.split(" | ") if message.numerus else [message.translation]
        for form in forms:  # each plural form on its own
            assert sorted(PLACEHOLDER.findall(message.source)) == sorted(
                PLACEHOLDER.findall(form)
            ), message.source
        if "&" in message.source.replace("&&", "") and "<" not in message.source:
            assert "&" in message.translation, f"mnemonic lost: {message.source}"


def report(found: list[tuple[str, str]]) -> str:
    return f"{len(found)} texts:\n" + "\n".join(f"  {scene}: {text!r}" for scene, text in found)


def english_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each English source whose Dutch differs, as a pattern over a whole line (placeholders
    match anything)."""
    patterns = []
    for message in read_ts(TS):
        source = message.source.replace("&", "")
        if message.translation.replace("&", "") == source or source in SAME_IN_BOTH:
            continue
        for line in source.splitlines():
            words = re.sub(r"<[^>]+>", "", line).strip()
            if len(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", words))) == 0:
                continue  # "%1 (%2)" and the like say nothing in any language
            pieces = [re.escape(piece) for piece in PLACEHOLDER.split(words)]
            patterns.append((line, re.compile(".*".join(pieces))))
    return patterns


Scenes = dict[str, set[str]]


def first_run(language: str, folder: Path) -> Scenes:
    """A first start without accounts: the guide, the empty states, each tab."""
    scenes: Scenes = {}
    translators = i18n.install(language)
    try:
        window = MainWindow(open_context(resolve_paths(folder)))
        window.show()
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            scenes[f"first-run-{index}"] = visible_texts(window)
        window.close()
        window.deleteLater()
    finally:
        i18n.uninstall(translators)
    return scenes


def screenshot_tour(language: str) -> Scenes:
    scenes: Scenes = {}

    def read(name: str, widget: QWidget, _picture: bool) -> None:
        scenes[name] = visible_texts(widget)

    run_tour(language, read)
    return scenes


@pytest.fixture(scope="module")
def tours(qapp, tmp_path_factory) -> dict[str, Scenes]:
    """What the app shows in each language: the screenshot tour and a first start."""
    return {
        language: screenshot_tour(language)
        | first_run(language, tmp_path_factory.mktemp(f"first-run-{language}"))
        for language in i18n.LANGUAGES
    }


def test_the_dutch_app_shows_no_english_text(tours) -> None:
    patterns = english_patterns()
    assert len(patterns) > 250  # the whole .ts file is read
    untranslated = sorted(
        (scene, text)
        for scene, texts in tours["nl"].items()
        for text in texts
        for source, pattern in patterns
        if pattern.fullmatch(text)
    )
    assert not untranslated, report(untranslated)


def test_texts_the_same_in_both_languages_are_names_or_data(tours) -> None:
    """What no tr() passed through shows up unchanged in Dutch: catch it when it reads as
    English (names, addresses, versions and licences are the same in both, and fine)."""
    kept = {m.translation for m in read_ts(TS) if m.translation == m.source}  # "Status:", "Help"
    kept |= {part for c in diagnostics.components() for part in (c.name, c.license)}  # About
    kept |= QT_FILE_DIALOG_GAPS
    same = {
        (scene, text)
        for scene, texts in tours["nl"].items()
        for text in texts & tours["en"].get(scene, set())
        if text not in kept
        and not FILE_PATH.match(text)  # the file dialog's folders
        and ENGLISH_WORDS & set(re.findall(r"[^\W\d_]+", text.lower()))  # "Käthe": no "the"
    }
    assert not same, report(sorted(same))


def test_the_english_app_shows_no_dutch_text(tours) -> None:
    dutch = {
        m.translation.replace("&", "")
        for m in read_ts(TS)
        if m.translation.replace("&", "") != m.source.replace("&", "")
    }
    found = sorted(
        (scene, text) for scene, texts in tours["en"].items() for text in texts if text in dutch
    )
    assert not found, report(found)


def test_qts_own_buttons_and_dialogs_speak_dutch(tours) -> None:
    nl, en = tours["nl"], tours["en"]
    assert {"Opslaan", "Annuleren"} <= nl["printer-dialog"]
    assert {"Save", "Cancel"} <= en["printer-dialog"]
    assert "Sluiten" in nl["about-dialog"] and "Close" in en["about-dialog"]
    assert {"Ontkoppelen", "Annuleren"} <= nl["disconnect-question"]
    assert {"Bestandsnaam:", "Opslaan", "Annuleren"} <= nl["export-file-dialog"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "does not deliver to Switzerland (CH)"), ("nl", "niet naar Zwitserland (CH)")],
)
def test_an_unserved_destination_is_named_in_the_apps_language(qapp, language, expected) -> None:
    """The draft's warning names the country in words, with the code the label will carry."""
    translators = i18n.install(language)
    try:
        text = texts.notice_text("destination_not_served", detail="CH")
    finally:
        i18n.uninstall(translators)
    assert expected in text
    assert texts.notice_text("destination_not_served", detail="XK").count("XK") == 1


def test_counts_read_right_in_both_languages(qapp) -> None:
    """Qt's plural forms: "1 label created", "2 labels created", never "1 labels"."""
    from shipdesk.ui.orders_tab import OrdersTab

    english = read_ts(TS.with_name("shipdesk_en.ts"))
    dutch = {m.source: m for m in read_ts(TS)}
    assert english and all(m.finished and m.numerus for m in english)
    assert {m.source for m in english} == {s for s, m in dutch.items() if m.numerus}
    for language, one, two in (
        ("en", "1 label created.", "2 labels created."),
        ("nl", "1 label gemaakt.", "2 labels gemaakt."),
    ):
        translators = i18n.install(language)
        try:
            said = [
                QCoreApplication.translate("OrdersTab", "%Ln label(s) created.", "", n)
                for n in (1, 2)
            ]
        finally:
            i18n.uninstall(translators)
        assert said == [one, two], language
    assert OrdersTab  # the context the texts live in


def test_the_test_label_names_its_size_in_the_apps_language(qapp, tmp_path) -> None:
    from shipdesk.paths import resolve_paths
    from shipdesk.services import printing
    from shipdesk.services.jobs import JobRunner
    from shipdesk.ui.printer_dialog import PrinterDialog

    translators = i18n.install("nl")
    try:
        runner = JobRunner()
        dialog = PrinterDialog(open_context(resolve_paths(tmp_path / "data")), runner)
        words = dialog.test_words(printing.PrintSettings(label_size="label_10x21"))
        # ZPL test labels are drawn for the Zebra roll, whatever PDF size is chosen.
        zpl = printing.PrintSettings(label_size="label_10x21", label_format="zpl")
        zpl_words = dialog.test_words(zpl)
        dialog.deleteLater()
    finally:
        i18n.uninstall(translators)
    assert words.size == "DHL-label, 10 × 21 cm: %2 x %3 mm"
    assert zpl_words.size == "4 × 6 inch: %2 x %3 mm"
    assert words.title != "ShipDesk test label"
