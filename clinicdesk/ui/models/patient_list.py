"""The patient list: ids from a search, rows fetched from the file a page at a time.

The first page comes with the search (`set_ids(ids, first)`, read on a reader), and a
refresh (new tiers, an edit) reads the rows again on a reader while the old ones stay on
screen: every page read on the GUI thread is SQL there (3-4 ms at 100,000 patients, four
times that beside an import or an engine run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db.lists import PatientRow, age, mask_mobile, patient_rows
from clinicdesk.core.db.sorting import sort_ids
from clinicdesk.core.db.tier_override import TierOverride, overrides_on
from clinicdesk.core.segmentation.params import MembershipParams
from clinicdesk.core.segmentation.referrals import membership_level
from clinicdesk.core.values import compact_fen, format_fen
from clinicdesk.ui.models.columns import NamedColumnsModel
from clinicdesk.ui.tier_view import TierView
from clinicdesk.ui.translation import fill
from clinicdesk.workers.runner import TaskRunner

PAGE = 100
IdRole = Qt.ItemDataRole.UserRole + 1
Reread = Callable[[Database], Callable[[], None]]  # on a reader; what it returns, on the GUI


@dataclass(frozen=True)
class FirstPage:
    """What a list shows first, read with the search: the rows of its first `PAGE` ids
    and the tiers fixed by hand."""

    rows: list[PatientRow]
    fixed: dict[int, TierOverride]


def first_page(db: Database, ids: list[int]) -> FirstPage:
    """The `FirstPage` of a list of `ids` (on a reader)."""
    return FirstPage(patient_rows(db, ids[:PAGE]), overrides_on(db, dt.date.today()))


class PatientListModel(NamedColumnsModel):
    """Search results: a list of patient ids, each row read when it is first shown.

    Attributes:
        ids: the patient ids, in display order.
        reveal_phones: show whole mobile numbers instead of 138****8000.
    """

    COLUMNS: tuple[str, ...] = (
        "name",
        "sex",
        "age",
        "mobile",
        "tier",
        "membership",
        "last_visit",
        "spend",
        "owner",
    )

    def __init__(self, db: Database, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.language = db, language
        self.ids: list[int] = []
        self.reveal_phones = False
        self.membership = MembershipParams()
        self.live_tiers: Mapping[int, str] | None = None  # the latest engine run, once there
        self._rows: dict[int, PatientRow] = {}
        self._list = 0  # which list `ids` is: one more at each `set_ids`
        self._fixed: dict[int, TierOverride] | None = None  # fixed by hand, read with rows
        self.runner: TaskRunner | None = None  # sorts off the GUI thread once set
        self._sort: tuple[int, Qt.SortOrder] | None = None  # kept for the next list
        self._headers = {
            "name": self.tr("Name"),
            "sex": self.tr("Sex"),
            "age": self.tr("Age"),
            "mobile": self.tr("Mobile"),
            "tier": self.tr("Tier"),
            "membership": self.tr("Membership"),
            "last_visit": self.tr("Last visit"),
            "spend": self.tr("Total spend"),
            "owner": self.tr("Owner"),
        }

    def set_ids(self, ids: list[int], first: FirstPage | None = None) -> None:
        """Show these patients (the rows are read as they are shown, but for `first`)."""
        self.beginResetModel()
        self.ids = ids
        self._list += 1  # a refresh read for the list before is not this one's
        self._rows = {r.id: r for r in first.rows} if first else {}
        self._fixed = first.fixed if first else None
        self.endResetModel()
        if self._sort is not None:  # the sort chosen stays (a drill-down list, say)
            self.sort(*self._sort)

    def refresh(self) -> None:
        """Read the rows shown so far again (after an edit, new tiers), keeping the ids: on
        a reader once `runner` is set, the old rows shown meanwhile."""
        if self.runner is None or not self._rows:
            self._forget()
            self._changed()
            return
        listed, reread = self._list, self._rereader(list(self._rows))
        self.runner.read(
            lambda task: reread(task.db),
            owner=self,
            key="rows",
            success=lambda apply: self._reread_shown(listed, apply),
        )

    def _forget(self) -> None:
        self._rows, self._fixed = {}, None

    def _changed(self) -> None:
        if self.ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.ids) - 1, len(self.COLUMNS) - 1)
            )

    def _rereader(self, ids: list[int]) -> Reread:
        """The work that reads `ids` again (on a reader: it reads no attribute of the
        model) and returns what puts them in place (on the GUI thread)."""
        today = dt.date.today()

        def read(db: Database) -> Callable[[], None]:
            rows, fixed = patient_rows(db, ids), overrides_on(db, today)

            def apply() -> None:
                self._rows, self._fixed = {r.id: r for r in rows}, fixed

            return apply

        return read

    def _reread_shown(self, listed: int, apply: Callable[[], None]) -> None:
        if listed != self._list:
            return  # another list came meanwhile (a sort is the same list, in another order)
        apply()
        self._changed()

    def set_segmentation(self, view: TierView) -> None:
        """Show the tiers of the latest engine run (saved or not) instead of the last
        saved run's, and the clinic's own membership levels, so the list agrees with
        the file beside it."""
        self.live_tiers = view.tier
        self.membership = view.result.params.membership
        self.refresh()

    def _show_sorted(self, before: list[int], ids: list[int]) -> None:
        if before is not self.ids:
            return  # another list came meanwhile
        self.beginResetModel()
        self.ids = ids
        self.endResetModel()

    def row_of(self, patient_id: int) -> int | None:
        """The row showing `patient_id`, if it is in the list."""
        try:
            return self.ids.index(patient_id)
        except ValueError:
            return None

    def patient(self, row: int) -> PatientRow | None:
        """The row's patient, read from the file with its page if needed."""
        if not 0 <= row < len(self.ids):
            return None
        pid = self.ids[row]
        if pid not in self._rows:
            start = row - row % PAGE
            for r in patient_rows(self.db, self.ids[start : start + PAGE]):
                self._rows[r.id] = r
        if self._fixed is None:  # read with the rows, never for a list nobody looks at
            self._fixed = overrides_on(self.db, dt.date.today())
        return self._rows.get(pid)

    # Qt model interface

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order) if column >= 0 else None
        if column < 0 or not self.ids:
            return
        ids, name = self.ids, self.COLUMNS[column]
        computed, fixed = self.live_tiers or {}, self._fixed or {}
        descending = order == Qt.SortOrder.DescendingOrder

        def work(db: Database) -> list[int]:
            tiers = {**computed, **{pid: o.tier for pid, o in fixed.items()}}
            return sort_ids(db, ids, name, descending, tiers)

        if self.runner is None:
            self._show_sorted(ids, work(self.db))
        else:
            self.runner.read(
                lambda task: work(task.db),
                owner=self,
                key="sort",
                success=lambda done: self._show_sorted(ids, done),
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role == IdRole:
            return self.ids[index.row()]
        row = self.patient(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, self.COLUMNS[index.column()])
        if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[index.column()] == "tier":
            return self._tier_tip(row)
        if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[index.column()] == "spend":
            return format_fen(row.spend_fen)  # the column shows it shortened
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[index.column()] in (
            "age",
            "spend",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _computed_tier(self, row: PatientRow) -> str | None:
        return self.live_tiers.get(row.id) if self.live_tiers is not None else row.tier

    def _tier_tip(self, row: PatientRow) -> str | None:
        fixed = (self._fixed or {}).get(row.id)
        if fixed is None:
            return None
        computed = self._computed_tier(row) or self.tr("none")
        return fill(
            self.tr("Fixed by hand until %1: %2. Computed: %3"), fixed.until, fixed.reason, computed
        )

    def _text(self, row: PatientRow, column: str) -> str:
        if column == "name":
            return row.name + (self.tr(" (archived)") if row.archived else "")
        if column == "sex":
            return {"F": self.tr("F"), "M": self.tr("M")}.get(row.sex or "", "")
        if column == "age":
            years = age(row.birth_date)
            return "" if years is None else str(years)
        if column == "mobile":
            return (row.mobile or "") if self.reveal_phones else mask_mobile(row.mobile)
        if column == "tier":
            fixed = (self._fixed or {}).get(row.id)
            return f"{fixed.tier} ✎" if fixed else self._computed_tier(row) or ""
        if column == "membership":
            level = membership_level(row.spend_fen, self.membership)
            return i18n.code_name("membership", level, self.language)
        if column == "last_visit":
            return row.last_visit or ""
        if column == "spend":
            return compact_fen(row.spend_fen, self.language)
        return row.owner or ""
