"""The tier overview's summary table, one row per tier, for the engine's and the
predicted-value tiers alike."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

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
