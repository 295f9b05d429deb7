"""The call-list tab: built in the worker, worked from the keyboard, exported."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from sqlite_utils import Database

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import add_staff
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge, log_contact
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from clinicdesk.ui.call_tab import CallTab
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


@pytest.fixture
def tab(qtbot, clinic, clinic_path):
    runner = SyncRunner(clinic_path, "zh_CN")  # tasks run at once: a deterministic tab
    widget = CallTab(clinic, runner, "zh_CN")
    widget.load_staff()
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    result = run_segmentation(clinic, EngineParams(TierParams.last_twelve_months(TODAY)))
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        widget.set_segmentation(result)
    yield widget
    runner.shutdown()


def test_the_list_shows_who_to_call_with_the_script(tab):
    assert tab.model.rowCount() == 3
    assert [e.name for e in tab.model.entries][0] == "赵敏"  # the most valuable first
    assert tab.count.text() == "今日需回访 3 位顾客"
    assert "忌讳：忌讳谈年龄" in tab.summary.text() and "洁牙到期" in tab.summary.text()
    assert tab.script.toPlainText().startswith("赵女士您好")
    assert tab.model.index(0, 3).data() == "138****8002"


def test_logging_an_outcome_writes_the_log_and_moves_on(tab, clinic, qtbot):
    tab.view.setFocus()
    tab.note.setText("下周六来")
    qtbot.mouseClick(tab.outcome_buttons["booked"], Qt.MouseButton.LeftButton)
    assert clinic.execute("SELECT outcome, note FROM contacts").fetchall() == [
        ("booked", "下周六来")
    ]
    assert tab.model.rowCount() == 2 and tab.current_entry().name == "李娜"
    assert "预约 1" in tab.progress.text()


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
    assert f"{when} 其他 问价格" in tab.summary.text()
    assert f"{when} 未接听" in tab.summary.text()
    assert "other" not in tab.summary.text()


def test_copy_puts_the_script_on_the_clipboard(tab):
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == tab.script.toPlainText()


def test_claiming_needs_a_caller_and_is_stored(tab, clinic):
    tab.staff.setCurrentIndex(tab.staff.findText("张敏"))
    tab.claim_button.click()
    assert clinic.execute("SELECT count(*) FROM call_claims").fetchone() == (1,)
    assert tab.claim_button.text() == "已认领"
    tab.view.selectRow(1)  # the next patient is not claimed yet
    assert tab.claim_button.text() == "由我认领"
    tab.view.selectRow(0)
    assert tab.claim_button.text() == "已认领"


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
def test_an_export_that_cannot_be_written_is_a_warning(tab, tmp_path, monkeypatch, suffix):
    import clinicdesk.ui.call_tab as call_tab_module

    shown = []
    monkeypatch.setattr(
        call_tab_module.QMessageBox, "warning", lambda _p, _t, text: shown.append(text)
    )
    target = tmp_path / "gone" / f"calls.{suffix}"
    monkeypatch.setattr(
        call_tab_module.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    tab._on_export_clicked()
    assert len(shown) == 1 and "gone" in shown[0]


def test_a_contact_today_keeps_a_patient_off_the_rebuilt_list(tab, clinic, qtbot):
    tab.log("reached")
    with qtbot.waitSignal(tab.runner.idle, timeout=10_000):
        tab.refresh()
    assert "赵敏" not in [e.name for e in tab.model.entries]
    assert Database  # the file was written through the tab's own connection


def test_a_campaign_has_its_own_list_script_and_figures(tab, clinic, qtbot):
    from clinicdesk.core.calls import create_campaign

    campaign = create_campaign(
        clinic, "洁牙激活 2026-12", {"tiers": ["A"], "offer": "免费洁牙一次"}
    )
    tab.load_campaigns()
    with qtbot.waitSignal(tab.runner.idle, timeout=10_000):
        tab.list_choice.setCurrentIndex(tab.list_choice.findData(campaign))
    assert tab.model.rowCount() >= 1
    assert "免费洁牙一次" in tab.script.toPlainText()
    tab.log("booked")
    assert "预约 1（转化率 100%）" in tab.campaign_figures.text()
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
    assert tab.script.toPlainText() == "赵女士好！您的洁牙该复查了。"


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
    tab.note.setText("下周六来")
    tab.log("booked")
    assert len(shown) == 1 and "正忙" in shown[0]
    assert tab.model.rowCount() == 3 and tab.note.text() == "下周六来"
    assert tab.outcome_buttons["booked"].isEnabled()
    locked.rollback()
    tab.log("booked")
    assert tab.model.rowCount() == 2 and tab.note.text() == ""
    assert clinic.execute("SELECT outcome, note FROM contacts").fetchall() == [
        ("booked", "下周六来")
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
