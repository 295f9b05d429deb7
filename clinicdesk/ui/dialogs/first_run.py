"""The first start: create a clinic, open an existing clinic file, or try the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicdesk import paths
from clinicdesk.core.db.clinic import create_clinic
from clinicdesk.core.errors import KnownError
from clinicdesk.core.private import private_folder
from clinicdesk.ui.dialogs.progress_window import wait_for


class FirstRunDialog(QDialog):
    """Three ways in; `chosen` is the clinic file to open after accept().

    Attributes:
        target: where "create" writes the new clinic.
        chosen: the clinic file created, picked or built, once accepted.
    """

    def __init__(
        self,
        target: Path,
        language: str,
        parent: QWidget | None = None,
        *,
        missing: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.target, self.language = target, language
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Welcome to ClinicDesk"))
        self.setMinimumWidth(560)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 悦颜医疗美容门诊"))
        self.staff = QLineEdit()
        self.staff.setPlaceholderText(self.tr("names, separated by commas (can be added later)"))
        create = QPushButton(self.tr("Create the clinic"))
        create.setDefault(True)
        create.clicked.connect(self.create_clinic)
        new_box = QGroupBox(self.tr("A new clinic"))
        form = QFormLayout(new_box)
        form.addRow(self.tr("Clinic name:"), self.name)
        form.addRow(self.tr("Staff:"), self.staff)
        form.addRow(QLabel(self.tr("Currency: RMB (¥)")))
        form.addRow(create)
        open_button = QPushButton(self.tr("Open an existing clinic file…"))
        open_button.clicked.connect(self._on_open_clicked)
        demo_button = QPushButton(self.tr("Look around in a demo clinic (invented patients)"))
        demo_button.clicked.connect(self.open_demo)
        layout = QVBoxLayout(self)
        welcome = QLabel(self.tr("Welcome to ClinicDesk"))
        welcome.setStyleSheet("font-size: 18px; font-weight: bold;")
        layout.addWidget(welcome)
        if missing is not None:
            gone = QLabel(
                self.tr(
                    "The clinic file last used on this PC is not there any more: %1 "
                    "(moved, deleted, or on a drive that is not plugged in)."
                ).replace("%1", str(missing))
            )
            gone.setWordWrap(True)
            layout.addWidget(gone)
        layout.addWidget(
            QLabel(self.tr("Where the clinic's data is kept: %1").replace("%1", str(target.parent)))
        )
        layout.addWidget(new_box)
        layout.addWidget(open_button)
        layout.addWidget(demo_button)

    def create_clinic(self) -> None:
        """Create the clinic file with its name, currency and staff."""
        name = self.name.text().strip()
        if not name:
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("Please enter the clinic's name.")
            )
            self.name.setFocus()
            return
        try:
            create_clinic(self.target, name, self.staff.text())
        except KnownError as exc:
            QMessageBox.critical(self, self.windowTitle(), exc.message(self.language))
            return
        self.chosen = self.target
        self.accept()

    def _on_open_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open clinic file"), "", self.tr("Clinic files (*.db)")
        )
        if name:
            self.chosen = Path(name)
            self.accept()

    def open_demo(self) -> None:
        """Build (or reuse) the demo clinic and choose it. Building takes a few seconds:
        it runs off the GUI thread, with its progress shown."""
        from clinicdesk.core.demo import build_demo

        path = paths.default_demo_path()
        if not path.exists():
            private_folder(path.parent)
            try:
                wait_for(
                    lambda task: build_demo(path, progress=task.progress),
                    self.windowTitle(),
                    self.tr("Building the demo clinic…"),
                    self,
                )
            except KnownError as exc:
                QMessageBox.critical(self, self.windowTitle(), exc.message(self.language))
                return
        self.chosen = path
        self.accept()
