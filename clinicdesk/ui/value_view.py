"""The tier overview's "predicted value" measure: who matters from now on.

Shown in place of the engine's tiers when the measure is predicted value: ABC tiers on
each patient's lifetime value (their Pareto curve and shares), the calibration check
beside them (would the model have foreseen the last months?), each tier's totals, and
the "valuable but slipping" list to drill into. Everything comes computed from the
window's value run (`ValueSource`); the charts are rendered on a reader.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinicdesk.core import i18n
from clinicdesk.core.value.overview import ValueOverview, forecast_yuan
from clinicdesk.core.value.report import check_sentence
from clinicdesk.ui.columns import fit_columns
from clinicdesk.ui.models.patient_list import IdRole
from clinicdesk.ui.models.slipping import SlippingModel
from clinicdesk.ui.tier_summary import charts_over_lists, fill_summary
from clinicdesk.ui.translation import fill
from clinicdesk.ui.value_charts import ValueCharts
from clinicdesk.ui.value_source import ValueSource

SLIPPING_SAMPLES = {  # the widest text each column of the slipping list usually holds
    "name": "欧阳娜娜",
    "tier": "A",
    "clv": "¥9,999,999",
    "p_alive": "100%",
    "risk": "¥9,999,999",
    "last_visit": "2026-11-20",
}


class PredictedValueView(QWidget):
    """Predicted-value tiers, the calibration chart, totals and the slipping list.

    Signals:
        open_patient(int): a patient was double-clicked in the slipping list.
    """

    open_patient = Signal(int)

    def __init__(self, source: ValueSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 14px;")
        self.charts = ValueCharts(source.runner, source.language)
        self.summary = QTableWidget(0, 7)
        self.slipping = SlippingModel(self)
        self.slipping_view = QTableView()
        self._build()
        source.changed.connect(self._refresh)
        self._refresh()

    def _build(self) -> None:
        self.summary.setHorizontalHeaderLabels(
            [
                self.tr("Tier"),
                self.tr("Patients"),
                self.tr("% patients"),
                self.tr("Lifetime value"),
                self.tr("% value"),
                self.tr("Average"),
                fill(self.tr("Visits, next %1 months"), 12),
            ]
        )
        for table in (self.summary, self.slipping_view):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.summary.horizontalHeader()  # money of 100,000 patients is wide
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.slipping_view.setModel(self.slipping)
        # Sized by samples, not by reading the rows: Qt measured every cell of up to
        # 1,000 rows of Chinese names on each refresh (160 ms at 100,000 patients).
        fit_columns(self.slipping_view, SlippingModel.COLUMNS, SLIPPING_SAMPLES)
        self.slipping_view.horizontalHeader().setStretchLastSection(True)
        self.slipping_view.doubleClicked.connect(
            lambda index: self.open_patient.emit(index.data(IdRole))
        )
        self.slipping_title = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.headline)
        left_layout.addWidget(self.summary, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.slipping_title)
        right_layout.addWidget(self.slipping_view, 1)
        body = charts_over_lists(self.charts, left, right)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(body)

    def _refresh(self) -> None:
        overview = self.source.overview
        if overview is None:
            text = self.source.error or self.tr("Computing the lifetime values…")
            self.headline.setText(text)
            self.charts.show_note(text)
            self.summary.setRowCount(0)
            self.slipping.set_rows(())
            self._title(0)
            return
        self.charts.show_overview(overview)
        self.headline.setText(self._headline(overview))
        self._fill_summary(overview)
        self.slipping.set_rows(overview.slipping)
        self._title(len(overview.slipping))

    def _title(self, count: int) -> None:
        self.slipping_title.setText(
            fill(
                self.tr("Valuable but slipping (tier A/B, still coming below 50%): %1"),
                f"{count:,}",
            )
        )

    def _headline(self, overview: ValueOverview) -> str:
        result, check = overview.result, overview.result.check
        params = result.params
        language = self.source.language
        total = sum(s.revenue_fen for s in overview.summaries.values())
        if len(overview.assigned.ids) < 2:
            parts = [i18n.message("clv.no_spend", language, needed=check.needed)]
        else:
            parts = [
                fill(
                    self.tr(
                        "Lifetime value over the next %1 months (discounted %2 a month): %3 "
                        "for %4 patients; the top 20% hold %5."
                    ),
                    params.horizon_months,
                    f"{params.monthly_discount:.1%}",
                    forecast_yuan(total),
                    f"{len(overview.assigned.ids):,}",
                    f"{overview.top20_share:.0%}",
                )
            ]
        parts.append(check_sentence(check, language))
        return " ".join(parts)

    def _fill_summary(self, overview: ValueOverview) -> None:
        months = overview.result.params.forecast_months
        header = QTableWidgetItem(fill(self.tr("Visits, next %1 months"), months))
        self.summary.setHorizontalHeaderItem(6, header)
        fill_summary(self.summary, overview.summaries, forecast_yuan)
