"""The calibration chart: visits predicted against visits that happened, by prior visits.

The BTYD literature's calibration-vs-holdout plot: for patients grouped by how many
times they had come before the cut-off, their mean visits after it as the model foresaw
them and as they were. Labels come in as arguments (the caller translates them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinicdesk.core.value.calibration import MAX_PRIOR, Calibration

if TYPE_CHECKING:  # matplotlib loads with the first chart, not with the window
    from matplotlib.axes import Axes

PREDICTED, ACTUAL = "#2980b9", "#2c3e50"


@dataclass(frozen=True)
class CalibrationLabels:
    """The words on the calibration chart."""

    title: str
    x: str  # with {cutoff}: "visits up to {cutoff}"
    y: str
    predicted: str
    actual: str
    too_little: str  # shown instead of the chart below the history needed


def plot_calibration(ax: Axes, check: Calibration, labels: CalibrationLabels) -> None:
    """Mean predicted and actual visits after the cut-off, by visits before it; or, with
    too little history, only the sentence saying so."""
    if not check.enough:
        ax.set_axis_off()
        ax.text(0.5, 0.5, labels.too_little, ha="center", va="center", transform=ax.transAxes)
        return
    positions = range(len(check.rows))
    ax.plot(positions, [r.actual for r in check.rows], marker="o", color=ACTUAL,
            linewidth=2, label=labels.actual)  # fmt: skip
    ax.plot(positions, [r.predicted for r in check.rows], marker="s", color=PREDICTED,
            linestyle="--", linewidth=2, label=labels.predicted)  # fmt: skip
    ax.set_xticks(list(positions))
    ax.set_xticklabels([_group(r.prior_visits) for r in check.rows])
    ax.set_ylim(bottom=0)
    ax.set_xlabel(labels.x.format(cutoff=check.cutoff.isoformat()))
    ax.set_ylabel(labels.y)
    ax.set_title(labels.title)
    ax.legend(loc="upper left", frameon=False)
    ax.grid(alpha=0.3)


def _group(prior_visits: int) -> str:
    return f"{prior_visits}+" if prior_visits == MAX_PRIOR else str(prior_visits)
