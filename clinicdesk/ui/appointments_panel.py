"""The patient file's appointments: upcoming and past; book, move, confirm, cancel,
mark attended or no-show.

A patient's appointments are a small indexed read (on the GUI thread); every change is
one transaction made by the task runner's writer, with its audit entry, and the panel
reads the rows again when it is written. A refusal (a cancelled appointment cannot be
moved) is explained in the user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.calls import CallRules
from clinicdesk.core.db import appointments
from clinicdesk.core.db.clinic import list_staff
from clinicdesk.core.model import Appointment
from clinicdesk.ui.dialogs.booking_dialog import BookingDialog, next_working_day
from clinicdesk.ui.patient_history import _Panel, _table
from clinicdesk.workers.runner import Task, TaskRunner, describe

PAST_GREY = QColor("#777777")


class AppointmentsPanel(_Panel):
    """One patient's appointments, upcoming (soonest first) above the past ones (a
    history panel of the patient file: `changed` when one is written)."""

    def __init__(
        self, db: Database, runner: TaskRunner, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, language, parent)
        self.runner = runner
        self.today = dt.date.today()
        self.shown: list[Appointment] = []
        self.table = _table(
            [self.tr("When"), self.tr("Item"), self.tr("With"), self.tr("Status"), self.tr("Note")]
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.heading = QLabel()
        self.book_button = QPushButton(self.tr("&Book…"))
        self.move_button = QPushButton(self.tr("Change &when…"))
        self.status_buttons = {
            "confirmed": QPushButton(self.tr("Mar&k confirmed")),
            "attended": QPushButton(self.tr("Attended (&G)")),
            "no_show": QPushButton(self.tr("No-show (&Y)")),
            "cancelled": QPushButton(self.tr("Cancel a&ppointment")),
        }
        self.book_button.clicked.connect(self._on_book)
        self.move_button.clicked.connect(self._on_move)
        for status, button in self.status_buttons.items():
            button.clicked.connect(lambda _c=False, s=status: self._on_status(s))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        buttons = (self.book_button, self.move_button, *self.status_buttons.values())
        for start in (0, 3):  # two rows: one would widen the file past a 1366 px screen
            row = QHBoxLayout()
            for button in buttons[start : start + 3]:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)

    def reload(self) -> None:
        """Read the patient's appointments again."""
        self.today = dt.date.today()
        found = appointments_of_patient(self.db, self.patient_id)
        upcoming, past = appointments.split_upcoming(found, self.today)
        self.shown = upcoming + past
        names = {s.id: s.name for s in list_staff(self.db, active_only=False)}
        self.table.setRowCount(len(self.shown))
        for r, a in enumerate(self.shown):
            status = i18n.code_name("appointment_status", a.status, self.language)
            values = (a.starts_at.replace("T", " "), a.item, names.get(a.staff_id or 0, ""),
                      status, a.note or "")  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if r >= len(upcoming):  # past or closed: greyed below the upcoming ones
                    item.setForeground(PAST_GREY)
                self.table.setItem(r, c, item)
        self.heading.setText(
            self.tr("%1 upcoming, %2 past")
            .replace("%1", str(len(upcoming)))
            .replace("%2", str(len(past)))
        )
        self._update_buttons()

    def current(self) -> Appointment | None:
        """The chosen appointment."""
        row = self.table.currentRow()
        return (
            self.shown[row] if 0 <= row < len(self.shown) and self.table.selectedItems() else None
        )

    def _update_buttons(self) -> None:
        chosen = self.current()
        self.move_button.setEnabled(chosen is not None and chosen.status in appointments.OPEN)
        for status, button in self.status_buttons.items():
            button.setEnabled(chosen is not None and appointments.may_become(chosen.status, status))

    # Actions

    def _on_book(self) -> None:
        pid = self.patient_id
        if pid is None:
            return
        rules = CallRules.from_clinic(self.db)
        dialog = BookingDialog(
            self.tr("Book an appointment"),
            list_staff(self.db),
            day=next_working_day(self.today, rules.working_days),
            item=last_item(self.db, pid),
            parent=self,
        )
        if dialog.exec():
            booking = dialog.booking()
            self._write(lambda task: appointments.book(
                task.db, pid, starts_at=booking.starts_at, item=booking.item,
                staff_id=booking.staff_id, note=booking.note))  # fmt: skip

    def _on_move(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        when = dt.datetime.fromisoformat(chosen.starts_at)
        dialog = BookingDialog(
            self.tr("Move the appointment"), [], day=when.date(), at=when.time(), moving=True,
            parent=self,
        )  # fmt: skip
        if dialog.exec():
            starts_at, aid = dialog.starts_at(), chosen.id
            self._write(lambda task: appointments.move(task.db, aid, starts_at))

    def _on_status(self, status: str) -> None:
        chosen = self.current()
        if chosen is None:
            return
        if status == "cancelled":
            answer = QMessageBox.question(
                self,
                self.tr("Cancel appointment"),
                self.tr("Cancel the appointment of %1 (%2)? A cancelled appointment cannot be "
                        "changed again; book a new one instead.")
                .replace("%1", chosen.starts_at.replace("T", " ")).replace("%2", chosen.item),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        aid = chosen.id
        self._write(lambda task: appointments.set_status(task.db, aid, status))

    def _write(self, work: Callable[[Task], object]) -> None:
        self.setEnabled(False)
        self.runner.write(work, owner=self, success=self._on_written, failure=self._on_failed)

    def _on_written(self, _result: object) -> None:
        self.setEnabled(self.patient_id is not None)
        self.reload()
        self.changed.emit()

    def _on_failed(self, error: Exception) -> None:
        self.setEnabled(self.patient_id is not None)
        QMessageBox.warning(self, self.tr("Not saved"), describe(error, self.language))


def appointments_of_patient(db: Database, patient_id: int | None) -> list[Appointment]:
    """The patient's appointments (none for a new patient)."""
    return appointments.appointments_of(db, patient_id) if patient_id is not None else []


def last_item(db: Database, patient_id: int) -> str | None:
    """The item of the patient's last charge: the booking dialog's default."""
    row = db.execute(
        "SELECT item FROM charges WHERE patient_id = ? ORDER BY date DESC, id DESC LIMIT 1",
        [patient_id],
    ).fetchone()
    return row[0] if row else None
