"""A script's versions in the script editor: each wording kept, which are in use, and
what each gave (calls, reached, booked, conversion with its counts, from the contact
log), so that the clinic sees which wording books more.

One version is in use, or two side by side (patients alternate by number). The figures
are a grouped count over the version's own calls (an index on the contacts' version).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core.calls.script_store import (
    ScriptVersion,
    use_versions,
    version_results,
    versions_of,
)
from clinicdesk.core.errors import InvalidValue
from clinicdesk.ui.translation import fill


class VersionsPanel(QWidget):
    """The versions of the script shown in the editor.

    Attributes:
        side_by_side: whether the next save keeps the version in use beside the new one.

    Signals:
        used(object): another version (a `ScriptVersion`) is now the one in use.
    """

    used = Signal(object)

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.language = db, language
        self.script_id: int | None = None
        self.versions: list[ScriptVersion] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Saved"), self.tr("In use"), self.tr("Calls"),
             self.tr("Reached"), self.tr("Booked (conversion)")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setFixedHeight(130)
        self.use_button = QPushButton(self.tr("Use only this version"))
        self.beside_button = QPushButton(self.tr("Run it beside the one in use"))
        self.side_by_side = QCheckBox(self.tr("Save as a new version beside the one in use"))
        self.use_button.clicked.connect(lambda: self._use(beside=False))
        self.beside_button.clicked.connect(lambda: self._use(beside=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.side_by_side)
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.beside_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Versions (each call records the one read):")))
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_script(self, script_id: int | None) -> None:
        """Show the versions of `script_id` and what each gave (None: nothing)."""
        self.script_id = script_id
        self.versions = versions_of(self.db, script_id) if script_id is not None else []
        results = (
            {r.version_id: r for r in version_results(self.db, script_id)} if script_id else {}
        )
        self.table.setRowCount(len(self.versions))
        for row, v in enumerate(self.versions):
            r = results.get(v.id)
            calls, reached, booked = (r.calls, r.reached, r.booked) if r else (0, 0, 0)
            values = [
                str(v.version), v.created_at[:10], "✓" if v.active else "", str(calls),
                str(reached), fill(self.tr("%1 (%2)"), booked, f"{r.conversion:.0%}" if r else "—"),
            ]  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _use(self, beside: bool) -> None:
        row = self.table.currentRow()
        if self.script_id is None or not 0 <= row < len(self.versions):
            return
        chosen = self.versions[row]
        in_use = [v.id for v in self.versions if v.active and v.id != chosen.id][-1:]
        try:
            use_versions(self.db, self.script_id, [*in_use, chosen.id] if beside else [chosen.id])
        except InvalidValue as exc:
            QMessageBox.warning(self, self.tr("Not saved"), exc.message(self.language))
            return
        self.show_script(self.script_id)
        if not beside:
            self.used.emit(chosen)
