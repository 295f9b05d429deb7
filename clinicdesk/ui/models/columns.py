"""A table model whose columns are named: `COLUMNS` in order, their headers in `_headers`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class NamedColumnsModel(QAbstractTableModel):
    """The column count and horizontal headers of a table with named columns; a subclass
    sets `COLUMNS` and fills `_headers` ({column: translated header})."""

    COLUMNS: tuple[str, ...] = ()
    _headers: dict[str, str]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[self.COLUMNS[section]]
        return None
