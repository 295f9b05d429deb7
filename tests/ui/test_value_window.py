"""Lifetime value in the window: the patient file's line, the predicted-value tiers, the
calibration chart and the slipping list, from one run in the task runner."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import set_setting
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.value.overview import forecast_yuan
from clinicdesk.core.value.params import RANGES, clinic_value_params
from clinicdesk.ui.dialogs.settings_dialog import SettingsDialog
from clinicdesk.ui.dialogs.value_settings import ValueSettingsPage
from clinicdesk.ui.main_window import MainWindow, window_settings
from clinicdesk.ui.tier_tab import TierTab
from clinicdesk.ui.value_panel import ValuePanel
from clinicdesk.ui.value_source import ValueSource
from clinicdesk.ui.value_view import PredictedValueView
from clinicdesk.workers.runner import SyncRunner
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def make_source():
    runners = []

    def make(path, refresh=True):
        runner = SyncRunner(path, "zh_CN")
        runners.append(runner)
        source = ValueSource(runner, "zh_CN")
        if refresh:
            source.refresh(DEMO_TODAY)
        return source

    yield make
    for runner in runners:
        runner.shutdown()


@pytest.fixture
def source(make_source, demo_path):
    return make_source(demo_path)


@pytest.fixture
def panel(qtbot, source):
    widget = ValuePanel(source)
    qtbot.addWidget(widget)
    return widget


def _valued(source, repeat=True):
    p = source.overview.result.patients
    has = np.isfinite(p.clv_fen) & ((p.repeat_visits > 0) == repeat)
    return int(p.ids[np.flatnonzero(has)[0]])


def _add(path, *charges):
    db = open_clinic(path)
    pid = add_patient(db, name="新顾客")
    for date, fen in charges:
        add_charge(db, pid, date=date, item="洁牙", amount_fen=fen)
    db.close()
    return pid


def test_before_the_run_arrives_the_line_says_it_is_computing(qtbot, make_source, demo_path):
    panel = ValuePanel(make_source(demo_path, refresh=False))
    qtbot.addWidget(panel)
    panel.show_patient(1)
    assert panel.text() == "终身价值：计算中…"


def test_the_line_shows_p_alive_as_a_percentage_visits_revenue_and_lifetime_value(panel, source):
    pid = _valued(source)
    value = source.overview.result.patients.of(pid)
    panel.show_patient(pid)
    assert panel.text().startswith(f"仍会再来：{value.p_alive:.0%}")
    assert (
        f"未来 12 个月：预计到院 {value.visits:.1f} 次，消费 {forecast_yuan(value.revenue_fen)}"
        in (panel.text())
    )
    assert f"终身价值（36 个月）：{forecast_yuan(value.clv_fen)}" in panel.text()


def test_the_chance_of_coming_back_is_explained_in_the_tooltip(panel, source):
    panel.show_patient(_valued(source))
    assert "模型估计此顾客仍会再来的概率：按其到院节奏和距上次到院的时间" in panel.toolTip()


def test_a_patient_seen_once_is_told_their_spend_is_the_mean_of_all_patients(panel, source):
    panel.show_patient(_valued(source, repeat=False))
    assert "按全体顾客的平均每次消费估计" in panel.toolTip()


def test_a_repeat_patient_is_not_told_about_the_mean_spend(panel, source):
    panel.show_patient(_valued(source))
    assert "平均每次消费" not in panel.toolTip()


def test_a_patient_without_a_visit_before_today_gets_a_dash_and_why(qtbot, make_source, demo_copy):
    pid = _add(demo_copy)
    panel = ValuePanel(make_source(demo_copy))
    qtbot.addWidget(panel)
    panel.show_patient(pid)
    assert panel.text() == "终身价值：—（今天之前没有到院记录）"


def test_a_patient_whose_net_revenue_is_nothing_gets_chance_and_visits_only(
    qtbot, make_source, demo_copy
):
    pid = _add(demo_copy, ("2026-06-01", 50_000), ("2026-06-20", -50_000))
    panel = ValuePanel(make_source(demo_copy))
    qtbot.addWidget(panel)
    panel.show_patient(pid)
    assert "仍会再来：" in panel.text() and "预计到院" in panel.text()
    assert "消费与终身价值：—（净消费不大于 0，无法估计）" in panel.text()


def test_too_little_history_is_said_instead_of_numbers(qtbot, make_source, clinic_path):
    pid = _add(clinic_path, ("2026-01-05", 10_000), ("2026-03-05", 10_000))
    panel = ValuePanel(make_source(clinic_path))
    qtbot.addWidget(panel)
    panel.show_patient(pid)
    assert panel.text().startswith("终身价值：— 历史数据太少，无法预测：只有 1 位顾客再次到院")


def test_a_new_file_shows_no_value_line(panel):
    panel.show_patient(None)
    assert panel.isHidden()


@pytest.fixture
def view(qtbot, source):
    widget = PredictedValueView(source)
    qtbot.addWidget(widget)
    widget.resize(1366, 650)
    return widget


def test_the_predicted_value_tiers_show_each_tiers_lifetime_value(view, source):
    summaries = source.overview.summaries
    cells = [[view.summary.item(r, c).text() for c in (0, 3)] for r in range(3)]
    assert cells == [[t, forecast_yuan(summaries[t].revenue_fen)] for t in "ABC"]


def test_the_calibration_chart_is_drawn_beside_the_value_tiers(view):
    pareto, _shares, check = view.charts.picture.titles
    assert check == "模型校验：截止日之后的到院" and pareto == "终身价值帕累托曲线"


def test_the_calibration_totals_are_in_the_headline(view, source):
    check = source.overview.result.check
    assert f"预测 {check.predicted:,.0f}，实际 {check.actual:,}" in view.headline.text()


def test_below_fifty_repeat_patients_the_view_says_so_instead_of_numbers(
    qtbot, make_source, clinic_path
):
    _add(clinic_path, ("2026-01-05", 10_000), ("2026-03-05", 10_000))
    view = PredictedValueView(make_source(clinic_path))
    qtbot.addWidget(view)
    assert view.headline.text().startswith("历史数据太少，无法预测")
    assert view.charts.empty.text() == view.headline.text() and view.summary.rowCount() == 0


def test_the_slipping_list_shows_valuable_patients_unlikely_to_come_back(view, source):
    rows = source.overview.slipping
    model = view.slipping
    assert model.rowCount() == len(rows) > 0
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    row = rows[0]
    assert first == [row.name, row.tier, forecast_yuan(row.clv_fen), f"{row.p_alive:.0%}",
                     forecast_yuan(row.risk_fen), row.last_visit.isoformat()]  # fmt: skip


def test_double_clicking_a_slipping_patient_opens_their_file(view, source, qtbot):
    index = view.slipping.index(0, 0)
    with qtbot.waitSignal(view.open_patient) as opened:
        view.slipping_view.doubleClicked.emit(index)
    assert opened.args == [source.overview.slipping[0].patient_id]


def test_new_cut_offs_tier_the_same_run_again(source):
    result = source.overview.result
    source.set_cutoffs((0.5, 0.8))
    assert source.overview.result is result and source.overview.cutoffs == (0.5, 0.8)


@pytest.fixture
def tier_tab(qtbot, source):
    db = open_clinic(source.runner.path)
    tab = TierTab(db, source.runner, "zh_CN")
    tab.attach_value(source)
    qtbot.addWidget(tab)
    yield tab
    db.close()


def test_predicted_value_is_a_third_measure_of_the_tier_overview(tier_tab):
    measures = [tier_tab.measure.itemText(i) for i in range(tier_tab.measure.count())]
    assert measures == ["消费金额", "到院次数", "预测价值"]


def test_choosing_predicted_value_shows_its_tiers_and_nothing_to_save(tier_tab):
    tier_tab.measure.setCurrentIndex(tier_tab.measure.findData("predicted"))
    assert tier_tab.pages.currentWidget() is tier_tab.value_view
    assert not tier_tab.run_button.isEnabled() and not tier_tab.period.isEnabled()


def test_the_tier_overviews_cut_offs_tier_the_predicted_value(tier_tab, source):
    tier_tab.measure.setCurrentIndex(tier_tab.measure.findData("predicted"))
    tier_tab.cutoffs.setCurrentIndex(tier_tab.cutoffs.findData("75/20/5"))
    assert source.overview.cutoffs == (0.75, 0.95)


def test_the_window_shows_the_open_patients_value_once_the_run_arrives(qtbot, demo_path):
    db = open_clinic(demo_path)
    window = MainWindow(db, demo_path, "zh_CN")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.value.overview is not None, timeout=60_000)
    pid = _valued(window.value)
    window.patient_tab.open_patient(pid)
    assert window.patient_tab.file.value_line.text().startswith("仍会再来：")
    window.runner.shutdown()
    db.close()


def test_the_settings_save_the_lifetime_value_horizons_and_discount(qtbot, clinic_path):
    db = open_clinic(clinic_path)
    dialog = SettingsDialog(db, window_settings(), "zh_CN")
    qtbot.addWidget(dialog)
    page = dialog.value_page
    page.horizon.setValue(24)
    page.discount.setValue(1.5)
    dialog.accept()
    params = clinic_value_params(db, DEMO_TODAY)
    assert (params.horizon_months, params.monthly_discount) == (24, 0.015)
    db.close()


def test_the_settings_page_offers_only_values_in_range(qtbot, clinic_path):
    db = open_clinic(clinic_path)
    page = ValueSettingsPage(db)
    qtbot.addWidget(page)
    assert (page.horizon.minimum(), page.horizon.maximum()) == RANGES["horizon_months"]
    assert page.discount.maximum() == RANGES["monthly_discount"][1] * 100
    db.close()


def test_a_setting_out_of_range_in_the_file_shows_the_defaults(qtbot, clinic_path):
    db = open_clinic(clinic_path)
    set_setting(db, "lifetime_value", {"horizon_months": 999, "monthly_discount": 0.02})
    page = ValueSettingsPage(db)
    qtbot.addWidget(page)
    assert (page.horizon.value(), page.discount.value()) == (36, 1.0)
    db.close()


def test_the_slipping_lists_columns_are_sized_without_reading_its_rows(view, source, monkeypatch):
    # Qt measured every cell of up to 1,000 rows (CJK names) on each refresh: 160 ms at
    # 100,000 patients on the GUI thread. The columns take their samples' widths instead.
    read: list[int] = []
    data = type(view.slipping).data
    monkeypatch.setattr(type(view.slipping), "data", lambda m, i, r=0: read.append(i.row())
                        or data(m, i, r))  # fmt: skip
    view._refresh()
    assert not read and view.slipping.rowCount() > 0
    metrics = view.slipping_view.fontMetrics()
    assert view.slipping_view.columnWidth(0) >= metrics.horizontalAdvance("欧阳娜娜")


def test_a_value_run_asked_to_stop_ends_before_its_fits(demo_db, monkeypatch):
    # A closed or restored window's run ends at once instead of fitting on beside the new
    # window's engine run (it took two cores for a second at 100,000 patients).
    import clinicdesk.core.value.service as service
    from clinicdesk.core.errors import Cancelled
    from clinicdesk.ui import value_source

    fits = []
    monkeypatch.setattr(service, "fit_bgnbd", lambda *args: fits.append(args))

    def stop() -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        value_source._run(SimpleNamespace(db=demo_db, check=stop), DEMO_TODAY, (0.7, 0.9))
    assert fits == []
