"""The tier overview's charts: the Pareto curve and the tiers' shares, or a note instead.

Laying out and drawing the two charts takes the better part of a second on a reception
PC (constrained layout, Chinese text), too long for the GUI thread: they are rendered on
a reader into an image of the widget's size, and shown when ready (the previous image
stays meanwhile); a resize renders them again. Drawing goes through one function,
`draw`, with labels made on the GUI thread (they are translated), so the window's image
and an exported file show the same charts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QWidget

from clinicdesk.charts.tiers import ParetoLabels, ShareLabels, plot_pareto, plot_tier_shares
from clinicdesk.core.export import written
from clinicdesk.core.segmentation import SegmentationResult
from clinicdesk.ui.translation import fill
from clinicdesk.workers.runner import TaskRunner

if TYPE_CHECKING:  # matplotlib loads with the first drawing, on a reader
    from matplotlib.figure import Figure

FIGURE_SIZE = (10, 3.6)
RESIZE_DELAY_MS = 150
Labels = tuple[ParetoLabels, ShareLabels]
Rendered = tuple["Figure", bytes, int, int]  # the figure, its RGBA pixels, width, height


class TierCharts(QStackedWidget):
    """The two charts of a run as an image, or a note (no run yet, too few patients).

    Attributes:
        image: the label showing the rendered charts.
        empty: the label that replaces them when there is nothing to draw.
        figure: the figure last rendered (None before the first).

    Signals:
        rendered(): new charts are on screen.
    """

    rendered = Signal()
    painter: Callable[[Figure, Any, Any], None] | None = None  # a subclass's charts; None: draw

    def __init__(
        self, runner: TaskRunner, language: str = "zh_CN", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner, self.language = runner, language
        self.figure: Figure | None = None
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.addWidget(self.image)
        self.addWidget(self.empty)
        self._shown: tuple[Any, Any] | None = None  # what is drawn, with its labels
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_DELAY_MS)
        self._resized.timeout.connect(self._render)

    def show_note(self, text: str) -> None:
        """Show `text` instead of the charts."""
        self._shown = None
        self.empty.setText(text)
        self.setCurrentWidget(self.empty)

    def show_result(self, result: SegmentationResult) -> None:
        """Render a run's charts on a reader; they replace the image when ready."""
        self._shown = (result, self.labels(result))
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
        if self._shown is None:
            return
        (result, labels), ratio = self._shown, self.devicePixelRatioF()
        width, height, painter = max(self.width(), 400), max(self.height(), 200), self.painter
        self.runner.read(
            lambda _task: render(result, labels, width, height, ratio, painter),
            owner=self,
            key="charts",
            success=lambda rendered: self._on_rendered(rendered, ratio),
        )

    def _on_rendered(self, rendered: Rendered, ratio: float) -> None:
        self.figure, pixels, width, height = rendered
        image = QImage(pixels, width, height, 4 * width, QImage.Format.Format_RGBA8888)
        pixmap = QPixmap.fromImage(image)  # a copy: the bytes may go
        pixmap.setDevicePixelRatio(ratio)
        self.image.setPixmap(pixmap)
        if self._shown is not None:
            self.setCurrentWidget(self.image)
        self.rendered.emit()

    # Qt overrides

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._shown is not None:
            self._resized.start()


def render(
    result: Any,
    labels: Any,
    width: int,
    height: int,
    ratio: float,
    painter: Callable[[Figure, Any, Any], None] | None = None,
) -> Rendered:
    """The charts drawn (by `painter`, default `draw`) into pixels of `width` × `height`
    (device-independent), at the screen's pixel `ratio` (any thread: the figure is its own)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _fonts_once()  # whichever chart is drawn first (the value charts have a painter of their own)
    figure = Figure(figsize=(width / 100, height / 100), dpi=100 * ratio, layout="constrained")
    (painter or draw)(figure, result, labels)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels_width, pixels_height = canvas.get_width_height(physical=True)
    return figure, bytes(canvas.buffer_rgba()), pixels_width, pixels_height


def draw(figure: Figure, result: SegmentationResult, labels: Labels) -> None:
    """Draw a run's Pareto curve and tier shares on `figure` (any thread, its own figure)."""
    _fonts_once()
    tiers = result.tiers
    figure.clear()
    plot_pareto(
        figure.add_subplot(1, 2, 1), tiers.curve_plot, tiers.summaries, tiers.top20_share, labels[0]
    )
    plot_tier_shares(
        figure.add_subplot(1, 2, 2), tiers.summaries, labels[1], result.params.tiers.measure
    )


_FONTS = threading.Lock()
_fonts_set: list[str] = []  # the families in use, once set


def _fonts_once() -> None:
    """The CJK fonts for every figure, set up by the first drawing (a worker: finding
    them can mean searching the system's font folders, 0.1 s here)."""
    from clinicdesk.charts.fonts import use_cjk_fonts

    with _FONTS:
        if not _fonts_set:
            _fonts_set.extend(use_cjk_fonts())


def save_charts(path: Path, result: SegmentationResult, labels: Labels) -> None:
    """Draw the charts on a figure of their own and save them as PNG, SVG or PDF (by the
    suffix); nothing is left behind if it fails."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=FIGURE_SIZE, layout="constrained")
    draw(figure, result, labels)
    with written(path) as partial:
        figure.savefig(partial, dpi=150, format=path.suffix.lstrip(".").lower())
