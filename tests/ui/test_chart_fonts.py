"""Every chart finds the CJK fonts on the reader that draws it, whichever is drawn first:
Chinese labels never come out as empty boxes, and no font search runs on the GUI thread."""

from __future__ import annotations

import threading

import matplotlib
import pytest

from clinicdesk.charts import fonts, picture


@pytest.fixture
def fonts_not_set(monkeypatch):
    """As in a fresh window: no chart drawn yet, matplotlib's own default fonts."""
    monkeypatch.setattr(picture, "_fonts_set", [])
    with matplotlib.rc_context(matplotlib.rcParamsDefault):
        yield


def _chinese(figure, _result, labels) -> None:
    figure.add_subplot().set_title(labels)


def test_a_chart_with_its_own_painter_drawn_first_has_the_cjk_fonts(fonts_not_set):
    # A glyph missing from the font is a warning, an error under pytest: it would fail.
    drawn = picture.draw_picture(_chinese, None, "终身价值帕累托曲线", 400, 200, 1.0)
    assert len(drawn.pixels) == 4 * drawn.width * drawn.height > 0


def test_the_call_forecast_finds_the_fonts_on_a_reader(fonts_not_set, qtbot, monkeypatch):
    from clinicdesk.ui.call_forecast import ForecastChart
    from clinicdesk.workers.runner import TaskRunner

    searched, find = [], fonts.use_cjk_fonts
    monkeypatch.setattr(fonts, "use_cjk_fonts", lambda: searched.append(threading.get_ident())
                        or find())  # fmt: skip
    runner = TaskRunner()
    chart = ForecastChart(runner)
    qtbot.addWidget(chart)
    try:
        with qtbot.waitSignal(chart.rendered, timeout=20_000):
            chart.show_forecast(_forecast())
    finally:
        runner.shutdown()
    assert searched and threading.get_ident() not in searched


def _forecast():
    import datetime as dt

    from clinicdesk.core.calls import ForecastDay

    return [ForecastDay(dt.date(2026, 12, 2), must_call=3, newly_due=2, backlog=9, capacity=5)]
