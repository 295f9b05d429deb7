"""The patient-file tab, driven as a receptionist would: type, open, edit, save, merge."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import set_setting
from clinicdesk.core.db.patients import add_patient, get_patient
from clinicdesk.core.db.records import add_charge, add_visit_note
from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation
from clinicdesk.ui.dialogs.merge_dialog import MergeDialog
from clinicdesk.ui.models.patient_list import IdRole, PatientListModel
from clinicdesk.ui.patient_tab import PatientTab
from clinicdesk.ui.tier_view import tier_view
from clinicdesk.workers.runner import SyncRunner

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def clinic(clinic_path):
    db = open_clinic(clinic_path)
    ids = {
        "王小明": add_patient(
            db,
            name="王小明",
            mobile="13800138000",
            sex="F",
            birth_date="1990-05-06",
            taboos="忌讳谈年龄",
        ),
        "李娜": add_patient(db, name="李娜", mobile="13912345678", card_no="VIP7"),
        "王晓明": add_patient(db, name="王晓明", mobile="13700001111"),
    }
    add_charge(db, ids["王小明"], date="2024-03-01", item="热玛吉", amount_fen=1_680_000)
    add_charge(db, ids["王小明"], date="2025-03-01", item="洁牙", amount_fen=29_800)
    yield db, ids
    db.close()


@pytest.fixture
def tab(qtbot, clinic, clinic_path):
    db, _ = clinic
    runner = SyncRunner(clinic_path, "zh_CN")  # saves are written before save() returns
    widget = PatientTab(db, runner, "zh_CN")
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    yield widget
    runner.shutdown()


def type_into(edit, text: str, qtbot) -> None:
    """Type as a person would: keys for ASCII, the input method's commit for Chinese."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def _names(tab) -> list[str]:
    return [tab.model.patient(r).name for r in range(tab.model.rowCount())]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("王小明", "王小明"),
        ("wxm", "王小明"),
        ("5678", "李娜"),
        ("vip7", "李娜"),
        ("1111", "王晓明"),
    ],
)
def test_typing_in_the_search_box_finds_the_patient(tab, qtbot, typed, expected):
    type_into(tab.search, typed, qtbot)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0 and _names(tab)[0] == expected, timeout=2000)


def test_results_mask_phones_until_revealed(tab, qtbot):
    type_into(tab.search, "李娜", qtbot)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    mobile = tab.model.index(0, tab.model.COLUMNS.index("mobile"))
    assert mobile.data() == "139****5678"
    tab.reveal_check.click()
    assert mobile.data() == "13912345678"


def test_the_list_model_is_a_correct_qt_model(clinic, qtmodeltester):
    db, ids = clinic
    model = PatientListModel(db, "zh_CN")
    model.set_ids(list(ids.values()))
    qtmodeltester.check(model)


def test_opening_a_patient_shows_the_file_with_taboos_prominent(tab, clinic, qtbot):
    _, ids = clinic
    assert tab.open_patient(ids["王小明"])
    assert tab.file.title.text() == "王小明"
    assert tab.file.taboo_banner.isVisible() and "忌讳谈年龄" in tab.file.taboo_banner.text()
    assert tab.file.form.edits["mobile"].text() == "13800138000"


def test_edit_and_save_is_one_write_and_the_list_follows(tab, clinic, qtbot):
    db, ids = clinic
    tab.open_patient(ids["李娜"])
    type_into(tab.file.form.edits["occupation"], "教师", qtbot)
    assert tab.file.save_button.isEnabled()
    qtbot.mouseClick(tab.file.save_button, Qt.MouseButton.LeftButton)
    assert get_patient(db, ids["李娜"]).occupation == "教师"
    assert not tab.file.is_dirty()


def test_a_bad_phone_is_refused_with_a_message_and_nothing_is_saved(tab, clinic, monkeypatch):
    db, ids = clinic
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    tab.open_patient(ids["李娜"])
    tab.file.form.edits["mobile"].setText("12345")
    tab.file.save()
    assert tab.file.is_dirty() and tab.file.form.edits["mobile"].text() == "12345"
    assert shown == ["手机号：“12345”不是有效的中国大陆手机号（11 位，以 1 开头）。"]
    assert get_patient(db, ids["李娜"]).mobile == "13912345678"


