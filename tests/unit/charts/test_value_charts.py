"""The predicted-value charts on a plain Figure (no Qt): value's Pareto, shares, check."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest
from matplotlib.figure import Figure

from clinicdesk.charts.calibration import CalibrationLabels
from clinicdesk.charts.tiers import ParetoLabels, ShareLabels
from clinicdesk.charts.value import ValueChartData, ValueLabels, draw_value
from clinicdesk.core.value.overview import value_overview
from clinicdesk.core.value.params import ValueParams
from clinicdesk.core.value.service import value_model
from tests.unit.core.value.conftest import make_log, small_clinic

LABELS = ValueLabels(
    ParetoLabels(
        "帕累托曲线", "顾客累计占比", "预测价值累计占比", "完全平均", "前 20% → {share}", "{tier}"
    ),
    ShareLabels("各级占比", "顾客占比", "预测价值占比"),
    CalibrationLabels(
        "模型校验", "截至 {cutoff} 的到院次数", "此后平均到院次数", "预测", "实际", "太少"
    ),
    no_value="消费数据太少，无法估计终身价值",
)


@pytest.fixture(scope="module")
def result():
    return value_model(make_log(small_clinic(60)), ValueParams(dt.date(2025, 12, 31)))


def test_the_three_charts_are_drawn_side_by_side(db, result):
    fig = Figure()
    draw_value(fig, ValueChartData.of(value_overview(db, result, (0.7, 0.9))), LABELS)
    pareto, shares, check = fig.axes
    assert pareto.get_title() == "帕累托曲线" and shares.get_title() == "各级占比"
    assert check.get_title() == "模型校验" and len(check.get_lines()) == 2


def test_without_lifetime_values_the_first_two_say_why(db, result):
    overview = value_overview(db, result, (0.7, 0.9))
    empty = overview.assigned._replace(ids=np.zeros(0, np.int64))
    fig = Figure()
    draw_value(fig, ValueChartData.of(replace(overview, assigned=empty)), LABELS)
    texts = [[t.get_text() for t in ax.texts] for ax in fig.axes[:2]]
    assert texts == [[LABELS.no_value]] * 2 and len(fig.axes[2].get_lines()) == 2
