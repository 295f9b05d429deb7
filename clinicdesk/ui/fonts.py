"""Fonts with Chinese glyphs, so that names and labels never show as empty boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# Fonts with CJK glyphs present by default on Windows, macOS and common Linux desktops.
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)


def installed_cjk_families() -> list[str]:
    """The CJK families of `CJK_FAMILIES` that this machine has, in preference order."""
    available = set(QFontDatabase.families())
    return [family for family in CJK_FAMILIES if family in available]


def apply_cjk_fonts(app: QApplication) -> list[str]:
    """Put the platform's UI font first and the CJK families after it; returns the list."""
    font = QFont(app.font())
    families = [font.family(), *installed_cjk_families()]
    font.setFamilies(families)
    app.setFont(font)
    return families
