"""A chart drawn into pixels: what the window shows of a matplotlib figure.

A painter is a module-level function `painter(figure, data, labels)` of `clinicdesk.charts`
(so that the chart process can be sent it by name); `data` is the little a chart needs
(a few hundred points and sums, never a run's per-patient arrays) and `labels` its words,
translated by the caller. `draw_picture` draws one in this process; the window has it
drawn in its chart process (`charts.process`), where matplotlib's long calls into C do
not hold the window's GIL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # matplotlib loads with the first drawing, not with the window
    from matplotlib.figure import Figure

Painter = Callable[["Figure", Any, Any], None]


class Picture(NamedTuple):
    """A drawn chart.

    Attributes:
        pixels: RGBA, `width` × `height` physical pixels, row by row.
        titles: each of its axes' titles, in order (what was drawn, for tests and checks).
        size: the device-independent size it was drawn for (width, height).
    """

    pixels: bytes
    width: int
    height: int
    titles: tuple[str, ...]
    size: tuple[int, int]


def draw_picture(
    painter: Painter, data: Any, labels: Any, width: int, height: int, ratio: float
) -> Picture:
    """The chart `painter` draws of `data`, in pixels of `width` × `height`
    (device-independent) at the screen's pixel `ratio` (any thread: the figure is its own)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fonts_once()
    figure = Figure(figsize=(width / 100, height / 100), dpi=100 * ratio, layout="constrained")
    painter(figure, data, labels)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels_width, pixels_height = canvas.get_width_height(physical=True)
    titles = tuple(ax.get_title() for ax in figure.axes)
    pixels = bytes(canvas.buffer_rgba())
    return Picture(pixels, pixels_width, pixels_height, titles, (width, height))


def save_picture(
    painter: Painter, data: Any, labels: Any, path: Path, size: tuple[float, float]
) -> None:
    """Draw the chart on a figure of `size` inches and save it to `path` as PNG, SVG or PDF
    (by the suffix); nothing is left behind if it fails."""
    from matplotlib.figure import Figure

    from clinicdesk.core.export import written

    fonts_once()
    figure = Figure(figsize=size, layout="constrained")
    painter(figure, data, labels)
    with written(path) as partial:
        figure.savefig(partial, dpi=150, format=path.suffix.lstrip(".").lower())


_FONTS = threading.Lock()
_fonts_set: list[str] = []  # the families in use, once set


def fonts_once() -> None:
    """The CJK fonts for every figure, set up by the first drawing (finding them can mean
    searching the system's font folders, 0.1 s here)."""
    from clinicdesk.charts.fonts import use_cjk_fonts

    with _FONTS:
        if not _fonts_set:
            _fonts_set.extend(use_cjk_fonts())
