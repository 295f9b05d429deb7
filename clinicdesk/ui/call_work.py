"""Working the call list: logging an outcome and taking a call back (the call tab's part
that writes).

An outcome is one transaction made by the writer, and the next patient is chosen. The
caller must be known; "do not call again" and "wrong number" are confirmed first;
"booked" asks for the appointment, made in the call's transaction. Undo (Ctrl+Z, or the
button) takes back the caller's last call of today, with what it changed, and the
patient is back on the list.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from clinicdesk.core import i18n
from clinicdesk.core.calls import Booking, CallEntry, log_outcome, undo_call, undoable_calls
from clinicdesk.core.calls.outcomes import LoggedCall
from clinicdesk.core.db.clinic import list_staff
from clinicdesk.ui.dialogs.booking_dialog import BookingDialog, next_working_day
from clinicdesk.ui.translation import fill
from clinicdesk.workers.runner import Task, describe

if TYPE_CHECKING:
    from clinicdesk.ui.call_tab import CallTab


class CallWork(QObject):
    """The call tab's outcomes and undo.

    Signals:
        logged(int): a call was logged (or undone) for this patient.
    """

    logged = Signal(int)

    def __init__(self, tab: CallTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.busy = False  # an outcome (or an undo) on its way to the file
        self.wanted: int | None = None  # the patient to choose once the list is rebuilt

    def log(self, outcome: str) -> None:
        """Log the chosen patient's call with `outcome`, in one transaction by the writer,
        and move on to the next patient. Nobody chosen as the caller: asked first; "do not
        call again" and "wrong number": confirmed first; "booked": the appointment is
        asked for. Until it is written the outcome buttons wait; a refusal (or a busy
        file) leaves the patient on the list and the note as typed."""
        entry = self.tab.current_entry()
        if entry is None or self.busy or not self.has_caller():
            return
        if not self.tab.guard.confirmed(outcome, entry.name):
            return
        booking = self._ask_booking(entry) if outcome == "booked" else None
        if outcome == "booked" and booking is None:
            return
        panel, campaign = self.tab.entry_panel, self.tab.campaigns.campaign()
        rules, today, caller = self.tab.rules, self.tab.today, self.tab.caller.caller_id
        note, next_contact = panel.note.text().strip() or None, panel.next_contact()
        version, campaign_id = panel.script_version, campaign[0] if campaign else None
        self._set_logging(True)
        self.tab.runner.write(
            lambda task: log_outcome(
                task.db,
                entry,
                outcome,
                rules,
                today=today,
                caller_id=caller,
                note=note,
                next_contact=next_contact,
                campaign_id=campaign_id,
                script_version_id=version,
                booking=booking,
            ),  # fmt: skip
            owner=self.tab,
            success=lambda _contact: self._on_logged(entry),
            failure=self._on_log_failed,
        )

    def has_caller(self) -> bool:
        if self.tab.caller.caller_id is not None:
            return True
        QMessageBox.information(
            self.tab,
            self.tr("Who is calling?"),
            self.tr("Say who is calling first: each call is recorded in the caller's name."),
        )
        self.tab.caller.ask(dt.date.today())
        return False

    def _ask_booking(self, entry: CallEntry) -> Booking | None:
        """The appointment a "booked" call makes, None if the dialog was cancelled."""
        dialog = BookingDialog(
            self.tr("Book an appointment for %1").replace("%1", entry.name),
            list_staff(self.tab.db),
            day=next_working_day(self.tab.today, self.tab.rules.working_days),
            item=entry.last_item,
            parent=self.tab,
        )
        return dialog.booking() if dialog.exec() else None

    def _set_logging(self, logging: bool) -> None:
        self.busy = logging
        self.tab.enable_outcomes()

    def _on_logged(self, entry: CallEntry) -> None:
        self._set_logging(False)
        self.tab.entry_panel.note.clear()
        found = self.tab.model.row_of(entry.patient_id)
        row = self.tab.view.currentIndex().row()
        if found is not None:
            self.tab.model.remove(found)
        self.tab._update_counts()
        self.tab._select(None, row)
        self.tab.view.setFocus()
        self.logged.emit(entry.patient_id)

    def _on_log_failed(self, error: Exception) -> None:
        self._set_logging(False)
        QMessageBox.warning(self.tab, self.tr("Not saved"), describe(error, self.tab.language))

    def undo_last(self) -> None:
        """Take back the caller's last call of today (Ctrl+Z): its contact and what it
        changed go in one transaction, and the patient is back on the list."""
        if self.busy or not self.has_caller():
            return
        today, caller = self.tab.today, self.tab.caller.caller_id

        def undo(task: Task) -> LoggedCall | None:
            calls = undoable_calls(task.db, today, caller, limit=1)
            if calls:
                undo_call(task.db, calls[0].contact_id, today=today, caller_id=caller)
            return calls[0] if calls else None

        self._set_logging(True)
        self.tab.runner.write(
            undo, owner=self.tab, success=self._on_undone, failure=self._on_undo_failed
        )

    def _on_undone(self, call: LoggedCall | None) -> None:
        self._set_logging(False)
        if call is None:
            self.tab.notice.setText(self.tr("No call of yours today to undo."))
            return
        outcome = i18n.code_name("outcome", call.outcome, self.tab.language)
        self.tab.notice.setText(fill(self.tr("Undone: %1 (%2)"), call.name, outcome))
        self.wanted = call.patient_id
        self.tab.refresh()
        self.logged.emit(call.patient_id)

    def _on_undo_failed(self, error: Exception) -> None:
        self._set_logging(False)
        QMessageBox.warning(self.tab, self.tr("Not undone"), describe(error, self.tab.language))