def test_revert_cancels_an_edit(tab, clinic, qtbot):
    _, ids = clinic
    tab.open_patient(ids["李娜"])
    type_into(tab.file.form.edits["address"], "杭州", qtbot)
    assert tab.file.is_dirty()
    tab.file.revert_button.click()
    assert tab.file.form.edits["address"].text() == "" and not tab.file.is_dirty()


def test_switching_patient_with_unsaved_edits_asks_first(tab, clinic, monkeypatch):
    db, ids = clinic
    tab.open_patient(ids["李娜"])
    tab.file.form.edits["address"].setText("杭州")
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel
    )
    assert tab.open_patient(ids["王小明"]) is False
    assert tab.file.patient_id == ids["李娜"] and tab.file.is_dirty()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Save)
    assert tab.open_patient(ids["王小明"]) is True
    assert get_patient(db, ids["李娜"]).address == "杭州"


def test_a_new_patient_is_created_and_found(tab, clinic, qtbot):
    db, _ = clinic
    tab.new_patient()
    tab.file.form.edits["name"].setText("曾明")
    tab.file.form.edits["mobile"].setText("138 0000 0001")
    tab.file.save()
    pid = tab.file.patient_id
    assert get_patient(db, pid).mobile == "13800000001"
    qtbot.keyClicks(tab.search, "zm")
    qtbot.waitUntil(lambda: tab.model.rowCount() and tab.model.index(0, 0).data(IdRole) == pid)


def test_adding_a_charge_changes_the_totals(tab, clinic):
    db, ids = clinic
    tab.open_patient(ids["王小明"])
    charges = tab.file.panels["charges"]
    assert charges.totals.text().startswith("累计：¥17,098")
    charges.item.setText("水光针")
    charges.amount.setText("1,280")
    charges.date.setDate(charges.date.date().fromString("2025-04-01", "yyyy-MM-dd"))
    charges._on_add_clicked()
    assert charges.totals.text() == "累计：¥18,378   2025: ¥1,578   2024: ¥16,800"
    assert charges.table.rowCount() == 3


def test_a_charge_without_an_amount_is_refused_with_a_plain_message(tab, clinic, monkeypatch):
    db, ids = clinic
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    tab.open_patient(ids["李娜"])
    charges = tab.file.panels["charges"]
    charges.item.setText("水光针")
    charges._on_add_clicked()
    assert shown == ["金额不能为空。"]
    assert charges.table.rowCount() == 0 and charges.item.text() == "水光针"


def test_archive_and_restore(tab, clinic, monkeypatch):
    db, ids = clinic
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    tab.open_patient(ids["王晓明"])
    tab.file.archive_button.click()
    assert get_patient(db, ids["王晓明"]).archived == 1
    assert tab.file.archive_button.text() == "恢复(&R)"
    tab.file.archive_button.click()
    assert get_patient(db, ids["王晓明"]).archived == 0


def test_archiving_keeps_the_edits_not_yet_saved(tab, clinic, monkeypatch, qtbot):
    db, ids = clinic
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    tab.open_patient(ids["王晓明"])
    type_into(tab.file.form.edits["wechat"], "wxm_1990", qtbot)
    tab.file.archive_button.click()
    assert get_patient(db, ids["王晓明"]).archived == 1
    assert tab.file.form.edits["wechat"].text() == "wxm_1990" and tab.file.is_dirty()


def test_after_new_patient_a_click_on_the_open_row_opens_it_again(tab, clinic, qtbot):
    _db, ids = clinic
    rect = tab.view.visualRect(tab.model.index(tab.model.row_of(ids["李娜"]), 0))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.file.patient_id == ids["李娜"]
    tab.new_patient()
    assert tab.file.patient_id is None
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.file.patient_id == ids["李娜"] and tab.file.title.text() == "李娜"


