"""Merging a duplicate into a patient file: differences field by field, what moves, confirm."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db.merge import differences, merge_patients, moved_counts
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.errors import InvalidValue


class MergeDialog(QDialog):
    """Merge `duplicate` into `survivor`: for each differing field, choose whose value stays.

    After accept(), `moved` holds what moved.
    """

    def __init__(
        self,
        db: Database,
        survivor: int,
        duplicate: int,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.survivor, self.duplicate, self.language = db, survivor, duplicate, language
        self.moved: dict[str, int] | None = None
        a, b = get_patient(db, survivor), get_patient(db, duplicate)
        self.setWindowTitle(self.tr("Merge two patient files"))
        self.resize(820, 560)
        self.diff = differences(db, survivor, duplicate)
        self.table = QTableWidget(len(self.diff), 3)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("Keep (%1)").replace("%1", a.name),
                self.tr("Merged in (%1)").replace("%1", b.name),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups: dict[str, QButtonGroup] = {}
        for row, (field, mine, theirs) in enumerate(self.diff):
            self.table.setItem(row, 0, QTableWidgetItem(i18n.field_name(field, language)))
            group = QButtonGroup(self)
            for column, value in ((1, mine), (2, theirs)):
                button = QRadioButton(self._shown(field, value))
                group.addButton(button, column)
                self.table.setCellWidget(row, column, button)
            # An empty field takes the other's value; otherwise the kept file's stays.
            group.button(2 if mine in (None, "") else 1).setChecked(True)
            self.groups[field] = group
        counts = moved_counts(db, duplicate)
        moves = self.tr(
            "Will move to %1: %2 charges, %3 visit notes, %4 contacts, %5 care "
            "dates, %6 referred patients, %7 tags. %8 is then archived, not "
            "deleted."
        )
        for key, value in (
            ("%1", a.name),
            ("%2", counts["charges"]),
            ("%3", counts["visit_notes"]),
            ("%4", counts["contacts"]),
            ("%5", counts["care_dates"]),
            ("%6", counts["referrals"]),
            ("%7", counts["tags"]),
            ("%8", b.name),
        ):
            moves = moves.replace(key, str(value))
        self.summary = QLabel(moves)
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        merge = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Where the two files differ, choose the value to keep:")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def _shown(self, field: str, value: object) -> str:
        if value is None:
            return ""
        if field == "referred_by":
            return get_patient(self.db, int(str(value))).name
        if field == "owner_id":
            row = self.db.execute("SELECT name FROM staff WHERE id = ?", [value]).fetchone()
            return row[0] if row else str(value)
        return str(value)

    def taken_from_duplicate(self) -> set[str]:
        """The fields whose merged-in value was chosen."""
        return {field for field, group in self.groups.items() if group.checkedId() == 2}

    def accept(self) -> None:
        try:
            self.moved = merge_patients(
                self.db, self.survivor, self.duplicate, self.taken_from_duplicate()
            )
        except InvalidValue as exc:
            self.summary.setText(exc.message(self.language))
            return
        super().accept()
