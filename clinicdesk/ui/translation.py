"""Loading the window's translations: ClinicDesk's own and Qt's (确定/取消 in dialogs)."""

from __future__ import annotations

import re

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from clinicdesk.resources import translations_dir


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install the translators for `language` ("zh_CN" or "en"); returns those loaded.

    English is the source language of the window's strings: its file holds only the
    plural forms ("1 patient found", "2 patients found").
    """
    loaded = []
    names = [(f"clinicdesk_{language}", str(translations_dir()))]
    if language != "en":
        QLocale.setDefault(QLocale(language))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        names.append((f"qtbase_{language}", qt_dir))
    for name, folder in names:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def fill(text: str, *values: object) -> str:
    """`text` (translated) with %1, %2… replaced by `values` in one pass, as Qt's
    QString::arg() does: a value that itself holds "%2" (a folder name) is left as it is."""
    return re.sub(r"%(\d)", lambda m: _value(values, int(m.group(1)), m.group(0)), text)


def _value(values: tuple[object, ...], number: int, placeholder: str) -> str:
    return str(values[number - 1]) if 0 < number <= len(values) else placeholder