def test_merging_two_files_loses_nothing(tab, clinic, qtbot):
    db, ids = clinic
    add_visit_note(db, ids["王晓明"], visit_date="2025-01-01", note="怕疼")
    add_charge(db, ids["王晓明"], date="2025-02-01", item="补牙", amount_fen=50_000)
    dialog = MergeDialog(db, ids["王小明"], ids["王晓明"], "zh_CN")
    qtbot.addWidget(dialog)
    fields = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "姓名" in fields and "手机号" in fields
    assert "2 条消费记录" not in dialog.summary.text() and "1 条消费记录" in dialog.summary.text()
    dialog.accept()
    assert db.execute(
        "SELECT count(*) FROM charges WHERE patient_id = ?", [ids["王小明"]]
    ).fetchone() == (3,)
    assert get_patient(db, ids["王晓明"]).merged_into == ids["王小明"]
    assert get_patient(db, ids["王小明"]).name == "王小明"


def test_the_list_shows_the_latest_runs_tiers_and_the_clinics_levels_once_there(tab, clinic):
    db, ids = clinic
    tier, level = tab.model.COLUMNS.index("tier"), tab.model.COLUMNS.index("membership")
    row = tab.model.row_of(ids["王小明"])  # ¥17,098 spent
    assert tab.model.index(row, tier).data() == ""  # no run saved yet
    assert tab.model.index(row, level).data() == "银卡"  # the default levels
    set_setting(db, "membership_levels", [["gold", 1_500_000]])  # this clinic: ¥15,000
    today = dt.date(2025, 12, 1)  # his last visit, 2025-03-01, in the period
    result = run_segmentation(db, clinic_params(db, TierParams.last_twelve_months(today)))
    tab.model.set_segmentation(tier_view(result))
    assert [r.patient_id for r in result.tiers.rows] == [ids["王小明"]]
    assert tab.model.index(row, tier).data() == result.tiers.rows[0].tier
    assert tab.model.index(row, level).data() == "金卡"


def test_a_search_still_waiting_runs_when_the_tab_is_left(tab, clinic, qtbot):
    _db, ids = clinic
    qtbot.keyClicks(tab.search, "5678")
    tab.hide()  # another tab chosen within the typing pause
    assert tab.model.ids == [ids["李娜"]]


def test_what_a_history_panel_writes_shows_in_the_list_and_the_form(tab, clinic):
    db, ids = clinic
    tab.open_patient(ids["李娜"])
    row, spend = tab.model.row_of(ids["李娜"]), tab.model.COLUMNS.index("spend")
    assert tab.model.index(row, spend).data() == "¥0"
    charges = tab.file.panels["charges"]
    charges.item.setText("洁牙")
    charges.amount.setText("100")
    charges._on_add_clicked()
    assert tab.model.index(row, spend).data() == "¥100"
    contacts = tab.file.panels["contacts"]
    contacts.outcome.setCurrentIndex(contacts.outcome.findData("do_not_call"))
    contacts._on_add_clicked()
    assert get_patient(db, ids["李娜"]).do_not_call == 1
    assert tab.file.form.do_not_call.isChecked() and not tab.file.is_dirty()


def test_a_save_while_another_program_writes_says_so_and_keeps_the_edits(
    tab, clinic, locked, monkeypatch
):
    db, ids = clinic
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    tab.open_patient(ids["李娜"])
    tab.file.form.edits["occupation"].setText("教师")
    tab.file.save()
    assert len(shown) == 1 and "正忙" in shown[0] and "locked" not in shown[0]
    assert tab.file.is_dirty() and tab.file.form.edits["occupation"].text() == "教师"
    assert tab.file.form.isEnabled()
    locked.rollback()
    tab.file.save()
    assert get_patient(db, ids["李娜"]).occupation == "教师" and not tab.file.is_dirty()


def test_saving_before_leaving_while_the_file_is_busy_stays_on_the_file(
    tab, clinic, locked, monkeypatch
):
    db, ids = clinic
    db.execute("PRAGMA busy_timeout = 100")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Save)
    tab.open_patient(ids["李娜"])
    tab.file.form.edits["address"].setText("杭州")
    assert tab.open_patient(ids["王小明"]) is False
    assert tab.file.patient_id == ids["李娜"] and tab.file.form.edits["address"].text() == "杭州"
    assert "正忙" in shown[0]


