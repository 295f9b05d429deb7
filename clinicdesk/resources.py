"""Where the program's resources are: translations, fonts, icons, default templates.

From a source checkout or an editable install they are the repository's ``resources/``;
in a PyInstaller build they are bundled beside the program (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder that holds ``translations/``, ``fonts/`` and the rest."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def translations_dir() -> Path:
    """The compiled Qt translations (``clinicdesk_<lang>.qm``) and their ``.ts`` sources."""
    return resources_dir() / "translations"


def bundled_font() -> Path:
    """The bundled Chinese font (a GB2312 subset of Noto Sans CJK SC, OFL 1.1)."""
    return resources_dir() / "fonts" / "ClinicDeskSansSC-Regular.otf"


BUNDLED_FAMILY = "ClinicDesk Sans SC"

# Fonts with CJK glyphs present by default on Windows, macOS and common Linux desktops, in
# preference order: the window (Qt) and the charts (matplotlib) both look for these.
CJK_FAMILIES = (
    "Microsoft YaHei UI",  # every Windows 10/11
    "Microsoft YaHei",
    "PingFang SC",  # macOS
    "Hiragino Sans GB",
    "Noto Sans CJK SC",  # Linux: fonts-noto-cjk
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",  # Linux: fonts-wqy-microhei
    "WenQuanYi Zen Hei",
)
