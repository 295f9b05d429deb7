"""The call tab's forecast chart: the next working days' due calls against the callers'
capacity.

It is drawn on a reader into an image of the widget's size by the tier overview's
`render` (which also finds the CJK fonts there, once): laying out a matplotlib figure
with Chinese text, or searching the system's fonts, takes too long for the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from clinicdesk.charts.calls import ForecastLabels, plot_forecast
from clinicdesk.core.calls import ForecastDay
from clinicdesk.ui.tier_charts import Rendered, render
from clinicdesk.workers.runner import TaskRunner

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class ForecastChart(QLabel):
    """The forecast of due calls per working day, as an image rendered on a reader.

    Signals:
        rendered(): a new chart is on screen.
    """

    rendered = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.forecast: tuple[ForecastDay, ...] = ()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(170)

    def labels(self) -> ForecastLabels:
        """The chart's words in the window's language."""
        return ForecastLabels(
            self.tr("Due calls, next working days"),
            self.tr("Must call"),
            self.tr("Newly due"),
            self.tr("Waiting"),
            self.tr("Calls the callers can make"),
        )

    def show_forecast(self, forecast: Sequence[ForecastDay]) -> None:
        """Render `forecast` on a reader; it replaces the chart when ready."""
        self.forecast = tuple(forecast)
        labels, ratio = self.labels(), self.devicePixelRatioF()
        width, height = max(self.width(), 480), self.height()
        days = self.forecast
        self.runner.read(
            lambda _task: render(days, labels, width, height, ratio, _paint),
            owner=self,
            key="forecast",
            success=lambda rendered: self._on_rendered(rendered, ratio),
        )

    def _on_rendered(self, rendered: Rendered, ratio: float) -> None:
        _figure, pixels, width, height = rendered
        image = QImage(pixels, width, height, 4 * width, QImage.Format.Format_RGBA8888)
        pixmap = QPixmap.fromImage(image)  # a copy: the bytes may go
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)
        self.rendered.emit()


def _paint(figure: Figure, forecast: Sequence[ForecastDay], labels: ForecastLabels) -> None:
    plot_forecast(figure.add_subplot(), forecast, labels)
