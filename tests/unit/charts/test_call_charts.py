"""The call list's forecast chart on a plain Figure (no Qt): stacked due calls, the
calls the day can take, Chinese labels without missing glyphs."""

from __future__ import annotations

import datetime as dt

from matplotlib.figure import Figure

from clinicdesk.charts.calls import ForecastLabels, plot_forecast
from clinicdesk.charts.fonts import use_cjk_fonts
from clinicdesk.core.calls import ForecastDay

LABELS = ForecastLabels("未来 14 个工作日的回访量", "必打", "新到期", "积压", "当日可打")
DAYS = [
    ForecastDay(dt.date(2026, 11, 26), 3, 5, 20, 10),
    ForecastDay(dt.date(2026, 11, 27), 1, 2, 15, 10),
    ForecastDay(dt.date(2026, 11, 28), 0, 12, 7, 10),
]


def _plot() -> Figure:
    use_cjk_fonts()
    fig = Figure()
    plot_forecast(fig.add_subplot(), DAYS, LABELS)
    fig.canvas.draw()  # warnings are errors: a missing glyph fails here
    return fig


def test_each_day_stacks_must_calls_newly_due_and_the_backlog_carried():
    ax = _plot().axes[0]
    bars = [(round(p.get_y()), round(p.get_height())) for p in ax.patches]
    assert bars[:3] == [(0, 3), (0, 1), (0, 0)]  # must-calls
    assert bars[3:6] == [(3, 5), (1, 2), (0, 12)]  # newly due, on them
    assert bars[6:] == [(8, 20), (3, 15), (12, 7)]  # carried, on top


def test_the_line_is_what_the_day_can_take_must_calls_and_capacity():
    ax = _plot().axes[0]
    assert list(ax.lines[0].get_ydata()) == [13, 11, 10]


def test_the_days_and_the_words_are_shown():
    ax = _plot().axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["11-26", "11-27", "11-28"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "当日可打", "必打", "新到期", "积压"]  # fmt: skip
    assert ax.get_title() == "未来 14 个工作日的回访量"
