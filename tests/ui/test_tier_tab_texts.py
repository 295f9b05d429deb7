"""The tier overview's words follow the chosen measure; a preset fills its cut-off boxes."""

from __future__ import annotations

import pytest

from clinicdesk.core.db import open_clinic
from clinicdesk.ui.tier_tab import TierTab
from clinicdesk.workers.runner import TaskRunner

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def tab(qtbot, demo_copy):
    db = open_clinic(demo_copy)
    runner = TaskRunner(demo_copy, "zh_CN")
    widget = TierTab(db, runner, "zh_CN")
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    yield widget
    runner.shutdown()
    db.close()


def _run_visits(tab, qtbot):
    tab.measure.setCurrentIndex(tab.measure.findData("visits"))
    with qtbot.waitSignal(tab.computed, timeout=20_000) as blocker:
        tab.run(save=False)
    return blocker.args[0]


def test_the_headline_speaks_of_visits_with_the_visits_measure(tab, qtbot):
    result = _run_visits(tab, qtbot)
    headline = tab.headline.text()
    assert f"前 20% 的顾客贡献了 {result.tiers.top20_share:.0%} 的到院次数" in headline
    assert "收入" not in headline.split("。")[0]


def test_the_share_chart_speaks_of_visits_with_the_visits_measure(tab, qtbot):
    result = _run_visits(tab, qtbot)
    shares = tab.charts.labels(result)[1]
    assert (shares.title, shares.revenue) == ("各级别的顾客占比与到院次数占比", "到院次数占比")


@pytest.mark.parametrize(("preset", "boxes"), [("75/20/5", (75, 95)), ("70/20/10", (70, 90))])
def test_a_preset_fills_the_cut_off_boxes(tab, preset, boxes):
    tab.cutoffs.setCurrentIndex(tab.cutoffs.findData("custom"))
    tab.cut_a.setValue(60)
    tab.cut_b.setValue(80)
    tab.cutoffs.setCurrentIndex(tab.cutoffs.findData(preset))
    assert (tab.cut_a.value(), tab.cut_b.value()) == boxes
