"""The predicted-value charts: lifetime value's Pareto curve and tier shares, and the
calibration check beside them (the tier overview's "predicted value" measure).

Labels come in as arguments (the caller translates them); Qt-free, tested on a Figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from clinicdesk.charts.calibration import CalibrationLabels, plot_calibration
from clinicdesk.charts.tiers import ParetoData, ParetoLabels, ShareLabels, plot_pareto_and_shares
from clinicdesk.core.value.calibration import Calibration
from clinicdesk.core.value.overview import ValueOverview

if TYPE_CHECKING:  # matplotlib loads with the first chart, not with the window
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class ValueLabels:
    """The words on the three charts; `no_value` replaces the first two when fewer than
    two patients have a lifetime value (too few patients spent for the spend model)."""

    pareto: ParetoLabels
    shares: ShareLabels
    calibration: CalibrationLabels
    no_value: str


class ValueChartData(NamedTuple):
    """What the three charts show of a value run (small: sent to the chart process whole).

    Attributes:
        valued: how many patients have a lifetime value (tiered).
    """

    valued: int
    pareto: ParetoData
    check: Calibration

    @classmethod
    def of(cls, overview: ValueOverview) -> ValueChartData:
        pareto = ParetoData(tuple(overview.curve), overview.summaries, overview.top20_share)
        return cls(len(overview.assigned.ids), pareto, overview.result.check)


def draw_value(figure: Figure, data: ValueChartData, labels: ValueLabels) -> None:
    """Draw the Pareto curve and tier shares of lifetime value and the calibration chart
    side by side on `figure` (any thread: the figure is the caller's own)."""
    figure.clear()
    pareto, shares, check = (figure.add_subplot(1, 3, i) for i in (1, 2, 3))
    if data.valued < 2:
        for ax in (pareto, shares):
            _note(ax, labels.no_value)
    else:
        plot_pareto_and_shares(pareto, shares, data.pareto, labels.pareto, labels.shares)
    plot_calibration(check, data.check, labels.calibration)


def _note(ax: Axes, text: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True, transform=ax.transAxes)
