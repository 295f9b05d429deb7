"""Safe outcome entry on the call tab: keys 1-6 only where they cannot be typing, and a
question before an outcome that cannot be taken back by calling again.

A key press reaches the widget with the focus first; `OutcomeGuard` watches the list and
the entry panel's widgets and turns 1-6 into outcomes only when that widget is not one
that takes text or a choice (a line edit, a spin or date box, a combo box, an editable
text box). Anywhere else in the window the keys do nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from clinicdesk.core import i18n

OUTCOMES = ("reached", "booked", "declined", "no_answer", "wrong_number", "do_not_call")
ASK_FIRST = ("wrong_number", "do_not_call")  # the patient leaves the lists: ask first
_KEYS = {Qt.Key.Key_1 + n: outcome for n, outcome in enumerate(OUTCOMES)}
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def takes_text(widget: QObject) -> bool:
    """Whether a key pressed in `widget` is typing or choosing, not an outcome."""
    if isinstance(widget, QLineEdit | QAbstractSpinBox | QComboBox):
        return True
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


class OutcomeGuard(QObject):
    """Turns 1-6 pressed on the watched widgets into outcomes, and asks before the
    outcomes that take a patient off the lists.

    Signals:
        pressed(str): the outcome of the key pressed.
    """

    pressed = Signal(str)

    def __init__(self, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.language, self.window_part = language, parent

    def watch(self, *widgets: QWidget) -> None:
        """Watch `widgets` and every widget inside them."""
        for widget in widgets:
            for each in (widget, *widget.findChildren(QWidget)):
                each.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or takes_text(watched):
            return False
        assert isinstance(event, QKeyEvent)
        outcome = _KEYS.get(Qt.Key(event.key()))
        if outcome is None or event.modifiers() not in _PLAIN or event.isAutoRepeat():
            return False
        self.pressed.emit(outcome)
        return True

    def confirmed(self, outcome: str, name: str) -> bool:
        """Ask before "do not call again" and "wrong number" (Enter confirms); True at
        once for the other outcomes."""
        if outcome not in ASK_FIRST:
            return True
        texts = {
            "do_not_call": self.tr(
                "Mark %1 as “do not call again”? They leave every call list until the mark "
                "is removed in their file."
            ),
            "wrong_number": self.tr(
                "Log a wrong number for %1? They stay off today's list; check the number in "
                "their file before the next call."
            ),
        }
        answer = QMessageBox.question(
            self.window_part,
            i18n.code_name("outcome", outcome, self.language),
            texts[outcome].replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes


def button_text(number: int, outcome: str, language: str) -> str:
    """An outcome button's text: its key and its name ("1 已接通")."""
    return f"{number} {i18n.code_name('outcome', outcome, language)}"
