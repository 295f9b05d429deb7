"""Table columns sized to what they hold (never ¥1,048,992,… cut), and remembered."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView

PADDING = 16  # a header's margins and the sort arrow
CELL_PADDING = 10  # a cell's margins
PATIENT_SAMPLES = {  # the widest text each column of a patient list usually holds
    "name": "欧阳娜娜",
    "sex": "女",
    "age": "99",
    "mobile": "150****5214",
    "match": "拼音首字母",
    "tier": "A ✎",
    "membership": "钻石会员",
    "last_visit": "2026-11-20",
    "spend": "¥9,999万",  # shortened (compact_fen): ¥9,999万 / ¥999.9k at most
    "owner": "王小明",
}


def fit_columns(view: QTableView, columns: tuple[str, ...], samples: dict[str, str]) -> None:
    """Give each column the width of its widest sample or header text (not by reading
    rows: a list of 100,000 patients is read a page at a time)."""
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    model = view.model()
    for number, column in enumerate(columns):
        title = str(model.headerData(number, header.orientation()) or "")
        cell = metrics.horizontalAdvance(samples.get(column, "")) + CELL_PADDING
        header.resizeSection(number, max(metrics.horizontalAdvance(title) + PADDING, cell))
    view.verticalHeader().setDefaultSectionSize(metrics.height() + 8)


def remember(settings: QSettings, key: str, part: QHeaderView | QSplitter) -> None:
    """Keep a header's column widths or a splitter's positions under `key`."""
    settings.setValue(key, part.saveState())


def recall(settings: QSettings, key: str, part: QHeaderView | QSplitter) -> None:
    """Put back what `remember` kept (nothing if it was never kept)."""
    state = settings.value(key)
    if isinstance(state, QByteArray):
        part.restoreState(state)
