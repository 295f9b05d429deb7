"""The tier overview's charts: the Pareto curve and the tiers' shares, or a note instead.

Drawing goes through one function, `draw`, given labels made on the GUI thread (they are
translated), so that an export can draw the same charts on a figure of its own in a
worker while the window's canvas stays the window's.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from clinicdesk.charts.fonts import use_cjk_fonts
from clinicdesk.charts.tiers import ParetoLabels, ShareLabels, plot_pareto, plot_tier_shares
from clinicdesk.core.export import written
from clinicdesk.core.segmentation import SegmentationResult
from clinicdesk.ui.translation import fill

FIGURE_SIZE = (10, 3.6)
Labels = tuple[ParetoLabels, ShareLabels]


class TierCharts(QStackedWidget):
    """The two charts of a run on a canvas, or a note (no run yet, too few patients).

    Attributes:
        figure, canvas: the window's matplotlib figure and its Qt canvas.
        empty: the label that replaces the charts when there is nothing to draw.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        use_cjk_fonts()
        self.figure = Figure(figsize=FIGURE_SIZE, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.addWidget(self.canvas)
        self.addWidget(self.empty)

    def show_note(self, text: str) -> None:
        """Show `text` instead of the charts."""
        self.empty.setText(text)
        self.setCurrentWidget(self.empty)

    def show_result(self, result: SegmentationResult) -> None:
        """Draw a run's charts (redrawn when the event loop is next idle)."""
        draw(self.figure, result, self.labels(result))
        self.setCurrentWidget(self.canvas)
        self.canvas.draw_idle()

    def labels(self, result: SegmentationResult) -> Labels:
        """The charts' texts in the window's language, for this run's measure."""
        measure = (
            self.tr("revenue") if result.params.tiers.measure == "revenue" else self.tr("visits")
        )
        pareto = ParetoLabels(
            self.tr("Pareto curve"),
            self.tr("Cumulative share of patients"),
            self.tr("Cumulative share of %1").replace("%1", measure),
            self.tr("Perfect equality"),
            fill(self.tr("Top 20% of patients → %1 of %2"), "{share}", measure),
            self.tr("Tier %1").replace("%1", "{tier}"),
        )
        shares = ShareLabels(
            self.tr("Share of patients and of revenue by tier"),
            self.tr("Share of patients"),
            self.tr("Share of revenue"),
        )
        return pareto, shares


def draw(figure: Figure, result: SegmentationResult, labels: Labels) -> None:
    """Draw a run's Pareto curve and tier shares on `figure` (any thread, its own figure)."""
    tiers = result.tiers
    figure.clear()
    plot_pareto(
        figure.add_subplot(1, 2, 1), tiers.curve_plot, tiers.summaries, tiers.top20_share, labels[0]
    )
    plot_tier_shares(figure.add_subplot(1, 2, 2), tiers.summaries, labels[1])


def save_charts(path: Path, result: SegmentationResult, labels: Labels) -> None:
    """Draw the charts on a figure of their own and save them as PNG, SVG or PDF (by the
    suffix); nothing is left behind if it fails."""
    figure = Figure(figsize=FIGURE_SIZE, layout="constrained")
    draw(figure, result, labels)
    with written(path) as partial:
        figure.savefig(partial, dpi=150, format=path.suffix.lstrip(".").lower())
