"""The call-list tab: built in the worker, worked from the keyboard, exported."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import add_staff
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge, log_contact
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from clinicdesk.ui.call_caller import CallerChoice
from clinicdesk.ui.call_tab import CallTab
from clinicdesk.ui.dialogs.booking_dialog import BookingDialog
from clinicdesk.workers.runner import SyncRunner

pytestmark = pytest.mark.usefixtures("chinese")
TODAY = dt.date.today()


@pytest.fixture
def clinic(clinic_path):
    db = open_clinic(clinic_path)
    add_staff(db, "张敏")
    for n, name in enumerate(("王小明", "李娜", "赵敏")):
        pid = add_patient(db, name=name, mobile=f"1380013800{n}", sex="F", taboos="忌讳谈年龄")
        add_charge(
            db,
            pid,
            date=(TODAY - dt.timedelta(days=185)).isoformat(),
            item="洁牙",
            amount_fen=29800 * (n + 1),
        )
    yield db
    db.close()


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    """Message boxes do not wait for a click in these tests: what they said is kept."""
    said = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text, *_a: said.append(text))
    return said


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def make_tab(qtbot, clinic, clinic_path, settings, *, caller=True):
    runner = SyncRunner(clinic_path, "zh_CN")  # tasks run at once: a deterministic tab
    widget = CallTab(clinic, runner, "zh_CN", settings=settings)
    widget.load_staff()
    if caller:  # 张敏 said this morning that she is calling
        widget.caller.set(CallerChoice(1, 1, TODAY.isoformat()))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    result = run_segmentation(clinic, EngineParams(TierParams.last_twelve_months(TODAY)))
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        widget.set_segmentation(result)
    return widget


@pytest.fixture
def tab(qtbot, clinic, clinic_path, settings):
    widget = make_tab(qtbot, clinic, clinic_path, settings)
    yield widget
    widget.runner.shutdown()


def book_in_the_dialog(monkeypatch, starts_at="2030-01-08 15:30", item=None):
    """The booking dialog, answered: OK with this date and time (and item, if given)."""

    def exec_(dialog):
        day, time = starts_at.split()
        dialog.date.setDate(dt.date.fromisoformat(day))
        dialog.time.setTime(dt.time.fromisoformat(time))
        if item is not None:
            dialog.item.setText(item)
        return 1

    monkeypatch.setattr(BookingDialog, "exec", exec_)


def answer(monkeypatch, button):
    """QMessageBox.question answered with `button`; returns the questions asked."""
    asked = []

    def question(_parent, title, text, *_args):
        asked.append((title, text))
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_list_shows_who_to_call_with_the_script(tab):
    assert tab.model.rowCount() == 3
    assert [e.name for e in tab.model.entries][0] == "赵敏"  # the most valuable first
    assert tab.count.text() == "今日 3 位（必打 0 · 按优先级 3）· 待回访 0 位"
    summary = tab.entry_panel.summary.text()
    assert "忌讳：忌讳谈年龄" in summary and "洁牙到期" in summary
    assert tab.entry_panel.script.toPlainText().startswith("赵女士您好")
    assert tab.model.index(0, tab.model.COLUMNS.index("mobile")).data() == "138****8002"


def test_logging_an_outcome_writes_the_log_and_moves_on(tab, clinic, qtbot):
    tab.view.setFocus()
    tab.entry_panel.note.setText("下周六来")
    qtbot.mouseClick(tab.entry_panel.outcome_buttons["reached"], Qt.MouseButton.LeftButton)
    assert clinic.execute("SELECT outcome, note FROM contacts").fetchall() == [
        ("reached", "下周六来")
    ]
    assert tab.model.rowCount() == 2 and tab.current_entry().name == "李娜"
    assert "接通 1" in tab.progress.text()


def test_the_list_can_be_worked_from_the_keyboard(tab, clinic, qtbot):
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_4)  # no answer
    qtbot.keyClick(tab.view, Qt.Key.Key_1)  # reached
    outcomes = [r[0] for r in clinic.execute("SELECT outcome FROM contacts ORDER BY id")]
    assert outcomes == ["no_answer", "reached"]
    assert tab.model.rowCount() == 1


def test_previous_calls_show_their_outcome_in_the_window_language(tab, clinic):
    # "Other" has no button on the call tab (it is logged from the patient file); it is
    # still named in Chinese, not shown as its code.
    entry = tab.current_entry()
    when = (TODAY - dt.timedelta(days=60)).isoformat()
    log_contact(clinic, entry.patient_id, outcome="other", contacted_at=when, note="问价格")
    log_contact(clinic, entry.patient_id, outcome="no_answer", contacted_at=when)
    tab.show_entry(entry)
    assert f"{when} 其他 问价格" in tab.entry_panel.summary.text()
    assert f"{when} 未接听" in tab.entry_panel.summary.text()
    assert "other" not in tab.entry_panel.summary.text()


def test_copy_puts_the_script_on_the_clipboard(tab):
    tab.entry_panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == tab.entry_panel.script.toPlainText()


def test_claiming_is_stored_for_the_caller(tab, clinic):
    tab.entry_panel.claim_button.click()
    assert clinic.execute("SELECT count(*) FROM call_claims").fetchone() == (1,)
    assert tab.entry_panel.claim_button.text() == "已认领"
    tab.view.selectRow(1)  # the next patient is not claimed yet
    assert tab.entry_panel.claim_button.text() == "由我认领"
    tab.view.selectRow(0)
    assert tab.entry_panel.claim_button.text() == "已认领"


@pytest.mark.parametrize("suffix", ["pdf", "xlsx", "csv"])
def test_the_list_exports_and_the_files_open(tab, tmp_path, suffix):
    path = tmp_path / f"calls.{suffix}"
    tab.export(path)
    data = path.read_bytes()
    if suffix == "pdf":
        assert data.startswith(b"%PDF") and len(data) > 2000
    elif suffix == "xlsx":
        sheet = load_workbook(path).active
        assert sheet["A2"].value == "赵敏" and sheet["B2"].value == "138****8002"
    else:
        assert data.decode("utf-8-sig").splitlines()[0].startswith("姓名,手机号,级别")


@pytest.mark.parametrize("suffix", ["pdf", "xlsx"])
def test_an_export_that_cannot_be_written_is_a_warning(tab, tmp_path, monkeypatch, boxes, suffix):
    import clinicdesk.ui.call_tab as call_tab_module

    target = tmp_path / "gone" / f"calls.{suffix}"
    monkeypatch.setattr(
        call_tab_module.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    tab._on_export_clicked()
    assert len(boxes) == 1 and "gone" in boxes[0]


def test_a_contact_today_keeps_a_patient_off_the_rebuilt_list(tab, clinic, qtbot):
    tab.work.log("reached")
    with qtbot.waitSignal(tab.runner.idle, timeout=10_000):
        tab.refresh()
    assert "赵敏" not in [e.name for e in tab.model.entries]


def test_a_campaign_has_its_own_list_script_and_figures(tab, clinic, qtbot, monkeypatch):
    from clinicdesk.core.calls import create_campaign

    campaign = create_campaign(
        clinic, "洁牙激活 2026-12", {"tiers": ["A"], "offer": "免费洁牙一次"}
    )
    tab.campaigns.load()
    with qtbot.waitSignal(tab.runner.idle, timeout=10_000):
        tab.campaigns.combo.setCurrentIndex(tab.campaigns.combo.findData(campaign))
    assert tab.model.rowCount() >= 1
    assert "免费洁牙一次" in tab.entry_panel.script.toPlainText()
    book_in_the_dialog(monkeypatch, item="洁牙")
    tab.work.log("booked")
    assert "预约 1（转化率 100%）" in tab.campaigns.figures.text()
    assert clinic.execute("SELECT campaign_id FROM contacts").fetchone() == (campaign,)


def test_the_script_editor_previews_on_a_real_patient_and_saves(tab, clinic, qtbot):
    from clinicdesk.ui.dialogs.script_editor import ScriptEditor

    editor = ScriptEditor(clinic, "zh_CN", tab.current_entry())
    qtbot.addWidget(editor)
    row = next(
        i for i, s in enumerate(editor.scripts) if s.reason == "recall" and s.language == "zh_CN"
    )
    editor.list.setCurrentRow(row)
    editor.body.setPlainText("{称呼}好！您的{上次项目}该复查了。{上次项木}")
    assert "上次项木" in editor.warning.text()
    editor.body.setPlainText("{称呼}好！您的{上次项目}该复查了。")
    assert editor.preview.text() == "赵女士好！您的洁牙该复查了。"
    assert editor.save()
    tab.show_entry(tab.current_entry())
    assert tab.entry_panel.script.toPlainText() == "赵女士好！您的洁牙该复查了。"


def test_a_tier_gets_its_own_script(tab, clinic, qtbot):
    from clinicdesk.core.calls import script_for
    from clinicdesk.ui.dialogs.script_editor import ScriptEditor

    editor = ScriptEditor(clinic, "zh_CN", tab.current_entry())
    qtbot.addWidget(editor)
    editor.list.setCurrentRow(
        next(
            i
            for i, s in enumerate(editor.scripts)
            if s.reason == "recall" and s.language == "zh_CN"
        )
    )
    editor.tier_combo.setCurrentIndex(editor.tier_combo.findData("A"))
    editor._on_add_tier_version()
    assert editor.current is not None and editor.current.tier == "A"
    editor.body.setPlainText("{称呼}，您是我们的 A 级贵宾，{上次项目}该复查了。")
    assert editor.save()
    assert script_for(clinic, "recall", "A", "zh_CN").body.startswith("{称呼}，您是我们的 A 级贵宾")
    assert not script_for(clinic, "recall", "B", "zh_CN").body.startswith("{称呼}，您是我们的")


def test_a_campaigns_tags_are_split_as_the_patient_files_are(clinic, qtbot):
    from clinicdesk.ui.dialogs.campaign_dialog import CampaignDialog

    dialog = CampaignDialog(clinic, "zh_CN")
    qtbot.addWidget(dialog)
    dialog.tags.setText("读书会、高尔夫，瑜伽")
    dialog.tiers["A"].setChecked(True)
    assert dialog.target() == {"tiers": ["A"], "tags": ["读书会", "高尔夫", "瑜伽"]}


def test_a_tab_left_open_overnight_builds_the_new_days_list(tab, qtbot):
    tab.hide()
    tab.today = TODAY - dt.timedelta(days=1)  # the list was built yesterday
    with qtbot.waitSignal(tab.runner.idle, timeout=10_000):
        tab.show()
    assert tab.today == dt.date.today()


def test_a_call_logged_while_another_program_writes_stays_on_the_list(
    tab, clinic, locked, monkeypatch
):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    tab.entry_panel.note.setText("下周六来")
    tab.work.log("reached")
    assert len(shown) == 1 and "正忙" in shown[0]
    assert tab.model.rowCount() == 3 and tab.entry_panel.note.text() == "下周六来"
    assert tab.entry_panel.outcome_buttons["reached"].isEnabled()
    locked.rollback()
    tab.work.log("reached")
    assert tab.model.rowCount() == 2 and tab.entry_panel.note.text() == ""
    assert clinic.execute("SELECT outcome, note FROM contacts").fetchall() == [
        ("reached", "下周六来")
    ]


def test_the_chosen_patient_stays_chosen_when_the_list_is_rebuilt(tab, clinic):
    tab.view.selectRow(2)
    chosen = tab.current_entry().patient_id
    tab.order.setCurrentIndex(tab.order.findData("easiest"))  # rebuilt in another order
    assert tab.current_entry().patient_id == chosen
    tab.set_segmentation(tab.result)  # new tiers: rebuilt again
    assert tab.current_entry().patient_id == chosen


def test_when_the_chosen_patient_left_the_list_the_next_one_is_chosen(tab, clinic):
    tab.view.selectRow(1)
    gone = tab.current_entry().patient_id
    clinic.execute("UPDATE patients SET do_not_call = 1 WHERE id = ?", [gone])
    clinic.conn.commit()
    tab.refresh()
    assert tab.model.rowCount() == 2 and tab.view.currentIndex().row() == 1
    assert tab.current_entry().patient_id != gone


# Issue 16: the day's workload in the header, the forecast, tries, priority.


def outcomes_logged(clinic):
    return [r[0] for r in clinic.execute("SELECT outcome FROM contacts ORDER BY id")]


def test_the_header_shows_the_two_parts_and_the_backlog(qtbot, clinic, clinic_path, settings):
    clinic["settings"].upsert({"key": "call_rules", "value": '{"calls_per_caller": 1}'}, pk="key")
    tab = make_tab(qtbot, clinic, clinic_path, settings)
    assert tab.model.rowCount() == 1
    assert tab.count.text() == "今日 1 位（必打 0 · 按优先级 1）· 待回访 2 位"
    tab.caller.spin.setValue(3)  # two more callers today: everyone fits
    assert tab.count.text() == "今日 3 位（必打 0 · 按优先级 3）· 待回访 0 位"
    tab.runner.shutdown()


def test_the_forecast_chart_is_drawn_from_the_days_plan(tab):
    assert len(tab.forecast.forecast) == 14
    assert tab.forecast.pixmap() is not None and not tab.forecast.pixmap().isNull()


def test_must_calls_come_first_and_are_marked(tab, clinic, qtbot):
    from clinicdesk.core.db.records import add_care_date

    wang = tab.model.entries[-1].patient_id
    add_care_date(clinic, wang, kind="follow_up", date=TODAY.isoformat(), title="术后第三天回访")
    tab.refresh()
    first = tab.model.entries[0]
    assert first.patient_id == wang and first.must_call
    priority = tab.model.COLUMNS.index("priority")
    assert tab.shown.index(0, priority).data() == "必打"
    assert tab.count.text().startswith("今日 3 位（必打 1 · 按优先级 2）")


def test_the_priority_is_explained_in_its_tooltip(tab):
    from clinicdesk.core.calls.priority import explain

    column = tab.model.COLUMNS.index("priority")
    entry = tab.current_entry()
    tooltip = tab.shown.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == explain(entry.priority, "zh_CN") and tooltip.startswith("优先级")


def test_unanswered_tries_and_the_last_try_are_columns(tab, clinic):
    entry = tab.current_entry()
    day = (TODAY - dt.timedelta(days=20)).isoformat()
    log_contact(clinic, entry.patient_id, outcome="no_answer", contacted_at=day + "T10:00:00",
                reason="recall")  # fmt: skip
    tab.refresh()
    row = tab.shown.row_of(entry.patient_id)
    tries, last = (tab.model.COLUMNS.index(c) for c in ("tries", "last_try"))
    assert (tab.shown.index(row, tries).data(), tab.shown.index(row, last).data()) == ("1", day)


# Safe outcomes: keys only where they cannot be typing; ask first; undo.


def test_a_key_pressed_in_the_note_field_logs_nothing(tab, clinic, qtbot):
    tab.entry_panel.note.setFocus()
    qtbot.keyClicks(tab.entry_panel.note, "16")
    assert outcomes_logged(clinic) == []
    assert tab.entry_panel.note.text() == "16"


def test_a_key_pressed_in_a_combo_box_logs_nothing(tab, clinic, qtbot):
    qtbot.keyClick(tab.order, Qt.Key.Key_1)
    qtbot.keyClick(tab.filters.combos["tier"], Qt.Key.Key_2)
    assert outcomes_logged(clinic) == []


def test_a_key_pressed_on_the_entry_panel_logs_the_outcome(tab, clinic, qtbot):
    qtbot.keyClick(tab.entry_panel.outcome_buttons["reached"], Qt.Key.Key_1)
    assert outcomes_logged(clinic) == ["reached"]


def test_the_keys_are_shown_on_the_buttons(tab):
    texts = [b.text() for b in tab.entry_panel.outcome_buttons.values()]
    assert texts == ["1 已接通", "2 已预约", "3 已拒绝", "4 未接听", "5 号码错误", "6 勿再来电"]


@pytest.mark.parametrize("outcome", ["do_not_call", "wrong_number"])
def test_do_not_call_and_wrong_number_ask_first(tab, clinic, monkeypatch, outcome):
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    tab.work.log(outcome)
    assert len(asked) == 1 and "赵敏" in asked[0][1]
    assert outcomes_logged(clinic) == [] and tab.model.rowCount() == 3
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.work.log(outcome)
    assert outcomes_logged(clinic) == [outcome] and tab.model.rowCount() == 2


def test_the_other_outcomes_ask_nothing(tab, clinic, monkeypatch):
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    tab.work.log("no_answer")
    assert asked == [] and outcomes_logged(clinic) == ["no_answer"]


def test_ctrl_z_undoes_the_last_call_and_the_patient_returns(tab, clinic, qtbot):
    zhao = tab.current_entry().patient_id
    tab.work.log("reached")
    assert tab.model.row_of(zhao) is None
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert outcomes_logged(clinic) == []
    assert tab.current_entry().patient_id == zhao and tab.model.rowCount() == 3
    assert "已撤销：赵敏（已接通）" in tab.notice.text()
    undone = clinic.execute("SELECT count(*) FROM audit_log WHERE action = 'call_undone'")
    assert undone.fetchone() == (1,)


def test_the_undo_button_takes_back_a_do_not_call(tab, clinic, monkeypatch):
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    zhao = tab.current_entry().patient_id
    tab.work.log("do_not_call")
    tab.entry_panel.undo_button.click()
    flag = clinic.execute("SELECT do_not_call FROM patients WHERE id = ?", [zhao]).fetchone()
    assert flag == (0,) and outcomes_logged(clinic) == []


def test_an_undo_that_is_refused_is_explained(tab, clinic, monkeypatch):
    from clinicdesk.core.db.appointments import set_status

    book_in_the_dialog(monkeypatch)
    tab.work.log("booked")
    set_status(clinic, clinic.execute("SELECT id FROM appointments").fetchone()[0], "attended")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    tab.work.undo_last()
    assert len(shown) == 1 and "到诊" in shown[0]
    assert outcomes_logged(clinic) == ["booked"]


def test_with_nothing_to_undo_it_says_so(tab, clinic):
    tab.work.undo_last()
    assert tab.notice.text() == "今天还没有您记录的电话可撤销。"


# Booking


def test_booked_asks_for_the_appointment_and_makes_it(tab, clinic, monkeypatch):
    book_in_the_dialog(monkeypatch, "2030-01-08 15:30")
    zhao = tab.current_entry().patient_id
    tab.work.log("booked")
    rows = clinic.execute("SELECT patient_id, starts_at, item, status FROM appointments")
    assert rows.fetchall() == [(zhao, "2030-01-08T15:30", "洁牙", "booked")]
    assert outcomes_logged(clinic) == ["booked"]


def test_a_booking_dialog_cancelled_logs_nothing(tab, clinic, monkeypatch):
    monkeypatch.setattr(BookingDialog, "exec", lambda _dialog: 0)
    tab.work.log("booked")
    assert outcomes_logged(clinic) == [] and tab.model.rowCount() == 3


def test_the_booking_dialog_needs_an_item(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    dialog = BookingDialog("预约", [], day=TODAY)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert shown == ["请写明预约的项目。"] and dialog.result() == 0


def test_tomorrows_appointment_comes_up_for_confirmation(tab, clinic):
    from clinicdesk.core.db.appointments import book
    from clinicdesk.ui.dialogs.booking_dialog import next_working_day

    li = next(e.patient_id for e in tab.model.entries if e.name == "李娜")
    day = next_working_day(TODAY, tab.rules.working_days)
    book(clinic, li, starts_at=f"{day.isoformat()} 09:30", item="洁牙")
    tab.refresh()
    first = tab.model.entries[0]
    assert first.patient_id == li and first.must_call and first.reason == "confirm"


# The caller


def test_the_caller_is_asked_once_a_day(qtbot, clinic, clinic_path, settings):
    from clinicdesk.ui.call_caller import CallerDialog

    tab = make_tab(qtbot, clinic, clinic_path, settings, caller=False)
    dialog = tab.findChild(CallerDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.callers.setValue(2)
    dialog.accept()
    assert tab.caller.caller_id == 1 and tab.caller.choice.callers == 2
    tab.runner.shutdown()
    again = make_tab(qtbot, clinic, clinic_path, settings, caller=False)  # later that day
    assert not any(d.isVisible() for d in again.findChildren(CallerDialog))
    assert again.caller.caller_id == 1 and again.caller.spin.value() == 2
    again.runner.shutdown()


def test_the_caller_is_recorded_and_signs_the_script(tab, clinic):
    assert "张敏" in tab.entry_panel.script.toPlainText()  # {我的名字}, the caller
    tab.work.log("reached")
    assert clinic.execute("SELECT staff_id FROM contacts").fetchone() == (1,)


def test_without_a_caller_nothing_is_logged(qtbot, clinic, clinic_path, settings, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    tab = make_tab(qtbot, clinic, clinic_path, settings, caller=False)
    tab.work.log("reached")
    assert outcomes_logged(clinic) == []
    tab.runner.shutdown()


def test_the_number_is_shown_in_full_to_dial_and_copied(tab):
    assert tab.entry_panel.dial.text() == "13800138002"
    assert tab.shown.index(0, tab.model.COLUMNS.index("mobile")).data() == "138****8002"
    tab.entry_panel.copy_number_button.click()
    assert QGuiApplication.clipboard().text() == "13800138002"


# Filters, sorting, search, remembered


def test_the_search_box_narrows_the_list_and_the_header_says_so(tab):
    tab.filters.search.setText("李")
    assert tab.shown.rowCount() == 1 and tab.current_entry().name == "李娜"
    assert tab.count.text().endswith("· 显示 1 位")


def test_a_tier_filter_is_remembered(qtbot, tab, clinic, clinic_path, settings):
    tier = tab.current_entry().tier
    combo = tab.filters.combos["tier"]
    combo.setCurrentIndex(combo.findData(tier))
    assert all(tab.shown.entry(r).tier == tier for r in range(tab.shown.rowCount()))
    again = make_tab(qtbot, clinic, clinic_path, settings)
    assert again.filters.combos["tier"].currentData() == tier
    again.runner.shutdown()


def test_a_reason_filter_keeps_the_patients_with_that_reason(tab):
    combo = tab.filters.combos["reason"]
    combo.setCurrentIndex(combo.findData("callback"))
    assert tab.shown.rowCount() == 0
    combo.setCurrentIndex(combo.findData(tab.model.entries[0].reason))
    assert tab.shown.rowCount() == 3


def test_clicking_a_column_header_sorts_the_list(tab, qtbot):
    name = tab.model.COLUMNS.index("name")
    tab.view.sortByColumn(name, Qt.SortOrder.AscendingOrder)
    shown = [tab.shown.entry(r).name for r in range(3)]
    assert shown == sorted(shown)
    tab.order.setCurrentIndex(tab.order.findData("value"))  # an order chosen: the plan's again
    assert [tab.shown.entry(r).name for r in range(3)] == [e.name for e in tab.model.entries]


def test_the_order_by_priority_is_offered_and_remembered(qtbot, tab, clinic, clinic_path, settings):
    assert tab.order.currentData() == "priority"
    tab.order.setCurrentIndex(tab.order.findData("easiest"))
    again = make_tab(qtbot, clinic, clinic_path, settings)
    assert again.order.currentData() == "easiest"
    again.runner.shutdown()


def test_a_campaign_with_two_wordings_shows_each_versions_figures(tab, clinic, monkeypatch):
    from clinicdesk.core.calls import create_campaign
    from clinicdesk.core.calls.script_store import save_script, script_id_for

    script = script_id_for(clinic, "campaign", None, "zh_CN")
    save_script(clinic, script, "{称呼}您好，第二种说法", "您好", side_by_side=True)
    campaign = create_campaign(clinic, "洁牙激活", {"tiers": ["A", "B", "C"]}, script)
    tab.campaigns.load()
    tab.campaigns.combo.setCurrentIndex(tab.campaigns.combo.findData(campaign))
    book_in_the_dialog(monkeypatch, item="洁牙")
    for outcome in ("booked", "no_answer", "booked"):
        tab.work.log(outcome)
    log = dict(clinic.execute(
        "SELECT v.version, count(*) FROM contacts c JOIN script_versions v"
        " ON v.id = c.script_version_id WHERE c.outcome = 'booked' GROUP BY v.version"
    ).fetchall())  # fmt: skip
    figures = tab.campaigns.figures.text()
    assert "已联系 3，接通 2，预约 2" in figures
    for version, calls in clinic.execute(
        "SELECT v.version, count(*) FROM contacts c JOIN script_versions v"
        " ON v.id = c.script_version_id GROUP BY v.version"
    ):
        assert f"第 {version} 版 {log.get(version, 0)}/{calls}" in figures


def test_the_lists_columns_are_sized_once_by_samples_not_on_each_rebuild(tab):
    # Measured from the rows (ResizeToContents), each rebuild spent 50-150 ms of the GUI
    # thread at 100,000 patients; only "why" stretches with the window.
    from PySide6.QtWidgets import QHeaderView

    from clinicdesk.ui.call_tab import CALL_SAMPLES
    from clinicdesk.ui.models.call_list import CallListModel

    header, metrics = tab.view.horizontalHeader(), tab.view.fontMetrics()
    modes = {c: header.sectionResizeMode(n) for n, c in enumerate(CallListModel.COLUMNS)}
    assert modes.pop("reasons") == QHeaderView.ResizeMode.Stretch
    assert set(modes.values()) == {QHeaderView.ResizeMode.Interactive}
    for n, column in enumerate(CallListModel.COLUMNS):
        if column in CALL_SAMPLES:
            assert tab.view.columnWidth(n) >= metrics.horizontalAdvance(CALL_SAMPLES[column])


def test_a_build_checks_its_task_s_cancel_between_its_reads(tab, monkeypatch):
    # A build that a newer one replaced (key "list") or a closed window's stops early.
    import clinicdesk.ui.call_tab as call_tab
    from clinicdesk.workers.runner import Task

    checks, plan = [], call_tab.plan_calls

    def planned(*args, check, **kwargs):
        checks.append(check)
        return plan(*args, check=check, **kwargs)

    monkeypatch.setattr(call_tab, "plan_calls", planned)
    tab.refresh()
    assert [c.__func__ for c in checks] == [Task.check]
    assert tab.model.rowCount() == 3


def test_the_tab_says_whether_a_build_is_under_way(tab, monkeypatch):
    # What --screenshots waits for before its picture of the list (it showed the old list
    # under "正在生成今日清单…" while the values' rebuild ran). Tasks run at once here:
    # the flag is read as the build is handed to the runner.
    seen, read = [], tab.runner.read

    def spy(*args, **kwargs):
        seen.append(tab.building)
        return read(*args, **kwargs)

    monkeypatch.setattr(tab.runner, "read", spy)
    assert not tab.building
    tab.refresh()
    assert seen[0] is True and not tab.building
