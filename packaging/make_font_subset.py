"""Cut the bundled Chinese font: Noto Sans CJK SC, GB2312 + ASCII + punctuation.

    python3 packaging/make_font_subset.py [SOURCE.ttc]

Source: Debian's fonts-noto-cjk (/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,
face 2 = SC). The result is renamed "ClinicDesk Sans SC" (the SIL OFL 1.1 asks modified
versions not to use the Reserved Font Name; see resources/fonts/OFL.txt) and written to
resources/fonts/ClinicDeskSansSC-Regular.otf. Done once; the result is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = ROOT / "resources" / "fonts" / "ClinicDeskSansSC-Regular.otf"
FAMILY = "ClinicDesk Sans SC"


def gb2312() -> str:
    """Every character of GB2312 (the 6,763 common hanzi and its symbols)."""
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    font = TTCollection(str(source)).fonts[2]
    text = (
        gb2312()
        + "".join(chr(c) for c in range(0x20, 0x7F))
        + "￥¥·—…“”‘’、。，：；！？（）【】《》「」％＋－"
    )
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (4,):
            record.string = FAMILY + " Regular"
        elif record.nameID == 6:
            record.string = "ClinicDeskSansSC-Regular"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
