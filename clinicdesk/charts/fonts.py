"""Fonts with Chinese glyphs for matplotlib, on Windows, macOS and Linux.

matplotlib falls back glyph by glyph only along ``font.family`` (a list), so the CJK
families that exist on each system go there, then the bundled font, then DejaVu Sans for
Latin text. matplotlib knows fonts only from its cache (``fontlist-*.json``), which does
not see a font installed after it was made; the bundled font is registered directly, so
charts never depend on that cache.
"""

from __future__ import annotations

from matplotlib import font_manager, rcParams

from clinicdesk.resources import BUNDLED_FAMILY, CJK_FAMILIES, bundled_font

_rescanned = False  # the system's font folders are searched at most once per process


def installed_cjk_families() -> list[str]:
    """The families of `CJK_FAMILIES` matplotlib can find here, in preference order.

    When its cached list has none, the system's font folders are searched once for files
    the cache does not know (a font installed after the cache was made).
    """
    found = _cjk_families_known()
    if not found and not _rescanned:
        _add_fonts_missing_from_cache()
        found = _cjk_families_known()
    return found


def _cjk_families_known() -> list[str]:
    available = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in CJK_FAMILIES if name in available]


def _add_fonts_missing_from_cache() -> None:
    global _rescanned
    _rescanned = True
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            _add_font(path)


def _add_font(path: str) -> bool:
    try:
        font_manager.fontManager.addfont(path)
    except (OSError, RuntimeError, ValueError):  # an unreadable file: matplotlib skips it too
        return False
    return True


def use_cjk_fonts() -> list[str]:
    """Make every later figure draw Chinese (the system's CJK fonts first, the bundled one
    as the fallback); returns the family list in use."""
    bundled = []
    if BUNDLED_FAMILY in {f.name for f in font_manager.fontManager.ttflist} or _add_font(
        str(bundled_font())
    ):
        bundled = [BUNDLED_FAMILY]
    families = [*installed_cjk_families(), *bundled, "DejaVu Sans"]
    rcParams["font.family"] = families
    rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212
    return families
