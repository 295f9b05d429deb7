"""The call tab's forecast chart: the next working days' due calls against the callers'
capacity.

It is drawn into an image of the widget's size in the chart process (`charts.process`,
asked for from a reader, which also finds the CJK fonts there, once): laying out a
matplotlib figure with Chinese text, or searching the system's fonts, takes too long for
the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from clinicdesk.charts import process
from clinicdesk.charts.calls import ForecastLabels, draw_forecast
from clinicdesk.charts.picture import Picture, draw_picture
from clinicdesk.core.calls import ForecastDay
from clinicdesk.ui.tier_charts import pixmap
from clinicdesk.workers.runner import TaskRunner


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
        """Have `forecast` drawn; it replaces the chart when ready."""
        self.forecast = tuple(forecast)
        labels, ratio = self.labels(), self.devicePixelRatioF()
        width, height = max(self.width(), 480), self.height()
        days = self.forecast
        self.runner.read(
            lambda _task: process.run(
                draw_picture, draw_forecast, days, labels, width, height, ratio
            ),
            owner=self,
            key="forecast",
            success=lambda rendered: self._on_rendered(rendered, ratio),
        )

    def _on_rendered(self, picture: Picture, ratio: float) -> None:
        self.setPixmap(pixmap(picture, ratio))
        self.rendered.emit()
