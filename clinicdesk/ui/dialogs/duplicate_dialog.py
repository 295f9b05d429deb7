"""A save that would make a likely duplicate: open the existing file, merge, or save anyway.

The core refuses the save (`DuplicatePatient`, naming the other files and why); this
dialog lists them and lets the receptionist choose. "Save anyway" needs a reason, which
the audit keeps with the save; it is not offered when a file has the same card number
(a card is one patient's).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db.duplicates import DuplicatePatient
from clinicdesk.core.db.lists import mask_mobile
from clinicdesk.core.db.patients import get_patient

OPEN, MERGE, SAVE = "open", "merge", "save"


class DuplicateDialog(QDialog):
    """The files a save would duplicate, and what to do about it.

    Attributes:
        choice: OPEN, MERGE or SAVE once accepted (None if cancelled).
        chosen: the existing file chosen (the selected row).
        reason: why the file is saved anyway (SAVE only).
    """

    def __init__(
        self,
        db: Database,
        error: DuplicatePatient,
        language: str,
        can_merge: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.error, self.language = error, language
        self.choice: str | None = None
        self.reason = ""
        self.setWindowTitle(self.tr("Maybe the same patient"))
        self.table = QTableWidget(len(error.candidates), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Mobile"), self.tr("Why"), self.tr("File no.")]
        )
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self._fill(db)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("Why this is another person, e.g. her daughter, same phone")
        )
        self.open_button = QPushButton(self.tr("&Open the existing file"))
        self.merge_button = QPushButton(self.tr("&Merge into the existing file…"))
        self.save_button = QPushButton(self.tr("Save &anyway"))
        self._build(can_merge)

    def _fill(self, db: Database) -> None:
        for row, candidate in enumerate(self.error.candidates):
            mobile = get_patient(db, candidate.patient_id).mobile
            why = "、".join(
                i18n.message(f"duplicate.{rule}", self.language) for rule in candidate.rules
            )
            name = candidate.name + (self.tr(" (archived)") if candidate.archived else "")
            cells = [name, mask_mobile(mobile), why, str(candidate.patient_id)]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.selectRow(0)

    def _build(self, can_merge: bool) -> None:
        message = QLabel(self.error.message(self.language))
        message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if can_merge:
            buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            self.merge_button.hide()
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if self.error.can_save_anyway:
            reason_label = QLabel(self.tr("&Reason to save anyway (kept in the audit):"))
            reason_label.setBuddy(self.reason_edit)
            layout.addWidget(reason_label)
            layout.addWidget(self.reason_edit)
            buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            self.reason_edit.hide()
            self.save_button.hide()
            layout.addWidget(QLabel(self.tr("A card number belongs to one patient only.")))
        layout.addWidget(buttons)
        self.save_button.setEnabled(False)
        self.reason_edit.textChanged.connect(
            lambda text: self.save_button.setEnabled(bool(text.strip()))
        )
        self.open_button.clicked.connect(lambda: self._choose(OPEN))
        self.merge_button.clicked.connect(lambda: self._choose(MERGE))
        self.save_button.clicked.connect(lambda: self._choose(SAVE))
        buttons.rejected.connect(self.reject)
        self.open_button.setDefault(True)

    @property
    def chosen(self) -> int:
        """The existing file chosen in the list (the first one unless another is selected)."""
        row = max(self.table.currentRow(), 0)
        return self.error.candidates[row].patient_id

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.reason = self.reason_edit.text().strip()
        self.accept()
