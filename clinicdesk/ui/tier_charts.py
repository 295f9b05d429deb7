"""The tier overview's charts: the Pareto curve and the tiers' shares, or a note instead.

Laying out and drawing the two charts takes the better part of a second on a reception
PC (constrained layout, Chinese text), and matplotlib holds the GIL in long calls while it
draws: they are drawn in the chart process (`charts.process`), asked for from a reader,
into an image of the widget's size, and shown when ready (the previous image stays
meanwhile); a resize draws them again. Drawing goes through one painter per chart, with
labels made on the GUI thread (they are translated), so the window's image and an
exported file show the same charts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QWidget

from clinicdesk.charts import process
from clinicdesk.charts.picture import Painter, Picture, draw_picture, save_picture
from clinicdesk.charts.tiers import ParetoLabels, ShareLabels, TierChartData, draw_tiers
from clinicdesk.core.segmentation import SegmentationResult
from clinicdesk.ui.translation import fill
from clinicdesk.workers.runner import TaskRunner

FIGURE_SIZE = (10, 3.6)
RESIZE_DELAY_MS = 150
Labels = tuple[ParetoLabels, ShareLabels]


class TierCharts(QStackedWidget):
    """The two charts of a run as an image, or a note (no run yet, too few patients).

    Attributes:
        image: the label showing the rendered charts.
        empty: the label that replaces them when there is nothing to draw.
        picture: the charts last drawn (None before the first).

    Signals:
        rendered(): new charts are on screen.
    """

    rendered = Signal()

    def __init__(
        self, runner: TaskRunner, language: str = "zh_CN", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner, self.language = runner, language
        self.picture: Picture | None = None
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.addWidget(self.image)
        self.addWidget(self.empty)
        self.shown: tuple[Any, Any] | None = None  # the painter's data and labels on screen
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_DELAY_MS)
        self._resized.timeout.connect(self._render)

    def show_note(self, text: str) -> None:
        """Show `text` instead of the charts."""
        self.shown = None
        self.empty.setText(text)
        self.setCurrentWidget(self.empty)

    def show_result(self, result: SegmentationResult) -> None:
        """Have a run's charts drawn; they replace the image when ready."""
        self.shown = (TierChartData.of(result), self.labels(result))
        self._render()

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
        visits = result.params.tiers.measure == "visits"
        shares = ShareLabels(
            self.tr("Share of patients and of visits by tier")
            if visits
            else self.tr("Share of patients and of revenue by tier"),
            self.tr("Share of patients"),
            self.tr("Share of visits") if visits else self.tr("Share of revenue"),
            self.language,
        )
        return pareto, shares

    def _render(self) -> None:
        if self.shown is None:
            return
        (data, labels), ratio = self.shown, self.devicePixelRatioF()
        width, height, painter = max(self.width(), 400), max(self.height(), 200), self.painter()
        self.runner.read(
            lambda _task: process.run(draw_picture, painter, data, labels, width, height, ratio),
            owner=self,
            key="charts",
            success=lambda picture: self._on_rendered(picture, ratio),
        )

    def _on_rendered(self, picture: Picture, ratio: float) -> None:
        self.picture = picture
        self.image.setPixmap(pixmap(picture, ratio))
        if self.shown is not None:
            self.setCurrentWidget(self.image)
        self.rendered.emit()

    def painter(self) -> Painter:
        """The function that draws these charts (a subclass's charts have their own)."""
        return draw_tiers

    # Qt overrides

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.shown is not None:
            self._resized.start()


def pixmap(picture: Picture, ratio: float) -> QPixmap:
    """A drawn chart as a pixmap for a screen of pixel `ratio`."""
    width, height = picture.width, picture.height
    image = QImage(picture.pixels, width, height, 4 * width, QImage.Format.Format_RGBA8888)
    shown = QPixmap.fromImage(image)  # a copy: the bytes may go
    shown.setDevicePixelRatio(ratio)
    return shown


def save_charts(path: Path, result: SegmentationResult, labels: Labels) -> None:
    """Draw a run's charts on a figure of their own and save them as PNG, SVG or PDF (by
    the suffix); nothing is left behind if it fails."""
    process.run(save_picture, draw_tiers, TierChartData.of(result), labels, path, FIGURE_SIZE)
