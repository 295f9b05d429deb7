"""The calibration chart on a plain Figure (no Qt): predicted against actual visits."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from matplotlib.figure import Figure

from clinicdesk.charts.calibration import CalibrationLabels, plot_calibration
from clinicdesk.charts.fonts import use_cjk_fonts
from clinicdesk.core.value.calibration import MAX_PRIOR, calibrate
from tests.unit.core.value.conftest import make_log, small_clinic

LABELS = CalibrationLabels(
    title="模型校验：最近 6 个月",
    x="截至 {cutoff} 的到院次数",
    y="此后平均到院次数",
    predicted="预测",
    actual="实际",
    too_little="历史数据太少，无法校验",
)
END = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def check():
    return calibrate(make_log(small_clinic(60)), END, months=6)


def _lines(fig: Figure) -> dict[str, list[float]]:
    ax = fig.axes[0]
    return {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}


def test_predicted_and_actual_are_drawn_per_number_of_prior_visits(check):
    fig = Figure()
    plot_calibration(fig.add_subplot(), check, LABELS)
    lines = _lines(fig)
    assert lines["预测"] == pytest.approx([r.predicted for r in check.rows])
    assert lines["实际"] == pytest.approx([r.actual for r in check.rows])


def test_the_last_group_is_labelled_as_or_more(check):
    fig = Figure()
    plot_calibration(fig.add_subplot(), check, LABELS)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["1", "6", f"{MAX_PRIOR}+"]


def test_the_chart_draws_chinese_without_missing_glyphs(check, tmp_path):
    use_cjk_fonts()
    fig = Figure(figsize=(6, 4))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plot_calibration(fig.add_subplot(), check, LABELS)
        fig.savefig(tmp_path / "calibration.png")
    assert fig.axes[0].get_xlabel() == "截至 2025-06-30 的到院次数"


def test_too_little_history_says_so_instead_of_drawing_numbers():
    fig = Figure()
    plot_calibration(
        fig.add_subplot(), calibrate(make_log(small_clinic(10)), END, months=6), LABELS
    )
    ax = fig.axes[0]
    assert ax.get_lines() == [] and [t.get_text() for t in ax.texts] == ["历史数据太少，无法校验"]
