"""Fonts with Chinese glyphs, so that names and labels never show as empty boxes."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from clinicdesk.resources import BUNDLED_FAMILY, CJK_FAMILIES, bundled_font


def load_bundled_font() -> bool:
    """Make the bundled Chinese font available to Qt (once); False if it cannot be read."""
    if BUNDLED_FAMILY in QFontDatabase.families():
        return True
    return QFontDatabase.addApplicationFont(str(bundled_font())) != -1


def installed_cjk_families() -> list[str]:
    """The CJK families of `CJK_FAMILIES` that this machine has, in preference order."""
    available = set(QFontDatabase.families())
    return [family for family in CJK_FAMILIES if family in available]


def apply_cjk_fonts(app: QApplication) -> list[str]:
    """Put the platform's UI font first, the system's CJK families after it and the
    bundled font last; returns the list."""
    font = QFont(app.font())
    bundled = [BUNDLED_FAMILY] if load_bundled_font() else []
    families = [font.family(), *installed_cjk_families(), *bundled]
    if len(families) == 1:
        logging.getLogger("clinicdesk").warning(
            "no font with Chinese glyphs: on Debian/Ubuntu install fonts-noto-cjk"
        )
    font.setFamilies(families)
    app.setFont(font)
    return families
