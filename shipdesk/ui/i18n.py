"""The app's language: Dutch or English, following the system unless the owner chose one.

ShipDesk's own texts come from resources/i18n/shipdesk_<lang>.qm (built from the .ts files by
the build); Qt's own dialogs and buttons from Qt's qtbase_<lang>.qm. English, the language of the
code, loads only its plural forms ("1 label", "2 labels").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from shipdesk.resources import resource

LANGUAGES = ("nl", "en")
SOURCE_LANGUAGE = "en"  # the texts in the code are English
LOCALES = {
    "nl": QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def system_language() -> str:
    return "nl" if QLocale.system().language() == QLocale.Language.Dutch else "en"


def current_language() -> str:
    """The language the window speaks now ("nl" or "en"), as `install` set it."""
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


def window_settings(data_dir: Path) -> QSettings:
    """window.ini in the data folder: per-computer view choices (language, geometry, columns)."""
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


def chosen_language(data_dir: Path) -> str:
    """'system', 'nl' or 'en', as chosen in Settings → Language."""
    value = str(window_settings(data_dir).value("language", "system"))
    return value if value in ("system", *LANGUAGES) else "system"


def set_chosen_language(data_dir: Path, value: str) -> None:
    window_settings(data_dir).setValue("language", value)


def effective_language(data_dir: Path, override: str | None = None) -> str:
    choice = override or chosen_language(data_dir)
    return system_language() if choice == "system" else choice


def qt_translations_dir() -> Path:
    bundled = resource("i18n/qt")
    if bundled.exists():
        return bundled
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install(language: str) -> list[QTranslator]:
    """Load the translators for `language` into the running application."""
    app = QCoreApplication.instance()
    QLocale.setDefault(LOCALES.get(language, LOCALES["en"]))
    installed: list[QTranslator] = []
    if app is None:
        return installed
    catalogues = [(f"shipdesk_{language}", resource("i18n"))]
    if language != SOURCE_LANGUAGE:
        catalogues.append((f"qtbase_{language}", qt_translations_dir()))
    for name, folder in catalogues:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def uninstall(translators: list[QTranslator]) -> None:
    app = QCoreApplication.instance()
    for translator in translators:
        if app is not None:
            app.removeTranslator(translator)
    QLocale.setDefault(LOCALES["en"])
