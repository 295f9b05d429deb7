"""The predicted-value charts in the tier overview, rendered like the engine's.

Lifetime value's Pareto curve and tier shares, and the calibration check, drawn by
`charts.value.draw_value` into an image in the chart process (`TierCharts`' way: laying
out three charts with Chinese text is too slow for the GUI thread, and holds the GIL).
"""

from __future__ import annotations

from dataclasses import replace

from clinicdesk.charts.calibration import CalibrationLabels
from clinicdesk.charts.picture import Painter
from clinicdesk.charts.tiers import ParetoLabels, ShareLabels
from clinicdesk.charts.value import ValueChartData, ValueLabels, draw_value
from clinicdesk.core import i18n
from clinicdesk.core.value.overview import ValueOverview
from clinicdesk.core.value.report import check_sentence
from clinicdesk.ui.tier_charts import TierCharts
from clinicdesk.ui.translation import fill


class ValueCharts(TierCharts):
    """The three predicted-value charts as an image, or a note (computing, no forecast)."""

    def painter(self) -> Painter:
        return draw_value

    def show_overview(self, overview: ValueOverview) -> None:
        """Have the overview's charts drawn; they replace the image when ready."""
        self.shown = (ValueChartData.of(overview), self.value_labels(overview))
        self._render()

    def value_labels(self, overview: ValueOverview) -> ValueLabels:
        """The charts' texts in the window's language (the sentences say this run's
        numbers: too little history for the check, too few patients with spend)."""
        measure = self.tr("lifetime value")
        pareto = ParetoLabels(
            self.tr("Pareto curve of lifetime value"),
            self.tr("Cumulative share of patients"),
            fill(self.tr("Cumulative share of %1"), measure),
            self.tr("Perfect equality"),
            fill(self.tr("Top 20% of patients → %1 of %2"), "{share}", measure),
            fill(self.tr("Tier %1"), "{tier}"),
        )
        shares = ShareLabels(
            self.tr("Share of patients and of lifetime value by tier"),
            self.tr("Share of patients"),
            self.tr("Share of lifetime value"),
            self.language,
        )
        check = CalibrationLabels(
            self.tr("Model check: visits after the cut-off"),
            fill(self.tr("Visits up to %1"), "{cutoff}"),
            self.tr("Mean visits after it"),
            self.tr("Predicted"),
            self.tr("Actual"),
            "",  # the check's own sentence, set per run (`show_overview`)
        )
        result, language = overview.result, self.runner.language
        return ValueLabels(
            pareto,
            shares,
            replace(check, too_little=check_sentence(result.check, language)),
            i18n.message("clv.no_spend", language, needed=result.check.needed),
        )
