"""Who is calling from this PC today: asked once a day, remembered, switched quickly.

The caller is recorded on every contact and signs the scripts (`{我的名字}`); how many
callers work today sets the day's capacity (calls per caller × callers). Both are kept
in the window's settings on this PC with the day they were given: a new day asks again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinicdesk.core.model import Staff
from clinicdesk.ui.dialogs.booking_dialog import ok_cancel

MAX_CALLERS = 50


@dataclass(frozen=True)
class CallerChoice:
    """Who calls from this PC, how many call today in all, and on what day it was said."""

    caller_id: int | None
    callers: int
    day: str

    def asked_on(self, today: dt.date) -> bool:
        """Whether the choice was made on `today` (else the window asks again)."""
        return self.day == today.isoformat() and self.caller_id is not None


def remembered(settings: QSettings) -> CallerChoice:
    """The choice kept in the window's settings (nobody, one caller, no day if none)."""
    raw_id = settings.value("calls/caller", "")
    try:
        caller_id: int | None = int(str(raw_id))
    except ValueError:
        caller_id = None
    try:
        callers = max(1, min(int(str(settings.value("calls/callers", 1))), MAX_CALLERS))
    except ValueError:
        callers = 1
    return CallerChoice(caller_id, callers, str(settings.value("calls/caller_day", "")))


def remember(settings: QSettings, choice: CallerChoice) -> None:
    """Keep `choice` for the rest of the day on this PC."""
    settings.setValue("calls/caller", "" if choice.caller_id is None else choice.caller_id)
    settings.setValue("calls/callers", choice.callers)
    settings.setValue("calls/caller_day", choice.day)


class CallerDialog(QDialog):
    """Asks who is calling from this PC today, and how many callers work."""

    def __init__(
        self, staff: list[Staff], choice: CallerChoice, today: dt.date, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(self.tr("Who is calling today?"))
        self.caller = QComboBox()
        for member in staff:
            self.caller.addItem(member.name, member.id)
        self.caller.setCurrentIndex(max(self.caller.findData(choice.caller_id), 0))
        self.callers = QSpinBox()
        self.callers.setRange(1, MAX_CALLERS)
        self.callers.setValue(choice.callers)
        intro = QLabel(
            self.tr(
                "Your name is recorded on each call you log and signs the scripts. "
                "The day's list holds as many calls as the callers working today can make."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("I am:"), self.caller)
        form.addRow(self.tr("Callers working today:"), self.callers)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def choice(self) -> CallerChoice:
        """What was chosen, dated today."""
        return CallerChoice(self.caller.currentData(), self.callers.value(), self.today.isoformat())


class CallerSwitch(QObject):
    """The toolbar's caller switch and callers-today box, kept in the settings.

    Attributes:
        combo: who is calling (the staff; first "who is calling?").
        spin: how many callers work today.
        choice: the choice in force.

    Signals:
        changed(): the caller or the number of callers changed.
    """

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings, self.parent_widget = settings, parent
        self.choice = remembered(settings)
        self.staff: list[Staff] = []
        self._asking = False
        self.combo = QComboBox()
        self.combo.setToolTip(self.tr("Who is calling from this PC (recorded on each call)"))
        self.spin = QSpinBox()
        self.spin.setRange(1, MAX_CALLERS)
        self.spin.setValue(self.choice.callers)
        self.spin.setToolTip(self.tr("Callers working today: the day's list holds their calls"))
        self.combo.currentIndexChanged.connect(self._on_edited)
        self.spin.valueChanged.connect(self._on_edited)

    def load(self, staff: list[Staff]) -> None:
        """The staff to choose from (the remembered caller chosen)."""
        self.staff = staff
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("(who is calling?)"), None)
        for member in staff:
            self.combo.addItem(member.name, member.id)
        self.combo.setCurrentIndex(max(self.combo.findData(self.choice.caller_id), 0))
        self.combo.blockSignals(False)

    @property
    def caller_id(self) -> int | None:
        """Who is calling (None until someone is chosen)."""
        return self.choice.caller_id

    def today_id(self, today: dt.date) -> int | None:
        """Who said on `today` that they work at this PC (None before anyone has)."""
        return self.choice.caller_id if self.choice.asked_on(today) else None

    def name(self) -> str | None:
        """The caller's name, for the scripts' {我的名字}."""
        return self.combo.currentText() if self.choice.caller_id is not None else None

    def ask_if_new_day(self, today: dt.date) -> None:
        """Ask once a day (when there is staff to choose from)."""
        if not self.choice.asked_on(today) and self.combo.count() > 1:
            self.ask(today)

    def ask(self, today: dt.date) -> None:
        """Ask who is calling and how many callers work today (window-modal, one dialog
        at a time); the answer is kept for the day."""
        if self._asking:
            return
        self._asking = True
        dialog = CallerDialog(self.staff, self.choice, today, self.parent_widget)
        dialog.finished.connect(lambda result: self._on_answered(dialog, result))
        dialog.open()

    def set(self, choice: CallerChoice) -> None:
        """Call as `choice` says and keep it for the day."""
        changed = (choice.caller_id, choice.callers) != (self.choice.caller_id, self.choice.callers)
        self.choice = choice
        remember(self.settings, choice)
        for widget in (self.combo, self.spin):
            widget.blockSignals(True)
        self.combo.setCurrentIndex(max(self.combo.findData(choice.caller_id), 0))
        self.spin.setValue(choice.callers)
        for widget in (self.combo, self.spin):
            widget.blockSignals(False)
        if changed:
            self.changed.emit()

    def _on_answered(self, dialog: CallerDialog, result: int) -> None:
        self._asking = False
        if result:
            self.set(dialog.choice())
        dialog.deleteLater()

    def _on_edited(self) -> None:
        today = dt.date.today().isoformat()
        self.set(CallerChoice(self.combo.currentData(), self.spin.value(), today))
