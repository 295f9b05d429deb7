"""The call list as a table: one row per patient to phone, and its filters.

The must-call part comes first (tinted, "必打" in the priority column), then the part
filled by priority; a column header sorts (`SORT_ROLE`), and `CallFilter` keeps the rows
of one reason, tier, owner or lapse status, or those matching a search.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from clinicdesk.core.calls import CallEntry
from clinicdesk.core.calls.priority import explain
from clinicdesk.core.calls.rules import REASONS
from clinicdesk.core.db.lists import mask_mobile
from clinicdesk.ui.models.columns import NamedColumnsModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_ROLE = Qt.ItemDataRole.UserRole + 2  # "1": the row passes the filters (`CallFilter`)
MUST_CALL_TINT = QColor("#fdf2e9")
_TIER_RANK = {"A": 0, "B": 1, "C": 2}


class CallListModel(NamedColumnsModel):
    """The day's entries; rows leave the list as their calls are logged.

    Attributes:
        statuses: each listed patient's lapse status (for the filter), from the worker.
    """

    COLUMNS = ("name", "tier", "reasons", "tries", "last_try", "mobile", "owner", "priority")

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.entries: list[CallEntry] = []
        self.statuses: dict[int, str] = {}
        self.filters = Filters()  # `CallFilter`'s, for `SHOWN_ROLE`
        self.reveal_phones = False
        self._headers = {
            "name": self.tr("Name"),
            "tier": self.tr("Tier"),
            "reasons": self.tr("Why"),
            "tries": self.tr("Tries"),
            "last_try": self.tr("Last try"),
            "mobile": self.tr("Mobile"),
            "owner": self.tr("Owner"),
            "priority": self.tr("Priority"),
        }

    def set_entries(self, entries: list[CallEntry], statuses: dict[int, str] | None = None) -> None:
        """Show a new list (`statuses`: the patients' lapse statuses)."""
        self.beginResetModel()
        self.entries = list(entries)
        self.statuses = statuses or {}
        self.endResetModel()

    def remove(self, row: int) -> None:
        """Take a row off the list (its call was logged)."""
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.entries[row]
        self.endRemoveRows()

    def row_of(self, patient_id: int) -> int | None:
        """The row of a patient, None if they are not on the list."""
        return next((i for i, e in enumerate(self.entries) if e.patient_id == patient_id), None)

    def show_phones(self, reveal: bool) -> None:
        """Show the numbers in full or masked."""
        self.reveal_phones = reveal
        if self.entries:
            column = self.COLUMNS.index("mobile")
            self.dataChanged.emit(self.index(0, column), self.index(len(self.entries) - 1, column))

    # Qt model interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry, column = self.entries[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == SORT_ROLE:
            return _sort_key(entry, column)
        if role == SHOWN_ROLE:
            return "1" if accepts(entry, self.filters, self.statuses) else ""
        if role == Qt.ItemDataRole.BackgroundRole and entry.must_call:
            return MUST_CALL_TINT
        if role == Qt.ItemDataRole.ForegroundRole and entry.alarm and column == "name":
            return QColor("#b00020")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        return None

    def _text(self, entry: CallEntry, column: str) -> str:
        if column == "reasons":
            return entry.why(self.language)
        if column == "mobile":
            return entry.mobile if self.reveal_phones else mask_mobile(entry.mobile)
        if column == "tries":
            return str(entry.tries) if entry.tries else ""
        if column == "priority":
            return self.tr("Must call") if entry.must_call else str(entry.priority.score)
        return getattr(entry, column) or ""

    def _tooltip(self, entry: CallEntry, column: str) -> str | None:
        if column == "reasons":
            return "\n".join(detail for _, detail in entry.reasons)
        if column == "priority":
            if entry.must_call:
                return self.tr("Must be called today: %1").replace("%1", entry.why(self.language))
            return explain(entry.priority, self.language, entry.at_risk_fen)
        return None


def _sort_key(entry: CallEntry, column: str) -> Any:
    if column == "tier":
        return _TIER_RANK.get(entry.tier or "", 3)
    if column == "reasons":
        return REASONS.index(entry.reason) if entry.reason in REASONS else len(REASONS)
    if column == "priority":  # the must-calls above every priority
        return entry.priority.score + (10**9 if entry.must_call else 0)
    if column in ("tries",):
        return entry.tries
    return str(getattr(entry, column) or "")


@dataclass
class Filters:
    """What the list is narrowed to (None or "": everything)."""

    reason: str | None = None
    tier: str | None = None
    owner: int | None = None
    status: str | None = None
    text: str = ""

    def narrow(self) -> bool:
        """Whether any row can fail them."""
        return bool(self.reason or self.tier or self.owner is not None or self.status
                    or self.text.strip())  # fmt: skip


class CallFilter(QSortFilterProxyModel):
    """The list as shown: filtered by `Filters`, sorted by a clicked header.

    Without a filter, Qt shows every row without a call into Python (an empty filter
    string); with one, it asks each row's `SHOWN_ROLE` once. A Python `filterAcceptsRow`
    was called for every row of every new list: each call takes the GIL again, and beside
    a busy worker 3,441 of them took 343-666 ms of the GUI thread (see `app.application`).
    """

    def __init__(self, model: CallListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.calls = model
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(SHOWN_ROLE)
        self.setFilterKeyColumn(0)

    def set_filters(self, filters: Filters) -> None:
        """Narrow the list to `filters`."""
        self.beginFilterChange()
        self.calls.filters = filters  # what `SHOWN_ROLE` tells
        self.setFilterFixedString("1" if filters.narrow() else "")
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def entry(self, row: int) -> CallEntry | None:
        """The entry shown in `row`, None outside the list."""
        if not 0 <= row < self.rowCount():
            return None
        return self.calls.entries[self.mapToSource(self.index(row, 0)).row()]

    def row_of(self, patient_id: int) -> int | None:
        """The shown row of a patient, None if they are not shown."""
        source = self.calls.row_of(patient_id)
        if source is None:
            return None
        row = self.mapFromSource(self.calls.index(source, 0)).row()
        return row if row >= 0 else None


def accepts(entry: CallEntry, filters: Filters, statuses: dict[int, str]) -> bool:
    """Whether `entry` passes `filters` (the search looks in the name, phone and owner)."""
    f = filters
    if f.reason and f.reason not in {r for r, _ in entry.reasons}:
        return False
    if f.tier and (entry.tier or "-") != f.tier:
        return False
    if f.owner is not None and entry.owner_id != f.owner:
        return False
    if f.status and statuses.get(entry.patient_id) != f.status:
        return False
    text = f.text.strip().lower()
    return not text or any(
        text in (v or "").lower() for v in (entry.name, entry.mobile, entry.owner)
    )
