"""Loading the window's translations: ClinicDesk's own and Qt's (确定/取消 in dialogs)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from clinicdesk.resources import translations_dir


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install the translators for `language` ("zh_CN" or "en"); returns those loaded.

    English is the source language of the window's strings, so it needs none.
    """
    if language == "en":
        return []
    QLocale.setDefault(QLocale(language))
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        (f"clinicdesk_{language}", str(translations_dir())),
        (f"qtbase_{language}", qt_dir),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded
