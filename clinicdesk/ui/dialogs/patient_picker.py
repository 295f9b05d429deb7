"""Choosing a patient by searching (who referred this one; whom to merge with)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core.db.search import search_patients
from clinicdesk.ui.models.patient_list import IdRole, PatientListModel


class PatientPicker(QDialog):
    """Search and choose one patient; `chosen` holds the id after accept()."""

    def __init__(
        self,
        db: Database,
        language: str,
        title: str,
        exclude: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 480)
        self.db, self.exclude = db, exclude
        self.chosen: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name, pinyin initials, phone digits or card"))
        self.model = PatientListModel(db, language, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.doubleClicked.connect(lambda _index: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Search:")))
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self._run_search()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        # A search or preview still waiting must not run once the widget is gone.
        self._timer.stop()
        super().hideEvent(event)

    def _run_search(self) -> None:
        ids = [i for i in search_patients(self.db, self.search.text()) if i != self.exclude]
        self.model.set_ids(ids)
        if ids:
            self.view.selectRow(0)

    def accept(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        self.chosen = index.data(IdRole)
        super().accept()
