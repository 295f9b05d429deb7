"""The call list as a table: one row per patient to phone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clinicdesk.core.calls import CallEntry
from clinicdesk.core.db.lists import mask_mobile


class CallListModel(QAbstractTableModel):
    """The day's entries; rows leave the list as their calls are logged."""

    COLUMNS = ("name", "tier", "reasons", "mobile", "owner")

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.entries: list[CallEntry] = []
        self.reveal_phones = False
        self._headers = {
            "name": self.tr("Name"),
            "tier": self.tr("Tier"),
            "reasons": self.tr("Why"),
            "mobile": self.tr("Mobile"),
            "owner": self.tr("Owner"),
        }

    def set_entries(self, entries: list[CallEntry]) -> None:
        """Show a new list."""
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def remove(self, row: int) -> None:
        """Take a row off the list (its call was logged)."""
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.entries[row]
        self.endRemoveRows()

    # Qt model interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "reasons":
                return entry.why(self.language)
            if column == "mobile":
                return entry.mobile if self.reveal_phones else mask_mobile(entry.mobile)
            return getattr(entry, column) or ""
        if role == Qt.ItemDataRole.ForegroundRole and entry.alarm and column == "name":
            return QColor("#b00020")
        if role == Qt.ItemDataRole.ToolTipRole and column == "reasons":
            return "\n".join(detail for _, detail in entry.reasons)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[self.COLUMNS[section]]
        return None
