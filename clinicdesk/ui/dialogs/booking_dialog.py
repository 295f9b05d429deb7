"""Booking an appointment, or moving one: date and time, item, staff, note.

Used by the call tab's "booked" outcome (the call and its appointment are one
transaction) and by the patient file's appointments panel. The dialog checks that an
item is given; the store checks the rest and says what is wrong.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from clinicdesk.core.calls import Booking
from clinicdesk.core.model import Staff

DEFAULT_TIME = QTime(10, 0)


def next_working_day(today: dt.date, working_days: tuple[int, ...]) -> dt.date:
    """The first working day after `today` (tomorrow if no day is a working day)."""
    for days in range(1, 8):
        day = today + dt.timedelta(days=days)
        if day.weekday() in working_days:
            return day
    return today + dt.timedelta(days=1)


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """A dialog's OK and Cancel buttons, wired to accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class BookingDialog(QDialog):
    """The appointment's date and time, item, staff and note (`moving`: date and time only).

    Attributes:
        date, time, item, staff, note: the fields.
    """

    def __init__(
        self,
        title: str,
        staff: list[Staff],
        *,
        day: dt.date,
        item: str | None = None,
        staff_id: int | None = None,
        at: dt.time | None = None,
        moving: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.moving = moving
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.time = QTimeEdit(QTime(at.hour, at.minute) if at else DEFAULT_TIME)
        self.time.setDisplayFormat("HH:mm")
        self.item = QLineEdit(item or "")
        self.staff = QComboBox()
        self.staff.addItem(self.tr("(anyone)"), None)
        for member in staff:
            self.staff.addItem(member.name, member.id)
        self.staff.setCurrentIndex(max(self.staff.findData(staff_id), 0))
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Date:"), self.date)
        form.addRow(self.tr("Time:"), self.time)
        if not moving:
            form.addRow(self.tr("Item:"), self.item)
            form.addRow(self.tr("With:"), self.staff)
            form.addRow(self.tr("Note:"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.date.setFocus()

    def starts_at(self) -> str:
        """The chosen date and time, ``YYYY-MM-DD HH:MM``."""
        return f"{self.date.date().toString('yyyy-MM-dd')} {self.time.time().toString('HH:mm')}"

    def booking(self) -> Booking:
        """The appointment to make."""
        return Booking(
            self.starts_at(),
            self.item.text().strip(),
            self.staff.currentData(),
            self.note.text().strip() or None,
        )

    def accept(self) -> None:
        """Close with the booking, unless its item is missing (then say so)."""
        if not self.moving and not self.item.text().strip():
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("Say what the appointment is for.")
            )
            self.item.setFocus()
            return
        super().accept()
