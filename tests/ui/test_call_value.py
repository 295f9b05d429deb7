"""Issue 18 in the call tab: once the window's value run arrives, reactivation is ranked
by value at risk; the list is built once more for a new run, not for new cut-offs."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt

from clinicdesk.core.db import open_clinic
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from clinicdesk.ui.call_tab import CallTab
from clinicdesk.ui.value_source import ValueSource
from clinicdesk.workers.runner import SyncRunner

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def tab(qtbot, demo_copy, tmp_path):
    db = open_clinic(demo_copy)
    runner = SyncRunner(demo_copy, "zh_CN")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    widget = CallTab(db, runner, "zh_CN", settings=settings)
    qtbot.addWidget(widget)
    today = dt.date.today()
    widget.set_segmentation(
        run_segmentation(db, EngineParams(TierParams.last_twelve_months(today)))
    )
    widget.source = ValueSource(runner, "zh_CN")
    widget.value.attach(widget.source)
    yield widget
    runner.shutdown()
    db.close()


def _valued(tab):
    return [e for e in tab.model.entries if e.at_risk_fen is not None]


def test_before_a_value_run_no_entry_is_ranked_by_value_at_risk(tab):
    assert tab.model.entries and not _valued(tab)


def test_when_a_value_run_arrives_reactivation_is_ranked_by_value_at_risk(tab):
    tab.source.refresh()
    reasons = [{r for r, _ in e.reasons} for e in _valued(tab)]
    assert reasons and all("reactivation" in r for r in reasons)


def test_the_priority_tooltip_says_the_value_at_risk(tab):
    tab.source.refresh()
    row = tab.model.entries.index(next(e for e in _valued(tab) if not e.must_call))
    index = tab.model.index(row, tab.model.COLUMNS.index("priority"))
    assert "流失风险价值 ¥" in tab.model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_new_cutoffs_for_the_same_run_do_not_build_the_list_again(tab):
    tab.source.refresh()
    rebuilds = []
    tab.value.arrived.connect(lambda: rebuilds.append(1))
    tab.source.set_cutoffs((0.6, 0.9))
    assert (tab.source.overview.cutoffs, rebuilds) == ((0.6, 0.9), [])


def test_a_new_run_builds_the_list_again(tab):
    tab.source.refresh()
    rebuilds = []
    tab.value.arrived.connect(lambda: rebuilds.append(1))
    tab.source.refresh()
    assert rebuilds == [1]