def test_the_search_runs_on_a_reader_and_the_newest_search_wins(
    qtbot, clinic, clinic_path, monkeypatch
):
    import threading

    from clinicdesk.ui import patient_tab
    from clinicdesk.workers.runner import TaskRunner

    db, ids = clinic
    threads, real = [], patient_tab.ranked_search

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(patient_tab, "ranked_search", watched)
    runner = TaskRunner(clinic_path, "zh_CN")
    widget = PatientTab(db, runner, "zh_CN")
    qtbot.addWidget(widget)
    try:
        for text in ("李", "王"):  # typed quickly: the list ends on the last text's patients
            widget.search.setText(text)
            widget.run_search()
        qtbot.waitUntil(lambda: not runner.busy() and widget.model.text == "王")
        assert set(widget.model.ids) == {ids["王小明"], ids["王晓明"]}
        assert threads and threading.main_thread() not in threads
        widget.search.setText("李娜")
        widget.search.returnPressed.emit()  # Enter: the first patient found is chosen
        qtbot.waitUntil(lambda: widget.view.currentIndex().row() == 0)
        assert widget.model.ids == [ids["李娜"]]
    finally:
        runner.shutdown()


def test_the_first_page_comes_with_the_search_and_a_refresh_reads_on_a_reader(
    qtbot, clinic, clinic_path
):
    from clinicdesk.workers.runner import TaskRunner

    db, ids = clinic
    runner = TaskRunner(clinic_path, "zh_CN")
    widget = PatientTab(db, runner, "zh_CN")
    qtbot.addWidget(widget)
    said: list[str] = []
    db.conn.set_trace_callback(said.append)  # the GUI thread's own connection
    try:
        widget.search.setText("王")
        widget.run_search()
        qtbot.waitUntil(lambda: not runner.busy() and widget.model.text == "王")
        model = widget.model
        said.clear()
        shown = {
            model.index(r, c).data()
            for r in range(model.rowCount())
            for c in range(len(model.COLUMNS))
        }
        assert "王小明" in shown and said == []  # no SQL on the GUI thread to show them

        db["patients"].update(ids["王小明"], {"name": "王小明明"})
        said.clear()
        model.refresh()
        row = model.row_of(ids["王小明"])
        name = model.COLUMNS.index("name")
        assert model.index(row, name).data() == "王小明"  # the old row, until the new one
        qtbot.waitUntil(lambda: model.index(row, name).data() == "王小明明")
        assert said == []
    finally:
        db.conn.set_trace_callback(None)
        runner.shutdown()


def test_a_refresh_reaches_the_list_even_when_it_is_sorted_meanwhile(
    qtbot, clinic, clinic_path, monkeypatch
):
    import threading

    from clinicdesk.ui.models import patient_list
    from clinicdesk.workers.runner import TaskRunner

    db, ids = clinic
    runner = TaskRunner(clinic_path, "zh_CN")
    widget = PatientTab(db, runner, "zh_CN")
    qtbot.addWidget(widget)
    try:
        widget.search.setText("王")
        widget.run_search()
        qtbot.waitUntil(lambda: not runner.busy() and widget.model.text == "王")
        model, name = widget.model, widget.model.COLUMNS.index("name")
        db["patients"].update(ids["王晓明"], {"name": "王晓明明"})
        sorted_, real = threading.Event(), patient_list.patient_rows
        model.modelReset.connect(sorted_.set)

        def after_the_sort(*args, **kwargs):  # the refresh's read ends after the sort shows
            sorted_.wait(5)
            return real(*args, **kwargs)

        monkeypatch.setattr(patient_list, "patient_rows", after_the_sort)
        model.refresh()
        model.sort(name, Qt.SortOrder.DescendingOrder)  # a click on a header, at once
        qtbot.waitUntil(lambda: not runner.busy())
        assert sorted_.is_set()
        shown = {model.index(r, name).data() for r in range(model.rowCount())}
        assert "王晓明明" in shown
    finally:
        runner.shutdown()
