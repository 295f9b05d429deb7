"""The call tab's entry panel: the chosen patient, the number to dial, the script, the
note and next date, and the outcome buttons (their keys on them).

The summary and the script are small look-ups of one patient (indexed), made on the GUI
thread as a row is chosen. The number is shown in full here, with a copy button, since
it is to be dialled; the list beside it stays masked unless asked.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.calls import CallEntry, FilledScript, filled_scripts
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.db.records import charges_of, contacts_of
from clinicdesk.core.values import format_fen
from clinicdesk.ui.call_outcomes import OUTCOMES, button_text


class EntryPanel(QWidget):
    """What the consultant reads and presses while on the phone.

    Attributes:
        script_version: the version of the script shown (recorded with the call).
    """

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.language = db, language
        self.entry: CallEntry | None = None
        self.script_version: int | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.dial = QLabel()
        self.dial.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dial.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.copy_number_button = QPushButton(self.tr("Copy number"))
        self.script = QTextEdit()
        self.script.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy script"))
        self.claim_button = QPushButton(self.tr("Claim for me"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What was said (optional)"))
        self.next_date = QDateEdit()
        self.next_date.setCalendarPopup(True)
        self.next_date.setDisplayFormat("yyyy-MM-dd")
        self.next_check = QCheckBox(self.tr("Next call on"))
        self.outcome_buttons = {
            outcome: QPushButton(button_text(number, outcome, language))
            for number, outcome in enumerate(OUTCOMES, start=1)
        }
        self.undo_button = QPushButton(self.tr("Undo last call (Ctrl+Z)"))
        self._layout()
        self.copy_number_button.clicked.connect(self._on_copy_number)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.script.toPlainText())
        )

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 2)
        dial_row = QHBoxLayout()
        dial_row.addWidget(QLabel(self.tr("Dial:")))
        dial_row.addWidget(self.dial)
        dial_row.addWidget(self.copy_number_button)
        dial_row.addStretch(1)
        dial_row.addWidget(self.claim_button)
        dial_row.addWidget(self.copy_button)
        layout.addLayout(dial_row)
        layout.addWidget(self.script, 2)
        form = QHBoxLayout()
        form.addWidget(self.note, 1)
        form.addWidget(self.next_check)
        form.addWidget(self.next_date)
        layout.addLayout(form)
        grid = QGridLayout()
        for index, outcome in enumerate(OUTCOMES):
            grid.addWidget(self.outcome_buttons[outcome], index // 3, index % 3)
        grid.addWidget(self.undo_button, 2, 0, 1, 3)
        layout.addLayout(grid)

    def show_entry(
        self, entry: CallEntry | None, script: FilledScript | None, next_day: dt.date
    ) -> None:
        """Show `entry` with its filled `script` (None: nothing chosen); `next_day` is
        the next date offered."""
        self.entry = entry
        self.script_version = script.version_id if script else None
        for button in (self.copy_button, self.claim_button, self.copy_number_button):
            button.setEnabled(entry is not None)
        if entry is None:
            self.summary.setText(self.tr("Choose a patient on the list."))
            self.dial.clear()
            self.script.clear()
            return
        self.summary.setText(self._summary_html(entry))
        self.dial.setText(entry.mobile or self.tr("no number"))
        self.copy_number_button.setEnabled(bool(entry.mobile))
        self.script.setPlainText(script.text if script else "")
        self.next_date.setDate(QDate(next_day.year, next_day.month, next_day.day))
        self.next_check.setChecked(False)

    def script_for(
        self, entry: CallEntry, today: dt.date, caller: str | None, offer: str | None
    ) -> FilledScript:
        """The entry's script filled in for `caller` (one patient's look-ups)."""
        return filled_scripts(self.db, [entry], self.language, today=today, caller=caller,
                              offer=offer)[0]  # fmt: skip

    def next_contact(self) -> str | None:
        """The next date given, if ticked."""
        return self.next_date.date().toString("yyyy-MM-dd") if self.next_check.isChecked() else None

    def _on_copy_number(self) -> None:
        if self.entry is not None and self.entry.mobile:
            QGuiApplication.clipboard().setText(self.entry.mobile)

    def _summary_html(self, entry: CallEntry) -> str:
        patient = get_patient(self.db, entry.patient_id)
        esc, sep = _escape, i18n.message("calls.reason_sep", self.language)
        lines = [
            f"<b style='font-size:15px'>{esc(patient.name)}</b> &nbsp; "
            + esc(self.tr("Tier %1").replace("%1", entry.tier or "—"))
            + (
                " &nbsp; <span style='color:#b00020'>" + esc(self.tr("slipping away")) + "</span>"
                if entry.alarm
                else ""
            )
        ]
        if patient.taboos:
            taboos = self.tr("Taboos: %1").replace("%1", patient.taboos)
            lines.append(f"<span style='color:#b00020;font-weight:bold'>{esc(taboos)}</span>")
        if patient.notes:
            lines.append(f"<span style='background:#fff3cd'>{esc(patient.notes)}</span>")
        lines.append("<b>" + esc(self.tr("Why")) + "</b>: " + esc(entry.why(self.language)))
        if entry.tries:
            tries = self.tr("%1 unanswered in a row, last on %2")
            lines.append(
                esc(tries.replace("%1", str(entry.tries)).replace("%2", entry.last_try or ""))
            )
        visits = charges_of(self.db, entry.patient_id, limit=3)
        if visits:
            said = sep.join(f"{c.date} {c.item} {format_fen(c.amount_fen)}" for c in visits)
            lines.append("<b>" + esc(self.tr("Last visits")) + "</b>: " + esc(said))
        contacts = contacts_of(self.db, entry.patient_id, limit=3)
        if contacts:
            said = sep.join(
                f"{c.contacted_at[:10]} {i18n.code_name('outcome', c.outcome, self.language)}"
                f" {c.note or ''}"
                for c in contacts
            )
            lines.append("<b>" + esc(self.tr("Previous calls")) + "</b>: " + esc(said))
        return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
