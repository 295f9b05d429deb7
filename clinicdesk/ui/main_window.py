"""The main window: three tabs (patient file, tier overview, call list) and a status bar.

The tabs' contents arrive with their own work (patient file, tier overview, call list);
until then each tab says what it will hold, so nothing pretends to work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget
from sqlite_utils import Database

from clinicdesk import __version__
from clinicdesk.core import i18n
from clinicdesk.core.db.clinic import get_setting
from clinicdesk.core.db.patients import count_patients
from clinicdesk.ui.dialogs.import_dialog import ImportDialog
from clinicdesk.workers.runner import TaskRunner


class MainWindow(QMainWindow):
    """The ClinicDesk window on one open clinic file.

    Attributes:
        db: the GUI thread's connection to the clinic file.
        path: the clinic file's path.
        tabs: the three tabs, in the order patient file, tier overview, call list.
    """

    def __init__(
        self,
        db: Database,
        path: Path,
        language: str | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.path = path
        self.language = language or i18n.system_language()
        self.runner = runner or TaskRunner(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            self._coming(
                self.tr(
                    "Find a patient by name, pinyin initials or "
                    "phone digits, and keep the whole file."
                )
            ),
            self.tr("Patient file"),
        )
        self.tabs.addTab(
            self._coming(
                self.tr(
                    "Where the revenue comes from: ABC tiers, the "
                    "Pareto curve, who moved and who is slipping away."
                )
            ),
            self.tr("Tier overview"),
        )
        self.tabs.addTab(
            self._coming(
                self.tr("Who to phone today, why, in what order, with the script filled in.")
            ),
            self.tr("Call list"),
        )
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.resize(1280, 760)
        self.refresh_status()

    def refresh_status(self) -> None:
        """Show the clinic, its file and its patient count (one indexed count)."""
        name = get_setting(self.db, "clinic_name") or self.path.stem
        self.setWindowTitle(f"{name} — ClinicDesk")
        count = count_patients(self.db)
        self.statusBar().showMessage(
            self.tr("%1 · %2 patients").replace("%1", str(self.path)).replace("%2", f"{count:,}")
        )

    def _coming(self, text: str) -> QWidget:
        label = QLabel(text + "\n\n" + self.tr("This part is being built."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("&Import billing export…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.open_import_dialog)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About ClinicDesk"), self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

    def open_import_dialog(self) -> ImportDialog:
        """Open the import dialog (File > Import billing export)."""
        dialog = ImportDialog(self.path, self.runner, self.language, self)
        dialog.imported.connect(lambda _result: self.refresh_status())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.runner.shutdown(wait=False)
        super().closeEvent(event)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ClinicDesk"),
            self.tr(
                "ClinicDesk %1\nPatient relationships for small private clinics, "
                "offline on one clinic file."
            ).replace("%1", __version__),
        )
