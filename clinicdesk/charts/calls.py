"""The call list's forecast chart: what comes due on each working day ahead, against
what the callers can make.

Labels come in as arguments (the caller translates them); nothing here knows about Qt,
so the chart is tested on a plain Figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinicdesk.core.calls import ForecastDay

if TYPE_CHECKING:  # matplotlib loads when a chart is drawn, not with the window
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

COLOURS = {"must": "#c0392b", "new": "#e67e22", "backlog": "#bdc3c7", "line": "#2c3e50"}


@dataclass(frozen=True)
class ForecastLabels:
    """The words on the forecast chart."""

    title: str
    must_call: str
    newly_due: str
    backlog: str
    capacity: str  # the calls the day can take: the must-calls and the capacity


def draw_forecast(figure: Figure, forecast: Sequence[ForecastDay], labels: ForecastLabels) -> None:
    """Draw the forecast on `figure` (the call tab's chart)."""
    plot_forecast(figure.add_subplot(), forecast, labels)


def plot_forecast(ax: Axes, forecast: Sequence[ForecastDay], labels: ForecastLabels) -> None:
    """Per working day, stacked: the must-calls, the newly due and the backlog carried
    in; the line is what the callers make that day (the must-calls and the capacity), so
    a bar above it leaves a backlog for the next day."""
    xs = range(len(forecast))
    must = [f.must_call for f in forecast]
    new = [f.newly_due for f in forecast]
    carried = [f.backlog for f in forecast]
    ax.bar(xs, must, color=COLOURS["must"], label=labels.must_call)
    ax.bar(xs, new, bottom=must, color=COLOURS["new"], label=labels.newly_due)
    below = [m + n for m, n in zip(must, new, strict=True)]
    ax.bar(xs, carried, bottom=below, color=COLOURS["backlog"], label=labels.backlog)
    made = [f.must_call + f.capacity for f in forecast]
    ax.step(xs, made, where="mid", color=COLOURS["line"], linewidth=2, label=labels.capacity)
    ax.set_xticks(list(xs), [f.day.strftime("%m-%d") for f in forecast], rotation=45)
    ax.set_title(labels.title)
    # Beside the bars, not over them: the chart is low and the backlog fills it.
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    ax.grid(axis="y", alpha=0.3)
