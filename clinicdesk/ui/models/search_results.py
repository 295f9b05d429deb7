"""The patient tab's results: the patient list with why each row matched the search, the
matching digits of the phone marked, and likely duplicates flagged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db.lists import PatientRow
from clinicdesk.core.db.search import Hit
from clinicdesk.core.db.search_results import SearchRow, describe
from clinicdesk.ui.models.highlight import HighlightRole
from clinicdesk.ui.models.patient_list import PAGE, FirstPage, PatientListModel, Reread


class SearchResultsModel(PatientListModel):
    """Search results with a "matched by" column (empty without search text).

    Attributes:
        text: the search text the rows were found for.
    """

    COLUMNS = (*PatientListModel.COLUMNS[:4], "match", *PatientListModel.COLUMNS[4:])

    def __init__(self, db: Database, language: str, parent: QObject | None = None) -> None:
        super().__init__(db, language, parent)
        self._headers["match"] = self.tr("Matched by")
        self.text = ""
        self._matches: dict[int, str] = {}
        self._found: dict[int, SearchRow] = {}

    def set_hits(
        self, text: str, hits: list[Hit], first: tuple[FirstPage, list[SearchRow]] | None = None
    ) -> None:
        """Show the patients found for `text`, best first (`first`: the first page's rows
        and result lines, read with the search)."""
        self.text = text
        self._matches = {hit.patient_id: hit.match for hit in hits}
        self._found = {line.patient_id: line for line in first[1]} if first else {}
        self.set_ids([hit.patient_id for hit in hits], first[0] if first else None)

    def set_recent(self, ids: list[int], first: FirstPage | None = None) -> None:
        """Show patients without search text (seen lately, then the newest files)."""
        self.text, self._matches, self._found = "", {}, {}
        self.set_ids(ids, first)

    def _forget(self) -> None:
        self._found = {}
        super()._forget()

    def _rereader(self, ids: list[int]) -> Reread:
        rows = super()._rereader(ids)
        text, reveal = self.text, self.reveal_phones
        hits = [Hit(pid, self._matches[pid]) for pid in self._found]

        def read(db: Database) -> Callable[[], None]:
            put_rows = rows(db)
            lines = describe(db, text, hits, reveal=reveal) if hits else []

            def apply() -> None:
                put_rows()
                self._found = {line.patient_id: line for line in lines}

            return apply

        return read

    def found(self, row: int) -> SearchRow | None:
        """Why the row's patient was found (None without search text)."""
        if not self._matches or not 0 <= row < len(self.ids):
            return None
        pid = self.ids[row]
        if pid not in self._found:
            start = row - row % PAGE
            page = [Hit(i, self._matches[i]) for i in self.ids[start : start + PAGE]]
            for line in describe(self.db, self.text, page, reveal=self.reveal_phones):
                self._found[line.patient_id] = line
        return self._found.get(pid)

    def _text(self, row: PatientRow, column: str) -> str:
        return "" if column == "match" else super()._text(row, column)

    # Qt model interface

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        column = self.COLUMNS[index.column()] if index.isValid() else ""
        line = self.found(index.row()) if column in ("name", "mobile", "match") else None
        if line is None:
            return super().data(index, role)
        if column == "mobile" and role == Qt.ItemDataRole.DisplayRole:
            return line.phone
        if column == "mobile" and role == HighlightRole:
            return line.highlight
        if column == "match" and role == Qt.ItemDataRole.DisplayRole:
            return i18n.message(f"search.match.{line.match}", self.language)
        if column == "name" and line.duplicates and role == Qt.ItemDataRole.ToolTipRole:
            numbers = ", ".join(str(i) for i in line.duplicates)
            return self.tr("May be the same person as file no. %1").replace("%1", numbers)
        if column == "name" and line.duplicates and role == Qt.ItemDataRole.DisplayRole:
            return super().data(index, role) + " ⚠"
        return super().data(index, role)
