"""The patient file's own recall intervals: this patient comes back for an item after so
many days, not the clinic's usual interval (the call list uses theirs first).

The rows are one patient's (a small indexed read); setting or removing one is a write
through the task runner's writer, audited, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core.calls import CallRules
from clinicdesk.core.db.recall_intervals import MAX_DAYS, recall_intervals_of, set_recall_interval
from clinicdesk.ui.patient_history import _fill, _Panel, _table
from clinicdesk.workers.runner import Task, TaskRunner, describe


class RecallPanel(_Panel):
    """Item, the patient's own days, and the clinic's usual days for that item."""

    def __init__(
        self, db: Database, runner: TaskRunner, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, language, parent)
        self.runner = runner
        self.items: list[str] = []
        self.table = _table([self.tr("Item"), self.tr("Their interval"), self.tr("Clinic's")])
        self.table.itemSelectionChanged.connect(self._on_row_chosen)
        self.item = QLineEdit()
        self.item.setPlaceholderText(self.tr("Item, e.g. 洁牙"))
        self.days = QSpinBox()
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(180)
        self.days.setSuffix(self.tr(" days"))
        self.set_button = QPushButton(self.tr("Set (&Z)"))
        self.remove_button = QPushButton(self.tr("Use the clinic's (&Q)"))
        self.set_button.clicked.connect(self._on_set)
        self.remove_button.clicked.connect(self._on_remove)
        row = QHBoxLayout()
        for widget in (self.item, self.days, self.set_button, self.remove_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("The call list recalls this patient for an item after their own "
                              "interval, when one is set here."))  # fmt: skip
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def reload(self) -> None:
        own = recall_intervals_of(self.db, self.patient_id) if self.patient_id is not None else {}
        usual = CallRules.from_clinic(self.db).maintenance_days
        self.items = list(own)
        _fill(self.table, [[item, days, usual.get(item, "—")] for item, days in own.items()])

    def _on_row_chosen(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.items):
            self.item.setText(self.items[row])
            self.days.setValue(recall_intervals_of(self.db, self.patient_id or 0)[self.items[row]])

    def _on_set(self) -> None:
        pid, item, days = self.patient_id, self.item.text(), self.days.value()
        if pid is not None:
            self._write(lambda task: set_recall_interval(task.db, pid, item, days))

    def _on_remove(self) -> None:
        pid, item = self.patient_id, self.item.text()
        if pid is not None:
            self._write(lambda task: set_recall_interval(task.db, pid, item, None))

    def _write(self, work: Callable[[Task], object]) -> None:
        self.runner.write(work, owner=self, success=self._on_written, failure=self._on_failed)

    def _on_written(self, _result: object) -> None:
        self.reload()
        self.changed.emit()

    def _on_failed(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), describe(error, self.language))
