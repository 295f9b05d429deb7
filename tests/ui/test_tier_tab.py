"""The tier overview: the engine in the worker, results, cancel, errors, charts, export."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox
from sqlite_utils import Database

import clinicdesk.ui.tier_tab as tier_tab_module
import clinicdesk.workers.engine as engine_module
from clinicdesk.charts.picture import draw_picture
from clinicdesk.charts.tiers import TierChartData, draw_tiers
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from clinicdesk.ui.tier_tab import TierTab
from clinicdesk.workers.runner import TaskRunner

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def make_tab(qtbot):
    made = []

    def make(path):
        db = open_clinic(path)
        runner = TaskRunner(path, "zh_CN")
        tab = TierTab(db, runner, "zh_CN")
        qtbot.addWidget(tab)
        tab.resize(1366, 700)
        tab.show()
        made.append((db, runner))
        return tab

    yield make
    for db, runner in made:
        runner.shutdown()
        db.close()


def _run(tab, qtbot, save=False, timeout=20_000):
    with qtbot.waitSignal(tab.computed, timeout=timeout) as blocker:
        tab.run(save=save)
    return blocker.args[0]


def _run_and_draw(tab, qtbot):
    results = []
    tab.computed.connect(results.append)
    with qtbot.waitSignals([tab.computed, tab.charts.rendered], timeout=20_000):
        tab.run(save=False)
    return results[-1]


def test_a_run_shows_the_engines_numbers(make_tab, qtbot, demo_copy):
    tab = make_tab(demo_copy)
    result = _run_and_draw(tab, qtbot)
    db = open_clinic(demo_copy)
    expected = run_segmentation(db, EngineParams(TierParams.last_twelve_months(dt.date.today())))
    db.close()
    for row, tier in enumerate("ABC"):
        s = expected.tiers.summaries[tier]
        assert tab.summary.item(row, 1).text() == f"{s.patients:,}"
        assert tab.summary.item(row, 4).text() == f"{s.revenue_share:.1%}"
    assert result.tiers.summaries == expected.tiers.summaries
    assert f"{expected.tiers.top20_share:.0%}" in tab.headline.text()
    assert tab.charts.currentWidget() is tab.charts.image
    assert not tab.charts.image.pixmap().isNull()
    assert tab.stage.text() == "预览，未保存"


def test_run_and_save_keeps_the_run_for_the_next_one(make_tab, qtbot, demo_copy):
    tab = make_tab(demo_copy)
    with qtbot.waitSignal(tab.saved, timeout=20_000) as blocker:
        tab.run(save=True)
    assert Database(demo_copy).execute("SELECT max(id) FROM tier_runs").fetchone() == (
        blocker.args[0],
    )
    tab.measure.setCurrentIndex(tab.measure.findData("visits"))
    result = _run(tab, qtbot)
    assert result.previous_run_id == blocker.args[0]
    assert tab.movements.text().startswith("自上次保存的分级以来")


def test_two_quick_runs_show_only_the_last(make_tab, qtbot, demo_copy):
    tab = make_tab(demo_copy)
    shown = []
    tab.computed.connect(shown.append)
    tab.run(save=False)
    tab.cutoffs.setCurrentIndex(tab.cutoffs.findData("75/20/5"))
    with qtbot.waitSignal(tab.computed, timeout=20_000):
        tab.run(save=False)
    qtbot.wait(200)
    assert len(shown) == 1 and shown[0].params.tiers.cutoffs == (0.75, 0.95)
    # Only the demo's own earlier run: previews are not saved.
    assert Database(demo_copy).execute("SELECT count(*) FROM tier_runs").fetchone() == (1,)


def test_cancel_keeps_the_previous_results(make_tab, qtbot, demo_copy):
    tab = make_tab(demo_copy)
    first = _run(tab, qtbot)
    with qtbot.waitSignal(tab.runner.idle, timeout=20_000):
        tab.run(save=True)
        tab.cancel()  # asked to stop before the engine's first stage
    assert tab.result is first
    assert tab.stage.text() == "已取消；显示的是上一次的结果。"
    assert Database(demo_copy).execute("SELECT count(*) FROM tier_runs").fetchone() == (1,)


def test_an_engine_error_is_a_message_and_the_results_stay(
    make_tab, qtbot, demo_copy, monkeypatch, caplog
):
    tab = make_tab(demo_copy)
    first = _run_and_draw(tab, qtbot)

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(engine_module, "run_segmentation", broken)
    with qtbot.waitSignal(tab.runner.idle, timeout=20_000):
        tab.run(save=False)
    assert tab.stage.text().startswith("无法计算分级：") and "RuntimeError" in tab.stage.text()
    assert tab.result is first and tab.charts.currentWidget() is tab.charts.image
    assert "disk I/O error" in caplog.text  # the details are in the log


@pytest.mark.parametrize("patients", [0, 1])
def test_an_empty_or_one_patient_clinic_shows_a_helpful_state(
    make_tab, qtbot, clinic_path, patients
):
    db = open_clinic(clinic_path)
    for n in range(patients):
        pid = add_patient(db, name=f"顾客{n}")
        add_charge(db, pid, date=dt.date.today().isoformat(), item="洁牙", amount_fen=29800)
    db.close()
    tab = make_tab(clinic_path)
    _run(tab, qtbot)
    assert tab.charts.currentWidget() is tab.charts.empty
    assert f"只有 {patients} 位顾客" in tab.charts.empty.text()


def test_the_charts_render_chinese_without_missing_glyphs(make_tab, qtbot, demo_copy):
    tab = make_tab(demo_copy)
    result = _run_and_draw(tab, qtbot)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        picture = draw_picture(
            draw_tiers, TierChartData.of(result), tab.charts.labels(result), 1000, 360, 1.0
        )
    assert (
        picture.titles == tab.charts.picture.titles == ("帕累托曲线", "各级别的顾客占比与收入占比")
    )


def test_drill_down_lists_and_opening_a_patient(make_tab, qtbot, demo_copy):
    tab = make_tab(demo_copy)
    result = _run(tab, qtbot)
    names = [tab.list_choice.itemData(i) for i in range(tab.list_choice.count())]
    assert names[:3] == ["A 级", "B 级", "C 级"]
    assert "意见领袖（按介绍带来的收入）" in names and "不能失去：正在流失的原 A/B 级顾客" in names
    tab.list_choice.setCurrentIndex(names.index("不能失去：正在流失的原 A/B 级顾客"))
    assert tab.list_model.rowCount() == sum(r.alarm for r in result.lapse)
    with qtbot.waitSignal(tab.open_patient) as blocker:
        tab.list_view.doubleClicked.emit(tab.list_model.index(0, 0))
    assert blocker.args[0] == tab.list_model.ids[0]


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_charts_export(make_tab, qtbot, demo_copy, tmp_path, suffix):
    tab = make_tab(demo_copy)
    _run(tab, qtbot)
    path = tmp_path / f"tiers.{suffix}"
    with qtbot.waitSignal(tab.runner.idle, timeout=20_000):
        tab.export_charts(path)
    assert path.stat().st_size > 5000


def test_tier_list_export(make_tab, qtbot, demo_copy, tmp_path, monkeypatch):
    tab = make_tab(demo_copy)
    result = _run(tab, qtbot)
    target = tmp_path / "tiers.xlsx"
    monkeypatch.setattr(
        tier_tab_module.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    with qtbot.waitSignal(tab.runner.idle, timeout=20_000):
        tab._on_export_list()
    sheet = load_workbook(target).active
    assert sheet.max_row == len(result.tiers.rows) + 1 and sheet["F2"].value == "A"


def test_an_export_that_cannot_be_written_is_a_warning_not_a_crash(
    make_tab, qtbot, demo_copy, tmp_path, monkeypatch
):
    tab = make_tab(demo_copy)
    _run(tab, qtbot)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    for name, handler in (("tiers.xlsx", tab._on_export_list), ("tiers.png", tab._on_export_chart)):
        target = tmp_path / "gone" / name
        monkeypatch.setattr(
            tier_tab_module.QFileDialog, "getSaveFileName", lambda *_a, t=target, **_k: (str(t), "")
        )
        with qtbot.waitSignal(tab.runner.idle, timeout=20_000):
            handler()
    assert len(shown) == 2 and all("gone" in text for text in shown)


def test_a_change_still_waiting_runs_when_the_tab_is_left(make_tab, qtbot, demo_copy):
    # Switching tabs hides the page: the preview the change asked for still runs, so the
    # charts agree with the controls when the user comes back.
    tab = make_tab(demo_copy)
    _run(tab, qtbot)
    tab.measure.setCurrentIndex(tab.measure.findData("visits"))
    with qtbot.waitSignal(tab.computed, timeout=20_000) as blocker:
        tab.hide()
    assert blocker.args[0].params.tiers.measure == "visits"


def test_the_dates_follow_the_period_while_the_cutoffs_are_invalid(make_tab, demo_copy):
    tab = make_tab(demo_copy)
    tab.cutoffs.setCurrentIndex(tab.cutoffs.findData("custom"))
    tab.cut_a.setValue(95)
    tab.cut_b.setValue(90)  # A must end before B: not a valid pair
    tab.period.setCurrentIndex(tab.period.findData("last"))
    last_year = dt.date.today().year - 1
    assert tab.date_from.date().toString("yyyy-MM-dd") == f"{last_year}-01-01"
    assert tab.date_to.date().toString("yyyy-MM-dd") == f"{last_year}-12-31"


def test_movements_are_named_in_chinese(make_tab, qtbot, demo_copy):
    # The demo saved a run 90 days ago: newcomers and leavers since then are listed.
    tab = make_tab(demo_copy)
    result = _run(tab, qtbot)
    assert result.previous_run_id is not None
    assert "新进→" in tab.movements.text() and "→本期无消费" in tab.movements.text()
    assert "new" not in tab.movements.text() and "none" not in tab.movements.text()
    names = [tab.list_choice.itemText(i) for i in range(tab.list_choice.count())]
    assert any("新进→A" in name for name in names) and not any("new" in n for n in names)


def test_a_preview_stays_in_the_tier_overview_a_saved_run_goes_to_the_window(
    make_tab, qtbot, demo_copy
):
    tab = make_tab(demo_copy)
    adopted = []
    tab.adopted.connect(adopted.append)
    _run(tab, qtbot)  # a preview
    assert adopted == []
    with qtbot.waitSignal(tab.saved, timeout=20_000):
        tab.run(save=True)
    assert len(adopted) == 1 and adopted[0].result is tab.result


def test_a_window_run_overtaken_by_a_preview_is_adopted_but_not_shown(make_tab, qtbot, demo_copy):
    tab = make_tab(demo_copy)
    adopted, shown = [], []
    tab.adopted.connect(adopted.append)
    tab.computed.connect(shown.append)
    tab.run(save=False, adopt=True)  # the window's run (after an import, say)
    tab.measure.setCurrentIndex(tab.measure.findData("visits"))
    tab.run(save=False)  # the manager's preview, asked for later
    qtbot.waitUntil(lambda: len(adopted) == 1 and len(shown) == 1, timeout=20_000)
    qtbot.waitUntil(lambda: not tab.runner.busy(), timeout=20_000)
    assert adopted[0].result.params.tiers.measure == "revenue"
    assert shown == [tab.result] and tab.result.params.tiers.measure == "visits"


def test_a_cutoff_chosen_from_the_list_runs_at_once_typed_ones_wait(make_tab, qtbot, demo_copy):
    tab = make_tab(demo_copy)
    _run(tab, qtbot)
    with qtbot.waitSignal(tab.computed, timeout=20_000) as blocker:
        tab.cutoffs.setCurrentIndex(tab.cutoffs.findData("75/20/5"))
        assert not tab._timer.isActive()  # no typing delay for a choice
    assert blocker.args[0].params.tiers.cutoffs == (0.75, 0.95)
    tab.cutoffs.setCurrentIndex(tab.cutoffs.findData("custom"))
    qtbot.waitUntil(lambda: not tab.runner.busy(), timeout=20_000)
    tab.cut_a.setValue(60)
    assert tab._timer.isActive()  # a typed value waits for the typing to pause
