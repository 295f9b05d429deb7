"""The "valuable but slipping" list: rows computed in the worker, shown as they are."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from clinicdesk.core.value.overview import SlippingRow, forecast_yuan
from clinicdesk.ui.models.columns import NamedColumnsModel
from clinicdesk.ui.models.patient_list import IdRole

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class SlippingModel(NamedColumnsModel):
    """Valuable patients unlikely to come back, highest value at risk first.

    Attributes:
        rows: the patients shown, in order.
    """

    COLUMNS = ("name", "tier", "clv", "p_alive", "risk", "last_visit")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[SlippingRow, ...] = ()
        self._headers = {
            "name": self.tr("Name"),
            "tier": self.tr("Predicted tier"),
            "clv": self.tr("Lifetime value"),
            "p_alive": self.tr("Still coming"),
            "risk": self.tr("Value at risk"),
            "last_visit": self.tr("Last visit"),
        }

    def set_rows(self, rows: tuple[SlippingRow, ...]) -> None:
        """Show these rows."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    # Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.COLUMNS[index.column()]
        if role == IdRole:
            return row.patient_id
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("clv", "p_alive", "risk"):
            return _RIGHT
        return None


def _text(row: SlippingRow, column: str) -> str:
    if column == "name":
        return row.name
    if column == "tier":
        return row.tier
    if column == "clv":
        return forecast_yuan(row.clv_fen)
    if column == "p_alive":
        return f"{row.p_alive:.0%}"
    if column == "risk":
        return forecast_yuan(row.risk_fen)
    return row.last_visit.isoformat()
