"""The composition root of the window: QApplication, fonts, the clinic file, MainWindow."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from clinicdesk.core.db import open_clinic
from clinicdesk.core.errors import KnownError
from clinicdesk.ui.fonts import apply_cjk_fonts
from clinicdesk.ui.main_window import MainWindow
from clinicdesk.ui.translation import install_translators


def run(path: Path, language: str) -> int:
    """Open the window on the clinic file at `path`; returns the exit status."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("ClinicDesk")
    app.setOrganizationName("ClinicDesk")
    apply_cjk_fonts(app)
    install_translators(app, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = open_clinic(path)
    except KnownError as exc:
        QMessageBox.critical(None, "ClinicDesk", exc.message(language))
        return 2
    window = MainWindow(db, path, language)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
