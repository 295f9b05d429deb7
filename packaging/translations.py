"""Update and compile the window's translations with Qt's own tools.

    python packaging/translations.py update    # extract tr() strings into resources/*.ts
    python packaging/translations.py release   # compile .ts into .qm (committed)

Translate in between with Qt Linguist (``pyside6-linguist``) or any .ts editor.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")  # English holds only plurals: "1 patient", "2 patients"


def sources() -> list[str]:
    """The Python files whose tr() strings are extracted: the Qt side only (the core's
    messages are in clinicdesk/core/i18n.py)."""
    qt_side = [*(ROOT / "clinicdesk" / "ui").rglob("*.py"), ROOT / "clinicdesk" / "app.py"]
    return sorted(str(p.relative_to(ROOT)) for p in qt_side)


def update(ts_dir: Path = TRANSLATIONS) -> list[Path]:
    """Run pyside6-lupdate into `ts_dir` (no line numbers, so diffs stay small)."""
    written = []
    for lang in LANGUAGES:
        ts = ts_dir / f"clinicdesk_{lang}.ts"
        only = ["-pluralonly"] if lang == "en" else []  # the source texts are English
        subprocess.run(
            ["pyside6-lupdate", "-locations", "none", "-no-obsolete", *only, *sources()]
            + ["-ts", str(ts)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        written.append(ts)
    return written


def release(ts_dir: Path = TRANSLATIONS, qm_dir: Path = TRANSLATIONS) -> list[Path]:
    """Compile each .ts of `ts_dir` into a .qm in `qm_dir`."""
    written = []
    for lang in LANGUAGES:
        qm = qm_dir / f"clinicdesk_{lang}.qm"
        subprocess.run(
            ["pyside6-lrelease", str(ts_dir / f"clinicdesk_{lang}.ts"), "-qm", str(qm)],
            check=True,
            capture_output=True,
        )
        written.append(qm)
    return written


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else ""
    if action not in ("update", "release"):
        sys.exit(__doc__)
    for path in update() if action == "update" else release():
        print(path.relative_to(ROOT))
