"""Fonts with Chinese glyphs for matplotlib, on Windows, macOS and Linux.

matplotlib falls back glyph by glyph only along ``font.family`` (a list), so the CJK
families that exist on each system go there, before DejaVu Sans for Latin text.
"""

from __future__ import annotations

from matplotlib import font_manager, rcParams

from clinicdesk.resources import BUNDLED_FAMILY, CJK_FAMILIES, bundled_font


def installed_cjk_families() -> list[str]:
    """The families of `CJK_FAMILIES` matplotlib can find here, in preference order."""
    available = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in CJK_FAMILIES if name in available]


def use_cjk_fonts() -> list[str]:
    """Make every later figure draw Chinese (the system's CJK fonts first, the bundled one
    as the fallback); returns the family list in use."""
    bundled = []
    if bundled_font().is_file():
        if BUNDLED_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
            font_manager.fontManager.addfont(str(bundled_font()))
        bundled = [BUNDLED_FAMILY]
    families = [*installed_cjk_families(), *bundled, "DejaVu Sans"]
    rcParams["font.family"] = families
    rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212
    return families
