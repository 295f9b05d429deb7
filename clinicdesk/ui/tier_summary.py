"""The tier overview's shared pieces, for the engine's and the predicted-value tiers
alike: the summary table, one row per tier, and the page's layout."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTableWidget, QTableWidgetItem, QWidget

from clinicdesk.core.segmentation.tiers import TIERS, TierSummary


def fill_summary(
    table: QTableWidget, summaries: Mapping[str, TierSummary], money: Callable[[int], str]
) -> None:
    """Fill `table`'s rows: tier, patients, % patients, money, % money, average, visits
    (the money written by `money`)."""
    table.setRowCount(len(TIERS))
    for row, tier in enumerate(TIERS):
        s = summaries[tier]
        cells = [
            tier,
            f"{s.patients:,}",
            f"{s.patient_share:.1%}",
            money(s.revenue_fen),
            f"{s.revenue_share:.1%}",
            money(s.average_revenue_fen),
            f"{s.visits:,}",
        ]
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))


def charts_over_lists(charts: QWidget, left: QWidget, right: QWidget) -> QSplitter:
    """The page's body: the charts above; the summary (`left`) and a list (`right`) below."""
    bottom = QSplitter()
    bottom.addWidget(left)
    bottom.addWidget(right)
    bottom.setSizes([520, 620])
    body = QSplitter(Qt.Orientation.Vertical)
    body.addWidget(charts)
    body.addWidget(bottom)
    body.setSizes([330, 330])
    return body
