"""The call tab's forecast chart: the next working days' due calls against the callers'
capacity.

It is drawn on a reader into an image of the widget's size, as the tier overview's
charts are: laying out a matplotlib figure with Chinese text takes too long for the GUI
thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from clinicdesk.charts.calls import ForecastLabels, plot_forecast
from clinicdesk.core.calls import ForecastDay
from clinicdesk.workers.runner import TaskRunner

Rendered = tuple[bytes, int, int]  # RGBA pixels, width, height


class ForecastChart(QLabel):
    """The forecast of due calls per working day, as an image rendered on a reader.

    Signals:
        rendered(): a new chart is on screen.
    """

    rendered = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._fonts = False
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
        if not self._fonts:  # once, on the GUI thread, before the first chart is drawn
            from clinicdesk.charts.fonts import use_cjk_fonts

            use_cjk_fonts()
            self._fonts = True
        labels, ratio = self.labels(), self.devicePixelRatioF()
        width, height = max(self.width(), 480), self.height()
        days = self.forecast
        self.runner.read(
            lambda _task: render(days, labels, width, height, ratio),
            owner=self,
            key="forecast",
            success=lambda rendered: self._on_rendered(rendered, ratio),
        )

    def _on_rendered(self, rendered: Rendered, ratio: float) -> None:
        pixels, width, height = rendered
        image = QImage(pixels, width, height, 4 * width, QImage.Format.Format_RGBA8888)
        pixmap = QPixmap.fromImage(image)  # a copy: the bytes may go
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)
        self.rendered.emit()


def render(
    forecast: Sequence[ForecastDay], labels: ForecastLabels, width: int, height: int, ratio: float
) -> Rendered:
    """The forecast drawn into pixels of `width` × `height` at the screen's pixel `ratio`
    (any thread: the figure is its own). matplotlib is imported here, on the reader."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width / 100, height / 100), dpi=100 * ratio, layout="constrained")
    plot_forecast(figure.add_subplot(), forecast, labels)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels_width, pixels_height = canvas.get_width_height(physical=True)
    return bytes(canvas.buffer_rgba()), pixels_width, pixels_height
