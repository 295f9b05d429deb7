"""Fix a patient's tier by hand (an opinion leader who spends little), or go back to the
computed one: a tier, a reason and an end date, every change in the audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core.db.tier_override import (
    TierOverride,
    clear_tier_override,
    set_tier_override,
    tier_override_of,
)
from clinicdesk.core.segmentation.tiers import TIERS
from clinicdesk.workers.runner import Task, TaskRunner, describe

FIX, UNFIX = "fix", "unfix"
DEFAULT_DAYS = 182  # half a year, then the computed tier is back unless fixed again


class TierFixDialog(QDialog):
    """The tier to fix (or the way back to the computed one), with its reason.

    Attributes:
        choice: FIX or UNFIX once accepted.
        refused_title: the title of the message when the core refuses the change.
        tier, reason, until: what was typed (the end date as typed; the core reads it).
    """

    def __init__(
        self,
        computed: str | None,
        override: TierOverride | None,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.refused_title = self.tr("Tier not changed")
        self.setWindowTitle(self.tr("Fix the tier by hand"))
        self.tier_box = QComboBox()
        for tier in TIERS:
            self.tier_box.addItem(tier, tier)
        self.reason_edit = QLineEdit(override.reason if override else "")
        self.reason_edit.setPlaceholderText(self.tr("e.g. opinion leader, referred 12 patients"))
        default_end = today + dt.timedelta(days=DEFAULT_DAYS)
        self.until_edit = QLineEdit(override.until if override else default_end.isoformat())
        self.until_edit.setPlaceholderText("2027-06-30 / 2027/6/30")
        if override:
            self.tier_box.setCurrentIndex(self.tier_box.findData(override.tier))
        self.fix_button = QPushButton(self.tr("&Fix the tier"))
        self.unfix_button = QPushButton(self.tr("&Back to the computed tier"))
        self._build(computed, override is not None)

    def _build(self, computed: str | None, fixed: bool) -> None:
        form = QFormLayout(self)
        form.addRow(self.tr("Computed tier:"), QLabel(computed or self.tr("none (no activity)")))
        for label, widget in (
            (self.tr("&Tier:"), self.tier_box),
            (self.tr("&Reason:"), self.reason_edit),
            (self.tr("&Until:"), self.until_edit),
        ):
            text = QLabel(label)
            text.setBuddy(widget)
            form.addRow(text, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.fix_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if fixed:
            buttons.addButton(self.unfix_button, QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            self.unfix_button.hide()
        form.addRow(buttons)
        self.fix_button.clicked.connect(lambda: self._choose(FIX))
        self.unfix_button.clicked.connect(lambda: self._choose(UNFIX))
        buttons.rejected.connect(self.reject)

    @property
    def tier(self) -> str:
        """The tier chosen."""
        return str(self.tier_box.currentData())

    @property
    def reason(self) -> str:
        """The reason typed."""
        return self.reason_edit.text().strip()

    @property
    def until(self) -> str:
        """The end date as typed."""
        return self.until_edit.text().strip()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def fix_tier(
    parent: QWidget,
    db: Database,
    runner: TaskRunner,
    patient_id: int,
    computed: str | None,
    language: str,
    done: Callable[[], None],
) -> None:
    """Ask for the fixed tier (or the way back), write it through the writer, then `done`;
    a refusal (no reason, an end date past) is said and nothing changes."""
    dialog = TierFixDialog(computed, tier_override_of(db, patient_id), dt.date.today(), parent)
    if not dialog.exec():
        return
    tier, reason, until, choice = dialog.tier, dialog.reason, dialog.until, dialog.choice

    def write(task: Task) -> None:
        if choice == FIX:
            set_tier_override(task.db, patient_id, tier, reason=reason, until=until)
        else:
            clear_tier_override(task.db, patient_id, reason=reason)

    title = dialog.refused_title

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, title, describe(error, language))

    runner.write(write, owner=parent, success=lambda _none: done(), failure=failed)
